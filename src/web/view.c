/* Context-building helpers (view.h). */
#include "web/view.h"
#include "domain/years.h"
#include "store/store_search.h"
#include "util/escape.h"
#include "util/utf8.h"
#include "web/urls.h"
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------ JSON values */

json_t *view_str_or_null(const char *s)
{
    if (!s)
        return json_null();
    size_t n = strlen(s);
    if (utf8_valid(s, n))
        return json_stringn(s, n);
    /* Each malformed unit becomes U+FFFD. */
    buf_t b = BUF_INIT;
    const char *p = s, *end = s + n;
    while (p < end) {
        const char *start = p;
        int32_t cp = utf8_decode(&p, end);
        if (cp == UTF8_INVALID)
            buf_puts(&b, "\xEF\xBF\xBD");
        else
            buf_append(&b, start, (size_t)(p - start));
    }
    json_t *j = json_stringn(buf_str(&b), b.len);
    buf_free(&b);
    return j ? j : json_string("");
}

json_t *view_str(const char *s)
{
    return view_str_or_null(s ? s : "");
}

void view_set(json_t *o, const char *k, const char *s)
{
    json_object_set_new(o, k, view_str(s));
}

void view_set_opt(json_t *o, const char *k, const char *s)
{
    if (s && *s)
        json_object_set_new(o, k, view_str(s));
}

void view_set_or_null(json_t *o, const char *k, const char *s)
{
    json_object_set_new(o, k, view_str_or_null(s));
}

void view_set_int(json_t *o, const char *k, long long v)
{
    json_object_set_new(o, k, json_integer(v));
}

void view_set_bool(json_t *o, const char *k, bool v)
{
    json_object_set_new(o, k, json_boolean(v));
}

void view_crumb(json_t *crumbs, const char *name, const char *href)
{
    json_t *c = json_object();
    view_set(c, "name", name);
    view_set(c, "href", href); /* "" for the current page: present, so never looked up further out */
    json_array_append_new(crumbs, c);
}

void view_crumbs_here(json_t *ctx, const char *name)
{
    json_t *crumbs = json_array();
    view_crumb(crumbs, name, NULL);
    json_object_set_new(ctx, "crumbs", crumbs);
}

/* ------------------------------------------------------------------ text */

const char *view_date_cn(struct request *req, const char *ymd)
{
    if (!ymd)
        return "";
    const char *s = ymd;
    bool ok = strlen(s) >= 10 && s[4] == '-' && s[7] == '-' && (s[10] == 0 || s[10] == ' ' || s[10] == 'T');
    for (int i = 0; ok && i < 10; i++)
        ok = i == 4 || i == 7 || (s[i] >= '0' && s[i] <= '9');
    if (!ok)
        return ymd;
    int y = year_of_date(s), m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    return arena_printf(req->arena, "%d年%d月%d日", y, m, d);
}

bool view_repealed(const char *repealed, const char *today)
{
    return repealed && *repealed && strncmp(repealed, today, 10) <= 0;
}

const char *view_channel_name(const char *code)
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

const char *view_statutory_name(const char *code)
{
    if (!code)
        return "";
    if (strcmp(code, "rule") == 0)
        return "规章";
    if (strcmp(code, "normative_document") == 0)
        return "行政规范性文件";
    return code;
}

const char *view_size(struct request *req, long long bytes)
{
    if (bytes < 1024)
        return arena_printf(req->arena, "%lld B", bytes);
    if (bytes < 1024 * 1024)
        return arena_printf(req->arena, "%.1f KB", (double)bytes / 1024.0);
    return arena_printf(req->arena, "%.1f MB", (double)bytes / (1024.0 * 1024.0));
}

void view_marked_html(buf_t *b, const char *text, const struct text_span *marks, size_t n)
{
    text = text ? text : "";
    size_t len = strlen(text), at = 0;
    for (size_t i = 0; i < n; i++) {
        if (marks[i].start < at || marks[i].end > len || marks[i].start >= marks[i].end)
            continue; /* not in order or outside the text: never happens, never trusted */
        esc_html_n(b, text + at, marks[i].start - at);
        buf_puts(b, "<mark>");
        esc_html_n(b, text + marks[i].start, marks[i].end - marks[i].start);
        buf_puts(b, "</mark>");
        at = marks[i].end;
    }
    esc_html_n(b, text + at, len - at);
}

