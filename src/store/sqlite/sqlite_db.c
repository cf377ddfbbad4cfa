/* SQLite backend: connection, pragmas, migrations, transactions, statement cache. */
#include "store/sqlite/sqlite_fts.h"
#include "store/sqlite/sqlite_internal.h"
#include "util/embed.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Migrations are the embedded files assets/sql/sqlite/NNN_*.sql, applied in order. */
static const char *const migrations[] = {
    "sql/sqlite/001_schema.sql",
    "sql/sqlite/002_portal.sql",
    "sql/sqlite/003_search.sql",
    "sql/sqlite/004_search_bulk.sql",
    "sql/sqlite/005_item_counts.sql",
    "sql/sqlite/006_report_figures.sql", /* report figures cache: per-(agency, year) marks */
    "sql/sqlite/007_holidays.sql", /* the statutory clock: imported holiday notices */
    "sql/sqlite/008_accounts.sql", /* staff accounts, sessions, login throttling, audit log */
    "sql/sqlite/009_item_workflow.sql", /* the editorial workflow */
    "sql/sqlite/010_service_guides.sql", /* service guides */
    "sql/sqlite/011_messages.sql", /* messages (互动交流) */
    "sql/sqlite/012_attachments_channels.sql", /* attachments by content, the channels' outbox */
    "sql/sqlite/013_applications_workflow.sql", /* applications: applicant details, receipt note */
    "sql/sqlite/014_content_version.sql", /* content version: public pages' cache key */
};
#define MIGRATION_COUNT ((int)(sizeof migrations / sizeof migrations[0]))

_Static_assert(MIGRATION_COUNT == 14, "a new migration raises STORE_SCHEMA_VERSION in store.c (every backend)");

int sq_fail(store_t *s, const char *what, char **err)
{
    if (err) {
        free(*err);
        *err = xasprintf("%s: %s", what, s && SQ(s)->db ? sqlite3_errmsg(SQ(s)->db) : "no database");
    }
    return -1;
}

/* Page cache sizes (negative: KiB). Serving needs little per connection; an import of a
 * million items keeps its indexes' working set in memory with a larger one (bench_records:
 * 8 MB made the 1M-item import twice as slow as 64 MB). */
#define CACHE_KIB_SERVING 8000
#define CACHE_KIB_BULK 65536

static void set_cache(store_t *s, int kib)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA cache_size=-%d", kib);
    sqlite3_exec(SQ(s)->db, sql, NULL, NULL, NULL);
}

res_t sqlite_open(const char *target, store_t **out, char **err)
{
    *out = NULL;
    struct sqlite_store *q = xcalloc(1, sizeof *q);
    q->base.ops = &sqlite_ops;
    store_t *s = &q->base;
    SQ(s)->path = xstrdup(target);
    bool read_only = sqlite_target_read_only(target);
    char *why = NULL;
    int rc = read_only ? sq_open_read_only(target, &SQ(s)->db, &why)
                       : sqlite3_open_v2(target, &SQ(s)->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        *err = why ? why : xasprintf("%s: %s", target, SQ(s)->db ? sqlite3_errmsg(SQ(s)->db) : sqlite3_errstr(rc));
        sqlite_close(s);
        return -1;
    }
    sqlite3_busy_timeout(SQ(s)->db, 5000);
    /* The Chinese tokenizer lives per connection; FTS tables and their triggers need it. */
    if (sqlite_fts_register(SQ(s)->db) != SQLITE_OK) {
        sq_fail(s, "register the search tokenizer", err);
        sqlite_close(s);
        return -1;
    }
    /* WAL lets the portal read while an import writes; foreign keys are off by default in SQLite.
     * The page cache is small per connection (the server holds one per thread) and larger
     * during a bulk import: see set_cache. */
    const char *pragmas = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
                          "PRAGMA temp_store=MEMORY;";
    /* Changing the journal mode writes the file header: not on a read-only file. */
    if (read_only)
        pragmas += strlen("PRAGMA journal_mode=WAL; ");
    if (sqlite3_exec(SQ(s)->db, pragmas, NULL, NULL, NULL) != SQLITE_OK) {
        sq_fail(s, target, err);
        sqlite_close(s);
        return -1;
    }
    set_cache(s, CACHE_KIB_SERVING);
    *out = s;
    return 0;
}

void sqlite_close(store_t *s)
{
    if (!s)
        return;
    for (int i = 0; i < SQ(s)->ncache; i++)
        sqlite3_finalize(SQ(s)->cache[i].stmt);
    sqlite3_close(SQ(s)->db);
    free(SQ(s)->path);
    free(SQ(s));
}

