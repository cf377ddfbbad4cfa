/* Repeat requests (Regulation Art. 44): when several applicants ask the same agency for
 * the same information, the dashboard proposes making it proactive; a handler records
 * the proposal (POST /admin/applications/propose) and may then turn it into a draft item of
 * the editorial workflow (POST /admin/applications/convert), which an editor finishes. */
#include "store/store_applications.h"
#include "records/item_form.h"
#include "store/store_portal.h"
#include "store/store_workflow.h"
#include "util/date.h"
#include "util/xalloc.h"
#include "web/admin/applications.h"
#include "web/admin/form.h"
#include "web/admin/item_internal.h"
#include "web/admin/render.h"
#include "web/columns.h"
#include "web/view.h"
#include "web/fail.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define REPEAT_MIN_APPLICANTS 2
#define REPEAT_WINDOW_DAYS 365

/* The column a converted proposal's draft goes to unless the handler picks another. */
#define PROPOSAL_COLUMN "zfxxgk/fdzdgknr" /* 法定主动公开内容 */

struct take_ctx {
    struct request *req;
    const struct admin *a;
    json_t *rows;
};

static int take(const char *subject, long long applicants, bool proposed, void *ud)
{
    struct take_ctx *t = ud;
    json_t *o = json_object();
    json_object_set_new(o, "subject", json_string(subject));
    json_object_set_new(o, "applicants", json_integer(applicants));
    json_object_set_new(o, "proposed", json_boolean(proposed));
    struct proposal_info p;
    char *err = NULL;
    if (proposed && store_proposal_find(t->a->s, t->a->staff.agency, subject, &p, &err) == RES_OK) {
        if (p.item_id > 0) /* the item pages are the editors'; a handler sees that it was done */
            json_object_set_new(o, "draft_href",
                                json_string(arena_printf(t->req->arena, "/admin/items/%lld", p.item_id)));
        else
            json_object_set_new(o, "convertible", json_true());
        free(p.requests);
    }
    free(err);
    json_array_append_new(t->rows, o);
    return 0;
}

void app_repeats_block(struct request *req, const struct admin *a, json_t *ctx)
{
    if (!admin_has(a, ROLE_HANDLER | ROLE_ADMIN) || !a->staff.agency[0])
        return;
    struct take_ctx t = {req, a, json_array()};
    char *err = NULL;
    if (store_application_repeats(a->s, a->staff.agency, date_today_cst() - REPEAT_WINDOW_DAYS, REPEAT_MIN_APPLICANTS,
                                  take, &t, &err) == RES_OK && json_array_size(t.rows)) {
        json_object_set_new(ctx, "repeats", t.rows);
        items_column_options(req, ctx, PROPOSAL_COLUMN); /* where a converted proposal's draft goes */
        view_set_bool(ctx, "may_open_items", items_may_open(a));
        view_set(ctx, "repeats_agency", a->staff.agency);
    } else {
        json_decref(t.rows);
    }
    free(err);
}

void admin_application_propose(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, ROLE_HANDLER | ROLE_ADMIN, &a))
        return;
    store_portal_end_reads(a.s);
    const char *subject = form_text(req, "subject");
    long long n = strtoll(form_text(req, "applicants"), NULL, 10);
    char *err = NULL, *after = NULL;
    res_t rc = RES_OK;
    if (!a.staff.agency[0] || !*subject || strlen(subject) > 4000 || n < REPEAT_MIN_APPLICANTS) {
        web_fail(req, res, RES_REFUSED, NULL, "建议内容不完整。");
        return;
    }
    json_t *o = json_object();
    json_object_set_new(o, "subject", json_string(subject));
    json_object_set_new(o, "applicants", json_integer(n));
    after = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    char object[160];
    snprintf(object, sizeof object, "agency:%s", a.staff.agency);
    rc = store_begin(a.s, &err);
    if (rc == RES_OK)
        rc = store_proposal_record(a.s, a.staff.agency, subject, n, a.staff.login, (long long)time(NULL), &err);
    if (rc == RES_OK)
        rc = admin_audit(req, &a, "application.propose_proactive", object, NULL, after, &err);
    if (rc == RES_OK)
        rc = store_commit(a.s, &err);
    if (rc != RES_OK) {
        store_rollback(a.s);
        web_fail(req, res, rc, err, NULL);
    } else {
        form_redirect(res, "/admin/#repeats");
        free(err);
    }
    free(after);
}

