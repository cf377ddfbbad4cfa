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

void page_gkml(struct request *req, struct response *res)
{
    struct page pg;
    const char *agency = query_opt(req, "agency"), *topic = query_opt(req, "topic"), *genre = query_opt(req, "genre");
    const char *year_s = query_opt(req, "year"), *validity = query_opt(req, "validity"), *statutory = query_opt(req, "statutory");
    long long year = 0, page = query_page(req);
    if (year_s && (!query_uint(year_s, YEAR_MIN, YEAR_MAX, &year))) {
        portal_error_page(req, res, 400, "年份应为四位数字，例如 2024。");
        return;
    }
    if (validity && strcmp(validity, "valid") && strcmp(validity, "repealed")) {
        portal_error_page(req, res, 400, "有效性只能选择“有效”或“废止”。");
        return;
    }
    if (statutory && strcmp(statutory, "rule") && strcmp(statutory, "normative_document") && strcmp(statutory, "any")) {
        portal_error_page(req, res, 400, "文件类别无效。");
        return;
    }
    if (page == 0) {
        portal_error_page(req, res, 400, "页码应为正整数。");
        return;
    }
    if (!page_begin(&pg, req, res))
        return;
    struct agency_list al;
    if (!agencies_load(&pg, &al))
        return;
    const struct agency *a = agencies_find(&al, agency);
    json_t *ctx = json_object(), *f = json_object();
    json_object_set_new(f, "agencies", agencies_options(&al, agency));
    struct facets fc = {json_array(), json_array(), json_array(), NULL, topic, genre, (int)year};
    char *err = NULL;
    if (facets_each(pg.p, pg.s, add_facet, &fc, &err)) {
        json_decref(fc.topics);
        json_decref(fc.genres);
        json_decref(fc.years);
        json_decref(f);
        json_decref(ctx);
        agencies_free(&al);
        page_fail(&pg, RES_FAILED, err);
        return;
    }
    json_object_set_new(f, "topics", fc.topics);
    json_object_set_new(f, "genres", fc.genres);
    json_object_set_new(f, "years", fc.years);
    view_set_bool(f, "valid", validity && strcmp(validity, "valid") == 0);
    view_set_bool(f, "repealed", validity && strcmp(validity, "repealed") == 0);
    view_set_opt(f, "statutory", statutory);
    json_object_set_new(ctx, "f", f);

    struct portal_filter flt = {
        .agency_path = a ? a->path : NULL,
        .topic = topic,
        .genre = genre,
        .year = (int)year,
        .validity = !validity ? VALIDITY_ANY : strcmp(validity, "valid") == 0 ? VALIDITY_VALID : VALIDITY_REPEALED,
        .statutory = statutory,
        .today = pg.today,
    };
    bool unknown_agency = agency && !a;
    long long total = 0;
    json_t *rows = json_array();
    if (!unknown_agency) {
        if (store_portal_count(pg.s, &flt, &total, &err))
            goto db_fail;
        long long npages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
        if (page > 1 && page > npages) {
            json_decref(rows);
            json_decref(ctx);
            agencies_free(&al);
            portal_error_page(req, res, 404, arena_printf(req->arena, "共 %lld 页，没有第 %lld 页。", npages, page));
            return;
        }
        void *ud[2] = {&pg, rows};
        if (store_portal_items(pg.s, &flt, (page - 1) * PAGE_SIZE, PAGE_SIZE, view_append_row_full, ud, &err))
            goto db_fail;
        json_t *pager = view_pager(req, page, npages);
        if (pager)
            json_object_set_new(ctx, "pager", pager);
    }
    agencies_free(&al);
    json_object_set_new(ctx, "rows", rows);
    view_set_int(ctx, "total", total);
    view_set_bool(ctx, "filtered", agency || topic || genre || year || validity || statutory);
    view_set(ctx, "title", page > 1 ? arena_printf(req->arena, "信息公开目录（第%lld页）", page) : "信息公开目录");
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
    layout_page(req, res, "gkml", ctx);
    json_decref(ctx);
    return;
db_fail:
    json_decref(rows);
    json_decref(ctx);
    agencies_free(&al);
    page_fail(&pg, RES_FAILED, err);
}
