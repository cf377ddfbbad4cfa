/* 政府信息公开 /zfxxgk and its four sub-columns (国办公开办函〔2019〕61号):
 *   /zfxxgk/zn          政府信息公开指南, generated from the agency data (条例 Art. 12)
 *   /zfxxgk/zd          政府信息公开制度 (the column's items)
 *   /zfxxgk/fdzdgknr    法定主动公开内容: rules and normative documents with validity, and
 *                       the column's items
 *   /zfxxgk/nb          政府信息公开年报: the years with data
 *   /zfxxgk/nb/<year>   the report rendered by the report engine; .json (contracts §3),
 *                       .txt and .md beside it; ?agency=CODE, ?scope=self|tree, ?format=F */
#include "domain/figures.h"
#include "report/report.h"
#include "util/date.h"
#include "util/xalloc.h"
#include "util/escape.h"
#include "web/html.h"
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *zfxxgk_crumbs(struct page *pg, const char *last)
{
    json_t *crumbs = json_array();
    jcrumb(crumbs, "政务公开", "/zwgk");
    jcrumb(crumbs, "政府信息公开", last ? "/zfxxgk" : NULL);
    if (last)
        jcrumb(crumbs, last, NULL);
    (void)pg;
    return crumbs;
}

static void set_column_meta(struct page *pg, json_t *ctx, const char *slug)
{
    const struct portal_column *c = portal_column_find(pg->p, slug);
    if (c)
        json_object_set_new(ctx, "column_meta", html_column_meta(c));
}

void page_zfxxgk(struct request *req, struct response *res)
{
    struct page pg;
    if (!page_begin(&pg, req, res))
        return;
    json_t *ctx = json_object(), *sections = json_array();
    static const char *const slugs[] = {"zfxxgk/zn", "zfxxgk/zd", "zfxxgk/fdzdgknr", "zfxxgk/nb"};
    for (size_t i = 0; i < sizeof slugs / sizeof slugs[0]; i++) {
        json_t *b = html_column_block(&pg, slugs[i], arena_printf(req->arena, "z%zu", i), 5);
        if (!b) {
            json_decref(sections);
            json_decref(ctx);
            return;
        }
        json_array_append_new(sections, b);
    }
    json_object_set_new(ctx, "sections", sections);
    jset(ctx, "title", "政府信息公开");
    jset(ctx, "section", "zwgk");
    json_object_set_new(ctx, "crumbs", zfxxgk_crumbs(&pg, NULL));
    set_column_meta(&pg, ctx, "zfxxgk");
    portal_page(req, res, "zfxxgk", ctx);
    json_decref(ctx);
}

/* ------------------------------------------------------------------ 指南 */

struct guide_ctx {
    struct page *pg;
    json_t *categories;
    long long other;
};

static int add_category(const char *slug, long long n, void *ud)
{
    struct guide_ctx *g = ud;
    const struct portal_column *c = portal_column_find(g->pg->p, slug);
    if (!c) {
        g->other += n;
        return 0;
    }
    json_t *o = json_object();
    const struct portal_column *parent = portal_column_find(g->pg->p, c->parent_slug);
    jset(o, "name", parent ? arena_printf(g->pg->req->arena, "%s／%s", parent->name, c->name) : c->name);
    jset(o, "description", c->description ? c->description : "");
    jset(o, "href", portal_column_href(g->pg->req, c->slug));
    jset_int(o, "count", n);
    jset_int(o, "sort", c->sort);
    json_array_append_new(g->categories, o);
    return 0;
}

static int cmp_sort(const void *a, const void *b)
{
    long long x = json_integer_value(json_object_get(*(json_t *const *)a, "sort"));
    long long y = json_integer_value(json_object_get(*(json_t *const *)b, "sort"));
    return x < y ? -1 : x > y;
}

/* Sorts a JSON array in place. */
static void sort_array(json_t *arr, int (*cmp)(const void *, const void *))
{
    size_t n = json_array_size(arr);
    if (n < 2)
        return;
    json_t **v = xmalloc(n * sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = json_incref(json_array_get(arr, i));
    qsort(v, n, sizeof *v, cmp);
    json_array_clear(arr);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, v[i]);
    free(v);
}

struct examples {
    buf_t topics, genres;
    int ntopics, ngenres;
    char last_group[256];
};

