/* Holiday notices imported into the database (`gongkai calendar import`), and the
 * calendar they make with the built-in years (domain/calendar.h). Dispatched by
 * store.c; the SQLite backend is src/store/sqlite/sqlite_holidays.c. */
#ifndef GK_STORE_HOLIDAYS_H
#define GK_STORE_HOLIDAYS_H
#include "domain/calendar.h"
#include "store/store.h"
#include "util/result.h"

/* Replaces the imported rows of every year ROWS has rows in (holiday_list_parse checked
 * them) with ROWS, recording SOURCE (the file's name) and IMPORTED_AT (UTC
 * YYYY-MM-DDTHH:MM:SSZ) for each year. The caller holds the transaction
 * (store_begin … store_commit), so a failure leaves the old rows. */
res_t store_holidays_replace(store_t *s, const struct holiday_list *rows, const char *source,
                             const char *imported_at, char **err);

/* Calls FN for every imported row, by date; a non-zero return stops the walk (RES_OK). */
res_t store_holidays_each(store_t *s, int (*fn)(gk_date date, bool workday, const char *name, void *ud), void *ud,
                          char **err);

/* Calls FN for every imported year, in order, with its source and import time. */
res_t store_holiday_years_each(store_t *s, int (*fn)(int year, const char *source, const char *imported_at, void *ud),
                               void *ud, char **err);

/* The calendar of this database: the built-in years, replaced by its imported ones.
 * *out is the caller's (calendar_free). */
res_t store_load_calendar(store_t *s, calendar_t **out, char **err);

#endif
