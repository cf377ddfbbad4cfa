/* 互动交流 and 在线查询 through the real server: submit → number and code → lookup shows the
 * status; a wrong code and an unknown number get the same answer; the lookup's rate limit;
 * a flood of submissions is throttled and not stored; a replayed form makes one message; a
 * wrong answer spends the question and keeps what was typed; a sensitive word sends a
 * message to moderation; the published Q&A holds no phone or identity number. The
 * workspace (/admin/messages): assign, reply, publish, transfer, with the role and agency
 * boundaries (another agency's handler gets 403), the CSRF check and the audit rows. The
 * page cache: logins, lookups, form tokens, the audit log and a message held for moderation
 * leave cached public pages cached (the content version does not move); a message that
 * counts in /hdjl's figures and a published Q&A make /hdjl fresh at once. */
#include "test.h"
#include "test_db.h"
#include "test_http.h"
#include "domain/accounts.h"
#include "domain/message_rules.h"
#include "domain/password.h"
#include "store/store_accounts.h"
#include "store/store_audit.h"
#include "records/import.h"
#include "store/store_messages.h"
#include "store/store_settings.h"
#include "util/xalloc.h"
#include "store/store_portal.h"
#include "web/connections.h"
#include "web/page_cache.h"
#include "web/portal.h"
#include <stdlib.h>
#include <string.h>

static const char fixture[] =
    "{\"type\":\"agency\",\"code\":\"root\",\"name\":\"测试区人民政府\"}\n"
    "{\"type\":\"agency\",\"code\":\"mz\",\"name\":\"测试区民政局\",\"parent\":\"root\"}\n"
    "{\"type\":\"agency\",\"code\":\"zj\",\"name\":\"测试区住建局\",\"parent\":\"root\"}\n"
    "{\"type\":\"message\",\"id\":\"LY2025-000007\",\"agency\":\"mz\",\"kind\":\"question\",\"state\":\"published\","
    "\"subject\":\"低保申请条件\",\"body\":\"请问低保怎么申请？我的手机13812345678，身份证23040319900307123X。\","
    "\"name\":\"张三\",\"phone\":\"13812345678\",\"code\":\"ABCD23EFGH\",\"created\":\"2025-03-03 09:30:00\","
    "\"reply\":\"请携带户口簿到街道申请。\",\"reply_by\":\"李四\",\"replied\":\"2025-03-05 10:00:00\","
    "\"public_subject\":\"低保申请条件\",\"public_body\":\"请问低保怎么申请？\","
    "\"public_reply\":\"请携带户口簿到街道申请。\",\"published\":\"2025-03-06 10:00:00\"}\n";

static char db_path[600];
static struct portal *portal;
static server_t *srv;
static int port;

#define LOOKUP_LIMIT 8
#define SUBMIT_LIMIT 4

static bool setup(void)
{
    snprintf(db_path, sizeof db_path, "%s/messages.db", test_tmpdir());
    store_t *s = test_db_at(db_path);
    FILE *f = fmemopen((void *)fixture, strlen(fixture), "r");
    struct import_result r;
    res_t rc = import_stream(s, f, "fixture.jsonl", false, stderr, &r);
    fclose(f);
    char *err = NULL, limit[16];
    snprintf(limit, sizeof limit, "%d", LOOKUP_LIMIT);
    CHECK_INT(store_setting_set(s, "lookup_per_ip_hour", limit, &err), RES_OK);
    snprintf(limit, sizeof limit, "%d", SUBMIT_LIMIT);
    CHECK_INT(store_setting_set(s, "msg_submit_per_ip_hour", limit, &err), RES_OK);
    CHECK_INT(store_msg_word_add(s, "代开发票", &err), RES_OK);
    static const struct {
        const char *login, *agency;
        unsigned roles;
    } users[] = {{"h-mz", "mz", ROLE_HANDLER}, {"h-zj", "zj", ROLE_HANDLER}, {"ed-mz", "mz", ROLE_EDITOR}};
    char hash[PASSWORD_HASH_MAX];
    CHECK(password_hash("Good-pass1", hash));
    for (size_t i = 0; i < sizeof users / sizeof users[0]; i++)
        CHECK_INT(store_user_add(s, users[i].login, users[i].agency, users[i].roles, hash, 1, NULL, &err), RES_OK);
    store_close(s);
    CHECK_INT(rc, RES_OK);
    portal = portal_open(db_path, NULL, &err);
    if (!portal) {
        fprintf(stderr, "portal: %s\n", err);
        free(err);
        return false;
    }
    struct server_config cfg = server_config_defaults();
    cfg.threads = 2;
    srv = test_serve_portal(portal, &cfg, &err);
    if (!srv) {
        free(err);
        return false;
    }
    port = server_port(srv);
    return true;
}

