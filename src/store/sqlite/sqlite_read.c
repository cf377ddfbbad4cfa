/* SQLite backend: reading agencies, applications, narratives, and streaming records for export. */
#include "store/sqlite/sqlite_internal.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AGENCY_COLUMNS                                                                                  \
    "id, COALESCE(parent_id, 0), code, name, kind, short_name, parent_code, path, address, office_hours," \
    " phone, fax, email, website, postcode, depth, index_pattern"

static void read_agency(sqlite3_stmt *st, struct agency *a)
{
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(st, 0);
    a->parent_id = sqlite3_column_int64(st, 1);
    snprintf(a->code, sizeof a->code, "%s", sq_col_text(st, 2));
    a->name = sq_col_dup(st, 3);
    a->kind = sq_col_dup(st, 4);
    a->short_name = sq_col_dup(st, 5);
    a->parent_code = sq_col_dup(st, 6);
    a->path = sq_col_dup(st, 7);
    a->address = sq_col_dup(st, 8);
    a->office_hours = sq_col_dup(st, 9);
    a->phone = sq_col_dup(st, 10);
    a->fax = sq_col_dup(st, 11);
    a->email = sq_col_dup(st, 12);
    a->website = sq_col_dup(st, 13);
    a->postcode = sq_col_dup(st, 14);
    a->depth = sqlite3_column_int(st, 15);
    a->index_pattern = sq_col_dup(st, 16);
}


res_t sqlite_get_agency(store_t *s, const char *code, struct agency *out, char **err)
{
    static const char by_code[] = "SELECT " AGENCY_COLUMNS " FROM agencies WHERE code = ?1";
    static const char root[] = "SELECT " AGENCY_COLUMNS " FROM agencies WHERE parent_code IS NULL ORDER BY id LIMIT 1";
    sqlite3_stmt *st = sq_stmt(s, code ? by_code : root, err);
    if (!st)
        return -1;
    if (code)
        sq_bind_text(st, 1, code);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_agency(st, out);
    rc = rc == SQLITE_ROW ? RES_OK : rc == SQLITE_DONE ? RES_NOT_FOUND : sq_fail(s, "agency", err);
    sq_reset_all(s);
    return rc;
}

res_t sqlite_each_agency(store_t *s, int (*fn)(const struct agency *a, void *ud), void *ud, char **err)
{
    static const char sql[] = "SELECT " AGENCY_COLUMNS " FROM agencies ORDER BY depth, sort, id";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct agency a;
        read_agency(st, &a);
        int stop = fn(&a, ud);
        agency_clear(&a);
        if (stop)
            return stop;
    }
    return rc == SQLITE_DONE ? 0 : sq_fail(s, "agencies", err);
}

/* Export scope: ?1 = subtree pattern or NULL (all), ?2/?3 = the year's bounds or NULL. */
#define EXPORT_SCOPE "(?1 IS NULL OR x.agency_id IN (SELECT id FROM agencies WHERE path LIKE ?1))"

static sqlite3_stmt *export_stmt(store_t *s, const char *sql, const struct export_filter *f, char **err)
{
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return NULL;
    if (f->agency_path) {
        char *pattern = xasprintf("%s%%", f->agency_path);
        sq_bind_text(st, 1, pattern);
        free(pattern);
    }
    if (f->year) {
        char from[11], to[11];
        sq_year_bounds(f->year, from, to);
        sq_bind_text(st, 2, from);
        sq_bind_text(st, 3, to);
    }
    return st;
}

