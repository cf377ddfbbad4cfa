/* Whole-database operations on a target: the read-only check, backup, restore. They take
 * the target, not an open connection, and go to the backend its scheme chooses (store.c);
 * the SQLite backend implements them in sqlite/sqlite_backup.c. Results: RES_OK,
 * RES_REFUSED (*err says why, one line), RES_FAILED (*err set; the caller frees it). */
#ifndef GK_STORE_BACKUP_H
#define GK_STORE_BACKUP_H
#include "util/result.h"
#include <stdbool.h>

/* True when TARGET is an existing database file this process may read but not write (the
 * file, or its folder where SQLite keeps the -wal and -shm files, is not writable).
 * store_open then opens it read-only; commands that write refuse it up front. */
bool store_target_read_only(const char *target);

/* Copies the database TARGET to DEST with SQLite's online backup API: one consistent
 * snapshot (writes that commit after the copy started are not in it), taken in chunks
 * while other processes keep reading and writing. Written to DEST.tmp, checked with
 * integrity_check, then renamed over DEST. Refuses DEST when it is TARGET itself. */
res_t store_backup(const char *target, const char *dest, char **err);

/* Replaces the database TARGET with a copy of SRC. Refuses SRC unless it is a SQLite
 * database passing integrity_check whose schema version is one this program knows
 * (1..store_schema_current()); refuses while another process has TARGET open. The copy is
 * made in TARGET.restore-tmp and renamed over TARGET; the previous TARGET stays as
 * TARGET.before-restore. On success *schema holds SRC's schema version. */
res_t store_restore(const char *target, const char *src, int *schema, char **err);

#endif
