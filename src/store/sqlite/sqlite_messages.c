/* SQLite backend: messages from the public (store_messages.h, assets/sql/sqlite/011_messages.sql).
 *
 * Every row leaves through read_row, which masks the writer's name and contact (and any
 * phone, identity number or e-mail in the texts) unless the viewer is a handler of the
 * addressed agency: the one place where that decision is made. */
#include "store/sqlite/sqlite_fts.h"
#include "store/sqlite/sqlite_internal.h"
#include "store/store_messages.h"
#include "domain/years.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROW_COLUMNS                                                                                   \
    "m.number, m.kind, m.state, a.code, a.name, m.subject, m.body, m.name, m.phone, m.email,"         \
    " m.code_hash, m.created, m.due, m.flag, m.assignee, tf.code, m.reply, m.reply_by, m.replied,"    \
    " m.public_subject, m.public_body, m.public_reply, m.published, m.note"
#define ROW_FROM                                                                                      \
    " FROM messages m JOIN agencies a ON a.id = m.agency_id LEFT JOIN agencies tf ON tf.id = m.transferred_from"

/* A row as the viewer may see it: the struct points into the statement's row or into
 * the masked copies, which are freed by row_release. */
struct row {
    struct message_rec r;
    char *owned[8];
    int nowned;
};

static const char *keep(struct row *w, char *s)
{
    if (s && w->nowned < (int)(sizeof w->owned / sizeof w->owned[0]))
        w->owned[w->nowned++] = s;
    return s;
}

static void row_release(struct row *w)
{
    for (int i = 0; i < w->nowned; i++)
        free(w->owned[i]);
    w->nowned = 0;
}

static bool sees_personal_data(const struct msg_viewer *v, const char *agency_code)
{
    return v && (v->everything || (v->agency && agency_code && strcmp(v->agency, agency_code) == 0));
}

