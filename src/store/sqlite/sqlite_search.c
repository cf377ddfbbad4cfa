/* SQLite backend: full-text search over item_fts (assets/sql/sqlite/003_search.sql).
 *
 * Where the time goes (bench/bench_search_http, 1,000,000 items, warm cache): walking the
 * hits of a MATCH newest first costs ~0.1-1 us a hit (more for long phrases, whose
 * positions are checked); joining a hit to its items row ~0.3 us; bm25 ~1 us, and FTS5's
 * own bm25() first counts every document of every phrase (10-100 ms for a common
 * character). A one-character query can hit a third of the store. So a search:
 *
 *  0. reads the ids of the items that are not public (never published, or scheduled after
 *     today): two index range scans over items(first_published), normally a handful, so
 *     that the plain path needs no join (beyond HIDDEN_MAX of them it joins);
 *  1. walks the newest SEARCH_HIT_CAP + 1 public hits (ORDER BY rowid DESC, which FTS5
 *     does without sorting), the newest SEARCH_RANK_WINDOW of them scored by gk_bm25
 *     (below): the count, capped, and the order, sorted in C;
 *  2. reads the page's rows by id; store_search marks the matches with the same tokenizer
 *     (text/highlight.h: cheaper than FTS5's highlight()/snippet(), which re-run the
 *     query per row, and the same for every backend).
 * With a filter (any condition of the item_query), ordered by date, or with many hidden
 * items, step 1 joins the items row; the filters are the WHERE terms of every item list
 * (sq_item_where), put together per call from the conditions given. */
#include "store/sqlite/sqlite_internal.h"
#include "store/sqlite/sqlite_fts.h"
#include "store/store_search.h"
#include "text/tokenize.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HIDDEN_MAX 2000

struct cand {
    long long id;
    double score;
    bool ranked;   /* scored by gk_bm25 (the newest SEARCH_RANK_WINDOW hits) */
    char date[11]; /* first publication date (joined path only) */
};

/* Items not public today (?1): never published, or first published after today. Two
 * range scans of the index on first_published (one query with OR, or with ORDER BY id,
 * walks the whole table instead); sorted in C. */
static const char hidden_sql[] = "SELECT id FROM items WHERE first_published IS NULL"
                                 " UNION ALL SELECT id FROM items WHERE first_published > ?1 LIMIT ?2";

/* Step 1 without filters: ?1 MATCH, ?2 limit, ?3 1 to score. */
static const char hits_plain[] =
    "SELECT rowid, CASE WHEN ?3 THEN gk_bm25(item_fts) END FROM item_fts WHERE item_fts MATCH ?1"
    " ORDER BY rowid DESC LIMIT ?2";

/* Step 1 with filters: built at run time around the item_query's conditions
 * (sq_item_where: only public items, first published on or before today; NULL, never
 * published, is not), then MATCH, limit and the flag to score. */
#define HITS_FILTERED_SELECT                                                                     \
    "SELECT item_fts.rowid, CASE WHEN ? THEN gk_bm25(item_fts) END, x.first_published"             \
    " FROM item_fts JOIN items x ON x.id = item_fts.rowid"

static const char max_id_sql[] = "SELECT max(id) FROM items";

/* Step 2: the page's rows by id (?1..?50; unused ones NULL). The text is highlighted in
 * C (below), so no MATCH here: re-running the full-text query for 20 ids costs more than
 * the rest of the page. A body is read up to BODY_CHARS characters for its snippet (a match
 * further in is not shown: the snippet is then the body's start). */
#define BODY_CHARS "3000"
static const char page_sql[] =
    "SELECT i.id, i.ext_id, i.title, substr(i.body, 1, " BODY_CHARS "), i.column_slug, a.code, a.name,"
    " i.first_published, i.written, i.doc_no, i.index_no, i.statutory, i.repealed"
    " FROM items i JOIN agencies a ON a.id = i.agency_id"
    " WHERE i.id IN (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
    " ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35,"
    " ?36, ?37, ?38, ?39, ?40, ?41, ?42, ?43, ?44, ?45, ?46, ?47, ?48, ?49, ?50)";