void view_set_marked(json_t *o, const char *k, const char *text, const struct text_span *marks, size_t n)
{
    buf_t b = BUF_INIT;
    view_marked_html(&b, text, marks, n);
    view_set(o, k, buf_str(&b));
    buf_free(&b);
}

/* ------------------------------------------------------------------ rows */

json_t *view_item_row(struct page *pg, const struct item_row *r, bool full)
{
    json_t *o = json_object();
    view_set(o, "href", url_item(pg->req, r->ext_id));
    view_set(o, "title", r->title);
    view_set(o, "date", r->published);
    view_set_bool(o, "repealed", view_repealed(r->repealed, pg->today));
    if (!full)
        return o;
    /* Every key always present (maybe ""): in a list guarded by {{#rows.0}} a missing key
     * would be looked up in the first row instead. */
    view_set(o, "agency", r->agency_name);
    view_set(o, "agency_code", r->agency_code);
    view_set(o, "index_no", r->index_no);
    view_set(o, "doc_no", r->doc_no);
    view_set(o, "written", r->written);
    view_set(o, "shown_date", r->written && *r->written ? r->written : r->published);
    view_set(o, "topic", r->topic);
    view_set(o, "genre", r->genre);
    view_set(o, "summary", r->summary);
    view_set(o, "statutory", view_statutory_name(r->statutory));
    return o;
}

int view_append_row(const struct item_row *r, void *ud)
{
    void **a = ud;
    json_array_append_new(a[1], view_item_row(a[0], r, false));
    return 0;
}

int view_append_row_full(const struct item_row *r, void *ud)
{
    void **a = ud;
    json_array_append_new(a[1], view_item_row(a[0], r, true));
    return 0;
}

json_t *view_column_meta(const struct portal_column *c)
{
    json_t *o = json_object();
    view_set(o, "name", c->name);
    view_set(o, "description", c->description ? c->description : c->name);
    view_set(o, "keywords", c->keywords ? c->keywords : c->name);
    view_set(o, "type", c->meta_type ? c->meta_type : "信息公开");
    return o;
}

/* ------------------------------------------------------------------ pagination */

/* This request's path with its query parameters except page (and empty ones), and page=N
 * when N > 1. */
static const char *page_href(struct request *req, long long n)
{
    const char *here = url_here(req);
    struct url u;
    url_start(&u, arena_strndup(req->arena, here, strcspn(here, "?")));
    for (size_t i = 0; i < req->params.n; i++) {
        const struct req_param *q = &req->params.v[i];
        if (strcmp(q->name, "page") != 0 && *q->value)
            url_param(&u, q->name, q->value);
    }
    if (n > 1)
        url_param_int(&u, "page", n);
    return url_finish(&u, req);
}

static json_t *pager_entry(struct request *req, long long n, long long current)
{
    json_t *o = json_object();
    view_set_int(o, "n", n);
    view_set(o, "href", page_href(req, n));
    view_set_bool(o, "current", n == current);
    return o;
}

json_t *view_pager(struct request *req, long long page, long long npages)
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
        view_set_bool(gap, "gap", true);
        json_array_append_new(pages, gap);
    }
    for (long long i = lo; i <= hi; i++)
        json_array_append_new(pages, pager_entry(req, i, page));
    if (hi < npages - 1) {
        json_t *gap = json_object();
        view_set_bool(gap, "gap", true);
        json_array_append_new(pages, gap);
    }
    json_array_append_new(pages, pager_entry(req, npages, page));
    json_object_set_new(pg, "pages", pages);
    if (page > 1)
        view_set(pg, "prev", page_href(req, page - 1));
    if (page < npages)
        view_set(pg, "next", page_href(req, page + 1));
    view_set_int(pg, "page", page);
    view_set_int(pg, "npages", npages);
    return pg;
}
