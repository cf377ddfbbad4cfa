/* SQLite backend: full-text search over item_fts (assets/sql/sqlite/003_search.sql).
 *
 * Where the time goes (bench/bench_search_http, warm cache): walking the hits of a MATCH
 * newest first costs ~0.05-0.3 us a hit; joining each hit to its items row ~0.3 us; bm25
 * ~1-1.5 us, because it reads every hit's document size. A one-character query can hit a
 * third of a million items, so a search never touches more than SEARCH_HIT_CAP hits and
 * scores only the newest SEARCH_RANK_WINDOW of them:
 *
 *  0. the ids of the items that are not public (never published, or scheduled after
 *     today): an index range scan over items(first_published), normally a handful, so
 *     that the plain path below needs no join (beyond HIDDEN_MAX of them it joins);
 *  1. the newest SEARCH_HIT_CAP + 1 public hits, ids only (ORDER BY rowid DESC, which FTS5
 *     walks without sorting): the count, capped;
 *  2. bm25 (gk_bm25 below) for the newest SEARCH_RANK_WINDOW of them (MATCH plus rowid >=
 *     the window's oldest id): they come first, best first; the older hits follow newest
 *     first. With fewer hits than the window that is plain bm25 order over every hit;
 *  3. highlight() and snippet() for the page's ids only (MATCH plus rowid IN (...)).
 * With a filter (agency, column, year, statutory) or ordered by date, steps 1 and 2 join
 * the items row; the filters are ordinary WHERE terms written "?N IS NULL OR ..." so that
 * one cached statement serves every combination. */
#include "store/sqlite_internal.h"
#include "store/store_search.h"
#include "util/xalloc.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HIDDEN_MAX 2000

struct cand {
    long long id;
    double score;
    char date[11]; /* first publication date (joined path only) */
    bool ranked;
};

/* Items not public today (?1): never published, or first published after today. Two
 * range scans of the index on first_published (one query with OR, or with ORDER BY id,
 * walks the whole table instead); sorted in C. */
static const char hidden_sql[] = "SELECT id FROM items WHERE first_published IS NULL"
                                 " UNION ALL SELECT id FROM items WHERE first_published > ?1 LIMIT ?2";

/* 1 and 2 without filters: ?1 MATCH, ?2 limit / ?2 the window's oldest id. */
static const char ids_plain[] =
    "SELECT rowid FROM item_fts WHERE item_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2";
static const char rank_plain[] =
    "SELECT rowid, gk_bm25(item_fts) FROM item_fts WHERE item_fts MATCH ?1 AND rowid >= ?2";

/* 1 and 2 with filters: ?1 MATCH, ?2 limit, ?3 agency subtree pattern, ?4 column slug,
 * ?5/?6 the year's bounds, ?7 statutory, ?8 today, ?9 the window's oldest id. Only public
 * items: first published on or before today (NULL, never published, is not). */
#define FILTERED_FROM_WHERE                                                                            \
    " FROM item_fts JOIN items i ON i.id = item_fts.rowid"                                             \
    " WHERE item_fts MATCH ?1 AND i.first_published <= ?8"                                             \
    "  AND (?3 IS NULL OR i.agency_id IN (SELECT id FROM agencies WHERE path LIKE ?3))"                \
    "  AND (?4 IS NULL OR i.column_slug = ?4 OR substr(i.column_slug, 1, length(?4) + 1) = ?4 || '/')" \
    "  AND (?5 IS NULL OR i.first_published BETWEEN ?5 AND ?6)"                                        \
    "  AND (?7 IS NULL OR i.statutory = ?7 OR (?7 = 'any' AND i.statutory IS NOT NULL))"
static const char ids_filtered[] = "SELECT item_fts.rowid, i.first_published" FILTERED_FROM_WHERE
                                   " ORDER BY item_fts.rowid DESC LIMIT ?2";
static const char rank_filtered[] =
    "SELECT item_fts.rowid, gk_bm25(item_fts)" FILTERED_FROM_WHERE " AND item_fts.rowid >= ?9";

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

/* ------------------------------------------------------------------ gk_bm25 */

/* FTS5's bm25() (fts5_aux.c), title 10, body 1, 文号 5, with one change: the inverse
 * document frequency of each phrase. bm25() counts every document holding each phrase
 * before it scores the first row: a pass over the whole posting list, 10-100 ms for a
 * common character in a million items, whatever LIMIT says. Here
 *   - a query of one phrase needs no IDF at all: it multiplies every score by the same
 *     number, so the order is bm25's;
 *   - with several phrases, each phrase's documents are counted up to IDF_COUNT_CAP (a
 *     phrase found more often is simply "common"), which keeps the weighing of a rare
 *     term against a common one at a bounded cost.
 * Registered on a connection the first time a search statement asks for it. */
#define IDF_COUNT_CAP 2000
#define BM25_K1 1.2
#define BM25_B 0.75
static const double column_weight[] = {10.0, 1.0, 5.0}; /* title, body, doc_no */

struct bm25_data {
    int nphrase;
    double avgdl;
    double *idf;
    double *freq;
};

