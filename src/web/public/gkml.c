/* 信息公开目录 /gkml: every published item, filterable by agency (with the agencies below
 * it), 主题分类, 体裁分类, year and 有效性; 20 a page. The filter form is a plain GET form
 * that keeps its values. */
#include "util/xalloc.h"
#include "web/facet_cache.h"
#include "web/public/pages.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct facets {
    json_t *topics, *genres, *years;
    json_t *group; /* the topic group being filled */
    const char *topic, *genre;
    int year;
};

static int add_facet(const char *facet, const char *value, void *ud)
{
    struct facets *f = ud;
    if (!value || !*value)
        return 0;
    if (strcmp(facet, "topic") == 0) {
        /* "综合政务/政务公开": group 综合政务, entry 政务公开. Values come sorted. */
        const char *slash = strchr(value, '/');
        size_t glen = slash ? (size_t)(slash - value) : strlen(value);
        const char *gname = f->group ? json_string_value(json_object_get(f->group, "name")) : NULL;
        if (!gname || strlen(gname) != glen || strncmp(gname, value, glen) != 0) {
            f->group = json_object();
            char *g = xstrndup(value, glen);
            view_set(f->group, "name", g);
            view_set_bool(f->group, "selected", f->topic && strcmp(f->topic, g) == 0);
            free(g);
            json_object_set_new(f->group, "subs", json_array());
            json_array_append_new(f->topics, f->group);
        }
        if (slash) {
            json_t *o = json_object();
            view_set(o, "value", value);
            view_set(o, "name", slash + 1);
            view_set_bool(o, "selected", f->topic && strcmp(f->topic, value) == 0);
            json_array_append_new(json_object_get(f->group, "subs"), o);
        }
    } else if (strcmp(facet, "genre") == 0) {
        json_t *o = json_object();
        view_set(o, "value", value);
        view_set_bool(o, "selected", f->genre && strcmp(f->genre, value) == 0);
        json_array_append_new(f->genres, o);
    } else if (strcmp(facet, "year") == 0) {
        int y = year_of_date(value);
        if (y <= 0)
            return 0;
        char ys[16];
        snprintf(ys, sizeof ys, "%d", y);
        json_t *o = json_object();
        view_set(o, "value", ys);
        view_set_bool(o, "selected", f->year == y);
        json_array_insert_new(f->years, 0, o); /* newest first */
    }
    return 0;
}

/* The directory's filters as the request gives them. */
struct gkml_ask {
    const char *agency, *topic, *genre, *validity, *statutory;
    long long year, page;
};

/* Reads the filters; NULL, or what is wrong with them for a 400. */
static const char *read_ask(struct request *req, struct gkml_ask *q)
{
    q->agency = query_opt(req, "agency");
    q->topic = query_opt(req, "topic");
    q->genre = query_opt(req, "genre");
    q->validity = query_opt(req, "validity");
    q->statutory = query_opt(req, "statutory");
    q->year = 0;
    q->page = query_page(req);
    const char *year_s = query_opt(req, "year");
    if (year_s && !uint_parse(year_s, YEAR_MIN, YEAR_MAX, &q->year))
        return "年份应为四位数字，例如 2024。";
    if (q->validity && strcmp(q->validity, "valid") && strcmp(q->validity, "repealed"))
        return "有效性只能选择“有效”或“废止”。";
    if (q->statutory && strcmp(q->statutory, "rule") && strcmp(q->statutory, "normative_document") &&
        strcmp(q->statutory, "any"))
        return "文件类别无效。";
    if (q->page == 0)
        return "页码应为正整数。";
    return NULL;
}

