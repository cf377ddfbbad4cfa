/* The import loop: read a line, validate it into a record, write it; errors are listed
 * and the transaction is rolled back if there was any. Lines are streamed one at a time,
 * so memory stays flat however large the file. */
#include "records/import.h"
#include "store/store_attachments.h"
#include "store/store_holidays.h"
#include "store/store_guides.h"
#include "records/message_due.h"
#include "store/store_messages.h"
#include "util/err.h"
#include "util/xalloc.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LISTED_ERRORS 1000

/* Where each agency imported in this run was defined, to place tree errors found at the end. */
struct agency_origin {
    char *code, *file;
    long long line;
};

/* A case and where it was read: the application it names must exist once every file
 * is read (it may come later in the same import). */
struct case_origin {
    char *application, *file;
    long long line;
};

struct importer {
    store_t *store;
    calendar_t *cal; /* the database's calendar, for the events' dates */
    struct case_origin *cases;
    size_t ncases;
    FILE *errors;
    struct import_result *res;
    const char *file;
    long long line;
    struct agency_origin *origins;
    size_t norigins, cap;
    bool agencies_changed;
};

/* Writes S with control characters as \n, \r, \t or \xHH: field names and values quoted
 * in a reason come from the input, and a raw newline in one would split an error into
 * lines that look like other errors (found by fuzz/fuzz_import.c). */
static void put_escaped(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\n')
            fputs("\\n", f);
        else if (c == '\r')
            fputs("\\r", f);
        else if (c == '\t')
            fputs("\\t", f);
        else if (c < 0x20 || c == 0x7F)
            fprintf(f, "\\x%02X", c);
        else
            fputc(c, f);
    }
}

static void report(struct importer *im, const char *file, long long line, const char *field, const char *reason)
{
    im->res->errors++;
    if (im->res->errors <= MAX_LISTED_ERRORS) {
        put_escaped(im->errors, file);
        fprintf(im->errors, ":%lld: ", line);
        put_escaped(im->errors, field);
        fputs(": ", im->errors);
        put_escaped(im->errors, reason);
        fputc('\n', im->errors);
    }
}

static void on_field_error(void *ud, const char *field, const char *reason)
{
    struct importer *im = ud;
    report(im, im->file, im->line, field, reason);
}

static void remember_agency(struct importer *im, const char *code)
{
    for (size_t i = 0; i < im->norigins; i++)
        if (strcmp(im->origins[i].code, code) == 0) {
            free(im->origins[i].file);
            im->origins[i].file = xstrdup(im->file);
            im->origins[i].line = im->line;
            return;
        }
    if (im->norigins == im->cap) {
        im->cap = im->cap ? im->cap * 2 : 16;
        im->origins = xrealloc(im->origins, im->cap * sizeof *im->origins);
    }
    im->origins[im->norigins++] = (struct agency_origin){xstrdup(code), xstrdup(im->file), im->line};
}

/* A message: the plain query code (demo data, migrations from other systems) is stored as
 * its hash, and an open message without `due` gets the kind's time limit. */
static int write_message(struct importer *im, const struct message_rec *m, char **err)
{
    struct message_rec w = *m;
    char hash[CODES_HASH_HEX], code[MSG_CODE_LEN + 1], due[11];
    if (m->code && msg_code_normalize(m->code, code)) {
        message_code_hash(m->number, code, hash);
        w.code_hash = hash;
        w.code = NULL;
    }
    if (!m->due) {
        res_t rc = message_due_date(im->store, m->kind, m->created, due, err);
        if (rc == RES_FAILED)
            return rc;
        if (rc == RES_OK)
            w.due = due;
    }
    return store_put_message(im->store, &w, err);
}

/* attachment (issue 8 item 4): the bytes by digest, the row by the record's id */
static int put_attachment(store_t *s, const struct attachment_rec *r, char **err)
{
    struct attachment_new n = {.ext_id = r->id, .item_ext_id = r->item, .name = r->name, .mime = r->mime,
                               .sha256 = r->sha256, .data = r->data, .size = r->size, .created_by = "import"};
    long long id;
    return store_attachment_put(s, &n, &id, err);
}

