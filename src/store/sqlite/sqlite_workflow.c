/* SQLite backend: the editorial workflow's changes (store_workflow.h). Each operation is
 * one transaction: read the item (sqlite_item_work, in the transaction), apply domain/workflow.c's rules and the version check,
 * write the item, its revision or history row, call the audit hook, commit. */
#include "domain/index_pattern.h"
#include "store/sqlite/sqlite_internal.h"
#include "store/store_workflow.h"
#include "util/escape.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static res_t refuse(char **err, char *msg)
{
    free(*err);
    *err = msg;
    return RES_REFUSED;
}

static bool same_text(const char *a, const char *b)
{
    if (a && !*a)
        a = NULL;
    if (b && !*b)
        b = NULL;
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The refusal of a change based on an older version, naming who changed the item since. */
static res_t stale(const struct item_work *w, int base, char **err)
{
    return refuse(err, xasprintf("version: 您打开此信息后，%s 已于 %s 修改了它（您的修改基于第 %d 版，现在是第 %d 版）。"
                                 "为免覆盖对方的修改，本次未保存；请重新打开、核对后再修改。",
                                 w->changed_by ? w->changed_by : "他人", w->changed_at ? w->changed_at : "刚才",
                                 base, w->version));
}

/* A repeat of the change this actor has just made (double click, reload): the item is one
 * version past BASE, changed by the same login, and already in the state the change leads to. */
static bool repeat_of_last(const struct item_work *w, const struct wf_actor *a, int base, enum wf_state next)
{
    return w->version == base + 1 && w->changed_by && a->login && strcmp(w->changed_by, a->login) == 0 &&
           w->state == next;
}

static res_t add_event(store_t *s, const struct wf_actor *a, long long id, int rev, enum wf_action action,
                       const char *note, gk_date on, char **err)
{
    static const char sql[] = "INSERT INTO item_events (item_id, rev, at, actor_id, actor, action, note, on_date)"
                              " VALUES (?1, ?2, CURRENT_TIMESTAMP, ?3, ?4, ?5, ?6, ?7)";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, id);
    sq_bind_opt_int(st, 2, rev, rev > 0);
    sq_bind_opt_int(st, 3, a->who.user_id, a->who.user_id > 0);
    sq_bind_text(st, 4, a->login ? a->login : "cli");
    sq_bind_text(st, 5, wf_actions[action].code);
    sq_bind_text(st, 6, note && *note ? note : NULL);
    sq_bind_date(st, 7, on);
    return sq_exec_step(s, st, "item history", err) ? RES_FAILED : RES_OK;
}

/* Binds R's editable fields at ?FIRST … ?FIRST+8 in the order every statement here lists them:
 * title, body, column_slug, index_no (INDEX_NO), doc_no, topic, genre, written, statutory. */
static void bind_fields(sqlite3_stmt *st, int first, const struct item_rec *r, const char *index_no)
{
    sq_bind_text(st, first, r->title);
    sq_bind_text(st, first + 1, r->body);
    sq_bind_text(st, first + 2, r->column);
    sq_bind_text(st, first + 3, index_no);
    sq_bind_text(st, first + 4, r->doc_no);
    sq_bind_text(st, first + 5, r->topic);
    sq_bind_text(st, first + 6, r->genre);
    sq_bind_date(st, first + 7, r->written);
    sq_bind_text(st, first + 8, r->statutory);
}

static res_t add_revision(store_t *s, const struct wf_actor *a, long long id, int rev, const struct item_rec *r,
                          const char *index_no, char **err)
{
    static const char sql[] =
        "INSERT INTO item_revisions (item_id, rev, saved_at, author_id, author, title, body, column_slug, index_no,"
        " doc_no, topic, genre, written, statutory)"
        " VALUES (?1, ?2, CURRENT_TIMESTAMP, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, id);
    sq_bind_int(st, 2, rev);
    sq_bind_opt_int(st, 3, a->who.user_id, a->who.user_id > 0);
    sq_bind_text(st, 4, a->login ? a->login : "cli");
    bind_fields(st, 5, r, index_no);
    return sq_exec_step(s, st, "item revision", err) ? RES_FAILED : RES_OK;
}

