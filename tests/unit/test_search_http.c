/* Search, feeds, sitemap, robots.txt and the JSON API through the real server: a fixture
 * corpus imported with the importer, the portal's whole route table on a free loopback
 * port, libcurl as the client.
 *
 *  - search correctness: 1-, 2- and 3-character, multi-term, mixed Chinese/ASCII and
 *    文号 queries return exactly the expected items, through the API and the HTML page;
 *    filters, ranking (title above body), sorting and pagination; unpublished and
 *    scheduled items never show;
 *  - hostile strings (script tags, attribute breakers, javascript: URLs, control bytes)
 *    in stored fields and in query parameters come out inert in HTML, XML and JSON;
 *  - feeds and sitemaps are well-formed XML (xmllint when installed) with the right URLs;
 *  - every API endpoint's shape and its errors (400, 404, 405 as JSON). */
#include "records/import.h"
#include "report/report.h"
#include "store/store.h"
#include "store/store_search.h"
#include "text/search_query.h"
#include "test.h"
#include "test_db.h"
#include "test_http.h"
#include "test_xml.h"
#include "util/xalloc.h"
#include "web/portal.h"
#include "web/site.h"
#include "web/server.h"
#include <curl/curl.h>
#include <jansson.h>
#include <stdbool.h>
#include <strings.h>
#include <unistd.h>

static int slow_factor(void)
{
    return getenv("GONGKAI_UNDER_VALGRIND") ? 8 : 1;
}

/* ================================================================ fixture */

/* Agencies: gov (root) > hr, health, dev, street > street-cmty; evil has a hostile name. */
static const char *const agencies_jsonl[] = {
    "{\"type\":\"agency\",\"code\":\"gov\",\"name\":\"工农区人民政府\",\"kind\":\"government\"}",
    "{\"type\":\"agency\",\"code\":\"hr\",\"name\":\"工农区人力资源和社会保障局\",\"parent\":\"gov\",\"kind\":\"department\"}",
    "{\"type\":\"agency\",\"code\":\"health\",\"name\":\"工农区卫生健康局\",\"parent\":\"gov\",\"kind\":\"department\"}",
    "{\"type\":\"agency\",\"code\":\"dev\",\"name\":\"工农区发展和改革局\",\"parent\":\"gov\",\"kind\":\"department\"}",
    "{\"type\":\"agency\",\"code\":\"street\",\"name\":\"红军街道办事处\",\"parent\":\"gov\",\"kind\":\"township\"}",
    "{\"type\":\"agency\",\"code\":\"street-cmty\",\"name\":\"红军社区\",\"parent\":\"street\",\"kind\":\"other\"}",
    "{\"type\":\"agency\",\"code\":\"evil\",\"name\":\"<script>alert(\\\"机构\\\")</script>局\",\"parent\":\"gov\"}",
    "{\"type\":\"agency\",\"code\":\"filler\",\"name\":\"工农区档案馆\",\"parent\":\"gov\"}",
};
#define NAGENCIES 8

struct fx {
    const char *id, *agency, *column, *pub; /* pub: first publication date, NULL = never */
    const char *title, *body;               /* JSON string contents (already escaped) */
    const char *extra;                      /* more JSON members, or NULL */
};

/* Near misses are deliberate: s03 has 保障 and 卡 but not 保障卡; s09 has 2018 and 年度
 * but not 2018年度; s07/s08 spell ABC123 in both widths; s23 holds FTS5 operator words;
 * s17 was never published and s18 is scheduled for 2099: neither may ever show. */
static const struct fx items[] = {
    {"s01", "hr", "bmfw/shbz", "2021-03-01", "社会保障卡办理指南", "申领社会保障卡需携带居民身份证原件，到区人社局窗口办理。", NULL},
    {"s02", "hr", "bmfw/shbz", "2021-04-01", "社保卡挂失补办流程", "社保卡遗失后，可拨打12333热线挂失，并到窗口补办新卡。", NULL},
    {"s03", "hr", "gkml/gsgg", "2022-01-10", "关于社会保障，卡片管理的说明", "社会保障与卡片管理分开说明。", NULL},
    {"s04", "hr", "gzdt", "2022-02-10", "工作简报第3期", "本期简报介绍社保卡发放进度。", NULL},
    {"s05", "health", "gkml/gsgg", "2020-02-01", "关于做好COVID-19疫情防控工作的通知", "各单位要落实covid-19防控措施。", NULL},
    {"s06", "health", "gzdt", "2021-05-01", "新冠疫情防控常见问题解答", "主要症状包括发热、干咳。COVID-19 vaccine information.", NULL},
    {"s07", "dev", "gkml/gsgg", "2022-06-01", "ＡＢＣ１２３项目公示", "项目编号ＡＢＣ１２３，建设单位为城投公司。", NULL},
    {"s08", "dev", "gzdt", "2022-07-01", "abc123 second notice", "The project ABC123 is under review.", NULL},
    {"s09", "gov", "zfxxgk/nb", "2019-03-20", "工农区人民政府2018年政府信息公开工作年度报告", "本报告根据条例要求编制。", NULL},
    {"s10", "gov", "zfxxgk/nb", "2019-03-25", "2018年度报告", "2018年度统计工作总结。", NULL},
    {"s11", "hr", "gkml/wjfg", "2021-06-01", "关于调整社保缴费基数的通知", "各用人单位：现将2021年度社保缴费基数调整如下。",
     "\"statutory\":\"normative_document\",\"written\":\"2021-05-20\",\"doc_no\":\"工农人社规〔2021〕2号\""},
    {"s12", "gov", "gkml/wjfg", "2020-09-01", "工农区城市管理办法", "为加强城市管理，制定本办法。",
     "\"statutory\":\"rule\",\"written\":\"2020-08-15\",\"doc_no\":\"工农政令〔2020〕1号\""},
    {"s13", "street", "gzdt", "2023-03-01", "红军街道开展便民服务活动", "街道为居民办理社保卡激活和补办业务。", NULL},
    {"s14", "street-cmty", "gzdt", "2023-04-01", "社区养老服务站开放", "社区为老年人提供助餐服务。", NULL},
    {"s15<x>\"'&", "evil", "gkml/gsgg", "2023-05-01", "<script>alert(1)</script>\\\"引号'测试&符号",
     "点击<a href=\\\"javascript:alert(2)\\\">这里</a>领取\\\"><img src=x onerror=alert(3)>",
     "\"doc_no\":\"</mark><script>alert(4)</script>\",\"index_no\":\"<i>idx</i>&amp;\",\"topic\":\"<b>t</b>\","
     "\"genre\":\"\\\"><svg onload=alert(7)>\""},
    {"s16", "gov", "gzdt", "2023-06-01", "标记\\u0002测试\\u0003通知", "正文\\u0002含有\\u0003控制字符。", NULL},
    {"s17", "hr", "gzdt", NULL, "社保卡内部草稿", "尚未发布。", NULL},
    {"s18", "hr", "gzdt", "2099-01-01", "社保卡未来公告", "定时发布。", NULL},
    {"s19", "gov", "gkml/ldjj", "2019-01-01", "区长工作分工", "负责政府全面工作。", NULL},
    {"s20", "health", "gkml/zzjg", "2020-01-01", "卫生健康局机构职能", "负责全区卫生健康工作。", NULL},
    {"s21", "dev", "gkml/zdxm", "2021-01-01", "重点项目建设进展", "项目建设稳步推进，完成投资5亿元。", NULL},
    {"s22", "gov", "gkml/gsgg", "2022-03-01", "Open Government Information Guide", "This guide explains how to request information.", NULL},
    {"s23", "gov", "gzdt", "2022-04-01", "Query syntax note", "Use a OR b here, NEAR( the title: x) AND NOT *.", NULL},
    {"s24", "hr", "bmfw/shbz", "2020-05-01", "医疗保障局2020年工作总结", "医疗保障水平稳步提高。", NULL},
    {"s25", "hr", "bmfw/shbz", "2020-06-01", "保障性住房申请条件", "申请保障性住房须符合条件。", NULL},
    {"s26", "gov", "gkml/gsgg", "2023-01-01", "关于公开征求意见的公告", "现就管理办法公开征求意见，欢迎提出建议。", NULL},
    {"s27", "street", "gzdt", "2021-08-01", "街道环境整治", "开展背街小巷环境整治，拆除违建。", NULL},
    {"s28", "gov", "gzdt", "2020-11-01", "一卡通服务上线", "市民可使用一卡通乘坐公交。", NULL},
    {"s29", "dev", "gzdt", "2023-02-01", "招商引资推介会", "推介会吸引企业参加。", NULL},
    {"s30", "gov", "gkml/gsgg", "2021-09-01", "政府网站年度报表", "政府网站2020年度工作报表。", NULL},
    {"s31", "hr", "gzdt", "2023-07-01", "就业补贴发放公告", "本月补贴已发放，详见社保窗口。", NULL},
    {"s32", "dev", "gkml/zdxm", "2019-06-01", "城北道路改造项目进展",
     "本项目位于城区北部，总投资约三亿元，建设周期两年，由区发展和改革局牵头实施。项目分为三个标段，涉及道路、绿化、"
     "排水等内容，施工期间将采取降尘措施，减少对周边居民的影响。今年将重点推进蓝天保卫战，改善空气质量，完成各项既定任务。"
     "同时，项目还将新建口袋公园两处、口袋停车场一处，增设公交站台四座，方便市民出行。项目建成后，城北片区的交通条件和"
     "人居环境将得到明显改善。后续进展将及时向社会公布，欢迎各界监督。", NULL},
};
#define NITEMS (sizeof items / sizeof items[0])
#define HOSTILE_ID "s15<x>\"'&"
#define NFILLERS 22      /* f01..f22 "会议纪要第N号" (2018, gkml/dsj): more than a page of hits */
#define PUBLIC_ITEMS 52 /* all but s17 and s18 */
#define FEED_ENTRIES 30

