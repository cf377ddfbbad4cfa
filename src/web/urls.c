/* URLs (urls.h). */
#include "web/urls.h"
#include "util/escape.h"
#include "web/portal.h"
#include "web/site.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

void url_start(struct url *u, const char *path)
{
    u->b = (buf_t)BUF_INIT;
    u->query = false;
    buf_puts(&u->b, path);
}

void url_param(struct url *u, const char *name, const char *value)
{
    if (!value)
        return;
    buf_putc(&u->b, u->query ? '&' : '?');
    u->query = true;
    esc_url_component(&u->b, name);
    buf_putc(&u->b, '=');
    esc_url_component(&u->b, value);
}

void url_param_int(struct url *u, const char *name, long long value)
{
    char v[24];
    snprintf(v, sizeof v, "%lld", value);
    url_param(u, name, v);
}

const char *url_finish(struct url *u, struct request *req)
{
    const char *r = arena_strdup(req->arena, buf_str(&u->b));
    buf_free(&u->b);
    u->query = false;
    return r;
}

void url_slug_path(buf_t *b, const char *slug)
{
    for (const char *s = slug ? slug : ""; *s;) {
        size_t n = strcspn(s, "/");
        esc_url_component_n(b, s, n);
        s += n;
        if (*s == '/') {
            buf_putc(b, '/');
            s++;
        }
    }
}

/* PREFIX, then S (a slug path when SLUG, else one component), then SUFFIX. */
static const char *path_of(struct request *req, const char *prefix, const char *s, bool slug, const char *suffix)
{
    buf_t b = BUF_INIT;
    buf_puts(&b, prefix);
    if (slug)
        url_slug_path(&b, s);
    else
        esc_url_component(&b, s ? s : "");
    buf_puts(&b, suffix);
    const char *r = arena_strdup(req->arena, buf_str(&b));
    buf_free(&b);
    return r;
}

const char *url_item(struct request *req, const char *ext_id)
{
    return path_of(req, "/item/", ext_id, false, "");
}

/* sitemap parts (issue 6) */
void url_item_into(buf_t *b, const char *ext_id)
{
    buf_puts(b, "/item/");
    esc_url_component(b, ext_id ? ext_id : "");
}

const char *url_agency(struct request *req, const char *code)
{
    return path_of(req, "/agency/", code, false, "");
}

const char *url_column(struct request *req, const char *slug)
{
    if (!slug)
        return "/gkml";
    bool zfxxgk = strcmp(slug, "zfxxgk") == 0 || strncmp(slug, "zfxxgk/", 7) == 0;
    return path_of(req, zfxxgk ? "/" : "/column/", slug, true, "");
}

const char *url_column_feed(struct request *req, const char *slug)
{
    return path_of(req, "/feeds/column/", slug, true, ".atom");
}

const char *url_report(struct request *req, int year)
{
    return arena_printf(req->arena, "/zfxxgk/nb/%d", year);
}

const char *url_component(struct request *req, const char *s)
{
    return path_of(req, "", s, false, "");
}

static bool unreserved(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

const char *url_here(struct request *req)
{
    buf_t b = BUF_INIT;
    /* The path arrives decoded: every byte that is not plain is encoded. */
    for (const unsigned char *s = (const unsigned char *)req->path; *s; s++) {
        if (unreserved(*s) || *s == '/')
            buf_putc(&b, (char)*s);
        else
            buf_printf(&b, "%%%02X", *s);
    }
    if (req->query && *req->query) {
        buf_putc(&b, '?');
        url_reencode(&b, req->query); /* the raw query as received */
    }
    const char *r = arena_strdup(req->arena, buf_str(&b));
    buf_free(&b);
    return r;
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

const char *url_base(struct request *req)
{
    struct portal *p = req->app;
    const char *domain = p ? site_get(p)->domain : NULL;
    if (domain && *domain && host_ok(domain))
        return arena_printf(req->arena, "https://%s", domain);
    const char *host = req_header(req, "Host");
    if (host && host_ok(host))
        return arena_printf(req->arena, "http://%s", host);
    return "http://localhost";
}
