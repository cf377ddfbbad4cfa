/* The workspace's items: the work list, the form (create, save) and the dispatch of
 * /admin/items/… (items.h). The item's own page, its actions, diff and preview are
 * item_page.c. */
#include "records/item_form.h"
#include "store/store_workflow.h"
#include "util/xalloc.h"
#include "web/admin/form.h"
#include "web/admin/item_internal.h"
#include "web/admin/items.h"
#include "web/admin/render.h"
#include "web/columns.h"
#include "web/query.h"
#include "web/view.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const item_form_fields[] = {"title", "body", "column", "index_no", "doc_no", "topic",
                                        "genre", "written", "statutory", "version", "token", NULL};

/* ------------------------------------------------------------------ who acts */

void items_who(const struct admin *a, char roles[160], struct wf_who *who)
{
    roles_format(a->staff.roles, roles, 160);
    *who = (struct wf_who){a->staff.id, roles, a->staff.agency};
}

/* The audit row of a workflow change: "item.<action>" on "item:<ext id>", with what changed. */
static res_t audit_item(store_t *s, const struct item_change *c, void *ud, char **err)
{
    (void)s;
    struct item_audit_ctx *x = ud;
    char action[40], object[300];
    snprintf(action, sizeof action, "item.%s", wf_actions[c->action].code);
    snprintf(object, sizeof object, "item:%s", c->ext_id ? c->ext_id : "");
    char before[120];
    snprintf(before, sizeof before, "{\"state\":\"%s\",\"version\":%d}", wf_states[c->before].code, c->version_before);
    return admin_audit(x->req, x->a, action, object, before, c->summary, err);
}

void items_actor(struct item_audit_ctx *x, struct request *req, const struct admin *a, struct wf_actor *actor)
{
    x->req = req;
    x->a = a;
    items_who(a, x->roles, &actor->who);
    actor->login = a->staff.login;
    actor->addr = req->client_ip;
    actor->audit = audit_item;
    actor->audit_ud = x;
}

bool items_may_open(const struct admin *a)
{
    return admin_has(a, ROLE_EDITOR | ROLE_REVIEWER | ROLE_ADMIN) && a->staff.agency[0];
}

/* ------------------------------------------------------------------ messages */

/* The Chinese of the import's reasons (records/parse.c speaks English to the command line). */
const char *items_reason_zh(struct request *req, const char *field, const char *reason)
{
    static const struct {
        const char *start, *zh;
    } map[] = {
        {"required for a rule", "规章和行政规范性文件必须填写成文日期"},
        {"required", "此项必填"},
        {"must not be empty", "此项不能为空"},
        {"too long", "内容太长"},
        {"is before the written date", "不能早于成文日期"},
        {"not valid UTF-8", "含有无法识别的字符"},
        {"contains a NUL", "含有无法识别的字符"},
    };
    if (strstr(reason, "is not a date"))
        return "不是有效的日期，请按“2026-01-31”的格式填写";
    if (strstr(reason, "is outside"))
        return "年份超出允许范围";
    if (strcmp(field, "column") == 0 && strstr(reason, "is not a column path"))
        return "栏目路径只能由小写字母、数字、“-”“_”和“/”组成";
    if (strcmp(field, "statutory") == 0 && strstr(reason, "is not one of"))
        return "只能选择规章、行政规范性文件或不选";
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strncmp(reason, map[i].start, strlen(map[i].start)) == 0)
            return map[i].zh;
    return arena_strdup(req->arena, reason);
}

/* The form's label of FIELD, for the summary of errors above the form ("标题：此项必填"). */
static const char *field_label(const char *field)
{
    static const char *const labels[][2] = {
        {"title", "标题"},         {"body", "正文"},      {"column", "栏目"},       {"index_no", "索引号"},
        {"doc_no", "文号"},        {"topic", "主题分类"}, {"genre", "体裁分类"},    {"written", "成文日期"},
        {"statutory", "法定类别"}, {"note", "说明"},      {"on", "日期"},           {"validity", "有效性"},
        {"agency", "机关"},
    };
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(labels[i][0], field) == 0)
            return labels[i][1];
    return NULL;
}

void items_error(struct request *req, json_t *ctx, const char *field, const char *message)
{
    const char *label = field_label(field);
    form_error(ctx, field, label ? arena_printf(req->arena, "%s：%s", label, message) : message);
}

/* A store refusal "field: reason" onto the form. */
void items_refusal(struct request *req, json_t *ctx, const char *err)
{
    const char *colon = err ? strstr(err, ": ") : NULL;
    if (!colon) {
        form_error(ctx, "version", err ? err : "操作未能完成");
        return;
    }
    char field[40];
    snprintf(field, sizeof field, "%.*s", (int)(colon - err < 39 ? colon - err : 39), err);
    items_error(req, ctx, field, colon + 2);
}