int sqlite_schema_version(store_t *s)
{
    sqlite3_stmt *st;
    int v = 0;
    if (sqlite3_prepare_v2(SQ(s)->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    return v;
}

res_t sqlite_migrate(store_t *s, char **err)
{
    int have = sqlite_schema_version(s);
    if (have > MIGRATION_COUNT) {
        *err = xasprintf("%s: schema version %d is newer than this program (%d)", SQ(s)->path, have, MIGRATION_COUNT);
        return -1;
    }
    for (int v = have; v < MIGRATION_COUNT; v++) {
        const struct embedded_file *f = embedded_find(migrations[v]);
        if (!f) {
            *err = xasprintf("migration %s is missing from the binary", migrations[v]);
            return -1;
        }
        if (sqlite_begin(s, err))
            return -1;
        char *msg = NULL;
        if (sqlite3_exec(SQ(s)->db, (const char *)f->data, NULL, NULL, &msg) != SQLITE_OK) {
            *err = xasprintf("%s: %s", migrations[v], msg ? msg : "failed");
            sqlite3_free(msg);
            sqlite_rollback(s);
            return -1;
        }
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version=%d", v + 1);
        if (sqlite3_exec(SQ(s)->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
            sq_fail(s, "set schema version", err);
            sqlite_rollback(s);
            return -1;
        }
        if (sqlite_commit(s, err))
            return -1;
    }
    return 0;
}

res_t sqlite_begin(store_t *s, char **err)
{
    /* IMMEDIATE takes the write lock up front, so a concurrent writer waits (busy timeout)
     * instead of failing half-way through an import. */
    if (sqlite3_exec(SQ(s)->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return sq_fail(s, "begin", err);
    return 0;
}

res_t sqlite_commit(store_t *s, char **err)
{
    if (sqlite3_exec(SQ(s)->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        return sq_fail(s, "commit", err);
    return 0;
}

void sqlite_rollback(store_t *s)
{
    SQ(s)->last_agency_id = 0; /* it may name an agency the rollback removes */
    set_cache(s, CACHE_KIB_SERVING); /* a bulk import that failed ends here */
    if (!sqlite3_get_autocommit(SQ(s)->db))
        sqlite3_exec(SQ(s)->db, "ROLLBACK", NULL, NULL, NULL);
}

void sq_reset_all(store_t *s)
{
    for (int i = 0; i < SQ(s)->ncache; i++)
        sqlite3_reset(SQ(s)->cache[i].stmt);
}

sqlite3_stmt *sq_stmt(store_t *s, const char *sql, char **err)
{
    for (int i = 0; i < SQ(s)->ncache; i++)
        if (SQ(s)->cache[i].sql == sql) {
            sqlite3_reset(SQ(s)->cache[i].stmt);
            sqlite3_clear_bindings(SQ(s)->cache[i].stmt);
            return SQ(s)->cache[i].stmt;
        }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(SQ(s)->db, sql, -1, &st, NULL) != SQLITE_OK) {
        sq_fail(s, "prepare", err);
        return NULL;
    }
    if (SQ(s)->ncache < STMT_CACHE_SIZE) {
        SQ(s)->cache[SQ(s)->ncache].sql = sql;
        SQ(s)->cache[SQ(s)->ncache].stmt = st;
        SQ(s)->ncache++;
    } else {
        /* The cache is sized for every statement the program has; running out is a bug. */
        fprintf(stderr, "gongkai: internal: statement cache full\n");
        abort();
    }
    return st;
}

void sq_bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

void sq_bind_date(sqlite3_stmt *st, int i, gk_date d)
{
    if (d == NO_DATE) {
        sqlite3_bind_null(st, i);
        return;
    }
    char buf[DATE_STR_SIZE];
    sqlite3_bind_text(st, i, date_format(d, buf), 10, SQLITE_TRANSIENT);
}

void sq_bind_int(sqlite3_stmt *st, int i, long long v)
{
    sqlite3_bind_int64(st, i, v);
}

void sq_bind_opt_int(sqlite3_stmt *st, int i, long long v, bool present)
{
    if (present)
        sqlite3_bind_int64(st, i, v);
    else
        sqlite3_bind_null(st, i);
}

const char *sq_col_text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

gk_date sq_col_date(sqlite3_stmt *st, int i)
{
    gk_date d;
    const char *t = sq_col_text(st, i);
    return t && date_parse(t, &d) ? d : NO_DATE;
}

char *sq_col_dup(sqlite3_stmt *st, int i)
{
    const char *t = sq_col_text(st, i);
    return t ? xstrdup(t) : NULL;
}

int sq_exec_step(store_t *s, sqlite3_stmt *st, const char *what, char **err)
{
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return sq_fail(s, what, err);
    return 0;
}

int sq_agency_id(store_t *s, const char *code, long long *id, char **err)
{
    static const char sql[] = "SELECT id FROM agencies WHERE code = ?1";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return -1;
    sq_bind_text(st, 1, code);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        return 0;
    }
    return rc == SQLITE_DONE ? 1 : sq_fail(s, "agency lookup", err);
}

void sq_year_bounds(int year, char from[11], char to[11])
{
    /* Years come validated (1..9999) from the command line and the records. */
    year = year < 1 ? 1 : year > 9999 ? 9999 : year;
    date_format(date_from_ymd(year, 1, 1), from);
    date_format(date_from_ymd(year, 12, 31), to);
}

res_t sqlite_bulk_begin(store_t *s, char **err)
{
    static const char sql[] = "INSERT INTO fts_pending (first_id) SELECT COALESCE(MAX(id), 0) + 1 FROM items";
    set_cache(s, CACHE_KIB_BULK);
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    return st ? sq_exec_step(s, st, "bulk import", err) : -1;
}

res_t sqlite_bulk_end(store_t *s, char **err)
{
    static const char index_new[] =
        "INSERT INTO item_fts (rowid, title, body, doc_no) SELECT id, title, body, doc_no FROM items"
        " WHERE id >= (SELECT MIN(first_id) FROM fts_pending)";
    static const char done[] = "DELETE FROM fts_pending";
    sqlite3_stmt *st = sq_stmt(s, index_new, err);
    if (!st || sq_exec_step(s, st, "search index", err))
        return -1;
    st = sq_stmt(s, done, err);
    set_cache(s, CACHE_KIB_SERVING);
    return st ? sq_exec_step(s, st, "bulk import", err) : -1;
}
