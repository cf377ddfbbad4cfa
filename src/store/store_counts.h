/* Item counts read from the counters kept on write (table item_counts, schema 5), for the
 * pages that show how many items a column, a directory filter or an agency holds. Each
 * returns exactly what a COUNT(*) over the items would (published on or before TODAY,
 * validity as of TODAY), without reading every item. */
#ifndef GK_STORE_COUNTS_H
#define GK_STORE_COUNTS_H

#include "store/store_portal.h"

/* The directory's count: the items store_portal_items lists for F. */
int store_count_filtered(store_t *s, const struct portal_filter *f, long long *n, char **err);

/* Items of exactly column SLUG published on or before TODAY. */
int store_count_column(store_t *s, const char *slug, const char *today, long long *n, char **err);

/* Per column, for the agency subtree PATH (NULL = all): fn(slug, count), slugs in text
 * order, items without a column under slug NULL (first); columns with no item left out. */
int store_count_by_column(store_t *s, const char *agency_path, const char *today,
                          int (*fn)(const char *slug, long long n, void *ud), void *ud, char **err);

#endif
