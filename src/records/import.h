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
 * Returns the exit status: 0 imported (or, with dry_run, valid), 2 input errors (nothing
 * written), 1 runtime failure (nothing written). */
int import_files(store_t *s, char *const *names, int n, bool dry_run, FILE *errors, struct import_result *res);

/* Imports one already-open stream under a display name (used by `demo`). Same contract. */
int import_stream(store_t *s, FILE *in, const char *name, bool dry_run, FILE *errors, struct import_result *res);

#endif
