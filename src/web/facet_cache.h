/* The distinct topics, genres and years of the items (store_portal_facets), kept in
 * memory for the current database generation: the directory's select boxes. */
#ifndef GK_WEB_FACET_CACHE_H
#define GK_WEB_FACET_CACHE_H
#include "web/portal.h"

struct facet_cache *facets_new(void);
void facets_free(struct facet_cache *f);

/* Calls FN for each (facet, value), reading them through S when the cached ones are of
 * an older generation. A non-zero return from FN stops the walk and is returned; -1 +
 * *err on a database error. */
int facets_each(struct portal *p, store_t *s, int (*fn)(const char *facet, const char *value, void *ud), void *ud,
                char **err);

#endif