/* Publications are read with a second statement per item; items stream in id order. */
res_t sqlite_each_item(store_t *s, const struct export_filter *f, int (*fn)(const struct item_rec *r, void *ud),
                    void *ud, char **err)
{
    /* With a year: the items that count in that year's report (published in it, or statutory
     * and written by its end, so that in-force counts survive the round trip). */
    static const char sql[] =
        "SELECT x.id, x.ext_id, a.code, x.title, x.body, x.column_slug, x.index_no, x.doc_no, x.topic, x.genre,"
        " x.written, x.statutory, x.repealed, x.withdrawn_on, x.withdrawn_note"
        " FROM items x JOIN agencies a ON a.id = x.agency_id"
        " WHERE " EXPORT_SCOPE " AND " SQ_ITEM_ON_RECORD " AND (?2 IS NULL"
        "  OR EXISTS (SELECT 1 FROM publications p WHERE p.item_id = x.id AND p.at BETWEEN ?2 AND ?3)"
        "  OR (x.statutory IS NOT NULL AND x.written <= ?3)) ORDER BY x.id";
    static const char pubs[] = "SELECT channel, at FROM publications WHERE item_id = ?1 ORDER BY at, id";
    sqlite3_stmt *st = export_stmt(s, sql, f, err);
    if (!st)
        return -1;
    struct publication_rec *pv = NULL;
    size_t pcap = 0;
    int rc, result = 0;
    /* The publication statement is a separate cached statement; the item cursor stays open. */
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct item_rec r = {0};
        r.id = sq_col_text(st, 1);
        r.agency = sq_col_text(st, 2);
        r.title = sq_col_text(st, 3);
        r.body = sq_col_text(st, 4);
        r.column = sq_col_text(st, 5);
        r.index_no = sq_col_text(st, 6);
        r.doc_no = sq_col_text(st, 7);
        r.topic = sq_col_text(st, 8);
        r.genre = sq_col_text(st, 9);
        r.written = sq_col_date(st, 10);
        r.statutory = sq_col_text(st, 11);
        r.repealed = sq_col_date(st, 12);
        r.withdrawn = sq_col_date(st, 13);
        r.withdrawn_note = sq_col_text(st, 14);
        sqlite3_stmt *p = sq_stmt(s, pubs, err);
        if (!p) {
            result = -1;
            break;
        }
        sq_bind_int(p, 1, sqlite3_column_int64(st, 0));
        while (sqlite3_step(p) == SQLITE_ROW) {
            if (r.npubs == pcap) {
                pcap = pcap ? pcap * 2 : 8;
                pv = xrealloc(pv, pcap * sizeof *pv);
            }
            int c = CODE_LOOKUP(pub_channels, sq_col_text(p, 0));
            pv[r.npubs].channel = c >= 0 ? (enum pub_channel)c : PUB_CHANNEL_OTHER;
            pv[r.npubs].at = sq_col_date(p, 1);
            r.npubs++;
        }
        r.pubs = pv;
        if ((result = fn(&r, ud)) != 0)
            break;
    }
    free(pv);
    if (result == 0 && rc != SQLITE_DONE)
        result = sq_fail(s, "items", err);
    sqlite3_reset(st);
    return result;
}

static void read_event(sqlite3_stmt *st, struct app_event *e)
{
    memset(e, 0, sizeof *e);
    int k = CODE_LOOKUP(event_kinds, sq_col_text(st, 0));
    e->kind = k >= 0 ? (enum event_kind)k : EV_WITHDRAWN;
    e->date = sq_col_date(st, 1);
    e->days = sqlite3_column_int(st, 2);
    e->outcome = sq_col_dup(st, 3);
    e->party = sq_col_dup(st, 4);
    e->fen = sqlite3_column_int64(st, 5);
    e->basis = sq_col_dup(st, 6);
    e->items = sq_col_dup(st, 7);
    e->reason = sq_col_dup(st, 8);
    e->letter = sq_col_dup(st, 9);
}

static int read_events(store_t *s, long long app_id, struct application_rec *r, char **err)
{
    static const char sql[] = "SELECT kind, date, days, outcome, party, fen, basis, items, reason, letter"
                              " FROM application_events WHERE application_id = ?1 ORDER BY seq";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return -1;
    sq_bind_int(st, 1, app_id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (r->nevents == cap) {
            cap = cap ? cap * 2 : 4;
            r->events = xrealloc(r->events, cap * sizeof *r->events);
        }
        read_event(st, &r->events[r->nevents++]);
    }
    return rc == SQLITE_DONE ? 0 : sq_fail(s, "events", err);
}

#define APP_COLUMNS                                                                                     \
    "x.id, x.ext_id, a.code, x.applicant_type, x.channel, x.received, x.closed, x.outcome, x.extended," \
    " x.fee_notice_fen, x.fee_paid_fen, x.has_events, x.subject"