#define PAGE_SQL_IDS 50
_Static_assert(PAGE_SQL_IDS == SEARCH_PAGE_MAX, "page_sql has one placeholder per hit of a page");

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
    int calls; /* rows scored so far: beyond SEARCH_RANK_WINDOW the score is NULL */
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
    if (rc == SQLITE_OK && ++d->calls > SEARCH_RANK_WINDOW) {
        sqlite3_result_null(ctx); /* the rows come newest first: older ones go unscored */
        return;
    }
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
    if (sqlite3_prepare_v2(SQ(s)->db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
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
    if (st || !strstr(sqlite3_errmsg(SQ(s)->db), "gk_bm25"))
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
    if (x->ranked != y->ranked)
        return x->ranked ? -1 : 1;
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
    if (h->n)
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

/* The filtered step-1 statement (the caller finalizes it), or NULL. */
static sqlite3_stmt *filtered_stmt(store_t *s, const struct search_params *p, const char *match, bool rank,
                                   char **err)
{
    buf_t sql = BUF_INIT;
    struct sq_binds b = {.n = 0};
    sq_binds_num(&b, rank);
    buf_puts(&sql, HITS_FILTERED_SELECT);
    sqlite3_stmt *st = NULL;
    if (sq_item_where(s, &p->filter, &sql, &b, err) != RES_OK)
        goto done;
    buf_puts(&sql, " AND item_fts MATCH ? ORDER BY item_fts.rowid DESC LIMIT ?");
    sq_binds_text(&b, match);
    sq_binds_num(&b, SEARCH_HIT_CAP + 1);
    int rc = sqlite3_prepare_v2(SQ(s)->db, buf_str(&sql), -1, &st, NULL);
    if (rc != SQLITE_OK && strstr(sqlite3_errmsg(SQ(s)->db), "gk_bm25") && register_bm25(s, err) == 0)
        rc = sqlite3_prepare_v2(SQ(s)->db, buf_str(&sql), -1, &st, NULL);
    if (rc != SQLITE_OK) {
        sq_fail(s, "search", err);
        st = NULL;
        goto done;
    }
    sq_binds_apply(st, &b);
done:
    buf_free(&sql);
    return st;
}

/* Step 1: the newest public hits, at most SEARCH_HIT_CAP + 1, newest first, scored. */
static int collect(store_t *s, const struct search_params *p, const char *match, bool joined,
                   const struct ids *hidden, struct cand **out, size_t *nout, char **err)
{
    bool rank = p->order != SEARCH_BY_DATE;
    sqlite3_stmt *st = joined ? filtered_stmt(s, p, match, rank, err) : rank_stmt(s, hits_plain, err);
    if (!st)
        return -1;
    if (!joined) {
        sq_bind_text(st, 1, match);
        sq_bind_int(st, 2, SEARCH_HIT_CAP + 1 + (long long)hidden->n);
        sq_bind_int(st, 3, rank);
    }
    size_t n = 0, cap = 256;
    struct cand *v = xmalloc(cap * sizeof *v);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(st, 0);
        if (!joined && ids_has(hidden, id))
            continue;
        if (n == cap) {
            cap *= 2;
            v = xrealloc(v, cap * sizeof *v);
        }
        struct cand *c = &v[n++];
        c->id = id;
        c->ranked = rank && sqlite3_column_type(st, 1) != SQLITE_NULL;
        c->score = c->ranked ? sqlite3_column_double(st, 1) : 0;
        c->date[0] = '\0';
        if (joined) {
            const char *d = sq_col_text(st, 2);
            snprintf(c->date, sizeof c->date, "%s", d ? d : "");
        }
        if (n == SEARCH_HIT_CAP + 1)
            break;
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        sq_fail(s, "search", err);
    if (joined)
        sqlite3_finalize(st);
    else
        sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        free(v);
        return -1;
    }
    *out = v;
    *nout = n;
    return 0;
}

/* All hits, roughly: the newest N reach back from the newest item to id OLDEST, and ids
 * follow time, so the hits are about N * (all ids) / (ids reached). */
static long long estimate_total(store_t *s, size_t n, long long oldest)
{
    char *err = NULL;
    sqlite3_stmt *st = sq_stmt(s, max_id_sql, &err);
    free(err);
    if (!st)
        return 0;
    long long max = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (max <= 0 || oldest <= 0 || oldest > max)
        return 0;
    double e = (double)n * (double)max / (double)(max - oldest + 1);
    return e > (double)n ? (long long)e : (long long)n + 1;
}

static char *col_dup_or_empty(sqlite3_stmt *st, int i)
{
    const char *t = sq_col_text(st, i);
    return xstrdup(t ? t : "");
}

/* Step 2. */
static int read_page(store_t *s, const struct cand *page, size_t n,
                     struct search_result *out, char **err)
{
    sqlite3_stmt *st = sq_stmt(s, page_sql, err);
    if (!st)
        return -1;
    for (size_t i = 0; i < n; i++)
        sq_bind_int(st, (int)i + 1, page[i].id);
    out->hits = xcalloc(n ? n : 1, sizeof *out->hits);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(st, 0);
        size_t k = 0;
        while (k < n && page[k].id != id)
            k++;
        if (k == n || out->hits[k].ext_id)
            continue; /* cannot happen: the ids are distinct */
        struct search_hit *h = &out->hits[k];
        h->id = id;
        h->score = page[k].score;
        h->ext_id = col_dup_or_empty(st, 1);
        h->title = col_dup_or_empty(st, 2);
        h->snippet = col_dup_or_empty(st, 3); /* the body's start: store_search cuts the excerpt */
        h->column_slug = sq_col_dup(st, 4);
        h->agency_code = col_dup_or_empty(st, 5);
        h->agency_name = col_dup_or_empty(st, 6);
        h->published = sq_col_dup(st, 7);
        h->written = sq_col_dup(st, 8);
        h->doc_no = sq_col_dup(st, 9);
        h->index_no = sq_col_dup(st, 10);
        h->statutory = sq_col_dup(st, 11);
        h->repealed = sq_col_dup(st, 12);
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

res_t sqlite_search(store_t *s, const struct search_params *p, struct search_result *out, char **err)
{
    const struct item_query *f = &p->filter;
    memset(out, 0, sizeof *out);
    if (f->agency) {
        long long id;
        int known = sq_agency_id(s, f->agency, &id, err);
        if (known < 0)
            return RES_FAILED;
        if (known == 1) {
            out->unknown_agency = true;
            return RES_OK;
        }
    }
    char *match = sqlite_fts_match(p->terms, NULL);
    if (!match) {
        free(*err);
        *err = xstrdup("search: no search terms");
        return RES_REFUSED;
    }
    struct ids hidden;
    if (hidden_ids(s, f->today, &hidden, err)) {
        free(match);
        return RES_FAILED;
    }
    bool joined = f->agency || f->column || f->year || f->statutory || (f->topic && *f->topic) ||
                  (f->genre && *f->genre) || f->validity != VALIDITY_ANY || p->order == SEARCH_BY_DATE ||
                  hidden.many || !f->today;
    struct cand *v = NULL;
    size_t n = 0;
    int rc = collect(s, p, match, joined, &hidden, &v, &n, err);
    free(hidden.v);
    free(match);
    if (rc)
        return RES_FAILED;
    if (n > SEARCH_HIT_CAP) {
        out->capped = true;
        n = SEARCH_HIT_CAP; /* the extra one is the oldest: ORDER BY rowid DESC */
        if (!f->year)
            out->estimate = estimate_total(s, n, v[n - 1].id);
    }
    out->total = (long long)n;
    if (n)
        qsort(v, n, sizeof *v, p->order == SEARCH_BY_DATE ? by_date : by_rank);

    int limit = p->limit < 1 ? 1 : p->limit > SEARCH_PAGE_MAX ? SEARCH_PAGE_MAX : p->limit;
    long long offset = p->offset < 0 ? 0 : p->offset;
    size_t take = 0;
    if (offset < (long long)n)
        take = n - (size_t)offset < (size_t)limit ? n - (size_t)offset : (size_t)limit;
    if (take)
        rc = read_page(s, v + offset, take, out, err);
    free(v);
    if (rc) {
        out->total = 0;
        out->capped = false;
        out->estimate = 0;
        return RES_FAILED;
    }
    return RES_OK;
}
