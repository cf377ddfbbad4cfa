/* 政府信息公开年报: /zfxxgk/nb (the years with data) and /zfxxgk/nb/<year>, the report
 * rendered by the report engine; .json (contracts §3), .txt and .md beside it;
 * ?agency=CODE, ?scope=self|tree, ?format=F. Also the old /report/<year> addresses and
 * the report stylesheet. */
#include "domain/figures.h"
#include "report/doc.h"
#include "report/report.h"
#include "web/public/zfxxgk.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *format_name(enum report_format f)
{
    switch (f) {
    case FMT_LEGACY2018: return "2008—2018年度统计格式";
    case FMT_GOV2019: return "国办公开办函〔2019〕60号格式";
    default: return "国办公开办函〔2021〕30号格式";
    }
}

/* "/zfxxgk/nb/<year><ext>": with agency and scope when they are not the defaults,
 * format when given. */
static const char *report_url(struct request *req, long long year, const char *ext, const char *agency, bool self,
                              const char *format)
{
    struct url u;
    url_start(&u, arena_printf(req->arena, "/zfxxgk/nb/%lld%s", year, ext));
    url_param(&u, "agency", agency);
    url_param(&u, "scope", self ? "self" : NULL);
    url_param(&u, "format", format);
    return url_finish(&u, req);
}

/* The years a report can be shown for: years with records, before the current one. */
static int report_years(struct page *pg, const char *path, int *years, size_t max, size_t *n)
{
    char *err = NULL;
    size_t total = 0;
    int all[200];
    if (store_portal_report_years(pg->s, path, all, 200, &total, &err)) {
        page_fail(pg, RES_FAILED, err);
        return -1;
    }
    int this_year = year_of_date(pg->today);
    *n = 0;
    for (size_t i = 0; i < total && i < 200; i++)
        if (all[i] < this_year && all[i] >= 2008 && *n < max)
            years[(*n)++] = all[i];
    return 0;
}

json_t *report_links(struct page *pg, const struct agency *a, bool root)
{
    int years[200];
    size_t n;
    if (report_years(pg, a ? a->path : NULL, years, 200, &n))
        return NULL;
    json_t *arr = json_array();
    const char *code = root || !a ? NULL : a->code;
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        view_set_int(o, "year", years[i]);
        view_set(o, "href", report_url(pg->req, years[i], "", code, false, NULL));
        view_set(o, "json_href", report_url(pg->req, years[i], ".json", code, false, NULL));
        view_set(o, "title", arena_printf(pg->req->arena, "%s%d年政府信息公开工作年度报告", a ? a->name : "", years[i]));
        view_set(o, "format_name", format_name(report_default_format(years[i])));
        json_array_append_new(arr, o);
    }
    return arr;
}

static void page_reports(struct page *pg)
{
    struct agency_list al;
    const struct agency *a;
    if (!zfxxgk_agency(pg, &al, &a))
        return; /* answered */
    json_t *ctx = pg->ctx;
    json_t *years = report_links(pg, a, a == (al.n ? &al.v[0] : NULL));
    if (!years)
        goto out; /* answered */
    json_object_set_new(ctx, "years", years);
    json_t *ag = json_object();
    view_set(ag, "name", a ? a->name : site_get(pg->p)->sponsor);
    json_object_set_new(ctx, "agency", ag);
    json_object_set_new(ctx, "agency_select", agencies_options(&al, a ? a->code : NULL));
    if (!column_list(pg, "zfxxgk/nb"))
        goto out; /* answered */
    view_set(ctx, "title", "政府信息公开年报");
    zfxxgk_render(pg, "政府信息公开年报", "zfxxgk/nb", "nb_list");
out:
    agencies_free(&al);
}

static int pick(const char *const *names, int n, const char *value)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], value) == 0)
            return i;
    return -1;
}

/* What /zfxxgk/nb/<year>[.json|.txt|.md]?agency=&scope=&format= asks for. */
struct report_ask {
    long long year;
    enum report_output out;
    const char *agency; /* NULL: the root */
    bool self;          /* scope=self: the agency alone, without those below it */
    int fmt;
    const char *fmt_s;  /* format= as given, NULL when absent */
};

