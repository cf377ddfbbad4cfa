/* The store interface: callers reach the database only through store_* and its table of
 * operations. A test double registered under test:// (in this program only) serves a
 * report through the real command (cmd_report) and report_load: if anything on that path
 * called SQLite directly, it would find no database. Also: the dispatch (an operation a
 * backend lacks, the postgresql:// refusal) and the 表三/表四 year rules of
 * domain/figures.c that every backend's rows go through, and the agency tree rules of
 * agency_tree.c. */
#include "test.h"
#include "cli/cli.h"
#include "domain/figures.h"
#include "report/report.h"
#include "store/store_ops.h"
#include "util/xalloc.h"
#include <fcntl.h>
#include <unistd.h>

/* ---------------------------------------------------------------- the test double */

struct test_store {
    struct store base;
    int opened_reads; /* report_rows calls: proves the path went through the table */
};
static struct test_store *last_opened;

static res_t t_open(const char *target, store_t **out, char **err)
{
    (void)err;
    struct test_store *t = xcalloc(1, sizeof *t);
    extern const struct store_ops test_ops;
    t->base.ops = &test_ops;
    (void)target;
    last_opened = t;
    *out = &t->base;
    return RES_OK;
}

static void t_close(store_t *s)
{
    if (last_opened == (struct test_store *)s)
        last_opened = NULL;
    free(s);
}

static int t_schema_version(store_t *s)
{
    (void)s;
    return store_schema_current();
}

static res_t t_get_agency(store_t *s, const char *code, struct agency *out, char **err)
{
    (void)s, (void)err;
    memset(out, 0, sizeof *out);
    if (code && strcmp(code, "root") != 0)
        return RES_NOT_FOUND;
    out->id = 1;
    snprintf(out->code, sizeof out->code, "root");
    out->name = xstrdup("测试区人民政府");
    out->kind = xstrdup("government");
    out->path = xstrdup("/1/");
    return RES_OK;
}

static char *t_get_narrative(store_t *s, long long agency_id, int year, enum narrative_section sec, char **err)
{
    (void)s, (void)agency_id, (void)year, (void)sec, (void)err;
    return NULL;
}

static gk_date d(int y, int m, int dd)
{
    return date_from_ymd(y, m, dd);
}

/* For 2018: rows on every side of the year's edges. */
static res_t t_report_rows(store_t *s, const struct agency *a, bool tree, int year, struct report_figures *counts,
                           const struct report_sink *sink, char **err)
{
    (void)a, (void)tree, (void)year, (void)err;
    ((struct test_store *)s)->opened_reads++;
    counts->visits = 7;
    const struct figures_application apps[] = {
        /* received 2017, replied 2018-01-10: carried in and handled */
        {APPLICANT_NATURAL_PERSON, APP_CHANNEL_LETTER, d(2017, 12, 20), d(2018, 1, 10), "disclosed", false, -1, -1},
        /* received 2017, replied 2017-12-31: nothing in 2018 (streamed anyway: harmless) */
        {APPLICANT_NATURAL_PERSON, APP_CHANNEL_LETTER, d(2017, 12, 1), d(2017, 12, 31), "disclosed", false, -1, -1},
        /* received 2018, still open: new and carried forward */
        {APPLICANT_COMMERCIAL_ENTERPRISE, APP_CHANNEL_ONLINE, d(2018, 12, 30), NO_DATE, NULL, false, -1, -1},
        /* received 2018, replied 2019: new and carried forward */
        {APPLICANT_COMMERCIAL_ENTERPRISE, -1, d(2018, 12, 31), d(2019, 1, 2), "disclosed", false, -1, -1},
        /* received and replied in 2018, extended, with a fee */
        {APPLICANT_OTHER_ORG, APP_CHANNEL_EMAIL, d(2018, 3, 1), d(2018, 4, 20), "partially_disclosed", true, 1250, 1250},
    };
    for (size_t i = 0; i < sizeof apps / sizeof apps[0]; i++) {
        int stop = sink->application(&apps[i], sink->ud);
        if (stop)
            return (res_t)stop;
    }
    const struct figures_case cases[] = {
        {CASE_RECONSIDERATION, RESULT_UPHELD, d(2018, 5, 1), d(2018, 6, 1)},        /* upheld in 2018 */
        {CASE_RECONSIDERATION, RESULT_CORRECTED, d(2018, 11, 1), d(2019, 2, 1)},    /* pending at the end */
        {CASE_LITIGATION_DIRECT, RESULT_PENDING, d(2017, 11, 1), NO_DATE},          /* pending */
        {CASE_LITIGATION_DIRECT, RESULT_UPHELD, d(2016, 1, 1), d(2017, 12, 31)},    /* before the year */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int stop = sink->case_row(&cases[i], sink->ud);
        if (stop)
            return (res_t)stop;
    }
    return RES_OK;
}

const struct store_ops test_ops = {
    .name = "test",
    .open = t_open,
    .close = t_close,
    .schema_version = t_schema_version,
    .get_agency = t_get_agency,
    .get_narrative = t_get_narrative,
    .report_rows = t_report_rows,
};

/* ---------------------------------------------------------------- tests */