/* An imported item's text becomes revision 1 before its first save, so that the save keeps
 * the previous version like every other. */
static res_t keep_imported_text(store_t *s, long long id, char **err)
{
    static const char sql[] =
        "INSERT INTO item_revisions (item_id, rev, saved_at, author_id, author, title, body, column_slug, index_no,"
        " doc_no, topic, genre, written, statutory)"
        " SELECT id, 1, updated_at, NULL, 'import', title, body, column_slug, index_no, doc_no, topic, genre,"
        " written, statutory FROM items WHERE id = ?1";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, id);
    return sq_exec_step(s, st, "item revision", err) ? RES_FAILED : RES_OK;
}

/* RES_REFUSED when INDEX_NO belongs to an item other than ID. */
static res_t index_free(store_t *s, const char *index_no, long long id, char **err)
{
    static const char sql[] = "SELECT id FROM items WHERE index_no = ?1 AND id <> ?2";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, index_no);
    sq_bind_int(st, 2, id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return refuse(err, xasprintf("index_no: 索引号“%s”已被其他信息使用", index_no));
    return rc == SQLITE_DONE ? RES_OK : sq_fail(s, "index number", err);
}

/* The next free 索引号 of the agency's pattern for YEAR (malloc'd in *out). */
static res_t next_index_no(store_t *s, long long agency_id, const char *agency_code, int year, char **out,
                           char **err)
{
    static const char pattern_sql[] = "SELECT index_pattern FROM agencies WHERE id = ?1";
    static const char bump[] =
        "INSERT INTO index_counters (agency_id, year, last) VALUES (?1, ?2, 1)"
        " ON CONFLICT (agency_id, year) DO UPDATE SET last = index_counters.last + 1 RETURNING last";
    sqlite3_stmt *st = sq_stmt(s, pattern_sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, agency_id);
    if (sqlite3_step(st) != SQLITE_ROW)
        return sq_fail(s, "agency", err);
    char *pattern = sq_col_dup(st, 0);
    sqlite3_reset(st);
    res_t rc = RES_OK;
    *out = NULL;
    /* Numbers given by hand or by an import may already hold a serial: take the next. */
    for (int attempt = 0; attempt < 100000 && rc == RES_OK && !*out; attempt++) {
        st = sq_stmt(s, bump, err);
        if (!st) {
            rc = RES_FAILED;
            break;
        }
        sq_bind_int(st, 1, agency_id);
        sq_bind_int(st, 2, year);
        if (sqlite3_step(st) != SQLITE_ROW) {
            rc = sq_fail(s, "index number", err);
            break;
        }
        long long seq = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        char *no = index_pattern_format(pattern, agency_code, year, seq);
        if (!no)
            no = index_pattern_format(NULL, agency_code, year, seq); /* a pattern set behind the store's back */
        rc = index_free(s, no, 0, err);
        if (rc == RES_OK)
            *out = no;
        else
            free(no);
        if (rc == RES_REFUSED)
            rc = RES_OK;
    }
    free(pattern);
    if (rc == RES_OK && !*out)
        rc = refuse(err, xstrdup("index_no: 没有可用的索引号序号"));
    return rc;
}

/* Calls the audit hook with what changed. */
static res_t audit(store_t *s, const struct wf_actor *a, const struct item_work *w, enum wf_action action,
                   enum wf_state before, enum wf_state after, int rev, const char *title, const char *note, char **err)
{
    if (!a->audit)
        return RES_OK;
    buf_t b = BUF_INIT;
    buf_puts(&b, "{\"action\":");
    esc_json_string(&b, wf_actions[action].code);
    buf_puts(&b, ",\"state_before\":");
    esc_json_string(&b, wf_states[before].code);
    buf_puts(&b, ",\"state\":");
    esc_json_string(&b, wf_states[after].code);
    buf_printf(&b, ",\"version\":%d,\"rev\":%d", w->version + 1, rev);
    if (title) {
        buf_puts(&b, ",\"title\":");
        esc_json_string(&b, title);
    }
    if (note) {
        buf_puts(&b, ",\"note\":");
        esc_json_string(&b, note);
    }
    buf_putc(&b, '}');
    struct item_change c = {a,      w->id,          w->ext_id,          action, before,
                            after,  w->version,     w->version + 1,     rev,    buf_str(&b)};
    res_t rc = a->audit(s, &c, a->audit_ud, err);
    buf_free(&b);
    return rc;
}