static void read_row(sqlite3_stmt *st, const struct msg_viewer *viewer, struct row *w)
{
    struct message_rec *r = &w->r;
    memset(w, 0, sizeof *w);
    r->number = sq_col_text(st, 0);
    int k = msg_kind_find(sq_col_text(st, 1));
    r->kind = k >= 0 ? (enum msg_kind)k : MSG_QUESTION;
    int sidx = msg_state_find(sq_col_text(st, 2));
    r->state = sidx >= 0 ? (enum msg_state)sidx : MSG_RECEIVED;
    r->agency = sq_col_text(st, 3);
    r->agency_name = sq_col_text(st, 4);
    r->subject = sq_col_text(st, 5);
    r->body = sq_col_text(st, 6);
    r->name = sq_col_text(st, 7);
    r->phone = sq_col_text(st, 8);
    r->email = sq_col_text(st, 9);
    r->code_hash = sq_col_text(st, 10);
    r->created = sq_col_text(st, 11);
    r->due = sq_col_text(st, 12);
    r->flag = sq_col_text(st, 13);
    r->assignee = sq_col_text(st, 14);
    r->transferred_from = sq_col_text(st, 15);
    r->reply = sq_col_text(st, 16);
    r->reply_by = sq_col_text(st, 17);
    r->replied = sq_col_text(st, 18);
    r->public_subject = sq_col_text(st, 19);
    r->public_body = sq_col_text(st, 20);
    r->public_reply = sq_col_text(st, 21);
    r->published = sq_col_text(st, 22);
    r->note = sq_col_text(st, 23);
    if (sees_personal_data(viewer, r->agency))
        return;
    r->masked = true;
    r->name = keep(w, msg_mask_name(r->name));
    r->phone = keep(w, msg_mask_phone(r->phone));
    r->email = keep(w, msg_mask_email(r->email));
    r->subject = keep(w, msg_scrub_text(r->subject));
    r->body = keep(w, msg_scrub_text(r->body));
    r->reply = keep(w, msg_scrub_text(r->reply));
    /* The public version was checked when published; scrubbing again costs little. */
    r->public_body = keep(w, msg_scrub_text(r->public_body));
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

/* DST = SRC with every string copied (freed by message_rec_free). */
static void copy_rec(struct message_rec *dst, const struct message_rec *src)
{
    *dst = *src;
    const char **f[] = {&dst->number,        &dst->agency,       &dst->agency_name,    &dst->subject,
                        &dst->body,          &dst->name,         &dst->phone,          &dst->email,
                        &dst->code_hash,     &dst->created,      &dst->due,            &dst->flag,
                        &dst->assignee,      &dst->transferred_from, &dst->reply,      &dst->reply_by,
                        &dst->replied,       &dst->public_subject, &dst->public_body,  &dst->public_reply,
                        &dst->published,     &dst->note};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        *f[i] = dup_or_null(*f[i]);
    dst->code = NULL;
}

/* ------------------------------------------------------------------ writes */

/* The agency id of CODE (RES_REFUSED "FIELD: unknown agency 'x'" when none). */
static res_t agency_of(store_t *s, const char *field, const char *code, long long *id, char **err)
{
    int rc = sq_agency_id(s, code, id, err);
    /* sq_agency_id leaves its statement on the row: a statement left so holds a read
     * snapshot, and a server connection's next write would then fail "database is locked". */
    sq_reset_all(s);
    if (rc == 1) {
        free(*err);
        *err = xasprintf("%s: unknown agency '%s'", field, code);
        return RES_REFUSED;
    }
    return rc ? RES_FAILED : RES_OK;
}

res_t sqlite_put_message(store_t *s, const struct message_rec *r, char **err)
{
    static const char sql[] =
        "INSERT INTO messages (number, year, seq, kind, agency_id, state, subject, body, name, phone, email,"
        " code_hash, created, due, flag, assignee, transferred_from, reply, reply_by, replied, public_subject,"
        " public_body, public_reply, published, note)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,"
        " ?22, ?23, ?24, ?25)"
        " ON CONFLICT (number) DO UPDATE SET kind = excluded.kind, agency_id = excluded.agency_id,"
        " state = excluded.state, subject = excluded.subject, body = excluded.body, name = excluded.name,"
        " phone = excluded.phone, email = excluded.email, code_hash = excluded.code_hash,"
        " created = excluded.created, due = excluded.due, flag = excluded.flag, assignee = excluded.assignee,"
        " transferred_from = excluded.transferred_from, reply = excluded.reply, reply_by = excluded.reply_by,"
        " replied = excluded.replied, public_subject = excluded.public_subject,"
        " public_body = excluded.public_body, public_reply = excluded.public_reply,"
        " published = excluded.published, note = excluded.note";
    int year;
    long long seq, agency = 0, from = 0;
    if (!msg_number_parse(r->number, &year, &seq, NULL)) {
        free(*err);
        *err = xasprintf("id: '%s' is not a message number (LY2026-000123)", r->number ? r->number : "");
        return RES_REFUSED;
    }
    res_t rc = agency_of(s, "agency", r->agency, &agency, err);
    if (rc == RES_OK && r->transferred_from)
        rc = agency_of(s, "transferred_from", r->transferred_from, &from, err);
    if (rc)
        return rc;
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, r->number);
    sq_bind_int(st, 2, year);
    sq_bind_int(st, 3, seq);
    sq_bind_text(st, 4, msg_kinds[r->kind].code);
    sq_bind_int(st, 5, agency);
    sq_bind_text(st, 6, msg_states[r->state].code);
    const char *texts[] = {r->subject, r->body, r->name, r->phone, r->email, r->code_hash, r->created, r->due,
                           r->flag, r->assignee};
    for (int i = 0; i < 10; i++)
        sq_bind_text(st, 7 + i, texts[i]);
    sq_bind_opt_int(st, 17, from, r->transferred_from != NULL);
    const char *rest[] = {r->reply,       r->reply_by,     r->replied,   r->public_subject,
                          r->public_body, r->public_reply, r->published, r->note};
    for (int i = 0; i < 8; i++)
        sq_bind_text(st, 18 + i, rest[i]);
    return sq_exec_step(s, st, "message", err) ? RES_FAILED : RES_OK;
}

