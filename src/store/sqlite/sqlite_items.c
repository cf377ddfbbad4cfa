/* SQLite backend: item lists by one item_query (store.h) for every caller: the 目录, an
 * agency's page, feeds, the API and the sitemap.
 *
 * The statement is put together from the conditions actually given, so that SQLite can
 * use its indexes (a "?N IS NULL OR …" form hides them from the planner). The SQL is
 * built from fixed pieces only; every value is bound. Such statements are prepared per
 * call (tens of microseconds) rather than kept in the statement cache. */
#include "store/sqlite/sqlite_internal.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sq_item_row(sqlite3_stmt *st, struct item_row *r)
{
    *r = (struct item_row){
        .id = sqlite3_column_int64(st, 0),
        .ext_id = sq_col_text(st, 1),
        .title = sq_col_text(st, 2),
        .summary = sq_col_text(st, 3),
        .index_no = sq_col_text(st, 4),
        .doc_no = sq_col_text(st, 5),
        .topic = sq_col_text(st, 6),
        .genre = sq_col_text(st, 7),
        .written = sq_col_text(st, 8),
        .published = sq_col_text(st, 9),
        .repealed = sq_col_text(st, 10),
        .statutory = sq_col_text(st, 11),
        .column_slug = sq_col_text(st, 12),
        .updated_at = sq_col_text(st, 13),
        .agency_code = sq_col_text(st, 14),
        .agency_name = sq_col_text(st, 15),
        .body = sq_col_text(st, 16),
    };
}

enum shape { ROWS, ROWS_WITH_BODY, URLS };

void sq_binds_text(struct sq_binds *b, const char *t)
{
    if (b->n >= SQ_BINDS_MAX) {
        b->overflow = true;
        return;
    }
    b->v[b->n].text = t;
    b->v[b->n++].num = 0;
}

void sq_binds_num(struct sq_binds *b, long long n)
{
    if (b->n >= SQ_BINDS_MAX) {
        b->overflow = true;
        return;
    }
    b->v[b->n].text = NULL;
    b->v[b->n++].num = n;
}

void sq_binds_apply(sqlite3_stmt *st, const struct sq_binds *b)
{
    for (int i = 0; i < b->n; i++) {
        if (b->v[i].text)
            sq_bind_text(st, i + 1, b->v[i].text);
        else
            sq_bind_int(st, i + 1, b->v[i].num);
    }
}