/* Ends the transaction: commit after RES_OK, else roll back. */
static res_t finish(store_t *s, res_t rc, char **err)
{
    sq_reset_all(s);
    if (rc == RES_OK)
        return sqlite_commit(s, err) ? RES_FAILED : RES_OK;
    sqlite_rollback(s);
    return rc;
}

/* ------------------------------------------------------------------ create */

static res_t by_token(store_t *s, const char *token, long long *id, char **err)
{
    static const char sql[] = "SELECT id FROM items WHERE create_token = ?1";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, token);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? RES_OK : rc == SQLITE_DONE ? RES_NOT_FOUND : sq_fail(s, "item", err);
}

/* An id for the portal's address of a new item: "ws-<row id>", or with a suffix when an
 * import already took that. */
static res_t new_ext_id(store_t *s, char **out, char **err)
{
    static const char next[] = "SELECT COALESCE(MAX(id), 0) + 1 FROM items";
    static const char taken[] = "SELECT 1 FROM items WHERE ext_id = ?1";
    sqlite3_stmt *st = sq_stmt(s, next, err);
    if (!st || sqlite3_step(st) != SQLITE_ROW)
        return st ? sq_fail(s, "item", err) : RES_FAILED;
    long long n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    for (int k = 0;; k++) {
        char *cand = k ? xasprintf("ws-%lld-%d", n, k) : xasprintf("ws-%lld", n);
        st = sq_stmt(s, taken, err);
        if (!st) {
            free(cand);
            return RES_FAILED;
        }
        sq_bind_text(st, 1, cand);
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc == SQLITE_DONE) {
            *out = cand;
            return RES_OK;
        }
        free(cand);
        if (rc != SQLITE_ROW)
            return sq_fail(s, "item", err);
    }
}

res_t sqlite_item_create(store_t *s, const struct wf_actor *a, const struct item_rec *r, const char *token,
                         long long *id, char **err)
{
    static const char ins[] =
        "INSERT INTO items (ext_id, agency_id, title, body, column_slug, index_no, doc_no, topic, genre, written,"
        " statutory, index_auto, state, version, changed_by, changed_at, create_token)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'draft', 1, ?13, CURRENT_TIMESTAMP, ?14)"
        " RETURNING id";
    struct item_work w = {0};
    char *index_no = NULL;
    if (sqlite_begin(s, err))
        return RES_FAILED;
    res_t rc = token ? by_token(s, token, id, err) : RES_NOT_FOUND;
    if (rc != RES_NOT_FOUND) /* RES_OK: the same form again, already made */
        goto done;
    long long agency_id = 0;
    int found = r->agency ? sq_agency_id(s, r->agency, &agency_id, err) : 1;
    if (found) {
        rc = found < 0 ? RES_FAILED : refuse(err, xasprintf("agency: 没有代码为“%s”的机关", r->agency ? r->agency : ""));
        goto done;
    }
    enum wf_state next;
    struct wf_item it = {WF_DRAFT, r->agency, false, 0};
    if ((rc = wf_check(&a->who, &it, WF_CREATE, &next, err)) != RES_OK)
        goto done;
    if (r->index_no && *r->index_no) {
        rc = index_free(s, r->index_no, 0, err);
        index_no = xstrdup(r->index_no);
    } else {
        int year = date_year(r->written != NO_DATE ? r->written : date_today_cst());
        rc = next_index_no(s, agency_id, r->agency, year, &index_no, err);
    }
    if (rc != RES_OK)
        goto done;
    char *ext_id = NULL;
    if ((rc = new_ext_id(s, &ext_id, err)) != RES_OK)
        goto done;
    sqlite3_stmt *st = sq_stmt(s, ins, err);
    if (!st) {
        free(ext_id);
        rc = RES_FAILED;
        goto done;
    }
    sq_bind_text(st, 1, ext_id);
    sq_bind_int(st, 2, agency_id);
    bind_fields(st, 3, r, index_no);
    sq_bind_int(st, 12, !(r->index_no && *r->index_no));
    sq_bind_text(st, 13, a->login ? a->login : "cli");
    sq_bind_text(st, 14, token);
    free(ext_id);
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = sq_fail(s, "item", err);
        goto done;
    }
    *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if ((rc = add_revision(s, a, *id, 1, r, index_no, err)) != RES_OK ||
        (rc = add_event(s, a, *id, 1, WF_CREATE, NULL, NO_DATE, err)) != RES_OK ||
        (rc = sqlite_item_work(s, *id, &w, err)) != RES_OK)
        goto done;
    w.version = 0; /* the audit record says 0 → 1 */
    rc = audit(s, a, &w, WF_CREATE, WF_DRAFT, WF_DRAFT, 1, r->title, NULL, err);
