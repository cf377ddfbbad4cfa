/* The working-day calendar of mainland China: the State Council's yearly holiday
 * notices (holidays and 调休 make-up working days), read from the embedded
 * assets/calendar/cn-holidays.csv (see shared/data/README.md for its source).
 *
 * Rule: a date is a working day iff (Monday–Friday and not a `holiday` row) or a
 * `workday` row. The data covers whole calendar years, from January 1 of the year of
 * its first row to December 31 of the year of its last row (2004–2026 for the
 * embedded file). Dates outside that range are refused, never guessed: every
 * function says so by its return value, and callers must turn that into an error. */
#ifndef GK_CALENDAR_H
#define GK_CALENDAR_H
#include "util/date.h"
#include <stdbool.h>
#include <stddef.h>

typedef struct calendar calendar_t;

/* The embedded calendar, parsed once on first use (thread-safe) and kept for the
 * life of the process. Never NULL: a corrupt embedded file is a build defect, so the
 * program stops with a message naming the line. */
const calendar_t *calendar_default(void);

/* Parses CSV text "date,kind,name" (header line first; LF or CRLF line ends). Rows
 * must be sorted by date, each date at most once, `kind` holiday or workday, a
 * workday row on a Saturday or Sunday, and every year of the range must have rows
 * (a year without any would silently read as plain Mon–Fri). Returns the calendar,
 * or NULL with a malloc'd *err such as "line 7: kind: 'Holiday' (expected holiday
 * or workday)". */
calendar_t *calendar_parse(const char *csv, size_t len, char **err);
void calendar_free(calendar_t *c);

bool calendar_covers(const calendar_t *c, gk_date d);
gk_date calendar_first(const calendar_t *c);
gk_date calendar_last(const calendar_t *c);

/* 1 working day, 0 day off, -1 outside the data. */
int calendar_is_workday(const calendar_t *c, gk_date d);

/* *out = the date n working days after `from` (`from` itself is not counted, and it
 * need not be a working day). n = 0 gives `from`. A negative n walks backwards: the
 * |n|-th working day before `from`. Returns 0, or -1 when `from` or the walk leaves
 * the data (*out untouched). */
int calendar_add_workdays(const calendar_t *c, gk_date from, int n, gk_date *out);

/* *out = the number of working days in (a, b]; for b < a, minus the number in (b, a].
 * Returns 0, or -1 when a or b is outside the data. */
int calendar_workdays_between(const calendar_t *c, gk_date a, gk_date b, int *out);

/* "2004-01-01 to 2026-12-31": the covered range, for error messages that refuse a
 * date. Writes into out (size bytes, 32 is enough) and returns it. */
char *calendar_range_text(const calendar_t *c, char *out, size_t size);

#endif