static int count_capped(const Fts5ExtensionApi *api, Fts5Context *fts, void *ud)
{
    (void)api, (void)fts;
    long long *n = ud;
    return ++*n >= IDF_COUNT_CAP ? SQLITE_DONE : SQLITE_OK;
}

static void bm25_data_free(void *p)
{
    struct bm25_data *d = p;
    if (d) {
        free(d->idf);
        free(d->freq);
        free(d);
    }
}

static int bm25_data(const Fts5ExtensionApi *api, Fts5Context *fts, struct bm25_data **out)
{
    struct bm25_data *d = api->xGetAuxdata(fts, 0);
    if (d) {
        *out = d;
        return SQLITE_OK;
    }
    d = xcalloc(1, sizeof *d);
    d->nphrase = api->xPhraseCount(fts);
    d->idf = xcalloc((size_t)d->nphrase + 1, sizeof *d->idf);
    d->freq = xcalloc((size_t)d->nphrase + 1, sizeof *d->freq);
    sqlite3_int64 nrow = 0, ntok = 0;
    int rc = api->xRowCount(fts, &nrow);
    if (rc == SQLITE_OK)
        rc = api->xColumnTotalSize(fts, -1, &ntok);
    d->avgdl = nrow > 0 ? (double)ntok / (double)nrow : 1.0;
    if (d->avgdl <= 0)
        d->avgdl = 1.0;
    for (int i = 0; rc == SQLITE_OK && i < d->nphrase; i++) {
        if (d->nphrase == 1) {
            d->idf[i] = 1.0;
            break;
        }
        long long hits = 0;
        rc = api->xQueryPhrase(fts, i, &hits, count_capped);
        if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        double idf = log(((double)nrow - (double)hits + 0.5) / ((double)hits + 0.5));
        d->idf[i] = idf > 0 ? idf : 1e-6;
    }
    if (rc == SQLITE_OK)
        rc = api->xSetAuxdata(fts, d, bm25_data_free); /* frees d itself on failure */
    else
        bm25_data_free(d);
    *out = rc == SQLITE_OK ? d : NULL;
    return rc;
}

static void gk_bm25(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
                    sqlite3_value **val)
{
    (void)nval, (void)val;
    struct bm25_data *d;
    int rc = bm25_data(api, fts, &d);
    int ninst = 0;
    if (rc == SQLITE_OK) {
        memset(d->freq, 0, sizeof *d->freq * (size_t)d->nphrase);
        rc = api->xInstCount(fts, &ninst);
    }
    for (int i = 0; rc == SQLITE_OK && i < ninst; i++) {
        int phrase, col, off;
        rc = api->xInst(fts, i, &phrase, &col, &off);
        if (rc == SQLITE_OK && phrase >= 0 && phrase < d->nphrase)
            d->freq[phrase] += col >= 0 && col < 3 ? column_weight[col] : 1.0;
    }
    int ntok = 0;
    if (rc == SQLITE_OK)
        rc = api->xColumnSize(fts, -1, &ntok);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    double score = 0;
    for (int i = 0; i < d->nphrase; i++)
        score += d->idf[i] * (d->freq[i] * (BM25_K1 + 1.0)) /
                 (d->freq[i] + BM25_K1 * (1 - BM25_B + BM25_B * (double)ntok / d->avgdl));
    sqlite3_result_double(ctx, -score);
}

static int register_bm25(store_t *s, char **err)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
        return sq_fail(s, "search: FTS5", err);
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (!api || api->iVersion < 2 || api->xCreateFunction(api, "gk_bm25", NULL, gk_bm25, NULL) != SQLITE_OK) {
        free(*err);
        *err = xstrdup("search: cannot register gk_bm25 with FTS5");
        return -1;
    }
    return 0;
}

/* sq_stmt for a statement that calls gk_bm25: registers the function on this connection
 * when preparing fails for want of it, then prepares again. */
static sqlite3_stmt *rank_stmt(store_t *s, const char *sql, char **err)
{
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (st || !strstr(sqlite3_errmsg(s->db), "gk_bm25"))
        return st;
    free(*err);
    *err = NULL;
    if (register_bm25(s, err))
        return NULL;
    return sq_stmt(s, sql, err);
}

/* ------------------------------------------------------------------ search */

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

struct ids {
    long long *v; /* ascending */
    size_t n;
    bool many;    /* more than HIDDEN_MAX */
};

static int cmp_id(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

static int hidden_ids(store_t *s, const char *today, struct ids *h, char **err)
{
    memset(h, 0, sizeof *h);
    sqlite3_stmt *st = sq_stmt(s, hidden_sql, err);
    if (!st)
        return -1;
    sq_bind_text(st, 1, today);
    sq_bind_int(st, 2, HIDDEN_MAX + 1);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (h->n == cap) {
            cap = cap ? 2 * cap : 64;
            h->v = xrealloc(h->v, cap * sizeof *h->v);
        }
        h->v[h->n++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(h->v);
        h->v = NULL;
        return sq_fail(s, "search: hidden items", err);
    }
    h->many = h->n > HIDDEN_MAX;
    qsort(h->v, h->n, sizeof *h->v, cmp_id);
    return 0;
}

static bool ids_has(const struct ids *h, long long id)
{
    size_t lo = 0, hi = h->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (h->v[mid] < id)
            lo = mid + 1;
        else if (h->v[mid] > id)
            hi = mid;
        else
            return true;
    }
    return false;
}

