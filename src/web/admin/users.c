/* /admin/users: the accounts, for the platform administrator (every agency) and an agency's
 * administrators (their agency's accounts only): the list, a new account, disable and
 * enable. The command line (`gongkai user`) does the same for the first administrator.
 *
 * Rules beyond domain/accounts.h: an agency administrator neither creates nor changes a
 * platform administrator nor any account of another agency; nobody disables themselves
 * (the last way in could be lost). Every change is audited with the account before and
 * after (never a password). */
#include "domain/accounts.h"
#include "domain/password.h"
#include "store/store_accounts.h"
#include "util/xalloc.h"
#include "web/admin/form.h"
#include "web/admin/pages.h"
#include "web/admin/render.h"
#include "web/fail.h"
#include "web/view.h"
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const unsigned managers = ROLE_PLATFORM_ADMIN | ROLE_ADMIN;

/* May A manage the account U (its agency and roles)? */
static bool may_manage(const struct admin *a, const char *agency, unsigned roles)
{
    if (admin_has(a, ROLE_PLATFORM_ADMIN))
        return true;
    return !(roles & ROLE_PLATFORM_ADMIN) && admin_agency_ok(a, agency);
}

/* ---------------------------------------------------------------- agencies */

struct agencies {
    json_t *options; /* [{code, label, selected}] */
    json_t *names;   /* code → name */
    const char *selected;
};

static int add_agency(const struct agency *ag, void *ud)
{
    struct agencies *l = ud;
    char label[400];
    snprintf(label, sizeof label, "%*s%s", ag->depth * 2, "", ag->name ? ag->name : ag->code);
    json_t *o = json_object();
    json_object_set_new(o, "code", json_string(ag->code));
    view_set(o, "label", label);
    json_object_set_new(o, "selected", json_boolean(l->selected && strcmp(l->selected, ag->code) == 0));
    json_array_append_new(l->options, o);
    view_set(l->names, ag->code, ag->name ? ag->name : ag->code);
    return 0;
}

/* The agencies A may give an account ([{code, label, selected}] into CTX "agencies") and
 * every agency's name by code (returned, the caller's). */
static json_t *load_agencies(const struct admin *a, json_t *ctx, const char *selected, char **why, res_t *r)
{
    struct agencies l = {json_array(), json_object(), selected};
    *r = store_each_agency(a->s, add_agency, &l, why);
    if (!admin_has(a, ROLE_PLATFORM_ADMIN)) {
        /* An agency administrator gives accounts of its own agency only. */
        json_t *own = json_array();
        size_t i;
        json_t *o;
        json_array_foreach(l.options, i, o)
            if (strcmp(json_string_value(json_object_get(o, "code")), a->staff.agency) == 0)
                json_array_append(own, o);
        json_decref(l.options);
        l.options = own;
    }
    json_object_set_new(ctx, "agencies", l.options);
    return l.names;
}

/* ---------------------------------------------------------------- the list */

struct listing {
    const struct admin *a;
    json_t *rows, *names;
};

static int add_row(const struct staff *u, void *ud)
{
    struct listing *l = ud;
    if (!may_manage(l->a, u->agency, u->roles))
        return 0;
    char roles[160];
    roles_format_zh(u->roles, roles, sizeof roles);
    json_t *r = json_object();
    json_object_set_new(r, "login", json_string(u->login));
    const char *name = json_string_value(json_object_get(l->names, u->agency));
    json_object_set_new(r, "agency", json_string(u->agency[0] ? (name ? name : u->agency) : "（平台）"));
    json_object_set_new(r, "roles", json_string(roles));
    json_object_set_new(r, "disabled", json_boolean(u->disabled));
    json_object_set_new(r, "self", json_boolean(strcmp(u->login, l->a->staff.login) == 0));
    json_array_append_new(l->rows, r);
    return 0;
}

static const char *const notices[][2] = {
    {"created", "账号已创建。"},
    {"disabled", "账号已停用，它的会话已全部结束。"},
    {"enabled", "账号已启用。"},
    {"again", "这份表单已经提交过，没有重复处理。"},
};

