/* The outbox and the channels of an item (outbox.h). Editors and agency admins prepare
 * payloads; editors, reviewers and agency admins mark them sent and record withdrawals;
 * agency admins name the channels. Everything is limited to the account's agency. */
#include "web/admin/outbox.h"
#include "store/store_attachments.h"
#include "text/weibo_text.h"
#include "util/date.h"
#include "util/escape.h"
#include "util/uint.h"
#include "util/xalloc.h"
#include "web/admin/form.h"
#include "web/admin/render.h"
#include "web/channel_payload.h"
#include "web/fail.h"
#include "web/site.h"
#include "web/view.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PREPARE_ROLES (ROLE_EDITOR | ROLE_ADMIN)
#define SEND_ROLES (ROLE_EDITOR | ROLE_REVIEWER | ROLE_ADMIN)

/* The channels in the order pages list them; website first (the portal itself). */
static const struct {
    const char *code, *name;
} channels[] = {
    {"website", "门户网站"}, {"wechat", "微信公众号"}, {"weibo", "政务微博"}, {"gazette", "政府公报"}, {"other", "其他方式"},
};
#define NCHANNELS (sizeof channels / sizeof channels[0])

static int channel_index(const char *code)
{
    for (size_t i = 0; code && i < NCHANNELS; i++)
        if (strcmp(channels[i].code, code) == 0)
            return (int)i;
    return -1;
}

/* The agency's names of its channels, defaults where it set none (arena strings). */
struct names {
    const char *v[NCHANNELS];
    arena_t *arena; /* where on_name copies the names */
};

static int on_name(const char *channel, const char *name, void *ud)
{
    struct names *n = ud;
    int i = channel_index(channel);
    if (i >= 0 && name && *name)
        n->v[i] = arena_strdup(n->arena, name);
    return 0;
}

static struct names *channel_names(struct request *req, const struct admin *a)
{
    struct names *n = arena_calloc(req->arena, 1, sizeof *n), set = {{0}, req->arena};
    char *why = NULL;
    if (store_channel_names(a->s, a->staff.agency, on_name, &set, &why) != RES_OK)
        fprintf(stderr, "gongkai: serve: channel names: %s\n", why ? why : "?");
    free(why);
        for (size_t i = 0; i < NCHANNELS; i++)
        n->v[i] = set.v[i] ? set.v[i] : channels[i].name;
    return n;
}

static bool same_agency(const struct admin *a, const char *code)
{
    return *a->staff.agency && code && strcmp(code, a->staff.agency) == 0;
}

static void forbidden(struct response *res, const char *why)
{
    res_status(res, 403);
    res_error(res, 403, why);
}

static const char *today(struct request *req)
{
    char d[DATE_STR_SIZE];
    return arena_strdup(req->arena, date_format(date_today_cst(), d));
}

/* The public address of item EXT: absolute when the site's domain is set. */
static const char *item_url(struct request *req, const char *ext)
{
    buf_t b = BUF_INIT;
    const char *domain = site_get(req->app)->domain;
    if (domain && *domain)
        buf_printf(&b, "https://%s", domain);
    buf_puts(&b, "/item/");
    esc_url_component(&b, ext);
    const char *r = arena_strdup(req->arena, buf_str(&b));
    buf_free(&b);
    return r;
}

/* ---------------------------------------------------------------- the outbox page */

struct rows {
    struct request *req;
    const struct names *names;
    json_t *pending, *sent;
};

static int on_entry(const struct outbox_entry *e, void *ud)
{
    struct rows *r = ud;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(e->id));
    view_set(o, "item", e->item_ext_id);
    view_set(o, "item_title", e->item_title);
    int ci = channel_index(e->channel);
    view_set(o, "channel", ci >= 0 ? r->names->v[ci] : e->channel);
    view_set(o, "payload", e->payload);
    if (e->channel && strcmp(e->channel, "weibo") == 0)
        view_set(o, "weibo_len", arena_printf(r->req->arena, "%zu / %d", weibo_length(e->payload), WEIBO_MAX));
    view_set(o, "prepared_by", e->prepared_by);
    view_set(o, "sent_on", e->sent_on);
    view_set(o, "sent_by", e->sent_by);
    json_array_append_new(e->sent_on ? r->sent : r->pending, o);
    return 0;
}

