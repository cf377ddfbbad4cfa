/* The portal object: opens and closes its parts (portal.h lists them). */
#include "web/portal.h"
#include "domain/settings.h"
#include "report/figures_cache.h"
#include "util/xalloc.h"
#include "web/columns.h"
#include "web/connections.h"
#include "web/facet_cache.h"
#include "web/page_cache.h"
#include "web/site.h"
#include "web/templates.h"
#include <stdio.h>
#include <stdlib.h>

/* 0 turns the cache off. */
size_t portal_cache_budget(const struct portal *p)
{
    long mb = settings_uint("page_cache_mb", site_setting(site_get(p), "page_cache_mb"));
    return (size_t)mb << 20;
}

struct portal *portal_open(const char *db_path, const char *theme_dir, char **err)
{
    *err = NULL;
    struct portal *p = xcalloc(1, sizeof *p);
    p->db_path = xstrdup(db_path);
    p->theme_dir = theme_dir ? xstrdup(theme_dir) : NULL;
    p->conns = conn_pool_new(err);
    if (!p->conns)
        goto fail;
    p->site = site_slot_new();
    p->facets = facets_new();
    p->cache = pcache_new(0);
    p->figures = figures_cache_new(); /* report figures cache (issue 6) */

    store_t *s = portal_store(p);
    if (!s) {
        *err = xasprintf("%s: cannot open the database", db_path);
        goto fail;
    }
    int have = store_schema_version(s);
    if (have < store_schema_current() || have == 0) {
        *err = xasprintf("%s: the database is not initialised or has an older schema (run 'gongkai init')", db_path);
        goto fail;
    }
    char *msg = NULL;
    p->columns = columns_load(s, &msg);
    if (!p->columns || site_load(p, s, NULL, &msg) != RES_OK) {
        *err = xasprintf("%s: the portal's tables are missing (run 'gongkai init'): %s", db_path, msg ? msg : "?");
        free(msg);
        goto fail;
    }
    if (templates_load(p, err))
        goto fail;
    pcache_set_budget(p->cache, portal_cache_budget(p));
    return p;
fail:
    portal_close(p);
    return NULL;
}

void portal_close(struct portal *p)
{
    if (!p)
        return;
    conn_pool_free(p->conns);
    pcache_free(p->cache);
    facets_free(p->facets);
    figures_cache_free(p->figures); /* report figures cache (issue 6) */
    columns_free(p->columns);
    site_slot_free(p->site);
    mustache_lib_free(p->templates);
    free(p->css_href);
    free(p->db_path);
    free(p->theme_dir);
    free(p);
}
