/* Fuzz target: the JSON Lines import (src/records/parse.c, src/records/import.c) into a real
 * SQLite store held in memory.
 *
 * Every input starts from the same database: the schema plus the demo's agencies (made once,
 * kept as a serialized image, deserialized into a fresh connection per input), so records
 * that name an agency such as "gongnong" or "gn-czj" can be accepted. The input is imported
 * as one file, first with --dry-run, then for real. Checked:
 *  - the exit status is 0 (imported) or 2 (input errors, listed one per line as
 *    "FILE:LINE: field: reason"); 1 (a database failure) is never the answer to bad input;
 *  - a dry run and a refused import leave the database exactly as it was (a digest of every
 *    row of every table); the dry run's verdict is the real import's;
 *  - an accepted file is accepted again (re-import by id updates) and leaves the same content;
 *  - what was accepted exports, and the export imports into a fresh copy of the database. */
#include "fuzz.h"
#include "records/export.h"
#include "records/import.h"
#include "store/sqlite/sqlite_internal.h"
#include "store/store.h"
#include <sqlite3.h>
#include <string.h>

static const char base_agencies[] =
    "{\"type\":\"agency\",\"code\":\"gongnong\",\"name\":\"工农区人民政府\",\"kind\":\"government\",\"short_name\":\"工农区\"}\n"
    "{\"type\":\"agency\",\"code\":\"gn-bgs\",\"name\":\"工农区人民政府办公室\",\"parent\":\"gongnong\",\"kind\":\"department\"}\n"
    "{\"type\":\"agency\",\"code\":\"gn-czj\",\"name\":\"工农区财政局\",\"parent\":\"gongnong\",\"kind\":\"department\"}\n"
    "{\"type\":\"agency\",\"code\":\"gn-dag\",\"name\":\"工农区档案馆\",\"parent\":\"gongnong\",\"kind\":\"other\"}\n";

static unsigned char *image;   /* the pristine database */
static sqlite3_int64 image_size;


static store_t *fresh_store(void)
{
    store_t *s = NULL;
    char *err = NULL;
    if (store_open(":memory:", &s, &err) != 0)
        fuzz_fail("store_open: %s", err);
    if (image) {
        unsigned char *copy = sqlite3_malloc64((sqlite3_uint64)image_size);
        memcpy(copy, image, (size_t)image_size);
        if (sqlite3_deserialize(SQ(s)->db, "main", copy, image_size, image_size,
                                SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) != SQLITE_OK)
            fuzz_fail("deserialize: %s", sqlite3_errmsg(SQ(s)->db));
    }
    return s;
}

/* FNV-1a over every row of every table, in rowid order where there is one. */
/* A digest of every row of every table. An application's events are replaced whole when it
 * is imported again, so their surrogate ids change while their content does not: those ids
 * are left out. With !WITH_MARKS also report_marks (schema 6) and content_version (schema 14),
 * which count writes rather than hold content: importing the same file again is a write and
 * moves them. */
static unsigned long long digest(store_t *s, bool with_marks)
{
    unsigned long long h = 1469598103934665603ULL;
    sqlite3_stmt *tables;
    if (sqlite3_prepare_v2(SQ(s)->db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", -1, &tables,
                           NULL) != SQLITE_OK)
        fuzz_fail("digest: %s", sqlite3_errmsg(SQ(s)->db));
    while (sqlite3_step(tables) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(tables, 0);
        if (!with_marks && (strcmp(name, "report_marks") == 0 || strcmp(name, "content_version") == 0))
            continue;
        char *sql = sqlite3_mprintf("SELECT * FROM \"%w\"", name);
        sqlite3_stmt *rows;
        if (sqlite3_prepare_v2(SQ(s)->db, sql, -1, &rows, NULL) != SQLITE_OK)
            fuzz_fail("digest %s: %s", name, sqlite3_errmsg(SQ(s)->db));
        sqlite3_free(sql);
        int rc;
        while ((rc = sqlite3_step(rows)) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(rows); c++) {
                if (strcmp(name, "application_events") == 0 && strcmp(sqlite3_column_name(rows, c), "id") == 0)
                    continue;
                const unsigned char *b = sqlite3_column_blob(rows, c);
                int n = sqlite3_column_bytes(rows, c);
                h = (h ^ (unsigned)sqlite3_column_type(rows, c)) * 1099511628211ULL;
                for (int i = 0; i < n; i++)
                    h = (h ^ b[i]) * 1099511628211ULL;
            }
            h = (h ^ 0xFF) * 1099511628211ULL;
        }
        if (rc != SQLITE_DONE)
            fuzz_fail("digest %s: %s", name, sqlite3_errmsg(SQ(s)->db));
        sqlite3_finalize(rows);
    }
    sqlite3_finalize(tables);
    return h;
}

