/* Importing JSON Lines files into the store: all files in one transaction, all or nothing. */
#ifndef GK_IMPORT_H
#define GK_IMPORT_H
#include "records/parse.h"
#include "store/store.h"
#include <stdio.h>

struct import_result {
    long long count[REC_TYPE_COUNT]; /* records read, by type */
    long long errors;                /* input errors (each printed as FILE:LINE: field: reason) */
    bool runtime_failure;            /* I/O or database failure (printed as gongkai: import: …) */
};

/* Imports NAMES (paths; "-" is standard input). Input errors go to `errors` one per line.
 * RES_OK imported (or, with dry_run, valid); RES_REFUSED input errors (nothing written);
 * RES_FAILED runtime failure, printed as gongkai: import: … (nothing written). */
res_t import_files(store_t *s, char *const *names, int n, bool dry_run, FILE *errors, struct import_result *res);

/* Imports one already-open stream under a display name (used by `demo`). Same contract. */
res_t import_stream(store_t *s, FILE *in, const char *name, bool dry_run, FILE *errors, struct import_result *res);

#endif
