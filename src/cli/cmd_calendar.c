/* gongkai calendar: working-day arithmetic on the embedded holiday data (contracts §1).
 * It never opens the database. */
#include "cli/cli.h"
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
            "\n"
            "  is-workday  该日是否为工作日，输出 yes 或 no\n"
            "  add         日期之后第 N 个工作日（日期当天不计；N 为负数时向前数）\n"
            "  between     (A, B] 区间内的工作日数（B 早于 A 时为负数）\n"
            "\n"
            "日期格式 YYYY-MM-DD。依据国务院办公厅历年节假日安排（含调休上班日）；\n"
            "数据范围以外的日期一律报错，不作推测。\n"
            "\n"
            "usage: gongkai calendar is-workday DATE     prints yes or no\n"
            "       gongkai calendar add DATE N          the date N working days after DATE\n"
            "                                            (DATE not counted; negative N counts back)\n"
            "       gongkai calendar between A B         working days in (A, B]; negative if B < A\n"
            "Working day = Monday to Friday and not a public holiday, or a make-up working day\n"
            "(调休). Dates outside the holiday data are refused, never guessed.\n");
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

int cmd_calendar(const struct cli *cli, int argc, char **argv)
{
    (void)cli; /* no database */
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return GK_OK;
    }
    if (argc < 2) {
        gk_error("calendar", "missing subcommand: is-workday, add or between (try --help)");
        return GK_ERR_INPUT;
    }
    const calendar_t *cal = calendar_default();
    const char *sub = argv[1];
    int nargs = argc - 2;
    char **args = argv + 2;
    gk_date a, b;

    if (strcmp(sub, "is-workday") == 0) {
        if (!want_args(sub, nargs, 1, "DATE") || !date_arg(cal, args[0], &a))
            return GK_ERR_INPUT;
        puts(calendar_is_workday(cal, a) == 1 ? "yes" : "no");
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
    } else if (strcmp(sub, "between") == 0) {
        int count;
        if (!want_args(sub, nargs, 2, "A B") || !date_arg(cal, args[0], &a) || !date_arg(cal, args[1], &b))
            return GK_ERR_INPUT;
        calendar_workdays_between(cal, a, b, &count); /* both dates checked above */
        printf("%d\n", count);
    } else {
        gk_error("calendar", "unknown subcommand '%s' (is-workday, add or between)", sub);
        return GK_ERR_INPUT;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        gk_error("calendar", "cannot write the result to standard output");
        return GK_ERR_RUNTIME;
    }
    return GK_OK;
}
