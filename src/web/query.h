/* Reading query-string values: page numbers, blank input, column slugs. Whole numbers are
 * read with util/uint.h's uint_parse, the one parser for every page, the API and the
 * settings. */
#ifndef GK_WEB_QUERY_H
#define GK_WEB_QUERY_H
#include "web/request.h"
#include "util/uint.h"
#include <stdbool.h>

/* The request's page number: 1 without ?page; 0 when the value is not a page number
 * (1..PAGE_MAX). */
long long query_page(struct request *req);

/* True when S is NULL or holds nothing but white space (ASCII, U+3000 ideographic space,
 * U+00A0 no-break space): "请输入检索词" rather than "nothing searchable". */
bool query_blank(const char *s);

/* A column slug as the import accepts it (lowercase letters, digits, '-', '_', segments
 * joined by '/'), at most 200 bytes. */
bool query_slug_ok(const char *s);

/* The value of NAME, or NULL when absent or empty. */
const char *query_opt(const struct request *req, const char *name);

#endif
