/* The working-day calendar: a bitmap of working days over 2004–2099, plus a running
 * count per 64-day word so that "working days between" is O(1) (reports ask it for
 * every application of a year), and one flag per year for "official". About 14 KB. */
#include "domain/calendar.h"
#include "util/embed.h"
#include "util/err.h"
#include "util/xalloc.h"
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NYEARS (CALENDAR_LAST_YEAR - CALENDAR_FIRST_YEAR + 1)

struct calendar {
    gk_date first, last;  /* covered range, inclusive: 2004-01-01 to 2099-12-31 */
    size_t words;         /* 64-day words of the bitmap */
    uint64_t *bits;       /* bit i set: day first + i is a working day */
    int32_t *before;      /* before[w] = working days in words 0 … w-1; words + 1 entries */
    bool official[NYEARS];
};

/* ---- the rows of a notice --------------------------------------------------------- */

/* A field as printed inside an error message: at most 40 bytes, so that a binary or
 * run-away line cannot flood the terminal. */
#define FIELD_SHOWN 40

static bool field_is(const char *s, size_t n, const char *word)
{
    return n == strlen(word) && memcmp(s, word, n) == 0;
}

void holiday_list_add(struct holiday_list *l, gk_date date, bool workday, const char *name)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 512;
        l->rows = xrealloc(l->rows, l->cap * sizeof *l->rows);
    }
    l->rows[l->n++] = (struct holiday_row){date, workday, xstrdup(name ? name : "")};
}

void holiday_list_free(struct holiday_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        free(l->rows[i].name);
    free(l->rows);
    *l = (struct holiday_list){0};
}

int holiday_list_first_year(const struct holiday_list *l)
{
    return l && l->n ? date_year(l->rows[0].date) : 0;
}

int holiday_list_last_year(const struct holiday_list *l)
{
    return l && l->n ? date_year(l->rows[l->n - 1].date) : 0;
}

/* Parses one data line (without its line end) and appends it; prev_date is the date
 * of the row before (or INT32_MIN). Returns NULL or the reason "field: why", malloc'd. */
static char *parse_row(const char *s, size_t n, gk_date prev_date, struct holiday_list *l)
{
    const char *c1 = memchr(s, ',', n);
    const char *c2 = c1 ? memchr(c1 + 1, ',', n - (size_t)(c1 + 1 - s)) : NULL;
    if (!c2)
        return xasprintf("row: expected three fields date,kind,name, got '%.*s'",
                         (int)(n < FIELD_SHOWN ? n : FIELD_SHOWN), s);
    size_t dlen = (size_t)(c1 - s), klen = (size_t)(c2 - c1 - 1), nlen = n - (size_t)(c2 + 1 - s);
    char dbuf[DATE_STR_SIZE] = {0};
    gk_date date;
    if (dlen < sizeof dbuf)
        memcpy(dbuf, s, dlen);
    if (dlen >= sizeof dbuf || memchr(s, '\0', dlen) || !date_parse(dbuf, &date))
        return xasprintf("date: '%.*s' is not a date YYYY-MM-DD", (int)(dlen < FIELD_SHOWN ? dlen : FIELD_SHOWN), s);
    if (date_year(date) < CALENDAR_FIRST_YEAR || date_year(date) > CALENDAR_LAST_YEAR)
        return xasprintf("date: %s is outside the years the calendar covers (%d–%d)", dbuf, CALENDAR_FIRST_YEAR,
                         CALENDAR_LAST_YEAR);
    if (date <= prev_date) {
        char prev[DATE_STR_SIZE];
        return xasprintf("date: %s does not follow the previous row's %s (rows must be sorted by date, "
                         "each date once)", dbuf, date_format(prev_date, prev));
    }
    bool workday;
    if (field_is(c1 + 1, klen, "holiday"))
        workday = false;
    else if (field_is(c1 + 1, klen, "workday"))
        workday = true;
    else
        return xasprintf("kind: '%.*s' (expected holiday or workday)", (int)(klen < FIELD_SHOWN ? klen : FIELD_SHOWN),
                         c1 + 1);
    /* A make-up working day only exists on a weekend; a weekday "workday" row would be
     * a no-op that hides a typo in the date. */
    if (workday && date_weekday(date) < 6)
        return xasprintf("kind: %s is a weekday; a workday row must fall on a Saturday or Sunday", dbuf);
    if (nlen == 0)
        return xasprintf("name: empty (the holiday the row belongs to, e.g. 春节)");
    if (memchr(c2 + 1, '\0', nlen) || memchr(c2 + 1, ',', nlen))
        return xasprintf("name: holds a NUL byte or a comma");
    char *name = xmalloc(nlen + 1);
    memcpy(name, c2 + 1, nlen);
    name[nlen] = '\0';
    holiday_list_add(l, date, workday, name);
    free(name);
    return NULL;
}

