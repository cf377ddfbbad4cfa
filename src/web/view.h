/* Building the Mustache context of a page (the "view"): JSON values that never fail on
 * stored text, the text forms pages show (dates, sizes, names of codes), list rows,
 * crumbs and the pager. */
#ifndef GK_WEB_VIEW_H
#define GK_WEB_VIEW_H
#include "store/store_portal.h"
#include "text/highlight.h"
#include "util/buf.h"
#include "web/page.h"
#include <jansson.h>
#include <stdbool.h>

/* ---- JSON values ---- */
/* A JSON string for S (NULL → ""); bytes that are not UTF-8 become U+FFFD, so the value
 * is never dropped (jansson refuses invalid UTF-8). */
json_t *view_str(const char *s);
/* The same, but NULL → JSON null (the API's "no value"). */
json_t *view_str_or_null(const char *s);
/* o[k] = s (NULL → "") / only when S is neither NULL nor "" / an integer / a bool. */
void view_set(json_t *o, const char *k, const char *s);
void view_set_opt(json_t *o, const char *k, const char *s);
/* o[k] = view_str_or_null(s) (the API's fields). */
void view_set_or_null(json_t *o, const char *k, const char *s);
void view_set_int(json_t *o, const char *k, long long v);
void view_set_bool(json_t *o, const char *k, bool v);
/* Appends {name, href} to the array CRUMBS (href NULL for the current page). */
void view_crumb(json_t *crumbs, const char *name, const char *href);

/* CTX's crumbs: just NAME, the current page, after 首页. */
void view_crumbs_here(json_t *ctx, const char *name);

/* ---- text ---- */
/* "2018年12月31日" for "2018-12-31[ ...]"; "" for NULL; other text as given. */
const char *view_date_cn(struct request *req, const char *ymd);
/* The validity of a repeal date: true when repealed on or before TODAY. */
bool view_repealed(const char *repealed, const char *today);
/* Chinese names of publication channels and statutory kinds. */
const char *view_channel_name(const char *code);
const char *view_statutory_name(const char *code);
/* Byte size as "12.3 KB". */
const char *view_size(struct request *req, long long bytes);
/* TEXT with the spans MARKS[0..N) (from store_search: in order, not overlapping) as
 * HTML: everything escaped, each span inside <mark>…</mark>; a span out of order or
 * outside the text is ignored. */
void view_marked_html(buf_t *b, const char *text, const struct text_span *marks, size_t n);
/* o[k] = view_marked_html(TEXT, MARKS, N). */
void view_set_marked(json_t *o, const char *k, const char *text, const struct text_span *marks, size_t n);

/* ---- rows and blocks ---- */
/* {href, title, date, repealed (bool)}; FULL adds agency, agency_code, index_no, doc_no,
 * written, shown_date (成文日期, else 发布日期), topic, genre, summary, statutory. */
json_t *view_item_row(struct page *pg, const struct item_row *r, bool full);
/* portal_item_fns appending view_item_row(ud[0], r, false / true) to the array ud[1]
 * (UD: void *[2]). */
int view_append_row(const struct item_row *r, void *ud);
int view_append_row_full(const struct item_row *r, void *ud);
/* {name, description, keywords, type} of column C for the meta tags. */
json_t *view_column_meta(const struct portal_column *c);

/* The pager for page PAGE of NPAGES (1-based) of this request's path: links keep every
 * other query parameter and set page=N. {pages:[{n, href, current, gap}], prev, next,
 * page, npages}; NULL when there is a single page. */
json_t *view_pager(struct request *req, long long page, long long npages);

#endif
