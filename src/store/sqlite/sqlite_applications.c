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
        " receipt_note = ?9 WHERE ext_id = ?1";
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
