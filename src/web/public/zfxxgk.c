/* 政府信息公开 /zfxxgk and its four sub-columns (国办公开办函〔2019〕61号):
 *   /zfxxgk/zn          政府信息公开指南, generated from the agency data (条例 Art. 12)
 *   /zfxxgk/zd          政府信息公开制度 (the column's items)
 *   /zfxxgk/fdzdgknr    法定主动公开内容: rules and normative documents with validity, and
 *                       the column's items
 *   /zfxxgk/nb          政府信息公开年报 (reports.c) */
#include "domain/figures.h"
#include "report/report.h"
#include "util/date.h"
#include "util/xalloc.h"
#include "util/escape.h"
#include "web/facet_cache.h"
#include "web/public/zfxxgk.h"
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json_t *zfxxgk_crumbs(struct page *pg, const char *last)
{
    json_t *crumbs = json_array();
    view_crumb(crumbs, "政务公开", "/zwgk");
    view_crumb(crumbs, "政府信息公开", last ? "/zfxxgk" : NULL);
    if (last)
        view_crumb(crumbs, last, NULL);
    (void)pg;
    return crumbs;
}

void zfxxgk_column_meta(struct page *pg, json_t *ctx, const char *slug)
{
    const struct portal_column *c = columns_find(pg->p, slug);
    if (c)
        json_object_set_new(ctx, "column_meta", view_column_meta(c));
}

void page_zfxxgk(struct request *req, struct response *res)
{
    struct page pg;
    if (!page_begin(&pg, req, res))
        return;
    static const char *const slugs[] = {"zfxxgk/zn", "zfxxgk/zd", "zfxxgk/fdzdgknr", "zfxxgk/nb"};
    if (!column_sections(&pg, slugs, sizeof slugs / sizeof slugs[0], 'z', 5))
        return; /* answered */
    view_set(pg.ctx, "title", "政府信息公开");
    zfxxgk_render(&pg, NULL, "zfxxgk", "zfxxgk");
}

/* ------------------------------------------------------------------ 指南 */

struct guide_ctx {
    struct page *pg;
    json_t *categories;
    long long other;
};

static int add_category(const char *slug, long long n, void *ud)
{
    struct guide_ctx *g = ud;
    const struct portal_column *c = columns_find(g->pg->p, slug);
    if (!c) {
        g->other += n;
        return 0;
    }
    json_t *o = json_object();
    const struct portal_column *parent = columns_find(g->pg->p, c->parent_slug);
    view_set(o, "name", parent ? arena_printf(g->pg->req->arena, "%s／%s", parent->name, c->name) : c->name);
    view_set(o, "description", c->description ? c->description : "");
    view_set(o, "href", url_column(g->pg->req, c->slug));
    view_set_int(o, "count", n);
    view_set_int(o, "sort", c->sort);
    json_array_append_new(g->categories, o);
    return 0;
}

static int cmp_sort(const void *a, const void *b)
{
    long long x = json_integer_value(json_object_get(*(json_t *const *)a, "sort"));
    long long y = json_integer_value(json_object_get(*(json_t *const *)b, "sort"));
    return x < y ? -1 : x > y;
}

/* Sorts a JSON array in place. */
static void sort_array(json_t *arr, int (*cmp)(const void *, const void *))
{
    size_t n = json_array_size(arr);
    if (n < 2)
        return;
    json_t **v = xmalloc(n * sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = json_incref(json_array_get(arr, i));
    qsort(v, n, sizeof *v, cmp);
    json_array_clear(arr);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, v[i]);
    free(v);
}

struct examples {
    buf_t topics, genres;
    int ntopics, ngenres;
    char last_group[256];
};

static int add_example(const char *facet, const char *value, void *ud)
{
    struct examples *e = ud;
    if (!value || !*value)
        return 0;
    if (strcmp(facet, "topic") == 0 && e->ntopics < 6) {
        size_t glen = strcspn(value, "/");
        if (glen < sizeof e->last_group && (strlen(e->last_group) != glen || strncmp(e->last_group, value, glen))) {
            memcpy(e->last_group, value, glen);
            e->last_group[glen] = 0;
            if (e->ntopics++)
                buf_puts(&e->topics, "、");
            buf_printf(&e->topics, "“%s”", e->last_group);
        }
    } else if (strcmp(facet, "genre") == 0 && e->ngenres < 8 && strcmp(value, "其他") != 0) {
        if (e->ngenres++)
            buf_puts(&e->genres, "、");
        buf_puts(&e->genres, value);
    }
    return 0;
}

