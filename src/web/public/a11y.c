/* 适老化 and 无障碍: the 长者模式 switch and the page that explains it.
 *
 * The switch works without JavaScript: GET /mode?to=elder&back=<path> sets the cookie
 * gk_mode=elder (a year) and redirects back; to=standard clears it. Every page then
 * carries <html class="elder"> (larger type, higher contrast, bigger targets: site.css),
 * and says Vary: Cookie. */
#include "web/public/pages.h"
#include <string.h>

/* A local path to go back to: "/…" but not "//…" (another host) nor "/\…"; no control
 * characters. Anything else goes home. */
static const char *safe_back(const char *back)
{
    if (!back || back[0] != '/' || back[1] == '/' || back[1] == '\\')
        return "/";
    for (const unsigned char *p = (const unsigned char *)back; *p; p++)
        if (*p < 0x20 || *p == 0x7F || *p == '\\')
            return "/";
    if (strlen(back) > 2000)
        return "/";
    return back;
}

void page_mode(struct request *req, struct response *res)
{
    const char *to = req_query(req, "to");
    if (!to || (strcmp(to, "elder") && strcmp(to, "standard"))) {
        portal_error_page(req, res, 400, "请选择“长者模式”或“标准模式”。");
        return;
    }
    bool elder = strcmp(to, "elder") == 0;
    res_header(res, "Set-Cookie", elder ? "gk_mode=elder; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly"
                                        : "gk_mode=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly");
    /* The target stays a path on this site; res_redirect re-encodes what came decoded. */
    res_redirect(res, 303, safe_back(req_query(req, "back")));
    res_cache(res, "no-store");
}

void page_a11y(struct request *req, struct response *res)
{
    json_t *ctx = json_object();
    view_set(ctx, "title", "无障碍说明");
    view_crumbs_here(ctx, "无障碍说明");
    layout_page(req, res, "wza", ctx);
    json_decref(ctx);
}
