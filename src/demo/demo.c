/* Driver of the demo data set, and the small machinery every section shares: the random
 * stream, working days (domain/calendar.h), the data files of assets/demo with the strict
 * Mustache rendering of their templates, and record output. */
#include "demo/demo.h"
#include "demo/demo_internal.h"
#include "domain/calendar.h"
#include "util/embed.h"
#include "util/mustache.h"
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

/* ---- calendar: the platform's own (domain/calendar.h) ----
 * The demo's dates all lie inside the embedded holiday data; a date outside it is a
 * generator bug, never a guess, so these wrappers stop the program. */

static void cal_fail(const char *why)
{
    fprintf(stderr, "gongkai: demo: calendar: %s\n", why);
    abort();
}

bool demo_is_workday(gk_date d)
{
    int w = calendar_is_workday(calendar_default(), d);
    if (w < 0)
        cal_fail("date outside the holiday data");
    return w == 1;
}

gk_date demo_add_workdays(gk_date d, int n)
{
    gk_date out = d;
    if (n > 0 && calendar_add_workdays(calendar_default(), d, n, &out) != 0)
        cal_fail("date outside the holiday data");
    return out;
}

gk_date demo_workday_on_or_after(gk_date d)
{
    while (!demo_is_workday(d))
        d++;
    return d;
}

gk_date demo_random_workday(struct demo_rng *r, gk_date from, gk_date to)
{
    int n = demo_workdays_between(from - 1, to);
    if (n <= 0)
        return demo_workday_on_or_after(from);
    return demo_add_workdays(from - 1, demo_rng_int(r, 1, n));
}

int demo_workdays_between(gk_date a, gk_date b)
{
    int n = 0;
    if (b <= a)
        return 0;
    if (calendar_workdays_between(calendar_default(), a, b, &n) != 0)
        cal_fail("date outside the holiday data");
    return n;
}

/* ---- the curated facts: embedded files under assets/demo/ ----
 * Parsed once per run (demo_data_open … demo_data_close). A file that is missing or not
 * valid JSON is a build defect, as a broken embedded calendar would be: stop with its name. */

#define MAX_DATA 16
static struct {
    const char *name;
    json_t *value;
} data_files[MAX_DATA];
static int ndata;
static mustache_lib_t *templates;

static void data_fail(const char *name, const char *why)
{
    fprintf(stderr, "gongkai: demo: assets/demo/%s: %s\n", name, why);
    abort();
}

void demo_data_open(void)
{
    templates = mustache_lib_new();
    for (size_t i = 0; i < embedded_count; i++) {
        const struct embedded_file *f = &embedded_files[i];
        if (strncmp(f->name, "demo/", 5) != 0)
            continue;
        const char *name = f->name + 5;
        size_t len = strlen(name);
        if (len > 5 && strcmp(name + len - 5, ".json") == 0) {
            if (ndata == MAX_DATA)
                data_fail(name, "too many data files (raise MAX_DATA)");
            json_error_t je;
            json_t *v = json_loadb((const char *)f->data, f->size, JSON_REJECT_DUPLICATES, &je);
            if (!v) {
                char why[256];
                snprintf(why, sizeof why, "line %d: %s", je.line, je.text);
                data_fail(name, why);
            }
            data_files[ndata].name = name;
            data_files[ndata++].value = v;
        } else if (len > 9 && strcmp(name + len - 9, ".mustache") == 0) {
            char *key = xasprintf("%.*s", (int)(len - 9), name), *err = NULL;
            if (mustache_lib_add(templates, key, (const char *)f->data, &err) != 0)
                data_fail(name, err);
            free(key);
        }
    }
    demo_agencies_load();
}

void demo_data_close(void)
{
    demo_agencies_free();
    for (int i = 0; i < ndata; i++)
        json_decref(data_files[i].value);
    ndata = 0;
    mustache_lib_free(templates);
    templates = NULL;
}

json_t *demo_data(const char *name)
{
    for (int i = 0; i < ndata; i++)
        if (strcmp(data_files[i].name, name) == 0)
            return data_files[i].value;
    data_fail(name, "not embedded");
    return NULL;
}