static int add_example(const char *facet, const char *value, void *ud)
{
    struct examples *e = ud;
    if (!value || !*value)
        return 0;
    if (strcmp(facet, "topic") == 0 && e->ntopics < 6) {
        size_t glen = strcspn(value, "/");
        if (glen < sizeof e->last_group && (strlen(e->last_group) != glen || strncmp(e->last_group, value, glen))) {
            memcpy(e->last_group, value, glen);
            e->last_group[glen] = 0;
            if (e->ntopics++)
                buf_puts(&e->topics, "、");
            buf_printf(&e->topics, "“%s”", e->last_group);
        }
    } else if (strcmp(facet, "genre") == 0 && e->ngenres < 8 && strcmp(value, "其他") != 0) {
        if (e->ngenres++)
            buf_puts(&e->genres, "、");
        buf_puts(&e->genres, value);
    }
    return 0;
}

struct access {
    const char *channel[4]; /* wechat, weibo, gazette, other: in this order on the page */
    buf_t points;
    int npoints;
};

static int add_access(const char *kind, const char *value, void *ud)
{
    struct access *a = ud;
    if (strcmp(kind, "point") == 0) {
        if (a->npoints++)
            buf_puts(&a->points, "；");
        buf_puts(&a->points, value);
        return 0;
    }
    static const struct {
        const char *code, *text;
    } ch[] = {
        {"wechat", "政务微信公众号：及时发布工作动态、通知公告等政府信息。"},
        {"weibo", "政务微博：发布政务信息和便民提示。"},
        {"gazette", "政府公报：刊登规章、行政规范性文件等政府文件。"},
        {"other", "其他便于公众知晓的方式：公告栏、新闻发布会以及报刊、广播、电视等新闻媒体。"},
    };
    for (size_t i = 0; i < sizeof ch / sizeof ch[0]; i++)
        if (strcmp(value, ch[i].code) == 0)
            a->channel[i] = ch[i].text;
    return 0;
}

struct first_row {
    struct request *req;
    const char *index_no;
};

static int take_first(const struct item_row *r, void *ud)
{
    struct first_row *f = ud;
    if (!f->index_no && r->index_no)
        f->index_no = arena_strdup(f->req->arena, r->index_no);
    return 1; /* one is enough */
}

/* Loads the agencies and picks the one named by ?agency= (default: the first, the root).
 * False when the page is already answered (a database error, or 404 for an unknown code);
 * otherwise the caller frees *al. */
static bool agency_from_query(struct page *pg, struct agency_list *al, const struct agency **out)
{
    if (!html_agencies_load(pg, al))
        return false;
    const char *code = req_query(pg->req, "agency");
    *out = code && *code ? html_agency_find(al, code) : al->n ? &al->v[0] : NULL;
    if (code && *code && !*out) {
        html_agencies_free(al);
        portal_error_page(pg->req, pg->res, 404, "没有这个机构。");
        return false;
    }
    return true;
}

