/* Holiday notices in the database (store_holidays.h) on a real SQLite file: a year
 * replaced whole, the sources recorded, a failed transaction keeping the old rows, and
 * store_load_calendar putting the imported years over the built-in ones. */
#include "test.h"
#include "test_date.h"
#include "test_db.h"
#include "store/store_holidays.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

static struct holiday_list parse(const char *csv)
{
    struct holiday_list l;
    size_t line;
    char *err = NULL;
    if (holiday_list_parse(csv, strlen(csv), &l, &line, &err) != 0) {
        fprintf(stderr, "bad test csv: line %zu: %s\n", line, err);
        exit(1);
    }
    return l;
}

static int count_row(gk_date date, bool workday, const char *name, void *ud)
{
    (void)date, (void)workday, (void)name;
    ++*(int *)ud;
    return 0;
}

struct years_seen {
    char text[512];
};

static int note_year(int year, const char *source, const char *imported_at, void *ud)
{
    struct years_seen *y = ud;
    size_t n = strlen(y->text);
    snprintf(y->text + n, sizeof y->text - n, "%d %s %s;", year, source, imported_at);
    return 0;
}

static int replace(store_t *s, const char *csv, const char *source, const char *at)
{
    struct holiday_list l = parse(csv);
    char *err = NULL;
    int rc = store_begin(s, &err) || store_holidays_replace(s, &l, source, at, &err) || store_commit(s, &err);
    if (rc) {
        fprintf(stderr, "  %s\n", err ? err : "?");
        store_rollback(s);
    }
    free(err);
    holiday_list_free(&l);
    return rc;
}

static void test_replace_and_load(void)
{
    char *path = xasprintf("%s/h.db", test_tmpdir());
    store_t *s = test_db_at(path);
    char *err = NULL;

    /* An empty database: the built-in calendar. */
    calendar_t *cal = NULL;
    CHECK_INT(store_load_calendar(s, &cal, &err), RES_OK);
    CHECK(!calendar_year_official(cal, 2027));
    CHECK(calendar_year_official(cal, 2026));
    calendar_free(cal);

    CHECK_INT(replace(s, "date,kind,name\n2027-01-01,holiday,元旦\n2027-02-20,workday,春节\n"
                         "2028-01-01,holiday,元旦\n", "a.csv", "2026-12-07T08:00:00Z"), 0);
    int n = 0;
    CHECK_INT(store_holidays_each(s, count_row, &n, &err), RES_OK);
    CHECK_INT(n, 3);
    struct years_seen ys = {""};
    CHECK_INT(store_holiday_years_each(s, note_year, &ys, &err), RES_OK);
    CHECK_STR(ys.text, "2027 a.csv 2026-12-07T08:00:00Z;2028 a.csv 2026-12-07T08:00:00Z;");

    /* A second notice for 2027 replaces that year only, rows and source. */
    CHECK_INT(replace(s, "date,kind,name\n2027-01-04,holiday,元旦\n", "b.csv", "2026-12-08T08:00:00Z"), 0);
    n = 0;
    store_holidays_each(s, count_row, &n, &err);
    CHECK_INT(n, 2);
    ys.text[0] = '\0';
    store_holiday_years_each(s, note_year, &ys, &err);
    CHECK_STR(ys.text, "2027 b.csv 2026-12-08T08:00:00Z;2028 a.csv 2026-12-07T08:00:00Z;");

    CHECK_INT(store_load_calendar(s, &cal, &err), RES_OK);
    CHECK(calendar_year_official(cal, 2027));
    CHECK(calendar_year_official(cal, 2028));
    CHECK(!calendar_year_official(cal, 2029));
    CHECK_INT(calendar_is_workday(cal, D("2027-01-01")), 1); /* the first notice's row is gone */
    CHECK_INT(calendar_is_workday(cal, D("2027-01-04")), 0);
    CHECK_INT(calendar_is_workday(cal, D("2027-02-20")), 0);
    CHECK_INT(calendar_is_workday(cal, D("2028-01-01")), 0);
    calendar_free(cal);

    /* A built-in year can be replaced too (a corrected notice). */
    CHECK_INT(replace(s, "date,kind,name\n2026-10-01,holiday,国庆节\n", "c.csv", "2026-12-09T08:00:00Z"), 0);
    CHECK_INT(store_load_calendar(s, &cal, &err), RES_OK);
    CHECK_INT(calendar_is_workday(cal, D("2026-10-02")), 1); /* built in: a holiday */
    CHECK_INT(calendar_is_workday(calendar_default(), D("2026-10-02")), 0);
    calendar_free(cal);

    /* Rolled back: the old rows stay. */
    struct holiday_list l = parse("date,kind,name\n2027-05-03,holiday,劳动节\n");
    CHECK_INT(store_begin(s, &err), RES_OK);
    CHECK_INT(store_holidays_replace(s, &l, "d.csv", "2026-12-10T08:00:00Z", &err), RES_OK);
    store_rollback(s);
    holiday_list_free(&l);
    CHECK_INT(store_load_calendar(s, &cal, &err), RES_OK);
    CHECK_INT(calendar_is_workday(cal, D("2027-01-04")), 0);
    CHECK_INT(calendar_is_workday(cal, D("2027-05-03")), 1);
    calendar_free(cal);

    free(err);
    store_close(s);
    free(path);
}

void run_tests(void)
{
    test_replace_and_load();
}
