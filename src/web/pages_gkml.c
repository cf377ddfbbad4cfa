/* 信息公开目录 /gkml: every published item, filterable by agency (with the agencies below
 * it), 主题分类, 体裁分类, year and 有效性; 20 a page. The filter form is a plain GET form
 * that keeps its values. */
#include "util/xalloc.h"
#include "web/html.h"
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
            jset(f->group, "name", g);
            jset_bool(f->group, "selected", f->topic && strcmp(f->topic, g) == 0);
            free(g);
            json_object_set_new(f->group, "subs", json_array());
            json_array_append_new(f->topics, f->group);
        }
        if (slash) {
            json_t *o = json_object();
            jset(o, "value", value);
            jset(o, "name", slash + 1);
            jset_bool(o, "selected", f->topic && strcmp(f->topic, value) == 0);
            json_array_append_new(json_object_get(f->group, "subs"), o);
        }
    } else if (strcmp(facet, "genre") == 0) {
        json_t *o = json_object();
        jset(o, "value", value);
        jset_bool(o, "selected", f->genre && strcmp(f->genre, value) == 0);
        json_array_append_new(f->genres, o);
    } else if (strcmp(facet, "year") == 0) {
        int y = html_year_of(value);
        if (y <= 0)
            return 0;
        char ys[16];
        snprintf(ys, sizeof ys, "%d", y);
        json_t *o = json_object();
        jset(o, "value", ys);
        jset_bool(o, "selected", f->year == y);
        json_array_insert_new(f->years, 0, o); /* newest first */
    }
    return 0;
}

/* A filter value: NULL when absent or empty. */
static const char *param(struct request *req, const char *name)
{
    const char *v = req_query(req, name);
    return v && *v ? v : NULL;
}

void page_gkml(struct request *req, struct response *res)
{
    struct page pg;
    const char *agency = param(req, "agency"), *topic = param(req, "topic"), *genre = param(req, "genre");
    const char *year_s = param(req, "year"), *validity = param(req, "validity"), *statutory = param(req, "statutory");
    long long year = 0, page = html_page_number(req);
    if (year_s && (!html_parse_uint(year_s, &year) || year < 1949 || year > 2100)) {
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
    if (!html_agencies_load(&pg, &al))
        return;
    const struct agency *a = html_agency_find(&al, agency);
    json_t *ctx = json_object(), *f = json_object();
    json_object_set_new(f, "agencies", html_agency_options(&al, agency));
    struct facets fc = {json_array(), json_array(), json_array(), NULL, topic, genre, (int)year};
    char *err = NULL;
    if (portal_facets(pg.p, pg.s, add_facet, &fc, &err)) {
        json_decref(fc.topics);
        json_decref(fc.genres);
        json_decref(fc.years);
        json_decref(f);
        json_decref(ctx);
        html_agencies_free(&al);
        page_db_error(&pg, err);
        return;
    }
    json_object_set_new(f, "topics", fc.topics);
    json_object_set_new(f, "genres", fc.genres);
    json_object_set_new(f, "years", fc.years);
    jset_bool(f, "valid", validity && strcmp(validity, "valid") == 0);
    jset_bool(f, "repealed", validity && strcmp(validity, "repealed") == 0);
    jset_opt(f, "statutory", statutory);
    json_object_set_new(ctx, "f", f);

    struct item_query flt = {
        .agency = a ? a->code : NULL,
        .agency_subtree = true,
        .topic = topic,
        .genre = genre,
        .year = (int)year,
        .year_basis = YEAR_WRITTEN,
        .validity = !validity ? VALIDITY_ANY : strcmp(validity, "valid") == 0 ? VALIDITY_VALID : VALIDITY_REPEALED,
        .statutory = statutory,
        .today = pg.today,
    };
    bool unknown_agency = agency && !a;
    long long total = 0;
    json_t *rows = json_array();
    if (!unknown_agency) {
        if (store_items_count(pg.s, &flt, &total, &err))
            goto db_fail;
        long long npages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
        if (page > 1 && page > npages) {
            json_decref(rows);
            json_decref(ctx);
            html_agencies_free(&al);
            portal_error_page(req, res, 404, arena_printf(req->arena, "共 %lld 页，没有第 %lld 页。", npages, page));
            return;
        }
        void *ud[2] = {&pg, rows};
        if (store_items(pg.s, &flt, (page - 1) * PAGE_SIZE, PAGE_SIZE, false, html_append_row_full, ud, &err))
            goto db_fail;
        json_t *pager = portal_pager(req, page, npages);
        if (pager)
            json_object_set_new(ctx, "pager", pager);
    }
    html_agencies_free(&al);
    json_object_set_new(ctx, "rows", rows);
    jset_int(ctx, "total", total);
    jset_bool(ctx, "filtered", agency || topic || genre || year || validity || statutory);
    jset(ctx, "title", page > 1 ? arena_printf(req->arena, "信息公开目录（第%lld页）", page) : "信息公开目录");
    jset(ctx, "section", "zwgk");
    jset(ctx, "description", "政府信息公开目录：索引号、名称、发布机构、成文日期");
    json_t *crumbs = json_array();
    jcrumb(crumbs, "政务公开", "/zwgk");
    jcrumb(crumbs, "信息公开目录", NULL);
    json_object_set_new(ctx, "crumbs", crumbs);
    json_t *cm = json_object();
    jset(cm, "name", "信息公开目录");
    jset(cm, "description", "按发布机构、主题分类、体裁分类、年份和有效性编排的政府信息公开目录");
    jset(cm, "keywords", "信息公开目录,政府信息,索引号");
    jset(cm, "type", "信息公开");
    json_object_set_new(ctx, "column_meta", cm);
    portal_page(req, res, "gkml", ctx);
    json_decref(ctx);
    return;
db_fail:
    json_decref(rows);
    json_decref(ctx);
    html_agencies_free(&al);
    page_db_error(&pg, err);
}
