/* Reading-room visits (查阅点接待) and the annual tallies kept outside the platform's
 * records (行政许可、处罚、强制决定数, 行政事业性收费, 举报投诉).
 *
 * 2018: the seed's 33 visits, as twelve monthly entries of the 工农区档案馆 reading point,
 * and complaints = 0. Later years add a second reading point at the 政务服务中心 (2020 on)
 * and a quieter spring 2020. */
#include "demo/demo_internal.h"
#include <stdlib.h>
#include <string.h>

#define POINT_ARCHIVE "工农区档案馆政府信息公开查阅点"
#define POINT_SERVICE "工农区政务服务中心政府信息公开查阅点"

struct visit {
    gk_date date;
    int count;
    const char *agency, *point;
};

static int by_date(const void *a, const void *b)
{
    const struct visit *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return strcmp(x->point, y->point);
}

void demo_visits(struct demo_ctx *ctx)
{
    /* 2018: sums to the seed's 33. */
    static const int archive2018[12] = {2, 3, 4, 2, 3, 3, 2, 4, 3, 2, 3, 2};
    static const int archive2017[12] = {0, 0, 0, 0, 0, 0, 3, 2, 4, 3, 2, 3};
    for (int y = DEMO_FIRST_YEAR; y <= DEMO_LAST_YEAR; y++) {
        struct demo_rng r;
        demo_rng_seed(&r, "visits", y);
        struct visit v[16];
        int n = 0;
        for (int m = 1; m <= 12; m++) {
            int count = y == 2017 ? archive2017[m - 1] : y == 2018 ? archive2018[m - 1] : demo_rng_int(&r, 1, 6);
            if (y == 2020 && (m == 2 || m == 3))
                count = 0; /* the reading room was closed */
            if (!count)
                continue;
            gk_date first = date_from_ymd(y, m, 1);
            gk_date last = m == 12 ? date_from_ymd(y, 12, 31) : date_from_ymd(y, m + 1, 1) - 1;
            v[n++] = (struct visit){demo_random_workday(&r, first + 10, last), count, "gn-dag", POINT_ARCHIVE};
        }
        if (y >= 2020)
            for (int q = 0; q < 4; q++) {
                /* Quarterly entries of the service centre's reading point, at the quarter end. */
                gk_date end = q == 3 ? date_from_ymd(y, 12, 31) : date_from_ymd(y, q * 3 + 4, 1) - 1;
                v[n++] = (struct visit){demo_random_workday(&r, end - 8, end), demo_rng_int(&r, 6, 20),
                                        "gn-bgs", POINT_SERVICE};
            }
        qsort(v, (size_t)n, sizeof v[0], by_date);
        for (int i = 0; i < n; i++) {
            char id[32];
            snprintf(id, sizeof id, "GN-V-%d-%02d", y, i + 1);
            json_t *rec = json_object();
            json_object_set_new(rec, "type", json_string("visit"));
            json_object_set_new(rec, "id", json_string(id));
            json_object_set_new(rec, "agency", json_string(v[i].agency));
            demo_set_date(rec, "date", v[i].date);
            json_object_set_new(rec, "count", json_integer(v[i].count));
            json_object_set_new(rec, "point", json_string(v[i].point));
            demo_emit(ctx, rec);
        }
    }
}

/* Yearly volumes of 2019 per agency; later years drift from them. Townships gained
 * enforcement powers in the 2021 reform (综合行政执法下沉), hence their penalties from 2021. */
struct tally_base {
    const char *code;
    int licensing, penalty, coercion;
    long fees_yuan; /* 行政事业性收费 collected, in yuan */
    int from_penalty; /* first year with penalties (0 = always) */
};

static const struct tally_base tally_bases[] = {
    {DEMO_ROOT, 0, 0, 0, 0, 0},
    {"gn-bgs", 0, 0, 0, 0, 0},
    {"gn-fgj", 15, 1, 0, 0, 0},
    {"gn-czj", 0, 2, 0, 0, 0},
    {"gn-rsj", 22, 6, 0, 0, 0},
    {"gn-zjj", 85, 12, 2, 368412, 0},
    {"gn-scjgj", 460, 75, 18, 45600, 0},
    {"gn-mzj", 8, 0, 0, 0, 0},
    {"gn-dag", 0, 0, 0, 0, 0},
    {"gn-hjjd", 0, 5, 0, 0, 2021},
    {"gn-ycjd", 0, 4, 0, 0, 2021},
    {"gn-hbjd", 0, 3, 0, 0, 2021},
};

static int drift(struct demo_rng *r, int base)
{
    if (base == 0)
        return 0;
    int d = base / 5 + 1;
    int v = base + demo_rng_int(r, -d, d);
    return v < 0 ? 0 : v;
}

static void emit_tally(struct demo_ctx *ctx, const char *agency, int year, const char *key, json_t *value)
{
    json_t *rec = json_object();
    json_object_set_new(rec, "type", json_string("tally"));
    json_object_set_new(rec, "agency", json_string(agency));
    json_object_set_new(rec, "year", json_integer(year));
    json_object_set_new(rec, "key", json_string(key));
    json_object_set_new(rec, "value", value);
    demo_emit(ctx, rec);
}

void demo_tallies(struct demo_ctx *ctx)
{
    /* The legacy layout's 举报投诉: none in the seed year, none the year before. */
    emit_tally(ctx, DEMO_ROOT, 2017, "complaints", json_integer(0));
    emit_tally(ctx, DEMO_ROOT, 2018, "complaints", json_integer(0));
    for (int y = 2019; y <= DEMO_LAST_YEAR; y++) {
        struct demo_rng r;
        demo_rng_seed(&r, "tallies", y);
        for (size_t i = 0; i < DEMO_COUNT(tally_bases); i++) {
            const struct tally_base *b = &tally_bases[i];
            emit_tally(ctx, b->code, y, "licensing_decisions", json_integer(drift(&r, b->licensing)));
            int penalty = b->from_penalty && y < b->from_penalty ? 0 : drift(&r, b->penalty);
            emit_tally(ctx, b->code, y, "penalty_decisions", json_integer(penalty));
            emit_tally(ctx, b->code, y, "coercion_decisions", json_integer(drift(&r, b->coercion)));
            /* 万元 with four places (whole yuan): 368412 yuan → "36.8412". */
            int spread = (int)(b->fees_yuan / 5);
            long yuan = b->fees_yuan ? b->fees_yuan + demo_rng_int(&r, -spread, spread) : 0;
            char amount[32];
            snprintf(amount, sizeof amount, "%ld.%04ld", yuan / 10000, yuan % 10000);
            emit_tally(ctx, b->code, y, "admin_fees_wan_yuan", json_string(amount));
        }
    }
}