static void render_outbox(struct request *req, struct response *res, const struct admin *a, int status, json_t *ctx)
{
    json_object_set_new(ctx, "title", json_string("发布渠道"));
    json_object_set_new(ctx, "section", json_string("outbox"));
    struct names *n = channel_names(req, a);
    struct rows r = {req, n, json_array(), json_array()};
    json_object_set_new(ctx, "pending", r.pending);
    json_object_set_new(ctx, "sent", r.sent);
    json_t *chs = json_array();
    for (size_t i = 0; i < NCHANNELS; i++) {
        json_t *o = json_object();
        view_set(o, "code", channels[i].code);
        view_set(o, "name", n->v[i]);
        view_set(o, "default", channels[i].name);
        json_object_set_new(o, "outbox", json_boolean(i > 0));
        json_array_append_new(chs, o);
    }
    json_object_set_new(ctx, "channels", chs);
    json_object_set_new(ctx, "can_prepare", json_boolean(admin_has(a, PREPARE_ROLES)));
    json_object_set_new(ctx, "can_name", json_boolean(admin_has(a, ROLE_ADMIN)));
    view_set(ctx, "today", today(req));
    char *why = NULL;
    res_t rc = store_outbox_each(a->s, a->staff.agency, on_entry, &r, &why);
    if (rc != RES_OK) {
        web_fail(req, res, rc, why, NULL);
        return;
    }
    admin_render(req, res, a, status, "admin/outbox", ctx);
}

void admin_outbox(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, SEND_ROLES, &a))
        return;
    json_t *ctx = json_object();
    const char *item = req_query(req, "item"); /* the item page's link: the form ready for it */
    if (item && *item) {
        json_t *form = json_object();
        view_set(form, "item", item);
        json_object_set_new(ctx, "form", form);
    }
    render_outbox(req, res, &a, 200, ctx);
    json_decref(ctx);
}

/* ---------------------------------------------------------------- prepare */

static char *payload_for(struct request *req, const char *channel, const struct item_brief *b)
{
    const char *url = item_url(req, b->ext_id);
    buf_t out = BUF_INIT;
    if (strcmp(channel, "wechat") == 0) {
        wechat_article(&out, b->body, url);
    } else if (strcmp(channel, "weibo") == 0) {
        char *w = weibo_post(b->title, b->body, url);
        buf_puts(&out, w);
        free(w);
    } else if (strcmp(channel, "gazette") == 0) {
        gazette_listing(&out, b->title, b->doc_no, b->agency_name, b->written);
    } else {
        buf_printf(&out, "%s %s", b->title ? b->title : "", url);
    }
    char *r = xstrdup(buf_str(&out));
    buf_free(&out);
    return r;
}

res_t outbox_prepare_channels(struct request *req, const struct admin *a, const struct item_brief *b,
                              const char *const *picked, size_t n, char **why)
{
    res_t r = RES_OK;
    json_t *done = json_array();
    for (size_t i = 0; r == RES_OK && i < n; i++) {
        char *payload = payload_for(req, picked[i], b);
        long long id;
        r = store_outbox_prepare(a->s, b->ext_id, picked[i], payload, a->now, a->staff.login, &id, why);
        free(payload);
        if (r == RES_OK)
            json_array_append_new(done, json_pack("{sIss}", "outbox", (json_int_t)id, "channel", picked[i]));
    }
    if (r == RES_OK) {
        json_t *after = json_pack("{sO}", "prepared", done);
        char *aj = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
        json_decref(after);
        r = admin_audit(req, a, "outbox.prepare", arena_printf(req->arena, "item:%s", b->ext_id), NULL, aj, why);
        free(aj);
    }
    json_decref(done);
    return r;
}