struct access {
    const char *channel[4]; /* wechat, weibo, gazette, other: in this order on the page */
    buf_t points;
    int npoints;
};

static int add_access(const char *kind, const char *value, void *ud)
{
    struct access *a = ud;
    if (strcmp(kind, "point") == 0) {
        if (a->npoints++)
            buf_puts(&a->points, "；");
        buf_puts(&a->points, value);
        return 0;
    }
    static const struct {
        const char *code, *text;
    } ch[] = {
        {"wechat", "政务微信公众号：及时发布工作动态、通知公告等政府信息。"},
        {"weibo", "政务微博：发布政务信息和便民提示。"},
        {"gazette", "政府公报：刊登规章、行政规范性文件等政府文件。"},
        {"other", "其他便于公众知晓的方式：公告栏、新闻发布会以及报刊、广播、电视等新闻媒体。"},
    };
    for (size_t i = 0; i < sizeof ch / sizeof ch[0]; i++)
        if (strcmp(value, ch[i].code) == 0)
            a->channel[i] = ch[i].text;
    return 0;
}

struct first_row {
    struct request *req;
    const char *index_no;
};

static int take_first(const struct item_row *r, void *ud)
{
    struct first_row *f = ud;
    if (!f->index_no && r->index_no)
        f->index_no = arena_strdup(f->req->arena, r->index_no);
    return 1; /* one is enough */
}

/* Loads the agencies and picks the one named by ?agency= (default: the first, the root).
 * False when the page is already answered (a database error, or 404 for an unknown code);
 * otherwise the caller frees *al. */
void zfxxgk_render(struct page *pg, const char *last, const char *slug, const char *template_name)
{
    view_set(pg->ctx, "section", "zwgk");
    json_object_set_new(pg->ctx, "crumbs", zfxxgk_crumbs(pg, last));
    zfxxgk_column_meta(pg, pg->ctx, slug);
    page_render(pg, template_name);
}

bool zfxxgk_agency(struct page *pg, struct agency_list *al, const struct agency **out)
{
    if (!agencies_load(pg, al))
        return false;
    const char *code = query_opt(pg->req, "agency");
    *out = code ? agencies_find(al, code) : al->n ? &al->v[0] : NULL;
    if (code && !*out) {
        agencies_free(al);
        page_error(pg, 404, "没有这个机构。");
        return false;
    }
    return true;
}