/* Fills r with copies (freed by application_rec_free). */
static void read_application(sqlite3_stmt *st, struct application_rec *r)
{
    memset(r, 0, sizeof *r);
    r->id = sq_col_dup(st, 1);
    r->agency = sq_col_dup(st, 2);
    int t = CODE_LOOKUP(applicant_types, sq_col_text(st, 3));
    r->applicant_type = t >= 0 ? (enum applicant_type)t : APPLICANT_OTHER_ORG;
    int c = CODE_LOOKUP(app_channels, sq_col_text(st, 4));
    r->has_channel = c >= 0;
    r->channel = c >= 0 ? (enum app_channel)c : APP_CHANNEL_OTHER;
    r->received = sq_col_date(st, 5);
    r->closed = sq_col_date(st, 6);
    r->outcome = sq_col_dup(st, 7);
    r->extended = sqlite3_column_int(st, 8) != 0;
    r->fee_notice_fen = sqlite3_column_type(st, 9) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 9);
    r->fee_paid_fen = sqlite3_column_type(st, 10) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 10);
    r->has_events = sqlite3_column_int(st, 11) != 0;
    r->subject = sq_col_dup(st, 12);
}


res_t sqlite_get_application(store_t *s, const char *ext_id, struct application_rec *r, char **err)
{
    static const char sql[] = "SELECT " APP_COLUMNS " FROM applications x JOIN agencies a ON a.id = x.agency_id"
                              " WHERE x.ext_id = ?1";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return -1;
    sq_bind_text(st, 1, ext_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        sqlite3_reset(st);
        return RES_NOT_FOUND;
    }
    if (rc != SQLITE_ROW)
        return sq_fail(s, "application", err);
    read_application(st, r);
    long long id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    rc = read_events(s, id, r, err);
    sq_reset_all(s);
    if (rc)
        application_rec_free(r);
    return rc ? -1 : 0;
}

res_t sqlite_each_application(store_t *s, const struct export_filter *f,
                           int (*fn)(const struct application_rec *r, void *ud), void *ud, char **err)
{
    /* With a year: applications that count in it (received by its end, not closed before it). */
    static const char sql[] = "SELECT " APP_COLUMNS " FROM applications x JOIN agencies a ON a.id = x.agency_id"
                              " WHERE " EXPORT_SCOPE " AND (?2 IS NULL OR (x.received <= ?3"
                              " AND (x.closed IS NULL OR x.closed >= ?2))) ORDER BY x.id";
    sqlite3_stmt *st = export_stmt(s, sql, f, err);
    if (!st)
        return -1;
    int rc, result = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct application_rec r;
        read_application(st, &r);
        if (r.has_events && read_events(s, sqlite3_column_int64(st, 0), &r, err)) {
            application_rec_free(&r);
            return -1;
        }
        result = fn(&r, ud);
        application_rec_free(&r);
        if (result)
            break;
    }
    if (result == 0 && rc != SQLITE_DONE)
        result = sq_fail(s, "applications", err);
    sqlite3_reset(st);
    return result;
}

res_t sqlite_each_case(store_t *s, const struct export_filter *f, int (*fn)(const struct case_rec *r, void *ud),
                    void *ud, char **err)
{
    static const char sql[] = "SELECT x.ext_id, a.code, x.kind, x.filed, x.decided, x.result, x.application"
                              " FROM cases x JOIN agencies a ON a.id = x.agency_id WHERE " EXPORT_SCOPE
                              " AND (?2 IS NULL OR (x.filed <= ?3 AND (x.decided IS NULL OR x.decided >= ?2)))"
                              " ORDER BY x.id";
    sqlite3_stmt *st = export_stmt(s, sql, f, err);
    if (!st)
        return -1;
    int rc, result = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct case_rec r = {0};
        r.id = sq_col_text(st, 0);
        r.agency = sq_col_text(st, 1);
        int k = CODE_LOOKUP(case_kinds, sq_col_text(st, 2));
        r.kind = k >= 0 ? (enum case_kind)k : CASE_RECONSIDERATION;
        r.filed = sq_col_date(st, 3);
        r.decided = sq_col_date(st, 4);
        int res = CODE_LOOKUP(case_results, sq_col_text(st, 5));
        r.result = res >= 0 ? res : RESULT_PENDING;
        r.application = sq_col_text(st, 6);
        if ((result = fn(&r, ud)) != 0)
            break;
    }
    if (result == 0 && rc != SQLITE_DONE)
        result = sq_fail(s, "cases", err);
    sqlite3_reset(st);
    return result;
}

