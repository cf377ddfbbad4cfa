/* 首页, 政务公开, 网站地图, 联系我们. */
#include "web/public/pages.h"
#include <string.h>

/* [{name, href}] of the sub-columns of SLUG. */
static json_t *column_links(struct page *pg, const char *slug)
{
    const struct portal_column *kids[64];
    size_t n = columns_children(pg->p, slug, kids, 64);
    json_t *arr = json_array();
    for (size_t i = 0; i < n && i < 64; i++) {
        json_t *o = json_object();
        view_set(o, "name", kids[i]->name);
        view_set(o, "href", url_column(pg->req, kids[i]->slug));
        view_set(o, "id", kids[i]->slug);
        json_array_append_new(arr, o);
    }
    return arr;
}

void page_home(struct request *req, struct response *res)
{
    struct page pg;
    if (!page_begin(&pg, req, res))
        return;
    json_t *ctx = pg.ctx;
    static const struct {
        const char *key, *slug;
        int n;
    } blocks[] = {{"gzdt", "gzdt", 8}, {"tzgg", "gkml/gsgg", 8}, {"zcwj", "gkml/wjfg", 8}};
    for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++) {
        json_t *b = column_block(&pg, blocks[i].slug, blocks[i].key, blocks[i].n);
        if (!b)
            return; /* answered */
        json_object_set_new(ctx, blocks[i].key, b);
    }
    json_object_set_new(ctx, "bmfw", column_links(&pg, "bmfw"));
    json_object_set_new(ctx, "qyzc", column_links(&pg, "qyzc"));
    struct agency_list al;
    if (!agencies_load(&pg, &al))
        return; /* answered */
    json_t *ag = json_array();
    json_object_set_new(ctx, "agencies", ag);
    for (size_t i = 0; i < al.n; i++) {
        if (al.v[i].parent_id == 0)
            continue; /* the site itself */
        json_t *o = json_object();
        view_set(o, "name", al.v[i].name);
        view_set(o, "href", url_agency(req, al.v[i].code));
        json_array_append_new(ag, o);
    }
    agencies_free(&al);
    view_set(ctx, "section", "home");
    view_set(ctx, "description", site_get(pg.p)->name);
    page_render(&pg, "home");
}

void page_zwgk(struct request *req, struct response *res)
{
    struct page pg;
    if (!page_begin(&pg, req, res))
        return;
    static const char *const slugs[] = {"gkml/gsgg", "gkml/wjfg", "zfxxgk/fdzdgknr", "zfxxgk/nb"};
    if (!column_sections(&pg, slugs, sizeof slugs / sizeof slugs[0], 's', 6))
        return; /* answered */
    view_set(pg.ctx, "title", "政务公开");
    view_set(pg.ctx, "section", "zwgk");
    view_crumbs_here(pg.ctx, "政务公开");
    page_render(&pg, "zwgk");
}

void page_sitemap_html(struct request *req, struct response *res)
{
    struct page pg;
    if (!page_begin(&pg, req, res))
        return;
    const struct portal_column *top[64];
    size_t n = columns_children(pg.p, NULL, top, 64);
    json_t *cols = json_array();
    json_object_set_new(pg.ctx, "columns", cols);
    for (size_t i = 0; i < n && i < 64; i++) {
        json_t *o = json_object();
        view_set(o, "name", top[i]->name);
        view_set(o, "href", url_column(req, top[i]->slug));
        view_set(o, "id", top[i]->slug);
        json_object_set_new(o, "children", column_links(&pg, top[i]->slug));
        json_array_append_new(cols, o);
    }
    view_set(pg.ctx, "title", "网站地图");
    view_crumbs_here(pg.ctx, "网站地图");
    page_render(&pg, "wzdt");
}

void page_contact(struct request *req, struct response *res)
{
    struct page pg;
    if (!page_begin(&pg, req, res))
        return;
    struct agency root = {0};
    char *err = NULL;
    int rc = store_get_agency(pg.s, NULL, &root, &err);
    if (rc < 0) {
        page_fail(&pg, RES_FAILED, err);
        return;
    }
    const struct agency *r = rc == 0 ? &root : NULL;
    json_object_set_new(pg.ctx, "office", agencies_office(&pg, r, r));
    agency_clear(&root);
    view_set(pg.ctx, "title", "联系我们");
    view_crumbs_here(pg.ctx, "联系我们");
    page_render(&pg, "lxwm");
}