res_t sqlite_message_submit(store_t *s, const struct message_rec *r, const char *once, long long once_expires,
                            char **number, bool *replayed, char **err)
{
    static const char next_sql[] = "SELECT COALESCE(MAX(seq), 0) + 1 FROM messages WHERE year = ?1";
    static const char event_sql[] =
        "INSERT INTO message_events (message_id, at, action, actor, agency_id, note)"
        " SELECT id, created, 'submit', NULL, agency_id, flag FROM messages WHERE number = ?1";
    static const char once_get_sql[] = "SELECT number FROM msg_nonces WHERE nonce = ?1";
    static const char once_put_sql[] =
        "INSERT INTO msg_nonces (nonce, expires, number) VALUES (?1, ?2, ?3)";
    *number = NULL;
    *replayed = false;
    char num[MSG_NUMBER_SIZE], hash[CODES_HASH_HEX];
    int year = year_of_date(r->created);
    res_t rc = RES_FAILED;
    bool open = false;
    sqlite3_stmt *st;
    if (!year || !r->code) {
        free(*err);
        *err = xstrdup(!year ? "created: not a date and time" : "code: required");
        return RES_REFUSED;
    }
    if (sqlite_begin(s, err))
        goto done;
    open = true;
    if (once) {
        if (!(st = sq_stmt(s, once_get_sql, err)))
            goto done;
        sq_bind_text(st, 1, once);
        int step = sqlite3_step(st);
        if (step == SQLITE_ROW && sq_col_text(st, 0)) {
            *number = xstrdup(sq_col_text(st, 0));
            *replayed = true;
            rc = RES_OK;
            goto done; /* rolled back: nothing was written */
        }
        if (step == SQLITE_ROW) {
            /* Spent on a wrong answer: the form must be filled in again. */
            free(*err);
            *err = xstrdup("token: used");
            rc = RES_REFUSED;
            goto done;
        }
        if (step != SQLITE_ROW && step != SQLITE_DONE) {
            sq_fail(s, "form token", err);
            goto done;
        }
        sqlite3_reset(st);
    }
    if (!(st = sq_stmt(s, next_sql, err)))
        goto done;
    sq_bind_int(st, 1, year);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sq_fail(s, "message number", err);
        goto done;
    }
    long long seq = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (!msg_number_format(year, seq, num)) {
        free(*err);
        *err = xasprintf("number: the year %d has no numbers left", year);
        rc = RES_REFUSED;
        goto done;
    }
    message_code_hash(num, r->code, hash);
    struct message_rec w = *r;
    w.number = num;
    w.code_hash = hash;
    w.code = NULL;
    rc = sqlite_put_message(s, &w, err);
    if (rc)
        goto done;
    rc = RES_FAILED;
    if (!(st = sq_stmt(s, event_sql, err)))
        goto done;
    sq_bind_text(st, 1, num);
    if (sq_exec_step(s, st, "message event", err))
        goto done;
    if (once) {
        if (!(st = sq_stmt(s, once_put_sql, err)))
            goto done;
        sq_bind_text(st, 1, once);
        sq_bind_int(st, 2, once_expires);
        sq_bind_text(st, 3, num);
        if (sq_exec_step(s, st, "form token", err))
            goto done;
    }
    if (sqlite_commit(s, err))
        goto done;
    open = false;
    *number = xstrdup(num);
    rc = RES_OK;
done:
    if (open)
        sqlite_rollback(s);
    sq_reset_all(s);
    return rc;
}

/* The message's id, state and agency code for a change. */
static res_t current(store_t *s, const char *number, long long *id, enum msg_state *state, char agency[128],
                     long long *agency_id, char **err)
{
    static const char sql[] =
        "SELECT m.id, m.state, a.code, a.id, m.reply FROM messages m JOIN agencies a ON a.id = m.agency_id"
        " WHERE m.number = ?1";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, number);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE)
        return RES_NOT_FOUND;
    if (rc != SQLITE_ROW)
        return sq_fail(s, "message", err);
    *id = sqlite3_column_int64(st, 0);
    int k = msg_state_find(sq_col_text(st, 1));
    *state = k >= 0 ? (enum msg_state)k : MSG_RECEIVED;
    snprintf(agency, 128, "%s", sq_col_text(st, 2));
    *agency_id = sqlite3_column_int64(st, 3);
    sqlite3_reset(st);
    return RES_OK;
}