res_t sqlite_each_visit(store_t *s, const struct export_filter *f, int (*fn)(const struct visit_rec *r, void *ud),
                     void *ud, char **err)
{
    static const char sql[] = "SELECT x.ext_id, a.code, x.date, x.count, x.point FROM visits x"
                              " JOIN agencies a ON a.id = x.agency_id WHERE " EXPORT_SCOPE
                              " AND (?2 IS NULL OR x.date BETWEEN ?2 AND ?3) ORDER BY x.id";
    sqlite3_stmt *st = export_stmt(s, sql, f, err);
    if (!st)
        return -1;
    int rc, result = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct visit_rec r = {sq_col_text(st, 0), sq_col_text(st, 1), sq_col_text(st, 4), sq_col_date(st, 2),
                              sqlite3_column_int64(st, 3)};
        if ((result = fn(&r, ud)) != 0)
            break;
    }
    if (result == 0 && rc != SQLITE_DONE)
        result = sq_fail(s, "visits", err);
    sqlite3_reset(st);
    return result;
}

res_t sqlite_each_tally(store_t *s, const struct export_filter *f, int (*fn)(const struct tally_rec *r, void *ud),
                     void *ud, char **err)
{
    static const char sql[] = "SELECT a.code, x.year, x.key, x.value, x.places FROM tallies x"
                              " JOIN agencies a ON a.id = x.agency_id WHERE " EXPORT_SCOPE
                              " AND (?2 IS NULL OR x.year = CAST(substr(?2, 1, 4) AS INTEGER))"
                              " ORDER BY a.id, x.year, x.key";
    sqlite3_stmt *st = export_stmt(s, sql, f, err);
    if (!st)
        return -1;
    int rc, result = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct tally_rec r = {sq_col_text(st, 0), sq_col_text(st, 2), sqlite3_column_int(st, 1),
                              sqlite3_column_int64(st, 3), sqlite3_column_int(st, 4)};
        if ((result = fn(&r, ud)) != 0)
            break;
    }
    if (result == 0 && rc != SQLITE_DONE)
        result = sq_fail(s, "tallies", err);
    sqlite3_reset(st);
    return result;
}

res_t sqlite_each_narrative(store_t *s, const struct export_filter *f,
                         int (*fn)(const struct narrative_rec *r, void *ud), void *ud, char **err)
{
    static const char sql[] = "SELECT a.code, x.year, x.section, x.text FROM narratives x"
                              " JOIN agencies a ON a.id = x.agency_id WHERE " EXPORT_SCOPE
                              " AND (?2 IS NULL OR x.year = CAST(substr(?2, 1, 4) AS INTEGER))"
                              " ORDER BY a.id, x.year, x.section";
    sqlite3_stmt *st = export_stmt(s, sql, f, err);
    if (!st)
        return -1;
    int rc, result = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int sec = CODE_LOOKUP(narrative_sections, sq_col_text(st, 2));
        struct narrative_rec r = {sq_col_text(st, 0), sq_col_text(st, 3), sqlite3_column_int(st, 1),
                                  sec >= 0 ? (enum narrative_section)sec : NARR_OTHER};
        if ((result = fn(&r, ud)) != 0)
            break;
    }
    if (result == 0 && rc != SQLITE_DONE)
        result = sq_fail(s, "narratives", err);
    sqlite3_reset(st);
    return result;
}

char *sqlite_get_narrative(store_t *s, long long agency_id, int year, enum narrative_section sec, char **err)
{
    static const char sql[] = "SELECT text FROM narratives WHERE agency_id = ?1 AND year = ?2 AND section = ?3";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return NULL;
    sq_bind_int(st, 1, agency_id);
    sq_bind_int(st, 2, year);
    sq_bind_text(st, 3, narrative_sections[sec].code);
    char *text = sqlite3_step(st) == SQLITE_ROW ? sq_col_dup(st, 0) : NULL;
    sq_reset_all(s);
    return text;
}
