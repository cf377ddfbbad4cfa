/* GET /search?q=&agency=&column=&year=&statutory=&sort=&page= : the 站内搜索 page.
 *
 * The visitor's words go through search_query_build() (never FTS syntax, never an
 * error) and then store_search(); the page is assets/templates/search.mustache inside
 * the site layout. The query stays in the box; filters stay selected. Titles and
 * snippets come back with marker bytes around the matches: view_marked_html() escapes
 * everything and turns only the markers into <mark>, and those two fields are the only
 * ones the template writes unescaped ({{{...}}}).
 *
 * Filter values that are malformed (a year that is not a year, a page that is not a
 * number) are ignored rather than refused: this is a page for people. The JSON API
 * answers the same mistakes with 400. */
#include "store/store_feed.h"
#include "store/store_portal.h"
#include "store/store_search.h"
#include "text/search_query.h"
#include "util/escape.h"
#include "util/xalloc.h"
#include "web/public/pages.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEARCH_PER_PAGE 20

struct search_form {
    const char *q, *agency, *column, *statutory, *sort;
    int year;
    long page;
};

static void read_form(const struct request *req, struct search_form *f)
{
    memset(f, 0, sizeof *f);
    f->q = req_query(req, "q");
    f->agency = query_opt(req, "agency");
    f->column = query_opt(req, "column");
    const char *st = query_opt(req, "statutory");
    if (st && (!strcmp(st, "rule") || !strcmp(st, "normative_document") || !strcmp(st, "any")))
        f->statutory = st;
    const char *so = req_query(req, "sort");
    f->sort = so && !strcmp(so, "date") ? "date" : NULL;
    long long v;
    if (query_uint(req_query(req, "year"), YEAR_MIN, YEAR_MAX, &v))
        f->year = (int)v;
    f->page = 1;
    if (query_uint(req_query(req, "page"), 1, SEARCH_HIT_CAP / SEARCH_PER_PAGE, &v))
        f->page = v;
}

/* "/search?q=...&agency=..." for page N of the same search (1: no page parameter). */
static const char *search_url(struct request *req, const struct search_form *f, long page)
{
    struct url u;
    url_start(&u, "/search");
    url_param(&u, "q", f->q ? f->q : "");
    url_param(&u, "agency", f->agency);
    url_param(&u, "column", f->column);
    url_param(&u, "statutory", f->statutory);
    url_param(&u, "sort", f->sort);
    if (f->year)
        url_param_int(&u, "year", f->year);
    if (page > 1)
        url_param_int(&u, "page", page);
    return url_finish(&u, req);
}

/* ---- filter choices ---- */

struct agency_opts {
    json_t *list;
    const char *selected;
};

static int add_agency(const struct agency *a, void *ud)
{
    struct agency_opts *o = ud;
    json_t *e = json_object();
    view_set_or_null(e, "code", a->code);
    view_set_or_null(e, "name", a->name);
    json_object_set_new(e, "depth", json_integer(a->depth));
    /* Indentation for the <select>: one ideographic space per level. */
    buf_t ind = BUF_INIT;
    for (int i = 0; i < a->depth && i < 8; i++)
        buf_puts(&ind, "\u3000");
    view_set_or_null(e, "indent", buf_str(&ind));
    buf_free(&ind);
    json_object_set_new(e, "selected", json_boolean(o->selected && !strcmp(o->selected, a->code)));
    json_array_append_new(o->list, e);
    return 0;
}

static json_t *filter_choices(store_t *s, const struct search_form *f, const char *today)
{
    json_t *filters = json_object();
    char *err = NULL;

    struct agency_opts ao = {json_array(), f->agency};
    if (store_each_agency(s, add_agency, &ao, &err) < 0) {
        free(err);
        err = NULL;
    }
    json_object_set_new(filters, "agencies", ao.list);

    json_t *cols = json_array();
    struct portal_column *cv = NULL;
    size_t nc = 0;
    if (store_portal_columns(s, &cv, &nc, &err) == 0) {
        for (size_t i = 0; i < nc; i++) {
            if (cv[i].kind && strcmp(cv[i].kind, "list") != 0)
                continue; /* pages, links and services hold no items */
            json_t *e = json_object();
            view_set_or_null(e, "slug", cv[i].slug);
            /* Sub-columns are indented under their parent. */
            char *name = xasprintf("%s%s", cv[i].parent_slug ? "\u3000" : "", cv[i].name ? cv[i].name : "");
            view_set_or_null(e, "name", name);
            free(name);
            json_object_set_new(e, "selected", json_boolean(f->column && cv[i].slug && !strcmp(f->column, cv[i].slug)));
            json_array_append_new(cols, e);
        }
        portal_columns_free(cv, nc);
    }
    free(err);
    err = NULL;
    json_object_set_new(filters, "columns", cols);

    json_t *years = json_array();
    int first, last;
    if (store_feed_years(s, today, &first, &last, &err) == 0) {
        if (first < YEAR_MIN)
            first = YEAR_MIN;
        for (int y = last; y >= first; y--) {
            json_t *e = json_object();
            json_object_set_new(e, "year", json_integer(y));
            json_object_set_new(e, "selected", json_boolean(f->year == y));
            json_array_append_new(years, e);
        }
    }
    free(err);
    json_object_set_new(filters, "years", years);

    json_t *stat = json_array();
    const char *codes[] = {"any", "rule", "normative_document"};
    const char *names[] = {"规章和行政规范性文件", "规章", "行政规范性文件"};
    for (size_t i = 0; i < 3; i++) {
        json_t *e = json_object();
        view_set_or_null(e, "code", codes[i]);
        view_set_or_null(e, "name", names[i]);
        json_object_set_new(e, "selected", json_boolean(f->statutory && !strcmp(f->statutory, codes[i])));
        json_array_append_new(stat, e);
    }
    json_object_set_new(filters, "statutory", stat);
    json_object_set_new(filters, "sort_date", json_boolean(f->sort != NULL));
    json_object_set_new(filters, "active", json_boolean(f->agency || f->column || f->year || f->statutory));
    return filters;
}

