/* Departments and 街道: /agency lists them, /agency/<code> shows one with its 政府信息公开
 * 工作机构 (指南 data), the agencies below it, its latest items and its annual reports. */
#include "web/public/pages.h"
#include <string.h>

static const char *kind_group(const char *kind)
{
    if (kind && strcmp(kind, "government") == 0)
        return "人民政府";
    if (kind && strcmp(kind, "department") == 0)
        return "政府工作部门";
    if (kind && strcmp(kind, "township") == 0)
        return "街道（乡镇）";
    return "其他机构";
}

void page_agencies(struct request *req, struct response *res)
{
    struct page pg;
    struct agency_list al;
    if (!agencies_page_begin(&pg, req, res, &al))
        return; /* answered */
    static const char *const kinds[] = {"government", "department", "township", "other"};
    json_t *groups = json_array();
    json_object_set_new(pg.ctx, "groups", groups);
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        json_t *list = json_array();
        for (size_t i = 0; i < al.n; i++) {
            const char *kind = al.v[i].kind ? al.v[i].kind : "other";
            bool known = false;
            for (size_t j = 0; j < 3; j++)
                known = known || strcmp(kind, kinds[j]) == 0;
            if (strcmp(kind, kinds[k]) != 0 && !(k == 3 && !known))
                continue;
            json_t *o = json_object();
            view_set(o, "name", al.v[i].name);
            view_set(o, "href", url_agency(req, al.v[i].code));
            json_array_append_new(list, o);
        }
        json_t *g = json_object();
        view_set(g, "name", kind_group(kinds[k]));
        view_set(g, "id", kinds[k]);
        json_object_set_new(g, "list", list);
        if (json_array_size(list))
            json_array_append_new(groups, g);
        else
            json_decref(g); /* an empty group is not shown */
    }
    agencies_free(&al);
    view_set(pg.ctx, "title", "部门和街道");
    view_set(pg.ctx, "section", "agency");
    view_crumbs_here(pg.ctx, "部门和街道");
    page_render(&pg, "agencies");
}

/* The page of agency A of the list AL (ROOT: the site's own agency). */
static void agency_page(struct page *pg, const struct agency_list *al, const struct agency *a, bool root)
{
    struct request *req = pg->req;
    json_t *ctx = pg->ctx, *aj = json_object();
    json_object_set_new(ctx, "agency", aj);
    view_set(aj, "name", a->name);
    for (size_t i = 0; i < al->n; i++)
        if (al->v[i].id == a->parent_id && a->parent_id) {
            json_t *par = json_object();
            view_set(par, "name", al->v[i].name);
            view_set(par, "href", url_agency(req, al->v[i].code));
            json_object_set_new(aj, "parent", par);
        }
    json_t *children = json_array();
    json_object_set_new(ctx, "children", children);
    for (size_t i = 0; i < al->n; i++)
        if (al->v[i].parent_id == a->id) {
            json_t *o = json_object();
            view_set(o, "name", al->v[i].name);
            view_set(o, "href", url_agency(req, al->v[i].code));
            json_array_append_new(children, o);
        }
    json_object_set_new(ctx, "office", agencies_office(pg, a, &al->v[0]));

    /* Its own items and those of the agencies below it, newest first. */
    struct item_query f = {.agency = a->code, .agency_subtree = true, .today = pg->today};
    json_t *items = json_array();
    json_object_set_new(ctx, "items", items);
    void *ud[2] = {pg, items};
    long long total = 0;
    char *err = NULL;
    if (store_items_count(pg->s, &f, &total, &err) || store_items(pg->s, &f, 0, 10, false, view_append_row, ud, &err)) {
        page_fail(pg, RES_FAILED, err);
        return;
    }
    view_set_int(ctx, "total", total);
    struct url u;
    url_start(&u, "/gkml");
    url_param(&u, "agency", a->code);
    view_set(ctx, "gkml_href", url_finish(&u, req));
    url_start(&u, "/zfxxgk/zn");
    url_param(&u, "agency", root ? NULL : a->code);
    view_set(ctx, "guide_href", url_finish(&u, req));
    json_t *reports = report_links(pg, a, root);
    if (!reports)
        return; /* answered */
    json_object_set_new(ctx, "reports", reports);
    view_set(ctx, "title", a->name);
    view_set(ctx, "section", "agency");
    json_t *crumbs = json_array();
    view_crumb(crumbs, "部门和街道", "/agency");
    view_crumb(crumbs, a->name, NULL);
    json_object_set_new(ctx, "crumbs", crumbs);
    page_render(pg, "agency");
}

void page_agency(struct request *req, struct response *res)
{
    struct page pg;
    if (!*req->tail) {
        res_redirect(res, 301, "/agency");
        return;
    }
    struct agency_list al;
    if (!agencies_page_begin(&pg, req, res, &al))
        return; /* answered */
    const struct agency *a = agencies_find(&al, req->tail);
    if (a)
        agency_page(&pg, &al, a, a == &al.v[0]);
    else
        page_error(&pg, 404, "没有这个部门或街道。");
    agencies_free(&al);
}