static void write_fixture(FILE *f)
{
    for (size_t i = 0; i < sizeof agencies_jsonl / sizeof agencies_jsonl[0]; i++)
        fprintf(f, "%s\n", agencies_jsonl[i]);
    for (size_t i = 0; i < NITEMS; i++) {
        const struct fx *x = &items[i];
        /* The ids hold no character that needs JSON escaping but '"'. */
        buf_t id = BUF_INIT;
        for (const char *p = x->id; *p; p++) {
            if (*p == '"')
                buf_putc(&id, '\\');
            buf_putc(&id, *p);
        }
        fprintf(f, "{\"type\":\"item\",\"id\":\"%s\",\"agency\":\"%s\",\"column\":\"%s\",\"title\":\"%s\",\"body\":\"%s\"",
                buf_str(&id), x->agency, x->column, x->title, x->body);
        if (x->extra)
            fprintf(f, ",%s", x->extra);
        if (x->pub)
            fprintf(f, ",\"publications\":[{\"channel\":\"website\",\"at\":\"%s\"}]", x->pub);
        fputs("}\n", f);
        buf_free(&id);
    }
    for (int i = 1; i <= NFILLERS; i++)
        fprintf(f, "{\"type\":\"item\",\"id\":\"f%02d\",\"agency\":\"filler\",\"column\":\"gkml/dsj\","
                   "\"title\":\"会议纪要第%d号\",\"body\":\"本次会议研究了有关事项。\","
                   "\"publications\":[{\"channel\":\"website\",\"at\":\"2018-%02d-%02d\"}]}\n",
                i, i, 1 + i % 12, 1 + i);
}

/* ================================================================ server */

static char db_path[600];
static struct portal *portal;
static server_t *srv;
static int port;

static bool setup(void)
{
    snprintf(db_path, sizeof db_path, "%s/search.db", test_tmpdir());
    store_t *s = test_db_at(db_path);
    char *err = NULL;
    FILE *f = tmpfile();
    write_fixture(f);
    rewind(f);
    struct import_result r;
    int rc = import_stream(s, f, "fixture.jsonl", false, stderr, &r);
    fclose(f);
    store_close(s);
    CHECK_INT(rc, 0);
    if (rc)
        return false;

    portal = portal_open(db_path, NULL, &err);
    if (!portal) {
        fprintf(stderr, "portal: %s\n", err);
        free(err);
        return false;
    }
    struct server_config cfg = server_config_defaults();
    cfg.threads = 2;
    cfg.timeout_s = 30 * (unsigned)slow_factor();
    srv = test_serve_portal(portal, &cfg, &err);
    if (!srv) {
        free(err);
        return false;
    }
    port = server_port(srv);
    return true;
}

/* ================================================================ client */

struct reply {
    long status;
    buf_t body;
    char ctype[128], allow[128], etag[64], cache[128];
};

static void header_value(const char *line, size_t len, const char *name, char *out, size_t outsz)
{
    size_t nl = strlen(name);
    if (len <= nl || strncasecmp(line, name, nl) != 0 || line[nl] != ':')
        return;
    const char *v = line + nl + 1;
    while (*v == ' ')
        v++;
    size_t vl = len - (size_t)(v - line);
    while (vl && (v[vl - 1] == '\r' || v[vl - 1] == '\n'))
        vl--;
    snprintf(out, outsz, "%.*s", (int)vl, v);
}

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
    struct reply *r = ud;
    header_value(p, size * n, "Content-Type", r->ctype, sizeof r->ctype);
    header_value(p, size * n, "Allow", r->allow, sizeof r->allow);
    header_value(p, size * n, "ETag", r->etag, sizeof r->etag);
    header_value(p, size * n, "Cache-Control", r->cache, sizeof r->cache);
    return size * n;
}

/* METHOD (NULL = GET) of PATH (already URL-encoded) into R (free with reply_free). */
static void http(const char *method, const char *path, struct reply *r)
{
    memset(r, 0, sizeof *r);
    CURL *c = test_http_handle(port, path, &r->body, on_header, r, 20L * slow_factor());
    if (method && strcmp(method, "HEAD") == 0)
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    else if (method && strcmp(method, "POST") == 0)
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, "x=1");
    else if (method)
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    CURLcode rc = test_http_finish(c, &r->status);
    if (rc != CURLE_OK)
        fprintf(stderr, "curl %s: %s\n", path, curl_easy_strerror(rc));
    if (!r->body.data)
        buf_puts(&r->body, "");
}

static void reply_free(struct reply *r)
{
    buf_free(&r->body);
}

/* Percent-encodes S for a query value or a path segment (RFC 3986 unreserved kept). */
static char *enc(const char *s)
{
    buf_t b = BUF_INIT;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p))
            buf_putc(&b, (char)*p);
        else
            buf_printf(&b, "%%%02X", *p);
    }
    if (!b.data)
        buf_puts(&b, "");
    return buf_take(&b);
}

