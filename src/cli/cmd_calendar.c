/* gongkai calendar: working-day arithmetic (contracts §1) on the built-in holiday notices
 * and those imported into the database (import and years: cmd_calendar_notices.c). It
 * reads the database only when one exists, and never creates one. A year with no notice
 * answers Monday–Friday, with one "provisional" line on stderr. */
#include "cli/cli.h"
#include "cli/cli_store.h"
#include "domain/calendar.h"
#include "util/err.h"
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out)
{
    fprintf(out,
            "用法: gongkai calendar is-workday 日期\n"
            "      gongkai calendar add 日期 N\n"
            "      gongkai calendar between 日期A 日期B\n"
            "      gongkai calendar import 文件\n"
            "      gongkai calendar years\n"
            "\n"
            "  is-workday  该日是否为工作日，输出 yes 或 no\n"
            "  add         日期之后第 N 个工作日（日期当天不计；N 为负数时向前数）\n"
            "  between     (A, B] 区间内的工作日数（B 早于 A 时为负数）\n"
            "  import      导入国务院办公厅节假日安排通知（CSV：date,kind,name），替换所涉年份的数据\n"
            "  years       逐年列出：official（正式，内置或导入及来源）或 provisional（暂定）\n"
            "\n"
            "日期格式 YYYY-MM-DD，范围 2004—2099 年。依据国务院办公厅历年节假日安排（含调休上班日）；\n"
            "尚无通知的年份暂按周一至周五为工作日计算，结果照常输出，并在标准错误输出\n"
            "“gongkai: provisional: no holiday notice for 年份”；导入该年通知后即为正式结果。\n"
            "\n"
            "usage: gongkai calendar is-workday DATE     prints yes or no\n"
            "       gongkai calendar add DATE N          the date N working days after DATE\n"
            "                                            (DATE not counted; negative N counts back)\n"
            "       gongkai calendar between A B         working days in (A, B]; negative if B < A\n"
            "       gongkai calendar import FILE         load a holiday notice (CSV date,kind,name) into the\n"
            "                                            database; replaces the years it covers\n"
            "       gongkai calendar years               each year: official (built-in or imported) or provisional\n"
            "Working day = Monday to Friday and not a public holiday, or a make-up working day\n"
            "(调休). Dates from 2004 to 2099; a year with no notice yet counts Monday to Friday and\n"
            "the answer is provisional (one line on stderr, exit 0).\n");
}

/* Parses a DATE argument that must lie inside the data; on failure prints the error. */
static bool date_arg(const calendar_t *cal, const char *s, gk_date *out)
{
    if (!date_parse(s, out)) {
        gk_error("calendar", "'%s' is not a date (expected YYYY-MM-DD)", s);
        return false;
    }
    if (!calendar_covers(cal, *out)) {
        char range[32];
        gk_error("calendar", "%s is outside the calendar data (%s)", s,
                 calendar_range_text(cal, range, sizeof range));
        return false;
    }
    return true;
}

/* Contracts §1: an answer that looked at a year without a notice says so on stderr. */
static void note_provisional(const calendar_t *cal, gk_date a, gk_date b)
{
    int year;
    if (calendar_span_provisional(cal, a, b, &year))
        gk_error("provisional", "no holiday notice for %d", year);
}

static bool int_arg(const char *s, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    /* strtol skips leading blanks and accepts "+"; a count is plainly written digits. */
    if (!*s || end == s || *end || (*s != '-' && (*s < '0' || *s > '9'))) {
        gk_error("calendar", "N: '%s' is not a whole number of working days", s);
        return false;
    }
    if (errno == ERANGE || v < INT_MIN || v > INT_MAX) {
        gk_error("calendar", "N: %s is too large (the calendar data spans a few thousand working days)", s);
        return false;
    }
    *out = (int)v;
    return true;
}

static bool want_args(const char *sub, int have, int want, const char *shape)
{
    if (have == want)
        return true;
    gk_error("calendar", "%s expects %s, got %d argument%s (try --help)", sub, shape, have, have == 1 ? "" : "s");
    return false;
}

/* is-workday, add and between on CAL. */
static int arithmetic(const calendar_t *cal, const char *sub, int nargs, char **args)
{
    gk_date a, b;
    if (strcmp(sub, "is-workday") == 0) {
        if (!want_args(sub, nargs, 1, "DATE") || !date_arg(cal, args[0], &a))
            return GK_ERR_INPUT;
        puts(calendar_is_workday(cal, a) == 1 ? "yes" : "no");
        note_provisional(cal, a, a);
    } else if (strcmp(sub, "add") == 0) {
        int n;
        if (!want_args(sub, nargs, 2, "DATE N") || !date_arg(cal, args[0], &a) || !int_arg(args[1], &n))
            return GK_ERR_INPUT;
        if (calendar_add_workdays(cal, a, n, &b) < 0) {
            char range[32];
            gk_error("calendar", "the date %ld working days %s %s lies outside the calendar data (%s)",
                     labs((long)n), n < 0 ? "before" : "after", args[0],
                     calendar_range_text(cal, range, sizeof range));
            return GK_ERR_INPUT;
        }
        char out[DATE_STR_SIZE];
        puts(date_format(b, out));
        /* The walk looked at the days after a up to b, or back from the day before a down
         * to b (n = 0: none). */
        if (b != a)
            note_provisional(cal, a < b ? a + 1 : b, a < b ? b : a - 1);
    } else {
        int count;
        if (!want_args(sub, nargs, 2, "A B") || !date_arg(cal, args[0], &a) || !date_arg(cal, args[1], &b))
            return GK_ERR_INPUT;
        calendar_workdays_between(cal, a, b, &count); /* both dates checked above */
        printf("%d\n", count);
        if (b != a)
            note_provisional(cal, a < b ? a + 1 : b + 1, a < b ? b : a);
    }
    return GK_OK;
}

int cmd_calendar(const struct cli *cli, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return GK_OK;
    }
    if (argc < 2) {
        gk_error("calendar", "missing subcommand: is-workday, add, between, import or years (try --help)");
        return GK_ERR_INPUT;
    }
    const char *sub = argv[1];
    int nargs = argc - 2;
    char **args = argv + 2;
    int rc;
    if (strcmp(sub, "import") == 0) {
        rc = calendar_import_cmd(cli, nargs, args);
    } else if (strcmp(sub, "years") == 0) {
        rc = calendar_years_cmd(cli, nargs);
    } else if (strcmp(sub, "is-workday") == 0 || strcmp(sub, "add") == 0 || strcmp(sub, "between") == 0) {
        calendar_t *cal;
        res_t r = cli_load_calendar(cli, "calendar", &cal);
        if (r != RES_OK)
            return cli_exit_status(r);
        rc = arithmetic(cal, sub, nargs, args);
        calendar_free(cal);
    } else {
        gk_error("calendar", "unknown subcommand '%s' (is-workday, add, between, import or years)", sub);
        return GK_ERR_INPUT;
    }
    if (rc == GK_OK && (fflush(stdout) != 0 || ferror(stdout))) {
        gk_error("calendar", "cannot write the result to standard output");
        return GK_ERR_RUNTIME;
    }
    return rc;
}
