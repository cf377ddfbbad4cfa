/* POST /admin/applications/ID: one state change of an application, as one event
 * (model/app_handling.h decides whether it is allowed), written with its audit row in
 * one transaction. A refused change re-displays the page with the error beside the field
 * of the form that was sent (422). */
#include "domain/fees.h"
#include "store/store_holidays.h"
#include "util/date.h"
#include "util/xalloc.h"
#include "store/store_portal.h"
#include "web/admin/applications.h"
#include "web/admin/form.h"
#include "web/admin/render.h"
#include "web/fail.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The form's action → the event kind. correction_answer and fee_answer carry the
 * choice in their `answer` field. */
static const struct {
    const char *action;
    enum event_kind kind;
} actions[] = {
    {"correction_requested", EV_CORRECTION_REQUESTED},
    {"correction_received", EV_CORRECTION_RECEIVED},
    {"correction_lapsed", EV_CORRECTION_LAPSED},
    {"consultation_started", EV_CONSULTATION_STARTED},
    {"consultation_ended", EV_CONSULTATION_ENDED},
    {"extended", EV_EXTENDED},
    {"fee_notice", EV_FEE_NOTICE},
    {"fee_paid", EV_FEE_PAID},
    {"fee_lapsed", EV_FEE_LAPSED},
    {"replied", EV_REPLIED},
    {"withdrawn", EV_WITHDRAWN},
};

/* A whole number 0…LIMIT, or -1. */
static long long count_field(const char *s, long long limit)
{
    if (!s || !*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 12)
        return -1;
    long long v = strtoll(s, NULL, 10);
    return v > limit ? -1 : v;
}

/* The fee of a notice, by the 2020 measures (domain/fees.c): per item or per page, never
 * both. RES_OK with ev->fen > 0, or a refusal naming the field. */
static res_t fee_of(const struct request *req, struct app_event *ev, char **err)
{
    const char *basis = form_text(req, "basis");
    if (strcmp(basis, "per_item") == 0) {
        long long prior = count_field(form_text(req, "prior"), FEE_MAX_ITEMS);
        long long count = count_field(form_text(req, "count"), FEE_MAX_ITEMS);
        if (prior < 0)
            return *err = xstrdup("prior: 请填写本月此前已提出的申请件数（0 或正整数）"), RES_REFUSED;
        if (count < 1)
            return *err = xstrdup("count: 请填写本次申请的件数（正整数）"), RES_REFUSED;
        ev->fen = fee_per_item(prior, count);
    } else if (strcmp(basis, "per_page") == 0) {
        long long pages = count_field(form_text(req, "pages"), FEE_MAX_PAGES);
        if (pages < 1)
            return *err = xstrdup("pages: 请填写页数（正整数）"), RES_REFUSED;
        ev->fen = fee_per_page(pages);
    } else {
        return *err = xstrdup("basis: 请选择按件计收或按量（页）计收"), RES_REFUSED;
    }
    if (ev->fen < 0)
        return *err = xstrdup("basis: 数量超出范围"), RES_REFUSED;
    if (ev->fen == 0)
        return *err = xstrdup("basis: 按标准不收费，无需发出收费通知 no fee is due"), RES_REFUSED;
    ev->basis = basis;
    return RES_OK;
}

/* The open fee notice's amount (fee_paid pays it whole). */
static long long open_fee(const struct application_rec *r)
{
    long long fen = 0;
    for (size_t i = 0; i < r->nevents; i++)
        if (r->events[i].kind == EV_FEE_NOTICE)
            fen = r->events[i].fen;
    return fen;
}

/* Reads the event of the form into *EV. RES_REFUSED with "field: reason". */
static res_t read_event(const struct request *req, const struct application_rec *r, struct app_event *ev,
                        char **err)
{
    memset(ev, 0, sizeof *ev);
    const char *action = form_text(req, "action");
    if (strcmp(action, "correction_answer") == 0)
        action = strcmp(form_text(req, "answer"), "lapsed") == 0 ? "correction_lapsed" : "correction_received";
    else if (strcmp(action, "fee_answer") == 0)
        action = strcmp(form_text(req, "answer"), "lapsed") == 0 ? "fee_lapsed" : "fee_paid";
    int k = -1;
    for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
        if (strcmp(actions[i].action, action) == 0)
            k = (int)actions[i].kind;
    if (k < 0)
        return *err = xstrdup("action: 未知的办理操作"), RES_REFUSED;
    ev->kind = (enum event_kind)k;
    if (!date_parse(form_text(req, "date"), &ev->date))
        return *err = xstrdup("date: 请填写日期（年-月-日）"), RES_REFUSED;
    switch (ev->kind) {
    case EV_CORRECTION_REQUESTED:
        ev->items = form_text(req, "items");
        break;
    case EV_CONSULTATION_STARTED:
        ev->party = form_text(req, "party");
        if (strcmp(ev->party, "third_party") && strcmp(ev->party, "agency"))
            return *err = xstrdup("party: 请选择征求意见的对象（第三方或其他机关）"), RES_REFUSED;
        break;
    case EV_EXTENDED: {
        long long d = count_field(form_text(req, "days"), 1000);
        if (d < 1)
            return *err = xstrdup("days: 请填写延长的工作日数（正整数）"), RES_REFUSED;
        ev->days = (int)d;
        ev->reason = form_text(req, "reason");
        break;
    }
    case EV_FEE_NOTICE:
        return fee_of(req, ev, err);
    case EV_FEE_PAID:
        ev->fen = open_fee(r);
        break;
    case EV_REPLIED:
        ev->outcome = form_text(req, "outcome");
        if (!outcome_find(ev->outcome))
            return *err = xstrdup("outcome: 请选择答复结果"), RES_REFUSED;
        ev->letter = form_text(req, "letter");
        if (!*ev->letter)
            ev->letter = NULL;
        break;
    default:
        break;
    }
    return RES_OK;
}

