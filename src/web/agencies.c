/* Agencies for pages (agencies.h). */
#include "web/agencies.h"
#include "util/xalloc.h"
#include "web/site.h"
#include "web/view.h"
#include <stdlib.h>
#include <string.h>

struct agency_collect {
    struct agency *v;
    size_t n, cap;
};

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static int collect_agency(const struct agency *a, void *ud)
{
    struct agency_collect *c = ud;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 16;
        c->v = xrealloc(c->v, c->cap * sizeof *c->v);
    }
    struct agency *d = &c->v[c->n++];
    *d = *a;
    d->name = dup_or_null(a->name);
    d->kind = dup_or_null(a->kind);
    d->short_name = dup_or_null(a->short_name);
    d->parent_code = dup_or_null(a->parent_code);
    d->path = dup_or_null(a->path);
    d->address = dup_or_null(a->address);
    d->office_hours = dup_or_null(a->office_hours);
    d->phone = dup_or_null(a->phone);
    d->fax = dup_or_null(a->fax);
    d->email = dup_or_null(a->email);
    d->website = dup_or_null(a->website);
    d->postcode = dup_or_null(a->postcode);
    return 0;
}

/* Appends the children of PARENT_ID (in the store's sibling order) depth-first. */
static void depth_first(const struct agency_collect *src, long long parent_id, bool *used, struct agency_list *out,
                        int guard)
{
    if (guard > 64)
        return;
    for (size_t i = 0; i < src->n; i++) {
        if (used[i] || src->v[i].parent_id != parent_id)
            continue;
        used[i] = true;
        out->v[out->n++] = src->v[i];
        depth_first(src, src->v[i].id, used, out, guard + 1);
    }
}

bool agencies_load(struct page *pg, struct agency_list *out)
{
    struct agency_collect c = {0};
    char *err = NULL;
    out->v = NULL;
    out->n = 0;
    if (store_each_agency(pg->s, collect_agency, &c, &err)) {
        for (size_t i = 0; i < c.n; i++)
            agency_clear(&c.v[i]);
        free(c.v);
        page_fail(pg, RES_FAILED, err);
        return false;
    }
    out->v = xcalloc(c.n ? c.n : 1, sizeof *out->v);
    bool *used = xcalloc(c.n ? c.n : 1, sizeof *used);
    depth_first(&c, 0, used, out, 0);
    for (size_t i = 0; i < c.n; i++) /* anything unreachable (should not happen) goes last */
        if (!used[i])
            out->v[out->n++] = c.v[i];
    free(used);
    free(c.v);
    return true;
}

bool agencies_page_begin(struct page *pg, struct request *req, struct response *res, struct agency_list *out)
{
    return page_begin(pg, req, res) && agencies_load(pg, out);
}

void agencies_free(struct agency_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        agency_clear(&l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

const struct agency *agencies_find(const struct agency_list *l, const char *code)
{
    for (size_t i = 0; code && i < l->n; i++)
        if (strcmp(l->v[i].code, code) == 0)
            return &l->v[i];
    return NULL;
}

json_t *agencies_options(const struct agency_list *l, const char *selected)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < l->n; i++) {
        const struct agency *a = &l->v[i];
        json_t *o = json_object();
        view_set(o, "code", a->code);
        view_set(o, "name", a->name);
        buf_t ind = BUF_INIT;
        for (int d = 0; d < a->depth && d < 8; d++)
            buf_puts(&ind, "\xE3\x80\x80"); /* U+3000 ideographic space */
        view_set(o, "indent", buf_str(&ind));
        buf_free(&ind);
        view_set_bool(o, "selected", selected && strcmp(selected, a->code) == 0);
        json_array_append_new(arr, o);
    }
    return arr;
}

static const char *or_none(const char *s)
{
    return s && *s ? s : "暂无";
}

static json_t *office_of(const struct agency *a, const char *name)
{
    json_t *o = json_object();
    view_set(o, "name", name);
    view_set(o, "address", or_none(a->address));
    view_set(o, "hours", or_none(a->office_hours));
    view_set(o, "phone", or_none(a->phone));
    view_set(o, "fax", or_none(a->fax));
    view_set(o, "email", or_none(a->email));
    view_set(o, "website", or_none(a->website));
    view_set(o, "postcode", or_none(a->postcode));
    return o;
}

static bool has_contact(const struct agency *a)
{
    return a && ((a->address && *a->address) || (a->phone && *a->phone) || (a->email && *a->email) ||
                 (a->office_hours && *a->office_hours));
}

json_t *agencies_office(struct page *pg, const struct agency *a, const struct agency *root)
{
    const struct site *site = site_get(pg->p);
    const char *office = site_setting(site, "ogi_office");
    bool is_root = !a || a == root || a->parent_id == 0;
    if (has_contact(a))
        return office_of(a, office && is_root ? office : a->name);
    if (!is_root && has_contact(root)) {
        json_t *o = office_of(root, office ? office : root->name);
        view_set(o, "note", arena_printf(pg->req->arena,
                                     "%s尚未登记本机关政府信息公开工作机构的联系方式，以上为%s的联系方式。", a->name,
                                     office ? office : root->name));
        return o;
    }
    json_t *o = json_object();
    view_set(o, "name", office ? office : a ? a->name : site->sponsor);
    view_set(o, "address", or_none(site_setting(site, "ogi_address")));
    view_set(o, "hours", or_none(site_setting(site, "ogi_hours")));
    view_set(o, "phone", or_none(site_setting(site, "ogi_phone")));
    view_set(o, "fax", or_none(site_setting(site, "ogi_fax")));
    view_set(o, "email", or_none(site_setting(site, "ogi_email")));
    view_set(o, "website", or_none(site_setting(site, "ogi_website")));
    view_set(o, "postcode", or_none(site_setting(site, "ogi_postcode")));
    return o;
}
