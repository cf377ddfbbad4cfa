/* Helpers shared by the portal's pages: JSON context values, dates, URLs, pagination,
 * list rows. */
#include "web/html.h"
#include "util/date.h"
#include "util/escape.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------ request context */

void portal_today(char out[11])
{
    date_format(date_today_cst(), out);
}

bool page_begin(struct page *pg, struct request *req, struct response *res)
{
    pg->req = req;
    pg->res = res;
    pg->p = req->app;
    portal_today(pg->today);
    pg->s = portal_store(pg->p);
    if (!pg->s) {
        portal_error_page(req, res, 500, "数据库暂时无法访问，请稍后再试。");
        return false;
    }
    return true;
}

void page_db_error(struct page *pg, char *err)
{
    fprintf(stderr, "gongkai: serve: %s: %s\n", pg->req->path, err ? err : "database error");
    free(err);
    portal_error_page(pg->req, pg->res, 500, "数据库查询出错，请稍后再试。");
}

/* ------------------------------------------------------------------ JSON values */

json_t *jstr(const char *s)
{
    if (!s)
        return json_string("");
    json_t *j = json_string(s);
    if (j)
        return j;
    /* Invalid UTF-8 (json_string refuses it): each malformed unit becomes U+FFFD. */
    buf_t b = BUF_INIT;
    const char *p = s, *end = s + strlen(s);
    while (p < end) {
        const char *start = p;
        int32_t cp = utf8_decode(&p, end);
        if (cp == UTF8_INVALID)
            buf_puts(&b, "\xEF\xBF\xBD");
        else
            buf_append(&b, start, (size_t)(p - start));
    }
    j = json_string(buf_str(&b));
    buf_free(&b);
    return j ? j : json_string("");
}

void jset(json_t *o, const char *k, const char *s)
{
    json_object_set_new(o, k, jstr(s));
}

void jset_opt(json_t *o, const char *k, const char *s)
{
    if (s && *s)
        json_object_set_new(o, k, jstr(s));
}

void jset_int(json_t *o, const char *k, long long v)
{
    json_object_set_new(o, k, json_integer(v));
}

void jset_bool(json_t *o, const char *k, bool v)
{
    json_object_set_new(o, k, json_boolean(v));
}

void jcrumb(json_t *crumbs, const char *name, const char *href)
{
    json_t *c = json_object();
    jset(c, "name", name);
    jset(c, "href", href); /* "" for the current page: present, so never looked up further out */
    json_array_append_new(crumbs, c);
}

/* ------------------------------------------------------------------ text */

const char *html_date_cn(struct request *req, const char *ymd)
{
    if (!ymd)
        return "";
    const char *s = ymd;
    bool ok = strlen(s) >= 10 && s[4] == '-' && s[7] == '-' && (s[10] == 0 || s[10] == ' ' || s[10] == 'T');
    for (int i = 0; ok && i < 10; i++)
        ok = i == 4 || i == 7 || (s[i] >= '0' && s[i] <= '9');
    if (!ok)
        return ymd;
    int y = html_year_of(s), m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    return arena_printf(req->arena, "%d年%d月%d日", y, m, d);
}

int html_year_of(const char *ymd)
{
    if (!ymd || strlen(ymd) < 4)
        return 0;
    int y = 0;
    for (int i = 0; i < 4; i++) {
        if (ymd[i] < '0' || ymd[i] > '9')
            return 0;
        y = y * 10 + (ymd[i] - '0');
    }
    return y;
}

bool html_repealed(const char *repealed, const char *today)
{
    return repealed && *repealed && strncmp(repealed, today, 10) <= 0;
}

const char *html_channel_name(const char *code)
{
    static const struct {
        const char *code, *name;
    } names[] = {
        {"website", "政府网站"}, {"wechat", "政务微信"}, {"weibo", "政务微博"},
        {"gazette", "政府公报"}, {"other", "其他方式"},
    };
    for (size_t i = 0; code && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(code, names[i].code) == 0)
            return names[i].name;
    return code ? code : "";
}

const char *html_statutory_name(const char *code)
{
    if (!code)
        return "";
    if (strcmp(code, "rule") == 0)
        return "规章";
    if (strcmp(code, "normative_document") == 0)
        return "行政规范性文件";
    return code;
}

bool html_parse_uint(const char *s, long long *out)
{
    if (!s || !*s || strlen(s) > 9)
        return false;
    long long v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        v = v * 10 + (*s - '0');
    }
    *out = v;
    return true;
}

