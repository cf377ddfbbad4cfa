/* Search as the portal runs it: N synthetic items in a gongkai database (the real schema,
 * the FTS5 triggers of 003_search.sql), then the latency of a few hundred one- and
 * two-term queries of 1-4 characters
 *   - through store_search() (count up to the cap, rank, page of 20 with highlights), and
 *   - through the real server: GET /api/v1/search on a loopback port (libcurl, keep-alive),
 * against an in-run baseline: the textbook query (count(*) of every hit, then ORDER BY rank
 * LIMIT 20 with highlight()), which is what a naive search page would run. Prints figures;
 * asserts nothing.
 *
 *   bench_search_http [N [DBFILE]]     N defaults to 1,000,000
 *
 * With DBFILE the database is kept and reused by a later run with the same N.
 * BENCH_QUERIES (default 300) and BENCH_BASELINE_QUERIES (default 60) set the number of
 * queries. The vocabulary and the text generator follow bench/bench_search.c. */
#include "store/sqlite/sqlite_fts.h"
#include "store/store.h"
#include "store/store_search.h"
#include "text/search_query.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "web/portal.h"
#include "web/server.h"
#include <curl/curl.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BENCH_NAME "bench_search_http"
#include "bench_corpus.h"

#define GENERATOR_VERSION 1
#define AGENCIES 40

static const char *const columns[] = {"gkml/gsgg", "gkml/wjfg", "gkml/zdxm", "zfxxgk/fdzdgknr", "bmfw/bszn",
                                      "bmfw/shbz", "qyzc/zsyz", "gzdt"};

static void generate(const char *path, long n)
{
    store_t *s;
    char *err = NULL;
    if (store_open(path, &s, &err) || store_migrate(s, &err)) {
        fprintf(stderr, "bench_search_http: %s\n", err);
        exit(1);
    }
    store_close(s);
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK || sqlite_fts_register(db) != SQLITE_OK)
        die(db, path);
    exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;"
             "CREATE TABLE bench_meta(n INTEGER, version INTEGER);");
    exec(db, "BEGIN");
    exec(db, "INSERT INTO agencies (id, code, name, path, depth, kind) VALUES (1, 'root', '工农区人民政府', '/1/', 0,"
             " 'government')");
    sqlite3_stmt *ag = prepare(db, "INSERT INTO agencies (id, code, name, parent_code, parent_id, path, depth, kind)"
                                   " VALUES (?1, ?2, ?3, 'root', 1, ?4, 1, 'department')");
    for (int i = 2; i <= AGENCIES + 1; i++) {
        char code[16], name[64], p[32];
        snprintf(code, sizeof code, "a%02d", i);
        snprintf(name, sizeof name, "工农区第%d局", i);
        snprintf(p, sizeof p, "/1/%d/", i);
        sqlite3_bind_int(ag, 1, i);
        sqlite3_bind_text(ag, 2, code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ag, 3, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ag, 4, p, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(ag) != SQLITE_DONE)
            die(db, "agency");
        sqlite3_reset(ag);
    }
    sqlite3_finalize(ag);
    sqlite3_stmt *ins = prepare(db, "INSERT INTO items (id, ext_id, agency_id, column_slug, title, body, index_no,"
                                    " statutory, written, first_published) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    sqlite3_stmt *pub = prepare(db, "INSERT INTO publications (item_id, agency_id, channel, at, year)"
                                    " VALUES (?1, ?2, 'website', ?3, CAST(substr(?3, 1, 4) AS INTEGER))");
    buf_t title = BUF_INIT, body = BUF_INIT;
    double t0 = now();
    for (long i = 1; i <= n; i++) {
        gen_title(&title);
        gen_body(&body);
        char ext[32], idx[48], date[40];
        snprintf(ext, sizeof ext, "b%ld", i);
        snprintf(idx, sizeof idx, "bench/%ld", i);
        /* dates rise with the id (imports come in time order), with some jitter */
        long day = (long)((double)i / (double)n * 5800.0) + (long)(rng() % 60);
        int y = 2008 + (int)(day / 365), doy = (int)(day % 365);
        snprintf(date, sizeof date, "%04d-%02d-%02d", y > 2023 ? 2023 : y, 1 + doy / 31 % 12, 1 + doy % 28);
        int agency = 2 + (int)(rng() % AGENCIES);
        bool statutory = rng() % 50 == 0;
        sqlite3_bind_int64(ins, 1, i);
        sqlite3_bind_text(ins, 2, ext, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(ins, 3, agency);
        sqlite3_bind_text(ins, 4, columns[rng() % (sizeof columns / sizeof *columns)], -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 5, title.data, (int)title.len, SQLITE_STATIC);
        sqlite3_bind_text(ins, 6, body.data, (int)body.len, SQLITE_STATIC);
        sqlite3_bind_text(ins, 7, idx, -1, SQLITE_TRANSIENT);
        if (statutory) {
            sqlite3_bind_text(ins, 8, "normative_document", -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 9, date, -1, SQLITE_TRANSIENT);
        } else {
            sqlite3_bind_null(ins, 8);
            sqlite3_bind_null(ins, 9);
        }
        sqlite3_bind_text(ins, 10, date, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(ins) != SQLITE_DONE)
            die(db, "insert item");
        sqlite3_reset(ins);
        sqlite3_bind_int64(pub, 1, i);
        sqlite3_bind_int(pub, 2, agency);
        sqlite3_bind_text(pub, 3, date, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(pub) != SQLITE_DONE)
            die(db, "insert publication");
        sqlite3_reset(pub);
        if (i % 100000 == 0) {
            printf("  %ld items, %.0f s\n", i, now() - t0);
            fflush(stdout);
        }
    }
    sqlite3_finalize(ins);
    sqlite3_finalize(pub);
    exec(db, "COMMIT");
    double t1 = now();
    printf("generate + insert + index %ld items (the triggers of 003_search.sql): %.1f s (%.0f items/s)\n", n,
           t1 - t0, (double)n / (t1 - t0));
    exec(db, "INSERT INTO item_fts(item_fts) VALUES ('optimize'); ANALYZE;");
    printf("FTS5 'optimize' + ANALYZE: %.1f s\n", now() - t1);
    char meta[100];
    snprintf(meta, sizeof meta, "INSERT INTO bench_meta VALUES (%ld, %d)", n, GENERATOR_VERSION);
    exec(db, meta);
    exec(db, "PRAGMA journal_mode=WAL");
    sqlite3_close(db);
    buf_free(&title);
    buf_free(&body);
}



