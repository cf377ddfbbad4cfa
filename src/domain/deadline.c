/* The application clock: one pass validates the events and gathers the pauses, then
 * two walks over the calendar find the due date and the count at the reference date.
 * See deadline.h for the rules and the edge cases. */
#include "domain/deadline.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NEVER INT32_MAX /* no pause is open */

struct pause {
    gk_date from, to; /* covers from < d <= to */
};

static const struct code_name statuses[] = {
    {"processing", "办理中"},
    {"awaiting_correction", "待补正"},
    {"paused_fee", "待缴费"},
    {"paused_consultation", "征求意见中"},
    {"closed", "已办结"},
};

static const struct regulation regulations[] = {
    {"2007", "《中华人民共和国政府信息公开条例》（2007年，国务院令第492号）", "第二十四条", 15, 15, false},
    {"2019", "《中华人民共和国政府信息公开条例》（2019年修订，国务院令第711号）", "第三十三条", 20, 20, true},
};

gk_date deadline_revision_date(void)
{
    return date_from_ymd(2019, 5, 15);
}

const struct regulation *deadline_regulation(gk_date received)
{
    return &regulations[received < deadline_revision_date() ? 0 : 1];
}

const char *deadline_status_label(const char *status)
{
    int i = CODE_LOOKUP(statuses, status);
    return i < 0 ? NULL : statuses[i].label;
}

static void set_status(struct app_clock *out, const char *status)
{
    out->status = statuses[CODE_LOOKUP(statuses, status)].code;
    out->status_label = deadline_status_label(status);
}

__attribute__((format(printf, 2, 3))) static int fail(char **err, const char *fmt, ...)
{
    buf_t b = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    *err = buf_take(&b);
    return -1;
}

static const char *kind_code(enum event_kind k)
{
    return event_kinds[k].code;
}

static bool is_closing(enum event_kind k)
{
    return k == EV_REPLIED || k == EV_FEE_LAPSED || k == EV_CORRECTION_LAPSED || k == EV_WITHDRAWN;
}

static bool covered(const struct pause *p, size_t np, gk_date d)
{
    for (size_t i = 0; i < np; i++)
        if (p[i].from < d && d <= p[i].to)
            return true;
    return false;
}

/* The state gathered while reading the events in order. An "open" index is the event
 * that opened something still pending, or -1. */
struct scan {
    gk_date start;
    long open_correction, open_consultation, open_fee, closing, extension;
    struct pause *pauses;
    size_t np;
};

/* Checks the kind-specific fields of event i. */
static int check_fields(const struct regulation *reg, const struct app_event *e, size_t i, char **err)
{
    switch (e->kind) {
    case EV_EXTENDED:
        if (e->days < 1 || e->days > reg->max_extension)
            return fail(err, "events[%zu]: days: %d (an extension is 1 to %d working days under the %s Regulation, "
                             "%s)", i, e->days, reg->max_extension, reg->code, reg->article);
        break;
    case EV_REPLIED:
        if (!e->outcome || !*e->outcome)
            return fail(err, "events[%zu]: outcome: missing (replied needs an outcome code)", i);
        if (!outcome_find(e->outcome))
            return fail(err, "events[%zu]: outcome: '%s' is not an outcome code", i, e->outcome);
        break;
    case EV_CONSULTATION_STARTED:
        if (!e->party || (strcmp(e->party, "third_party") != 0 && strcmp(e->party, "agency") != 0))
            return fail(err, "events[%zu]: party: %s%s%s (expected third_party or agency)", i,
                        e->party ? "'" : "", e->party ? e->party : "missing", e->party ? "'" : "");
        break;
    case EV_FEE_NOTICE:
        if (e->fen <= 0)
            return fail(err, "events[%zu]: yuan: a fee notice needs an amount above zero", i);
        if (!e->basis || (strcmp(e->basis, "per_item") != 0 && strcmp(e->basis, "per_page") != 0))
            return fail(err, "events[%zu]: basis: %s%s%s (expected per_item or per_page)", i,
                        e->basis ? "'" : "", e->basis ? e->basis : "missing", e->basis ? "'" : "");
        break;
    case EV_FEE_PAID:
        if (e->fen < 0)
            return fail(err, "events[%zu]: yuan: a payment cannot be negative", i);
        break;
    default:
        break;
    }
    return 0;
}

/* Arts. 32, 34: the consulted party answers within 15 working days of the letter. */
static bool consultation_too_long(const calendar_t *cal, const struct app_clock *out, gk_date from, gk_date to)
{
    int took = 0;
    return out->regulation->timed_steps && calendar_workdays_between(cal, from, to, &took) == 0 &&
           took > DEADLINE_CONSULTATION_REPLY;
}

