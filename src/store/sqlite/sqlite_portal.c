/* SQLite backend: the portal's read queries (store_portal.h). Every value is bound; the
 * SQL text is static (the statement cache is keyed by its address) and portable. */
#include "store/sqlite/sqlite_internal.h"
#include "store/store_portal.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ columns */

res_t sqlite_portal_columns(store_t *s, struct portal_column **out, size_t *n, char **err)
{
    static const char sql[] = "SELECT slug, parent_slug, name, description, kind, keywords, meta_type, sort"
                              " FROM columns ORDER BY sort, slug";
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return -1;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            *out = xrealloc(*out, cap * sizeof **out);
        }
        struct portal_column *c = &(*out)[(*n)++];
        c->slug = sq_col_dup(st, 0);
        c->parent_slug = sq_col_dup(st, 1);
        c->name = sq_col_dup(st, 2);
        c->description = sq_col_dup(st, 3);
        c->kind = sq_col_dup(st, 4);
        c->keywords = sq_col_dup(st, 5);
        c->meta_type = sq_col_dup(st, 6);
        c->sort = sqlite3_column_int(st, 7);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        portal_columns_free(*out, *n);
        *out = NULL;
        *n = 0;
        return sq_fail(s, "columns", err);
    }
    return 0;
}


void sqlite_portal_end_reads(store_t *s)
{
    for (sqlite3_stmt *st = sqlite3_next_stmt(SQ(s)->db, NULL); st; st = sqlite3_next_stmt(SQ(s)->db, st))
        if (sqlite3_stmt_busy(st))
            sqlite3_reset(st);
}

res_t sqlite_portal_data_version(store_t *s, long long *out, char **err)
{
    /* The content version (014_content_version.sql): the triggers of the publicly shown
     * tables move it, whichever connection or process writes; a primary-key read. */
    static const char sql[] = "SELECT n FROM content_version WHERE one = 1";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : sq_fail(s, "content version", err);
}

/* ------------------------------------------------------------------ item lists */

static int each_row(store_t *s, sqlite3_stmt *st, item_row_fn fn, void *ud, const char *what, char **err)
{
    int rc, result = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct item_row r;
        sq_item_row(st, &r);
        if ((result = fn(&r, ud)) != 0)
            break;
    }
    sqlite3_reset(st);
    if (result == 0 && rc != SQLITE_DONE)
        return sq_fail(s, what, err);
    return result;
}

res_t sqlite_portal_column_items(store_t *s, const char *slug, const char *today, long long offset, int limit,
                              item_row_fn fn, void *ud, char **err)
{
    /* items_column (column_slug, first_published) serves the order without a sort; the
     * offset is skipped inside that index alone, and only the page's rows are joined. */
    static const char sql[] = "SELECT " SQ_ITEM_ROW_COLUMNS ", NULL FROM (SELECT id FROM items"
                              "  WHERE column_slug = ?1 AND first_published <= ?2"
                              "  ORDER BY first_published DESC, id DESC LIMIT ?3 OFFSET ?4) p"
                              " JOIN items x ON x.id = p.id JOIN agencies a ON a.id = x.agency_id"
                              " ORDER BY x.first_published DESC, x.id DESC";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return -1;
    sq_bind_text(st, 1, slug);
    sq_bind_text(st, 2, today);
    sq_bind_int(st, 3, limit);
    sq_bind_int(st, 4, offset);
    return each_row(s, st, fn, ud, "column items", err);
}

/* Streams the two text columns of ST's rows to FN; a non-zero FN result stops the walk
 * and is returned. */
static res_t each_text_pair(store_t *s, sqlite3_stmt *st, int (*fn)(const char *a, const char *b, void *ud),
                            void *ud, const char *what, char **err)
{
    int rc, result = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((result = fn(sq_col_text(st, 0), sq_col_text(st, 1), ud)) != 0)
            break;
    sqlite3_reset(st);
    if (result == 0 && rc != SQLITE_DONE)
        return sq_fail(s, what, err);
    return result;
}

/* sqlite_portal_column_count and sqlite_portal_column_counts: from the counters, in
 * sqlite_counts.c. */

res_t sqlite_portal_facets(store_t *s, int (*fn)(const char *facet, const char *value, void *ud), void *ud,
                        char **err)
{
    static const char sql[] =
        /* From the counters (schema 5), not a scan of every item: the values of published
         * items, the ones a filter can find. */
        "SELECT DISTINCT 'topic', topic FROM item_counts WHERE topic <> '' AND n > 0"
        " UNION ALL SELECT DISTINCT 'genre', genre FROM item_counts WHERE genre <> '' AND n > 0"
        " UNION ALL SELECT DISTINCT 'year', CAST(year AS TEXT) FROM item_counts WHERE year > 0 AND n > 0"
        " ORDER BY 1, 2";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return -1;
    return each_text_pair(s, st, fn, ud, "facets", err);
}

