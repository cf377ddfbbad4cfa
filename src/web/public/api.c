/* The read-only JSON API, version 1 (docs/api.md):
 *
 *   GET /api/v1                          what is here
 *   GET /api/v1/items?agency=&column=&year=&statutory=&page=&per_page=
 *   GET /api/v1/items/<id>
 *   GET /api/v1/columns
 *   GET /api/v1/agencies
 *   GET /api/v1/search?q=&agency=&column=&year=&statutory=&sort=&page=&per_page=
 *   GET /api/v1/reports/<year>?agency=&scope=&format=   = `gongkai report --output json`
 *
 * Every answer is JSON, errors too: {"error": "..."} with 400, 404, 405 or 500. Output is
 * UTF-8 with < > & ' written as \u003c \u003e \u0026 \u0027, so no stored string can read as
 * markup even where a careless client puts it into a page, and without bidirectional controls
 * (they could make a title display in another order). */
#include "report/report.h"
#include "util/escape.h"
#include "store/store_feed.h"
#include "store/store_portal.h"
#include "store/store_search.h"
#include "text/search_query.h"
#include "util/xalloc.h"
#include "web/public/pages.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define API_PER_PAGE 20
#define API_PER_PAGE_MAX 100
#define API_MAX_OFFSET 100000 /* deeper than this: use filters, or `gongkai export` */

/* ------------------------------------------------------------ output */

static void api_write(struct response *res, const char *s)
{
    esc_json_text(&res->body, s); /* also drops bidirectional controls (util/escape.h) */
}

/* Sends J (stolen) with STATUS. */
static void api_send(struct response *res, int status, json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(j);
    buf_reset(&res->body);
    if (!s) {
        status = 500;
        s = strdup("{\"error\":\"internal: the answer could not be encoded\"}");
    }
    res_status(res, status);
    api_write(res, s ? s : "{}");
    buf_putc(&res->body, '\n');
    free(s);
    res_type(res, "application/json; charset=utf-8");
    if (status == 200) {
        res_cache(res, "public, max-age=60");
        res_etag_auto(res);
    } else {
        res_cache(res, "no-store");
    }
}

