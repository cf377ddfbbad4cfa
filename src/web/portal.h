/* The public portal: the application object the server hands to every handler
 * (req->app), and what page code shares. Implemented in src/web/portal.c.
 *
 * Threads: handlers run on several libmicrohttpd threads at once. The portal
 * object is read-only after portal_open(); each thread gets its own database
 * connection from portal_store() (opened on first use, closed at thread exit). */
#ifndef GK_WEB_PORTAL_H
#define GK_WEB_PORTAL_H
#include "store/store.h"
#include "util/mustache.h"
#include "web/server.h"
#include <jansson.h>

struct portal_private;
struct portal_column;

struct site_settings {
    char *site_name;      /* 网站名称, default: the root agency's name */
    char *site_domain;    /* SiteDomain, e.g. www.gongnong.gov.cn */
    char *site_id_code;   /* 网站标识码 (ten characters) */
    char *icp;            /* ICP备案编号 */
    char *police_record;  /* 公安机关备案号 */
    char *sponsor;        /* 主办单位 */
    char *organizer;      /* 承办单位 */
    char *address, *phone;
};

struct portal {
    char *db_path;
    char *theme_dir;           /* NULL = embedded templates and static files only */
    mustache_lib_t *templates; /* every template under assets/templates, theme overrides applied */
    struct site_settings site;
    char root_agency[128];     /* code of the root agency */
    struct portal_private *priv; /* portal.c's own state (connections, columns, settings) */
};

/* Opens the portal over DB_PATH: checks the schema, loads settings and compiles the
 * templates (embedded, then THEME_DIR/templates/ file by file). NULL + *err on failure. */
struct portal *portal_open(const char *db_path, const char *theme_dir, char **err);
void portal_close(struct portal *p);

/* This thread's connection, opened on first use; NULL when it cannot be opened (the
 * caller answers 500). */
store_t *portal_store(struct portal *p);

/* The route table of the whole portal: the page routes of portal.c and pages_*.c,
 * followed by portal_more_routes (search, feeds, sitemap, robots, JSON API: routes_more.c). */
const struct route *portal_routes(size_t *n);
extern const struct route portal_more_routes[];
extern const size_t portal_more_route_count;

/* Renders template NAME with CTX inside the site layout (header, navigation, footer,
 * meta tags) as the HTML body of RES with status 200, an ETag and Cache-Control.
 * CTX is borrowed; the function adds the common keys (site, nav, nonce, page_title…). */
void portal_page(struct request *req, struct response *res, const char *name, json_t *ctx);

/* The portal's error page (404 with a search box and links; 400, 405, 500 …). */
void portal_error_page(struct request *req, struct response *res, int status, const char *detail);

/* JSON API answer: CTX serialised with application/json; charset=utf-8, ETag, CORS-free. */
void portal_json(struct request *req, struct response *res, json_t *ctx);

/* ---- page templates (assets/templates/NAME.mustache; a theme's templates/NAME.mustache
 * replaces one file by file) ----
 *
 * A page template extends the layout and fills its blocks:
 *
 *     {{<layout}}{{$main}}<h1>{{title}}</h1> ...{{/main}}{{/layout}}
 *
 * Blocks: "main" (inside <main id="main">), "head" (extra tags in <head>), "aside".
 * Keys a handler may set in CTX before portal_page():
 *   title          the page's own title (<title> becomes "title - site name"; home: site name)
 *   crumbs         [{name, href}] after 首页 (the last one, without href, is this page)
 *   section        the main-navigation entry to mark current: "home", "zwgk", "bmfw",
 *                  "qyzc", "gzdt", "agency", "search"
 *   description    <meta name="description">
 *   column_meta    {name, description, keywords, type}: ColumnName… meta tags
 *   article_meta   {title, pubdate, source, keywords, author, description, url}
 *   q              the search box's value
 *   noindex        true: <meta name="robots" content="noindex">
 * Keys portal_page() adds: site {name, domain, id_code, icp, police_record, police_code,
 * sponsor, organizer, address, phone, error_report_url, dzjg_url}, nav, subnav, elder,
 * mode_href, here, page_title, css_href, nonce.
 * Partials for pages: _pager (CTX key "pager" from portal_pager()), _items (key "items":
 * [{href, title, date, repealed}]), _searchbox (a search form).
 * A guard such as {{#rows.0}}…{{#rows}}…{{/rows}}…{{/rows.0}} pushes the FIRST row on the
 * context stack: give every row every key the template reads (null or "" when empty), or
 * a row without it shows the first row's value. */

/* Elder mode (长者模式: larger type, higher contrast), chosen with GET /mode and kept
 * in a cookie; the page then carries <html class="elder">. */
bool portal_elder(const struct request *req);

/* A site setting (settings table) or NULL. */
const char *portal_setting(const struct portal *p, const char *key);

/* The column SLUG, or NULL; its name (NULL when unknown); its page URL ("/column/gkml/wjfg",
 * "/zfxxgk/zn" for the 政府信息公开 sub-columns). */
const struct portal_column *portal_column_find(const struct portal *p, const char *slug);
const char *portal_column_name(const struct portal *p, const char *slug);
const char *portal_column_href(struct request *req, const char *slug);

/* "/item/<ext id, percent-encoded>" in the request's arena. */
const char *portal_item_href(struct request *req, const char *ext_id);

/* The pager for page PAGE of NPAGES (1-based) of this request's path: links keep every
 * other query parameter and set page=N. {pages:[{n, href, current, gap}], prev, next,
 * page, npages}; NULL when there is a single page. */
json_t *portal_pager(struct request *req, long long page, long long npages);

/* Serves FN's page through the page cache: a page already rendered in this database
 * generation and day (same path, query and 长者模式) is copied instead of rendered; a 200
 * with an ETag (portal_page, portal_json), no Set-Cookie and a Content-Type is stored.
 * Pages that depend on anything else in the request (other cookies, headers) must not
 * use it. Also checks for commits by other connections (imports while serving). */
void portal_cached(struct request *req, struct response *res, handler_fn fn);

/* The distinct topics, genres and years of the items (store_portal_facets), kept in
 * memory for the current database generation. */
int portal_facets(struct portal *p, store_t *s, int (*fn)(const char *facet, const char *value, void *ud), void *ud,
                  char **err);

/* Today in China Standard Time as "YYYY-MM-DD" (items published after it are not shown). */
void portal_today(char out[11]);

#endif
