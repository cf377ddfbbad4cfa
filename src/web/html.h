/* What the portal's page files (portal.c, pages_*.c) share: context-building helpers for
 * the Mustache templates, safe Markdown, dates, query strings, and the page handlers. */
#ifndef GK_WEB_HTML_H
#define GK_WEB_HTML_H
#include "store/store_portal.h"
#include "web/portal.h"
#include <jansson.h>
#include <stdbool.h>

#define PAGE_SIZE 20   /* list entries per page */
#define PAGE_MAX 100000 /* a page number beyond this is refused before any query */

/* ---- the request's context ---- */
struct page {
    struct request *req;
    struct response *res;
    struct portal *p;
    store_t *s;       /* this thread's connection */
    char today[11];   /* YYYY-MM-DD, CST */
};
/* Fills PG; false (and a 500 answered) when the database cannot be opened. */
bool page_begin(struct page *pg, struct request *req, struct response *res);
/* Answers 500 for a database error ERR (logged to stderr, freed). */
void page_db_error(struct page *pg, char *err);

/* ---- JSON values for templates ---- */
/* A JSON string for S (NULL → ""); invalid UTF-8 is repaired with U+FFFD. */
json_t *jstr(const char *s);
/* o[k] = s (NULL → "") / only when S is neither NULL nor "" / an integer / a bool. */
void jset(json_t *o, const char *k, const char *s);
void jset_opt(json_t *o, const char *k, const char *s);
void jset_int(json_t *o, const char *k, long long v);
void jset_bool(json_t *o, const char *k, bool v);
/* Appends {name, href} to the array CRUMBS (href NULL for the current page). */
void jcrumb(json_t *crumbs, const char *name, const char *href);

/* ---- text ---- */
/* "2018年12月31日" for "2018-12-31[ ...]"; "" for NULL; other text as given. */
const char *html_date_cn(struct request *req, const char *ymd);
/* A year of the four first characters of a date, or 0. */
int html_year_of(const char *ymd);
/* The validity of a repeal date: true when repealed on or before TODAY. */
bool html_repealed(const char *repealed, const char *today);
/* Chinese names of publication channels, statutory kinds, agency kinds. */
const char *html_channel_name(const char *code);
const char *html_statutory_name(const char *code);
/* Strict positive integer (digits only, at most 9 of them); false otherwise. */
bool html_parse_uint(const char *s, long long *out);
/* The request's page number: 1 without ?page; 0 when the value is not a page number. */
long long html_page_number(struct request *req);
/* Byte size as "12.3 KB". */
const char *html_size(struct request *req, long long bytes);
/* The path and query of this request, encoded, for "back" links ("/gkml?year=2020"). */
const char *html_here(struct request *req);
/* Percent-encodes S as one URL component, in the arena. */
const char *html_url_component(struct request *req, const char *s);

/* ---- rows and blocks ---- */
/* {href, title, date, repealed (bool)}; FULL adds agency, agency_code, index_no, doc_no,
 * written, shown_date (成文日期, else 发布日期), topic, genre, summary, statutory. */
json_t *html_item_row(struct page *pg, const struct item_row *r, bool full);
/* The LIMIT newest items of column SLUG as an array of html_item_row objects. NULL on a
 * database error (answered). */
json_t *html_column_latest(struct page *pg, const char *slug, int limit);
/* {name, href, id, items}: a block of the latest LIMIT items of column SLUG, as the home
 * and 政府信息公开 pages show them. NULL on a database error (answered). */
json_t *html_column_block(struct page *pg, const char *slug, const char *id, int limit);
/* Items OFFSET.. of column SLUG, newest first (NULL on a database error, answered). */
json_t *html_column_page(struct page *pg, const char *slug, long long offset, int limit);
/* item_row_fns appending html_item_row(ud[0], r, false / true) to the array ud[1]
 * (UD: void *[2]). */
int html_append_row(const struct item_row *r, void *ud);
int html_append_row_full(const struct item_row *r, void *ud);
/* {name, description, keywords, type} of column C for the meta tags. */
json_t *html_column_meta(const struct portal_column *c);
/* The columns whose parent is SLUG (NULL: top level), in order; returns how many, stores
 * up to MAX. */
size_t html_column_children(const struct portal *p, const char *slug, const struct portal_column **out,
                            size_t max);
/* Crumbs for column SLUG and its ancestors (each linked), after 首页. */
void html_column_crumbs(struct page *pg, json_t *crumbs, const char *slug, bool link_last);
/* The navigation section a column belongs to ("zwgk", "bmfw", "qyzc", "gzdt"). */
const char *html_column_section(const char *slug);

/* Adds the paginated list of column SLUG to CTX: items, pager, total, page. False when the
 * answer has been given instead (404 for a page out of range, 400, 500). */
bool html_column_list(struct page *pg, json_t *ctx, const char *slug);

/* The page of column SLUG (sub-columns with their latest items, then its own items). */
void html_render_column(struct request *req, struct response *res, const char *slug);

/* ---- agencies ---- */
struct agency_list {
    struct agency *v; /* depth-first: each agency followed by those below it */
    size_t n;
};
/* Loads every agency; false (and a 500 answered) on a database error. */
bool html_agencies_load(struct page *pg, struct agency_list *out);
void html_agencies_free(struct agency_list *l);
const struct agency *html_agency_find(const struct agency_list *l, const char *code);
/* [{code, name, indent, selected}] for a <select>; SELECTED may be NULL. */
json_t *html_agency_options(const struct agency_list *l, const char *selected);
/* "/agency/<code>" */
const char *html_agency_href(struct request *req, const char *code);
/* The 政府信息公开工作机构 of A for the guide: {name, address, hours, phone, fax, email,
 * website, postcode, note}. The agency's own contact data when it has any; otherwise the
 * root agency's (ROOT, may be NULL) with a note saying so; for a root without contact
 * data the site settings ogi_*. The setting ogi_office names the root's office. */
json_t *html_office(struct page *pg, const struct agency *a, const struct agency *root);

/* [{year, href, json_href, title, format_name}] of the annual reports of A (ROOT: its
 * links carry no ?agency=), newest first; NULL on a database error (answered). */
json_t *html_report_links(struct page *pg, const struct agency *a, bool root);

/* ---- handlers (pages_*.c) ---- */
void page_home(struct request *req, struct response *res);
void page_zwgk(struct request *req, struct response *res);
void page_sitemap_html(struct request *req, struct response *res);
void page_contact(struct request *req, struct response *res);
void page_column(struct request *req, struct response *res);
void page_column_root(struct request *req, struct response *res);
void page_item(struct request *req, struct response *res);
void page_attachment(struct request *req, struct response *res);
void page_gkml(struct request *req, struct response *res);
void page_zfxxgk(struct request *req, struct response *res);
void page_zfxxgk_sub(struct request *req, struct response *res);
void page_agencies(struct request *req, struct response *res);
void page_agency(struct request *req, struct response *res);
void page_mode(struct request *req, struct response *res);
void page_a11y(struct request *req, struct response *res);
void page_report_css(struct request *req, struct response *res);
void page_report_redirect(struct request *req, struct response *res);

#endif
