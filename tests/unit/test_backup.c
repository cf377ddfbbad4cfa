/* Backup and restore through the store (store_backup.h): a backup is a sound copy with the
 * same records; backup refuses the live database itself; restore refuses a text file, a
 * SQLite database that is not gongkai's, a future schema version and a database open
 * elsewhere, and otherwise replaces the target, keeping the old one. (The command-line side,
 * backup under load and the read-only database: tests/cli/backup.sh, tests/cli/readonly.sh.) */
#include "test.h"
#include "test_db.h"
#include "records/import.h"
#include "store/store.h"
#include "store/store_backup.h"
#include "util/xalloc.h"
#include <sqlite3.h>
#include <unistd.h>

static char *path_of(const char *name)
{
    return xasprintf("%s/%s", test_tmpdir(), name);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

/* A gongkai database at PATH holding one agency and N items. */
static void make_db(const char *path, int n)
{
    store_t *s = test_db_at(path);
    char *in = path_of("records.jsonl");
    FILE *f = fopen(in, "w");
    fprintf(f, "{\"type\":\"agency\",\"code\":\"a\",\"name\":\"测试局\",\"kind\":\"government\"}\n");
    for (int i = 0; i < n; i++)
        fprintf(f, "{\"type\":\"item\",\"id\":\"i%d\",\"agency\":\"a\",\"title\":\"第%d条\"}\n", i, i);
    fclose(f);
    struct import_result res;
    char *files[] = {in};
    FILE *errs = tmpfile();
    CHECK_INT(import_files(s, files, 1, false, errs, &res), 0);
    fclose(errs);
    store_close(s);
    free(in);
}

/* The number of items in the gongkai database at PATH (-1 when it cannot be read). */
static long long items_in(const char *path)
{
    sqlite3 *db;
    long long n = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, "SELECT count(*) FROM items", -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW)
                n = sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
        }
    }
    sqlite3_close(db);
    return n;
}

static void exec_sql(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_open(path, &db);
    CHECK_INT(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static void test_backup(void)
{
    char *live = path_of("live.db"), *copy = path_of("copy.db"), *err = NULL;
    make_db(live, 300);
    CHECK_INT(store_backup(live, copy, &err), 0);
    CHECK(err == NULL);
    CHECK_INT(items_in(copy), 300);
    char *tmp = xasprintf("%s.tmp", copy);
    CHECK(access(tmp, F_OK) != 0);
    free(tmp);
    /* the copy opens as a gongkai database of the current schema */
    store_t *s = NULL;
    CHECK_INT(store_open(copy, &s, &err), 0);
    CHECK_INT(store_schema_version(s), store_schema_current());
    store_close(s);

    CHECK_INT(store_backup(live, live, &err), 1);
    CHECK_CONTAINS(err, "live database itself");
    free(err);
    err = NULL;
    char *missing = path_of("missing.db");
    CHECK_INT(store_backup(missing, copy, &err), 1);
    CHECK_CONTAINS(err, "no database here");
    free(err);
    err = NULL;
    CHECK_INT(store_backup("postgresql://x/y", copy, &err), 1);
    free(err);
    free(missing);
    free(live);
    free(copy);
}

static void test_restore_refuses(void)
{
    char *target = path_of("target.db"), *err = NULL;
    make_db(target, 5);
    int schema = -1;

    char *text = path_of("notes.txt");
    write_text(text, "this is not a database\n");
    CHECK_INT(store_restore(target, text, &schema, &err), 1);
    CHECK_CONTAINS(err, "not a SQLite database");
    free(err);
    err = NULL;

    char *other = path_of("other.db");
    exec_sql(other, "CREATE TABLE notes (t TEXT)");
    CHECK_INT(store_restore(target, other, &schema, &err), 1);
    CHECK_CONTAINS(err, "not a gongkai database");
    free(err);
    err = NULL;

    char *future = path_of("future.db");
    make_db(future, 1);
    exec_sql(future, "PRAGMA user_version = 999");
    CHECK_INT(store_restore(target, future, &schema, &err), 1);
    CHECK_CONTAINS(err, "newer than this program");
    free(err);
    err = NULL;

    CHECK_INT(store_restore(target, target, &schema, &err), 1);
    free(err);
    err = NULL;
    CHECK_INT(items_in(target), 5);
    char *before = xasprintf("%s.before-restore", target);
    CHECK(access(before, F_OK) != 0);
    free(before);
    free(text);
    free(other);
    free(future);
    free(target);
}

static void test_restore(void)
{
    char *target = path_of("t2.db"), *backup = path_of("b2.db"), *err = NULL;
    make_db(backup, 40);
    make_db(target, 7);
    int schema = 0;

    /* a connection open on the target (the server, say) makes restore refuse */
    store_t *s = NULL;
    CHECK_INT(store_open(target, &s, &err), 0);
    CHECK_INT(store_schema_version(s), store_schema_current());
    CHECK_INT(store_restore(target, backup, &schema, &err), 1);
    CHECK_CONTAINS(err, "open in another process");
    free(err);
    err = NULL;
    store_close(s);
    CHECK_INT(items_in(target), 7);

    CHECK_INT(store_restore(target, backup, &schema, &err), 0);
    CHECK(err == NULL);
    CHECK_INT(schema, store_schema_current());
    CHECK_INT(items_in(target), 40);
    char *before = xasprintf("%s.before-restore", target);
    CHECK_INT(items_in(before), 7);
    free(before);

    /* into a database that does not exist yet */
    char *fresh = path_of("fresh.db");
    CHECK_INT(store_restore(fresh, backup, &schema, &err), 0);
    CHECK_INT(items_in(fresh), 40);
    free(fresh);
    free(target);
    free(backup);
}

static void test_read_only_check(void)
{
    char *missing = path_of("none.db");
    CHECK(!store_target_read_only(missing));
    CHECK(!store_target_read_only("postgresql://h/db"));
    free(missing);
}

void run_tests(void)
{
    test_backup();
    test_restore_refuses();
    test_restore();
    test_read_only_check();
}
