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
 *   - the period is 20 working days, or 20 + days after an `extended` event;
 *   - the due date is the working day on which the count reaches the period.
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
 *     records of real practice have more); the latest correction_received counts.
 *   - The event history is taken whole; as_of does not hide events dated after it.
 */
#ifndef GK_DEADLINE_H
#define GK_DEADLINE_H
#include "domain/calendar.h"
#include "domain/taxonomy.h"
#include "util/result.h"
#include <stdbool.h>
#include <stddef.h>

#define DEADLINE_PERIOD 20         /* Art. 33: 20 working days */
#define DEADLINE_MAX_EXTENSION 20  /* Art. 33: extended by at most 20 working days */
#define DEADLINE_CORRECTION_NOTICE 7 /* Art. 30: correction requested within 7 working days */

/* One event of the handling history (contracts §6). Fields a kind does not use are
 * ignored; strings are borrowed (the caller keeps them alive while it uses them). */
struct app_event {
    enum event_kind kind;
    gk_date date;
    int days;            /* extended: 1 … 20 */
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
    int period;               /* 20 + extended_days */
    bool correction_overdue_notice; /* a correction was requested more than 7 working days
                                       after the start then in force (a procedural warning) */
    /* Measured at T = closed_on for a closed application, else at as_of:
     * overdue: more than `period` working days were counted in (S, T] — for a closed
     *   application, it was closed late;
     * working_days_left: period minus the days counted in (S, T]; negative when overdue.
     *   Frozen while a pause is open; while a correction is awaited it is the figure of
     *   the old start, and the full period returns when the correction arrives. */
    bool overdue;
    int working_days_left;
    /* The count needed dates after the end of the calendar data (the yearly holiday
     * notice is not loaded yet): due_known is false if the due date lies beyond it, and
     * working_days_left only counts up to the data's last day. Pages should say so. */
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

#endif
