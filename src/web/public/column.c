/* Column pages /column/<slug>: a list column's items newest first, 20 a page; a parent
 * column's sub-columns each with their latest items. */
#include "web/public/pages.h"
#include <stdio.h>
#include <string.h>

bool column_list(struct page *pg, const char *slug)
{
    long long page = query_page(pg->req);
    if (page == 0) {
        page_error(pg, 400, "页码应为正整数。");
        return false;
    }
    long long total;
    char *err = NULL;
    if (store_portal_column_count(pg->s, slug, pg->today, &total, &err)) {
        page_fail(pg, RES_FAILED, err);
        return false;
    }
    long long npages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
    if (page > 1 && page > npages) {
        page_error(pg, 404, arena_printf(pg->req->arena, "本栏目共 %lld 页，没有第 %lld 页。", npages, page));
        return false;
    }
    json_t *items = column_items(pg, slug, (page - 1) * PAGE_SIZE, PAGE_SIZE);
    if (!items)
        return false;
    json_object_set_new(pg->ctx, "items", items);
    view_set_int(pg->ctx, "total", total);
    view_set_int(pg->ctx, "page", page);
    json_t *pager = view_pager(pg->req, page, npages);
    if (pager)
        json_object_set_new(pg->ctx, "pager", pager);
    return true;
}

static void redirect_keep_query(struct request *req, struct response *res, const char *path)
{
    const char *here = url_here(req), *q = strchr(here, '?');
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
        redirect_keep_query(req, res, url_column(req, slug));
        return;
    }
    column_render(req, res, slug);
}

void column_render(struct request *req, struct response *res, const char *slug)
{
    struct page pg;
    const struct portal_column *col = columns_find(req->app, slug);
    if (!col) {
        portal_error_page(req, res, 404, "没有这个栏目。");
        return;
    }
    if (!page_begin(&pg, req, res))
        return;
    json_t *ctx = pg.ctx;
    view_set(ctx, "title", col->name);
    json_t *cj = json_object();
    view_set_opt(cj, "description", col->description);
    json_object_set_new(ctx, "column", cj);
    json_object_set_new(ctx, "column_meta", view_column_meta(col));
    view_set(ctx, "section", columns_section(slug));
    view_set_opt(ctx, "description", col->description);
    json_t *crumbs = json_array();
    column_crumbs(&pg, crumbs, slug, false);
    json_object_set_new(ctx, "crumbs", crumbs);

    /* A parent column shows its sub-columns, with their latest items on its first page
     * only; its own items (if any) follow, paginated. */
    long long page = query_page(req);
    const struct portal_column *kids[64];
    size_t nk = columns_children(pg.p, slug, kids, 64);
    if (nk > 64)
        nk = 64;
    json_t *children = json_array();
    json_object_set_new(ctx, "children", children);
    json_t *sections = nk && page == 1 ? json_array() : NULL;
    if (sections)
        json_object_set_new(ctx, "sections", sections);
    for (size_t i = 0; i < nk; i++) {
        json_t *o = json_object();
        view_set(o, "name", kids[i]->name);
        view_set(o, "href", url_column(req, kids[i]->slug));
        json_array_append_new(children, o);
        if (!sections)
            continue;
        json_t *items = column_latest(&pg, kids[i]->slug, 5);
        if (!items)
            return; /* answered */
        json_t *s = json_object();
        view_set(s, "name", kids[i]->name);
        view_set(s, "href", url_column(req, kids[i]->slug));
        view_set(s, "id", arena_printf(req->arena, "c%zu", i));
        json_object_set_new(s, "items", items);
        json_array_append_new(sections, s);
    }
    if (!column_list(&pg, slug))
        return; /* answered */
    view_set_bool(ctx, "show_list", nk == 0 || json_integer_value(json_object_get(ctx, "total")) > 0);
    if (page > 1)
        view_set(ctx, "title", arena_printf(req->arena, "%s（第%lld页）", col->name, page));
    page_render(&pg, "column");
}

void page_column_root(struct request *req, struct response *res)
{
    (void)req;
    res_redirect(res, 301, "/wzdt");
    res_cache(res, "public, max-age=86400");
}

/* ------------------------------------------------------------------ blocks */

json_t *column_latest(struct page *pg, const char *slug, int limit)
{
    return column_items(pg, slug, 0, limit);
}

json_t *column_items(struct page *pg, const char *slug, long long offset, int limit)
{
    json_t *arr = json_array();
    void *ud[2] = {pg, arr};
    char *err = NULL;
    if (store_portal_column_items(pg->s, slug, pg->today, offset, limit, view_append_row, ud, &err)) {
        json_decref(arr);
        page_fail(pg, RES_FAILED, err);
        return NULL;
    }
    return arr;
}

json_t *column_block(struct page *pg, const char *slug, const char *id, int limit)
{
    json_t *items = column_latest(pg, slug, limit);
    if (!items)
        return NULL;
    json_t *o = json_object();
    const char *name = columns_name(pg->p, slug);
    view_set(o, "name", name ? name : slug);
    view_set(o, "href", url_column(pg->req, slug));
    view_set(o, "id", id);
    json_object_set_new(o, "items", items);
    return o;
}

bool column_sections(struct page *pg, const char *const *slugs, size_t n, char prefix, int limit)
{
    json_t *sections = json_array();
    json_object_set_new(pg->ctx, "sections", sections);
    for (size_t i = 0; i < n; i++) {
        char id[24];
        snprintf(id, sizeof id, "%c%zu", prefix, i);
        json_t *b = column_block(pg, slugs[i], id, limit);
        if (!b)
            return false; /* answered */
        json_array_append_new(sections, b);
    }
    return true;
}

void column_crumbs(struct page *pg, json_t *crumbs, const char *slug, bool link_last)
{
    /* Ancestors first: walk up, then emit in reverse. */
    const struct portal_column *chain[8];
    int n = 0;
    for (const struct portal_column *c = columns_find(pg->p, slug); c && n < 8;
         c = columns_find(pg->p, c->parent_slug))
        chain[n++] = c;
    const char *section = columns_section(slug);
    if (strcmp(section, "zwgk") == 0)
        view_crumb(crumbs, "政务公开", "/zwgk");
    for (int i = n - 1; i >= 0; i--)
        view_crumb(crumbs, chain[i]->name, i > 0 || link_last ? url_column(pg->req, chain[i]->slug) : NULL);
}