/* ------------------------------------------------------------------ one item */

/* V (of N elements of SIZE, room for *CAP) with room for one more. */
static void *room_for_one(void *v, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return v;
    *cap = *cap ? *cap * 2 : 4;
    return xrealloc(v, *cap * size);
}

/* The one row SQL can have with ?1 = KEY_TEXT (else KEY_ID) and ?2 = TODAY: RES_OK with
 * *OUT on the row (the caller reads it and resets *OUT), RES_NOT_FOUND, or a failure
 * about WHAT. */
static res_t sq_step_one(store_t *s, const char *sql, const char *key_text, long long key_id, const char *today,
                         const char *what, sqlite3_stmt **out, char **err)
{
    sqlite3_stmt *st = *out = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    if (key_text)
        sq_bind_text(st, 1, key_text);
    else
        sq_bind_int(st, 1, key_id);
    sq_bind_text(st, 2, today);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        return RES_OK;
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? RES_NOT_FOUND : sq_fail(s, what, err);
}

res_t sqlite_portal_item(store_t *s, const char *ext_id, const char *today, struct portal_item *out, char **err)
{
    static const char sql[] =
        "SELECT x.id, x.ext_id, x.title, x.body, x.summary, x.index_no, x.doc_no, x.topic, x.genre, x.written,"
        " x.first_published, x.repealed, x.statutory, x.column_slug, x.updated_at, a.code, a.name, x.validity"
        " FROM items x JOIN agencies a ON a.id = x.agency_id WHERE x.ext_id = ?1 AND x.first_published <= ?2";
    /* Publications (kind 0, in date order) and attachments (kind 1, in id order) in one go. */
    static const char more[] = "SELECT 0, channel, at, url, id, 0 FROM publications WHERE item_id = ?1"
                               " UNION ALL SELECT 1, name, NULL, mime, id, size FROM attachments WHERE item_id = ?1"
                               " ORDER BY 1, 3, 5";
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    res_t found = sq_step_one(s, sql, ext_id, 0, today, "item", &st, err);
    if (found != RES_OK)
        return found;
    out->id = sqlite3_column_int64(st, 0);
    char **f[] = {&out->ext_id,   &out->title,     &out->body,      &out->summary,     &out->index_no,
                  &out->doc_no,   &out->topic,     &out->genre,     &out->written,     &out->published,
                  &out->repealed, &out->statutory, &out->column_slug, &out->updated_at, &out->agency_code,
                  &out->agency_name, &out->validity};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        *f[i] = sq_col_dup(st, (int)i + 1);
    sqlite3_reset(st);

    st = sq_stmt(s, more, err);
    if (!st) {
        portal_item_free(out);
        return -1;
    }
    sq_bind_int(st, 1, out->id);
    size_t pcap = 0, acap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_int(st, 0) == 0) {
            out->pubs = room_for_one(out->pubs, out->npubs, &pcap, sizeof *out->pubs);
            struct portal_publication *p = &out->pubs[out->npubs++];
            p->channel = sq_col_dup(st, 1);
            p->at = sq_col_dup(st, 2);
            p->url = sq_col_dup(st, 3);
        } else {
            out->atts = room_for_one(out->atts, out->natts, &acap, sizeof *out->atts);
            struct portal_attachment *a = &out->atts[out->natts++];
            a->name = sq_col_dup(st, 1);
            a->mime = sq_col_dup(st, 3);
            a->id = sqlite3_column_int64(st, 4);
            a->size = sqlite3_column_int64(st, 5);
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        portal_item_free(out);
        return sq_fail(s, "item publications", err);
    }
    return 0;
}


res_t sqlite_portal_attachment(store_t *s, long long id, const char *today, char **name, char **mime, void **data,
                            size_t *size, char **item_ext_id, char **err)
{
    /* the bytes: inline in rows older than schema 012, else the blob of their digest */
    static const char sql[] = "SELECT t.name, t.mime, COALESCE(t.data, b.data), x.ext_id FROM attachments t"
                              " JOIN items x ON x.id = t.item_id LEFT JOIN blobs b ON b.sha256 = t.sha256"
                              " WHERE t.id = ?1 AND x.first_published <= ?2";
    *name = *mime = *item_ext_id = NULL;
    *data = NULL;
    *size = 0;
    sqlite3_stmt *st;
    res_t found = sq_step_one(s, sql, NULL, id, today, "attachment", &st, err);
    if (found != RES_OK)
        return found;
    const void *blob = sqlite3_column_blob(st, 2);
    size_t n = (size_t)sqlite3_column_bytes(st, 2);
    *data = xmalloc(n ? n : 1);
    if (n)
        memcpy(*data, blob, n);
    *size = n;
    *name = sq_col_dup(st, 0);
    *mime = sq_col_dup(st, 1);
    *item_ext_id = sq_col_dup(st, 3);
    sqlite3_reset(st);
    return 0;
}

