/* The public portal, end to end: a demo database built in-process (demo generator +
 * importer, plus hostile records), the real server on a free loopback port with
 * portal_routes(), driven with libcurl. Every page type: status, content, the national
 * monitoring meta tags, footer marks, caching headers, pagination, filters, the error page,
 * HEAD, ETag/304, the 长者模式 switch, hostile input coming out inert, and `tidy -q -e` on
 * the HTML of every page type. Also the Markdown sanitizer and theme overrides alone. */
#include "test.h"
#include "test_http.h"
#include "demo/demo.h"
#include "records/import.h"
#include "store/sqlite/sqlite_fts.h"
#include "store/store.h"
#include "util/embed.h"
#include "util/xalloc.h"
#include "web/portal.h"
#include "web/site.h"
#include "web/server.h"
#include <curl/curl.h>
#include <jansson.h>
#include <sqlite3.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static long timeout_s(void)
{
    return getenv("GONGKAI_UNDER_VALGRIND") ? 120 : 20;
}

/* ------------------------------------------------------------------ HTTP client */

struct resp {
    long status;
    buf_t body, head;
};

static int port;

/* METHOD "GET" or "HEAD"; HEADER an extra request header or NULL. */
static void http(const char *method, const char *path, const char *header, struct resp *r)
{
    memset(r, 0, sizeof *r);
    CURL *c = test_http_handle(port, path, &r->body, test_http_append, &r->head, timeout_s());
    curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
    if (strcmp(method, "HEAD") == 0)
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    struct curl_slist *hl = header ? curl_slist_append(NULL, header) : NULL;
    if (hl)
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
    CURLcode rc = test_http_finish(c, &r->status);
    if (rc != CURLE_OK)
        fprintf(stderr, "  curl %s: %s\n", path, curl_easy_strerror(rc));
    curl_slist_free_all(hl);
    buf_append(&r->body, "", 0);
    buf_append(&r->head, "", 0);
}

static void resp_free(struct resp *r)
{
    buf_free(&r->body);
    buf_free(&r->head);
}

/* The status GET PATH answers with. */
static long get_status(const char *path)
{
    struct resp r;
    http("GET", path, NULL, &r);
    long status = r.status;
    resp_free(&r);
    return status;
}

/* The value of response header NAME (a static copy), or NULL. */
static const char *hdr(const struct resp *r, const char *name)
{
    static char v[1024];
    size_t n = strlen(name);
    for (const char *line = buf_str(&r->head); *line;) {
        const char *end = strstr(line, "\r\n");
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len > n && strncasecmp(line, name, n) == 0 && line[n] == ':') {
            const char *val = line + n + 1;
            while (*val == ' ')
                val++;
            size_t vl = (size_t)(line + len - val);
            if (vl >= sizeof v)
                vl = sizeof v - 1;
            memcpy(v, val, vl);
            v[vl] = 0;
            return v;
        }
        line += len + (end ? 2 : 0);
    }
    return NULL;
}

static const char *body(const struct resp *r)
{
    return buf_str(&r->body);
}

static int count_of(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* ------------------------------------------------------------------ tidy */

static int tidy_runs;

/* `tidy -q -e` on BODY: no errors, and no warning but the one tidy 5.6 gives for
 * aria-current (ARIA 1.1; tidy's attribute table predates it). A missing tidy fails. */
static void check_tidy(const char *what, const char *html)
{
    char file[600];
    snprintf(file, sizeof file, "%s/tidy-%d.html", test_tmpdir(), tidy_runs++);
    FILE *f = fopen(file, "wb");
    if (!f) {
        CHECK(!"cannot write the tidy input");
        return;
    }
    fputs(html, f);
    fclose(f);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "tidy -q -e '%s' 2>&1", file);
    FILE *p = popen(cmd, "r");
    if (!p) {
        CHECK(!"popen tidy");
        return;
    }
    buf_t out = BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        buf_append(&out, chunk, n);
    int st = pclose(p);
    int code = WIFEXITED(st) ? WEXITSTATUS(st) : 99;
    bool ok = code == 0 || code == 1;
    /* Every line must be the aria-current warning. */
    for (const char *line = buf_str(&out); *line;) {
        size_t len = strcspn(line, "\n");
        char one[1024];
        snprintf(one, sizeof one, "%.*s", (int)(len < 1000 ? len : 1000), line);
        if (len && !strstr(one, "proprietary attribute \"aria-current\""))
            ok = false;
        line += len + (line[len] == '\n');
    }
    if (!ok)
        fprintf(stderr, "  tidy %s (exit %d):\n%s\n", what, code, buf_str(&out));
    CHECK(ok);
    buf_free(&out);
}

/* ------------------------------------------------------------------ the database */

static char db_path[600];

static const char *hostile_jsonl =
    "{\"type\":\"agency\",\"code\":\"evil\\\"'<>&x\",\"parent\":\"gongnong\",\"kind\":\"department\","
    "\"name\":\"<script>window.pwned=1</script>恶意局\",\"address\":\"\\\"><img src=x onerror=alert(2)>\","
    "\"phone\":\"javascript:alert(3)\"}\n"
    "{\"type\":\"item\",\"id\":\"evil-1\",\"agency\":\"evil\\\"'<>&x\",\"column\":\"gkml/wjfg\","
    "\"title\":\"\\\"><svg onload=alert(4)>恶意标题</title><script>alert(5)</script>\","
    "\"body\":\"正文<script>alert(6)</script>\\n\\n[点我](javascript:alert(7)) [再点](JaVaScRiPt:alert(8)) "
    "[实体](&#106;avascript:alert(9)) ![图](javascript:alert(10)) <img src=x onerror=alert(11)>"
    " [好链接](https://www.gov.cn/) [站内](/gkml)\\n\\n# 标题一\","
    "\"index_no\":\"<b>idx</b>'\\\"\",\"doc_no\":\"工农政规〔2024〕99号</title>\",\"topic\":\"'\\\"><svg onload=alert(12)>\","
    "\"genre\":\"<i>通知</i>\",\"written\":\"2024-03-01\",\"statutory\":\"normative_document\","
    "\"publications\":[{\"channel\":\"website\",\"at\":\"2024-03-02\"}]}\n";

