/* The workspace's items through the real server (issue 8 item 3): every role's boundary
 * (403 where it must, within its agency and across agencies), the whole way of an item —
 * an editor writes it, a reviewer returns it, the editor fixes it, the reviewer approves and
 * publishes it — and that it is on the portal (its page, its column page, the 目录), in
 * search and in the feed at once although those pages were cached before; a withdrawal
 * takes it off all of them at once and leaves its public note. Also: errors beside the
 * fields with what was typed kept, a double submit making one item, a stale save refused
 * naming who saved in between, the diff page, the preview through the public template,
 * separation of duties, and the audit rows. */
#include "domain/accounts.h"
#include "domain/password.h"
#include "store/store_accounts.h"
#include "store/store_audit.h"
#include "store/store_workflow.h"
#include "test_db.h"
#include "test_http.h"
#include "util/xalloc.h"
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

/* METHOD PATH with COOKIE (or NULL) and a urlencoded FORM (or NULL); redirects not followed. */
static struct answer http(const char *method, const char *path, const char *cookie, const char *form)
{
    struct answer a = {0, BUF_INIT, BUF_INIT};
    CURL *c = test_http_handle(port, path, &a.body, test_http_append, &a.head, 30);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    if (cookie)
        curl_easy_setopt(c, CURLOPT_COOKIE, cookie);
    if (form)
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
    test_http_finish(c, &a.status);
    buf_append(&a.body, "", 0);
    buf_append(&a.head, "", 0);
    return a;
}

/* The text after NEEDLE in HAY up to the first of STOP (malloc'd), or NULL. */
static char *after(const char *hay, const char *needle, const char *stop)
{
    const char *p = hay ? strstr(hay, needle) : NULL;
    if (!p)
        return NULL;
    p += strlen(needle);
    return xstrndup(p, strcspn(p, stop));
}

static char *cookie_value(const struct answer *a, const char *name)
{
    char want[64];
    snprintf(want, sizeof want, "Set-Cookie: %s=", name);
    return after(a->head.data, want, ";\r\n");
}

/* A logged-in staff member: the session cookie and the session's CSRF token. */
struct staff_session {
    char *cookie, *csrf;
};

static struct staff_session login(const char *user)
{
    struct staff_session s = {NULL, NULL};
    struct answer f = http("GET", "/admin/login", NULL, NULL);
    char *pre = cookie_value(&f, "gk_login"), *csrf = after(f.body.data, "name=\"csrf\" value=\"", "\"");
    char *cookie = xasprintf("gk_login=%s", pre ? pre : "");
    char *body = xasprintf("csrf=%s&login=%s&password=Good-pass1&next=%%2Fadmin%%2F", csrf ? csrf : "", user);
    struct answer a = http("POST", "/admin/login", cookie, body);
    CHECK_INT(a.status, 303);
    char *token = cookie_value(&a, "gk_session");
    s.cookie = xasprintf("gk_session=%s", token ? token : "");
    struct answer d = http("GET", "/admin/", s.cookie, NULL);
    s.csrf = after(d.body.data, "name=\"csrf\" value=\"", "\"");
    CHECK(s.csrf != NULL);
    answer_free(&d);
    answer_free(&a);
    answer_free(&f);
    free(token), free(body), free(cookie), free(pre), free(csrf);
    return s;
}

static void logout(struct staff_session *s)
{
    free(s->cookie);
    free(s->csrf);
}

/* A form body "csrf=…&" + FMT (already urlencoded where needed). */
static char *with_csrf(const struct staff_session *s, const char *rest)
{
    return xasprintf("csrf=%s&%s", s->csrf ? s->csrf : "", rest);
}

static long status_of(const char *method, const char *path, const struct staff_session *s, const char *rest)
{
    char *body = rest ? with_csrf(s, rest) : NULL;
    struct answer a = http(method, path, s ? s->cookie : NULL, body);
    long st = a.status;
    answer_free(&a);
    free(body);
    return st;
}