void admin_users_page(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, managers, &a))
        return;
    json_t *ctx = json_object();
    json_object_set_new(ctx, "title", json_string("账号管理"));
    json_object_set_new(ctx, "section", json_string("users"));
    const char *done = req_query(req, "done");
    for (size_t i = 0; done && i < sizeof notices / sizeof notices[0]; i++)
        if (strcmp(done, notices[i][0]) == 0)
            json_object_set_new(ctx, "notice", json_string(notices[i][1]));
    char *why = NULL;
    res_t r;
    struct listing l = {&a, json_array(), load_agencies(&a, ctx, NULL, &why, &r)};
    json_object_set_new(ctx, "rows", l.rows);
    if (r == RES_OK)
        r = store_user_each(a.s, add_row, &l, &why);
    json_decref(l.names);
    if (r != RES_OK) {
        json_decref(ctx);
        web_fail(req, res, r, why, NULL);
        return;
    }
    admin_render(req, res, &a, 200, "admin/users", ctx);
    json_decref(ctx);
}

/* ---------------------------------------------------------------- a new account */

static void render_new(struct request *req, struct response *res, const struct admin *a, json_t *ctx, int status,
                       const char *agency, unsigned roles)
{
    char *why = NULL;
    res_t r;
    json_decref(load_agencies(a, ctx, agency, &why, &r));
    if (r != RES_OK) {
        json_decref(ctx);
        web_fail(req, res, r, why, NULL);
        return;
    }
    json_t *opts = json_array();
    for (unsigned bit = 1; bit <= ROLE_AUDITOR; bit <<= 1) {
        if (bit == ROLE_PLATFORM_ADMIN && !admin_has(a, ROLE_PLATFORM_ADMIN))
            continue;
        json_t *o = json_object();
        json_object_set_new(o, "value", json_string(role_name(bit)));
        json_object_set_new(o, "label", json_string(role_label_zh(bit)));
        json_object_set_new(o, "checked", json_boolean(roles & bit));
        json_array_append_new(opts, o);
    }
    json_object_set_new(ctx, "roles", opts);
    json_object_set_new(ctx, "title", json_string("新建账号"));
    json_object_set_new(ctx, "section", json_string("users"));
    json_object_set_new(ctx, "once", json_string(form_once_new(req)));
    admin_render(req, res, a, status, "admin/user_new", ctx);
    json_decref(ctx);
}

void admin_user_new_form(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, managers, &a))
        return;
    render_new(req, res, &a, json_object(), 200, a.staff.agency, ROLE_EDITOR);
}

/* The "field: reason" of the rules, split for form_error: the message without the field. */
static void rule_error(json_t *ctx, const char *field, const char *why)
{
    const char *colon = strstr(why, ": ");
    form_error(ctx, field, colon ? colon + 2 : why);
}

