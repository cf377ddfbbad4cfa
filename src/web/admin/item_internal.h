/* Shared by the workspace's item files (items.c, item_page.c): who acts, the audit hook's
 * context, messages, and the pages of one item. */
#ifndef GK_WEB_ADMIN_ITEM_INTERNAL_H
#define GK_WEB_ADMIN_ITEM_INTERNAL_H
#include "store/store_workflow.h"
#include "web/admin/session.h"
#include <jansson.h>

/* The form's fields kept on a re-display (every one but the CSRF token). */
extern const char *const item_form_fields[];

/* What the audit hook needs: the request and the account. */
struct item_audit_ctx {
    struct request *req;
    const struct admin *a;
    char roles[160];
};

/* A's account as the workflow's rules see it (ROLES holds the role names). */
void items_who(const struct admin *a, char roles[160], struct wf_who *who);
/* A's account as the store's changes see it, with the audit hook (admin_audit) wired to X. */
void items_actor(struct item_audit_ctx *x, struct request *req, const struct admin *a, struct wf_actor *actor);
/* Whether A may open the item pages at all: editor, reviewer or admin of an agency. */
bool items_may_open(const struct admin *a);

/* The Chinese of an import reason for FIELD (the form shows it beside the field). */
const char *items_reason_zh(struct request *req, const char *field, const char *reason);
/* A form error on CTX for FIELD, the message prefixed with the field's label ("标题：…"). */
void items_error(struct request *req, json_t *ctx, const char *field, const char *message);
/* A store refusal ("field: reason") as a form error on CTX. */
void items_refusal(struct request *req, json_t *ctx, const char *err);
/* The <select> of columns (CTX's "columns"), SELECTED marked. */
void items_column_options(struct request *req, json_t *ctx, const char *selected);
/* 403 with CTX (released). */
void items_forbidden(struct request *req, struct response *res, const struct admin *a, json_t *ctx);
/* The form for W (NULL: new) with CTX's errors and kept values (CTX borrowed). */
void items_render_form(struct request *req, struct response *res, const struct admin *a, const struct item_work *w,
                       json_t *ctx, int status);

/* item_page.c: the item's page (CTX: NULL, or errors of a refused action, borrowed), the
 * edit form, an action, the diff and the preview. */
void item_page(struct request *req, struct response *res, const struct admin *a, const struct item_work *w,
               json_t *ctx, int status);
void item_edit_form(struct request *req, struct response *res, const struct admin *a, const struct item_work *w);
void item_act(struct request *req, struct response *res, const struct admin *a, const struct item_work *w);
void item_diff(struct request *req, struct response *res, const struct admin *a, const struct item_work *w);
void item_preview(struct request *req, struct response *res, const struct item_work *w);

#endif