static res_t refuse(char **err, char *why)
{
    free(*err);
    *err = why;
    return RES_REFUSED;
}

static bool blank(const char *s)
{
    if (!s)
        return true;
    for (; *s; s++)
        if (*s != ' ' && *s != '\n' && *s != '\r' && *s != '\t')
            return false;
    return true;
}

/* A change runs in its own transaction, or inside the caller's (the workspace writes the
 * change and its audit row together) as a savepoint. */
static res_t change_begin(store_t *s, bool *own, char **err)
{
    *own = sqlite3_get_autocommit(SQ(s)->db) != 0;
    if (*own)
        return sqlite_begin(s, err) ? RES_FAILED : RES_OK;
    if (sqlite3_exec(SQ(s)->db, "SAVEPOINT message_change", NULL, NULL, NULL) != SQLITE_OK)
        return sq_fail(s, "savepoint", err);
    return RES_OK;
}

static res_t change_end(store_t *s, bool own, bool ok, char **err)
{
    if (own) {
        if (ok)
            return sqlite_commit(s, err) ? RES_FAILED : RES_OK;
        sqlite_rollback(s);
        return RES_OK;
    }
    if (!ok)
        sqlite3_exec(SQ(s)->db, "ROLLBACK TO message_change", NULL, NULL, NULL);
    if (sqlite3_exec(SQ(s)->db, "RELEASE message_change", NULL, NULL, NULL) != SQLITE_OK)
        return sq_fail(s, "savepoint", err);
    return RES_OK;
}