static json_t *get_json(const char *path, long want_status)
{
    struct reply r;
    http(NULL, path, &r);
    if (r.status != want_status)
        fprintf(stderr, "  %s: status %ld, body %s\n", path, r.status, buf_str(&r.body));
    CHECK_INT(r.status, want_status);
    CHECK(strncmp(r.ctype, "application/json", 16) == 0);
    /* No stored or requested string can read as markup, whatever a client does with it. */
    CHECK(strpbrk(buf_str(&r.body), "<>&") == NULL);
    json_error_t e;
    json_t *j = json_loads(buf_str(&r.body), 0, &e);
    if (!j)
        fprintf(stderr, "  %s: not JSON (%s): %s\n", path, e.text, buf_str(&r.body));
    CHECK(j != NULL);
    reply_free(&r);
    return j;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The "id" members of the objects in ARRAY, sorted, joined by ','. */
static char *ids_of(const json_t *array, bool sort)
{
    size_t n = json_array_size(array);
    const char **v = xcalloc(n ? n : 1, sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = json_string_value(json_object_get(json_array_get(array, i), "id"));
    if (sort)
        qsort(v, n, sizeof *v, cmp_str);
    buf_t b = BUF_INIT;
    for (size_t i = 0; i < n; i++)
        buf_printf(&b, "%s%s", i ? "," : "", v[i] ? v[i] : "(null)");
    free(v);
    if (!b.data)
        buf_puts(&b, "");
    return buf_take(&b);
}

/* The API's hits for query Q (plus EXTRA query parameters, encoded), as "s01,s02". */
static char *api_hits(const char *q, const char *extra, bool sort)
{
    char *eq = enc(q);
    char path[2048];
    snprintf(path, sizeof path, "/api/v1/search?q=%s&per_page=100%s", eq, extra ? extra : "");
    free(eq);
    json_t *j = get_json(path, 200);
    char *ids = j ? ids_of(json_object_get(j, "results"), sort) : xstrdup("(no json)");
    if (j) {
        /* total agrees with the list when it fits on one page */
        CHECK_INT(json_integer_value(json_object_get(j, "total")), json_array_size(json_object_get(j, "results")));
        CHECK(json_is_false(json_object_get(j, "capped")));
    }
    json_decref(j);
    return ids;
}

/* The items the HTML search page links to, in fixture order, as "s01,s02". */
static char *html_hits(const char *q, const char *extra)
{
    char *eq = enc(q);
    char path[2048];
    snprintf(path, sizeof path, "/search?q=%s%s", eq, extra ? extra : "");
    free(eq);
    struct reply r;
    http(NULL, path, &r);
    CHECK_INT(r.status, 200);
    CHECK(strncmp(r.ctype, "text/html", 9) == 0);
    buf_t b = BUF_INIT;
    for (size_t i = 0; i < NITEMS; i++) {
        char *e = enc(items[i].id);
        char *href = xasprintf("href=\"/item/%s\"", e);
        if (strstr(buf_str(&r.body), href))
            buf_printf(&b, "%s%s", b.len ? "," : "", items[i].id);
        free(href);
        free(e);
    }
    reply_free(&r);
    if (!b.data)
        buf_puts(&b, "");
    return buf_take(&b);
}

#define CHECK_HITS(q, extra, want)                          \
    do {                                                    \
        char *got_ = api_hits(q, extra, true);              \
        if (strcmp(got_, want) != 0)                        \
            fprintf(stderr, "  api query [%s%s]\n", q, extra ? extra : ""); \
        CHECK_STR(got_, want);                              \
        free(got_);                                         \
        got_ = html_hits(q, extra);                         \
        if (strcmp(got_, want) != 0)                        \
            fprintf(stderr, "  html query [%s%s]\n", q, extra ? extra : ""); \
        CHECK_STR(got_, want);                              \
        free(got_);                                         \
    } while (0)

/* ================================================================ tests */

static void test_search_sets(void)
{
    /* one character */
    CHECK_HITS("卡", NULL, "s01,s02,s03,s04,s13,s28");
    CHECK_HITS("招", NULL, "s29");
    /* two characters */
    CHECK_HITS("社保", NULL, "s02,s04,s11,s13,s31");
    CHECK_HITS("年度", NULL, "s09,s10,s11,s30");
    CHECK_HITS("补办", NULL, "s02,s13");
    CHECK_HITS("测试", NULL, HOSTILE_ID ",s16");
    /* three characters and more: exact strings, not scattered characters */
    CHECK_HITS("保障卡", NULL, "s01");
    CHECK_HITS("城市管理", NULL, "s12");
    CHECK_HITS("社会保障卡", NULL, "s01");
    /* several terms: all of them */
    CHECK_HITS("社保 补办", NULL, "s02,s13");
    CHECK_HITS("社保　补办", NULL, "s02,s13"); /* ideographic space */
    CHECK_HITS("社保 火星", NULL, "");
    /* mixed Chinese and ASCII, both widths */
    CHECK_HITS("COVID-19 防控", NULL, "s05,s06");
    CHECK_HITS("ABC123", NULL, "s07,s08");
    CHECK_HITS("ａｂｃ１２３", NULL, "s07,s08");
    CHECK_HITS("2018年度", NULL, "s10");
    CHECK_HITS("2021年度", NULL, "s11");
    /* 文号 */
    CHECK_HITS("工农人社规〔2021〕2号", NULL, "s11");
    CHECK_HITS("工农政令", NULL, "s12");
    /* words inside hostile markup are just words */
    CHECK_HITS("script", NULL, HOSTILE_ID);
    CHECK_HITS("javascript", NULL, HOSTILE_ID);
    /* FTS5 syntax is text: never an error */
    CHECK_HITS("OR", NULL, "s23");
    CHECK_HITS("NEAR(", NULL, "s23");
    CHECK_HITS("title:", NULL, "s23");
    CHECK_HITS("\"社保", NULL, "s02,s04,s11,s13,s31");
    CHECK_HITS("社保*", NULL, "s02,s04,s11,s13,s31");
    CHECK_HITS("AND NOT", NULL, "s23");
    CHECK_HITS("火星基地", NULL, "");
    /* never published (s17) and scheduled for 2099 (s18) stay hidden */
    CHECK_HITS("草稿", NULL, "");
    CHECK_HITS("未来公告", NULL, "");
}

static void test_search_filters(void)
{
    CHECK_HITS("社保", "&agency=hr", "s02,s04,s11,s31");
    CHECK_HITS("服务", NULL, "s13,s14,s28");
    CHECK_HITS("服务", "&agency=street", "s13,s14"); /* the street and the community below it */
    CHECK_HITS("服务", "&agency=street-cmty", "s14");
    CHECK_HITS("服务", "&agency=gov", "s13,s14,s28");
    CHECK_HITS("社保", "&column=bmfw", "s02"); /* bmfw and its sub-columns */
    CHECK_HITS("社保", "&column=bmfw%2Fshbz", "s02");
    CHECK_HITS("社保", "&column=gzdt", "s04,s13,s31");
    CHECK_HITS("社保", "&column=gkml%2Fwjfg", "s11");
    CHECK_HITS("社保", "&year=2021", "s02,s11");
    CHECK_HITS("社保", "&year=2023", "s13,s31");
    CHECK_HITS("社保", "&year=2019", "");
    CHECK_HITS("社保", "&statutory=any", "s11");
    CHECK_HITS("社保", "&statutory=normative_document", "s11");
    CHECK_HITS("社保", "&statutory=rule", "");
    CHECK_HITS("管理", NULL, "s03,s12,s26");
    CHECK_HITS("管理", "&statutory=rule", "s12");
    CHECK_HITS("管理", "&agency=gov&year=2020&statutory=rule&column=gkml", "s12");

    /* The HTML page ignores a malformed filter instead of refusing the page. */
    char *got = html_hits("社保", "&year=abc&page=x&statutory=%3Cb%3E");
    CHECK_STR(got, "s02,s04,s11,s13,s31");
    free(got);
}

static void test_search_order_and_pages(void)
{
    /* Title weighs more than body: s02 has 补办 in its title, s13 (newer) only in its body. */
    char *got = api_hits("补办", NULL, false);
    CHECK_STR(got, "s02,s13");
    free(got);
    /* s01 has 保障卡 in title and body; s24/s25 are not hits at all. Two title hits of 卡
     * and two body-only ones: every title hit ranks above every body-only hit. */
    json_t *j = get_json("/api/v1/search?q=%E5%8D%A1&per_page=100", 200); /* 卡 */
    if (j) {
        json_t *res = json_object_get(j, "results");
        /* title hits: s01 s02 s03 s28; body only: s04 s13 */
        for (size_t i = 0; i < json_array_size(res); i++) {
            const char *id = json_string_value(json_object_get(json_array_get(res, i), "id"));
            bool body_only = !strcmp(id, "s04") || !strcmp(id, "s13");
            if (i < 4)
                CHECK(!body_only);
            else
                CHECK(body_only);
        }
        double prev = -1e300;
        for (size_t i = 0; i < json_array_size(res); i++) {
            double sc = json_real_value(json_object_get(json_array_get(res, i), "score"));
            CHECK(sc >= prev); /* bm25: lower is better, ascending */
            prev = sc;
        }
    }
    json_decref(j);

    /* newest first */
    got = api_hits("社保", "&sort=date", false);
    CHECK_STR(got, "s31,s13,s04,s11,s02");
    free(got);

    /* pages of 4: 4 + 2, no overlap, same total */
    j = get_json("/api/v1/search?q=%E5%8D%A1&per_page=4", 200);
    json_t *j2 = get_json("/api/v1/search?q=%E5%8D%A1&per_page=4&page=2", 200);
    json_t *j3 = get_json("/api/v1/search?q=%E5%8D%A1&per_page=4&page=3", 200);
    if (j && j2 && j3) {
        CHECK_INT(json_integer_value(json_object_get(j, "total")), 6);
        CHECK_INT(json_integer_value(json_object_get(j, "pages")), 2);
        CHECK_INT(json_integer_value(json_object_get(j, "page")), 1);
        CHECK_INT(json_integer_value(json_object_get(j, "per_page")), 4);
        CHECK_INT(json_array_size(json_object_get(j, "results")), 4);
        CHECK_INT(json_array_size(json_object_get(j2, "results")), 2);
        CHECK_INT(json_integer_value(json_object_get(j2, "total")), 6);
        CHECK_INT(json_array_size(json_object_get(j3, "results")), 0);
        char *a = ids_of(json_object_get(j, "results"), false), *b = ids_of(json_object_get(j2, "results"), false);
        char *all = xasprintf("%s,%s", a, b);
        char *ranked = api_hits("卡", NULL, false);
        CHECK_STR(all, ranked);
        free(a);
        free(b);
        free(all);
        free(ranked);
    }
    json_decref(j);
    json_decref(j2);
    json_decref(j3);
}

static void test_search_page(void)
{
    struct reply r;
    /* highlighted title and snippet; the query stays in the box */
    http(NULL, "/search?q=%E7%A4%BE%E4%BF%9D%E5%8D%A1", &r); /* 社保卡 */
    CHECK_INT(r.status, 200);
    const char *h = buf_str(&r.body);
    CHECK_CONTAINS(h, "<mark>社保卡</mark>挂失补办流程");
    CHECK_CONTAINS(h, "value=\"社保卡\"");
    CHECK_CONTAINS(h, "<mark>社保卡</mark>遗失后");
    CHECK_CONTAINS(h, "noindex");
    CHECK_CONTAINS(h, "找到 3 条");
    reply_free(&r);

    /* highlighting follows the index's rules: several terms, both widths, a phrase across
     * a space, and a snippet cut around the first match at a sentence start */
    struct {
        const char *q, *id, *field, *want;
    } marks[] = {
        {"社保 补办", "s02", "title_html", "<mark>社保</mark>卡挂失<mark>补办</mark>流程"},
        {"abc123", "s07", "title_html", "<mark>ＡＢＣ１２３</mark>项目公示"},
        {"2018年度", "s10", "title_html", "<mark>2018年度</mark>报告"},
        {"2018年度", "s10", "snippet_html", "<mark>2018年度</mark>统计工作总结。"},
        {"covid-19", "s05", "title_html", "关于做好<mark>COVID-19</mark>疫情防控工作的通知"},
        {"保障卡", "s01", "snippet_html", "申领社会<mark>保障卡</mark>需携带居民身份证原件，到区人社局窗口办理。"},
        {"城北", "s32", "snippet_html", "…项目建成后，<mark>城北</mark>片区的交通条件"},
        {"工农政令〔2020〕1号", "s12", "title_html", "工农区城市管理办法"}, /* matched in the 文号 only */
    };
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        char *e = enc(marks[i].q), path[512];
        snprintf(path, sizeof path, "/api/v1/search?q=%s", e);
        free(e);
        json_t *j = get_json(path, 200);
        const char *got = NULL;
        for (size_t k = 0; j && k < json_array_size(json_object_get(j, "results")); k++) {
            json_t *hit = json_array_get(json_object_get(j, "results"), k);
            if (!strcmp(json_string_value(json_object_get(hit, "id")), marks[i].id))
                got = json_string_value(json_object_get(hit, marks[i].field));
        }
        if (!got || !strstr(got, marks[i].want))
            fprintf(stderr, "  [%s] %s.%s = %s\n", marks[i].q, marks[i].id, marks[i].field, got ? got : "(none)");
        CHECK(got && strstr(got, marks[i].want));
        json_decref(j);
    }
    json_t *j = get_json("/api/v1/search?q=%E8%93%9D%E5%A4%A9%E4%BF%9D%E5%8D%AB%E6%88%98", 200); /* 蓝天保卫战 */
    if (j) {
        const char *snip = json_string_value(json_object_get(json_array_get(json_object_get(j, "results"), 0), "snippet_html"));
        CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(j, "results"), 0), "id")), "s32");
        CHECK(snip && strncmp(snip, "…今年将重点推进<mark>蓝天保卫战</mark>，改善空气质量", strlen("…今年将重点推进<mark>蓝天保卫战</mark>，改善空气质量")) == 0);
        CHECK(snip && strlen(snip) > 3 && strcmp(snip + strlen(snip) - 3, "…") == 0);
    }
    json_decref(j);

    /* empty query, nothing searchable, no results */
    http(NULL, "/search", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(buf_str(&r.body), "请输入检索词");
    reply_free(&r);
    http(NULL, "/search?q=+++", &r);
    CHECK_CONTAINS(buf_str(&r.body), "请输入检索词");
    reply_free(&r);
    http(NULL, "/search?q=%E3%80%80+", &r); /* ideographic space */
    CHECK_CONTAINS(buf_str(&r.body), "请输入检索词");
    reply_free(&r);
    http(NULL, "/search?q=%E3%80%8A%E3%80%8B%21%21", &r); /* 《》!! */
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(buf_str(&r.body), "没有可以检索的文字");
    reply_free(&r);
    http(NULL, "/search?q=%E7%81%AB%E6%98%9F", &r); /* 火星 */
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(buf_str(&r.body), "没有找到与“<strong>火星</strong>”相关的信息");
    reply_free(&r);

    /* pagination links keep the query and the filters */
    http(NULL, "/search?q=%E5%8D%A1&page=99", &r); /* 卡, past the end */
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(buf_str(&r.body), "这一页没有结果");
    reply_free(&r);

    /* filters stay selected */
    http(NULL, "/search?q=%E7%A4%BE%E4%BF%9D&agency=hr&year=2021&column=gzdt&statutory=any&sort=date", &r);
    h = buf_str(&r.body);
    CHECK_CONTAINS(h, "<option value=\"hr\" selected>");
    CHECK_CONTAINS(h, "<option value=\"2021\" selected>");
    CHECK_CONTAINS(h, "<option value=\"gzdt\" selected>");
    CHECK_CONTAINS(h, "<option value=\"any\" selected>");
    CHECK_CONTAINS(h, "<option value=\"date\" selected>");
    CHECK_CONTAINS(h, "<option value=\"2018\">2018年</option>");
    CHECK(strstr(h, "<option value=\"2099\"") == NULL); /* s18's scheduled publication */
    CHECK(strstr(h, "<option value=\"2017\"") == NULL);
    reply_free(&r);

    /* an unknown agency: no results and a word about it */
    http(NULL, "/search?q=%E7%A4%BE%E4%BF%9D&agency=nobody", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(buf_str(&r.body), "所选的发布机构不存在");
    reply_free(&r);

    /* HEAD answers like GET without a body */
    http("HEAD", "/search?q=%E7%A4%BE%E4%BF%9D", &r);
    CHECK_INT(r.status, 200);
    CHECK_INT(r.body.len, 0);
    reply_free(&r);
}

static int count_item_links(const char *html)
{
    int n = 0;
    for (const char *p = strstr(html, "href=\"/item/f"); p; p = strstr(p + 1, "href=\"/item/f"))
        n++;
    return n;
}

static void test_pagination_html(void)
{
    struct reply r;
    http(NULL, "/search?q=%E4%BC%9A%E8%AE%AE&agency=filler", &r); /* 会议: the 22 fillers */
    CHECK_INT(r.status, 200);
    const char *h = buf_str(&r.body);
    CHECK_CONTAINS(h, "找到 22 条");
    CHECK_INT(count_item_links(h), 20);
    CHECK_CONTAINS(h, "rel=\"next\"");
    CHECK_CONTAINS(h, "agency=filler");
    CHECK_CONTAINS(h, "page=2");
    CHECK(strstr(h, "rel=\"prev\"") == NULL);
    reply_free(&r);
    http(NULL, "/search?q=%E4%BC%9A%E8%AE%AE&agency=filler&page=2", &r);
    CHECK_INT(r.status, 200);
    h = buf_str(&r.body);
    CHECK_INT(count_item_links(h), 2);
    CHECK_CONTAINS(h, "rel=\"prev\"");
    CHECK_CONTAINS(h, "start=\"21\"");
    CHECK_CONTAINS(h, "第 21–22 条");
    reply_free(&r);
}

static void test_hostile(void)
{
    struct reply r;
    /* stored markup: the page shows it as text */
    http(NULL, "/search?q=%E6%B5%8B%E8%AF%95", &r); /* 测试 */
    const char *h = buf_str(&r.body);
    CHECK_INT(r.status, 200);
    CHECK(strstr(h, "<script>alert") == NULL);
    CHECK(strstr(h, "<img src=x") == NULL);
    CHECK(strstr(h, "href=\"javascript:") == NULL);
    CHECK(strstr(h, "onerror=alert(3)>") == NULL);
    CHECK(strstr(h, "</mark><script>") == NULL);
    CHECK_CONTAINS(h, "&lt;script&gt;alert(1)&lt;/script&gt;&quot;引号&#39;<mark>测试</mark>&amp;符号");
    CHECK_CONTAINS(h, "&lt;script&gt;alert(&quot;机构&quot;)&lt;/script&gt;局"); /* agency name */
    CHECK_CONTAINS(h, "href=\"/item/s15%3Cx%3E%22%27%26\"");
    /* marker bytes stored in s16's text are dropped: every <mark> is a match */
    CHECK_CONTAINS(h, "标记<mark>测试</mark>通知");
    CHECK_CONTAINS(h, "正文含有控制字符");
    CHECK(strchr(h, '\x02') == NULL && strchr(h, '\x03') == NULL);
    reply_free(&r);

    /* hostile query parameters: reflected escaped, never as markup */
    const char *evil = "\"><script>alert(5)</script><a href='javascript:alert(6)'>";
    char *e = enc(evil);
    const char *params[] = {"q", "agency", "column", "year", "page", "sort", "statutory"};
    for (size_t i = 0; i < sizeof params / sizeof params[0]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "/search?q=%s&%s=%s", i ? "%E7%A4%BE%E4%BF%9D" : "x", params[i], e);
        if (i == 0)
            snprintf(path, sizeof path, "/search?q=%s", e);
        http(NULL, path, &r);
        CHECK_INT(r.status, 200);
        h = buf_str(&r.body);
        CHECK(strstr(h, "<script>alert") == NULL);
        CHECK(strstr(h, "'javascript:") == NULL);
        CHECK(strstr(h, "\"><script") == NULL);
        if (i == 0)
            CHECK_CONTAINS(h, "value=\"&quot;&gt;&lt;script&gt;alert(5)&lt;/script&gt;");
        reply_free(&r);

        snprintf(path, sizeof path, "/api/v1/search?q=%s&%s=%s", i ? "%E7%A4%BE%E4%BF%9D" : "x", params[i], e);
        if (i == 0)
            snprintf(path, sizeof path, "/api/v1/search?q=%s", e);
        http(NULL, path, &r);
        CHECK(r.status == 200 || r.status == 400);
        CHECK(strpbrk(buf_str(&r.body), "<>&") == NULL);
        CHECK(strncmp(r.ctype, "application/json", 16) == 0);
        reply_free(&r);
    }
    free(e);

    /* JSON: the hostile strings round-trip exactly, escaped as \u003c etc. */
    json_t *j = get_json("/api/v1/search?q=script", 200);
    if (j) {
        json_t *hit = json_array_get(json_object_get(j, "results"), 0);
        CHECK_STR(json_string_value(json_object_get(hit, "id")), HOSTILE_ID);
        CHECK_STR(json_string_value(json_object_get(hit, "title")), "<script>alert(1)</script>\"引号'测试&符号");
        CHECK_STR(json_string_value(json_object_get(hit, "doc_no")), "</mark><script>alert(4)</script>");
        CHECK_STR(json_string_value(json_object_get(json_object_get(hit, "agency"), "name")),
                  "<script>alert(\"机构\")</script>局");
        CHECK_STR(json_string_value(json_object_get(hit, "title_html")),
                  "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;&quot;引号&#39;测试&amp;符号");
        CHECK_STR(json_string_value(json_object_get(hit, "url")), "/item/s15%3Cx%3E%22%27%26");
    }
    json_decref(j);
    char *path = xasprintf("/api/v1/items/%s", "s15%3Cx%3E%22%27%26");
    j = get_json(path, 200);
    free(path);
    if (j) {
        CHECK_STR(json_string_value(json_object_get(j, "body")),
                  "点击<a href=\"javascript:alert(2)\">这里</a>领取\"><img src=x onerror=alert(3)>");
        CHECK_STR(json_string_value(json_object_get(j, "index_no")), "<i>idx</i>&amp;");
        CHECK_STR(json_string_value(json_object_get(j, "topic")), "<b>t</b>");
        CHECK_STR(json_string_value(json_object_get(j, "genre")), "\"><svg onload=alert(7)>");
    }
    json_decref(j);
}

