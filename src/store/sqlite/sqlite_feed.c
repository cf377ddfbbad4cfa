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
