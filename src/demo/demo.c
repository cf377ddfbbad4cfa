/* Driver of the demo data set, and the small machinery every section shares: the random
 * stream, the working-day calendar and record output. */
#include "demo/demo.h"
#include "demo/demo_internal.h"
#include "util/embed.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

/* ---- random stream ---- */

void demo_rng_seed(struct demo_rng *r, const char *stream, int year)
{
    /* FNV-1a of the stream name, mixed with the year: a fixed, documented seed per stream. */
    uint64_t h = 0xcbf29ce484222325u;
    for (const unsigned char *p = (const unsigned char *)stream; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3u;
    }
    h ^= (uint64_t)(uint32_t)year * 0x9e3779b97f4a7c15u;
    r->state = h;
}

uint64_t demo_rng_next(struct demo_rng *r)
{
    uint64_t z = (r->state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

int demo_rng_int(struct demo_rng *r, int lo, int hi)
{
    if (hi <= lo)
        return lo;
    uint64_t span = (uint64_t)((int64_t)hi - lo) + 1;
    /* The modulo bias is below 2^-32 for the spans used here: irrelevant for demo data. */
    return lo + (int)(demo_rng_next(r) % span);
}

bool demo_rng_chance(struct demo_rng *r, int percent)
{
    return demo_rng_int(r, 0, 99) < percent;
}

int demo_rng_weighted(struct demo_rng *r, const int *weights, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++)
        total += weights[i];
    int x = demo_rng_int(r, 0, total - 1);
    for (int i = 0; i < n; i++) {
        if (x < weights[i])
            return i;
        x -= weights[i];
    }
    return n - 1;
}

void demo_rng_shuffle(struct demo_rng *r, int *a, int n)
{
    for (int i = n - 1; i > 0; i--) {
        int j = demo_rng_int(r, 0, i);
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

/* ---- calendar ---- */

static void cal_fail(const char *why)
{
    /* The embedded calendar is part of the binary; a bad one is a build defect. */
    fprintf(stderr, "gongkai: demo: calendar: %s\n", why);
    abort();
}

static void cal_load(struct demo_cal *c)
{
    c->first = date_from_ymd(2016, 1, 1);
    c->ndays = date_from_ymd(2027, 1, 1) - c->first;
    c->work = xmalloc((size_t)c->ndays);
    for (int i = 0; i < c->ndays; i++)
        c->work[i] = date_weekday(c->first + i) <= 5;

    const struct embedded_file *f = embedded_find("calendar/cn-holidays.csv");
    if (!f)
        cal_fail("calendar/cn-holidays.csv is not embedded");
    const char *p = (const char *)f->data, *end = p + f->size;
    const char *nl = memchr(p, '\n', (size_t)(end - p)); /* header */
    p = nl ? nl + 1 : end;
    while (p < end) {
        nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        if (eol - p >= 12 && p[10] == ',') {
            char ds[DATE_STR_SIZE];
            memcpy(ds, p, 10);
            ds[10] = '\0';
            gk_date d;
            if (!date_parse(ds, &d))
                cal_fail("bad date");
            int i = d - c->first;
            if (i >= 0 && i < c->ndays) {
                if (strncmp(p + 11, "holiday", 7) == 0)
                    c->work[i] = 0;
                else if (strncmp(p + 11, "workday", 7) == 0)
                    c->work[i] = 1;
                else
                    cal_fail("bad kind");
            }
        }
        p = eol + 1;
    }
}

bool demo_is_workday(const struct demo_cal *c, gk_date d)
{
    int i = d - c->first;
    if (i < 0 || i >= c->ndays)
        cal_fail("date outside 2016-2026"); /* a generator bug, never a guess */
    return c->work[i];
}

gk_date demo_add_workdays(const struct demo_cal *c, gk_date d, int n)
{
    while (n > 0) {
        d++;
        if (demo_is_workday(c, d))
            n--;
    }
    return d;
}

gk_date demo_workday_on_or_after(const struct demo_cal *c, gk_date d)
{
    while (!demo_is_workday(c, d))
        d++;
    return d;
}

gk_date demo_random_workday(const struct demo_cal *c, struct demo_rng *r, gk_date from, gk_date to)
{
    int n = demo_workdays_between(c, from - 1, to);
    if (n <= 0)
        return demo_workday_on_or_after(c, from);
    return demo_add_workdays(c, from - 1, demo_rng_int(r, 1, n));
}

int demo_workdays_between(const struct demo_cal *c, gk_date a, gk_date b)
{
    int n = 0;
    for (gk_date d = a + 1; d <= b; d++)
        n += demo_is_workday(c, d);
    return n;
}

/* ---- output ---- */

void demo_emit(struct demo_ctx *ctx, json_t *rec)
{
    if (!ctx->failed) {
        /* Compact, key order as built (jansson keeps insertion order), UTF-8 unescaped:
         * one stable line per record. */
        char *line = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (!line || fputs(line, ctx->out) == EOF || fputc('\n', ctx->out) == EOF)
            ctx->failed = true;
        free(line);
    }
    json_decref(rec);
}

void demo_set_date(json_t *obj, const char *key, gk_date d)
{
    char s[DATE_STR_SIZE];
    json_object_set_new(obj, key, json_string(date_format(d, s)));
}

json_t *demo_yuan(long yuan)
{
    return json_real((double)yuan);
}

char *demo_date_cn(gk_date d)
{
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    return xasprintf("%d年%d月%d日", y, m, dd);
}

int demo_write_jsonl(FILE *out)
{
    struct demo_ctx ctx = {.out = out};
    cal_load(&ctx.cal);
    demo_agencies(&ctx);
    demo_items(&ctx);
    demo_applications(&ctx);
    demo_reviews(&ctx);
    demo_visits(&ctx);
    demo_tallies(&ctx);
    demo_narratives(&ctx);
    free(ctx.cal.work);
    free(ctx.apps);
    if (!ctx.failed && fflush(out) == EOF)
        ctx.failed = true;
    return ctx.failed ? -1 : 0;
}
