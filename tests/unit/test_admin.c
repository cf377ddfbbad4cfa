/* The staff workspace's gate, against the real server on a loopback port: every /admin
 * route of the route table needs a session and every state-changing one a CSRF token (the
 * table is enumerated, so a new route cannot escape); login with a wrong password, an
 * unknown login and a disabled account answered alike; lockout per account and per address;
 * idle and absolute session expiry (the workspace clock moved with admin_clock_shift);
 * logout; no session fixation; the cookie's attributes; the audit rows of it all. */
#include "domain/accounts.h"
#include "domain/password.h"
#include "store/store_accounts.h"
#include "store/store_audit.h"
#include "store/store_settings.h"
#include "test_db.h"
#include "test_http.h"
#include "util/xalloc.h"
#include "web/admin/session.h"
#include <ctype.h>
#include <strings.h>

static int port;

struct answer {
    long status;
    buf_t body, head;
};

static void answer_free(struct answer *a)
{
    buf_free(&a->body);
    buf_free(&a->head);
}

/* METHOD PATH with COOKIES ("a=1; b=2" or NULL), a urlencoded FORM (NULL: none) and extra
 * header lines (NULL-terminated, may be NULL). Redirects are not followed. */
static struct answer request(const char *method, const char *path, const char *cookies, const char *form,
                             const char *const *headers)
{
    struct answer a = {0, BUF_INIT, BUF_INIT};
    CURL *c = test_http_handle(port, path, &a.body, test_http_append, &a.head, 20);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    if (cookies)
        curl_easy_setopt(c, CURLOPT_COOKIE, cookies);
    if (form)
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
    struct curl_slist *h = NULL;
    for (size_t i = 0; headers && headers[i]; i++)
        h = curl_slist_append(h, headers[i]);
    if (h)
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    test_http_finish(c, &a.status);
    curl_slist_free_all(h);
    buf_append(&a.body, "", 0);
    buf_append(&a.head, "", 0);
    return a;
}

