/* The service guide pages. A guide page shows what an applicant needs in the order a
 * 办事指南 is read (依据, 条件, 材料, 流程, 时限, 收费, 地点, 咨询), the flowchart the server
 * draws from the steps beside the same steps as an ordered list, and falls back on its
 * agency's record for the place, hours and phone a guide leaves out. */
#include "store/store_guides.h"
#include "util/url.h"
#include "web/public/guide.h"
#include "web/public/pages.h"
#include "web/svg_flow.h"
#include <string.h>

/* Step and material keys carry a prefix: a Mustache section looks a missing key up in the
 * enclosing contexts, and a step without a description must not show the page's. */

/* Box text size of the flowchart; 长者模式 draws larger text in the same box count. */
#define FLOW_FONT 15
#define FLOW_FONT_ELDER 20

const char *url_guide(struct request *req, const char *id)
{
    return arena_printf(req->arena, "/guide/%s", url_component(req, id));
}

static const char *step_target(struct request *req, const struct guide_rec *g, const char *key)
{
    int t = guide_step_index(g, key);
    return t >= 0 ? arena_printf(req->arena, "转第%d步", t + 1) : "办结";
}

static json_t *steps_view(struct request *req, const struct guide_rec *g)
{
    json_t *list = json_array();
    for (size_t i = 0; i < g->nsteps; i++) {
        const struct guide_step *s = &g->steps[i];
        json_t *o = json_object();
        view_set_int(o, "n", (long long)i + 1);
        view_set(o, "step_title", s->title);
        view_set_opt(o, "step_who", s->who);
        view_set_opt(o, "step_where", s->where);
        view_set_opt(o, "step_limit", s->time_limit);
        view_set_opt(o, "step_desc", s->description);
        json_t *branches = json_array();
        for (int b = 0; b < s->nbranches; b++) {
            json_t *br = json_object();
            view_set(br, "label", s->branches[b].label);
            view_set(br, "target", step_target(req, g, s->branches[b].next));
            json_array_append_new(branches, br);
        }
        json_object_set_new(o, "step_branches", branches);
        /* A jump is said in words; the usual "then the next step" is not. */
        if (!s->nbranches && s->next)
            view_set(o, "step_then", step_target(req, g, s->next));
        else if (!s->nbranches && i + 1 == g->nsteps)
            view_set(o, "step_then", "办结");
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *lines_view(const char **v, size_t n)
{
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, view_str(v[i]));
    return list;
}

static json_t *materials_view(const struct guide_rec *g)
{
    json_t *list = json_array();
    for (size_t i = 0; i < g->nmaterials; i++) {
        const struct guide_material *m = &g->materials[i];
        json_t *o = json_object();
        view_set_int(o, "n", (long long)i + 1);
        view_set(o, "name", m->name);
        view_set(o, "form", m->form ? m->form : "—");
        if (m->copies)
            view_set_int(o, "mat_copies", m->copies);
        view_set(o, "need", m->required ? "必要" : "非必要（视情提交）");
        view_set_opt(o, "mat_note", m->note);
        json_array_append_new(list, o);
    }
    return list;
}

void page_guide(struct request *req, struct response *res)
{
    struct page pg;
    if (!*req->tail) {
        portal_error_page(req, res, 404, "没有指明要查看的办事指南。");
        return;
    }
    if (!page_begin(&pg, req, res))
        return;
    struct guide_rec g;
    struct agency a = {0};
    char *err = NULL;
    res_t rc = store_get_guide(pg.s, req->tail, req->arena, &g, &err);
    if (rc != RES_OK) {
        page_fail_shown(&pg, rc, err, rc == RES_NOT_FOUND ? "没有找到这份办事指南，它可能已经调整或者地址有误。" : NULL);
        return;
    }
    rc = store_get_agency(pg.s, g.agency, &a, &err);
    if (rc != RES_OK) {
        page_fail(&pg, rc == RES_NOT_FOUND ? RES_FAILED : rc, err);
        agency_clear(&a);
        return;
    }
    json_t *ctx = pg.ctx, *o = json_object();
    json_object_set_new(ctx, "guide", o);
    view_set(o, "name", g.name);
    view_set(o, "agency", a.name);
    view_set(o, "agency_href", url_agency(req, a.code));
    view_set_opt(o, "summary", g.summary);
    json_object_set_new(o, "basis", lines_view(g.basis, g.nbasis));
    json_object_set_new(o, "conditions", lines_view(g.conditions, g.nconditions));
    json_object_set_new(o, "materials", materials_view(&g));
    json_object_set_new(o, "steps", steps_view(req, &g));
    view_set_opt(o, "time_limit", g.time_limit);
    view_set_opt(o, "fees", g.fees);
    view_set_opt(o, "place", g.place ? g.place : a.address);
    view_set_opt(o, "office_hours", g.office_hours ? g.office_hours : a.office_hours);
    view_set_opt(o, "phone", g.phone ? g.phone : a.phone);
    /* The parser admits http(s) only; the check here keeps the rule where the link is made. */
    if (g.online_url && url_is_safe_href(g.online_url))
        view_set(o, "online_url", g.online_url);
    char ymd[DATE_STR_SIZE] = "";
    if (g.updated != NO_DATE) {
        date_format(g.updated, ymd);
        view_set(o, "updated", ymd);
        view_set(o, "updated_cn", view_date_cn(req, ymd));
    }
    buf_t svg = BUF_INIT;
    svg_flow(&svg, &g, g.id, layout_elder(req) ? FLOW_FONT_ELDER : FLOW_FONT);
    view_set(o, "flow_svg", buf_str(&svg));
    buf_free(&svg);

    const char *slug = g.column ? g.column : GUIDE_DEFAULT_COLUMN;
    const struct portal_column *col = columns_find(pg.p, slug);
    json_t *crumbs = json_array();
    if (col) {
        column_crumbs(&pg, crumbs, col->slug, true);
        json_object_set_new(ctx, "column_meta", view_column_meta(col));
    } else {
        view_crumb(crumbs, "办事指南", "/guide");
    }
    view_crumb(crumbs, g.name, NULL);
    json_object_set_new(ctx, "crumbs", crumbs);
    view_set(o, "column_href", col ? url_column(req, col->slug) : "/guide");
    view_set(o, "column_name", col ? col->name : "办事指南");
    view_set(ctx, "section", columns_section(col ? col->slug : "bmfw"));
    view_set(ctx, "title", arena_printf(req->arena, "%s办事指南", g.name));
    const char *desc = g.summary ? g.summary : arena_printf(req->arena, "%s的办理依据、申请条件、申请材料、办理流程和时限。", g.name);
    view_set(ctx, "description", desc);
    json_t *m = json_object();
    view_set(m, "title", arena_printf(req->arena, "%s办事指南", g.name));
    view_set(m, "pubdate", *ymd ? arena_printf(req->arena, "%s 00:00", ymd) : "");
    view_set(m, "source", a.name);
    view_set(m, "keywords", arena_printf(req->arena, "办事指南,办理流程,%s", g.name));
    view_set(m, "author", a.name);
    view_set(m, "description", desc);
    const char *domain = site_get(pg.p)->domain, *href = url_guide(req, g.id);
    view_set(m, "url", *domain ? arena_printf(req->arena, "https://%s%s", domain, href) : href);
    json_object_set_new(ctx, "article_meta", m);
    agency_clear(&a);
    page_render(&pg, "guide");
}

struct list_ctx {
    struct page *pg;
    json_t *list;
};

static int add_guide(const struct guide_rec *g, void *ud)
{
    struct list_ctx *lc = ud;
    json_t *o = json_object();
    view_set(o, "name", g->name);
    view_set(o, "href", url_guide(lc->pg->req, g->id));
    view_set_int(o, "steps", (long long)g->nsteps);
    if (g->updated != NO_DATE) {
        char ymd[DATE_STR_SIZE];
        view_set(o, "updated", arena_strdup(lc->pg->req->arena, date_format(g->updated, ymd)));
    }
    json_array_append_new(lc->list, o);
    return 0;
}

void page_guides(struct request *req, struct response *res)
{
    struct page pg;
    if (!page_begin(&pg, req, res))
        return;
    struct list_ctx lc = {&pg, json_array()};
    json_object_set_new(pg.ctx, "guides", lc.list);
    char *err = NULL;
    res_t rc = store_each_guide(pg.s, NULL, add_guide, &lc, &err);
    if (rc != RES_OK) {
        page_fail(&pg, rc, err);
        return;
    }
    json_t *crumbs = json_array();
    const struct portal_column *col = columns_find(pg.p, GUIDE_DEFAULT_COLUMN);
    if (col)
        column_crumbs(&pg, crumbs, col->slug, true);
    view_crumb(crumbs, "办事指南和办理流程清单", NULL);
    json_object_set_new(pg.ctx, "crumbs", crumbs);
    view_set(pg.ctx, "section", "bmfw");
    view_set(pg.ctx, "title", "办事指南和办理流程清单");
    view_set(pg.ctx, "description", "各部门行政审批和公共服务事项的办事指南、办理流程清单和流程图。");
    page_render(&pg, "guides");
}
