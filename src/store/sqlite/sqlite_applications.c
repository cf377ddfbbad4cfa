/* SQLite backend: applications made in the workspace or on the form (store_applications.h):
 * intake with the next 受理编号, and the applicant's details, masked unless asked for by
 * the handlers of the owning agency. */
#include "domain/idcheck.h"
#include "store/sqlite/sqlite_internal.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The next free number under PREFIX: one more than the largest 4-digit tail in use. */
static res_t next_id(store_t *s, const char *prefix, char **out, char **err)
{
    static const char sql[] = "SELECT MAX(CAST(substr(ext_id, length(?1) + 1) AS INTEGER)) FROM applications"
                              " WHERE substr(ext_id, 1, length(?1)) = ?1";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, prefix);
    if (sqlite3_step(st) != SQLITE_ROW)
        return sq_fail(s, "application number", err);
    long long n = sqlite3_column_int64(st, 0) + 1;
    sqlite3_reset(st);
    *out = xasprintf("%s%04lld", prefix, n);
    return RES_OK;
}

res_t sqlite_application_intake(store_t *s, const struct application_rec *r, const struct applicant *who,
                                const char *prefix, char **id_out, char **err)
{
    static const char upd[] =
        "UPDATE applications SET applicant_name = ?2, applicant_id_kind = ?3, applicant_id_no = ?4,"
        " applicant_org_code = ?5, applicant_phone = ?6, applicant_email = ?7, applicant_address = ?8,"
        " receipt_note = ?9, query_code = ?10 WHERE ext_id = ?1";
    char *id = NULL;
    res_t rc = next_id(s, prefix, &id, err);
    if (rc != RES_OK)
        goto done;
    struct application_rec copy = *r;
    copy.id = id;
    rc = sqlite_put_application(s, &copy, err);
    if (rc != RES_OK)
        goto done;
    sqlite3_stmt *st = sq_stmt(s, upd, err);
    if (!st) {
        rc = RES_FAILED;
        goto done;
    }
    sq_bind_text(st, 1, id);
    sq_bind_text(st, 2, who->name);
    sq_bind_text(st, 3, who->id_kind);
    sq_bind_text(st, 4, who->id_no);
    sq_bind_text(st, 5, who->org_code);
    sq_bind_text(st, 6, who->phone);
    sq_bind_text(st, 7, who->email);
    sq_bind_text(st, 8, who->address);
    sq_bind_text(st, 9, who->receipt_note);
    sq_bind_text(st, 10, who->query_hash);
    rc = sq_exec_step(s, st, "applicant", err) ? RES_FAILED : RES_OK;
done:
    if (rc == RES_OK)
        *id_out = id;
    else
        free(id);
    return rc;
}

/* A malloc'd copy of column I, masked by MASK unless UNMASKED (NULL stays NULL). */
static char *col_masked(sqlite3_stmt *st, int i, bool unmasked, char *(*mask)(const char *))
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    if (!v)
        return NULL;
    return unmasked || !mask ? xstrdup(v) : mask(v);
}

static char *withheld(const char *v)
{
    return xstrdup(*v ? "（已隐去）" : "");
}

res_t sqlite_application_applicant(store_t *s, const char *ext_id, bool unmasked, struct applicant *who,
                                   char **err)
{
    static const char sql[] = "SELECT applicant_name, applicant_id_kind, applicant_id_no, applicant_org_code,"
                              " applicant_phone, applicant_email, applicant_address, receipt_note"
                              " FROM applications WHERE ext_id = ?1";
    memset(who, 0, sizeof *who);
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, ext_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        sqlite3_reset(st);
        return RES_NOT_FOUND;
    }
    if (rc != SQLITE_ROW)
        return sq_fail(s, "applicant", err);
    who->name = sq_col_dup(st, 0);
    who->id_kind = sq_col_dup(st, 1);
    who->id_no = col_masked(st, 2, unmasked, mask_id_number);
    who->org_code = col_masked(st, 3, unmasked, mask_id_number);
    who->phone = col_masked(st, 4, unmasked, mask_phone);
    who->email = col_masked(st, 5, unmasked, withheld);
    who->address = col_masked(st, 6, unmasked, withheld);
    who->receipt_note = sq_col_dup(st, 7);
    sqlite3_reset(st);
    return RES_OK;
}