json_t *demo_data_get(const char *file, const char *key)
{
    json_t *v = json_object_get(demo_data(file), key);
    if (!v) {
        char why[160];
        snprintf(why, sizeof why, "no key '%s'", key);
        data_fail(file, why);
    }
    return v;
}

const char *demo_str(const json_t *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(obj, key));
    if (!s) {
        fprintf(stderr, "gongkai: demo: a data record lacks the string '%s'\n", key);
        abort();
    }
    return s;
}

const char *demo_str_opt(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

const char *demo_pick_str(struct demo_rng *r, const json_t *arr)
{
    json_t *v = json_array_get(arr, (size_t)demo_rng_int(r, 0, (int)json_array_size(arr) - 1));
    if (!json_is_string(v)) {
        fprintf(stderr, "gongkai: demo: a vocabulary list holds something other than strings\n");
        abort();
    }
    return json_string_value(v);
}

/* The names a template uses ({{name}}, {{#name}}, {{^name}}, {{&name}}, {{{name}}}), each
 * checked against CTX: a name the context does not hold would render as nothing, which in
 * demo text is always a typo. Comments and closing tags carry no name to check. */
int demo_template_check(const char *src, const json_t *ctx, char *bad, size_t badsize)
{
    for (const char *p = strstr(src, "{{"); p; p = strstr(p, "{{")) {
        p += 2;
        bool triple = *p == '{';
        if (triple)
            p++;
        const char *end = strstr(p, triple ? "}}}" : "}}");
        if (!end)
            return -1;
        while (*p == ' ')
            p++;
        if (*p == '!' || *p == '/' || *p == '=' || *p == '>') {
            p = end;
            continue;
        }
        if (*p == '#' || *p == '^' || *p == '&')
            p++;
        while (*p == ' ')
            p++;
        size_t n = (size_t)(end - p);
        while (n && p[n - 1] == ' ')
            n--;
        char name[128];
        snprintf(name, sizeof name, "%.*s", (int)n, p);
        if (strcmp(name, ".") != 0 && !json_object_get(ctx, name)) {
            snprintf(bad, badsize, "%s", name);
            return -1;
        }
        p = end;
    }
    return 0;
}

static char *render_checked(const char *what, const char *src, const mustache_t *compiled, const json_t *ctx)
{
    char bad[128] = "";
    if (demo_template_check(src, ctx, bad, sizeof bad) != 0) {
        fprintf(stderr, "gongkai: demo: template %s: unknown name '%s'\n", what, bad);
        abort();
    }
    buf_t out = BUF_INIT;
    char *err = NULL;
    int rc = compiled ? mustache_render(compiled, ctx, NULL, NULL, &out, &err)
                      : (mustache_lib_render(templates, what, ctx, &out, &err));
    if (rc != 0) {
        fprintf(stderr, "gongkai: demo: template %s: %s\n", what, err ? err : "render failed");
        abort();
    }
    return buf_take(&out);
}

char *demo_render_text(const char *src, const json_t *ctx)
{
    char *err = NULL;
    mustache_t *t = mustache_compile(src, &err);
    if (!t) {
        fprintf(stderr, "gongkai: demo: template \"%s\": %s\n", src, err);
        abort();
    }
    char *s = render_checked(src, src, t, ctx);
    mustache_free(t);
    return s;
}

char *demo_render(const char *name, const json_t *ctx)
{
    const struct embedded_file *f;
    char path[256];
    snprintf(path, sizeof path, "demo/%s.mustache", name);
    f = embedded_find(path);
    if (!f || !mustache_lib_get(templates, name))
        data_fail(path + 5, "not embedded");
    return render_checked(name, (const char *)f->data, NULL, ctx);
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
    demo_data_open();
    demo_agencies(&ctx);
    demo_items(&ctx);
    demo_guide_items(&ctx); /* service guides */
    demo_applications(&ctx);
    demo_reviews(&ctx);
    demo_visits(&ctx);
    demo_tallies(&ctx);
    demo_narratives(&ctx);
    demo_guides(&ctx); /* service guides */
    demo_messages(&ctx);
    demo_attachments(&ctx);
    demo_data_close();
    free(ctx.apps);
    if (!ctx.failed && fflush(out) == EOF)
        ctx.failed = true;
    return ctx.failed ? -1 : 0;
}