/* POSTs to PATH as S; the answer (the caller frees). */
static struct answer post(const struct staff_session *s, const char *path, const char *rest)
{
    char *body = with_csrf(s, rest);
    struct answer a = http("POST", path, s->cookie, body);
    free(body);
    return a;
}

/* The current version of item ID as the item page's forms carry it. */
static int version_of(const struct staff_session *s, long long id)
{
    char path[64];
    snprintf(path, sizeof path, "/admin/items/%lld", id);
    struct answer a = http("GET", path, s->cookie, NULL);
    char *v = after(a.body.data, "name=\"version\" value=\"", "\"");
    int n = v ? atoi(v) : -1;
    free(v);
    answer_free(&a);
    return n;
}

static struct answer act(const struct staff_session *s, long long id, const char *action, const char *more)
{
    char path[64], rest[600];
    snprintf(path, sizeof path, "/admin/items/%lld/act", id);
    snprintf(rest, sizeof rest, "action=%s&version=%d%s%s", action, version_of(s, id), more ? "&" : "", more ? more : "");
    return post(s, path, rest);
}

static bool page_has(const char *path, const char *needle, long *status)
{
    struct answer a = http("GET", path, NULL, NULL);
    bool has = strstr(a.body.data, needle) != NULL;
    if (status)
        *status = a.status;
    answer_free(&a);
    return has;
}

/* ------------------------------------------------------------------ the tests */

#define TITLE_URL "%E5%86%AC%E5%AD%A3%E4%BE%9B%E6%9A%96%E4%BF%9D%E9%9A%9C%E5%B7%A5%E4%BD%9C%E6%96%B9%E6%A1%88"
#define TITLE "冬季供暖保障工作方案"
#define SEARCH "/search?q=%E4%BE%9B%E6%9A%96" /* 供暖 */

static void test_roles(struct staff_session *ed, struct staff_session *rev, struct staff_session *aud,
                       struct staff_session *hand, struct staff_session *plat, struct staff_session *edu_ed,
                       long long gov_item)
{
    char path[64], edit[64], actp[64];
    snprintf(path, sizeof path, "/admin/items/%lld", gov_item);
    snprintf(edit, sizeof edit, "/admin/items/%lld/edit", gov_item);
    snprintf(actp, sizeof actp, "/admin/items/%lld/act", gov_item);
    /* no session: the login page; a POST without one: 403 */
    CHECK_INT(status_of("GET", "/admin/items", NULL, NULL), 303);
    CHECK_INT(status_of("POST", "/admin/items/new", NULL, NULL), 403);
    /* roles that have nothing to do with items */
    CHECK_INT(status_of("GET", "/admin/items", aud, NULL), 403);
    CHECK_INT(status_of("GET", "/admin/items", hand, NULL), 403);
    CHECK_INT(status_of("GET", "/admin/items", plat, NULL), 403);
    CHECK_INT(status_of("GET", path, aud, NULL), 403);
    CHECK_INT(status_of("POST", "/admin/items/new", hand, "title=x"), 403);
    CHECK_INT(status_of("POST", actp, aud, "action=approve&version=1"), 403);
    /* a reviewer writes nothing; an editor approves and publishes nothing */
    CHECK_INT(status_of("GET", "/admin/items/new", rev, NULL), 403);
    CHECK_INT(status_of("POST", "/admin/items/new", rev, "title=x"), 403);
    CHECK_INT(status_of("POST", edit, rev, "title=x&version=1"), 403);
    CHECK_INT(status_of("POST", actp, ed, "action=approve&version=1"), 403);
    CHECK_INT(status_of("POST", actp, ed, "action=publish&version=1"), 403);
    CHECK_INT(status_of("POST", actp, ed, "action=withdraw&version=1&note=x"), 403);
    CHECK_INT(status_of("POST", actp, ed, "action=return&version=1&note=x"), 403);
    /* across agencies: not even to look */
    CHECK_INT(status_of("GET", path, edu_ed, NULL), 403);
    CHECK_INT(status_of("GET", edit, edu_ed, NULL), 403);
    CHECK_INT(status_of("POST", edit, edu_ed, "title=x&version=1"), 403);
    CHECK_INT(status_of("POST", actp, edu_ed, "action=submit&version=1"), 403);
    /* a wrong CSRF token */
    struct answer a = http("POST", actp, ed->cookie, "csrf=0000&action=submit&version=1");
    CHECK_INT(a.status, 403);
    answer_free(&a);
    CHECK_INT(status_of("GET", "/admin/items/999999", ed, NULL), 404);
    CHECK_INT(status_of("GET", "/admin/items/abc", ed, NULL), 404);
}

