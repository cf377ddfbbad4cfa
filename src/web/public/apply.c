/* 依申请公开 on the portal, no account needed:
 *   /ysqgk     the application form (Regulation Art. 29). Each form carries a one-time
 *              token: the first POST with it creates the application, a replay or a double
 *              click shows the same 受理编号 again and creates nothing. On success the
 *              applicant reads the 受理编号 and a query code, shown once (only its SHA-256
 *              is stored). Submissions are limited per client address.
 *   /ysqgk/cx  the status lookup by 受理编号 + query code (POST, so neither lands in a log
 *              or the history). A wrong code, an unknown number and a malformed one get the
 *              same answer; failed lookups are limited per client address.
 * Nothing here shows the applicant's personal data. */
#include "model/app_clock.h"
#include "store/store_applications.h"
#include "store/store_holidays.h"
#include "store/store_portal.h"
#include "util/xalloc.h"
#include "web/admin/form.h"
#include "web/applicant_form.h"
#include "web/public/pages.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define APPLY_MAX_PER_HOUR 5     /* applications from one address per hour */
#define LOOKUP_MAX_FAILURES 10   /* failed lookups from one address per 15 minutes */
#define LOOKUP_WINDOW_S (15 * 60)
#define FORM_MAX_AGE_S (24 * 3600)
#define CODE_LEN 10

static const char code_alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"; /* no 0/O, 1/I/L */

