/* Machine-readable pages: Atom 1.0 feeds (RFC 4287), the sitemap (sitemaps.org 0.9)
 * and robots.txt.
 *
 *   /feeds/all.atom              the newest items of the whole site
 *   /feeds/column/<slug>.atom    the newest items of one column and its sub-columns
 *   /sitemap.xml                 every item, column and annual-report URL; above
 *                                SITEMAP_MAX_URLS it becomes a sitemap index of
 *                                /sitemaps/pages.xml and /sitemaps/items-<n>.xml
 *   /robots.txt                  everything allowed but search and the API; the sitemap
 *
 * The documents are templates (assets/templates/feed.atom.mustache, sitemap.xml.mustache,
 * sitemap_index.xml.mustache) rendered in the Mustache engine's XML mode: every value
 * goes through esc_xml (which also replaces what XML 1.0 cannot carry), so a title
 * holding markup, control characters or "]]>" stays well-formed text. This file only
 * builds their contexts. */
#include "store/store_feed.h"
#include "store/store_portal.h"
#include "util/date.h"
#include "util/utf8.h"
#include "web/public/pages.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FEED_ENTRIES 30
#define SUMMARY_CHARS 200
#define SITEMAP_MAX_URLS 50000 /* the protocol's limit per file */
#define SITEMAP_PAGES_MAX 1000  /* URLs kept free for home, columns and reports */

static const char *site_name(struct request *req)
{
    struct portal *p = req->app;
    return p && *site_get(p)->name ? site_get(p)->name : "政府信息公开";
}

static void store_failed(struct request *req, struct response *res, const char *what, char *err)
{
    fprintf(stderr, "gongkai: %s: %s\n", what, err ? err : "failed");
    free(err);
    portal_error_page(req, res, 500, "数据库暂时无法使用 / the database is not available");
}

/* Renders the XML template NAME (XML mode: its name ends .atom or .xml) with CTX, which
 * it takes, as the body of RES. */
static bool render_xml(struct request *req, struct response *res, const char *name, json_t *ctx)
{
    struct portal *p = req->app;
    char *err = NULL;
    buf_reset(&res->body);
    int rc = mustache_lib_render(p->templates, name, ctx, &res->body, &err);
    json_decref(ctx);
    if (rc) {
        fprintf(stderr, "gongkai: serve: template %s: %s\n", name, err ? err : "failed");
        free(err);
        buf_reset(&res->body);
        portal_error_page(req, res, 500, "页面模板出错 / template error");
        return false;
    }
    return true;
}

/* ------------------------------------------------------------ dates */

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static bool is_date(const char *s)
{
    return s && strlen(s) >= 10 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' &&
           digits(s + 8, 2);
}

/* 'YYYY-MM-DD HH:MM:SS' (UTC, SQLite's CURRENT_TIMESTAMP) as RFC 3339, else the
 * publication date at midnight China time, else the epoch. OUT holds 26 bytes. */
static void atom_time(const char *updated_at, const char *published, char out[32])
{
    const char *u = updated_at;
    if (u && strlen(u) == 19 && is_date(u) && u[10] == ' ' && digits(u + 11, 2) && u[13] == ':' &&
        digits(u + 14, 2) && u[16] == ':' && digits(u + 17, 2)) {
        snprintf(out, 32, "%.10sT%.8sZ", u, u + 11);
    } else if (is_date(published)) {
        snprintf(out, 32, "%.10sT00:00:00+08:00", published);
    } else {
        snprintf(out, 32, "1970-01-01T00:00:00Z");
    }
}

/* ------------------------------------------------------------ Atom */

/* The first SUMMARY_CHARS characters of the body as one line of plain text. */
static void summary_text(buf_t *b, const char *body)
{
    const char *p = body, *end = body + strlen(body);
    int chars = 0;
    bool space = false;
    while (p < end && chars < SUMMARY_CHARS) {
        const char *start = p;
        int32_t cp = utf8_decode(&p, end);
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000) {
            space = b->len > 0;
            continue;
        }
        if (space)
            buf_putc(b, ' ');
        space = false;
        buf_append(b, start, (size_t)(p - start)); /* jset and esc_xml repair the invalid */
        chars++;
    }
    if (p < end)
        buf_puts(b, "…");
}

struct atom_walk {
    struct request *req;
    json_t *entries;
    const char *base;
    char newest[32];
};

static int atom_entry(const struct item_row *it, void *ud)
{
    struct atom_walk *w = ud;
    char updated[32];
    atom_time(it->updated_at, it->published, updated);
    /* RFC 3339 strings of one form compare as text; the "+08:00" form only appears when
     * updated_at is missing, and then it is a rough value anyway. */
    if (strcmp(updated, w->newest) > 0)
        memcpy(w->newest, updated, sizeof w->newest);
    /* Every key in every entry (maybe ""): a missing one would be looked up in the feed. */
    json_t *e = json_object();
    view_set(e, "title", it->title);
    view_set(e, "href", arena_printf(w->req->arena, "%s%s", w->base, url_item(w->req, it->ext_id)));
    view_set(e, "updated", updated);
    view_set(e, "published", is_date(it->published) ? arena_printf(w->req->arena, "%.10sT00:00:00+08:00", it->published) : "");
    view_set(e, "author", it->agency_name);
    view_set(e, "category", it->column_slug);
    buf_t sum = BUF_INIT;
    if (it->doc_no) {
        buf_puts(&sum, it->doc_no);
        buf_puts(&sum, " ");
    }
    if (it->body)
        summary_text(&sum, it->body);
    view_set(e, "summary", buf_str(&sum));
    buf_free(&sum);
    json_array_append_new(w->entries, e);
    return 0;
}

