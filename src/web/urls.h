/* Every URL the portal writes: the pages' own addresses (one function per kind) and one
 * builder for anything with a query string, which manages '?' and '&' and encodes each
 * name and value. Results are site-relative, URL-encoded and allocated in the request's
 * arena; HTML- or XML-escape them when writing them into markup (the templates do).
 *
 *   struct url u;
 *   url_start(&u, "/search");
 *   url_param(&u, "q", q);              // NULL values are left out
 *   url_param_int(&u, "page", 2);
 *   const char *href = url_finish(&u, req);   // "/search?q=%E6%94%BF&page=2"
 */
#ifndef GK_WEB_URLS_H
#define GK_WEB_URLS_H
#include "util/buf.h"
#include "util/url.h"
#include "web/request.h"
#include <stdbool.h>

struct url {
    buf_t b;
    bool query; /* a '?' has been written */
};

/* PATH is written as given (it must already be a valid, encoded path). */
void url_start(struct url *u, const char *path);
/* "&name=value" (or "?…" first), both encoded; nothing when VALUE is NULL. */
void url_param(struct url *u, const char *name, const char *value);
void url_param_int(struct url *u, const char *name, long long value);
/* The URL in REQ's arena; U is emptied. */
const char *url_finish(struct url *u, struct request *req);

/* ---- page addresses ---- */
const char *url_item(struct request *req, const char *ext_id);   /* /item/<id> */
/* sitemap parts (issue 6): url_item's path appended to B, for a page of 50,000 of them. */
void url_item_into(buf_t *b, const char *ext_id);
const char *url_agency(struct request *req, const char *code);   /* /agency/<code> */
/* The page of column SLUG: /column/gkml/wjfg, /zfxxgk/zn for the 政府信息公开 columns,
 * /gkml for NULL. */
const char *url_column(struct request *req, const char *slug);
const char *url_column_feed(struct request *req, const char *slug); /* /feeds/column/<slug>.atom */
const char *url_report(struct request *req, int year);              /* /zfxxgk/nb/<year> */

/* Appends SLUG as a path: each segment encoded, the slashes kept. */
void url_slug_path(buf_t *b, const char *slug);

/* ---- encoding ---- */
/* Percent-encodes S as one URL component, in the arena. */
const char *url_component(struct request *req, const char *s);
/* url_reencode (util/url.h) encodes again what came decoded (a "back" parameter, a raw
 * query string). */
/* The path and query of this request, encoded, for "back" links ("/gkml?year=2020"). */
const char *url_here(struct request *req);

/* The site's absolute base URL without a trailing slash, for feeds and the sitemap:
 * "https://<site_domain>" when the site names its domain, else "http://<Host>" from the
 * request (only a well-formed host[:port] is accepted), else "http://localhost". */
const char *url_base(struct request *req);

#endif