/* Writes one valid record. Returns 0, 1 (refused: reported), -1 (runtime failure). */
static void remember_case(struct importer *im, const char *application)
{
    im->cases = xrealloc(im->cases, (im->ncases + 1) * sizeof *im->cases);
    im->cases[im->ncases++] = (struct case_origin){xstrdup(application), xstrdup(im->file), im->line};
}

/* Contracts §2: a case's `application` names an application of this import or of the
 * database. */
static void check_cases(struct importer *im)
{
    for (size_t i = 0; i < im->ncases && !im->res->runtime_failure; i++) {
        struct application_rec a;
        char *err = NULL;
        res_t rc = store_get_application(im->store, im->cases[i].application, &a, &err);
        if (rc == RES_OK) {
            application_rec_free(&a);
        } else if (rc == RES_NOT_FOUND) {
            char reason[200];
            snprintf(reason, sizeof reason, "no application '%.120s' in this import or the database",
                     im->cases[i].application);
            report(im, im->cases[i].file, im->cases[i].line, "application", reason);
        } else {
            gk_error("import", "%s", err ? err : "database failure");
            im->res->runtime_failure = true;
        }
        free(err);
    }
}

static int write_record(struct importer *im, struct record *r)
{
    char *err = NULL;
    int rc;
    switch (r->type) {
    case REC_AGENCY:
        rc = store_put_agency(im->store, &r->u.agency, &err);
        if (rc == 0) {
            remember_agency(im, r->u.agency.code);
            im->agencies_changed = true;
        }
        break;
    case REC_ITEM: rc = store_put_item(im->store, &r->u.item, &err); break;
    case REC_APPLICATION: rc = store_put_application(im->store, &r->u.application, &err); break;
    case REC_CASE:
        rc = store_put_case(im->store, &r->u.kase, &err);
        if (rc == 0 && r->u.kase.application)
            remember_case(im, r->u.kase.application);
        break;
    case REC_VISIT: rc = store_put_visit(im->store, &r->u.visit, &err); break;
    case REC_TALLY: rc = store_put_tally(im->store, &r->u.tally, &err); break;
    case REC_NARRATIVE: rc = store_put_narrative(im->store, &r->u.narrative, &err); break;
    case REC_GUIDE: rc = store_put_guide(im->store, &r->u.guide, &err); break; /* service guides */
    case REC_MESSAGE: rc = write_message(im, &r->u.message, &err); break;
    case REC_ATTACHMENT: rc = put_attachment(im->store, &r->u.attachment, &err); break;
    default: rc = 0; break;
    }
    if (rc == 1) {
        /* The store says "field: reason". */
        char *colon = err ? strstr(err, ": ") : NULL;
        if (colon) {
            *colon = '\0';
            report(im, im->file, im->line, err, colon + 2);
        } else {
            report(im, im->file, im->line, "record", err ? err : "refused");
        }
    } else if (rc < 0) {
        gk_error("import", "%s:%lld: %s", im->file, im->line, err ? err : "database failure");
        im->res->runtime_failure = true;
    }
    free(err);
    return rc;
}

static int read_stream(struct importer *im, FILE *in)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    im->line = 0;
    while ((len = getline(&line, &cap, in)) >= 0) {
        im->line++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        size_t start = 0;
        if (im->line == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
            start = 3; /* a UTF-8 byte-order mark, as Windows editors write it */
        bool blank = true;
        for (ssize_t i = (ssize_t)start; i < len; i++)
            if (line[i] != ' ' && line[i] != '\t')
                blank = false;
        if (blank)
            continue;
        struct record r;
        if (record_parse(line + start, (size_t)len - start, im->cal, &r, on_field_error, im) == 0) {
            im->res->count[r.type]++;
            /* After the first error nothing will be kept; validation goes on to list every error. */
            if (write_record(im, &r) < 0) {
                record_release(&r);
                free(line);
                return -1;
            }
        }
        record_release(&r);
    }
    int failed = ferror(in);
    free(line);
    if (failed) {
        gk_error("import", "%s: read failed: %s", im->file, strerror(errno));
        im->res->runtime_failure = true;
        return -1;
    }
    return 0;
}

