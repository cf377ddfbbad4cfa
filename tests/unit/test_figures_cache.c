/* The report figures cache (report/figures_cache.c) over a real database: figures come from
 * the cache until a write touches the report's agencies and year (schema 6, report_marks),
 * and a write elsewhere (another agency, another year) leaves them in use. Every figure
 * served, cached or not, equals a fresh computation. */
#include "test.h"
#include "test_db.h"
#include "records/import.h"
#include "report/figures_cache.h"
#include "util/xalloc.h"

/* root ─┬─ a ── a1
 *       └─ b          publications, applications, cases, visits and tallies over 2019–2021 */
static const char base_data[] =
    "{\"type\":\"agency\",\"code\":\"root\",\"name\":\"区政府\",\"kind\":\"government\"}\n"
    "{\"type\":\"agency\",\"code\":\"a\",\"name\":\"甲局\",\"parent\":\"root\",\"kind\":\"department\"}\n"
    "{\"type\":\"agency\",\"code\":\"a1\",\"name\":\"甲局一所\",\"parent\":\"a\",\"kind\":\"other\"}\n"
    "{\"type\":\"agency\",\"code\":\"b\",\"name\":\"乙局\",\"parent\":\"root\",\"kind\":\"department\"}\n"
    "{\"type\":\"item\",\"id\":\"i1\",\"agency\":\"a\",\"title\":\"甲一\",\"publications\":[{\"channel\":\"website\",\"at\":\"2019-03-01\"}]}\n"
    "{\"type\":\"item\",\"id\":\"i2\",\"agency\":\"a\",\"title\":\"甲二\",\"publications\":[{\"channel\":\"website\",\"at\":\"2020-03-01\"}]}\n"
    "{\"type\":\"item\",\"id\":\"i3\",\"agency\":\"b\",\"title\":\"乙一\",\"publications\":[{\"channel\":\"wechat\",\"at\":\"2020-05-01\"}]}\n"
    "{\"type\":\"item\",\"id\":\"i4\",\"agency\":\"a1\",\"title\":\"所一\",\"publications\":[{\"channel\":\"website\",\"at\":\"2020-06-01\"}]}\n"
    "{\"type\":\"item\",\"id\":\"i5\",\"agency\":\"a\",\"title\":\"甲规\",\"statutory\":\"normative_document\",\"written\":\"2019-02-01\","
    "\"publications\":[{\"channel\":\"website\",\"at\":\"2019-02-05\"}]}\n"
    "{\"type\":\"application\",\"id\":\"p1\",\"agency\":\"a\",\"applicant_type\":\"natural_person\",\"received\":\"2019-12-20\","
    "\"closed\":\"2020-01-10\",\"outcome\":\"disclosed\"}\n"
    "{\"type\":\"application\",\"id\":\"p2\",\"agency\":\"b\",\"applicant_type\":\"natural_person\",\"received\":\"2020-04-01\","
    "\"closed\":\"2020-04-20\",\"outcome\":\"disclosed\"}\n"
    "{\"type\":\"case\",\"id\":\"c1\",\"agency\":\"b\",\"kind\":\"reconsideration\",\"filed\":\"2020-02-01\"}\n"
    "{\"type\":\"visit\",\"id\":\"v1\",\"agency\":\"a\",\"date\":\"2020-07-01\",\"count\":3}\n"
    "{\"type\":\"tally\",\"agency\":\"b\",\"year\":2020,\"key\":\"licensing_decisions\",\"value\":12}\n";

static int n_import;
static void import_text(store_t *s, const char *jsonl)
{
    char *in = xasprintf("%s/w%d.jsonl", test_tmpdir(), ++n_import);
    FILE *f = fopen(in, "w");
    fputs(jsonl, f);
    fclose(f);
    struct import_result res;
    char *names[] = {in};
    CHECK_INT(import_files(s, names, 1, false, stderr, &res), 0);
    free(in);
}

/* The report scopes the test watches. */
struct watch {
    const char *code;
    bool tree;
    int year;
};
static const struct watch watched[] = {
    {"a", true, 2020},  {"a", true, 2019},  {"a", true, 2021},    {"b", true, 2020},   {"b", true, 2019},
    {"root", true, 2020}, {"root", false, 2020}, {"a1", true, 2020}, {"b", true, 2021}, {"root", true, 2019},
};
#define NWATCH (sizeof watched / sizeof watched[0])

/* Asks the cache for every watched scope; HIT[i] says which came from it. Each answer is
 * compared with a fresh computation. */
static void ask_all(struct figures_cache *c, store_t *s, bool hit[NWATCH])
{
    for (size_t i = 0; i < NWATCH; i++) {
        struct agency a = {0};
        char *err = NULL;
        CHECK_INT(store_get_agency(s, watched[i].code, &a, &err), RES_OK);
        struct report_figures got, want;
        CHECK_INT(figures_cache_get(c, s, &a, watched[i].tree, watched[i].year, &got, &hit[i], &err), RES_OK);
        CHECK_INT(store_report_figures(s, &a, watched[i].tree, watched[i].year, &want, &err), RES_OK);
        if (memcmp(&got, &want, sizeof got) != 0)
            fprintf(stderr, "  figures of %s %d %s differ from a fresh computation\n", watched[i].code,
                    watched[i].year, watched[i].tree ? "tree" : "self");
        CHECK(memcmp(&got, &want, sizeof got) == 0);
        free(err);
        agency_clear(&a);
    }
}