static long long id_from_location(const struct answer *a)
{
    char *loc = after(a->head.data, "Location: /admin/items/", "?\r\n");
    long long id = loc ? atoll(loc) : 0;
    free(loc);
    return id;
}

static void test_flow(struct staff_session *ed, struct staff_session *ed2, struct staff_session *rev,
                      struct staff_session *adm, const char *db)
{
    /* the pages a visitor would see, cached before anything happens */
    long st;
    CHECK(!page_has("/column/gkml/gsgg", TITLE, &st));
    CHECK_INT(st, 200);
    CHECK(!page_has("/gkml", TITLE, NULL));
    CHECK(!page_has(SEARCH, TITLE, NULL));
    CHECK(!page_has("/feeds/all.atom", TITLE, NULL));

    /* errors beside the fields, what was typed kept */
    struct answer a = post(ed, "/admin/items/new",
                           "token=t1&title=&written=2026-02-30&statutory=rule&column=gkml%2Fgsgg&body=%E6%AD%A3%E6%96%87"
                           "%3Cscript%3E");
    CHECK_INT(a.status, 422);
    CHECK_CONTAINS(a.body.data, "f-title-error");
    CHECK_CONTAINS(a.body.data, "此项必填");
    CHECK_CONTAINS(a.body.data, "f-written-error");
    CHECK_CONTAINS(a.body.data, "value=\"2026-02-30\"");
    CHECK_CONTAINS(a.body.data, "正文&lt;script&gt;");
    CHECK(strstr(a.body.data, "正文<script>") == NULL);
    answer_free(&a);

    /* create, twice with the same one-time token: one item */
    const char *form = "token=tok-A&title=" TITLE_URL "&column=gkml%2Fgsgg&written=2026-11-30&topic=%E5%9F%8E%E4%B9%A1"
                       "&body=%E4%B8%80%E3%80%81%E6%80%BB%E4%BD%93%E8%A6%81%E6%B1%82%0A%E4%BA%8C%E3%80%81%E5%AE%89%E6%8E%92";
    a = post(ed, "/admin/items/new", form);
    CHECK_INT(a.status, 303);
    long long id = id_from_location(&a);
    CHECK(id > 0);
    answer_free(&a);
    a = post(ed, "/admin/items/new", form);
    CHECK_INT(a.status, 303);
    CHECK_INT(id_from_location(&a), id);
    answer_free(&a);

    /* submitted; a reviewer returns it with a comment (a return without one is refused) */
    a = act(ed, id, "submit", NULL);
    CHECK_INT(a.status, 303);
    answer_free(&a);
    a = act(rev, id, "return", "note=");
    CHECK_INT(a.status, 422);
    CHECK_CONTAINS(a.body.data, "请填写退回意见");
    answer_free(&a);
    a = act(rev, id, "return", "note=%E8%AF%B7%E8%A1%A5%E5%85%85%E8%B4%A3%E4%BB%BB%E5%8D%95%E4%BD%8D"); /* 请补充责任单位 */
    CHECK_INT(a.status, 303);
    answer_free(&a);
    char path[64];
    snprintf(path, sizeof path, "/admin/items/%lld", id);
    a = http("GET", path, ed->cookie, NULL);
    CHECK_CONTAINS(a.body.data, "请补充责任单位");
    CHECK_CONTAINS(a.body.data, "已退回");
    answer_free(&a);

