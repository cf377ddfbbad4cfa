/* D("YYYY-MM-DD"): a date written in a test, for the tests of the calendar and the clocks
 * built on it. Header-only, like test.h. A malformed date is a mistake in the test itself,
 * so the program stops rather than counting a failure. */
#ifndef GK_TEST_DATE_H
#define GK_TEST_DATE_H
#include "util/date.h"
#include <stdio.h>
#include <stdlib.h>

static inline gk_date D(const char *s)
{
    gk_date d;
    if (!date_parse(s, &d)) {
        fprintf(stderr, "bad date in test: %s\n", s);
        exit(1);
    }
    return d;
}

#endif
