/* The working-day calendar: a bitmap of working days over the covered range, plus a
 * running count per 64-day word so that "working days between" is O(1) (reports
 * ask it for every application of a year). 23 years fit in about 2 KB. */
#include "domain/calendar.h"
#include "util/embed.h"
#include "util/err.h"
#include "util/xalloc.h"
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct calendar {
    gk_date first, last;  /* covered range, inclusive: whole calendar years */
    size_t words;         /* 64-day words of the bitmap */
    uint64_t *bits;       /* bit i set: day first + i is a working day */
    int32_t *before;      /* before[w] = working days in words 0 … w-1; words + 1 entries */
};

/* ---- parsing ------------------------------------------------------------------ */

struct row {
    gk_date date;
    bool workday; /* false: holiday */
};

/* A field as printed inside an error message: at most 40 bytes, so that a binary or
 * run-away line cannot flood the terminal. */
#define FIELD_SHOWN 40

static bool field_is(const char *s, size_t n, const char *word)
{
    return n == strlen(word) && memcmp(s, word, n) == 0;
}

/* Parses one data line (without its line end) into *r; prev_date is the date of the
 * row before (or INT32_MIN). Returns NULL or the reason, malloc'd. */
static char *parse_row(const char *s, size_t n, gk_date prev_date, struct row *r)
{
    const char *c1 = memchr(s, ',', n);
    const char *c2 = c1 ? memchr(c1 + 1, ',', n - (size_t)(c1 + 1 - s)) : NULL;
    if (!c2)
        return xasprintf("expected three fields date,kind,name, got '%.*s'",
                         (int)(n < FIELD_SHOWN ? n : FIELD_SHOWN), s);
    size_t dlen = (size_t)(c1 - s), klen = (size_t)(c2 - c1 - 1), nlen = n - (size_t)(c2 + 1 - s);
    char dbuf[DATE_STR_SIZE] = {0};
    if (dlen < sizeof dbuf)
        memcpy(dbuf, s, dlen);
    if (dlen >= sizeof dbuf || memchr(s, '\0', dlen) || !date_parse(dbuf, &r->date))
        return xasprintf("date: '%.*s' is not a date YYYY-MM-DD",
                         (int)(dlen < FIELD_SHOWN ? dlen : FIELD_SHOWN), s);
    if (r->date <= prev_date) {
        char prev[DATE_STR_SIZE];
        return xasprintf("date: %s does not follow the previous row's %s (rows must be sorted by date, "
                         "each date once)", dbuf, date_format(prev_date, prev));
    }
    if (field_is(c1 + 1, klen, "holiday"))
        r->workday = false;
    else if (field_is(c1 + 1, klen, "workday"))
        r->workday = true;
    else
        return xasprintf("kind: '%.*s' (expected holiday or workday)",
                         (int)(klen < FIELD_SHOWN ? klen : FIELD_SHOWN), c1 + 1);
    /* A make-up working day only exists on a weekend; a weekday "workday" row would be
     * a no-op that hides a typo in the date. */
    if (r->workday && date_weekday(r->date) < 6)
        return xasprintf("kind: %s is a weekday; a workday row must fall on a Saturday or Sunday", dbuf);
    if (nlen == 0)
        return xasprintf("name: empty (the holiday the row belongs to, e.g. 春节)");
    return NULL;
}

/* Builds the bitmap from sorted rows. The range is whole years so that "is this date
 * covered" has one simple answer; every year inside must have rows of its own. */
