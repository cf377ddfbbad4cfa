/* Reading items for machines: the Atom feeds, the sitemap and the read-only JSON API.
 * (Columns, one item, report years: store_portal.h, shared with the pages.)
 *
 * Only public items are read: first published on or before TODAY, the rule of the
 * portal's pages (store_portal.h), so a scheduled item shows up everywhere on the same day
 * and a never-published one nowhere. "Newest first" means by first publication date, then
 * by id (the index items_published of 002_portal.sql serves it without a sort). Filters
 * select an agency with everything below it, a column with its sub-columns, a year of
 * first publication and statutory kinds.
 *
 * Streaming functions hand each row to fn with strings that are valid only during the
 * call; a non-zero return from fn stops the walk and is returned. Return convention of
 * store.h: RES_OK, RES_FAILED + *err (database), RES_REFUSED + *err (an unknown agency code). */
#ifndef GK_STORE_FEED_H
#define GK_STORE_FEED_H
#include "store/store.h"
#include <stdbool.h>

struct feed_filter {
    const char *today;     /* YYYY-MM-DD, required (NULL: nothing is public) */
    const char *agency;    /* agency code (and all below it); NULL = all */
    const char *column;    /* column slug (and its sub-columns); NULL = all */
    int year;              /* year of first publication; 0 = all */
    const char *statutory; /* "rule", "normative_document", "any" (either); NULL = all */
};

struct feed_item {
    long long id;
    const char *ext_id, *title;
    const char *body; /* NULL unless asked for (with_body) or absent */
    const char *column_slug, *index_no, *doc_no, *topic, *genre, *statutory; /* NULL when absent */
    const char *written, *repealed, *published; /* YYYY-MM-DD or NULL; published = first publication */
    const char *updated_at;                     /* 'YYYY-MM-DD HH:MM:SS', UTC (SQLite's clock) */
    const char *agency_code, *agency_name;
};

typedef int (*feed_item_fn)(const struct feed_item *it, void *ud);

/* Items matching F, newest first, skipping OFFSET, at most LIMIT (1..1000). */
res_t store_feed_items(store_t *s, const struct feed_filter *f, long long offset, int limit, bool with_body,
                     feed_item_fn fn, void *ud, char **err);
/* How many items match F. */
res_t store_feed_count(store_t *s, const struct feed_filter *f, long long *n, char **err);

/* Sitemap: the ext_id and updated_at of every public item (F's filters apply; F->today is
 * required), in id order, from OFFSET, at most LIMIT. */
res_t store_feed_each_url(store_t *s, const struct feed_filter *f, long long offset, long long limit,
                        int (*fn)(const char *ext_id, const char *updated_at, void *ud), void *ud,
                        char **err);

/* The first and last year of any publication up to TODAY (the search page's year filter):
 * RES_OK, RES_NOT_FOUND when nothing was published, RES_FAILED. Cheap on a large store (index lookups per
 * agency). */
res_t store_feed_years(store_t *s, const char *today, int *first, int *last, char **err);

#endif