/* Reads the request; false after answering 404 or 400. */
static bool read_ask(struct page *pg, const char *spec, struct report_ask *ask)
{
    struct request *req = pg->req;
    char ybuf[8];
    size_t ylen = strcspn(spec, ".");
    const char *ext = spec + ylen;
    if (ylen != 4) {
        page_error(pg, 404, "没有这一年度的年报。");
        return false;
    }
    memcpy(ybuf, spec, ylen);
    ybuf[ylen] = 0;
    if (!uint_parse(ybuf, YEAR_MIN, YEAR_MAX, &ask->year)) {
        page_error(pg, 404, "没有这一年度的年报。");
        return false;
    }
    static const struct {
        const char *ext;
        enum report_output out;
    } outs[] = {{"", OUT_HTML}, {".json", OUT_JSON}, {".txt", OUT_TEXT}, {".md", OUT_MARKDOWN}};
    size_t i = 0;
    while (i < sizeof outs / sizeof outs[0] && strcmp(ext, outs[i].ext) != 0)
        i++;
    if (i == sizeof outs / sizeof outs[0]) {
        page_error(pg, 404, "年报只有网页、JSON（.json）、纯文本（.txt）和 Markdown（.md）几种形式。");
        return false;
    }
    ask->out = outs[i].out;
    ask->agency = query_opt(req, "agency");
    const char *scope = query_opt(req, "scope");
    if (scope && strcmp(scope, "self") && strcmp(scope, "tree")) {
        page_error(pg, 400, "统计范围只能是 self（仅本机关）或 tree（含下属机构）。");
        return false;
    }
    ask->self = scope && strcmp(scope, "self") == 0;
    ask->fmt_s = query_opt(req, "format");
    ask->fmt = ask->fmt_s ? pick(report_format_names, FMT_COUNT, ask->fmt_s)
                          : (int)report_default_format((int)ask->year);
    if (ask->fmt < 0) {
        page_error(pg, 400, "年报格式只能是 legacy2018、gov2019 或 gov2021。");
        return false;
    }
    return true;
}

/* The report R as JSON, text or Markdown. */
static void send_plain(struct page *pg, const struct report_ask *ask, struct report *r)
{
    struct response *res = pg->res;
    if (ask->out == OUT_JSON) {
        json_t *j = report_json(r);
        json_reply(pg->req, res, j);
        json_decref(j);
        page_end(pg);
        return;
    }
    char *err = NULL;
    buf_reset(&res->body);
    if (report_render(r, ask->out, &res->body, &err) != 0) {
        buf_reset(&res->body);
        page_fail_shown(pg, RES_FAILED, err, "年报生成出错。");
        return;
    }
    res_type(res, ask->out == OUT_TEXT ? "text/plain; charset=utf-8" : "text/markdown; charset=utf-8");
    res_cache(res, "public, max-age=60");
    res_etag_auto(res);
    page_end(pg);
}

/* The report R of agency A as a page of the site. */
static void send_page(struct page *pg, const struct report_ask *ask, const struct agency_list *al,
                      const struct agency *a, struct report *r)
{
    struct request *req = pg->req;
    char *err = NULL;
    doc_t *d = report_document(r, &err);
    if (!d) {
        page_fail_shown(pg, RES_FAILED, err, "年报生成出错。");
        return;
    }
    buf_t html = BUF_INIT;
    doc_render_html(d, &html, true);
    doc_free(d);
    json_t *ctx = pg->ctx;
    view_set(ctx, "report_html", buf_str(&html));
    buf_free(&html);
    long long year = ask->year;
    const char *code = a == &al->v[0] ? NULL : a->code;
    view_set(ctx, "title", arena_printf(req->arena, "%s%lld年政府信息公开工作年度报告", a->name, year));
    view_set(ctx, "format_name", format_name((enum report_format)ask->fmt));
    view_set(ctx, "json_href", report_url(req, year, ".json", code, ask->self, ask->fmt_s));
    view_set(ctx, "txt_href", report_url(req, year, ".txt", code, ask->self, ask->fmt_s));
    view_set(ctx, "md_href", report_url(req, year, ".md", code, ask->self, ask->fmt_s));
    view_set(ctx, "form_action", url_report(req, (int)year));
    json_t *formats = json_array();
    json_object_set_new(ctx, "formats", formats);
    for (int f = 0; f < FMT_COUNT; f++) {
        if (f == ask->fmt)
            continue;
        json_t *o = json_object();
        view_set(o, "name", format_name((enum report_format)f));
        view_set(o, "href", report_url(req, year, "", code, ask->self, report_format_names[f]));
        json_array_append_new(formats, o);
    }
    json_object_set_new(ctx, "agency_select", agencies_options(al, a->code));
    view_set_bool(ctx, "scope_self", ask->self);
    view_set(ctx, "section", "zwgk");
    json_t *crumbs = json_array();
    view_crumb(crumbs, "政务公开", "/zwgk");
    view_crumb(crumbs, "政府信息公开", "/zfxxgk");
    view_crumb(crumbs, "政府信息公开年报", "/zfxxgk/nb");
    view_crumb(crumbs, arena_printf(req->arena, "%lld年", year), NULL);
    json_object_set_new(ctx, "crumbs", crumbs);
    zfxxgk_column_meta(pg, ctx, "zfxxgk/nb");
    view_set(ctx, "description", json_string_value(json_object_get(ctx, "title")));
    page_render(pg, "nb_year");
}