done:
    free(index_no);
    item_work_clear(&w);
    return finish(s, rc, err);
}

/* ------------------------------------------------------------------ save */

/* Whether revision REV of ID holds exactly R (a repeated save). */
static res_t revision_equals(store_t *s, long long id, int rev, const struct item_rec *r, bool *eq, char **err)
{
    static const char sql[] = "SELECT title, body, column_slug, index_no, doc_no, topic, genre, written, statutory"
                              " FROM item_revisions WHERE item_id = ?1 AND rev = ?2";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, id);
    sq_bind_int(st, 2, rev);
    *eq = false;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        char written[DATE_STR_SIZE] = "";
        if (r->written != NO_DATE)
            date_format(r->written, written);
        *eq = same_text(sq_col_text(st, 0), r->title) && same_text(sq_col_text(st, 1), r->body) &&
              same_text(sq_col_text(st, 2), r->column) &&
              (!r->index_no || same_text(sq_col_text(st, 3), r->index_no)) &&
              same_text(sq_col_text(st, 4), r->doc_no) && same_text(sq_col_text(st, 5), r->topic) &&
              same_text(sq_col_text(st, 6), r->genre) && same_text(sq_col_text(st, 7), written) &&
              same_text(sq_col_text(st, 8), r->statutory);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? RES_OK : sq_fail(s, "item revision", err);
}

static res_t current_index_no(store_t *s, long long id, char **out, char **err)
{
    static const char sql[] = "SELECT index_no FROM items WHERE id = ?1";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, id);
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sq_col_dup(st, 0) : NULL;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? RES_OK : sq_fail(s, "item", err);
}