void admin_outbox_prepare(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, PREPARE_ROLES, &a))
        return;
    json_t *ctx = json_object();
    struct item_brief b = {0};
    char *why = NULL;
    const char *ext = form_text(req, "item");
    const char *picked[NCHANNELS + 1];
    size_t n = req_form_all(req, "channel", picked, NCHANNELS + 1);
    res_t r = *ext ? store_item_brief(a.s, ext, &b, &why) : RES_NOT_FOUND;
    if (r == RES_FAILED) {
        web_fail(req, res, r, why, NULL);
        why = NULL;
        goto out;
    }
    if (r == RES_NOT_FOUND)
        form_error(ctx, "item", *ext ? "没有这个编号的政府信息。" : "请填写信息编号。");
    else if (!same_agency(&a, b.agency_code)) {
        forbidden(res, "这条信息不属于您所在的机关，不能为它准备发布渠道。");
        goto out;
    } else if (!b.state || (strcmp(b.state, "approved") != 0 && strcmp(b.state, "published") != 0)) {
        /* the editorial workflow: nothing goes out on any channel before it is approved */
        form_error(ctx, "item", "这条信息尚未审核通过，审核通过后才能准备各渠道的稿件。");
    }
    bool ok_channels = n > 0 && n <= NCHANNELS;
    for (size_t i = 0; ok_channels && i < n; i++)
        ok_channels = channel_index(picked[i]) > 0; /* not the website: that is the portal */
    if (!ok_channels)
        form_error(ctx, "channel", "请至少选择一个渠道（微信公众号、政务微博、政府公报或其他方式）。");
    if (form_has_errors(ctx)) {
        static const char *const keep[] = {"item", NULL};
        form_keep(ctx, req, keep);
        render_outbox(req, res, &a, 422, ctx);
        goto out;
    }
    r = store_begin(a.s, &why);
    if (r == RES_OK)
        r = outbox_prepare_channels(req, &a, &b, picked, n, &why);
    if (r == RES_OK)
        r = store_commit(a.s, &why);
    if (r != RES_OK) {
        store_rollback(a.s);
        if (r == RES_REFUSED) { /* an entry already sent: say so beside the channels */
            form_error(ctx, "channel", "所选渠道中有已经发送过的稿件，不能重新准备；如需更正，请在该渠道另行处理。");
            render_outbox(req, res, &a, 422, ctx);
        } else {
            web_fail(req, res, r, why, NULL);
            why = NULL;
        }
        goto out;
    }
    form_redirect(res, "/admin/outbox");
out:
    free(why);
    item_brief_free(&b);
    json_decref(ctx);
}

/* ---------------------------------------------------------------- mark sent */

/* The date field NAME as YYYY-MM-DD, or NULL when it is not a date. */
static const char *form_date(struct request *req, const char *name)
{
    gk_date d;
    char buf[DATE_STR_SIZE];
    const char *v = form_text(req, name);
    if (!date_parse(v, &d))
        return NULL;
    return arena_strdup(req->arena, date_format(d, buf));
}

