/* Shared by the SQLite backend's files only. */
#ifndef GK_SQLITE_INTERNAL_H
#define GK_SQLITE_INTERNAL_H
#include "store/store.h"
#include <sqlite3.h>

#define STMT_CACHE_SIZE 96

struct store {
    sqlite3 *db;
    char *path;
    /* Prepared statements, keyed by the address of their (static) SQL text. */
    struct {
        const char *sql;
        sqlite3_stmt *stmt;
    } cache[STMT_CACHE_SIZE];
    int ncache;
    /* The last agency code resolved by a write (see agency_of in sqlite_write.c). */
    char last_agency_code[128];
    long long last_agency_id;
};

/* A reset, cleared statement for SQL (prepared once per connection). NULL + *err on failure. */
sqlite3_stmt *sq_stmt(store_t *s, const char *sql, char **err);
/* Resets every cached statement. A statement left on a row keeps its read snapshot
 * open, and a long-lived server connection would then never see newer commits: every
 * public read function ends with this. */
void sq_reset_all(store_t *s);
/* *err = "<what>: <sqlite message>"; returns -1. */
int sq_fail(store_t *s, const char *what, char **err);

/* Binding helpers: NULL strings and NO_DATE bind SQL NULL. */
void sq_bind_text(sqlite3_stmt *st, int i, const char *v);
void sq_bind_date(sqlite3_stmt *st, int i, gk_date d);
void sq_bind_int(sqlite3_stmt *st, int i, long long v);
void sq_bind_opt_int(sqlite3_stmt *st, int i, long long v, bool present);
/* Column helpers. */
const char *sq_col_text(sqlite3_stmt *st, int i); /* NULL for SQL NULL */
gk_date sq_col_date(sqlite3_stmt *st, int i);     /* NO_DATE for NULL */
char *sq_col_dup(sqlite3_stmt *st, int i);        /* malloc'd copy or NULL */

/* Runs one statement to completion; 0 or -1 with *err. */
int sq_exec_step(store_t *s, sqlite3_stmt *st, const char *what, char **err);
/* Looks up an agency id by code: 0 found, 1 unknown, -1 error. */
int sq_agency_id(store_t *s, const char *code, long long *id, char **err);

/* Date range of a year as bound text. */
void sq_year_bounds(int year, char from[11], char to[11]);

#endif