/* Applies event i to the scan state, refusing what the sequence does not allow. */
static int apply(const calendar_t *cal, struct scan *s, const struct app_event *ev, size_t i,
                 struct app_clock *out, char **err)
{
    const struct app_event *e = &ev[i];
    switch (e->kind) {
    case EV_CORRECTION_REQUESTED: {
        if (s->open_correction >= 0)
            return fail(err, "events[%zu]: kind: correction_requested while the correction requested by "
                             "events[%ld] is still awaited", i, s->open_correction);
        /* Art. 30: the request for correction is due within 7 working days of the start.
         * Both dates were checked to be inside the calendar, so the count succeeds. */
        int used = 0;
        calendar_workdays_between(cal, s->start, e->date, &used);
        if (used > DEADLINE_CORRECTION_NOTICE && out->regulation->timed_steps)
            out->correction_overdue_notice = true;
        out->correction_rounds++;
        s->open_correction = (long)i;
        break;
    }
    case EV_CORRECTION_RECEIVED:
        if (s->open_correction < 0)
            return fail(err, "events[%zu]: kind: correction_received without a pending correction_requested", i);
        /* The old count and the awaited-correction stop both lie before the new start,
         * so neither needs recording. */
        s->open_correction = -1;
        s->start = e->date;
        break;
    case EV_CORRECTION_LAPSED:
        if (s->open_correction < 0)
            return fail(err, "events[%zu]: kind: correction_lapsed without a pending correction_requested", i);
        break;
    case EV_CONSULTATION_STARTED:
        if (s->open_consultation >= 0)
            return fail(err, "events[%zu]: kind: consultation_started while the consultation of events[%ld] "
                             "is still open", i, s->open_consultation);
        s->open_consultation = (long)i;
        break;
    case EV_CONSULTATION_ENDED:
        if (s->open_consultation < 0)
            return fail(err, "events[%zu]: kind: consultation_ended without an open consultation_started", i);
        s->pauses[s->np++] = (struct pause){ev[s->open_consultation].date, e->date};
        if (consultation_too_long(cal, out, ev[s->open_consultation].date, e->date))
            out->long_consultations++;
        s->open_consultation = -1;
        break;
    case EV_FEE_NOTICE:
        if (s->open_fee >= 0)
            return fail(err, "events[%zu]: kind: fee_notice while the fee notice of events[%ld] is unpaid", i,
                        s->open_fee);
        s->open_fee = (long)i;
        break;
    case EV_FEE_PAID:
        if (s->open_fee < 0)
            return fail(err, "events[%zu]: kind: fee_paid without an unpaid fee_notice", i);
        s->pauses[s->np++] = (struct pause){ev[s->open_fee].date, e->date};
        s->open_fee = -1;
        break;
    case EV_FEE_LAPSED:
        if (s->open_fee < 0)
            return fail(err, "events[%zu]: kind: fee_lapsed without an unpaid fee_notice", i);
        break;
    case EV_EXTENDED:
        if (s->extension >= 0)
            return fail(err, "events[%zu]: kind: extended a second time (first by events[%ld]); the period "
                             "can be extended once only", i, s->extension);
        s->extension = (long)i;
        out->extended = true;
        out->extended_days = e->days;
        break;
    case EV_REPLIED:
    case EV_WITHDRAWN:
    case EV_KIND_COUNT:
        break;
    }
    if (is_closing(e->kind)) {
        s->closing = (long)i;
        out->closed = true;
        out->closed_on = e->date;
        /* The static copy of the code, so the clock does not borrow the caller's string. */
        out->outcome = e->kind == EV_REPLIED ? outcome_find(e->outcome)->code : event_implied_outcome(e->kind);
    }
    return 0;
}

/* Reads the events in order: validation and the scan state in one pass. */
static int scan_events(const calendar_t *cal, gk_date received, const struct app_event *ev, size_t n,
                       struct scan *s, struct app_clock *out, char **err)
{
    char range[32], d1[DATE_STR_SIZE], d2[DATE_STR_SIZE];
    if (!calendar_covers(cal, received))
        return fail(err, "received: %s is outside the calendar data (%s)", date_format(received, d1),
                    calendar_range_text(cal, range, sizeof range));
    for (size_t i = 0; i < n; i++) {
        const struct app_event *e = &ev[i];
        if ((int)e->kind < 0 || e->kind >= EV_KIND_COUNT)
            return fail(err, "events[%zu]: kind: unknown event kind (%d)", i, (int)e->kind);
        if (!calendar_covers(cal, e->date))
            return fail(err, "events[%zu]: date: %s is outside the calendar data (%s)", i,
                        date_format(e->date, d1), calendar_range_text(cal, range, sizeof range));
        if (e->date < received)
            return fail(err, "events[%zu]: date: %s is before the receipt date %s", i, date_format(e->date, d1),
                        date_format(received, d2));
        if (i > 0 && e->date < ev[i - 1].date)
            return fail(err, "events[%zu]: date: %s is before the %s of events[%zu] (events must be in date "
                             "order)", i, date_format(e->date, d1), date_format(ev[i - 1].date, d2), i - 1);
        if (s->closing >= 0)
            return fail(err, "events[%zu]: kind: %s after the closing event events[%ld] (%s)", i,
                        kind_code(e->kind), s->closing, kind_code(ev[s->closing].kind));
        if (check_fields(out->regulation, e, i, err) < 0 || apply(cal, s, ev, i, out, err) < 0)
            return -1;
    }
    return 0;
}

