/* SQLite backend: full-text search over item_fts (assets/sql/sqlite/003_search.sql).
 *
 * Two statements per search, following the measurements in sqlite_fts.h:
 *  1. the newest SEARCH_HIT_CAP + 1 hits (ORDER BY rowid DESC, which FTS5 walks without
 *     sorting), each with its bm25 score (and its date when ordering by date or when a
 *     filter needs the items row); counted, sorted and cut to the page in C. So a query
 *     that hits a third of a million-item corpus costs the same as one that hits 10,000,
 *     and ORDER BY rank never has to score every hit before the first row exists;
 *  2. highlight() and snippet() for the page's ids only (MATCH plus rowid IN (...)).
 * The filters are ordinary WHERE terms on items, written with "?N IS NULL OR ..." so that
 * one cached statement serves every combination. */
#include "store/sqlite_internal.h"
#include "store/store_search.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cand {
    long long id;
    double score;
    char date[11]; /* first publication date */
};

/* The newest hits with their score and date. ?1 MATCH, ?2 limit, ?3 agency subtree pattern,
 * ?4 column slug, ?5/?6 the year's bounds, ?7 statutory, ?8 today. Only published items are
 * public: first_published on or before today (NULL, never published, is not). */
static const char hits_sql[] =
    "SELECT item_fts.rowid, item_fts.rank, i.first_published"
    " FROM item_fts JOIN items i ON i.id = item_fts.rowid"
    " WHERE item_fts MATCH ?1 AND i.first_published <= ?8"
    "  AND (?3 IS NULL OR i.agency_id IN (SELECT id FROM agencies WHERE path LIKE ?3))"
    "  AND (?4 IS NULL OR i.column_slug = ?4 OR substr(i.column_slug, 1, length(?4) + 1) = ?4 || '/')"
    "  AND (?5 IS NULL OR i.first_published BETWEEN ?5 AND ?6)"
    "  AND (?7 IS NULL OR i.statutory = ?7 OR (?7 = 'any' AND i.statutory IS NOT NULL))"
    " ORDER BY item_fts.rowid DESC LIMIT ?2";

/* The page: ?1 MATCH, ?2..?51 the ids (unused ones NULL). A stored title or body that holds
 * a marker byte is returned without highlighting (and without those bytes), so markers in
 * the result are always ours. */
#define MARKERS_IN(col) "(instr(" col ", char(2)) > 0 OR instr(" col ", char(3)) > 0)"
#define STRIP_MARKERS(col) "replace(replace(" col ", char(2), ''), char(3), '')"
static const char page_sql[] =
    "SELECT item_fts.rowid, i.ext_id, i.title,"
    " CASE WHEN " MARKERS_IN("i.title") " THEN " STRIP_MARKERS("i.title")
    "  ELSE highlight(item_fts, 0, char(2), char(3)) END,"
    " CASE WHEN i.body IS NULL THEN ''"
    "  WHEN " MARKERS_IN("i.body") " THEN substr(" STRIP_MARKERS("i.body") ", 1, 80)"
    "  ELSE snippet(item_fts, 1, char(2), char(3), '…', 40) END,"
    " i.column_slug, a.code, a.name, i.first_published, i.written, i.doc_no, i.index_no,"
    " i.statutory, i.repealed"
    " FROM item_fts JOIN items i ON i.id = item_fts.rowid JOIN agencies a ON a.id = i.agency_id"
    " WHERE item_fts MATCH ?1 AND item_fts.rowid IN (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
    " ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29,"
    " ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39, ?40, ?41, ?42, ?43, ?44, ?45, ?46, ?47,"
    " ?48, ?49, ?50, ?51)";
#define PAGE_SQL_IDS 50
_Static_assert(PAGE_SQL_IDS == SEARCH_PAGE_MAX, "page_sql has one placeholder per hit of a page");

static const char agency_path_sql[] = "SELECT path FROM agencies WHERE code = ?1";

static int by_rank(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? -1 : 1;
    return x->id > y->id ? -1 : x->id < y->id; /* ties: newer first */
}

static int by_date(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    int c = strcmp(y->date, x->date);
    if (c)
        return c;
    return x->id > y->id ? -1 : x->id < y->id;
}

void search_result_clear(struct search_result *r)
{
    for (size_t i = 0; i < r->nhits; i++) {
        struct search_hit *h = &r->hits[i];
        char **f[] = {&h->ext_id,    &h->title,          &h->column_slug,    &h->agency_code,
                      &h->agency_name, &h->title_marked, &h->snippet_marked, &h->published,
                      &h->written,   &h->doc_no,         &h->index_no,       &h->statutory,
                      &h->repealed};
        for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
            free(*f[k]);
    }
    free(r->hits);
    memset(r, 0, sizeof *r);
}

/* The agency's subtree as a LIKE pattern ('/1/4/%'): 0, 1 unknown, -1 error. */
static int agency_pattern(store_t *s, const char *code, char **out, char **err)
{
    sqlite3_stmt *st = sq_stmt(s, agency_path_sql, err);
    if (!st)
        return -1;
    sq_bind_text(st, 1, code);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        /* Paths are digits and slashes: nothing in them is a LIKE wildcard. */
        *out = xasprintf("%s%%", sq_col_text(st, 0) ? sq_col_text(st, 0) : "");
        sqlite3_reset(st);
        return 0;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 1 : sq_fail(s, "search: agency", err);
}