static char *build(calendar_t *c, const struct row *rows, size_t n, const size_t *row_line)
{
    int y0 = date_year(rows[0].date), y1 = date_year(rows[n - 1].date);
    size_t i = 0;
    for (int y = y0; y <= y1; y++) {
        bool seen = false;
        while (i < n && date_year(rows[i].date) == y) {
            seen = true;
            i++;
        }
        if (!seen)
            return xasprintf("line %zu: no rows for %d, a year inside the range %d–%d "
                             "(its holidays are missing)", row_line[i], y, y0, y1);
    }
    c->first = date_from_ymd(y0, 1, 1);
    c->last = date_from_ymd(y1, 12, 31);
    size_t days = (size_t)(c->last - c->first + 1);
    c->words = (days + 63) / 64;
    /* One spare word so that counting up to the very end needs no special case. */
    c->bits = xcalloc(c->words + 1, sizeof *c->bits);
    c->before = xcalloc(c->words + 1, sizeof *c->before);
    for (size_t k = 0; k < days; k++)
        if (date_weekday(c->first + (gk_date)k) <= 5)
            c->bits[k / 64] |= UINT64_C(1) << (k % 64);
    for (size_t k = 0; k < n; k++) {
        size_t off = (size_t)(rows[k].date - c->first);
        uint64_t bit = UINT64_C(1) << (off % 64);
        if (rows[k].workday)
            c->bits[off / 64] |= bit;
        else
            c->bits[off / 64] &= ~bit;
    }
    for (size_t w = 0; w < c->words; w++)
        c->before[w + 1] = c->before[w] + (int32_t)__builtin_popcountll(c->bits[w]);
    return NULL;
}

calendar_t *calendar_parse(const char *csv, size_t len, char **err)
{
    const char *p = csv, *end = csv + len;
    size_t lineno = 0, n = 0, cap = 0;
    struct row *rows = NULL;
    size_t *row_line = NULL;
    char *why = NULL;
    gk_date prev = INT32_MIN;
    calendar_t *c = NULL;

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        const char *next = nl ? nl + 1 : end;
        size_t n_line = (size_t)(e - p);
        lineno++;
        if (n_line && p[n_line - 1] == '\r')
            n_line--;
        if (lineno == 1) {
            if (!field_is(p, n_line, "date,kind,name")) {
                why = xasprintf("header: expected 'date,kind,name', got '%.*s'",
                                (int)(n_line < FIELD_SHOWN ? n_line : FIELD_SHOWN), p);
                goto fail;
            }
        } else if (n_line == 0) {
            /* Blank lines are tolerated only at the very end (an editor's extra newline). */
            while (next < end && (*next == '\n' || *next == '\r'))
                next++;
            if (next < end) {
                why = xasprintf("empty line");
                goto fail;
            }
        } else {
            if (n == cap) {
                cap = cap ? cap * 2 : 1024;
                rows = xrealloc(rows, cap * sizeof *rows);
                row_line = xrealloc(row_line, cap * sizeof *row_line);
            }
            why = parse_row(p, n_line, prev, &rows[n]);
            if (why)
                goto fail;
            prev = rows[n].date;
            row_line[n++] = lineno;
        }
        p = next;
    }
    if (lineno == 0) {
        *err = xasprintf("line 1: header: the data is empty (expected 'date,kind,name')");
        goto out;
    }
    if (n == 0) {
        *err = xasprintf("line %zu: no data rows after the header", lineno);
        goto out;
    }
    c = xcalloc(1, sizeof *c);
    why = build(c, rows, n, row_line);
    if (why) {
        *err = why; /* build() names its line itself */
        calendar_free(c);
        c = NULL;
    }
    goto out;
fail:
    *err = xasprintf("line %zu: %s", lineno, why);
    free(why);
out:
    free(rows);
    free(row_line);
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

/* ---- the embedded calendar ------------------------------------------------------ */

#define EMBEDDED_CSV "calendar/cn-holidays.csv"

static calendar_t *default_calendar;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

static void load_default(void)
{
    const struct embedded_file *f = embedded_find(EMBEDDED_CSV);
    if (!f) {
        gk_error("calendar", "the binary holds no %s (assets/ was not embedded)", EMBEDDED_CSV);
        abort();
    }
    char *err = NULL;
    default_calendar = calendar_parse((const char *)f->data, f->size, &err);
    if (!default_calendar) {
        gk_error("calendar", "embedded %s: %s", EMBEDDED_CSV, err);
        free(err);
        abort();
    }
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
