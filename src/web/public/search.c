/* GET /search?q=&agency=&column=&year=&statutory=&sort=&page= : the 站内搜索 page.
 *
 * The visitor's words go through search_terms_parse() (never query syntax, never an
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
    if (uint_parse(req_query(req, "year"), YEAR_MIN, YEAR_MAX, &v))
        f->year = (int)v;
    f->page = 1;
    if (uint_parse(req_query(req, "page"), 1, SEARCH_HIT_CAP / SEARCH_PER_PAGE, &v))
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

/* The filter form's choices. False after answering (a database error). */
static bool add_filters(struct page *pg, const struct search_form *f)
{
    json_t *filters = json_object();
    json_object_set_new(pg->ctx, "filters", filters);
    struct agency_list al;
    if (!agencies_load(pg, &al))
        return false;
    json_object_set_new(filters, "agencies", agencies_options(&al, f->agency));
    agencies_free(&al);

    json_t *cols = json_array();
    json_object_set_new(filters, "columns", cols);
    size_t nc;
    const struct portal_column *cv = columns_all(pg->p, &nc);
    for (size_t i = 0; i < nc; i++) {
        if (cv[i].kind && strcmp(cv[i].kind, "list") != 0)
            continue; /* pages, links and services hold no items */
        json_t *e = json_object();
        view_set_or_null(e, "slug", cv[i].slug);
        /* Sub-columns are indented under their parent. */
        view_set(e, "name", arena_printf(pg->req->arena, "%s%s", cv[i].parent_slug ? "\u3000" : "",
                                         cv[i].name ? cv[i].name : ""));
        json_object_set_new(e, "selected", json_boolean(f->column && cv[i].slug && !strcmp(f->column, cv[i].slug)));
        json_array_append_new(cols, e);
    }

    json_t *years = json_array();
    int first, last;
    char *err = NULL;
    if (store_feed_years(pg->s, pg->today, &first, &last, &err) == 0) {
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
    return true;
}

/* ---- results ---- */

static json_t *hit_json(struct request *req, const struct search_hit *h)
{
    json_t *e = json_object();
    view_set_or_null(e, "url", url_item(req, h->ext_id));
    view_set_marked(e, "title_html", h->title, h->title_marks, h->ntitle_marks);
    view_set_marked(e, "snippet_html", h->snippet, h->snippet_marks, h->nsnippet_marks);
    view_set_or_null(e, "title", h->title);
    view_set_or_null(e, "agency_name", h->agency_name);
    view_set_or_null(e, "published", h->published ? h->published : h->written);
    view_set_or_null(e, "doc_no", h->doc_no);
    view_set_or_null(e, "index_no", h->index_no);
    view_set_or_null(e, "statutory_name", h->statutory ? view_statutory_name(h->statutory) : NULL);
    json_object_set_new(e, "repealed", json_boolean(h->repealed != NULL));
    return e;
}

void page_search(struct request *req, struct response *res)
{
    struct page pg;
    if (!page_begin(&pg, req, res))
        return;
    struct search_form f;
    read_form(req, &f);
    json_t *ctx = pg.ctx;
    view_set(ctx, "q", f.q ? f.q : "");
    view_set_bool(ctx, "noindex", true); /* result pages are not for search engines */
    view_set(ctx, "section", "search");
    view_crumbs_here(ctx, "站内搜索");
    if (!add_filters(&pg, &f))
        return; /* answered */
    res_cache(res, "public, max-age=60");

    struct search_terms terms;
    if (!search_terms_parse(f.q, &terms)) {
        /* "请输入检索词" for an empty box; a different word for text with nothing to find. */
        view_set_bool(ctx, query_blank(f.q) ? "empty_query" : "nothing_searchable", true);
        view_set(ctx, "title", "站内搜索");
        page_render(&pg, "search");
        return;
    }
    struct search_params sp = {
        .terms = &terms,
        .filter = {.today = pg.today, .agency = f.agency, .agency_subtree = true, .column = f.column,
                   .column_subtree = true, .year = f.year, .year_basis = YEAR_PUBLISHED, .statutory = f.statutory},
        .order = f.sort ? SEARCH_BY_DATE : SEARCH_BY_RANK,
        .offset = (f.page - 1) * SEARCH_PER_PAGE,
        .limit = SEARCH_PER_PAGE,
    };
    struct search_result r;
    char *err = NULL;
    int rc = store_search(pg.s, &sp, &r, &err);
    search_terms_free(&terms);
    if (rc) {
        page_fail_shown(&pg, RES_FAILED, err, "检索暂时无法完成，请稍后再试 / search failed");
        return;
    }
    view_set(ctx, "title", arena_printf(req->arena, "%s - 站内搜索", f.q));
    view_set_bool(ctx, "searched", true);
    view_set_int(ctx, "total", r.total);
    view_set_bool(ctx, "capped", r.capped);
    if (r.capped && r.estimate > 0)
        view_set_int(ctx, "estimate", r.estimate);
    json_t *list = json_array();
    json_object_set_new(ctx, "results", list);
    for (size_t i = 0; i < r.nhits; i++)
        json_array_append_new(list, hit_json(req, &r.hits[i]));
    if (r.total == 0)
        view_set_bool(ctx, "no_results", true);
    else if (r.nhits == 0)
        view_set_bool(ctx, "past_end", true);
    if (r.unknown_agency)
        view_set_bool(ctx, "unknown_agency", true);
    long pages = (long)((r.total + SEARCH_PER_PAGE - 1) / SEARCH_PER_PAGE);
    json_t *pager = view_pager(req, f.page, pages);
    if (pager)
        json_object_set_new(ctx, "pager", pager);
    view_set_int(ctx, "first_n", r.nhits ? (f.page - 1) * SEARCH_PER_PAGE + 1 : 0);
    view_set_int(ctx, "last_n", (f.page - 1) * SEARCH_PER_PAGE + (long)r.nhits);
    view_set(ctx, "first_page_url", search_url(req, &f, 1));
    search_result_clear(&r);
    page_render(&pg, "search");
}