struct answer {
    long status;
    buf_t body, headers;
};

static void answer_free(struct answer *a)
{
    buf_free(&a->body);
    buf_free(&a->headers);
}

/* GET (POST_BODY NULL) or POST of a urlencoded body, with an optional Cookie header. */
static void request(const char *path, const char *post_body, const char *cookie, struct answer *a)
{
    memset(a, 0, sizeof *a);
    CURL *c = test_http_handle(port, path, &a->body, test_http_append, &a->headers, 20);
    if (post_body)
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, post_body);
    if (cookie)
        curl_easy_setopt(c, CURLOPT_COOKIE, cookie);
    test_http_finish(c, &a->status);
}

/* The value of the first header NAME (a static copy), or "". */
static const char *header(const struct answer *a, const char *name)
{
    static char out[512];
    out[0] = '\0';
    const char *h = buf_str(&a->headers);
    size_t n = strlen(name);
    for (const char *p = h; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
            const char *v = p + n + 1;
            while (*v == ' ')
                v++;
            size_t len = strcspn(v, "\r\n");
            snprintf(out, sizeof out, "%.*s", (int)len, v);
            break;
        }
    return out;
}

/* The form's token and the answer to its question ("五减二等于几？" → 3). */
static void form_token(char *token, size_t size, int *answer)
{
    struct answer a;
    request("/hdjl/write", NULL, NULL, &a);
    CHECK_INT(a.status, 200);
    const char *t = strstr(buf_str(&a.body), "name=\"token\" value=\"");
    token[0] = '\0';
    *answer = -1;
    if (t) {
        t += strlen("name=\"token\" value=\"");
        snprintf(token, size, "%.*s", (int)strcspn(t, "\""), t);
    }
    const char *q = strstr(buf_str(&a.body), "</span>：");
    if (q) {
        q += strlen("</span>：");
        const char *op = strstr(q, "加") ? strstr(q, "加") : strstr(q, "减");
        const char *end = strstr(q, "等于几");
        if (op && end && op < end) {
            char x[32], y[32];
            snprintf(x, sizeof x, "%.*s", (int)(op - q), q);
            snprintf(y, sizeof y, "%.*s", (int)(end - op - 3), op + 3);
            int a1 = msg_challenge_read_answer(x), a2 = msg_challenge_read_answer(y);
            *answer = strncmp(op, "加", 3) == 0 ? a1 + a2 : a1 - a2;
        }
    }
    CHECK(token[0] && *answer >= 0);
    answer_free(&a);
}

static char *submit_body(const char *token, int answer, const char *subject, const char *phone)
{
    return xasprintf("token=%s&kind=complaint&agency=mz&subject=%s&body=%%E8%%B7%%AF%%E7%%81%%AF%%E5%%9D%%8F%%E4%%BA%%86"
                     "&name=%%E7%%8E%%8B%%E5%%B0%%8F%%E6%%98%%8E&phone=%s&email=&answer=%d",
                     token, subject, phone, answer);
}

static long long count_messages(enum msg_state st)
{
    store_t *s = test_db_at(db_path);
    struct msg_query q = {.states = MSG_STATE_BIT(st), .kind = -1};
    long long n = -1;
    char *err = NULL;
    store_messages_count(s, &q, &n, &err);
    free(err);
    store_close(s);
    return n;
}

