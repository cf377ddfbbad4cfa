/* /admin/audit: the audit log for auditors and the platform administrator — a paged list,
 * newest first, with filters (who, what, which object, from/to date), and the same rows as
 * CSV (/admin/audit.csv). Read-only: nothing here changes anything. */
#include "store/store_audit.h"
#include "util/buf.h"
#include "util/date.h"
#include "web/admin/form.h"
#include "web/admin/pages.h"
#include "web/admin/render.h"
#include "web/fail.h"
#include "web/query.h"
#include "web/urls.h"
#include "web/view.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define AUDIT_PAGE_SIZE 50
#define AUDIT_CSV_MAX 100000 /* rows in one export: a year of a busy office */
#define CST_OFFSET_S (8 * 3600)

static const unsigned readers = ROLE_AUDITOR | ROLE_PLATFORM_ADMIN;

/* The actions the filter offers, with their Chinese names (others are shown as stored). */
static const struct {
    const char *action, *zh;
} actions[] = {
    {"login", "登录"},
    {"login.failed", "登录失败"},
    {"logout", "退出登录"},
    {"user.", "账号（全部）"},
    {"user.create", "创建账号"},
    {"user.password", "修改密码"},
    {"user.disable", "停用账号"},
    /* attachments and publishing channels (issue 8 items 4 and 5) */
    {"attachment.", "附件（全部）"},
    {"attachment.add", "上传附件"},
    {"attachment.remove", "删除附件"},
    {"outbox.prepare", "生成渠道稿件"},
    {"outbox.sent", "标记渠道稿件已发送"},
    {"channel.withdraw", "记录渠道撤回"},
    {"channel.rename", "修改渠道名称"},
};

static const char *action_zh(const char *action)
{
    for (size_t i = 0; action && i < sizeof actions / sizeof actions[0]; i++)
        if (strcmp(actions[i].action, action) == 0)
            return actions[i].zh;
    return action;
}

/* "2026-12-08 05:05:09" (China Standard Time) for Unix seconds AT. */
static void format_cst(long long at, char out[24])
{
    time_t t = (time_t)(at + CST_OFFSET_S);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 24, "%Y-%m-%d %H:%M:%S", &tm);
}

/* Unix seconds of 00:00 CST of the date S (YYYY-MM-DD), plus DAYS; false when S is no date. */
static bool cst_midnight(const char *s, int days, long long *out)
{
    gk_date d;
    if (!s || !date_parse(s, &d))
        return false;
    *out = ((long long)d + days) * 86400 - CST_OFFSET_S;
    return true;
}

/* The filter of the query string; a bad date is an error beside its field in CTX. */
static void read_filter(struct request *req, struct audit_filter *f, json_t *ctx)
{
    memset(f, 0, sizeof *f);
    f->actor = query_opt(req, "actor");
    f->action = query_opt(req, "action");
    f->object = query_opt(req, "object");
    const char *from = query_opt(req, "from"), *to = query_opt(req, "to");
    if (from && !cst_midnight(from, 0, &f->from))
        form_error(ctx, "from", "起始日期应为 YYYY-MM-DD。");
    if (to && !cst_midnight(to, 1, &f->to)) /* to is inclusive: until the next midnight */
        form_error(ctx, "to", "截止日期应为 YYYY-MM-DD。");
    json_t *form = json_object();
    const char *keys[] = {"actor", "action", "object", "from", "to"};
    const char *vals[] = {f->actor, f->action, f->object, from, to};
    for (int i = 0; i < 5; i++)
        json_object_set_new(form, keys[i], view_str(vals[i] ? vals[i] : ""));
    json_object_set_new(ctx, "form", form);
    json_t *opts = json_array();
    for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "value", json_string(actions[i].action));
        json_object_set_new(o, "label", json_string(actions[i].zh));
        json_object_set_new(o, "selected", json_boolean(f->action && strcmp(f->action, actions[i].action) == 0));
        json_array_append_new(opts, o);
    }
    json_object_set_new(ctx, "actions", opts);
}

static int add_row(const struct audit_entry *e, void *ud)
{
    char when[24];
    format_cst(e->at, when);
    json_t *r = json_object();
    json_object_set_new(r, "id", json_integer(e->id));
    json_object_set_new(r, "at", json_string(when));
    view_set(r, "actor", e->actor && *e->actor ? e->actor : "—");
    view_set(r, "client_addr", e->client_addr && *e->client_addr ? e->client_addr : "命令行");
    view_set(r, "action", action_zh(e->action));
    view_set(r, "object", e->object);
    view_set(r, "before", e->before_json ? e->before_json : "");
    view_set(r, "after", e->after_json ? e->after_json : "");
    json_array_append_new(ud, r);
    return 0;
}

