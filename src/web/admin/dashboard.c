/* /admin/: the workspace's first page — who is logged in and what their roles open. The
 * editorial, application and report parts add their summaries here as they come. */
#include "web/admin/pages.h"
#include "web/admin/messages.h"
#include "web/admin/render.h"
#include "web/admin/applications.h" /* the applications block (issue 9) */
#include <jansson.h>

void admin_dashboard(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, ADMIN_ANY_ROLE, &a))
        return;
    json_t *ctx = json_object();
    json_object_set_new(ctx, "title", json_string("工作台"));
    json_object_set_new(ctx, "section", json_string("home"));
    admin_messages_summary(req, &a, ctx); /* messages: new, due, overdue (issue 10) */
    app_dashboard_block(&a, ctx); /* applications due soon and overdue (issue 9) */
    app_repeats_block(req, &a, ctx);   /* repeat requests: proposals to disclose proactively (Art. 44) */
    admin_render(req, res, &a, 200, "admin/dashboard", ctx);
    json_decref(ctx);
}

/* Any other /admin path: a session is needed even to learn that it names nothing. */
void admin_not_found(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, ADMIN_ANY_ROLE, &a))
        return;
    json_t *ctx = json_object();
    json_object_set_new(ctx, "title", json_string("页面不存在"));
    admin_render(req, res, &a, 404, "admin/not_found", ctx);
    json_decref(ctx);
}