static void page_guide(struct page *pg)
{
    struct request *req = pg->req;
    struct agency_list al;
    const struct agency *a;
    if (!zfxxgk_agency(pg, &al, &a))
        return; /* answered */
    json_t *ctx = pg->ctx, *ag = json_object();
    json_object_set_new(ctx, "agency", ag);
    view_set(ag, "name", a ? a->name : site_get(pg->p)->sponsor);
    if (al.n > 1)
        json_object_set_new(ctx, "agency_select", agencies_options(&al, a ? a->code : NULL));
    int children = 0;
    for (size_t i = 0; a && i < al.n; i++)
        if (al.v[i].path && a->path && strncmp(al.v[i].path, a->path, strlen(a->path)) == 0 && &al.v[i] != a)
            children++;
    view_set_bool(ctx, "has_children", children > 0);
    view_set_int(ctx, "children_count", children);
    const char *path = a ? a->path : NULL;

    struct guide_ctx g = {pg, json_array(), 0};
    json_object_set_new(ctx, "categories", g.categories);
    char *err = NULL;
    struct examples ex = {BUF_INIT, BUF_INIT, 0, 0, ""};
    struct access acc = {{NULL, NULL, NULL, NULL}, BUF_INIT, 0};
    struct first_row fr = {req, NULL};
    struct item_query flt = {.agency = a ? a->code : NULL, .agency_subtree = true, .today = pg->today};
    if (store_portal_column_counts(pg->s, path, pg->today, add_category, &g, &err) ||
        facets_each(pg->p, pg->s, add_example, &ex, &err) || store_portal_access(pg->s, path, add_access, &acc, &err) ||
        store_items(pg->s, &flt, 0, 1, false, take_first, &fr, &err) < 0) {
        page_fail(pg, RES_FAILED, err);
        goto out;
    }
    sort_array(g.categories, cmp_sort);
    if (g.other) {
        json_t *o = json_object();
        view_set(o, "name", "其他");
        view_set(o, "description", "未归入栏目的政府信息，可在信息公开目录中查阅");
        view_set(o, "href", "/gkml");
        view_set_int(o, "count", g.other);
        json_array_append_new(g.categories, o);
    }
    view_set_opt(ctx, "index_example", fr.index_no);
    view_set(ctx, "topic_examples", ex.ntopics ? buf_str(&ex.topics) : "综合政务");
    view_set(ctx, "genre_examples", ex.ngenres ? buf_str(&ex.genres) : "通知、公告");
    json_t *channels = json_array();
    json_object_set_new(ctx, "channels", channels);
    for (int i = 0; i < 4; i++)
        if (acc.channel[i])
            json_array_append_new(channels, view_str(acc.channel[i]));
    view_set_opt(ctx, "points", buf_str(&acc.points));
    json_object_set_new(ctx, "office", agencies_office(pg, a, al.n ? &al.v[0] : NULL));
    view_set(ctx, "today_cn", view_date_cn(req, pg->today));
    json_t *items = column_latest(pg, "zfxxgk/zn", 10);
    if (!items)
        goto out; /* answered */
    json_object_set_new(ctx, "items", items);
    bool own_title = a && a->parent_id;
    view_set(ctx, "title", own_title ? arena_printf(req->arena, "%s政府信息公开指南", a->name) : "政府信息公开指南");
    view_set(ctx, "description", "政府信息的分类、编排体系、获取方式，依申请公开的程序，政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码和电子邮箱");
    zfxxgk_render(pg, "政府信息公开指南", "zfxxgk/zn", "zfxxgk_zn");
out:
    buf_free(&acc.points);
    buf_free(&ex.topics);
    buf_free(&ex.genres);
    agencies_free(&al);
}

/* ------------------------------------------------------------------ 法定主动公开内容 */

static int count_statutory(struct page *pg, enum item_validity v, long long *n, char **err)
{
    struct item_query f = {.statutory = "any", .validity = v, .today = pg->today};
    return store_items_count(pg->s, &f, n, err);
}

#define STATUTORY_MAX 200

static void page_statutory(struct page *pg)
{
    json_t *ctx = pg->ctx, *rows = json_array();
    json_object_set_new(ctx, "statutory_rows", rows);
    long long total = 0, valid = 0, repealed = 0;
    char *err = NULL;
    struct item_query f = {.statutory = "any", .today = pg->today};
    void *ud[2] = {pg, rows};
    if (count_statutory(pg, VALIDITY_ANY, &total, &err) || count_statutory(pg, VALIDITY_VALID, &valid, &err) ||
        count_statutory(pg, VALIDITY_REPEALED, &repealed, &err) ||
        store_items(pg->s, &f, 0, STATUTORY_MAX, false, view_append_row_full, ud, &err)) {
        page_fail(pg, RES_FAILED, err);
        return;
    }
    view_set_int(ctx, "statutory_total", total);
    view_set_int(ctx, "statutory_valid", valid);
    view_set_int(ctx, "statutory_repealed", repealed);
    view_set_bool(ctx, "statutory_more", total > STATUTORY_MAX);
    if (!column_list(pg, "zfxxgk/fdzdgknr"))
        return; /* answered */
    view_set(ctx, "title", "法定主动公开内容");
    zfxxgk_render(pg, "法定主动公开内容", "zfxxgk/fdzdgknr", "zfxxgk_fdzdgknr");
}

/* ------------------------------------------------------------------ handlers */

void page_zfxxgk_zn(struct request *req, struct response *res)
{
    struct page pg;
    if (page_begin(&pg, req, res))
        page_guide(&pg);
}

void page_zfxxgk_zd(struct request *req, struct response *res)
{
    column_render(req, res, "zfxxgk/zd");
}

void page_zfxxgk_fdzdgknr(struct request *req, struct response *res)
{
    struct page pg;
    if (page_begin(&pg, req, res))
        page_statutory(&pg);
}

void page_zfxxgk_missing(struct request *req, struct response *res)
{
    portal_error_page(req, res, 404, "政府信息公开栏目下没有这个页面。");
}
