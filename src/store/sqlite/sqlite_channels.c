/* Publishing channels: the outbox, withdrawals per channel, the agencies' channel names
 * (schema 012; store_attachments.h). Marking an outbox entry sent writes the publications
 * row the reports count (agency_id and year with it, as the importer writes them). */
#include "store/sqlite/sqlite_internal.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

static res_t refused(char **err, char *msg)
{
    free(*err);
    *err = msg;
    return RES_REFUSED;
}

static bool outbox_channel(const char *c)
{
    return c && (strcmp(c, "wechat") == 0 || strcmp(c, "weibo") == 0 || strcmp(c, "gazette") == 0 ||
                 strcmp(c, "other") == 0);
}

static bool any_channel(const char *c)
{
    return outbox_channel(c) || (c && strcmp(c, "website") == 0);
}

/* The item's row id and agency id: 0 found, RES_NOT_FOUND, RES_FAILED. */
static res_t item_ids(store_t *s, const char *ext_id, long long *item_id, long long *agency_id, char **err)
{
    static const char sql[] = "SELECT id, agency_id FROM items WHERE ext_id = ?1";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, ext_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *item_id = sqlite3_column_int64(st, 0);
        *agency_id = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return RES_OK;
    return rc == SQLITE_DONE ? RES_NOT_FOUND : sq_fail(s, "item", err);
}

res_t sqlite_outbox_prepare(store_t *s, const char *item_ext_id, const char *channel, const char *payload,
                            long long at, const char *by, long long *id, char **err)
{
    static const char sql[] =
        "INSERT INTO outbox (item_id, agency_id, channel, payload, prepared_at, prepared_by)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (item_id, channel) DO UPDATE SET payload = excluded.payload,"
        " prepared_at = excluded.prepared_at, prepared_by = excluded.prepared_by WHERE sent_on IS NULL"
        " RETURNING id";
    *id = 0;
    if (!outbox_channel(channel))
        return refused(err, xasprintf("channel: '%s' is not a channel the outbox prepares (wechat, weibo, gazette, "
                                      "other)", channel ? channel : ""));
    long long item_id, agency_id;
    res_t r = item_ids(s, item_ext_id, &item_id, &agency_id, err);
    if (r != RES_OK)
        return r;
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, item_id);
    sq_bind_int(st, 2, agency_id);
    sq_bind_text(st, 3, channel);
    sq_bind_text(st, 4, payload);
    sq_bind_int(st, 5, at);
    sq_bind_text(st, 6, by);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        rc = sqlite3_step(st);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sq_fail(s, "outbox", err);
    if (!*id)
        return refused(err, xasprintf("channel: the %s entry of item '%s' was already sent", channel, item_ext_id));
    return RES_OK;
}

#define OUTBOX_COLUMNS                                                                                            \
    "o.id, o.prepared_at, x.ext_id, x.title, a.code, o.channel, o.payload, o.prepared_by, o.sent_on, o.sent_by"   \
    " FROM outbox o JOIN items x ON x.id = o.item_id JOIN agencies a ON a.id = o.agency_id"

static void read_entry(sqlite3_stmt *st, struct outbox_entry *e)
{
    e->id = sqlite3_column_int64(st, 0);
    e->prepared_at = sqlite3_column_int64(st, 1);
    char **f[] = {&e->item_ext_id, &e->item_title, &e->agency_code, &e->channel,
                  &e->payload,     &e->prepared_by, &e->sent_on,    &e->sent_by};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        *f[i] = sq_col_dup(st, (int)i + 2);
}

res_t sqlite_outbox_each(store_t *s, const char *agency_code, int (*fn)(const struct outbox_entry *e, void *ud),
                         void *ud, char **err)
{
    static const char sql[] = "SELECT " OUTBOX_COLUMNS " WHERE (?1 IS NULL OR a.code = ?1)"
                              " ORDER BY o.sent_on IS NOT NULL, o.sent_on DESC, o.id DESC LIMIT 500";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, agency_code);
    int rc, stop = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct outbox_entry e;
        read_entry(st, &e);
        stop = fn(&e, ud);
        outbox_entry_free(&e);
        if (stop)
            break;
    }
    res_t r = stop ? (res_t)stop : rc == SQLITE_ROW || rc == SQLITE_DONE ? RES_OK : sq_fail(s, "outbox", err);
    sqlite3_reset(st);
    return r;
}