res_t sqlite_item_save(store_t *s, const struct wf_actor *a, long long id, int base_version,
                       const struct item_rec *r, char **err)
{
    /* Before the first publication the items row follows the working copy (lists show the
     * current title); afterwards it keeps the published text until the next publication. */
    static const char upd[] =
        "UPDATE items SET state = 'draft', version = version + 1, changed_by = ?2, changed_at = CURRENT_TIMESTAMP,"
        " title = CASE WHEN first_published IS NULL THEN ?3 ELSE title END,"
        " body = CASE WHEN first_published IS NULL THEN ?4 ELSE body END,"
        " column_slug = CASE WHEN first_published IS NULL THEN ?5 ELSE column_slug END,"
        " index_no = CASE WHEN first_published IS NULL THEN ?6 ELSE index_no END,"
        " doc_no = CASE WHEN first_published IS NULL THEN ?7 ELSE doc_no END,"
        " topic = CASE WHEN first_published IS NULL THEN ?8 ELSE topic END,"
        " genre = CASE WHEN first_published IS NULL THEN ?9 ELSE genre END,"
        " written = CASE WHEN first_published IS NULL THEN ?10 ELSE written END,"
        " statutory = CASE WHEN first_published IS NULL THEN ?11 ELSE statutory END"
        " WHERE id = ?1";
    struct item_work w;
    char *index_no = NULL;
    if (sqlite_begin(s, err))
        return RES_FAILED;
    res_t rc = sqlite_item_work(s, id, &w, err);
    if (rc != RES_OK)
        goto done;
    enum wf_state next;
    struct wf_item it = {w.state, w.agency_code, w.live, w.rev_author_id};
    if ((rc = wf_check(&a->who, &it, WF_SAVE, &next, err)) != RES_OK)
        goto done;
    if (w.version != base_version) {
        bool eq = false;
        if (repeat_of_last(&w, a, base_version, next) && w.rev_author_id == a->who.user_id &&
            (rc = revision_equals(s, id, w.rev, r, &eq, err)) != RES_OK)
            goto done;
        rc = eq ? RES_OK : stale(&w, base_version, err);
        goto done;
    }
    if (r->index_no && *r->index_no) {
        index_no = xstrdup(r->index_no);
        rc = index_free(s, index_no, id, err);
    } else {
        rc = current_index_no(s, id, &index_no, err); /* an emptied field keeps the number */
    }
    if (rc != RES_OK)
        goto done;
    if (w.rev == 0 && (rc = keep_imported_text(s, id, err)) != RES_OK)
        goto done;
    int rev = w.rev ? w.rev + 1 : 2;
    if ((rc = add_revision(s, a, id, rev, r, index_no, err)) != RES_OK)
        goto done;
    sqlite3_stmt *st = sq_stmt(s, upd, err);
    if (!st) {
        rc = RES_FAILED;
        goto done;
    }
    sq_bind_int(st, 1, id);
    sq_bind_text(st, 2, a->login ? a->login : "cli");
    bind_fields(st, 3, r, index_no);
    if (sq_exec_step(s, st, "item", err)) {
        rc = RES_FAILED;
        goto done;
    }
    if ((rc = add_event(s, a, id, rev, WF_SAVE, NULL, NO_DATE, err)) == RES_OK)
        rc = audit(s, a, &w, WF_SAVE, w.state, WF_DRAFT, rev, r->title, NULL, err);
done:
    free(index_no);
    item_work_clear(&w);
    return finish(s, rc, err);
}

/* ------------------------------------------------------------------ state changes */

/* Publication: the current revision's text becomes the public one. On the first
 * publication (or the first after a withdrawal) the item gets its publication date and a
 * website publication (what the annual report counts); a later revision replaces the text
 * of an item that stays public. */
static res_t publish(store_t *s, const struct item_work *w, gk_date day, char **err)
{
    static const char copy[] =
        "UPDATE items SET title = r.title, body = r.body, column_slug = r.column_slug, index_no = r.index_no,"
        " doc_no = r.doc_no, topic = r.topic, genre = r.genre, written = r.written, statutory = r.statutory,"
        " live_rev = r.rev, review_note = NULL, withdrawn_on = NULL, withdrawn_note = NULL,"
        " first_published = COALESCE(items.first_published, ?3), updated_at = CURRENT_TIMESTAMP"
        " FROM item_revisions r WHERE items.id = ?1 AND r.item_id = ?1 AND r.rev = ?2";
    static const char add_pub[] =
        "INSERT INTO publications (item_id, agency_id, channel, at, year) VALUES (?1, ?2, 'website', ?3, ?4)";
    sqlite3_stmt *st = sq_stmt(s, copy, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, w->id);
    sq_bind_int(st, 2, w->rev);
    sq_bind_date(st, 3, day);
    if (sqlite3_step(st) != SQLITE_DONE) {
        bool dup = sqlite3_extended_errcode(SQ(s)->db) == SQLITE_CONSTRAINT_UNIQUE;
        res_t rc = dup ? refuse(err, xstrdup("index_no: 此版本的索引号已被其他信息使用，请修改后重新送审"))
                       : sq_fail(s, "item", err);
        sqlite3_reset(st);
        return rc;
    }
    if (w->live)
        return RES_OK;
    st = sq_stmt(s, add_pub, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, w->id);
    sq_bind_int(st, 2, w->agency_id);
    sq_bind_date(st, 3, day);
    sq_bind_int(st, 4, date_year(day));
    return sq_exec_step(s, st, "publication", err) ? RES_FAILED : RES_OK;
}

