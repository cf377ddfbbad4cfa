/* The working-day calendar: the embedded data against the facts of shared/data/README.md,
 * the arithmetic (add / between) and its refusals, provisional years and imported
 * notices, and the CSV parser's errors. */
#include "test.h"
#include "test_date.h"
#include "domain/calendar.h"
#include "util/embed.h"
#include "util/xalloc.h"
#include <pthread.h>
#include <stdlib.h>

static int workday(const char *s)
{
    return calendar_is_workday(calendar_default(), D(s));
}

static const char *add(const char *from, int n)
{
    static char out[DATE_STR_SIZE];
    gk_date r;
    if (calendar_add_workdays(calendar_default(), D(from), n, &r) != 0)
        return "refused";
    return date_format(r, out);
}

static int between(const char *a, const char *b)
{
    int n;
    if (calendar_workdays_between(calendar_default(), D(a), D(b), &n) != 0)
        return -99999;
    return n;
}

/* The facts checked against the State Council notices (data/README.md "Known facts"). */
static void test_known_days(void)
{
    CHECK_INT(workday("2018-02-11"), 1); /* Sunday, 调休 for 春节 */
    CHECK_INT(workday("2018-02-24"), 1);
    for (int d = 15; d <= 21; d++)
        CHECK_INT(calendar_is_workday(calendar_default(), date_from_ymd(2018, 2, d)), 0);
    CHECK_INT(workday("2018-02-22"), 1);
    CHECK_INT(workday("2018-09-29"), 1);
    CHECK_INT(workday("2018-09-30"), 1);
    for (int d = 1; d <= 7; d++)
        CHECK_INT(calendar_is_workday(calendar_default(), date_from_ymd(2018, 10, d)), 0);
    CHECK_INT(workday("2018-10-08"), 1);
    CHECK_INT(workday("2018-10-13"), 0); /* a plain Saturday */
    CHECK_INT(workday("2018-10-15"), 1); /* a plain Monday */
    CHECK_INT(workday("2015-09-03"), 0);
    CHECK_INT(workday("2015-09-04"), 0);
    CHECK_INT(workday("2015-09-06"), 1);
    CHECK_INT(workday("2020-01-31"), 0); /* the extended 2020 Spring Festival */
    CHECK_INT(workday("2020-02-02"), 0);
    CHECK_INT(workday("2020-02-03"), 1);
    CHECK_INT(workday("2008-04-04"), 0);
    CHECK_INT(workday("2007-04-05"), 1); /* 清明 not yet a holiday */
    CHECK_INT(workday("2008-05-04"), 1);
    CHECK_INT(workday("2007-12-29"), 1);
    CHECK_INT(workday("2008-01-01"), 0);
    CHECK_INT(workday("2024-02-04"), 1);
    CHECK_INT(workday("2024-02-18"), 1);
    CHECK_INT(workday("2025-01-26"), 1);
    CHECK_INT(workday("2025-01-28"), 0); /* 除夕, a holiday from 2025 */
    CHECK_INT(workday("2025-02-08"), 1);
    CHECK_INT(workday("2025-05-02"), 0);
    CHECK_INT(workday("2025-10-06"), 0);
    CHECK_INT(workday("2025-10-11"), 1);
    CHECK_INT(workday("2026-01-04"), 1);
    CHECK_INT(workday("2026-02-14"), 1);
    CHECK_INT(workday("2026-02-28"), 1);
    CHECK_INT(workday("2026-10-10"), 1);
}

/* Working days per year as data/README.md gives them: every row of every year. Two
 * ways, day by day and by `between`, so the bitmap and its running counts agree. */
