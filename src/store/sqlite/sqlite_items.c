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

enum shape { ROWS, ROWS_WITH_BODY, COUNT, URLS };

void sq_binds_text(struct sq_binds *b, const char *t)
{
    b->v[b->n].text = t;
    b->v[b->n++].num = 0;
}

void sq_binds_num(struct sq_binds *b, long long n)
{
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

res_t sq_item_where(store_t *s, const struct item_query *q, buf_t *sql, struct sq_binds *b, char **err)
{
    buf_puts(sql, " WHERE x.first_published <= ?");
    sq_binds_text(b, q->today);
    if (q->agency) {
        long long id;
        int rc = sq_agency_id(s, q->agency, &id, err);
        if (rc == 1) {
            free(*err);
            *err = xasprintf("agency: no agency has the code '%s'", q->agency);
            return RES_REFUSED;
        }
        if (rc)
            return RES_FAILED;
        if (q->agency_subtree) {
            /* Paths are digits and slashes: nothing in them is a LIKE wildcard. */
            buf_puts(sql, " AND x.agency_id IN (SELECT id FROM agencies WHERE path LIKE"
                          " (SELECT path FROM agencies WHERE id = ?) || '%')");
        } else {
            buf_puts(sql, " AND x.agency_id = ?");
        }
        sq_binds_num(b, id);
    }
    if (q->column) {
        if (q->column_subtree) {
            /* substr, not LIKE, so that % and _ in a slug mean nothing */
            buf_puts(sql, " AND (x.column_slug = ? OR substr(x.column_slug, 1, length(?) + 1) = ? || '/')");
            sq_binds_text(b, q->column);
            sq_binds_text(b, q->column);
        } else {
            buf_puts(sql, " AND x.column_slug = ?");
        }
        sq_binds_text(b, q->column);
    }
    if (q->year) {
        if (q->year_basis != YEAR_WRITTEN && q->year_basis != YEAR_PUBLISHED) {
            free(*err);
            *err = xasprintf("year: %d without a basis (written or published)", q->year);
            return RES_REFUSED;
        }
        sq_year_bounds(q->year, b->year_from, b->year_to);
        buf_puts(sql, q->year_basis == YEAR_WRITTEN ? " AND COALESCE(x.written, x.first_published) BETWEEN ? AND ?"
                                                    : " AND x.first_published BETWEEN ? AND ?");
        sq_binds_text(b, b->year_from);
        sq_binds_text(b, b->year_to);
    }
    if (q->topic && *q->topic) {
        /* a topic matches itself and, given as a first level, every "first/second" under it */
        buf_puts(sql, " AND (x.topic = ? OR substr(x.topic, 1, length(?) + 1) = ? || '/')");
        sq_binds_text(b, q->topic);
        sq_binds_text(b, q->topic);
        sq_binds_text(b, q->topic);
    }
    if (q->genre && *q->genre) {
        buf_puts(sql, " AND x.genre = ?");
        sq_binds_text(b, q->genre);
    }
    if (q->validity == VALIDITY_VALID) {
        buf_puts(sql, " AND (x.repealed IS NULL OR x.repealed > ?)");
        sq_binds_text(b, q->today);
    } else if (q->validity == VALIDITY_REPEALED) {
        buf_puts(sql, " AND x.repealed <= ?");
        sq_binds_text(b, q->today);
    }
    if (q->statutory && strcmp(q->statutory, "any") == 0) {
        buf_puts(sql, " AND x.statutory IS NOT NULL");
    } else if (q->statutory && *q->statutory) {
        buf_puts(sql, " AND x.statutory = ?");
        sq_binds_text(b, q->statutory);
    }
    return RES_OK;
}

/* The prepared statement of one query (the caller finalizes it), or NULL with the result
 * in *rc. Rows come newest first publication first, skipping OFFSET, at most LIMIT: the
 * page's ids are found in the index alone and only they are joined. */
static sqlite3_stmt *prepare(store_t *s, const struct item_query *q, enum shape shape, long long offset,
                             long long limit, res_t *rc, char **err)
{
    buf_t sql = BUF_INIT;
    struct sq_binds b = {.n = 0};
    if (shape == COUNT)
        buf_puts(&sql, "SELECT COUNT(*) FROM items x");
    else if (shape == URLS)
        buf_puts(&sql, "SELECT x.ext_id, x.updated_at FROM items x");
    else
        buf_puts(&sql, "SELECT x.id FROM items x");
    sqlite3_stmt *st = NULL;
    *rc = sq_item_where(s, q, &sql, &b, err);
    if (*rc != RES_OK)
        goto done;
    if (shape == URLS) {
        buf_puts(&sql, " ORDER BY x.id LIMIT ? OFFSET ?");
    } else if (shape != COUNT) {
        /* wrap: the page's ids, then their rows */
        buf_t outer = BUF_INIT;
        buf_printf(&outer, "SELECT " SQ_ITEM_ROW_COLUMNS ", %s FROM (%s ORDER BY x.first_published DESC, x.id DESC"
                           " LIMIT ? OFFSET ?) p JOIN items x ON x.id = p.id JOIN agencies a ON a.id = x.agency_id"
                           " ORDER BY x.first_published DESC, x.id DESC",
                   shape == ROWS_WITH_BODY ? "x.body" : "NULL", buf_str(&sql));
        buf_free(&sql);
        sql = outer;
    }
    if (shape != COUNT) {
        sq_binds_num(&b, limit < 0 ? 0 : limit);
        sq_binds_num(&b, offset < 0 ? 0 : offset);
    }
    if (sqlite3_prepare_v2(SQ(s)->db, buf_str(&sql), -1, &st, NULL) != SQLITE_OK) {
        *rc = sq_fail(s, "items", err);
        st = NULL;
        goto done;
    }
    sq_binds_apply(st, &b);
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

res_t sqlite_items_count(store_t *s, const struct item_query *q, long long *n, char **err)
{
    res_t rc;
    *n = 0;
    sqlite3_stmt *st = prepare(s, q, COUNT, 0, 0, &rc, err);
    if (!st)
        return rc;
    if (sqlite3_step(st) == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    else
        rc = sq_fail(s, "count items", err);
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
