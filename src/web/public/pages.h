/* The public pages, one file per family (one file each in web/public/; the feeds and sitemaps are
 * web/feeds.c), and what they share. The route table (web/routes.c) lists every handler
 * declared here with its cache policy. */
#ifndef GK_WEB_PUBLIC_PAGES_H
#define GK_WEB_PUBLIC_PAGES_H
#include "domain/years.h"
#include "web/agencies.h"
#include "web/columns.h"
#include "web/fail.h"
#include "web/json_reply.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/query.h"
#include "web/site.h"
#include "web/urls.h"
#include "web/view.h"

/* ---- columns (column.c) ---- */
/* Items OFFSET.. of column SLUG, newest first, as view_item_row objects (NULL on a
 * database error, answered); the LIMIT newest. */
json_t *column_items(struct page *pg, const char *slug, long long offset, int limit);
json_t *column_latest(struct page *pg, const char *slug, int limit);
/* {name, href, id, items}: a block of the latest LIMIT items of column SLUG, as the home
 * and 政府信息公开 pages show them. NULL on a database error (answered). */
json_t *column_block(struct page *pg, const char *slug, const char *id, int limit);
/* The blocks of the N columns SLUGS (ids PREFIX0, PREFIX1, …) as the context's "sections".
 * False on a database error (answered). */
bool column_sections(struct page *pg, const char *const *slugs, size_t n, char prefix, int limit);
/* Adds the paginated list of column SLUG to PG's context: items, pager, total, page. False
 * when the answer has been given instead (404 for a page out of range, 400, 500). */
bool column_list(struct page *pg, const char *slug);
/* Crumbs for column SLUG and its ancestors (each linked), after 首页. */
void column_crumbs(struct page *pg, json_t *crumbs, const char *slug, bool link_last);
/* The page of column SLUG (sub-columns with their latest items, then its own items). */
void column_render(struct request *req, struct response *res, const char *slug);

/* ---- annual reports (reports.c) ---- */
/* [{year, href, json_href, title, format_name}] of the annual reports of A (ROOT: its
 * links carry no ?agency=), newest first; NULL on a database error (answered). */
json_t *report_links(struct page *pg, const struct agency *a, bool root);

/* ---- handlers ---- */
void page_home(struct request *req, struct response *res);           /* home.c */
void page_zwgk(struct request *req, struct response *res);
void page_sitemap_html(struct request *req, struct response *res);
void page_contact(struct request *req, struct response *res);
void page_column(struct request *req, struct response *res);         /* column.c */
void page_column_root(struct request *req, struct response *res);
void page_item(struct request *req, struct response *res);           /* item.c */
void page_attachment(struct request *req, struct response *res);
/* The item page's context for IT (item.c): the public page and the workspace's preview
 * render the same template from it. */
void item_page_fill(struct page *pg, const struct portal_item *it);
void page_gkml(struct request *req, struct response *res);           /* gkml.c */
void page_zfxxgk(struct request *req, struct response *res);         /* zfxxgk.c */
void page_zfxxgk_zn(struct request *req, struct response *res);
void page_zfxxgk_zd(struct request *req, struct response *res);
void page_zfxxgk_fdzdgknr(struct request *req, struct response *res);
void page_zfxxgk_missing(struct request *req, struct response *res);
void page_zfxxgk_nb(struct request *req, struct response *res);      /* reports.c */
void page_zfxxgk_nb_year(struct request *req, struct response *res);
void page_report_redirect(struct request *req, struct response *res);
void page_report_css(struct request *req, struct response *res);
void page_agencies(struct request *req, struct response *res);       /* agency.c */
void page_agency(struct request *req, struct response *res);
void page_mode(struct request *req, struct response *res);           /* a11y.c */
void page_a11y(struct request *req, struct response *res);
void page_search(struct request *req, struct response *res);         /* search.c */

void feed_all_atom(struct request *req, struct response *res);       /* web/feeds.c */
void feed_column_atom(struct request *req, struct response *res);
void sitemap_xml(struct request *req, struct response *res);
void sitemap_part_xml(struct request *req, struct response *res);
void robots_txt(struct request *req, struct response *res);

void api_index(struct request *req, struct response *res);           /* api.c */
void api_items(struct request *req, struct response *res);
void api_item(struct request *req, struct response *res);
void api_columns(struct request *req, struct response *res);
void api_agencies(struct request *req, struct response *res);
void api_search(struct request *req, struct response *res);
void api_report(struct request *req, struct response *res);
void api_bad_method(struct request *req, struct response *res);
void api_not_found(struct request *req, struct response *res);

#endif
