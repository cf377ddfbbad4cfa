/* Attachments: rows in `attachments`, bytes once per content in `blobs` (schema 012;
 * store_attachments.h). Rows from before schema 012 keep their bytes inline (data), which
 * every read prefers. */
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

res_t sqlite_item_brief(store_t *s, const char *ext_id, struct item_brief *out, char **err)
{
    static const char sql[] = "SELECT x.id, x.ext_id, x.title, x.body, x.doc_no, x.written, a.code, a.name,"
                              " x.first_published, x.state FROM items x JOIN agencies a ON a.id = x.agency_id"
                              " WHERE x.ext_id = ?1";
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, ext_id);
    int rc = sqlite3_step(st);
    res_t r = RES_OK;
    if (rc == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        char **f[] = {&out->ext_id,  &out->title,       &out->body,        &out->doc_no,
                      &out->written, &out->agency_code, &out->agency_name, &out->published, &out->state};
        for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
            *f[i] = sq_col_dup(st, (int)i + 1);
    } else {
        r = rc == SQLITE_DONE ? RES_NOT_FOUND : sq_fail(s, "item", err);
    }
    sqlite3_reset(st);
    return r;
}

res_t sqlite_attachment_put(store_t *s, const struct attachment_new *a, long long *id, char **err)
{
    static const char item[] = "SELECT id FROM items WHERE ext_id = ?1";
    static const char blob[] = "INSERT INTO blobs (sha256, size, data) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING";
    static const char old[] = "DELETE FROM attachments WHERE ext_id = ?1";
    static const char row[] = "INSERT INTO attachments (item_id, name, mime, size, sha256, data, ext_id, created_at,"
                              " created_by) VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6, ?7, ?8)";
    *id = 0;
    sqlite3_stmt *st = sq_stmt(s, item, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, a->item_ext_id);
    int rc = sqlite3_step(st);
    long long item_id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sq_fail(s, "attachment item", err);
    if (!item_id)
        return refused(err, xasprintf("item: no item '%s'", a->item_ext_id ? a->item_ext_id : ""));

    if (!(st = sq_stmt(s, blob, err)))
        return RES_FAILED;
    sq_bind_text(st, 1, a->sha256);
    sq_bind_int(st, 2, (long long)a->size);
    sqlite3_bind_blob64(st, 3, a->size ? a->data : "", a->size, SQLITE_STATIC);
    rc = sq_exec_step(s, st, "blob", err);
    sqlite3_reset(st);
    if (rc)
        return RES_FAILED;
    if (a->ext_id) {
        if (!(st = sq_stmt(s, old, err)))
            return RES_FAILED;
        sq_bind_text(st, 1, a->ext_id);
        rc = sq_exec_step(s, st, "attachment", err);
        sqlite3_reset(st);
        if (rc)
            return RES_FAILED;
    }
    if (!(st = sq_stmt(s, row, err)))
        return RES_FAILED;
    sq_bind_int(st, 1, item_id);
    sq_bind_text(st, 2, a->name);
    sq_bind_text(st, 3, a->mime);
    sq_bind_int(st, 4, (long long)a->size);
    sq_bind_text(st, 5, a->sha256);
    sq_bind_text(st, 6, a->ext_id);
    sq_bind_int(st, 7, a->created_at);
    sq_bind_text(st, 8, a->created_by);
    rc = sq_exec_step(s, st, "attachment", err);
    sqlite3_reset(st);
    if (rc)
        return RES_FAILED;
    *id = sqlite3_last_insert_rowid(SQ(s)->db);
    return RES_OK;
}

#define INFO_COLUMNS                                                                                              \
    "t.id, t.size, COALESCE(t.created_at, 0), x.ext_id, a.code, t.name, t.mime, t.sha256, t.ext_id, t.created_by"
#define INFO_FROM " FROM attachments t JOIN items x ON x.id = t.item_id JOIN agencies a ON a.id = x.agency_id"

static void read_info(sqlite3_stmt *st, struct attachment_info *out)
{
    out->id = sqlite3_column_int64(st, 0);
    out->size = sqlite3_column_int64(st, 1);
    out->created_at = sqlite3_column_int64(st, 2);
    char **f[] = {&out->item_ext_id, &out->agency_code, &out->name,      &out->mime,
                  &out->sha256,      &out->ext_id,      &out->created_by};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        *f[i] = sq_col_dup(st, (int)i + 3);
}

