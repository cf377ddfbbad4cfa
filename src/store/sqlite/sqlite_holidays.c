/* SQLite backend: imported holiday notices (store_holidays.h). Every value is bound. */
#include "store/sqlite/sqlite_internal.h"
#include "store/store_holidays.h"
#include <stdlib.h>

/* Replaces one year: its rows and its source line. */
static res_t replace_year(store_t *s, int year, const char *source, const char *imported_at, char **err)
{
    static const char del_rows[] = "DELETE FROM holidays WHERE year = ?1";
    static const char put_year[] = "INSERT INTO holiday_years (year, source, imported_at) VALUES (?1, ?2, ?3)"
                                   " ON CONFLICT (year) DO UPDATE SET source = excluded.source,"
                                   " imported_at = excluded.imported_at";
    sqlite3_stmt *st = sq_stmt(s, del_rows, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, year);
    int rc = sq_exec_step(s, st, "holidays", err);
    sqlite3_reset(st);
    if (rc)
        return RES_FAILED;
    st = sq_stmt(s, put_year, err);
    if (!st)
        return RES_FAILED;
    sq_bind_int(st, 1, year);
    sq_bind_text(st, 2, source);
    sq_bind_text(st, 3, imported_at);
    rc = sq_exec_step(s, st, "holiday_years", err);
    sqlite3_reset(st);
    return rc ? RES_FAILED : RES_OK;
}

res_t sqlite_holidays_replace(store_t *s, const struct holiday_list *rows, const char *source,
                              const char *imported_at, char **err)
{
    static const char put_row[] = "INSERT INTO holidays (date, year, kind, name) VALUES (?1, ?2, ?3, ?4)";
    *err = NULL;
    int year = 0;
    for (size_t i = 0; i < rows->n; i++) {
        const struct holiday_row *r = &rows->rows[i];
        /* Rows are sorted by date: a new year starts with its first row. */
        if (date_year(r->date) != year) {
            year = date_year(r->date);
            if (replace_year(s, year, source, imported_at, err) != RES_OK)
                return RES_FAILED;
        }
        sqlite3_stmt *st = sq_stmt(s, put_row, err);
        if (!st)
            return RES_FAILED;
        sq_bind_date(st, 1, r->date);
        sq_bind_int(st, 2, year);
        sq_bind_text(st, 3, r->workday ? "workday" : "holiday");
        sq_bind_text(st, 4, r->name);
        int rc = sq_exec_step(s, st, "holidays", err);
        sqlite3_reset(st);
        if (rc)
            return RES_FAILED;
    }
    return RES_OK;
}

res_t sqlite_holidays_each(store_t *s, int (*fn)(gk_date date, bool workday, const char *name, void *ud), void *ud,
                           char **err)
{
    static const char sql[] = "SELECT date, kind, name FROM holidays ORDER BY date";
    *err = NULL;
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *kind = sq_col_text(st, 1), *name = sq_col_text(st, 2);
        if (fn(sq_col_date(st, 0), kind && kind[0] == 'w', name ? name : "", ud) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    res_t r = rc == SQLITE_DONE ? RES_OK : (sq_fail(s, "holidays", err), RES_FAILED);
    sqlite3_reset(st);
    return r;
}

res_t sqlite_holiday_years_each(store_t *s, int (*fn)(int year, const char *source, const char *imported_at, void *ud),
                                void *ud, char **err)
{
    static const char sql[] = "SELECT year, source, imported_at FROM holiday_years ORDER BY year";
    *err = NULL;
    sqlite3_stmt *st = sq_stmt(s, sql, err);
    if (!st)
        return RES_FAILED;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *src = sq_col_text(st, 1), *at = sq_col_text(st, 2);
        if (fn((int)sqlite3_column_int(st, 0), src ? src : "", at ? at : "", ud) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    res_t r = rc == SQLITE_DONE ? RES_OK : (sq_fail(s, "holiday_years", err), RES_FAILED);
    sqlite3_reset(st);
    return r;
}