/* A withdrawal takes the item off the portal. Its publications stay (the annual report
 * counts what was published), except a scheduled one whose day has not come: that one
 * never happened. */
static res_t withdraw(store_t *s, long long id, gk_date today, const char *note, char **err)
{
    static const char sql[] = "UPDATE items SET first_published = NULL, withdrawn_on = ?2, withdrawn_note = ?3,"
                              " updated_at = CURRENT_TIMESTAMP WHERE id = ?1";
    static const char unscheduled[] = "DELETE FROM publications WHERE item_id = ?1 AND at > ?2";
    sqlite3_stmt *st = sq_stmt(s, unscheduled, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, id);
    sq_bind_date(st, 2, today);
    if (sq_exec_step(s, st, "publication", err))
        return RES_FAILED;
    st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, id);
    sq_bind_date(st, 2, today);
    sq_bind_text(st, 3, note);
    return sq_exec_step(s, st, "item", err) ? RES_FAILED : RES_OK;
}

static res_t set_validity(store_t *s, long long id, enum wf_validity v, gk_date on, char **err)
{
    static const char check[] = "SELECT written FROM items WHERE id = ?1";
    static const char sql[] =
        "UPDATE items SET validity = ?2, validity_on = ?3,"
        " repealed = CASE WHEN ?2 IN ('repealed', 'expired') THEN ?3 ELSE repealed END,"
        " updated_at = CURRENT_TIMESTAMP WHERE id = ?1";
    sqlite3_stmt *st = sq_stmt(s, check, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, id);
    if (sqlite3_step(st) != SQLITE_ROW)
        return sq_fail(s, "item", err);
    gk_date written = sq_col_date(st, 0);
    sqlite3_reset(st);
    if (written != NO_DATE && on < written)
        return refuse(err, xstrdup("on: 有效性变更日期不能早于成文日期"));
    st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, id);
    sq_bind_text(st, 2, wf_validities[v].code);
    sq_bind_date(st, 3, on);
    return sq_exec_step(s, st, "item", err) ? RES_FAILED : RES_OK;
}

/* What an action needs besides the state: its note and date. */
static res_t check_request(const struct wf_request *rq, const struct item_work *w, gk_date today, char **err)
{
    if (wf_needs_note(rq->action) && (!rq->note || !*rq->note))
        return refuse(err, xstrdup(rq->action == WF_RETURN ? "note: 请填写退回意见"
                                                           : "note: 请填写撤回说明（将在原网址公开）"));
    if (rq->note && strlen(rq->note) > 4000)
        return refuse(err, xstrdup("note: 说明太长（至多 4000 字节）"));
    if (rq->action == WF_PUBLISH && rq->on != NO_DATE) {
        if (rq->on < today)
            return refuse(err, xstrdup("on: 发布日期不能早于今天"));
        if (w->live && rq->on > today)
            return refuse(err, xstrdup("on: 已公开的信息的新版本只能立即发布"));
    }
    if (rq->action == WF_VALIDITY) {
        if (rq->on == NO_DATE)
            return refuse(err, xstrdup("on: 请填写有效性变更的日期"));
        if ((unsigned)rq->validity >= WF_VALIDITY_COUNT)
            return refuse(err, xstrdup("validity: 请选择已修改、已废止或已失效"));
    }
    return RES_OK;
}