long long html_page_number(struct request *req)
{
    const char *v = req_query(req, "page");
    if (!v)
        return 1;
    long long n;
    if (!html_parse_uint(v, &n) || n < 1 || n > PAGE_MAX)
        return 0;
    return n;
}

const char *html_size(struct request *req, long long bytes)
{
    if (bytes < 1024)
        return arena_printf(req->arena, "%lld B", bytes);
    if (bytes < 1024 * 1024)
        return arena_printf(req->arena, "%.1f KB", (double)bytes / 1024.0);
    return arena_printf(req->arena, "%.1f MB", (double)bytes / (1024.0 * 1024.0));
}

static bool unreserved(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

const char *html_here(struct request *req)
{
    buf_t b = BUF_INIT;
    for (const unsigned char *s = (const unsigned char *)req->path; *s; s++) {
        if (unreserved(*s) || *s == '/')
            buf_putc(&b, (char)*s);
        else
            buf_printf(&b, "%%%02X", *s);
    }
    if (req->query && *req->query) {
        buf_putc(&b, '?');
        /* The raw query as received; bytes that do not belong in a URL are encoded. */
        for (const unsigned char *s = (const unsigned char *)req->query; *s; s++) {
            if (*s <= 0x20 || *s >= 0x7F || strchr("\"<>\\^`{|}", *s))
                buf_printf(&b, "%%%02X", *s);
            else
                buf_putc(&b, (char)*s);
        }
    }
    const char *r = arena_strdup(req->arena, buf_str(&b));
    buf_free(&b);
    return r;
}

const char *html_url_component(struct request *req, const char *s)
{
    buf_t b = BUF_INIT;
    esc_url_component(&b, s);
    const char *r = arena_strdup(req->arena, buf_str(&b));
    buf_free(&b);
    return r;
}

const char *portal_item_href(struct request *req, const char *ext_id)
{
    buf_t b = BUF_INIT;
    buf_puts(&b, "/item/");
    esc_url_component(&b, ext_id);
    const char *r = arena_strdup(req->arena, buf_str(&b));
    buf_free(&b);
    return r;
}

const char *portal_column_href(struct request *req, const char *slug)
{
    if (!slug)
        return "/gkml";
    bool zfxxgk = strcmp(slug, "zfxxgk") == 0 || strncmp(slug, "zfxxgk/", 7) == 0;
    buf_t b = BUF_INIT;
    buf_puts(&b, zfxxgk ? "/" : "/column/");
    /* Slugs are paths: each segment encoded, the slashes kept. */
    for (const char *s = slug; *s;) {
        size_t n = strcspn(s, "/");
        esc_url_component_n(&b, s, n);
        s += n;
        if (*s == '/') {
            buf_putc(&b, '/');
            s++;
        }
    }
    const char *r = arena_strdup(req->arena, buf_str(&b));
    buf_free(&b);
    return r;
}

/* ------------------------------------------------------------------ pagination */

static const char *page_href(struct request *req, long long n)
{
    buf_t b = BUF_INIT;
    const char *here = html_here(req);
    size_t plen = strcspn(here, "?");
    buf_append(&b, here, plen);
    char sep = '?';
    for (size_t i = 0; i < req->params.n; i++) {
        const struct req_param *q = &req->params.v[i];
        if (strcmp(q->name, "page") == 0 || !*q->value)
            continue;
        buf_putc(&b, sep);
        sep = '&';
        esc_url_component(&b, q->name);
        buf_putc(&b, '=');
        esc_url_component(&b, q->value);
    }
    if (n > 1)
        buf_printf(&b, "%cpage=%lld", sep, n);
    const char *r = arena_strdup(req->arena, buf_str(&b));
    buf_free(&b);
    return r;
}

static json_t *pager_entry(struct request *req, long long n, long long current)
{
    json_t *o = json_object();
    jset_int(o, "n", n);
    jset(o, "href", page_href(req, n));
    jset_bool(o, "current", n == current);
    return o;
}

json_t *portal_pager(struct request *req, long long page, long long npages)
{
    if (npages <= 1)
        return NULL;
    json_t *pg = json_object();
    json_t *pages = json_array();
    /* 1 … p-2 p-1 p p+1 p+2 … last */
    long long lo = page - 2 < 2 ? 2 : page - 2, hi = page + 2 > npages - 1 ? npages - 1 : page + 2;
    json_array_append_new(pages, pager_entry(req, 1, page));
    if (lo > 2) {
        json_t *gap = json_object();
        jset_bool(gap, "gap", true);
        json_array_append_new(pages, gap);
    }
    for (long long i = lo; i <= hi; i++)
        json_array_append_new(pages, pager_entry(req, i, page));
    if (hi < npages - 1) {
        json_t *gap = json_object();
        jset_bool(gap, "gap", true);
        json_array_append_new(pages, gap);
    }
    json_array_append_new(pages, pager_entry(req, npages, page));
    json_object_set_new(pg, "pages", pages);
    if (page > 1)
        jset(pg, "prev", page_href(req, page - 1));
    if (page < npages)
        jset(pg, "next", page_href(req, page + 1));
    jset_int(pg, "page", page);
    jset_int(pg, "npages", npages);
    return pg;
}

/* ------------------------------------------------------------------ rows and columns */

json_t *html_item_row(struct page *pg, const struct item_row *r, bool full)
{
    json_t *o = json_object();
    jset(o, "href", portal_item_href(pg->req, r->ext_id));
    jset(o, "title", r->title);
    jset(o, "date", r->published);
    jset_bool(o, "repealed", html_repealed(r->repealed, pg->today));
    if (!full)
        return o;
    /* Every key always present (maybe ""): in a list guarded by {{#rows.0}} a missing key
     * would be looked up in the first row instead. */
    jset(o, "agency", r->agency_name);
    jset(o, "agency_code", r->agency_code);
    jset(o, "index_no", r->index_no);
    jset(o, "doc_no", r->doc_no);
    jset(o, "written", r->written);
    jset(o, "shown_date", r->written && *r->written ? r->written : r->published);
    jset(o, "topic", r->topic);
    jset(o, "genre", r->genre);
    jset(o, "summary", r->summary);
    jset(o, "statutory", html_statutory_name(r->statutory));
    return o;
}

int html_append_row(const struct item_row *r, void *ud)
{
    void **a = ud;
    json_array_append_new(a[1], html_item_row(a[0], r, false));
    return 0;
}

int html_append_row_full(const struct item_row *r, void *ud)
{
    void **a = ud;
    json_array_append_new(a[1], html_item_row(a[0], r, true));
    return 0;
}

json_t *html_column_latest(struct page *pg, const char *slug, int limit)
{
    return html_column_page(pg, slug, 0, limit);
}

json_t *html_column_page(struct page *pg, const char *slug, long long offset, int limit)
{
    json_t *arr = json_array();
    void *ud[2] = {pg, arr};
    char *err = NULL;
    if (store_portal_column_items(pg->s, slug, pg->today, offset, limit, html_append_row, ud, &err)) {
        json_decref(arr);
        page_db_error(pg, err);
        return NULL;
    }
    return arr;
}

json_t *html_column_meta(const struct portal_column *c)
{
    json_t *o = json_object();
    jset(o, "name", c->name);
    jset(o, "description", c->description ? c->description : c->name);
    jset(o, "keywords", c->keywords ? c->keywords : c->name);
    jset(o, "type", c->meta_type ? c->meta_type : "信息公开");
    return o;
}

const char *html_column_section(const char *slug)
{
    if (!slug)
        return "zwgk";
    if (strncmp(slug, "bmfw", 4) == 0 && (slug[4] == 0 || slug[4] == '/'))
        return "bmfw";
    if (strncmp(slug, "qyzc", 4) == 0 && (slug[4] == 0 || slug[4] == '/'))
        return "qyzc";
    if (strncmp(slug, "gzdt", 4) == 0 && (slug[4] == 0 || slug[4] == '/'))
        return "gzdt";
    return "zwgk";
}

void html_column_crumbs(struct page *pg, json_t *crumbs, const char *slug, bool link_last)
{
    /* Ancestors first: walk up, then emit in reverse. */
    const struct portal_column *chain[8];
    int n = 0;
    for (const struct portal_column *c = portal_column_find(pg->p, slug); c && n < 8;
         c = portal_column_find(pg->p, c->parent_slug))
        chain[n++] = c;
    const char *section = html_column_section(slug);
    if (strcmp(section, "zwgk") == 0)
        jcrumb(crumbs, "政务公开", "/zwgk");
    for (int i = n - 1; i >= 0; i--)
        jcrumb(crumbs, chain[i]->name, i > 0 || link_last ? portal_column_href(pg->req, chain[i]->slug) : NULL);
}

/* ------------------------------------------------------------------ agencies */

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

bool html_agencies_load(struct page *pg, struct agency_list *out)
{
    struct agency_collect c = {0};
    char *err = NULL;
    out->v = NULL;
    out->n = 0;
    if (store_each_agency(pg->s, collect_agency, &c, &err)) {
        for (size_t i = 0; i < c.n; i++)
            agency_clear(&c.v[i]);
        free(c.v);
        page_db_error(pg, err);
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

void html_agencies_free(struct agency_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        agency_clear(&l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

const struct agency *html_agency_find(const struct agency_list *l, const char *code)
{
    for (size_t i = 0; code && i < l->n; i++)
        if (strcmp(l->v[i].code, code) == 0)
            return &l->v[i];
    return NULL;
}

json_t *html_agency_options(const struct agency_list *l, const char *selected)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < l->n; i++) {
        const struct agency *a = &l->v[i];
        json_t *o = json_object();
        jset(o, "code", a->code);
        jset(o, "name", a->name);
        buf_t ind = BUF_INIT;
        for (int d = 0; d < a->depth && d < 8; d++)
            buf_puts(&ind, "\xE3\x80\x80"); /* U+3000 ideographic space */
        jset(o, "indent", buf_str(&ind));
        buf_free(&ind);
        jset_bool(o, "selected", selected && strcmp(selected, a->code) == 0);
        json_array_append_new(arr, o);
    }
    return arr;
}

const char *html_agency_href(struct request *req, const char *code)
{
    buf_t b = BUF_INIT;
    buf_puts(&b, "/agency/");
    esc_url_component(&b, code);
    const char *r = arena_strdup(req->arena, buf_str(&b));
    buf_free(&b);
    return r;
}

static const char *or_none(const char *s)
{
    return s && *s ? s : "暂无";
}

static json_t *office_of(const struct agency *a, const char *name)
{
    json_t *o = json_object();
    jset(o, "name", name);
    jset(o, "address", or_none(a->address));
    jset(o, "hours", or_none(a->office_hours));
    jset(o, "phone", or_none(a->phone));
    jset(o, "fax", or_none(a->fax));
    jset(o, "email", or_none(a->email));
    jset(o, "website", or_none(a->website));
    jset(o, "postcode", or_none(a->postcode));
    return o;
}

static bool has_contact(const struct agency *a)
{
    return a && ((a->address && *a->address) || (a->phone && *a->phone) || (a->email && *a->email) ||
                 (a->office_hours && *a->office_hours));
}

json_t *html_office(struct page *pg, const struct agency *a, const struct agency *root)
{
    const struct portal *p = pg->p;
    const char *office = portal_setting(p, "ogi_office");
    bool is_root = !a || a == root || a->parent_id == 0;
    if (has_contact(a))
        return office_of(a, office && is_root ? office : a->name);
    if (!is_root && has_contact(root)) {
        json_t *o = office_of(root, office ? office : root->name);
        jset(o, "note", arena_printf(pg->req->arena,
                                     "%s尚未登记本机关政府信息公开工作机构的联系方式，以上为%s的联系方式。", a->name,
                                     office ? office : root->name));
        return o;
    }
    json_t *o = json_object();
    jset(o, "name", office ? office : a ? a->name : p->site.sponsor);
    jset(o, "address", or_none(portal_setting(p, "ogi_address")));
    jset(o, "hours", or_none(portal_setting(p, "ogi_hours")));
    jset(o, "phone", or_none(portal_setting(p, "ogi_phone")));
    jset(o, "fax", or_none(portal_setting(p, "ogi_fax")));
    jset(o, "email", or_none(portal_setting(p, "ogi_email")));
    jset(o, "website", or_none(portal_setting(p, "ogi_website")));
    jset(o, "postcode", or_none(portal_setting(p, "ogi_postcode")));
    return o;
}

json_t *html_column_block(struct page *pg, const char *slug, const char *id, int limit)
{
    json_t *items = html_column_latest(pg, slug, limit);
    if (!items)
        return NULL;
    json_t *o = json_object();
    const char *name = portal_column_name(pg->p, slug);
    jset(o, "name", name ? name : slug);
    jset(o, "href", portal_column_href(pg->req, slug));
    jset(o, "id", id);
    json_object_set_new(o, "items", items);
    return o;
}