static void sha256_hex(const char *s, char out[65])
{
    unsigned char d[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(d, (const unsigned char *)s, strlen(s));
    sodium_bin2hex(out, 65, d, sizeof d);
}

static void random_text(char *out, size_t len, const char *alphabet)
{
    size_t n = strlen(alphabet);
    for (size_t i = 0; i < len; i++)
        out[i] = alphabet[randombytes_uniform((uint32_t)n)];
    out[len] = '\0';
}

/* A fresh one-time token in CTX "token" (its hash stored). False when answered (500). */
static bool new_token(struct page *pg)
{
    char token[33], *err = NULL;
    store_portal_end_reads(pg->s); /* the agency list's reads must not pin an old snapshot */
    res_t rc = applicant_once_new(pg->s, token, &err);
    if (rc != RES_OK) {
        page_fail(pg, rc, err);
        return false;
    }
    view_set(pg->ctx, "token", token);
    return true;
}

/* Renders the form (STATUS 200 or 422) with a fresh token. */
static void show_form(struct page *pg, int status)
{
    struct agency_list l = {0};
    if (!agencies_load(pg, &l))
        return;
    json_object_set_new(pg->ctx, "agencies", agencies_options(&l, form_text(pg->req, "agency")));
    agencies_free(&l);
    json_object_set_new(pg->ctx, "types", applicant_type_options(form_text(pg->req, "applicant_type")));
    if (!new_token(pg))
        return;
    view_set(pg->ctx, "title", "政府信息公开申请");
    view_crumbs_here(pg->ctx, "政府信息公开申请");
    res_cache(pg->res, "no-store");
    if (status != 200)
        res_status(pg->res, status);
    page_render(pg, "apply");
}

void page_apply(struct request *req, struct response *res)
{
    struct page pg;
    if (!page_begin(&pg, req, res))
        return;
    store_portal_end_reads(pg.s); /* no read snapshot left over from an earlier request */
    show_form(&pg, 200);
}

static void show_done(struct page *pg, const char *number, const char *code)
{
    view_set(pg->ctx, "number", number);
    view_set_opt(pg->ctx, "code", code);
    view_set(pg->ctx, "title", "申请已提交");
    view_crumbs_here(pg->ctx, "申请已提交");
    res_cache(pg->res, "no-store");
    page_render(pg, "apply_done");
}

void page_apply_post(struct request *req, struct response *res)
{
    struct page pg;
    if (!page_begin(&pg, req, res))
        return;
    store_portal_end_reads(pg.s); /* no read snapshot left over from an earlier request */
    char *err = NULL, *existing = NULL, *id = NULL;
    struct applicant_form af = {0};
    long long now = (long long)time(NULL), n = 0;
    char hash[65];
    applicant_once_hash(form_text(req, "token"), hash);
    int state = 0;
    res_t rc = store_form_token_take(pg.s, hash, now, FORM_MAX_AGE_S, NULL, &state, &existing, &err);
    if (rc != RES_OK)
        goto failed;
    if (state == 2) { /* a replay or a double click: the application it made, nothing new */
        show_done(&pg, existing, NULL);
        goto out;
    }
    if (state == 0) {
        form_error(pg.ctx, "agency", "表单已失效（超过一天或已被使用），请核对后重新提交。");
        form_keep(pg.ctx, req, applicant_form_fields);
        show_form(&pg, 422);
        goto out;
    }
    rc = store_public_attempt_count(pg.s, "apply", req->client_ip, now - 3600, &n, &err);
    if (rc != RES_OK)
        goto failed;
    if (n >= APPLY_MAX_PER_HOUR) {
        res_header(res, "Retry-After", "3600");
        page_error(&pg, 429, "提交过于频繁，请一小时后再试。");
        goto out;
    }
    gk_date today = date_today_cst();
    applicant_form_read(req, pg.ctx, today, &af);
    const char *agency = form_text(req, "agency");
    struct agency ag = {0};
    if (!*agency || store_get_agency(pg.s, agency, &ag, &err) != RES_OK) {
        free(err);
        err = NULL;
        form_error(pg.ctx, "agency", "请选择受理机关。");
    }
    agency_clear(&ag);
    const char *form_wanted = form_text(req, "form_wanted"), *delivery = form_text(req, "delivery");
    if (strlen(form_wanted) > 100 || strlen(delivery) > 100)
        form_error(pg.ctx, "delivery", "所需信息的提供形式或获取方式过长。");
    if (form_has_errors(pg.ctx)) {
        static const char *const more[] = {"agency", "form_wanted", "delivery", NULL};
        form_keep(pg.ctx, req, applicant_form_fields);
        form_keep(pg.ctx, req, more);
        /* the corrected form gets a fresh token; the first one stays unused */
        show_form(&pg, 422);
        goto out;
    }
    char code[CODE_LEN + 1], code_hash[65], prefix[160], d[DATE_STR_SIZE];
    random_text(code, CODE_LEN, code_alphabet);
    sha256_hex(code, code_hash);
    char *subject = *form_wanted || *delivery
                        ? xasprintf("%s（提供形式：%s；获取方式：%s）", af.subject, *form_wanted ? form_wanted : "不限",
                                    *delivery ? delivery : "不限")
                        : xstrdup(af.subject);
    struct application_rec r = {.agency = agency, .applicant_type = (enum applicant_type)af.type,
                                .channel = APP_CHANNEL_ONLINE, .has_channel = true, .received = today,
                                .closed = NO_DATE, .fee_notice_fen = -1, .fee_paid_fen = -1, .subject = subject};
    struct applicant who = af.who;
    who.receipt_note = "通过网站在线提交，以系统确认收到之日为收到申请之日（条例第三十一条）";
    who.query_hash = code_hash;
    snprintf(prefix, sizeof prefix, "%s-%.4s-", agency, date_format(today, d));
    store_portal_end_reads(pg.s);
    rc = store_begin(pg.s, &err);
    if (rc == RES_OK)
        rc = store_application_intake(pg.s, &r, &who, prefix, &id, &err);
    if (rc == RES_OK) /* inside the transaction: a concurrent replay finds it used */
        rc = store_form_token_take(pg.s, hash, now, FORM_MAX_AGE_S, id, &state, &existing, &err);
    if (rc == RES_OK && state != 1) {
        store_rollback(pg.s);
        free(subject);
        show_done(&pg, existing ? existing : "", NULL);
        goto out;
    }
    if (rc == RES_OK)
        rc = store_public_attempt_add(pg.s, "apply", req->client_ip, now, &err);
    if (rc == RES_OK)
        rc = store_commit(pg.s, &err);
    free(subject);
    if (rc != RES_OK) {
        store_rollback(pg.s);
        goto failed;
    }
    show_done(&pg, id, code);
    goto out;
failed:
    page_fail(&pg, rc, err);
    err = NULL;
out:
    applicant_form_free(&af);
    free(existing);
    free(id);
    free(err);
}

/* ---- the status lookup ---- */

void page_apply_status(struct request *req, struct response *res)
{
    struct page pg;
    if (!page_begin(&pg, req, res))
        return;
    store_portal_end_reads(pg.s); /* no read snapshot left over from an earlier request */
    view_set(pg.ctx, "title", "依申请公开办理进度查询");
    view_crumbs_here(pg.ctx, "办理进度查询");
    res_cache(res, "no-store");
    page_render(&pg, "apply_status");
}

/* The public view of R: status, due date, the steps (no personal data). */
static bool status_context(struct page *pg, const struct application_rec *r, char **err)
{
    calendar_t *cal = NULL;
    struct app_clock c;
    if (store_load_calendar(pg->s, &cal, err) != RES_OK)
        return false;
    res_t rc = application_clock(cal, r, date_today_cst(), &c, NULL, err);
    calendar_free(cal);
    if (rc != RES_OK)
        return false;
    char d[DATE_STR_SIZE];
    json_t *o = json_object();
    view_set(o, "number", r->id);
    view_set(o, "received", date_format(r->received, d));
    view_set(o, "status", c.status);
    view_set(o, "status_label", c.status_label);
    if (c.due_known && !c.closed)
        view_set(o, "due", date_format(c.due, d));
    view_set_bool(o, "provisional", c.provisional);
    const struct outcome_info *oi = c.closed ? outcome_find(c.outcome) : NULL;
    if (oi)
        view_set(o, "outcome", oi->label);
    if (c.closed)
        view_set(o, "closed_on", date_format(c.closed_on, d));
    json_t *steps = json_array();
    for (size_t i = 0; i < r->nevents; i++) {
        const struct app_event *e = &r->events[i];
        json_t *s = json_object();
        view_set(s, "date", date_format(e->date, d));
        view_set(s, "label", event_kinds[e->kind].label);
        if (e->kind == EV_CORRECTION_REQUESTED && e->items)
            view_set(s, "detail", e->items);
        if (e->kind == EV_REPLIED && outcome_find(e->outcome))
            view_set(s, "detail", outcome_find(e->outcome)->label);
        json_array_append_new(steps, s);
    }
    json_object_set_new(o, "steps", steps);
    json_object_set_new(pg->ctx, "found", o);
    return true;
}

void page_apply_status_post(struct request *req, struct response *res)
{
    struct page pg;
    if (!page_begin(&pg, req, res))
        return;
    store_portal_end_reads(pg.s); /* no read snapshot left over from an earlier request */
    res_cache(res, "no-store");
    char *err = NULL, *stored = NULL;
    long long now = (long long)time(NULL), fails = 0;
    struct application_rec r = {0};
    bool have = false;
    res_t rc = store_public_attempt_count(pg.s, "lookup", req->client_ip, now - LOOKUP_WINDOW_S, &fails, &err);
    if (rc != RES_OK)
        goto failed;
    if (fails >= LOOKUP_MAX_FAILURES) {
        res_header(res, "Retry-After", "900");
        page_error(&pg, 429, "查询失败次数过多，请15分钟后再试。");
        goto out;
    }
    const char *number = form_text(req, "number");
    char code[64] = "", given[65];
    snprintf(code, sizeof code, "%s", form_text(req, "code"));
    for (char *p = code; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    sha256_hex(code, given);
    bool match = false;
    if (*number && strlen(number) < 128) {
        rc = store_application_query_hash(pg.s, number, &stored, &err);
        if (rc == RES_FAILED)
            goto failed;
        free(err);
        err = NULL;
        /* compare in constant time whether or not the number exists */
        match = stored && strlen(stored) == 64 && sodium_memcmp(stored, given, 64) == 0 && *code;
    }
    if (match) {
        rc = store_get_application(pg.s, number, &r, &err);
        have = rc == RES_OK;
        if (rc != RES_OK || !status_context(&pg, &r, &err))
            goto failed;
    } else {
        rc = store_public_attempt_add(pg.s, "lookup", req->client_ip, now, &err);
        if (rc != RES_OK)
            goto failed;
        view_set(pg.ctx, "not_found", "没有找到与该受理编号和查询码相符的申请，请核对后重试。");
        form_keep(pg.ctx, req, (const char *const[]){"number", NULL});
        res_status(res, 404);
    }
    view_set(pg.ctx, "title", "依申请公开办理进度查询");
    view_crumbs_here(pg.ctx, "办理进度查询");
    page_render(&pg, "apply_status");
    goto out;
failed:
    page_fail(&pg, rc == RES_OK ? RES_FAILED : rc, err);
    err = NULL;
out:
    if (have)
        application_rec_free(&r);
    free(stored);
    free(err);
}