/* The audit row's JSON of the change. */
static char *event_audit_json(const struct app_event *ev, const struct app_clock *c)
{
    char d[DATE_STR_SIZE];
    json_t *o = json_object();
    json_object_set_new(o, "event", json_string(event_kinds[ev->kind].code));
    json_object_set_new(o, "date", json_string(date_format(ev->date, d)));
    if (ev->kind == EV_EXTENDED)
        json_object_set_new(o, "days", json_integer(ev->days));
    if (ev->outcome)
        json_object_set_new(o, "outcome", json_string(ev->outcome));
    if (ev->party)
        json_object_set_new(o, "party", json_string(ev->party));
    if (ev->kind == EV_FEE_NOTICE || ev->kind == EV_FEE_PAID)
        json_object_set_new(o, "fen", json_integer(ev->fen));
    json_object_set_new(o, "status", json_string(c->status));
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return s;
}

/* Re-displays the page with ERR ("field: reason") beside the field of the form sent. */
static void refused(struct request *req, struct response *res, const struct admin *a, const calendar_t *cal,
                    const struct application_rec *r, const char *err)
{
    json_t *ctx = json_object();
    char *msg_err = NULL;
    if (app_page_context(cal, r, date_today_cst(), ctx, &msg_err) != RES_OK ||
        app_letters_context(a, r, ctx, &msg_err) != RES_OK) {
        web_fail(req, res, RES_FAILED, msg_err, NULL);
        json_decref(ctx);
        return;
    }
    const char *action = form_text(req, "action");
    const char *colon = strstr(err, ": ");
    char field[64] = "action";
    if (colon && (size_t)(colon - err) < sizeof field) {
        memcpy(field, err, (size_t)(colon - err));
        field[colon - err] = '\0';
    }
    const char *msg = colon ? colon + 2 : err;
    char id[160];
    snprintf(id, sizeof id, "%s-%s", action, field);
    form_error(ctx, id, msg);
    json_t *e = json_object();
    json_object_set_new(e, field, json_string(msg));
    char key[96];
    snprintf(key, sizeof key, "err_%s", action);
    json_object_set_new(ctx, key, e);
    static const char *const keep[] = {"date", "items", "party", "days", "reason", "basis", "prior",
                                       "count", "pages", "outcome", "letter", "answer", NULL};
    form_keep(ctx, req, keep);
    json_object_set_new(ctx, "title", json_sprintf("申请 %s", r->id));
    json_object_set_new(ctx, "section", json_string("applications"));
    admin_render(req, res, a, 422, "admin/application", ctx);
    json_decref(ctx);
}

void admin_application_act(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, APP_HANDLERS, &a))
        return;
    store_portal_end_reads(a.s); /* no read snapshot left over from an earlier request */
    struct application_rec r = {0}, next = {0};
    calendar_t *cal = NULL;
    char *err = NULL, *before = NULL, *after = NULL;
    res_t rc = store_get_application(a.s, req->tail, &r, &err);
    bool have = rc == RES_OK;
    if (rc == RES_OK && !app_may_handle(&a, r.agency)) {
        json_t *ctx = json_object();
        json_object_set_new(ctx, "title", json_string("无权办理"));
        admin_render(req, res, &a, 403, "admin/not_found", ctx);
        json_decref(ctx);
        goto out;
    }
    if (rc == RES_OK)
        rc = store_load_calendar(a.s, &cal, &err);
    if (rc != RES_OK) {
        web_fail(req, res, rc, err, NULL);
        err = NULL;
        goto out;
    }
    if (strcmp(form_text(req, "action"), "publish_reply") == 0) { /* issue 9 item 7 (applications_publish.c) */
        app_publish_reply(req, res, &a, &r, cal);
        goto out;
    }
    if (strncmp(form_text(req, "action"), "letter_", 7) == 0) { /* the letters (applications_letters.c) */
        app_letter_act(req, res, &a, &r, cal);
        goto out;
    }
    struct app_event ev;
    struct app_clock old, clk;
    gk_date today = date_today_cst();
    rc = read_event(req, &r, &ev, &err);
    if (rc == RES_OK)
        rc = application_handle(cal, &r, &ev, today, &next, &clk, &err);
    if (rc == RES_REFUSED) {
        refused(req, res, &a, cal, &r, err);
        goto out;
    }
    if (rc == RES_OK)
        rc = application_clock(cal, &r, today, &old, NULL, &err);
    if (rc == RES_OK) {
        before = xasprintf("{\"status\":\"%s\"}", old.status);
        after = event_audit_json(&ev, &clk);
        store_portal_end_reads(a.s);
        rc = store_begin(a.s, &err);
    }
    if (rc == RES_OK) {
        rc = store_put_application(a.s, &next, &err);
        char object[200], action[64];
        snprintf(object, sizeof object, "application:%s", r.id);
        snprintf(action, sizeof action, "application.%s", event_kinds[ev.kind].code);
        if (rc == RES_OK)
            rc = admin_audit(req, &a, action, object, before, after, &err);
        if (rc == RES_OK)
            rc = store_commit(a.s, &err);
        if (rc != RES_OK)
            store_rollback(a.s);
    }
    if (rc != RES_OK) {
        web_fail(req, res, rc, err, NULL);
        err = NULL;
        goto out;
    }
    char *to = xasprintf("/admin/applications/%s?done=1", r.id);
    form_redirect(res, to);
    free(to);
out:
    free(next.events);
    if (have)
        application_rec_free(&r);
    calendar_free(cal);
    free(err);
    free(before);
    free(after);
}