/* ------------------------------------------------------------------ reports, guide */

res_t sqlite_portal_report_years(store_t *s, const char *agency_path, int *years, size_t max, size_t *n,
                              char **err)
{
/* Each year from the first to the last record is checked with index lookups per agency
 * (CROSS JOIN keeps SQLite's join order: agencies outside, the big table inside)
 * (publications(agency_id, year, …), applications(agency_id, received),
 * visits(agency_id, date)) instead of reading every publication of the subtree: 24 s on
 * a 1M-item database before, a few milliseconds now. Portable SQL (WITH RECURSIVE). */
#define SUB_BOUNDS                                                                                        \
    "WITH RECURSIVE sub(id) AS (SELECT id FROM agencies WHERE ?1 IS NULL OR path LIKE ?1 || '%'),"        \
    " bounds(lo, hi) AS (SELECT MIN(lo), MAX(hi) FROM ("                                                  \
    "  SELECT (SELECT MIN(p.year) FROM publications p WHERE p.agency_id = sub.id) AS lo,"                 \
    "         (SELECT MAX(p.year) FROM publications p WHERE p.agency_id = sub.id) AS hi FROM sub"         \
    "  UNION ALL SELECT (SELECT CAST(substr(MIN(x.received), 1, 4) AS INTEGER) FROM applications x"        \
    "                    WHERE x.agency_id = sub.id),"                                                    \
    "         (SELECT CAST(substr(MAX(x.received), 1, 4) AS INTEGER) FROM applications x"                 \
    "           WHERE x.agency_id = sub.id) FROM sub"                                                     \
    "  UNION ALL SELECT (SELECT CAST(substr(MIN(v.date), 1, 4) AS INTEGER) FROM visits v"                  \
    "                    WHERE v.agency_id = sub.id),"                                                    \
    "         (SELECT CAST(substr(MAX(v.date), 1, 4) AS INTEGER) FROM visits v WHERE v.agency_id = sub.id)" \
    "   FROM sub) b),"                                                                                    \
    " span(y) AS (SELECT lo FROM bounds WHERE lo IS NOT NULL"                                              \
    "  UNION ALL SELECT span.y + 1 FROM span, bounds WHERE span.y < bounds.hi)"
    static const char sql[] =
        SUB_BOUNDS
        " SELECT y FROM span WHERE"
        "  EXISTS (SELECT 1 FROM sub CROSS JOIN publications p WHERE p.agency_id = sub.id AND p.year = span.y)"
        "  OR EXISTS (SELECT 1 FROM sub CROSS JOIN applications x WHERE x.agency_id = sub.id"
        "   AND x.received BETWEEN CAST(span.y AS TEXT) || '-01-01' AND CAST(span.y AS TEXT) || '-12-31')"
        "  OR EXISTS (SELECT 1 FROM sub CROSS JOIN visits v WHERE v.agency_id = sub.id"
        "   AND v.date BETWEEN CAST(span.y AS TEXT) || '-01-01' AND CAST(span.y AS TEXT) || '-12-31')"
        " UNION SELECT n.year FROM narratives n JOIN sub ON sub.id = n.agency_id"
        " UNION SELECT t.year FROM tallies t JOIN sub ON sub.id = t.agency_id"
        " ORDER BY 1 DESC";
    *n = 0;
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return -1;
    sq_bind_text(st, 1, agency_path);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *y = sq_col_text(st, 0);
        int v = y ? atoi(y) : 0;
        if (v <= 0)
            continue;
        if (*n < max)
            years[*n] = v;
        (*n)++;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : sq_fail(s, "report years", err);
}

res_t sqlite_portal_access(store_t *s, const char *agency_path, int (*fn)(const char *kind, const char *value, void *ud),
                        void *ud, char **err)
{
    static const char sql[] =
        SUB_BOUNDS
        /* the channels of the schema's CHECK: one index lookup per agency, year and channel */
        ", ch(c) AS (VALUES ('gazette'), ('other'), ('website'), ('wechat'), ('weibo'))"
        " SELECT 'channel', ch.c FROM ch WHERE EXISTS (SELECT 1 FROM sub CROSS JOIN span"
        "  CROSS JOIN publications p WHERE p.agency_id = sub.id AND p.year = span.y AND p.channel = ch.c)"
        " UNION ALL SELECT DISTINCT 'point', v.point FROM visits v JOIN sub ON sub.id = v.agency_id"
        "  WHERE v.point IS NOT NULL AND v.point <> ''"
        " ORDER BY 1, 2";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return -1;
    sq_bind_text(st, 1, agency_path);
    return each_text_pair(s, st, fn, ud, "access", err);
}
