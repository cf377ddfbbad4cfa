/* SQLite backend: counts from the counters kept on write (store_counts.h, schema 5).
 *
 * A count is the sum of the item_counts rows that match the filter, corrected by two
 * short live counts over the items: those scheduled for after today (their first
 * publication is in the future: a range of items_published), and for 有效性 the repealed
 * ones (a range of items_repealed). In those live counts every other condition is written
 * "+column" (a no-op in any SQL) so that the planner keeps to the short range instead of
 * an index on the agency or the column. The SQL is built from fixed pieces; every value
 * is bound. Portable SQL: a PostgreSQL backend can run the same text. */
#include "store/sqlite_internal.h"
#include "store/sqlite_counts.h"
#include "store/store_counts.h"
#include "util/buf.h"
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define MAX_VALS 512

struct q {
    buf_t sql;
    const char *vals[MAX_VALS];
    int n;
};

static void val(struct q *q, const char *v)
{
    if (q->n < MAX_VALS)
        q->vals[q->n++] = v;
}

/* How the filter's conditions are written: on item_counts (whose keys are never NULL), on
 * items with every column behind a unary + so that no index is chosen for it (the live
 * corrections), or on items plainly (the directory's list). */
enum on { ON_COUNTERS, ON_ITEMS_NOINDEX, ON_ITEMS };

/* The filter's conditions other than the publication date, each as " AND …". */
static void conditions(struct q *q, const struct portal_filter *f, const char *year4, enum on on, bool agency)
{
    bool counters = on == ON_COUNTERS;
    const char *p = counters ? "c." : on == ON_ITEMS_NOINDEX ? "+x." : "x.";
    if (agency && f->agency_path && *f->agency_path) {
        buf_printf(&q->sql, " AND %sagency_id IN (SELECT id FROM agencies WHERE path LIKE ? || '%%')", p);
        val(q, f->agency_path);
    }
    if (f->topic && *f->topic) {
        buf_printf(&q->sql, " AND (%stopic = ? OR substr(%stopic, 1, length(?) + 1) = ? || '/')", p, p);
        val(q, f->topic);
        val(q, f->topic);
        val(q, f->topic);
    }
    if (f->genre && *f->genre) {
        buf_printf(&q->sql, " AND %sgenre = ?", p);
        val(q, f->genre);
    }
    if (year4) {
        if (counters)
            buf_puts(&q->sql, " AND c.year = CAST(? AS INTEGER)");
        else /* the text of index items_dir_year */
            buf_printf(&q->sql, " AND %ssubstr(COALESCE(x.written, x.first_published), 1, 4) = ?",
                       on == ON_ITEMS ? "" : "+");
        val(q, year4);
    }
    if (f->statutory && strcmp(f->statutory, "any") == 0) {
        buf_printf(&q->sql, " AND %sstatutory %s", p, counters ? "<> ''" : "IS NOT NULL");
    } else if (f->statutory && *f->statutory) {
        buf_printf(&q->sql, " AND %sstatutory = ?", p);
        val(q, f->statutory);
    }
    if (f->column && *f->column) {
        buf_printf(&q->sql, " AND %scolumn_slug = ?", p);
        val(q, f->column);
    }
    if (on == ON_ITEMS && f->validity == VALIDITY_VALID) {
        buf_puts(&q->sql, " AND (x.repealed IS NULL OR x.repealed > ?)");
        val(q, f->today);
    } else if (on == ON_ITEMS && f->validity == VALIDITY_REPEALED) {
        buf_puts(&q->sql, " AND x.repealed <= ?");
        val(q, f->today);
    }
}

/* Items matching F that are repealed as of today and published on or before it. */
static void repealed_count(struct q *q, const struct portal_filter *f, const char *year4)
{
    buf_puts(&q->sql, "(SELECT COUNT(*) FROM items x WHERE x.repealed <= ? AND +x.first_published <= ?");
    val(q, f->today);
    val(q, f->today);
    conditions(q, f, year4, ON_ITEMS_NOINDEX, true);
    buf_puts(&q->sql, ")");
}

