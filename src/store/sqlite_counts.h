/* SQLite backend, internal: the directory's list query (sqlite_counts.c). */
#ifndef GK_SQLITE_COUNTS_H
#define GK_SQLITE_COUNTS_H

#include "store/sqlite_internal.h"
#include "store/store_portal.h"

/* The prepared statement listing F's items newest first (ROW_COLUMNS over items x and
 * agencies a), LIMIT rows from OFFSET; the caller finalizes it. NULL on failure. */
sqlite3_stmt *sq_directory_stmt(store_t *s, const struct portal_filter *f, const char *row_columns, long long offset,
                                int limit, char **err);

#endif