static void test_year_totals(void)
{
    static const int want[] = {252, 250, 251, 249, 251, 250, 250, 250, 249, 250, 250, 249,
                               250, 249, 250, 250, 249, 250, 249, 249, 251, 248, 248};
    const calendar_t *cal = calendar_default();
    int bad_loop = 0, bad_between = 0;
    for (int y = 2004; y <= 2026; y++) {
        int n = 0;
        for (gk_date d = date_from_ymd(y, 1, 1); d <= date_from_ymd(y, 12, 31); d++)
            n += calendar_is_workday(cal, d) == 1;
        if (n != want[y - 2004]) {
            fprintf(stderr, "  %d: %d working days day by day, want %d\n", y, n, want[y - 2004]);
            bad_loop++;
        }
        int b = -1;
        gk_date jan1 = date_from_ymd(y, 1, 1);
        calendar_workdays_between(cal, jan1, date_from_ymd(y, 12, 31), &b);
        b += calendar_is_workday(cal, jan1); /* (Jan 1, Dec 31] leaves out Jan 1 */
        if (b != want[y - 2004]) {
            fprintf(stderr, "  %d: %d working days by between, want %d\n", y, b, want[y - 2004]);
            bad_between++;
        }
    }
    CHECK_INT(bad_loop, 0);
    CHECK_INT(bad_between, 0);
    /* All 23 years in one count: the running counts across all words. */
    int all = 0;
    CHECK_INT(calendar_workdays_between(cal, D("2004-01-01"), D("2026-12-31"), &all), 0);
    CHECK_INT(all + workday("2004-01-01"), 5744);
}

static void test_range(void)
{
    const calendar_t *cal = calendar_default();
    char s[DATE_STR_SIZE], r[32];
    CHECK_STR(date_format(calendar_first(cal), s), "2004-01-01");
    CHECK_STR(date_format(calendar_last(cal), s), "2099-12-31");
    CHECK_STR(calendar_range_text(cal, r, sizeof r), "2004-01-01 to 2099-12-31");
    CHECK(calendar_covers(cal, D("2004-01-01")));
    CHECK(calendar_covers(cal, D("2026-12-31")));
    CHECK(calendar_covers(cal, D("2027-01-01")));
    CHECK(calendar_covers(cal, D("2099-12-31")));
    CHECK(!calendar_covers(cal, D("2003-12-31")));
    CHECK(!calendar_covers(cal, D("2100-01-01")));
    CHECK_INT(workday("2003-12-31"), -1); /* a Wednesday, but not guessed */
    CHECK_INT(workday("2100-01-04"), -1);
    CHECK_INT(workday("2026-12-31"), 1);
    /* Built-in years are official; the years after them provisional, Monday to Friday. */
    CHECK(calendar_year_official(cal, 2004));
    CHECK(calendar_year_official(cal, 2026));
    CHECK(!calendar_year_official(cal, 2027));
    CHECK(!calendar_year_official(cal, 2003));
    CHECK(!calendar_year_official(cal, 2100));
    CHECK_INT(workday("2027-01-01"), 1); /* a Friday: New Year's Day unknown until the notice */
    CHECK_INT(workday("2027-01-02"), 0);
    CHECK_INT(workday("2027-01-04"), 1);
    int year = 0;
    CHECK(!calendar_span_provisional(cal, D("2018-01-01"), D("2026-12-31"), &year));
    CHECK(calendar_span_provisional(cal, D("2026-12-20"), D("2027-01-15"), &year));
    CHECK_INT(year, 2027);
    CHECK(calendar_span_provisional(cal, D("2028-03-01"), D("2026-12-20"), &year)); /* either order */
    CHECK_INT(year, 2027);
    /* The same calendar every time, from any thread. */
    CHECK(calendar_default() == cal);
}

static void *default_from_thread(void *arg)
{
    (void)arg;
    return (void *)calendar_default();
}

static void test_threads(void)
{
    pthread_t t[4];
    void *got[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, default_from_thread, NULL);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], &got[i]);
    for (int i = 0; i < 4; i++)
        CHECK(got[i] == (void *)calendar_default());
}