static int collect(store_t *s, const struct search_params *p, const char *agency_like,
                   struct cand **out, size_t *nout, char **err)
{
    sqlite3_stmt *st = sq_stmt(s, hits_sql, err);
    if (!st)
        return -1;
    sq_bind_text(st, 1, p->match);
    sq_bind_int(st, 2, SEARCH_HIT_CAP + 1);
    sq_bind_text(st, 3, agency_like);
    sq_bind_text(st, 4, p->column);
    if (p->year) {
        char from[11], to[11];
        sq_year_bounds(p->year, from, to);
        sq_bind_text(st, 5, from);
        sq_bind_text(st, 6, to);
    }
    sq_bind_text(st, 7, p->statutory);
    sq_bind_text(st, 8, p->today);
    size_t n = 0, cap = 256;
    struct cand *v = xmalloc(cap * sizeof *v);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap *= 2;
            v = xrealloc(v, cap * sizeof *v);
        }
        struct cand *c = &v[n++];
        c->id = sqlite3_column_int64(st, 0);
        c->score = sqlite3_column_double(st, 1);
        const char *d = sq_col_text(st, 2);
        snprintf(c->date, sizeof c->date, "%s", d ? d : "");
    }
    if (rc != SQLITE_DONE) {
        free(v);
        sqlite3_reset(st);
        return sq_fail(s, "search", err);
    }
    sqlite3_reset(st);
    *out = v;
    *nout = n;
    return 0;
}

static char *col_dup_or_empty(sqlite3_stmt *st, int i)
{
    const char *t = sq_col_text(st, i);
    return xstrdup(t ? t : "");
}

static int read_page(store_t *s, const struct search_params *p, const struct cand *page, size_t n,
                     struct search_result *out, char **err)
{
    sqlite3_stmt *st = sq_stmt(s, page_sql, err);
    if (!st)
        return -1;
    sq_bind_text(st, 1, p->match);
    for (size_t i = 0; i < n; i++)
        sq_bind_int(st, (int)i + 2, page[i].id);
    out->hits = xcalloc(n ? n : 1, sizeof *out->hits);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(st, 0);
        size_t k = 0;
        while (k < n && page[k].id != id)
            k++;
        if (k == n || out->hits[k].ext_id)
            continue; /* cannot happen: the ids are distinct and came from the same MATCH */
        struct search_hit *h = &out->hits[k];
        h->id = id;
        h->score = page[k].score;
        h->ext_id = col_dup_or_empty(st, 1);
        h->title = col_dup_or_empty(st, 2);
        h->title_marked = col_dup_or_empty(st, 3);
        h->snippet_marked = col_dup_or_empty(st, 4);
        h->column_slug = sq_col_dup(st, 5);
        h->agency_code = col_dup_or_empty(st, 6);
        h->agency_name = col_dup_or_empty(st, 7);
        h->published = sq_col_dup(st, 8);
        h->written = sq_col_dup(st, 9);
        h->doc_no = sq_col_dup(st, 10);
        h->index_no = sq_col_dup(st, 11);
        h->statutory = sq_col_dup(st, 12);
        h->repealed = sq_col_dup(st, 13);
    }
    sqlite3_reset(st);
    /* Keep the sorted order; drop any id that vanished between the two statements (an
     * import deleted it), so every hit handed out is complete. */
    size_t w = 0;
    for (size_t k = 0; k < n; k++)
        if (out->hits[k].ext_id)
            out->hits[w++] = out->hits[k];
    out->nhits = w;
    if (rc != SQLITE_DONE) {
        search_result_clear(out);
        return sq_fail(s, "search: page", err);
    }
    return 0;
}

int store_search(store_t *s, const struct search_params *p, struct search_result *out, char **err)
{
    memset(out, 0, sizeof *out);
    if (!p->match || !*p->match) {
        *err = xstrdup("search: no MATCH expression (use search_query_build)");
        return -1;
    }
    char *agency_like = NULL;
    if (p->agency) {
        int rc = agency_pattern(s, p->agency, &agency_like, err);
        if (rc < 0)
            return -1;
        if (rc == 1) {
            out->unknown_agency = true;
            return 0;
        }
    }
    struct cand *v = NULL;
    size_t n = 0;
    int rc = collect(s, p, agency_like, &v, &n, err);
    free(agency_like);
    if (rc)
        return -1;
    if (n > SEARCH_HIT_CAP) {
        out->capped = true;
        n = SEARCH_HIT_CAP; /* the extra one is the oldest: ORDER BY rowid DESC */
    }
    out->total = (long long)n;
    qsort(v, n, sizeof *v, p->order == SEARCH_BY_DATE ? by_date : by_rank);

    int limit = p->limit < 1 ? 1 : p->limit > SEARCH_PAGE_MAX ? SEARCH_PAGE_MAX : p->limit;
    long long offset = p->offset < 0 ? 0 : p->offset;
    size_t take = 0;
    if (offset < (long long)n)
        take = n - (size_t)offset < (size_t)limit ? n - (size_t)offset : (size_t)limit;
    rc = 0;
    if (take)
        rc = read_page(s, p, v + offset, take, out, err);
    free(v);
    if (rc) {
        out->total = 0;
        out->capped = false;
    }
    return rc;
}