void admin_outbox_sent(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, SEND_ROLES, &a))
        return;
    long long id;
    struct outbox_entry e = {0};
    char *why = NULL;
    json_t *ctx = json_object();
    if (!uint_parse(form_text(req, "id"), 1, 999999999999LL, &id)) {
        web_fail(req, res, RES_NOT_FOUND, NULL, "没有这条待发送稿件。");
        goto out;
    }
    res_t r = store_outbox_get(a.s, id, &e, &why);
    if (r != RES_OK) {
        web_fail(req, res, r, why, r == RES_NOT_FOUND ? "没有这条待发送稿件。" : NULL);
        why = NULL;
        goto out;
    }
    if (!same_agency(&a, e.agency_code)) {
        forbidden(res, "这条稿件不属于您所在的机关。");
        goto out;
    }
    const char *on = form_date(req, "on");
    if (!on || strcmp(on, today(req)) > 0) {
        form_error(ctx, "on", "请填写实际发送的日期（YYYY-MM-DD，不能晚于今天）。");
        render_outbox(req, res, &a, 422, ctx);
        goto out;
    }
    r = store_begin(a.s, &why);
    if (r == RES_OK)
        r = store_outbox_mark_sent(a.s, id, on, a.staff.login, &why);
    if (r == RES_OK) {
        json_t *after = json_pack("{ssssss}", "item", e.item_ext_id, "channel", e.channel, "sent_on", on);
        char *aj = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
        json_decref(after);
        r = admin_audit(req, &a, "outbox.sent", arena_printf(req->arena, "outbox:%lld", id), NULL, aj, &why);
        free(aj);
    }
    if (r == RES_OK)
        r = store_commit(a.s, &why);
    if (r != RES_OK) {
        store_rollback(a.s);
        web_fail(req, res, r, why, r == RES_REFUSED ? "这条稿件已经标记为已发送。" : NULL);
        why = NULL;
        goto out;
    }
    form_redirect(res, "/admin/outbox");
out:
    free(why);
    outbox_entry_free(&e);
    json_decref(ctx);
}

/* ---------------------------------------------------------------- channel names */

void admin_outbox_names(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, ROLE_ADMIN, &a))
        return;
    json_t *ctx = json_object();
    char *why = NULL;
    for (size_t i = 0; i < NCHANNELS; i++) {
        const char *field = arena_printf(req->arena, "name_%s", channels[i].code);
        const char *v = form_text(req, field);
        if (strlen(v) > 100 || strpbrk(v, "\r\n\t"))
            form_error(ctx, field, "名称不能超过 100 个字节，也不能换行。");
    }
    if (form_has_errors(ctx)) {
        render_outbox(req, res, &a, 422, ctx);
        goto out;
    }
    json_t *after = json_object();
    res_t r = store_begin(a.s, &why);
    for (size_t i = 0; r == RES_OK && i < NCHANNELS; i++) {
        const char *v = form_text(req, arena_printf(req->arena, "name_%s", channels[i].code));
        r = store_channel_name_set(a.s, a.staff.agency, channels[i].code, v, &why);
        json_object_set_new(after, channels[i].code, json_string(v));
    }
    char *aj = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(after);
    if (r == RES_OK)
        r = admin_audit(req, &a, "channel.rename", arena_printf(req->arena, "agency:%s", a.staff.agency), NULL, aj,
                        &why);
    free(aj);
    if (r == RES_OK)
        r = store_commit(a.s, &why);
    if (r != RES_OK) {
        store_rollback(a.s);
        web_fail(req, res, r, why, NULL);
        why = NULL;
        goto out;
    }
    form_redirect(res, "/admin/outbox");
out:
    free(why);
    json_decref(ctx);
}

/* ---------------------------------------------------------------- withdrawal */

struct carried {
    struct request *req;
    const struct names *names;
    json_t *rows;
};

static int on_channel(const char *channel, const char *first_at, long long count, const char *withdrawn_on, void *ud)
{
    struct carried *c = ud;
    int ci = channel_index(channel);
    json_t *o = json_object();
    view_set(o, "code", channel);
    view_set(o, "name", ci >= 0 ? c->names->v[ci] : channel);
    view_set(o, "first", first_at);
    json_object_set_new(o, "count", json_integer(count));
    view_set(o, "withdrawn_on", withdrawn_on);
    json_array_append_new(c->rows, o);
    return 0;
}

/* The withdrawal page of item EXT (status STATUS), or the answer for a foreign or unknown
 * item. */
