/* The working-day calendar of mainland China: the State Council's yearly holiday
 * notices (holidays and 调休 make-up working days) as data.
 *
 * Rule: a date is a working day iff (Monday–Friday and not a `holiday` row) or a
 * `workday` row. The calendar covers 2004-01-01 to 2099-12-31. A year is *official*
 * when its notice is known: the rows of the embedded assets/calendar/cn-holidays.csv
 * (built in, 2004–2026 today), replaced year by year by notices imported into the
 * database (`gongkai calendar import`). A year without a notice is *provisional*:
 * Monday to Friday are working days, and every answer that depends on it must say so
 * (contracts §1). Dates outside the covered range are refused, never guessed.
 *
 * This module does no I/O: the store reads the imported rows, the caller passes them
 * to calendar_build. */
#ifndef GK_CALENDAR_H
#define GK_CALENDAR_H
#include "util/date.h"
#include <stdbool.h>
#include <stddef.h>

#define CALENDAR_FIRST_YEAR 2004
#define CALENDAR_LAST_YEAR 2099

typedef struct calendar calendar_t;

/* One row of a holiday notice: a day off, or a weekend day worked (调休). */
struct holiday_row {
    gk_date date;
    bool workday; /* false: holiday */
    char *name;   /* the holiday the row belongs to, e.g. 春节 (owned by the list) */
};

/* Rows sorted by date, each date once, every year from the first row's to the last
 * row's having rows of its own. */
struct holiday_list {
    struct holiday_row *rows;
    size_t n, cap;
};

/* Parses CSV text "date,kind,name" (header line first; LF or CRLF line ends; blank
 * lines only at the end) into *out. Rows must be sorted by date, each date at most
 * once, inside 2004–2099, `kind` holiday or workday, a workday row on a Saturday or
 * Sunday, a name present, and every year of the range must have rows (a year without
 * any would silently read as plain Mon–Fri). Returns 0, or -1 with *line (1-based) and
 * a malloc'd *err "field: reason", e.g. "kind: 'Holiday' (expected holiday or workday)";
 * *out is then empty. */
int holiday_list_parse(const char *csv, size_t len, struct holiday_list *out, size_t *line, char **err);

/* Appends a row (the name is copied); the caller keeps the order rules above. */
void holiday_list_add(struct holiday_list *l, gk_date date, bool workday, const char *name);
void holiday_list_free(struct holiday_list *l);

/* The first and last year that have rows, or 0 for an empty list. */
int holiday_list_first_year(const struct holiday_list *l);
int holiday_list_last_year(const struct holiday_list *l);

/* The built-in rows (the embedded CSV), parsed once on first use (thread-safe) and
 * kept for the life of the process. A corrupt embedded file is a build defect: the
 * program stops with a message naming the line. */
const struct holiday_list *calendar_builtin_rows(void);

/* The calendar of the built-in years, each replaced by the rows of `imported` for the
 * years it has rows in (NULL or empty: built-in only). Years with rows from either are
 * official, the others provisional. Free with calendar_free. */
calendar_t *calendar_build(const struct holiday_list *imported);
void calendar_free(calendar_t *c);

/* The built-in calendar, built once (thread-safe), for code that has no database. */
const calendar_t *calendar_default(void);

bool calendar_covers(const calendar_t *c, gk_date d);
gk_date calendar_first(const calendar_t *c);
gk_date calendar_last(const calendar_t *c);

/* True when YEAR's holiday notice is known (built in or imported). */
bool calendar_year_official(const calendar_t *c, int year);

/* True when some year from a's to b's (either order) has no notice: an answer that
 * looked at days between them is provisional. *year (may be NULL) = the first such. */
bool calendar_span_provisional(const calendar_t *c, gk_date a, gk_date b, int *year);

/* 1 working day, 0 day off, -1 outside the covered range. */
int calendar_is_workday(const calendar_t *c, gk_date d);

/* *out = the date n working days after `from` (`from` itself is not counted, and it
 * need not be a working day). n = 0 gives `from`. A negative n walks backwards: the
 * |n|-th working day before `from`. Returns 0, or -1 when `from` or the walk leaves
 * the covered range (*out untouched). */
int calendar_add_workdays(const calendar_t *c, gk_date from, int n, gk_date *out);

/* *out = the number of working days in (a, b]; for b < a, minus the number in (b, a].
 * Returns 0, or -1 when a or b is outside the covered range. */
int calendar_workdays_between(const calendar_t *c, gk_date a, gk_date b, int *out);

/* "2004-01-01 to 2099-12-31": the covered range, for error messages that refuse a
 * date. Writes into out (size bytes, 32 is enough) and returns it. */
char *calendar_range_text(const calendar_t *c, char *out, size_t size);

#endif