/* Writes the whole feed for the filter; SELF is the feed's own path. */
static void atom_feed(struct request *req, struct response *res, const struct item_query *f,
                      const char *title, const char *self, const char *alternate)
{
    store_t *s = portal_store(req->app);
    if (!s) {
        portal_error_page(req, res, 500, "数据库暂时无法使用 / the database is not available");
        return;
    }
    struct atom_walk w = {req, json_array(), url_base(req), "1970-01-01T00:00:00Z"};
    char *err = NULL;
    int rc = store_items(s, f, 0, FEED_ENTRIES, true, atom_entry, &w, &err);
    if (rc) {
        json_decref(w.entries);
        store_failed(req, res, "feed", err);
        return;
    }
    json_t *ctx = json_object();
    view_set(ctx, "title", title);
    view_set(ctx, "self", arena_printf(req->arena, "%s%s", w.base, self));
    view_set(ctx, "alternate", arena_printf(req->arena, "%s%s", w.base, alternate));
    view_set(ctx, "updated", w.newest);
    view_set(ctx, "author", site_name(req));
    json_object_set_new(ctx, "entries", w.entries);
    if (!render_xml(req, res, "feed.atom", ctx))
        return;
    res_type(res, "application/atom+xml; charset=utf-8");
    res_cache(res, "public, no-cache"); /* revalidated (ETag): publications and withdrawals show at once */
    res_etag_auto(res);
}

void feed_all_atom(struct request *req, struct response *res)
{
    char *title = arena_printf(req->arena, "%s - 最新信息", site_name(req));
    atom_feed(req, res, &(struct item_query){.today = page_today_str(req)}, title, "/feeds/all.atom", "/");
}

void feed_column_atom(struct request *req, struct response *res)
{
    size_t n = strlen(req->tail);
    char *slug = NULL;
    if (n > 5 && strcmp(req->tail + n - 5, ".atom") == 0)
        slug = arena_strndup(req->arena, req->tail, n - 5);
    if (!slug || !query_slug_ok(slug)) {
        portal_error_page(req, res, 404, "没有这个栏目的订阅 / no such feed");
        return;
    }
    const struct portal_column *c = columns_find(req->app, slug);
    if (!c || (c->kind && strcmp(c->kind, "list") != 0)) {
        portal_error_page(req, res, 404, "没有这个栏目的订阅 / no such feed");
        return;
    }
    char *title = arena_printf(req->arena, "%s - %s", site_name(req), c->name ? c->name : slug);
    buf_t self = BUF_INIT;
    buf_puts(&self, url_column_feed(req, slug));
    atom_feed(req, res, &(struct item_query){.today = page_today_str(req), .column = slug, .column_subtree = true}, title, buf_str(&self),
              url_column(req, slug));
    buf_free(&self);
}

/* ---------------------------------------------------------- sitemap */

/* One <url> of a sitemap: BASE + PATH (PATH already URL-encoded) and its date. */
static void url_entry(json_t *urls, struct request *req, const char *base, const char *path, const char *lastmod)
{
    json_t *u = json_object();
    view_set(u, "loc", arena_printf(req->arena, "%s%s", base, path));
    view_set(u, "lastmod", is_date(lastmod) ? arena_strndup(req->arena, lastmod, 10) : "");
    json_array_append_new(urls, u);
}

struct url_walk {
    struct request *req;
    json_t *urls;
    const char *base;
};

static int item_url(const char *ext_id, const char *updated_at, void *ud)
{
    struct url_walk *w = ud;
    url_entry(w->urls, w->req, w->base, url_item(w->req, ext_id), updated_at);
    return 0;
}

/* The home page, the columns and the annual reports. */
static int page_urls(store_t *s, struct url_walk *w, char **err)
{
    url_entry(w->urls, w->req, w->base, "/", NULL);
    struct portal_column *cv = NULL;
    size_t nc = 0;
    if (store_portal_columns(s, &cv, &nc, err) < 0)
        return -1;
    for (size_t i = 0; i < nc; i++) {
        if (cv[i].kind && strcmp(cv[i].kind, "link") == 0)
            continue; /* a link column points elsewhere */
        url_entry(w->urls, w->req, w->base, url_column(w->req, cv[i].slug), NULL);
    }
    portal_columns_free(cv, nc);
    int years[YEAR_MAX - YEAR_MIN + 1];
    size_t ny = 0;
    if (store_portal_report_years(s, NULL, years, sizeof years / sizeof years[0], &ny, err) < 0)
        return -1;
    int this_year = date_year(date_today_cst());
    if (ny > sizeof years / sizeof years[0])
        ny = sizeof years / sizeof years[0];
    for (size_t i = ny; i-- > 0;) { /* oldest first */
        if (years[i] < YEAR_MIN || years[i] > this_year)
            continue;
        buf_t path = BUF_INIT;
        buf_puts(&path, url_report(w->req, years[i]));
        url_entry(w->urls, w->req, w->base, buf_str(&path), NULL);
        buf_free(&path);
    }
    return 0;
}