static void finish_agencies(struct importer *im)
{
    char *bad = NULL, *err = NULL;
    int rc = store_finish_agencies(im->store, &bad, &err);
    if (rc == RES_REFUSED) {
        const char *file = "(database)";
        long long line = 0;
        for (size_t i = 0; bad && i < im->norigins; i++)
            if (strcmp(im->origins[i].code, bad) == 0) {
                file = im->origins[i].file;
                line = im->origins[i].line;
            }
        char *colon = strstr(err, ": ");
        if (colon)
            *colon = '\0';
        report(im, file, line, colon ? err : "parent", colon ? colon + 2 : err);
    } else if (rc < 0) {
        gk_error("import", "%s", err);
        im->res->runtime_failure = true;
    }
    free(bad);
    free(err);
}

static res_t run(struct importer *im, char *const *names, int n, FILE *stream, bool dry_run)
{
    char *err = NULL;
    if (store_begin(im->store, &err) || store_bulk_begin(im->store, &err)) {
        gk_error("import", "%s", err);
        free(err);
        store_rollback(im->store);
        return RES_FAILED;
    }
    if (store_load_calendar(im->store, &im->cal, &err) != RES_OK) {
        gk_error("import", "%s", err);
        free(err);
        store_rollback(im->store);
        return RES_FAILED;
    }
    for (int i = 0; i < n && !im->res->runtime_failure; i++) {
        im->file = names[i];
        FILE *in = stream;
        if (!in)
            in = strcmp(names[i], "-") == 0 ? stdin : fopen(names[i], "r");
        if (!in) {
            gk_error("import", "%s: %s", names[i], strerror(errno));
            im->res->runtime_failure = true;
            break;
        }
        read_stream(im, in);
        if (!stream && in != stdin)
            fclose(in);
    }
    if (!im->res->runtime_failure && im->agencies_changed)
        finish_agencies(im);
    if (!im->res->runtime_failure)
        check_cases(im);
    if (!im->res->runtime_failure && !im->res->errors && !dry_run && store_bulk_end(im->store, &err)) {
        gk_error("import", "%s", err);
        free(err);
        err = NULL;
        im->res->runtime_failure = true;
    }

    res_t status = RES_OK;
    if (im->res->runtime_failure)
        status = RES_FAILED;
    else if (im->res->errors)
        status = RES_REFUSED;
    if (status != RES_OK || dry_run) {
        store_rollback(im->store);
    } else if (store_commit(im->store, &err)) {
        gk_error("import", "%s", err);
        free(err);
        status = RES_FAILED;
    }
    if (im->res->errors > MAX_LISTED_ERRORS)
        fprintf(im->errors, "… and %lld more errors\n", im->res->errors - MAX_LISTED_ERRORS);
    if (status == RES_REFUSED)
        gk_error("import", "%lld error%s; nothing was imported", im->res->errors, im->res->errors == 1 ? "" : "s");
    for (size_t i = 0; i < im->norigins; i++) {
        free(im->origins[i].code);
        free(im->origins[i].file);
    }
    free(im->origins);
    for (size_t i = 0; i < im->ncases; i++) {
        free(im->cases[i].application);
        free(im->cases[i].file);
    }
    free(im->cases);
    calendar_free(im->cal);
    return status;
}

res_t import_files(store_t *s, char *const *names, int n, bool dry_run, FILE *errors, struct import_result *res)
{
    memset(res, 0, sizeof *res);
    struct importer im = {.store = s, .errors = errors, .res = res};
    return run(&im, names, n, NULL, dry_run);
}

res_t import_stream(store_t *s, FILE *in, const char *name, bool dry_run, FILE *errors, struct import_result *res)
{
    memset(res, 0, sizeof *res);
    struct importer im = {.store = s, .errors = errors, .res = res};
    char *names[] = {(char *)name};
    return run(&im, names, 1, in, dry_run);
}
