/* One item in the workspace: its page (state, review comment, history, revisions, and the
 * forms of the actions the account may take now), an action's POST, the diff between two
 * revisions and the preview through the public item template. */
#include "store/store_portal.h"
#include "text/line_diff.h"
#include "util/date.h"
#include "util/escape.h"
#include "web/admin/form.h"
#include "web/admin/item_internal.h"
#include "web/admin/outbox.h"
#include "web/admin/render.h"
#include "web/public/pages.h"
#include "web/query.h"
#include "web/urls.h"
#include "web/view.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const done_zh[WF_ACTION_COUNT] = {
    [WF_CREATE] = "已保存。",          [WF_SAVE] = "已保存为新版本。",    [WF_SUBMIT] = "已送审。",
    [WF_RETURN] = "已退回编辑修改。",   [WF_APPROVE] = "已审核通过，可以发布。", [WF_PUBLISH] = "已发布。",
    [WF_WITHDRAW] = "已撤回，原网址显示撤回说明。", [WF_VALIDITY] = "有效性已变更。",
};

struct rows {
    struct request *req;
    json_t *list;
    long long id;
};

static int event_row(const struct item_event_row *r, void *ud)
{
    struct rows *x = ud;
    json_t *o = json_object();
    view_set(o, "at", r->at);
    view_set(o, "actor", r->actor);
    int k = CODE_LOOKUP(wf_actions, r->action);
    view_set(o, "action", k >= 0 ? wf_actions[k].label : r->action);
    int v = r->note ? CODE_LOOKUP(wf_validities, r->note) : -1;
    view_set(o, "note", k == WF_VALIDITY && v >= 0 ? wf_validities[v].label : r->note);
    view_set(o, "on", r->on_date);
    if (r->rev)
        view_set_int(o, "rev", r->rev);
    json_array_append_new(x->list, o);
    return 0;
}

static int revision_row(const struct item_revision_row *r, void *ud)
{
    struct rows *x = ud;
    json_t *o = json_object();
    view_set_int(o, "rev", r->rev);
    view_set(o, "saved_at", r->saved_at);
    view_set(o, "author", r->author);
    view_set(o, "title", r->title);
    if (r->rev > 1)
        view_set(o, "diff_href",
                 arena_printf(x->req->arena, "/admin/items/%lld/diff?a=%d&b=%d", x->id, r->rev - 1, r->rev));
    json_array_append_new(x->list, o);
    return 0;
}

