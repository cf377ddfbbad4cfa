/* The report engine over many random data sets: the arithmetic relations R-A … R-D hold in
 * every format, agency and scope; year chaining; tree = sum of self over the subtree; and
 * export → import into an empty database reproduces every report. */
#include "test.h"
#include "test_db.h"
#include "records/export.h"
#include "records/import.h"
#include "records/parse.h"
#include "report/report.h"
#include "util/decimal.h"
#include "util/xalloc.h"
#include <jansson.h>

static unsigned long long rng_state;
static unsigned rnd(unsigned n)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((rng_state >> 33) % n);
}

static const char *const agencies[] = {"root", "d1", "d2", "d3", "d1a", "d1b"};
static const char *const parents[] = {NULL, "root", "root", "root", "d1", "d1"};
#define NAGENCIES 6

static const char *date_in(int y0, int y1, char buf[11])
{
    /* Working days are not needed here: records without events carry no clock. */
    int y = y0 + (int)rnd((unsigned)(y1 - y0 + 1));
    return date_format(date_from_ymd(y, 1 + (int)rnd(12), 1 + (int)rnd(28)), buf);
}

static char *random_dataset(int n_items, int n_apps)
{
    buf_t b = BUF_INIT;
    for (int i = 0; i < NAGENCIES; i++) {
        buf_printf(&b, "{\"type\":\"agency\",\"code\":\"%s\",\"name\":\"机关%d\"", agencies[i], i);
        if (parents[i])
            buf_printf(&b, ",\"parent\":\"%s\",\"kind\":\"department\"}\n", parents[i]);
        else
            buf_puts(&b, ",\"kind\":\"government\"}\n");
    }
    char d1[11], d2[11];
    for (int i = 0; i < n_items; i++) {
        buf_printf(&b, "{\"type\":\"item\",\"id\":\"i%d\",\"agency\":\"%s\",\"title\":\"文件%d\"", i,
                   agencies[rnd(NAGENCIES)], i);
        if (rnd(5) == 0) {
            buf_printf(&b, ",\"statutory\":\"%s\",\"written\":\"%s\"", rnd(4) ? "normative_document" : "rule",
                       date_in(2016, 2020, d1));
            if (rnd(3) == 0)
                buf_printf(&b, ",\"repealed\":\"2021-%02u-01\"", 1 + rnd(9));
        }
        buf_puts(&b, ",\"publications\":[");
        int np = (int)rnd(3);
        static const char *const ch[] = {"website", "wechat", "weibo", "gazette", "other"};
        for (int p = 0; p < np; p++)
            buf_printf(&b, "%s{\"channel\":\"%s\",\"at\":\"%s\"}", p ? "," : "", ch[rnd(5)], date_in(2017, 2020, d1));
        buf_puts(&b, "]}\n");
    }
    for (int i = 0; i < n_apps; i++) {
        date_in(2017, 2020, d1);
        buf_printf(&b, "{\"type\":\"application\",\"id\":\"a%d\",\"agency\":\"%s\",\"applicant_type\":\"%s\",\"received\":\"%s\"",
                   i, agencies[rnd(NAGENCIES)], applicant_types[rnd(APPLICANT_COUNT)].code, d1);
        if (rnd(4))
            buf_printf(&b, ",\"channel\":\"%s\"", app_channels[rnd(APP_CHANNEL_COUNT)].code);
        if (rnd(5)) {
            /* closed 0–60 days later, possibly in the next year */
            gk_date r, c;
            date_parse(d1, &r);
            c = r + (gk_date)rnd(60);
            buf_printf(&b, ",\"closed\":\"%s\",\"outcome\":\"%s\"", date_format(c, d2), outcomes[rnd((unsigned)outcome_count)].code);
            if (rnd(5) == 0)
                buf_puts(&b, ",\"extended\":true");
            if (rnd(6) == 0)
                buf_printf(&b, ",\"fee_notice_yuan\":\"%u.%02u\",\"fee_paid_yuan\":%u", 100 + rnd(900), rnd(100), rnd(2) * 100);
        }
        buf_puts(&b, "}\n");
    }
    for (int i = 0; i < n_apps / 5; i++) {
        date_in(2017, 2020, d1);
        buf_printf(&b, "{\"type\":\"case\",\"id\":\"c%d\",\"agency\":\"%s\",\"kind\":\"%s\",\"filed\":\"%s\"", i,
                   agencies[rnd(NAGENCIES)], case_kinds[rnd(CASE_KIND_COUNT)].code, d1);
        if (rnd(3)) {
            gk_date f, dd;
            date_parse(d1, &f);
            dd = f + (gk_date)rnd(200);
            buf_printf(&b, ",\"decided\":\"%s\",\"result\":\"%s\"", date_format(dd, d2), case_results[rnd(3)].code);
        }
        buf_puts(&b, "}\n");
    }
    for (int i = 0; i < 20; i++)
        buf_printf(&b, "{\"type\":\"visit\",\"id\":\"v%d\",\"agency\":\"%s\",\"date\":\"%s\",\"count\":%u}\n", i,
                   agencies[rnd(NAGENCIES)], date_in(2017, 2020, d1), rnd(40));
    for (int a = 0; a < NAGENCIES; a++)
        for (int y = 2018; y <= 2020; y++) {
            buf_printf(&b, "{\"type\":\"tally\",\"agency\":\"%s\",\"year\":%d,\"key\":\"licensing_decisions\",\"value\":%u}\n",
                       agencies[a], y, rnd(500));
            buf_printf(&b, "{\"type\":\"tally\",\"agency\":\"%s\",\"year\":%d,\"key\":\"admin_fees_wan_yuan\",\"value\":\"%u.%04u\"}\n",
                       agencies[a], y, rnd(90), rnd(10000));
            buf_printf(&b, "{\"type\":\"tally\",\"agency\":\"%s\",\"year\":%d,\"key\":\"licensing_items_change\",\"value\":%d}\n",
                       agencies[a], y, (int)rnd(20) - 10);
        }
    buf_puts(&b, "{\"type\":\"narrative\",\"agency\":\"root\",\"year\":2020,\"section\":\"overview\","
                 "\"text\":\"全年新收申请{{t3.new.total}}件，办结{{t3.total.total}}件。\"}\n");
    return buf_take(&b);
}

