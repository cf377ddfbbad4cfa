/* SQLite backend: writing imported records (upserts keyed by the caller's ids). */
#include "store/sqlite/sqlite_internal.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int refuse(char **err, char *msg)
{
    free(*err);
    *err = msg;
    return 1;
}

/* Resolves a record's agency code; 1 + "agency: …" when unknown. Records of one agency
 * come in runs, so the last answer is kept (agency writes forget it). */
static int agency_of(store_t *s, const char *code, long long *id, char **err)
{
    if (SQ(s)->last_agency_id && strcmp(SQ(s)->last_agency_code, code) == 0) {
        *id = SQ(s)->last_agency_id;
        return 0;
    }
    int rc = sq_agency_id(s, code, id, err);
    if (rc == 0 && strlen(code) < sizeof SQ(s)->last_agency_code) {
        memcpy(SQ(s)->last_agency_code, code, strlen(code) + 1);
        SQ(s)->last_agency_id = *id;
    }
    if (rc == 1)
        return refuse(err, xasprintf("agency: unknown agency code '%s' (agency records must come first)", code));
    return rc;
}

res_t sqlite_put_agency(store_t *s, const struct agency_rec *r, char **err)
{
    SQ(s)->last_agency_id = 0;
    static const char sql[] =
        "INSERT INTO agencies (code, name, parent_code, kind, short_name, address, office_hours, phone, fax,"
        " email, website, postcode, index_pattern) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
        " ON CONFLICT (code) DO UPDATE SET name = excluded.name, parent_code = excluded.parent_code,"
        " kind = excluded.kind, short_name = excluded.short_name, address = excluded.address,"
        " office_hours = excluded.office_hours, phone = excluded.phone, fax = excluded.fax,"
        " email = excluded.email, website = excluded.website, postcode = excluded.postcode,"
        " index_pattern = excluded.index_pattern";
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return -1;
    const char *v[] = {r->code, r->name, r->parent, r->kind ? r->kind : "other", r->short_name, r->address,
                       r->office_hours, r->phone, r->fax, r->email, r->website, r->postcode, r->index_pattern};
    for (int i = 0; i < 13; i++)
        sq_bind_text(st, i + 1, v[i]);
    return sq_exec_step(s, st, "agency", err);
}

res_t sqlite_finish_agencies(store_t *s, char **bad_code, char **err)
{
    static const char q[] = "SELECT id, code, parent_code FROM agencies ORDER BY id";
    static const char upd[] = "UPDATE agencies SET parent_id = ?2, path = ?3, depth = ?4 WHERE id = ?1";
    *bad_code = NULL;
    sqlite3_stmt *st = sq_stmt(s, q, err);
    if (!st)
        return -1;
    size_t n = 0, cap = 16;
    struct agency_node *all = xcalloc(cap, sizeof *all);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap *= 2;
            all = xrealloc(all, cap * sizeof *all);
        }
        memset(&all[n], 0, sizeof all[n]);
        all[n].id = sqlite3_column_int64(st, 0);
        all[n].code = sq_col_dup(st, 1);
        all[n].parent_code = sq_col_dup(st, 2);
        n++;
    }
    int result = 0;
    if (rc != SQLITE_DONE)
        result = sq_fail(s, "agencies", err);
    else
        result = agency_tree_place(all, n, bad_code, err);
    for (size_t i = 0; result == 0 && i < n; i++) {
        sqlite3_stmt *u = sq_stmt(s, upd, err);
        if (!u) {
            result = -1;
            break;
        }
        sq_bind_int(u, 1, all[i].id);
        sq_bind_opt_int(u, 2, all[i].parent_id, all[i].parent_code != NULL);
        sq_bind_text(u, 3, all[i].path);
        sq_bind_int(u, 4, all[i].depth);
        result = sq_exec_step(s, u, "agency tree", err);
    }
    agency_nodes_free(all, n);
    return result;
}

/* The next serial of the system 索引号 <agency code>/<year>-<serial> for an agency and year. */
static int next_index_no(store_t *s, long long agency_id, const char *agency_code, int year, char **out, char **err)
{
    static const char bump[] =
        "INSERT INTO index_counters (agency_id, year, last) VALUES (?1, ?2, 1)"
        " ON CONFLICT (agency_id, year) DO UPDATE SET last = index_counters.last + 1 RETURNING last";
    sqlite3_stmt *st = sq_stmt(s, bump, err);
    if (!st)
        return -1;
    sq_bind_int(st, 1, agency_id);
    sq_bind_int(st, 2, year);
    if (sqlite3_step(st) != SQLITE_ROW)
        return sq_fail(s, "index number", err);
    *out = xasprintf("%s/%04d-%05lld", agency_code, year, (long long)sqlite3_column_int64(st, 0));
    sqlite3_reset(st);
    return 0;
}