static void test_add_between(void)
{
    /* National Day 2018: Fri 28th, the make-up Sat 29th and Sun 30th, then 10-08. */
    CHECK_STR(add("2018-09-28", 1), "2018-09-29");
    CHECK_STR(add("2018-09-28", 3), "2018-10-08");
    CHECK_STR(add("2018-10-01", 1), "2018-10-08"); /* from a holiday */
    CHECK_STR(add("2018-09-30", 20), "2018-11-02");
    CHECK_STR(add("2018-10-08", 0), "2018-10-08");
    CHECK_STR(add("2018-10-03", 0), "2018-10-03"); /* n = 0 is the date itself, working or not */
    CHECK_STR(add("2018-10-08", -1), "2018-09-30");
    CHECK_STR(add("2018-10-05", -1), "2018-09-30");
    CHECK_STR(add("2018-10-08", -3), "2018-09-28");
    /* Spring Festival 2018: 02-15 … 02-21 off, Sun 02-11 and Sat 02-24 working. */
    CHECK_STR(add("2018-02-09", 1), "2018-02-11");
    CHECK_STR(add("2018-02-14", 1), "2018-02-22");
    CHECK_STR(add("2018-02-14", 3), "2018-02-24");
    CHECK_STR(add("2018-02-14", 4), "2018-02-26");
    CHECK_INT(between("2018-02-14", "2018-02-21"), 0);
    CHECK_INT(between("2018-02-14", "2018-02-22"), 1);
    CHECK_INT(between("2018-02-09", "2018-02-26"), 8); /* 11,12,13,14,22,23,24,26 */
    CHECK_INT(between("2018-02-26", "2018-02-09"), -8);
    CHECK_INT(between("2018-09-30", "2018-10-08"), 1);
    CHECK_INT(between("2018-10-08", "2018-09-30"), -1);
    CHECK_INT(between("2018-09-28", "2018-10-08"), 3);
    CHECK_INT(between("2018-10-08", "2018-10-08"), 0);
    CHECK_INT(between("2018-10-01", "2018-10-07"), 0);
    /* Across New Year 2019: 12-29 Sat working, 12-30 … 01-01 off. */
    CHECK_INT(between("2018-12-28", "2019-01-02"), 2);
    CHECK_STR(add("2018-12-28", 2), "2019-01-02");

    /* Refusals: a start or a walk outside the data. */
    CHECK_STR(add("2003-12-31", 1), "refused");
    CHECK_STR(add("2100-01-04", 0), "refused");
    CHECK_STR(add("2026-12-30", 1), "2026-12-31");
    CHECK_STR(add("2026-12-30", 2), "2027-01-01"); /* provisional: Mon–Fri */
    CHECK_STR(add("2026-12-20", 20), "2027-01-15");
    CHECK_STR(add("2099-12-30", 1), "2099-12-31");
    CHECK_STR(add("2099-12-30", 2), "refused");
    CHECK_STR(add("2004-01-05", -1), "2004-01-02");
    CHECK_STR(add("2004-01-05", -2), "refused");
    CHECK_STR(add("2010-06-01", 1000000), "refused");
    CHECK_STR(add("2010-06-01", -2147483647 - 1), "refused");
    CHECK_INT(between("2003-12-31", "2004-01-05"), -99999);
    CHECK_INT(between("2026-12-31", "2027-01-08"), 6);
    CHECK_INT(between("2099-12-01", "2100-01-05"), -99999);
    gk_date keep = 12345;
    CHECK_INT(calendar_add_workdays(calendar_default(), D("2099-12-30"), 5, &keep), -1);
    CHECK_INT(keep, 12345); /* untouched on refusal */

    /* add and between are inverse over the whole range, and add lands on working days. */
    const calendar_t *cal = calendar_default();
    int mismatches = 0, off_days = 0, tried = 0;
    for (gk_date d = calendar_first(cal); d <= calendar_last(cal); d++) {
        static const int ns[] = {1, 7, 20, 40, -1, -20};
        for (size_t k = 0; k < sizeof ns / sizeof ns[0]; k++) {
            gk_date r;
            if (calendar_add_workdays(cal, d, ns[k], &r) != 0)
                continue;
            tried++;
            int n = 0;
            calendar_workdays_between(cal, d, r, &n);
            /* Backwards to the k-th working day r before d: (r, d] holds the k - 1 met
             * before r, plus d itself when d is a working day. */
            int want = ns[k] > 0 ? ns[k] : -(-ns[k] - 1 + (calendar_is_workday(cal, d) == 1));
            if (n != want)
                mismatches++;
            if (calendar_is_workday(cal, r) != 1)
                off_days++;
        }
    }
    CHECK(tried > 50000);
    CHECK_INT(mismatches, 0);
    CHECK_INT(off_days, 0);
}

/* Parses csv and returns the error text (malloc'd), or NULL if it parsed. */
static char *parse_error_n(const char *csv, size_t len)
{
    char *err = NULL;
    size_t line = 0;
    struct holiday_list l;
    if (holiday_list_parse(csv, len, &l, &line, &err) == 0) {
        holiday_list_free(&l);
        return NULL;
    }
    CHECK(l.n == 0 && l.rows == NULL); /* nothing kept on refusal */
    char *text = xasprintf("line %zu: %s", line, err ? err : "(no error text)");
    free(err);
    return text;
}

