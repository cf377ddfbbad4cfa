/* The statutory clock of a disclosure application (contracts §6; Regulation arts. 30,
 * 33, the 2020 fee measures): validates an application's event history and computes
 * its status, start date and due date from it. The same function serves the status
 * page, `application show`, the import check and the report's on-time count, so the
 * due date is never stored, only derived.
 *
 * The clock, in short:
 *   - the start S is the receipt date, or the date of the latest correction_received;
 *   - the working days after S are counted one at a time, except a working day d
 *     covered by a pause: opened on a and closed on b, a pause covers a < d <= b
 *     (consultation_started … consultation_ended, fee_notice … fee_paid; an awaited
 *     correction, correction_requested on r, covers every day after r until the
 *     correction_received that restarts the clock);
 *   - the period is set by the Regulation in force on the date of receipt
 *     (deadline_regulation): 15 working days before 2019-05-15 (2007 Regulation,
 *     Art. 24), 20 from then on (2019 Regulation, Art. 33), plus `days` after an
 *     `extended` event (at most 15, resp. 20);
 *   - the due date is the working day on which the count reaches the period;
 *   - the answer is provisional when a day it counted lies in a year whose holiday
 *     notice is not known yet (calendar.h); nothing stored changes when it arrives.
 *
 * Edge cases, as decided here:
 *   - correction_received restarts the count at its own date, so pauses that ended
 *     before it no longer matter; a pause still open across it keeps covering days
 *     after it until it ends.
 *   - An extension granted before a correction keeps applying after the restart (it
 *     lengthens the period; the law allows it once).
 *   - A pause may still be open at the closing event (the agency replied during a
 *     consultation, or the fee lapsed): that is valid.
 *   - A consultation and a fee notice may be open at the same time (they are different
 *     pauses); two open pauses of the same kind are an error.
 *   - Several correction rounds are accepted (the law asks for one, 一次性告知, but
 *     records of real practice have more); the latest correction_received counts, and
 *     the explanation warns.
 *   - Procedural limits that do not move the due date (the 7-day correction notice of
 *     Art. 30, the 15-day answers of Arts. 32 and 34, both of the 2019 Regulation only:
 *     the 2007 text set no such limits) are warnings, never refusals.
 *   - The answer is the same whichever module asks: application_clock (model/app_clock.h)
 *     wraps this for stored applications.
 *   - The event history is taken whole; as_of does not hide events dated after it.
 */
#ifndef GK_DEADLINE_H
#define GK_DEADLINE_H
#include "domain/calendar.h"
#include "domain/taxonomy.h"
#include "util/result.h"
#include <stdbool.h>
#include <stddef.h>

#define DEADLINE_CORRECTION_NOTICE 7 /* Art. 30 (2019): correction requested within 7 working days */
#define DEADLINE_CONSULTATION_REPLY 15 /* Arts. 32, 34 (2019): a consulted party answers within 15 */

/* The Regulation an application falls under, chosen by its date of receipt. */
struct regulation {
    const char *code;   /* "2007" or "2019" (contracts §6) */
    const char *name;   /* 《中华人民共和国政府信息公开条例》（国务院令第492号） … */
    const char *article; /* the article that sets the period, e.g. 第二十四条 */
    int period;         /* working days to reply */
    int max_extension;  /* an extension adds at most this many */
    bool timed_steps;   /* the 7-day correction notice (Art. 30) and the 15-day consultation
                           answers (Arts. 32, 34) exist: 2019 Regulation only */
};

/* The date the revised Regulation (国务院令第711号) took effect: 2019-05-15. */
gk_date deadline_revision_date(void);

/* The Regulation in force on the date of receipt (a static entry). */
const struct regulation *deadline_regulation(gk_date received);

/* One event of the handling history (contracts §6). Fields a kind does not use are
 * ignored; strings are borrowed (the caller keeps them alive while it uses them). */
struct app_event {
    enum event_kind kind;
    gk_date date;
    int days;            /* extended: 1 … the Regulation's max_extension */
    const char *outcome; /* replied: an outcome code (taxonomy outcome_find) */
    const char *party;   /* consultation_started: "third_party" | "agency" */
    long long fen;       /* fee_notice (> 0) / fee_paid (>= 0): the amount in fen (0.01 yuan) */
    const char *basis;   /* fee_notice: "per_item" | "per_page" */
    const char *items;   /* correction_requested: what to correct (free text) */
    const char *reason;  /* extended: why (free text) */
    const char *letter;  /* replied: the reply letter (free text) */
};

