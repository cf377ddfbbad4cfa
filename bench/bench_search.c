/* Search benchmark: N synthetic Chinese items in an SQLite file indexed with
 * the gongkai FTS5 tokenizer, then the latency of a few hundred one- and
 * two-term queries of 1-4 characters, against an in-run baseline: the same
 * queries as a plain LIKE '%...%' scan. Prints figures; asserts nothing.
 *
 *   bench_search [N [DBFILE]]     N defaults to 1,000,000
 *
 * Without DBFILE the database goes to a temporary folder and is removed at
 * the end. With DBFILE it is kept, and a later run with the same N reuses it
 * (generation is deterministic, so the data would be the same anyway).
 * BENCH_QUERIES (default 300) and BENCH_LIKE_QUERIES (default 30; each one
 * scans every row) change the number of queries. */
#include "store/sqlite/sqlite_fts.h"
#include "text/search_query.h"
#include "text/tokenize.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BENCH_NAME "bench_search"
#include "bench_corpus.h"

#define GENERATOR_VERSION 1
#define BOUNDED_RANK_STR "10000"


static long long query_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = prepare(db, sql);
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

static int count_token(void *ctx, const char *tok, size_t tok_len, size_t start, size_t end,
                       int flags)
{
    (void)tok, (void)tok_len, (void)start, (void)end, (void)flags;
    (*(size_t *)ctx)++;
    return 0;
}

static void generate(sqlite3 *db, long n)
{
    exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;"
             "CREATE TABLE items(id INTEGER PRIMARY KEY, agency TEXT NOT NULL,"
             " year INTEGER NOT NULL, title TEXT NOT NULL, body TEXT);"
             "CREATE VIRTUAL TABLE item_fts USING fts5(title, body, content='items',"
             " content_rowid='id', tokenize='gongkai');"
             "CREATE TABLE bench_meta(n INTEGER, version INTEGER);");
    sqlite3_stmt *ins = prepare(db, "INSERT INTO items VALUES (?1, ?2, ?3, ?4, ?5)");
    buf_t title = BUF_INIT, body = BUF_INIT;
    double t0 = now(), tok_time = 0;
    size_t bytes = 0, tokens = 0;
    exec(db, "BEGIN");
    for (long i = 1; i <= n; i++) {
        gen_title(&title);
        gen_body(&body);
        bytes += title.len + body.len;
        if (i <= 100000) { /* the tokenizer alone, on a sample */
            double a = now();
            tokenize(title.data, title.len, TOKENIZE_DOCUMENT, count_token, &tokens);
            tokenize(body.data, body.len, TOKENIZE_DOCUMENT, count_token, &tokens);
            tok_time += now() - a;
        }
        char agency[16];
        snprintf(agency, sizeof agency, "a%02d", (int)(rng() % 40));
        sqlite3_bind_int64(ins, 1, i);
        sqlite3_bind_text(ins, 2, agency, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(ins, 3, 2008 + (int)(rng() % 16));
        sqlite3_bind_text(ins, 4, title.data, (int)title.len, SQLITE_STATIC);
        sqlite3_bind_text(ins, 5, body.data, (int)body.len, SQLITE_STATIC);
        if (sqlite3_step(ins) != SQLITE_DONE)
            die(db, "insert");
        sqlite3_reset(ins);
    }
    exec(db, "COMMIT");
    sqlite3_finalize(ins);
    double t1 = now();
    long sample = n < 100000 ? n : 100000;
    printf("generate + insert %ld items: %.1f s (%.0f items/s), %.1f MB of text, avg %.0f "
           "bytes/item\n",
           n, t1 - t0, (double)n / (t1 - t0), (double)bytes / 1e6, (double)bytes / (double)n);
    printf("tokenizer alone (first %ld items): %.1f MB/s, %.1f M tokens/s, %.1f tokens/item\n",
           sample, (double)bytes / (double)n * (double)sample / 1e6 / tok_time,
           (double)tokens / 1e6 / tok_time, (double)tokens / (double)sample);
    exec(db, "BEGIN; INSERT INTO item_fts(item_fts) VALUES ('rebuild');"
             " INSERT INTO item_fts(item_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)'); COMMIT");
    double t2 = now();
    printf("FTS5 index build ('rebuild'): %.1f s (%.0f items/s)\n", t2 - t1, (double)n / (t2 - t1));
    exec(db, "INSERT INTO item_fts(item_fts) VALUES ('optimize')");
    double t3 = now();
    printf("FTS5 'optimize' (merge to one segment): %.1f s\n", t3 - t2);
    char meta[100];
    snprintf(meta, sizeof meta, "INSERT INTO bench_meta VALUES (%ld, %d)", n, GENERATOR_VERSION);
    exec(db, meta);
    buf_free(&title);
    buf_free(&body);
}


/* Runs st with ?1 = a (and ?2 = b when given) to completion; returns
 * milliseconds and adds the row count (or, with count_col, the count(*)
 * value) to *hits. */
