/* The clock of a stored application (app_clock.h). */
#include "model/app_clock.h"
#include <string.h>

res_t application_clock(const calendar_t *cal, const struct application_rec *r, gk_date as_of,
                        struct app_clock *out, struct clock_text *text, char **err)
{
    /* Without an event history the record's own fields are the history. */
    struct app_event synth[1];
    const struct app_event *ev = r->events;
    size_t n = r->nevents;
    if (!r->has_events && r->closed != NO_DATE) {
        memset(synth, 0, sizeof synth);
        synth[0].kind = EV_REPLIED;
        synth[0].date = r->closed;
        synth[0].outcome = r->outcome;
        ev = synth;
        n = 1;
    }
    res_t rc = deadline_compute(cal, r->received, ev, n, as_of, out, err);
    if (rc == RES_OK && text)
        deadline_explain(cal, r->received, ev, n, as_of, out, text);
    return rc;
}