static void page_guide(struct page *pg)
{
    struct request *req = pg->req;
    struct agency_list al;
    const struct agency *a;
    if (!agency_from_query(pg, &al, &a))
        return;
    json_t *ctx = json_object(), *ag = json_object();
    jset(ag, "name", a ? a->name : pg->p->site.sponsor);
    json_object_set_new(ctx, "agency", ag);
    if (al.n > 1)
        json_object_set_new(ctx, "agency_select", html_agency_options(&al, a ? a->code : NULL));
    int children = 0;
    for (size_t i = 0; a && i < al.n; i++)
        if (al.v[i].path && a->path && strncmp(al.v[i].path, a->path, strlen(a->path)) == 0 && &al.v[i] != a)
            children++;
    jset_bool(ctx, "has_children", children > 0);
    jset_int(ctx, "children_count", children);
    const char *path = a ? a->path : NULL;

    struct guide_ctx g = {pg, json_array(), 0};
    char *err = NULL;
    struct examples ex = {BUF_INIT, BUF_INIT, 0, 0, ""};
    struct access acc = {{NULL, NULL, NULL, NULL}, BUF_INIT, 0};
    struct first_row fr = {req, NULL};
    struct item_query flt = {.agency = a ? a->code : NULL, .agency_subtree = true, .today = pg->today};
    if (store_portal_column_counts(pg->s, path, pg->today, add_category, &g, &err) ||
        portal_facets(pg->p, pg->s, add_example, &ex, &err) || store_portal_access(pg->s, path, add_access, &acc, &err) ||
        store_items(pg->s, &flt, 0, 1, false, take_first, &fr, &err) < 0) {
        json_decref(g.categories);
        buf_free(&acc.points);
        buf_free(&ex.topics);
        buf_free(&ex.genres);
        json_decref(ctx);
        html_agencies_free(&al);
        page_db_error(pg, err);
        return;
    }
    sort_array(g.categories, cmp_sort);
    if (g.other) {
        json_t *o = json_object();
        jset(o, "name", "其他");
        jset(o, "description", "未归入栏目的政府信息，可在信息公开目录中查阅");
        jset(o, "href", "/gkml");
        jset_int(o, "count", g.other);
        json_array_append_new(g.categories, o);
    }
    json_object_set_new(ctx, "categories", g.categories);
    jset_opt(ctx, "index_example", fr.index_no);
    jset(ctx, "topic_examples", ex.ntopics ? buf_str(&ex.topics) : "综合政务");
    jset(ctx, "genre_examples", ex.ngenres ? buf_str(&ex.genres) : "通知、公告");
    buf_free(&ex.topics);
    buf_free(&ex.genres);
    json_t *channels = json_array();
    for (int i = 0; i < 4; i++)
        if (acc.channel[i])
            json_array_append_new(channels, jstr(acc.channel[i]));
    json_object_set_new(ctx, "channels", channels);
    jset_opt(ctx, "points", buf_str(&acc.points));
    buf_free(&acc.points);
    json_object_set_new(ctx, "office", html_office(pg, a, al.n ? &al.v[0] : NULL));
    bool own_title = a && a->parent_id;
    html_agencies_free(&al);
    jset(ctx, "today_cn", html_date_cn(req, pg->today));
    json_t *items = html_column_latest(pg, "zfxxgk/zn", 10);
    if (!items) {
        json_decref(ctx);
        return;
    }
    json_object_set_new(ctx, "items", items);
    jset(ctx, "title", own_title ? arena_printf(req->arena, "%s政府信息公开指南",
                                                        json_string_value(json_object_get(ag, "name")))
                                         : "政府信息公开指南");
    jset(ctx, "section", "zwgk");
    jset(ctx, "description", "政府信息的分类、编排体系、获取方式，依申请公开的程序，政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码和电子邮箱");
    json_object_set_new(ctx, "crumbs", zfxxgk_crumbs(pg, "政府信息公开指南"));
    set_column_meta(pg, ctx, "zfxxgk/zn");
    portal_page(req, pg->res, "zfxxgk_zn", ctx);
    json_decref(ctx);
}

/* ------------------------------------------------------------------ 法定主动公开内容 */

static int count_statutory(struct page *pg, enum item_validity v, long long *n, char **err)
{
    struct item_query f = {.statutory = "any", .validity = v, .today = pg->today};
    return store_items_count(pg->s, &f, n, err);
}

#define STATUTORY_MAX 200

static void page_statutory(struct page *pg)
{
    struct request *req = pg->req;
    json_t *ctx = json_object(), *rows = json_array();
    long long total = 0, valid = 0, repealed = 0;
    char *err = NULL;
    struct item_query f = {.statutory = "any", .today = pg->today};
    void *ud[2] = {pg, rows};
    if (count_statutory(pg, VALIDITY_ANY, &total, &err) || count_statutory(pg, VALIDITY_VALID, &valid, &err) ||
        count_statutory(pg, VALIDITY_REPEALED, &repealed, &err) ||
        store_items(pg->s, &f, 0, STATUTORY_MAX, false, html_append_row_full, ud, &err)) {
        json_decref(rows);
        json_decref(ctx);
        page_db_error(pg, err);
        return;
    }
    json_object_set_new(ctx, "statutory_rows", rows);
    jset_int(ctx, "statutory_total", total);
    jset_int(ctx, "statutory_valid", valid);
    jset_int(ctx, "statutory_repealed", repealed);
    jset_bool(ctx, "statutory_more", total > STATUTORY_MAX);
    if (!html_column_list(pg, ctx, "zfxxgk/fdzdgknr")) {
        json_decref(ctx);
        return;
    }
    jset(ctx, "title", "法定主动公开内容");
    jset(ctx, "section", "zwgk");
    json_object_set_new(ctx, "crumbs", zfxxgk_crumbs(pg, "法定主动公开内容"));
    set_column_meta(pg, ctx, "zfxxgk/fdzdgknr");
    portal_page(req, pg->res, "zfxxgk_fdzdgknr", ctx);
    json_decref(ctx);
}

