/* Search, feeds, sitemap, robots.txt and the JSON API register their routes here;
 * portal.c appends this table to its own. Also the helpers these pages share
 * (routes_more.h). */
#include "web/routes_more.h"
#include "store/store_search.h"
#include "util/escape.h"
#include "util/utf8.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Every API pattern has a catch-all-method route too, so that a wrong method gets a JSON
 * 405 (with Allow) instead of the HTML error page; "/api/..." paths that name nothing get
 * a JSON 404. */
const struct route portal_more_routes[] = {
    {"GET", "/search", page_search},
    {"GET", "/feeds/all.atom", feed_all_atom},
    {"GET", "/feeds/column/*", feed_column_atom},
    {"GET", "/sitemap.xml", sitemap_xml},
    {"GET", "/sitemaps/*", sitemap_part_xml},
    {"GET", "/robots.txt", robots_txt},
    {"GET", "/api/v1", api_index},
    {NULL, "/api/v1", api_bad_method},
    {"GET", "/api/v1/items", api_items},
    {NULL, "/api/v1/items", api_bad_method},
    {"GET", "/api/v1/items/*", api_item},
    {NULL, "/api/v1/items/*", api_bad_method},
    {"GET", "/api/v1/columns", api_columns},
    {NULL, "/api/v1/columns", api_bad_method},
    {"GET", "/api/v1/agencies", api_agencies},
    {NULL, "/api/v1/agencies", api_bad_method},
    {"GET", "/api/v1/search", api_search},
    {NULL, "/api/v1/search", api_bad_method},
    {"GET", "/api/v1/reports/*", api_report},
    {NULL, "/api/v1/reports/*", api_bad_method},
    {NULL, "/api/*", api_not_found},
    {NULL, "/api", api_not_found},
};
const size_t portal_more_route_count = sizeof portal_more_routes / sizeof portal_more_routes[0];

/* ------------------------------------------------------------------ URLs */

static void slug_path(buf_t *b, const char *slug)
{
    const char *p = slug ? slug : "";
    for (;;) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        esc_url_component_n(b, p, n);
        if (!slash)
            break;
        buf_putc(b, '/');
        p = slash + 1;
    }
}

void more_url_column_feed(buf_t *b, const char *slug)
{
    buf_puts(b, "/feeds/column/");
    slug_path(b, slug);
    buf_puts(b, ".atom");
}

void more_url_report(buf_t *b, int year)
{
    buf_printf(b, "/zfxxgk/nb/%d", year);
}

static bool host_ok(const char *h)
{
    /* host, [v6] or host:port; nothing that could break out of a URL or markup. */
    size_t n = strlen(h);
    if (n == 0 || n > 255)
        return false;
    for (const char *p = h; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr(".-:[]", *p))
            return false;
    return true;
}

const char *more_base_url(struct request *req)
{
    struct portal *p = req->app;
    const char *domain = p ? p->site.site_domain : NULL;
    if (domain && *domain && host_ok(domain))
        return arena_printf(req->arena, "https://%s", domain);
    const char *host = req_header(req, "Host");
    if (host && host_ok(host))
        return arena_printf(req->arena, "http://%s", host);
    return "http://localhost";
}

const char *more_today(struct request *req)
{
    char d[11];
    portal_today(d);
    return arena_strdup(req->arena, d);
}

/* ---------------------------------------------------------- marked text */

void more_marked_html(buf_t *b, const char *text, const struct text_span *marks, size_t n)
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

/* --------------------------------------------------------------- input */

bool more_parse_int(const char *s, long lo, long hi, long *out)
{
    if (!s || !*s || strlen(s) > 9)
        return false;
    if (s[0] == '0' && s[1])
        return false;
    long v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (*p - '0');
    }
    if (v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

bool more_blank(const char *s)
{
    for (const char *p = s ? s : ""; *p;) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        else if (strncmp(p, "\u3000", 3) == 0)
            p += 3;
        else if (strncmp(p, "\u00a0", 2) == 0)
            p += 2;
        else
            return false;
    }
    return true;
}

bool more_slug_ok(const char *s)
{
    if (!s || !*s || strlen(s) > 200)
        return false;
    bool seg_empty = true;
    for (const char *p = s; *p; p++) {
        if (*p == '/') {
            if (seg_empty)
                return false;
            seg_empty = true;
        } else if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_') {
            seg_empty = false;
        } else {
            return false;
        }
    }
    return !seg_empty;
}

/* ---------------------------------------------------------------- JSON */

json_t *more_json_str(const char *s)
{
    if (!s)
        return json_null();
    size_t n = strlen(s);
    if (utf8_valid(s, n))
        return json_stringn(s, n);
    buf_t b = BUF_INIT;
    const char *p = s, *end = s + n;
    while (p < end) {
        const char *start = p;
        int32_t cp = utf8_decode(&p, end);
        if (cp == UTF8_INVALID) {
            char u[4];
            buf_append(&b, u, utf8_encode(UTF8_REPLACEMENT, u));
        } else {
            buf_append(&b, start, (size_t)(p - start));
        }
    }
    json_t *j = json_stringn(buf_str(&b), b.len);
    buf_free(&b);
    return j;
}

void more_json_set_str(json_t *o, const char *key, const char *s)
{
    json_object_set_new(o, key, more_json_str(s));
}
