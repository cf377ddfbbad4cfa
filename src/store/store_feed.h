/* Reading items for machines: the Atom feeds, the sitemap and the read-only JSON API.
 *
 * "Newest first" means by first publication date (items never published come last),
 * then by id: the index items_published (003_search.sql) serves it without a sort.
 * Filters select an agency with everything below it, a column with its sub-columns,
 * a publication year (else the year written) and statutory kinds.
 *
 * Streaming functions hand each row to fn with strings that are valid only during the
 * call; a non-zero return from fn stops the walk and is returned. Return convention of
 * store.h: 0, -1 + *err (database), 1 + *err (refused input: an unknown agency code). */
#ifndef GK_STORE_FEED_H
#define GK_STORE_FEED_H
#include "store/store.h"
#include <stdbool.h>

struct feed_filter {
    const char *agency;    /* agency code (and all below it); NULL = all */
    const char *column;    /* column slug (and its sub-columns); NULL = all */
    int year;              /* 0 = all */
    const char *statutory; /* "rule", "normative_document", "any" (either); NULL = all */
};

struct feed_pub {
    const char *channel; /* website, wechat, weibo, gazette, other */
    const char *at;      /* YYYY-MM-DD */
};

struct feed_item {
    long long id;
    const char *ext_id, *title;
    const char *body; /* NULL unless asked for (with_body) or absent */
    const char *column_slug, *index_no, *doc_no, *topic, *genre, *statutory; /* NULL when absent */
    const char *written, *repealed, *published; /* YYYY-MM-DD or NULL; published = first publication */
    const char *updated_at;                     /* 'YYYY-MM-DD HH:MM:SS', UTC (SQLite's clock) */
    const char *agency_code, *agency_name;
    const struct feed_pub *pubs; /* store_feed_item only; else NULL */
    size_t npubs;
};

typedef int (*feed_item_fn)(const struct feed_item *it, void *ud);

/* Items matching F, newest first, skipping OFFSET, at most LIMIT (1..1000). */
int store_feed_items(store_t *s, const struct feed_filter *f, long long offset, int limit, bool with_body,
                     feed_item_fn fn, void *ud, char **err);
/* How many items match F. */
int store_feed_count(store_t *s, const struct feed_filter *f, long long *n, char **err);
/* One item by its ext_id, with body and publications: 0 (fn was called), 1 not found
 * (no *err), -1 error. fn's return value is ignored. */
int store_feed_item(store_t *s, const char *ext_id, feed_item_fn fn, void *ud, char **err);

/* Sitemap: every item's ext_id and updated_at in id order, from OFFSET, at most LIMIT. */
int store_feed_each_url(store_t *s, long long offset, long long limit,
                        int (*fn)(const char *ext_id, const char *updated_at, void *ud), void *ud,
                        char **err);

/* ---- columns (栏目) ---- */
struct feed_column {
    char *slug, *parent_slug, *name, *description, *kind; /* parent_slug, description may be NULL */
    int sort;
};
void feed_column_clear(struct feed_column *c);
/* One column: 0 found (fills *out, owned), 1 not found, -1 error. */
int store_feed_column(store_t *s, const char *slug, struct feed_column *out, char **err);
/* Every column ordered by (sort, id); the struct is borrowed for the call. */
int store_feed_columns(store_t *s, int (*fn)(const struct feed_column *c, void *ud), void *ud, char **err);

/* The years the records reach (publications and applications): 0 with *first <= *last,
 * 1 when there are none, -1 error. */
int store_feed_years(store_t *s, int *first, int *last, char **err);

#endif
