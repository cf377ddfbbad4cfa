/* Attachments and publishing channels through the real server (issue 8 items 4 and 5):
 * uploads as a browser sends them (multipart/form-data), files refused by their content
 * whatever their name, a name with a path and control characters, the size limit (the
 * attachment's and the upload route's own body limit, while every other route keeps
 * max_body), the download's headers, de-duplication, removal, the audit rows; the outbox:
 * a WeChat payload of hostile Markdown holds only accepted tags, a Weibo post fits, marking
 * an entry sent records the publication the legacy report counts, the withdrawal lists every
 * channel; and the role and agency boundaries of every new route (403). */
#include "domain/accounts.h"
#include "domain/password.h"
#include "records/import.h"
#include "store/store_accounts.h"
#include "store/store_attachments.h"
#include "store/store_audit.h"
#include "store/store_settings.h"
#include "test_db.h"
#include "test_http.h"
#include "text/weibo_text.h"
#include "util/xalloc.h"
#include "web/admin/attachments.h"
#include "web/reload.h"
#include <strings.h>

static int port;
static char *db;

struct answer {
    long status;
    buf_t body, head;
};

static void answer_free(struct answer *a)
{
    buf_free(&a->body);
    buf_free(&a->head);
}

/* METHOD PATH with the session TOKEN (may be NULL); BODY[0..LEN) sent with CONTENT_TYPE when
 * BODY is given. Redirects are not followed. */
static struct answer exchange(const char *method, const char *path, const char *token, const char *body, size_t len,
                          const char *content_type)
{
    struct answer a = {0, BUF_INIT, BUF_INIT};
    CURL *c = test_http_handle(port, path, &a.body, test_http_append, &a.head, 30);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    char *cookie = token ? xasprintf("gk_session=%s", token) : NULL;
    if (cookie)
        curl_easy_setopt(c, CURLOPT_COOKIE, cookie);
    struct curl_slist *h = NULL;
    char *ct = NULL;
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
        ct = xasprintf("Content-Type: %s", content_type);
        h = curl_slist_append(h, ct);
        /* a large body waits for 100 Continue, so that a 413 comes before it is sent (a
         * server that answers early and closes would otherwise reset the upload) */
        h = curl_slist_append(h, len > 64 * 1024 ? "Expect: 100-continue" : "Expect:");
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    }
    test_http_finish(c, &a.status);
    curl_slist_free_all(h);
    free(ct);
    free(cookie);
    buf_append(&a.body, "", 0);
    buf_append(&a.head, "", 0);
    return a;
}

static struct answer get(const char *path, const char *token)
{
    return exchange("GET", path, token, NULL, 0, NULL);
}

static struct answer post(const char *path, const char *token, const char *form)
{
    return exchange("POST", path, token, form, strlen(form), "application/x-www-form-urlencoded");
}

/* The value of header NAME in A (arena-less: a static buffer), or "". */
static const char *header(const struct answer *a, const char *name)
{
    static char v[1024];
    size_t n = strlen(name);
    for (const char *p = a->head.data; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
        if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
            p += n + 1;
            while (*p == ' ')
                p++;
            snprintf(v, sizeof v, "%.*s", (int)strcspn(p, "\r\n"), p);
            return v;
        }
    return "";
}

/* The first hidden csrf value in A's body (malloc'd) or NULL. */
static char *csrf_in(const struct answer *a)
{
    const char *p = strstr(a->body.data, "name=\"csrf\" value=\"");
    if (!p)
        return NULL;
    p += strlen("name=\"csrf\" value=\"");
    return xstrndup(p, strcspn(p, "\""));
}

struct who {
    char *token, *csrf;
};

/* A session of LOGIN (password Good-pass1) and its CSRF token. */
static struct who login(const char *login)
{
    struct answer form = get("/admin/login", NULL);
    const char *pre = header(&form, "Set-Cookie");
    char *cookie = xstrndup(pre, strcspn(pre, ";")), *csrf = csrf_in(&form);
    char *body = xasprintf("csrf=%s&login=%s&password=Good-pass1&next=%%2Fadmin%%2F", csrf ? csrf : "", login);
    struct answer a = {0, BUF_INIT, BUF_INIT};
    CURL *c = test_http_handle(port, "/admin/login", &a.body, test_http_append, &a.head, 20);
    curl_easy_setopt(c, CURLOPT_COOKIE, cookie);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    test_http_finish(c, &a.status);
    buf_append(&a.head, "", 0);
    struct who w = {NULL, NULL};
    const char *sc = strstr(a.head.data, "gk_session=");
    if (a.status == 303 && sc) {
        sc += strlen("gk_session=");
        w.token = xstrndup(sc, strcspn(sc, ";\r\n"));
        struct answer home = get("/admin/", w.token);
        w.csrf = csrf_in(&home);
        answer_free(&home);
    }
    CHECK(w.token != NULL && w.csrf != NULL);
    answer_free(&a);
    answer_free(&form);
    free(body);
    free(csrf);
    free(cookie);
    return w;
}

