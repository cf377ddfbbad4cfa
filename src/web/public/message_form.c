/* 我要写信: the public form of messages (issue 10 items 1 and 3).
 *
 *   GET  /hdjl/write        the form, with a one-time token and its arithmetic question
 *   POST /hdjl/write        checks, throttles, stores; 303 to /hdjl/write/done
 *   GET  /hdjl/write/done   the number and the query code, shown once
 *
 * On an error the form comes back (422) with a summary at the top linking to each field,
 * the message beside the field and what was typed kept, and a new question: a token is
 * spent by a wrong answer, so each question can be tried once. A submission over the rate
 * limits (per client address and per phone or e-mail, settings msg_submit_*) is answered 429
 * and nothing is stored. A message holding a sensitive word goes to moderation instead of
 * the handlers; the writer is told it was received either way.
 *
 * The query code is derived from the token's nonce with the server's secret
 * (pubform_code), so that a double click or a replay of the same form finds the message
 * the first request made (store_message_submit with the nonce) and shows the same number
 * and code, and the code is never stored. It reaches the result page in a short-lived
 * cookie limited to that path, never in a URL. */
#include "web/public/pages.h"
#include "records/message_due.h"
#include "store/store_messages.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "web/public_form.h"
#include "web/rate_limit.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DONE_COOKIE "gk_msg_done"

/* The fields, in the order of the form (and of the error summary). */
static const struct {
    const char *name, *label;
    size_t max_chars;
    bool required;
} fields[] = {
    {"kind", "留言类别", 0, true},    {"agency", "写给", 0, true},      {"subject", "标题", 50, true},
    {"body", "留言内容", 2000, true}, {"name", "姓名", 20, true},       {"phone", "手机或电话", 20, false},
    {"email", "电子邮箱", 100, false}, {"answer", "验证问题", 10, true},
};
#define NFIELDS (sizeof fields / sizeof fields[0])
enum { F_KIND, F_AGENCY, F_SUBJECT, F_BODY, F_NAME, F_PHONE, F_EMAIL, F_ANSWER }; /* indexes of fields[] */

static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The trimmed value of field NAME ("" when absent), in the request's arena. */
static const char *value(struct request *req, const char *name)
{
    const char *v = req_form(req, name);
    if (!v)
        return "";
    while (*v == ' ' || *v == '\t')
        v++;
    size_t n = strlen(v);
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\n' || v[n - 1] == '\r'))
        n--;
    return arena_strndup(req->arena, v, n);
}

static void add_error(json_t *ctx, const char *field, const char *message)
{
    json_t *errors = json_object_get(ctx, "errors"), *error = json_object_get(ctx, "error");
    if (json_object_get(error, field))
        return; /* the first problem of a field is the one to fix */
    json_t *o = json_object();
    view_set(o, "field", field);
    view_set(o, "message", message);
    json_array_append_new(errors, o);
    view_set(error, field, message);
}

static bool phone_ok(const char *s)
{
    size_t digits = 0;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (*p != '-' && *p != ' ')
            return false;
    }
    return digits >= 7 && digits <= 13;
}

static bool email_ok(const char *s)
{
    const char *at = strchr(s, '@');
    return at && at > s && !strchr(at + 1, '@') && strchr(at + 1, '.') && at[1] != '.' && !strpbrk(s, " <>\"'");
}

/* The form's keys: kinds and agencies with the chosen ones selected, a fresh question, and
 * what was typed (FORM, may be NULL). False when the page is answered (a database error). */
static bool form_keys(struct page *pg, json_t *form)
{
    struct request *req = pg->req;
    const char *kind = form ? json_string_value(json_object_get(form, "kind")) : req_query(req, "kind");
    const char *agency = form ? json_string_value(json_object_get(form, "agency")) : req_query(req, "agency");
    json_t *kinds = json_array();
    for (int k = 0; k < MSG_KIND_COUNT; k++) {
        json_t *o = json_object();
        view_set(o, "code", msg_kinds[k].code);
        view_set(o, "name", msg_kinds[k].name);
        view_set_bool(o, "selected", kind && strcmp(kind, msg_kinds[k].code) == 0);
        json_array_append_new(kinds, o);
    }
    json_object_set_new(pg->ctx, "kinds", kinds);
    struct agency_list al;
    if (!agencies_load(pg, &al))
        return false;
    json_object_set_new(pg->ctx, "agencies", agencies_options(&al, agency));
    agencies_free(&al);
    struct pubform_token t;
    char *err = NULL;
    res_t rc = pubform_issue(pg->s, &t, &err);
    if (rc) {
        page_fail(pg, rc, err);
        return false;
    }
    view_set(pg->ctx, "token", t.text);
    view_set(pg->ctx, "question", t.challenge.question);
    json_object_set_new(pg->ctx, "form", form ? json_incref(form) : json_object());
    view_set(pg->ctx, "title", "我要写信");
    view_set(pg->ctx, "section", "hdjl");
    json_t *crumbs = json_array();
    view_crumb(crumbs, "互动交流", "/hdjl");
    view_crumb(crumbs, "我要写信", NULL);
    json_object_set_new(pg->ctx, "crumbs", crumbs);
    return true;
}