/* Imports DATA into S; returns the exit status. ERRORS gets the listing (caller frees). */
static res_t import(store_t *s, const char *data, size_t size, bool dry_run, char **errors, struct import_result *res)
{
    size_t elen = 0, mlen = 0;
    FILE *errf = open_memstream(errors, &elen);
    /* gk_error writes "gongkai: import: ..." to stderr; keep it out of the fuzzer's log. */
    char *msgs = NULL;
    FILE *saved = stderr;
    stderr = open_memstream(&msgs, &mlen);
    FILE *in = size ? fmemopen((void *)data, size, "r") : fopen("/dev/null", "r");
    res_t rc = import_stream(s, in, "fuzz.jsonl", dry_run, errf, res);
    fclose(in);
    fclose(stderr);
    stderr = saved;
    fclose(errf);
    if (rc == RES_FAILED)
        fuzz_fail("import%s answered bad input with a runtime failure: %s", dry_run ? " --dry-run" : "", msgs);
    free(msgs);
    return rc;
}

static void check_listing(const char *errors, const struct import_result *res)
{
    FUZZ_CHECK(res->errors > 0, "refused with no error counted");
    for (const char *l = errors; *l; l = strchr(l, '\n') + 1) {
        FUZZ_CHECK(strchr(l, '\n'), "error listing not ended by a newline");
        FUZZ_CHECK(strncmp(l, "fuzz.jsonl:", 11) == 0 || strncmp(l, "… and ", 8) == 0 ||
                       strncmp(l, "(database):", 11) == 0,
                   "error line without its place: %s", l);
    }
    FUZZ_CHECK(*errors, "refused with an empty error listing");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    store_t *s = fresh_store();
    char *err = NULL, *errors = NULL;
    if (store_migrate(s, &err) != 0)
        fuzz_fail("migrate: %s", err);
    struct import_result res;
    if (import(s, base_agencies, sizeof base_agencies - 1, false, &errors, &res) != RES_OK)
        fuzz_fail("base agencies refused: %s", errors);
    free(errors);
    image = sqlite3_serialize(SQ(s)->db, "main", &image_size, 0);
    if (!image)
        fuzz_fail("serialize failed");
    store_close(s);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!image)
        LLVMFuzzerInitialize(NULL, NULL);
    const char *text = (const char *)data;
    store_t *s = fresh_store();
    unsigned long long before = digest(s, true);
    struct import_result res;
    char *errors = NULL;

    res_t dry = import(s, text, size, true, &errors, &res);
    FUZZ_CHECK(dry == RES_OK || dry == RES_REFUSED, "dry run result %d", (int)dry);
    if (dry == RES_REFUSED)
        check_listing(errors, &res);
    free(errors);
    FUZZ_CHECK(digest(s, true) == before, "a dry run changed the database");

    res_t rc = import(s, text, size, false, &errors, &res);
    FUZZ_CHECK(rc == dry, "dry run said %d, the import %d", (int)dry, (int)rc);
    free(errors);
    if (rc != RES_OK) {
        FUZZ_CHECK(digest(s, true) == before, "a refused import changed the database");
        store_close(s);
        return 0;
    }
    unsigned long long after = digest(s, false);
    rc = import(s, text, size, false, &errors, &res);
    FUZZ_CHECK(rc == RES_OK, "an accepted file was refused the second time:\n%s", errors);
    free(errors);
    FUZZ_CHECK(digest(s, false) == after, "importing the same file twice changed the content");

    char *out = NULL;
    size_t olen = 0;
    FILE *f = open_memstream(&out, &olen);
    FUZZ_CHECK(export_records(s, NULL, 0, f) == RES_OK, "export failed");
    fclose(f);
    store_close(s);
    store_t *t = fresh_store();
    rc = import(t, out, olen, false, &errors, &res);
    FUZZ_CHECK(rc == RES_OK, "the export of an accepted file does not import:\n%s\n--- export:\n%s", errors, out);
    free(errors);
    store_close(t);
    free(out);
    return 0;
}
