/* SQLite backend: the letters of an application and the repeat requests of Art. 44
 * (store_applications.h). */
#include "store/sqlite/sqlite_internal.h"
#include "util/xalloc.h"
#include <string.h>

/* 0 draft, 1 issued, or RES_NOT_FOUND / RES_FAILED (negative: -1). */
static int letter_state(store_t *s, const char *ext_id, long long id, res_t *rc, char **err)
{
    static const char sql[] = "SELECT issued_at IS NOT NULL FROM application_letters WHERE id = ?1 AND application = ?2";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return *rc = RES_FAILED, -1;
    sq_bind_int(st, 1, id);
    sq_bind_text(st, 2, ext_id);
    int r = sqlite3_step(st);
    int state = r == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_reset(st);
    if (r == SQLITE_DONE)
        *rc = RES_NOT_FOUND;
    else if (r != SQLITE_ROW)
        *rc = sq_fail(s, "letter", err);
    else
        *rc = RES_OK;
    return state;
}

res_t sqlite_letter_put(store_t *s, const char *ext_id, long long *id, const char *kind, const char *body,
                        const char *by, long long now, char **err)
{
    static const char add[] = "INSERT INTO application_letters (application, kind, body, created_by, created_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";
    static const char upd[] = "UPDATE application_letters SET body = ?3 WHERE id = ?1 AND application = ?2";
    res_t rc = RES_OK;
    if (*id) {
        int state = letter_state(s, ext_id, *id, &rc, err);
        if (rc != RES_OK)
            return rc;
        if (state == 1) {
            *err = xstrdup("body: 已印发的文书不能修改 an issued letter cannot change");
            return RES_REFUSED;
        }
        sqlite3_stmt *st = sq_stmt(s, upd, err);
        if (!st)
            return RES_FAILED;
        sq_bind_int(st, 1, *id);
        sq_bind_text(st, 2, ext_id);
        sq_bind_text(st, 3, body);
        return sq_exec_step(s, st, "letter", err) ? RES_FAILED : RES_OK;
    }
    sqlite3_stmt *st = sq_stmt(s, add, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, ext_id);
    sq_bind_text(st, 2, kind);
    sq_bind_text(st, 3, body);
    sq_bind_text(st, 4, by);
    sq_bind_int(st, 5, now);
    if (sqlite3_step(st) != SQLITE_ROW)
        return sq_fail(s, "letter", err);
    *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return RES_OK;
}

res_t sqlite_letter_issue(store_t *s, const char *ext_id, long long id, const char *by, long long now, char **err)
{
    static const char sql[] = "UPDATE application_letters SET issued_by = ?3, issued_at = ?4"
                              " WHERE id = ?1 AND application = ?2";
    res_t rc = RES_OK;
    int state = letter_state(s, ext_id, id, &rc, err);
    if (rc != RES_OK)
        return rc;
    if (state == 1) {
        *err = xstrdup("letter: 该文书已印发 already issued");
        return RES_REFUSED;
    }
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, id);
    sq_bind_text(st, 2, ext_id);
    sq_bind_text(st, 3, by);
    sq_bind_int(st, 4, now);
    return sq_exec_step(s, st, "letter", err) ? RES_FAILED : RES_OK;
}

res_t sqlite_letters_each(store_t *s, const char *ext_id, int (*fn)(const struct app_letter *l, void *ud), void *ud,
                          char **err)
{
    static const char sql[] = "SELECT id, kind, body, created_by, created_at, issued_by, issued_at"
                              " FROM application_letters WHERE application = ?1 ORDER BY id";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, ext_id);
    int rc, result = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct app_letter l = {
            .id = sqlite3_column_int64(st, 0),
            .kind = sq_col_text(st, 1),
            .body = sq_col_text(st, 2),
            .created_by = sq_col_text(st, 3),
            .created_at = sqlite3_column_int64(st, 4),
            .issued_by = sq_col_text(st, 5),
            .issued_at = sqlite3_column_int64(st, 6),
        };
        if ((result = fn(&l, ud)) != 0)
            break;
    }
    if (result == 0 && rc != SQLITE_DONE)
        result = sq_fail(s, "letters", err);
    sqlite3_reset(st);
    return result;
}

