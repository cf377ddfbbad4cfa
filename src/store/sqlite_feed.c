/* SQLite backend: items for feeds, the sitemap and the JSON API (store_feed.h). */
#include "store/sqlite_internal.h"
#include "store/store_feed.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ?1 agency subtree pattern, ?2 column slug, ?3/?4 the year's bounds, ?5 statutory, ?6 today.
 * The year's bounds are given twice: the "?3 IS NULL OR" form hides them from the planner,
 * the BETWEEN with open defaults is a range of items_published it can use. */
#define FEED_WHERE                                                                                   \
    " WHERE i.first_published <= ?6"                                                                 \
    "  AND i.first_published BETWEEN COALESCE(?3, '0000-01-01') AND COALESCE(?4, '9999-12-31')"       \
    "  AND (?1 IS NULL OR i.agency_id IN (SELECT id FROM agencies WHERE path LIKE ?1))"             \
    "  AND (?2 IS NULL OR i.column_slug = ?2 OR substr(i.column_slug, 1, length(?2) + 1) = ?2 || '/')" \
    "  AND (?3 IS NULL OR i.first_published BETWEEN ?3 AND ?4)"                                      \
    "  AND (?5 IS NULL OR i.statutory = ?5 OR (?5 = 'any' AND i.statutory IS NOT NULL))"

#define ITEM_COLUMNS                                                                                 \
    "i.id, i.ext_id, i.title, i.column_slug, i.index_no, i.doc_no, i.topic, i.genre, i.statutory,"   \
    " i.written, i.repealed, i.first_published, i.updated_at, a.code, a.name"

static const char items_sql[] =
    "SELECT " ITEM_COLUMNS ", CASE WHEN ?9 THEN i.body END"
    " FROM items i JOIN agencies a ON a.id = i.agency_id" FEED_WHERE
    " ORDER BY i.first_published DESC, i.id DESC LIMIT ?7 OFFSET ?8";
/* From the counters kept on write (item_counts, schema 5; see sqlite_counts.c): their sum
 * for the filter, less the items scheduled for after today (a short range of
 * items_published: "+" keeps the planner off the other indexes). pub_year is compared
 * with the year of ?3, the year's first day. */
static const char count_sql[] =
    "SELECT (SELECT COALESCE(SUM(c.n), 0) FROM item_counts c"
    "  WHERE (?1 IS NULL OR c.agency_id IN (SELECT id FROM agencies WHERE path LIKE ?1))"
    "  AND (?2 IS NULL OR c.column_slug = ?2 OR substr(c.column_slug, 1, length(?2) + 1) = ?2 || '/')"
    "  AND (?3 IS NULL OR c.pub_year = CAST(substr(?3, 1, 4) AS INTEGER))"
    "  AND (?5 IS NULL OR c.statutory = ?5 OR (?5 = 'any' AND c.statutory <> '')))"
    " - (SELECT COUNT(*) FROM items i WHERE i.first_published > ?6"
    "  AND (?1 IS NULL OR +i.agency_id IN (SELECT id FROM agencies WHERE path LIKE ?1))"
    "  AND (?2 IS NULL OR +i.column_slug = ?2 OR substr(i.column_slug, 1, length(?2) + 1) = ?2 || '/')"
    "  AND (?3 IS NULL OR +i.first_published BETWEEN ?3 AND ?4)"
    "  AND (?5 IS NULL OR +i.statutory = ?5 OR (?5 = 'any' AND i.statutory IS NOT NULL)))";
static const char agency_sql[] = "SELECT path FROM agencies WHERE code = ?1";
static const char urls_sql[] = "SELECT i.ext_id, i.updated_at FROM items i" FEED_WHERE " ORDER BY i.id LIMIT ?7 OFFSET ?8";
/* min()/max() per agency use the index publications(agency_id, year, ...): two lookups per
 * agency instead of a scan of every publication. ?1 this year: later ones do not count. */
static const char years_sql[] =
    "SELECT min(lo), max(hi) FROM ("
    " SELECT (SELECT min(year) FROM publications p WHERE p.agency_id = a.id) AS lo,"
    "        (SELECT max(year) FROM publications p WHERE p.agency_id = a.id AND p.year <= ?1) AS hi"
    " FROM agencies a)";

