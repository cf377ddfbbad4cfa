/* Fixed-point decimals (money in fen, 万元 to six places): parsing and formatting without
 * floating point, so a figure reads back exactly as it was written. */
#ifndef GK_UTIL_DECIMAL_H
#define GK_UTIL_DECIMAL_H
#include <stdbool.h>
#include <stddef.h>

/* Decimal text with up to `places` decimals → an integer in units of 10^-places; accepts
 * "12", "12.3", "12.345678" (up to places), no sign unless allow_negative. Returns the number
 * of decimals written, or -1 when malformed. */
int decimal_parse(const char *s, int places, bool allow_negative, long long *out);
/* Writes v (units of 10^-places) with at least min_places and at most places decimals. */
void decimal_format(long long v, int places, int min_places, char *out, size_t size);

#endif
