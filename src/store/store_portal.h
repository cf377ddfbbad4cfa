/* Read queries of the public portal: the column tree, items by column with pagination,
 * one item with its publications and attachments, the 信息公开目录 filters, report years,
 * settings. SQLite backend in src/store/sqlite_portal.c; SQL is kept portable (bound
 * parameters, substr/COALESCE/LIKE on digit-only paths, no SQLite-only functions).
 *
 * Dates are bound and returned as 'YYYY-MM-DD' text. "today" arguments hide items whose
 * first publication lies in the future (scheduled) and decide validity (有效/废止): an
 * item is 废止 once its repeal date is on or before today.
 *
 * Return convention as in store.h: 0 success, -1 database failure with *err set.
 * Row callbacks get borrowed strings, valid only during the call; a non-zero return stops
 * the iteration and is returned. */
#ifndef GK_STORE_PORTAL_H
#define GK_STORE_PORTAL_H
#include "store/store.h"
#include <stddef.h>

/* ---- columns (栏目) ---- */
struct portal_column {
    char *slug, *parent_slug; /* parent_slug NULL for a top-level column */
    char *name, *description, *kind, *keywords, *meta_type;
    int sort;
};
/* Every column, parents before children, siblings by sort order. The caller frees with
 * portal_columns_free. */
res_t store_portal_columns(store_t *s, struct portal_column **out, size_t *n, char **err);
void portal_columns_free(struct portal_column *v, size_t n);

/* Ends any read left open on this connection: a statement stepped to a row and never
 * reset keeps its snapshot (and the WAL) pinned, so a long-lived connection would go on
 * seeing old data. The portal calls this after every request. */
void store_portal_end_reads(store_t *s);

/* A number that changes when what the public pages show may have changed: the content
 * version, moved by the triggers of every publicly shown table (014_content_version.sql),
 * whichever connection, process or server instance commits, this one included. Sessions,
 * logins, the audit log, rate limits and form tokens leave it alone. Caches built from the
 * public tables are valid while it stays the same. One primary-key read. */
res_t store_portal_data_version(store_t *s, long long *out, char **err);

/* ---- item lists (the general query: store_items in store.h) ---- */
/* The items of one column (exactly that slug), newest first publication first: the
 * column pages' fast path (the offset is skipped inside one index). */
res_t store_portal_column_items(store_t *s, const char *slug, const char *today, long long offset, int limit,
                                item_row_fn fn, void *ud, char **err);
res_t store_portal_column_count(store_t *s, const char *slug, const char *today, long long *n, char **err);

/* Distinct values for the directory's select boxes: topics and genres in text order,
 * years (of 成文日期, else the first publication) newest first. */
res_t store_portal_facets(store_t *s, int (*fn)(const char *facet, const char *value, void *ud), void *ud,
                        char **err);

/* Item counts per column for the agency subtree PATH (NULL = all): fn(slug, count). Items
 * without a column are reported under slug NULL. */
res_t store_portal_column_counts(store_t *s, const char *agency_path, const char *today,
                               int (*fn)(const char *slug, long long n, void *ud), void *ud, char **err);

/* ---- one item ---- */
struct portal_publication {
    char *channel, *at, *url;
};
struct portal_attachment {
    long long id, size;
    char *name, *mime;
};
struct portal_item {
    long long id;
    char *ext_id, *title, *body, *summary, *index_no, *doc_no, *topic, *genre;
    char *written, *published, *repealed, *statutory, *column_slug, *updated_at;
    char *agency_code, *agency_name;
    char *validity; /* NULL (有效), "modified", "repealed", "expired" (editorial workflow) */
    struct portal_publication *pubs;
    size_t npubs;
    struct portal_attachment *atts;
    size_t natts;
};
/* RES_OK found, RES_NOT_FOUND (no such item, or not published yet by TODAY), RES_FAILED. */
res_t store_portal_item(store_t *s, const char *ext_id, const char *today, struct portal_item *out, char **err);
void portal_item_free(struct portal_item *it);

/* One attachment's bytes: RES_OK (*data malloc'd, caller frees; name/mime too), RES_NOT_FOUND. */
res_t store_portal_attachment(store_t *s, long long id, const char *today, char **name, char **mime, void **data,
                            size_t *size, char **item_ext_id, char **err);

/* ---- reports and the guide ---- */
/* Years with records (publications, applications, visits, narratives, tallies) for the
 * agency subtree PATH, newest first; at most MAX are stored, the total count is returned in *n. */
res_t store_portal_report_years(store_t *s, const char *agency_path, int *years, size_t max, size_t *n,
                              char **err);
/* Distinct publication channels and reading-room points (政府信息公开查阅点) in use for the
 * subtree: fn("channel", code) and fn("point", name). */
res_t store_portal_access(store_t *s, const char *agency_path, int (*fn)(const char *kind, const char *value, void *ud),
                        void *ud, char **err);

#endif
