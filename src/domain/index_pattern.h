/* 索引号 patterns: how the system numbers an agency's items, e.g. "{agency_code}/{year}-{seq:5}"
 * (the default, the form imports have always been given: "11230403MB1234567X/2024-00017").
 * Placeholders: {agency_code}, {year} (four digits), {seq} or {seq:N} (the serial, zero-padded
 * to N digits, 1–9). Anything else is copied as written. The serial counts per agency and
 * year, so a pattern must contain {seq}; without {year} two years could meet the same number,
 * and the store then takes the next free serial (索引号 are unique). */
#ifndef GK_INDEX_PATTERN_H
#define GK_INDEX_PATTERN_H
#include "util/result.h"

#define INDEX_PATTERN_DEFAULT "{agency_code}/{year}-{seq:5}"
#define INDEX_PATTERN_MAX 120

/* RES_OK, or RES_REFUSED with *err ("index_pattern: …", Chinese) for an unknown or malformed
 * placeholder, a pattern without {seq}, an empty or over-long one. */
res_t index_pattern_check(const char *pattern, char **err);
/* The 索引号 for SEQ of YEAR (malloc'd), from a pattern that passed the check (NULL: the
 * default). NULL for a pattern that does not. */
char *index_pattern_format(const char *pattern, const char *agency_code, int year, long long seq);

#endif