static void check_2018(const struct report_figures *f)
{
    CHECK_INT(f->t3[ROW_NEW][APPLICANT_COMMERCIAL_ENTERPRISE], 2);
    CHECK_INT(f->t3[ROW_NEW][APPLICANT_OTHER_ORG], 1);
    CHECK_INT(f->t3[ROW_NEW][APPLICANT_NATURAL_PERSON], 0);
    CHECK_INT(f->t3[ROW_CARRIED_IN][APPLICANT_NATURAL_PERSON], 1);
    CHECK_INT(f->t3[ROW_CARRIED_IN][APPLICANT_COUNT], 1);
    CHECK_INT(f->t3[ROW_CARRIED_FORWARD][APPLICANT_COMMERCIAL_ENTERPRISE], 2);
    CHECK_INT(f->t3[ROW_CARRIED_FORWARD][APPLICANT_COUNT], 2);
    CHECK_INT(f->handled, 2);
    CHECK_INT(f->handled_extended, 1);
    CHECK_INT(f->fee_notices, 1);
    CHECK_INT(f->fee_notice_fen, 1250);
    CHECK_INT(f->fee_collected_fen, 1250);
    CHECK_INT(f->received_by_channel[APP_CHANNEL_ONLINE], 1);
    CHECK_INT(f->received_by_channel[APP_CHANNEL_OTHER], 1); /* the unknown channel */
    CHECK_INT(f->received_by_channel[APP_CHANNEL_EMAIL], 1);
    CHECK_INT(f->t4[CASE_RECONSIDERATION][RESULT_UPHELD], 1);
    CHECK_INT(f->t4[CASE_RECONSIDERATION][RESULT_PENDING], 1);
    CHECK_INT(f->t4[CASE_RECONSIDERATION][RESULT_CORRECTED], 0);
    CHECK_INT(f->t4[CASE_LITIGATION_DIRECT][RESULT_PENDING], 1);
    CHECK_INT(f->t4[CASE_LITIGATION_DIRECT][RESULT_UPHELD], 0);
    CHECK_INT(f->visits, 7);
    CHECK(figures_check(f) == NULL);
}

static void test_report_through_double(void)
{
    store_t *s;
    char *err = NULL;
    CHECK_INT(store_open("test://one", &s, &err), RES_OK);
    struct agency a = {0};
    struct report r;
    CHECK_INT(report_load(s, NULL, true, 2018, FMT_GOV2021, &a, &r, &err), RES_OK);
    CHECK_INT(last_opened->opened_reads, 1);
    check_2018(&r.fig);
    buf_t out = BUF_INIT;
    CHECK_INT(report_render(&r, OUT_JSON, &out, &err), RES_OK);
    buf_putc(&out, '\0');
    CHECK_CONTAINS(out.data, "测试区人民政府");
    buf_free(&out);
    report_clear(&r);
    agency_clear(&a);

    /* an unknown agency: not found, with a reason */
    CHECK_INT(report_load(s, "nope", true, 2018, FMT_GOV2021, &a, &r, &err), RES_NOT_FOUND);
    CHECK_CONTAINS(err, "nope");
    free(err);
    err = NULL;
    report_clear(&r);
    agency_clear(&a);

    /* an operation the double lacks: a failure that names it and the backend */
    struct portal_item it;
    CHECK_INT(store_portal_item(s, "x", "2020-01-01", &it, &err), RES_FAILED);
    CHECK_STR(err, "portal_item: not supported by the test backend");
    free(err);
    err = NULL;
    store_close(s);
    CHECK(last_opened == NULL);
}

/* Runs the real `gongkai report` command on the double; returns its exit status and
 * what it wrote to stdout (malloc'd). */
static int run_report(const char *const *args, int argc, char **out)
{
    char path[600];
    snprintf(path, sizeof path, "%s/report.out", test_tmpdir());
    fflush(stdout);
    int saved = dup(1), fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0600);
    dup2(fd, 1);
    close(fd);
    struct cli cli = {.db_target = "test://cli"};
    int status = cmd_report(&cli, argc, (char **)args);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    FILE *f = fopen(path, "r");
    buf_t b = BUF_INIT;
    char chunk[4096];
    size_t n;
    while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, n);
    if (f)
        fclose(f);
    buf_putc(&b, '\0');
    *out = b.data;
    return status;
}

static void test_command_through_double(void)
{
    char *out;
    const char *const json[] = {"report", "--year", "2018", "--output", "json"};
    CHECK_INT(run_report(json, 5, &out), 0);
    CHECK_CONTAINS(out, "\"year\": 2018");
    CHECK_CONTAINS(out, "测试区人民政府");
    free(out);
    const char *const text[] = {"report", "--year", "2018", "--format", "gov2019"};
    CHECK_INT(run_report(text, 5, &out), 0);
    CHECK_CONTAINS(out, "测试区");
    free(out);
    const char *const unknown[] = {"report", "--year", "2018", "--agency", "nope"};
    CHECK_INT(run_report(unknown, 5, &out), 2);
    free(out);
}