res_t sqlite_item_act(store_t *s, const struct wf_actor *a, long long id, int base_version,
                      const struct wf_request *rq, char **err)
{
    static const char upd[] = "UPDATE items SET state = ?2, version = version + 1, changed_by = ?3,"
                              " changed_at = CURRENT_TIMESTAMP, review_note = CASE WHEN ?4 THEN ?5 ELSE review_note END"
                              " WHERE id = ?1";
    struct item_work w;
    /* a request written with designated initializers leaves `on` 0: no date either */
    struct wf_request given = *rq;
    if (given.on <= 0)
        given.on = NO_DATE;
    rq = &given;
    if ((unsigned)rq->action >= WF_ACTION_COUNT || rq->action == WF_CREATE || rq->action == WF_SAVE)
        return refuse(err, xstrdup("action: 不是一个审核或发布操作"));
    if (sqlite_begin(s, err))
        return RES_FAILED;
    res_t rc = sqlite_item_work(s, id, &w, err);
    if (rc != RES_OK)
        goto done;
    enum wf_state next;
    struct wf_item it = {w.state, w.agency_code, w.live, w.rev_author_id};
    gk_date today = date_today_cst();
    if ((rc = wf_may(&a->who, rq->action, w.agency_code, err)) != RES_OK)
        goto done;
    if (w.version != base_version) {
        /* a repeat of what this actor just did answers as done; anything else is stale */
        rc = repeat_of_last(&w, a, base_version, rq->action == WF_VALIDITY ? w.state
                                                 : rq->action == WF_RETURN    ? WF_RETURNED
                                                 : rq->action == WF_SUBMIT    ? WF_SUBMITTED
                                                 : rq->action == WF_APPROVE   ? WF_APPROVED
                                                 : rq->action == WF_PUBLISH   ? WF_PUBLISHED
                                                                              : WF_WITHDRAWN)
                 ? RES_OK
                 : stale(&w, base_version, err);
        goto done;
    }
    if ((rc = wf_check(&a->who, &it, rq->action, &next, err)) != RES_OK ||
        (rc = check_request(rq, &w, today, err)) != RES_OK)
        goto done;
    gk_date on = rq->on;
    switch (rq->action) {
    case WF_PUBLISH:
        on = on == NO_DATE ? today : on;
        rc = publish(s, &w, on, err);
        break;
    case WF_WITHDRAW:
        on = today;
        rc = withdraw(s, id, today, rq->note, err);
        break;
    case WF_VALIDITY: rc = set_validity(s, id, rq->validity, on, err); break;
    default: break;
    }
    if (rc != RES_OK)
        goto done;
    sqlite3_stmt *st = sq_stmt(s, upd, err);
    if (!st) {
        rc = RES_FAILED;
        goto done;
    }
    sq_bind_int(st, 1, id);
    sq_bind_text(st, 2, wf_states[next].code);
    sq_bind_text(st, 3, a->login ? a->login : "cli");
    sq_bind_int(st, 4, rq->action == WF_RETURN || rq->action == WF_SUBMIT);
    sq_bind_text(st, 5, rq->action == WF_RETURN ? rq->note : NULL);
    if (sq_exec_step(s, st, "item", err)) {
        rc = RES_FAILED;
        goto done;
    }
    const char *note = rq->action == WF_VALIDITY ? wf_validities[rq->validity].code : rq->note;
    if ((rc = add_event(s, a, id, w.rev, rq->action, note, on, err)) == RES_OK)
        rc = audit(s, a, &w, rq->action, w.state, next, w.rev, w.title, note, err);
done:
    item_work_clear(&w);
    return finish(s, rc, err);
}

res_t sqlite_agency_index_pattern(store_t *s, const char *code, const char *pattern, char **err)
{
    static const char sql[] = "UPDATE agencies SET index_pattern = ?2 WHERE code = ?1";
    if (pattern && index_pattern_check(pattern, err) != RES_OK)
        return RES_REFUSED;
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, code);
    sq_bind_text(st, 2, pattern);
    if (sq_exec_step(s, st, "agency", err))
        return RES_FAILED;
    return sqlite3_changes(SQ(s)->db) ? RES_OK : RES_NOT_FOUND;
}