/* ------------------------------------------------------------------ 年报 */

static const char *format_name(enum report_format f)
{
    switch (f) {
    case FMT_LEGACY2018: return "2008—2018年度统计格式";
    case FMT_GOV2019: return "国办公开办函〔2019〕60号格式";
    default: return "国办公开办函〔2021〕30号格式";
    }
}

/* The query string of a report URL: agency and scope when they are not the defaults,
 * format when given. "" or "?agency=…&scope=self". */
static const char *report_query(struct request *req, const char *agency, bool self, const char *format)
{
    buf_t b = BUF_INIT;
    char sep = '?';
    if (agency) {
        buf_printf(&b, "%cagency=", sep);
        esc_url_component(&b, agency);
        sep = '&';
    }
    if (self) {
        buf_printf(&b, "%cscope=self", sep);
        sep = '&';
    }
    if (format)
        buf_printf(&b, "%cformat=%s", sep, format);
    const char *r = arena_strdup(req->arena, buf_str(&b));
    buf_free(&b);
    return r;
}

/* The years a report can be shown for: years with records, before the current one. */
static int report_years(struct page *pg, const char *path, int *years, size_t max, size_t *n)
{
    char *err = NULL;
    size_t total = 0;
    int all[200];
    if (store_portal_report_years(pg->s, path, all, 200, &total, &err)) {
        page_db_error(pg, err);
        return -1;
    }
    int this_year = html_year_of(pg->today);
    *n = 0;
    for (size_t i = 0; i < total && i < 200; i++)
        if (all[i] < this_year && all[i] >= 2008 && *n < max)
            years[(*n)++] = all[i];
    return 0;
}

json_t *html_report_links(struct page *pg, const struct agency *a, bool root)
{
    int years[200];
    size_t n;
    if (report_years(pg, a ? a->path : NULL, years, 200, &n))
        return NULL;
    json_t *arr = json_array();
    const char *q = report_query(pg->req, root || !a ? NULL : a->code, false, NULL);
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        jset_int(o, "year", years[i]);
        jset(o, "href", arena_printf(pg->req->arena, "/zfxxgk/nb/%d%s", years[i], q));
        jset(o, "json_href", arena_printf(pg->req->arena, "/zfxxgk/nb/%d.json%s", years[i], q));
        jset(o, "title", arena_printf(pg->req->arena, "%s%d年政府信息公开工作年度报告", a ? a->name : "", years[i]));
        jset(o, "format_name", format_name(report_default_format(years[i])));
        json_array_append_new(arr, o);
    }
    return arr;
}

static void page_reports(struct page *pg)
{
    struct request *req = pg->req;
    struct agency_list al;
    const struct agency *a;
    if (!agency_from_query(pg, &al, &a))
        return;
    json_t *ctx = json_object();
    json_t *years = html_report_links(pg, a, a == (al.n ? &al.v[0] : NULL));
    if (!years) {
        json_decref(ctx);
        html_agencies_free(&al);
        return;
    }
    json_object_set_new(ctx, "years", years);
    json_t *ag = json_object();
    jset(ag, "name", a ? a->name : pg->p->site.sponsor);
    json_object_set_new(ctx, "agency", ag);
    json_object_set_new(ctx, "agency_select", html_agency_options(&al, a ? a->code : NULL));
    html_agencies_free(&al);
    if (!html_column_list(pg, ctx, "zfxxgk/nb")) {
        json_decref(ctx);
        return;
    }
    jset(ctx, "title", "政府信息公开年报");
    jset(ctx, "section", "zwgk");
    json_object_set_new(ctx, "crumbs", zfxxgk_crumbs(pg, "政府信息公开年报"));
    set_column_meta(pg, ctx, "zfxxgk/nb");
    portal_page(req, pg->res, "nb_list", ctx);
    json_decref(ctx);
}

static int pick(const char *const *names, int n, const char *value)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], value) == 0)
            return i;
    return -1;
}