/* ---- XML ---- */

/* Well-formed XML: xmllint when installed, else a structural check (balanced tags, no
 * raw '<' or '&' in text). */
static bool xml_ok(const char *xml)
{
    int linted = test_xmllint(xml);
    if (linted >= 0)
        return linted == 1;
    int depth = 0;
    for (const char *p = xml; *p; p++) {
        if (*p == '&') {
            if (strncmp(p, "&amp;", 5) && strncmp(p, "&lt;", 4) && strncmp(p, "&gt;", 4) && strncmp(p, "&quot;", 6) &&
                strncmp(p, "&#39;", 5) && strncmp(p, "&apos;", 6))
                return false;
        } else if (*p == '<') {
            const char *end = strchr(p, '>');
            if (!end)
                return false;
            if (p[1] == '/')
                depth--;
            else if (p[1] != '?' && end[-1] != '/')
                depth++;
            if (depth < 0)
                return false;
            p = end;
        }
    }
    return depth == 0;
}

/* X holds FMT with the site's base URL (the variable base) in place of its %s. */
#define CHECK_AT_BASE(x, fmt)                   \
    do {                                        \
        char want_[512];                        \
        snprintf(want_, sizeof want_, fmt, base); \
        CHECK_CONTAINS(x, want_);               \
    } while (0)

