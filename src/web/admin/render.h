/* The workspace's pages: its own layout (assets/templates/admin/layout.mustache), Chinese
 * labels, never cached, never indexed. */
#ifndef GK_WEB_ADMIN_RENDER_H
#define GK_WEB_ADMIN_RENDER_H
#include "web/admin/session.h"
#include <jansson.h>

/* Renders assets/templates/admin/NAME.mustache (which extends admin/layout:
 * {{<admin/layout}}{{$main}}…{{/main}}{{/admin/layout}}) with CTX as RES's body, status
 * STATUS, Cache-Control no-store, X-Robots-Tag noindex. Adds to CTX: site_name, nonce, and
 * for a logged-in A (NULL on the login page): staff {login, agency, roles_zh}, csrf, nav
 * [{href, label, current}] (the workspace's pages that A's roles may open). Keys a handler
 * sets: title (the page's heading and <title>), section (the nav entry to mark current),
 * notice (a line shown once at the top), and whatever its template reads. CTX is borrowed. */
void admin_render(struct request *req, struct response *res, const struct admin *a, int status, const char *name,
                  json_t *ctx);

#endif
