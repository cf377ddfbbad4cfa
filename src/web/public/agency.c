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
    if (!page_begin(&pg, req, res))
        return;
    struct agency_list al;
    if (!agencies_load(&pg, &al))
        return;
    static const char *const kinds[] = {"government", "department", "township", "other"};
    json_t *ctx = json_object(), *groups = json_array();
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
        if (!json_array_size(list)) {
            json_decref(list);
            continue;
        }
        json_t *g = json_object();
        view_set(g, "name", kind_group(kinds[k]));
        view_set(g, "id", kinds[k]);
        json_object_set_new(g, "list", list);
        json_array_append_new(groups, g);
    }
    agencies_free(&al);
    json_object_set_new(ctx, "groups", groups);
    view_set(ctx, "title", "部门和街道");
    view_set(ctx, "section", "agency");
    json_t *crumbs = json_array();
    view_crumb(crumbs, "部门和街道", NULL);
    json_object_set_new(ctx, "crumbs", crumbs);
    layout_page(req, res, "agencies", ctx);
    json_decref(ctx);
}

void page_agency(struct request *req, struct response *res)
{
    struct page pg;
    if (!*req->tail) {
        res_redirect(res, 301, "/agency");
        return;
    }
    if (!page_begin(&pg, req, res))
        return;
    struct agency_list al;
    if (!agencies_load(&pg, &al))
        return;
    const struct agency *a = agencies_find(&al, req->tail);
    if (!a) {
        agencies_free(&al);
        portal_error_page(req, res, 404, "没有这个部门或街道。");
        return;
    }
    bool root = a == &al.v[0];
    json_t *ctx = json_object(), *aj = json_object();
    view_set(aj, "name", a->name);
    for (size_t i = 0; i < al.n; i++)
        if (al.v[i].id == a->parent_id && a->parent_id) {
            json_t *par = json_object();
            view_set(par, "name", al.v[i].name);
            view_set(par, "href", url_agency(req, al.v[i].code));
            json_object_set_new(aj, "parent", par);
        }
    json_object_set_new(ctx, "agency", aj);
    json_t *children = json_array();
    for (size_t i = 0; i < al.n; i++)
        if (al.v[i].parent_id == a->id) {
            json_t *o = json_object();
            view_set(o, "name", al.v[i].name);
            view_set(o, "href", url_agency(req, al.v[i].code));
            json_array_append_new(children, o);
        }
    json_object_set_new(ctx, "children", children);
    json_object_set_new(ctx, "office", agencies_office(&pg, a, &al.v[0]));

    /* Its own items and those of the agencies below it, newest first. */
    struct portal_filter f = {.agency_path = a->path, .today = pg.today};
    json_t *items = json_array();
    void *ud[2] = {&pg, items};
    long long total = 0;
    char *err = NULL;
    if (store_portal_count(pg.s, &f, &total, &err) ||
        store_portal_items(pg.s, &f, 0, 10, view_append_row, ud, &err)) {
        json_decref(items);
        json_decref(ctx);
        agencies_free(&al);
        page_fail(&pg, RES_FAILED, err);
        return;
    }
    json_object_set_new(ctx, "items", items);
    view_set_int(ctx, "total", total);
    const char *code = url_component(req, a->code);
    view_set(ctx, "gkml_href", arena_printf(req->arena, "/gkml?agency=%s", code));
    view_set(ctx, "guide_href", root ? "/zfxxgk/zn" : arena_printf(req->arena, "/zfxxgk/zn?agency=%s", code));
    json_t *reports = report_links(&pg, a, root);
    if (!reports) {
        json_decref(ctx);
        agencies_free(&al);
        return;
    }
    json_object_set_new(ctx, "reports", reports);
    view_set(ctx, "title", a->name);
    view_set(ctx, "section", "agency");
    json_t *crumbs = json_array();
    view_crumb(crumbs, "部门和街道", "/agency");
    view_crumb(crumbs, a->name, NULL);
    json_object_set_new(ctx, "crumbs", crumbs);
    agencies_free(&al);
    layout_page(req, res, "agency", ctx);
    json_decref(ctx);
}
