/* Service guides through the real server: the guide page answers with the flowchart (inline
 * SVG, accessible, well-formed) and the steps as an ordered list in the same order; hostile
 * step text stays inert; 长者模式 draws larger text; the /guide index lists the guides;
 * an unknown guide is a 404; and searching 外商投资 in 办事指南 finds the item that presents
 * the guide in its column, whose body links to the guide page. */
#include "records/import.h"
#include "store/store.h"
#include "test.h"
#include "test_db.h"
#include "test_http.h"
#include "test_xml.h"
#include "util/xalloc.h"
#include "web/portal.h"
#include "web/server.h"
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

static const char fixture[] =
    "{\"type\":\"agency\",\"code\":\"gov\",\"name\":\"工农区人民政府\",\"kind\":\"government\"}\n"
    "{\"type\":\"agency\",\"code\":\"scjg\",\"name\":\"工农区市场监督管理局\",\"parent\":\"gov\",\"kind\":\"department\","
    "\"address\":\"工农区中心大街60号\",\"phone\":\"0468-3616166\",\"office_hours\":\"工作日 上午8:30—11:30\"}\n"
    "{\"type\":\"guide\",\"id\":\"wstz-sl\",\"agency\":\"scjg\",\"name\":\"外商投资企业设立\",\"column\":\"bmfw/bszn\","
    "\"basis\":[\"《中华人民共和国外商投资法》\"],\"materials\":[{\"name\":\"公司登记（备案）申请书\",\"form\":\"原件\",\"copies\":1}],"
    "\"steps\":[{\"key\":\"name\",\"title\":\"企业名称自主申报\",\"who\":\"申请人\"},"
    "{\"key\":\"check\",\"title\":\"受理审查\",\"branches\":[{\"label\":\"材料齐全\",\"next\":\"decide\"},{\"label\":\"需补正\",\"next\":\"fix\"}]},"
    "{\"key\":\"fix\",\"title\":\"一次性告知补正\",\"next\":\"check\"},"
    "{\"key\":\"decide\",\"title\":\"<script>alert(1)</script>颁发营业执照\",\"time_limit\":\"1个工作日\"}],"
    "\"online_url\":\"https://zwfw.example.gov.cn/wstz\",\"updated\":\"2024-07-15\"}\n"
    "{\"type\":\"item\",\"id\":\"lcqd-1\",\"agency\":\"scjg\",\"title\":\"外商投资企业设立办理流程清单\",\"column\":\"bmfw/bszn\","
    "\"body\":\"见[《外商投资企业设立办事指南》](/guide/wstz-sl)。\",\"publications\":[{\"channel\":\"website\",\"at\":\"2019-01-28\"}]}\n"
    "{\"type\":\"item\",\"id\":\"other\",\"agency\":\"gov\",\"title\":\"外商投资促进大会召开\",\"column\":\"gzdt\","
    "\"publications\":[{\"channel\":\"website\",\"at\":\"2019-02-01\"}]}\n";

static struct portal *portal;
static server_t *srv;
static int port;

static bool setup(void)
{
    char path[700];
    snprintf(path, sizeof path, "%s/guides.db", test_tmpdir());
    store_t *s = test_db_at(path);
    FILE *f = fmemopen((void *)fixture, strlen(fixture), "r");
    struct import_result r;
    res_t rc = import_stream(s, f, "fixture.jsonl", false, stderr, &r);
    fclose(f);
    store_close(s);
    CHECK_INT(rc, RES_OK);
    char *err = NULL;
    if (rc || !(portal = portal_open(path, NULL, &err))) {
        free(err);
        return false;
    }
    struct server_config cfg = server_config_defaults();
    cfg.threads = 2;
    if (!(srv = test_serve_portal(portal, &cfg, &err))) {
        free(err);
        return false;
    }
    port = server_port(srv);
    return true;
}

static long get(const char *path, const char *cookie, buf_t *body)
{
    CURL *c = test_http_handle(port, path, body, NULL, NULL, getenv("GONGKAI_UNDER_VALGRIND") ? 160L : 20L);
    if (cookie)
        curl_easy_setopt(c, CURLOPT_COOKIE, cookie);
    long status;
    test_http_finish(c, &status);
    if (!body->data)
        buf_puts(body, "");
    return status;
}

/* The text between the first A and the first B after it (a new string), or NULL. */
static char *between(const char *s, const char *a, const char *b)
{
    const char *p = strstr(s, a), *q = p ? strstr(p, b) : NULL;
    return q ? xasprintf("%.*s", (int)(q + strlen(b) - p), p) : NULL;
}