sqlite3_stmt *sq_prepare_binds(store_t *s, const buf_t *sql, const struct sq_binds *b, const char *what, char **err)
{
    sqlite3_stmt *st = NULL;
    if (b->overflow) {
        free(*err);
        *err = xasprintf("%s: too many conditions", what);
        return NULL;
    }
    if (sqlite3_prepare_v2(SQ(s)->db, buf_str(sql), -1, &st, NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        sq_fail(s, what, err);
        return NULL;
    }
    sq_binds_apply(st, b);
    return st;
}

res_t sq_query_agency(store_t *s, const struct item_query *q, struct sq_binds *b, char **err)
{
    if (!q->agency || b->agency_known)
        return RES_OK;
    int rc = sq_agency_id(s, q->agency, &b->agency_id, err);
    if (rc == 1) {
        free(*err);
        *err = xasprintf("agency: no agency has the code '%s'", q->agency);
        return RES_REFUSED;
    }
    if (rc)
        return RES_FAILED;
    b->agency_known = true;
    return RES_OK;
}

res_t sq_item_conditions(store_t *s, const struct item_query *q, enum sq_on on, bool with_agency, buf_t *sql,
                         struct sq_binds *b, char **err)
{
    bool counters = on == SQ_ON_COUNTERS, noindex = on == SQ_ON_ITEMS_NOINDEX;
    /* A column is written P NAME E: "c.name", "x.name", or where no index may serve it
     * "(x.name || '')" for text and "(x.agency_id + 0)": the same value, and SQLite uses
     * no index for an expression (portable, unlike SQLite's unary "+" on text). */
    const char *p = counters ? "c." : noindex ? "(x." : "x.";
    const char *e = noindex ? " || '')" : "";  /* after a text column */
    const char *en = noindex ? " + 0)" : "";   /* after the agency id */
    const char *t = counters ? "c." : "x.";    /* inside an expression that no index serves anyway */
    if (q->agency && with_agency) {
        res_t rc = sq_query_agency(s, q, b, err);
        if (rc != RES_OK)
            return rc;
        if (q->agency_subtree) {
            /* Paths are digits and slashes: nothing in them is a LIKE wildcard. */
            buf_printf(sql, " AND %sagency_id%s IN (SELECT id FROM agencies WHERE path LIKE"
                            " (SELECT path FROM agencies WHERE id = ?) || '%%')", p, en);
        } else {
            buf_printf(sql, " AND %sagency_id%s = ?", p, en);
        }
        sq_binds_num(b, b->agency_id);
    }
    if (q->column) {
        if (q->column_subtree) {
            /* substr, not LIKE, so that % and _ in a slug mean nothing */
            buf_printf(sql, " AND (%scolumn_slug%s = ? OR substr(%scolumn_slug, 1, length(?) + 1) = ? || '/')", p, e,
                       t);
            sq_binds_text(b, q->column);
            sq_binds_text(b, q->column);
        } else {
            buf_printf(sql, " AND %scolumn_slug%s = ?", p, e);
        }
        sq_binds_text(b, q->column);
    }
    if (q->year) {
        if (q->year_basis != YEAR_WRITTEN && q->year_basis != YEAR_PUBLISHED) {
            free(*err);
            *err = xasprintf("year: %d without a basis (written or published)", q->year);
            return RES_REFUSED;
        }
        if (counters) {
            /* item_counts: year is the directory's (written) year, pub_year the publication's */
            buf_puts(sql, q->year_basis == YEAR_WRITTEN ? " AND c.year = ?" : " AND c.pub_year = ?");
            sq_binds_num(b, q->year);
        } else if (q->year_basis == YEAR_WRITTEN) {
            /* the text of the indexes items_dir_year and items_agency_dir_year (schema 5):
             * equal years, then newest first from the index */
            snprintf(b->year4, sizeof b->year4, "%04d", q->year < 1 ? 1 : q->year > 9999 ? 9999 : q->year);
            buf_printf(sql, " AND %ssubstr(COALESCE(x.written, x.first_published), 1, 4)%s = ?",
                       noindex ? "(" : "", e);
            sq_binds_text(b, b->year4);
        } else {
            /* a range of items_published */
            sq_year_bounds(q->year, b->year_from, b->year_to);
            buf_printf(sql, " AND %sfirst_published%s BETWEEN ? AND ?", p, e);
            sq_binds_text(b, b->year_from);
            sq_binds_text(b, b->year_to);
        }
    }
    if (q->topic && *q->topic) {
        /* a topic matches itself and, given as a first level, every "first/second" under it */
        buf_printf(sql, " AND (%stopic%s = ? OR substr(%stopic, 1, length(?) + 1) = ? || '/')", p, e, t);
        sq_binds_text(b, q->topic);
        sq_binds_text(b, q->topic);
        sq_binds_text(b, q->topic);
    }
    if (q->genre && *q->genre) {
        buf_printf(sql, " AND %sgenre%s = ?", p, e);
        sq_binds_text(b, q->genre);
    }
    if (on == SQ_ON_ITEMS && q->validity == VALIDITY_VALID) {
        buf_puts(sql, " AND (x.repealed IS NULL OR x.repealed > ?)");
        sq_binds_text(b, q->today);
    } else if (on == SQ_ON_ITEMS && q->validity == VALIDITY_REPEALED) {
        buf_puts(sql, " AND x.repealed <= ?");
        sq_binds_text(b, q->today);
    }
    if (q->statutory && strcmp(q->statutory, "any") == 0) {
        buf_printf(sql, " AND %sstatutory%s %s", p, e, counters ? "<> ''" : "IS NOT NULL");
    } else if (q->statutory && *q->statutory) {
        buf_printf(sql, " AND %sstatutory%s = ?", p, e);
        sq_binds_text(b, q->statutory);
    }
    return RES_OK;
}

res_t sq_item_where(store_t *s, const struct item_query *q, buf_t *sql, struct sq_binds *b, char **err)
{
    buf_puts(sql, " WHERE x.first_published <= ?");
    sq_binds_text(b, q->today);
    return sq_item_conditions(s, q, SQ_ON_ITEMS, true, sql, b, err);
}

/* The ids of the agencies in the subtree of agency ID, up to MAX (*n is the full count). */
static res_t subtree_ids(store_t *s, long long id, long long *ids, int max, int *n, char **err)
{
    static const char sql[] =
        "SELECT id FROM agencies WHERE path LIKE (SELECT path FROM agencies WHERE id = ?1) || '%' ORDER BY id";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, id);
    int rc;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n < max)
            ids[*n] = sqlite3_column_int64(st, 0);
        (*n)++;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? RES_OK : sq_fail(s, "agencies", err);
}

#define SQ_BRANCHES_MAX 32

/* An agency subtree's newest items cannot be read in order from one index: the agency
 * indexes are ordered per agency. So each agency's first OFFSET + LIMIT ids are read in
 * order from its own range of items_agency_published (or items_agency_dir_year, schema 5)
 * and the branches merged: a few hundred index entries instead of sorting every item of
 * the subtree (1.5 s for the root agency of a 1M-item database). Writes the ids' query
 * into SQL, or leaves it empty (more than SQ_BRANCHES_MAX agencies: one IN list and a sort). */
