/* /admin/applications/new: staff intake of an application received in person, by post,
 * by fax or by e-mail, with the date of receipt fixed by Regulation Art. 31 for its
 * channel (workspace-conventions "Dates people are held to"):
 *   in person            → the day it was handed in;
 *   post signed for      → the day the agency signed for it;
 *   ordinary letter      → the day the office confirmed with the applicant (it must do so
 *                          the day the letter arrives: a later confirmation is refused);
 *   fax, e-mail          → the day both sides confirmed receipt.
 * The applicant's identity number and credit code are checked by their check characters
 * (domain/idcheck.h); the store allocates the 受理编号. */
#include "domain/idcheck.h"
#include "store/store_applications.h"
#include "store/store_holidays.h"
#include "util/date.h"
#include "util/xalloc.h"
#include "store/store_portal.h"
#include "web/admin/applications.h"
#include "web/applicant_form.h"
#include "web/admin/form.h"
#include "web/admin/render.h"
#include "web/fail.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FORM_ONCE_MAX_AGE_S (24 * 3600)

static const struct {
    const char *code, *label, *date_label, *note;
    enum app_channel channel;
} channels[] = {
    {"in_person", "当面提交", "提交日期", "当面提交，以提交之日为收到申请之日", APP_CHANNEL_IN_PERSON},
    {"letter_signed", "邮寄（需签收）", "签收日期", "以邮寄方式提交、需要签收，以签收之日为收到申请之日", APP_CHANNEL_LETTER},
    {"letter_ordinary", "平常信函", "与申请人确认日期", "平常信函，以与申请人确认之日为收到申请之日", APP_CHANNEL_LETTER},
    {"fax", "传真", "双方确认日期", "以传真方式提交，以双方确认之日为收到申请之日", APP_CHANNEL_FAX},
    {"email", "电子邮件", "双方确认日期", "以电子邮件方式提交，以双方确认之日为收到申请之日", APP_CHANNEL_EMAIL},
};

static const char *const kept[] = {"channel", "receipt", "arrived", NULL};

static json_t *options(const char *chosen)
{
    json_t *a = json_array();
    for (size_t i = 0; i < sizeof channels / sizeof channels[0]; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "code", json_string(channels[i].code));
        json_object_set_new(o, "label", json_string(channels[i].label));
        json_object_set_new(o, "date_label", json_string(channels[i].date_label));
        json_object_set_new(o, "selected", json_boolean(chosen && strcmp(chosen, channels[i].code) == 0));
        json_array_append_new(a, o);
    }
    return a;
}

static void show_form(struct request *req, struct response *res, const struct admin *a, json_t *ctx, int status)
{
    json_object_set_new(ctx, "channels", options(form_text(req, "channel")));
    json_object_set_new(ctx, "types", applicant_type_options(form_text(req, "applicant_type")));
    json_object_set_new(ctx, "title", json_string("登记依申请公开申请"));
    json_object_set_new(ctx, "section", json_string("applications"));
    char token[33], *err = NULL;
    store_portal_end_reads(a->s);
    if (applicant_once_new(a->s, token, &err) != RES_OK) {
        web_fail(req, res, RES_FAILED, err, NULL);
        return;
    }
    json_object_set_new(ctx, "once", json_string(token));
    admin_render(req, res, a, status, "admin/application_new", ctx);
}

void admin_application_new(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, ROLE_HANDLER | ROLE_ADMIN, &a))
        return;
    store_portal_end_reads(a.s); /* no read snapshot left over from an earlier request */
    json_t *ctx = json_object();
    show_form(req, res, &a, ctx, 200);
    json_decref(ctx);
}

/* A date field: not in the future, inside the calendar. */
static bool date_field(json_t *ctx, const struct request *req, const char *name, const calendar_t *cal, gk_date *out)
{
    if (!date_parse(form_text(req, name), out)) {
        form_error(ctx, name, "请填写日期（年-月-日）。");
        return false;
    }
    if (*out > date_today_cst()) {
        form_error(ctx, name, "日期不能晚于今天。");
        return false;
    }
    if (!calendar_covers(cal, *out)) {
        form_error(ctx, name, "日期超出日历范围。");
        return false;
    }
    return true;
}