static void bind_filters(sqlite3_stmt *st, const struct search_params *p, const char *agency_like)
{
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
}

/* Step 1: the newest public hits, at most SEARCH_HIT_CAP + 1, newest first. */
static int collect(store_t *s, const struct search_params *p, bool joined, const char *agency_like,
                   const struct ids *hidden, struct cand **out, size_t *nout, char **err)
{
    sqlite3_stmt *st = sq_stmt(s, joined ? ids_filtered : ids_plain, err);
    if (!st)
        return -1;
    sq_bind_text(st, 1, p->match);
    sq_bind_int(st, 2, SEARCH_HIT_CAP + 1 + (joined ? 0 : (long long)hidden->n));
    if (joined)
        bind_filters(st, p, agency_like);
    size_t n = 0, cap = 256;
    struct cand *v = xmalloc(cap * sizeof *v);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(st, 0);
        if (!joined && ids_has(hidden, id))
            continue;
        if (n == SEARCH_HIT_CAP + 1)
            break;
        if (n == cap) {
            cap *= 2;
            v = xrealloc(v, cap * sizeof *v);
        }
        struct cand *c = &v[n++];
        c->id = id;
        c->score = 0;
        c->ranked = false;
        c->date[0] = '\0';
        if (joined) {
            const char *d = sq_col_text(st, 1);
            snprintf(c->date, sizeof c->date, "%s", d ? d : "");
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        free(v);
        return sq_fail(s, "search", err);
    }
    *out = v;
    *nout = n;
    return 0;
}

/* Step 2: bm25 for v[0..n) (newest first, so v[n-1] is the oldest). */
static int score(store_t *s, const struct search_params *p, bool joined, const char *agency_like,
                 struct cand *v, size_t n, char **err)
{
    if (n == 0)
        return 0;
    sqlite3_stmt *st = rank_stmt(s, joined ? rank_filtered : rank_plain, err);
    if (!st)
        return -1;
    sq_bind_text(st, 1, p->match);
    if (joined) {
        bind_filters(st, p, agency_like);
        sq_bind_int(st, 9, v[n - 1].id);
    } else {
        sq_bind_int(st, 2, v[n - 1].id);
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(st, 0);
        /* v is sorted by id, descending */
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (v[mid].id > id)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < n && v[lo].id == id) {
            v[lo].score = sqlite3_column_double(st, 1);
            v[lo].ranked = true;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sq_fail(s, "search: rank", err);
    /* A hit that vanished between the two statements (deleted meanwhile) sorts last. */
    for (size_t i = 0; i < n; i++)
        if (!v[i].ranked)
            v[i].score = 1e300;
    return 0;
}

static char *col_dup_or_empty(sqlite3_stmt *st, int i)
{
    const char *t = sq_col_text(st, i);
    return xstrdup(t ? t : "");
}

/* Step 3. */
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
        h->score = page[k].ranked ? page[k].score : 0;
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
    /* Keep the sorted order; drop any id that vanished between the statements (an import
     * deleted it), so every hit handed out is complete. */
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
    struct ids hidden;
    if (hidden_ids(s, p->today, &hidden, err)) {
        free(agency_like);
        return -1;
    }
    bool joined = agency_like || p->column || p->year || p->statutory || p->order == SEARCH_BY_DATE ||
                  hidden.many || !p->today;
    struct cand *v = NULL;
    size_t n = 0;
    int rc = collect(s, p, joined, agency_like, &hidden, &v, &n, err);
    free(hidden.v);
    if (rc == 0 && n > SEARCH_HIT_CAP) {
        out->capped = true;
        n = SEARCH_HIT_CAP; /* the extra one is the oldest: ORDER BY rowid DESC */
    }
    if (rc == 0 && p->order == SEARCH_BY_DATE) {
        qsort(v, n, sizeof *v, by_date);
    } else if (rc == 0) {
        size_t window = n < SEARCH_RANK_WINDOW ? n : SEARCH_RANK_WINDOW;
        rc = score(s, p, joined, agency_like, v, window, err);
        if (rc == 0)
            qsort(v, window, sizeof *v, by_rank); /* the rest stays newest first */
    }
    free(agency_like);
    if (rc) {
        free(v);
        return -1;
    }
    out->total = (long long)n;

    int limit = p->limit < 1 ? 1 : p->limit > SEARCH_PAGE_MAX ? SEARCH_PAGE_MAX : p->limit;
    long long offset = p->offset < 0 ? 0 : p->offset;
    size_t take = 0;
    if (offset < (long long)n)
        take = n - (size_t)offset < (size_t)limit ? n - (size_t)offset : (size_t)limit;
    if (take)
        rc = read_page(s, p, v + offset, take, out, err);
    free(v);
    if (rc) {
        out->total = 0;
        out->capped = false;
    }
    return rc;
}