res_t sqlite_outbox_get(store_t *s, long long id, struct outbox_entry *out, char **err)
{
    static const char sql[] = "SELECT " OUTBOX_COLUMNS " WHERE o.id = ?1";
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, id);
    int rc = sqlite3_step(st);
    res_t r = RES_OK;
    if (rc == SQLITE_ROW)
        read_entry(st, out);
    else
        r = rc == SQLITE_DONE ? RES_NOT_FOUND : sq_fail(s, "outbox", err);
    sqlite3_reset(st);
    return r;
}

res_t sqlite_outbox_mark_sent(store_t *s, long long id, const char *on, const char *by, char **err)
{
    static const char get[] = "SELECT item_id, agency_id, channel, sent_on FROM outbox WHERE id = ?1";
    static const char pub[] = "INSERT INTO publications (item_id, agency_id, channel, at, year)"
                              " VALUES (?1, ?2, ?3, ?4, CAST(substr(?4, 1, 4) AS INTEGER))";
    static const char mark[] = "UPDATE outbox SET sent_on = ?2, sent_by = ?3, publication_id = ?4 WHERE id = ?1";
    if (!on || strlen(on) != 10)
        return refused(err, xasprintf("sent_on: '%s' is not a date (YYYY-MM-DD)", on ? on : ""));
    sqlite3_stmt *st = sq_stmt(s, get, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, id);
    int rc = sqlite3_step(st);
    long long item_id = 0, agency_id = 0;
    char *channel = NULL;
    bool sent = false;
    if (rc == SQLITE_ROW) {
        item_id = sqlite3_column_int64(st, 0);
        agency_id = sqlite3_column_int64(st, 1);
        channel = sq_col_dup(st, 2);
        sent = sqlite3_column_type(st, 3) != SQLITE_NULL;
    }
    sqlite3_reset(st);
    res_t r = RES_OK;
    if (rc != SQLITE_ROW) {
        r = rc == SQLITE_DONE ? RES_NOT_FOUND : sq_fail(s, "outbox", err);
        goto done;
    }
    if (sent) {
        r = refused(err, xasprintf("outbox: entry %lld was already marked sent", id));
        goto done;
    }
    if (!(st = sq_stmt(s, pub, err))) {
        r = RES_FAILED;
        goto done;
    }
    sq_bind_int(st, 1, item_id);
    sq_bind_int(st, 2, agency_id);
    sq_bind_text(st, 3, channel);
    sq_bind_text(st, 4, on);
    rc = sq_exec_step(s, st, "publication", err);
    sqlite3_reset(st);
    long long pub_id = sqlite3_last_insert_rowid(SQ(s)->db);
    if (rc || !(st = sq_stmt(s, mark, err))) {
        r = RES_FAILED;
        goto done;
    }
    sq_bind_int(st, 1, id);
    sq_bind_text(st, 2, on);
    sq_bind_text(st, 3, by);
    sq_bind_int(st, 4, pub_id);
    if (sq_exec_step(s, st, "outbox", err))
        r = RES_FAILED;
    sqlite3_reset(st);
done:
    free(channel);
    return r;
}

res_t sqlite_item_channels(store_t *s, const char *item_ext_id,
                           int (*fn)(const char *channel, const char *first_at, long long count,
                                     const char *withdrawn_on, void *ud),
                           void *ud, char **err)
{
    static const char sql[] = "SELECT p.channel, MIN(p.at), COUNT(*), w.on_date FROM publications p"
                              " JOIN items x ON x.id = p.item_id"
                              " LEFT JOIN channel_withdrawals w ON w.item_id = p.item_id AND w.channel = p.channel"
                              " WHERE x.ext_id = ?1 GROUP BY p.channel ORDER BY MIN(p.at), p.channel";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, item_ext_id);
    int rc, stop = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char *c = sq_col_dup(st, 0), *first = sq_col_dup(st, 1), *w = sq_col_dup(st, 3);
        stop = fn(c, first, sqlite3_column_int64(st, 2), w, ud);
        free(c);
        free(first);
        free(w);
        if (stop)
            break;
    }
    res_t r = stop ? (res_t)stop : rc == SQLITE_ROW || rc == SQLITE_DONE ? RES_OK : sq_fail(s, "channels", err);
    sqlite3_reset(st);
    return r;
}

