/* The request's context (page.h). */
#include "web/page.h"
#include "util/date.h"
#include "web/fail.h"

void page_today(char out[11])
{
    date_format(date_today_cst(), out);
}

const char *page_today_str(struct request *req)
{
    char d[11];
    page_today(d);
    return arena_strdup(req->arena, d);
}

bool page_begin(struct page *pg, struct request *req, struct response *res)
{
    pg->req = req;
    pg->res = res;
    pg->p = req->app;
    page_today(pg->today);
    pg->s = portal_store(pg->p);
    if (!pg->s) {
        portal_error_page(req, res, 500, "数据库暂时无法访问，请稍后再试。");
        return false;
    }
    return true;
}

void page_fail(struct page *pg, res_t r, char *why)
{
    web_fail(pg->req, pg->res, r, why, NULL);
}
