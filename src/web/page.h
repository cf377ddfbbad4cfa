/* What a page handler starts with: the request's context (the portal, this thread's
 * connection, today), and how it gives up. */
#ifndef GK_WEB_PAGE_H
#define GK_WEB_PAGE_H
#include "util/result.h"
#include "web/portal.h"

#define PAGE_SIZE 20    /* list entries per page */
#define PAGE_MAX 100000 /* a page number beyond this is refused before any query */

/* A handler's page. Its template context CTX is created by page_begin and released by
 * whichever answer ends the page: page_render, page_error or page_fail. So a handler
 * attaches what it builds to CTX as soon as it creates it, and every way out of it is
 * one of those three calls (plus its own resources, freed at one label). */
struct page {
    struct request *req;
    struct response *res;
    struct portal *p;
    store_t *s;     /* this thread's connection */
    char today[11]; /* YYYY-MM-DD, CST */
    json_t *ctx;    /* the template context */
};

/* Fills PG; false (and a 500 answered) when the database cannot be opened. */
bool page_begin(struct page *pg, struct request *req, struct response *res);

/* Renders TEMPLATE with CTX inside the layout (layout_page) and releases CTX. */
void page_render(struct page *pg, const char *name);

/* The error page with STATUS and SHOWN for the visitor; releases CTX. */
void page_error(struct page *pg, int status, const char *shown);

/* Answers R (web_fail) for this page and releases CTX; WHY is freed. SHOWN is what the
 * visitor reads (page_fail: the default for the status). */
void page_fail(struct page *pg, res_t r, char *why);
void page_fail_shown(struct page *pg, res_t r, char *why, const char *shown);

/* For a page answered another way (JSON, plain text): releases CTX. */
void page_end(struct page *pg);

/* Today in China Standard Time as "YYYY-MM-DD" (items published after it are not shown);
 * the same in the request's arena. */
void page_today(char out[11]);
const char *page_today_str(struct request *req);

#endif