static void test_guide_page(void)
{
    buf_t b = BUF_INIT;
    CHECK_INT(get("/guide/wstz-sl", NULL, &b), 200);
    const char *html = buf_str(&b);
    CHECK_CONTAINS(html, "<h1>外商投资企业设立");
    CHECK_CONTAINS(html, "《中华人民共和国外商投资法》");
    CHECK_CONTAINS(html, "公司登记（备案）申请书");
    CHECK_CONTAINS(html, "<meta name=\"ColumnName\" content=\"办事指南\">");
    CHECK_CONTAINS(html, "<meta name=\"ArticleTitle\" content=\"外商投资企业设立办事指南\">");
    /* The guide has no phone or place of its own: its agency's. */
    CHECK_CONTAINS(html, "0468-3616166");
    CHECK_CONTAINS(html, "工农区中心大街60号");
    CHECK_CONTAINS(html, "<a href=\"https://zwfw.example.gov.cn/wstz\" rel=\"noopener\">");
    /* The flowchart: accessible inline SVG, hostile text inert. */
    char *svg = between(html, "<svg", "</svg>");
    CHECK(svg != NULL);
    if (svg) {
        CHECK_CONTAINS(svg, "role=\"img\"");
        CHECK_CONTAINS(svg, "aria-labelledby=\"flow-wstz-sl-title flow-wstz-sl-desc\"");
        CHECK_CONTAINS(svg, "<title id=\"flow-wstz-sl-title\">外商投资企业设立办理流程图</title>");
        CHECK_CONTAINS(svg, "font-size=\"15\"");
        CHECK(strstr(svg, "<script") == NULL);
        CHECK_CONTAINS(svg, "&lt;script&gt;");
        CHECK(test_xmllint(svg) != 0); /* well-formed (or xmllint not installed) */
    }
    CHECK(strstr(html, "<script>alert") == NULL);
    /* The steps as an ordered list beside the chart, in the same order. */
    char *list = between(html, "<ol class=\"flow-steps\"", "</ol>");
    CHECK(list != NULL);
    if (list) {
        const char *titles[] = {"企业名称自主申报", "受理审查", "一次性告知补正", "&lt;script&gt;alert(1)&lt;/script&gt;颁发营业执照"};
        const char *at = list;
        for (int i = 0; i < 4; i++) {
            const char *p = strstr(at, titles[i]);
            CHECK(p != NULL);
            at = p ? p : at;
        }
        CHECK_CONTAINS(list, "材料齐全，转第4步");
        CHECK_CONTAINS(list, "需补正，转第3步");
        CHECK_CONTAINS(list, "下一步：</span>转第2步");
    }
    free(svg);
    free(list);
    buf_free(&b);

    /* 长者模式: the same chart with larger text. */
    buf_t e = BUF_INIT;
    CHECK_INT(get("/guide/wstz-sl", "gk_mode=elder", &e), 200);
    CHECK_CONTAINS(buf_str(&e), "font-size=\"20\"");
    CHECK_CONTAINS(buf_str(&e), "class=\"elder\"");
    buf_free(&e);

    buf_t n = BUF_INIT;
    CHECK_INT(get("/guide/nothing-here", NULL, &n), 404);
    buf_free(&n);
    buf_t x = BUF_INIT;
    CHECK_INT(get("/guide/%3Cscript%3E", NULL, &x), 404);
    CHECK(strstr(buf_str(&x), "<script>") == NULL);
    buf_free(&x);
}

static void test_index_and_search(void)
{
    buf_t b = BUF_INIT;
    CHECK_INT(get("/guide", NULL, &b), 200);
    CHECK_CONTAINS(buf_str(&b), "<a href=\"/guide/wstz-sl\">外商投资企业设立</a>");
    buf_free(&b);

    /* 外商投资 in 办事指南: the list item, not the news outside the column. */
    buf_t s = BUF_INIT;
    CHECK_INT(get("/search?q=%E5%A4%96%E5%95%86%E6%8A%95%E8%B5%84&column=bmfw/bszn", NULL, &s), 200);
    CHECK_CONTAINS(buf_str(&s), "href=\"/item/lcqd-1\"");
    CHECK(strstr(buf_str(&s), "促进大会") == NULL);
    buf_free(&s);
    buf_t i = BUF_INIT;
    CHECK_INT(get("/item/lcqd-1", NULL, &i), 200);
    CHECK_CONTAINS(buf_str(&i), "href=\"/guide/wstz-sl\"");
    buf_free(&i);
}

void run_tests(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (setup()) {
        test_guide_page();
        test_index_and_search();
    } else {
        CHECK(!"set-up");
    }
    if (srv)
        server_stop(srv);
    portal_close(portal);
    curl_global_cleanup();
}
