/* Publishing a reply with the applicant's personal data removed (issue 9 item 7).
 * Applications are never public; what may be, once replied, is the reply itself: the
 * handlers of the owning agency turn it into a draft item (app_make_draft), which an editor
 * finishes and a reviewer approves like any other (separation of duties). The form starts
 * from the reply letter with the applicant's name shown as 某 (张某) and identity numbers,
 * telephone numbers and e-mail addresses masked; a text that still holds any of them (the
 * detectors of domain/message_rules.h, and the applicant's own details literally) is
 * refused beside its field and kept as typed. */
#include "domain/message_rules.h"
#include "records/item_form.h"
#include "store/store_applications.h"
#include "util/xalloc.h"
#include "web/admin/applications.h"
#include "web/admin/form.h"
#include "web/admin/item_internal.h"
#include "web/admin/render.h"
#include "web/columns.h"
#include "web/fail.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PUBLISH_TOKEN_FMT "reply-%s" /* one draft per application: a double submit finds it */
#define PUBLISH_COLUMN "zfxxgk/fdzdgknr"

/* May A publish R's reply: R replied, A a handler or admin of its agency. */
static bool may_publish(const struct admin *a, const struct application_rec *r)
{
    return r->outcome && r->closed != NO_DATE && admin_has(a, ROLE_HANDLER | ROLE_ADMIN) && a->staff.agency[0] &&
           strcmp(a->staff.agency, r->agency) == 0;
}

/* TEXT with every occurrence of WHAT (when at least 2 bytes) replaced by WITH. malloc'd. */
static char *replace_all(const char *text, const char *what, const char *with)
{
    size_t n = what ? strlen(what) : 0;
    if (n < 2)
        return xstrdup(text);
    size_t count = 0;
    for (const char *p = strstr(text, what); p; p = strstr(p + n, what))
        count++;
    char *out = xmalloc(strlen(text) + count * strlen(with) + 1), *o = out;
    for (const char *p = text;;) {
        const char *hit = strstr(p, what);
        size_t keep = hit ? (size_t)(hit - p) : strlen(p);
        memcpy(o, p, keep);
        o += keep;
        if (!hit)
            break;
        memcpy(o, with, strlen(with));
        o += strlen(with);
        p = hit + n;
    }
    *o = '\0';
    return out;
}

/* Whether NAME is longer than its first character (a one-character name is not looked
 * for in a text: it would match every word that starts with it). */
static bool name_searchable(const char *name)
{
    char *masked = name ? msg_mask_name(name) : NULL; /* the first character and 某 */
    bool longer = masked && strlen(name) + strlen("某") > strlen(masked);
    free(masked);
    return longer;
}

/* TEXT with WHO's name as 某 and WHO's numbers and addresses removed, then every mobile
 * number, identity number and e-mail address masked. malloc'd. */
static char *scrub_for(const char *text, const struct applicant *who)
{
    char *masked = msg_mask_name(who->name);
    char *t = replace_all(text, name_searchable(who->name) ? who->name : NULL, masked);
    const char *drop[] = {who->id_no, who->phone, who->email, who->address};
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++) {
        char *next = replace_all(t, drop[i], "（已删除）");
        free(t);
        t = next;
    }
    char *out = msg_scrub_text(t);
    free(t);
    free(masked);
    return out;
}

/* The first of WHO's details that TEXT still holds, or a detector's finding: a Chinese
 * description, or NULL when TEXT is clean. */
static const char *personal_left(const char *text, const struct applicant *who)
{
    if (name_searchable(who->name) && strstr(text, who->name))
        return "申请人姓名（请改为“某”，如“张某”）";
    const char *numbers[] = {who->id_no, who->phone, who->email, who->address};
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
        if (numbers[i] && strlen(numbers[i]) >= 2 && strstr(text, numbers[i]))
            return "申请人的证件号码、电话、电子邮箱或地址";
    if (msg_has_personal_data(text))
        return "身份证号、手机号码或电子邮箱";
    return NULL;
}

struct reply_pick {
    char *body; /* the newest reply letter, issued ones first */
    bool issued;
};

static int pick_reply(const struct app_letter *l, void *ud)
{
    struct reply_pick *p = ud;
    if (strcmp(l->kind, "reply") != 0 || (p->issued && !l->issued_at))
        return 0;
    free(p->body);
    p->body = xstrdup(l->body);
    p->issued = l->issued_at != 0;
    return 0;
}