/* ------------------------------------------------------------------ the work list */

struct list_ctx {
    struct request *req;
    json_t *rows;
};

static int list_row(const struct worklist_row *r, void *ud)
{
    struct list_ctx *l = ud;
    json_t *o = json_object();
    view_set(o, "href", arena_printf(l->req->arena, "/admin/items/%lld", r->id));
    view_set(o, "title", r->title);
    int st = CODE_LOOKUP(wf_states, r->state);
    view_set(o, "state", st >= 0 ? wf_states[st].label : r->state);
    view_set(o, "state_code", r->state);
    view_set(o, "column", r->column_slug);
    view_set(o, "index_no", r->index_no);
    view_set(o, "changed_by", r->changed_by);
    view_set(o, "changed_at", r->changed_at);
    view_set(o, "published", r->published);
    view_set_int(o, "version", r->version);
    json_array_append_new(l->rows, o);
    return 0;
}

void items_column_options(struct request *req, json_t *ctx, const char *selected)
{
    size_t n = 0;
    const struct portal_column *cols = columns_all((struct portal *)req->app, &n);
    json_t *opts = json_array();
    for (size_t i = 0; i < n; i++) {
        if (strcmp(cols[i].kind, "list") != 0)
            continue;
        json_t *o = json_object();
        view_set(o, "slug", cols[i].slug);
        view_set(o, "name", cols[i].parent_slug ? arena_printf(req->arena, "　%s", cols[i].name) : cols[i].name);
        view_set_bool(o, "selected", selected && strcmp(selected, cols[i].slug) == 0);
        json_array_append_new(opts, o);
    }
    json_object_set_new(ctx, "columns", opts);
}

void admin_items(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, ROLE_EDITOR | ROLE_REVIEWER | ROLE_ADMIN, &a))
        return;
    json_t *ctx = json_object();
    if (!items_may_open(&a)) {
        view_set(ctx, "title", "无权访问");
        admin_render(req, res, &a, 403, "admin/not_found", ctx);
        json_decref(ctx);
        return;
    }
    const char *state = req_query(req, "state"), *column = req_query(req, "column");
    bool mine = req_query(req, "mine") && strcmp(req_query(req, "mine"), "1") == 0;
    if (state && (!*state || CODE_LOOKUP(wf_states, state) < 0))
        state = NULL;
    if (column && (!*column || !query_slug_ok(column)))
        column = NULL; /* a slug only: it goes back into the next page's address as it is */
    long long page = query_page(req);
    if (page < 1)
        page = 1;
    struct worklist_query q = {.agency = a.staff.agency, .state = state, .column = column,
                               .author_id = mine ? a.staff.id : 0, .offset = (page - 1) * 50, .limit = 50};
    struct list_ctx l = {req, json_array()};
    json_object_set_new(ctx, "items", l.rows);
    char *err = NULL;
    res_t rc = store_item_worklist(a.s, &q, list_row, &l, &err);
    if (rc != RES_OK) {
        fprintf(stderr, "gongkai: admin items: %s\n", err ? err : "?");
        free(err);
        view_set(ctx, "title", "暂时无法读取");
        admin_render(req, res, &a, 500, "admin/not_found", ctx);
        json_decref(ctx);
        return;
    }
    json_t *states = json_array();
    for (int i = 0; i < WF_STATE_COUNT; i++) {
        json_t *o = json_object();
        view_set(o, "code", wf_states[i].code);
        view_set(o, "label", wf_states[i].label);
        view_set_bool(o, "selected", state && strcmp(state, wf_states[i].code) == 0);
        json_array_append_new(states, o);
    }
    json_object_set_new(ctx, "states", states);
    items_column_options(req, ctx, column);
    view_set_bool(ctx, "mine", mine);
    view_set_bool(ctx, "may_write", admin_has(&a, ROLE_EDITOR | ROLE_ADMIN));
    if (json_array_size(l.rows) == 50)
        view_set(ctx, "next_href", arena_printf(req->arena, "/admin/items?state=%s&column=%s&mine=%d&page=%lld",
                                                state ? state : "", column ? column : "", mine, page + 1));
    view_set(ctx, "title", "政府信息");
    view_set(ctx, "section", "items");
    admin_render(req, res, &a, 200, "admin/items", ctx);
    json_decref(ctx);
}

/* ------------------------------------------------------------------ the form */

/* A fresh one-time token for a new item's form (hex): a double submit creates one item. */
static const char *new_token(struct request *req)
{
    unsigned char raw[16];
    char hex[33];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
    return arena_strdup(req->arena, hex);
}