/* Renders the form; the answer is personal to this visitor and this question: no cache. */
static void render_form(struct page *pg, int status)
{
    struct response *res = pg->res;
    res_status(res, status);
    page_render(pg, "hdjl_write");
    res_cache(res, "no-store");
}

void page_message_form(struct request *req, struct response *res)
{
    struct page pg;
    if (!page_begin(&pg, req, res))
        return;
    json_object_set_new(pg.ctx, "errors", json_array());
    json_object_set_new(pg.ctx, "error", json_object());
    if (form_keys(&pg, NULL))
        render_form(&pg, 200);
}

/* Now in China Standard Time, 'YYYY-MM-DD HH:MM:SS'. */
static void now_cst(char out[20])
{
    time_t t = time(NULL) + 8 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

static int collect_word(const char *word, void *ud)
{
    json_t *a = ud;
    json_array_append_new(a, json_string(word));
    return 0;
}

/* The sensitive word in the message, or NULL (copied into the arena). RES_FAILED on a
 * database error. */
static res_t sensitive(struct page *pg, const char *const *texts, size_t nt, const char **found, char **err)
{
    *found = NULL;
    json_t *words = json_array();
    res_t rc = store_msg_words_each(pg->s, collect_word, words, err);
    if (rc == RES_OK) {
        size_t n = json_array_size(words);
        const char **w = calloc(n ? n : 1, sizeof *w);
        for (size_t i = 0; i < n; i++)
            w[i] = json_string_value(json_array_get(words, i));
        const char *hit = msg_find_sensitive(texts, nt, w, n);
        if (hit)
            *found = arena_strdup(pg->req->arena, hit);
        free(w);
    }
    json_decref(words);
    return rc;
}

static void too_many(struct page *pg, char *err)
{
    free(err);
    res_header(pg->res, "Retry-After", "3600");
    res_cache(pg->res, "no-store");
    page_error(pg, 429, "提交过于频繁，请稍后再试。如有急事，请拨打页面底部的联系电话。");
}

/* The form again for a token spent on a wrong answer (a replay of that form). */
static void spent_again(struct page *pg, json_t *form, char *err)
{
    add_error(pg->ctx, "answer", "表单已使用过，请计算新的问题后重新提交。");
    if (form_keys(pg, form))
        render_form(pg, 422);
    json_decref(form);
    free(err);
}

/* The fields as typed (trimmed) in V, kept in FORM (but the answer); each problem recorded
 * beside its field. RES_OK (valid or not: see the context's errors) or RES_FAILED. */
static res_t check_fields(struct page *pg, json_t *form, const char *v[NFIELDS], char **err)
{
    struct request *req = pg->req;
    json_t *ctx = pg->ctx;
    for (size_t i = 0; i < NFIELDS; i++) {
        v[i] = value(req, fields[i].name);
        if (strcmp(fields[i].name, "answer") != 0) /* a new question comes with the form */
            view_set(form, fields[i].name, v[i]);
        if (fields[i].required && !*v[i])
            add_error(ctx, fields[i].name,
                      arena_printf(req->arena, "请%s%s。", i < 2 ? "选择" : "填写", fields[i].label));
        else if (fields[i].max_chars && chars(v[i]) > fields[i].max_chars)
            add_error(ctx, fields[i].name,
                      arena_printf(req->arena, "%s不能超过%zu个字。", fields[i].label, fields[i].max_chars));
    }
    const char *kind = v[F_KIND], *agency = v[F_AGENCY], *phone = v[F_PHONE], *email = v[F_EMAIL];
    if (*kind && msg_kind_find(kind) < 0)
        add_error(ctx, "kind", "请选择留言类别。");
    if (*agency) {
        struct agency ag = {0};
        res_t rc = store_get_agency(pg->s, agency, &ag, err);
        agency_clear(&ag);
        if (rc == RES_NOT_FOUND)
            add_error(ctx, "agency", "请选择写给哪个机关。");
        else if (rc)
            return rc;
    }
    if (!*phone && !*email)
        add_error(ctx, "phone", "请至少填写手机号、电话或电子邮箱中的一项，以便我们联系您。");
    if (*phone && !phone_ok(phone))
        add_error(ctx, "phone", "电话号码只能包含数字和“-”，7至13位数字。");
    if (*email && !email_ok(email))
        add_error(ctx, "email", "电子邮箱格式不正确，例如 name@example.com。");
    return RES_OK;
}

/* The form's token and the answer to its question. RES_OK: TOK read (*TOKEN_OK) or its
 * problem recorded beside the answer; RES_FAILED. */
static res_t check_token(struct page *pg, const char *answer, struct pubform_token *tok, bool *token_ok, char **err)
{
    res_t rc = pubform_read(pg->s, req_form(pg->req, "token"), tok, err);
    *token_ok = rc == RES_OK;
    if (rc == RES_REFUSED) {
        add_error(pg->ctx, "answer", strchr(*err, ' ') + 1); /* "token: 表单已失效…" */
        return RES_OK;
    }
    if (rc == RES_OK && *answer && msg_challenge_read_answer(answer) != tok->challenge.answer)
        add_error(pg->ctx, "answer", "验证问题的答案不正确，请计算新的问题。");
    return rc;
}

/* The limits per client address and per contact (the digits of a phone, an e-mail in lower
 * case): RES_OK, RES_REFUSED over one of them, RES_FAILED. */
static res_t throttle(struct page *pg, const char *phone, const char *email, char **err)
{
    res_t rc = rate_limit_hit(pg->s, "submit-ip", pg->req->client_ip,
                              rate_limit_setting(pg->p, "msg_submit_per_ip_hour"), 3600, err);
    if (rc != RES_OK)
        return rc;
    char key[128];
    size_t n = 0;
    for (const char *p = *phone ? phone : email; *p && n < sizeof key - 1; p++)
        if (!*phone || (*p >= '0' && *p <= '9'))
            key[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    key[n] = '\0';
    return rate_limit_hit(pg->s, "submit-contact", key, rate_limit_setting(pg->p, "msg_submit_per_contact_day"),
                          86400, err);
}

/* Stores the message of fields V under TOK with CODE: received, or held for moderation when it
 * holds a sensitive word. *NUMBER (malloc'd) on RES_OK; RES_REFUSED "token: used". */
static res_t store_new(struct page *pg, const char *const v[NFIELDS], const struct pubform_token *tok,
                       const char *code, char **number, char **err)
{
    const char *texts[] = {v[F_SUBJECT], v[F_BODY], v[F_NAME]};
    const char *word = NULL;
    res_t rc = sensitive(pg, texts, 3, &word, err);
    if (rc != RES_OK)
        return rc;
    char created[20], due[11];
    now_cst(created);
    struct message_rec m = {.agency = v[F_AGENCY],
                            .kind = (enum msg_kind)msg_kind_find(v[F_KIND]),
                            .state = word ? MSG_MODERATION : MSG_RECEIVED,
                            .subject = v[F_SUBJECT],
                            .body = v[F_BODY],
                            .name = v[F_NAME],
                            .phone = *v[F_PHONE] ? v[F_PHONE] : NULL,
                            .email = *v[F_EMAIL] ? v[F_EMAIL] : NULL,
                            .code = code,
                            .created = created,
                            .flag = word};
    rc = message_due_date(pg->s, m.kind, created, due, err);
    if (rc == RES_OK)
        m.due = due;
    else if (rc != RES_NOT_FOUND)
        return rc;
    bool replayed = false; /* checked before the limits: a replay here is one that raced it */
    return store_message_submit(pg->s, &m, tok->nonce, tok->expires, number, &replayed, err);
}

void page_message_submit(struct request *req, struct response *res)
{
    struct page pg;
    if (!page_begin(&pg, req, res))
        return;
    json_t *form = json_object();
    json_object_set_new(pg.ctx, "errors", json_array());
    json_object_set_new(pg.ctx, "error", json_object());
    const char *v[NFIELDS];
    struct pubform_token tok;
    bool token_ok = false;
    char *err = NULL, *number = NULL, code[MSG_CODE_LEN + 1];
    res_t rc = check_fields(&pg, form, v, &err);
    if (rc == RES_OK) {
        free(err);
        err = NULL;
        rc = check_token(&pg, v[F_ANSWER], &tok, &token_ok, &err);
    }
    if (rc != RES_OK)
        goto failed;
    if (json_array_size(json_object_get(pg.ctx, "errors"))) {
        /* A token answered wrongly is spent: each question is tried once. */
        free(err);
        err = NULL;
        if (token_ok)
            rc = store_nonce_use(pg.s, tok.nonce, tok.expires, (long long)time(NULL), &err);
        if (rc == RES_FAILED)
            goto failed;
        if (form_keys(&pg, form))
            render_form(&pg, 422);
        json_decref(form);
        free(err);
        return;
    }
    free(err);
    err = NULL;
    if ((rc = pubform_code(pg.s, tok.nonce, code, &err)) != RES_OK)
        goto failed;
    /* A double click or a replay of a form that made a message: that message again, not
     * counted against the limits. Otherwise the limits first: floods are throttled, not stored. */
    rc = store_nonce_message(pg.s, tok.nonce, &number, &err);
    if (rc == RES_NOT_FOUND) {
        rc = throttle(&pg, v[F_PHONE], v[F_EMAIL], &err);
        if (rc == RES_REFUSED) {
            json_decref(form);
            too_many(&pg, err);
            return;
        }
        if (rc == RES_OK)
            rc = store_new(&pg, v, &tok, code, &number, &err);
    }
    if (rc == RES_REFUSED && err && strncmp(err, "token:", 6) == 0) {
        spent_again(&pg, form, err);
        return;
    }
    if (rc != RES_OK)
        goto failed;
    /* Post/Redirect/Get: the result page reads the number and code once from a cookie. */
    char *cookie = xasprintf(DONE_COOKIE "=%s.%s; Path=/hdjl/write/done; Max-Age=600; SameSite=Strict; HttpOnly",
                             number, code);
    res_header(res, "Set-Cookie", cookie);
    free(cookie);
    free(number);
    json_decref(form);
    free(err);
    page_end(&pg);
    res_redirect(res, 303, "/hdjl/write/done");
    res_cache(res, "no-store");
    return;
failed:
    free(number);
    json_decref(form);
    page_fail(&pg, rc, err);
}

void page_message_done(struct request *req, struct response *res)
{
    struct page pg;
    if (!page_begin(&pg, req, res))
        return;
    const char *c = req_cookie(req, DONE_COOKIE);
    char number[MSG_NUMBER_SIZE] = "", code[MSG_CODE_LEN + 1] = "", num[MSG_NUMBER_SIZE];
    int year;
    long long seq;
    if (c && strlen(c) == MSG_NUMBER_SIZE - 3 + 1 + MSG_CODE_LEN && c[MSG_NUMBER_SIZE - 3] == '.') {
        snprintf(num, sizeof num, "%.*s", MSG_NUMBER_SIZE - 3, c);
        if (msg_number_parse(num, &year, &seq, number) && !msg_code_normalize(c + MSG_NUMBER_SIZE - 2, code))
            number[0] = '\0';
    }
    if (number[0]) {
        view_set(pg.ctx, "number", number);
        view_set(pg.ctx, "code", code);
    }
    view_set(pg.ctx, "title", number[0] ? "留言已提交" : "提交结果");
    view_set(pg.ctx, "section", "hdjl");
    view_set_bool(pg.ctx, "noindex", true);
    json_t *crumbs = json_array();
    view_crumb(crumbs, "互动交流", "/hdjl");
    view_crumb(crumbs, "提交结果", NULL);
    json_object_set_new(pg.ctx, "crumbs", crumbs);
    page_render(&pg, "hdjl_done");
    /* Shown once: the cookie goes, and no cache keeps the page. */
    res_header(res, "Set-Cookie", DONE_COOKIE "=; Path=/hdjl/write/done; Max-Age=0; SameSite=Strict; HttpOnly");
    res_cache(res, "no-store");
}