static void test_scheme_choice(void)
{
    store_t *s = (store_t *)1;
    char *err = NULL;
    CHECK_INT(store_open("postgresql://localhost/gk", &s, &err), RES_FAILED);
    CHECK(s == NULL);
    CHECK_CONTAINS(err, "not built yet");
    free(err);
    err = NULL;
    /* a file path is SQLite: it opens, and is empty (schema version 0) */
    char path[600];
    snprintf(path, sizeof path, "%s/plain.db", test_tmpdir());
    CHECK_INT(store_open(path, &s, &err), RES_OK);
    CHECK_INT(store_schema_version(s), 0);
    CHECK_INT(store_migrate(s, &err), RES_OK);
    CHECK_INT(store_schema_version(s), store_schema_current());
    store_close(s);
}

static void test_year_rules_refuse_unknown_codes(void)
{
    struct report_figures f = {.year = 2018};
    struct figures_application bad_type = {-1, APP_CHANNEL_OTHER, d(2018, 1, 1), NO_DATE, NULL, false, -1, -1};
    CHECK_INT(figures_add_application(&f, &bad_type), RES_REFUSED);
    struct figures_application bad_outcome = {APPLICANT_NATURAL_PERSON, APP_CHANNEL_OTHER, d(2018, 1, 1),
                                              d(2018, 2, 1), "made_up", false, -1, -1};
    CHECK_INT(figures_add_application(&f, &bad_outcome), RES_REFUSED);
    CHECK_INT(f.t3[ROW_NEW][APPLICANT_NATURAL_PERSON], 0); /* refused rows leave F unchanged */
    struct figures_case bad_kind = {-1, RESULT_UPHELD, d(2018, 1, 1), NO_DATE};
    CHECK_INT(figures_add_case(&f, &bad_kind), RES_REFUSED);
    /* a reply on the first day of the year is not carried in */
    struct figures_application jan1 = {APPLICANT_NATURAL_PERSON, APP_CHANNEL_OTHER, d(2017, 12, 1), d(2018, 1, 1),
                                       "disclosed", false, -1, -1};
    CHECK_INT(figures_add_application(&f, &jan1), RES_OK);
    CHECK_INT(f.t3[ROW_CARRIED_IN][APPLICANT_NATURAL_PERSON], 1);
    CHECK_INT(f.handled, 1);
}

/* The agency tree rules every backend applies (agency_tree.c). CODES/PARENTS: n agencies
 * (parent NULL = none); returns the result, *bad the offending code ("" for none). */
static res_t place_tree(const char *const *codes, const char *const *parents, size_t n, char **paths, char *bad,
                        size_t badsize)
{
    struct agency_node *all = xcalloc(n, sizeof *all);
    for (size_t i = 0; i < n; i++) {
        all[i].id = (long long)i + 1;
        all[i].code = xstrdup(codes[i]);
        all[i].parent_code = parents[i] ? xstrdup(parents[i]) : NULL;
    }
    char *bad_code = NULL, *err = NULL;
    res_t rc = agency_tree_place(all, n, &bad_code, &err);
    snprintf(bad, badsize, "%s", bad_code ? bad_code : "");
    for (size_t i = 0; paths && i < n; i++)
        paths[i] = all[i].path ? xstrdup(all[i].path) : NULL;
    if (rc != RES_OK)
        CHECK_CONTAINS(err, "parent: ");
    free(bad_code);
    free(err);
    agency_nodes_free(all, n);
    return rc;
}

static void test_agency_tree(void)
{
    char bad[64], *paths[4];
    const char *const codes[] = {"city", "dept", "office", "town"};
    const char *const ok[] = {NULL, "city", "dept", "city"};
    CHECK_INT(place_tree(codes, ok, 4, paths, bad, sizeof bad), RES_OK);
    CHECK_STR(paths[0], "/1/");
    CHECK_STR(paths[2], "/1/2/3/");
    CHECK_STR(paths[3], "/1/4/");
    for (int i = 0; i < 4; i++)
        free(paths[i]);
    const char *const two_roots[] = {NULL, "city", NULL, "city"};
    CHECK_INT(place_tree(codes, two_roots, 4, NULL, bad, sizeof bad), RES_REFUSED);
    CHECK_STR(bad, "office");
    const char *const unknown[] = {NULL, "nowhere", "dept", "city"};
    CHECK_INT(place_tree(codes, unknown, 4, NULL, bad, sizeof bad), RES_REFUSED);
    CHECK_STR(bad, "dept");
    const char *const own[] = {NULL, "dept", "dept", "city"};
    CHECK_INT(place_tree(codes, own, 4, NULL, bad, sizeof bad), RES_REFUSED);
    CHECK_STR(bad, "dept");
    const char *const cycle[] = {NULL, "office", "dept", "city"};
    CHECK_INT(place_tree(codes, cycle, 4, NULL, bad, sizeof bad), RES_REFUSED);
    CHECK(strcmp(bad, "dept") == 0 || strcmp(bad, "office") == 0);
}

void run_tests(void)
{
    store_register_backend("test://", &test_ops);
    test_report_through_double();
    test_command_through_double();
    test_scheme_choice();
    test_year_rules_refuse_unknown_codes();
    test_agency_tree();
}
