/* The page cache: rendered pages keyed by path, query and 长者模式, so that a page read
 * again costs a copy instead of its queries and its rendering (cgit's habit). An entry is
 * good while the database generation it was rendered in is current (connections.h) and
 * the day has not changed (items scheduled for today appear, repeal dates pass). Oldest
 * entries go first when the byte budget is exceeded. Which routes use it is a column of
 * the route table (routes.c). */
#ifndef GK_WEB_PAGE_CACHE_H
#define GK_WEB_PAGE_CACHE_H
#include "web/portal.h"

/* BUDGET bytes (0: off). */
struct pcache *pcache_new(size_t budget);
void pcache_free(struct pcache *c);
/* A new budget (setting page_cache_mb changed while serving); entries beyond it go. */
void pcache_set_budget(struct pcache *c, size_t budget);

/* Serves FN's page through the cache: a page already rendered in this generation and
 * day (same path, query and 长者模式) is copied instead of rendered; a 200 with an ETag
 * (layout_page, json_reply), no Set-Cookie and a Content-Type is stored. Pages that
 * depend on anything else in the request (other cookies, headers) must not use it.
 * Also checks for commits by other connections (imports while serving). */
void pcache_serve(struct request *req, struct response *res, handler_fn fn);

/* Pages served from the cache, and pages rendered through it (a miss: not there, or stale)
 * since the start; what tests and operators read to see the cache work. */
void pcache_counts(struct pcache *c, unsigned long *hits, unsigned long *misses);

#endif