res_t sqlite_channel_withdraw(store_t *s, const char *item_ext_id, const char *channel, const char *on,
                              const char *by, char **err)
{
    static const char carried[] = "SELECT COUNT(*) FROM publications WHERE item_id = ?1 AND channel = ?2";
    static const char add[] = "INSERT INTO channel_withdrawals (item_id, channel, on_date, by_login)"
                              " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING";
    long long item_id, agency_id;
    res_t r = item_ids(s, item_ext_id, &item_id, &agency_id, err);
    if (r != RES_OK)
        return r;
    if (!any_channel(channel))
        return refused(err, xasprintf("channel: '%s' is not a channel", channel ? channel : ""));
    sqlite3_stmt *st = sq_stmt(s, carried, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, item_id);
    sq_bind_text(st, 2, channel);
    int rc = sqlite3_step(st);
    long long n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return sq_fail(s, "publications", err);
    if (!n)
        return refused(err, xasprintf("channel: item '%s' was never published through %s", item_ext_id, channel));
    if (!(st = sq_stmt(s, add, err)))
        return RES_FAILED;
    sq_bind_int(st, 1, item_id);
    sq_bind_text(st, 2, channel);
    sq_bind_text(st, 3, on);
    sq_bind_text(st, 4, by);
    rc = sq_exec_step(s, st, "withdrawal", err);
    sqlite3_reset(st);
    if (rc)
        return RES_FAILED;
    if (sqlite3_changes(SQ(s)->db) == 0)
        return refused(err, xasprintf("channel: the withdrawal of item '%s' from %s is already recorded",
                                      item_ext_id, channel));
    return RES_OK;
}

res_t sqlite_channel_name_set(store_t *s, const char *agency_code, const char *channel, const char *name,
                              char **err)
{
    static const char set[] = "INSERT INTO channel_names (agency_id, channel, name) VALUES (?1, ?2, ?3)"
                              " ON CONFLICT (agency_id, channel) DO UPDATE SET name = excluded.name";
    static const char clear[] = "DELETE FROM channel_names WHERE agency_id = ?1 AND channel = ?2";
    if (!any_channel(channel))
        return refused(err, xasprintf("channel: '%s' is not a channel", channel ? channel : ""));
    long long agency_id;
    int rc = sq_agency_id(s, agency_code, &agency_id, err);
    if (rc < 0)
        return RES_FAILED;
    if (rc > 0)
        return refused(err, xasprintf("agency: unknown agency code '%s'", agency_code ? agency_code : ""));
    bool remove = !name || !*name;
    sqlite3_stmt *st = sq_stmt(s, remove ? clear : set, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, agency_id);
    sq_bind_text(st, 2, channel);
    if (!remove)
        sq_bind_text(st, 3, name);
    rc = sq_exec_step(s, st, "channel name", err);
    sqlite3_reset(st);
    return rc ? RES_FAILED : RES_OK;
}

res_t sqlite_channel_names(store_t *s, const char *agency_code,
                           int (*fn)(const char *channel, const char *name, void *ud), void *ud, char **err)
{
    static const char sql[] = "SELECT n.channel, n.name FROM channel_names n JOIN agencies a ON a.id = n.agency_id"
                              " WHERE a.code = ?1 ORDER BY n.channel";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, agency_code);
    int rc, stop = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char *c = sq_col_dup(st, 0), *n = sq_col_dup(st, 1);
        stop = fn(c, n, ud);
        free(c);
        free(n);
        if (stop)
            break;
    }
    res_t r = stop ? (res_t)stop : rc == SQLITE_ROW || rc == SQLITE_DONE ? RES_OK : sq_fail(s, "channel names", err);
    sqlite3_reset(st);
    return r;
}
