/* Reading items for machines: the sitemap and the search page's year range. (The item
 * lists of feeds and the API: store_items in store.h; columns, one item, report years:
 * store_portal.h.) Results as in store.h. */
#ifndef GK_STORE_FEED_H
#define GK_STORE_FEED_H
#include "store/store.h"
#include <stdbool.h>

/* Sitemap: the ext_id and updated_at of every item matching Q, in id order, from OFFSET,
 * at most LIMIT. (The lists themselves: store_items in store.h.) */
res_t store_feed_each_url(store_t *s, const struct item_query *q, long long offset, long long limit,
                        int (*fn)(const char *ext_id, const char *updated_at, void *ud), void *ud,
                        char **err);

/* sitemap parts (issue 6): the sitemap index's item parts, cut by the backend's own keys
 * (SQLite: ranges of PART_SIZE row ids) so that no part needs the ones before it: how
 * many parts there are, and the ext_id and updated_at of the items of part PART (1-based)
 * published on or before TODAY, in a stable order, at most PART_SIZE of them (fewer where
 * items were deleted or are not yet published). Each part is one range read of an index. */
res_t store_sitemap_parts(store_t *s, long long part_size, long long *parts, char **err);
res_t store_sitemap_part(store_t *s, const char *today, long long part, long long part_size,
                         int (*fn)(const char *ext_id, const char *updated_at, void *ud), void *ud, char **err);

/* The first and last year of any publication up to TODAY (the search page's year filter):
 * RES_OK, RES_NOT_FOUND when nothing was published, RES_FAILED. Cheap on a large store (index lookups per
 * agency). */
res_t store_feed_years(store_t *s, const char *today, int *first, int *last, char **err);

#endif