static res_t branch_ids(store_t *s, const struct item_query *q, long long offset, long long limit, buf_t *sql,
                        struct sq_binds *b, char **err)
{
    long long ids[SQ_BRANCHES_MAX];
    int nids = 0;
    res_t rc = sq_query_agency(s, q, b, err);
    if (rc == RES_OK)
        rc = subtree_ids(s, b->agency_id, ids, SQ_BRANCHES_MAX, &nids, err);
    if (rc != RES_OK || nids > SQ_BRANCHES_MAX)
        return rc;
    for (int i = 0; i < nids && rc == RES_OK; i++) {
        buf_printf(sql, "%sSELECT id FROM (SELECT x.id FROM items x WHERE x.agency_id = ? AND x.first_published <= ?",
                   i ? " UNION ALL " : "");
        sq_binds_num(b, ids[i]);
        sq_binds_text(b, q->today);
        rc = sq_item_conditions(s, q, SQ_ON_ITEMS, false, sql, b, err);
        buf_printf(sql, " ORDER BY x.first_published DESC, x.id DESC LIMIT ?) b%d", i);
        sq_binds_num(b, offset + limit);
    }
    if (nids == 0)
        buf_puts(sql, "SELECT id FROM items WHERE 1 = 0"); /* the agency row itself is in its subtree: unreachable */
    return rc;
}

/* The prepared statement of one query (the caller finalizes it), or NULL with the result
 * in *rc. Rows come newest first publication first, skipping OFFSET, at most LIMIT: the
 * page's ids are found in the index alone and only they are joined. */
static sqlite3_stmt *prepare(store_t *s, const struct item_query *q, enum shape shape, long long offset,
                             long long limit, res_t *rc, char **err)
{
    buf_t sql = BUF_INIT;
    struct sq_binds b = {.n = 0};
    sqlite3_stmt *st = NULL;
    offset = offset < 0 ? 0 : offset;
    limit = limit < 0 ? 0 : limit;
    *rc = RES_OK;
    if (shape != URLS && q->agency && q->agency_subtree)
        *rc = branch_ids(s, q, offset, limit, &sql, &b, err);
    if (*rc != RES_OK)
        goto done;
    bool merged = sql.len > 0;
    if (!merged) {
        buf_puts(&sql, shape == URLS ? "SELECT x.ext_id, x.updated_at FROM items x" : "SELECT x.id FROM items x");
        *rc = sq_item_where(s, q, &sql, &b, err);
        if (*rc != RES_OK)
            goto done;
    }
    if (shape == URLS) {
        buf_puts(&sql, " ORDER BY x.id LIMIT ? OFFSET ?");
    } else {
        /* wrap: the page's ids, then their rows */
        buf_t outer = BUF_INIT;
        buf_printf(&outer, "SELECT " SQ_ITEM_ROW_COLUMNS ", %s FROM (%s%s) p JOIN items x ON x.id = p.id"
                           " JOIN agencies a ON a.id = x.agency_id ORDER BY x.first_published DESC, x.id DESC%s",
                   shape == ROWS_WITH_BODY ? "x.body" : "NULL", buf_str(&sql),
                   merged ? "" : " ORDER BY x.first_published DESC, x.id DESC LIMIT ? OFFSET ?",
                   merged ? " LIMIT ? OFFSET ?" : "");
        buf_free(&sql);
        sql = outer;
    }
    sq_binds_num(&b, limit);
    sq_binds_num(&b, offset);
    st = sq_prepare_binds(s, &sql, &b, "items", err);
    if (!st)
        *rc = RES_FAILED;
done:
    buf_free(&sql);
    return st;
}

res_t sqlite_items(store_t *s, const struct item_query *q, long long offset, int limit, bool with_body,
                   item_row_fn fn, void *ud, char **err)
{
    res_t rc;
    limit = limit < 1 ? 1 : limit > 1000 ? 1000 : limit;
    sqlite3_stmt *st = prepare(s, q, with_body ? ROWS_WITH_BODY : ROWS, offset, limit, &rc, err);
    if (!st)
        return rc;
    int step, stop = 0;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct item_row r;
        sq_item_row(st, &r);
        if ((stop = fn(&r, ud)) != 0)
            break;
    }
    rc = stop ? (res_t)stop : step == SQLITE_DONE ? RES_OK : sq_fail(s, "items", err);
    sqlite3_finalize(st);
    return rc;
}

res_t sqlite_feed_each_url(store_t *s, const struct item_query *q, long long offset, long long limit,
                           int (*fn)(const char *ext_id, const char *updated_at, void *ud), void *ud, char **err)
{
    res_t rc;
    sqlite3_stmt *st = prepare(s, q, URLS, offset, limit, &rc, err);
    if (!st)
        return rc;
    int step, stop = 0;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *up = sq_col_text(st, 1);
        if ((stop = fn(sq_col_text(st, 0), up ? up : "", ud)) != 0)
            break;
    }
    rc = stop ? (res_t)stop : step == SQLITE_DONE ? RES_OK : sq_fail(s, "sitemap", err);
    sqlite3_finalize(st);
    return rc;
}