/* Binds ?1..?6 from F. 0, 1 (unknown agency, *err says so), -1. */
static int bind_filter(store_t *s, sqlite3_stmt *st, const struct feed_filter *f, char **err)
{
    if (f && f->agency) {
        sqlite3_stmt *a = sq_stmt(s, agency_sql, err);
        if (!a)
            return -1;
        sq_bind_text(a, 1, f->agency);
        int rc = sqlite3_step(a);
        if (rc == SQLITE_DONE) {
            sqlite3_reset(a);
            free(*err);
            *err = xasprintf("agency: no agency has the code '%s'", f->agency);
            return 1;
        }
        if (rc != SQLITE_ROW)
            return sq_fail(s, "agency", err);
        /* Paths are digits and slashes: nothing in them is a LIKE wildcard. */
        char *pattern = xasprintf("%s%%", sq_col_text(a, 0) ? sq_col_text(a, 0) : "");
        sqlite3_reset(a);
        sq_bind_text(st, 1, pattern);
        free(pattern);
    }
    if (f) {
        sq_bind_text(st, 2, f->column);
        if (f->year) {
            char from[11], to[11];
            sq_year_bounds(f->year, from, to);
            sq_bind_text(st, 3, from);
            sq_bind_text(st, 4, to);
        }
        sq_bind_text(st, 5, f->statutory);
        sq_bind_text(st, 6, f->today);
    }
    return 0;
}

static void read_item(sqlite3_stmt *st, struct feed_item *it)
{
    memset(it, 0, sizeof *it);
    it->id = sqlite3_column_int64(st, 0);
    it->ext_id = sq_col_text(st, 1);
    it->title = sq_col_text(st, 2);
    it->column_slug = sq_col_text(st, 3);
    it->index_no = sq_col_text(st, 4);
    it->doc_no = sq_col_text(st, 5);
    it->topic = sq_col_text(st, 6);
    it->genre = sq_col_text(st, 7);
    it->statutory = sq_col_text(st, 8);
    it->written = sq_col_text(st, 9);
    it->repealed = sq_col_text(st, 10);
    it->published = sq_col_text(st, 11);
    it->updated_at = sq_col_text(st, 12);
    it->agency_code = sq_col_text(st, 13);
    it->agency_name = sq_col_text(st, 14);
    it->body = sq_col_text(st, 15);
}

int store_feed_items(store_t *s, const struct feed_filter *f, long long offset, int limit, bool with_body,
                     feed_item_fn fn, void *ud, char **err)
{
    sqlite3_stmt *st = sq_stmt(s, items_sql, err);
    if (!st)
        return -1;
    int rc = bind_filter(s, st, f, err);
    if (rc)
        return rc;
    sq_bind_int(st, 7, limit < 1 ? 1 : limit > 1000 ? 1000 : limit);
    sq_bind_int(st, 8, offset < 0 ? 0 : offset);
    sq_bind_int(st, 9, with_body);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct feed_item it;
        read_item(st, &it);
        int stop = fn(&it, ud);
        if (stop) {
            sqlite3_reset(st);
            return stop;
        }
    }
    if (rc != SQLITE_DONE)
        return sq_fail(s, "items", err);
    sqlite3_reset(st);
    return 0;
}

int store_feed_count(store_t *s, const struct feed_filter *f, long long *n, char **err)
{
    sqlite3_stmt *st = sq_stmt(s, count_sql, err);
    if (!st)
        return -1;
    int rc = bind_filter(s, st, f, err);
    if (rc)
        return rc;
    if (sqlite3_step(st) != SQLITE_ROW)
        return sq_fail(s, "count items", err);
    *n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return 0;
}

int store_feed_each_url(store_t *s, const struct feed_filter *f, long long offset, long long limit,
                        int (*fn)(const char *ext_id, const char *updated_at, void *ud), void *ud,
                        char **err)
{
    sqlite3_stmt *st = sq_stmt(s, urls_sql, err);
    if (!st)
        return -1;
    int rc = bind_filter(s, st, f, err);
    if (rc)
        return rc;
    sq_bind_int(st, 7, limit < 0 ? 0 : limit);
    sq_bind_int(st, 8, offset < 0 ? 0 : offset);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *up = sq_col_text(st, 1);
        int stop = fn(sq_col_text(st, 0), up ? up : "", ud);
        if (stop) {
            sqlite3_reset(st);
            return stop;
        }
    }
    if (rc != SQLITE_DONE)
        return sq_fail(s, "sitemap", err);
    sqlite3_reset(st);
    return 0;
}

int store_feed_years(store_t *s, const char *today, int *first, int *last, char **err)
{
    sqlite3_stmt *st = sq_stmt(s, years_sql, err);
    if (!st)
        return -1;
    sq_bind_int(st, 1, today ? atoi(today) : 0);
    if (sqlite3_step(st) != SQLITE_ROW)
        return sq_fail(s, "years", err);
    int rc = 1;
    if (sqlite3_column_type(st, 0) != SQLITE_NULL && sqlite3_column_type(st, 1) != SQLITE_NULL) {
        *first = sqlite3_column_int(st, 0);
        *last = sqlite3_column_int(st, 1);
        rc = *first > 0 && *first <= *last ? 0 : 1;
    }
    sqlite3_reset(st);
    return rc;
}