/* Renders the form: for item W (NULL: a new one), with CTX's errors and kept values. */
void items_render_form(struct request *req, struct response *res, const struct admin *a, const struct item_work *w,
                       json_t *ctx, int status)
{
    json_t *form = json_object_get(ctx, "form");
    if (!form) {
        form = json_object();
        json_object_set_new(ctx, "form", form);
        if (w) {
            view_set(form, "title", w->title);
            view_set(form, "body", w->body);
            view_set(form, "column", w->column);
            view_set(form, "index_no", w->index_no);
            view_set(form, "doc_no", w->doc_no);
            view_set(form, "topic", w->topic);
            view_set(form, "genre", w->genre);
            view_set(form, "written", w->written);
            view_set(form, "statutory", w->statutory);
            view_set(form, "version", arena_printf(req->arena, "%d", w->version));
        } else {
            view_set(form, "token", new_token(req));
        }
    }
    const char *statutory = json_string_value(json_object_get(form, "statutory"));
    view_set_bool(ctx, "st_rule", statutory && strcmp(statutory, "rule") == 0);
    view_set_bool(ctx, "st_normative", statutory && strcmp(statutory, "normative_document") == 0);
    items_column_options(req, ctx, json_string_value(json_object_get(form, "column")));
    if (w) {
        view_set(ctx, "action", arena_printf(req->arena, "/admin/items/%lld/edit", w->id));
        view_set(ctx, "item_href", arena_printf(req->arena, "/admin/items/%lld", w->id));
        view_set(ctx, "title", arena_printf(req->arena, "修改：%s", w->title ? w->title : ""));
    } else {
        view_set(ctx, "action", "/admin/items/new");
        view_set(ctx, "title", "新建政府信息");
    }
    view_set(ctx, "section", "items");
    admin_render(req, res, a, status, "admin/item_form", ctx);
}

struct field_errors {
    json_t *ctx;
    struct request *req;
};

static void on_field_error(void *ud, const char *field, const char *reason)
{
    struct field_errors *fe = ud;
    items_error(fe->req, fe->ctx, field, items_reason_zh(fe->req, field, reason));
}

/* Checks the posted form for AGENCY with the import's rules; true with *rec filled. */
static bool check_posted(struct request *req, json_t *ctx, const char *agency, struct record *rec)
{
    struct item_form f = {agency,
                          form_text(req, "title"),
                          req_form(req, "body"),
                          form_text(req, "column"),
                          form_text(req, "index_no"),
                          form_text(req, "doc_no"),
                          form_text(req, "topic"),
                          form_text(req, "genre"),
                          form_text(req, "written"),
                          form_text(req, "statutory")};
    struct field_errors fe = {ctx, req};
    int errors = item_form_check(&f, rec, on_field_error, &fe);
    if (*f.column && !columns_find((struct portal *)req->app, f.column)) {
        items_error(req, ctx, "column", "没有这个栏目");
        errors++;
    }
    return errors == 0;
}

/* POST /admin/items/new (W NULL: create) and /admin/items/ID/edit (save a revision of W): the
 * form checked with the import's rules, then one store change; the form again with every
 * error beside its field (422), or 303 to the item. */
static void write_item(struct request *req, struct response *res, struct admin *a, const struct item_work *w)
{
    char roles[160], *err = NULL;
    struct wf_who who;
    items_who(a, roles, &who);
    const char *agency = w ? w->agency_code : a->staff.agency;
    json_t *ctx = json_object();
    if (wf_may(&who, w ? WF_SAVE : WF_CREATE, agency, &err) != RES_OK) {
        free(err);
        items_forbidden(req, res, a, ctx);
        return;
    }
    long long base = -1, id = w ? w->id : 0;
    struct record rec;
    bool ok = check_posted(req, ctx, agency, &rec);
    if (ok && w && !uint_parse(form_text(req, "version"), 0, 1000000000, &base)) {
        form_error(ctx, "version", "表单缺少版本号，请重新打开后再修改");
        ok = false;
    }
    if (ok) {
        struct item_audit_ctx x;
        struct wf_actor actor;
        items_actor(&x, req, a, &actor);
        const char *token = form_text(req, "token");
        res_t rc = w ? store_item_save(a->s, &actor, w->id, (int)base, &rec.u.item, &err)
                     : store_item_create(a->s, &actor, &rec.u.item, *token ? token : NULL, &id, &err);
        if (rc == RES_REFUSED) {
            items_refusal(req, ctx, err);
        } else if (rc != RES_OK) {
            fprintf(stderr, "gongkai: admin item %s: %s\n", w ? "save" : "create", err ? err : "?");
            form_error(ctx, "version", "保存失败（数据库暂时无法写入），请稍后再试");
        }
        ok = rc == RES_OK;
    }
    record_release(&rec);
    free(err);
    if (!ok) {
        form_keep(ctx, req, item_form_fields);
        items_render_form(req, res, a, w, ctx, 422);
        json_decref(ctx);
        return;
    }
    json_decref(ctx);
    form_redirect(res, arena_printf(req->arena, "/admin/items/%lld?done=save", id));
}