static int run_count(store_t *s, struct q *q, long long *n, char **err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, buf_str(&q->sql), -1, &st, NULL) != SQLITE_OK) {
        buf_free(&q->sql);
        return sq_fail(s, "count", err);
    }
    buf_free(&q->sql);
    for (int i = 0; i < q->n; i++)
        sq_bind_text(st, i + 1, q->vals[i]);
    int rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    int result = rc == SQLITE_ROW ? 0 : sq_fail(s, "count", err);
    sqlite3_finalize(st);
    return result;
}

int store_count_filtered(store_t *s, const struct portal_filter *f, long long *n, char **err)
{
    char year4[16];
    const char *y = NULL;
    if (f->year > 0) {
        snprintf(year4, sizeof year4, "%04d", f->year);
        y = year4;
    }
    struct q q = {BUF_INIT, {0}, 0};
    if (f->validity == VALIDITY_REPEALED) {
        buf_puts(&q.sql, "SELECT ");
        repealed_count(&q, f, y);
        return run_count(s, &q, n, err);
    }
    /* Agency and column alone: the small per-column table (same keys, same count). */
    bool coarse = !(f->topic && *f->topic) && !(f->genre && *f->genre) && !y && !(f->statutory && *f->statutory);
    buf_printf(&q.sql, "SELECT (SELECT COALESCE(SUM(c.n), 0) FROM %s c WHERE 1 = 1",
               coarse ? "item_counts_column" : "item_counts");
    conditions(&q, f, y, ON_COUNTERS, true);
    buf_puts(&q.sql, ") - (SELECT COUNT(*) FROM items x WHERE x.first_published > ?");
    val(&q, f->today);
    conditions(&q, f, y, ON_ITEMS_NOINDEX, true);
    buf_puts(&q.sql, ")");
    if (f->validity == VALIDITY_VALID) {
        buf_puts(&q.sql, " - ");
        repealed_count(&q, f, y);
    }
    return run_count(s, &q, n, err);
}

int store_count_column(store_t *s, const char *slug, const char *today, long long *n, char **err)
{
    struct portal_filter f = {.column = slug, .today = today};
    if (!slug || !*slug) {
        *n = 0;
        return 0;
    }
    return store_count_filtered(s, &f, n, err);
}

int store_count_by_column(store_t *s, const char *agency_path, const char *today,
                          int (*fn)(const char *slug, long long n, void *ud), void *ud, char **err)
{
    static const char sql[] =
        "SELECT slug, SUM(k) FROM ("
        " SELECT c.column_slug AS slug, c.n AS k FROM item_counts_column c"
        "  WHERE ?1 IS NULL OR c.agency_id IN (SELECT id FROM agencies WHERE path LIKE ?1 || '%')"
        " UNION ALL SELECT COALESCE(x.column_slug, ''), -1 FROM items x WHERE x.first_published > ?2"
        "  AND (?1 IS NULL OR +x.agency_id IN (SELECT id FROM agencies WHERE path LIKE ?1 || '%'))"
        ") u GROUP BY slug HAVING SUM(k) > 0 ORDER BY slug";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return -1;
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

/* ------------------------------------------------------------------ the directory's list */

#define BRANCHES_MAX 32

/* The ids of the agencies in the subtree PATH, up to MAX; -1 on failure. */
static int subtree_ids(store_t *s, const char *path, long long *ids, int max, int *n, char **err)
{
    static const char sql[] = "SELECT id FROM agencies WHERE path LIKE ?1 || '%' ORDER BY id";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return -1;
    sq_bind_text(st, 1, path);
    int rc;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n < max)
            ids[*n] = sqlite3_column_int64(st, 0);
        (*n)++;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : sq_fail(s, "agencies", err);
}