/* Renders TEMPLATE with {KEY: LIST} as an XML sitemap answer. */
static void sitemap_done(struct request *req, struct response *res, const char *template, const char *key,
                         json_t *list)
{
    json_t *ctx = json_object();
    json_object_set_new(ctx, key, list);
    if (!render_xml(req, res, template, ctx))
        return;
    res_type(res, "application/xml; charset=utf-8");
    res_cache(res, "public, max-age=3600");
    res_etag_auto(res);
}

void sitemap_xml(struct request *req, struct response *res)
{
    store_t *s = portal_store(req->app);
    if (!s) {
        portal_error_page(req, res, 500, "数据库暂时无法使用 / the database is not available");
        return;
    }
    char *err = NULL;
    long long items = 0;
    struct item_query all = {.today = page_today_str(req)};
    if (store_items_count(s, &all, &items, &err)) {
        store_failed(req, res, "sitemap", err);
        return;
    }
    struct url_walk w = {req, json_array(), url_base(req)};
    /* Room for the pages: home, columns (a few dozen) and report years. */
    if (items + SITEMAP_PAGES_MAX <= SITEMAP_MAX_URLS) {
        if (page_urls(s, &w, &err) || store_feed_each_url(s, &all, 0, items, item_url, &w, &err) < 0) {
            json_decref(w.urls);
            store_failed(req, res, "sitemap", err);
            return;
        }
        sitemap_done(req, res, "sitemap.xml", "urls", w.urls);
        return;
    }
    json_decref(w.urls);
    json_t *maps = json_array();
    json_t *m = json_object();
    view_set(m, "loc", arena_printf(req->arena, "%s/sitemaps/pages.xml", w.base));
    json_array_append_new(maps, m);
    long long parts = (items + SITEMAP_MAX_URLS - 1) / SITEMAP_MAX_URLS;
    for (long long i = 1; i <= parts; i++) {
        m = json_object();
        view_set(m, "loc", arena_printf(req->arena, "%s/sitemaps/items-%lld.xml", w.base, i));
        json_array_append_new(maps, m);
    }
    sitemap_done(req, res, "sitemap_index.xml", "sitemaps", maps);
}

void sitemap_part_xml(struct request *req, struct response *res)
{
    long long part = 0;
    bool pages = strcmp(req->tail, "pages.xml") == 0;
    if (!pages) {
        size_t n = strlen(req->tail);
        char *num = NULL;
        if (n > 10 && strncmp(req->tail, "items-", 6) == 0 && strcmp(req->tail + n - 4, ".xml") == 0)
            num = arena_strndup(req->arena, req->tail + 6, n - 10);
        if (!num || !uint_parse(num, 1, 100000, &part)) {
            portal_error_page(req, res, 404, "没有这个网站地图 / no such sitemap");
            return;
        }
    }
    store_t *s = portal_store(req->app);
    if (!s) {
        portal_error_page(req, res, 500, "数据库暂时无法使用 / the database is not available");
        return;
    }
    char *err = NULL;
    struct item_query all = {.today = page_today_str(req)};
    if (!pages) {
        long long items = 0;
        if (store_items_count(s, &all, &items, &err)) {
            store_failed(req, res, "sitemap", err);
            return;
        }
        if ((part - 1) * (long long)SITEMAP_MAX_URLS >= items && part > 1) {
            portal_error_page(req, res, 404, "没有这个网站地图 / no such sitemap");
            return;
        }
    }
    struct url_walk w = {req, json_array(), url_base(req)};
    int rc = pages ? page_urls(s, &w, &err)
                   : store_feed_each_url(s, &all, (part - 1) * (long long)SITEMAP_MAX_URLS, SITEMAP_MAX_URLS,
                                         item_url, &w, &err);
    if (rc < 0) {
        json_decref(w.urls);
        store_failed(req, res, "sitemap", err);
        return;
    }
    sitemap_done(req, res, "sitemap.xml", "urls", w.urls);
}

/* ----------------------------------------------------------- robots */

void robots_txt(struct request *req, struct response *res)
{
    /* Search result pages are an endless space of URLs and the API is for programs that
     * were told about it; everything else is for everyone. */
    buf_printf(&res->body,
               "User-agent: *\n"
               "Disallow: /search\n"
               "Disallow: /api/\n"
               "Allow: /\n"
               "\n"
               "Sitemap: %s/sitemap.xml\n",
               url_base(req));
    res_type(res, "text/plain; charset=utf-8");
    res_cache(res, "public, max-age=86400");
    res_etag_auto(res);
}
