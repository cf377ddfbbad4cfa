/* Import: every kind of bad record gets its own error naming file, line and field; nothing
 * is written when any record is bad; re-import by (type, id) updates. */
#include "test.h"
#include "test_db.h"
#include "records/import.h"
#include "store/sqlite/sqlite_fts.h"
#include <sqlite3.h>
#include "store/store.h"
#include "util/xalloc.h"

static int file_no;

/* Writes TEXT to a fresh file and returns its path (static buffer per call site). */
static char *write_file(const char *text)
{
    char *path = xasprintf("%s/in%d.jsonl", test_tmpdir(), ++file_no);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

static store_t *fresh_store(void)
{
    char *path = xasprintf("%s/db%d.sqlite", test_tmpdir(), ++file_no);
    store_t *s = test_db_at(path);
    free(path);
    return s;
}

/* Imports TEXT into S; returns the status and the error listing (caller frees). */
static res_t import_text(store_t *s, const char *text, char **errors, struct import_result *res)
{
    char *path = write_file(text);
    char *buf = NULL;
    size_t len = 0;
    FILE *err = open_memstream(&buf, &len);
    char *names[] = {path};
    res_t rc = import_files(s, names, 1, false, err, res);
    fclose(err);
    free(path);
    *errors = buf;
    return rc;
}

static long long count_items(store_t *s)
{
    struct agency a;
    char *err = NULL;
    if (store_get_agency(s, NULL, &a, &err) != 0)
        return 0;
    struct report_figures f;
    store_report_figures(s, &a, true, 2018, &f, &err);
    agency_clear(&a);
    return f.items_published;
}

#define AGENCIES                                                                              \
    "{\"type\":\"agency\",\"code\":\"root\",\"name\":\"工农区人民政府\",\"kind\":\"government\"}\n" \
    "{\"type\":\"agency\",\"code\":\"fin\",\"name\":\"区财政局\",\"parent\":\"root\",\"kind\":\"department\"}\n"

#define ITEM(id) "{\"type\":\"item\",\"id\":\"" id "\",\"agency\":\"fin\",\"title\":\"通知\",\"publications\":[{\"channel\":\"website\",\"at\":\"2018-03-01\"}]}\n"

/* One bad record after a good prefix: exit 2, the listed error, and nothing written. */
static void expect_error(const char *bad_line, const char *want)
{
    store_t *s = fresh_store();
    char *errors = NULL;
    struct import_result res;
    char *text = xasprintf(AGENCIES ITEM("ok-1") "%s", bad_line);
    int rc = import_text(s, text, &errors, &res);
    CHECK_INT(rc, RES_REFUSED);
    CHECK_CONTAINS(errors, want);
    CHECK_INT(count_items(s), 0); /* the good item before it was not kept either */
    free(errors);
    free(text);
    store_close(s);
}

static void test_bad_records(void)
{
    expect_error("{\"type\":\"item\",\"id\":\"x\",", ":4: json: ");
    expect_error("{\"type\":\"item\",\"id\":\"x\",\"agency\":\"fin\",\"title\":\"t\",\"titel\":\"t\"}\n",
                 ":4: titel: unknown field");
    expect_error("{\"type\":\"item\",\"id\":7,\"agency\":\"fin\",\"title\":\"t\"}\n", ":4: id: must be a string");
    expect_error("{\"type\":\"item\",\"id\":\"x\",\"agency\":\"fin\",\"title\":\"t\",\"publications\":{}}\n",
                 ":4: publications: must be a list, not an object");
    expect_error("{\"type\":\"application\",\"id\":\"a\",\"agency\":\"fin\",\"applicant_type\":\"natural_person\","
                 "\"received\":\"2018-01-05\",\"events\":\"x\"}\n",
                 ":4: events: must be a list, not a string");
    expect_error("{\"type\":\"item\",\"id\":\"x\",\"agency\":\"fin\",\"title\":\"t\",\"written\":\"2019-02-29\"}\n",
                 ":4: written: '2019-02-29' is not a date");
    expect_error("{\"type\":\"item\",\"id\":\"x\",\"agency\":\"nobody\",\"title\":\"t\"}\n",
                 ":4: agency: unknown agency code 'nobody'");
    expect_error("{\"type\":\"application\",\"id\":\"a\",\"agency\":\"fin\",\"applicant_type\":\"natural_person\","
                 "\"received\":\"2018-01-05\",\"closed\":\"2018-01-20\"}\n",
                 ":4: outcome: required when 'closed' is given");
    expect_error("{\"type\":\"application\",\"id\":\"a\",\"agency\":\"fin\",\"applicant_type\":\"natural_person\","
                 "\"received\":\"2018-01-05\",\"outcome\":\"disclosed\"}\n",
                 ":4: closed: required when 'outcome' is given");
    expect_error("{\"type\":\"agency\",\"code\":\"root2\",\"name\":\"另一个政府\"}\n", ":4: parent: a second root");
    expect_error("{\"type\":\"agency\",\"code\":\"a1\",\"name\":\"甲\",\"parent\":\"a2\"}\n"
                 "{\"type\":\"agency\",\"code\":\"a2\",\"name\":\"乙\",\"parent\":\"a1\"}\n",
                 "parent: agency 'a");
    expect_error("{\"type\":\"application\",\"id\":\"a\",\"agency\":\"fin\",\"applicant_type\":\"robot\","
                 "\"received\":\"2018-01-05\"}\n",
                 ":4: applicant_type: 'robot' is not one of");
    expect_error("{\"type\":\"case\",\"id\":\"c\",\"agency\":\"fin\",\"kind\":\"reconsideration\",\"filed\":\"2018-05-01\","
                 "\"result\":\"upheld\"}\n",
                 ":4: decided: required when 'result' is given");
    expect_error("{\"type\":\"tally\",\"agency\":\"fin\",\"year\":2021,\"key\":\"admin_fees_wan_yuan\",\"value\":\"1.1234567\"}\n",
                 ":4: value: '1.1234567' is not an amount");
    expect_error("{\"type\":\"tally\",\"agency\":\"fin\",\"year\":2021,\"key\":\"bogus\",\"value\":1}\n",
                 ":4: key: 'bogus' is not a tally key");
    expect_error("{\"type\":\"narrative\",\"agency\":\"fin\",\"year\":2021,\"section\":\"overview\","
                 "\"text\":\"新收{{#t3}}件\"}\n",
                 ":4: text: line 1: ");
    expect_error("{\"type\":\"memo\"}\n", ":4: type: 'memo' is not a record type");
    expect_error("[1,2]\n", ":4: json: a record must be an object");
    expect_error("{\"type\":\"application\",\"id\":\"a\",\"agency\":\"fin\",\"applicant_type\":\"natural_person\","
                 "\"received\":\"2018-01-05\",\"closed\":\"2018-01-20\",\"outcome\":\"disclosed\","
                 "\"events\":[{\"kind\":\"replied\",\"date\":\"2018-01-22\",\"outcome\":\"disclosed\"}]}\n",
                 ":4: closed: 2018-01-20 disagrees with the closing event's date 2018-01-22");
    expect_error("{\"type\":\"application\",\"id\":\"a\",\"agency\":\"fin\",\"applicant_type\":\"natural_person\","
                 "\"received\":\"2018-01-05\",\"events\":[{\"kind\":\"correction_received\",\"date\":\"2018-01-09\"}]}\n",
                 ":4: events[0].kind: ");
    expect_error("{\"type\":\"visit\",\"id\":\"v\",\"agency\":\"fin\",\"date\":\"2018-13-01\",\"count\":-1}\n",
                 ":4: date: '2018-13-01' is not a date");
}

#define APP(id, received, events)                                                                       \
    "{\"type\":\"application\",\"id\":\"" id "\",\"agency\":\"fin\",\"applicant_type\":\"natural_person\","   \
    "\"received\":\"" received "\",\"events\":[" events "]}\n"

/* The statutory clock's rules at import (issue 9 "Bad input"): FILE:LINE: events[i].field. */
static void test_event_rules(void)
{
    /* Extension caps: 15 under the 2007 Regulation, 20 under the revised one. */
    expect_error(APP("x1", "2019-02-22", "{\"kind\":\"extended\",\"date\":\"2019-03-08\",\"days\":16}"),
                 ":4: events[0].days: 16 (an extension is 1 to 15 working days under the 2007 Regulation, 第二十四条)");
    expect_error(APP("x2", "2019-05-15", "{\"kind\":\"extended\",\"date\":\"2019-06-03\",\"days\":21}"),
                 ":4: events[0].days: 21 (an extension is 1 to 20 working days under the 2019 Regulation, 第三十三条)");
    /* A second extension. */
    expect_error(APP("x3", "2020-03-02", "{\"kind\":\"extended\",\"date\":\"2020-03-20\",\"days\":5},"
                                         "{\"kind\":\"extended\",\"date\":\"2020-03-23\",\"days\":5}"),
                 ":4: events[1].kind: extended a second time (first by events[0]); the period can be extended once only");
    /* A reply (any event) before receipt, and events out of order. */
    expect_error(APP("x4", "2020-03-02", "{\"kind\":\"replied\",\"date\":\"2020-02-28\",\"outcome\":\"disclosed\"}"),
                 ":4: events[0].date: 2020-02-28 is before the receipt date 2020-03-02");
    expect_error(APP("x5", "2020-03-02", "{\"kind\":\"consultation_started\",\"date\":\"2020-03-10\",\"party\":\"agency\"},"
                                         "{\"kind\":\"consultation_ended\",\"date\":\"2020-03-09\"}"),
                 ":4: events[1].date: 2020-03-09 is before the 2020-03-10 of events[0] (events must be in date order)");
    /* A receipt before the calendar (2004). */
    expect_error(APP("x6", "2003-12-30", ""), ":4: received: 2003-12-30 is outside the calendar data");
    /* Within the caps: accepted, also in a year without a notice (provisional). */
    store_t *s = fresh_store();
    char *errors = NULL;
    struct import_result res;
    CHECK_INT(import_text(s, AGENCIES APP("ok15", "2019-02-22", "{\"kind\":\"extended\",\"date\":\"2019-03-08\",\"days\":15}")
                             APP("ok27", "2027-01-11", "{\"kind\":\"extended\",\"date\":\"2027-02-01\",\"days\":20}"),
                          &errors, &res), RES_OK);
    free(errors);
    store_close(s);
}

#define CASE(id, app) \
    "{\"type\":\"case\",\"id\":\"" id "\",\"agency\":\"fin\",\"kind\":\"reconsideration\",\"filed\":\"2020-05-01\",\"application\":\"" app "\"}\n"

/* A case names an application of the same import (before or after it) or of the database. */
static void test_case_application(void)
{
    expect_error(CASE("c1", "nope"), ":4: application: no application 'nope' in this import or the database");
    store_t *s = fresh_store();
    char *errors = NULL;
    struct import_result res;
    /* The case comes first, its application after it in the same import. */
    CHECK_INT(import_text(s, AGENCIES CASE("c2", "a-later") APP("a-later", "2020-03-02", ""), &errors, &res), RES_OK);
    free(errors);
    /* A later import may name an application already in the database. */
    CHECK_INT(import_text(s, CASE("c3", "a-later"), &errors, &res), RES_OK);
    free(errors);
    /* …and is refused, naming file and line, for one that is not. */
    CHECK_INT(import_text(s, CASE("c4", "a-later") CASE("c5", "missing"), &errors, &res), RES_REFUSED);
    CHECK_CONTAINS(errors, ":2: application: no application 'missing' in this import or the database");
    free(errors);
    store_close(s);
}

static void test_all_errors_listed(void)
{
    store_t *s = fresh_store();
    char *errors = NULL;
    struct import_result res;
    int rc = import_text(s,
                         AGENCIES "{\"type\":\"item\",\"id\":\"x\",\"agency\":\"fin\"}\n"
                                  "{\"type\":\"visit\",\"id\":\"v\",\"agency\":\"fin\",\"date\":\"2018-01-01\",\"count\":\"3\"}\n",
                         &errors, &res);
    CHECK_INT(rc, RES_REFUSED);
    CHECK_CONTAINS(errors, ":3: title: required");
    CHECK_CONTAINS(errors, ":4: count: must be an integer");
    CHECK_INT(res.errors, 2);
    free(errors);
    store_close(s);
}

static void test_reimport_updates(void)
{
    store_t *s = fresh_store();
    char *errors = NULL;
    struct import_result res;
    CHECK_INT(import_text(s, AGENCIES ITEM("i1") ITEM("i2"), &errors, &res), 0);
    free(errors);
    CHECK_INT(count_items(s), 2);
    /* The same ids again, one moved to 2019: an update, not a duplicate. */
    CHECK_INT(import_text(s,
                          AGENCIES ITEM("i1")
                          "{\"type\":\"item\",\"id\":\"i2\",\"agency\":\"fin\",\"title\":\"通知\",\"publications\":[{\"channel\":\"wechat\",\"at\":\"2019-03-01\"}]}\n",
                          &errors, &res),
              0);
    free(errors);
    CHECK_INT(count_items(s), 1);
    CHECK_INT(res.count[REC_ITEM], 2);
    store_close(s);
}

static void test_dry_run_writes_nothing(void)
{
    store_t *s = fresh_store();
    char *path = write_file(AGENCIES ITEM("i1"));
    struct import_result res;
    char *names[] = {path};
    CHECK_INT(import_files(s, names, 1, true, stderr, &res), 0);
    CHECK_INT(res.count[REC_ITEM], 1);
    struct agency a;
    char *err = NULL;
    CHECK_INT(store_get_agency(s, NULL, &a, &err), RES_NOT_FOUND);
    free(path);
    store_close(s);
}

static void test_index_numbers(void)
{
    store_t *s = fresh_store();
    char *errors = NULL;
    struct import_result res;
    CHECK_INT(import_text(s,
                          AGENCIES ITEM("i1") ITEM("i2")
                          "{\"type\":\"item\",\"id\":\"i3\",\"agency\":\"fin\",\"title\":\"t\",\"index_no\":\"fin/2018-00001\"}\n",
                          &errors, &res),
              RES_REFUSED);
    CHECK_CONTAINS(errors, "index_no: 'fin/2018-00001' is already the 索引号 of item 'i1'");
    free(errors);
    store_close(s);
}

/* Counts the items the search index finds for PHRASE (a second, independent connection). */
static long long fts_count(const char *db, const char *phrase)
{
    sqlite3 *c;
    sqlite3_stmt *st;
    long long n = -1;
    if (sqlite3_open(db, &c) == SQLITE_OK && sqlite_fts_register(c) == SQLITE_OK &&
        sqlite3_prepare_v2(c, "SELECT (SELECT count(*) FROM item_fts WHERE item_fts MATCH ?1)"
                              " + 1000 * (SELECT count(*) FROM fts_pending)", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, phrase, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(c);
    return n;
}

/* The search index of an import is built in one pass at its end (004_search_bulk.sql):
 * new, re-imported, updated-twice and refused items all come out right. */
static void test_search_index_after_import(void)
{
    char *path = xasprintf("%s/fts.db", test_tmpdir());
    store_t *s = NULL;
    char *err = NULL;
    CHECK_INT(store_open(path, &s, &err) || store_migrate(s, &err), 0);
    char *errors = NULL;
    struct import_result res;
#define TITLED(id, t) "{\"type\":\"item\",\"id\":\"" id "\",\"agency\":\"fin\",\"title\":\"" t "\"}\n"
    /* i2 appears twice in one import: only its last title may be found */
    CHECK_INT(import_text(s, AGENCIES TITLED("i1", "养老保险办理指南") TITLED("i2", "旧标题供暖") TITLED("i2", "供热收费公示"),
                          &errors, &res), 0);
    free(errors);
    CHECK_INT(fts_count(path, "\"养老保险\""), 1);
    CHECK_INT(fts_count(path, "\"供热\""), 1);
    CHECK_INT(fts_count(path, "\"旧标题\""), 0);
    /* a later import updates i1 (already indexed) and adds i3 */
    CHECK_INT(import_text(s, AGENCIES TITLED("i1", "医疗保险办理指南") TITLED("i3", "养老服务补贴"), &errors, &res), 0);
    free(errors);
    CHECK_INT(fts_count(path, "\"养老保险\""), 0);
    CHECK_INT(fts_count(path, "\"医疗保险\""), 1);
    CHECK_INT(fts_count(path, "\"养老\""), 1);
    CHECK_INT(fts_count(path, "\"办理指南\""), 1);
    /* a refused import changes neither the items nor the index, and leaves no pending mark */
    CHECK_INT(import_text(s, AGENCIES TITLED("i4", "养老院名单") "{\"type\":\"item\"}\n", &errors, &res), RES_REFUSED);
    free(errors);
    CHECK_INT(fts_count(path, "\"养老\""), 1);
#undef TITLED
    store_close(s);
    free(path);
}

/* A field name or value with a newline in it (JSON "\n") cannot split its error into lines
 * that read as other errors: control characters are listed escaped (found by fuzzing). */
static void test_error_lines_escaped(void)
{
    store_t *s = fresh_store();
    char *errors = NULL;
    struct import_result res;
    res_t rc = import_text(s,
                         AGENCIES "{\"type\":\"item\",\"id\":\"x\",\"agency\":\"fin\",\"title\":\"t\","
                                  "\"a\\nin.jsonl:9: id\":1}\n"
                                  "{\"type\":\"item\",\"id\":\"y\",\"agency\":\"fin\",\"title\":\"t\","
                                  "\"written\":\"2019\\r\\n\\u0001\"}\n",
                         &errors, &res);
    CHECK_INT(rc, RES_REFUSED);
    CHECK_CONTAINS(errors, ":3: a\\nin.jsonl:9: id: unknown field\n");
    CHECK_CONTAINS(errors, ":4: written: '2019\\r\\n\\x01' is not a date (YYYY-MM-DD)\n");
    int lines = 0;
    for (const char *p = errors; *p; p++)
        lines += *p == '\n';
    CHECK_INT(lines, 2);
    free(errors);
    store_close(s);
}

void run_tests(void)
{
    test_error_lines_escaped();
    test_search_index_after_import();
    test_bad_records();
    test_event_rules();
    test_case_application();
    test_all_errors_listed();
    test_reimport_updates();
    test_dry_run_writes_nothing();
    test_index_numbers();
}