    /* the editor fixes it; a second editor working from the old version is refused */
    char edit[64], rest[800];
    snprintf(edit, sizeof edit, "/admin/items/%lld/edit", id);
    int v = version_of(ed, id);
    snprintf(rest, sizeof rest, "version=%d&title=%s&column=gkml%%2Fgsgg&written=2026-11-30&body=%s", v, TITLE_URL,
             "%E4%B8%80%E3%80%81%E6%80%BB%E4%BD%93%E8%A6%81%E6%B1%82%0A%E4%BA%8C%E3%80%81%E5%AE%89%E6%8E%92%0A%E4%B8%89%E3%80%81%E8%B4%A3%E4%BB%BB%E5%8D%95%E4%BD%8D");
    a = post(ed, edit, rest);
    CHECK_INT(a.status, 303);
    answer_free(&a);
    snprintf(rest, sizeof rest, "version=%d&title=%s&body=x", v, TITLE_URL);
    a = post(ed2, edit, rest);
    CHECK_INT(a.status, 422);
    CHECK_CONTAINS(a.body.data, "ed 已于");
    CHECK_CONTAINS(a.body.data, "未保存");
    answer_free(&a);

    /* the diff and the preview */
    char diff[80];
    snprintf(diff, sizeof diff, "/admin/items/%lld/diff?a=1&b=2", id);
    a = http("GET", diff, ed->cookie, NULL);
    CHECK_INT(a.status, 200);
    CHECK_CONTAINS(a.body.data, "diff-add");
    CHECK_CONTAINS(a.body.data, "三、责任单位");
    answer_free(&a);
    snprintf(diff, sizeof diff, "/admin/items/%lld/preview", id);
    a = http("GET", diff, rev->cookie, NULL);
    CHECK_INT(a.status, 200);
    CHECK_CONTAINS(a.body.data, "<h1>" TITLE "</h1>");
    CHECK_CONTAINS(a.body.data, "索引号"); /* the public item template's metadata table */
    CHECK_CONTAINS(a.body.data, "预览");
    CHECK_CONTAINS(a.head.data, "Cache-Control: no-store");
    answer_free(&a);

    /* submitted again; an admin who wrote nothing of it approves; the author may not */
    a = act(ed, id, "submit", NULL);
    CHECK_INT(a.status, 303);
    answer_free(&a);
    a = act(rev, id, "approve", NULL);
    CHECK_INT(a.status, 303);
    answer_free(&a);
    /* still not public: approved is not published */
    CHECK(!page_has("/column/gkml/gsgg", TITLE, NULL));
    a = act(rev, id, "publish", "on=");
    CHECK_INT(a.status, 303);
    answer_free(&a);

    /* public at once everywhere, though those pages were cached */
    a = http("GET", path, ed->cookie, NULL);
    char *pub = after(a.body.data, "href=\"/item/", "\"");
    answer_free(&a);
    CHECK(pub != NULL);
    char item_path[128];
    snprintf(item_path, sizeof item_path, "/item/%s", pub ? pub : "");
    CHECK(page_has(item_path, TITLE, &st));
    CHECK_INT(st, 200);
    CHECK(page_has("/column/gkml/gsgg", TITLE, NULL));
    CHECK(page_has("/gkml", TITLE, NULL));
    CHECK(page_has(SEARCH, item_path, NULL)); /* the title is there with its terms marked */
    CHECK(page_has("/feeds/all.atom", TITLE, NULL));

    /* separation of duties: an admin's own revision is not approved by that admin */
    v = version_of(adm, id);
    snprintf(rest, sizeof rest, "version=%d&title=%s&column=gkml%%2Fgsgg&written=2026-11-30&body=y", v, TITLE_URL);
    a = post(adm, edit, rest);
    CHECK_INT(a.status, 303);
    answer_free(&a);
    CHECK(page_has(item_path, TITLE, NULL)); /* still public with its published text */
    a = act(adm, id, "submit", NULL);
    CHECK_INT(a.status, 303);
    answer_free(&a);
    a = act(adm, id, "approve", NULL);
    CHECK_INT(a.status, 422);
    CHECK_CONTAINS(a.body.data, "不能审核通过自己撰写的版本");
    answer_free(&a);