static int n_db;
static store_t *store_from(const char *jsonl)
{
    char *path = xasprintf("%s/r%d.db", test_tmpdir(), ++n_db);
    char *in = xasprintf("%s/r%d.jsonl", test_tmpdir(), n_db);
    FILE *f = fopen(in, "w");
    fputs(jsonl, f);
    fclose(f);
    store_t *s = test_db_at(path);
    struct import_result res;
    char *names[] = {in};
    int rc = import_files(s, names, 1, false, stderr, &res);
    CHECK_INT(rc, 0);
    free(path);
    free(in);
    return s;
}

static bool render_all; /* also render text, markdown and html (slower) */

static json_t *report_of(store_t *s, const char *agency, bool tree, int year, enum report_format fmt)
{
    struct agency a = {0};
    struct report r;
    char *err = NULL;
    if (report_load(s, agency, tree, year, fmt, &a, &r, &err) != 0) {
        fprintf(stderr, "report_load: %s\n", err);
        free(err);
        return NULL;
    }
    const char *broken = figures_check(&r.fig);
    if (broken)
        fprintf(stderr, "%s %s %d: %s\n", agency, tree ? "tree" : "self", year, broken);
    CHECK(broken == NULL);
    /* Every output form renders (text, markdown, html) without error. */
    for (int o = 0; render_all && o < OUT_COUNT; o++) {
        buf_t out = BUF_INIT;
        if (report_render(&r, (enum report_output)o, &out, &err) != 0) {
            fprintf(stderr, "render: %s\n", err);
            free(err);
            err = NULL;
            CHECK(!"render");
        }
        buf_free(&out);
    }
    json_t *j = report_json(&r);
    report_clear(&r);
    agency_clear(&a);
    return j;
}

static long long cell(json_t *j, const char *row, int col)
{
    return json_integer_value(json_array_get(json_object_get(json_object_get(json_object_get(j, "table3"), "rows"), row), (size_t)col));
}

