/* SQLite backend: the operator's settings (store_settings.h). Every value is bound. */
#include "store/sqlite/sqlite_internal.h"
#include "store/store_settings.h"
#include <stdlib.h>

res_t sqlite_setting_get(store_t *s, const char *key, char **value, char **why)
{
    static const char sql[] = "SELECT value FROM settings WHERE key = ?1";
    *value = NULL;
    *why = NULL;
    sqlite3_stmt *st = sq_stmt(s, sql, why);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, key);
    int rc = sqlite3_step(st);
    res_t r = RES_OK;
    if (rc == SQLITE_ROW)
        *value = sq_col_dup(st, 0);
    else if (rc == SQLITE_DONE)
        r = RES_NOT_FOUND;
    else
        r = (sq_fail(s, "settings", why), RES_FAILED);
    sqlite3_reset(st);
    return r;
}

res_t sqlite_setting_set(store_t *s, const char *key, const char *value, char **why)
{
    static const char sql[] = "INSERT INTO settings (key, value) VALUES (?1, ?2)"
                              " ON CONFLICT (key) DO UPDATE SET value = excluded.value";
    *why = NULL;
    sqlite3_stmt *st = sq_stmt(s, sql, why);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, key);
    sq_bind_text(st, 2, value ? value : "");
    int rc = sq_exec_step(s, st, "settings", why);
    sqlite3_reset(st);
    return rc ? RES_FAILED : RES_OK;
}

res_t sqlite_setting_unset(store_t *s, const char *key, char **why)
{
    static const char sql[] = "DELETE FROM settings WHERE key = ?1";
    *why = NULL;
    sqlite3_stmt *st = sq_stmt(s, sql, why);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, key);
    int rc = sq_exec_step(s, st, "settings", why);
    sqlite3_reset(st);
    if (rc)
        return RES_FAILED;
    return sqlite3_changes(SQ(s)->db) > 0 ? RES_OK : RES_NOT_FOUND;
}

res_t sqlite_setting_each(store_t *s, int (*fn)(const char *key, const char *value, void *ud), void *ud,
                         char **why)
{
    static const char sql[] = "SELECT key, value FROM settings ORDER BY key";
    *why = NULL;
    sqlite3_stmt *st = sq_stmt(s, sql, why);
    if (!st)
        return RES_FAILED;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (fn(sq_col_text(st, 0), sq_col_text(st, 1), ud) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    res_t r = rc == SQLITE_DONE ? RES_OK : (sq_fail(s, "settings", why), RES_FAILED);
    sqlite3_reset(st);
    return r;
}
