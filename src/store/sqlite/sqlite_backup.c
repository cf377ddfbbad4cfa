/* Whole-file operations on a SQLite database: opening a read-only one, backup with the
 * online backup API, and restore of a checked copy (store_backup.h; the store interface dispatches here for file targets). */
#include "store/sqlite/sqlite_fts.h"
#include "store/sqlite/sqlite_internal.h"
#include "store/store.h"
#include "util/xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Pages copied per sqlite3_backup_step (4 MiB at the default 4 KiB page): the copy runs
 * in bounded slices with a short pause between them, so a large copy never takes the disk
 * and a core for one long stretch away from a serving process. */
#define PAGES_PER_STEP 1024
#define STEP_PAUSE_MS 1
/* How long a step may keep meeting a lock (another process checkpointing, say). */
#define BUSY_RETRIES 500

/* ------------------------------------------------------------------ read-only open */

bool sqlite_target_read_only(const char *target)
{
    if (strstr(target, "://") || access(target, F_OK) != 0)
        return false; /* a URL, or a database not created yet */
    if (access(target, W_OK) != 0)
        return true;
    /* A writer creates the -wal and -shm files beside the database. */
    char *copy = xstrdup(target);
    bool ro = access(dirname(copy), W_OK) != 0;
    free(copy);
    return ro;
}

/* "file:" URI of PATH with '%', '?' and '#' escaped (SQLite decodes %HH in the path). */
static char *file_uri(const char *path, const char *query)
{
    while (path[0] == '/' && path[1] == '/')
        path++; /* "file://x" would make x an authority */
    char *u = xmalloc(5 + 3 * strlen(path) + strlen(query) + 2), *o = u;
    o += sprintf(o, "file:");
    for (const char *p = path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#')
            o += sprintf(o, "%%%02X", (unsigned char)*p);
        else
            *o++ = *p;
    }
    sprintf(o, "?%s", query);
    return u;
}

static int open_uri(const char *path, const char *query, sqlite3 **db)
{
    char *uri = file_uri(path, query);
    int rc = sqlite3_open_v2(uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
    free(uri);
    /* Opening is lazy: the first read finds out whether the WAL index (-shm) is usable. */
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(*db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
    return rc;
}

/* mode=ro reads a WAL database normally when SQLite can create or read the -shm file beside
 * it. In a folder nobody may write, with no -shm there, only immutable=1 opens it; that is
 * right only when no -wal holds changes the file lacks (the last writer closed cleanly, which
 * folds the log into the file and deletes it), and it means later changes by a writer are not
 * seen: such a database is treated as unchanging (docs/user-guide.md). */
int sq_open_read_only(const char *path, sqlite3 **db, char **err)
{
    int rc = open_uri(path, "mode=ro", db);
    if (rc == SQLITE_OK)
        return rc;
    sqlite3_close(*db);
    *db = NULL;
    char *wal = xasprintf("%s-wal", path);
    struct stat st;
    bool pending = stat(wal, &st) == 0 && st.st_size > 0;
    free(wal);
    if (pending) {
        *err = xasprintf("%s: read-only, and its write-ahead log %s-wal holds changes the file lacks; "
                         "open it once as a user who may write there (e.g. 'gongkai init') to fold them in",
                         path, path);
        return SQLITE_CANTOPEN;
    }
    return open_uri(path, "mode=ro&immutable=1", db);
}

/* ------------------------------------------------------------------ helpers */

static int db_fail(sqlite3 *db, const char *what, char **err)
{
    free(*err);
    *err = xasprintf("%s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
    return -1;
}

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static bool exists(const char *path)
{
    return access(path, F_OK) == 0;
}

/* Removes PATH and the journal files SQLite may have left beside it. */
static void remove_db_files(const char *path)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        char *p = xasprintf("%s%s", path, suffixes[i]);
        unlink(p);
        free(p);
    }
}

/* A rename is durable once the folder holding it is synced. */
static void sync_dir_of(const char *path)
{
    char *copy = xstrdup(path);
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(copy);
}

/* The first row of a one-value PRAGMA as text (malloc'd), or NULL with *err. */
static char *pragma_text(sqlite3 *db, const char *sql, char **err)
{
    sqlite3_stmt *st;
    char *v = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        db_fail(db, sql, err);
        return NULL;
    }
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        v = xstrdup(sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "");
    else if (rc == SQLITE_DONE)
        v = xstrdup("");
    else
        db_fail(db, sql, err);
    sqlite3_finalize(st);
    return v;
}

/* 0 when integrity_check says "ok"; 1 with *err = its first complaint; -1 when it cannot run. */
static int check_integrity(sqlite3 *db, const char *path, char **err)
{
    char *why = NULL;
    char *v = pragma_text(db, "PRAGMA integrity_check", &why);
    if (!v) {
        free(*err);
        *err = xasprintf("%s: %s", path, why);
        free(why);
        return 1; /* a file SQLite cannot even check is refused, not a failure of ours */
    }
    int rc = 0;
    if (strcmp(v, "ok") != 0) {
        free(*err);
        *err = xasprintf("%s: fails integrity_check: %s", path, v);
        rc = 1;
    }
    free(v);
    return rc;
}

