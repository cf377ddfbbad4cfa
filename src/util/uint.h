/* Whole numbers typed by people (query values, settings, command-line options): the one
 * strict parser. */
#ifndef GK_UINT_H
#define GK_UINT_H
#include <stdbool.h>

/* Decimal digits only (no sign, no spaces), at most nine, no leading zeros beyond "0",
 * and within [LO, HI]. True and *OUT on success; *OUT untouched otherwise. */
bool uint_parse(const char *s, long long lo, long long hi, long long *out);

#endif