static void test_feeds(void)
{
    const char *domain = site_get(portal)->domain;
    char base[300];
    if (domain && *domain)
        snprintf(base, sizeof base, "https://%s", domain);
    else
        snprintf(base, sizeof base, "http://127.0.0.1:%d", port);

    struct reply r;
    http(NULL, "/feeds/all.atom", &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(r.ctype, "application/atom+xml; charset=utf-8");
    const char *x = buf_str(&r.body);
    CHECK(xml_ok(x));
    CHECK_CONTAINS(x, "<feed xmlns=\"http://www.w3.org/2005/Atom\"");
    CHECK(strstr(x, "<script>") == NULL);
    CHECK_CONTAINS(x, "&lt;script&gt;alert(1)&lt;/script&gt;");
    CHECK_AT_BASE(x, "<link rel=\"self\" type=\"application/atom+xml\" href=\"%s/feeds/all.atom\"/>");
    CHECK_AT_BASE(x, "<id>%s/item/s31</id>");
    CHECK_AT_BASE(x, "href=\"%s/item/s15%%3Cx%%3E%%22%%27%%26\"");
    CHECK_CONTAINS(x, "<published>2023-07-01T00:00:00+08:00</published>");
    CHECK(strstr(x, "s17") == NULL && strstr(x, "s18") == NULL);
    /* newest first: s31 (2023-07-01) before s16 (2023-06-01) */
    CHECK(strstr(x, "/item/s31<") && strstr(x, "/item/s16<") && strstr(x, "/item/s31<") < strstr(x, "/item/s16<"));
    /* every <entry> has id, title, updated, link, author */
    int entries = 0;
    for (const char *p = strstr(x, "<entry>"); p; p = strstr(p + 1, "<entry>")) {
        const char *end = strstr(p, "</entry>");
        CHECK(end != NULL);
        if (!end)
            break;
        char *one = xstrndup(p, (size_t)(end - p));
        CHECK(strstr(one, "<id>") && strstr(one, "<title") && strstr(one, "<updated>") && strstr(one, "<link ") &&
              strstr(one, "<author>"));
        free(one);
        entries++;
    }
    CHECK_INT(entries, FEED_ENTRIES);
    CHECK(r.etag[0] != '\0');
    reply_free(&r);

    /* a column's feed: the column and its sub-columns */
    http(NULL, "/feeds/column/gkml.atom", &r);
    CHECK_INT(r.status, 200);
    x = buf_str(&r.body);
    CHECK(xml_ok(x));
    CHECK_CONTAINS(x, "/item/s11<");  /* gkml/wjfg */
    CHECK_CONTAINS(x, "/item/s03<");  /* gkml/gsgg */
    CHECK(strstr(x, "/item/s02<") == NULL); /* bmfw/shbz */
    CHECK_CONTAINS(x, "<category term=\"gkml/wjfg\"/>");
    reply_free(&r);
    http(NULL, "/feeds/column/gkml/wjfg.atom", &r);
    CHECK_INT(r.status, 200);
    x = buf_str(&r.body);
    CHECK(xml_ok(x));
    CHECK_CONTAINS(x, "/item/s11<");
    CHECK_CONTAINS(x, "/item/s12<");
    CHECK(strstr(x, "/item/s03<") == NULL);
    CHECK_CONTAINS(x, "<summary type=\"text\">工农人社规〔2021〕2号 各用人单位");
    reply_free(&r);
    const char *missing[] = {"/feeds/column/nothere.atom", "/feeds/column/gkml", "/feeds/column/GKML.atom",
                             "/feeds/column/%3Cscript%3E.atom", "/feeds/column/.atom", "/feeds/column/zfxxgk/zn.atom"};
    for (size_t i = 0; i < sizeof missing / sizeof missing[0]; i++) {
        http(NULL, missing[i], &r);
        CHECK_INT(r.status, 404);
        CHECK(strstr(buf_str(&r.body), "<script>") == NULL);
        reply_free(&r);
    }

    /* sitemap: items, columns, reports; nothing unpublished */
    http(NULL, "/sitemap.xml", &r);
    CHECK_INT(r.status, 200);
    CHECK(strncmp(r.ctype, "application/xml", 15) == 0);
    x = buf_str(&r.body);
    CHECK(xml_ok(x));
    CHECK_CONTAINS(x, "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
    int urls = 0, item_urls = 0;
    for (const char *p = strstr(x, "<loc>"); p; p = strstr(p + 1, "<loc>")) {
        urls++;
        if (strncmp(p + 5 + strlen(base), "/item/", 6) == 0)
            item_urls++;
    }
    CHECK_INT(item_urls, PUBLIC_ITEMS);
    CHECK(urls > PUBLIC_ITEMS);
    CHECK_AT_BASE(x, "<url><loc>%s/item/s01</loc><lastmod>");
    CHECK_AT_BASE(x, "<loc>%s/column/gkml/wjfg</loc>");
    CHECK_AT_BASE(x, "<loc>%s/zfxxgk/nb/2021</loc>");
    CHECK_AT_BASE(x, "<loc>%s/item/s15%%3Cx%%3E%%22%%27%%26</loc>");
    CHECK(strstr(x, "/item/s17<") == NULL && strstr(x, "/item/s18<") == NULL);
    reply_free(&r);
    /* the parts of a sitemap index answer too (used above 50,000 URLs) */
    http(NULL, "/sitemaps/pages.xml", &r);
    CHECK_INT(r.status, 200);
    CHECK(xml_ok(buf_str(&r.body)));
    CHECK(strstr(buf_str(&r.body), "/item/") == NULL);
    reply_free(&r);
    http(NULL, "/sitemaps/items-1.xml", &r);
    CHECK_INT(r.status, 200);
    CHECK(xml_ok(buf_str(&r.body)));
    CHECK_CONTAINS(buf_str(&r.body), "/item/s31</loc>");
    reply_free(&r);
    const char *bad_parts[] = {"/sitemaps/items-2.xml", "/sitemaps/items-0.xml", "/sitemaps/items-x.xml",
                               "/sitemaps/other.xml"};
    for (size_t i = 0; i < sizeof bad_parts / sizeof bad_parts[0]; i++) {
        http(NULL, bad_parts[i], &r);
        CHECK_INT(r.status, 404);
        reply_free(&r);
    }

    /* robots.txt */
    http(NULL, "/robots.txt", &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(r.ctype, "text/plain; charset=utf-8");
    x = buf_str(&r.body);
    CHECK_CONTAINS(x, "User-agent: *\n");
    CHECK_CONTAINS(x, "Disallow: /search\n");
    CHECK_CONTAINS(x, "Disallow: /api/\n");
    CHECK_AT_BASE(x, "Sitemap: %s/sitemap.xml\n");
    reply_free(&r);
}

/* ---- the API ---- */

static void test_api_items(void)
{
    json_t *j = get_json("/api/v1/items", 200);
    if (j) {
        CHECK_INT(json_integer_value(json_object_get(j, "total")), PUBLIC_ITEMS);
        CHECK_INT(json_integer_value(json_object_get(j, "page")), 1);
        CHECK_INT(json_integer_value(json_object_get(j, "per_page")), 20);
        CHECK_INT(json_integer_value(json_object_get(j, "pages")), 3);
        json_t *list = json_object_get(j, "items");
        CHECK_INT(json_array_size(list), 20);
        json_t *first = json_array_get(list, 0);
        CHECK_STR(json_string_value(json_object_get(first, "id")), "s31");
        CHECK_STR(json_string_value(json_object_get(first, "title")), "就业补贴发放公告");
        CHECK_STR(json_string_value(json_object_get(first, "url")), "/item/s31");
        CHECK_STR(json_string_value(json_object_get(first, "published")), "2023-07-01");
        CHECK_STR(json_string_value(json_object_get(first, "column")), "gzdt");
        CHECK_STR(json_string_value(json_object_get(json_object_get(first, "agency"), "code")), "hr");
        CHECK(json_object_get(first, "index_no") != NULL && json_is_string(json_object_get(first, "index_no")));
        CHECK(json_is_null(json_object_get(first, "statutory")));
        CHECK(json_object_get(first, "body") == NULL); /* lists stay small */
        /* newest first throughout */
        const char *prev = "9999";
        for (size_t i = 0; i < json_array_size(list); i++) {
            const char *d = json_string_value(json_object_get(json_array_get(list, i), "published"));
            CHECK(d && strcmp(d, prev) <= 0);
            prev = d ? d : prev;
        }
    }
    json_decref(j);
    j = get_json("/api/v1/items?page=3", 200);
    if (j)
        CHECK_INT(json_array_size(json_object_get(j, "items")), PUBLIC_ITEMS - 40);
    json_decref(j);

    struct {
        const char *query;
        long long total;
    } filters[] = {
        {"column=gzdt", 11},        {"column=gkml", 13 + NFILLERS}, {"column=bmfw%2Fshbz", 4},
        {"agency=hr", 8},           {"agency=street", 3},           {"year=2023", 7},
        {"year=2018", NFILLERS},    {"agency=filler&column=gkml%2Fdsj", NFILLERS},
        {"statutory=any", 2},       {"statutory=rule", 1},        {"agency=gov&column=gkml&year=2022", 3},
        {"column=zfxxgk%2Fnb", 2},  {"year=2099", 0},
    };
    for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, "/api/v1/items?per_page=100&%s", filters[i].query);
        j = get_json(path, 200);
        if (j) {
            if (json_integer_value(json_object_get(j, "total")) != filters[i].total)
                fprintf(stderr, "  items?%s\n", filters[i].query);
            CHECK_INT(json_integer_value(json_object_get(j, "total")), filters[i].total);
            CHECK_INT(json_array_size(json_object_get(j, "items")), filters[i].total);
        }
        json_decref(j);
    }

    /* one item, with body and publications */
    j = get_json("/api/v1/items/s11", 200);
    if (j) {
        CHECK_STR(json_string_value(json_object_get(j, "doc_no")), "工农人社规〔2021〕2号");
        CHECK_STR(json_string_value(json_object_get(j, "statutory")), "normative_document");
        CHECK_STR(json_string_value(json_object_get(j, "written")), "2021-05-20");
        CHECK_STR(json_string_value(json_object_get(j, "body")), "各用人单位：现将2021年度社保缴费基数调整如下。");
        json_t *pubs = json_object_get(j, "publications");
        CHECK_INT(json_array_size(pubs), 1);
        CHECK_STR(json_string_value(json_object_get(json_array_get(pubs, 0), "channel")), "website");
        CHECK_STR(json_string_value(json_object_get(json_array_get(pubs, 0), "at")), "2021-06-01");
        CHECK(json_is_array(json_object_get(j, "attachments")));
    }
    json_decref(j);
    /* unpublished, scheduled and unknown items are not there */
    const char *gone[] = {"/api/v1/items/s17", "/api/v1/items/s18", "/api/v1/items/nothing", "/api/v1/items/"};
    for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++) {
        j = get_json(gone[i], 404);
        if (j)
            CHECK(json_is_string(json_object_get(j, "error")));
        json_decref(j);
    }
}