/* /zfxxgk/nb/<year>[.json|.txt|.md] */
static void page_report(struct page *pg, const char *spec)
{
    struct request *req = pg->req;
    struct response *res = pg->res;
    enum report_output out = OUT_HTML;
    char ybuf[8];
    size_t ylen = strcspn(spec, ".");
    const char *ext = spec + ylen;
    if (ylen == 0 || ylen >= sizeof ybuf) {
        portal_error_page(req, res, 404, "没有这一年度的年报。");
        return;
    }
    memcpy(ybuf, spec, ylen);
    ybuf[ylen] = 0;
    long long year;
    if (!html_parse_uint(ybuf, &year) || year < 1949 || year > 2100 || ylen != 4) {
        portal_error_page(req, res, 404, "没有这一年度的年报。");
        return;
    }
    if (strcmp(ext, ".json") == 0)
        out = OUT_JSON;
    else if (strcmp(ext, ".txt") == 0)
        out = OUT_TEXT;
    else if (strcmp(ext, ".md") == 0)
        out = OUT_MARKDOWN;
    else if (*ext) {
        portal_error_page(req, res, 404, "年报只有网页、JSON（.json）、纯文本（.txt）和 Markdown（.md）几种形式。");
        return;
    }
    const char *agency = req_query(req, "agency"), *scope = req_query(req, "scope"), *fmt_s = req_query(req, "format");
    if (agency && !*agency)
        agency = NULL;
    if (scope && *scope && strcmp(scope, "self") && strcmp(scope, "tree")) {
        portal_error_page(req, res, 400, "统计范围只能是 self（仅本机关）或 tree（含下属机构）。");
        return;
    }
    bool self = scope && strcmp(scope, "self") == 0;
    int fmt = report_default_format((int)year);
    if (fmt_s && *fmt_s) {
        fmt = pick(report_format_names, FMT_COUNT, fmt_s);
        if (fmt < 0) {
            portal_error_page(req, res, 400, "年报格式只能是 legacy2018、gov2019 或 gov2021。");
            return;
        }
    } else {
        fmt_s = NULL;
    }
    struct agency_list al;
    if (!html_agencies_load(pg, &al))
        return;
    const struct agency *a = agency ? html_agency_find(&al, agency) : al.n ? &al.v[0] : NULL;
    if (!a) {
        html_agencies_free(&al);
        portal_error_page(req, res, 404, agency ? "没有这个机构。" : "还没有任何机构的数据。");
        return;
    }
    int years[200];
    size_t ny;
    if (report_years(pg, a->path, years, 200, &ny)) {
        html_agencies_free(&al);
        return;
    }
    bool have = false;
    for (size_t i = 0; i < ny; i++)
        have = have || years[i] == year;
    if (!have) {
        const char *msg = arena_printf(req->arena, "%s没有%lld年度的年报数据。", a->name, year);
        html_agencies_free(&al);
        portal_error_page(req, res, 404, msg);
        return;
    }
    struct agency ag = {0};
    struct report r;
    char *err = NULL;
    int rc = report_load(pg->s, a->code, !self, (int)year, (enum report_format)fmt, &ag, &r, &err);
    if (rc) {
        html_agencies_free(&al);
        report_clear(&r);
        agency_clear(&ag);
        if (rc == RES_NOT_FOUND) {
            free(err);
            portal_error_page(req, res, 404, "没有这个机构。");
        } else {
            page_db_error(pg, err);
        }
        return;
    }
    const char *broken = figures_check(&r.fig);
    if (broken) {
        fprintf(stderr, "gongkai: serve: report %lld %s: %s\n", year, a->code, broken);
        html_agencies_free(&al);
        report_clear(&r);
        agency_clear(&ag);
        portal_error_page(req, res, 500, "年报数据核对未通过，请联系网站管理员。");
        return;
    }
    bool root = a == &al.v[0];
    const char *q = report_query(req, root ? NULL : a->code, self, fmt_s);
    if (out == OUT_JSON) {
        json_t *j = report_json(&r);
        portal_json(req, res, j);
        json_decref(j);
    } else if (out != OUT_HTML) {
        buf_t b = BUF_INIT;
        if (report_render(&r, out, &b, &err) == 0) {
            buf_reset(&res->body);
            buf_append(&res->body, b.data ? b.data : "", b.len);
            res_type(res, out == OUT_TEXT ? "text/plain; charset=utf-8" : "text/markdown; charset=utf-8");
            res_cache(res, "public, max-age=60");
            res_etag_auto(res);
        } else {
            fprintf(stderr, "gongkai: serve: report: %s\n", err ? err : "failed");
            portal_error_page(req, res, 500, "年报生成出错。");
        }
        free(err);
        buf_free(&b);
    } else {
        doc_t *d = report_document(&r, &err);
        if (!d) {
            fprintf(stderr, "gongkai: serve: report: %s\n", err ? err : "failed");
            free(err);
            portal_error_page(req, res, 500, "年报生成出错。");
        } else {
            buf_t html = BUF_INIT;
            doc_render_html(d, &html, true);
            doc_free(d);
            json_t *ctx = json_object();
            jset(ctx, "report_html", buf_str(&html));
            buf_free(&html);
            jset(ctx, "title", arena_printf(req->arena, "%s%lld年政府信息公开工作年度报告", a->name, year));
            jset(ctx, "format_name", format_name((enum report_format)fmt));
            jset(ctx, "json_href", arena_printf(req->arena, "/zfxxgk/nb/%lld.json%s", year, q));
            jset(ctx, "txt_href", arena_printf(req->arena, "/zfxxgk/nb/%lld.txt%s", year, q));
            jset(ctx, "md_href", arena_printf(req->arena, "/zfxxgk/nb/%lld.md%s", year, q));
            jset(ctx, "form_action", arena_printf(req->arena, "/zfxxgk/nb/%lld", year));
            json_t *formats = json_array();
            for (int f = 0; f < FMT_COUNT; f++) {
                if (f == fmt)
                    continue;
                json_t *o = json_object();
                jset(o, "name", format_name((enum report_format)f));
                jset(o, "href", arena_printf(req->arena, "/zfxxgk/nb/%lld%s", year,
                                             report_query(req, root ? NULL : a->code, self, report_format_names[f])));
                json_array_append_new(formats, o);
            }
            json_object_set_new(ctx, "formats", formats);
            json_object_set_new(ctx, "agency_select", html_agency_options(&al, a->code));
            jset_bool(ctx, "scope_self", self);
            jset(ctx, "section", "zwgk");
            json_t *crumbs = zfxxgk_crumbs(pg, NULL);
            json_array_clear(crumbs);
            jcrumb(crumbs, "政务公开", "/zwgk");
            jcrumb(crumbs, "政府信息公开", "/zfxxgk");
            jcrumb(crumbs, "政府信息公开年报", "/zfxxgk/nb");
            jcrumb(crumbs, arena_printf(req->arena, "%lld年", year), NULL);
            json_object_set_new(ctx, "crumbs", crumbs);
            set_column_meta(pg, ctx, "zfxxgk/nb");
            jset(ctx, "description", json_string_value(json_object_get(ctx, "title")));
            portal_page(req, res, "nb_year", ctx);
            json_decref(ctx);
        }
    }
    html_agencies_free(&al);
    report_clear(&r);
    agency_clear(&ag);
}

