/* SQLite backend: the audit log (store_audit.h). The chain's hash is domain/audit_chain.c;
 * this file only keeps the rows and the head. */
#include "domain/audit_chain.h"
#include "store/sqlite/sqlite_internal.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

#define AUDIT_COLUMNS "id, at, actor, client_addr, action, object, before_json, after_json, hash"

static void read_entry(sqlite3_stmt *st, struct audit_entry *e)
{
    e->id = sqlite3_column_int64(st, 0);
    e->at = sqlite3_column_int64(st, 1);
    e->actor = sq_col_text(st, 2);
    e->client_addr = sq_col_text(st, 3);
    e->action = sq_col_text(st, 4);
    e->object = sq_col_text(st, 5);
    e->before_json = sq_col_text(st, 6);
    e->after_json = sq_col_text(st, 7);
    e->hash = sq_col_text(st, 8);
}

res_t sqlite_audit_append(store_t *s, struct audit_entry *e, char **err)
{
    static const char last_sql[] = "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1";
    static const char add_sql[] = "INSERT INTO audit_log (" AUDIT_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
    static const char head_sql[] = "INSERT INTO audit_head (one, last_id, hash) VALUES (1, ?1, ?2)"
                                   " ON CONFLICT (one) DO UPDATE SET last_id = excluded.last_id, hash = excluded.hash";
    *err = NULL;
    /* The row before and this one must be read and written under one write lock. */
    bool own;
    if (!sq_begin_own(s, &own, err))
        return RES_FAILED;
    res_t r = RES_FAILED;
    char prev[AUDIT_HASH_HEX], hash[AUDIT_HASH_HEX];
    memcpy(prev, audit_chain_start, AUDIT_HASH_HEX);
    long long last = 0;
    sqlite3_stmt *st = sq_stmt(s, last_sql, err);
    if (!st)
        goto done;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        last = sqlite3_column_int64(st, 0);
        const char *h = sq_col_text(st, 1);
        if (h && strlen(h) == AUDIT_HASH_HEX - 1)
            memcpy(prev, h, AUDIT_HASH_HEX);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        sq_fail(s, "audit_log", err);
        goto done;
    }
    e->id = last + 1;
    struct audit_content c = {e->id, e->at, e->actor ? e->actor : "", e->client_addr ? e->client_addr : "",
                              e->action ? e->action : "", e->object ? e->object : "", e->before_json,
                              e->after_json};
    audit_chain_hash(prev, &c, hash);
    st = sq_stmt(s, add_sql, err);
    if (!st)
        goto done;
    sq_bind_int(st, 1, c.id);
    sq_bind_int(st, 2, c.at);
    sq_bind_text(st, 3, c.actor);
    sq_bind_text(st, 4, c.client_addr);
    sq_bind_text(st, 5, c.action);
    sq_bind_text(st, 6, c.object);
    sq_bind_text(st, 7, c.before_json);
    sq_bind_text(st, 8, c.after_json);
    sq_bind_text(st, 9, hash);
    rc = sq_exec_step(s, st, "audit_log", err);
    sqlite3_reset(st);
    if (rc)
        goto done;
    st = sq_stmt(s, head_sql, err);
    if (!st)
        goto done;
    sq_bind_int(st, 1, c.id);
    sq_bind_text(st, 2, hash);
    rc = sq_exec_step(s, st, "audit_head", err);
    sqlite3_reset(st);
    if (rc)
        goto done;
    r = RES_OK;
done:
    return sq_end_own(s, own, r, err);
}

/* " WHERE …" for F, its values into B. */
static void where(const struct audit_filter *f, buf_t *sql, struct sq_binds *b)
{
    buf_puts(sql, " WHERE 1");
    if (!f)
        return;
    if (f->actor && *f->actor) {
        buf_printf(sql, " AND actor = ?%d", b->n + 1);
        sq_binds_text(b, f->actor);
    }
    if (f->action && *f->action) {
        size_t n = strlen(f->action);
        if (f->action[n - 1] == '.')
            buf_printf(sql, " AND substr(action, 1, %zu) = ?%d", n, b->n + 1);
        else
            buf_printf(sql, " AND action = ?%d", b->n + 1);
        sq_binds_text(b, f->action);
    }
    if (f->object && *f->object) {
        buf_printf(sql, " AND object = ?%d", b->n + 1);
        sq_binds_text(b, f->object);
    }
    if (f->from) {
        buf_printf(sql, " AND at >= ?%d", b->n + 1);
        sq_binds_num(b, f->from);
    }
    if (f->to) {
        buf_printf(sql, " AND at < ?%d", b->n + 1);
        sq_binds_num(b, f->to);
    }
}

res_t sqlite_audit_each(store_t *s, const struct audit_filter *f, bool newest_first, long long offset,
                        long long limit, int (*fn)(const struct audit_entry *e, void *ud), void *ud, char **err)
{
    *err = NULL;
    buf_t sql = BUF_INIT;
    struct sq_binds *b = xcalloc(1, sizeof *b);
    buf_puts(&sql, "SELECT " AUDIT_COLUMNS " FROM audit_log");
    where(f, &sql, b);
    buf_printf(&sql, " ORDER BY id %s LIMIT ?%d OFFSET ?%d", newest_first ? "DESC" : "ASC", b->n + 1, b->n + 2);
    sq_binds_num(b, limit < 0 ? -1 : limit);
    sq_binds_num(b, offset < 0 ? 0 : offset);
    res_t r = RES_FAILED;
    sqlite3_stmt *st = sq_prepare_binds(s, &sql, b, "audit_log", err);
    if (!st)
        goto done;
    int rc;
    struct audit_entry e;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        read_entry(st, &e);
        if (fn(&e, ud) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    r = rc == SQLITE_DONE ? RES_OK : (sq_fail(s, "audit_log", err), RES_FAILED);
done:
    sqlite3_finalize(st);
    buf_free(&sql);
    free(b);
    return r;
}

res_t sqlite_audit_count(store_t *s, const struct audit_filter *f, long long *n, char **err)
{
    *err = NULL;
    *n = 0;
    buf_t sql = BUF_INIT;
    struct sq_binds *b = xcalloc(1, sizeof *b);
    buf_puts(&sql, "SELECT COUNT(*) FROM audit_log");
    where(f, &sql, b);
    res_t r = RES_FAILED;
    sqlite3_stmt *st = sq_prepare_binds(s, &sql, b, "audit_log", err);
    if (!st)
        goto done;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *n = sqlite3_column_int64(st, 0);
        r = RES_OK;
    } else {
        sq_fail(s, "audit_log", err);
    }
done:
    sqlite3_finalize(st);
    buf_free(&sql);
    free(b);
    return r;
}

res_t sqlite_audit_head(store_t *s, long long *last_id, char **hash, char **err)
{
    static const char sql[] = "SELECT last_id, hash FROM audit_head WHERE one = 1";
    *err = NULL;
    *last_id = 0;
    *hash = NULL;
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    int rc = sqlite3_step(st);
    res_t r = rc == SQLITE_ROW || rc == SQLITE_DONE ? RES_OK : (sq_fail(s, "audit_head", err), RES_FAILED);
    if (rc == SQLITE_ROW) {
        *last_id = sqlite3_column_int64(st, 0);
        *hash = sq_col_dup(st, 1);
    }
    sqlite3_reset(st);
    return r;
}
