/* What the 政府信息公开 pages (zfxxgk.c) share with the 年报 pages (reports.c). */
#ifndef GK_WEB_PUBLIC_ZFXXGK_H
#define GK_WEB_PUBLIC_ZFXXGK_H
#include "web/public/pages.h"

/* 政务公开 › 政府信息公开 [› LAST] */
json_t *zfxxgk_crumbs(struct page *pg, const char *last);
/* CTX's column_meta for column SLUG (when it exists). */
void zfxxgk_column_meta(struct page *pg, json_t *ctx, const char *slug);
/* Ends a page of the 政府信息公开 column SLUG whose crumb is LAST: section, crumbs and
 * column meta tags, then page_render(TEMPLATE). */
void zfxxgk_render(struct page *pg, const char *last, const char *slug, const char *template_name);
/* Loads the agencies and picks the one named by ?agency= (default: the first, the root).
 * False when the page is already answered (a database error, or 404 for an unknown code);
 * otherwise the caller frees *al. */
bool zfxxgk_agency(struct page *pg, struct agency_list *al, const struct agency **out);

#endif
