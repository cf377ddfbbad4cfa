/* The request's context (page.h). */
#include "web/page.h"
#include "util/date.h"
#include "web/fail.h"
#include "web/layout.h"

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
    pg->ctx = NULL;
    pg->s = portal_store(pg->p);
    if (!pg->s) {
        portal_error_page(req, res, 500, "数据库暂时无法访问，请稍后再试。");
        return false;
    }
    pg->ctx = json_object();
    return true;
}

static void release(struct page *pg)
{
    json_decref(pg->ctx);
    pg->ctx = NULL;
}

void page_render(struct page *pg, const char *name)
{
    layout_page(pg->req, pg->res, name, pg->ctx);
    release(pg);
}

void page_error(struct page *pg, int status, const char *shown)
{
    portal_error_page(pg->req, pg->res, status, shown);
    release(pg);
}

void page_fail(struct page *pg, res_t r, char *why)
{
    page_fail_shown(pg, r, why, NULL);
}

void page_fail_shown(struct page *pg, res_t r, char *why, const char *shown)
{
    web_fail(pg->req, pg->res, r, why, shown);
    release(pg);
}

void page_end(struct page *pg)
{
    release(pg);
}
