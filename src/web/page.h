/* What a page handler starts with: the request's context (the portal, this thread's
 * connection, today), and how it gives up. */
#ifndef GK_WEB_PAGE_H
#define GK_WEB_PAGE_H
#include "util/result.h"
#include "web/portal.h"

#define PAGE_SIZE 20    /* list entries per page */
#define PAGE_MAX 100000 /* a page number beyond this is refused before any query */

struct page {
    struct request *req;
    struct response *res;
    struct portal *p;
    store_t *s;     /* this thread's connection */
    char today[11]; /* YYYY-MM-DD, CST */
};

/* Fills PG; false (and a 500 answered) when the database cannot be opened. */
bool page_begin(struct page *pg, struct request *req, struct response *res);

/* Answers R (web_fail) for this page; WHY is freed. */
void page_fail(struct page *pg, res_t r, char *why);

/* Today in China Standard Time as "YYYY-MM-DD" (items published after it are not shown);
 * the same in the request's arena. */
void page_today(char out[11]);
const char *page_today_str(struct request *req);

#endif
