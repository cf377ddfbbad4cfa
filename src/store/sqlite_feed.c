/* SQLite backend: items for feeds, the sitemap and the JSON API; columns; report years. */
#include "store/sqlite_internal.h"
#include "store/store_feed.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ?1 agency subtree pattern, ?2 column slug, ?3/?4 the year's bounds, ?5 statutory. */
#define FEED_WHERE                                                                                   \
    " WHERE (?1 IS NULL OR i.agency_id IN (SELECT id FROM agencies WHERE path LIKE ?1))"             \
    "  AND (?2 IS NULL OR i.column_slug = ?2 OR substr(i.column_slug, 1, length(?2) + 1) = ?2 || '/')" \
    "  AND (?3 IS NULL OR coalesce(i.first_published, i.written) BETWEEN ?3 AND ?4)"                 \
    "  AND (?5 IS NULL OR i.statutory = ?5 OR (?5 = 'any' AND i.statutory IS NOT NULL))"

#define ITEM_COLUMNS                                                                                 \
    "i.id, i.ext_id, i.title, i.column_slug, i.index_no, i.doc_no, i.topic, i.genre, i.statutory,"   \
    " i.written, i.repealed, i.first_published, i.updated_at, a.code, a.name"

static const char items_sql[] =
    "SELECT " ITEM_COLUMNS ", CASE WHEN ?8 THEN i.body END"
    " FROM items i JOIN agencies a ON a.id = i.agency_id" FEED_WHERE
    " ORDER BY i.first_published DESC, i.id DESC LIMIT ?6 OFFSET ?7";
static const char count_sql[] = "SELECT count(*) FROM items i" FEED_WHERE;
static const char item_sql[] = "SELECT " ITEM_COLUMNS ", i.body"
                               " FROM items i JOIN agencies a ON a.id = i.agency_id WHERE i.ext_id = ?1";
static const char pubs_sql[] = "SELECT channel, at FROM publications WHERE item_id = ?1 ORDER BY at, id";
static const char agency_sql[] = "SELECT path FROM agencies WHERE code = ?1";
static const char urls_sql[] = "SELECT ext_id, updated_at FROM items ORDER BY id LIMIT ?2 OFFSET ?1";
#define COLUMN_COLUMNS "slug, parent_slug, name, description, kind, sort"
static const char column_sql[] = "SELECT " COLUMN_COLUMNS " FROM columns WHERE slug = ?1";
static const char columns_sql[] = "SELECT " COLUMN_COLUMNS " FROM columns ORDER BY sort, id";
/* min()/max() per agency use the (agency_id, date) indexes: a few lookups per agency
 * instead of a scan of every publication. */
static const char years_sql[] =
    "SELECT min(lo), max(hi) FROM ("
    " SELECT (SELECT min(at) FROM publications p WHERE p.agency_id = a.id) AS lo,"
    "        (SELECT max(at) FROM publications p WHERE p.agency_id = a.id) AS hi FROM agencies a"
    " UNION ALL"
    " SELECT (SELECT min(received) FROM applications x WHERE x.agency_id = a.id),"
    "        (SELECT max(received) FROM applications x WHERE x.agency_id = a.id) FROM agencies a)";

/* Binds ?1..?5 from F. 0, 1 (unknown agency, *err says so), -1. */
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
    sq_bind_int(st, 6, limit < 1 ? 1 : limit > 1000 ? 1000 : limit);
    sq_bind_int(st, 7, offset < 0 ? 0 : offset);
    sq_bind_int(st, 8, with_body);
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

