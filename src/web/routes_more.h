/* Search, feeds, sitemap, robots.txt and the JSON API: their handlers (pages_search.c,
 * feeds.c, api.c, listed in routes_more.c) and what they share.
 *
 * Page URLs come from the portal (portal_item_href, portal_column_href) so that search
 * results, feeds, the sitemap and the API link exactly where the pages are; the URLs of
 * this family are built here:
 *   search  /search?q=...
 *   feeds   /feeds/all.atom, /feeds/column/<slug>.atom
 *   report  /zfxxgk/nb/<year>   (the annual report page of the 政府信息公开 column) */
#ifndef GK_WEB_ROUTES_MORE_H
#define GK_WEB_ROUTES_MORE_H
#include "text/highlight.h"
#include "util/buf.h"
#include "web/portal.h"
#include <stdbool.h>

/* pages_search.c */
void page_search(struct request *req, struct response *res);

/* feeds.c */
void feed_all_atom(struct request *req, struct response *res);
void feed_column_atom(struct request *req, struct response *res);
void sitemap_xml(struct request *req, struct response *res);
void sitemap_part_xml(struct request *req, struct response *res);
void robots_txt(struct request *req, struct response *res);

/* api.c */
void api_index(struct request *req, struct response *res);
void api_items(struct request *req, struct response *res);
void api_item(struct request *req, struct response *res);
void api_columns(struct request *req, struct response *res);
void api_agencies(struct request *req, struct response *res);
void api_search(struct request *req, struct response *res);
void api_report(struct request *req, struct response *res);
void api_bad_method(struct request *req, struct response *res);
void api_not_found(struct request *req, struct response *res);

/* ---- shared ---- */

/* Site-relative URLs (path and query, already URL-encoded; HTML- or XML-escape them
 * when writing them into markup), appended to B. */
void more_url_report(buf_t *b, int year);
void more_url_column_feed(buf_t *b, const char *slug);

/* The site's absolute base URL without a trailing slash, for feeds and the sitemap:
 * "https://<site_domain>" when the site names its domain, else "http://<Host>" from the
 * request (only a well-formed host[:port] is accepted), else "http://localhost".
 * Allocated in the request's arena. */
const char *more_base_url(struct request *req);

/* Today in China Standard Time, "YYYY-MM-DD" (portal_today, in the request's arena):
 * what is public (items first published on or before it). */
const char *more_today(struct request *req);

/* Text from store_search with the byte ranges of its matches (in order, disjoint) as
 * HTML: everything HTML-escaped, each range inside <mark>…</mark>. */
void more_marked_html(buf_t *b, const char *text, const struct text_span *marks, size_t n);

/* Strict decimal integer in [lo, hi] (no sign, no spaces, no leading zeros beyond "0").
 * True and *out on success. */
bool more_parse_int(const char *s, long lo, long hi, long *out);

/* True when S is NULL or holds nothing but white space (ASCII, U+3000 ideographic space,
 * U+00A0 no-break space): "请输入检索词" rather than "nothing searchable". */
bool more_blank(const char *s);

/* A column slug as the import accepts it (lowercase letters, digits, '-', '_', segments
 * joined by '/'), at most 200 bytes. */
bool more_slug_ok(const char *s);

/* A JSON string of S (NULL -> JSON null). Bytes that are not UTF-8 become U+FFFD, so the
 * value is never dropped (jansson refuses invalid UTF-8). */
json_t *more_json_str(const char *s);
/* Sets KEY of O to more_json_str(S). */
void more_json_set_str(json_t *o, const char *key, const char *s);

/* Years for filters and for the API: 1949..2100 (the import's range). */
#define MORE_YEAR_MIN 1949
#define MORE_YEAR_MAX 2100

#endif