static char *parse_error(const char *csv)
{
    return parse_error_n(csv, strlen(csv));
}

#define CHECK_PARSE_ERROR(csv, want)      \
    do {                                  \
        char *e_ = parse_error(csv);      \
        CHECK_STR(e_, want);              \
        free(e_);                         \
    } while (0)
#define CHECK_PARSES(csv)                 \
    do {                                  \
        char *e_ = parse_error(csv);      \
        if (e_)                           \
            fprintf(stderr, "  %s\n", e_); \
        CHECK(e_ == NULL);                \
        free(e_);                         \
    } while (0)

static void test_parse(void)
{
    /* A small calendar of one year: two days off and one make-up day. */
    const char *ok = "date,kind,name\r\n2004-01-01,holiday,元旦\r\n2004-01-02,holiday,元旦\r\n"
                     "2004-01-03,workday,元旦\r\n\n";
    char *err = NULL;
    size_t line = 0;
    struct holiday_list l;
    CHECK_INT(holiday_list_parse(ok, strlen(ok), &l, &line, &err), 0);
    CHECK(err == NULL);
    CHECK_INT((int)l.n, 3);
    CHECK_INT(holiday_list_first_year(&l), 2004);
    CHECK_INT(holiday_list_last_year(&l), 2004);
    if (l.n == 3)
        CHECK_STR(l.rows[2].name, "元旦");
    /* As an imported notice, it replaces the built-in 2004 (which has 01-01 off only). */
    calendar_t *c = calendar_build(&l);
    CHECK_INT(calendar_is_workday(c, D("2004-01-01")), 0);
    CHECK_INT(calendar_is_workday(c, D("2004-01-02")), 0);
    CHECK_INT(calendar_is_workday(c, D("2004-01-03")), 1); /* a Saturday */
    CHECK_INT(calendar_is_workday(c, D("2004-01-04")), 0);
    CHECK_INT(calendar_is_workday(c, D("2004-01-19")), 1); /* built-in 春节 rows are gone */
    int n = 0;
    CHECK_INT(calendar_workdays_between(c, D("2004-01-01"), D("2004-12-31"), &n), 0);
    CHECK_INT(n, 262 - 2 + 1); /* 262 weekdays in 2004 */
    CHECK(calendar_year_official(c, 2004));
    CHECK_INT(calendar_is_workday(c, D("2005-02-09")), 0); /* other years stay built in */
    calendar_free(c);
    holiday_list_free(&l);
    /* No final newline is fine too, and a byte-order mark as spreadsheets write it. */
    CHECK_PARSES("date,kind,name\n2004-05-01,holiday,劳动节");
    CHECK_PARSES("\xEF\xBB\xBF" "date,kind,name\n2004-01-01,holiday,元旦\n");

    CHECK_PARSE_ERROR("", "line 1: header: the data is empty (expected 'date,kind,name')");
    CHECK_PARSE_ERROR("date;kind;name\n2004-01-01,holiday,元旦\n",
                      "line 1: header: expected 'date,kind,name', got 'date;kind;name'");
    CHECK_PARSE_ERROR("date,kind,name\n", "line 1: date: no data rows after the header");
    CHECK_PARSE_ERROR("date,kind,name\n2003-12-31,holiday,元旦\n",
                      "line 2: date: 2003-12-31 is outside the years the calendar covers (2004–2099)");
    CHECK_PARSE_ERROR("date,kind,name\n2100-01-01,holiday,元旦\n",
                      "line 2: date: 2100-01-01 is outside the years the calendar covers (2004–2099)");
    CHECK_PARSE_ERROR("date,kind,name\n2004-01-01,holiday,元,旦\n", "line 2: name: holds a NUL byte or a comma");
    CHECK_PARSE_ERROR("date,kind,name\n2004-01-01,holiday,元旦\n2004-1-02,holiday,元旦\n",
                      "line 3: date: '2004-1-02' is not a date YYYY-MM-DD");
    CHECK_PARSE_ERROR("date,kind,name\n2004-02-30,holiday,x\n",
                      "line 2: date: '2004-02-30' is not a date YYYY-MM-DD");
    CHECK_PARSE_ERROR("date,kind,name\n2004-01-02,holiday,元旦\n2004-01-01,holiday,元旦\n",
                      "line 3: date: 2004-01-01 does not follow the previous row's 2004-01-02 "
                      "(rows must be sorted by date, each date once)");
    CHECK_PARSE_ERROR("date,kind,name\n2004-01-01,holiday,元旦\n2004-01-01,holiday,元旦\n",
                      "line 3: date: 2004-01-01 does not follow the previous row's 2004-01-01 "
                      "(rows must be sorted by date, each date once)");
    CHECK_PARSE_ERROR("date,kind,name\n2004-01-01,Holiday,元旦\n",
                      "line 2: kind: 'Holiday' (expected holiday or workday)");
    CHECK_PARSE_ERROR("date,kind,name\n2004-01-05,workday,春节\n",
                      "line 2: kind: 2004-01-05 is a weekday; a workday row must fall on a Saturday or Sunday");
    CHECK_PARSE_ERROR("date,kind,name\n2004-01-01,holiday,\n",
                      "line 2: name: empty (the holiday the row belongs to, e.g. 春节)");
    CHECK_PARSE_ERROR("date,kind,name\n2004-01-01;holiday;元旦\n",
                      "line 2: row: expected three fields date,kind,name, got '2004-01-01;holiday;元旦'");
    CHECK_PARSE_ERROR("date,kind,name\n2004-01-01,holiday,元旦\n\n2004-05-01,holiday,劳动节\n",
                      "line 3: row: empty line");
    CHECK_PARSE_ERROR("date,kind,name\n2004-01-01,holiday,元旦\n2006-01-02,holiday,元旦\n",
                      "line 3: date: no rows for 2005, a year inside the range 2004–2006 (its holidays are missing)");
    /* A NUL inside a field is refused, not read as the end of the line. */
    const char nul[] = "date,kind,name\n2004-01\0-01,holiday,x\n";
    err = parse_error_n(nul, sizeof nul - 1);
    CHECK_CONTAINS(err, "line 2: date:");
    free(err);

    /* The embedded file itself parses and has the rows data/README.md counts. */
    const struct embedded_file *f = embedded_find("calendar/cn-holidays.csv");
    CHECK(f != NULL);
    if (f) {
        int lines = 0;
        for (size_t i = 0; i < f->size; i++)
            lines += f->data[i] == '\n';
        CHECK_INT(lines, 772);
    }
}