/* The value of the first "Set-Cookie: NAME=value" of A (malloc'd; "" when cleared), or NULL. */
static char *set_cookie(const struct answer *a, const char *name)
{
    char want[64];
    snprintf(want, sizeof want, "Set-Cookie: %s=", name);
    const char *p = a->head.data;
    for (; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
        if (strncasecmp(p, want, strlen(want)) == 0) {
            p += strlen(want);
            return xstrndup(p, strcspn(p, ";\r\n"));
        }
    return NULL;
}

/* The whole Set-Cookie line for NAME (malloc'd) or NULL. */
static char *set_cookie_line(const struct answer *a, const char *name)
{
    char want[64];
    snprintf(want, sizeof want, "Set-Cookie: %s=", name);
    const char *p = strstr(a->head.data, want); /* libmicrohttpd keeps the case we set */
    return p ? xstrndup(p, strcspn(p, "\r\n")) : NULL;
}

/* The value of the first hidden field name="csrf" in A's body (malloc'd) or NULL. */
static char *csrf_field(const struct answer *a)
{
    const char *p = strstr(a->body.data, "name=\"csrf\" value=\"");
    if (!p)
        return NULL;
    p += strlen("name=\"csrf\" value=\"");
    return xstrndup(p, strcspn(p, "\""));
}

/* Logs in as LOGIN with PASSWORD; the answer's status in *STATUS (303 on success), the new
 * session token returned (malloc'd) or NULL. OLD_SESSION (may be NULL) is sent as the
 * gk_session cookie; XFF (may be NULL) as X-Forwarded-For. */
static char *login_as(const char *login, const char *password, const char *old_session, const char *xff,
                      long *status, struct answer *out)
{
    char xffh[80];
    snprintf(xffh, sizeof xffh, "X-Forwarded-For: %s", xff ? xff : "");
    const char *hs[] = {xff ? xffh : NULL, NULL};
    struct answer form = request("GET", "/admin/login", NULL, NULL, hs);
    char *pre = set_cookie(&form, "gk_login"), *csrf = csrf_field(&form);
    char *cookies = xasprintf("gk_login=%s%s%s", pre ? pre : "", old_session ? "; gk_session=" : "",
                              old_session ? old_session : "");
    char *body = xasprintf("csrf=%s&login=%s&password=%s&next=%%2Fadmin%%2F", csrf ? csrf : "", login, password);
    struct answer a = request("POST", "/admin/login", cookies, body, hs);
    *status = a.status;
    char *token = a.status == 303 ? set_cookie(&a, "gk_session") : NULL;
    if (out)
        *out = a;
    else
        answer_free(&a);
    free(body);
    free(cookies);
    free(pre);
    free(csrf);
    answer_free(&form);
    return token;
}

static char *session_cookie(const char *token)
{
    return xasprintf("gk_session=%s", token ? token : "");
}

/* GET PATH with session TOKEN: the status. */
static long get_status(const char *path, const char *token)
{
    char *c = session_cookie(token);
    struct answer a = request("GET", path, c, NULL, NULL);
    long st = a.status;
    answer_free(&a);
    free(c);
    return st;
}

/* The CSRF token of session TOKEN, read from the dashboard's logout form (malloc'd). */
static char *csrf_of(const char *token)
{
    char *c = session_cookie(token);
    struct answer a = request("GET", "/admin/", c, NULL, NULL);
    char *v = csrf_field(&a);
    answer_free(&a);
    free(c);
    return v;
}

/* ---------------------------------------------------------------- the route table */

/* A concrete path for PATTERN: its '*' becomes "x". */
static char *path_of(const char *pattern)
{
    size_t n = strlen(pattern);
    return n && pattern[n - 1] == '*' ? xasprintf("%.*sx", (int)(n - 1), pattern) : xstrdup(pattern);
}

/* TOKEN: a session of an account with every role, so that only the CSRF check can refuse. */
static void test_route_table(const char *token)
{
    size_t n;
    const struct route *routes = portal_routes(&n);
    char *csrf = csrf_of(token);
    CHECK(csrf && strlen(csrf) == 64);
    char *cookie = session_cookie(token);
    int admin_routes = 0, posts = 0;
    for (size_t i = 0; i < n; i++) {
        const char *pat = routes[i].pattern;
        if (strncmp(pat, "/admin", 6) != 0)
            continue;
        admin_routes++;
        char *path = path_of(pat);
        const char *method = routes[i].method ? routes[i].method : "POST";
        bool login_page = strcmp(pat, "/admin/login") == 0;
        if (strcmp(method, "GET") == 0) {
            /* Every page needs a session: 303 to the login form (the form itself excepted). */
            struct answer a = request("GET", path, NULL, NULL, NULL);
            if (!login_page) {
                if (a.status != 303 || !strstr(a.head.data, "Location: /admin/login?next="))
                    fprintf(stderr, "  GET %s without a session: %ld\n", path, a.status);
                CHECK(a.status == 303 && strstr(a.head.data, "Location: /admin/login?next="));
            }
            CHECK_CONTAINS(a.head.data, "Cache-Control: no-store");
            answer_free(&a);
        } else {
            posts++;
            /* No session, and with one: no token, a wrong one, one of the right length. */
            const char *bodies[] = {"x=1", "csrf=&x=1", "csrf=wrong&x=1",
                                    "csrf=0000000000000000000000000000000000000000000000000000000000000000&x=1"};
            for (int b = 0; b < 4; b++) {
                struct answer a = request(method, path, b == 0 ? NULL : cookie, bodies[b], NULL);
                if (a.status != 403)
                    fprintf(stderr, "  %s %s (%s): %ld, want 403\n", method, path, bodies[b], a.status);
                CHECK_INT(a.status, 403);
                answer_free(&a);
            }
            if (login_page)
                goto next;
            /* The right token opens the CSRF gate (the catch-all then says 404; a route for
             * other roles than the editor's answers its role refusal, not the CSRF one). */
            if (strcmp(pat, "/admin/logout") != 0) {
                char *body = xasprintf("csrf=%s&x=1", csrf);
                struct answer a = request(method, path, cookie, body, NULL);
                bool csrf_refused = a.status == 403 && !strstr(a.body.data, "没有使用这一功能的权限");
                if (csrf_refused)
                    fprintf(stderr, "  %s %s with the right token: 403\n", method, path);
                CHECK(!csrf_refused);
                answer_free(&a);
                free(body);
            }
        }
    next:
        free(path);
    }
    CHECK(admin_routes >= 5);
    CHECK(posts >= 3);
    free(cookie);
    free(csrf);
}

/* ---------------------------------------------------------------- login and sessions */

static const char *error_summary(const struct answer *a)
{
    const char *p = strstr(a->body.data, "<div class=\"error-summary\"");
    return p ? p : "";
}

static void test_wrong_password(void)
{
    long st;
    struct answer wrong, unknown, disabled;
    char *t = login_as("ed", "Wrong-pass1", NULL, "198.51.100.1", &st, &wrong);
    CHECK(t == NULL);
    CHECK_INT(st, 401);
    t = login_as("nobody", "Wrong-pass1", NULL, "198.51.100.1", &st, &unknown);
    CHECK(t == NULL);
    CHECK_INT(st, 401);
    t = login_as("gone", "Good-pass1", NULL, "198.51.100.1", &st, &disabled);
    CHECK(t == NULL);
    CHECK_INT(st, 401);
    CHECK_CONTAINS(wrong.body.data, "登录名或密码不正确。");
    /* The same answer, word for word, for all three. */
    CHECK(strncmp(error_summary(&wrong), error_summary(&unknown), 120) == 0);
    CHECK(strncmp(error_summary(&wrong), error_summary(&disabled), 120) == 0);
    /* What was typed is kept, the password is not. */
    CHECK_CONTAINS(wrong.body.data, "name=\"login\" value=\"ed\"");
    CHECK(!strstr(wrong.body.data, "Wrong-pass1"));
    answer_free(&wrong);
    answer_free(&unknown);
    answer_free(&disabled);
    /* A login form posted without its token is refused. */
    struct answer a = request("POST", "/admin/login", NULL, "login=ed&password=Good-pass1", NULL);
    CHECK_INT(a.status, 403);
    answer_free(&a);
}

static void test_lockout(void)
{
    long st;
    /* 5 failures of one account (from different addresses) lock it, even with the right
     * password, from anywhere. */
    const char *addrs[] = {"192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"};
    for (int i = 0; i < 5; i++) {
        free(login_as("rev", "Wrong-pass1", NULL, addrs[i], &st, NULL));
        CHECK_INT(st, 401);
    }
    struct answer a;
    char *t = login_as("rev", "Good-pass1", NULL, "192.0.2.9", &st, &a);
    CHECK(t == NULL);
    CHECK_INT(st, 429);
    CHECK_CONTAINS(a.body.data, "登录失败次数过多");
    answer_free(&a);
    /* Another account from those addresses is not affected. */
    t = login_as("ed", "Good-pass1", NULL, "192.0.2.1", &st, NULL);
    CHECK_INT(st, 303);
    free(t);
    /* 15 minutes later the lock is over. */
    admin_clock_shift(15 * 60 + 1);
    t = login_as("rev", "Good-pass1", NULL, "192.0.2.9", &st, NULL);
    CHECK_INT(st, 303);
    CHECK(t != NULL);
    free(t);

    /* Per address: 8 failures (login_addr_max_failures, set for this test) from one address,
     * each with another login, lock the address for every login. */
    for (int i = 0; i < 8; i++) {
        char login[24];
        snprintf(login, sizeof login, "guess%d", i);
        free(login_as(login, "Wrong-pass1", NULL, "203.0.113.7", &st, NULL));
        CHECK_INT(st, 401);
    }
    t = login_as("ed", "Good-pass1", NULL, "203.0.113.7", &st, NULL);
    CHECK(t == NULL);
    CHECK_INT(st, 429);
    t = login_as("ed", "Good-pass1", NULL, "203.0.113.8", &st, NULL);
    CHECK_INT(st, 303);
    free(t);
    admin_clock_shift(15 * 60 + 1);
    t = login_as("ed", "Good-pass1", NULL, "203.0.113.7", &st, NULL);
    CHECK_INT(st, 303);
    free(t);
}

static void test_expiry(void)
{
    long st;
    /* Idle: 30 minutes without a request end the session. */
    char *t = login_as("ed", "Good-pass1", NULL, NULL, &st, NULL);
    CHECK_INT(get_status("/admin/", t), 200);
    admin_clock_shift(29 * 60);
    CHECK_INT(get_status("/admin/", t), 200); /* restarts the idle clock */
    admin_clock_shift(29 * 60);
    CHECK_INT(get_status("/admin/", t), 200);
    admin_clock_shift(30 * 60);
    CHECK_INT(get_status("/admin/", t), 303);
    CHECK_INT(get_status("/admin/", t), 303); /* gone for good */
    free(t);
    /* Absolute: session_max_hours (1 for this test) however busy. */
    t = login_as("ed", "Good-pass1", NULL, NULL, &st, NULL);
    for (int i = 0; i < 3; i++) {
        CHECK_INT(get_status("/admin/", t), 200);
        admin_clock_shift(20 * 60 - 1);
    }
    CHECK_INT(get_status("/admin/", t), 200); /* 59:57 after login */
    admin_clock_shift(10);
    CHECK_INT(get_status("/admin/", t), 303);
    free(t);
}

static void test_logout_and_fixation(void)
{
    long st;
    struct answer a;
    char *t = login_as("ed", "Good-pass1", NULL, NULL, &st, &a);
    CHECK_INT(st, 303);
    CHECK(t && strlen(t) == 64);
    /* The cookie: HttpOnly, SameSite=Strict, Path=/admin, no Secure over plain HTTP. */
    char *line = set_cookie_line(&a, "gk_session");
    CHECK_CONTAINS(line, "HttpOnly");
    CHECK_CONTAINS(line, "SameSite=Strict");
    CHECK_CONTAINS(line, "Path=/admin");
    CHECK(line && !strstr(line, "Secure"));
    free(line);
    answer_free(&a);
    /* Secure when a trusted proxy says the client came over HTTPS. */
    const char *https[] = {"X-Forwarded-Proto: https", NULL};
    struct answer f = request("GET", "/admin/login", NULL, NULL, https);
    line = set_cookie_line(&f, "gk_login");
    CHECK_CONTAINS(line, "; Secure");
    free(line);
    answer_free(&f);

    /* Fixation: a token planted in the browser before login is not the session after it,
     * and a session the browser had is ended by a new login. */
    const char *planted = "abababababababababababababababababababababababababababababababab";
    char *t2 = login_as("ed", "Good-pass1", planted, NULL, &st, NULL);
    CHECK(t2 && strcmp(t2, planted) != 0);
    CHECK_INT(get_status("/admin/", planted), 303);
    char *t3 = login_as("ed", "Good-pass1", t2, NULL, &st, NULL);
    CHECK(t3 && strcmp(t3, t2) != 0);
    CHECK_INT(get_status("/admin/", t2), 303);
    CHECK_INT(get_status("/admin/", t3), 200);

    /* Logout ends the session in the store, not only in the browser. */
    char *csrf = csrf_of(t);
    char *cookie = session_cookie(t), *body = xasprintf("csrf=%s", csrf);
    struct answer out = request("POST", "/admin/logout", cookie, body, NULL);
    CHECK_INT(out.status, 303);
    CHECK_CONTAINS(out.head.data, "Location: /admin/login?bye=1");
    char *cleared = set_cookie(&out, "gk_session");
    CHECK_STR(cleared, "");
    CHECK_INT(get_status("/admin/", t), 303);
    CHECK_INT(get_status("/admin/", t3), 200); /* the other session lives on */
    free(cleared);
    answer_free(&out);
    free(body);
    free(cookie);
    free(csrf);
    free(t);
    free(t2);
    free(t3);
}

static void test_pages(const char *token)
{
    char *c = session_cookie(token);
    struct answer a = request("GET", "/admin/", c, NULL, NULL);
    CHECK_INT(a.status, 200);
    CHECK_CONTAINS(a.head.data, "Cache-Control: no-store");
    CHECK_CONTAINS(a.head.data, "X-Robots-Tag: noindex");
    CHECK_CONTAINS(a.body.data, "<meta name=\"robots\" content=\"noindex, nofollow\">");
    CHECK_CONTAINS(a.body.data, "当前用户：<strong>ed</strong>");
    CHECK_CONTAINS(a.body.data, "编辑");
    answer_free(&a);
    a = request("GET", "/admin/nothing-here", c, NULL, NULL);
    CHECK_INT(a.status, 404);
    answer_free(&a);
    /* Logged in, the login form goes straight to the workspace. */
    a = request("GET", "/admin/login", c, NULL, NULL);
    CHECK_INT(a.status, 303);
    answer_free(&a);
    /* next= is kept, but only to a workspace path. */
    long st;
    struct answer l;
    free(login_as("ed", "Good-pass1", NULL, NULL, &st, &l));
    CHECK_CONTAINS(l.head.data, "Location: /admin/");
    answer_free(&l);
    free(c);
}

/* ---------------------------------------------------------------- audit */


static int collect(const struct audit_entry *e, void *ud)
{
    buf_printf(ud, "%s %s %s|", e->action, e->actor, e->client_addr);
    return 0;
}

static int collect_full(const struct audit_entry *e, void *ud)
{
    buf_printf(ud, "%s %s %s %s|", e->action, e->object, e->before_json ? e->before_json : "-",
               e->after_json ? e->after_json : "-");
    return 0;
}

static void test_audit_rows(const char *db)
{
    store_t *s = test_db_at(db);
    buf_t b = BUF_INIT;
    char *why = NULL;
    struct audit_filter f = {.action = "login"};
    CHECK_INT(store_audit_each(s, &f, false, 0, 3, collect, &b, &why), RES_OK);
    buf_append(&b, "", 0);
    CHECK_STR(b.data, "login ed 127.0.0.1|login all 127.0.0.1|login ed 127.0.0.1|");
    buf_reset(&b);
    struct audit_filter failed = {.action = "login.failed"};
    CHECK_INT(store_audit_each(s, &failed, false, 0, 1, collect, &b, &why), RES_OK);
    buf_append(&b, "", 0);
    CHECK_STR(b.data, "login.failed  198.51.100.1|");
    long long n = 0;
    struct audit_filter logout = {.action = "logout"};
    CHECK_INT(store_audit_count(s, &logout, &n, &why), RES_OK);
    CHECK_INT(n, 1);
    buf_free(&b);
    free(why);
    store_close(s);
}

/* The audit log's pages: auditors and the platform administrator only; filters; CSV. */
static void test_audit_page(const char *editor)
{
    long st;
    char *aud = login_as("aud", "Good-pass1", NULL, NULL, &st, NULL);
    char *root = login_as("root", "Good-pass1", NULL, NULL, &st, NULL);
    CHECK(aud && root);
    CHECK_INT(get_status("/admin/audit", editor), 403);
    CHECK_INT(get_status("/admin/audit.csv", editor), 403);
    CHECK_INT(get_status("/admin/audit", root), 200);
    CHECK_INT(get_status("/admin/audit?from=yesterday", aud), 400);
    CHECK_INT(get_status("/admin/audit?page=0", aud), 400);
    char *c = session_cookie(aud);
    struct answer a = request("GET", "/admin/audit?action=login.failed", c, NULL, NULL);
    CHECK_INT(a.status, 200);
    CHECK_CONTAINS(a.body.data, "<td>登录失败</td>");
    CHECK(!strstr(a.body.data, "<td>退出登录</td>"));
    CHECK_CONTAINS(a.body.data, "<td>198.51.100.1</td>");
    CHECK_CONTAINS(a.body.data, "href=\"/admin/audit.csv?action=login.failed\"");
    answer_free(&a);
    a = request("GET", "/admin/audit?actor=nobody-at-all", c, NULL, NULL);
    CHECK_CONTAINS(a.body.data, "没有符合条件的记录");
    answer_free(&a);
    /* The auditor's dashboard links the log; the editor's does not. */
    a = request("GET", "/admin/", c, NULL, NULL);
    CHECK_CONTAINS(a.body.data, "href=\"/admin/audit\"");
    answer_free(&a);
    char *ce = session_cookie(editor);
    a = request("GET", "/admin/", ce, NULL, NULL);
    CHECK(!strstr(a.body.data, "/admin/audit"));
    answer_free(&a);
    free(ce);
    /* CSV: a byte-order mark, a header, one quoted row per entry, the hash last. */
    a = request("GET", "/admin/audit.csv?action=logout", c, NULL, NULL);
    CHECK_INT(a.status, 200);
    CHECK_CONTAINS(a.head.data, "Content-Type: text/csv; charset=utf-8");
    CHECK_CONTAINS(a.head.data, "Content-Disposition: attachment; filename=\"audit.csv\"");
    CHECK(strncmp(a.body.data, "\xEF\xBB\xBF序号,时间", 9) == 0);
    CHECK_CONTAINS(a.body.data, ",\"ed\",\"127.0.0.1\",\"logout\",\"user:ed\",\"\",\"\",\"");
    size_t lines = 0;
    for (const char *p = a.body.data; *p; p++)
        lines += *p == '\n';
    CHECK_INT(lines, 2);
    answer_free(&a);
    free(c);
    free(aud);
    free(root);
}

/* POST PATH with FORM (the session's CSRF token prepended) as TOKEN. */
static struct answer post_as(const char *token, const char *path, const char *form)
{
    char *csrf = csrf_of(token), *c = session_cookie(token);
    char *body = xasprintf("csrf=%s&%s", csrf ? csrf : "", form);
    struct answer a = request("POST", path, c, body, NULL);
    free(body);
    free(c);
    free(csrf);
    return a;
}

/* The one-time token of a new-account form of session TOKEN (malloc'd). */
static char *fresh_once(const char *token)
{
    char *c = session_cookie(token);
    struct answer a = request("GET", "/admin/users/new", c, NULL, NULL);
    static const char field[] = "name=\"once\" value=\"";
    const char *o = strstr(a.body.data, field);
    char *once = o ? xstrndup(o + strlen(field), 32) : xstrdup("");
    answer_free(&a);
    free(c);
    return once;
}

static void test_users(const char *editor, const char *db)
{
    long st;
    char *adm = login_as("adm", "Good-pass1", NULL, NULL, &st, NULL);
    char *root = login_as("root", "Good-pass1", NULL, NULL, &st, NULL);
    CHECK(adm && root);
    CHECK_INT(get_status("/admin/users", editor), 403);
    CHECK_INT(get_status("/admin/users/new", editor), 403);
    struct answer a = post_as(editor, "/admin/users/new", "login=x1&agency=gn&role=editor&password=Good-pass1&password2=Good-pass1");
    CHECK_INT(a.status, 403);
    answer_free(&a);
    /* The agency administrator sees its agency's accounts, not the platform's nor another agency's. */
    char *c = session_cookie(adm);
    a = request("GET", "/admin/users", c, NULL, NULL);
    CHECK_INT(a.status, 200);
    CHECK_CONTAINS(a.body.data, "<td>rev</td>");
    CHECK(!strstr(a.body.data, "<td>root</td>"));
    CHECK(!strstr(a.body.data, "<td>other</td>"));
    answer_free(&a);
    char *cr = session_cookie(root);
    a = request("GET", "/admin/users", cr, NULL, NULL);
    CHECK_CONTAINS(a.body.data, "<td>other</td>");
    CHECK_CONTAINS(a.body.data, "<td>root</td>");
    answer_free(&a);
    free(cr);

    /* A form with errors: each beside its field, what was typed kept, never the password. */
    a = post_as(adm, "/admin/users/new", "login=new+one&agency=gn&password=Secret-word9&password2=Other-word9");
    CHECK_INT(a.status, 422);
    CHECK_CONTAINS(a.body.data, "<div class=\"error-summary\" role=\"alert\">");
    CHECK_CONTAINS(a.body.data, "<a href=\"#f-login\">登录名只能含字母");
    CHECK_CONTAINS(a.body.data, "<a href=\"#f-role\">至少需要一个角色");
    CHECK_CONTAINS(a.body.data, "value=\"new one\"");
    CHECK(!strstr(a.body.data, "Secret-word9"));
    answer_free(&a);
    a = post_as(adm, "/admin/users/new", "login=newbie&agency=gn&role=editor&password=Secret-word9&password2=Other-word9");
    CHECK_INT(a.status, 422);
    CHECK_CONTAINS(a.body.data, "两次输入的密码不一致。");
    answer_free(&a);
    a = post_as(adm, "/admin/users/new", "login=newbie&agency=gn&role=editor&password=weak&password2=weak");
    CHECK_INT(a.status, 422);
    CHECK_CONTAINS(a.body.data, "密码太短");
    answer_free(&a);
    /* Outside its agency, or a platform administrator: refused. */
    a = post_as(adm, "/admin/users/new", "login=newbie&agency=gn-x&role=editor&password=Secret-word9&password2=Secret-word9");
    CHECK_INT(a.status, 422);
    CHECK_CONTAINS(a.body.data, "您只能为本机关建立账号。");
    answer_free(&a);
    a = post_as(adm, "/admin/users/new", "login=newbie&agency=gn&role=platform_admin&password=Secret-word9&password2=Secret-word9");
    CHECK_INT(a.status, 422);
    answer_free(&a);
    char *o = fresh_once(adm), *dup = xasprintf("once=%s&login=ed&agency=gn&role=editor&password=Secret-word9"
                                                 "&password2=Secret-word9", o);
    a = post_as(adm, "/admin/users/new", dup);
    free(dup);
    free(o);
    CHECK_INT(a.status, 422);
    CHECK_CONTAINS(a.body.data, "登录名 ed 已存在");
    answer_free(&a);
    /* Created: 303 to the list (Post/Redirect/Get); the new account logs in. The form's
     * one-time token makes a second submission of it (a double click) do nothing. */
    char *once = fresh_once(adm);
    char *create = xasprintf("once=%s&login=newbie&agency=gn&role=editor&role=handler&password=Secret-word9"
                             "&password2=Secret-word9", once);
    a = post_as(adm, "/admin/users/new", create);
    CHECK_INT(a.status, 303);
    CHECK_CONTAINS(a.head.data, "Location: /admin/users?done=created");
    answer_free(&a);
    a = post_as(adm, "/admin/users/new", create);
    CHECK_INT(a.status, 303);
    CHECK_CONTAINS(a.head.data, "Location: /admin/users?done=again");
    answer_free(&a);
    free(create);
    /* The same token in another session is no help either: it is bound to its session... */
    create = xasprintf("once=%s&login=newbie2&agency=gn&role=editor&password=Secret-word9&password2=Secret-word9", once);
    a = post_as(root, "/admin/users/new", create);
    CHECK_INT(a.status, 303);
    CHECK_CONTAINS(a.head.data, "Location: /admin/users?done=created");
    answer_free(&a);
    free(create);
    /* ... and a form without one does nothing. */
    a = post_as(adm, "/admin/users/new", "login=newbie3&agency=gn&role=editor&password=Secret-word9&password2=Secret-word9");
    CHECK_CONTAINS(a.head.data, "Location: /admin/users?done=again");
    answer_free(&a);
    free(once);
    char *nb = login_as("newbie", "Secret-word9", NULL, NULL, &st, NULL);
    CHECK_INT(st, 303);
    free(nb);

    /* Disable and enable, within the agency only, never oneself. */
    a = post_as(adm, "/admin/users/disable", "login=other");
    CHECK_INT(a.status, 403);
    answer_free(&a);
    a = post_as(adm, "/admin/users/disable", "login=adm");
    CHECK_INT(a.status, 400);
    answer_free(&a);
    a = post_as(adm, "/admin/users/disable", "login=nobody");
    CHECK_INT(a.status, 404);
    answer_free(&a);
    char *rev = login_as("rev", "Good-pass1", NULL, NULL, &st, NULL);
    CHECK_INT(get_status("/admin/", rev), 200);
    a = post_as(adm, "/admin/users/disable", "login=rev");
    CHECK_INT(a.status, 303);
    answer_free(&a);
    CHECK_INT(get_status("/admin/", rev), 303); /* its session ended */
    free(login_as("rev", "Good-pass1", NULL, NULL, &st, NULL));
    CHECK_INT(st, 401);
    a = post_as(adm, "/admin/users/enable", "login=rev");
    CHECK_INT(a.status, 303);
    answer_free(&a);
    free(rev);
    rev = login_as("rev", "Good-pass1", NULL, NULL, &st, NULL);
    CHECK_INT(st, 303);
    free(rev);

    /* The audit rows: who, what, before and after. */
    store_t *s = test_db_at(db);
    buf_t b = BUF_INIT;
    char *why = NULL;
    struct audit_filter f = {.actor = "adm", .action = "user."};
    CHECK_INT(store_audit_each(s, &f, false, 0, -1, collect_full, &b, &why), RES_OK);
    buf_append(&b, "", 0);
    CHECK_STR(b.data, "user.create user:newbie - {\"login\":\"newbie\",\"agency\":\"gn\",\"roles\":\"editor,handler\",\"disabled\":false}|"
                      "user.disable user:rev {\"login\":\"rev\",\"agency\":\"gn\",\"roles\":\"reviewer\",\"disabled\":false} "
                      "{\"login\":\"rev\",\"agency\":\"gn\",\"roles\":\"reviewer\",\"disabled\":true}|"
                      "user.enable user:rev {\"login\":\"rev\",\"agency\":\"gn\",\"roles\":\"reviewer\",\"disabled\":true} "
                      "{\"login\":\"rev\",\"agency\":\"gn\",\"roles\":\"reviewer\",\"disabled\":false}|");
    buf_free(&b);
    free(why);
    store_close(s);
    free(c);
    free(adm);
    free(root);
}

/* ---------------------------------------------------------------- setup */

static void add_user(store_t *s, const char *login, const char *agency, unsigned roles, bool disabled)
{
    char hash[PASSWORD_HASH_MAX], *why = NULL;
    CHECK(password_hash("Good-pass1", hash));
    CHECK_INT(store_user_add(s, login, agency, roles, hash, 1, NULL, &why), RES_OK);
    if (disabled)
        CHECK_INT(store_user_set_disabled(s, login, true, &why), RES_OK);
    free(why);
}

void run_tests(void)
{
    char *db = xasprintf("%s/gongkai.db", test_tmpdir());
    store_t *s = test_db_at(db);
    char *why = NULL, *bad = NULL;
    struct agency_rec root = {.code = "gn", .name = "工农区人民政府", .kind = "government"};
    CHECK_INT(store_put_agency(s, &root, &why), RES_OK);
    struct agency_rec other = {.code = "gn-x", .name = "工农区某局", .parent = "gn", .kind = "department"};
    CHECK_INT(store_put_agency(s, &other, &why), RES_OK);
    CHECK_INT(store_finish_agencies(s, &bad, &why), RES_OK);
    add_user(s, "ed", "gn", ROLE_EDITOR, false);
    add_user(s, "rev", "gn", ROLE_REVIEWER, false);
    add_user(s, "gone", "gn", ROLE_EDITOR, true);
    add_user(s, "aud", "gn", ROLE_AUDITOR, false);
    add_user(s, "root", NULL, ROLE_PLATFORM_ADMIN, false);
    add_user(s, "adm", "gn", ROLE_ADMIN, false);
    add_user(s, "other", "gn-x", ROLE_EDITOR, false);
    add_user(s, "all", "gn", ROLE_ALL, false); /* every role: the route table's gate test */
    CHECK_INT(store_setting_set(s, "trusted_proxies", "127.0.0.1", &why), RES_OK);
    CHECK_INT(store_setting_set(s, "login_addr_max_failures", "8", &why), RES_OK);
    CHECK_INT(store_setting_set(s, "session_max_hours", "1", &why), RES_OK);
    store_close(s);
    free(why);
    free(bad);

    curl_global_init(CURL_GLOBAL_DEFAULT);
    char *err = NULL;
    struct portal *p = portal_open(db, NULL, &err);
    CHECK(p != NULL);
    if (!p) {
        fprintf(stderr, "portal_open: %s\n", err ? err : "?");
        return;
    }
    struct server_config cfg = server_config_defaults();
    cfg.threads = 2;
    cfg.error_log = NULL;
    cfg.trusted_proxies = "127.0.0.1";
    server_t *srv = test_serve_portal(p, &cfg, &err);
    CHECK(srv != NULL);
    if (!srv)
        return;
    port = server_port(srv);

    test_wrong_password();
    long st;
    char *editor = login_as("ed", "Good-pass1", NULL, NULL, &st, NULL);
    CHECK_INT(st, 303);
    char *all = login_as("all", "Good-pass1", NULL, NULL, &st, NULL);
    CHECK_INT(st, 303);
    test_route_table(all);
    free(all);
    test_pages(editor);
    test_logout_and_fixation();
    test_audit_page(editor);
    test_users(editor, db);
    free(editor);
    test_lockout();
    test_expiry();
    test_audit_rows(db);

    server_stop(srv);
    portal_close(p);
    curl_global_cleanup();
    free(err);
    free(db);
}