void app_publish_context(const struct admin *a, const struct application_rec *r, json_t *ctx)
{
    if (!may_publish(a, r))
        return;
    struct applicant who = {0};
    struct reply_pick pick = {0};
    char *err = NULL;
    if (store_application_applicant(a->s, r->id, true, &who, &err) != RES_OK ||
        store_letters_each(a->s, r->id, pick_reply, &pick, &err) != RES_OK) {
        free(err);
        free(pick.body);
        applicant_free(&who);
        return;
    }
    char token[200];
    long long item_id = 0;
    snprintf(token, sizeof token, PUBLISH_TOKEN_FMT, r->id);
    res_t done = store_item_by_token(a->s, token, &item_id, &err);
    if (done != RES_NOT_FOUND) { /* made already (the editors take it from there), or unreadable */
        if (done == RES_OK) {
            json_t *d = json_object();
            if (items_may_open(a))
                json_object_set_new(d, "href", json_sprintf("/admin/items/%lld", item_id));
            json_object_set_new(ctx, "published_draft", d);
        }
        free(err);
        free(pick.body);
        applicant_free(&who);
        return;
    }
    json_t *p = json_object();
    char *subject = scrub_for(r->subject ? r->subject : "", &who);
    char *title = xasprintf("关于“%s”的政府信息公开申请答复", subject);
    char *body = scrub_for(pick.body ? pick.body : "", &who);
    json_object_set_new(p, "title", json_string(title));
    json_object_set_new(p, "body", json_string(body));
    json_object_set_new(ctx, "publish", p);
    if (!json_object_get(ctx, "form_publish"))
        json_object_set_new(ctx, "form_publish", json_copy(p));
    free(subject);
    free(title);
    free(body);
    free(pick.body);
    applicant_free(&who);
}

/* Re-displays the page with MESSAGE beside FIELD of the publish form, the text kept. */
static void publish_refused(struct request *req, struct response *res, const struct admin *a,
                            const struct application_rec *r, const calendar_t *cal, const char *field,
                            const char *message)
{
    json_t *ctx = json_object();
    char *err = NULL;
    json_t *kept = json_object();
    json_object_set_new(kept, "title", json_string(form_text(req, "title")));
    json_object_set_new(kept, "body", json_string(req_form(req, "body") ? req_form(req, "body") : ""));
    json_object_set_new(ctx, "form_publish", kept);
    if (app_page_context(cal, r, date_today_cst(), ctx, &err) != RES_OK ||
        app_letters_context(a, r, ctx, &err) != RES_OK) {
        web_fail(req, res, RES_FAILED, err, NULL);
        json_decref(ctx);
        return;
    }
    app_publish_context(a, r, ctx);
    json_t *e = json_object();
    json_object_set_new(e, field, json_string(message));
    json_object_set_new(ctx, "err_publish", e);
    json_object_set_new(ctx, "title", json_sprintf("申请 %s", r->id));
    json_object_set_new(ctx, "section", json_string("applications"));
    admin_render(req, res, a, 422, "admin/application", ctx);
    json_decref(ctx);
}

static void ignore_error(void *ud, const char *field, const char *reason)
{
    (void)field, (void)reason;
    ++*(int *)ud;
}

void app_publish_reply(struct request *req, struct response *res, const struct admin *a,
                       const struct application_rec *r, const calendar_t *cal)
{
    if (!may_publish(a, r)) {
        json_t *ctx = json_object();
        json_object_set_new(ctx, "title", json_string(r->outcome ? "无权公开答复" : "尚未答复，不能公开"));
        admin_render(req, res, a, r->outcome ? 403 : 422, "admin/not_found", ctx);
        json_decref(ctx);
        return;
    }
    const char *title = form_text(req, "title"), *body = req_form(req, "body");
    if (!body)
        body = "";
    struct applicant who = {0};
    char *err = NULL;
    if (store_application_applicant(a->s, r->id, true, &who, &err) != RES_OK) {
        web_fail(req, res, RES_FAILED, err, NULL);
        return;
    }
    const char *left_t = personal_left(title, &who), *left_b = personal_left(body, &who);
    applicant_free(&who);
    if (!*title || !*body) {
        publish_refused(req, res, a, r, cal, *title ? "body" : "title", "此项必填");
        return;
    }
    if (left_t || left_b) {
        publish_refused(req, res, a, r, cal, left_t ? "title" : "body",
                        arena_printf(req->arena, "仍含有个人信息：%s，请删除后再提交", left_t ? left_t : left_b));
        return;
    }
    struct item_form f = {a->staff.agency, title, body, PUBLISH_COLUMN, "", "", "", "", "", ""};
    struct record rec;
    int problems = 0;
    item_form_check(&f, &rec, ignore_error, &problems);
    if (problems) {
        record_release(&rec);
        publish_refused(req, res, a, r, cal, "title", "标题或正文太长，或含有无法识别的字符");
        return;
    }
    char token[200], object[200];
    snprintf(token, sizeof token, PUBLISH_TOKEN_FMT, r->id);
    snprintf(object, sizeof object, "application:%s", r->id);
    json_t *after = json_object();
    json_object_set_new(after, "title", json_string(title));
    long long id = 0;
    store_portal_end_reads(a->s);
    res_t rc = app_make_draft(req, a, &rec.u.item, token, "application.publish_reply", object, after, &id, &err);
    record_release(&rec);
    if (rc != RES_OK) {
        web_fail(req, res, rc, err, NULL);
        return;
    }
    free(err);
    char *to = xasprintf("/admin/applications/%s?done=publish", r->id);
    form_redirect(res, to);
    free(to);
}