void item_page(struct request *req, struct response *res, const struct admin *a, const struct item_work *w,
               json_t *given, int status)
{
    json_t *ctx = given ? json_incref(given) : json_object();
    json_t *it = json_object();
    json_object_set_new(ctx, "item", it);
    view_set_int(it, "id", w->id);
    view_set(it, "title", w->title);
    view_set(it, "state", wf_states[w->state].label);
    view_set(it, "state_code", wf_states[w->state].code);
    view_set(it, "version", arena_printf(req->arena, "%d", w->version));
    view_set_int(it, "rev", w->rev);
    view_set(it, "index_no", w->index_no);
    view_set(it, "doc_no", w->doc_no);
    view_set(it, "column", w->column);
    view_set(it, "written", w->written);
    view_set(it, "published", w->published);
    view_set(it, "changed_by", w->changed_by);
    view_set(it, "changed_at", w->changed_at);
    view_set(it, "rev_author", w->rev_author);
    view_set(it, "review_note", w->state == WF_RETURNED ? w->review_note : NULL);
    view_set(it, "withdrawn_on", w->withdrawn_on);
    view_set(it, "withdrawn_note", w->withdrawn_note);
    int v = w->validity ? CODE_LOOKUP(wf_validities, w->validity) : -1;
    view_set(it, "validity", v >= 0 ? wf_validities[v].label : "有效");
    view_set(it, "validity_on", w->validity_on);
    view_set_bool(it, "live", w->live);
    char today[DATE_STR_SIZE];
    date_format(date_today_cst(), today);
    view_set_bool(it, "scheduled", w->published && strcmp(w->published, today) > 0);
    view_set_bool(it, "pending_revision", w->live && w->live_rev && w->rev > w->live_rev);
    if (w->live && w->published && strcmp(w->published, today) <= 0)
        view_set(it, "public_href", url_item(req, w->ext_id)); /* the portal's one builder: ids are escaped */
    view_set(it, "edit_href", arena_printf(req->arena, "/admin/items/%lld/edit", w->id));
    view_set(it, "preview_href", arena_printf(req->arena, "/admin/items/%lld/preview", w->id));
    view_set(it, "act_href", arena_printf(req->arena, "/admin/items/%lld/act", w->id));
    view_set(ctx, "today", today);
    /* attachments and publishing channels (web/admin/attachments.c, outbox.c) */
    static const char *const pages[][2] = {{"attachments_href", "/admin/attachments?item="},
                                           {"outbox_href", "/admin/outbox?item="},
                                           {"channels_href", "/admin/outbox/withdraw?item="}};
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        buf_t href = BUF_INIT;
        buf_puts(&href, pages[i][1]);
        esc_url_component(&href, w->ext_id);
        view_set(it, pages[i][0], buf_str(&href));
        buf_free(&href);
    }
    view_set_bool(it, "may_outbox", w->state == WF_APPROVED || w->state == WF_PUBLISHED);

    /* The forms of the actions this account may take now (the same rules the store applies). */
    char roles[160], *err = NULL;
    struct wf_who who;
    items_who(a, roles, &who);
    struct wf_item wi = {w->state, w->agency_code, w->live, w->rev_author_id};
    json_t *may = json_object();
    bool any = false;
    for (int k = WF_SAVE; k < WF_ACTION_COUNT; k++) {
        enum wf_state next;
        if (wf_check(&who, &wi, (enum wf_action)k, &next, &err) == RES_OK) {
            view_set_bool(may, wf_actions[k].code, true);
            any = any || k != WF_SAVE;
        }
    }
    view_set_bool(ctx, "no_action", !any);
    /* approval refused only by separation of duties: say so instead of hiding it silently */
    if (w->state == WF_SUBMITTED && !json_object_get(may, "approve") && wf_may(&who, WF_APPROVE, w->agency_code, &err) == RES_OK)
        view_set(ctx, "own_revision", "此版本由您撰写，须由其他审核人员审核。");
    free(err);
    json_object_set_new(ctx, "may", may);

    struct rows ev = {req, json_array(), w->id}, rv = {req, json_array(), w->id};
    json_object_set_new(ctx, "events", ev.list);
    json_object_set_new(ctx, "revisions", rv.list);
    char *why = NULL;
    if (store_item_events(a->s, w->id, event_row, &ev, &why) != RES_OK ||
        store_item_revisions(a->s, w->id, revision_row, &rv, &why) != RES_OK) {
        fprintf(stderr, "gongkai: admin item history: %s\n", why ? why : "?");
        free(why);
    }
    const char *done = req_query(req, "done");
    int d = done ? CODE_LOOKUP(wf_actions, done) : -1;
    if (d >= 0 && !given)
        view_set(ctx, "notice", done_zh[d]);
    if (!json_object_get(ctx, "title"))
        view_set(ctx, "title", w->title);
    view_set(ctx, "section", "items");
    admin_render(req, res, a, status, "admin/item", ctx);
    json_decref(ctx);
}

void item_edit_form(struct request *req, struct response *res, const struct admin *a, const struct item_work *w)
{
    char roles[160], *err = NULL;
    struct wf_who who;
    items_who(a, roles, &who);
    if (wf_may(&who, WF_SAVE, w->agency_code, &err) != RES_OK) {
        free(err);
        items_forbidden(req, res, a, json_object());
        return;
    }
    json_t *ctx = json_object();
    items_render_form(req, res, a, w, ctx, 200);
    json_decref(ctx);
}

/* The outbox payloads of item EXT for the channels chosen in the publish form, in a
 * transaction of their own after the publication: true when they are prepared (a failure is
 * logged; the publication stands and the outbox page lets the editor try again). */