/* Writes the item row. Returns 0 (with *item_id), -1 on failure, or 2 when index_no is
 * already another item's (the UNIQUE constraint says so; no look-up is spent beforehand). */
static int upsert_item(store_t *s, const struct item_rec *r, long long agency_id, const char *index_no,
                       bool index_auto, gk_date first, long long *item_id, char **err)
{
    static const char upsert[] =
        "INSERT INTO items (ext_id, agency_id, column_slug, title, body, index_no, index_auto, doc_no, topic,"
        " genre, written, statutory, repealed, first_published, state, withdrawn_on, withdrawn_note)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
        " CASE WHEN ?15 IS NULL THEN 'published' ELSE 'withdrawn' END, ?15, ?16)"
        " ON CONFLICT (ext_id) DO UPDATE SET agency_id = excluded.agency_id, column_slug = excluded.column_slug,"
        " title = excluded.title, body = excluded.body, index_no = excluded.index_no,"
        " index_auto = excluded.index_auto, doc_no = excluded.doc_no, topic = excluded.topic,"
        " genre = excluded.genre, written = excluded.written, statutory = excluded.statutory,"
        " repealed = excluded.repealed, first_published = excluded.first_published,"
        " state = CASE WHEN ?15 IS NOT NULL THEN 'withdrawn' WHEN items.state = 'withdrawn' THEN 'published'"
        " ELSE items.state END, withdrawn_on = ?15, withdrawn_note = ?16,"
        " updated_at = CURRENT_TIMESTAMP RETURNING id";
    sqlite3_stmt *st = sq_stmt(s, upsert, err);
    if (!st)
        return -1;
    sq_bind_text(st, 1, r->id);
    sq_bind_int(st, 2, agency_id);
    sq_bind_text(st, 3, r->column);
    sq_bind_text(st, 4, r->title);
    sq_bind_text(st, 5, r->body);
    sq_bind_text(st, 6, index_no);
    sq_bind_int(st, 7, index_auto);
    sq_bind_text(st, 8, r->doc_no);
    sq_bind_text(st, 9, r->topic);
    sq_bind_text(st, 10, r->genre);
    sq_bind_date(st, 11, r->written);
    sq_bind_text(st, 12, r->statutory);
    sq_bind_date(st, 13, r->repealed);
    /* a withdrawn item is off the portal: no first publication (its publications stay) */
    bool withdrawn = r->withdrawn_note != NULL;
    sq_bind_date(st, 14, withdrawn ? NO_DATE : first);
    sq_bind_date(st, 15, withdrawn ? r->withdrawn : NO_DATE);
    sq_bind_text(st, 16, r->withdrawn_note);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *item_id = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        return 0;
    }
    if (sqlite3_extended_errcode(SQ(s)->db) == SQLITE_CONSTRAINT_UNIQUE) {
        sqlite3_reset(st);
        return 2;
    }
    return sq_fail(s, "item", err);
}

