/* Column pages /column/<slug>: a list column's items newest first, 20 a page; a parent
 * column's sub-columns each with their latest items. */
#include "web/html.h"
#include <stdio.h>
#include <string.h>

bool html_column_list(struct page *pg, json_t *ctx, const char *slug)
{
    long long page = html_page_number(pg->req);
    if (page == 0) {
        portal_error_page(pg->req, pg->res, 400, "页码应为正整数。");
        return false;
    }
    long long total;
    char *err = NULL;
    if (store_portal_column_count(pg->s, slug, pg->today, &total, &err)) {
        page_db_error(pg, err);
        return false;
    }
    long long npages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
    if (page > 1 && page > npages) {
        portal_error_page(pg->req, pg->res, 404,
                          arena_printf(pg->req->arena, "本栏目共 %lld 页，没有第 %lld 页。", npages, page));
        return false;
    }
    json_t *items = html_column_page(pg, slug, (page - 1) * PAGE_SIZE, PAGE_SIZE);
    if (!items)
        return false;
    json_object_set_new(ctx, "items", items);
    jset_int(ctx, "total", total);
    jset_int(ctx, "page", page);
    json_t *pager = portal_pager(pg->req, page, npages);
    if (pager)
        json_object_set_new(ctx, "pager", pager);
    return true;
}

static void redirect_keep_query(struct request *req, struct response *res, const char *path)
{
    const char *here = html_here(req), *q = strchr(here, '?');
    res_redirect(res, 301, q ? arena_printf(req->arena, "%s%s", path, q) : path);
    res_cache(res, "public, max-age=86400");
}

void page_column(struct request *req, struct response *res)
{
    char *slug = arena_strdup(req->arena, req->tail);
    size_t n = strlen(slug);
    while (n && slug[n - 1] == '/')
        slug[--n] = 0;
    /* The 政府信息公开 column has its own pages. */
    if (strcmp(slug, "zfxxgk") == 0 || strncmp(slug, "zfxxgk/", 7) == 0) {
        redirect_keep_query(req, res, portal_column_href(req, slug));
        return;
    }
    html_render_column(req, res, slug);
}

void html_render_column(struct request *req, struct response *res, const char *slug)
{
    struct page pg;
    const struct portal_column *col = portal_column_find(req->app, slug);
    if (!col) {
        portal_error_page(req, res, 404, "没有这个栏目。");
        return;
    }
    if (!page_begin(&pg, req, res))
        return;
    json_t *ctx = json_object();
    jset(ctx, "title", col->name);
    json_t *cj = json_object();
    jset_opt(cj, "description", col->description);
    json_object_set_new(ctx, "column", cj);
    json_object_set_new(ctx, "column_meta", html_column_meta(col));
    jset(ctx, "section", html_column_section(slug));
    jset_opt(ctx, "description", col->description);
    json_t *crumbs = json_array();
    html_column_crumbs(&pg, crumbs, slug, false);
    json_object_set_new(ctx, "crumbs", crumbs);

    const struct portal_column *kids[64];
    size_t nk = html_column_children(pg.p, slug, kids, 64);
    if (nk > 64)
        nk = 64;
    json_t *children = json_array(), *sections = json_array();
    for (size_t i = 0; i < nk; i++) {
        json_t *o = json_object();
        jset(o, "name", kids[i]->name);
        jset(o, "href", portal_column_href(req, kids[i]->slug));
        json_array_append_new(children, o);
        json_t *items = html_column_latest(&pg, kids[i]->slug, 5);
        if (!items) {
            json_decref(children);
            json_decref(sections);
            json_decref(ctx);
            return;
        }
        json_t *s = json_object();
        jset(s, "name", kids[i]->name);
        jset(s, "href", portal_column_href(req, kids[i]->slug));
        jset(s, "id", arena_printf(req->arena, "c%zu", i));
        json_object_set_new(s, "items", items);
        json_array_append_new(sections, s);
    }
    json_object_set_new(ctx, "children", children);
    /* A parent column shows its sub-columns on its first page only; its own items (if
     * any) follow, paginated. */
    long long page = html_page_number(req);
    if (nk && page == 1)
        json_object_set_new(ctx, "sections", sections);
    else
        json_decref(sections);
    if (!html_column_list(&pg, ctx, slug)) {
        json_decref(ctx);
        return;
    }
    jset_bool(ctx, "show_list", nk == 0 || json_integer_value(json_object_get(ctx, "total")) > 0);
    if (page > 1)
        jset(ctx, "title", arena_printf(req->arena, "%s（第%lld页）", col->name, page));
    portal_page(req, res, "column", ctx);
    json_decref(ctx);
}

void page_column_root(struct request *req, struct response *res)
{
    (void)req;
    res_redirect(res, 301, "/wzdt");
    res_cache(res, "public, max-age=86400");
}
