/* One state change of an application (app_handling.h). */
#include "model/app_handling.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static res_t refuse(char **err, const char *msg)
{
    *err = xstrdup(msg);
    return RES_REFUSED;
}

/* "events[3]: date: why" (deadline_compute) → "date: why": the form has one event. */
static char *strip_index(char *msg)
{
    if (strncmp(msg, "events[", 7) == 0) {
        char *p = strstr(msg, "]: ");
        if (p) {
            char *rest = xstrdup(p + 3);
            free(msg);
            return rest;
        }
    }
    return msg;
}

gk_date application_consultation_window(const calendar_t *cal, gk_date started)
{
    gk_date end;
    return calendar_add_workdays(cal, started, DEADLINE_CONSULTATION_REPLY, &end) == 0 ? end : NO_DATE;
}

/* The workspace's own rules for EV against the history so far (see the header). */
static res_t workspace_rules(const calendar_t *cal, const struct application_rec *r, const struct app_event *ev,
                             gk_date today, char **err)
{
    if (ev->date == NO_DATE)
        return refuse(err, "date: 请填写日期 missing");
    if (ev->date > today)
        return refuse(err, "date: 日期不能晚于今天 the date is in the future");
    if (r->closed != NO_DATE)
        return refuse(err, "kind: 该申请已办结，不能再办理 the application is closed");
    const struct regulation *reg = deadline_regulation(r->received);
    switch (ev->kind) {
    case EV_CORRECTION_REQUESTED: {
        for (size_t i = 0; i < r->nevents; i++)
            if (r->events[i].kind == EV_CORRECTION_REQUESTED)
                return refuse(err, "kind: 补正只能一次性告知（条例第三十条） a correction was already requested");
        int days;
        if (reg->timed_steps && calendar_workdays_between(cal, r->received, ev->date, &days) == 0 &&
            days > DEADLINE_CORRECTION_NOTICE)
            return refuse(err, "date: 应在收到申请之日起7个工作日内一次性告知补正（条例第三十条），已过 "
                               "more than 7 working days after receipt");
        if (!ev->items || !*ev->items)
            return refuse(err, "items: 请写明需要补正的事项和合理的补正期限 what to correct is missing");
        break;
    }
    case EV_EXTENDED:
        if (!ev->reason || !*ev->reason)
            return refuse(err, "reason: 延期答复须说明理由（条例第三十三条） the reason is missing");
        break;
    case EV_FEE_LAPSED: {
        gk_date notice = NO_DATE;
        for (size_t i = 0; i < r->nevents; i++)
            if (r->events[i].kind == EV_FEE_NOTICE)
                notice = r->events[i].date;
        int days;
        if (notice != NO_DATE && calendar_workdays_between(cal, notice, ev->date, &days) == 0 &&
            days < HANDLING_FEE_LAPSE_DAYS)
            return refuse(err, "date: 收费通知送达之日起20个工作日内仍可缴费，尚未逾期 "
                               "the fee is payable for 20 working days after the notice");
        break;
    }
    default:
        break;
    }
    return RES_OK;
}

res_t application_handle(const calendar_t *cal, const struct application_rec *r, const struct app_event *ev,
                         gk_date today, struct application_rec *out, struct app_clock *clk, char **err)
{
    res_t rc = workspace_rules(cal, r, ev, today, err);
    if (rc != RES_OK)
        return rc;
    *out = *r;
    out->events = xcalloc(r->nevents + 1, sizeof *out->events);
    if (r->nevents)
        memcpy(out->events, r->events, r->nevents * sizeof *r->events);
    out->events[r->nevents] = *ev;
    out->nevents = r->nevents + 1;
    out->has_events = true;
    rc = deadline_compute(cal, r->received, out->events, out->nevents, today, clk, err);
    if (rc != RES_OK) {
        *err = strip_index(*err);
        free(out->events);
        out->events = NULL;
        return rc;
    }
    out->closed = clk->closed ? clk->closed_on : NO_DATE;
    out->outcome = clk->closed ? clk->outcome : NULL;
    out->extended = clk->extended;
    long long notice = 0, paid = 0;
    bool any_notice = false, any_paid = false;
    for (size_t i = 0; i < out->nevents; i++) {
        if (out->events[i].kind == EV_FEE_NOTICE)
            notice += out->events[i].fen, any_notice = true;
        else if (out->events[i].kind == EV_FEE_PAID)
            paid += out->events[i].fen, any_paid = true;
    }
    out->fee_notice_fen = any_notice ? notice : r->fee_notice_fen;
    out->fee_paid_fen = any_paid ? paid : r->fee_paid_fen;
    return RES_OK;
}
