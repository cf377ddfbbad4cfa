/* The site layout (layout.h). */
#include "web/layout.h"
#include "web/nav.h"
#include "web/site.h"
#include "web/urls.h"
#include "web/view.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool layout_elder(const struct request *req)
{
    const char *v = req_cookie(req, "gk_mode");
    return v && strcmp(v, "elder") == 0;
}

/* The common keys of every page (also the error page: nothing here touches the database). */
static void add_common(struct request *req, json_t *ctx)
{
    struct portal *p = req->app;
    const struct site *site = site_get(p);
    json_object_set(ctx, "site", site->json);
    json_object_set_new(ctx, "css_href", json_string(p->css_href));
    json_object_set_new(ctx, "nonce", json_string(req->nonce ? req->nonce : ""));
    const char *title = json_string_value(json_object_get(ctx, "title"));
    if (title && *title) {
        char *t = arena_printf(req->arena, "%s - %s", title, site->name);
        json_object_set_new(ctx, "page_title", view_str(t));
    } else {
        json_object_set_new(ctx, "page_title", view_str(site->name));
    }
    bool elder = layout_elder(req);
    view_set_bool(ctx, "elder", elder);
    const char *here = url_here(req);
    view_set(ctx, "here", here);
    struct url mode;
    url_start(&mode, "/mode");
    url_param(&mode, "to", elder ? "standard" : "elder");
    url_param(&mode, "back", here);
    view_set(ctx, "mode_href", url_finish(&mode, req));
    if (!json_object_get(ctx, "crumbs"))
        json_object_set_new(ctx, "crumbs", json_array());
    nav_add(req, ctx, json_string_value(json_object_get(ctx, "section")));
}

static void render_or_fail(struct request *req, struct response *res, const char *name, json_t *ctx)
{
    struct portal *p = req->app;
    char *err = NULL;
    buf_reset(&res->body);
    if (mustache_lib_render(p->templates, name, ctx, &res->body, &err) != 0) {
        fprintf(stderr, "gongkai: serve: template %s: %s\n", name, err ? err : "failed");
        free(err);
        buf_reset(&res->body);
        res_status(res, 500);
        res->etag_auto = false;
        res_error_page_default(req, res, 500, "页面模板出错");
    }
}

void layout_render(struct request *req, struct response *res, const char *name, json_t *ctx)
{
    add_common(req, ctx);
    render_or_fail(req, res, name, ctx);
}

void layout_page(struct request *req, struct response *res, const char *name, json_t *ctx)
{
    res_type(res, "text/html; charset=utf-8");
    res_header_set(res, "Vary", "Cookie");
    /* Stored, but asked again every time (answered 304 by the ETag when nothing changed): a
     * published item is on every page at once, a withdrawn one gone at once (issue 8), where
     * max-age=60 let browsers and proxies show the old page for a minute. */
    res_cache(res, "public, no-cache");
    layout_render(req, res, name, ctx);
    if (res->status == 200)
        res_etag_auto(res);
}