/* R-A … R-C read back from the JSON itself, not from the struct. */
static void check_json_relations(json_t *j, bool gov2019)
{
    static const char *const results2021[] = {"disclosed", "partially_disclosed", "withheld_state_secret",
        "withheld_prohibited_by_law", "withheld_security_stability", "withheld_third_party", "withheld_internal_affairs",
        "withheld_process_information", "withheld_enforcement_files", "withheld_administrative_query",
        "unavailable_not_held", "unavailable_requires_creation", "unavailable_unclear_after_correction",
        "not_processed_petition", "not_processed_repeated", "not_processed_publication", "not_processed_excessive",
        "not_processed_confirm_reissue", "other_no_correction", "other_fee_unpaid", "other", NULL};
    int ok_a = 1, ok_b = 1, ok_c = 1;
    for (int c = 0; c < 7; c++) {
        if (cell(j, "new", c) + cell(j, "carried_in", c) != cell(j, "total", c) + cell(j, "carried_forward", c))
            ok_a = 0;
        long long sum = 0;
        for (int i = 0; results2021[i]; i++) {
            if (gov2019 && (i == 18 || i == 19))
                continue;
            sum += cell(j, results2021[i], c);
        }
        if (sum != cell(j, "total", c))
            ok_b = 0;
    }
    json_t *rows = json_object_get(json_object_get(j, "table3"), "rows");
    const char *key;
    json_t *v;
    json_object_foreach(rows, key, v) {
        long long sum = 0;
        for (int c = 0; c < 6; c++)
            sum += json_integer_value(json_array_get(v, (size_t)c));
        if (sum != json_integer_value(json_array_get(v, 6)))
            ok_c = 0;
    }
    CHECK(ok_a);
    CHECK(ok_b);
    CHECK(ok_c);
    CHECK_INT(json_object_size(rows), gov2019 ? 23 : 25);
    json_t *t4 = json_object_get(j, "table4");
    json_object_foreach(t4, key, v) {
        long long s = 0;
        const char *k2;
        json_t *n;
        json_object_foreach(v, k2, n) if (strcmp(k2, "total")) s += json_integer_value(n);
        CHECK_INT(s, json_integer_value(json_object_get(v, "total")));
    }
}

/* Adds every number of `from` into `into` (same shape); decimal strings are added exactly. */
static void add_json(json_t *into, json_t *from)
{
    const char *key;
    json_t *v;
    if (json_is_object(from)) {
        json_object_foreach(from, key, v) {
            if (!strcmp(key, "agency") || !strcmp(key, "scope") || !strcmp(key, "format") || !strcmp(key, "year") ||
                !strcmp(key, "columns"))
                continue;
            json_t *t = json_object_get(into, key);
            if (json_is_integer(v) && t)
                json_object_set_new(into, key, json_integer(json_integer_value(t) + json_integer_value(v)));
            else if (json_is_string(v) && t) {
                long long a = 0, b2 = 0;
                decimal_parse(json_string_value(t), 6, true, &a);
                decimal_parse(json_string_value(v), 6, true, &b2);
                char buf[48];
                decimal_format(a + b2, 6, 2, buf, sizeof buf);
                json_object_set_new(into, key, json_string(buf));
            } else
                add_json(t, v);
        }
    } else if (json_is_array(from)) {
        for (size_t i = 0; i < json_array_size(from); i++) {
            json_t *t = json_array_get(into, i), *x = json_array_get(from, i);
            if (json_is_integer(x))
                json_array_set_new(into, i, json_integer(json_integer_value(t) + json_integer_value(x)));
        }
    }
}

static json_t *zeroed(json_t *j)
{
    json_t *z = json_deep_copy(j);
    /* subtracting itself would need a subtract; simpler: rebuild with zeros */
    const char *key;
    json_t *v;
    if (json_is_object(z)) {
        json_object_foreach(z, key, v) {
            if (json_is_integer(v))
                json_object_set_new(z, key, json_integer(0));
            else if (json_is_string(v) && strcmp(key, "format") && strcmp(key, "scope"))
                json_object_set_new(z, key, json_string("0.00"));
            else if (json_is_object(v) || json_is_array(v))
                json_object_set_new(z, key, zeroed(v));
        }
    } else if (json_is_array(z)) {
        for (size_t i = 0; i < json_array_size(z); i++)
            if (json_is_integer(json_array_get(z, i)))
                json_array_set_new(z, i, json_integer(0));
    }
    return z;
}

/* Compares two report JSONs ignoring scope/agency labels; decimal strings by value. */
static bool same_figures(json_t *a, json_t *b)
{
    json_t *x = json_deep_copy(a), *y = json_deep_copy(b);
    const char *drop[] = {"scope", "agency"};
    for (int i = 0; i < 2; i++) {
        json_object_del(x, drop[i]);
        json_object_del(y, drop[i]);
    }
    json_t *zx = zeroed(x), *zy = zeroed(y);
    add_json(zx, x);
    add_json(zy, y); /* normalises decimal strings to one form */
    bool eq = json_equal(zx, zy);
    if (!eq) {
        char *s1 = json_dumps(zx, JSON_COMPACT | JSON_SORT_KEYS), *s2 = json_dumps(zy, JSON_COMPACT | JSON_SORT_KEYS);
        fprintf(stderr, "differs:\n%s\n%s\n", s1, s2);
        free(s1);
        free(s2);
    }
    json_decref(x);
    json_decref(y);
    json_decref(zx);
    json_decref(zy);
    return eq;
}