/* ------------------------------------------------------------------ proposal → draft item */

static void ignore_error(void *ud, const char *field, const char *reason)
{
    (void)ud, (void)field, (void)reason; /* one message covers them all (see below) */
}

static void refuse_form(struct request *req, struct response *res, const char *message)
{
    web_fail(req, res, RES_REFUSED, NULL, message);
}

/* The draft's text: what was asked, how often, which applications (their 受理编号 only: no
 * applicant's name or number reaches an item, which may one day be public). */
static const char *draft_body(struct request *req, const char *subject, const struct proposal_info *p,
                              const char *login)
{
    return arena_printf(req->arena,
                        "依《中华人民共和国政府信息公开条例》第四十四条，本机关在一年内收到 %lld 名申请人就"
                        "“%s”提出的政府信息公开申请（受理编号：%s），该信息拟纳入主动公开范围。\n\n"
                        "本草稿由 %s 根据主动公开建议生成，请编辑补充正文后送审。",
                        p->applicants, subject, *p->requests ? p->requests : "无", login);
}

/* POST /admin/applications/convert: a recorded proposal becomes a draft item of the agency
 * (handlers and admins of the agency; the editor then finishes it), by app_make_draft with
 * the proposal's one-time token, so a double submit finds the first draft. */
void admin_application_convert(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, ROLE_HANDLER | ROLE_ADMIN, &a))
        return;
    store_portal_end_reads(a.s);
    const char *subject = form_text(req, "subject"), *column = form_text(req, "column");
    if (!*column)
        column = PROPOSAL_COLUMN;
    if (!a.staff.agency[0] || strcmp(form_text(req, "agency"), a.staff.agency) != 0) {
        /* the form names the proposal's agency: another agency's staff may not convert it */
        res_status(res, 403);
        res_error(res, 403, "您的账号没有使用这一功能的权限：只能转换本机关的主动公开建议。");
        return;
    }
    if (!*subject || strlen(subject) > 4000) {
        refuse_form(req, res, "建议内容不完整。");
        return;
    }
    if (!columns_find((struct portal *)req->app, column)) {
        refuse_form(req, res, "栏目：没有这个栏目。");
        return;
    }
    struct proposal_info p = {0};
    char *err = NULL;
    res_t rc = store_proposal_find(a.s, a.staff.agency, subject, &p, &err);
    if (rc == RES_NOT_FOUND) {
        free(err);
        refuse_form(req, res, "本机关没有记录这条主动公开建议，请先记录建议。");
        return;
    }
    if (rc != RES_OK) {
        web_fail(req, res, rc, err, NULL);
        return;
    }
    if (p.item_id > 0) { /* a double submit, or a second handler: the first draft stands */
        free(p.requests);
        form_redirect(res, "/admin/#repeats");
        return;
    }
    struct item_form f = {a.staff.agency, subject, draft_body(req, subject, &p, a.staff.login), column,
                          "", "", "", "", "", ""};
    struct record rec;
    bool ok = item_form_check(&f, &rec, ignore_error, NULL) == 0;
    long long item_id = 0;
    if (!ok) {
        record_release(&rec);
        free(p.requests);
        refuse_form(req, res, "标题：建议内容不能作为信息标题（太长或含有无法识别的字符），请直接新建信息。");
        return;
    }
    char token[48], object[160];
    snprintf(token, sizeof token, PROPOSAL_TOKEN_FMT, p.id);
    snprintf(object, sizeof object, "agency:%s", a.staff.agency);
    json_t *after = json_object();
    json_object_set_new(after, "subject", json_string(subject));
    json_object_set_new(after, "column", json_string(column));
    rc = app_make_draft(req, &a, &rec.u.item, token, "application.proposal_to_draft", object, after, &item_id, &err);
    record_release(&rec);
    free(p.requests);
    if (rc != RES_OK) {
        web_fail(req, res, rc, err, NULL);
        return;
    }
    free(err);
    form_redirect(res, "/admin/#repeats");
}