static void test_api_lists(void)
{
    json_t *j = get_json("/api/v1/agencies", 200);
    if (j) {
        json_t *list = json_object_get(j, "agencies");
        CHECK_INT(json_array_size(list), NAGENCIES);
        json_t *root = json_array_get(list, 0);
        CHECK_STR(json_string_value(json_object_get(root, "code")), "gov");
        CHECK(json_is_null(json_object_get(root, "parent")));
        CHECK_INT(json_integer_value(json_object_get(root, "depth")), 0);
        bool found = false;
        for (size_t i = 0; i < json_array_size(list); i++) {
            json_t *a = json_array_get(list, i);
            if (!strcmp(json_string_value(json_object_get(a, "code")), "street-cmty")) {
                found = true;
                CHECK_STR(json_string_value(json_object_get(a, "parent")), "street");
                CHECK_INT(json_integer_value(json_object_get(a, "depth")), 2);
                CHECK_STR(json_string_value(json_object_get(a, "name")), "红军社区");
            }
        }
        CHECK(found);
    }
    json_decref(j);

    j = get_json("/api/v1/columns", 200);
    if (j) {
        json_t *list = json_object_get(j, "columns");
        CHECK(json_array_size(list) > 5);
        bool found = false;
        for (size_t i = 0; i < json_array_size(list); i++) {
            json_t *c = json_array_get(list, i);
            if (!strcmp(json_string_value(json_object_get(c, "slug")), "gkml/wjfg")) {
                found = true;
                CHECK_STR(json_string_value(json_object_get(c, "parent")), "gkml");
                CHECK_STR(json_string_value(json_object_get(c, "url")), "/column/gkml/wjfg");
                CHECK_STR(json_string_value(json_object_get(c, "feed")), "/feeds/column/gkml/wjfg.atom");
                CHECK(json_is_string(json_object_get(c, "name")));
            }
        }
        CHECK(found);
    }
    json_decref(j);

    j = get_json("/api/v1", 200);
    if (j)
        CHECK(json_array_size(json_object_get(j, "endpoints")) >= 6);
    json_decref(j);
}