void admin_application_new_post(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, ROLE_HANDLER | ROLE_ADMIN, &a))
        return;
    store_portal_end_reads(a.s); /* no read snapshot left over from an earlier request */
    json_t *ctx = json_object();
    calendar_t *cal = NULL;
    char *err = NULL, *id = NULL, *after = NULL;
    struct applicant_form af = {0};
    char once[65], *existing = NULL;
    int state = 0;
    applicant_once_hash(form_text(req, "once"), once);
    if (store_form_token_take(a.s, once, (long long)time(NULL), FORM_ONCE_MAX_AGE_S, NULL, &state, &existing, &err) != RES_OK) {
        web_fail(req, res, RES_FAILED, err, NULL);
        err = NULL;
        goto out;
    }
    if (state == 2) { /* the same form sent again: the application it made */
        char *to = xasprintf("/admin/applications/%s", existing);
        form_redirect(res, to);
        free(to);
        goto out;
    }
    if (state == 0) {
        form_error(ctx, "channel", "表单已失效（超过一天或已提交过），请核对后重新提交。");
        goto invalid;
    }
    if (!a.staff.agency[0]) {
        form_error(ctx, "channel", "平台管理员不属于任何机关，不能登记申请。");
        goto invalid;
    }
    res_t rc = store_load_calendar(a.s, &cal, &err);
    if (rc != RES_OK) {
        web_fail(req, res, rc, err, NULL);
        err = NULL;
        goto out;
    }
    int ch = -1;
    for (size_t i = 0; i < sizeof channels / sizeof channels[0]; i++)
        if (strcmp(form_text(req, "channel"), channels[i].code) == 0)
            ch = (int)i;
    if (ch < 0)
        form_error(ctx, "channel", "请选择申请方式。");
    gk_date receipt = NO_DATE, arrived = NO_DATE;
    bool have_receipt = date_field(ctx, req, "receipt", cal, &receipt);
    if (ch >= 0 && strcmp(channels[ch].code, "letter_ordinary") == 0 &&
        date_field(ctx, req, "arrived", cal, &arrived) && have_receipt && arrived != receipt)
        form_error(ctx, "receipt", "平常信函应当在收到当日与申请人确认（条例第三十一条）；确认日期与收到日期不一致。");
    applicant_form_read(req, ctx, date_today_cst(), &af);
    if (form_has_errors(ctx))
        goto invalid;

    struct application_rec r = {.agency = a.staff.agency, .applicant_type = (enum applicant_type)af.type,
                                .channel = channels[ch].channel, .has_channel = true, .received = receipt,
                                .closed = NO_DATE, .fee_notice_fen = -1, .fee_paid_fen = -1, .subject = af.subject};
    struct applicant who = af.who;
    who.receipt_note = channels[ch].note;
    char prefix[160], d[DATE_STR_SIZE];
    snprintf(prefix, sizeof prefix, "%s-%.4s-", a.staff.agency, date_format(receipt, d));
    store_portal_end_reads(a.s);
    rc = store_begin(a.s, &err);
    if (rc == RES_OK)
        rc = store_application_intake(a.s, &r, &who, prefix, &id, &err);
    if (rc == RES_OK) { /* the form's token, inside the transaction: a concurrent resend finds it used */
        free(existing);
        existing = NULL;
        rc = store_form_token_take(a.s, once, (long long)time(NULL), FORM_ONCE_MAX_AGE_S, id, &state, &existing, &err);
        if (rc == RES_OK && state != 1)
            rc = RES_REFUSED, err = xstrdup("once: 表单已提交过");
    }
    if (rc == RES_OK) {
        char object[200];
        snprintf(object, sizeof object, "application:%s", id);
        /* no personal data in the audit row */
        after = xasprintf("{\"channel\":\"%s\",\"received\":\"%s\"}", channels[ch].code, d);
        rc = admin_audit(req, &a, "application.received", object, NULL, after, &err);
    }
    if (rc == RES_OK)
        rc = store_commit(a.s, &err);
    if (rc != RES_OK) {
        store_rollback(a.s);
        web_fail(req, res, rc, err, NULL);
        err = NULL;
        goto out;
    }
    char *to = xasprintf("/admin/applications/%s?done=1", id);
    form_redirect(res, to);
    free(to);
    goto out;
invalid:
    form_keep(ctx, req, kept);
    form_keep(ctx, req, applicant_form_fields);
    show_form(req, res, &a, ctx, 422);
out:
    free(existing);
    applicant_form_free(&af);
    calendar_free(cal);
    free(err);
    free(id);
    free(after);
    json_decref(ctx);
}