/* Copies the database open on SRC into a new file TMP (replacing any leftover), one
 * snapshot, in chunks; then checks the copy. 0 or -1 with *err. */
static int copy_to(sqlite3 *src, const char *tmp, char **err)
{
    remove_db_files(tmp);
    sqlite3 *dst = NULL;
    if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        db_fail(dst, tmp, err);
        sqlite3_close(dst);
        return -1;
    }
    /* An open read transaction on the source pins one snapshot for every step: without it each
     * step would start its own, and a write committed by another process between two steps
     * would restart the copy from the first page (under steady writes, forever). In WAL mode
     * the pinned snapshot blocks no writer. */
    int rc = -1;
    sqlite3_backup *b = NULL;
    if (sqlite3_exec(src, "BEGIN; SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) != SQLITE_OK) {
        db_fail(src, "start the snapshot", err);
        goto out;
    }
    b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b) {
        db_fail(dst, "start the copy", err);
        goto out;
    }
    int step, busy = 0;
    while ((step = sqlite3_backup_step(b, PAGES_PER_STEP)) != SQLITE_DONE) {
        if (step == SQLITE_OK) {
            sqlite3_sleep(STEP_PAUSE_MS);
        } else if ((step == SQLITE_BUSY || step == SQLITE_LOCKED) && ++busy < BUSY_RETRIES) {
            sqlite3_sleep(10);
        } else {
            free(*err);
            *err = xasprintf("copy to %s: %s", tmp, sqlite3_errstr(step));
            goto out;
        }
    }
    int fin = sqlite3_backup_finish(b);
    b = NULL;
    if (fin != SQLITE_OK) {
        db_fail(dst, "finish the copy", err);
        goto out;
    }
    /* The copy is checked where it was written: a bad disk shows up now, not at restore. */
    sqlite_fts_register(dst);
    rc = check_integrity(dst, tmp, err) == 0 ? 0 : -1;
out:
    if (b)
        sqlite3_backup_finish(b);
    if (!sqlite3_get_autocommit(src))
        sqlite3_exec(src, "COMMIT", NULL, NULL, NULL);
    if (sqlite3_close(dst) != SQLITE_OK && rc == 0)
        rc = db_fail(dst, tmp, err);
    if (rc)
        remove_db_files(tmp);
    return rc;
}

/* Opens a database to copy from. Read-write when the file and its folder allow it, although
 * nothing is written: the last connection to close then folds and deletes the -wal and -shm,
 * where a read-only one would leave them beside the file. */
static int open_source(const char *path, sqlite3 **db, char **err)
{
    int rc;
    if (sqlite_target_read_only(path))
        rc = sq_open_read_only(path, db, err);
    else
        rc = sqlite3_open_v2(path, db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc == SQLITE_OK)
        sqlite3_busy_timeout(*db, 5000);
    else if (!*err)
        db_fail(*db, path, err);
    return rc;
}

/* ------------------------------------------------------------------ backup */

res_t sqlite_backup(const char *target, const char *dest, char **err)
{
    *err = NULL;
    struct stat st;
    if (strstr(target, "://")) {
        *err = xasprintf("%s: backup works on a SQLite file", target);
        return 1;
    }
    if (stat(target, &st) != 0 || !S_ISREG(st.st_mode)) {
        *err = xasprintf("%s: no database here", target);
        return 1;
    }
    if (same_file(target, dest)) {
        *err = xasprintf("%s is the live database itself; back up to another file", dest);
        return 1;
    }
    if (stat(dest, &st) == 0 && !S_ISREG(st.st_mode)) {
        *err = xasprintf("%s: exists and is not a file; name the backup file", dest);
        return 1;
    }
    /* A -wal with frames beside the file replaced would be read with the new file: refuse. */
    char *dest_wal = xasprintf("%s-wal", dest);
    bool wal = stat(dest_wal, &st) == 0 && st.st_size > 0;
    free(dest_wal);
    if (wal) {
        *err = xasprintf("%s-wal exists: %s is open in another program or was not closed cleanly; "
                         "move it away or choose another name", dest, dest);
        return 1;
    }

    sqlite3 *src = NULL;
    if (open_source(target, &src, err) != SQLITE_OK) {
        sqlite3_close(src);
        return -1;
    }
    char *tmp = xasprintf("%s.tmp", dest);
    int res = copy_to(src, tmp, err);
    sqlite3_close(src);
    if (res == 0 && rename(tmp, dest) != 0) {
        *err = xasprintf("rename %s to %s: %s", tmp, dest, strerror(errno));
        remove_db_files(tmp);
        res = -1;
    }
    if (res == 0) {
        /* An empty -wal and its index, left by a reader of the file replaced, go with it. */
        char *side = xasprintf("%s-wal", dest);
        unlink(side);
        free(side);
        side = xasprintf("%s-shm", dest);
        unlink(side);
        free(side);
        sync_dir_of(dest);
    }
    free(tmp);
    return res;
}