res_t sqlite_attachment_get(store_t *s, long long id, struct attachment_info *out, char **err)
{
    static const char sql[] = "SELECT " INFO_COLUMNS INFO_FROM " WHERE t.id = ?1";
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, id);
    int rc = sqlite3_step(st);
    res_t r = RES_OK;
    if (rc == SQLITE_ROW)
        read_info(st, out);
    else
        r = rc == SQLITE_DONE ? RES_NOT_FOUND : sq_fail(s, "attachment", err);
    sqlite3_reset(st);
    return r;
}

res_t sqlite_attachment_remove(store_t *s, long long id, char **err)
{
    static const char del[] = "DELETE FROM attachments WHERE id = ?1 RETURNING sha256";
    static const char orphan[] = "DELETE FROM blobs WHERE sha256 = ?1"
                                 " AND NOT EXISTS (SELECT 1 FROM attachments WHERE sha256 = ?1)";
    sqlite3_stmt *st = sq_stmt(s, del, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, id);
    int rc = sqlite3_step(st);
    char *sha = rc == SQLITE_ROW ? sq_col_dup(st, 0) : NULL;
    if (rc == SQLITE_ROW)
        rc = sqlite3_step(st);
    sqlite3_reset(st);
    res_t r = RES_OK;
    if (rc != SQLITE_DONE)
        r = sq_fail(s, "attachment", err);
    else if (!sha)
        r = RES_NOT_FOUND;
    else if (!(st = sq_stmt(s, orphan, err)))
        r = RES_FAILED;
    else {
        sq_bind_text(st, 1, sha);
        if (sq_exec_step(s, st, "blob", err))
            r = RES_FAILED;
        sqlite3_reset(st);
    }
    free(sha);
    return r;
}

res_t sqlite_attachment_each(store_t *s, const char *item_ext_id, const struct export_filter *f,
                             int (*fn)(const struct attachment_info *a, const void *data, size_t size, void *ud),
                             void *ud, char **err)
{
    static const char of_item[] = "SELECT " INFO_COLUMNS INFO_FROM " WHERE x.ext_id = ?1 ORDER BY t.id";
    static const char all[] = "SELECT " INFO_COLUMNS ", COALESCE(t.data, b.data)" INFO_FROM
                              " LEFT JOIN blobs b ON b.sha256 = t.sha256"
                              " WHERE (?1 IS NULL OR x.agency_id IN (SELECT id FROM agencies WHERE path LIKE ?1))"
                              /* the items an export of year ?2..?3 writes (sqlite_each_item) */
                              " AND " SQ_ITEM_ON_RECORD
                              " AND (?2 IS NULL"
                              "  OR EXISTS (SELECT 1 FROM publications p WHERE p.item_id = x.id AND p.at BETWEEN ?2 AND ?3)"
                              "  OR (x.statutory IS NOT NULL AND x.written <= ?3))"
                              " ORDER BY x.id, t.id";
    bool export = item_ext_id == NULL;
    sqlite3_stmt *st = sq_stmt(s, export ? all : of_item, err);
    if (!st)
        return RES_FAILED;
    if (export) {
        if (f && f->agency_path) {
            char *like = xasprintf("%s%%", f->agency_path);
            sqlite3_bind_text(st, 1, like, -1, free);
        }
        if (f && f->year) {
            char from[11], to[11];
            sq_year_bounds(f->year, from, to);
            sq_bind_text(st, 2, from);
            sq_bind_text(st, 3, to);
        }
    } else {
        sq_bind_text(st, 1, item_ext_id);
    }
    int rc, stop = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct attachment_info a;
        read_info(st, &a);
        const void *data = export ? sqlite3_column_blob(st, 10) : NULL;
        size_t size = export ? (size_t)sqlite3_column_bytes(st, 10) : 0;
        stop = fn(&a, data, size, ud);
        attachment_info_free(&a);
        if (stop)
            break;
    }
    res_t r = stop ? (res_t)stop : rc == SQLITE_ROW || rc == SQLITE_DONE ? RES_OK : sq_fail(s, "attachments", err);
    sqlite3_reset(st);
    return r;
}

res_t sqlite_blob_count(store_t *s, long long *n, char **err)
{
    static const char sql[] = "SELECT COUNT(*) FROM blobs";
    *n = 0;
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? RES_OK : sq_fail(s, "blobs", err);
}