res_t sqlite_put_item(store_t *s, const struct item_rec *r, char **err)
{
    static const char existing[] = "SELECT index_no, index_auto FROM items WHERE ext_id = ?1";
    static const char del_pubs[] = "DELETE FROM publications WHERE item_id = ?1";
    static const char add_pub[] =
        "INSERT INTO publications (item_id, agency_id, channel, at, year) VALUES (?1, ?2, ?3, ?4, ?5)";
    static const char index_owner[] = "SELECT ext_id FROM items WHERE index_no = ?1";

    long long agency_id;
    int rc = agency_of(s, r->agency, &agency_id, err);
    if (rc)
        return rc;

    sqlite3_stmt *st = sq_stmt(s, existing, err);
    if (!st)
        return -1;
    sq_bind_text(st, 1, r->id);
    bool existed = false;
    char *index_no = NULL;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        existed = true;
        if (!r->index_no && sqlite3_column_int(st, 1))
            index_no = sq_col_dup(st, 0); /* keep the number the system gave it */
    } else if (rc != SQLITE_DONE) {
        return sq_fail(s, "item", err);
    }
    sqlite3_reset(st);

    gk_date first = NO_DATE;
    for (size_t i = 0; i < r->npubs; i++)
        if (first == NO_DATE || r->pubs[i].at < first)
            first = r->pubs[i].at;

    bool index_auto = !r->index_no;
    if (r->index_no)
        index_no = xstrdup(r->index_no);
    gk_date basis = r->written != NO_DATE ? r->written : first != NO_DATE ? first : date_today_cst();
    long long item_id = 0;
    /* A system number may already be taken by an imported one: take the next serial. */
    for (int attempt = 0; attempt < 10000; attempt++) {
        if (!index_no && next_index_no(s, agency_id, r->agency, date_year(basis), &index_no, err))
            return -1;
        rc = upsert_item(s, r, agency_id, index_no, index_auto, first, &item_id, err);
        if (rc != 2 || !index_auto)
            break;
        free(index_no);
        index_no = NULL;
    }
    if (rc == 2) {
        sqlite3_stmt *o = sq_stmt(s, index_owner, err);
        if (o) {
            sq_bind_text(o, 1, index_no);
            rc = refuse(err, xasprintf("index_no: '%s' is already the 索引号 of item '%s'", index_no,
                                       sqlite3_step(o) == SQLITE_ROW ? sq_col_text(o, 0) : "?"));
            sqlite3_reset(o);
        } else {
            rc = -1;
        }
    }
    free(index_no);
    if (rc)
        return rc;

    if (existed) {
        sqlite3_stmt *d = sq_stmt(s, del_pubs, err);
        if (!d)
            return -1;
        sq_bind_int(d, 1, item_id);
        if (sq_exec_step(s, d, "publications", err))
            return -1;
    }
    for (size_t i = 0; i < r->npubs; i++) {
        sqlite3_stmt *p = sq_stmt(s, add_pub, err);
        if (!p)
            return -1;
        sq_bind_int(p, 1, item_id);
        sq_bind_int(p, 2, agency_id);
        sq_bind_text(p, 3, pub_channels[r->pubs[i].channel].code);
        sq_bind_date(p, 4, r->pubs[i].at);
        sq_bind_int(p, 5, date_year(r->pubs[i].at));
        if (sq_exec_step(s, p, "publication", err))
            return -1;
    }
    return 0;
}

static int put_events(store_t *s, long long app_id, const struct application_rec *r, char **err)
{
    static const char del[] = "DELETE FROM application_events WHERE application_id = ?1";
    static const char add[] =
        "INSERT INTO application_events (application_id, seq, kind, date, days, outcome, party, fen, basis,"
        " items, reason, letter) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
    sqlite3_stmt *d = sq_stmt(s, del, err);
    if (!d)
        return -1;
    sq_bind_int(d, 1, app_id);
    if (sq_exec_step(s, d, "events", err))
        return -1;
    for (size_t i = 0; i < r->nevents; i++) {
        const struct app_event *e = &r->events[i];
        sqlite3_stmt *st = sq_stmt(s, add, err);
        if (!st)
            return -1;
        sq_bind_int(st, 1, app_id);
        sq_bind_int(st, 2, (long long)i);
        sq_bind_text(st, 3, event_kinds[e->kind].code);
        sq_bind_date(st, 4, e->date);
        sq_bind_opt_int(st, 5, e->days, e->kind == EV_EXTENDED);
        sq_bind_text(st, 6, e->outcome);
        sq_bind_text(st, 7, e->party);
        sq_bind_opt_int(st, 8, e->fen, e->kind == EV_FEE_NOTICE || e->kind == EV_FEE_PAID);
        sq_bind_text(st, 9, e->basis);
        sq_bind_text(st, 10, e->items);
        sq_bind_text(st, 11, e->reason);
        sq_bind_text(st, 12, e->letter);
        if (sq_exec_step(s, st, "event", err))
            return -1;
    }
    return 0;
}

res_t sqlite_put_application(store_t *s, const struct application_rec *r, char **err)
{
    static const char upsert[] =
        "INSERT INTO applications (ext_id, agency_id, applicant_type, channel, received, closed, outcome,"
        " extended, fee_notice_fen, fee_paid_fen, has_events, subject)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
        " ON CONFLICT (ext_id) DO UPDATE SET agency_id = excluded.agency_id,"
        " applicant_type = excluded.applicant_type, channel = excluded.channel, received = excluded.received,"
        " closed = excluded.closed, outcome = excluded.outcome, extended = excluded.extended,"
        " fee_notice_fen = excluded.fee_notice_fen, fee_paid_fen = excluded.fee_paid_fen,"
        " has_events = excluded.has_events, subject = excluded.subject RETURNING id";
    long long agency_id;
    int rc = agency_of(s, r->agency, &agency_id, err);
    if (rc)
        return rc;
    sqlite3_stmt *st = sq_stmt(s, upsert, err);
    if (!st)
        return -1;
    sq_bind_text(st, 1, r->id);
    sq_bind_int(st, 2, agency_id);
    sq_bind_text(st, 3, applicant_types[r->applicant_type].code);
    sq_bind_text(st, 4, r->has_channel ? app_channels[r->channel].code : NULL);
    sq_bind_date(st, 5, r->received);
    sq_bind_date(st, 6, r->closed);
    sq_bind_text(st, 7, r->outcome);
    sq_bind_int(st, 8, r->extended);
    sq_bind_opt_int(st, 9, r->fee_notice_fen, r->fee_notice_fen >= 0);
    sq_bind_opt_int(st, 10, r->fee_paid_fen, r->fee_paid_fen >= 0);
    sq_bind_int(st, 11, r->has_events);
    sq_bind_text(st, 12, r->subject);
    if (sqlite3_step(st) != SQLITE_ROW)
        return sq_fail(s, "application", err);
    long long id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return put_events(s, id, r, err);
}

