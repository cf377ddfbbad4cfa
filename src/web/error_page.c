/* The portal's error page (portal.h): the server's error_page hook and what web_fail
 * answers with. */
#include "web/layout.h"
#include "web/view.h"

void portal_error_page(struct request *req, struct response *res, int status, const char *detail)
{
    res_status(res, status);
    res->etag_auto = false;
    json_t *ctx = json_object();
    const char *zh = res_status_text_zh(status);
    const char *heading;
    switch (status) {
    case 404: heading = "您访问的页面不存在"; break;
    case 400: heading = "请求的地址或参数有误"; break;
    case 405: heading = "不支持这种访问方式"; break;
    case 500: heading = "服务器出现内部错误"; break;
    case 503: heading = "服务暂时不可用"; break;
    default: heading = *zh ? zh : "访问出错"; break;
    }
    char *title = arena_printf(req->arena, "%d %s", status, *zh ? zh : res_status_text(status));
    view_set(ctx, "title", title);
    view_set(ctx, "heading", heading);
    view_set_int(ctx, "status", status);
    view_set_bool(ctx, "not_found", status == 404);
    view_set_opt(ctx, "detail", detail);
    /* What was asked for, shown back (escaped by the template). */
    view_set(ctx, "path", req->path);
    view_set_bool(ctx, "noindex", true);
    const char *q = req_query(req, "q");
    view_set_opt(ctx, "q", q);
    json_t *ms = json_object();
    view_set(ms, "searchbox_id", "-main");
    view_set(ms, "searchbox_label", "搜索要找的信息");
    json_object_set_new(ctx, "main_search", ms);
    json_t *crumbs = json_array();
    view_crumb(crumbs, *zh ? zh : "出错", NULL);
    json_object_set_new(ctx, "crumbs", crumbs);
    res_type(res, "text/html; charset=utf-8");
    res_header_set(res, "Vary", "Cookie");
    res_cache(res, "no-cache");
    layout_render(req, res, "error", ctx);
    res->status = status;
    json_decref(ctx);
}