void admin_audit_page(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, readers, &a))
        return;
    json_t *ctx = json_object();
    json_object_set_new(ctx, "title", json_string("审计日志"));
    json_object_set_new(ctx, "section", json_string("audit"));
    struct audit_filter f;
    read_filter(req, &f, ctx);
    long long page = query_page(req), n = 0;
    if (page == 0)
        form_error(ctx, "page", "页码不正确。");
    if (form_has_errors(ctx)) {
        admin_render(req, res, &a, 400, "admin/audit", ctx);
        json_decref(ctx);
        return;
    }
    char *why = NULL;
    json_t *rows = json_array();
    json_object_set_new(ctx, "rows", rows);
    res_t r = store_audit_count(a.s, &f, &n, &why);
    if (r == RES_OK)
        r = store_audit_each(a.s, &f, true, (page - 1) * AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE, add_row, rows, &why);
    if (r != RES_OK) {
        json_decref(ctx);
        web_fail(req, res, r, why, NULL);
        return;
    }
    long long npages = n ? (n + AUDIT_PAGE_SIZE - 1) / AUDIT_PAGE_SIZE : 1;
    json_object_set_new(ctx, "total", json_integer(n));
    json_t *pager = view_pager(req, page, npages);
    if (pager)
        json_object_set_new(ctx, "pager", pager);
    /* The export link keeps the filters. */
    struct url u;
    url_start(&u, "/admin/audit.csv");
    const char *keys[] = {"actor", "action", "object", "from", "to"};
    for (int i = 0; i < 5; i++)
        url_param(&u, keys[i], query_opt(req, keys[i]));
    view_set(ctx, "csv_href", url_finish(&u, req));
    admin_render(req, res, &a, 200, "admin/audit", ctx);
    json_decref(ctx);
}

/* One CSV cell (RFC 4180 quoting). A cell that a spreadsheet would run as a formula (=, +,
 * -, @, tab, CR at the start) gets a leading apostrophe: the log holds text typed by
 * others. */
static void csv_cell(buf_t *b, const char *v, bool last)
{
    v = v ? v : "";
    buf_puts(b, "\"");
    if (strchr("=+-@\t\r", v[0]) && v[0])
        buf_puts(b, "'");
    for (const char *p = v; *p; p++) {
        if (*p == '"')
            buf_puts(b, "\"\"");
        else
            buf_append(b, p, 1);
    }
    buf_puts(b, last ? "\"\r\n" : "\",");
}

static int csv_row(const struct audit_entry *e, void *ud)
{
    buf_t *b = ud;
    char when[24], id[24];
    format_cst(e->at, when);
    snprintf(id, sizeof id, "%lld", e->id);
    csv_cell(b, id, false);
    csv_cell(b, when, false);
    csv_cell(b, e->actor, false);
    csv_cell(b, e->client_addr, false);
    csv_cell(b, e->action, false);
    csv_cell(b, e->object, false);
    csv_cell(b, e->before_json, false);
    csv_cell(b, e->after_json, false);
    csv_cell(b, e->hash, true);
    return 0;
}

void admin_audit_csv(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, readers, &a))
        return;
    json_t *ctx = json_object();
    struct audit_filter f;
    read_filter(req, &f, ctx);
    bool bad = form_has_errors(ctx);
    json_decref(ctx);
    if (bad) {
        res_status(res, 400);
        res_error(res, 400, "日期应为 YYYY-MM-DD。");
        return;
    }
    /* A byte-order mark: spreadsheet programs in China read UTF-8 CSV by it. */
    buf_puts(&res->body, "\xEF\xBB\xBF");
    buf_puts(&res->body, "序号,时间（北京时间）,操作人,来源地址,操作,对象,变更前,变更后,哈希\r\n");
    char *why = NULL;
    res_t r = store_audit_each(a.s, &f, false, 0, AUDIT_CSV_MAX, csv_row, &res->body, &why);
    if (r != RES_OK) {
        buf_reset(&res->body);
        web_fail(req, res, r, why, NULL);
        return;
    }
    res_type(res, "text/csv; charset=utf-8");
    res_header_set(res, "Content-Disposition", "attachment; filename=\"audit.csv\"");
}
