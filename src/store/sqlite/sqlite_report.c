/* SQLite backend: the inputs of an annual report. Plain sums by year are grouped counts
 * over an index range; applications and cases are streamed to domain/figures.c, which
 * holds the 表三/表四 year rules for every backend. */
#include "store/sqlite/sqlite_internal.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

/* Every query binds ?1 = the agency id, ?2 = its subtree pattern (NULL for scope self),
 * ?3 / ?4 = the first and last day of the year, ?5 = the year. */
#define SCOPE "agency_id IN (SELECT id FROM agencies WHERE id = ?1 OR path LIKE ?2)"

static sqlite3_stmt *scoped(store_t *s, const char *sql, const struct agency *a, bool tree, int year, char **err)
{
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return NULL;
    char from[11], to[11];
    sq_year_bounds(year, from, to);
    sq_bind_int(st, 1, a->id);
    if (tree) {
        char *pattern = xasprintf("%s%%", a->path);
        sq_bind_text(st, 2, pattern);
        free(pattern);
    }
    sq_bind_text(st, 3, from);
    sq_bind_text(st, 4, to);
    sq_bind_int(st, 5, year);
    return st;
}

static int finish(store_t *s, sqlite3_stmt *st, int rc, char **err)
{
    (void)st;
    return rc == SQLITE_DONE ? 0 : sq_fail(s, "report", err);
}

static int count_publications(store_t *s, const struct agency *a, bool tree, struct report_figures *f, char **err)
{
    /* Grouping by agency first follows the index order, so neither count sorts. An item
     * has one agency, so (agency_id, item_id) groups are distinct items. */
    static const char by_channel[] = "SELECT channel, COUNT(*) FROM publications WHERE " SCOPE
                                     " AND year = ?5 GROUP BY agency_id, channel";
    static const char distinct_items[] = "SELECT COUNT(*) FROM (SELECT 1 FROM publications WHERE " SCOPE
                                         " AND year = ?5 GROUP BY agency_id, item_id) AS x";
    sqlite3_stmt *st = scoped(s, by_channel, a, tree, f->year, err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int c = CODE_LOOKUP(pub_channels, sq_col_text(st, 0));
        if (c >= 0)
            f->pubs_by_channel[c] += sqlite3_column_int64(st, 1);
    }
    if (finish(s, st, rc, err))
        return -1;
    st = scoped(s, distinct_items, a, tree, f->year, err);
    if (!st)
        return -1;
    if ((rc = sqlite3_step(st)) == SQLITE_ROW)
        f->items_published = sqlite3_column_int64(st, 0);
    return rc == SQLITE_ROW ? 0 : sq_fail(s, "report", err);
}

static int count_statutory(store_t *s, const struct agency *a, bool tree, struct report_figures *f, char **err)
{
    static const char sql[] =
        "SELECT statutory,"
        " SUM(CASE WHEN written BETWEEN ?3 AND ?4 THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN repealed BETWEEN ?3 AND ?4 THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN written <= ?4 AND (repealed IS NULL OR repealed > ?4) THEN 1 ELSE 0 END)"
        " FROM items WHERE " SCOPE " AND statutory IS NOT NULL AND " SQ_ITEM_ON_RECORD " GROUP BY statutory";
    static const char published[] =
        "SELECT i.statutory, COUNT(DISTINCT i.id) FROM items i JOIN publications p ON p.item_id = i.id"
        " WHERE i.agency_id IN (SELECT id FROM agencies WHERE id = ?1 OR path LIKE ?2)"
        " AND i.statutory IS NOT NULL AND p.year = ?5 GROUP BY i.statutory";
    sqlite3_stmt *st = scoped(s, sql, a, tree, f->year, err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *kind = sq_col_text(st, 0);
        struct statutory_figures *sf = strcmp(kind, "rule") == 0 ? &f->rules : &f->normative_documents;
        sf->issued = sqlite3_column_int64(st, 1);
        sf->repealed = sqlite3_column_int64(st, 2);
        sf->in_force = sqlite3_column_int64(st, 3);
    }
    if (finish(s, st, rc, err))
        return -1;
    st = scoped(s, published, a, tree, f->year, err);
    if (!st)
        return -1;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *kind = sq_col_text(st, 0);
        (strcmp(kind, "rule") == 0 ? &f->rules : &f->normative_documents)->published = sqlite3_column_int64(st, 1);
    }
    return finish(s, st, rc, err);
}

/* Every application of the scope that can count in the year (received by its end, not
 * closed before its start), to the sink: domain/figures.c applies the 表三 rules. */