/* After a write: exactly the scopes named in STALE (by index) were recomputed. */
static void expect_recomputed(struct figures_cache *c, store_t *s, const char *what, const int *stale, size_t n)
{
    bool hit[NWATCH];
    ask_all(c, s, hit);
    for (size_t i = 0; i < NWATCH; i++) {
        bool want_stale = false;
        for (size_t k = 0; k < n; k++)
            want_stale = want_stale || stale[k] == (int)i;
        if (hit[i] == want_stale)
            fprintf(stderr, "  after %s: %s %d %s was %s\n", what, watched[i].code, watched[i].year,
                    watched[i].tree ? "tree" : "self", hit[i] ? "served from the cache" : "recomputed");
        CHECK(hit[i] != want_stale);
    }
}

static long long published(store_t *s, const char *code, int year)
{
    struct agency a = {0};
    struct report_figures f;
    char *err = NULL;
    CHECK_INT(store_get_agency(s, code, &a, &err), RES_OK);
    CHECK_INT(store_report_figures(s, &a, true, year, &f, &err), RES_OK);
    agency_clear(&a);
    return f.items_published;
}

static void test_writes_invalidate_only_their_scope(void)
{
    char *path = xasprintf("%s/cache.db", test_tmpdir());
    store_t *s = test_db_at(path);
    import_text(s, base_data);
    struct figures_cache *c = figures_cache_new();
    bool hit[NWATCH];

    ask_all(c, s, hit); /* cold: everything computed */
    for (size_t i = 0; i < NWATCH; i++)
        CHECK(!hit[i]);
    expect_recomputed(c, s, "no write", NULL, 0);

    /* A publication of agency a in 2020: a's 2020 figures and those of the trees above it;
     * not b's, not a's 2019 or 2021, not root's own (self) 2020, not a1's. */
    long long before = published(s, "a", 2020);
    import_text(s, "{\"type\":\"item\",\"id\":\"i6\",\"agency\":\"a\",\"title\":\"甲三\","
                   "\"publications\":[{\"channel\":\"website\",\"at\":\"2020-09-01\"}]}\n");
    CHECK_INT(published(s, "a", 2020), before + 1);
    expect_recomputed(c, s, "a publication of a in 2020", (const int[]){0, 5}, 2);

    /* An application of b received in 2019 and still open: b's 2019 and every later year
     * (carried over), root's tree likewise; nothing of a. */
    import_text(s, "{\"type\":\"application\",\"id\":\"p3\",\"agency\":\"b\",\"applicant_type\":\"natural_person\","
                   "\"received\":\"2019-11-01\"}\n");
    expect_recomputed(c, s, "an open application of b from 2019", (const int[]){3, 4, 5, 8, 9}, 5);

    /* Closing it in 2020: the same years up to 2020 and, since it was open, after. */
    import_text(s, "{\"type\":\"application\",\"id\":\"p3\",\"agency\":\"b\",\"applicant_type\":\"natural_person\","
                   "\"received\":\"2019-11-01\",\"closed\":\"2020-01-15\",\"outcome\":\"disclosed\"}\n");
    expect_recomputed(c, s, "closing the application in 2020", (const int[]){3, 4, 5, 8, 9}, 5);

    /* The same record imported again changes nothing: every figure stays cached. */
    import_text(s, "{\"type\":\"application\",\"id\":\"p3\",\"agency\":\"b\",\"applicant_type\":\"natural_person\","
                   "\"received\":\"2019-11-01\",\"closed\":\"2020-01-15\",\"outcome\":\"disclosed\"}\n");
    expect_recomputed(c, s, "an unchanged application", NULL, 0);

    /* A tally of a1 for 2021: a1's 2021 (not watched), a's tree 2021. */
    import_text(s, "{\"type\":\"tally\",\"agency\":\"a1\",\"year\":2021,\"key\":\"licensing_decisions\",\"value\":5}\n");
    expect_recomputed(c, s, "a tally of a1 for 2021", (const int[]){2}, 1);

    /* A visit to root in 2019: root's own reading room, its tree of 2019. */
    import_text(s, "{\"type\":\"visit\",\"id\":\"v2\",\"agency\":\"root\",\"date\":\"2019-05-01\",\"count\":2}\n");
    expect_recomputed(c, s, "a visit to root in 2019", (const int[]){9}, 1);

    /* A 规范性文件 of b written in 2020 stays in force: b's 2020 and 2021, root's 2020 tree. */
    import_text(s, "{\"type\":\"item\",\"id\":\"i7\",\"agency\":\"b\",\"title\":\"乙规\",\"statutory\":\"normative_document\","
                   "\"written\":\"2020-03-01\",\"publications\":[{\"channel\":\"website\",\"at\":\"2020-03-05\"}]}\n");
    expect_recomputed(c, s, "a normative document of b from 2020", (const int[]){3, 5, 8}, 3);

    /* a1 moves from a to b: every subtree report may change. */
    import_text(s, "{\"type\":\"agency\",\"code\":\"a1\",\"name\":\"甲局一所\",\"parent\":\"b\",\"kind\":\"other\"}\n");
    expect_recomputed(c, s, "a1 moved below b", (const int[]){0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 10);
    expect_recomputed(c, s, "nothing since", NULL, 0);

    figures_cache_free(c);
    store_close(s);
    free(path);
}

void run_tests(void)
{
    test_writes_invalidate_only_their_scope();
}