/* Every year from the first row's to the last row's must have rows. Returns NULL or
 * the reason, with *line the line of the first row after the gap. */
static char *check_years(const struct holiday_list *l, const size_t *row_line, size_t *line)
{
    int y0 = holiday_list_first_year(l), y1 = holiday_list_last_year(l);
    size_t i = 0;
    for (int y = y0; y <= y1; y++) {
        bool seen = false;
        while (i < l->n && date_year(l->rows[i].date) == y) {
            seen = true;
            i++;
        }
        if (!seen) {
            *line = row_line[i];
            return xasprintf("date: no rows for %d, a year inside the range %d–%d (its holidays are missing)", y,
                             y0, y1);
        }
    }
    return NULL;
}

int holiday_list_parse(const char *csv, size_t len, struct holiday_list *out, size_t *line, char **err)
{
    const char *p = csv, *end = csv + len;
    size_t lineno = 0;
    size_t *row_line = NULL;
    char *why = NULL;
    gk_date prev = INT32_MIN;
    *out = (struct holiday_list){0};
    *err = NULL;

    while (p < end && !why) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        const char *next = nl ? nl + 1 : end;
        size_t n_line = (size_t)(e - p);
        lineno++;
        if (n_line && p[n_line - 1] == '\r')
            n_line--;
        /* A UTF-8 byte-order mark, as spreadsheet programs write it. */
        if (lineno == 1 && n_line >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
            p += 3;
            n_line -= 3;
        }
        if (lineno == 1) {
            if (!field_is(p, n_line, "date,kind,name"))
                why = xasprintf("header: expected 'date,kind,name', got '%.*s'",
                                (int)(n_line < FIELD_SHOWN ? n_line : FIELD_SHOWN), p);
        } else if (n_line == 0) {
            /* Blank lines are tolerated only at the very end (an editor's extra newline). */
            while (next < end && (*next == '\n' || *next == '\r'))
                next++;
            if (next < end)
                why = xasprintf("row: empty line");
        } else {
            why = parse_row(p, n_line, prev, out);
            if (!why) {
                prev = out->rows[out->n - 1].date;
                row_line = xrealloc(row_line, out->cap * sizeof *row_line);
                row_line[out->n - 1] = lineno;
            }
        }
        p = next;
    }
    *line = lineno ? lineno : 1;
    if (!why && lineno == 0)
        why = xasprintf("header: the data is empty (expected 'date,kind,name')");
    else if (!why && out->n == 0)
        why = xasprintf("date: no data rows after the header");
    else if (!why)
        why = check_years(out, row_line, line);
    free(row_line);
    if (why) {
        *err = why;
        holiday_list_free(out);
        return -1;
    }
    return 0;
}

/* ---- the embedded rows ------------------------------------------------------------ */

#define EMBEDDED_CSV "calendar/cn-holidays.csv"

static struct holiday_list builtin_rows;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void load_builtin(void)
{
    const struct embedded_file *f = embedded_find(EMBEDDED_CSV);
    if (!f) {
        gk_error("calendar", "the binary holds no %s (assets/ was not embedded)", EMBEDDED_CSV);
        abort();
    }
    char *err = NULL;
    size_t line = 0;
    if (holiday_list_parse((const char *)f->data, f->size, &builtin_rows, &line, &err) != 0) {
        gk_error("calendar", "embedded %s:%zu: %s", EMBEDDED_CSV, line, err);
        free(err);
        abort();
    }
}

const struct holiday_list *calendar_builtin_rows(void)
{
    pthread_once(&builtin_once, load_builtin);
    return &builtin_rows;
}

/* ---- building ----------------------------------------------------------------------- */

static void apply_row(calendar_t *c, const struct holiday_row *r)
{
    if (!calendar_covers(c, r->date))
        return;
    size_t off = (size_t)(r->date - c->first);
    uint64_t bit = UINT64_C(1) << (off % 64);
    if (r->workday)
        c->bits[off / 64] |= bit;
    else
        c->bits[off / 64] &= ~bit;
}