/* A provisional year, then its notice: the answers change, nothing else does. */
static void test_imported_year(void)
{
    const char *notice = "date,kind,name\n2027-01-01,holiday,元旦\n2027-02-06,holiday,春节\n"
                         "2027-02-08,holiday,春节\n2027-02-20,workday,春节\n";
    struct holiday_list l;
    size_t line;
    char *err = NULL;
    CHECK_INT(holiday_list_parse(notice, strlen(notice), &l, &line, &err), 0);
    calendar_t *before = calendar_build(NULL), *after = calendar_build(&l);
    CHECK(!calendar_year_official(before, 2027));
    CHECK(calendar_year_official(after, 2027));
    CHECK(!calendar_span_provisional(after, D("2026-12-20"), D("2027-12-31"), NULL));
    CHECK(calendar_span_provisional(after, D("2026-12-20"), D("2028-01-03"), NULL));
    CHECK_INT(calendar_is_workday(before, D("2027-01-01")), 1);
    CHECK_INT(calendar_is_workday(after, D("2027-01-01")), 0);
    CHECK_INT(calendar_is_workday(before, D("2027-02-20")), 0);
    CHECK_INT(calendar_is_workday(after, D("2027-02-20")), 1); /* a Saturday worked */
    gk_date a = 0, b = 0;
    calendar_add_workdays(before, D("2026-12-20"), 20, &a);
    calendar_add_workdays(after, D("2026-12-20"), 20, &b);
    char s[DATE_STR_SIZE];
    CHECK_STR(date_format(a, s), "2027-01-15");
    CHECK_STR(date_format(b, s), "2027-01-18"); /* 01-01 off */
    /* The built-in years are untouched by an import of another year. */
    int nb = 0, na = 0;
    calendar_workdays_between(before, D("2004-01-01"), D("2026-12-31"), &nb);
    calendar_workdays_between(after, D("2004-01-01"), D("2026-12-31"), &na);
    CHECK_INT(na, nb);
    calendar_free(before);
    calendar_free(after);
    holiday_list_free(&l);
}

void run_tests(void)
{
    test_imported_year();
    test_known_days();
    test_year_totals();
    test_range();
    test_threads();
    test_add_between();
    test_parse();
}
