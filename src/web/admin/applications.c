/* /admin/applications and /admin/applications/ID: the applications a handler's agency
 * received, with the clock of each computed by application_clock (model/app_clock.h),
 * the code behind `application show` and `application list`, so the three agree. */
#include "store/store_applications.h"
#include "store/store_holidays.h"
#include "util/date.h"
#include "util/decimal.h"
#include "util/xalloc.h"
#include "store/store_portal.h"
#include "web/admin/applications.h"
#include "web/admin/render.h"
#include "web/fail.h"
#include <stdlib.h>
#include <string.h>

bool app_may_handle(const struct admin *a, const char *agency)
{
    if (admin_has(a, ROLE_PLATFORM_ADMIN))
        return true;
    return admin_has(a, ROLE_HANDLER | ROLE_ADMIN) && a->staff.agency[0] && agency &&
           strcmp(a->staff.agency, agency) == 0;
}

static json_t *date_json(gk_date d)
{
    char buf[DATE_STR_SIZE];
    return d == NO_DATE ? json_null() : json_string(date_format(d, buf));
}

/* Why the due date is not fixed (the words of `application show`'s due_note). */
static json_t *due_note(const struct app_clock *c)
{
    char d[DATE_STR_SIZE];
    if (c->due_known || c->closed)
        return json_null();
    if (c->calendar_exhausted)
        return json_string("期限超出日历范围");
    char *s = xasprintf("%s，自 %s 起暂停计算", c->status_label, date_format(c->paused_since, d));
    json_t *j = json_string(s);
    free(s);
    return j;
}

/* The clock's keys shared by the list rows, the page and the dashboard. */
static void clock_keys(json_t *o, const struct application_rec *r, const struct app_clock *c)
{
    json_object_set_new(o, "id", json_string(r->id));
    json_object_set_new(o, "href", json_sprintf("/admin/applications/%s", r->id));
    json_object_set_new(o, "agency", json_string(r->agency));
    json_object_set_new(o, "received", date_json(r->received));
    json_object_set_new(o, "status", json_string(c->status));
    json_object_set_new(o, "status_label", json_string(c->status_label));
    json_object_set_new(o, "due", c->due_known ? date_json(c->due) : json_null());
    json_object_set_new(o, "due_note", due_note(c));
    json_object_set_new(o, "provisional", json_boolean(c->provisional));
    json_object_set_new(o, "overdue", json_boolean(c->overdue));
    json_object_set_new(o, "days_left", json_integer(c->working_days_left));
    json_object_set_new(o, "days_over", json_integer(-c->working_days_left));
    json_object_set_new(o, "subject", json_string(r->subject ? r->subject : ""));
}

/* ---- the lists ---- */

struct walk {
    const struct admin *a;
    const calendar_t *cal;
    gk_date today;
    json_t *overdue, *soon, *open, *closed;
    int bad;
};

static int take(const struct application_rec *r, void *ud)
{
    struct walk *w = ud;
    if (!app_may_handle(w->a, r->agency))
        return 0;
    struct app_clock c;
    char *err = NULL;
    if (application_clock(w->cal, r, w->today, &c, NULL, &err) != RES_OK) {
        free(err);
        w->bad++;
        return 0;
    }
    json_t *row = json_object();
    clock_keys(row, r, &c);
    json_t *into = c.closed ? w->closed
                   : c.overdue ? w->overdue
                   : c.due_known && c.working_days_left <= APP_DUE_SOON ? w->soon
                                                                        : w->open;
    json_array_append_new(into, row);
    return 0;
}

/* Soonest due first; those without a due date last. */
static int by_due(const void *pa, const void *pb)
{
    json_t *a = *(json_t *const *)pa, *b = *(json_t *const *)pb;
    const char *da = json_string_value(json_object_get(a, "due")), *db = json_string_value(json_object_get(b, "due"));
    if (!da != !db)
        return da ? -1 : 1;
    int c = da ? strcmp(da, db) : 0;
    return c ? c : strcmp(json_string_value(json_object_get(a, "id")), json_string_value(json_object_get(b, "id")));
}