static void test_api_reports(void)
{
    /* exactly `gongkai report --output json`: compare with the engine's own JSON */
    struct {
        const char *query, *agency;
        int year;
        bool tree;
        int fmt; /* -1: the year's default */
    } cases[] = {
        {"", NULL, 2021, true, -1},
        {"?agency=hr&scope=self", "hr", 2021, false, -1},
        {"?agency=gov&scope=tree&format=gov2019", "gov", 2022, true, FMT_GOV2019},
        {"?format=legacy2018", NULL, 2019, true, FMT_LEGACY2018},
    };
    store_t *s;
    char *err = NULL;
    CHECK_INT(store_open(db_path, &s, &err), 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, "/api/v1/reports/%d%s", cases[i].year, cases[i].query);
        json_t *got = get_json(path, 200);
        struct agency a = {0};
        struct report r;
        int fmt = cases[i].fmt < 0 ? (int)report_default_format(cases[i].year) : cases[i].fmt;
        CHECK_INT(report_load(s, cases[i].agency, cases[i].tree, cases[i].year, (enum report_format)fmt, &a, &r, &err),
                  0);
        json_t *want = report_json(&r);
        CHECK(got && json_equal(got, want));
        if (got) {
            CHECK_STR(json_string_value(json_object_get(got, "format")), report_format_names[fmt]);
            CHECK_INT(json_integer_value(json_object_get(got, "year")), cases[i].year);
        }
        json_decref(want);
        json_decref(got);
        report_clear(&r);
        agency_clear(&a);
    }
    store_close(s);
    free(err);

    /* the contract's key set */
    json_t *j = get_json("/api/v1/reports/2021", 200);
    if (j) {
        CHECK_STR(json_string_value(json_object_get(json_object_get(j, "agency"), "code")), "gov");
        CHECK_STR(json_string_value(json_object_get(j, "scope")), "tree");
    }
    json_decref(j);
}

