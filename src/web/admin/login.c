/* /admin/login and /admin/logout.
 *
 * Before there is a session the login form is protected by a double-submit token: a random
 * value in a cookie (gk_login, Path=/admin/login) and the same in the form; a forged form
 * from another site cannot know it (SameSite=Strict keeps the cookie from being sent
 * anyway). An unknown login, a wrong password and a disabled account get the same answer,
 * after the same work (an unknown login is checked against a dummy hash). Too many failures
 * lock the login and the client address (settings login_*; store_login_failed). */
#include "domain/password.h"
#include "store/store_accounts.h"
#include "store/store_audit.h"
#include "util/xalloc.h"
#include "web/admin/form.h"
#include "web/admin/pages.h"
#include "web/admin/render.h"
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOGIN_COOKIE "gk_login"
#define FAILED_TEXT "登录名或密码不正确。"

/* Where to go after logging in: a workspace path, else the dashboard. */
static const char *next_path(const char *next)
{
    if (next && strncmp(next, "/admin/", 7) == 0 && !strstr(next, "//") && !strchr(next, '\\'))
        return next;
    return "/admin/";
}

static void render_form(struct request *req, struct response *res, int status, const char *login, const char *next,
                        const char *error)
{
    unsigned char raw[16];
    char token[33];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(token, sizeof token, raw, sizeof raw);
    res_header(res, "Set-Cookie", arena_printf(req->arena, "%s=%s; Path=/admin/login; HttpOnly; SameSite=Strict%s",
                                               LOGIN_COOKIE, token, admin_cookie_secure(req)));
    json_t *ctx = json_object();
    json_object_set_new(ctx, "title", json_string("工作人员登录"));
    json_object_set_new(ctx, "csrf", json_string(token));
    json_object_set_new(ctx, "next", json_string(next_path(next)));
    json_t *form = json_object();
    json_object_set_new(form, "login", json_string(login ? login : ""));
    json_object_set_new(ctx, "form", form);
    if (error)
        json_object_set_new(ctx, "login_error", json_string(error));
    if (req_query(req, "bye"))
        json_object_set_new(ctx, "notice", json_string("您已退出登录。"));
    admin_render(req, res, NULL, status, "admin/login", ctx);
    json_decref(ctx);
}

void admin_login_form(struct request *req, struct response *res)
{
    struct admin a;
    if (admin_session(req, &a)) {
        form_redirect(res, next_path(req_query(req, "next")));
        return;
    }
    render_form(req, res, 200, NULL, req_query(req, "next"), NULL);
}

/* One row of the audit log for a login event (its own transaction). */
static void audit_login(struct request *req, store_t *s, const char *action, const char *actor, const char *login,
                        long long now)
{
    char object[96];
    snprintf(object, sizeof object, "user:%.60s", login);
    struct audit_entry e = {.at = now, .actor = actor, .client_addr = req->client_ip,
                            .action = action, .object = object};
    char *why = NULL;
    if (store_audit_append(s, &e, &why) != RES_OK)
        fprintf(stderr, "gongkai: serve: audit: %s\n", why ? why : "cannot append");
    free(why);
}

void admin_login_post(struct request *req, struct response *res)
{
    res_cache(res, "no-store");
    res_header_set(res, "X-Robots-Tag", "noindex, nofollow");
    if (!form_csrf_ok(req, req_cookie(req, LOGIN_COOKIE))) {
        res_status(res, 403);
        res_error(res, 403, "登录表单已过期，请刷新页面后重新登录。");
        return;
    }
    store_t *s = portal_store(req->app);
    if (!s) {
        res_status(res, 500);
        res_error(res, 500, "数据库暂时无法访问，请稍后再试。");
        return;
    }
    const char *login = form_text(req, "login"), *next = req_form(req, "next");
    /* No account has a longer login (login_check): a longer one is looked up and counted
     * by its first bytes, so that a megabyte typed into the field is not stored per try. */
    if (strlen(login) > 64)
        login = arena_strndup(req->arena, login, 64);
    const char *password = req_form(req, "password");
    long long now = admin_now();
    struct login_limits lim = {admin_setting(req, "login_max_failures"), admin_setting(req, "login_addr_max_failures"),
                               admin_setting(req, "login_window_min") * 60, admin_setting(req, "login_lock_min") * 60};
    char *why = NULL, *hash = NULL;
    bool locked = false;
    long long until = 0;
    struct staff u;
    res_t r = store_login_locked(s, login, req->client_ip, now, &locked, &until, &why);
    if (r != RES_OK)
        goto failed;
    if (locked) {
        long long minutes = (until - now + 59) / 60;
        render_form(req, res, 429, login, next,
                    arena_printf(req->arena, "登录失败次数过多，已暂时锁定，请 %lld 分钟后再试。", minutes));
        goto out;
    }
    r = store_user_get(s, login, &u, &hash, &why);
    if (r == RES_FAILED)
        goto failed;
    /* The same work whether or not the login exists: no timing tells them apart. */
    bool match = password_verify(r == RES_OK ? hash : password_dummy_hash(), password ? password : "");
    if (r != RES_OK || !match || u.disabled) {
        bool locked_now = false;
        r = store_login_failed(s, login, req->client_ip, now, &lim, &locked_now, &why);
        if (r != RES_OK)
            goto failed;
        audit_login(req, s, "login.failed", "", login, now); /* nobody is known to have acted */
        render_form(req, res, 401, login, next, FAILED_TEXT);
        goto out;
    }
    r = store_login_succeeded(s, login, &why);
    if (r != RES_OK)
        goto failed;
    /* A session the browser already had is ended: the new login gets a new token. */
    struct admin old;
    if (admin_session(req, &old))
        store_session_delete(s, old.token_hash, &why);
    free(why);
    why = NULL;
    if (!admin_session_start(req, res, s, u.id, &why))
        goto failed;
    audit_login(req, s, "login", login, login, now);
    res_header(res, "Set-Cookie", arena_printf(req->arena, "%s=; Path=/admin/login; Max-Age=0; HttpOnly; SameSite=Strict%s",
                                               LOGIN_COOKIE, admin_cookie_secure(req)));
    form_redirect(res, next_path(next));
    goto out;
failed:
    fprintf(stderr, "gongkai: serve: login: %s\n", why ? why : "failed");
    res_status(res, 500);
    res_error(res, 500, "登录暂时无法完成，请稍后再试。");
out:
    if (hash)
        sodium_memzero(hash, strlen(hash));
    free(hash);
    free(why);
}

void admin_logout(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, ADMIN_ANY_ROLE, &a))
        return;
    char *why = NULL;
    if (admin_session_end(req, res, &a, &why) == RES_OK)
        admin_audit(req, &a, "logout", arena_printf(req->arena, "user:%s", a.staff.login), NULL, NULL, &why);
    if (why)
        fprintf(stderr, "gongkai: serve: logout: %s\n", why);
    free(why);
    form_redirect(res, "/admin/login?bye=1");
}
