/* Per-thread database connections of the portal, and the database generation: a counter
 * that moves whenever a connection sees a commit by another (an import, `gongkai settings
 * set`, a reload). Caches built from reads (page_cache.c, facet_cache.c) are good while
 * the generation they were built in is current. */
#ifndef GK_WEB_CONNECTIONS_H
#define GK_WEB_CONNECTIONS_H
#include "web/portal.h"
#include <stdbool.h>

struct conn_pool *conn_pool_new(char **err);
/* Closes every connection still open (the server is stopped by then). */
void conn_pool_free(struct conn_pool *c);

/* Checks this thread's connection for commits by others and moves the generation if
 * there were any. False when the database cannot be asked (then nothing is cached). */
bool conn_check_generation(struct portal *p);
unsigned long conn_generation(const struct portal *p);
/* Makes every cached page stale (after the site settings changed). */
void conn_bump_generation(struct portal *p);

/* After a handler: no read stays open on this thread's connection. */
void conn_end_request(struct portal *p);

#endif
