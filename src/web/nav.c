/* Navigation (nav.h). */
#include "web/nav.h"
#include "web/columns.h"
#include "web/urls.h"
#include "web/view.h"
#include <string.h>

struct nav_entry {
    const char *section, *name, *href;
};

static const struct nav_entry nav_main[] = {
    {"home", "首页", "/"},
    {"zwgk", "政务公开", "/zwgk"},
    {"bmfw", "便民服务", "/column/bmfw"},
    {"qyzc", "企业之窗", "/column/qyzc"},
    {"gzdt", "工作动态", "/column/gzdt"},
    {"agency", "部门街道", "/agency"},
    {"hdjl", "互动交流", "/hdjl"},
};

/* 互动交流 (issue 10): its kinds, the form and 在线查询. */
static const struct nav_entry nav_hdjl[] = {
    {"hdjl", "互动交流", "/hdjl"},          {"hdjl", "建言献策", "/hdjl/jyxc"}, {"hdjl", "领导信箱", "/hdjl/ldxx"},
    {"hdjl", "咨询", "/hdjl/zx"},           {"hdjl", "投诉", "/hdjl/ts"},       {"hdjl", "我要写信", "/hdjl/write"},
    {"hdjl", "在线查询", "/zxcx"},
};

static const struct nav_entry nav_zwgk[] = {
    {"zwgk", "信息公开专栏", "/column/gkml"},
    {"zwgk", "信息公开目录", "/gkml"},
    {"zwgk", "政府信息公开", "/zfxxgk"},
    {"zwgk", "政府信息公开指南", "/zfxxgk/zn"},
    {"zwgk", "政府信息公开年报", "/zfxxgk/nb"},
};

static bool path_under(const char *path, const char *href)
{
    size_t n = strlen(href);
    if (strcmp(href, "/") == 0)
        return strcmp(path, "/") == 0;
    return strncmp(path, href, n) == 0 && (path[n] == 0 || path[n] == '/');
}

static json_t *nav_link(const char *name, const char *href, bool current)
{
    json_t *o = json_object();
    view_set(o, "name", name);
    view_set(o, "href", href);
    view_set_bool(o, "current", current);
    return o;
}

void nav_add(struct request *req, json_t *ctx, const char *section)
{
    struct portal *p = req->app;
    json_t *nav = json_array();
    for (size_t i = 0; i < sizeof nav_main / sizeof nav_main[0]; i++)
        json_array_append_new(nav, nav_link(nav_main[i].name, nav_main[i].href,
                                            section && strcmp(section, nav_main[i].section) == 0));
    json_object_set_new(ctx, "nav", nav);
    if (!section)
        return;
    /* The current section's own entries as a second row. */
    json_t *sub = json_array();
    if (strcmp(section, "zwgk") == 0 || strcmp(section, "hdjl") == 0) {
        bool zwgk = strcmp(section, "zwgk") == 0;
        const struct nav_entry *rows = zwgk ? nav_zwgk : nav_hdjl;
        size_t n = zwgk ? sizeof nav_zwgk / sizeof nav_zwgk[0] : sizeof nav_hdjl / sizeof nav_hdjl[0];
        const struct nav_entry *best = NULL;
        for (size_t i = 0; i < n; i++)
            if (path_under(req->path, rows[i].href) && (!best || strlen(rows[i].href) > strlen(best->href)))
                best = &rows[i];
        for (size_t i = 0; i < n; i++)
            json_array_append_new(sub, nav_link(rows[i].name, rows[i].href, best == &rows[i]));
    } else if (strcmp(section, "bmfw") == 0 || strcmp(section, "qyzc") == 0) {
        const struct portal_column *kids[32];
        size_t n = columns_children(p, section, kids, 32);
        for (size_t i = 0; i < n && i < 32; i++) {
            const char *href = url_column(req, kids[i]->slug);
            json_array_append_new(sub, nav_link(kids[i]->name, href, path_under(req->path, href)));
        }
    }
    if (json_array_size(sub))
        json_object_set_new(ctx, "subnav", sub);
    else
        json_decref(sub);
}