/* Status codes (stable; stored nowhere, shown on pages and in JSON):
 *   "processing"           办理中     the clock runs (possibly past its due date: see overdue)
 *   "awaiting_correction"  待补正     a correction was requested and has not arrived
 *   "paused_fee"           待缴费     a fee notice is unpaid (wins over a consultation: the
 *                                     applicant must act)
 *   "paused_consultation"  征求意见中 a third party or another agency is being consulted
 *   "closed"               已办结     a closing event ended the handling
 * An awaited correction wins over both pauses: the whole clock restarts after it. */
struct app_clock {
    const char *status;       /* one of the codes above (static string) */
    const char *status_label; /* its Chinese label (static string) */
    gk_date start;            /* S */
    bool due_known;           /* open application: false while a correction is awaited or a
                                 pause is open (contracts §6), or when the period runs past
                                 the calendar data. Closed: true if the period had reached its
                                 end before any pause or correction left open at the close */
    gk_date due;
    bool closed;
    gk_date closed_on;
    const char *outcome;      /* closed: the outcome code (static string from the taxonomy) */
    bool extended;
    int extended_days;
    const struct regulation *regulation; /* by the date of receipt */
    int period;               /* the Regulation's period + extended_days */
    /* Procedural warnings (the explanation words them, deadline_explain):
     * correction_overdue_notice: a correction was requested more than 7 working days
     *   after the start then in force (Art. 30; 2019 Regulation only);
     * correction_rounds: how many corrections were requested (Art. 30 asks for one);
     * long_consultations: consultations whose party took more than 15 working days to
     *   answer, or has taken so far at as_of (Arts. 32, 34; 2019 Regulation only). */
    bool correction_overdue_notice;
    int correction_rounds;
    int long_consultations;
    /* The due date or the count depends on a year with no holiday notice yet (Mon–Fri
     * assumed); provisional_year is the first such year. */
    bool provisional;
    int provisional_year;
    gk_date paused_since;     /* open, due unknown: the date the pending correction or the
                                 earliest open pause began; else 0 */
    /* Measured at T = closed_on for a closed application, else at as_of:
     * overdue: more than `period` working days were counted in (S, T] — for a closed
     *   application, it was closed late;
     * working_days_left: period minus the days counted in (S, T]; negative when overdue.
     *   Frozen while a pause is open; while a correction is awaited it is the figure of
     *   the old start, and the full period returns when the correction arrives. */
    bool overdue;
    int working_days_left;
    /* The count needed dates after the end of the calendar (2099): due_known is false if
     * the due date lies beyond it, and working_days_left only counts up to its last day. */
    bool calendar_exhausted;
};

/* Validates the events (in this order of checks per event: kind, date inside the
 * calendar, date order, fields, then the sequence) and computes the clock. RES_OK, or
 * RES_REFUSED with a malloc'd *err naming the offending event by index and field, e.g.
 * "events[3]: kind: correction_received without a pending correction_requested", or
 * "received: …" for the receipt date. *out is filled only on success. */
res_t deadline_compute(const calendar_t *cal, gk_date received, const struct app_event *ev, size_t n,
                     gk_date as_of, struct app_clock *out, char **err);

/* The Chinese label of a status code, or NULL for an unknown code. */
const char *deadline_status_label(const char *status);

/* The explanation of a computed clock, in Chinese (contracts §6 `why` and `warnings`):
 * one string per step (receipt and Regulation, each correction round, the start, each
 * pause with its dates and the working days it did not count, the extension, the
 * result, the provisional note), and one per warning. */
struct clock_text {
    char **why;
    size_t nwhy;
    char **warnings;
    size_t nwarnings;
};

/* Fills *out for events that deadline_compute accepted with the same arguments and
 * whose clock is *clk. Free with clock_text_free. */
void deadline_explain(const calendar_t *cal, gk_date received, const struct app_event *ev, size_t n,
                      gk_date as_of, const struct app_clock *clk, struct clock_text *out);
void clock_text_free(struct clock_text *t);

#endif