res_t sqlite_message_change(store_t *s, const struct msg_change *c, char **err)
{
    static const char event_sql[] =
        "INSERT INTO message_events (message_id, at, action, actor, agency_id, to_agency_id, note)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
    static const char update_sql[] =
        "UPDATE messages SET state = ?2,"
        " agency_id = COALESCE(?3, agency_id),"
        " transferred_from = CASE WHEN ?3 IS NOT NULL THEN agency_id ELSE transferred_from END,"
        " assignee = CASE WHEN ?3 IS NOT NULL THEN NULL WHEN ?4 IS NOT NULL THEN ?4 ELSE assignee END,"
        " reply = COALESCE(?5, reply), reply_by = COALESCE(?6, reply_by), replied = COALESCE(?7, replied),"
        " public_subject = COALESCE(?8, public_subject), public_body = COALESCE(?9, public_body),"
        " public_reply = COALESCE(?10, public_reply), published = COALESCE(published, ?11),"
        " note = COALESCE(?12, note), flag = CASE WHEN ?2 = 'received' THEN NULL ELSE flag END"
        " WHERE id = ?1";
    long long id = 0, agency_id = 0, to_id = 0;
    enum msg_state state = MSG_RECEIVED, next = MSG_RECEIVED;
    char agency[128];
    char *why = NULL;
    res_t rc = RES_FAILED;
    bool open = false, own = false;
    if (change_begin(s, &own, err))
        goto done;
    open = true;
    rc = current(s, c->number, &id, &state, agency, &agency_id, err);
    if (rc)
        goto done;
    if (c->agency && strcmp(c->agency, agency) != 0) {
        rc = refuse(err, xasprintf("agency: 留言 %s 不是写给本机关的（现由 %s 办理）", c->number, agency));
        goto done;
    }
    if (c->expect >= 0 && (int)state != c->expect) {
        rc = refuse(err, xasprintf("state: 留言已被他人处理，现为“%s”，请刷新后再试", msg_states[state].label));
        goto done;
    }
    if ((rc = msg_action_next(state, c->action, &next, &why)) != RES_OK) {
        rc = refuse(err, why);
        goto done;
    }
    /* What each step needs. */
    const char *reply = NULL, *reply_by = NULL, *replied = NULL, *note = NULL, *assignee = NULL;
    const char *ps = NULL, *pb = NULL, *pr = NULL, *published = NULL;
    switch (c->action) {
    case MSG_ACT_ASSIGN:
        assignee = c->assignee ? c->assignee : c->actor;
        if (blank(assignee)) {
            rc = refuse(err, xstrdup("assignee: 请选择承办人"));
            goto done;
        }
        break;
    case MSG_ACT_TRANSFER:
        if (blank(c->to_agency)) {
            rc = refuse(err, xstrdup("to_agency: 请选择转办机关"));
            goto done;
        }
        if ((rc = agency_of(s, "to_agency", c->to_agency, &to_id, err)) != RES_OK)
            goto done;
        if (to_id == agency_id) {
            rc = refuse(err, xstrdup("to_agency: 不能转给本机关"));
            goto done;
        }
        note = c->text;
        break;
    case MSG_ACT_REPLY:
        if (blank(c->text)) {
            rc = refuse(err, xstrdup("text: 请填写答复内容"));
            goto done;
        }
        reply = c->text;
        reply_by = c->actor;
        replied = c->at;
        break;
    case MSG_ACT_PUBLISH:
        ps = c->public_subject;
        pb = c->public_body;
        pr = c->public_reply;
        if (blank(ps) || blank(pb) || blank(pr)) {
            rc = refuse(err, xstrdup(blank(ps)   ? "public_subject: 请填写公开的标题"
                                     : blank(pb) ? "public_body: 请填写公开的留言内容"
                                                 : "public_reply: 请填写公开的答复内容"));
            goto done;
        }
        if (msg_has_personal_data(ps) || msg_has_personal_data(pb) || msg_has_personal_data(pr)) {
            rc = refuse(err, xstrdup(msg_has_personal_data(ps)   ? "public_subject: 仍含有手机号、身份证号或电子邮箱，请删除后再公开"
                                     : msg_has_personal_data(pb) ? "public_body: 仍含有手机号、身份证号或电子邮箱，请删除后再公开"
                                                                 : "public_reply: 仍含有手机号、身份证号或电子邮箱，请删除后再公开"));
            goto done;
        }
        published = c->at;
        break;
    case MSG_ACT_CLOSE:
    case MSG_ACT_REJECT:
        note = c->text;
        break;
    default:
        break;
    }
    rc = RES_FAILED;
    sqlite3_stmt *st = sq_stmt(s, update_sql, err);
    if (!st)
        goto done;
    sq_bind_int(st, 1, id);
    sq_bind_text(st, 2, msg_states[next].code);
    sq_bind_opt_int(st, 3, to_id, to_id != 0);
    sq_bind_text(st, 4, assignee);
    sq_bind_text(st, 5, reply);
    sq_bind_text(st, 6, reply_by);
    sq_bind_text(st, 7, replied);
    sq_bind_text(st, 8, ps);
    sq_bind_text(st, 9, pb);
    sq_bind_text(st, 10, pr);
    sq_bind_text(st, 11, published);
    sq_bind_text(st, 12, note);
    if (sq_exec_step(s, st, "message", err))
        goto done;
    if (!(st = sq_stmt(s, event_sql, err)))
        goto done;
    sq_bind_int(st, 1, id);
    sq_bind_text(st, 2, c->at);
    sq_bind_text(st, 3, msg_actions[c->action].code);
    sq_bind_text(st, 4, c->actor);
    sq_bind_int(st, 5, agency_id);
    sq_bind_opt_int(st, 6, to_id, to_id != 0);
    sq_bind_text(st, 7, c->action == MSG_ACT_REPLY || c->action == MSG_ACT_PUBLISH ? NULL : note);
    if (sq_exec_step(s, st, "message event", err))
        goto done;
    open = false;
    rc = change_end(s, own, true, err);
done:
    if (open)
        change_end(s, own, false, err);
    sq_reset_all(s);
    return rc;
}

/* ------------------------------------------------------------------ reads */

res_t sqlite_message_get(store_t *s, const char *number, const struct msg_viewer *viewer, struct message_rec *out,
                         char **err)
{
    static const char sql[] = "SELECT " ROW_COLUMNS ROW_FROM " WHERE m.number = ?1";
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, number);
    int rc = sqlite3_step(st);
    res_t r = RES_OK;
    if (rc == SQLITE_ROW) {
        struct row w;
        read_row(st, viewer, &w);
        copy_rec(out, &w.r);
        row_release(&w);
    } else if (rc == SQLITE_DONE) {
        r = RES_NOT_FOUND;
    } else {
        sq_fail(s, "message", err);
        r = RES_FAILED;
    }
    sq_reset_all(s);
    return r;
}

