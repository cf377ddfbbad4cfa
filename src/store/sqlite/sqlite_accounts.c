/* SQLite backend: staff accounts, sessions and login throttling (store_accounts.h). Every
 * value is bound; times are the caller's NOW. */
#include "store/sqlite/sqlite_internal.h"
#include "util/xalloc.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STAFF_COLUMNS "u.id, u.login, u.agency_code, u.roles, u.disabled, u.created_at"

/* One struct staff from STAFF_COLUMNS starting at column FIRST. */
static void read_staff(sqlite3_stmt *st, int first, struct staff *out)
{
    memset(out, 0, sizeof *out);
    out->id = sqlite3_column_int64(st, first);
    const char *login = sq_col_text(st, first + 1), *agency = sq_col_text(st, first + 2);
    snprintf(out->login, sizeof out->login, "%s", login ? login : "");
    snprintf(out->agency, sizeof out->agency, "%s", agency ? agency : "");
    out->roles = (unsigned)sqlite3_column_int64(st, first + 3);
    out->disabled = sqlite3_column_int(st, first + 4) != 0;
    out->created_at = sqlite3_column_int64(st, first + 5);
}

static res_t refuse(char **err, char *why)
{
    free(*err);
    *err = why;
    return RES_REFUSED;
}

/* Runs the write statement SQL (prepared once) with its values: TYPES has one letter per
 * value, 't' a string (const char *), 'i' a number (long long). RES_OK or RES_FAILED ("WHAT:
 * …"). */
static res_t run(store_t *s, char **err, const char *what, const char *sql, const char *types, ...)
{
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    va_list ap;
    va_start(ap, types);
    for (int i = 0; types[i]; i++) {
        if (types[i] == 't')
            sq_bind_text(st, i + 1, va_arg(ap, const char *));
        else
            sq_bind_int(st, i + 1, va_arg(ap, long long));
    }
    va_end(ap);
    res_t r = sq_exec_step(s, st, what, err) ? RES_FAILED : RES_OK;
    sqlite3_reset(st);
    return r;
}

bool sq_begin_own(store_t *s, bool *own, char **err)
{
    *own = sqlite3_get_autocommit(SQ(s)->db);
    return !*own || sqlite_begin(s, err) == RES_OK;
}

res_t sq_end_own(store_t *s, bool own, res_t r, char **err)
{
    if (own) {
        if (r == RES_OK && sqlite_commit(s, err))
            r = RES_FAILED;
        if (r != RES_OK)
            sqlite_rollback(s);
    }
    return r;
}

/* RES_OK when LOGIN exists (its id in *ID), RES_NOT_FOUND, RES_FAILED. */
static res_t user_id(store_t *s, const char *login, long long *id, char **err)
{
    static const char sql[] = "SELECT id FROM users WHERE login = ?1";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, login);
    int rc = sqlite3_step(st);
    res_t r = rc == SQLITE_ROW ? RES_OK : rc == SQLITE_DONE ? RES_NOT_FOUND : (sq_fail(s, "users", err), RES_FAILED);
    if (r == RES_OK)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return r;
}

res_t sqlite_user_add(store_t *s, const char *login, const char *agency_code, unsigned roles, const char *pw_hash,
                      long long now, long long *id, char **err)
{
    static const char sql[] = "INSERT INTO users (login, agency_code, roles, pw_hash, created_at, pw_changed_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?5)";
    *err = NULL;
    long long existing = 0, agency_id = 0;
    res_t r = user_id(s, login, &existing, err);
    if (r == RES_OK) {
        r = refuse(err, xasprintf("login: 登录名 %s 已存在 (exists)", login));
        goto done;
    }
    if (r != RES_NOT_FOUND)
        goto done;
    if (agency_code && *agency_code) {
        int found = sq_agency_id(s, agency_code, &agency_id, err);
        /* sq_agency_id leaves its statement on the row: a statement left stepping keeps its
         * read snapshot, and this connection's next write would then fail as "locked". */
        sq_reset_all(s);
        if (found < 0) {
            r = RES_FAILED;
            goto done;
        }
        if (found == 1) {
            r = refuse(err, xasprintf("agency: 没有机关 %s (no such agency)", agency_code));
            goto done;
        }
    }
    r = run(s, err, "users", sql, "ttiti", login, agency_code && *agency_code ? agency_code : NULL, (long long)roles,
            pw_hash, now);
    if (r == RES_OK && id)
        *id = sqlite3_last_insert_rowid(SQ(s)->db);
done:
    return r;
}

res_t sqlite_user_get(store_t *s, const char *login, struct staff *out, char **pw_hash, char **err)
{
    static const char sql[] = "SELECT " STAFF_COLUMNS ", u.pw_hash FROM users u WHERE u.login = ?1";
    *err = NULL;
    if (pw_hash)
        *pw_hash = NULL;
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, login);
    int rc = sqlite3_step(st);
    res_t r = rc == SQLITE_ROW ? RES_OK : rc == SQLITE_DONE ? RES_NOT_FOUND : (sq_fail(s, "users", err), RES_FAILED);
    if (r == RES_OK) {
        read_staff(st, 0, out);
        if (pw_hash)
            *pw_hash = sq_col_dup(st, 6);
    }
    sqlite3_reset(st);
    return r;
}