calendar_t *calendar_build(const struct holiday_list *imported)
{
    const struct holiday_list *builtin = calendar_builtin_rows();
    calendar_t *c = xcalloc(1, sizeof *c);
    c->first = date_from_ymd(CALENDAR_FIRST_YEAR, 1, 1);
    c->last = date_from_ymd(CALENDAR_LAST_YEAR, 12, 31);
    size_t days = (size_t)(c->last - c->first + 1);
    c->words = (days + 63) / 64;
    /* One spare word so that counting up to the very end needs no special case. */
    c->bits = xcalloc(c->words + 1, sizeof *c->bits);
    c->before = xcalloc(c->words + 1, sizeof *c->before);
    for (size_t k = 0; k < days; k++)
        if (date_weekday(c->first + (gk_date)k) <= 5)
            c->bits[k / 64] |= UINT64_C(1) << (k % 64);

    /* An imported notice replaces the built-in rows of its year. */
    bool by_import[NYEARS] = {false};
    for (size_t i = 0; imported && i < imported->n; i++) {
        int y = date_year(imported->rows[i].date);
        if (y >= CALENDAR_FIRST_YEAR && y <= CALENDAR_LAST_YEAR) {
            by_import[y - CALENDAR_FIRST_YEAR] = true;
            c->official[y - CALENDAR_FIRST_YEAR] = true;
            apply_row(c, &imported->rows[i]);
        }
    }
    for (size_t i = 0; i < builtin->n; i++) {
        int y = date_year(builtin->rows[i].date);
        if (y >= CALENDAR_FIRST_YEAR && y <= CALENDAR_LAST_YEAR && !by_import[y - CALENDAR_FIRST_YEAR]) {
            c->official[y - CALENDAR_FIRST_YEAR] = true;
            apply_row(c, &builtin->rows[i]);
        }
    }
    for (size_t w = 0; w < c->words; w++)
        c->before[w + 1] = c->before[w] + (int32_t)__builtin_popcountll(c->bits[w]);
    return c;
}

void calendar_free(calendar_t *c)
{
    if (!c)
        return;
    free(c->bits);
    free(c->before);
    free(c);
}

static calendar_t *default_calendar;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

static void load_default(void)
{
    default_calendar = calendar_build(NULL);
}

const calendar_t *calendar_default(void)
{
    pthread_once(&default_once, load_default);
    return default_calendar;
}

/* ---- queries -------------------------------------------------------------------- */

bool calendar_covers(const calendar_t *c, gk_date d)
{
    return d >= c->first && d <= c->last;
}

gk_date calendar_first(const calendar_t *c)
{
    return c->first;
}

gk_date calendar_last(const calendar_t *c)
{
    return c->last;
}

bool calendar_year_official(const calendar_t *c, int year)
{
    return year >= CALENDAR_FIRST_YEAR && year <= CALENDAR_LAST_YEAR && c->official[year - CALENDAR_FIRST_YEAR];
}

bool calendar_span_provisional(const calendar_t *c, gk_date a, gk_date b, int *year)
{
    int y0 = date_year(a < b ? a : b), y1 = date_year(a < b ? b : a);
    for (int y = y0; y <= y1; y++)
        if (!calendar_year_official(c, y)) {
            if (year)
                *year = y;
            return true;
        }
    return false;
}

static bool bit_at(const calendar_t *c, gk_date d)
{
    size_t off = (size_t)(d - c->first);
    return (c->bits[off / 64] >> (off % 64)) & 1u;
}

int calendar_is_workday(const calendar_t *c, gk_date d)
{
    if (!calendar_covers(c, d))
        return -1;
    return bit_at(c, d) ? 1 : 0;
}

/* Working days in [first, first + off), off in 0 … days. */
static int32_t count_before(const calendar_t *c, size_t off)
{
    uint64_t mask = (UINT64_C(1) << (off % 64)) - 1;
    return c->before[off / 64] + (int32_t)__builtin_popcountll(c->bits[off / 64] & mask);
}

int calendar_workdays_between(const calendar_t *c, gk_date a, gk_date b, int *out)
{
    if (!calendar_covers(c, a) || !calendar_covers(c, b))
        return -1;
    /* (a, b] = [a + 1, b + 1) */
    *out = (int)(count_before(c, (size_t)(b - c->first) + 1) - count_before(c, (size_t)(a - c->first) + 1));
    return 0;
}

int calendar_add_workdays(const calendar_t *c, gk_date from, int n, gk_date *out)
{
    if (!calendar_covers(c, from))
        return -1;
    int step = n < 0 ? -1 : 1;
    long left = n < 0 ? -(long)n : n;
    gk_date d = from;
    /* Day by day: the answer is at most a few weeks away for the periods the law sets,
     * and a walk past either end is caught at the first step outside. */
    while (left > 0) {
        d += step;
        if (!calendar_covers(c, d))
            return -1;
        if (bit_at(c, d))
            left--;
    }
    *out = d;
    return 0;
}

char *calendar_range_text(const calendar_t *c, char *out, size_t size)
{
    char a[DATE_STR_SIZE], b[DATE_STR_SIZE];
    snprintf(out, size, "%s to %s", date_format(c->first, a), date_format(c->last, b));
    return out;
}