static bool publish_channels(struct request *req, const struct admin *a, const char *ext, const char *const *picked,
                             size_t n)
{
    struct item_brief b = {0};
    char *why = NULL;
    res_t r = store_begin(a->s, &why);
    if (r == RES_OK)
        r = store_item_brief(a->s, ext, &b, &why);
    if (r == RES_OK)
        r = outbox_prepare_channels(req, a, &b, picked, n, &why);
    if (r == RES_OK)
        r = store_commit(a->s, &why);
    if (r != RES_OK) {
        store_rollback(a->s);
        fprintf(stderr, "gongkai: admin item publish channels: %s\n", why ? why : "?");
    }
    free(why);
    item_brief_free(&b);
    return r == RES_OK;
}

/* POST /admin/items/ID/act: action=submit|return|approve|publish|withdraw|validity, version,
 * note, on (YYYY-MM-DD), validity. */
void item_act(struct request *req, struct response *res, const struct admin *a, const struct item_work *w)
{
    const char *action = form_text(req, "action");
    int k = CODE_LOOKUP(wf_actions, action);
    json_t *ctx = json_object();
    if (k < 0 || k == WF_CREATE || k == WF_SAVE) {
        form_error(ctx, "action", "未知的操作");
        item_page(req, res, a, w, ctx, 422);
        json_decref(ctx);
        return;
    }
    char roles[160], *err = NULL;
    struct wf_who who;
    items_who(a, roles, &who);
    if (wf_may(&who, (enum wf_action)k, w->agency_code, &err) != RES_OK) {
        free(err);
        items_forbidden(req, res, a, ctx);
        return;
    }
    struct wf_request rq = {.action = (enum wf_action)k, .on = NO_DATE};
    const char *note = form_text(req, "note"), *on = form_text(req, "on"), *validity = form_text(req, "validity");
    rq.note = *note ? note : NULL;
    long long base = -1;
    if (!uint_parse(form_text(req, "version"), 0, 1000000000, &base))
        form_error(ctx, "version", "表单缺少版本号，请刷新页面后再操作");
    if (*on && !date_parse(on, &rq.on))
        items_error(req, ctx, "on", "不是有效的日期，请按“2026-01-31”的格式填写");
    if (k == WF_VALIDITY) {
        int vv = CODE_LOOKUP(wf_validities, validity);
        if (vv < 0)
            items_error(req, ctx, "validity", "请选择已修改、已废止或已失效");
        rq.validity = vv >= 0 ? (enum wf_validity)vv : WF_MODIFIED;
    }
    if (!form_has_errors(ctx)) {
        struct item_audit_ctx x;
        struct wf_actor actor;
        items_actor(&x, req, a, &actor);
        res_t rc = store_item_act(a->s, &actor, w->id, (int)base, &rq, &err);
        if (rc == RES_REFUSED)
            items_refusal(req, ctx, err);
        else if (rc != RES_OK) {
            fprintf(stderr, "gongkai: admin item %s: %s\n", action, err ? err : "?");
            form_error(ctx, "version", "操作失败（数据库暂时无法写入），请稍后再试");
        }
        free(err);
    }
    if (form_has_errors(ctx)) {
        form_keep(ctx, req, (const char *const[]){"note", "on", "validity", "action", NULL});
        /* the page shows the item as it is now, after whatever someone else did */
        struct item_work now;
        char *why = NULL;
        if (store_item_work(a->s, w->id, &now, &why) == RES_OK) {
            item_page(req, res, a, &now, ctx, 422);
            item_work_clear(&now);
        } else {
            free(why);
            item_page(req, res, a, w, ctx, 422);
        }
        json_decref(ctx);
        return;
    }
    json_decref(ctx);
    /* publishing with other channels chosen: their payloads go to the outbox */
    const char *picked[8];
    size_t npicked = k == WF_PUBLISH ? req_form_all(req, "channel", picked, 8) : 0;
    if (npicked > 0 && npicked <= 8 && publish_channels(req, a, w->ext_id, picked, npicked)) {
        form_redirect(res, "/admin/outbox");
        return;
    }
    form_redirect(res, arena_printf(req->arena, "/admin/items/%lld?done=%s", w->id, wf_actions[k].code));
}