/* ---- results ---- */

static const char *statutory_name(const char *code)
{
    if (!code)
        return NULL;
    return !strcmp(code, "rule") ? "规章" : !strcmp(code, "normative_document") ? "行政规范性文件" : NULL;
}

static json_t *hit_json(struct request *req, const struct search_hit *h)
{
    json_t *e = json_object();
    view_set_or_null(e, "url", url_item(req, h->ext_id));
    buf_t b = BUF_INIT;
    view_marked_html(&b, h->title_marked);
    view_set_or_null(e, "title_html", buf_str(&b));
    buf_reset(&b);
    view_marked_html(&b, h->snippet_marked);
    view_set_or_null(e, "snippet_html", buf_str(&b));
    buf_free(&b);
    view_set_or_null(e, "title", h->title);
    view_set_or_null(e, "agency_name", h->agency_name);
    view_set_or_null(e, "published", h->published ? h->published : h->written);
    view_set_or_null(e, "doc_no", h->doc_no);
    view_set_or_null(e, "index_no", h->index_no);
    view_set_or_null(e, "statutory_name", statutory_name(h->statutory));
    json_object_set_new(e, "repealed", json_boolean(h->repealed != NULL));
    return e;
}

void page_search(struct request *req, struct response *res)
{
    store_t *s = portal_store(req->app);
    if (!s) {
        portal_error_page(req, res, 500, "数据库暂时无法使用 / the database is not available");
        return;
    }
    struct search_form f;
    read_form(req, &f);

    json_t *ctx = json_object();
    view_set_or_null(ctx, "q", f.q ? f.q : "");
    json_object_set_new(ctx, "noindex", json_true()); /* result pages are not for search engines */
    view_set_or_null(ctx, "section", "search");
    json_t *crumbs = json_array();
    json_t *crumb = json_object();
    view_set_or_null(crumb, "name", "站内搜索");
    json_array_append_new(crumbs, crumb);
    json_object_set_new(ctx, "crumbs", crumbs);
    json_object_set_new(ctx, "filters", filter_choices(s, &f, page_today_str(req)));

    char *match = search_query_build(f.q);
    if (!f.q || !match) {
        /* "请输入检索词" for an empty box; a different word for text with nothing to find. */
        json_object_set_new(ctx, query_blank(f.q) ? "empty_query" : "nothing_searchable", json_true());
        view_set_or_null(ctx, "title", "站内搜索");
        res_cache(res, "public, max-age=60");
        layout_page(req, res, "search", ctx);
        json_decref(ctx);
        free(match);
        return;
    }

    struct search_params sp = {
        .match = match,
        .today = page_today_str(req),
        .agency = f.agency,
        .column = f.column,
        .year = f.year,
        .statutory = f.statutory,
        .order = f.sort ? SEARCH_BY_DATE : SEARCH_BY_RANK,
        .offset = (f.page - 1) * SEARCH_PER_PAGE,
        .limit = SEARCH_PER_PAGE,
    };
    struct search_result r;
    char *err = NULL;
    int rc = store_search(s, &sp, &r, &err);
    free(match);
    if (rc) {
        fprintf(stderr, "gongkai: search: %s\n", err ? err : "failed");
        free(err);
        json_decref(ctx);
        portal_error_page(req, res, 500, "检索暂时无法完成，请稍后再试 / search failed");
        return;
    }

    char *title = arena_printf(req->arena, "%s - 站内搜索", f.q);
    view_set_or_null(ctx, "title", title);
    json_object_set_new(ctx, "searched", json_true());
    json_object_set_new(ctx, "total", json_integer(r.total));
    json_object_set_new(ctx, "capped", json_boolean(r.capped));
    if (r.capped && r.estimate > 0)
        json_object_set_new(ctx, "estimate", json_integer(r.estimate));
    json_t *list = json_array();
    for (size_t i = 0; i < r.nhits; i++)
        json_array_append_new(list, hit_json(req, &r.hits[i]));
    json_object_set_new(ctx, "results", list);
    if (r.total == 0)
        json_object_set_new(ctx, "no_results", json_true());
    else if (r.nhits == 0)
        json_object_set_new(ctx, "past_end", json_true());
    if (r.unknown_agency)
        json_object_set_new(ctx, "unknown_agency", json_true());
    long pages = (long)((r.total + SEARCH_PER_PAGE - 1) / SEARCH_PER_PAGE);
    json_t *pager = view_pager(req, f.page, pages);
    if (pager)
        json_object_set_new(ctx, "pager", pager);
    json_object_set_new(ctx, "first_n", json_integer(r.nhits ? (f.page - 1) * SEARCH_PER_PAGE + 1 : 0));
    json_object_set_new(ctx, "last_n", json_integer((f.page - 1) * SEARCH_PER_PAGE + (long)r.nhits));
    view_set_or_null(ctx, "first_page_url", search_url(req, &f, 1));
    search_result_clear(&r);

    res_cache(res, "public, max-age=60");
    layout_page(req, res, "search", ctx);
    json_decref(ctx);
}