static void sort_rows(json_t *arr)
{
    size_t n = json_array_size(arr);
    if (n < 2)
        return;
    json_t **v = xcalloc(n, sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = json_incref(json_array_get(arr, i));
    qsort(v, n, sizeof *v, by_due);
    json_array_clear(arr);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, v[i]);
    free(v);
}

/* Walks the applications A may handle into W's lists. */
static res_t walk_applications(const struct admin *a, struct walk *w, calendar_t **cal, char **err)
{
    res_t rc = store_load_calendar(a->s, cal, err);
    if (rc != RES_OK)
        return rc;
    w->a = a;
    w->cal = *cal;
    w->today = date_today_cst();
    struct export_filter f = {0};
    struct agency ag = {0};
    if (!admin_has(a, ROLE_PLATFORM_ADMIN)) {
        rc = store_get_agency(a->s, a->staff.agency, &ag, err);
        if (rc == RES_NOT_FOUND) /* an agency not imported yet: nothing to handle */
            return RES_OK;
        if (rc != RES_OK)
            return rc;
        f.agency_path = ag.path;
    }
    rc = store_each_application(a->s, &f, take, w, err);
    agency_clear(&ag);
    sort_rows(w->overdue);
    sort_rows(w->soon);
    sort_rows(w->open);
    return rc;
}

void admin_applications(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, APP_HANDLERS, &a))
        return;
    store_portal_end_reads(a.s); /* no read snapshot left over from an earlier request */
    json_t *ctx = json_object();
    struct walk w = {.overdue = json_array(), .soon = json_array(), .open = json_array(), .closed = json_array()};
    json_object_set_new(ctx, "overdue", w.overdue);
    json_object_set_new(ctx, "soon", w.soon);
    json_object_set_new(ctx, "open", w.open);
    json_object_set_new(ctx, "closed_count", json_integer(0));
    calendar_t *cal = NULL;
    char *err = NULL;
    res_t rc = walk_applications(&a, &w, &cal, &err);
    calendar_free(cal);
    if (rc != RES_OK) {
        web_fail(req, res, rc, err, NULL); /* frees err */
        json_decref(w.closed);
        json_decref(ctx);
        return;
    }
    json_object_set_new(ctx, "closed_count", json_integer((json_int_t)json_array_size(w.closed)));
    json_decref(w.closed);
    json_object_set_new(ctx, "unreadable", json_integer(w.bad));
    json_object_set_new(ctx, "due_soon_days", json_integer(APP_DUE_SOON));
    json_object_set_new(ctx, "title", json_string("依申请公开办理"));
    json_object_set_new(ctx, "section", json_string("applications"));
    admin_render(req, res, &a, 200, "admin/applications", ctx);
    json_decref(ctx);
}

void app_dashboard_block(const struct admin *a, json_t *ctx)
{
    if (!admin_has(a, APP_HANDLERS))
        return;
    struct walk w = {.overdue = json_array(), .soon = json_array(), .open = json_array(), .closed = json_array()};
    calendar_t *cal = NULL;
    char *err = NULL;
    if (walk_applications(a, &w, &cal, &err) == RES_OK) {
        json_t *o = json_object();
        json_object_set(o, "overdue", w.overdue);
        json_object_set(o, "soon", w.soon);
        json_object_set_new(o, "open_count", json_integer((json_int_t)(json_array_size(w.open) +
                                                                        json_array_size(w.soon) +
                                                                        json_array_size(w.overdue))));
        json_object_set_new(o, "due_soon_days", json_integer(APP_DUE_SOON));
        json_object_set_new(ctx, "apps", o);
    }
    free(err);
    calendar_free(cal);
    json_decref(w.overdue);
    json_decref(w.soon);
    json_decref(w.open);
    json_decref(w.closed);
}

/* ---- one application ---- */

static const char *party_zh(const char *p)
{
    return p && strcmp(p, "agency") == 0 ? "其他机关" : "第三方";
}