/* An agency subtree's newest items cannot be read in order from one index: the agency
 * index is ordered per agency. So each agency's first OFFSET + LIMIT ids are read in order
 * from its own range of items_agency_published (or items_agency_dir_year) and the
 * branches merged: a few hundred index entries instead of sorting all of the subtree's
 * items (1.5 s for the root agency of a 1M-item database). Beyond BRANCHES_MAX agencies,
 * one IN list and a sort. */
sqlite3_stmt *sq_directory_stmt(store_t *s, const struct portal_filter *f, const char *row_columns, long long offset,
                                int limit, char **err)
{
    char year4[16];
    const char *y = NULL;
    if (f->year > 0) {
        snprintf(year4, sizeof year4, "%04d", f->year);
        y = year4;
    }
    long long ids[BRANCHES_MAX];
    int nids = -1;
    if (f->agency_path && *f->agency_path && subtree_ids(s, f->agency_path, ids, BRANCHES_MAX, &nids, err))
        return NULL;
    char lim[32], each[32], off[32];
    snprintf(lim, sizeof lim, "%d", limit);
    snprintf(off, sizeof off, "%lld", offset);
    snprintf(each, sizeof each, "%lld", offset + limit);
    char idtext[BRANCHES_MAX][24];
    struct q q = {BUF_INIT, {0}, 0};
    buf_printf(&q.sql, "SELECT %s FROM ", row_columns);
    if (nids >= 0 && nids <= BRANCHES_MAX) {
        buf_puts(&q.sql, "(");
        for (int i = 0; i < nids; i++) {
            snprintf(idtext[i], sizeof idtext[i], "%lld", ids[i]);
            buf_printf(&q.sql, "%sSELECT id FROM (SELECT x.id FROM items x WHERE x.agency_id = CAST(? AS INTEGER)"
                               " AND x.first_published <= ?", i ? " UNION ALL " : "");
            val(&q, idtext[i]);
            val(&q, f->today);
            conditions(&q, f, y, ON_ITEMS, false);
            buf_printf(&q.sql, " ORDER BY x.first_published DESC, x.id DESC LIMIT CAST(? AS INTEGER)) b%d", i);
            val(&q, each);
        }
        if (nids == 0)
            buf_puts(&q.sql, "SELECT id FROM items WHERE 1 = 0");
        buf_puts(&q.sql, ") p JOIN items x ON x.id = p.id JOIN agencies a ON a.id = x.agency_id WHERE 1 = 1");
    } else {
        /* The page's ids first (the offset skipped inside the index where the filter allows),
         * then only those rows joined. */
        buf_puts(&q.sql, "(SELECT x.id FROM items x WHERE x.first_published <= ?");
        val(&q, f->today);
        conditions(&q, f, y, ON_ITEMS, true);
        buf_puts(&q.sql, " ORDER BY x.first_published DESC, x.id DESC LIMIT CAST(? AS INTEGER) OFFSET CAST(? AS INTEGER))"
                         " p JOIN items x ON x.id = p.id JOIN agencies a ON a.id = x.agency_id WHERE 1 = 1");
        val(&q, lim);
        val(&q, off);
    }
    buf_puts(&q.sql, " ORDER BY x.first_published DESC, x.id DESC LIMIT CAST(? AS INTEGER) OFFSET CAST(? AS INTEGER)");
    val(&q, lim);
    val(&q, nids >= 0 && nids <= BRANCHES_MAX ? off : "0");
    sqlite3_stmt *st = NULL;
    if (q.n >= MAX_VALS || sqlite3_prepare_v2(s->db, buf_str(&q.sql), -1, &st, NULL) != SQLITE_OK) {
        buf_free(&q.sql);
        if (st)
            sqlite3_finalize(st);
        sq_fail(s, "directory", err);
        return NULL;
    }
    buf_free(&q.sql);
    for (int i = 0; i < q.n; i++)
        sq_bind_text(st, i + 1, q.vals[i]);
    return st;
}