/* " WHERE …" for Q with its values; *MATCH (the full-text expression, bound by pointer)
 * is the caller's to free once the statement is prepared. */
static res_t where(store_t *s, const struct msg_query *q, buf_t *sql, struct sq_binds *b, char **match, char **err)
{
    *match = NULL;
    buf_puts(sql, " WHERE 1");
    if (q->agency) {
        long long id;
        res_t rc = agency_of(s, "agency", q->agency, &id, err);
        if (rc)
            return rc;
        buf_puts(sql, " AND m.agency_id = ?");
        sq_binds_num(b, id);
    }
    if (q->states) {
        buf_puts(sql, " AND m.state IN (''");
        for (int i = 0; i < MSG_STATE_COUNT; i++)
            if (q->states & MSG_STATE_BIT(i)) {
                buf_puts(sql, ", ?");
                sq_binds_text(b, msg_states[i].code);
            }
        buf_puts(sql, ")");
    }
    if (q->kind >= 0 && q->kind < MSG_KIND_COUNT) {
        buf_puts(sql, " AND m.kind = ?");
        sq_binds_text(b, msg_kinds[q->kind].code);
    }
    if (q->year) {
        buf_puts(sql, " AND m.year = ?");
        sq_binds_num(b, q->year);
    }
    if (q->due_from) {
        buf_puts(sql, " AND m.due >= ?");
        sq_binds_text(b, q->due_from);
    }
    if (q->due_to) {
        buf_puts(sql, " AND m.due <= ?");
        sq_binds_text(b, q->due_to);
    }
    if (q->terms) {
        *match = sqlite_fts_match(q->terms, NULL);
        if (!*match) {
            buf_puts(sql, " AND 0");
        } else {
            /* The index holds the public version of published Q&As only. */
            buf_puts(sql, " AND m.id IN (SELECT rowid FROM message_fts WHERE message_fts MATCH ?)");
            sq_binds_text(b, *match);
        }
    }
    return RES_OK;
}

res_t sqlite_messages_each(store_t *s, const struct msg_query *q, const struct msg_viewer *viewer, long long offset,
                           int limit, int (*fn)(const struct message_rec *m, void *ud), void *ud, char **err)
{
    buf_t sql = {0};
    struct sq_binds b = {0};
    char *match = NULL;
    sqlite3_stmt *st = NULL;
    res_t rc;
    if (limit < 1 || limit > 1000 || offset < 0) {
        rc = refuse(err, xstrdup("limit: 1..1000"));
        goto done;
    }
    buf_puts(&sql, "SELECT " ROW_COLUMNS ROW_FROM);
    if ((rc = where(s, q, &sql, &b, &match, err)) != RES_OK)
        goto done;
    /* Published Q&As by publication, the rest by arrival. */
    if (q->states == MSG_STATE_BIT(MSG_PUBLISHED))
        buf_puts(&sql, q->oldest_first ? " ORDER BY m.published, m.id" : " ORDER BY m.published DESC, m.id DESC");
    else
        buf_puts(&sql, q->oldest_first ? " ORDER BY m.created, m.id" : " ORDER BY m.created DESC, m.id DESC");
    buf_puts(&sql, " LIMIT ? OFFSET ?");
    sq_binds_num(&b, limit);
    sq_binds_num(&b, offset);
    rc = RES_FAILED;
    if (!(st = sq_prepare_binds(s, &sql, &b, "messages", err)))
        goto done;
    int step;
    rc = RES_OK;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct row w;
        read_row(st, viewer, &w);
        int stop = fn(&w.r, ud);
        row_release(&w);
        if (stop) {
            rc = stop;
            goto done;
        }
    }
    if (step != SQLITE_DONE)
        rc = sq_fail(s, "messages", err);
done:
    sqlite3_finalize(st);
    free(match);
    buf_free(&sql);
    return rc;
}

