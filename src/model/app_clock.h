/* The clock of a stored application: its event history, or, for an imported record
 * without one, the history its own fields imply (a reply on `closed` with `outcome`).
 * Used by `application show`, `application list` and (later) the application pages, so
 * that all of them show the same due date. */
#ifndef GK_APP_CLOCK_H
#define GK_APP_CLOCK_H
#include "domain/deadline.h"
#include "model/records.h"

/* deadline_compute for R at AS_OF; with TEXT non-NULL also deadline_explain into it
 * (free with clock_text_free). RES_OK, or RES_REFUSED with a malloc'd *err. */
res_t application_clock(const calendar_t *cal, const struct application_rec *r, gk_date as_of,
                        struct app_clock *out, struct clock_text *text, char **err);

#endif