    /* withdrawal: off every list at once, the note at its address */
    a = act(rev, id, "withdraw", "note=%E5%86%85%E5%AE%B9%E6%9C%89%E8%AF%AF"); /* 内容有误 */
    CHECK_INT(a.status, 303);
    answer_free(&a);
    CHECK(page_has(item_path, "内容有误", &st));
    CHECK_INT(st, 410);
    CHECK(!page_has("/column/gkml/gsgg", TITLE, NULL));
    CHECK(!page_has("/gkml", TITLE, NULL));
    CHECK(!page_has(SEARCH, item_path, NULL));
    CHECK(!page_has("/feeds/all.atom", TITLE, NULL));
    free(pub);

    /* every change has its audit row */
    store_t *s = test_db_at(db);
    long long n = 0;
    char *err = NULL;
    struct audit_filter f = {.action = "item."};
    CHECK_INT(store_audit_count(s, &f, &n, &err), RES_OK);
    /* create, submit, return, save, submit, approve, publish, save, submit, withdraw: the refused
     * changes and the repeated creation left none */
    CHECK_INT(n, 10);
    free(err);
    store_close(s);
}

static void add_user(store_t *s, const char *login, const char *agency, unsigned roles)
{
    char hash[PASSWORD_HASH_MAX], *why = NULL;
    CHECK(password_hash("Good-pass1", hash));
    CHECK_INT(store_user_add(s, login, agency, roles, hash, 1, NULL, &why), RES_OK);
    free(why);
}

void run_tests(void)
{
    char *db = xasprintf("%s/gongkai.db", test_tmpdir());
    store_t *s = test_db_at(db);
    char *why = NULL, *bad = NULL;
    struct agency_rec gov = {.code = "gn", .name = "工农区人民政府", .kind = "government"};
    struct agency_rec edu = {.code = "edu", .name = "工农区教育局", .parent = "gn", .kind = "department"};
    CHECK_INT(store_put_agency(s, &gov, &why), RES_OK);
    CHECK_INT(store_put_agency(s, &edu, &why), RES_OK);
    CHECK_INT(store_finish_agencies(s, &bad, &why), RES_OK);
    add_user(s, "ed", "gn", ROLE_EDITOR);
    add_user(s, "ed2", "gn", ROLE_EDITOR);
    add_user(s, "rev", "gn", ROLE_REVIEWER);
    add_user(s, "adm", "gn", ROLE_ADMIN);
    add_user(s, "aud", "gn", ROLE_AUDITOR);
    add_user(s, "hand", "gn", ROLE_HANDLER);
    add_user(s, "plat", NULL, ROLE_PLATFORM_ADMIN);
    add_user(s, "edued", "edu", ROLE_EDITOR);
    /* an item of the agency for the role checks */
    struct wf_actor sys = {{0, "editor", "gn"}, "setup", NULL, NULL, NULL};
    struct item_rec r = {.agency = "gn", .title = "角色检查用的信息"};
    long long gov_item = 0;
    CHECK_INT(store_item_create(s, &sys, &r, NULL, &gov_item, &why), RES_OK);
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
    server_t *srv = test_serve_portal(p, &cfg, &err);
    CHECK(srv != NULL);
    if (!srv)
        return;
    port = server_port(srv);

    struct staff_session ed = login("ed"), ed2 = login("ed2"), rev = login("rev"), adm = login("adm"),
                         aud = login("aud"), hand = login("hand"), plat = login("plat"), edued = login("edued");
    test_roles(&ed, &rev, &aud, &hand, &plat, &edued, gov_item);
    test_flow(&ed, &ed2, &rev, &adm, db);
    struct staff_session *all[] = {&ed, &ed2, &rev, &adm, &aud, &hand, &plat, &edued};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        logout(all[i]);

    server_stop(srv);
    portal_close(p);
    curl_global_cleanup();
    free(err);
    free(db);
}