/* ------------------------------------------------------------------ dispatch */

void page_zfxxgk_sub(struct request *req, struct response *res)
{
    struct page pg;
    const char *t = req->tail;
    if (strcmp(t, "zd") == 0 || strcmp(t, "zd/") == 0) {
        html_render_column(req, res, "zfxxgk/zd");
        return;
    }
    bool zn = strcmp(t, "zn") == 0 || strcmp(t, "zn/") == 0;
    bool fd = strcmp(t, "fdzdgknr") == 0 || strcmp(t, "fdzdgknr/") == 0;
    bool nb = strcmp(t, "nb") == 0 || strcmp(t, "nb/") == 0;
    bool year = strncmp(t, "nb/", 3) == 0 && t[3];
    if (!zn && !fd && !nb && !year) {
        portal_error_page(req, res, 404, "政府信息公开栏目下没有这个页面。");
        return;
    }
    if (!page_begin(&pg, req, res))
        return;
    if (zn)
        page_guide(&pg);
    else if (fd)
        page_statutory(&pg);
    else if (nb)
        page_reports(&pg);
    else
        page_report(&pg, t + 3);
}

void page_report_redirect(struct request *req, struct response *res)
{
    const char *here = html_here(req), *q = strchr(here, '?');
    long long y;
    if (!html_parse_uint(req->tail, &y)) {
        portal_error_page(req, res, 404, "没有这一年度的年报。");
        return;
    }
    res_redirect(res, 301, arena_printf(req->arena, "/zfxxgk/nb/%lld%s", y, q ? q : ""));
    res_cache(res, "public, max-age=86400");
}