static void apply_sql(const char *name)
{
    const struct embedded_file *f = embedded_find(name);
    CHECK(f != NULL);
    if (!f)
        return;
    sqlite3 *db;
    CHECK(sqlite3_open(db_path, &db) == SQLITE_OK);
    char *msg = NULL;
    int rc = sqlite3_exec(db, (const char *)f->data, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fprintf(stderr, "  %s: %s\n", name, msg ? msg : "?");
    CHECK(rc == SQLITE_OK);
    sqlite3_free(msg);
    sqlite3_close(db);
}

static void sql_exec(const char *sql)
{
    sqlite3 *db;
    CHECK(sqlite3_open(db_path, &db) == SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    CHECK(sqlite_fts_register(db) == SQLITE_OK); /* the search index's triggers tokenize */
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fprintf(stderr, "  sql: %s\n", msg ? msg : "?");
    CHECK(rc == SQLITE_OK);
    sqlite3_free(msg);
    sqlite3_close(db);
}

/* One text value of SQL (a static copy) or "". */
static const char *sql_text(const char *sql)
{
    static char v[512];
    v[0] = 0;
    sqlite3 *db;
    sqlite3_stmt *st;
    if (sqlite3_open(db_path, &db) != SQLITE_OK)
        return v;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
            snprintf(v, sizeof v, "%s", (const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return v;
}

/* Creates PATH with the schema (and the portal's migration while it is not yet in the
 * migration list); with DEMO, loads the demo data set and the hostile records. */
static void build_db(const char *path, bool demo)
{
    snprintf(db_path, sizeof db_path, "%s", path);
    store_t *s;
    char *err = NULL;
    CHECK(store_open(path, &s, &err) == 0);
    CHECK(store_migrate(s, &err) == 0);
    if (err)
        fprintf(stderr, "  migrate: %s\n", err);
    free(err);
    err = NULL;
    if (store_schema_current() < 2)
        apply_sql("sql/sqlite/002_portal.sql");
    if (demo) {
        FILE *tmp = tmpfile();
        CHECK(tmp && demo_write_jsonl(tmp) == 0);
        rewind(tmp);
        struct import_result res;
        CHECK(import_stream(s, tmp, "(demo)", false, stderr, &res) == 0);
        fclose(tmp);
        FILE *h = fmemopen((void *)hostile_jsonl, strlen(hostile_jsonl), "r");
        CHECK(import_stream(s, h, "(hostile)", false, stderr, &res) == 0);
        fclose(h);
    }
    store_close(s);
    if (demo)
        sql_exec("INSERT INTO attachments (item_id, name, mime, size, sha256, data)"
                 " SELECT id, '<b>附件</b>\".html', 'text/html', 26, 'x', CAST('<script>alert(1)</script>' AS BLOB)"
                 " FROM items WHERE ext_id = 'evil-1';"
                 "INSERT INTO attachments (item_id, name, mime, size, sha256, data)"
                 " SELECT id, '实施细则.pdf', 'application/pdf', 8, 'y', CAST('%PDF-1.4' AS BLOB)"
                 " FROM items WHERE ext_id = 'evil-1';");
}

/* ------------------------------------------------------------------ checks */

/* What every HTML page carries. */
static void check_layout(const char *what, const struct resp *r)
{
    const char *b = body(r);
    int fails = test_failed_;
    CHECK_CONTAINS(b, "<!doctype html>");
    CHECK_CONTAINS(b, "<html lang=\"zh-CN\"");
    CHECK_CONTAINS(b, "<meta charset=\"utf-8\">");
    CHECK_CONTAINS(b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    CHECK_CONTAINS(b, "<meta name=\"SiteName\" content=\"工农区人民政府\">");
    CHECK_CONTAINS(b, "<meta name=\"SiteDomain\" content=\"www.gongnong.gov.cn\">");
    CHECK_CONTAINS(b, "<meta name=\"SiteIDCode\" content=\"2304030001\">");
    CHECK_CONTAINS(b, "<a class=\"skip\" href=\"#main\">");
    CHECK_CONTAINS(b, "<main id=\"main\"");
    CHECK_CONTAINS(b, "<nav class=\"mainnav\" aria-label=\"主导航\">");
    CHECK_CONTAINS(b, "action=\"/search\"");
    CHECK_CONTAINS(b, "<label for=\"q\"");
    CHECK_CONTAINS(b, "长者模式</a>");
    CHECK_CONTAINS(b, "主办单位：工农区人民政府");
    CHECK_CONTAINS(b, "网站标识码：2304030001");
    CHECK_CONTAINS(b, "黑ICP备");
    CHECK_CONTAINS(b, "黑公网安备");
    CHECK_CONTAINS(b, "href=\"/wzdt\">网站地图");
    CHECK_CONTAINS(b, "href=\"/lxwm\">联系我们");
    CHECK_CONTAINS(b, "我为政府网站找错</a>");
    CHECK_CONTAINS(b, "/static/site.css?v=");
    CHECK(!strstr(b, "style=\""));     /* CSP: no inline style attributes */
    CHECK(!strstr(b, "<script"));      /* no JavaScript at all */
    if (test_failed_ != fails)
        fprintf(stderr, "  (layout of %s)\n", what);
}

static void check_page_headers(const char *what, const struct resp *r)
{
    int fails = test_failed_;
    CHECK_INT(r->status, 200);
    CHECK_STR(hdr(r, "Content-Type"), "text/html; charset=utf-8");
    CHECK_STR(hdr(r, "Cache-Control"), "public, no-cache");
    CHECK_STR(hdr(r, "Vary"), "Cookie");
    CHECK(hdr(r, "ETag") != NULL);
    CHECK(hdr(r, "Content-Security-Policy") != NULL);
    if (test_failed_ != fails)
        fprintf(stderr, "  (headers of %s)\n", what);
}

/* A normal page: 200, headers, layout, tidy. The response is left in R. */
static void page(const char *path, struct resp *r)
{
    http("GET", path, NULL, r);
    check_page_headers(path, r);
    check_layout(path, r);
    check_tidy(path, body(r));
}

/* Hostile payloads that must never appear as markup. */
static void check_inert(const char *what, const char *b)
{
    int fails = test_failed_;
    CHECK(!strstr(b, "<script>"));
    CHECK(!strstr(b, "<svg onload"));
    CHECK(!strstr(b, "<img src=x"));
    CHECK(!strstr(b, "href=\"javascript:"));
    CHECK(!strstr(b, "src=\"javascript:"));
    CHECK(!strstr(b, "href=\"JaVaScRiPt"));
    CHECK(!strstr(b, "\"><svg"));
    CHECK(!strstr(b, "<b>idx</b>"));
    CHECK(!strstr(b, "</title><script"));
    if (test_failed_ != fails)
        fprintf(stderr, "  (hostile content in %s)\n", what);
}

/* ------------------------------------------------------------------ tests */

static void test_home_and_nav(void)
{
    struct resp r;
    page("/", &r);
    const char *b = body(&r);
    CHECK_CONTAINS(b, "<title>工农区人民政府</title>");
    CHECK_CONTAINS(b, "工作动态");
    CHECK_CONTAINS(b, "通知公告");
    CHECK_CONTAINS(b, "政策文件");
    CHECK_CONTAINS(b, "href=\"/column/bmfw/bszn\">办事指南");
    CHECK_CONTAINS(b, "href=\"/zfxxgk/zn\">政府信息公开指南");
    CHECK_CONTAINS(b, "href=\"/zfxxgk/nb\">政府信息公开年报");
    CHECK_CONTAINS(b, "href=\"/agency/gn-rsj\">工农区人力资源和社会保障局");
    CHECK(count_of(b, "href=\"/item/") >= 24);
    CHECK_CONTAINS(b, "<a href=\"/\" aria-current=\"page\">首页</a>");
    CHECK_CONTAINS(b, "href=\"/mode?to=elder&amp;back=%2F\"");
    CHECK_CONTAINS(b, "<time datetime=\"2024-12-31\">2024-12-31</time>");
    CHECK_CONTAINS(b, "<a href=\"https://bszs.conac.cn/sitename?method=show&amp;id=0000000000000000\"");
    CHECK(!strstr(b, "class=\"crumbs\"")); /* no breadcrumbs on the home page */
    check_inert("/", b);
    resp_free(&r);

    page("/zwgk", &r);
    CHECK_CONTAINS(body(&r), "<h1>政务公开</h1>");
    CHECK_CONTAINS(body(&r), "<nav class=\"subnav\" aria-label=\"栏目导航\">");
    CHECK_CONTAINS(body(&r), "href=\"/gkml\">信息公开目录");
    resp_free(&r);

    page("/wzdt", &r);
    CHECK_CONTAINS(body(&r), "<h1>网站地图</h1>");
    CHECK_CONTAINS(body(&r), "href=\"/column/gkml/ldjj\">领导简介");
    CHECK_CONTAINS(body(&r), "href=\"/zfxxgk/fdzdgknr\">法定主动公开内容");
    CHECK_CONTAINS(body(&r), "href=\"/column/qyzc/zsyz\">招商引资");
    resp_free(&r);

    page("/lxwm", &r);
    CHECK_CONTAINS(body(&r), "<h1>联系我们</h1>");
    CHECK_CONTAINS(body(&r), "工农区中心大街18号");
    resp_free(&r);

    page("/wza", &r);
    CHECK_CONTAINS(body(&r), "<h1>无障碍说明</h1>");
    CHECK_CONTAINS(body(&r), "GB/T 37668");
    resp_free(&r);

    /* The footer's contact line comes from the root agency's record. */
    page("/agency", &r);
    CHECK_CONTAINS(body(&r), "地址：工农区中心大街18号");
    CHECK_CONTAINS(body(&r), "电话：0468-3610100");
    CHECK_CONTAINS(body(&r), "<h2 id=\"h-department\">政府工作部门</h2>");
    CHECK_CONTAINS(body(&r), "<h2 id=\"h-township\">街道（乡镇）</h2>");
    check_inert("/agency", body(&r));
    resp_free(&r);
}

static void test_columns(void)
{
    struct resp r;
    page("/column/gkml/wjfg", &r);
    const char *b = body(&r);
    CHECK_CONTAINS(b, "<h1>文件法规</h1>");
    CHECK_CONTAINS(b, "<meta name=\"ColumnName\" content=\"文件法规\">");
    CHECK_CONTAINS(b, "<meta name=\"ColumnDescription\" content=\"");
    CHECK_CONTAINS(b, "<meta name=\"ColumnKeywords\" content=\"");
    CHECK_CONTAINS(b, "<meta name=\"ColumnType\" content=\"信息公开\">");
    CHECK(!strstr(b, "ArticleTitle"));
    CHECK_INT(count_of(b, "<li><a href=\"/item/"), 20);
    CHECK_CONTAINS(b, "<nav class=\"pager\" aria-label=\"分页\">");
    CHECK_CONTAINS(b, "href=\"/column/gkml/wjfg?page=2\"");
    CHECK_CONTAINS(b, "rel=\"next\"");
    CHECK_CONTAINS(b, "<a href=\"/column/gkml\">信息公开专栏</a>"); /* breadcrumbs */
    CHECK_CONTAINS(b, "<span aria-current=\"page\">文件法规</span>");
    check_inert("wjfg", b); /* the hostile item sits in this column */
    resp_free(&r);

    /* Newest first by first publication. */
    page("/column/gzdt", &r);
    b = body(&r);
    const char *first = strstr(b, "<time datetime=\"");
    const char *second = first ? strstr(first + 1, "<time datetime=\"") : NULL;
    CHECK(first && second && strncmp(first + 16, second + 16, 10) >= 0);
    CHECK_CONTAINS(b, "共 1640 条");
    CHECK_CONTAINS(b, "href=\"/column/gzdt?page=82\">82</a>");
    resp_free(&r);

    page("/column/gzdt?page=3", &r);
    b = body(&r);
    CHECK_CONTAINS(b, "<a href=\"/column/gzdt?page=3\" aria-current=\"page\">3</a>");
    CHECK_CONTAINS(b, "href=\"/column/gzdt?page=2\" rel=\"prev\"");
    CHECK_CONTAINS(b, "href=\"/column/gzdt\">1</a>");
    CHECK_CONTAINS(b, "第 3 页，共 82 页");
    CHECK_CONTAINS(b, "<title>工作动态（第3页） - 工农区人民政府</title>");
    CHECK_INT(count_of(b, "<li><a href=\"/item/"), 20);
    resp_free(&r);

    page("/column/gzdt?page=82", &r);
    CHECK_INT(count_of(body(&r), "<li><a href=\"/item/"), 1640 - 81 * 20);
    CHECK(!strstr(body(&r), "rel=\"next\""));
    resp_free(&r);

    http("GET", "/column/gzdt?page=83", NULL, &r);
    CHECK_INT(r.status, 404);
    CHECK_CONTAINS(body(&r), "没有第 83 页");
    resp_free(&r);
    CHECK_INT(get_status("/column/gzdt?page=0"), 400);
    CHECK_INT(get_status("/column/gzdt?page=abc"), 400);
    CHECK_INT(get_status("/column/gzdt?page=99999999999999999999"), 400);

    /* A parent column: its sub-columns, each with its latest items. */
    page("/column/gkml", &r);
    b = body(&r);
    CHECK_CONTAINS(b, "<h1>信息公开专栏</h1>");
    CHECK_CONTAINS(b, "<nav class=\"subcolumns\" aria-label=\"子栏目\">");
    for (const char *const *s = (const char *const[]){"ldjj", "zzjg", "gsgg", "wjfg", "zfgzbg", "zdxm", "dsj", "llxx", NULL};
         *s; s++) {
        char want[64];
        snprintf(want, sizeof want, "href=\"/column/gkml/%s\"", *s);
        CHECK_CONTAINS(b, want);
    }
    CHECK_CONTAINS(b, "更多文件法规");
    CHECK(count_of(b, "href=\"/item/") >= 30);
    resp_free(&r);
    for (const char *const *s = (const char *const[]){"/column/bmfw", "/column/qyzc", "/column/bmfw/ldxx", NULL}; *s; s++) {
        page(*s, &r);
        CHECK(count_of(body(&r), "href=\"/item/") >= 3);
        resp_free(&r);
    }
    page("/column/bmfw", &r);
    CHECK_CONTAINS(body(&r), "<meta name=\"ColumnType\" content=\"办事服务\">");
    CHECK_CONTAINS(body(&r), "<nav class=\"subnav\" aria-label=\"栏目导航\">");
    CHECK_CONTAINS(body(&r), "<a href=\"/column/bmfw\" aria-current=\"page\">便民服务</a>");
    resp_free(&r);

    http("GET", "/column/nope", NULL, &r);
    CHECK_INT(r.status, 404);
    CHECK_CONTAINS(body(&r), "没有这个栏目");
    resp_free(&r);

    /* The 政府信息公开 column lives at /zfxxgk. */
    http("GET", "/column/zfxxgk/zn?agency=gn-rsj", NULL, &r);
    CHECK_INT(r.status, 301);
    CHECK_STR(hdr(&r, "Location"), "/zfxxgk/zn?agency=gn-rsj");
    resp_free(&r);
    CHECK_INT(get_status("/column"), 301);
}

static void test_item(void)
{
    struct resp r;
    page("/item/gn-2017-web-0040", &r);
    const char *b = body(&r);
    CHECK_CONTAINS(b, "<h1>工农区人力资源和社会保障局关于做好2017年春风行动工作的通知</h1>");
    CHECK_CONTAINS(b, "<meta name=\"ArticleTitle\" content=\"工农区人力资源和社会保障局关于做好2017年春风行动工作的通知\">");
    CHECK_CONTAINS(b, "<meta name=\"PubDate\" content=\"2017-07-28 00:00\">");
    CHECK_CONTAINS(b, "<meta name=\"ContentSource\" content=\"工农区人力资源和社会保障局\">");
    CHECK_CONTAINS(b, "<meta name=\"Author\" content=\"工农区人力资源和社会保障局\">");
    CHECK_CONTAINS(b, "<meta name=\"Keywords\" content=\"");
    CHECK_CONTAINS(b, "<meta name=\"Description\" content=\"各有关单位");
    CHECK_CONTAINS(b, "<meta name=\"Url\" content=\"https://www.gongnong.gov.cn/item/gn-2017-web-0040\">");
    CHECK_CONTAINS(b, "<meta name=\"ColumnName\" content=\"文件法规\">");
    CHECK_CONTAINS(b, "<th scope=\"row\">索引号</th><td>11230403MB0000436R/2017-00001</td>");
    CHECK_CONTAINS(b, "<th scope=\"row\">主题分类</th>");
    CHECK_CONTAINS(b, "<th scope=\"row\">发布机构</th><td><a href=\"/agency/gn-rsj\">工农区人力资源和社会保障局</a>");
    CHECK_CONTAINS(b, "<th scope=\"row\">成文日期</th><td>2017-07-26</td>");
    CHECK_CONTAINS(b, "<th scope=\"row\">文号</th><td>工农人社发〔2017〕1号</td>");
    CHECK_CONTAINS(b, "<th scope=\"row\">发布日期</th><td>2017-07-28</td>");
    CHECK_CONTAINS(b, "<th scope=\"row\">有效性</th><td>有效</td>");
    CHECK_CONTAINS(b, "<p>各有关单位：</p>");
    CHECK_CONTAINS(b, "<p class=\"sign\">工农区人力资源和社会保障局</p>\n<p class=\"sign\">2017年7月26日</p>");
    CHECK_CONTAINS(b, "政府网站：<time datetime=\"2017-07-28\">2017年7月28日</time>");
    CHECK_CONTAINS(b, "<a href=\"/column/gkml/wjfg\">文件法规</a>");
    CHECK_CONTAINS(b, "<span aria-current=\"page\">正文</span>");
    resp_free(&r);

    /* A repealed document stays online, marked 废止. */
    char path[300];
    snprintf(path, sizeof path, "/item/%s", sql_text("SELECT ext_id FROM items WHERE repealed IS NOT NULL ORDER BY id LIMIT 1"));
    page(path, &r);
    b = body(&r);
    CHECK_CONTAINS(b, "<strong class=\"badge-repealed\">废止</strong>");
    CHECK_CONTAINS(b, "<article class=\"item is-repealed\">");
    CHECK_CONTAINS(b, "本文件已于2021年6月15日废止");
    CHECK_CONTAINS(b, "类别：行政规范性文件");
    CHECK_CONTAINS(b, "〔");
    resp_free(&r);

    /* A news item of the WeChat stream: several channels. */
    snprintf(path, sizeof path, "/item/%s",
             sql_text("SELECT x.ext_id FROM items x WHERE (SELECT COUNT(*) FROM publications p WHERE p.item_id = x.id) > 2"
                      " AND x.column_slug = 'gzdt' ORDER BY x.id LIMIT 1"));
    page(path, &r);
    CHECK_CONTAINS(body(&r), "政务微信：");
    CHECK_CONTAINS(body(&r), "政务微博：");
    CHECK_CONTAINS(body(&r), "<meta name=\"ColumnName\" content=\"工作动态\">");
    resp_free(&r);

    /* The hostile item: everything escaped, javascript: links gone, attachments listed. */
    page("/item/evil-1", &r);
    b = body(&r);
    check_inert("/item/evil-1", b);
    CHECK_CONTAINS(b, "&lt;script&gt;alert(6)&lt;/script&gt;");
    CHECK_CONTAINS(b, "&quot;&gt;&lt;svg onload=alert(4)&gt;恶意标题&lt;/title&gt;");
    /* Links with a refused scheme are their text (tests/unit/test_markdown.c has more). */
    CHECK_CONTAINS(b, "<p>点我 再点 实体 图 &lt;img src=x onerror=alert(11)&gt; <a href=\"https://www.gov.cn/\">");
    CHECK(!strstr(b, "<a>"));
    CHECK_CONTAINS(b, "<a href=\"https://www.gov.cn/\">好链接</a>");
    CHECK_CONTAINS(b, "<a href=\"/gkml\">站内</a>");
    CHECK_CONTAINS(b, "<h2>标题一</h2>");
    CHECK_CONTAINS(b, "&lt;b&gt;idx&lt;/b&gt;");
    CHECK_CONTAINS(b, "工农政规〔2024〕99号&lt;/title&gt;");
    CHECK_CONTAINS(b, "&lt;script&gt;window.pwned=1&lt;/script&gt;恶意局");
    CHECK_CONTAINS(b, "href=\"/agency/evil%22%27%3C%3E%26x\"");
    CHECK_CONTAINS(b, "<h2 id=\"h-att\">附件</h2>");
    CHECK_CONTAINS(b, "&lt;b&gt;附件&lt;/b&gt;&quot;.html");
    CHECK_CONTAINS(b, "实施细则.pdf</a> <span class=\"file-info\">（PDF，8 B）</span>");
    CHECK_CONTAINS(b, "<title>&quot;&gt;&lt;svg onload=alert(4)&gt;恶意标题&lt;/title&gt;");
    const char *att = strstr(b, "href=\"/attachment/");
    char apath[64] = "";
    if (att)
        sscanf(att + 6, "%63[^\"]", apath);
    resp_free(&r);

    /* An attachment that is HTML is sent as a download of bytes, never as a page. */
    CHECK(apath[0] == '/');
    http("GET", apath, NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(hdr(&r, "Content-Type"), "application/octet-stream");
    /* the stored label '<b>附件</b>".html' cleaned as an upload's would be (file_name.h) */
    CHECK_STR(hdr(&r, "Content-Disposition"), "attachment; filename=\"b__.html\"; filename*=UTF-8''b__.html");
    CHECK_STR(hdr(&r, "X-Content-Type-Options"), "nosniff");
    CHECK_CONTAINS(hdr(&r, "Content-Security-Policy"), "sandbox");
    CHECK_CONTAINS(body(&r), "<script>alert(1)</script>");
    resp_free(&r);
    CHECK_INT(get_status("/attachment/999999"), 404);
    CHECK_INT(get_status("/attachment/x"), 404);

    http("GET", "/item/no-such-item", NULL, &r);
    CHECK_INT(r.status, 404);
    CHECK_CONTAINS(body(&r), "没有找到这条政府信息");
    resp_free(&r);
    CHECK_INT(get_status("/item/"), 404);

    /* An item whose first publication is still to come is not shown. */
    sql_exec("UPDATE items SET first_published = '2999-01-01' WHERE ext_id = 'gn-2017-web-0022'");
    CHECK_INT(get_status("/item/gn-2017-web-0022"), 404);
    sql_exec("UPDATE items SET first_published = '2017-07-06' WHERE ext_id = 'gn-2017-web-0022'");
    CHECK_INT(get_status("/item/gn-2017-web-0022"), 200);
}

static void test_directory(void)
{
    struct resp r;
    page("/gkml", &r);
    const char *b = body(&r);
    CHECK_CONTAINS(b, "<h1>信息公开目录</h1>");
    CHECK_CONTAINS(b, "<form class=\"filters\" action=\"/gkml\" method=\"get\">");
    CHECK_CONTAINS(b, "<label for=\"f-agency\">");
    CHECK_CONTAINS(b, "<label for=\"f-topic\">");
    CHECK_CONTAINS(b, "<label for=\"f-genre\">");
    CHECK_CONTAINS(b, "<label for=\"f-year\">");
    CHECK_CONTAINS(b, "<label for=\"f-validity\">");
    CHECK_CONTAINS(b, "<th scope=\"col\">索引号</th><th scope=\"col\">名称</th><th scope=\"col\">发布机构</th><th scope=\"col\">成文日期</th>");
    CHECK_CONTAINS(b, "共 5721 条");
    CHECK_INT(count_of(b, "<td data-label=\"名称\"><a href=\"/item/"), 20);
    CHECK_CONTAINS(b, "<optgroup label=\"综合政务\">");
    CHECK_CONTAINS(b, "<option value=\"综合政务/政务公开\">政务公开</option>");
    CHECK_CONTAINS(b, "<option value=\"2024\">2024年</option>");
    CHECK_CONTAINS(b, "<option value=\"通知\">通知</option>");
    CHECK_CONTAINS(b, "<option value=\"gn-rsj\">　工农区人力资源和社会保障局</option>");
    check_inert("/gkml", b);
    resp_free(&r);

    /* Filters are applied and kept in the form; the pager keeps them too. */
    page("/gkml?agency=gn-rsj&year=2020&validity=valid", &r);
    b = body(&r);
    CHECK_CONTAINS(b, "<option value=\"gn-rsj\" selected>");
    CHECK_CONTAINS(b, "<option value=\"2020\" selected>2020年</option>");
    CHECK_CONTAINS(b, "<option value=\"valid\" selected>有效</option>");
    CHECK_CONTAINS(b, "（已按所选条件筛选）");
    CHECK(!strstr(b, "<td data-label=\"发布机构\">工农区民政局</td>"));
    CHECK_CONTAINS(b, "<td data-label=\"发布机构\">工农区人力资源和社会保障局</td>");
    const char *pager = strstr(b, "class=\"pager\"");
    if (pager)
        CHECK_CONTAINS(pager, "href=\"/gkml?agency=gn-rsj&amp;year=2020&amp;validity=valid&amp;page=2\"");
    resp_free(&r);

    /* The subtree: the root agency's filter covers everything. */
    page("/gkml?agency=gongnong", &r);
    CHECK_CONTAINS(body(&r), "共 5721 条");
    resp_free(&r);

    /* Topic by first level and by full value; genre; 废止. */
    char want[128];
    snprintf(want, sizeof want, "共 %s 条",
             sql_text("SELECT COUNT(*) FROM items WHERE topic LIKE '综合政务/%'"));
    page("/gkml?topic=%E7%BB%BC%E5%90%88%E6%94%BF%E5%8A%A1", &r); /* 综合政务 */
    CHECK_CONTAINS(body(&r), want);
    CHECK_CONTAINS(body(&r), "<option value=\"综合政务\" selected>综合政务（全部）</option>");
    resp_free(&r);
    snprintf(want, sizeof want, "共 %s 条", sql_text("SELECT COUNT(*) FROM items WHERE topic = '综合政务/档案'"));
    page("/gkml?topic=%E7%BB%BC%E5%90%88%E6%94%BF%E5%8A%A1/%E6%A1%A3%E6%A1%88", &r);
    CHECK_CONTAINS(body(&r), want);
    CHECK_CONTAINS(body(&r), "<option value=\"综合政务/档案\" selected>档案</option>");
    resp_free(&r);
    snprintf(want, sizeof want, "共 %s 条", sql_text("SELECT COUNT(*) FROM items WHERE genre = '通知'"));
    page("/gkml?genre=%E9%80%9A%E7%9F%A5", &r);
    CHECK_CONTAINS(body(&r), want);
    resp_free(&r);
    snprintf(want, sizeof want, "共 %s 条", sql_text("SELECT COUNT(*) FROM items WHERE repealed IS NOT NULL"));
    page("/gkml?validity=repealed", &r);
    CHECK_CONTAINS(body(&r), want);
    CHECK_CONTAINS(body(&r), "<span class=\"badge-repealed\">废止</span>");
    CHECK_CONTAINS(body(&r), "<option value=\"repealed\" selected>废止</option>");
    resp_free(&r);
    page("/gkml?statutory=any", &r);
    CHECK_CONTAINS(body(&r), "<input type=\"hidden\" name=\"statutory\" value=\"any\">");
    resp_free(&r);

    /* Unknown values: nothing found, the page still answers. */
    page("/gkml?agency=no-such-agency", &r);
    CHECK_CONTAINS(body(&r), "共 0 条");
    CHECK_CONTAINS(body(&r), "没有符合条件的政府信息");
    resp_free(&r);

    /* Hostile query parameters come back inert. */
    page("/gkml?agency=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&topic=%27%22%3E%3Csvg%20onload=alert(2)%3E"
         "&genre=%3Cimg%20src=x%20onerror=alert(3)%3E", &r);
    check_inert("/gkml hostile query", body(&r));
    CHECK_CONTAINS(body(&r), "共 0 条");
    resp_free(&r);

    http("GET", "/gkml?year=20x0", NULL, &r);
    CHECK_INT(r.status, 400);
    check_inert("/gkml?year", body(&r));
    resp_free(&r);
    http("GET", "/gkml?validity=%3Cscript%3E", NULL, &r);
    CHECK_INT(r.status, 400);
    check_inert("/gkml?validity", body(&r));
    resp_free(&r);
    CHECK_INT(get_status("/gkml?page=9999"), 404);
}

static void test_zfxxgk(void)
{
    struct resp r;
    page("/zfxxgk", &r);
    const char *b = body(&r);
    CHECK_CONTAINS(b, "<h1>政府信息公开</h1>");
    CHECK_CONTAINS(b, "href=\"/zfxxgk/zn\"");
    CHECK_CONTAINS(b, "href=\"/zfxxgk/zd\"");
    CHECK_CONTAINS(b, "href=\"/zfxxgk/fdzdgknr\"");
    CHECK_CONTAINS(b, "href=\"/zfxxgk/nb\"");
    CHECK_CONTAINS(b, "<meta name=\"ColumnName\" content=\"政府信息公开\">");
    resp_free(&r);

    /* The guide, generated from the agency data (条例 Art. 12). */
    page("/zfxxgk/zn", &r);
    b = body(&r);
    CHECK_CONTAINS(b, "<h1>政府信息公开指南</h1>");
    CHECK_CONTAINS(b, "一、政府信息的分类");
    CHECK_CONTAINS(b, "二、编排体系");
    CHECK_CONTAINS(b, "三、获取方式");
    CHECK_CONTAINS(b, "<h2 id=\"ysqgk\">四、依申请公开</h2>");
    CHECK_CONTAINS(b, "五、政府信息公开工作机构");
    CHECK_CONTAINS(b, "<dt>办公地址</dt><dd>工农区中心大街18号</dd>");
    CHECK_CONTAINS(b, "<dt>办公时间</dt><dd>工作日");
    CHECK_CONTAINS(b, "<dt>联系电话</dt><dd>0468-3610100</dd>");
    CHECK_CONTAINS(b, "<dt>传真号码</dt><dd>0468-3610199</dd>");
    CHECK_CONTAINS(b, "<dt>电子邮箱</dt><dd>gk00@gongnong.gov.cn</dd>");
    CHECK_CONTAINS(b, "<dt>互联网联系方式</dt>");
    CHECK_CONTAINS(b, "信息公开专栏／文件法规");
    CHECK_CONTAINS(b, "<td class=\"num\">1640</td>");
    CHECK_CONTAINS(b, "政府信息公开查阅点：");
    CHECK_CONTAINS(b, "政务微信公众号");
    CHECK_CONTAINS(b, "20个工作日");
    CHECK_CONTAINS(b, "已发布的指南文件");
    check_inert("/zfxxgk/zn", b);
    resp_free(&r);
    page("/zfxxgk/zn?agency=gn-rsj", &r);
    b = body(&r);
    CHECK_CONTAINS(b, "<h1>工农区人力资源和社会保障局政府信息公开指南</h1>");
    CHECK_CONTAINS(b, "<option value=\"gn-rsj\" selected>");
    CHECK_CONTAINS(b, "<dt>机构名称</dt><dd>工农区人力资源和社会保障局</dd>");
    resp_free(&r);
    /* The hostile agency (no contact data of its own): escaped, and the root's office shown. */
    page("/zfxxgk/zn?agency=evil%22%27%3C%3E%26x", &r);
    check_inert("/zfxxgk/zn?agency=evil", body(&r));
    resp_free(&r);
    CHECK_INT(get_status("/zfxxgk/zn?agency=nope"), 404);

    page("/zfxxgk/zd", &r);
    CHECK_CONTAINS(body(&r), "<h1>政府信息公开制度</h1>");
    CHECK_CONTAINS(body(&r), "<meta name=\"ColumnName\" content=\"政府信息公开制度\">");
    CHECK(count_of(body(&r), "<li><a href=\"/item/") >= 5);
    resp_free(&r);

    page("/zfxxgk/fdzdgknr", &r);
    b = body(&r);
    CHECK_CONTAINS(b, "<h1>法定主动公开内容</h1>");
    CHECK_CONTAINS(b, "规章和行政规范性文件");
    CHECK_CONTAINS(b, "共 71 件");
    CHECK_CONTAINS(b, "<strong class=\"badge-repealed\">废止</strong>");
    CHECK_CONTAINS(b, "<td data-label=\"有效性\">有效</td>");
    CHECK(!strstr(b, "人民政府令")); /* a district makes no 规章 */
    CHECK_CONTAINS(b, "其他法定主动公开内容");
    CHECK_CONTAINS(b, "href=\"/zfxxgk/fdzdgknr?page=2\"");
    check_inert("/zfxxgk/fdzdgknr", b);
    resp_free(&r);
    page("/zfxxgk/fdzdgknr?page=2", &r);
    resp_free(&r);

    /* 年报: the years with data, each linked with its JSON. */
    page("/zfxxgk/nb", &r);
    b = body(&r);
    CHECK_CONTAINS(b, "<h1>政府信息公开年报</h1>");
    for (int y = 2018; y <= 2024; y++) {
        char want[96];
        snprintf(want, sizeof want, "<a href=\"/zfxxgk/nb/%d\">", y);
        CHECK_CONTAINS(b, want);
        snprintf(want, sizeof want, "<a href=\"/zfxxgk/nb/%d.json\">JSON</a>", y);
        CHECK_CONTAINS(b, want);
    }
    CHECK_CONTAINS(b, "国办公开办函〔2021〕30号格式");
    CHECK_CONTAINS(b, "已发布的年报文件");
    resp_free(&r);

    /* The seed report's figures, rendered by the report engine inside the page. */
    page("/zfxxgk/nb/2018", &r);
    b = body(&r);
    CHECK_CONTAINS(b, "<link rel=\"stylesheet\" href=\"/static/report.css\">");
    CHECK_CONTAINS(b, "<article class=\"gk-report\">");
    CHECK_CONTAINS(b, "<h1>工农区人民政府关于2018年度政府信息公开工作的报告</h1>");
    CHECK_CONTAINS(b, "1816");
    CHECK_CONTAINS(b, "<td class=\"num\">528</td>");
    CHECK_CONTAINS(b, "<td class=\"num\">1286</td>");
    CHECK_CONTAINS(b, "href=\"/zfxxgk/nb/2018.json\"");
    CHECK_CONTAINS(b, "href=\"/zfxxgk/nb/2018?format=gov2021\"");
    CHECK_CONTAINS(b, "<meta name=\"ColumnName\" content=\"政府信息公开年报\">");
    CHECK_CONTAINS(b, "<span aria-current=\"page\">2018年</span>");
    resp_free(&r);
    page("/zfxxgk/nb/2023", &r);
    CHECK_CONTAINS(body(&r), "国办公开办函〔2021〕30号格式");
    CHECK_CONTAINS(body(&r), "<table");
    resp_free(&r);
    page("/zfxxgk/nb/2020?format=gov2021", &r);
    CHECK_CONTAINS(body(&r), "按国办公开办函〔2021〕30号格式生成");
    resp_free(&r);
    page("/zfxxgk/nb/2023?agency=gn-rsj&scope=self", &r);
    CHECK_CONTAINS(body(&r), "<option value=\"gn-rsj\" selected>");
    CHECK_CONTAINS(body(&r), "<option value=\"self\" selected>");
    CHECK_CONTAINS(body(&r), "href=\"/zfxxgk/nb/2023.json?agency=gn-rsj&amp;scope=self\"");
    resp_free(&r);

    http("GET", "/zfxxgk/nb/2018.json", NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(hdr(&r, "Content-Type"), "application/json; charset=utf-8");
    CHECK(hdr(&r, "Access-Control-Allow-Origin") == NULL);
    json_error_t je;
    json_t *j = json_loads(body(&r), 0, &je);
    CHECK(j != NULL);
    CHECK_STR(json_string_value(json_object_get(j, "format")), "legacy2018");
    CHECK_INT(json_integer_value(json_object_get(j, "year")), 2018);
    CHECK_INT(json_integer_value(json_object_get(json_object_get(j, "proactive"), "total")), 1816);
    json_decref(j);
    resp_free(&r);
    http("GET", "/zfxxgk/nb/2023.json?agency=gn-rsj&scope=self", NULL, &r);
    j = json_loads(body(&r), 0, &je);
    CHECK(j != NULL);
    CHECK_STR(json_string_value(json_object_get(j, "format")), "gov2021");
    CHECK_STR(json_string_value(json_object_get(j, "scope")), "self");
    CHECK_STR(json_string_value(json_object_get(json_object_get(j, "agency"), "code")), "gn-rsj");
    json_decref(j);
    resp_free(&r);
    http("GET", "/zfxxgk/nb/2018.txt", NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(hdr(&r, "Content-Type"), "text/plain; charset=utf-8");
    CHECK_CONTAINS(body(&r), "1816");
    resp_free(&r);
    CHECK_INT(get_status("/zfxxgk/nb/2018.md"), 200);

    static const struct {
        const char *path;
        int status;
    } bad[] = {
        {"/zfxxgk/nb/2030", 404},         {"/zfxxgk/nb/1990", 404},
        {"/zfxxgk/nb/20x8", 404},         {"/zfxxgk/nb/2018.pdf", 404},
        {"/zfxxgk/nb/2018?scope=x", 400}, {"/zfxxgk/nb/2018?format=%3Cscript%3E", 400},
        {"/zfxxgk/nb/2018?agency=nope", 404}, {"/zfxxgk/nope", 404},
        {"/zfxxgk/nb/", 200},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        http("GET", bad[i].path, NULL, &r);
        if (r.status != bad[i].status)
            fprintf(stderr, "  %s -> %ld\n", bad[i].path, r.status);
        CHECK_INT(r.status, bad[i].status);
        check_inert(bad[i].path, body(&r));
        resp_free(&r);
    }
    /* Links of the search and feed helpers (/report/<year>) land on the report page. */
    http("GET", "/report/2018?scope=self", NULL, &r);
    CHECK_INT(r.status, 301);
    CHECK_STR(hdr(&r, "Location"), "/zfxxgk/nb/2018?scope=self");
    resp_free(&r);

    http("GET", "/static/report.css", NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), ".gk-report h1");
    CHECK(!strstr(body(&r), "body{"));
    resp_free(&r);
}

static void test_agencies(void)
{
    struct resp r;
    page("/agency/gn-rsj", &r);
    const char *b = body(&r);
    CHECK_CONTAINS(b, "<h1>工农区人力资源和社会保障局</h1>");
    CHECK_CONTAINS(b, "上级机关：<a href=\"/agency/gongnong\">工农区人民政府</a>");
    CHECK_CONTAINS(b, "政府信息公开工作机构");
    CHECK_CONTAINS(b, "<dt>办公地址</dt>");
    CHECK_CONTAINS(b, "href=\"/gkml?agency=gn-rsj\"");
    CHECK_CONTAINS(b, "href=\"/zfxxgk/zn?agency=gn-rsj\"");
    CHECK_CONTAINS(b, "href=\"/zfxxgk/nb/2023?agency=gn-rsj\"");
    CHECK_CONTAINS(b, "href=\"/zfxxgk/nb/2023.json?agency=gn-rsj\"");
    CHECK_INT(count_of(b, "<li><a href=\"/item/"), 10);
    resp_free(&r);
    page("/agency/gongnong", &r);
    b = body(&r);
    CHECK_CONTAINS(b, "<h2 id=\"h-sub\">下属机构</h2>");
    CHECK_CONTAINS(b, "href=\"/agency/gn-hbjd\"");
    CHECK_CONTAINS(b, "href=\"/zfxxgk/nb/2018\"");
    resp_free(&r);
    page("/agency/evil%22%27%3C%3E%26x", &r);
    b = body(&r);
    check_inert("/agency/evil", b);
    CHECK_CONTAINS(b, "&lt;script&gt;window.pwned=1&lt;/script&gt;恶意局");
    CHECK_CONTAINS(b, "<dd>&quot;&gt;&lt;img src=x onerror=alert(2)&gt;</dd>");
    resp_free(&r);
    http("GET", "/agency/nope", NULL, &r);
    CHECK_INT(r.status, 404);
    CHECK_CONTAINS(body(&r), "没有这个部门或街道");
    resp_free(&r);
}

static void test_errors_and_http(void)
{
    struct resp r;
    /* The 404 page: says what was not found, offers the search box, home and site map. */
    http("GET", "/no/such/page?q=%3Cscript%3E", NULL, &r);
    const char *b = body(&r);
    CHECK_INT(r.status, 404);
    CHECK_STR(hdr(&r, "Content-Type"), "text/html; charset=utf-8");
    check_layout("404", &r);
    check_tidy("404", b);
    CHECK_CONTAINS(b, "<h1>您访问的页面不存在</h1>");
    CHECK_CONTAINS(b, "<code>/no/such/page</code>");
    CHECK_CONTAINS(b, "<label for=\"q-main\"");
    CHECK_CONTAINS(b, "<input id=\"q-main\" name=\"q\"");
    CHECK_CONTAINS(b, "<li><a href=\"/\">网站首页</a></li>");
    CHECK_CONTAINS(b, "<li><a href=\"/wzdt\">网站地图</a></li>");
    CHECK_CONTAINS(b, "<meta name=\"robots\" content=\"noindex\">");
    CHECK_CONTAINS(b, "value=\"&lt;script&gt;\""); /* the search box keeps what was asked, escaped */
    check_inert("404", b);
    resp_free(&r);
    http("GET", "/no-such-%3Cscript%3E", NULL, &r);
    CHECK_INT(r.status, 404);
    check_inert("404 path", body(&r));
    CHECK_CONTAINS(body(&r), "/no-such-&lt;script&gt;");
    resp_free(&r);
    /* Other statuses use the same page. */
    http("GET", "/gkml?x=%ZZ", NULL, &r);
    CHECK_INT(r.status, 400);
    CHECK_CONTAINS(body(&r), "<h1>请求的地址或参数有误</h1>");
    CHECK_CONTAINS(body(&r), "action=\"/search\"");
    resp_free(&r);

    /* HEAD: the headers of GET, no body. */
    struct resp g;
    http("GET", "/column/gkml/gsgg", NULL, &g);
    http("HEAD", "/column/gkml/gsgg", NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK_INT(r.body.len, 0);
    char len_head[32];
    snprintf(len_head, sizeof len_head, "%s", hdr(&r, "Content-Length") ? hdr(&r, "Content-Length") : "?");
    CHECK_STR(len_head, hdr(&g, "Content-Length"));
    resp_free(&r);

    /* ETag and 304; the same page twice has the same ETag (no nonce in the HTML). */
    char etag[64];
    snprintf(etag, sizeof etag, "%s", hdr(&g, "ETag") ? hdr(&g, "ETag") : "");
    CHECK(etag[0] == '"');
    http("GET", "/column/gkml/gsgg", NULL, &r);
    CHECK_STR(hdr(&r, "ETag"), etag);
    resp_free(&r);
    char inm[128];
    snprintf(inm, sizeof inm, "If-None-Match: %s", etag);
    http("GET", "/column/gkml/gsgg", inm, &r);
    CHECK_INT(r.status, 304);
    CHECK_INT(r.body.len, 0);
    resp_free(&r);
    resp_free(&g);

    /* Security headers on pages. */
    http("GET", "/", NULL, &r);
    CHECK_CONTAINS(hdr(&r, "Content-Security-Policy"), "default-src 'self'");
    CHECK_STR(hdr(&r, "X-Content-Type-Options"), "nosniff");
    resp_free(&r);

    /* Static files. */
    http("GET", "/static/site.css", NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(hdr(&r, "Content-Type"), "text/css");
    CHECK_CONTAINS(body(&r), "html.elder");
    CHECK_CONTAINS(body(&r), "@media print");
    CHECK_CONTAINS(body(&r), "@media (max-width: 45em)");
    CHECK_CONTAINS(body(&r), "\"PingFang SC\"");
    CHECK_CONTAINS(body(&r), ":focus-visible");
    resp_free(&r);
    CHECK_INT(get_status("/static/police.svg"), 200);
    CHECK_INT(get_status("/static/dzjg.svg"), 200);
}

static void test_elder_mode(void)
{
    struct resp r;
    http("GET", "/mode?to=elder&back=%2Fgkml%3Fyear%3D2020", NULL, &r);
    CHECK_INT(r.status, 303);
    CHECK_STR(hdr(&r, "Location"), "/gkml?year=2020");
    CHECK_CONTAINS(hdr(&r, "Set-Cookie"), "gk_mode=elder;");
    CHECK_CONTAINS(hdr(&r, "Set-Cookie"), "Path=/");
    CHECK_STR(hdr(&r, "Cache-Control"), "no-store");
    resp_free(&r);
    http("GET", "/mode?to=standard&back=/", NULL, &r);
    CHECK_INT(r.status, 303);
    CHECK_CONTAINS(hdr(&r, "Set-Cookie"), "Max-Age=0");
    resp_free(&r);
    /* Only paths of this site are followed back. */
    static const char *const evil[] = {"//evil.example/", "https://evil.example/", "javascript:alert(1)",
                                       "/%5Cevil.example", "%2F%2Fevil.example", "/a%0D%0ASet-Cookie:x=1"};
    for (size_t i = 0; i < sizeof evil / sizeof evil[0]; i++) {
        char path[200];
        snprintf(path, sizeof path, "/mode?to=elder&back=%s", evil[i]);
        http("GET", path, NULL, &r);
        CHECK_INT(r.status, 303);
        CHECK_STR(hdr(&r, "Location"), "/");
        resp_free(&r);
    }
    http("GET", "/mode?to=%3Cscript%3E", NULL, &r);
    CHECK_INT(r.status, 400);
    check_inert("/mode", body(&r));
    resp_free(&r);

    /* With the cookie, pages carry class="elder" and a different ETag. */
    struct resp std, eld;
    http("GET", "/column/gkml/wjfg", NULL, &std);
    http("GET", "/column/gkml/wjfg", "Cookie: gk_mode=elder", &eld);
    CHECK_INT(eld.status, 200);
    CHECK_CONTAINS(body(&eld), "<html lang=\"zh-CN\" class=\"elder\">");
    CHECK(!strstr(body(&std), "class=\"elder\""));
    CHECK_CONTAINS(body(&eld), "退出长者模式");
    CHECK_CONTAINS(body(&eld), "href=\"/mode?to=standard&amp;back=%2Fcolumn%2Fgkml%2Fwjfg\"");
    CHECK(hdr(&std, "ETag") && hdr(&eld, "ETag"));
    char e1[64];
    snprintf(e1, sizeof e1, "%s", hdr(&std, "ETag"));
    CHECK(strcmp(e1, hdr(&eld, "ETag")) != 0);
    check_tidy("elder", body(&eld));
    resp_free(&std);
    resp_free(&eld);
    page("/wza", &r);
    CHECK_CONTAINS(body(&r), "开启长者模式");
    resp_free(&r);
}

/* The page cache: a page read twice is the same page; a commit by another connection (an
 * import while serving) shows at once, on every page type. */
static void test_cache(void)
{
    struct resp a, b;
    http("GET", "/column/gkml/gsgg", NULL, &a);
    http("GET", "/column/gkml/gsgg", NULL, &b);
    CHECK_INT(a.status, 200);
    CHECK(a.body.len == b.body.len && memcmp(body(&a), body(&b), a.body.len) == 0);
    resp_free(&b);
    char ext[128], sql[512];
    snprintf(ext, sizeof ext, "%s",
             sql_text("SELECT ext_id FROM items WHERE column_slug = 'gkml/gsgg' ORDER BY first_published DESC, id DESC LIMIT 1"));
    snprintf(sql, sizeof sql, "UPDATE items SET title = '缓存更新后的标题' WHERE ext_id = '%s'", ext);
    sql_exec(sql);
    static const char *const pages[] = {"/column/gkml/gsgg", "/", "/column/gkml", "/gkml"};
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        http("GET", pages[i], NULL, &b);
        if (!strstr(body(&b), "缓存更新后的标题"))
            fprintf(stderr, "  stale: %s\n", pages[i]);
        CHECK_CONTAINS(body(&b), "缓存更新后的标题");
        resp_free(&b);
    }
    char path[200];
    snprintf(path, sizeof path, "/item/%s", ext);
    http("GET", path, NULL, &b);
    CHECK_CONTAINS(body(&b), "<h1>缓存更新后的标题</h1>");
    resp_free(&b);
    /* The 长者模式 variant is a page of its own in the cache. */
    http("GET", "/column/gkml/gsgg", "Cookie: gk_mode=elder", &b);
    CHECK_CONTAINS(body(&b), "class=\"elder\"");
    resp_free(&b);
    http("GET", "/column/gkml/gsgg", NULL, &b);
    CHECK(!strstr(body(&b), "class=\"elder\""));
    resp_free(&b);
    resp_free(&a);
}

/* Every page a visitor can reach answers without a 5xx, whatever the parameters. */
static void test_no_crash(void)
{
    static const char *const paths[] = {
        "/column/gkml/wjfg?page=-1", "/column/%E4%B8%AD", "/item/%E4%B8%AD%E6%96%87", "/item/a/b/c",
        "/gkml?topic=&genre=&year=&validity=", "/gkml?agency=gn-rsj&agency=gn-mzj", "/zfxxgk/zn/",
        "/zfxxgk/nb/2018.json?format=gov2019", "/agency/", "/zfxxgk/nb/99999", "/zfxxgk/nb/.json",
        "/mode", "/column/gkml/", "/zfxxgk/zd?page=2",
    };
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        struct resp r;
        http("GET", paths[i], NULL, &r);
        if (r.status == 0 || r.status >= 500)
            fprintf(stderr, "  %s -> %ld\n", paths[i], r.status);
        CHECK(r.status > 0 && r.status < 500);
        check_inert(paths[i], body(&r));
        resp_free(&r);
    }
}

/* A theme folder replaces templates file by file; a broken one stops portal_open. */
static void test_theme(const char *demo_db)
{
    char theme[700], dir[720], file[760];
    snprintf(theme, sizeof theme, "%s/theme", test_tmpdir());
    snprintf(dir, sizeof dir, "%s/templates", theme);
    CHECK(mkdir(theme, 0755) == 0 && mkdir(dir, 0755) == 0);
    snprintf(file, sizeof file, "%s/wza.mustache", dir);
    FILE *f = fopen(file, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("{{<layout}}{{$main}}<h1>主题覆盖的说明页</h1>{{/main}}{{/layout}}\n", f);
    fclose(f);
    /* A theme page with an inline style carrying the CSP nonce: never served from the cache. */
    char file2[760];
    snprintf(file2, sizeof file2, "%s/lxwm.mustache", dir);
    f = fopen(file2, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("{{<layout}}{{$head}}<style nonce=\"{{nonce}}\">h1{color:#000}</style>{{/head}}"
          "{{$main}}<h1>联系我们（主题）</h1>{{/main}}{{/layout}}\n", f);
    fclose(f);
    char *err = NULL;
    struct portal *p = portal_open(demo_db, theme, &err);
    CHECK(p != NULL);
    if (p) {
        struct server_config cfg = server_config_defaults();
        cfg.threads = 1;
        cfg.error_log = NULL;
        cfg.theme_dir = theme;
        server_t *s = test_serve_portal(p, &cfg, &err);
        CHECK(s != NULL);
        int saved = port;
        port = server_port(s);
        struct resp r;
        http("GET", "/wza", NULL, &r);
        CHECK_CONTAINS(body(&r), "<h1>主题覆盖的说明页</h1>");
        CHECK_CONTAINS(body(&r), "网站标识码"); /* still inside the embedded layout */
        resp_free(&r);
        for (int k = 0; k < 2; k++) {
            http("GET", "/lxwm", NULL, &r);
            CHECK_CONTAINS(body(&r), "<h1>联系我们（主题）</h1>");
            const char *csp = hdr(&r, "Content-Security-Policy");
            const char *nv = csp ? strstr(csp, "'nonce-") : NULL;
            char want[64] = "?";
            if (nv)
                snprintf(want, sizeof want, "nonce=\"%.32s\"", nv + 7);
            CHECK_CONTAINS(body(&r), want);
            resp_free(&r);
        }
        server_stop(s);
        port = saved;
        portal_close(p);
    }
    free(err);
    err = NULL;
    f = fopen(file, "w");
    fputs("{{#unclosed}}\n", f);
    fclose(f);
    p = portal_open(demo_db, theme, &err);
    CHECK(p == NULL);
    CHECK_CONTAINS(err, "wza.mustache");
    free(err);
}

/* A portal over an initialised database with no records yet. */
static void test_empty(void)
{
    char path[700];
    snprintf(path, sizeof path, "%s/empty.db", test_tmpdir());
    build_db(path, false);
    /* Operator settings that become links, with schemes that must not (util/url.h). */
    sql_exec("UPDATE settings SET value = ' JavaScript:alert(13)' WHERE key = 'dzjg_url';"
             "INSERT INTO settings (key, value) VALUES ('error_report_url', 'java	script:alert(14)');");
    char *err = NULL;
    struct portal *p = portal_open(path, NULL, &err);
    CHECK(p != NULL);
    if (!p) {
        fprintf(stderr, "  %s\n", err);
        free(err);
        return;
    }
    struct server_config cfg = server_config_defaults();
    cfg.threads = 2;
    cfg.error_log = NULL;
    server_t *s = test_serve_portal(p, &cfg, &err);
    CHECK(s != NULL);
    int saved = port;
    port = server_port(s);
    static const char *const paths[] = {"/", "/gkml", "/column/gzdt", "/zfxxgk/zn", "/zfxxgk/nb", "/agency",
                                        "/zfxxgk/fdzdgknr", "/wzdt"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        struct resp r;
        http("GET", paths[i], NULL, &r);
        if (r.status != 200)
            fprintf(stderr, "  empty %s -> %ld\n", paths[i], r.status);
        CHECK_INT(r.status, 200);
        CHECK_CONTAINS(body(&r), "政府门户网站</title>");
        CHECK(!strstr(body(&r), "alert(1"));
        CHECK(!strstr(body(&r), "class=\"dzjg\""));
        CHECK_CONTAINS(body(&r), "href=\"https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=");
        check_tidy(paths[i], body(&r));
        resp_free(&r);
    }
    CHECK_INT(get_status("/zfxxgk/nb/2020"), 404);
    server_stop(s);
    port = saved;
    portal_close(p);

    /* Refused: a file that is not a gongkai database. */
    snprintf(path, sizeof path, "%s/blank.db", test_tmpdir());
    p = portal_open(path, NULL, &err);
    CHECK(p == NULL);
    CHECK_CONTAINS(err, "gongkai init");
    free(err);
}

void run_tests(void)
{
    curl_global_init(CURL_GLOBAL_ALL);

    char path[700];
    snprintf(path, sizeof path, "%s/demo.db", test_tmpdir());
    build_db(path, true);
    char *err = NULL;
    struct portal *p = portal_open(path, NULL, &err);
    CHECK(p != NULL);
    if (!p) {
        fprintf(stderr, "portal_open: %s\n", err ? err : "?");
        free(err);
        curl_global_cleanup();
        return;
    }
    CHECK_STR(p->root_agency, "gongnong");
    CHECK_STR(site_get(p)->name, "工农区人民政府");
    size_t n;
    portal_routes(&n);
    CHECK(n >= 15);
    struct server_config cfg = server_config_defaults();
    cfg.threads = 4;
    cfg.error_log = NULL;
    server_t *s = test_serve_portal(p, &cfg, &err);
    CHECK(s != NULL);
    if (!s) {
        free(err);
        portal_close(p);
        curl_global_cleanup();
        return;
    }
    port = server_port(s);

    test_home_and_nav();
    test_columns();
    test_item();
    test_directory();
    test_zfxxgk();
    test_agencies();
    test_errors_and_http();
    test_elder_mode();
    test_cache();
    test_no_crash();

    server_stop(s);
    portal_close(p);
    test_theme(path);
    test_empty();
    curl_global_cleanup();
}
