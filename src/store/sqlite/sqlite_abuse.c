/* SQLite backend: the anti-abuse state of the public forms (store_messages.h): rate-limit
 * counters, one-time nonces, the sensitive words and the server's secrets. */
#include "store/sqlite/sqlite_internal.h"
#include "store/store_messages.h"
#include "util/codes.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

res_t sqlite_rate_hit(store_t *s, const char *key, long long window, int limit, long long older_than, bool *allowed,
                      char **err)
{
    static const char prune_sql[] = "DELETE FROM msg_rate_hits WHERE win < ?1";
    /* One statement decides and counts, so two requests at once cannot both pass the last slot. */
    static const char hit_sql[] =
        "INSERT INTO msg_rate_hits (key, win, hits) VALUES (?1, ?2, 1)"
        " ON CONFLICT (key, win) DO UPDATE SET hits = hits + 1 WHERE hits < ?3";
    *allowed = false;
    res_t rc = RES_FAILED;
    bool open = false;
    if (sqlite_begin(s, err))
        goto done;
    open = true;
    sqlite3_stmt *st = sq_stmt(s, prune_sql, err);
    if (!st)
        goto done;
    sq_bind_int(st, 1, older_than);
    if (sq_exec_step(s, st, "rate limit", err))
        goto done;
    if (!(st = sq_stmt(s, hit_sql, err)))
        goto done;
    sq_bind_text(st, 1, key);
    sq_bind_int(st, 2, window);
    sq_bind_int(st, 3, limit);
    if (sq_exec_step(s, st, "rate limit", err))
        goto done;
    *allowed = limit > 0 && sqlite3_changes(SQ(s)->db) > 0;
    if (sqlite_commit(s, err))
        goto done;
    open = false;
    rc = RES_OK;
done:
    if (open)
        sqlite_rollback(s);
    sq_reset_all(s);
    return rc;
}

res_t sqlite_nonce_use(store_t *s, const char *nonce, long long expires, long long now, char **err)
{
    static const char prune_sql[] = "DELETE FROM msg_nonces WHERE expires < ?1";
    static const char use_sql[] = "INSERT INTO msg_nonces (nonce, expires) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
    res_t rc = RES_FAILED;
    bool open = false;
    if (sqlite_begin(s, err))
        goto done;
    open = true;
    sqlite3_stmt *st = sq_stmt(s, prune_sql, err);
    if (!st)
        goto done;
    sq_bind_int(st, 1, now);
    if (sq_exec_step(s, st, "nonce", err))
        goto done;
    if (!(st = sq_stmt(s, use_sql, err)))
        goto done;
    sq_bind_text(st, 1, nonce);
    sq_bind_int(st, 2, expires);
    if (sq_exec_step(s, st, "nonce", err))
        goto done;
    bool fresh = sqlite3_changes(SQ(s)->db) > 0;
    if (sqlite_commit(s, err))
        goto done;
    open = false;
    if (fresh) {
        rc = RES_OK;
    } else {
        free(*err);
        *err = xstrdup("nonce: used");
        rc = RES_REFUSED;
    }
done:
    if (open)
        sqlite_rollback(s);
    sq_reset_all(s);
    return rc;
}

res_t sqlite_msg_words_each(store_t *s, int (*fn)(const char *word, void *ud), void *ud, char **err)
{
    static const char sql[] = "SELECT word FROM msg_words ORDER BY word";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    int rc;
    res_t r = RES_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int stop = fn(sq_col_text(st, 0), ud);
        if (stop) {
            r = stop;
            break;
        }
    }
    if (!r && rc != SQLITE_DONE)
        r = sq_fail(s, "sensitive words", err);
    sq_reset_all(s);
    return r;
}

res_t sqlite_msg_word_add(store_t *s, const char *word, char **err)
{
    static const char sql[] = "INSERT INTO msg_words (word) VALUES (?1) ON CONFLICT DO NOTHING";
    size_t len = word ? strlen(word) : 0, chars = 0;
    bool bad = !word || !utf8_valid(word, len);
    for (size_t i = 0; !bad && i < len; i++) {
        unsigned char c = (unsigned char)word[i];
        if (c < 0x20 || c == 0x7F || c == ' ')
            bad = true;
        chars += (c & 0xC0) != 0x80;
    }
    if (bad || chars < 1 || chars > 50) {
        free(*err);
        *err = xstrdup("word: 1 to 50 characters, no spaces or control characters");
        return RES_REFUSED;
    }
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, word);
    return sq_exec_step(s, st, "sensitive word", err) ? RES_FAILED : RES_OK;
}

res_t sqlite_msg_word_remove(store_t *s, const char *word, char **err)
{
    static const char sql[] = "DELETE FROM msg_words WHERE word = ?1";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, word);
    if (sq_exec_step(s, st, "sensitive word", err))
        return RES_FAILED;
    return sqlite3_changes(SQ(s)->db) > 0 ? RES_OK : RES_NOT_FOUND;
}

res_t sqlite_msg_secret(store_t *s, const char *name, char out[CODES_HASH_HEX], char **err)
{
    static const char get_sql[] = "SELECT value FROM msg_secrets WHERE name = ?1";
    static const char put_sql[] = "INSERT INTO msg_secrets (name, value) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
    for (int attempt = 0; attempt < 2; attempt++) {
        sqlite3_stmt *st = sq_stmt(s, get_sql, err);
        if (!st)
            return RES_FAILED;
        sq_bind_text(st, 1, name);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            const char *v = sq_col_text(st, 0);
            snprintf(out, CODES_HASH_HEX, "%s", v ? v : "");
            sqlite3_reset(st);
            return RES_OK;
        }
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return sq_fail(s, "secret", err);
        /* None yet: make one (a concurrent maker wins; the read above then finds its value). */
        unsigned char raw[32];
        char hex[CODES_HASH_HEX];
        codes_random_bytes(raw, sizeof raw);
        for (size_t i = 0; i < sizeof raw; i++)
            snprintf(hex + 2 * i, 3, "%02x", raw[i]);
        if (!(st = sq_stmt(s, put_sql, err)))
            return RES_FAILED;
        sq_bind_text(st, 1, name);
        sq_bind_text(st, 2, hex);
        if (sq_exec_step(s, st, "secret", err))
            return RES_FAILED;
    }
    free(*err);
    *err = xstrdup("secret: could not be read after it was made");
    return RES_FAILED;
}

res_t sqlite_nonce_message(store_t *s, const char *nonce, char **number, char **err)
{
    static const char sql[] = "SELECT number FROM msg_nonces WHERE nonce = ?1";
    *number = NULL;
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, nonce);
    int rc = sqlite3_step(st);
    res_t r = RES_NOT_FOUND;
    if (rc == SQLITE_ROW) {
        *number = sq_col_dup(st, 0);
        r = *number ? RES_OK : RES_REFUSED;
        if (r == RES_REFUSED) {
            free(*err);
            *err = xstrdup("token: used");
        }
    } else if (rc != SQLITE_DONE) {
        r = sq_fail(s, "form token", err);
    }
    sq_reset_all(s);
    return r;
}