/* number and code read from the done page's cookie. */
static void done_cookie(const struct answer *a, char number[MSG_NUMBER_SIZE], char code[MSG_CODE_LEN + 1])
{
    const char *c = header(a, "Set-Cookie");
    number[0] = code[0] = '\0';
    if (strncmp(c, "gk_msg_done=", 12) == 0 && strlen(c) > 12 + 24) {
        snprintf(number, MSG_NUMBER_SIZE, "%.13s", c + 12);
        snprintf(code, MSG_CODE_LEN + 1, "%.10s", c + 12 + 14);
    }
}

static int lookups; /* lookups made so far (the limit counts every one) */

static void lookup(const char *number, const char *code, struct answer *a)
{
    char *body = xasprintf("kind=message&number=%s&code=%s", number, code);
    request("/zxcx", body, NULL, a);
    free(body);
    lookups++;
}

static bool served_from_cache(const char *path); /* the page cache's part, below */

static void test_public_pages(void)
{
    struct answer a;
    request("/hdjl", NULL, NULL, &a);
    CHECK_INT(a.status, 200);
    CHECK_CONTAINS(buf_str(&a.body), "互动交流");
    CHECK_CONTAINS(buf_str(&a.body), "低保申请条件");
    CHECK_CONTAINS(buf_str(&a.body), "/hdjl/qa/LY2025-000007");
    answer_free(&a);
    request("/hdjl/qa/LY2025-000007", NULL, NULL, &a);
    CHECK_INT(a.status, 200);
    CHECK_CONTAINS(buf_str(&a.body), "请携带户口簿到街道申请。");
    CHECK(!strstr(buf_str(&a.body), "13812345678"));
    CHECK(!strstr(buf_str(&a.body), "138****5678")); /* not even masked: the public version has none */
    CHECK(!strstr(buf_str(&a.body), "23040319900307123X"));
    CHECK(!strstr(buf_str(&a.body), "张三"));
    answer_free(&a);
    request("/hdjl/zx", NULL, NULL, &a);
    CHECK_INT(a.status, 200);
    CHECK_CONTAINS(buf_str(&a.body), "共公开 1 条");
    answer_free(&a);
    request("/hdjl/search?q=%E4%BD%8E%E4%BF%9D", NULL, NULL, &a); /* 低保 */
    CHECK_INT(a.status, 200);
    CHECK_CONTAINS(buf_str(&a.body), "找到 1 条");
    answer_free(&a);
    request("/hdjl/nothing", NULL, NULL, &a);
    CHECK_INT(a.status, 404);
    answer_free(&a);
    request("/hdjl/qa/LY2025-000008", NULL, NULL, &a);
    CHECK_INT(a.status, 404);
    answer_free(&a);
}