/* The clock from the scan. `horizon` is the earliest start of a pause still open
 * (every day after it is covered for good), so neither walk runs past it. */
static void run_clock(const calendar_t *cal, const struct scan *s, gk_date horizon, gk_date as_of,
                      struct app_clock *out)
{
    gk_date last = calendar_last(cal);
    int period = out->period;
    gk_date reached = s->start; /* the latest day either walk looked at */

    /* The due date: the working day on which the count reaches the period. */
    int count = 0;
    for (gk_date d = s->start + 1; d <= horizon; d++) {
        if (d > last) {
            out->calendar_exhausted = true;
            break;
        }
        if (d > reached)
            reached = d;
        if (calendar_is_workday(cal, d) == 1 && !covered(s->pauses, s->np, d) && ++count == period) {
            out->due_known = true;
            out->due = d;
            break;
        }
    }

    /* The count at T: the closing date, or the reference date for an open application. */
    gk_date t = out->closed ? out->closed_on : as_of;
    count = 0;
    for (gk_date d = s->start + 1; d <= t && d <= horizon; d++) {
        if (d > last) {
            out->calendar_exhausted = true;
            break;
        }
        if (d > reached)
            reached = d;
        if (calendar_is_workday(cal, d) == 1 && !covered(s->pauses, s->np, d))
            count++;
    }
    out->overdue = count > period;
    out->working_days_left = period - count;
    if (reached > s->start)
        out->provisional = calendar_span_provisional(cal, s->start + 1, reached, &out->provisional_year);
}

res_t deadline_compute(const calendar_t *cal, gk_date received, const struct app_event *ev, size_t n,
                     gk_date as_of, struct app_clock *out, char **err)
{
    struct app_clock c = {.regulation = deadline_regulation(received)};
    struct scan s = {
        .start = received,
        .open_correction = -1, .open_consultation = -1, .open_fee = -1, .closing = -1, .extension = -1,
        .pauses = xmalloc(n * sizeof *s.pauses), /* at most one per event */
    };
    if (scan_events(cal, received, ev, n, &s, &c, err) < 0) {
        free(s.pauses);
        return RES_REFUSED;
    }
    c.start = s.start;
    c.period = c.regulation->period + c.extended_days;

    /* What is still pending at the end (or at the closing event: nothing follows it).
     * An open pause (or an awaited correction) opened on a covers every day after a,
     * so it is not listed as a pause: it ends both walks instead. */
    gk_date horizon = NEVER;
    long open[3] = {s.open_correction, s.open_consultation, s.open_fee};
    for (int k = 0; k < 3; k++)
        if (open[k] >= 0 && ev[open[k]].date < horizon)
            horizon = ev[open[k]].date;
    run_clock(cal, &s, horizon, as_of, &c);
    /* A consultation still open at as_of (or at the close) may already be too long. */
    if (s.open_consultation >= 0) {
        gk_date until = c.closed ? c.closed_on : as_of;
        if (until > calendar_last(cal))
            until = calendar_last(cal);
        if (until > ev[s.open_consultation].date &&
            consultation_too_long(cal, &c, ev[s.open_consultation].date, until))
            c.long_consultations++;
    }
    if (!c.closed && horizon != NEVER)
        c.paused_since = horizon;

    if (c.closed)
        set_status(&c, "closed");
    else if (s.open_correction >= 0)
        set_status(&c, "awaiting_correction");
    else if (s.open_fee >= 0)
        set_status(&c, "paused_fee");
    else if (s.open_consultation >= 0)
        set_status(&c, "paused_consultation");
    else
        set_status(&c, "processing");
    /* Contracts §6: while a correction is awaited or a pause is open the due date is
     * not fixed, even if the count had already passed it (overdue says that). */
    if (!c.closed && horizon != NEVER)
        c.due_known = false;
    if (!c.due_known)
        c.due = 0;
    free(s.pauses);
    *out = c;
    return RES_OK;
}