static void api_error(struct response *res, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void api_error(struct response *res, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_t b = BUF_INIT;
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    json_t *j = json_object();
    view_set_or_null(j, "error", buf_str(&b));
    buf_free(&b);
    api_send(res, status, j);
}

/* Answers R as a JSON error (status: web_status). A failure is logged with WHAT and the
 * client told only that the database failed; a refusal or a miss says WHY. WHY is freed. */
static void api_fail(struct response *res, res_t r, const char *what, char *why)
{
    if (r == RES_FAILED || r == RES_OK) {
        fprintf(stderr, "gongkai: api: %s: %s\n", what, why ? why : "failed");
        api_error(res, web_status(RES_FAILED), "数据库暂时无法使用 / the database is not available");
    } else {
        api_error(res, web_status(r), "%s", why ? why : r == RES_NOT_FOUND ? "not found" : "refused");
    }
    free(why);
}

static store_t *api_store(struct request *req, struct response *res)
{
    store_t *s = portal_store(req->app);
    if (!s)
        api_error(res, 500, "数据库暂时无法使用 / the database is not available");
    return s;
}

void api_bad_method(struct request *req, struct response *res)
{
    res_header_set(res, "Allow", "GET, HEAD");
    api_error(res, 405, "%s: method not allowed; this API is read-only (GET)", req->method);
}

void api_not_found(struct request *req, struct response *res)
{
    (void)req;
    api_error(res, 404, "no such API endpoint; see /api/v1");
}

void api_index(struct request *req, struct response *res)
{
    (void)req;
    json_t *j = json_object();
    view_set_or_null(j, "api", "gongkai");
    view_set_or_null(j, "version", "v1");
    json_t *e = json_array();
    const char *paths[] = {"/api/v1/items", "/api/v1/items/{id}", "/api/v1/columns", "/api/v1/agencies",
                           "/api/v1/search?q={q}", "/api/v1/reports/{year}"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
        json_array_append_new(e, json_string(paths[i]));
    json_object_set_new(j, "endpoints", e);
    api_send(res, 200, j);
}

/* ------------------------------------------------------------ input */

struct list_query {
    struct item_query f;
    long long page, per_page;
};

/* Reads and checks the filter and paging parameters; false after answering 400. */
static bool read_list_query(struct request *req, struct response *res, struct list_query *q, long max_page)
{
    memset(q, 0, sizeof *q);
    q->f.today = page_today_str(req);
    q->f.agency_subtree = q->f.column_subtree = true, q->f.year_basis = YEAR_PUBLISHED;
    q->page = 1;
    q->per_page = API_PER_PAGE;
    const char *v;
    long long n;
    if ((v = req_query(req, "page")) && !uint_parse(v, 1, max_page, &q->page)) {
        api_error(res, 400, "page: must be a whole number from 1 to %ld", max_page);
        return false;
    }
    if ((v = req_query(req, "per_page")) && !uint_parse(v, 1, API_PER_PAGE_MAX, &q->per_page)) {
        api_error(res, 400, "per_page: must be a whole number from 1 to %d", API_PER_PAGE_MAX);
        return false;
    }
    if ((v = req_query(req, "year")) && *v) {
        if (!uint_parse(v, YEAR_MIN, YEAR_MAX, &n)) {
            api_error(res, 400, "year: must be a year from %d to %d", YEAR_MIN, YEAR_MAX);
            return false;
        }
        q->f.year = (int)n;
    }
    if ((v = req_query(req, "column")) && *v) {
        if (!query_slug_ok(v)) {
            api_error(res, 400, "column: not a column slug (lowercase letters, digits, '-', '_', '/')");
            return false;
        }
        q->f.column = v;
    }
    if ((v = req_query(req, "agency")) && *v)
        q->f.agency = v;
    if ((v = req_query(req, "statutory")) && *v) {
        if (strcmp(v, "rule") && strcmp(v, "normative_document") && strcmp(v, "any")) {
            api_error(res, 400, "statutory: must be rule, normative_document or any");
            return false;
        }
        q->f.statutory = v;
    }
    return true;
}

static void set_paging(json_t *j, const struct list_query *q, long long total)
{
    json_object_set_new(j, "page", json_integer(q->page));
    json_object_set_new(j, "per_page", json_integer(q->per_page));
    json_object_set_new(j, "total", json_integer(total));
    json_object_set_new(j, "pages", json_integer((total + q->per_page - 1) / q->per_page));
}

/* ------------------------------------------------------------ items */

static json_t *agency_ref(const char *code, const char *name)
{
    json_t *a = json_object();
    view_set_or_null(a, "code", code);
    view_set_or_null(a, "name", name);
    return a;
}

/* The fields an item and a search hit share, in the order both answers list them. */
struct item_fields {
    const char *ext_id, *title, *agency_code, *agency_name, *column_slug, *index_no, *doc_no;
    const char *statutory, *written, *repealed, *published;
};

/* A new answer object that starts with id and title. */
static json_t *new_item_json(const struct item_fields *f)
{
    json_t *j = json_object();
    view_set_or_null(j, "id", f->ext_id);
    view_set_or_null(j, "title", f->title);
    return j;
}

/* url, agency, column, index_no, doc_no */
static void set_where(struct request *req, json_t *j, const struct item_fields *f)
{
    view_set_or_null(j, "url", url_item(req, f->ext_id));
    json_object_set_new(j, "agency", agency_ref(f->agency_code, f->agency_name));
    view_set_or_null(j, "column", f->column_slug);
    view_set_or_null(j, "index_no", f->index_no);
    view_set_or_null(j, "doc_no", f->doc_no);
}

/* statutory, written, repealed, published */
static void set_status(json_t *j, const struct item_fields *f)
{
    view_set_or_null(j, "statutory", f->statutory);
    view_set_or_null(j, "written", f->written);
    view_set_or_null(j, "repealed", f->repealed);
    view_set_or_null(j, "published", f->published);
}

static json_t *item_json(struct request *req, const struct item_row *it)
{
    struct item_fields f = {it->ext_id,    it->title,     it->agency_code, it->agency_name,
                            it->column_slug, it->index_no, it->doc_no,     it->statutory,
                            it->written,   it->repealed,  it->published};
    json_t *j = new_item_json(&f);
    set_where(req, j, &f);
    view_set_or_null(j, "topic", it->topic);
    view_set_or_null(j, "genre", it->genre);
    set_status(j, &f);
    return j;
}

struct item_walk {
    struct request *req;
    json_t *list;
};

static int add_item(const struct item_row *it, void *ud)
{
    struct item_walk *w = ud;
    json_array_append_new(w->list, item_json(w->req, it));
    return 0;
}

void api_items(struct request *req, struct response *res)
{
    struct list_query q;
    if (!read_list_query(req, res, &q, API_MAX_OFFSET))
        return;
    if ((q.page - 1) * q.per_page >= API_MAX_OFFSET) {
        api_error(res, 400, "page: at most %d items can be skipped; narrow the list with filters",
                  API_MAX_OFFSET);
        return;
    }
    store_t *s = api_store(req, res);
    if (!s)
        return;
    long long total = 0;
    char *err = NULL;
    int rc = store_items_count(s, &q.f, &total, &err);
    json_t *j = json_object(), *list = json_array();
    if (rc == 0)
        rc = store_items(s, &q.f, (q.page - 1) * q.per_page, (int)q.per_page, false, add_item,
                              &(struct item_walk){req, list}, &err);
    set_paging(j, &q, total);
    json_object_set_new(j, "items", list);
    if (rc) {
        json_decref(j);
        api_fail(res, rc, "items", err);
        return;
    }
    api_send(res, 200, j);
}

void api_item(struct request *req, struct response *res)
{
    if (!*req->tail || strchr(req->tail, '/')) {
        api_error(res, 404, "no such item");
        return;
    }
    store_t *s = api_store(req, res);
    if (!s)
        return;
    struct portal_item it;
    char *err = NULL;
    /* The item page's own lookup: the same item is public here and there. */
    int rc = store_portal_item(s, req->tail, page_today_str(req), &it, &err);
    if (rc < 0) {
        api_fail(res, RES_FAILED, "item", err);
        return;
    }
    if (rc == RES_NOT_FOUND) {
        free(err);
        api_error(res, 404, "no such item");
        return;
    }
    struct item_row f = {
        .id = it.id, .ext_id = it.ext_id, .title = it.title, .column_slug = it.column_slug,
        .index_no = it.index_no, .doc_no = it.doc_no, .topic = it.topic, .genre = it.genre,
        .statutory = it.statutory, .written = it.written, .repealed = it.repealed,
        .published = it.published, .updated_at = it.updated_at, .agency_code = it.agency_code,
        .agency_name = it.agency_name,
    };
    json_t *j = item_json(req, &f);
    view_set_or_null(j, "summary", it.summary);
    view_set_or_null(j, "body", it.body);
    json_t *pubs = json_array();
    for (size_t i = 0; i < it.npubs; i++) {
        json_t *p = json_object();
        view_set_or_null(p, "channel", it.pubs[i].channel);
        view_set_or_null(p, "at", it.pubs[i].at);
        json_array_append_new(pubs, p);
    }
    json_object_set_new(j, "publications", pubs);
    json_t *atts = json_array();
    for (size_t i = 0; i < it.natts; i++) {
        json_t *a = json_object();
        view_set_or_null(a, "name", it.atts[i].name);
        view_set_or_null(a, "mime", it.atts[i].mime);
        json_object_set_new(a, "size", json_integer(it.atts[i].size));
        json_array_append_new(atts, a);
    }
    json_object_set_new(j, "attachments", atts);
    portal_item_free(&it);
    api_send(res, 200, j);
}

/* ------------------------------------------------------ columns, agencies */

void api_columns(struct request *req, struct response *res)
{
    store_t *s = api_store(req, res);
    if (!s)
        return;
    struct portal_column *cv = NULL;
    size_t nc = 0;
    char *err = NULL;
    if (store_portal_columns(s, &cv, &nc, &err) < 0) {
        api_fail(res, RES_FAILED, "columns", err);
        return;
    }
    json_t *list = json_array();
    for (size_t i = 0; i < nc; i++) {
        const struct portal_column *c = &cv[i];
        json_t *j = json_object();
        view_set_or_null(j, "slug", c->slug);
        view_set_or_null(j, "parent", c->parent_slug);
        view_set_or_null(j, "name", c->name);
        view_set_or_null(j, "description", c->description);
        view_set_or_null(j, "kind", c->kind);
        view_set_or_null(j, "url", url_column(req, c->slug));
        if (!c->kind || strcmp(c->kind, "list") == 0) {
            view_set_or_null(j, "feed", url_column_feed(req, c->slug));
        } else {
            json_object_set_new(j, "feed", json_null());
        }
        json_array_append_new(list, j);
    }
    portal_columns_free(cv, nc);
    json_t *j = json_object();
    json_object_set_new(j, "columns", list);
    api_send(res, 200, j);
}

static int add_agency(const struct agency *a, void *ud)
{
    json_t *j = json_object();
    view_set_or_null(j, "code", a->code);
    view_set_or_null(j, "name", a->name);
    view_set_or_null(j, "short_name", a->short_name);
    view_set_or_null(j, "kind", a->kind);
    view_set_or_null(j, "parent", a->parent_code);
    json_object_set_new(j, "depth", json_integer(a->depth));
    /* What the 政府信息公开指南 publishes anyway. */
    view_set_or_null(j, "address", a->address);
    view_set_or_null(j, "office_hours", a->office_hours);
    view_set_or_null(j, "phone", a->phone);
    view_set_or_null(j, "fax", a->fax);
    view_set_or_null(j, "email", a->email);
    view_set_or_null(j, "website", a->website);
    view_set_or_null(j, "postcode", a->postcode);
    json_array_append_new(ud, j);
    return 0;
}

void api_agencies(struct request *req, struct response *res)
{
    store_t *s = api_store(req, res);
    if (!s)
        return;
    json_t *j = json_object(), *list = json_array();
    json_object_set_new(j, "agencies", list);
    char *err = NULL;
    if (store_each_agency(s, add_agency, list, &err) < 0) {
        json_decref(j);
        api_fail(res, RES_FAILED, "agencies", err);
        return;
    }
    api_send(res, 200, j);
}

/* ------------------------------------------------------------ search */

static json_t *hit_json(struct request *req, const struct search_hit *h)
{
    struct item_fields f = {h->ext_id,      h->title,    h->agency_code, h->agency_name,
                            h->column_slug, h->index_no, h->doc_no,      h->statutory,
                            h->written,     h->repealed, h->published};
    json_t *j = new_item_json(&f);
    view_set_marked(j, "title_html", h->title, h->title_marks, h->ntitle_marks);
    view_set_marked(j, "snippet_html", h->snippet, h->snippet_marks, h->nsnippet_marks);
    set_where(req, j, &f);
    set_status(j, &f);
    json_object_set_new(j, "score", json_real(h->score));
    return j;
}

void api_search(struct request *req, struct response *res)
{
    const char *text = req_query(req, "q");
    if (query_blank(text)) {
        api_error(res, 400, "q: 请输入检索词 / the search terms are missing");
        return;
    }
    struct list_query q;
    if (!read_list_query(req, res, &q, SEARCH_HIT_CAP))
        return;
    const char *sort = req_query(req, "sort");
    if (sort && *sort && strcmp(sort, "relevance") && strcmp(sort, "date")) {
        api_error(res, 400, "sort: must be relevance or date");
        return;
    }
    store_t *s = api_store(req, res);
    if (!s)
        return;
    json_t *j = json_object();
    view_set_or_null(j, "query", text);
    struct search_terms terms;
    if (!search_terms_parse(text, &terms)) {
        /* Only punctuation: nothing can match, which is an answer, not a mistake. */
        json_object_set_new(j, "capped", json_false());
        json_object_set_new(j, "estimate", json_null());
        set_paging(j, &q, 0);
        json_object_set_new(j, "results", json_array());
        api_send(res, 200, j);
        return;
    }
    struct search_params sp = {
        .terms = &terms,
        .filter = q.f,
        .order = sort && !strcmp(sort, "date") ? SEARCH_BY_DATE : SEARCH_BY_RANK,
        .offset = (q.page - 1) * q.per_page,
        .limit = (int)q.per_page,
    };
    struct search_result r;
    char *err = NULL;
    int rc = store_search(s, &sp, &r, &err);
    search_terms_free(&terms);
    if (rc) {
        json_decref(j);
        api_fail(res, RES_FAILED, "search", err);
        return;
    }
    if (r.unknown_agency) {
        json_decref(j);
        search_result_clear(&r);
        api_error(res, 400, "agency: no agency has the code '%s'", q.f.agency);
        return;
    }
    json_object_set_new(j, "capped", json_boolean(r.capped));
    json_object_set_new(j, "estimate", r.capped && r.estimate > 0 ? json_integer(r.estimate) : json_null());
    set_paging(j, &q, r.total);
    json_t *list = json_array();
    for (size_t i = 0; i < r.nhits; i++)
        json_array_append_new(list, hit_json(req, &r.hits[i]));
    json_object_set_new(j, "results", list);
    search_result_clear(&r);
    api_send(res, 200, j);
}

/* ----------------------------------------------------------- reports */

void api_report(struct request *req, struct response *res)
{
    long long year;
    if (!uint_parse(req->tail, YEAR_MIN, YEAR_MAX, &year)) {
        api_error(res, 404, "no such report: the path ends in a year from %d to %d", YEAR_MIN,
                  YEAR_MAX);
        return;
    }
    const char *agency = req_query(req, "agency");
    if (agency && !*agency)
        agency = NULL;
    const char *scope = req_query(req, "scope");
    bool tree = true;
    if (scope && *scope) {
        if (strcmp(scope, "self") && strcmp(scope, "tree")) {
            api_error(res, 400, "scope: must be self or tree");
            return;
        }
        tree = strcmp(scope, "tree") == 0;
    }
    enum report_format fmt = report_default_format((int)year);
    const char *fv = req_query(req, "format");
    if (fv && *fv) {
        int k = -1;
        for (int i = 0; i < FMT_COUNT; i++)
            if (strcmp(report_format_names[i], fv) == 0)
                k = i;
        if (k < 0) {
            api_error(res, 400, "format: must be legacy2018, gov2019 or gov2021");
            return;
        }
        fmt = (enum report_format)k;
    }
    store_t *s = api_store(req, res);
    if (!s)
        return;
    struct agency a = {0};
    struct report r;
    char *err = NULL;
    buf_t text = BUF_INIT;
    struct portal *app = req->app; /* report figures cache (issue 6) */
    int rc = report_load_cached(s, app->figures, agency, tree, (int)year, fmt, &a, &r, &err);
    /* report_render is what `gongkai report --output json` prints: the same checks, the
     * same JSON. */
    if (rc == 0 && report_render(&r, OUT_JSON, &text, &err) == 0) {
        json_error_t jerr;
        json_t *j = json_loadb(text.data, text.len, JSON_DECODE_ANY, &jerr);
        if (j) {
            json_decref(j); /* only a check: the text goes out as the CLI wrote it */
            res_status(res, 200);
            api_write(res, buf_str(&text));
            res_type(res, "application/json; charset=utf-8");
            res_cache(res, "public, max-age=300");
            res_etag_auto(res);
        } else {
            api_error(res, 500, "internal: the report JSON does not parse");
        }
    } else {
        api_fail(res, rc, "report", err ? err : xstrdup("no such agency"));
        err = NULL;
    }
    free(err);
    buf_free(&text);
    report_clear(&r);
    agency_clear(&a);
}
