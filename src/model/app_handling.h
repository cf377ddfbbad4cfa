/* Handling an application in the workspace: one state change is one event appended to
 * its history. The history with the new event must pass deadline_compute (the rules the
 * import applies: order, one extension within the Regulation's cap, pauses opened before
 * they close, nothing after the closing event), and the workspace adds the rules that the
 * import only warns about, because here the event is being made now:
 *   - a correction (补正) is requested once (一次性告知, Art. 30), and under the 2019
 *     Regulation within 7 working days of the start;
 *   - an extension carries its reason;
 *   - a fee lapses only after 20 working days without payment (2020 measures, Art. 6);
 *   - no event is dated after today.
 * The record's own figures (closed, outcome, extended, fee amounts) follow the events, as
 * the import derives them, so the annual report counts handled applications the same way
 * as imported ones. */
#ifndef GK_APP_HANDLING_H
#define GK_APP_HANDLING_H
#include "model/app_clock.h"

#define HANDLING_FEE_LAPSE_DAYS 20 /* working days a fee notice stays payable */

/* *OUT = R with EV appended (a shallow copy: strings stay R's and EV's; OUT->events is
 * malloc'd, free it with free()), its closed/outcome/extended/fee figures derived from the
 * history, and *CLK its clock at TODAY. RES_OK, or RES_REFUSED with a malloc'd *err
 * "field: reason" naming the form field (date, kind, days, reason, outcome, fee, …), in
 * Chinese. */
res_t application_handle(const calendar_t *cal, const struct application_rec *r, const struct app_event *ev,
                         gk_date today, struct application_rec *out, struct app_clock *clk, char **err);

/* The last day of a consulted party's reply window (Arts. 32, 34: 15 working days after
 * the consultation began), or NO_DATE when it falls outside the calendar. */
gk_date application_consultation_window(const calendar_t *cal, gk_date started);

#endif