static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
    buf_append(ud, p, size * n);
    return size * n;
}

static char *enc(const char *s)
{
    buf_t b = BUF_INIT;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
            buf_putc(&b, (char)*p);
        else
            buf_printf(&b, "%%%02X", *p);
    }
    return buf_take(&b);
}

int main(int argc, char **argv)
{
    vocab_init();
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000;
    int nq = (int)env_long("BENCH_QUERIES", 300), nbase = (int)env_long("BENCH_BASELINE_QUERIES", 60);
    if (nq > 4096)
        nq = 4096;
    char dir[512] = "", path[600];
    if (!bench_db_path(argc > 2 ? argv[2] : NULL, dir, path))
        return 1;
    printf("bench_search_http: %ld items, database %s (SQLite %s)\n", n, path, sqlite3_libversion());
    bool reuse = false;
    {
        sqlite3 *db;
        if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
            sqlite3_stmt *st;
            if (sqlite3_prepare_v2(db, "SELECT n, version FROM bench_meta", -1, &st, NULL) == SQLITE_OK) {
                reuse = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) == n &&
                        sqlite3_column_int(st, 1) == GENERATOR_VERSION;
                sqlite3_finalize(st);
            }
        }
        sqlite3_close(db);
    }
    if (reuse) {
        printf("reusing the items and index already in %s\n", path);
    } else {
        struct stat sb;
        if (stat(path, &sb) == 0) {
            fprintf(stderr, "bench_search_http: %s holds other data; remove it first\n", path);
            return 1;
        }
        generate(path, n);
    }

    /* the same queries for every method */
    query_t *qs = xcalloc((size_t)nq, sizeof *qs);
    rng_state = 0x1234567ull;
    for (int i = 0; i < nq; i++)
        make_query(&qs[i], i % Q_KINDS);

    store_t *s;
    char *err = NULL;
    if (store_open(path, &s, &err)) {
        fprintf(stderr, "bench_search_http: %s\n", err);
        return 1;
    }
    /* warm the cache: one pass, not timed */
    series kinds[Q_KINDS] = {0}, all = {0}, capped = {0};
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < nq; i++) {
            struct search_terms m;
            if (!search_terms_parse(qs[i].text, &m)) {
                search_terms_free(&m);
                continue;
            }
            struct search_params p = {.terms = &m, .filter = {.today = "2099-12-31"}, .limit = 20};
            struct search_result r;
            double t = now();
            if (store_search(s, &p, &r, &err)) {
                fprintf(stderr, "bench_search_http: %s\n", err);
                return 1;
            }
            double ms = (now() - t) * 1e3;
            if (pass) {
                add(&kinds[qs[i].kind], ms, r.total);
                add(&all, ms, r.total);
                if (r.capped)
                    add(&capped, ms, r.total);
            }
            search_result_clear(&r);
            search_terms_free(&m);
        }
    }
    printf("\nstore_search (count up to %d, rank, page of 20 with highlights), ms:\n", SEARCH_HIT_CAP);
    printf("  %-12s %5s %10s %10s %12s\n", "query", "n", "p50", "p99", "hits/query");
    for (int k = 0; k < Q_KINDS; k++)
        print_row(kind_name[k], &kinds[k]);
    print_row("all", &all);
    print_row("capped", &capped);
    double store_p50 = pct(&all, 0.5), store_p99 = pct(&all, 0.99);

    /* baseline: count(*) of every hit, then ORDER BY rank LIMIT 20 with highlight() */
    sqlite3 *db;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK || sqlite_fts_register(db) != SQLITE_OK)
        die(db, path);
    sqlite3_stmt *cnt = prepare(db, "SELECT count(*) FROM item_fts WHERE item_fts MATCH ?1");
    sqlite3_stmt *top = prepare(db, "SELECT rowid, highlight(item_fts, 0, char(2), char(3)),"
                                    " snippet(item_fts, 1, char(2), char(3), '…', 40) FROM item_fts"
                                    " WHERE item_fts MATCH ?1 ORDER BY rank LIMIT 20");
    series base = {0};
    for (int i = 0; i < nbase && i < nq; i++) {
        char *m = match_of(qs[i].text);
        if (!m)
            continue;
        double t = now();
        long long hits = 0;
        sqlite3_bind_text(cnt, 1, m, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(cnt) == SQLITE_ROW)
            hits = sqlite3_column_int64(cnt, 0);
        sqlite3_reset(cnt);
        sqlite3_bind_text(top, 1, m, -1, SQLITE_TRANSIENT);
        while (sqlite3_step(top) == SQLITE_ROW) {
        }
        sqlite3_reset(top);
        add(&base, (now() - t) * 1e3, hits);
        free(m);
    }
    sqlite3_finalize(cnt);
    sqlite3_finalize(top);
    sqlite3_close(db);
    printf("\nbaseline (count(*) of every hit + ORDER BY rank LIMIT 20), first %d queries, ms:\n", base.n);
    print_row("all", &base);
    store_close(s);

    /* through the server */
    struct portal *portal = portal_open(path, NULL, &err);
    if (!portal) {
        fprintf(stderr, "bench_search_http: portal: %s\n", err);
        return 1;
    }
    size_t nroutes;
    const struct route *routes = portal_routes(&nroutes);
    struct server_config cfg = server_config_defaults();
    cfg.port = 0;
    cfg.threads = 2;
    server_t *srv = server_start(&cfg, routes, nroutes, portal, &err);
    if (!srv) {
        fprintf(stderr, "bench_search_http: server: %s\n", err);
        return 1;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL *c = curl_easy_init();
    buf_t body = BUF_INIT;
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    series http_all = {0}, http_kinds[Q_KINDS] = {0};
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < nq; i++) {
            char *e = enc(qs[i].text), url[512];
            snprintf(url, sizeof url, "http://127.0.0.1:%d/api/v1/search?q=%s", server_port(srv), e);
            free(e);
            curl_easy_setopt(c, CURLOPT_URL, url);
            buf_reset(&body);
            double t = now();
            CURLcode rc = curl_easy_perform(c);
            double ms = (now() - t) * 1e3;
            long status = 0;
            curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
            if (rc != CURLE_OK || status != 200) {
                fprintf(stderr, "bench_search_http: %s: %s %ld\n", url, curl_easy_strerror(rc), status);
                return 1;
            }
            if (pass) {
                add(&http_all, ms, 0);
                add(&http_kinds[qs[i].kind], ms, 0);
            }
        }
    }
    printf("\nGET /api/v1/search over HTTP (loopback, keep-alive), ms:\n");
    for (int k = 0; k < Q_KINDS; k++)
        print_row(kind_name[k], &http_kinds[k]);
    print_row("all", &http_all);
    buf_free(&body);
    curl_easy_cleanup(c);
    curl_global_cleanup();
    server_stop(srv);
    portal_close(portal);

    printf("\nratios against the baseline (same run): store p50 %.2fx, p99 %.2fx faster\n",
           store_p50 > 0 ? pct(&base, 0.5) / store_p50 : 0, store_p99 > 0 ? pct(&base, 0.99) / store_p99 : 0);
    printf("target (1M items, one- and two-term queries): p50 < 5 ms, p99 < 50 ms; HTTP p50 %.2f ms, p99 %.2f ms\n",
           pct(&http_all, 0.5), pct(&http_all, 0.99));
    free(qs);
    if (dir[0]) {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", dir);
    }
    return 0;
}
