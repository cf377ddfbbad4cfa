/* The public portal: the application object the server hands to every handler
 * (req->app). Each part keeps its own state behind its own pointer, in its own file:
 *
 *   connections.c  per-thread database connections and the database generation
 *   site.c         the site settings (a snapshot replaced on reload)
 *   columns.c      the column tree
 *   templates.c    the compiled templates and the stylesheet's URL
 *   page_cache.c   rendered pages (pcache_*)
 *   facet_cache.c  the directory's select-box values (facets_*)
 *   layout.c, nav.c, error_page.c, json_reply.c   what wraps a handler's answer
 *   routes.c       the route table (every page, with its cache policy)
 *   reload.c       settings re-read while serving
 *
 * Threads: handlers run on several libmicrohttpd threads at once. Everything here is
 * read-only after portal_open() except what those files guard themselves. */
#ifndef GK_WEB_PORTAL_H
#define GK_WEB_PORTAL_H
#include "store/store.h"
#include "util/mustache.h"
#include "web/server.h"
#include <jansson.h>

struct conn_pool;
struct site_slot;
struct column_tree;
struct pcache;
struct facet_cache;
struct figures_cache;

struct portal {
    char *db_path;
    char *theme_dir;           /* NULL = embedded templates and static files only */
    mustache_lib_t *templates; /* every template under assets/templates, theme overrides applied */
    char *css_href;            /* /static/site.css?v=<hash of the file> */
    char root_agency[128];     /* code of the root agency */
    struct conn_pool *conns;
    struct site_slot *site;
    struct column_tree *columns;
    struct pcache *cache;
    struct facet_cache *facets;
    struct figures_cache *figures; /* report figures cache (issue 6): report/figures_cache.h */
};

/* Opens the portal over DB_PATH: checks the schema, loads settings and compiles the
 * templates (embedded, then THEME_DIR/templates/ file by file). NULL + *err on failure. */
struct portal *portal_open(const char *db_path, const char *theme_dir, char **err);
void portal_close(struct portal *p);

/* This thread's connection, opened on first use; NULL when it cannot be opened (the
 * caller answers 500). (connections.c) */
store_t *portal_store(struct portal *p);

/* The page cache's byte budget from the setting page_cache_mb (portal.c). */
size_t portal_cache_budget(const struct portal *p);

/* The route table of the whole portal (routes.c). */
const struct route *portal_routes(size_t *n);

/* The portal's error page (404 with a search box and links; 400, 405, 500 …): also the
 * server's error_page hook. (error_page.c) */
void portal_error_page(struct request *req, struct response *res, int status, const char *detail);

#endif