/* ------------------------------------------------------------------ dispatch */

void items_forbidden(struct request *req, struct response *res, const struct admin *a, json_t *ctx)
{
    view_set(ctx, "title", "无权进行此操作");
    view_set(ctx, "notice", "您的角色或所属机关不能进行此操作。");
    admin_render(req, res, a, 403, "admin/not_found", ctx);
    json_decref(ctx);
}

/* The item of path TAIL ("ID" or "ID/what"): loaded into *W with *what set, after the checks
 * that it exists and belongs to A's agency. False when answered (404, 403 or 500). */
static bool load_item(struct request *req, struct response *res, const struct admin *a, struct item_work *w,
                      const char **what)
{
    const char *tail = req->tail;
    const char *slash = strchr(tail, '/');
    char num[24];
    size_t len = slash ? (size_t)(slash - tail) : strlen(tail);
    long long id = 0;
    snprintf(num, sizeof num, "%.*s", (int)(len < sizeof num - 1 ? len : sizeof num - 1), tail);
    *what = slash ? slash + 1 : "";
    memset(w, 0, sizeof *w);
    char *err = NULL;
    res_t rc = len < sizeof num && uint_parse(num, 1, 1000000000000LL, &id) ? store_item_work(a->s, id, w, &err)
                                                                            : RES_NOT_FOUND;
    json_t *ctx = json_object();
    if (rc == RES_OK && strcmp(w->agency_code, a->staff.agency) != 0) {
        item_work_clear(w);
        items_forbidden(req, res, a, ctx);
        return false;
    }
    if (rc != RES_OK) {
        if (rc == RES_FAILED)
            fprintf(stderr, "gongkai: admin item: %s\n", err ? err : "?");
        free(err);
        view_set(ctx, "title", rc == RES_NOT_FOUND ? "没有这条信息" : "暂时无法读取");
        admin_render(req, res, a, rc == RES_NOT_FOUND ? 404 : 500, "admin/not_found", ctx);
        json_decref(ctx);
        return false;
    }
    json_decref(ctx);
    return true;
}

void admin_item_get(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, ROLE_EDITOR | ROLE_REVIEWER | ROLE_ADMIN, &a))
        return;
    if (!items_may_open(&a)) {
        items_forbidden(req, res, &a, json_object());
        return;
    }
    if (strcmp(req->tail, "new") == 0) {
        char roles[160], *err = NULL;
        struct wf_who who;
        items_who(&a, roles, &who);
        if (wf_may(&who, WF_CREATE, a.staff.agency, &err) != RES_OK) {
            free(err);
            items_forbidden(req, res, &a, json_object());
            return;
        }
        json_t *ctx = json_object();
        items_render_form(req, res, &a, NULL, ctx, 200);
        json_decref(ctx);
        return;
    }
    struct item_work w;
    const char *what;
    if (!load_item(req, res, &a, &w, &what))
        return;
    if (strcmp(what, "") == 0)
        item_page(req, res, &a, &w, NULL, 200);
    else if (strcmp(what, "edit") == 0)
        item_edit_form(req, res, &a, &w);
    else if (strcmp(what, "diff") == 0)
        item_diff(req, res, &a, &w);
    else if (strcmp(what, "preview") == 0)
        item_preview(req, res, &w);
    else {
        json_t *ctx = json_object();
        view_set(ctx, "title", "页面不存在");
        admin_render(req, res, &a, 404, "admin/not_found", ctx);
        json_decref(ctx);
    }
    item_work_clear(&w);
}

void admin_item_post(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, ROLE_EDITOR | ROLE_REVIEWER | ROLE_ADMIN, &a))
        return;
    if (!items_may_open(&a)) {
        items_forbidden(req, res, &a, json_object());
        return;
    }
    if (strcmp(req->tail, "new") == 0) {
        write_item(req, res, &a, NULL);
        return;
    }
    struct item_work w;
    const char *what;
    if (!load_item(req, res, &a, &w, &what))
        return;
    if (strcmp(what, "edit") == 0)
        write_item(req, res, &a, &w);
    else if (strcmp(what, "act") == 0)
        item_act(req, res, &a, &w);
    else {
        json_t *ctx = json_object();
        view_set(ctx, "title", "页面不存在");
        admin_render(req, res, &a, 404, "admin/not_found", ctx);
        json_decref(ctx);
    }
    item_work_clear(&w);
}