/* /zfxxgk/nb/<year>[.json|.txt|.md] */
static void page_report(struct page *pg, const char *spec)
{
    struct report_ask ask;
    if (!read_ask(pg, spec, &ask))
        return; /* answered */
    struct agency_list al;
    if (!agencies_load(pg, &al))
        return; /* answered */
    struct agency ag = {0};
    struct report r = {0};
    char *err = NULL;
    const struct agency *a = ask.agency ? agencies_find(&al, ask.agency) : al.n ? &al.v[0] : NULL;
    if (!a) {
        page_error(pg, 404, ask.agency ? "没有这个机构。" : "还没有任何机构的数据。");
        goto out;
    }
    int years[200];
    size_t ny;
    if (report_years(pg, a->path, years, 200, &ny))
        goto out; /* answered */
    bool have = false;
    for (size_t i = 0; i < ny; i++)
        have = have || years[i] == ask.year;
    if (!have) {
        page_error(pg, 404, arena_printf(pg->req->arena, "%s没有%lld年度的年报数据。", a->name, ask.year));
        goto out;
    }
    res_t rc = report_load_cached(pg->s, pg->p->figures, a->code, !ask.self, (int)ask.year, (enum report_format)ask.fmt, &ag, &r, &err);
    if (rc) {
        page_fail_shown(pg, rc, err, rc == RES_NOT_FOUND ? "没有这个机构。" : NULL);
        goto out;
    }
    const char *broken = figures_check(&r.fig);
    if (broken) {
        page_fail_shown(pg, RES_FAILED, xasprintf("report %lld %s: %s", ask.year, a->code, broken),
                        "年报数据核对未通过，请联系网站管理员。");
        goto out;
    }
    if (ask.out == OUT_HTML)
        send_page(pg, &ask, &al, a, &r);
    else
        send_plain(pg, &ask, &r);
out:
    agencies_free(&al);
    report_clear(&r);
    agency_clear(&ag);
}

/* ------------------------------------------------------------------ handlers */

void page_zfxxgk_nb(struct request *req, struct response *res)
{
    struct page pg;
    if (page_begin(&pg, req, res))
        page_reports(&pg);
}

void page_zfxxgk_nb_year(struct request *req, struct response *res)
{
    struct page pg;
    if (page_begin(&pg, req, res))
        page_report(&pg, req->tail);
}

void page_report_redirect(struct request *req, struct response *res)
{
    const char *here = url_here(req), *q = strchr(here, '?');
    long long y;
    if (!uint_parse(req->tail, 0, 999999999, &y)) {
        portal_error_page(req, res, 404, "没有这一年度的年报。");
        return;
    }
    res_redirect(res, 301, arena_printf(req->arena, "/zfxxgk/nb/%lld%s", y, q ? q : ""));
    res_cache(res, "public, max-age=86400");
}

void page_report_css(struct request *req, struct response *res)
{
    (void)req;
    /* The report engine's stylesheet without its rules for a whole document's body. */
    const char *css = doc_html_css();
    res_type(res, "text/css; charset=utf-8");
    for (const char *line = css; *line;) {
        size_t n = strcspn(line, "\n");
        if (strncmp(line, "body{", 5) != 0) {
            if (strncmp(line, "@media print{body{", 18) == 0) {
                const char *rest = strchr(line + 18, '}');
                buf_puts(&res->body, "@media print{");
                if (rest)
                    buf_append(&res->body, rest + 1, (size_t)(line + n - rest - 1));
            } else {
                buf_append(&res->body, line, n);
            }
            buf_putc(&res->body, '\n');
        }
        line += n + (line[n] == '\n');
    }
    res_cache(res, "public, max-age=86400");
    res_etag_auto(res);
}