static void who_free(struct who *w)
{
    free(w->token);
    free(w->csrf);
}

/* A multipart body as a browser writes it: csrf and item fields, then FILE named NAME. */
static void multipart(buf_t *b, const char *csrf, const char *item, const char *name, const void *data, size_t len)
{
    buf_printf(b, "--XbOuNdArY\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n", csrf ? csrf : "");
    buf_printf(b, "--XbOuNdArY\r\nContent-Disposition: form-data; name=\"item\"\r\n\r\n%s\r\n", item);
    buf_printf(b, "--XbOuNdArY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                  "Content-Type: application/pdf\r\n\r\n", name);
    buf_append(b, data, len);
    buf_puts(b, "\r\n--XbOuNdArY--\r\n");
}

static struct answer upload(const struct who *w, const char *item, const char *name, const void *data, size_t len)
{
    buf_t b = BUF_INIT;
    multipart(&b, w->csrf, item, name, data, len);
    struct answer a = exchange("POST", ATTACHMENT_UPLOAD_PATH, w->token, b.data, b.len,
                           "multipart/form-data; boundary=XbOuNdArY");
    buf_free(&b);
    return a;
}

static int count_one(const struct attachment_info *a, const void *d, size_t sz, void *ud)
{
    (void)a, (void)d, (void)sz;
    ++*(long long *)ud;
    return 0;
}

static long long count_attachments(const char *item)
{
    store_t *s = test_db_at(db);
    long long n = 0;
    char *why = NULL;
    store_attachment_each(s, item, NULL, count_one, &n, &why);
    free(why);
    store_close(s);
    return n;
}


static long long audit_rows(const char *action)
{
    store_t *s = test_db_at(db);
    struct audit_filter f = {.action = action};
    long long n = -1;
    char *why = NULL;
    store_audit_count(s, &f, &n, &why);
    free(why);
    store_close(s);
    return n;
}

static const char pdf[] = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<<>>\n%%EOF\n";

/* The id of the first attachment link (/attachment/N) in A's body, or 0. */
static long long first_attachment(const struct answer *a)
{
    const char *p = strstr(a->body.data, "href=\"/attachment/");
    return p ? atoll(p + strlen("href=\"/attachment/")) : 0;
}

/* ---------------------------------------------------------------- attachments */

static void test_uploads(const struct who *ed)
{
    /* a PDF named .exe: accepted as the PDF it is, its label given the right extension */
    struct answer a = upload(ed, "i1", "报告.exe", pdf, sizeof pdf - 1);
    CHECK_INT(a.status, 303);
    CHECK_STR(header(&a, "Location"), "/admin/attachments?item=i1");
    answer_free(&a);
    a = get("/admin/attachments?item=i1", ed->token);
    CHECK_INT(a.status, 200);
    CHECK_CONTAINS(a.body.data, ">报告.pdf</a>");
    CHECK_CONTAINS(a.body.data, "<td>PDF</td>");
    long long id = first_attachment(&a);
    answer_free(&a);
    CHECK(id > 0);

    /* the download: the sniffed type, a safe name, nosniff, a sandbox */
    char path[64];
    snprintf(path, sizeof path, "/attachment/%lld", id);
    a = get(path, NULL);
    CHECK_INT(a.status, 200);
    CHECK_STR(header(&a, "Content-Type"), "application/pdf");
    CHECK_STR(header(&a, "Content-Disposition"),
              "attachment; filename=\"__.pdf\"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf");
    CHECK_STR(header(&a, "X-Content-Type-Options"), "nosniff");
    CHECK_CONTAINS(header(&a, "Content-Security-Policy"), "sandbox");
    CHECK_INT((long long)a.body.len, (long long)sizeof pdf - 1);
    answer_free(&a);

    /* the public item page lists it with type and size */
    a = get("/item/i1", NULL);
    CHECK_CONTAINS(a.body.data, "报告.pdf</a> <span class=\"file-info\">（PDF，58 B）</span>");
    answer_free(&a);

    /* an HTML file named .pdf: refused beside the field, nothing stored */
    static const char html[] = "<!doctype html><script>alert(document.cookie)</script>";
    a = upload(ed, "i1", "说明.pdf", html, sizeof html - 1);
    CHECK_INT(a.status, 422);
    CHECK_CONTAINS(a.body.data, "无法识别这个文件的类型");
    CHECK_CONTAINS(a.body.data, "id=\"f-file-error\"");
    answer_free(&a);
    CHECK_INT(count_attachments("i1"), 1);

    /* a name with a path, control characters and a bidi override: a clean label */
    a = upload(ed, "i1", "../../etc/\x01pa\x1bss\xE2\x80\xAEwd.pdf", pdf, sizeof pdf - 1);
    CHECK_INT(a.status, 303);
    answer_free(&a);
    a = get("/admin/attachments?item=i1", ed->token);
    CHECK_CONTAINS(a.body.data, ">passwd.pdf</a>");
    CHECK(strstr(a.body.data, "etc/") == NULL);
    answer_free(&a);

    /* a name of nothing but a path: refused */
    a = upload(ed, "i1", "../..", pdf, sizeof pdf - 1);
    CHECK_INT(a.status, 422);
    CHECK_CONTAINS(a.body.data, "文件名不可用");
    answer_free(&a);

    /* no file at all */
    a = upload(ed, "i1", "", "", 0);
    CHECK_INT(a.status, 422);
    CHECK_CONTAINS(a.body.data, "请选择要上传的文件");
    answer_free(&a);

    /* over attachment_max_mib (1 MiB here) but within the route's body limit: refused with
     * its size; past the route's limit: 413 before the handler */
    size_t big = 1024 * 1024 + 10;
    char *data = xmalloc(big);
    memset(data, 'x', big);
    memcpy(data, "%PDF-1.4\n", 9);
    a = upload(ed, "i1", "big.pdf", data, big);
    CHECK_INT(a.status, 422);
    CHECK_CONTAINS(a.body.data, "超过了 1 MiB 的上限");
    answer_free(&a);
    free(data);
    big = attachment_body_limit(1) + 1;
    data = xmalloc(big);
    memset(data, 'x', big);
    a = upload(ed, "i1", "huge.pdf", data, big);
    CHECK_INT(a.status, 413);
    answer_free(&a);
    /* every other route keeps max_body (1 MiB): the same body elsewhere is 413 */
    size_t over = 1024 * 1024 + 100;
    a = exchange("POST", "/admin/outbox/prepare", ed->token, data, over, "application/x-www-form-urlencoded");
    CHECK_INT(a.status, 413);
    answer_free(&a);
    a = exchange("POST", "/admin/attachments/remove", ed->token, data, over, "application/x-www-form-urlencoded");
    CHECK_INT(a.status, 413);
    answer_free(&a);
    free(data);
    CHECK_INT(count_attachments("i1"), 2);

    /* the same bytes on another item: a second row, one blob */
    a = upload(ed, "i2", "copy.pdf", pdf, sizeof pdf - 1);
    CHECK_INT(a.status, 303);
    answer_free(&a);
    store_t *s = test_db_at(db);
    long long blobs = 0;
    char *why = NULL;
    CHECK_INT(store_blob_count(s, &blobs, &why), RES_OK);
    CHECK_INT(blobs, 1);
    store_close(s);
    free(why);

    /* a malformed multipart body is the server's 400, not a crash or a half-parsed form */
    static const char broken[] = "--XbOuNdArY\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nno end";
    a = exchange("POST", ATTACHMENT_UPLOAD_PATH, ed->token, broken, sizeof broken - 1,
             "multipart/form-data; boundary=XbOuNdArY");
    CHECK_INT(a.status, 400);
    answer_free(&a);

    /* removal: the row goes, the blob stays while i2 uses it; both changes audited */
    a = get("/item/i1", NULL); /* the page as cached before */
    CHECK_CONTAINS(a.body.data, "报告.pdf");
    answer_free(&a);
    char *form = xasprintf("csrf=%s&id=%lld", ed->csrf, id);
    a = post("/admin/attachments/remove", ed->token, form);
    CHECK_INT(a.status, 303);
    answer_free(&a);
    free(form);
    CHECK_INT(count_attachments("i1"), 1);
    a = get(path, NULL);
    CHECK_INT(a.status, 404);
    answer_free(&a);
    /* the item page (cached: one server thread, the same connection) no longer lists it */
    a = get("/item/i1", NULL);
    CHECK(strstr(a.body.data, "报告.pdf") == NULL);
    CHECK_CONTAINS(a.body.data, "passwd.pdf");
    answer_free(&a);
    CHECK_INT(audit_rows("attachment.add"), 3);
    CHECK_INT(audit_rows("attachment.remove"), 1);
}

/* A real client's multipart (libcurl's own encoder) is read the same way. */
static void test_curl_mime(const struct who *ed)
{
    struct answer a = {0, BUF_INIT, BUF_INIT};
    CURL *c = test_http_handle(port, ATTACHMENT_UPLOAD_PATH, &a.body, test_http_append, &a.head, 20);
    char *cookie = xasprintf("gk_session=%s", ed->token);
    curl_easy_setopt(c, CURLOPT_COOKIE, cookie);
    curl_mime *m = curl_mime_init(c);
    curl_mimepart *p = curl_mime_addpart(m);
    curl_mime_name(p, "csrf");
    curl_mime_data(p, ed->csrf, CURL_ZERO_TERMINATED);
    p = curl_mime_addpart(m);
    curl_mime_name(p, "item");
    curl_mime_data(p, "i2", CURL_ZERO_TERMINATED);
    p = curl_mime_addpart(m);
    curl_mime_name(p, "file");
    curl_mime_filename(p, "图.png");
    curl_mime_type(p, "text/html"); /* the browser's word: ignored */
    curl_mime_data(p, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    curl_easy_setopt(c, CURLOPT_MIMEPOST, m);
    test_http_finish(c, &a.status);
    curl_mime_free(m);
    free(cookie);
    CHECK_INT(a.status, 303);
    answer_free(&a);
    a = get("/admin/attachments?item=i2", ed->token);
    CHECK_CONTAINS(a.body.data, ">图.png</a>");
    CHECK_CONTAINS(a.body.data, "<td>PNG 图片</td>");
    answer_free(&a);
}

/* ---------------------------------------------------------------- channels */

/* Every tag in the payload shown on the outbox page (escaped once more by the page) is of
 * the WeChat whitelist: returns how many are not. */
static int foreign_tags_escaped(const char *page)
{
    static const char *const ok[] = {"p", "br", "strong", "b", "em", "i", "u", "s", "del", "blockquote", "ul", "ol",
                                     "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th",
                                     "td", "pre", "code", "hr", "section", "span", "sup", "sub"};
    const char *start = strstr(page, "<pre class=\"payload\">&lt;section&gt;");
    const char *end = start ? strstr(start, "</pre>") : NULL;
    if (!start || !end)
        return -1;
    int bad = 0;
    for (const char *p = strstr(start + 5, "&lt;"); p && p < end; p = strstr(p + 4, "&lt;")) {
        const char *q = p + 4 + (p[4] == '/');
        size_t n = strspn(q, "abcdefghijklmnopqrstuvwxyz0123456789");
        bool known = false;
        for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
            known |= strlen(ok[i]) == n && strncmp(ok[i], q, n) == 0;
        /* escaped text that was "<" in the item is "&amp;lt;" here: never a tag */
        bad += !known || strncmp(q + n, "&gt;", 4) != 0;
    }
    return bad;
}

static long long wechat_2024(void)
{
    store_t *s = test_db_at(db);
    struct agency ag = {0};
    struct report_figures f = {0};
    char *why = NULL;
    CHECK_INT(store_get_agency(s, "gn", &ag, &why), RES_OK);
    CHECK_INT(store_report_figures(s, &ag, true, 2024, &f, &why), RES_OK);
    agency_clear(&ag);
    store_close(s);
    free(why);
    return f.pubs_by_channel[PUB_CHANNEL_WECHAT];
}

struct seen {
    long long *wechat;
    int seen;
};

/* Checks each outbox entry of test_outbox's item (prepared, not sent). */
static int each(const struct outbox_entry *e, void *p)
{
    struct seen *ud = p;
    ud->seen++;
    if (strcmp(e->channel, "wechat") == 0) {
        *ud->wechat = e->id;
        CHECK(strstr(e->payload, "<script") == NULL);
        CHECK(strstr(e->payload, "onerror=\"") == NULL);
        CHECK(strstr(e->payload, "<a ") == NULL && strstr(e->payload, "<img") == NULL);
        CHECK_CONTAINS(e->payload, "<p>原文链接：https://www.gongnong.gov.cn/item/i1</p>");
    } else if (strcmp(e->channel, "weibo") == 0) {
        CHECK(weibo_length(e->payload) <= WEIBO_MAX);
        CHECK_STR(e->payload, "【通知】详见附件。alert(1) x(javascript:alert(3)) b 详情：https://www.gongnong.gov.cn/item/i1");
    } else {
        CHECK_STR(e->payload, "《通知》（工政发〔2024〕1号）工农区人民政府，2024-02-20 成文。");
    }
    CHECK(e->sent_on == NULL);
    return 0;
}

static void test_outbox(const struct who *ed, const struct who *rev, const struct who *adm)
{
    char *form = xasprintf("csrf=%s&item=i1&channel=wechat&channel=weibo&channel=gazette", ed->csrf);
    struct answer a = post("/admin/outbox/prepare", ed->token, form);
    CHECK_INT(a.status, 303);
    answer_free(&a);
    free(form);
    a = get("/admin/outbox", rev->token);
    CHECK_INT(a.status, 200);
    CHECK_INT(foreign_tags_escaped(a.body.data), 0);
    CHECK_CONTAINS(a.body.data, "【通知】");
    answer_free(&a);

    /* the payloads, from the store: Weibo within 140, gazette listing, WeChat without script */
    store_t *s = test_db_at(db);
    long long wechat_id = 0;
    struct seen ud = {&wechat_id, 0};
    char *why = NULL;
    CHECK_INT(store_outbox_each(s, "gn", each, &ud, &why), RES_OK);
    CHECK_INT(ud.seen, 3);
    store_close(s);
    free(why);

    /* the item editor's link opens the form ready for its item */
    a = get("/admin/outbox?item=i2", ed->token);
    CHECK_CONTAINS(a.body.data, "name=\"item\" value=\"i2\"");
    answer_free(&a);

    /* no channel, a foreign item, the website (the portal itself): refused */
    form = xasprintf("csrf=%s&item=i1", ed->csrf);
    a = post("/admin/outbox/prepare", ed->token, form);
    CHECK_INT(a.status, 422);
    CHECK_CONTAINS(a.body.data, "请至少选择一个渠道");
    answer_free(&a);
    free(form);
    form = xasprintf("csrf=%s&item=i1&channel=website", ed->csrf);
    a = post("/admin/outbox/prepare", ed->token, form);
    CHECK_INT(a.status, 422);
    answer_free(&a);
    free(form);

    /* marking it sent records the publication the legacy report counts */
    long long before = wechat_2024();
    form = xasprintf("csrf=%s&id=%lld&on=2024-05-06", rev->csrf, wechat_id);
    a = post("/admin/outbox/sent", rev->token, form);
    CHECK_INT(a.status, 303);
    answer_free(&a);
    CHECK_INT(wechat_2024(), before + 1);
    a = post("/admin/outbox/sent", rev->token, form); /* twice: one publication */
    CHECK_INT(a.status, 400);
    answer_free(&a);
    free(form);
    CHECK_INT(wechat_2024(), before + 1);
    form = xasprintf("csrf=%s&id=%lld&on=2999-01-01", rev->csrf, wechat_id + 1);
    a = post("/admin/outbox/sent", rev->token, form);
    CHECK_INT(a.status, 422); /* a date in the future */
    answer_free(&a);
    free(form);
    CHECK_INT(audit_rows("outbox.sent"), 1);

    /* the withdrawal lists every channel that carried the item: the website and WeChat */
    a = get("/admin/outbox/withdraw?item=i1", rev->token);
    CHECK_INT(a.status, 200);
    CHECK_CONTAINS(a.body.data, "<td>门户网站</td><td>2024-03-01</td>");
    CHECK_CONTAINS(a.body.data, "<td>微信公众号</td><td>2024-05-06</td>");
    CHECK(strstr(a.body.data, "政务微博") == NULL); /* prepared, never sent: never carried it */
    answer_free(&a);
    form = xasprintf("csrf=%s&item=i1&channel=wechat&on=2024-06-01", rev->csrf);
    a = post("/admin/outbox/withdraw", rev->token, form);
    CHECK_INT(a.status, 303);
    answer_free(&a);
    a = post("/admin/outbox/withdraw", rev->token, form);
    CHECK_INT(a.status, 422); /* already recorded */
    answer_free(&a);
    free(form);
    form = xasprintf("csrf=%s&item=i1&channel=weibo&on=2024-06-01", rev->csrf);
    a = post("/admin/outbox/withdraw", rev->token, form);
    CHECK_INT(a.status, 422); /* never carried it */
    answer_free(&a);
    free(form);
    a = get("/admin/outbox/withdraw?item=i1", rev->token);
    CHECK_CONTAINS(a.body.data, "已于 2024-06-01 撤回");
    answer_free(&a);
    CHECK_INT(audit_rows("channel.withdraw"), 1);

    /* the agency admin names its channels; the pages use the name */
    form = xasprintf("csrf=%s&name_wechat=%%E5%%B7%%A5%%E5%%86%%9C%%E5%%8C%%BA%%E4%%BA%%BA%%E6%%B0%%91%%E6%%94%%BF%%E5%%BA%%9C"
                     "%%E5%%BE%%AE%%E4%%BF%%A1%%E5%%85%%AC%%E4%%BC%%97%%E5%%8F%%B7",
                     adm->csrf);
    a = post("/admin/outbox/names", adm->token, form);
    CHECK_INT(a.status, 303);
    answer_free(&a);
    free(form);
    a = get("/admin/outbox", ed->token);
    CHECK_CONTAINS(a.body.data, "<td>工农区人民政府微信公众号</td>");
    answer_free(&a);
}

/* ---------------------------------------------------------------- the item editor */

/* The version field of the item page ID, as REV sees it. */
static int item_version(const struct who *w, long long id)
{
    char path[64];
    snprintf(path, sizeof path, "/admin/items/%lld", id);
    struct answer a = get(path, w->token);
    const char *v = strstr(a.body.data, "name=\"version\" value=\"");
    int n = v ? atoi(v + strlen("name=\"version\" value=\"")) : -1;
    answer_free(&a);
    return n;
}

static long act(const struct who *w, long long id, const char *action, const char *more)
{
    char path[64];
    snprintf(path, sizeof path, "/admin/items/%lld/act", id);
    char *form = xasprintf("csrf=%s&action=%s&version=%d%s", w->csrf, action, item_version(w, id), more ? more : "");
    struct answer a = post(path, w->token, form);
    long st = a.status;
    if (st == 303 && more && strstr(more, "channel=")) /* publishing with channels: on to the outbox */
        CHECK_STR(header(&a, "Location"), "/admin/outbox");
    answer_free(&a);
    free(form);
    return st;
}

static int count_entry(const struct outbox_entry *e, void *ud)
{
    if (strcmp(e->item_title, "附件与渠道测试") == 0)
        ++*(int *)ud;
    return 0;
}

/* The editorial workflow's item page links the attachments and channels; its draft takes an
 * attachment but nothing goes to the outbox before approval; publishing with channels chosen
 * prepares their payloads. */
static void test_editor(const struct who *ed, const struct who *rev)
{
    char *form = xasprintf("csrf=%s&token=att-1&title=%%E9%%99%%84%%E4%%BB%%B6%%E4%%B8%%8E%%E6%%B8%%A0%%E9%%81%%93"
                           "%%E6%%B5%%8B%%E8%%AF%%95&column=gkml%%2Fgsgg&written=2024-05-01&body=%%E6%%AD%%A3%%E6%%96%%87",
                           ed->csrf);
    struct answer a = post("/admin/items/new", ed->token, form);
    free(form);
    CHECK_INT(a.status, 303);
    const char *loc = header(&a, "Location");
    long long id = strncmp(loc, "/admin/items/", 13) == 0 ? atoll(loc + 13) : 0;
    answer_free(&a);
    CHECK(id > 0);
    char path[64];
    snprintf(path, sizeof path, "/admin/items/%lld", id);
    a = get(path, ed->token);
    CHECK_CONTAINS(a.body.data, ">附件</a>");
    CHECK(strstr(a.body.data, "href=\"/admin/outbox?item=") == NULL); /* a draft: no channels yet */
    const char *h = strstr(a.body.data, "/admin/attachments?item=");
    char ext[80] = "";
    if (h)
        sscanf(h + strlen("/admin/attachments?item="), "%79[^\"]", ext);
    answer_free(&a);
    CHECK(ext[0] != '\0');
    /* the draft takes an attachment; the outbox refuses it */
    a = upload(ed, ext, "草稿附件.pdf", pdf, sizeof pdf - 1);
    CHECK_INT(a.status, 303);
    answer_free(&a);
    form = xasprintf("csrf=%s&item=%s&channel=wechat", ed->csrf, ext);
    a = post("/admin/outbox/prepare", ed->token, form);
    CHECK_INT(a.status, 422);
    CHECK_CONTAINS(a.body.data, "尚未审核通过");
    answer_free(&a);
    free(form);
    /* submitted, approved, published with WeChat and Weibo chosen */
    CHECK_INT(act(ed, id, "submit", NULL), 303);
    CHECK_INT(act(rev, id, "approve", NULL), 303);
    a = get(path, rev->token);
    CHECK_CONTAINS(a.body.data, "name=\"channel\" value=\"wechat\"");
    CHECK_CONTAINS(a.body.data, "href=\"/admin/outbox?item=");
    answer_free(&a);
    CHECK_INT(act(rev, id, "publish", "&channel=wechat&channel=weibo"), 303);
    store_t *s = test_db_at(db);
    int n = 0;
    char *why = NULL;
    CHECK_INT(store_outbox_each(s, "gn", count_entry, &n, &why), RES_OK);
    CHECK_INT(n, 2);
    store_close(s);
    free(why);
}

/* ---------------------------------------------------------------- boundaries */

static void test_roles(const struct who *ed, const struct who *aud, const struct who *hdl, const struct who *rev,
                       const struct who *edx, const struct who *root)
{
    const struct who *none[] = {aud, hdl, root};
    for (size_t i = 0; i < 3; i++) {
        struct answer a = get("/admin/attachments?item=i1", none[i]->token);
        CHECK_INT(a.status, 403);
        answer_free(&a);
        a = get("/admin/outbox", none[i]->token);
        CHECK_INT(a.status, 403);
        answer_free(&a);
        a = upload(none[i], "i1", "a.pdf", pdf, sizeof pdf - 1);
        CHECK_INT(a.status, 403);
        answer_free(&a);
    }
    /* a reviewer sends and withdraws, but neither attaches nor prepares */
    struct answer a = upload(rev, "i1", "a.pdf", pdf, sizeof pdf - 1);
    CHECK_INT(a.status, 403);
    answer_free(&a);
    char *form = xasprintf("csrf=%s&item=i1&channel=weibo", rev->csrf);
    a = post("/admin/outbox/prepare", rev->token, form);
    CHECK_INT(a.status, 403);
    answer_free(&a);
    free(form);
    /* an editor does not name channels */
    form = xasprintf("csrf=%s&name_wechat=x", ed->csrf);
    a = post("/admin/outbox/names", ed->token, form);
    CHECK_INT(a.status, 403);
    answer_free(&a);
    free(form);
    /* another agency's editor: nothing of gn's */
    a = get("/admin/attachments?item=i1", edx->token);
    CHECK_INT(a.status, 403);
    answer_free(&a);
    a = upload(edx, "i1", "a.pdf", pdf, sizeof pdf - 1);
    CHECK_INT(a.status, 403);
    answer_free(&a);
    a = upload(edx, "x1", "a.pdf", pdf, sizeof pdf - 1); /* its own item: fine */
    CHECK_INT(a.status, 303);
    answer_free(&a);
    a = get("/admin/attachments?item=i2", ed->token);
    long long id = first_attachment(&a);
    answer_free(&a);
    form = xasprintf("csrf=%s&id=%lld", edx->csrf, id);
    a = post("/admin/attachments/remove", edx->token, form);
    CHECK_INT(a.status, 403);
    answer_free(&a);
    free(form);
    form = xasprintf("csrf=%s&item=i1&channel=wechat", edx->csrf);
    a = post("/admin/outbox/prepare", edx->token, form);
    CHECK_INT(a.status, 403);
    answer_free(&a);
    free(form);
    form = xasprintf("csrf=%s&id=2&on=2024-05-06", edx->csrf);
    a = post("/admin/outbox/sent", edx->token, form);
    CHECK_INT(a.status, 403);
    answer_free(&a);
    free(form);
    a = get("/admin/outbox/withdraw?item=i1", edx->token);
    CHECK_INT(a.status, 403);
    answer_free(&a);
    a = get("/admin/outbox", edx->token); /* its own outbox: none of gn's entries */
    CHECK_INT(a.status, 200);
    CHECK(strstr(a.body.data, "通知（i1）") == NULL);
    answer_free(&a);
    /* an unknown item */
    a = get("/admin/attachments?item=nope", ed->token);
    CHECK_INT(a.status, 404);
    answer_free(&a);
    /* the dashboard links the new pages for the roles that may open them */
    a = get("/admin/", ed->token);
    CHECK_CONTAINS(a.body.data, "href=\"/admin/attachments\"");
    CHECK_CONTAINS(a.body.data, "href=\"/admin/outbox\"");
    answer_free(&a);
    a = get("/admin/", aud->token);
    CHECK(strstr(a.body.data, "href=\"/admin/attachments\"") == NULL);
    answer_free(&a);
}

/* ---------------------------------------------------------------- setup */

static const char records[] =
    "{\"type\":\"agency\",\"code\":\"gn\",\"name\":\"工农区人民政府\",\"kind\":\"government\"}\n"
    "{\"type\":\"agency\",\"code\":\"gn-x\",\"name\":\"工农区财政局\",\"parent\":\"gn\",\"kind\":\"department\"}\n"
    "{\"type\":\"item\",\"id\":\"i1\",\"agency\":\"gn\",\"title\":\"通知\",\"doc_no\":\"工政发〔2024〕1号\","
    "\"written\":\"2024-02-20\",\"body\":\"详见附件。<script>alert(1)</script>\\n\\n<img src=x onerror=\\\"alert(2)\\\">"
    " [x](javascript:alert(3)) <b style=\\\"background:url(//evil)\\\">b</b>\","
    "\"publications\":[{\"channel\":\"website\",\"at\":\"2024-03-01\"}]}\n"
    "{\"type\":\"item\",\"id\":\"i2\",\"agency\":\"gn\",\"title\":\"公告\","
    "\"publications\":[{\"channel\":\"website\",\"at\":\"2024-03-02\"}]}\n"
    "{\"type\":\"item\",\"id\":\"x1\",\"agency\":\"gn-x\",\"title\":\"财政公告\","
    "\"publications\":[{\"channel\":\"website\",\"at\":\"2024-03-03\"}]}\n";

static void add_user(store_t *s, const char *login, const char *agency, unsigned roles)
{
    char hash[PASSWORD_HASH_MAX], *why = NULL;
    CHECK(password_hash("Good-pass1", hash));
    CHECK_INT(store_user_add(s, login, agency, roles, hash, 1, NULL, &why), RES_OK);
    free(why);
}

void run_tests(void)
{
    db = xasprintf("%s/gongkai.db", test_tmpdir());
    store_t *s = test_db_at(db);
    FILE *in = fmemopen((void *)records, strlen(records), "r");
    struct import_result ir;
    CHECK_INT(import_stream(s, in, "(records)", false, stderr, &ir), RES_OK);
    fclose(in);
    add_user(s, "ed", "gn", ROLE_EDITOR);
    add_user(s, "rev", "gn", ROLE_REVIEWER);
    add_user(s, "adm", "gn", ROLE_ADMIN);
    add_user(s, "aud", "gn", ROLE_AUDITOR);
    add_user(s, "hdl", "gn", ROLE_HANDLER);
    add_user(s, "edx", "gn-x", ROLE_EDITOR);
    add_user(s, "root", NULL, ROLE_PLATFORM_ADMIN);
    char *why = NULL;
    CHECK_INT(store_setting_set(s, "attachment_max_mib", "1", &why), RES_OK);
    free(why);
    store_close(s);

    curl_global_init(CURL_GLOBAL_DEFAULT);
    char *err = NULL;
    struct portal *p = portal_open(db, NULL, &err);
    CHECK(p != NULL);
    if (!p)
        return;
    struct server_config cfg = server_config_defaults();
    reload_server_config(p, &cfg); /* as `gongkai serve` does: the upload route's limit */
    cfg.threads = 1; /* one connection: the page cache must learn of the workspace's own writes */
    cfg.error_log = NULL;
    CHECK_STR(cfg.upload_path, "/admin/attachments/upload");
    CHECK_INT((long long)cfg.upload_max_body, (long long)attachment_body_limit(1));
    server_t *srv = test_serve_portal(p, &cfg, &err);
    CHECK(srv != NULL);
    if (!srv)
        return;
    port = server_port(srv);

    struct who ed = login("ed"), rev = login("rev"), adm = login("adm"), aud = login("aud"), hdl = login("hdl"),
               edx = login("edx"), root = login("root");
    test_uploads(&ed);
    test_curl_mime(&ed);
    test_outbox(&ed, &rev, &adm);
    test_editor(&ed, &rev);
    test_roles(&ed, &aud, &hdl, &rev, &edx, &root);
    struct who *all[] = {&ed, &rev, &adm, &aud, &hdl, &edx, &root};
    for (size_t i = 0; i < 7; i++)
        who_free(all[i]);

    server_stop(srv);
    portal_close(p);
    curl_global_cleanup();
    free(err);
    free(db);
}
