/* Draft items made from application work (issue 9 items 7 and 8): an Art. 44 proposal, or a
 * reply published with the applicant's personal data removed. The draft is created by the
 * editorial workflow's own store operation (store_item_create), so it is an ordinary draft
 * that an editor finishes and a reviewer approves; the application-side audit row is
 * written by the item's audit hook, inside the creation's transaction, and only when a
 * draft is really made (a repeated submit, answered by the one-time token, writes none). */
#include "store/store_workflow.h"
#include "web/admin/applications.h"
#include "web/admin/item_internal.h"
#include <stdio.h>
#include <stdlib.h>

struct draft_audit {
    struct item_audit_ctx x;
    item_audit_fn item_audit; /* the workflow's own record (item.create) */
    const char *action, *object;
    json_t *after;
};

static res_t audit_both(store_t *s, const struct item_change *c, void *ud, char **err)
{
    struct draft_audit *d = ud;
    res_t rc = d->item_audit(s, c, &d->x, err);
    if (rc != RES_OK)
        return rc;
    json_object_set_new(d->after, "item", json_string(c->ext_id ? c->ext_id : ""));
    json_object_set_new(d->after, "item_id", json_integer(c->item_id));
    char *after = json_dumps(d->after, JSON_COMPACT | JSON_SORT_KEYS);
    rc = admin_audit(d->x.req, d->x.a, d->action, d->object, NULL, after, err);
    free(after);
    return rc;
}

res_t app_make_draft(struct request *req, const struct admin *a, const struct item_rec *rec, const char *token,
                     const char *action, const char *object, json_t *after, long long *id, char **err)
{
    struct draft_audit d = {.action = action, .object = object, .after = after};
    struct wf_actor actor;
    items_actor(&d.x, req, a, &actor);
    d.item_audit = actor.audit;
    actor.audit = audit_both;
    actor.audit_ud = &d;
    /* The workflow lets editors create items; turning application work into a draft is the
     * one other way a draft comes into being, so this call alone adds the editor's right to
     * create. It stays a draft: submitting, approving and publishing remain the editors' and
     * reviewers', and whoever saved it may not approve it (separation of duties). */
    char roles[200];
    snprintf(roles, sizeof roles, "%s%seditor", d.x.roles, d.x.roles[0] ? "," : "");
    actor.who.roles = roles;
    res_t rc = store_item_create(a->s, &actor, rec, token, id, err);
    json_decref(after);
    return rc;
}
