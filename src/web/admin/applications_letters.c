/* The letters of an application in the workspace: drafted from the templates
 * (model/app_letters.h) by the handlers of the owning agency, edited while a draft, issued
 * once (then never changed), printed as a clean page (/admin/applications/ID?print=N).
 * Every change has its audit row. */
#include "model/app_letters.h"
#include "store/store_applications.h"
#include "util/date.h"
#include "util/xalloc.h"
#include "store/store_portal.h"
#include "web/admin/applications.h"
#include "web/admin/form.h"
#include "web/admin/render.h"
#include "web/fail.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct letters_walk {
    json_t *arr;
    const char *app_id;
    long long want; /* print: the letter asked for, else 0 */
    json_t *found;
};

static const char *kind_label(const char *code)
{
    int k = CODE_LOOKUP(letter_kinds, code);
    return k >= 0 ? letter_kinds[k].label : code;
}

static int take_letter(const struct app_letter *l, void *ud)
{
    struct letters_walk *w = ud;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(l->id));
    json_object_set_new(o, "kind", json_string(l->kind));
    json_object_set_new(o, "label", json_string(kind_label(l->kind)));
    json_object_set_new(o, "body", json_string(l->body));
    json_object_set_new(o, "issued", json_boolean(l->issued_at != 0));
    json_object_set_new(o, "issued_by", json_string(l->issued_by ? l->issued_by : ""));
    json_object_set_new(o, "print_href", json_sprintf("/admin/applications/%s?print=%lld", w->app_id, l->id));
    if (w->want == l->id)
        w->found = json_incref(o);
    json_array_append_new(w->arr, o);
    return 0;
}

res_t app_letters_context(const struct admin *a, const struct application_rec *r, json_t *ctx, char **err)
{
    struct letters_walk w = {.arr = json_array(), .app_id = r->id};
    json_object_set_new(ctx, "letters", w.arr);
    res_t rc = store_letters_each(a->s, r->id, take_letter, &w, err);
    json_t *kinds = json_array();
    for (int k = 0; k < LETTER_KIND_COUNT; k++) {
        if (!letter_event(r, (enum letter_kind)k))
            continue;
        json_t *o = json_object();
        json_object_set_new(o, "code", json_string(letter_kinds[k].code));
        json_object_set_new(o, "label", json_string(letter_kinds[k].label));
        json_array_append_new(kinds, o);
    }
    json_object_set_new(ctx, "letter_kinds", kinds);
    json_object_set_new(ctx, "may_write_letters", json_boolean(admin_has(a, ROLE_HANDLER) &&
                                                               strcmp(a->staff.agency, r->agency) == 0));
    return rc;
}

void app_letter_print(struct request *req, struct response *res, const struct admin *a,
                      const struct application_rec *r, long long id)
{
    char *err = NULL;
    struct letters_walk w = {.arr = json_array(), .app_id = r->id, .want = id};
    res_t rc = store_letters_each(a->s, r->id, take_letter, &w, &err);
    json_decref(w.arr);
    if (rc != RES_OK || !w.found) {
        web_fail(req, res, rc == RES_OK ? RES_NOT_FOUND : rc, err, NULL);
        json_decref(w.found);
        return;
    }
    json_t *ctx = json_object();
    json_object_set_new(ctx, "letter", w.found);
    json_object_set_new(ctx, "title", json_string(json_string_value(json_object_get(w.found, "label"))));
    admin_render(req, res, a, 200, "admin/letter_print", ctx);
    json_decref(ctx);
}

/* POST actions letter_draft (kind), letter_save (letter, body), letter_issue (letter). */
void app_letter_act(struct request *req, struct response *res, const struct admin *a,
                    const struct application_rec *r, const calendar_t *cal)
{
    const char *action = form_text(req, "action");
    char *err = NULL, *body = NULL, *after = NULL;
    struct agency ag = {0};
    struct applicant who = {0};
    bool have_ag = false, have_who = false;
    res_t rc = RES_OK;
    if (!admin_has(a, ROLE_HANDLER) || strcmp(a->staff.agency, r->agency) != 0) {
        json_t *ctx = json_object();
        json_object_set_new(ctx, "title", json_string("只有本机关的办理人员可以制作文书"));
        admin_render(req, res, a, 403, "admin/not_found", ctx);
        json_decref(ctx);
        return;
    }
    long long id = strtoll(form_text(req, "letter"), NULL, 10);
    const char *audit_action = NULL;
    if (strcmp(action, "letter_draft") == 0) {
        int k = CODE_LOOKUP(letter_kinds, form_text(req, "kind"));
        if (k < 0) {
            rc = RES_REFUSED;
            err = xstrdup("kind: 未知的文书种类");
            goto done;
        }
        rc = store_get_agency(a->s, r->agency, &ag, &err);
        have_ag = rc == RES_OK;
        if (rc == RES_OK)
            rc = store_application_applicant(a->s, r->id, true, &who, &err);
        have_who = have_ag && rc == RES_OK;
        if (rc != RES_OK)
            goto done;
        body = letter_draft(cal, r, (enum letter_kind)k, ag.name, who.name, date_today_cst(), &err);
        if (!body) {
            rc = RES_REFUSED;
            goto done;
        }
        id = 0;
        audit_action = "application.letter_draft";
        after = xasprintf("{\"kind\":\"%s\"}", letter_kinds[k].code);
    } else if (strcmp(action, "letter_save") == 0) {
        body = xstrdup(form_text(req, "body"));
        if (!*body || strlen(body) > 100000) {
            rc = RES_REFUSED;
            err = xstrdup("body: 文书内容不能为空，也不能超过10万字节");
            goto done;
        }
        audit_action = "application.letter_save";
    } else {
        audit_action = "application.letter_issue";
    }
    char object[200];
    snprintf(object, sizeof object, "application:%s", r->id);
    long long now = (long long)time(NULL);
    store_portal_end_reads(a->s);
    rc = store_begin(a->s, &err);
    if (rc == RES_OK)
        rc = strcmp(audit_action, "application.letter_issue") == 0
                 ? store_letter_issue(a->s, r->id, id, a->staff.login, now, &err)
                 : store_letter_put(a->s, r->id, &id, form_text(req, "kind"), body, a->staff.login, now, &err);
    if (rc == RES_OK) {
        if (!after)
            after = xasprintf("{\"letter\":%lld}", id);
        rc = admin_audit(req, a, audit_action, object, NULL, after, &err);
    }
    if (rc == RES_OK)
        rc = store_commit(a->s, &err);
    else
        store_rollback(a->s);
done:
    if (rc == RES_OK) {
        char *to = xasprintf("/admin/applications/%s?done=1#letter-%lld", r->id, id);
        form_redirect(res, to);
        free(to);
    } else {
        char *shown = rc == RES_REFUSED && err ? xstrdup(err) : NULL;
        web_fail(req, res, rc, err, shown); /* frees err */
        err = NULL;
        free(shown);
    }
    if (have_ag)
        agency_clear(&ag);
    if (have_who)
        applicant_free(&who);
    free(body);
    free(after);
    free(err);
}