/* The filter form's choices: CTX's "f". False after answering. */
static bool add_form(struct page *pg, const struct gkml_ask *q, const struct agency_list *al)
{
    json_t *f = json_object();
    json_object_set_new(pg->ctx, "f", f);
    json_object_set_new(f, "agencies", agencies_options(al, q->agency));
    struct facets fc = {json_array(), json_array(), json_array(), NULL, q->topic, q->genre, (int)q->year};
    json_object_set_new(f, "topics", fc.topics);
    json_object_set_new(f, "genres", fc.genres);
    json_object_set_new(f, "years", fc.years);
    char *err = NULL;
    if (facets_each(pg->p, pg->s, add_facet, &fc, &err)) {
        page_fail(pg, RES_FAILED, err);
        return false;
    }
    view_set_bool(f, "valid", q->validity && strcmp(q->validity, "valid") == 0);
    view_set_bool(f, "repealed", q->validity && strcmp(q->validity, "repealed") == 0);
    view_set_opt(f, "statutory", q->statutory);
    return true;
}

/* The rows of page Q->page: CTX's rows, total, pager. False after answering. */
static bool add_rows(struct page *pg, const struct gkml_ask *q, const struct agency *a)
{
    json_t *ctx = pg->ctx, *rows = json_array();
    json_object_set_new(ctx, "rows", rows);
    long long total = 0;
    if (q->agency && !a) { /* an unknown agency has nothing */
        view_set_int(ctx, "total", 0);
        return true;
    }
    struct item_query flt = {
        .agency = a ? a->code : NULL,
        .agency_subtree = true,
        .topic = q->topic,
        .genre = q->genre,
        .year = (int)q->year,
        .year_basis = YEAR_WRITTEN,
        .validity = !q->validity                      ? VALIDITY_ANY
                    : strcmp(q->validity, "valid") == 0 ? VALIDITY_VALID
                                                        : VALIDITY_REPEALED,
        .statutory = q->statutory,
        .today = pg->today,
    };
    char *err = NULL;
    if (store_items_count(pg->s, &flt, &total, &err)) {
        page_fail(pg, RES_FAILED, err);
        return false;
    }
    long long npages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
    if (q->page > 1 && q->page > npages) {
        page_error(pg, 404, arena_printf(pg->req->arena, "共 %lld 页，没有第 %lld 页。", npages, q->page));
        return false;
    }
    void *ud[2] = {pg, rows};
    if (store_items(pg->s, &flt, (q->page - 1) * PAGE_SIZE, PAGE_SIZE, false, view_append_row_full, ud, &err)) {
        page_fail(pg, RES_FAILED, err);
        return false;
    }
    json_t *pager = view_pager(pg->req, q->page, npages);
    if (pager)
        json_object_set_new(ctx, "pager", pager);
    view_set_int(ctx, "total", total);
    return true;
}

void page_gkml(struct request *req, struct response *res)
{
    struct page pg;
    struct gkml_ask q;
    const char *bad = read_ask(req, &q);
    if (bad) {
        portal_error_page(req, res, 400, bad);
        return;
    }
    struct agency_list al;
    if (!agencies_page_begin(&pg, req, res, &al))
        return; /* answered */
    bool ok = add_form(&pg, &q, &al) && add_rows(&pg, &q, agencies_find(&al, q.agency));
    agencies_free(&al);
    if (!ok)
        return; /* answered */
    json_t *ctx = pg.ctx;
    view_set_bool(ctx, "filtered", q.agency || q.topic || q.genre || q.year || q.validity || q.statutory);
    view_set(ctx, "title", q.page > 1 ? arena_printf(req->arena, "信息公开目录（第%lld页）", q.page) : "信息公开目录");
    view_set(ctx, "section", "zwgk");
    view_set(ctx, "description", "政府信息公开目录：索引号、名称、发布机构、成文日期");
    json_t *crumbs = json_array();
    view_crumb(crumbs, "政务公开", "/zwgk");
    view_crumb(crumbs, "信息公开目录", NULL);
    json_object_set_new(ctx, "crumbs", crumbs);
    json_t *cm = json_object();
    view_set(cm, "name", "信息公开目录");
    view_set(cm, "description", "按发布机构、主题分类、体裁分类、年份和有效性编排的政府信息公开目录");
    view_set(cm, "keywords", "信息公开目录,政府信息,索引号");
    view_set(cm, "type", "信息公开");
    json_object_set_new(ctx, "column_meta", cm);
    page_render(&pg, "gkml");
}