static int stream_applications(store_t *s, const struct agency *a, bool tree, int year,
                               const struct report_sink *sink, char **err)
{
    static const char sql[] = "SELECT applicant_type, channel, received, closed, outcome, extended, fee_notice_fen,"
                              " fee_paid_fen FROM applications WHERE " SCOPE
                              " AND received <= ?4 AND (closed IS NULL OR closed >= ?3)";
    sqlite3_stmt *st = scoped(s, sql, a, tree, year, err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *channel = sq_col_text(st, 1);
        int ch = channel ? CODE_LOOKUP(app_channels, channel) : APP_CHANNEL_OTHER;
        struct figures_application r = {
            .applicant_type = CODE_LOOKUP(applicant_types, sq_col_text(st, 0)),
            .channel = ch >= 0 ? ch : APP_CHANNEL_OTHER,
            .received = sq_col_date(st, 2),
            .closed = sq_col_date(st, 3),
            .outcome = sq_col_text(st, 4),
            .extended = sqlite3_column_int(st, 5) != 0,
            .fee_notice_fen = sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 6),
            .fee_paid_fen = sqlite3_column_type(st, 7) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 7),
        };
        int stop = sink->application(&r, sink->ud);
        if (stop)
            return stop;
    }
    return finish(s, st, rc, err);
}

/* Every case of the scope that can count in the year (filed by its end, not decided before
 * its start), to the sink: domain/figures.c applies the 表四 rules. */
static int stream_cases(store_t *s, const struct agency *a, bool tree, int year, const struct report_sink *sink,
                        char **err)
{
    static const char sql[] = "SELECT kind, result, filed, decided FROM cases WHERE " SCOPE
                              " AND filed <= ?4 AND (decided IS NULL OR decided >= ?3)";
    sqlite3_stmt *st = scoped(s, sql, a, tree, year, err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *result = sq_col_text(st, 1);
        struct figures_case r = {
            .kind = CODE_LOOKUP(case_kinds, sq_col_text(st, 0)),
            .result = result ? CODE_LOOKUP(case_results, result) : RESULT_PENDING,
            .filed = sq_col_date(st, 2),
            .decided = sq_col_date(st, 3),
        };
        int stop = sink->case_row(&r, sink->ud);
        if (stop)
            return stop;
    }
    return finish(s, st, rc, err);
}

static int count_visits_and_tallies(store_t *s, const struct agency *a, bool tree, struct report_figures *f,
                                    char **err)
{
    static const char visits[] = "SELECT COALESCE(SUM(count), 0) FROM visits WHERE " SCOPE
                                 " AND date BETWEEN ?3 AND ?4";
    static const char tallies[] = "SELECT key, SUM(value), MAX(places) FROM tallies WHERE " SCOPE
                                  " AND year = ?5 GROUP BY key";
    sqlite3_stmt *st = scoped(s, visits, a, tree, f->year, err);
    if (!st)
        return -1;
    if (sqlite3_step(st) != SQLITE_ROW)
        return sq_fail(s, "report", err);
    f->visits = sqlite3_column_int64(st, 0);
    st = scoped(s, tallies, a, tree, f->year, err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const struct tally_key_info *k = tally_key_find(sq_col_text(st, 0));
        if (!k)
            continue;
        size_t i = (size_t)(k - tally_keys);
        f->tally[i] = sqlite3_column_int64(st, 1);
        f->tally_places[i] = sqlite3_column_int(st, 2);
    }
    return finish(s, st, rc, err);
}

res_t sqlite_report_rows(store_t *s, const struct agency *a, bool tree, int year, struct report_figures *counts,
                         const struct report_sink *sink, char **err)
{
    /* One read transaction, so that every figure sees the same snapshot. */
    if (sqlite3_exec(SQ(s)->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return sq_fail(s, "report", err);
    int rc = count_publications(s, a, tree, counts, err);
    if (!rc)
        rc = count_statutory(s, a, tree, counts, err);
    if (!rc)
        rc = stream_applications(s, a, tree, year, sink, err);
    if (!rc)
        rc = stream_cases(s, a, tree, year, sink, err);
    if (!rc)
        rc = count_visits_and_tallies(s, a, tree, counts, err);
    sq_reset_all(s); /* before COMMIT, so the read transaction really ends */
    sqlite3_exec(SQ(s)->db, "COMMIT", NULL, NULL, NULL);
    return rc ? (rc < 0 ? RES_FAILED : (res_t)rc) : RES_OK;
}
