/* The site layout around every HTML page (header, navigation, footer, meta tags).
 *
 * A page template extends the layout and fills its blocks:
 *
 *     {{<layout}}{{$main}}<h1>{{title}}</h1> ...{{/main}}{{/layout}}
 *
 * Blocks: "main" (inside <main id="main">), "head" (extra tags in <head>), "aside".
 * Keys a handler may set in CTX before layout_page():
 *   title          the page's own title (<title> becomes "title - site name"; home: site name)
 *   crumbs         [{name, href}] after 首页 (the last one, without href, is this page)
 *   section        the main-navigation entry to mark current: "home", "zwgk", "bmfw",
 *                  "qyzc", "gzdt", "agency", "search", "hdjl" (互动交流)
 *   description    <meta name="description">
 *   column_meta    {name, description, keywords, type}: ColumnName… meta tags
 *   article_meta   {title, pubdate, source, keywords, author, description, url}
 *   q              the search box's value
 *   noindex        true: <meta name="robots" content="noindex">
 * Keys layout_page() adds: site {name, domain, id_code, icp, police_record, police_code,
 * sponsor, organizer, address, phone, error_report_url, dzjg_url}, nav, subnav, elder,
 * mode_href, here, page_title, css_href, nonce.
 * Partials for pages: _pager (CTX key "pager" from view_pager()), _items (key "items":
 * [{href, title, date, repealed}]), _searchbox (a search form).
 * A guard such as {{#rows.0}}…{{#rows}}…{{/rows}}…{{/rows.0}} pushes the FIRST row on the
 * context stack: give every row every key the template reads (null or "" when empty), or
 * a row without it shows the first row's value. */
#ifndef GK_WEB_LAYOUT_H
#define GK_WEB_LAYOUT_H
#include "web/portal.h"
#include <stdbool.h>

/* Renders template NAME with CTX inside the layout as the HTML body of RES with status
 * 200, an ETag and Cache-Control. CTX is borrowed. */
void layout_page(struct request *req, struct response *res, const char *name, json_t *ctx);

/* Renders template NAME with CTX and the layout's keys as RES's body without touching
 * its status or caching (the error page). A template error answers 500. */
void layout_render(struct request *req, struct response *res, const char *name, json_t *ctx);

/* Elder mode (长者模式: larger type, higher contrast), chosen with GET /mode and kept
 * in a cookie; the page then carries <html class="elder">. */
bool layout_elder(const struct request *req);

#endif