static void test_submit_and_lookup(void)
{
    char token[200], number[MSG_NUMBER_SIZE], code[MSG_CODE_LEN + 1];
    int answer;
    form_token(token, sizeof token, &answer);
    char *body = submit_body(token, answer, "%E8%B7%AF%E7%81%AF", "13900000001"); /* 路灯 */
    struct answer a, b;
    request("/hdjl/write", body, NULL, &a);
    CHECK_INT(a.status, 303);
    CHECK_STR(header(&a, "Location"), "/hdjl/write/done");
    done_cookie(&a, number, code);
    CHECK_STR(number, "LY2026-000001");
    CHECK_INT(strlen(code), MSG_CODE_LEN);
    CHECK(!strstr(header(&a, "Location"), code));
    /* The same form again (a double click, a replay): the same message, not a second one. */
    request("/hdjl/write", body, NULL, &b);
    CHECK_INT(b.status, 303);
    char n2[MSG_NUMBER_SIZE], c2[MSG_CODE_LEN + 1];
    done_cookie(&b, n2, c2);
    CHECK_STR(n2, number);
    CHECK_STR(c2, code);
    CHECK_INT(count_messages(MSG_RECEIVED), 1);
    answer_free(&a);
    answer_free(&b);
    free(body);

    /* The result page shows them once. */
    char *cookie = xasprintf("gk_msg_done=%s.%s", number, code);
    request("/hdjl/write/done", NULL, cookie, &a);
    CHECK_INT(a.status, 200);
    CHECK_CONTAINS(buf_str(&a.body), number);
    CHECK_CONTAINS(buf_str(&a.body), code);
    CHECK_CONTAINS(header(&a, "Set-Cookie"), "Max-Age=0");
    CHECK_CONTAINS(header(&a, "Cache-Control"), "no-store");
    answer_free(&a);
    free(cookie);

    /* 在线查询: the status with the right code. */
    lookup(number, code, &a);
    CHECK_INT(a.status, 200);
    CHECK_CONTAINS(buf_str(&a.body), "已受理");
    CHECK_CONTAINS(buf_str(&a.body), "测试区民政局");
    CHECK(!strstr(buf_str(&a.body), "13900000001"));
    answer_free(&a);
    /* Lower case and spaces in the code are forgiven. */
    char lower[32];
    snprintf(lower, sizeof lower, "%.5s+%s", code, code + 5);
    for (char *p = lower; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    lookup(number, lower, &a);
    CHECK_CONTAINS(buf_str(&a.body), "已受理");
    answer_free(&a);
    /* A wrong code and an unknown number: the same answer, byte for byte but the echoed number. */
    char wrong[MSG_CODE_LEN + 1];
    snprintf(wrong, sizeof wrong, "%s", code);
    wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
    lookup(number, wrong, &a);
    lookup("LY2026-000999", wrong, &b);
    CHECK_INT(a.status, b.status);
    CHECK_CONTAINS(buf_str(&a.body), "编号或查询码不正确");
    CHECK(!strstr(buf_str(&a.body), "已受理"));
    char *x = xstrdup(buf_str(&a.body)), *y = xstrdup(buf_str(&b.body));
    char *p = strstr(y, "LY2026-000999");
    if (p)
        memcpy(p, number, strlen(number));
    CHECK_STR(x, y);
    free(x);
    free(y);
    answer_free(&a);
    answer_free(&b);
    /* The published Q&A through the lookup: the reply and the link. */
    lookup("LY2025-000007", "ABCD23EFGH", &a);
    CHECK_CONTAINS(buf_str(&a.body), "已公开");
    CHECK_CONTAINS(buf_str(&a.body), "请携带户口簿到街道申请。");
    CHECK_CONTAINS(buf_str(&a.body), "/hdjl/qa/LY2025-000007");
    CHECK(!strstr(buf_str(&a.body), "13812345678"));
    answer_free(&a);
    /* The code never shows up in a URL: the lookup is a POST, the GET form carries nothing. */
    request("/zxcx?number=LY2025-000007&code=ABCD23EFGH", NULL, NULL, &a);
    CHECK(!strstr(buf_str(&a.body), "已公开"));
    answer_free(&a);
}

static void test_lookup_limit(void)
{
    struct answer a;
    while (lookups < LOOKUP_LIMIT) {
        lookup("LY2026-000001", "AAAAAAAAAA", &a);
        CHECK_INT(a.status, 200);
        answer_free(&a);
    }
    lookup("LY2025-000007", "ABCD23EFGH", &a); /* even the right code, now */
    CHECK_INT(a.status, 429);
    CHECK(*header(&a, "Retry-After"));
    CHECK(!strstr(buf_str(&a.body), "请携带户口簿"));
    answer_free(&a);
}

static void test_form_errors(void)
{
    char token[200];
    int answer;
    form_token(token, sizeof token, &answer);
    /* A wrong answer, no contact: errors beside the fields, the typed subject kept. */
    char *body = xasprintf("token=%s&kind=complaint&agency=mz&subject=%%E8%%B7%%AF%%E7%%81%%AF%%E5%%9D%%8F%%E4%%BA%%86"
                           "&body=x&name=y&phone=&email=&answer=%d",
                           token, answer + 1);
    struct answer a;
    request("/hdjl/write", body, NULL, &a);
    CHECK_INT(a.status, 422);
    CHECK_CONTAINS(buf_str(&a.body), "验证问题的答案不正确");
    CHECK_CONTAINS(buf_str(&a.body), "请至少填写手机号");
    CHECK_CONTAINS(buf_str(&a.body), "href=\"#f-phone\"");
    CHECK_CONTAINS(buf_str(&a.body), "value=\"路灯坏了\"");
    CHECK_CONTAINS(buf_str(&a.body), "aria-invalid=\"true\"");
    answer_free(&a);
    free(body);
    /* That question is spent: the right answer on the same token no longer passes. */
    body = submit_body(token, answer, "x", "13900000002");
    request("/hdjl/write", body, NULL, &a);
    CHECK_INT(a.status, 422);
    CHECK_CONTAINS(buf_str(&a.body), "表单已使用过");
    answer_free(&a);
    free(body);
    /* A forged token. */
    body = submit_body("00000000000000000000000000000000.9999999999.0000000000000000."
                       "0000000000000000000000000000000000000000000000000000000000000000",
                       3, "x", "13900000002");
    request("/hdjl/write", body, NULL, &a);
    CHECK_INT(a.status, 422);
    CHECK_CONTAINS(buf_str(&a.body), "表单已失效");
    answer_free(&a);
    free(body);
    CHECK_INT(count_messages(MSG_RECEIVED), 1);
}

static void test_moderation_and_flood(void)
{
    char token[200];
    int answer;
    struct answer a;
    request("/hdjl", NULL, NULL, &a); /* cached now */
    answer_free(&a);
    /* A sensitive word: received, but held for moderation. */
    form_token(token, sizeof token, &answer);
    char *body = submit_body(token, answer, "%E4%BB%A3%E5%BC%80%E5%8F%91%E7%A5%A8", "13900000003"); /* 代开发票 */
    request("/hdjl/write", body, NULL, &a);
    CHECK_INT(a.status, 303);
    answer_free(&a);
    free(body);
    CHECK_INT(count_messages(MSG_MODERATION), 1);
    CHECK(served_from_cache("/hdjl")); /* shown nowhere: the cache stays */
    /* Two submissions made so far from this address; the limit lets SUBMIT_LIMIT through. */
    for (int i = 2; i < SUBMIT_LIMIT; i++) {
        form_token(token, sizeof token, &answer);
        char phone[32];
        snprintf(phone, sizeof phone, "139000001%02d", i);
        body = submit_body(token, answer, "x", phone);
        request("/hdjl/write", body, NULL, &a);
        CHECK_INT(a.status, 303);
        answer_free(&a);
        free(body);
    }
    /* Received messages count in /hdjl's figures of the year: the page is rendered again. */
    CHECK(!served_from_cache("/hdjl"));
    long long before = count_messages(MSG_RECEIVED);
    form_token(token, sizeof token, &answer);
    body = submit_body(token, answer, "x", "13900000199");
    request("/hdjl/write", body, NULL, &a);
    CHECK_INT(a.status, 429);
    answer_free(&a);
    free(body);
    CHECK_INT(count_messages(MSG_RECEIVED), before); /* throttled, not stored */
}

/* ================================================================ the workspace */

/* The value of cookie NAME in A's Set-Cookie headers (a static copy), or "". */
static const char *cookie_of(const struct answer *a, const char *name)
{
    static char out[256];
    out[0] = '\0';
    char want[64];
    snprintf(want, sizeof want, "%s=", name);
    for (const char *p = buf_str(&a->headers); p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (strncasecmp(p, "Set-Cookie: ", 12) == 0 && strncmp(p + 12, want, strlen(want)) == 0) {
            const char *v = p + 12 + strlen(want);
            snprintf(out, sizeof out, "%.*s", (int)strcspn(v, ";\r\n"), v);
        }
    return out;
}

/* The first hidden csrf field of A's body (a static copy), or "". */
static const char *csrf_in(const struct answer *a)
{
    static char out[128];
    out[0] = '\0';
    const char *p = strstr(buf_str(&a->body), "name=\"csrf\" value=\"");
    if (p) {
        p += strlen("name=\"csrf\" value=\"");
        snprintf(out, sizeof out, "%.*s", (int)strcspn(p, "\""), p);
    }
    return out;
}

struct staff_session {
    char cookie[200], csrf[128];
};

static void login(const char *user, struct staff_session *ss)
{
    struct answer form, a;
    request("/admin/login", NULL, NULL, &form);
    char *cookie = xasprintf("gk_login=%s", cookie_of(&form, "gk_login"));
    char *body = xasprintf("csrf=%s&login=%s&password=Good-pass1&next=%%2Fadmin%%2F", csrf_in(&form), user);
    request("/admin/login", body, cookie, &a);
    CHECK_INT(a.status, 303);

    snprintf(ss->cookie, sizeof ss->cookie, "gk_session=%s", cookie_of(&a, "gk_session"));
    answer_free(&form);
    answer_free(&a);
    free(cookie);
    free(body);
    request("/admin/", NULL, ss->cookie, &a);
    snprintf(ss->csrf, sizeof ss->csrf, "%s", csrf_in(&a));

    CHECK(ss->csrf[0]);
    answer_free(&a);
}

/* ================================================================ the page cache */

static unsigned long cache_hits(void)
{
    unsigned long h, m;
    pcache_counts(portal->cache, &h, &m);
    return h;
}

static unsigned long cache_misses(void)
{
    unsigned long h, m;
    pcache_counts(portal->cache, &h, &m);
    return m;
}

/* The content version as a fresh connection reads it. */
static long long content_version(void)
{
    store_t *s = test_db_at(db_path);
    long long v = -1;
    char *err = NULL;
    CHECK_INT(store_portal_data_version(s, &v, &err), RES_OK);
    free(err);
    store_close(s);
    return v;
}

static long long audit_all(void)
{
    store_t *s = test_db_at(db_path);
    struct audit_filter f = {0};
    long long n = -1;
    char *err = NULL;
    store_audit_count(s, &f, &n, &err);
    free(err);
    store_close(s);
    return n;
}

/* GET PATH: 200, and whether it came from the page cache (a hit and no miss). */
static bool served_from_cache(const char *path)
{
    unsigned long h = cache_hits(), m = cache_misses();
    struct answer a;
    request(path, NULL, NULL, &a);
    CHECK_INT(a.status, 200);
    answer_free(&a);
    return cache_hits() == h + 1 && cache_misses() == m;
}

/* What the public pages do not show must not empty their cache: a flood of such writes
 * (lookups from many addresses) would otherwise have every page rendered again and again. */
static void test_cache_kept_by_private_writes(void)
{
    static const char *const pages[] = {"/hdjl", "/", "/hdjl/qa/LY2025-000007", "/zxcx"};
    size_t n = sizeof pages / sizeof pages[0];
    for (size_t i = 0; i < n; i++) {
        struct answer a;
        request(pages[i], NULL, NULL, &a); /* kept (or already there) */
        answer_free(&a);
        CHECK(served_from_cache(pages[i]));
    }
    long long version = content_version(), audit = audit_all();
    unsigned long gen = conn_generation(portal);

    /* Logins (a session, an audit row each), the workspace (a session read), a failed
     * login (its failure row and audit row), lookups (rate-limit rows), the application
     * form (its one-time token row), the message form. */
    struct staff_session ss;
    login("h-mz", &ss);
    login("h-zj", &ss);
    struct answer a;
    request("/admin/messages", NULL, ss.cookie, &a);
    CHECK_INT(a.status, 200);
    answer_free(&a);
    struct answer form;
    request("/admin/login", NULL, NULL, &form);
    char *cookie = xasprintf("gk_login=%s", cookie_of(&form, "gk_login"));
    char *body = xasprintf("csrf=%s&login=h-mz&password=Wrong-pass1&next=%%2Fadmin%%2F", csrf_in(&form));
    request("/admin/login", body, cookie, &a);
    CHECK(a.status != 303);
    answer_free(&a);
    answer_free(&form);
    free(cookie);
    free(body);
    for (int i = 0; i < 2; i++) {
        lookup("LY2026-000001", "AAAAAAAAAA", &a);
        CHECK_INT(a.status, 200);
        answer_free(&a);
    }
    request("/ysqgk", NULL, NULL, &a);
    CHECK_INT(a.status, 200);
    answer_free(&a);
    request("/hdjl/write", NULL, NULL, &a);
    CHECK_INT(a.status, 200);
    answer_free(&a);

    CHECK(audit_all() >= audit + 3); /* the writes happened */
    CHECK(content_version() == version);
    for (size_t i = 0; i < n; i++)
        CHECK(served_from_cache(pages[i]));
    CHECK(conn_generation(portal) == gen);
}

/* POST one step on NUMBER as SS; FIELDS ("action=reply&text=…") after the token. */
static void step(const struct staff_session *ss, const char *number, const char *fields, struct answer *a)
{
    char *path = xasprintf("/admin/messages/%s", number);
    char *body = xasprintf("csrf=%s&%s", ss->csrf, fields);
    request(path, body, ss->cookie, a);
    free(path);
    free(body);
}

static long long audit_rows(const char *object)
{
    store_t *s = test_db_at(db_path);
    struct audit_filter f = {.action = "message.", .object = object};
    long long n = -1;
    char *err = NULL;
    store_audit_count(s, &f, &n, &err);
    free(err);
    store_close(s);
    return n;
}

static void test_workspace(void)
{
    struct staff_session mz, zj, ed;
    login("h-mz", &mz);
    login("h-zj", &zj);
    login("ed-mz", &ed);
    struct answer a;
    /* LY2026-000001 (submitted above) is addressed to mz. */
    request("/admin/messages/LY2026-000001", NULL, NULL, &a);
    CHECK_INT(a.status, 303); /* no session: to the login page */
    answer_free(&a);
    request("/admin/messages/LY2026-000001", NULL, ed.cookie, &a);
    CHECK_INT(a.status, 403); /* an editor is not a handler */
    answer_free(&a);
    request("/admin/messages/LY2026-000001", NULL, zj.cookie, &a);
    CHECK_INT(a.status, 403); /* another agency's handler */
    CHECK(!strstr(buf_str(&a.body), "13900000001"));
    answer_free(&a);
    step(&zj, "LY2026-000001", "action=reply&text=x", &a);
    CHECK_INT(a.status, 403);
    answer_free(&a);
    request("/admin/messages/LY2026-000001", "csrf=wrong&action=reply&text=x", mz.cookie, &a);
    CHECK_INT(a.status, 403); /* a wrong CSRF token */
    answer_free(&a);
    /* The dashboard counts the queues of the handler's own agency. */
    request("/admin/", NULL, mz.cookie, &a);
    CHECK_CONTAINS(buf_str(&a.body), "待分办：");
    CHECK_CONTAINS(buf_str(&a.body), "/admin/messages?list=overdue");
    answer_free(&a);
    request("/admin/", NULL, ed.cookie, &a);
    CHECK(!strstr(buf_str(&a.body), "待分办："));
    answer_free(&a);
    /* The queue and the message, unmasked for its own agency. */
    request("/admin/messages?list=new", NULL, mz.cookie, &a);
    CHECK_INT(a.status, 200);
    CHECK_CONTAINS(buf_str(&a.body), "LY2026-000001");
    answer_free(&a);
    request("/admin/messages?list=new", NULL, zj.cookie, &a);
    CHECK(!strstr(buf_str(&a.body), "LY2026-000001"));
    answer_free(&a);
    request("/admin/messages/LY2026-000001", NULL, mz.cookie, &a);
    CHECK_INT(a.status, 200);
    CHECK_CONTAINS(buf_str(&a.body), "13900000001");
    CHECK_CONTAINS(buf_str(&a.body), "王小明");
    answer_free(&a);
    /* Out of order: publishing before a reply. */
    step(&mz, "LY2026-000001", "action=publish&public_subject=a&public_body=b&public_reply=c", &a);
    CHECK_INT(a.status, 422);
    CHECK_CONTAINS(buf_str(&a.body), "不能公开");
    answer_free(&a);
    /* Assign, an empty reply (422, the error beside the field), a reply. */
    step(&mz, "LY2026-000001", "action=assign&state=1", &a);
    CHECK_INT(a.status, 303);
    CHECK_STR(header(&a, "Location"), "/admin/messages/LY2026-000001?done=assign");
    answer_free(&a);
    step(&mz, "LY2026-000001", "action=assign&state=1", &a); /* a stale page: it is assigned now */
    CHECK_INT(a.status, 422);
    CHECK_CONTAINS(buf_str(&a.body), "已被他人处理");
    answer_free(&a);
    step(&mz, "LY2026-000001", "action=reply&text=+", &a);
    CHECK_INT(a.status, 422);
    CHECK_CONTAINS(buf_str(&a.body), "请填写答复内容");
    answer_free(&a);
    step(&mz, "LY2026-000001",
         "action=reply&text=%E5%B7%B2%E5%AE%89%E6%8E%92%E7%BB%B4%E4%BF%AE%E3%80%82", &a); /* 已安排维修。 */
    CHECK_INT(a.status, 303);
    answer_free(&a);
    /* Publishing with a phone in the public version: refused, what was typed kept. */
    step(&mz, "LY2026-000001",
         "action=publish&public_subject=%E8%B7%AF%E7%81%AF&public_body=13900000001&public_reply=ok", &a);
    CHECK_INT(a.status, 422);
    CHECK_CONTAINS(buf_str(&a.body), "仍含有手机号");
    CHECK_CONTAINS(buf_str(&a.body), ">13900000001</textarea>");
    answer_free(&a);
    request("/hdjl", NULL, NULL, &a);
    answer_free(&a);
    CHECK(served_from_cache("/hdjl"));
    step(&mz, "LY2026-000001",
         "action=publish&public_subject=%E8%B7%AF%E7%81%AF%E4%B8%8D%E4%BA%AE"
         "&public_body=%E8%B7%AF%E7%81%AF%E5%9D%8F%E4%BA%86&public_reply=%E5%B7%B2%E5%AE%89%E6%8E%92%E7%BB%B4%E4%BF%AE",
         &a);
    CHECK_INT(a.status, 303);
    answer_free(&a);
    /* The published Q&A is on the cached section page at once. */
    request("/hdjl", NULL, NULL, &a);
    CHECK_INT(a.status, 200);
    CHECK_CONTAINS(buf_str(&a.body), "/hdjl/qa/LY2026-000001");
    answer_free(&a);
    request("/hdjl/qa/LY2026-000001", NULL, NULL, &a);
    CHECK_INT(a.status, 200);
    CHECK_CONTAINS(buf_str(&a.body), "路灯不亮");
    CHECK(!strstr(buf_str(&a.body), "13900000001"));
    CHECK(!strstr(buf_str(&a.body), "王小明"));
    answer_free(&a);
    CHECK_INT(audit_rows("message:LY2026-000001"), 3); /* assign, reply, publish */
    /* Transfer LY2026-000003 to zj: then mz is refused and zj may handle it. */
    step(&mz, "LY2026-000003", "action=transfer&to_agency=zj&text=x", &a);
    CHECK_INT(a.status, 303);
    answer_free(&a);
    request("/admin/messages/LY2026-000003", NULL, mz.cookie, &a);
    CHECK_INT(a.status, 403);
    answer_free(&a);
    request("/admin/messages/LY2026-000003", NULL, zj.cookie, &a);
    CHECK_INT(a.status, 200);
    CHECK_CONTAINS(buf_str(&a.body), "已转办");
    answer_free(&a);
    CHECK_INT(audit_rows("message:LY2026-000003"), 1);
    /* The moderation queue: the held message, accepted into handling. */
    request("/admin/messages?list=moderation", NULL, mz.cookie, &a);
    CHECK_CONTAINS(buf_str(&a.body), "LY2026-000002");
    answer_free(&a);
    step(&mz, "LY2026-000002", "action=accept", &a);
    CHECK_INT(a.status, 303);
    answer_free(&a);
    CHECK_INT(count_messages(MSG_MODERATION), 0);
    request("/admin/messages/LY2026-000404", NULL, mz.cookie, &a);
    CHECK_INT(a.status, 404);
    answer_free(&a);
}

void run_tests(void)
{
    if (!setup())
        return;
    test_public_pages();
    test_cache_kept_by_private_writes();
    test_submit_and_lookup();
    test_lookup_limit();
    test_form_errors();
    test_moderation_and_flood();
    test_workspace();
    server_stop(srv);
    portal_close(portal);
}