static bool in_subtree(int a, int top)
{
    for (int x = a; x >= 0;) {
        if (x == top)
            return true;
        int p = -1;
        for (int k = 0; k < NAGENCIES; k++)
            if (parents[x] && strcmp(agencies[k], parents[x]) == 0)
                p = k;
        x = p;
    }
    return false;
}

static void one_dataset(unsigned long long seed)
{
    rng_state = seed;
    char *data = random_dataset(150 + (int)rnd(200), 60 + (int)rnd(120));
    store_t *s = store_from(data);

    /* export → import into an empty database */
    char *exported = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&exported, &len);
    CHECK_INT(export_records(s, NULL, 0, out), 0);
    fclose(out);
    store_t *s2 = store_from(exported);

    for (int year = 2018; year <= 2020; year++) {
        for (int fmt = 0; fmt < FMT_COUNT; fmt++) {
            for (int a = 0; a < NAGENCIES; a++) {
                render_all = true;
                json_t *tree = report_of(s, agencies[a], true, year, (enum report_format)fmt);
                render_all = false;
                json_t *self = report_of(s, agencies[a], false, year, (enum report_format)fmt);
                if (fmt != FMT_LEGACY2018)
                    check_json_relations(tree, fmt == FMT_GOV2019);
                /* tree = Σ self over the subtree */
                json_t *sum = zeroed(self);
                for (int k = 0; k < NAGENCIES; k++)
                    if (in_subtree(k, a)) {
                        json_t *sk = report_of(s, agencies[k], false, year, (enum report_format)fmt);
                        add_json(sum, sk);
                        json_decref(sk);
                    }
                CHECK(same_figures(sum, tree));
                /* the round trip */
                json_t *again = report_of(s2, agencies[a], true, year, (enum report_format)fmt);
                CHECK(json_equal(again, tree));
                /* year chaining: carried forward from Y = carried in to Y+1 */
                if (fmt == FMT_GOV2021 && year < 2020) {
                    json_t *next = report_of(s, agencies[a], true, year + 1, FMT_GOV2021);
                    bool chained = true;
                    for (int c = 0; c < 7; c++)
                        chained &= cell(tree, "carried_forward", c) == cell(next, "carried_in", c);
                    CHECK(chained);
                    json_decref(next);
                }
                json_decref(sum);
                json_decref(tree);
                json_decref(self);
                json_decref(again);
            }
        }
    }
    free(exported);
    free(data);
    store_close(s);
    store_close(s2);
}

static void test_empty_year_is_zero(void)
{
    rng_state = 99;
    char *data = random_dataset(10, 10);
    store_t *s = store_from(data);
    json_t *j = report_of(s, "root", true, 1990, FMT_GOV2021);
    CHECK_INT(cell(j, "new", 6), 0);
    CHECK_INT(cell(j, "carried_forward", 6), 0);
    CHECK_STR(json_string_value(json_object_get(json_object_get(json_object_get(j, "table2"), "admin_fees"), "amount_wan_yuan")), "0.00");
    json_decref(j);
    struct agency a;
    struct report r;
    char *err = NULL;
    CHECK_INT(report_load(s, "nobody", true, 2020, FMT_GOV2021, &a, &r, &err), RES_NOT_FOUND);
    CHECK_CONTAINS(err, "unknown agency code 'nobody'");
    free(err);
    store_close(s);
    free(data);
}

static void test_narrative_cites_live_figures(void)
{
    rng_state = 7;
    char *data = random_dataset(50, 40);
    store_t *s = store_from(data);
    struct agency a = {0};
    struct report r;
    char *err = NULL;
    CHECK_INT(report_load(s, NULL, true, 2020, FMT_GOV2021, &a, &r, &err), 0);
    buf_t out = BUF_INIT;
    CHECK_INT(report_render(&r, OUT_HTML, &out, &err), 0);
    char want[128];
    snprintf(want, sizeof want, "全年新收申请%lld件，办结%lld件。", r.fig.t3[ROW_NEW][APPLICANT_COUNT],
             r.fig.t3[ROW_TOTAL][APPLICANT_COUNT]);
    CHECK_CONTAINS(out.data, want);
    CHECK_CONTAINS(out.data, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
    buf_free(&out);
    report_clear(&r);
    agency_clear(&a);
    store_close(s);
    free(data);
}

void run_tests(void)
{
    int sets = getenv("GONGKAI_UNDER_VALGRIND") ? 1 : 6;
    for (int i = 0; i < sets; i++)
        one_dataset(1000 + (unsigned long long)i * 7919);
    test_empty_year_is_zero();
    test_narrative_cites_live_figures();
}