static double timed(sqlite3 *db, sqlite3_stmt *st, const char *a, const char *b, int count_col,
                    long long *hits)
{
    double t = now();
    sqlite3_bind_text(st, 1, a, -1, SQLITE_TRANSIENT);
    if (b)
        sqlite3_bind_text(st, 2, b, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        *hits += count_col ? sqlite3_column_int64(st, 0) : 1;
    if (rc != SQLITE_DONE)
        die(db, a);
    sqlite3_reset(st);
    return (now() - t) * 1e3;
}


int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0); /* progress shows during a long run */
    vocab_init();
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000;
    int nq = (int)env_long("BENCH_QUERIES", 300);
    int nlike = (int)env_long("BENCH_LIKE_QUERIES", 30);
    if (n < 1 || nq < Q_KINDS || nq > 4000 || nlike < 0 || nlike > nq) {
        fprintf(stderr, "usage: bench_search [N [DBFILE]]  (BENCH_QUERIES 4..4000, "
                        "BENCH_LIKE_QUERIES <= BENCH_QUERIES)\n");
        return 2;
    }
    char dir[512] = "", path[600];
    if (!bench_db_path(argc > 2 ? argv[2] : NULL, dir, path))
        return 1;
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK || sqlite_fts_register(db) != SQLITE_OK)
        die(db, path);
    printf("bench_search: %ld items, database %s (SQLite %s)\n", n, path, sqlite3_libversion());
    int reuse = 0;
    if (query_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'bench_meta'") == 1) {
        char sql[100];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM bench_meta WHERE n = %ld AND version = %d",
                 n, GENERATOR_VERSION);
        reuse = query_int(db, sql) == 1;
        if (!reuse) {
            fprintf(stderr, "bench_search: %s holds other data; remove it first\n", path);
            return 1;
        }
        printf("reusing the items and index already in %s\n", path);
    }
    if (!reuse)
        generate(db, n);
    struct stat sb;
    if (stat(path, &sb) == 0)
        printf("database size: %.1f MB (%.0f bytes/item)\n", (double)sb.st_size / 1e6,
               (double)sb.st_size / (double)n);
    exec(db, "PRAGMA cache_size=-65536");

    rng_state = 42; /* the same queries whatever was generated before */
    query_t *qs = xcalloc((size_t)nq, sizeof *qs);
    for (int i = 0; i < nq; i++)
        make_query(&qs[i], i % Q_KINDS);

    /* The page queries a portal can run, each timed on every query. */
    static const struct {
        const char *label, *sql;
    } pages[] = {
        {"ranked page: ORDER BY rank LIMIT 20, with highlight()",
         "SELECT rowid, highlight(item_fts, 0, '<mark>', '</mark>') FROM item_fts"
         " WHERE item_fts MATCH ?1 ORDER BY rank LIMIT 20"},
        /* bm25 has to score every hit before the first row of a ranked page
         * exists, so its cost grows with the hit count; newest-first stops
         * after 20 hits. */
        {"newest-first page: ORDER BY rowid DESC LIMIT 20, with highlight()",
         "SELECT rowid, highlight(item_fts, 0, '<mark>', '</mark>') FROM item_fts"
         " WHERE item_fts MATCH ?1 ORDER BY rowid DESC LIMIT 20"},
    };
    enum { NPAGES = sizeof pages / sizeof *pages };
    sqlite3_stmt *page[NPAGES];
    for (int p = 0; p < NPAGES; p++)
        page[p] = prepare(db, pages[p].sql);
    sqlite3_stmt *count = prepare(db, "SELECT count(*) FROM item_fts WHERE item_fts MATCH ?1");
    char **match = xcalloc((size_t)nq, sizeof *match);
    for (int i = 0; i < nq; i++)
        match[i] = match_of(qs[i].text);

    /* warm the page cache once, so every figure below is a warm-cache figure */
    long long ignore = 0;
    for (int i = 0; i < nq; i++)
        timed(db, count, match[i], NULL, 1, &ignore);

    /* A middle way, in two steps: rank only the newest BOUNDED_RANK hits
     * (bounded cost, at the price of missing an old but very relevant item),
     * then highlight() just the 20 ids found. One statement with
     * "rowid IN (subquery)" is much slower: FTS5 then walks every hit. */
    sqlite3_stmt *bounded_ids = prepare(
        db, "SELECT id FROM (SELECT rowid AS id, rank AS r FROM item_fts WHERE item_fts MATCH ?1"
            " ORDER BY rowid DESC LIMIT " BOUNDED_RANK_STR ") ORDER BY r, id LIMIT 20");
    sqlite3_stmt *bounded_hl = prepare(
        db, "SELECT rowid, highlight(item_fts, 0, '<mark>', '</mark>') FROM item_fts"
            " WHERE item_fts MATCH ?1 AND rowid IN (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
            " ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)");

    static series page_s[NPAGES + 1][Q_KINDS + 1], count_s[Q_KINDS + 1];
    for (int i = 0; i < nq; i++) {
        int k = qs[i].kind;
        for (int p = 0; p < NPAGES; p++) {
            long long h = 0;
            double ms = timed(db, page[p], match[i], NULL, 0, &h);
            add(&page_s[p][k], ms, h);
            add(&page_s[p][Q_KINDS], ms, h);
        }
        double t = now();
        sqlite3_bind_text(bounded_ids, 1, match[i], -1, SQLITE_TRANSIENT);
        sqlite3_clear_bindings(bounded_hl);
        sqlite3_bind_text(bounded_hl, 1, match[i], -1, SQLITE_TRANSIENT);
        for (int p = 2; sqlite3_step(bounded_ids) == SQLITE_ROW; p++)
            sqlite3_bind_int64(bounded_hl, p, sqlite3_column_int64(bounded_ids, 0));
        sqlite3_reset(bounded_ids);
        long long h = 0;
        while (sqlite3_step(bounded_hl) == SQLITE_ROW)
            h++;
        sqlite3_reset(bounded_hl);
        add(&page_s[NPAGES][k], (now() - t) * 1e3, h);
        add(&page_s[NPAGES][Q_KINDS], (now() - t) * 1e3, h);
        h = 0;
        double ms = timed(db, count, match[i], NULL, 1, &h);
        add(&count_s[k], ms, h);
        add(&count_s[Q_KINDS], ms, h);
    }
    printf("\nFTS5 + gongkai tokenizer, %d queries, warm cache\n", nq);
    for (int p = 0; p <= NPAGES; p++) {
        printf(" %s\n", p < NPAGES ? pages[p].label
                                   : "ranked among the newest " BOUNDED_RANK_STR
                                     " hits, then highlight() of those 20");
        printf("  %-10s %5s %10s %10s %12s\n", "kind", "n", "p50 ms", "p99 ms", "mean rows");
        for (int k = 0; k <= Q_KINDS; k++)
            print_row(k < Q_KINDS ? kind_name[k] : "all", &page_s[p][k]);
    }
    printf(" count(*) of all hits\n");
    printf("  %-10s %5s %10s %10s %12s\n", "kind", "n", "p50 ms", "p99 ms", "mean hits");
    for (int k = 0; k <= Q_KINDS; k++)
        print_row(k < Q_KINDS ? kind_name[k] : "all", &count_s[k]);

    /* Baseline: the same count with LIKE over title and body, a full scan of
     * every row, on an evenly spread sample of the queries (it is slow). The
     * FTS figure for the ratio is measured on the same sample. */
    if (nlike > 0) {
        sqlite3_stmt *like1 =
            prepare(db, "SELECT count(*) FROM items"
                        " WHERE title LIKE '%'||?1||'%' OR body LIKE '%'||?1||'%'");
        sqlite3_stmt *like2 =
            prepare(db, "SELECT count(*) FROM items"
                        " WHERE (title LIKE '%'||?1||'%' OR body LIKE '%'||?1||'%')"
                        " AND (title LIKE '%'||?2||'%' OR body LIKE '%'||?2||'%')");
        static series like_s, fts_s;
        long long mismatches = 0;
        for (int j = 0; j < nlike; j++) {
            int i = (int)((long)j * nq / nlike);
            long long lh = 0, fh = 0;
            char a[64];
            snprintf(a, sizeof a, "%s", qs[i].text);
            char *b = strchr(a, ' ');
            if (b)
                *b++ = '\0';
            double ms = timed(db, b ? like2 : like1, a, b, 1, &lh);
            add(&like_s, ms, lh);
            ms = timed(db, count, match[i], NULL, 1, &fh);
            add(&fts_s, ms, fh);
            /* for strings of Chinese characters both mean "contains": the
             * counts must agree, a check on the index printed below */
            mismatches += lh != fh;
        }
        double lp50 = pct(&like_s, 0.5), fp50 = pct(&fts_s, 0.5);
        double lp99 = pct(&like_s, 0.99), fp99 = pct(&fts_s, 0.99);
        printf(
            "\nbaseline: LIKE '%%...%%' full scan of %ld rows, %d of the queries (count of hits)\n",
            n, nlike);
        printf("  %-10s %5s %10s %10s %12s\n", "", "n", "p50 ms", "p99 ms", "mean hits");
        print_row("LIKE", &like_s);
        print_row("FTS5", &fts_s);
        printf("  ratio LIKE/FTS5: p50 %.0fx, p99 %.0fx; queries whose counts differ: %lld\n",
               fp50 > 0 ? lp50 / fp50 : 0, fp99 > 0 ? lp99 / fp99 : 0, mismatches);
        sqlite3_finalize(like1);
        sqlite3_finalize(like2);
    }

    for (int i = 0; i < nq; i++)
        free(match[i]);
    free(match);
    free(qs);
    for (int p = 0; p < NPAGES; p++)
        sqlite3_finalize(page[p]);
    sqlite3_finalize(bounded_ids);
    sqlite3_finalize(bounded_hl);
    sqlite3_finalize(count);
    sqlite3_close(db);
    if (dir[0]) {
        unlink(path);
        rmdir(dir);
    }
    return 0;
}
