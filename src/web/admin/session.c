/* Workspace sessions, the role gate and audit rows (session.h).
 *
 * The cookie holds a random 256-bit token (hex); the store keeps only its SHA-256, so a copy
 * of the database opens no session. The CSRF token is derived from the token (SHA-256 of
 * "csrf:" and the token): it changes with every session, needs no storage, and cannot be
 * made without the cookie, which scripts cannot read (HttpOnly). */
#include "web/admin/session.h"
#include "domain/settings.h"
#include "store/store_audit.h"
#include "store/store_portal.h"
#include "util/xalloc.h"
#include "web/admin/form.h"
#include "web/site.h"
#include "web/urls.h"
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TOKEN_BYTES 32
#define TOKEN_HEX (TOKEN_BYTES * 2 + 1)

static atomic_llong clock_shift;

long long admin_now(void)
{
    return (long long)time(NULL) + atomic_load(&clock_shift);
}

void admin_clock_shift(long long seconds)
{
    atomic_fetch_add(&clock_shift, seconds);
}

long long admin_setting(const struct request *req, const char *key)
{
    const struct portal *p = req->app;
    return settings_uint(key, site_setting(site_get(p), key));
}

const char *admin_cookie_secure(const struct request *req)
{
    return req->secure ? "; Secure" : "";
}

/* hex SHA-256 of PREFIX and TOKEN into OUT. */
static void digest(const char *prefix, const char *token, char out[TOKEN_HEX])
{
    crypto_hash_sha256_state st;
    unsigned char d[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const unsigned char *)prefix, strlen(prefix));
    crypto_hash_sha256_update(&st, (const unsigned char *)token, strlen(token));
    crypto_hash_sha256_final(&st, d);
    sodium_bin2hex(out, TOKEN_HEX, d, sizeof d);
}

/* A cookie value that can be a token: 64 lower-case hex digits. */
static bool token_shaped(const char *v)
{
    if (!v || strlen(v) != TOKEN_HEX - 1)
        return false;
    for (const char *p = v; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
}

bool admin_session(struct request *req, struct admin *a)
{
    memset(a, 0, sizeof *a);
    const char *token = req_cookie(req, ADMIN_COOKIE);
    if (!token_shaped(token))
        return false;
    a->s = portal_store(req->app);
    if (!a->s)
        return false;
    /* A statement an earlier request left stepping on this thread's connection would hold
     * an old snapshot, and a write of this request would fail as "database is locked". */
    store_portal_end_reads(a->s);
    char hash[TOKEN_HEX], csrf[TOKEN_HEX];
    digest("", token, hash);
    digest("csrf:", token, csrf);
    a->now = admin_now();
    long long idle = admin_setting(req, "session_idle_min") * 60, max = admin_setting(req, "session_max_hours") * 3600;
    char *why = NULL;
    res_t r = store_session_get(a->s, hash, a->now, idle, max, &a->staff, NULL, &why);
    if (r == RES_FAILED)
        fprintf(stderr, "gongkai: serve: session: %s\n", why ? why : "cannot read");
    free(why);
    if (r != RES_OK)
        return false;
    a->token_hash = arena_strdup(req->arena, hash);
    a->csrf = arena_strdup(req->arena, csrf);
    return true;
}

bool admin_has(const struct admin *a, unsigned roles)
{
    return (a->staff.roles & roles) != 0;
}

bool admin_agency_ok(const struct admin *a, const char *agency_code)
{
    return admin_has(a, ROLE_PLATFORM_ADMIN) || (agency_code && a->staff.agency[0] && strcmp(agency_code, a->staff.agency) == 0);
}

static bool safe_method(const struct request *req)
{
    return strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0;
}

bool admin_require(struct request *req, struct response *res, unsigned roles, struct admin *a)
{
    res_cache(res, "no-store");
    res_header_set(res, "X-Robots-Tag", "noindex, nofollow");
    if (!admin_session(req, a)) {
        if (safe_method(req)) {
            struct url u;
            url_start(&u, "/admin/login");
            url_param(&u, "next", req->path);
            res_redirect(res, 303, url_finish(&u, req));
            res_cache(res, "no-store");
        } else {
            res_status(res, 403);
            res_error(res, 403, "登录已失效，请重新登录后再提交。");
        }
        return false;
    }
    if (!safe_method(req) && !form_csrf_ok(req, a->csrf)) {
        res_status(res, 403);
        res_error(res, 403, "表单已过期或来源不明（CSRF 校验失败），请返回刷新页面后重新提交。");
        return false;
    }
    if (!admin_has(a, roles)) {
        res_status(res, 403);
        res_error(res, 403, "您的账号没有使用这一功能的权限。");
        return false;
    }
    return true;
}

res_t admin_audit(struct request *req, const struct admin *a, const char *action, const char *object,
                  const char *before_json, const char *after_json, char **why)
{
    struct audit_entry e = {.at = a->now ? a->now : admin_now(), .actor = a->staff.login,
                            .client_addr = req->client_ip ? req->client_ip : "", .action = action, .object = object,
                            .before_json = before_json, .after_json = after_json};
    return store_audit_append(a->s, &e, why);
}

bool admin_session_start(struct request *req, struct response *res, store_t *s, long long user_id, char **why)
{
    unsigned char raw[TOKEN_BYTES];
    char token[TOKEN_HEX], hash[TOKEN_HEX];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(token, sizeof token, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
    digest("", token, hash);
    res_t r = store_session_create(s, hash, user_id, req->client_ip, admin_now(), why);
    if (r == RES_OK) {
        /* No Max-Age: a session cookie, gone with the browser; the server ends it anyway. */
        char *cookie = arena_printf(req->arena, "%s=%s; Path=/admin; HttpOnly; SameSite=Strict%s", ADMIN_COOKIE,
                                    token, admin_cookie_secure(req));
        res_header(res, "Set-Cookie", cookie);
    }
    sodium_memzero(token, sizeof token);
    return r == RES_OK;
}

res_t admin_session_end(struct request *req, struct response *res, const struct admin *a, char **why)
{
    res_t r = store_session_delete(a->s, a->token_hash, why);
    res_header(res, "Set-Cookie",
               arena_printf(req->arena, "%s=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Strict%s", ADMIN_COOKIE,
                            admin_cookie_secure(req)));
    return r;
}
