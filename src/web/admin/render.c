/* The workspace's pages (render.h). */
#include "web/admin/render.h"
#include "web/site.h"
#include "web/view.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The workspace's navigation: a page appears for the roles that may open it. A helper who
 * adds a workspace page adds its row here (and its route in web/routes.c). */
static const struct {
    const char *section, *href, *label;
    unsigned roles;
} nav[] = {
    {"home", "/admin/", "工作台首页", ROLE_ALL},
    /* accounts (issue 8 item 1) */
    {"users", "/admin/users", "账号管理", ROLE_PLATFORM_ADMIN | ROLE_ADMIN},
    /* the audit log (issue 8 item 2) */
    {"audit", "/admin/audit", "审计日志", ROLE_AUDITOR | ROLE_PLATFORM_ADMIN},
    /* the editorial workflow (issue 8 item 3) */
    {"items", "/admin/items", "政府信息", ROLE_EDITOR | ROLE_REVIEWER | ROLE_ADMIN},
    /* messages from the public (issue 10 item 1); the sensitive words for administrators */
    {"messages", "/admin/messages", "留言办理", ROLE_HANDLER | ROLE_ADMIN},
    {"messages", "/admin/messages/words", "敏感词", ROLE_PLATFORM_ADMIN},
    /* application handling (issue 9 item 4) */
    {"applications", "/admin/applications", "依申请公开办理", ROLE_HANDLER | ROLE_ADMIN | ROLE_PLATFORM_ADMIN},
    /* attachments and publishing channels (issue 8 items 4 and 5) */
    {"attachments", "/admin/attachments", "附件管理", ROLE_EDITOR | ROLE_ADMIN},
    {"outbox", "/admin/outbox", "发布渠道", ROLE_EDITOR | ROLE_REVIEWER | ROLE_ADMIN},
};

static void add_staff(json_t *ctx, const struct admin *a, const char *section)
{
    char roles[160];
    roles_format_zh(a->staff.roles, roles, sizeof roles);
    json_t *st = json_object();
    json_object_set_new(st, "login", json_string(a->staff.login));
    json_object_set_new(st, "agency", json_string(a->staff.agency));
    /* The agency by its name where it can be read (the code otherwise). */
    struct agency ag;
    char *why = NULL;
    if (a->staff.agency[0] && a->s && store_get_agency(a->s, a->staff.agency, &ag, &why) == RES_OK) {
        view_set(st, "agency", ag.name ? ag.name : a->staff.agency);
        agency_clear(&ag);
    }
    free(why);
    json_object_set_new(st, "roles_zh", json_string(roles));
    json_object_set_new(ctx, "staff", st);
    json_object_set_new(ctx, "csrf", json_string(a->csrf ? a->csrf : ""));
    json_t *links = json_array();
    for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++) {
        if (!(a->staff.roles & nav[i].roles))
            continue;
        json_t *l = json_object();
        json_object_set_new(l, "href", json_string(nav[i].href));
        json_object_set_new(l, "label", json_string(nav[i].label));
        json_object_set_new(l, "current", json_boolean(section && strcmp(section, nav[i].section) == 0));
        json_array_append_new(links, l);
    }
    json_object_set_new(ctx, "nav", links);
}

void admin_render(struct request *req, struct response *res, const struct admin *a, int status, const char *name,
                  json_t *ctx)
{
    struct portal *p = req->app;
    json_object_set_new(ctx, "site_name", json_string(site_get(p)->name));
    json_object_set_new(ctx, "nonce", json_string(req->nonce ? req->nonce : ""));
    if (a)
        add_staff(ctx, a, json_string_value(json_object_get(ctx, "section")));
    res_status(res, status);
    res_type(res, "text/html; charset=utf-8");
    res_cache(res, "no-store");
    res_header_set(res, "X-Robots-Tag", "noindex, nofollow");
    buf_reset(&res->body);
    char *err = NULL;
    if (mustache_lib_render(p->templates, name, ctx, &res->body, &err) != 0) {
        fprintf(stderr, "gongkai: serve: template %s: %s\n", name, err ? err : "failed");
        free(err);
        buf_reset(&res->body);
        res_status(res, 500);
        res_error_page_default(req, res, 500, "页面模板出错");
    }
}