res_t sqlite_messages_count(store_t *s, const struct msg_query *q, long long *n, char **err)
{
    buf_t sql = {0};
    struct sq_binds b = {0};
    char *match = NULL;
    sqlite3_stmt *st = NULL;
    *n = 0;
    buf_puts(&sql, "SELECT COUNT(*) FROM messages m");
    res_t rc = where(s, q, &sql, &b, &match, err);
    if (rc)
        goto done;
    rc = RES_FAILED;
    if (!(st = sq_prepare_binds(s, &sql, &b, "messages", err)))
        goto done;
    if (sqlite3_step(st) != SQLITE_ROW) {
        sq_fail(s, "messages", err);
        goto done;
    }
    *n = sqlite3_column_int64(st, 0);
    rc = RES_OK;
done:
    sqlite3_finalize(st);
    free(match);
    buf_free(&sql);
    return rc;
}

res_t sqlite_messages_year_counts(store_t *s, int year, long long received[MSG_KIND_COUNT],
                                  long long published[MSG_KIND_COUNT], char **err)
{
    static const char sql[] =
        "SELECT kind, 0, COUNT(*) FROM messages WHERE year = ?1 AND state NOT IN ('moderation', 'rejected')"
        " GROUP BY kind"
        " UNION ALL SELECT kind, 1, COUNT(*) FROM messages WHERE state = 'published'"
        " AND published >= ?2 AND published < ?3 GROUP BY kind";
    memset(received, 0, sizeof(long long) * MSG_KIND_COUNT);
    memset(published, 0, sizeof(long long) * MSG_KIND_COUNT);
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    char from[24], to[24];
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-01-01", year + 1);
    sq_bind_int(st, 1, year);
    sq_bind_text(st, 2, from);
    sq_bind_text(st, 3, to);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int k = msg_kind_find(sq_col_text(st, 0));
        if (k < 0)
            continue;
        (sqlite3_column_int(st, 1) ? published : received)[k] = sqlite3_column_int64(st, 2);
    }
    res_t r = rc == SQLITE_DONE ? RES_OK : sq_fail(s, "message counts", err);
    sq_reset_all(s);
    return r;
}

res_t sqlite_message_history(store_t *s, const char *number, int (*fn)(const struct msg_event *e, void *ud), void *ud,
                             char **err)
{
    static const char sql[] =
        "SELECT e.at, e.action, e.actor, a.code, t.code, e.note FROM message_events e"
        " JOIN messages m ON m.id = e.message_id LEFT JOIN agencies a ON a.id = e.agency_id"
        " LEFT JOIN agencies t ON t.id = e.to_agency_id WHERE m.number = ?1 ORDER BY e.id";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, number);
    int rc;
    res_t r = RES_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct msg_event e = {sq_col_text(st, 0), sq_col_text(st, 1), sq_col_text(st, 2),
                              sq_col_text(st, 3), sq_col_text(st, 4), sq_col_text(st, 5)};
        int stop = fn(&e, ud);
        if (stop) {
            r = stop;
            break;
        }
    }
    if (!r && rc != SQLITE_DONE)
        r = sq_fail(s, "message history", err);
    sq_reset_all(s);
    return r;
}

res_t sqlite_each_message(store_t *s, const struct export_filter *f, const struct msg_viewer *viewer,
                          int (*fn)(const struct message_rec *m, void *ud), void *ud, char **err)
{
    static const char sql[] = "SELECT " ROW_COLUMNS ROW_FROM
                              " WHERE (?1 IS NULL OR a.path LIKE ?1 || '%') AND (?2 = 0 OR m.year = ?2)"
                              " ORDER BY m.year, m.seq";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, f ? f->agency_path : NULL);
    sq_bind_int(st, 2, f ? f->year : 0);
    int rc;
    res_t r = RES_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct row w;
        read_row(st, viewer, &w);
        int stop = fn(&w.r, ud);
        row_release(&w);
        if (stop) {
            r = stop;
            break;
        }
    }
    if (!r && rc != SQLITE_DONE)
        r = sq_fail(s, "messages", err);
    sq_reset_all(s);
    return r;
}
