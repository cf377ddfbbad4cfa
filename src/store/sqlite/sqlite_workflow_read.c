/* SQLite backend: what the workspace reads of the editorial workflow (store_workflow.h):
 * one item's working copy, its revisions and history, the work lists, and the public
 * note of a withdrawn item. */
#include "store/sqlite/sqlite_internal.h"
#include "store/store_workflow.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

/* The latest revision of item x (NULL columns for an imported item never saved since). */
#define LATEST_REV                                                                                 \
    " LEFT JOIN item_revisions r ON r.item_id = x.id"                                             \
    "  AND r.rev = (SELECT MAX(rev) FROM item_revisions WHERE item_id = x.id)"

res_t sqlite_item_work(store_t *s, long long id, struct item_work *out, char **err)
{
    static const char sql[] =
        "SELECT x.id, x.agency_id, x.ext_id, a.code, a.name, x.state, x.version, COALESCE(r.rev, 0),"
        " COALESCE(x.live_rev, 0), x.first_published, x.changed_by, datetime(x.changed_at, '+8 hours'),"
        " r.author_id, r.author, datetime(r.saved_at, '+8 hours'), x.review_note, x.withdrawn_on, x.withdrawn_note,"
        " x.validity, x.validity_on, x.repealed,"
        " CASE WHEN r.rev IS NULL THEN x.title ELSE r.title END,"
        " CASE WHEN r.rev IS NULL THEN x.body ELSE r.body END,"
        " CASE WHEN r.rev IS NULL THEN x.column_slug ELSE r.column_slug END,"
        " CASE WHEN r.rev IS NULL THEN x.index_no ELSE r.index_no END,"
        " CASE WHEN r.rev IS NULL THEN x.doc_no ELSE r.doc_no END,"
        " CASE WHEN r.rev IS NULL THEN x.topic ELSE r.topic END,"
        " CASE WHEN r.rev IS NULL THEN x.genre ELSE r.genre END,"
        " CASE WHEN r.rev IS NULL THEN x.written ELSE r.written END,"
        " CASE WHEN r.rev IS NULL THEN x.statutory ELSE r.statutory END"
        " FROM items x JOIN agencies a ON a.id = x.agency_id" LATEST_REV " WHERE x.id = ?1";
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc == SQLITE_DONE ? RES_NOT_FOUND : sq_fail(s, "item", err);
    }
    out->id = sqlite3_column_int64(st, 0);
    out->agency_id = sqlite3_column_int64(st, 1);
    out->ext_id = sq_col_dup(st, 2);
    out->agency_code = sq_col_dup(st, 3);
    out->agency_name = sq_col_dup(st, 4);
    int state = CODE_LOOKUP(wf_states, sq_col_text(st, 5));
    out->state = state >= 0 ? (enum wf_state)state : WF_PUBLISHED;
    out->version = sqlite3_column_int(st, 6);
    out->rev = sqlite3_column_int(st, 7);
    out->live_rev = sqlite3_column_int(st, 8);
    out->published = sq_col_dup(st, 9);
    out->live = out->published != NULL;
    out->changed_by = sq_col_dup(st, 10);
    out->changed_at = sq_col_dup(st, 11);
    out->rev_author_id = sqlite3_column_int64(st, 12);
    char **f[] = {&out->rev_author, &out->rev_saved_at, &out->review_note, &out->withdrawn_on,
                  &out->withdrawn_note, &out->validity, &out->validity_on, &out->repealed,
                  &out->title, &out->body, &out->column, &out->index_no, &out->doc_no,
                  &out->topic, &out->genre, &out->written, &out->statutory};
    for (int i = 0; i < (int)(sizeof f / sizeof f[0]); i++)
        *f[i] = sq_col_dup(st, 13 + i);
    sqlite3_reset(st);
    return RES_OK;
}

res_t sqlite_item_revisions(store_t *s, long long id, int (*fn)(const struct item_revision_row *r, void *ud),
                            void *ud, char **err)
{
    static const char sql[] = "SELECT rev, datetime(saved_at, '+8 hours'), author, title, author_id"
                              " FROM item_revisions WHERE item_id = ?1 ORDER BY rev DESC";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, id);
    int rc = SQLITE_DONE, stop = 0;
    while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct item_revision_row r = {sqlite3_column_int(st, 0), sq_col_text(st, 1), sq_col_text(st, 2),
                                      sq_col_text(st, 3), sqlite3_column_int64(st, 4)};
        stop = fn(&r, ud);
    }
    sqlite3_reset(st);
    return stop ? (res_t)stop : rc == SQLITE_DONE ? RES_OK : sq_fail(s, "item revisions", err);
}