int store_feed_item(store_t *s, const char *ext_id, feed_item_fn fn, void *ud, char **err)
{
    sqlite3_stmt *st = sq_stmt(s, item_sql, err);
    if (!st)
        return -1;
    sq_bind_text(st, 1, ext_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        sqlite3_reset(st);
        return 1;
    }
    if (rc != SQLITE_ROW)
        return sq_fail(s, "item", err);
    struct feed_item it;
    read_item(st, &it);
    sqlite3_stmt *p = sq_stmt(s, pubs_sql, err);
    if (!p) {
        sqlite3_reset(st);
        return -1;
    }
    sq_bind_int(p, 1, it.id);
    /* The item's strings stay valid while its statement sits on its row; the publication
     * rows (few) are copied as they go by. */
    struct feed_pub *pubs = NULL;
    char **keep = NULL;
    size_t n = 0, cap = 0;
    while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? 2 * cap : 8;
            pubs = xrealloc(pubs, cap * sizeof *pubs);
            keep = xrealloc(keep, cap * sizeof *keep);
        }
        const char *ch = sq_col_text(p, 0), *at = sq_col_text(p, 1);
        ch = ch ? ch : "";
        at = at ? at : "";
        size_t lc = strlen(ch), la = strlen(at);
        keep[n] = xmalloc(lc + la + 2); /* "channel\0at\0" */
        memcpy(keep[n], ch, lc + 1);
        memcpy(keep[n] + lc + 1, at, la + 1);
        pubs[n].channel = keep[n];
        pubs[n].at = keep[n] + lc + 1;
        n++;
    }
    int result = 0;
    if (rc != SQLITE_DONE) {
        result = sq_fail(s, "publications", err);
    } else {
        it.pubs = pubs;
        it.npubs = n;
        fn(&it, ud);
    }
    for (size_t i = 0; i < n; i++)
        free(keep[i]);
    free(keep);
    free(pubs);
    sqlite3_reset(p);
    sqlite3_reset(st);
    return result;
}

int store_feed_each_url(store_t *s, long long offset, long long limit,
                        int (*fn)(const char *ext_id, const char *updated_at, void *ud), void *ud,
                        char **err)
{
    sqlite3_stmt *st = sq_stmt(s, urls_sql, err);
    if (!st)
        return -1;
    sq_bind_int(st, 1, offset < 0 ? 0 : offset);
    sq_bind_int(st, 2, limit < 0 ? 0 : limit);
    int rc;
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

void feed_column_clear(struct feed_column *c)
{
    free(c->slug);
    free(c->parent_slug);
    free(c->name);
    free(c->description);
    free(c->kind);
    memset(c, 0, sizeof *c);
}

/* Borrowed view of the current row. */
static void read_column(sqlite3_stmt *st, struct feed_column *c)
{
    c->slug = (char *)sq_col_text(st, 0);
    c->parent_slug = (char *)sq_col_text(st, 1);
    c->name = (char *)sq_col_text(st, 2);
    c->description = (char *)sq_col_text(st, 3);
    c->kind = (char *)sq_col_text(st, 4);
    c->sort = sqlite3_column_int(st, 5);
}

int store_feed_column(store_t *s, const char *slug, struct feed_column *out, char **err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = sq_stmt(s, column_sql, err);
    if (!st)
        return -1;
    sq_bind_text(st, 1, slug);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        sqlite3_reset(st);
        return 1;
    }
    if (rc != SQLITE_ROW)
        return sq_fail(s, "column", err);
    out->slug = sq_col_dup(st, 0);
    out->parent_slug = sq_col_dup(st, 1);
    out->name = sq_col_dup(st, 2);
    out->description = sq_col_dup(st, 3);
    out->kind = sq_col_dup(st, 4);
    out->sort = sqlite3_column_int(st, 5);
    sqlite3_reset(st);
    return 0;
}

int store_feed_columns(store_t *s, int (*fn)(const struct feed_column *c, void *ud), void *ud, char **err)
{
    sqlite3_stmt *st = sq_stmt(s, columns_sql, err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct feed_column c;
        read_column(st, &c);
        int stop = fn(&c, ud);
        if (stop) {
            sqlite3_reset(st);
            return stop;
        }
    }
    if (rc != SQLITE_DONE)
        return sq_fail(s, "columns", err);
    sqlite3_reset(st);
    return 0;
}

int store_feed_years(store_t *s, int *first, int *last, char **err)
{
    sqlite3_stmt *st = sq_stmt(s, years_sql, err);
    if (!st)
        return -1;
    if (sqlite3_step(st) != SQLITE_ROW)
        return sq_fail(s, "years", err);
    const char *lo = sq_col_text(st, 0), *hi = sq_col_text(st, 1);
    int rc = 1;
    if (lo && hi && strlen(lo) >= 4 && strlen(hi) >= 4) {
        *first = atoi(lo);
        *last = atoi(hi);
        rc = *first > 0 && *first <= *last ? 0 : 1;
    }
    sqlite3_reset(st);
    return rc;
}