void item_diff(struct request *req, struct response *res, const struct admin *a, const struct item_work *w)
{
    long long ra = 0, rb = 0;
    const char *qa = req_query(req, "a"), *qb = req_query(req, "b");
    json_t *ctx = json_object();
    char *ta = NULL, *ba = NULL, *tb = NULL, *bb = NULL, *err = NULL;
    if (!qa || !qb || !uint_parse(qa, 1, 1000000, &ra) || !uint_parse(qb, 1, 1000000, &rb) ||
        store_item_revision_text(a->s, w->id, (int)ra, &ta, &ba, &err) != RES_OK ||
        store_item_revision_text(a->s, w->id, (int)rb, &tb, &bb, &err) != RES_OK) {
        free(err);
        free(ta), free(ba), free(tb), free(bb);
        view_set(ctx, "title", "没有这两个版本");
        admin_render(req, res, a, 404, "admin/not_found", ctx);
        json_decref(ctx);
        return;
    }
    static const char *const cls[] = {[DIFF_SAME] = "same", [DIFF_DEL] = "del", [DIFF_ADD] = "add"};
    static const char *const mark[] = {[DIFF_SAME] = " ", [DIFF_DEL] = "-", [DIFF_ADD] = "+"};
    static const char *const label[] = {[DIFF_SAME] = "未改：", [DIFF_DEL] = "删除：", [DIFF_ADD] = "增加："};
    struct line_diff d;
    line_diff(ba, bb, &d);
    json_t *lines = json_array();
    for (size_t i = 0; i < d.n; i++) {
        json_t *o = json_object();
        view_set(o, "cls", cls[d.lines[i].op]);
        view_set(o, "mark", mark[d.lines[i].op]);
        view_set(o, "label", label[d.lines[i].op]);
        view_set(o, "text", arena_strndup(req->arena, d.lines[i].text, d.lines[i].len));
        json_array_append_new(lines, o);
    }
    json_object_set_new(ctx, "lines", lines);
    view_set_int(ctx, "added", (long long)d.added);
    view_set_int(ctx, "removed", (long long)d.removed);
    line_diff_free(&d);
    view_set_int(ctx, "rev_a", ra);
    view_set_int(ctx, "rev_b", rb);
    view_set(ctx, "title_a", ta);
    view_set(ctx, "title_b", tb);
    view_set_bool(ctx, "title_changed", strcmp(ta ? ta : "", tb ? tb : "") != 0);
    view_set(ctx, "item_href", arena_printf(req->arena, "/admin/items/%lld", w->id));
    view_set(ctx, "title", arena_printf(req->arena, "版本比较：第 %lld 版 → 第 %lld 版", ra, rb));
    view_set(ctx, "section", "items");
    free(ta), free(ba), free(tb), free(bb);
    admin_render(req, res, a, 200, "admin/item_diff", ctx);
    json_decref(ctx);
}

/* The working copy through the public item page's template and layout: what the portal will
 * show once this revision is published. */
void item_preview(struct request *req, struct response *res, const struct item_work *w)
{
    struct page pg;
    if (!page_begin(&pg, req, res))
        return;
    struct portal_item it = {.id = w->id,
                             .ext_id = w->ext_id,
                             .title = w->title,
                             .body = w->body,
                             .index_no = w->index_no,
                             .doc_no = w->doc_no,
                             .topic = w->topic,
                             .genre = w->genre,
                             .written = w->written,
                             .published = w->published ? w->published : pg.today,
                             .repealed = w->repealed,
                             .statutory = w->statutory,
                             .column_slug = w->column,
                             .agency_code = w->agency_code,
                             .agency_name = w->agency_name,
                             .validity = w->validity};
    item_page_fill(&pg, &it); /* borrows; nothing to free */
    view_set(pg.ctx, "preview", arena_printf(req->arena, "第 %d 版", w->rev));
    res_header(res, "X-Robots-Tag", "noindex");
    page_render(&pg, "item");
    res_cache(res, "no-store"); /* after the layout's public policy: a draft is for staff only */
}
