/* test_db_at(PATH): a gongkai database created (or opened) at PATH and migrated to the
 * current schema, for the tests that build their own. Header-only, like test.h. A database
 * that cannot be made is a broken test machine, not a test result: the program stops. */
#ifndef GK_TEST_DB_H
#define GK_TEST_DB_H
#include "store/store.h"
#include <stdio.h>
#include <stdlib.h>

static inline store_t *test_db_at(const char *path)
{
    store_t *s = NULL;
    char *err = NULL;
    if (store_open(path, &s, &err) || store_migrate(s, &err)) {
        fprintf(stderr, "store %s: %s\n", path, err ? err : "?");
        exit(1);
    }
    return s;
}

#endif
