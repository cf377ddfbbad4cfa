/* Service guides on SQLite (store_guides.h): a guide row, its materials and its steps.
 * A write replaces the guide's lists whole inside a savepoint, so that it is all or
 * nothing inside the importer's transaction and on its own. */
#include "store/sqlite/sqlite_internal.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

/* The entries of a one-per-line list, joined (NULL for an empty list). */
static char *join_lines(const char **v, size_t n)
{
    if (!n)
        return NULL;
    buf_t b = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_putc(&b, '\n');
        buf_puts(&b, v[i]);
    }
    return buf_take(&b);
}

/* The lines of TEXT as a list in MEM. */
static const char **split_lines(arena_t *mem, const char *text, size_t *n)
{
    *n = 0;
    if (!text || !*text)
        return NULL;
    size_t count = 1;
    for (const char *p = text; *p; p++)
        count += *p == '\n';
    const char **v = arena_calloc(mem, count, sizeof *v);
    const char *start = text;
    for (const char *p = text;; p++)
        if (*p == '\n' || !*p) {
            v[(*n)++] = arena_strndup(mem, start, (size_t)(p - start));
            if (!*p)
                break;
            start = p + 1;
        }
    return v;
}

static const char *dup_col(arena_t *mem, sqlite3_stmt *st, int i)
{
    const char *t = sq_col_text(st, i);
    return t ? arena_strdup(mem, t) : NULL;
}

