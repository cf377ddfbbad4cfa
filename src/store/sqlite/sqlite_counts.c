/* SQLite backend: item counts from the counters kept on write (item_counts and
 * item_counts_column, schema 5: assets/sql/sqlite/005_item_counts.sql), for the pages
 * that show how many items a column, a directory filter or an agency holds
 * (store_items_count, store_portal_column_count, store_portal_column_counts). Each answers
 * exactly what a COUNT(*) over the items would (published on or before today, validity as
 * of today; tests/unit/test_counts.c compares them), without reading every item.
 *
 * A count is the sum of the counter rows that match the query, corrected by two short live
 * counts over the items: those scheduled for after today (their first publication is in
 * the future: a range of items_published), and for 有效性 the repealed ones (a range of
 * items_repealed). In those live counts every other condition is written on an expression
 * of its column ("(x.genre || '')", "(x.agency_id + 0)": the same value) so that the
 * planner keeps to the short range instead of an index on the agency or the column. The SQL is built from fixed pieces (sq_item_conditions, the
 * same conditions as the lists); every value is bound. Portable SQL: a PostgreSQL backend
 * can run the same text over the same tables (kept by its own triggers). */
#include "store/sqlite/sqlite_internal.h"
#include "util/xalloc.h"
#include <stdlib.h>

/* Items matching Q that are repealed as of today and published on or before it. */
static res_t repealed_count(store_t *s, const struct item_query *q, buf_t *sql, struct sq_binds *b, char **err)
{
    buf_puts(sql, "(SELECT COUNT(*) FROM items x WHERE x.repealed <= ? AND (x.first_published || '') <= ?");
    sq_binds_text(b, q->today);
    sq_binds_text(b, q->today);
    res_t rc = sq_item_conditions(s, q, SQ_ON_ITEMS_NOINDEX, true, sql, b, err);
    buf_puts(sql, ")");
    return rc;
}

res_t sqlite_items_count(store_t *s, const struct item_query *q, long long *n, char **err)
{
    *n = 0;
    if (!q->today)
        return RES_OK; /* nothing is public without a today */
    buf_t sql = BUF_INIT;
    struct sq_binds b = {.n = 0};
    sqlite3_stmt *st = NULL;
    res_t rc;
    if (q->validity == VALIDITY_REPEALED) {
        buf_puts(&sql, "SELECT ");
        rc = repealed_count(s, q, &sql, &b, err);
    } else {
        /* Agency and column alone: the small per-column table (same keys, same count). */
        bool coarse = !(q->topic && *q->topic) && !(q->genre && *q->genre) && !q->year && !q->statutory;
        buf_printf(&sql, "SELECT (SELECT COALESCE(SUM(c.n), 0) FROM %s c WHERE 1 = 1",
                   coarse ? "item_counts_column" : "item_counts");
        rc = sq_item_conditions(s, q, SQ_ON_COUNTERS, true, &sql, &b, err);
        buf_puts(&sql, ") - (SELECT COUNT(*) FROM items x WHERE x.first_published > ?");
        sq_binds_text(&b, q->today);
        if (rc == RES_OK)
            rc = sq_item_conditions(s, q, SQ_ON_ITEMS_NOINDEX, true, &sql, &b, err);
        buf_puts(&sql, ")");
        if (rc == RES_OK && q->validity == VALIDITY_VALID) {
            buf_puts(&sql, " - ");
            rc = repealed_count(s, q, &sql, &b, err);
        }
    }
    if (rc != RES_OK)
        goto done;
    st = sq_prepare_binds(s, &sql, &b, "count items", err);
    if (!st) {
        rc = RES_FAILED;
        goto done;
    }
    if (sqlite3_step(st) == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    else
        rc = sq_fail(s, "count items", err);
done:
    sqlite3_finalize(st);
    buf_free(&sql);
    return rc;
}

res_t sqlite_portal_column_count(store_t *s, const char *slug, const char *today, long long *n, char **err)
{
    *n = 0;
    if (!slug || !*slug)
        return RES_OK;
    return sqlite_items_count(s, &(struct item_query){.today = today, .column = slug}, n, err);
}

res_t sqlite_portal_column_counts(store_t *s, const char *agency_path, const char *today,
                                  int (*fn)(const char *slug, long long n, void *ud), void *ud, char **err)
{
    static const char sql[] =
        "SELECT slug, SUM(k) FROM ("
        " SELECT c.column_slug AS slug, c.n AS k FROM item_counts_column c"
        "  WHERE ?1 IS NULL OR c.agency_id IN (SELECT id FROM agencies WHERE path LIKE ?1 || '%')"
        " UNION ALL SELECT COALESCE(x.column_slug, ''), -1 FROM items x WHERE x.first_published > ?2"
        "  AND (?1 IS NULL OR (x.agency_id + 0) IN (SELECT id FROM agencies WHERE path LIKE ?1 || '%'))"
        ") u GROUP BY slug HAVING SUM(k) > 0 ORDER BY slug";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, agency_path);
    sq_bind_text(st, 2, today);
    int rc, result = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *slug = sq_col_text(st, 0);
        if ((result = fn(slug && *slug ? slug : NULL, sqlite3_column_int64(st, 1), ud)) != 0)
            break;
    }
    sqlite3_reset(st);
    if (result == 0 && rc != SQLITE_DONE)
        return sq_fail(s, "column counts", err);
    return result;
}
