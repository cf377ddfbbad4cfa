/* SQLite backend: the years of the search page's filter (store_feed.h). */
#include "store/sqlite/sqlite_internal.h"
#include "store/store_feed.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* min()/max() per agency use the index publications(agency_id, year, ...): two lookups per
 * agency instead of a scan of every publication. ?1 this year: later ones do not count. */
static const char years_sql[] =
    "SELECT min(lo), max(hi) FROM ("
    " SELECT (SELECT min(year) FROM publications p WHERE p.agency_id = a.id) AS lo,"
    "        (SELECT max(year) FROM publications p WHERE p.agency_id = a.id AND p.year <= ?1) AS hi"
    " FROM agencies a)";

res_t sqlite_feed_years(store_t *s, const char *today, int *first, int *last, char **err)
{
    sqlite3_stmt *st = sq_stmt(s, years_sql, err);
    if (!st)
        return -1;
    sq_bind_int(st, 1, today ? atoi(today) : 0);
    if (sqlite3_step(st) != SQLITE_ROW)
        return sq_fail(s, "years", err);
    res_t rc = RES_NOT_FOUND;
    if (sqlite3_column_type(st, 0) != SQLITE_NULL && sqlite3_column_type(st, 1) != SQLITE_NULL) {
        *first = sqlite3_column_int(st, 0);
        *last = sqlite3_column_int(st, 1);
        rc = *first > 0 && *first <= *last ? RES_OK : RES_NOT_FOUND;
    }
    sqlite3_reset(st);
    return rc;
}

/* sitemap parts (issue 6): part N is the row-id range ((N-1)·SIZE, N·SIZE] of items, read
 * in the primary key's order; MAX(id) is the last entry of that key. Before, a part was
 * OFFSET (N-1)·50,000 in id order over the published items: seconds at a million items. */
res_t sqlite_sitemap_parts(store_t *s, long long part_size, long long *parts, char **err)
{
    static const char sql[] = "SELECT COALESCE(MAX(id), 0) FROM items";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    if (sqlite3_step(st) != SQLITE_ROW)
        return sq_fail(s, "sitemap", err);
    long long last = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    *parts = part_size > 0 ? (last + part_size - 1) / part_size : 0;
    return RES_OK;
}

res_t sqlite_sitemap_part(store_t *s, const char *today, long long part, long long part_size,
                          int (*fn)(const char *ext_id, const char *updated_at, void *ud), void *ud, char **err)
{
    /* "+ ''" keeps the planner on the id range instead of an index on first_published. */
    static const char sql[] = "SELECT ext_id, updated_at FROM items WHERE id > ?1 AND id <= ?2"
                              " AND first_published || '' <= ?3 ORDER BY id";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, (part - 1) * part_size);
    sq_bind_int(st, 2, part * part_size);
    sq_bind_text(st, 3, today);
    int step, stop = 0;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *up = sq_col_text(st, 1);
        if ((stop = fn(sq_col_text(st, 0), up ? up : "", ud)) != 0)
            break;
    }
    sqlite3_reset(st);
    return stop ? (res_t)stop : step == SQLITE_DONE ? RES_OK : sq_fail(s, "sitemap", err);
}