static json_t *events_json(const calendar_t *cal, const struct application_rec *r)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < r->nevents; i++) {
        const struct app_event *e = &r->events[i];
        json_t *o = json_object();
        json_object_set_new(o, "date", date_json(e->date));
        json_object_set_new(o, "kind", json_string(event_kinds[e->kind].code));
        json_object_set_new(o, "label", json_string(event_kinds[e->kind].label));
        char *detail = NULL;
        char yuan[40];
        switch (e->kind) {
        case EV_EXTENDED:
            detail = xasprintf("延长 %d 个工作日%s%s", e->days, e->reason ? "；理由：" : "", e->reason ? e->reason : "");
            break;
        case EV_REPLIED: {
            const struct outcome_info *oi = outcome_find(e->outcome);
            detail = xasprintf("%s（%s）", oi ? oi->label : "", e->outcome ? e->outcome : "");
            break;
        }
        case EV_CONSULTATION_STARTED: {
            char d[DATE_STR_SIZE];
            gk_date end = application_consultation_window(cal, e->date);
            detail = xasprintf("征求%s意见，答复期限至 %s（15个工作日）", party_zh(e->party),
                               end == NO_DATE ? "—" : date_format(end, d));
            break;
        }
        case EV_FEE_NOTICE:
        case EV_FEE_PAID:
            decimal_format(e->fen, 2, 2, yuan, sizeof yuan);
            detail = xasprintf("%s 元%s", yuan,
                               e->basis ? (strcmp(e->basis, "per_page") == 0 ? "（按页计收）" : "（按件计收）") : "");
            break;
        case EV_CORRECTION_REQUESTED:
            detail = e->items ? xstrdup(e->items) : NULL;
            break;
        default:
            break;
        }
        json_object_set_new(o, "detail", json_string(detail ? detail : ""));
        free(detail);
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *strings_json(char *const *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_string(v[i]));
    return a;
}

/* Which state changes apply now (the template shows a form for each true key). */
static json_t *actions_json(const struct application_rec *r, const struct app_clock *c)
{
    json_t *o = json_object();
    if (c->closed)
        return o;
    bool corr_asked = false, consult_open = false, fee_open = false;
    for (size_t i = 0; i < r->nevents; i++) {
        switch (r->events[i].kind) {
        case EV_CORRECTION_REQUESTED: corr_asked = true; break;
        case EV_CONSULTATION_STARTED: consult_open = true; break;
        case EV_CONSULTATION_ENDED: consult_open = false; break;
        case EV_FEE_NOTICE: fee_open = true; break;
        case EV_FEE_PAID: fee_open = false; break;
        default: break;
        }
    }
    bool awaiting = strcmp(c->status, "awaiting_correction") == 0;
    json_object_set_new(o, "correction_requested", json_boolean(!corr_asked));
    json_object_set_new(o, "correction_answer", json_boolean(awaiting));
    json_object_set_new(o, "consultation_started", json_boolean(!consult_open && !awaiting));
    json_object_set_new(o, "consultation_ended", json_boolean(consult_open));
    json_object_set_new(o, "extended", json_boolean(!c->extended && !awaiting));
    json_object_set_new(o, "fee_notice", json_boolean(!fee_open && !awaiting));
    json_object_set_new(o, "fee_answer", json_boolean(fee_open));
    json_object_set_new(o, "replied", json_boolean(true));
    json_object_set_new(o, "withdrawn", json_boolean(true));
    json_object_set_new(o, "any", json_true());
    return o;
}

static json_t *outcome_options(void)
{
    json_t *a = json_array();
    for (size_t i = 0; i < outcome_count; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "code", json_string(outcomes[i].code));
        json_object_set_new(o, "label", json_string(outcomes[i].label));
        json_array_append_new(a, o);
    }
    return a;
}