static void test_api_errors(void)
{
    struct {
        const char *path;
        long status;
    } cases[] = {
        {"/api/v1/search", 400},
        {"/api/v1/search?q=", 400},
        {"/api/v1/search?q=%20%20", 400},
        {"/api/v1/search?q=%E3%80%80", 400},
        {"/api/v1/search?q=a&page=0", 400},
        {"/api/v1/search?q=a&page=-1", 400},
        {"/api/v1/search?q=a&page=1e3", 400},
        {"/api/v1/search?q=a&page=999999", 400},
        {"/api/v1/search?q=a&per_page=0", 400},
        {"/api/v1/search?q=a&per_page=101", 400},
        {"/api/v1/search?q=a&year=19", 400},
        {"/api/v1/search?q=a&year=abcd", 400},
        {"/api/v1/search?q=a&agency=nobody", 400},
        {"/api/v1/search?q=a&column=A%2FB", 400},
        {"/api/v1/search?q=a&column=a%2F%2Fb", 400},
        {"/api/v1/search?q=a&statutory=law", 400},
        {"/api/v1/search?q=a&sort=popular", 400},
        {"/api/v1/items?page=0", 400},
        {"/api/v1/items?page=5001&per_page=20", 400},
        {"/api/v1/items?agency=nobody", 400},
        {"/api/v1/items?year=3000", 400},
        {"/api/v1/items/nothing", 404},
        {"/api/v1/reports/1800", 404},
        {"/api/v1/reports/abc", 404},
        {"/api/v1/reports/2021/x", 404},
        {"/api/v1/reports/2021?scope=all", 400},
        {"/api/v1/reports/2021?format=gov2030", 400},
        {"/api/v1/reports/2021?agency=nobody", 404},
        {"/api/v2/items", 404},
        {"/api/v1/nothing", 404},
        {"/api", 404},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *j = get_json(cases[i].path, cases[i].status);
        if (j) {
            const char *e = json_string_value(json_object_get(j, "error"));
            CHECK(e && *e);
            CHECK_INT(json_object_size(j), 1);
        }
        json_decref(j);
    }
    /* punctuation only: an answer with nothing in it, not a mistake */
    json_t *j = get_json("/api/v1/search?q=%21%21", 200);
    if (j) {
        CHECK_INT(json_integer_value(json_object_get(j, "total")), 0);
        CHECK_INT(json_array_size(json_object_get(j, "results")), 0);
    }
    json_decref(j);

    /* the API is read-only: JSON 405 with Allow */
    const char *paths[] = {"/api/v1/items", "/api/v1/items/s01", "/api/v1/search?q=a", "/api/v1/columns",
                           "/api/v1/agencies", "/api/v1/reports/2021", "/api/v1"};
    const char *methods[] = {"POST", "DELETE", "PUT"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        struct reply r;
        http(methods[i % 3], paths[i], &r);
        CHECK_INT(r.status, 405);
        CHECK_STR(r.allow, "GET, HEAD");
        CHECK(strncmp(r.ctype, "application/json", 16) == 0);
        json_t *e = json_loads(buf_str(&r.body), 0, NULL);
        CHECK(e && json_is_string(json_object_get(e, "error")));
        json_decref(e);
        reply_free(&r);
    }

    /* ETag and 304 */
    struct reply r;
    http(NULL, "/api/v1/columns", &r);
    CHECK_INT(r.status, 200);
    CHECK(r.etag[0] == '"');
    CHECK(strstr(r.cache, "max-age") != NULL);
    char etag[64];
    snprintf(etag, sizeof etag, "%s", r.etag);
    reply_free(&r);
    char hdr[128];
    snprintf(hdr, sizeof hdr, "If-None-Match: %s", etag);
    struct curl_slist *hl = curl_slist_append(NULL, hdr);
    buf_t body = BUF_INIT;
    CURL *c = test_http_handle(port, "/api/v1/columns", &body, NULL, NULL, 20L * slow_factor());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
    long status;
    test_http_finish(c, &status);
    CHECK_INT(status, 304);
    curl_slist_free_all(hl);
    buf_free(&body);
}

/* ---- more hits than a search looks at (store level: no HTTP needed) ---- */

static void test_capped(void)
{
    /* Items 1..N all hold 通知 in the title, newest last; item 7 also holds 特急. */
    enum { N = SEARCH_HIT_CAP + 500 };
    char path[700];
    snprintf(path, sizeof path, "%s/capped.db", test_tmpdir());
    store_t *s = test_db_at(path);
    char *err = NULL;
    FILE *f = tmpfile();
    fprintf(f, "{\"type\":\"agency\",\"code\":\"g\",\"name\":\"机关\"}\n");
    for (int i = 1; i <= N; i++)
        fprintf(f, "{\"type\":\"item\",\"id\":\"n%05d\",\"agency\":\"g\",\"title\":\"第%d号%s通知\",\"body\":\"正文\","
                   "\"publications\":[{\"channel\":\"website\",\"at\":\"2020-01-01\"}]}\n",
                i, i, i == 7 ? "特急" : "");
    rewind(f);
    struct import_result ir;
    CHECK_INT(import_stream(s, f, "capped.jsonl", false, stderr, &ir), 0);
    fclose(f);

    struct search_terms m;
    search_terms_parse("通知", &m);
    struct search_params p = {.terms = &m, .filter = {.today = "2099-12-31"}, .limit = 20};
    struct search_result r;
    CHECK_INT(store_search(s, &p, &r, &err), 0);
    CHECK(r.capped);
    CHECK_INT(r.total, SEARCH_HIT_CAP);
    CHECK_INT(r.estimate, N); /* ids rise with time: the newest 2000 reach back to id 501 */
    CHECK_INT(r.nhits, 20);
    /* every hit on the first page is among the scored newest SEARCH_RANK_WINDOW */
    for (size_t i = 0; i < r.nhits; i++)
        CHECK(r.hits[i].id > N - SEARCH_RANK_WINDOW && r.hits[i].score < 0);
    search_result_clear(&r);
    /* past the window: the rest newest first, unscored */
    p.offset = SEARCH_RANK_WINDOW;
    p.limit = 3;
    CHECK_INT(store_search(s, &p, &r, &err), 0);
    CHECK_INT(r.nhits, 3);
    if (r.nhits == 3) {
        CHECK_INT(r.hits[0].id, N - SEARCH_RANK_WINDOW);
        CHECK_INT(r.hits[1].id, N - SEARCH_RANK_WINDOW - 1);
        CHECK_INT(r.hits[2].id, N - SEARCH_RANK_WINDOW - 2);
        CHECK(r.hits[0].score == 0);
    }
    search_result_clear(&r);
    /* the last reachable hit, and nothing after it */
    p.offset = SEARCH_HIT_CAP - 1;
    CHECK_INT(store_search(s, &p, &r, &err), 0);
    CHECK_INT(r.nhits, 1);
    if (r.nhits)
        CHECK_INT(r.hits[0].id, N - SEARCH_HIT_CAP + 1);
    search_result_clear(&r);
    p.offset = SEARCH_HIT_CAP;
    CHECK_INT(store_search(s, &p, &r, &err), 0);
    CHECK_INT(r.nhits, 0);
    search_result_clear(&r);
    /* a year filter: capped, but no estimate */
    p.offset = 0;
    p.filter.year = 2020;
    p.filter.year_basis = YEAR_PUBLISHED;
    CHECK_INT(store_search(s, &p, &r, &err), 0);
    CHECK(r.capped);
    CHECK_INT(r.estimate, 0);
    search_result_clear(&r);
    search_terms_free(&m);

    /* an old item is still found by a rarer word: below the cap everything ranks */
    search_terms_parse("特急", &m);
    struct search_params p2 = {.terms = &m, .filter = {.today = "2099-12-31"}, .limit = 20};
    CHECK_INT(store_search(s, &p2, &r, &err), 0);
    CHECK(!r.capped);
    CHECK_INT(r.total, 1);
    if (r.nhits) {
        CHECK_STR(r.hits[0].title, "第7号特急通知");
        CHECK_INT(r.hits[0].ntitle_marks, 1);
        if (r.hits[0].ntitle_marks == 1) {
            CHECK_INT(r.hits[0].title_marks[0].start, strlen("第7号"));
            CHECK_INT(r.hits[0].title_marks[0].end, strlen("第7号特急"));
        }
    }
    search_result_clear(&r);
    search_terms_free(&m);
    free(err);
    store_close(s);
}

void run_tests(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (!setup()) {
        CHECK(!"set-up");
    } else {
        test_search_sets();
        test_search_filters();
        test_search_order_and_pages();
        test_search_page();
        test_pagination_html();
        test_hostile();
        test_feeds();
        test_api_items();
        test_api_lists();
        test_api_reports();
        test_api_errors();
        test_capped();
    }
    server_stop(srv);
    portal_close(portal);
    curl_global_cleanup();
}