res_t sqlite_item_revision_text(store_t *s, long long id, int rev, char **title, char **body, char **err)
{
    static const char sql[] = "SELECT title, body FROM item_revisions WHERE item_id = ?1 AND rev = ?2";
    *title = *body = NULL;
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, id);
    sq_bind_int(st, 2, rev);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *title = sq_col_dup(st, 0);
        *body = sq_col_dup(st, 1);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? RES_OK : rc == SQLITE_DONE ? RES_NOT_FOUND : sq_fail(s, "item revision", err);
}

res_t sqlite_item_events(store_t *s, long long id, int (*fn)(const struct item_event_row *r, void *ud), void *ud,
                         char **err)
{
    static const char sql[] = "SELECT datetime(at, '+8 hours'), actor, action, note, on_date, COALESCE(rev, 0)"
                              " FROM item_events WHERE item_id = ?1 ORDER BY id";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, id);
    int rc = SQLITE_DONE, stop = 0;
    while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct item_event_row r = {sq_col_text(st, 0), sq_col_text(st, 1), sq_col_text(st, 2),
                                   sq_col_text(st, 3), sq_col_text(st, 4), sqlite3_column_int(st, 5)};
        stop = fn(&r, ud);
    }
    sqlite3_reset(st);
    return stop ? (res_t)stop : rc == SQLITE_DONE ? RES_OK : sq_fail(s, "item history", err);
}

res_t sqlite_item_worklist(store_t *s, const struct worklist_query *q,
                           int (*fn)(const struct worklist_row *r, void *ud), void *ud, char **err)
{
    buf_t sql = BUF_INIT;
    struct sq_binds *b = xcalloc(1, sizeof *b);
    buf_puts(&sql, "SELECT x.id, x.ext_id, COALESCE(r.title, x.title), x.state, x.changed_by,"
                   " datetime(x.changed_at, '+8 hours'), x.column_slug, x.first_published, x.index_no, x.version"
                   " FROM items x" LATEST_REV " WHERE x.agency_id = (SELECT id FROM agencies WHERE code = ?)");
    sq_binds_text(b, q->agency ? q->agency : "");
    if (q->state) {
        buf_puts(&sql, " AND x.state = ?");
        sq_binds_text(b, q->state);
    } else {
        buf_puts(&sql, " AND x.state <> 'published'");
    }
    if (q->column) {
        buf_puts(&sql, " AND x.column_slug = ?");
        sq_binds_text(b, q->column);
    }
    if (q->author_id > 0) {
        buf_puts(&sql, " AND r.author_id = ?");
        sq_binds_num(b, q->author_id);
    }
    /* The published list newest publication first (items_agency_published); the others by
     * their last change (items_agency_state, schema 009; NULL, an import's, sorts last). */
    buf_puts(&sql, q->state && strcmp(q->state, "published") == 0
                       ? " ORDER BY x.first_published DESC, x.id DESC LIMIT ? OFFSET ?"
                       : " ORDER BY x.changed_at DESC, x.id DESC LIMIT ? OFFSET ?");
    sq_binds_num(b, q->limit < 1 ? 1 : q->limit > 200 ? 200 : q->limit);
    sq_binds_num(b, q->offset < 0 ? 0 : q->offset);
    res_t rc = RES_OK;
    sqlite3_stmt *st = sq_prepare_binds(s, &sql, b, "work list", err);
    if (!st) {
        rc = RES_FAILED;
        goto done;
    }
    int step = SQLITE_DONE, stop = 0;
    while (!stop && (step = sqlite3_step(st)) == SQLITE_ROW) {
        struct worklist_row r = {sqlite3_column_int64(st, 0), sq_col_text(st, 1), sq_col_text(st, 2),
                                 sq_col_text(st, 3),          sq_col_text(st, 4), sq_col_text(st, 5),
                                 sq_col_text(st, 6),          sq_col_text(st, 7), sq_col_text(st, 8),
                                 sqlite3_column_int(st, 9)};
        stop = fn(&r, ud);
    }
    rc = stop ? (res_t)stop : step == SQLITE_DONE ? RES_OK : sq_fail(s, "work list", err);
    sqlite3_finalize(st);
done:
    free(b);
    buf_free(&sql);
    return rc;
}

res_t sqlite_item_withdrawal(store_t *s, const char *ext_id, char **title, char **on, char **note, char **err)
{
    static const char sql[] = "SELECT title, withdrawn_on, withdrawn_note FROM items"
                              " WHERE ext_id = ?1 AND state = 'withdrawn' AND first_published IS NULL";
    *title = *on = *note = NULL;
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, ext_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *title = sq_col_dup(st, 0);
        *on = sq_col_dup(st, 1);
        *note = sq_col_dup(st, 2);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? RES_OK : rc == SQLITE_DONE ? RES_NOT_FOUND : sq_fail(s, "item", err);
}