/* The statement SQL with ?1 bound to the id of the record's agency: the shared start of
 * every small upsert. Returns 0, 1 (unknown agency, refused) or -1. */
static int agency_stmt(store_t *s, const char *sql, const char *agency, sqlite3_stmt **st, char **err)
{
    long long agency_id;
    int rc = agency_of(s, agency, &agency_id, err);
    if (rc)
        return rc;
    if (!(*st = sq_stmt(s, sql, err)))
        return -1;
    sq_bind_int(*st, 1, agency_id);
    return 0;
}

res_t sqlite_put_case(store_t *s, const struct case_rec *r, char **err)
{
    static const char sql[] =
        "INSERT INTO cases (agency_id, ext_id, kind, filed, decided, result, application)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
        " ON CONFLICT (ext_id) DO UPDATE SET agency_id = excluded.agency_id, kind = excluded.kind,"
        " filed = excluded.filed, decided = excluded.decided, result = excluded.result,"
        " application = excluded.application";
    sqlite3_stmt *st;
    int rc = agency_stmt(s, sql, r->agency, &st, err);
    if (rc)
        return rc;
    sq_bind_text(st, 2, r->id);
    sq_bind_text(st, 3, case_kinds[r->kind].code);
    sq_bind_date(st, 4, r->filed);
    sq_bind_date(st, 5, r->decided);
    sq_bind_text(st, 6, r->result == RESULT_PENDING ? NULL : case_results[r->result].code);
    sq_bind_text(st, 7, r->application);
    return sq_exec_step(s, st, "case", err);
}

res_t sqlite_put_visit(store_t *s, const struct visit_rec *r, char **err)
{
    static const char sql[] =
        "INSERT INTO visits (agency_id, ext_id, date, count, point) VALUES (?1, ?2, ?3, ?4, ?5)"
        " ON CONFLICT (ext_id) DO UPDATE SET agency_id = excluded.agency_id, date = excluded.date,"
        " count = excluded.count, point = excluded.point";
    sqlite3_stmt *st;
    int rc = agency_stmt(s, sql, r->agency, &st, err);
    if (rc)
        return rc;
    sq_bind_text(st, 2, r->id);
    sq_bind_date(st, 3, r->date);
    sq_bind_int(st, 4, r->count);
    sq_bind_text(st, 5, r->point);
    return sq_exec_step(s, st, "visit", err);
}

res_t sqlite_put_tally(store_t *s, const struct tally_rec *r, char **err)
{
    static const char sql[] =
        "INSERT INTO tallies (agency_id, year, key, value, places) VALUES (?1, ?2, ?3, ?4, ?5)"
        " ON CONFLICT (agency_id, year, key) DO UPDATE SET value = excluded.value, places = excluded.places";
    sqlite3_stmt *st;
    int rc = agency_stmt(s, sql, r->agency, &st, err);
    if (rc)
        return rc;
    sq_bind_int(st, 2, r->year);
    sq_bind_text(st, 3, r->key);
    sq_bind_int(st, 4, r->value);
    sq_bind_int(st, 5, r->places);
    return sq_exec_step(s, st, "tally", err);
}

res_t sqlite_put_narrative(store_t *s, const struct narrative_rec *r, char **err)
{
    static const char sql[] =
        "INSERT INTO narratives (agency_id, year, section, text) VALUES (?1, ?2, ?3, ?4)"
        " ON CONFLICT (agency_id, year, section) DO UPDATE SET text = excluded.text";
    sqlite3_stmt *st;
    int rc = agency_stmt(s, sql, r->agency, &st, err);
    if (rc)
        return rc;
    sq_bind_int(st, 2, r->year);
    sq_bind_text(st, 3, narrative_sections[r->section].code);
    sq_bind_text(st, 4, r->text);
    return sq_exec_step(s, st, "narrative", err);
}
