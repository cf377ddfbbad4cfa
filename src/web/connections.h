/* Per-thread database connections of the portal, and the database generation: a counter
 * that moves whenever the content version (store_portal_data_version) changes, i.e. when
 * a commit by any connection or process touched a table the public pages show (an import,
 * a publication in the workspace, `gongkai settings set`), and when the settings are
 * reloaded. Sessions, logins, the audit log and rate-limit rows do not move it. Caches
 * built from reads (page_cache.c, facet_cache.c) are good while the generation they were
 * built in is current. */
#ifndef GK_WEB_CONNECTIONS_H
#define GK_WEB_CONNECTIONS_H
#include "web/portal.h"
#include <stdbool.h>

struct conn_pool *conn_pool_new(char **err);
/* Closes every connection still open (the server is stopped by then). */
void conn_pool_free(struct conn_pool *c);

/* Reads the content version through this thread's connection and moves the generation if
 * it changed since any connection last looked. False when the database cannot be asked
 * (then nothing is cached). */
bool conn_check_generation(struct portal *p);
unsigned long conn_generation(const struct portal *p);
/* Makes every cached page stale: after the settings were reloaded into memory (pages
 * rendered between the commit and the reload used the old ones). Writes to the database
 * need no call: the content version sees them. */
void conn_bump_generation(struct portal *p);

/* After a handler: no read stays open on this thread's connection. */
void conn_end_request(struct portal *p);

#endif