res_t app_page_context(const calendar_t *cal, const struct application_rec *r, gk_date today, json_t *ctx,
                       char **err)
{
    struct app_clock c;
    struct clock_text t = {0};
    res_t rc = application_clock(cal, r, today, &c, &t, err);
    if (rc != RES_OK)
        return rc;
    json_t *app = json_object();
    clock_keys(app, r, &c);
    json_object_set_new(app, "applicant_type", json_string(applicant_types[r->applicant_type].label));
    json_object_set_new(app, "channel", json_string(r->has_channel ? app_channels[r->channel].label : "—"));
    json_object_set_new(app, "regulation", json_string(c.regulation->name));
    json_object_set_new(app, "period", json_integer(c.period));
    json_object_set_new(app, "closed_on", c.closed ? date_json(c.closed_on) : json_null());
    const struct outcome_info *oi = c.closed ? outcome_find(c.outcome) : NULL;
    json_object_set_new(app, "outcome_label", json_string(oi ? oi->label : ""));
    json_object_set_new(app, "provisional_year", json_integer(c.provisional_year));
    json_object_set_new(ctx, "app", app);
    json_object_set_new(ctx, "why", strings_json(t.why, t.nwhy));
    json_object_set_new(ctx, "warnings", strings_json(t.warnings, t.nwarnings));
    json_object_set_new(ctx, "events", events_json(cal, r));
    json_object_set_new(ctx, "can", actions_json(r, &c));
    json_object_set_new(ctx, "outcomes", outcome_options());
    json_object_set_new(ctx, "today", date_json(today));
    json_object_set_new(ctx, "max_extension", json_integer(c.regulation->max_extension));
    clock_text_free(&t);
    return RES_OK;
}

void admin_application(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, APP_HANDLERS, &a))
        return;
    store_portal_end_reads(a.s); /* no read snapshot left over from an earlier request */
    json_t *ctx = json_object();
    struct application_rec r = {0};
    calendar_t *cal = NULL;
    char *err = NULL;
    res_t rc = store_get_application(a.s, req->tail, &r, &err);
    bool have = rc == RES_OK;
    if (rc == RES_OK && !app_may_handle(&a, r.agency)) {
        json_object_set_new(ctx, "title", json_string("无权查看"));
        admin_render(req, res, &a, 403, "admin/not_found", ctx);
        goto out;
    }
    const char *print = req_query(req, "print");
    if (rc == RES_OK && print && *print) { /* a letter as a clean page */
        app_letter_print(req, res, &a, &r, strtoll(print, NULL, 10));
        goto out;
    }
    if (rc == RES_OK)
        rc = store_load_calendar(a.s, &cal, &err);
    if (rc == RES_OK)
        rc = app_page_context(cal, &r, date_today_cst(), ctx, &err);
    if (rc == RES_OK)
        rc = app_letters_context(&a, &r, ctx, &err);
    if (rc != RES_OK) {
        web_fail(req, res, rc, err, NULL); /* frees err */
        err = NULL;
        goto out;
    }
    json_object_set_new(ctx, "title", json_sprintf("申请 %s", r.id));
    json_object_set_new(ctx, "section", json_string("applications"));
    /* the applicant: in full for the handlers of the owning agency only (the store masks) */
    struct applicant who;
    bool full = admin_has(&a, ROLE_HANDLER) && strcmp(a.staff.agency, r.agency) == 0;
    if (store_application_applicant(a.s, r.id, full, &who, &err) == RES_OK) {
        json_t *w = json_object();
        json_object_set_new(w, "name", json_string(who.name ? who.name : ""));
        json_object_set_new(w, "id_no", json_string(who.id_no ? who.id_no : ""));
        json_object_set_new(w, "org_code", json_string(who.org_code ? who.org_code : ""));
        json_object_set_new(w, "phone", json_string(who.phone ? who.phone : ""));
        json_object_set_new(w, "email", json_string(who.email ? who.email : ""));
        json_object_set_new(w, "address", json_string(who.address ? who.address : ""));
        json_object_set_new(w, "receipt_note", json_string(who.receipt_note ? who.receipt_note : ""));
        json_object_set_new(ctx, "applicant", w);
        applicant_free(&who);
    }
    app_publish_context(&a, &r, ctx); /* the reply with personal data removed (issue 9 item 7) */
    const char *done = req_query(req, "done");
    if (done && *done)
        json_object_set_new(ctx, "notice", json_string("已记录。"));
    admin_render(req, res, &a, 200, "admin/application", ctx);
out:
    if (have)
        application_rec_free(&r);
    calendar_free(cal);
    free(err);
    json_decref(ctx);
}