static res_t savepoint(store_t *s, const char *sql, char **err)
{
    if (sqlite3_exec(SQ(s)->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return sq_fail(s, "guide", err);
    return RES_OK;
}

static res_t write_guide(store_t *s, const struct guide_rec *r, long long agency_id, char **err)
{
    static const char upsert[] =
        "INSERT INTO guides (ext_id, agency_id, name, column_slug, summary, basis, conditions, time_limit, fees,"
        " place, office_hours, phone, online_url, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
        " ?12, ?13, ?14) ON CONFLICT (ext_id) DO UPDATE SET agency_id = excluded.agency_id, name = excluded.name,"
        " column_slug = excluded.column_slug, summary = excluded.summary, basis = excluded.basis,"
        " conditions = excluded.conditions, time_limit = excluded.time_limit, fees = excluded.fees,"
        " place = excluded.place, office_hours = excluded.office_hours, phone = excluded.phone,"
        " online_url = excluded.online_url, updated = excluded.updated";
    static const char find[] = "SELECT id FROM guides WHERE ext_id = ?1";
    static const char clear_materials[] = "DELETE FROM guide_materials WHERE guide_id = ?1";
    static const char clear_steps[] = "DELETE FROM guide_steps WHERE guide_id = ?1";
    static const char add_material[] = "INSERT INTO guide_materials (guide_id, pos, name, form, copies, required, note)"
                                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
    static const char add_step[] =
        "INSERT INTO guide_steps (guide_id, pos, key, title, who, place, time_limit, description, next, b1_label,"
        " b1_next, b2_label, b2_next) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
    char *basis = join_lines(r->basis, r->nbasis), *conditions = join_lines(r->conditions, r->nconditions);
    res_t rc = RES_FAILED;
    sqlite3_stmt *st = sq_stmt(s, upsert, err);
    if (!st)
        goto done;
    const char *texts[] = {r->id,         r->name,   r->column,
                           r->summary,    basis,     conditions,
                           r->time_limit, r->fees,   r->place,
                           r->office_hours, r->phone, r->online_url};
    sq_bind_text(st, 1, texts[0]);
    sq_bind_int(st, 2, agency_id);
    for (int i = 1; i < 12; i++)
        sq_bind_text(st, i + 2, texts[i]);
    sq_bind_date(st, 14, r->updated);
    if (sq_exec_step(s, st, "guide", err))
        goto done;
    if (!(st = sq_stmt(s, find, err)))
        goto done;
    sq_bind_text(st, 1, r->id);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sq_fail(s, "guide", err);
        goto done;
    }
    long long id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    const char *clears[] = {clear_materials, clear_steps};
    for (int i = 0; i < 2; i++) {
        if (!(st = sq_stmt(s, clears[i], err)))
            goto done;
        sq_bind_int(st, 1, id);
        if (sq_exec_step(s, st, "guide", err))
            goto done;
    }
    for (size_t i = 0; i < r->nmaterials; i++) {
        const struct guide_material *m = &r->materials[i];
        if (!(st = sq_stmt(s, add_material, err)))
            goto done;
        sq_bind_int(st, 1, id);
        sq_bind_int(st, 2, (long long)i);
        sq_bind_text(st, 3, m->name);
        sq_bind_text(st, 4, m->form);
        sq_bind_int(st, 5, m->copies);
        sq_bind_int(st, 6, m->required);
        sq_bind_text(st, 7, m->note);
        if (sq_exec_step(s, st, "guide material", err))
            goto done;
    }
    for (size_t i = 0; i < r->nsteps; i++) {
        const struct guide_step *p = &r->steps[i];
        if (!(st = sq_stmt(s, add_step, err)))
            goto done;
        sq_bind_int(st, 1, id);
        sq_bind_int(st, 2, (long long)i);
        const char *v[] = {p->key, p->title, p->who, p->where, p->time_limit, p->description, p->next};
        for (int k = 0; k < 7; k++)
            sq_bind_text(st, k + 3, v[k]);
        for (int b = 0; b < p->nbranches && b < 2; b++) {
            sq_bind_text(st, 10 + 2 * b, p->branches[b].label);
            sq_bind_text(st, 11 + 2 * b, p->branches[b].next);
        }
        if (sq_exec_step(s, st, "guide step", err))
            goto done;
    }
    rc = RES_OK;
done:
    free(basis);
    free(conditions);
    return rc;
}

res_t sqlite_put_guide(store_t *s, const struct guide_rec *r, char **err)
{
    long long agency_id;
    int found = sq_agency_id(s, r->agency, &agency_id, err);
    if (found == 1) {
        free(*err);
        *err = xasprintf("agency: unknown agency code '%s' (agency records must come first)", r->agency);
        return RES_REFUSED;
    }
    if (found)
        return RES_FAILED;
    if (savepoint(s, "SAVEPOINT guide", err))
        return RES_FAILED;
    res_t rc = write_guide(s, r, agency_id, err);
    if (rc)
        sqlite3_exec(SQ(s)->db, "ROLLBACK TO guide", NULL, NULL, NULL);
    if (savepoint(s, "RELEASE guide", err))
        rc = RES_FAILED;
    return rc;
}

static res_t read_lists(store_t *s, long long id, arena_t *mem, struct guide_rec *g, char **err)
{
    static const char materials[] = "SELECT name, form, copies, required, note FROM guide_materials"
                                    " WHERE guide_id = ?1 ORDER BY pos";
    static const char steps[] = "SELECT key, title, who, place, time_limit, description, next, b1_label, b1_next,"
                                " b2_label, b2_next FROM guide_steps WHERE guide_id = ?1 ORDER BY pos";
    static const char counts[] = "SELECT (SELECT count(*) FROM guide_materials WHERE guide_id = ?1),"
                                 " (SELECT count(*) FROM guide_steps WHERE guide_id = ?1)";
    sqlite3_stmt *st = sq_stmt(s, counts, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, id);
    if (sqlite3_step(st) != SQLITE_ROW)
        return sq_fail(s, "guide", err);
    size_t nm = (size_t)sqlite3_column_int64(st, 0), ns = (size_t)sqlite3_column_int64(st, 1);
    sqlite3_reset(st);
    g->materials = arena_calloc(mem, nm ? nm : 1, sizeof *g->materials);
    g->steps = arena_calloc(mem, ns ? ns : 1, sizeof *g->steps);
    if (!(st = sq_stmt(s, materials, err)))
        return RES_FAILED;
    sq_bind_int(st, 1, id);
    int rc;
    while (g->nmaterials < nm && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct guide_material *m = &g->materials[g->nmaterials++];
        m->name = dup_col(mem, st, 0);
        m->form = dup_col(mem, st, 1);
        m->copies = sqlite3_column_int(st, 2);
        m->required = sqlite3_column_int(st, 3) != 0;
        m->note = dup_col(mem, st, 4);
    }
    sqlite3_reset(st);
    if (!(st = sq_stmt(s, steps, err)))
        return RES_FAILED;
    sq_bind_int(st, 1, id);
    while (g->nsteps < ns && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct guide_step *p = &g->steps[g->nsteps++];
        p->key = dup_col(mem, st, 0);
        p->title = dup_col(mem, st, 1);
        p->who = dup_col(mem, st, 2);
        p->where = dup_col(mem, st, 3);
        p->time_limit = dup_col(mem, st, 4);
        p->description = dup_col(mem, st, 5);
        p->next = dup_col(mem, st, 6);
        if (sq_col_text(st, 7)) {
            p->nbranches = 2;
            for (int b = 0; b < 2; b++) {
                p->branches[b].label = dup_col(mem, st, 7 + 2 * b);
                p->branches[b].next = dup_col(mem, st, 8 + 2 * b);
            }
        }
    }
    sqlite3_reset(st);
    return RES_OK;
}

res_t sqlite_get_guide(store_t *s, const char *id, arena_t *mem, struct guide_rec *out, char **err)
{
    static const char sql[] =
        "SELECT g.id, g.ext_id, a.code, g.name, g.column_slug, g.summary, g.basis, g.conditions, g.time_limit,"
        " g.fees, g.place, g.office_hours, g.phone, g.online_url, g.updated FROM guides g"
        " JOIN agencies a ON a.id = g.agency_id WHERE g.ext_id = ?1";
    memset(out, 0, sizeof *out);
    out->updated = NO_DATE;
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    sq_bind_text(st, 1, id);
    int step = sqlite3_step(st);
    if (step == SQLITE_DONE) {
        sqlite3_reset(st);
        return RES_NOT_FOUND;
    }
    if (step != SQLITE_ROW) {
        res_t r = sq_fail(s, "guide", err);
        sqlite3_reset(st);
        return r;
    }
    long long row = sqlite3_column_int64(st, 0);
    out->id = dup_col(mem, st, 1);
    out->agency = dup_col(mem, st, 2);
    out->name = dup_col(mem, st, 3);
    out->column = dup_col(mem, st, 4);
    out->summary = dup_col(mem, st, 5);
    out->basis = split_lines(mem, sq_col_text(st, 6), &out->nbasis);
    out->conditions = split_lines(mem, sq_col_text(st, 7), &out->nconditions);
    const char **dst[] = {&out->time_limit, &out->fees, &out->place, &out->office_hours, &out->phone,
                          &out->online_url};
    for (int i = 0; i < 6; i++)
        *dst[i] = dup_col(mem, st, 8 + i);
    out->updated = sq_col_date(st, 14);
    sqlite3_reset(st);
    res_t rc = read_lists(s, row, mem, out, err);
    sq_reset_all(s);
    return rc;
}

res_t sqlite_each_guide(store_t *s, const struct export_filter *f, int (*fn)(const struct guide_rec *g, void *ud),
                        void *ud, char **err)
{
    static const char sql[] = "SELECT ext_id FROM guides WHERE ?1 IS NULL OR agency_id IN"
                              " (SELECT id FROM agencies WHERE path LIKE ?1) ORDER BY id";
    /* The ids first: reading one guide uses statements of its own. */
    char **ids = NULL;
    size_t n = 0, cap = 0;
    res_t rc = RES_FAILED;
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        goto done;
    char *pattern = f && f->agency_path ? xasprintf("%s%%", f->agency_path) : NULL;
    sq_bind_text(st, 1, pattern);
    free(pattern);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            ids = xrealloc(ids, cap * sizeof *ids);
        }
        ids[n++] = xstrdup(sq_col_text(st, 0));
    }
    sqlite3_reset(st);
    if (step != SQLITE_DONE) {
        sq_fail(s, "guides", err);
        goto done;
    }
    rc = RES_OK;
    for (size_t i = 0; i < n && rc == RES_OK; i++) {
        arena_t *mem = arena_new();
        struct guide_rec g;
        rc = sqlite_get_guide(s, ids[i], mem, &g, err);
        if (rc == RES_OK)
            rc = fn(&g, ud);
        arena_free(mem);
    }
done:
    for (size_t i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
    return rc;
}