res_t sqlite_application_repeats(store_t *s, const char *agency, gk_date since, int min_applicants,
                                 int (*fn)(const char *subject, long long applicants, bool proposed, void *ud),
                                 void *ud, char **err)
{
    static const char sql[] =
        "SELECT trim(x.subject) AS subj,"
        " COUNT(DISTINCT COALESCE(x.applicant_id_no, x.applicant_org_code, x.applicant_name, x.ext_id)) AS n,"
        " EXISTS (SELECT 1 FROM proactive_proposals p WHERE p.agency_id = x.agency_id AND p.subject = trim(x.subject))"
        " FROM applications x JOIN agencies a ON a.id = x.agency_id"
        " WHERE a.code = ?1 AND x.received >= ?2 AND x.subject IS NOT NULL AND trim(x.subject) <> ''"
        " GROUP BY x.agency_id, subj HAVING n >= ?3 ORDER BY n DESC, subj LIMIT 50";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, agency);
    sq_bind_date(st, 2, since);
    sq_bind_int(st, 3, min_applicants);
    int rc, result = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((result = fn(sq_col_text(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int(st, 2) != 0, ud)))
            break;
    if (result == 0 && rc != SQLITE_DONE)
        result = sq_fail(s, "repeats", err);
    sqlite3_reset(st);
    return result;
}

res_t sqlite_proposal_record(store_t *s, const char *agency, const char *subject, long long applicants,
                             const char *by, long long now, char **err)
{
    static const char sql[] = "INSERT OR IGNORE INTO proactive_proposals (agency_id, subject, applicants, recorded_by,"
                              " recorded_at) SELECT id, ?2, ?3, ?4, ?5 FROM agencies WHERE code = ?1";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, agency);
    sq_bind_text(st, 2, subject);
    sq_bind_int(st, 3, applicants);
    sq_bind_text(st, 4, by);
    sq_bind_int(st, 5, now);
    return sq_exec_step(s, st, "proposal", err) ? RES_FAILED : RES_OK;
}

/* ---- Art. 44 proposal → draft item (issue 9 item 8) ---- */
res_t sqlite_proposal_find(store_t *s, const char *agency, const char *subject, struct proposal_info *out,
                           char **err)
{
    static const char sql[] =
        "SELECT p.id, p.applicants,"
        " COALESCE((SELECT i.id FROM items i WHERE i.create_token = printf('" PROPOSAL_TOKEN_FMT "', p.id)), 0),"
        " (SELECT group_concat(ext_id, '、') FROM (SELECT x.ext_id FROM applications x"
        "   WHERE x.agency_id = p.agency_id AND trim(x.subject) = p.subject ORDER BY x.received, x.ext_id))"
        " FROM proactive_proposals p JOIN agencies a ON a.id = p.agency_id WHERE a.code = ?1 AND p.subject = ?2";
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, agency);
    sq_bind_text(st, 2, subject);
    res_t rc = RES_NOT_FOUND;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        out->applicants = sqlite3_column_int64(st, 1);
        out->item_id = sqlite3_column_int64(st, 2);
        const char *req = sq_col_text(st, 3);
        out->requests = xstrdup(req ? req : "");
        rc = RES_OK;
    } else if (step != SQLITE_DONE) {
        rc = sq_fail(s, "proposal", err);
    }
    sqlite3_reset(st);
    return rc;
}

/* ---- a reply published without personal data (issue 9 item 7) ---- */
res_t sqlite_item_by_token(store_t *s, const char *token, long long *id, char **err)
{
    static const char sql[] = "SELECT id FROM items WHERE create_token = ?1";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, token);
    res_t rc = RES_NOT_FOUND;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        rc = RES_OK;
    } else if (step != SQLITE_DONE) {
        rc = sq_fail(s, "item", err);
    }
    sqlite3_reset(st);
    return rc;
}