void admin_user_new_post(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, managers, &a))
        return;
    json_t *ctx = json_object();
    const char *login = form_text(req, "login"), *agency = form_text(req, "agency");
    const char *pw = req_form(req, "password"), *pw2 = req_form(req, "password2");
    const char *role_values[ROLE_COUNT + 4];
    size_t nroles = req_form_all(req, "role", role_values, ROLE_COUNT + 4);
    unsigned roles = 0;
    for (size_t i = 0; i < nroles && i < ROLE_COUNT + 4; i++)
        roles |= role_parse(role_values[i]);
    char *why = NULL;
    if (login_check(login, &why) != RES_OK)
        rule_error(ctx, "login", why);
    free(why);
    why = NULL;
    if (roles & ROLE_PLATFORM_ADMIN)
        agency = "";
    if (roles_check(roles, agency, &why) != RES_OK)
        rule_error(ctx, strncmp(why, "role", 4) == 0 ? "role" : "agency", why);
    else if (!may_manage(&a, agency, roles))
        form_error(ctx, "agency", "您只能为本机关建立账号。");
    free(why);
    why = NULL;
    if (password_check_strength(pw, login, &why) != RES_OK)
        rule_error(ctx, "password", why);
    else if (!pw2 || strcmp(pw, pw2) != 0)
        form_error(ctx, "password2", "两次输入的密码不一致。");
    free(why);
    why = NULL;
    char hash[PASSWORD_HASH_MAX];
    res_t r = RES_OK;
    if (!form_has_errors(ctx)) {
        r = password_hash(pw, hash) ? store_begin(a.s, &why) : RES_FAILED;
        if (r == RES_OK)
            r = form_once_use(req, &a, &why);
        if (r == RES_REFUSED) {
            /* The same form again (a double click): the first one did the work. */
            store_rollback(a.s);
            free(why);
            json_decref(ctx);
            form_redirect(res, "/admin/users?done=again");
            return;
        }
        if (r == RES_OK)
            r = store_user_add(a.s, login, agency, roles, hash, a.now, NULL, &why);
        if (r == RES_OK) {
            char *after = account_audit_json(login, agency, roles, false);
            r = admin_audit(req, &a, "user.create", arena_printf(req->arena, "user:%s", login), NULL, after, &why);
            free(after);
        }
        if (r == RES_OK)
            r = store_commit(a.s, &why);
        if (r != RES_OK)
            store_rollback(a.s);
        if (r == RES_REFUSED) { /* the login exists, or the agency went away: beside its field */
            rule_error(ctx, strncmp(why, "login", 5) == 0 ? "login" : "agency", why);
            free(why);
            why = NULL;
        }
    }
    if (r == RES_FAILED) {
        json_decref(ctx);
        web_fail(req, res, r, why, NULL);
        return;
    }
    if (form_has_errors(ctx)) {
        static const char *const keep[] = {"login", NULL}; /* never the passwords */
        form_keep(ctx, req, keep);
        render_new(req, res, &a, ctx, 422, agency, roles);
        return;
    }
    json_decref(ctx);
    form_redirect(res, "/admin/users?done=created");
}

/* ---------------------------------------------------------------- disable, enable */

static void set_disabled(struct request *req, struct response *res, bool disabled)
{
    struct admin a;
    if (!admin_require(req, res, managers, &a))
        return;
    const char *login = form_text(req, "login");
    struct staff u;
    char *why = NULL;
    res_t r = store_user_get(a.s, login, &u, NULL, &why);
    if (r == RES_OK && !may_manage(&a, u.agency, u.roles)) {
        res_status(res, 403);
        res_error(res, 403, "您不能管理这个账号。");
        goto out;
    }
    if (r == RES_OK && disabled && strcmp(u.login, a.staff.login) == 0) {
        res_status(res, 400);
        res_error(res, 400, "不能停用自己的账号。");
        goto out;
    }
    if (r == RES_OK && u.disabled == disabled) {
        form_redirect(res, "/admin/users");
        goto out;
    }
    if (r == RES_OK)
        r = store_begin(a.s, &why);
    if (r == RES_OK)
        r = store_user_set_disabled(a.s, login, disabled, &why);
    if (r == RES_OK) {
        char *before = account_audit_json(u.login, u.agency, u.roles, u.disabled);
        char *after = account_audit_json(u.login, u.agency, u.roles, disabled);
        r = admin_audit(req, &a, disabled ? "user.disable" : "user.enable", arena_printf(req->arena, "user:%s", login),
                        before, after, &why);
        free(before);
        free(after);
        if (r == RES_OK)
            r = store_commit(a.s, &why);
        if (r != RES_OK)
            store_rollback(a.s);
    }
    if (r != RES_OK) {
        web_fail(req, res, r, why, r == RES_NOT_FOUND ? "没有这个账号。" : NULL);
        return;
    }
    form_redirect(res, disabled ? "/admin/users?done=disabled" : "/admin/users?done=enabled");
out:
    free(why);
}

void admin_user_disable(struct request *req, struct response *res)
{
    set_disabled(req, res, true);
}

void admin_user_enable(struct request *req, struct response *res)
{
    set_disabled(req, res, false);
}