res_t sqlite_user_each(store_t *s, int (*fn)(const struct staff *u, void *ud), void *ud, char **err)
{
    static const char sql[] = "SELECT " STAFF_COLUMNS " FROM users u ORDER BY u.login";
    *err = NULL;
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    int rc;
    struct staff u;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        read_staff(st, 0, &u);
        if (fn(&u, ud) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    res_t r = rc == SQLITE_DONE ? RES_OK : (sq_fail(s, "users", err), RES_FAILED);
    sqlite3_reset(st);
    return r;
}

static res_t end_sessions(store_t *s, long long uid, char **err)
{
    static const char sql[] = "DELETE FROM sessions WHERE user_id = ?1";
    return run(s, err, "sessions", sql, "i", uid);
}

res_t sqlite_user_set_password(store_t *s, const char *login, const char *pw_hash, long long now, char **err)
{
    static const char sql[] = "UPDATE users SET pw_hash = ?2, pw_changed_at = ?3 WHERE id = ?1";
    *err = NULL;
    long long uid = 0;
    res_t r = user_id(s, login, &uid, err);
    if (r != RES_OK)
        goto done;
    r = run(s, err, "users", sql, "iti", uid, pw_hash, now);
    if (r == RES_OK)
        r = end_sessions(s, uid, err);
done:
    return r;
}

res_t sqlite_user_set_disabled(store_t *s, const char *login, bool disabled, char **err)
{
    static const char sql[] = "UPDATE users SET disabled = ?2 WHERE id = ?1";
    *err = NULL;
    long long uid = 0;
    res_t r = user_id(s, login, &uid, err);
    if (r != RES_OK)
        goto done;
    r = run(s, err, "users", sql, "ii", uid, disabled ? 1LL : 0LL);
    if (r == RES_OK && disabled)
        r = end_sessions(s, uid, err);
done:
    return r;
}

/* ---------------------------------------------------------------- sessions */

res_t sqlite_session_create(store_t *s, const char *token_hash, long long user_id, const char *client_addr,
                            long long now, char **err)
{
    static const char sql[] = "INSERT INTO sessions (token_hash, user_id, created_at, last_seen, client_addr)"
                              " VALUES (?1, ?2, ?3, ?3, ?4)";
    *err = NULL;
    return run(s, err, "sessions", sql, "tiit", token_hash, user_id, now, client_addr ? client_addr : "");
}

res_t sqlite_session_delete(store_t *s, const char *token_hash, char **err)
{
    static const char sql[] = "DELETE FROM sessions WHERE token_hash = ?1";
    *err = NULL;
    return run(s, err, "sessions", sql, "t", token_hash);
}

/* The idle clock restarts at most once a minute (the idle limit is set in minutes): a write
 * per request would be a commit per request. (Sessions leave the content version alone, so
 * the public page cache does not see it either way.) */
#define TOUCH_EVERY_S 60

res_t sqlite_session_get(store_t *s, const char *token_hash, long long now, long long idle_s, long long max_s,
                         struct staff *out, long long *created_at, char **err)
{
    static const char sql[] = "SELECT x.created_at, x.last_seen, " STAFF_COLUMNS
                              " FROM sessions x JOIN users u ON u.id = x.user_id WHERE x.token_hash = ?1";
    static const char touch[] = "UPDATE sessions SET last_seen = ?2 WHERE token_hash = ?1";
    *err = NULL;
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, token_hash);
    int rc = sqlite3_step(st);
    res_t r = rc == SQLITE_ROW ? RES_OK : rc == SQLITE_DONE ? RES_NOT_FOUND : (sq_fail(s, "sessions", err), RES_FAILED);
    long long created = 0, seen = 0;
    if (r == RES_OK) {
        created = sqlite3_column_int64(st, 0);
        seen = sqlite3_column_int64(st, 1);
        read_staff(st, 2, out);
    }
    sqlite3_reset(st);
    if (r != RES_OK)
        goto done;
    if (now - seen >= idle_s || now - created >= max_s) {
        r = sqlite_session_delete(s, token_hash, err);
        if (r == RES_OK)
            r = RES_NOT_FOUND;
        goto done;
    }
    if (out->disabled) {
        r = RES_NOT_FOUND;
        goto done;
    }
    if (created_at)
        *created_at = created;
    if (now - seen >= TOUCH_EVERY_S)
        r = run(s, err, "sessions", touch, "ti", token_hash, now);
done:
    if (r != RES_OK && r != RES_FAILED)
        memset(out, 0, sizeof *out);
    return r;
}

/* ---------------------------------------------------------------- login throttling */

static void subject(char *out, size_t n, const char *kind, const char *v)
{
    snprintf(out, n, "%s:%s", kind, v ? v : "");
}

