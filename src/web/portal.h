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
};

/* Opens the portal over DB_PATH: checks the schema, loads settings and compiles the
 * templates (embedded, then THEME_DIR/templates/ file by file). NULL + *err on failure. */
struct portal *portal_open(const char *db_path, const char *theme_dir, char **err);
void portal_close(struct portal *p);

/* This thread's connection (never NULL; a failure to open answers 500 in the caller). */
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

#endif
