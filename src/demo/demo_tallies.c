/* Reading-room visits (查阅点接待) and the annual tallies kept outside the platform's
 * records (行政许可、处罚、强制决定数, 行政事业性收费, 举报投诉).
 *
 * 2018: the seed's 33 visits, as twelve monthly entries of the 工农区档案馆 reading point,
 * and complaints = 0. Later years add a second reading point at the 政务服务中心 (2020 on)
 * and a quieter spring 2020. The facts (the fixed visits, the reading points, each agency's
 * volumes and matters) are in assets/demo/tallies.json; this file plans the years. */
#include "demo/demo_internal.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

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

static int fixed_month(const char *key, int m)
{
    return (int)json_integer_value(json_array_get(demo_data_get("tallies.json", key), (size_t)m - 1));
}

void demo_visits(struct demo_ctx *ctx)
{
    json_t *points = demo_data_get("tallies.json", "reading_points");
    json_t *archive = json_object_get(points, "archive"), *centre = json_object_get(points, "service_centre");
    int centre_from = (int)json_integer_value(json_object_get(centre, "from"));
    for (int y = DEMO_FIRST_YEAR; y <= DEMO_LAST_YEAR; y++) {
        struct demo_rng r;
        demo_rng_seed(&r, "visits", y);
        struct visit v[16];
        int n = 0;
        for (int m = 1; m <= 12; m++) {
            int count = y == 2017 ? fixed_month("visits_2017", m) : y == 2018 ? fixed_month("visits_2018", m)
                                                                               : demo_rng_int(&r, 1, 6);
            if (y == 2020 && (m == 2 || m == 3))
                count = 0; /* the reading room was closed */
            if (!count)
                continue;
            gk_date first = date_from_ymd(y, m, 1);
            gk_date last = m == 12 ? date_from_ymd(y, 12, 31) : date_from_ymd(y, m + 1, 1) - 1;
            v[n++] = (struct visit){demo_random_workday(&r, first + 10, last), count, demo_str(archive, "agency"),
                                    demo_str(archive, "point")};
        }
        if (y >= centre_from)
            for (int q = 0; q < 4; q++) {
                /* Quarterly entries of the service centre's reading point, at the quarter end. */
                gk_date end = q == 3 ? date_from_ymd(y, 12, 31) : date_from_ymd(y, q * 3 + 4, 1) - 1;
                v[n++] = (struct visit){demo_random_workday(&r, end - 8, end), demo_rng_int(&r, 6, 20),
                                        demo_str(centre, "agency"), demo_str(centre, "point")};
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

static int base_int(const json_t *b, const char *key)
{
    return (int)json_integer_value(json_object_get(b, key));
}

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

/* The matters (事项) an agency holds, per kind, for the 2019 layout's 上一年项目数量 and
 * 本年增/减: a year starts from the count the previous one ended with, so the figures of
 * consecutive reports agree. A kind grows when the agency gains the power (penalty_from). */
static const char *const item_kinds[] = {"licensing", "penalty", "coercion", "admin_fees"};
#define NKINDS 4

static void emit_items(struct demo_ctx *ctx, struct demo_rng *r, const json_t *b, int y, int held[NKINDS])
{
    const char *code = demo_str(b, "agency");
    int from = base_int(b, "penalty_from");
    for (int k = 0; k < NKINDS; k++) {
        int change = 0;
        if (k == 1 && from && y == from)
            change = 8 * base_int(b, "penalty_decisions"); /* the powers handed down in the reform */
        else if (held[k] > 0)
            change = demo_rng_int(r, -2, 2) + (held[k] >= 20 ? demo_rng_int(r, -2, 2) : 0);
        if (held[k] + change < 0)
            change = -held[k];
        char key[48];
        snprintf(key, sizeof key, "%s_items_prev", item_kinds[k]);
        emit_tally(ctx, code, y, key, json_integer(held[k]));
        snprintf(key, sizeof key, "%s_items_change", item_kinds[k]);
        emit_tally(ctx, code, y, key, json_integer(change));
        held[k] += change;
    }
}

void demo_tallies(struct demo_ctx *ctx)
{
    json_t *bases = demo_data_get("tallies.json", "bases");
    size_t nb = json_array_size(bases);
    int(*held)[NKINDS] = xcalloc(nb ? nb : 1, sizeof *held);
    for (size_t i = 0; i < nb; i++)
        for (int k = 0; k < NKINDS; k++)
            held[i][k] = base_int(json_object_get(json_array_get(bases, i), "items_2018"), item_kinds[k]);
    /* The legacy layout's 举报投诉: none in the seed year, none the year before. */
    emit_tally(ctx, DEMO_ROOT, 2017, "complaints", json_integer(0));
    emit_tally(ctx, DEMO_ROOT, 2018, "complaints", json_integer(0));
    for (int y = 2019; y <= DEMO_LAST_YEAR; y++) {
        struct demo_rng r, ri;
        demo_rng_seed(&r, "tallies", y);
        demo_rng_seed(&ri, "tally-items", y); /* its own stream: the decision figures stay put */
        for (size_t i = 0; i < nb; i++) {
            const json_t *b = json_array_get(bases, i);
            const char *code = demo_str(b, "agency");
            int from = base_int(b, "penalty_from");
            emit_tally(ctx, code, y, "licensing_decisions", json_integer(drift(&r, base_int(b, "licensing_decisions"))));
            int penalty = from && y < from ? 0 : drift(&r, base_int(b, "penalty_decisions"));
            emit_tally(ctx, code, y, "penalty_decisions", json_integer(penalty));
            emit_tally(ctx, code, y, "coercion_decisions", json_integer(drift(&r, base_int(b, "coercion_decisions"))));
            /* 万元 with four places (whole yuan): 368412 yuan → "36.8412". */
            long base_yuan = (long)json_integer_value(json_object_get(b, "admin_fees_yuan"));
            int spread = (int)(base_yuan / 5);
            long yuan = base_yuan ? base_yuan + demo_rng_int(&r, -spread, spread) : 0;
            char amount[32];
            snprintf(amount, sizeof amount, "%ld.%04ld", yuan / 10000, yuan % 10000);
            emit_tally(ctx, code, y, "admin_fees_wan_yuan", json_string(amount));
            emit_items(ctx, &ri, b, y, held[i]);
        }
    }
    free(held);
}