res_t sqlite_login_locked(store_t *s, const char *login, const char *addr, long long now, bool *locked,
                          long long *until, char **err)
{
    static const char sql[] = "SELECT MAX(until) FROM login_locks WHERE subject IN (?1, ?2) AND until > ?3";
    *err = NULL;
    *locked = false;
    if (until)
        *until = 0;
    char a[200], b[200];
    subject(a, sizeof a, "login", login);
    subject(b, sizeof b, "addr", addr);
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, a);
    sq_bind_text(st, 2, b);
    sq_bind_int(st, 3, now);
    int rc = sqlite3_step(st);
    res_t r = rc == SQLITE_ROW ? RES_OK : (sq_fail(s, "login_locks", err), RES_FAILED);
    if (r == RES_OK && sqlite3_column_type(st, 0) != SQLITE_NULL) {
        *locked = true;
        if (until)
            *until = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    return r;
}

/* Counts the failures of one kind (COUNT_SQL bound with V and the window's start) and locks
 * SUBJ until NOW + lock_s when there are MAX or more. */
static res_t lock_if(store_t *s, const char *count_sql, const char *v, const char *subj, long long max,
                     long long now, const struct login_limits *lim, bool *locked_now, char **err)
{
    static const char lock_sql[] = "INSERT INTO login_locks (subject, until) VALUES (?1, ?2)"
                                   " ON CONFLICT (subject) DO UPDATE SET until = excluded.until";
    sqlite3_stmt *st = sq_stmt(s, count_sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, v);
    sq_bind_int(st, 2, now - lim->window_s);
    int rc = sqlite3_step(st);
    long long n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    res_t r = rc == SQLITE_ROW ? RES_OK : (sq_fail(s, "login_failures", err), RES_FAILED);
    sqlite3_reset(st);
    if (r != RES_OK || n < max)
        return r;
    r = run(s, err, "login_locks", lock_sql, "ti", subj, now + lim->lock_s);
    if (r == RES_OK && locked_now)
        *locked_now = true;
    return r;
}

res_t sqlite_login_failed(store_t *s, const char *login, const char *addr, long long now,
                          const struct login_limits *lim, bool *locked_now, char **err)
{
    static const char forget[] = "DELETE FROM login_failures WHERE at <= ?1";
    static const char expire[] = "DELETE FROM login_locks WHERE until <= ?1";
    static const char add[] = "INSERT INTO login_failures (login, client_addr, at) VALUES (?1, ?2, ?3)";
    static const char by_login[] = "SELECT COUNT(*) FROM login_failures WHERE login = ?1 AND at > ?2";
    static const char by_addr[] = "SELECT COUNT(*) FROM login_failures WHERE client_addr = ?1 AND at > ?2";
    *err = NULL;
    if (locked_now)
        *locked_now = false;
    bool own;
    if (!sq_begin_own(s, &own, err))
        return RES_FAILED;
    res_t r;
    r = run(s, err, "login_failures", forget, "i", now - lim->window_s);
    if (r == RES_OK)
        r = run(s, err, "login_locks", expire, "i", now);
    if (r == RES_OK)
        r = run(s, err, "login_failures", add, "tti", login ? login : "", addr ? addr : "", now);
    char a[200], b[200];
    subject(a, sizeof a, "login", login);
    subject(b, sizeof b, "addr", addr);
    if (r == RES_OK)
        r = lock_if(s, by_login, login ? login : "", a, lim->max_failures, now, lim, locked_now, err);
    if (r == RES_OK)
        r = lock_if(s, by_addr, addr ? addr : "", b, lim->addr_max_failures, now, lim, locked_now, err);
    return sq_end_own(s, own, r, err);
}

res_t sqlite_login_succeeded(store_t *s, const char *login, char **err)
{
    static const char sql[] = "DELETE FROM login_failures WHERE login = ?1";
    *err = NULL;
    return run(s, err, "login_failures", sql, "t", login);
}

/* ---------------------------------------------------------------- one-time form tokens */

/* A used form token is a subject refused until a time, like a locked login: it lives in
 * login_locks as 'form:HASH' (schema 6 has no table of its own), and expired rows go with
 * the expired locks. */
res_t sqlite_form_token_use(store_t *s, const char *token_hash, long long now, long long until, char **err)
{
    static const char expire[] = "DELETE FROM login_locks WHERE subject LIKE 'form:%' AND until <= ?1";
    static const char use[] = "INSERT INTO login_locks (subject, until) VALUES (?1, ?2)"
                              " ON CONFLICT (subject) DO NOTHING";
    *err = NULL;
    char subj[200];
    subject(subj, sizeof subj, "form", token_hash);
    res_t r = run(s, err, "login_locks", expire, "i", now);
    if (r == RES_OK)
        r = run(s, err, "login_locks", use, "ti", subj, until);
    if (r == RES_OK && sqlite3_changes(SQ(s)->db) == 0)
        r = refuse(err, xasprintf("once: 这份表单已经提交过 (this form was submitted before)"));
    return r;
}