static void render_withdraw(struct request *req, struct response *res, const struct admin *a, const char *ext,
                            int status, json_t *ctx)
{
    struct item_brief b = {0};
    char *why = NULL;
    res_t r = store_item_brief(a->s, ext ? ext : "", &b, &why);
    if (r != RES_OK) {
        web_fail(req, res, r, why, r == RES_NOT_FOUND ? "没有这条政府信息。" : NULL);
        return;
    }
    if (!same_agency(a, b.agency_code)) {
        forbidden(res, "这条信息不属于您所在的机关。");
        goto out;
    }
    json_object_set_new(ctx, "title", json_string("撤回：各发布渠道"));
    json_object_set_new(ctx, "section", json_string("outbox"));
    json_t *it = json_object();
    view_set(it, "ext_id", b.ext_id);
    view_set(it, "title", b.title);
    json_object_set_new(ctx, "item", it);
    struct carried c = {req, channel_names(req, a), json_array()};
    json_object_set_new(ctx, "carried", c.rows);
    view_set(ctx, "today", today(req));
    r = store_item_channels(a->s, b.ext_id, on_channel, &c, &why);
    if (r != RES_OK) {
        web_fail(req, res, r, why, NULL);
        why = NULL;
        goto out;
    }
    admin_render(req, res, a, status, "admin/withdraw", ctx);
out:
    free(why);
    item_brief_free(&b);
}

void admin_outbox_withdraw(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, SEND_ROLES, &a))
        return;
    json_t *ctx = json_object();
    render_withdraw(req, res, &a, req_query(req, "item"), 200, ctx);
    json_decref(ctx);
}

void admin_outbox_withdrawn(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, SEND_ROLES, &a))
        return;
    json_t *ctx = json_object();
    struct item_brief b = {0};
    char *why = NULL;
    const char *ext = form_text(req, "item"), *channel = form_text(req, "channel");
    res_t r = store_item_brief(a.s, ext, &b, &why);
    if (r != RES_OK) {
        web_fail(req, res, r, why, r == RES_NOT_FOUND ? "没有这条政府信息。" : NULL);
        why = NULL;
        goto out;
    }
    if (!same_agency(&a, b.agency_code)) {
        forbidden(res, "这条信息不属于您所在的机关。");
        goto out;
    }
    const char *on = form_date(req, "on");
    if (!on || strcmp(on, today(req)) > 0)
        form_error(ctx, "on", "请填写撤回的日期（YYYY-MM-DD，不能晚于今天）。");
    if (channel_index(channel) < 0)
        form_error(ctx, "channel", "请选择渠道。");
    if (form_has_errors(ctx)) {
        render_withdraw(req, res, &a, ext, 422, ctx);
        goto out;
    }
    r = store_begin(a.s, &why);
    if (r == RES_OK)
        r = store_channel_withdraw(a.s, b.ext_id, channel, on, a.staff.login, &why);
    if (r == RES_OK) {
        json_t *after = json_pack("{ssss}", "channel", channel, "withdrawn_on", on);
        char *aj = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
        json_decref(after);
        r = admin_audit(req, &a, "channel.withdraw", arena_printf(req->arena, "item:%s", b.ext_id), NULL, aj, &why);
        free(aj);
    }
    if (r == RES_OK)
        r = store_commit(a.s, &why);
    if (r != RES_OK) {
        store_rollback(a.s);
        if (r == RES_REFUSED) {
            form_error(ctx, "channel", "这个渠道没有发布过这条信息，或者它的撤回已经记录。");
            render_withdraw(req, res, &a, ext, 422, ctx);
        } else {
            web_fail(req, res, r, why, NULL);
            why = NULL;
        }
        goto out;
    }
    buf_t to = BUF_INIT;
    buf_puts(&to, "/admin/outbox/withdraw?item=");
    esc_url_component(&to, b.ext_id);
    form_redirect(res, buf_str(&to));
    buf_free(&to);
out:
    free(why);
    item_brief_free(&b);
    json_decref(ctx);
}