res_t sqlite_application_query_hash(store_t *s, const char *ext_id, char **hash, char **err)
{
    static const char sql[] = "SELECT query_code FROM applications WHERE ext_id = ?1";
    *hash = NULL;
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, ext_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *hash = sq_col_dup(st, 0);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return RES_NOT_FOUND;
    return rc == SQLITE_ROW ? RES_OK : sq_fail(s, "query code", err);
}

res_t sqlite_form_token_put(store_t *s, const char *token_hash, long long now, char **err)
{
    static const char prune[] = "DELETE FROM application_form_tokens WHERE created_at < ?1";
    static const char sql[] = "INSERT OR IGNORE INTO application_form_tokens (token_hash, created_at) VALUES (?1, ?2)";
    sqlite3_stmt *p = sq_stmt(s, prune, err);
    if (!p)
        return RES_FAILED;
    sq_bind_int(p, 1, now - 7 * 86400); /* a form older than a week is gone */
    if (sq_exec_step(s, p, "form tokens", err))
        return RES_FAILED;
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, token_hash);
    sq_bind_int(st, 2, now);
    return sq_exec_step(s, st, "form token", err) ? RES_FAILED : RES_OK;
}

res_t sqlite_form_token_take(store_t *s, const char *token_hash, long long now, long long max_age_s,
                             const char *application_id, int *state, char **existing, char **err)
{
    static const char get[] = "SELECT created_at, application FROM application_form_tokens WHERE token_hash = ?1";
    static const char use[] = "UPDATE application_form_tokens SET application = ?2 WHERE token_hash = ?1";
    *state = 0;
    *existing = NULL;
    sqlite3_stmt *st = sq_stmt(s, get, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, token_hash);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        long long at = sqlite3_column_int64(st, 0);
        *existing = sq_col_dup(st, 1);
        *state = *existing ? 2 : at >= now - max_age_s ? 1 : 0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sq_fail(s, "form token", err);
    if (*state == 1 && application_id) {
        sqlite3_stmt *u = sq_stmt(s, use, err);
        if (!u)
            return RES_FAILED;
        sq_bind_text(u, 1, token_hash);
        sq_bind_text(u, 2, application_id);
        if (sq_exec_step(s, u, "form token", err))
            return RES_FAILED;
    }
    return RES_OK;
}

res_t sqlite_public_attempt_add(store_t *s, const char *kind, const char *addr, long long now, char **err)
{
    static const char prune[] = "DELETE FROM public_attempts WHERE at < ?1";
    static const char sql[] = "INSERT INTO public_attempts (kind, addr, at) VALUES (?1, ?2, ?3)";
    sqlite3_stmt *p = sq_stmt(s, prune, err);
    if (!p)
        return RES_FAILED;
    sq_bind_int(p, 1, now - 86400);
    if (sq_exec_step(s, p, "attempts", err))
        return RES_FAILED;
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, kind);
    sq_bind_text(st, 2, addr);
    sq_bind_int(st, 3, now);
    return sq_exec_step(s, st, "attempt", err) ? RES_FAILED : RES_OK;
}

res_t sqlite_public_attempt_count(store_t *s, const char *kind, const char *addr, long long since, long long *n,
                                  char **err)
{
    static const char sql[] = "SELECT COUNT(*) FROM public_attempts WHERE kind = ?1 AND addr = ?2 AND at >= ?3";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, kind);
    sq_bind_text(st, 2, addr);
    sq_bind_int(st, 3, since);
    if (sqlite3_step(st) != SQLITE_ROW)
        return sq_fail(s, "attempts", err);
    *n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return RES_OK;
}