/* ------------------------------------------------------------------ restore */

/* Refuses SRC (1, *err) unless it is a gongkai database this program knows. */
static int check_restorable(sqlite3 *db, const char *src, int *schema, char **err)
{
    int rc = check_integrity(db, src, err);
    if (rc)
        return rc;
    char *why = NULL;
    char *v = pragma_text(db, "PRAGMA user_version", &why);
    char *tables =
        v ? pragma_text(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('agencies', 'items')",
                        &why)
          : NULL;
    if (!v || !tables) {
        *err = xasprintf("%s: %s", src, why);
        free(why);
        free(v);
        return 1;
    }
    int version = atoi(v);
    bool ours = strcmp(tables, "2") == 0;
    free(v);
    free(tables);
    if (version == 0 || !ours) {
        *err = xasprintf("%s: a SQLite database, but not a gongkai database (no gongkai schema version)", src);
        return 1;
    }
    if (version < 0 || version > store_schema_current()) {
        *err = xasprintf("%s: schema version %d is newer than this program knows (%d); restore it with a newer gongkai",
                         src, version, store_schema_current());
        return 1;
    }
    *schema = version;
    return 0;
}

/* Folds TARGET's -wal into the file and closes it: with no other connection open, SQLite then
 * deletes the -wal and -shm. One left behind means another process has TARGET open. */
static int quiesce_target(const char *target, char **err)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(target, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        db_fail(db, target, err);
        sqlite3_close(db);
        return -1;
    }
    sqlite3_busy_timeout(db, 2000);
    sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    sqlite3_close(db);
    char *wal = xasprintf("%s-wal", target);
    bool busy = exists(wal);
    free(wal);
    if (busy) {
        *err = xasprintf("%s is open in another process (is 'gongkai serve' running?): stop it, then restore", target);
        return 1;
    }
    return 0;
}

res_t sqlite_restore(const char *target, const char *src, int *schema, char **err)
{
    *err = NULL;
    *schema = 0;
    if (strstr(target, "://")) {
        *err = xasprintf("%s: restore works on a SQLite file", target);
        return 1;
    }
    struct stat st;
    if (stat(src, &st) != 0 || !S_ISREG(st.st_mode)) {
        *err = xasprintf("%s: %s", src, stat(src, &st) != 0 ? strerror(errno) : "not a file");
        return 1;
    }
    if (same_file(target, src)) {
        *err = xasprintf("%s is the database itself; name a backup file", src);
        return 1;
    }
    /* Before SQLite sees it: a text file or anything else gets a plain answer. */
    char magic[16] = {0};
    FILE *f = fopen(src, "rb");
    size_t got = f ? fread(magic, 1, sizeof magic, f) : 0;
    if (f)
        fclose(f);
    if (!f) {
        *err = xasprintf("%s: %s", src, strerror(errno));
        return 1;
    }
    if (got != sizeof magic || memcmp(magic, "SQLite format 3", sizeof magic) != 0) {
        *err = xasprintf("%s: not a SQLite database (a gongkai backup starts with \"SQLite format 3\")", src);
        return 1;
    }

    sqlite3 *db = NULL;
    if (open_source(src, &db, err) != SQLITE_OK) {
        sqlite3_close(db);
        return 1;
    }
    sqlite_fts_register(db);
    int rc = check_restorable(db, src, schema, err);
    if (rc == 0 && exists(target))
        rc = quiesce_target(target, err);
    char *tmp = xasprintf("%s.restore-tmp", target);
    if (rc == 0)
        rc = copy_to(db, tmp, err);
    sqlite3_close(db);
    if (rc) {
        free(tmp);
        return rc;
    }
    /* The previous database stays as TARGET.before-restore (a hard link, so TARGET never
     * goes missing); then the copy takes TARGET's name in one rename. */
    char *before = xasprintf("%s.before-restore", target);
    struct stat old;
    if (stat(target, &old) == 0) {
        /* The restored file keeps the old one's mode and, when root restores, its owner: the
         * server's user must still be able to write it. */
        chmod(tmp, old.st_mode & 07777);
        if (geteuid() == 0 && chown(tmp, old.st_uid, old.st_gid) != 0) {
            /* not fatal: the file is there; its owner can be fixed by hand */
        }
        remove_db_files(before);
        if (link(target, before) != 0 && rename(target, before) != 0) {
            *err = xasprintf("keep %s as %s: %s", target, before, strerror(errno));
            rc = -1;
        }
    }
    if (rc == 0 && rename(tmp, target) != 0) {
        *err = xasprintf("rename %s to %s: %s", tmp, target, strerror(errno));
        rc = -1;
    }
    if (rc)
        remove_db_files(tmp);
    else
        sync_dir_of(target);
    free(before);
    free(tmp);
    return rc;
}
