/* Application handling in the workspace (issue 9 item 4), against the real server on a
 * loopback port: role and agency boundaries (a handler of another agency gets 403 on the
 * page and on a change, an editor on the list), the CSRF gate, every state change
 * recorded as one event with its audit row, the refusals of the rules (a second
 * correction, one later than 7 working days, an extension over the cap or a second one, a
 * fee lapsed too early, a reply before receipt), the fee from the 2020 engine, and, for a
 * set of scripted histories, the due date on the page, on the dashboard and from
 * application_clock (the code of `application show`) agree. */
#include "domain/accounts.h"
#include "domain/password.h"
#include "model/app_clock.h"
#include "store/store_accounts.h"
#include "store/store_audit.h"
#include "store/store_holidays.h"
#include "store/store_applications.h"
#include "test_db.h"
#include "test_http.h"
#include "util/xalloc.h"
#include <strings.h>

static int port;
static char *db;

struct reply {
    long status;
    buf_t body, head;
};

static void reply_free(struct reply *r)
{
    buf_free(&r->body);
    buf_free(&r->head);
}

static struct reply http(const char *method, const char *path, const char *cookie, const char *form)
{
    struct reply r = {0, BUF_INIT, BUF_INIT};
    CURL *c = test_http_handle(port, path, &r.body, test_http_append, &r.head, 20);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    if (cookie)
        curl_easy_setopt(c, CURLOPT_COOKIE, cookie);
    if (form)
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
    test_http_finish(c, &r.status);
    buf_append(&r.body, "", 0);
    buf_append(&r.head, "", 0);
    return r;
}

/* The text after MARK in HAY up to the next '<' or '"' (malloc'd), or NULL. */
static char *after(const char *hay, const char *mark)
{
    const char *p = hay ? strstr(hay, mark) : NULL;
    if (!p)
        return NULL;
    p += strlen(mark);
    return xstrndup(p, strcspn(p, "<\""));
}

static char *cookie_value(const struct reply *r, const char *name)
{
    char want[64];
    snprintf(want, sizeof want, "Set-Cookie: %s=", name);
    for (const char *p = r->head.data; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
        if (strncasecmp(p, want, strlen(want)) == 0) {
            p += strlen(want);
            return xstrndup(p, strcspn(p, ";\r\n"));
        }
    return NULL;
}

/* A logged-in staff member: the cookie header and the session's CSRF token. */
struct staff_client {
    char *cookie, *csrf;
};

static struct staff_client login(const char *user)
{
    struct staff_client sc = {0};
    struct reply f = http("GET", "/admin/login", NULL, NULL);
    char *pre = cookie_value(&f, "gk_login"), *csrf = after(f.body.data, "name=\"csrf\" value=\"");
    char *ck = xasprintf("gk_login=%s", pre ? pre : "");
    char *body = xasprintf("csrf=%s&login=%s&password=Good-pass1&next=%%2Fadmin%%2F", csrf ? csrf : "", user);
    struct reply r = http("POST", "/admin/login", ck, body);
    CHECK_INT(r.status, 303);
    char *tok = cookie_value(&r, "gk_session");
    sc.cookie = xasprintf("gk_session=%s", tok ? tok : "");
    struct reply d = http("GET", "/admin/", sc.cookie, NULL);
    sc.csrf = after(d.body.data, "name=\"csrf\" value=\"");
    CHECK(sc.csrf != NULL);
    reply_free(&f);
    reply_free(&r);
    reply_free(&d);
    free(pre);
    free(csrf);
    free(ck);
    free(body);
    free(tok);
    return sc;
}

static void client_free(struct staff_client *sc)
{
    free(sc->cookie);
    free(sc->csrf);
}

/* POSTs FORM (without csrf) as SC to the application ID: the status; *BODY (may be NULL)
 * gets the answer's body (malloc'd). */
static long act(const struct staff_client *sc, const char *id, const char *form, char **body)
{
    char *path = xasprintf("/admin/applications/%s", id);
    char *f = xasprintf("csrf=%s&%s", sc->csrf ? sc->csrf : "", form);
    struct reply r = http("POST", path, sc->cookie, f);
    long st = r.status;
    if (body)
        *body = xstrdup(r.body.data);
    reply_free(&r);
    free(path);
    free(f);
    return st;
}

static char *page(const struct staff_client *sc, const char *path, long *status)
{
    struct reply r = http("GET", path, sc->cookie, NULL);
    *status = r.status;
    char *b = xstrdup(r.body.data);
    reply_free(&r);
    return b;
}

/* ---------------------------------------------------------------- setup helpers */

static calendar_t *cal;
static gk_date today;

static gk_date workdays_ago(int n)
{
    gk_date d = today;
    CHECK_INT(calendar_add_workdays(cal, today, -n, &d), 0);
    return d;
}

static const char *ds(gk_date d, char buf[DATE_STR_SIZE])
{
    return date_format(d, buf);
}

static void put_app(store_t *s, const char *id, const char *agency, gk_date received)
{
    struct application_rec r = {.id = id, .agency = agency, .applicant_type = APPLICANT_NATURAL_PERSON,
                                .channel = APP_CHANNEL_LETTER, .has_channel = true, .received = received,
                                .closed = NO_DATE, .fee_notice_fen = -1, .fee_paid_fen = -1,
                                .subject = "2025年度本区道路维修资金使用情况"};
    char *why = NULL;
    CHECK_INT(store_put_application(s, &r, &why), RES_OK);
    free(why);
}

static void add_user(store_t *s, const char *login_name, const char *agency, unsigned roles)
{
    char hash[PASSWORD_HASH_MAX], *why = NULL;
    CHECK(password_hash("Good-pass1", hash));
    CHECK_INT(store_user_add(s, login_name, agency, roles, hash, 1, NULL, &why), RES_OK);
    free(why);
}

/* The clock of the stored application ID at today, as `application show` computes it. */
static struct app_clock stored_clock(const char *id)
{
    store_t *s = NULL;
    char *why = NULL;
    struct app_clock c = {0};
    CHECK_INT(store_open(db, &s, &why), RES_OK);
    struct application_rec r;
    CHECK_INT(store_get_application(s, id, &r, &why), RES_OK);
    CHECK_INT(application_clock(cal, &r, today, &c, NULL, &why), RES_OK);
    application_rec_free(&r);
    store_close(s);
    free(why);
    return c;
}

/* The due date shown on the application's page (#app-due), on the dashboard (when due
 * soon or overdue) and stored_clock agree. */
static void due_agrees(const struct staff_client *h, const char *id)
{
    struct app_clock c = stored_clock(id);
    char *path = xasprintf("/admin/applications/%s", id);
    long st;
    char *b = page(h, path, &st);
    CHECK_INT(st, 200);
    char *shown = after(b, "<td id=\"app-due\">");
    char want[DATE_STR_SIZE] = "";
    if (c.due_known)
        date_format(c.due, want);
    if (c.due_known) {
        CHECK(shown && strncmp(shown, want, 10) == 0);
    } else {
        CHECK(shown && strstr(shown, "暂停计算"));
    }
    char *dash = page(h, "/admin/", &st);
    char *row = xasprintf("%s\">%s</a> 到期日 <span class=\"due\">%s</span>", path, id, want);
    bool listed = c.due_known && !c.closed && (c.overdue || c.working_days_left <= 5);
    CHECK(!!strstr(dash, row) == listed);
    if (!!strstr(dash, row) != listed)
        fprintf(stderr, "  %s: due %s listed %d\n", id, want, listed);
    free(row);
    free(dash);
    free(shown);
    free(b);
    free(path);
}

static long audit_count(const char *action)
{
    store_t *s = NULL;
    char *why = NULL;
    long long n = -1;
    CHECK_INT(store_open(db, &s, &why), RES_OK);
    struct audit_filter f = {.action = action};
    CHECK_INT(store_audit_count(s, &f, &n, &why), RES_OK);
    store_close(s);
    free(why);
    return (long)n;
}

/* ---------------------------------------------------------------- tests */

static void test_boundaries(const struct staff_client *h, const struct staff_client *other,
                            const struct staff_client *ed)
{
    long st;
    char *b = page(h, "/admin/applications", &st);
    CHECK_INT(st, 200);
    CHECK_CONTAINS(b, "A-1");
    CHECK(!strstr(b, "B-1")); /* another agency's application is not listed */
    free(b);
    b = page(other, "/admin/applications/A-1", &st);
    CHECK_INT(st, 403);
    CHECK(!strstr(b, "道路维修资金")); /* nothing of it shown */
    free(b);
    b = page(ed, "/admin/applications", &st);
    CHECK_INT(st, 403);
    free(b);
    b = page(ed, "/admin/applications/A-1", &st);
    CHECK_INT(st, 403);
    free(b);
    char d[DATE_STR_SIZE], *form = xasprintf("action=withdrawn&date=%s", ds(today, d));
    CHECK_INT(act(other, "A-1", form, NULL), 403);
    /* no CSRF token, a wrong one */
    struct staff_client nocsrf = {h->cookie, (char *)"0000"};
    CHECK_INT(act(&nocsrf, "A-1", form, NULL), 403);
    struct reply r = http("POST", "/admin/applications/A-1", h->cookie, form);
    CHECK_INT(r.status, 403);
    reply_free(&r);
    CHECK_INT(stored_clock("A-1").closed, false);
    free(form);
    b = page(h, "/admin/applications/NO-SUCH", &st);
    CHECK_INT(st, 404);
    free(b);
}

static void test_history(const struct staff_client *h)
{
    char d1[DATE_STR_SIZE], d2[DATE_STR_SIZE];
    char *form, *body = NULL;
    /* A-1, received 12 working days ago: correction asked 3 days after receipt. */
    gk_date rec = workdays_ago(12);
    form = xasprintf("action=correction_requested&date=%s&items=%s", ds(workdays_ago(9), d1),
                     "%E8%AF%B7%E8%AF%B4%E6%98%8E%E5%B9%B4%E4%BB%BD");
    CHECK_INT(act(h, "A-1", form, NULL), 303);
    free(form);
    CHECK_STR(stored_clock("A-1").status, "awaiting_correction");
    due_agrees(h, "A-1");
    /* a second correction is refused, beside its field */
    form = xasprintf("action=correction_requested&date=%s&items=x", ds(workdays_ago(8), d1));
    CHECK_INT(act(h, "A-1", form, &body), 422);
    CHECK_CONTAINS(body, "一次性告知");
    free(body);
    free(form);
    form = xasprintf("action=correction_answer&answer=received&date=%s", ds(workdays_ago(6), d1));
    CHECK_INT(act(h, "A-1", form, NULL), 303);
    free(form);
    struct app_clock c = stored_clock("A-1");
    CHECK_STR(c.status, "processing");
    CHECK_INT(c.start, workdays_ago(6));
    due_agrees(h, "A-1");
    /* an extension over the cap, one without a reason, then one within it */
    form = xasprintf("action=extended&days=21&reason=r&date=%s", ds(workdays_ago(2), d1));
    CHECK_INT(act(h, "A-1", form, &body), 422);
    CHECK_CONTAINS(body, "1 to 20");
    free(body);
    free(form);
    form = xasprintf("action=extended&days=10&reason=&date=%s", ds(workdays_ago(2), d1));
    CHECK_INT(act(h, "A-1", form, &body), 422);
    CHECK_CONTAINS(body, "延期答复须说明理由");
    free(body);
    free(form);
    form = xasprintf("action=extended&days=10&reason=%s&date=%s", "%E9%9C%80%E8%A6%81%E6%A3%80%E7%B4%A2",
                     ds(workdays_ago(2), d1));
    CHECK_INT(act(h, "A-1", form, NULL), 303);
    CHECK_INT(act(h, "A-1", form, &body), 422); /* a second extension */
    free(body);
    free(form);
    c = stored_clock("A-1");
    CHECK_INT(c.period, 30);
    due_agrees(h, "A-1");
    /* fee: 120 pages → 1,100 yuan (ogi-rules §3.4); lapsing before 20 working days is refused */
    form = xasprintf("action=fee_notice&basis=per_page&pages=120&date=%s", ds(workdays_ago(1), d1));
    CHECK_INT(act(h, "A-1", form, NULL), 303);
    free(form);
    form = xasprintf("action=fee_answer&answer=lapsed&date=%s", ds(today, d1));
    CHECK_INT(act(h, "A-1", form, &body), 422);
    CHECK_CONTAINS(body, "20个工作日");
    free(body);
    free(form);
    CHECK_STR(stored_clock("A-1").status, "paused_fee");
    due_agrees(h, "A-1");
    form = xasprintf("action=fee_answer&answer=paid&date=%s", ds(today, d1));
    CHECK_INT(act(h, "A-1", form, NULL), 303);
    free(form);
    due_agrees(h, "A-1");
    /* a reply dated in the future is refused; then the reply */
    gk_date tomorrow = today;
    calendar_add_workdays(cal, today, 1, &tomorrow);
    form = xasprintf("action=replied&outcome=partially_disclosed&date=%s", ds(tomorrow, d1));
    CHECK_INT(act(h, "A-1", form, NULL), 422);
    free(form);
    form = xasprintf("action=replied&outcome=bogus&date=%s", ds(today, d1));
    CHECK_INT(act(h, "A-1", form, NULL), 422);
    free(form);
    form = xasprintf("action=replied&outcome=partially_disclosed&date=%s", ds(today, d1));
    CHECK_INT(act(h, "A-1", form, NULL), 303);
    CHECK_INT(act(h, "A-1", form, &body), 422); /* closed: nothing more */
    CHECK_CONTAINS(body, "已办结");
    free(body);
    free(form);
    c = stored_clock("A-1");
    CHECK(c.closed);
    CHECK_STR(c.outcome, "partially_disclosed");
    due_agrees(h, "A-1");
    /* the record's figures follow the events (what the annual report reads) */
    store_t *s = NULL;
    char *why = NULL;
    CHECK_INT(store_open(db, &s, &why), RES_OK);
    struct application_rec r;
    CHECK_INT(store_get_application(s, "A-1", &r, &why), RES_OK);
    CHECK_STR(r.outcome, "partially_disclosed");
    CHECK_INT(r.closed, today);
    CHECK(r.extended);
    CHECK_INT(r.fee_notice_fen, 110000);
    CHECK_INT(r.fee_paid_fen, 110000);
    CHECK_INT(r.nevents, 6);
    CHECK_INT(r.received, rec);
    application_rec_free(&r);
    store_close(s);
    free(why);
    CHECK_INT(audit_count("application.replied"), 1);
    CHECK_INT(audit_count("application."), 6);
    (void)d2;
}

/* More scripted histories: due soon, overdue, paused by a consultation, a late correction. */
static void test_scripts(const struct staff_client *h)
{
    char d[DATE_STR_SIZE];
    char *form, *body = NULL;
    due_agrees(h, "A-2"); /* received 17 working days ago: due within 5 */
    due_agrees(h, "A-3"); /* received 25 working days ago: overdue */
    /* a correction 25 working days after receipt is refused (Art. 30: within 7) */
    form = xasprintf("action=correction_requested&date=%s&items=x", ds(today, d));
    CHECK_INT(act(h, "A-3", form, &body), 422);
    CHECK_CONTAINS(body, "7个工作日");
    free(body);
    free(form);
    /* a third-party consultation stops the clock; its reply window is shown */
    form = xasprintf("action=consultation_started&party=third_party&date=%s", ds(workdays_ago(3), d));
    CHECK_INT(act(h, "A-4", form, NULL), 303);
    free(form);
    CHECK_STR(stored_clock("A-4").status, "paused_consultation");
    due_agrees(h, "A-4");
    long st;
    char *b = page(h, "/admin/applications/A-4", &st);
    CHECK_CONTAINS(b, "答复期限至");
    free(b);
    form = xasprintf("action=consultation_ended&date=%s", ds(today, d));
    CHECK_INT(act(h, "A-4", form, NULL), 303);
    free(form);
    due_agrees(h, "A-4");
    /* fee per item — 35 requests in a month → 3,000 yuan; a free one is refused */
    form = xasprintf("action=fee_notice&basis=per_item&prior=0&count=35&date=%s", ds(today, d));
    CHECK_INT(act(h, "A-2", form, NULL), 303);
    free(form);
    b = page(h, "/admin/applications/A-2", &st);
    CHECK_CONTAINS(b, "3000.00 元（按件计收）");
    free(b);
    form = xasprintf("action=withdrawn&date=%s", ds(today, d));
    CHECK_INT(act(h, "A-2", form, NULL), 303);
    free(form);
    CHECK_STR(stored_clock("A-2").outcome, "other");
    form = xasprintf("action=fee_notice&basis=per_page&pages=30&date=%s", ds(today, d));
    CHECK_INT(act(h, "A-3", form, &body), 422);
    CHECK_CONTAINS(body, "不收费");
    free(body);
    free(form);
    form = xasprintf("action=fee_notice&basis=both&pages=300&date=%s", ds(today, d));
    CHECK_INT(act(h, "A-3", form, NULL), 422);
    free(form);
    b = page(h, "/admin/applications", &st);
    CHECK_INT(st, 200);
    CHECK_CONTAINS(b, "已超期");
    free(b);
}

/* Staff intake (Art. 31 per channel), the identity checks, typed values kept, the
 * applicant masked for everyone but the handlers of the owning agency. */
/* The intake form's one-time token (malloc'd). */
static char *intake_token(const struct staff_client *h)
{
    long st;
    char *b = page(h, "/admin/applications/new", &st);
    char *t = after(b, "name=\"once\" value=\"");
    CHECK(t && strlen(t) == 32);
    free(b);
    return t;
}

static void test_intake(const struct staff_client *h, const struct staff_client *root)
{
    char d[DATE_STR_SIZE], d2[DATE_STR_SIZE];
    char *once = intake_token(h);
    char *form = xasprintf("once=%s&csrf=%s&channel=in_person&receipt=%s&applicant_type=natural_person&name=%s"
                           "&id_no=230403199003071231&phone=13812345678&subject=x", once, h->csrf, ds(today, d),
                           "%E5%BC%A0%E4%B8%89");
    struct reply r = http("POST", "/admin/applications/new", h->cookie, form);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(r.body.data, "校验");
    CHECK_CONTAINS(r.body.data, "value=\"230403199003071231\""); /* kept as typed */
    reply_free(&r);
    free(form);
    /* an ordinary letter confirmed a day after it arrived */
    form = xasprintf("once=%s&csrf=%s&channel=letter_ordinary&receipt=%s&arrived=%s&applicant_type=natural_person&name=z"
                     "&id_no=23040319900307123X&phone=13812345678&subject=x", once, h->csrf, ds(today, d),
                     ds(workdays_ago(1), d2));
    r = http("POST", "/admin/applications/new", h->cookie, form);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(r.body.data, "第三十一条");
    reply_free(&r);
    free(form);
    form = xasprintf("once=%s&csrf=%s&channel=fax&receipt=%s&applicant_type=natural_person&name=%s"
                     "&id_no=23040319900307123x&phone=13812345678&subject=%s", once, h->csrf, ds(today, d),
                     "%E5%BC%A0%E4%B8%89", "%E9%81%93%E8%B7%AF");
    r = http("POST", "/admin/applications/new", h->cookie, form);
    CHECK_INT(r.status, 303);
    char *want = xasprintf("/admin/applications/gn-%.4s-0001", d);
    CHECK_CONTAINS(r.head.data, want);
    reply_free(&r);
    r = http("POST", "/admin/applications/new", h->cookie, form); /* sent again: the same application */
    CHECK_INT(r.status, 303);
    CHECK_CONTAINS(r.head.data, want);
    CHECK(!strstr(r.head.data, "0002"));
    reply_free(&r);
    free(form);
    free(once);
    long st;
    char *b = page(h, want, &st);
    CHECK_INT(st, 200);
    CHECK_CONTAINS(b, "23040319900307123X");
    CHECK_CONTAINS(b, "13812345678");
    CHECK_CONTAINS(b, "双方确认之日");
    free(b);
    b = page(root, want, &st);
    CHECK_INT(st, 200);
    CHECK(!strstr(b, "23040319900307123X"));
    CHECK(!strstr(b, "13812345678"));
    CHECK_CONTAINS(b, "230***********123X");
    CHECK_CONTAINS(b, "138****5678");
    free(b);
    free(want);
    CHECK_INT(audit_count("application.received"), 1);
}

/* Item 7: a handler publishes the reply of a replied application as a draft item with the
 * applicant's personal data removed; refused while any remains; one draft per application;
 * nobody else may (another agency 403, the platform administrator 403, not replied 422). */
static void test_publish_reply(const struct staff_client *h, const struct staff_client *other,
                               const struct staff_client *root)
{
    char d[DATE_STR_SIZE];
    char *number = xasprintf("gn-%.4s-0001", ds(today, d));
    char *form = xasprintf("action=replied&outcome=disclosed&date=%s", d);
    CHECK_INT(act(h, number, form, NULL), 303);
    free(form);
    CHECK_INT(act(h, number, "action=letter_draft&kind=reply", NULL), 303);
    long st;
    char *path = xasprintf("/admin/applications/%s", number);
    char *b = page(h, path, &st);
    CHECK_INT(st, 200);
    CHECK_CONTAINS(b, "公开答复（去除个人信息）");
    char *body = after(b, "id=\"f-publish-body\" name=\"body\" rows=\"16\" cols=\"80\">");
    CHECK(body != NULL);
    if (body) {
        char *end = strstr(body, "</textarea>");
        if (end)
            *end = '\0';
        CHECK_CONTAINS(body, "张某");
        CHECK(!strstr(body, "张三"));
        CHECK(!strstr(body, "13812345678"));
        CHECK(!strstr(body, "23040319900307123X"));
    }
    free(body);
    free(b);
    b = page(h, "/admin/applications/A-4", &st);
    CHECK(!strstr(b, "公开答复（去除个人信息）")); /* not replied: no form */
    free(b);
    /* still personal: the name, the applicant's phone, another mobile, an e-mail address */
    static const char *const dirty[] = {
        "title=t&body=%E5%BC%A0%E4%B8%89%E7%9A%84%E7%94%B3%E8%AF%B7", /* 张三的申请 */
        "title=t&body=tel+13812345678",
        "title=t&body=call+13900001111",
        "title=a%40example.com&body=x",
    };
    for (size_t i = 0; i < sizeof dirty / sizeof dirty[0]; i++) {
        char *f = xasprintf("action=publish_reply&%s", dirty[i]);
        char *out = NULL;
        CHECK_INT(act(h, number, f, &out), 422);
        CHECK_CONTAINS(out, "仍含有个人信息");
        free(out);
        free(f);
    }
    char *out = NULL;
    CHECK_INT(act(h, number, "action=publish_reply&title=t&body=", &out), 422);
    CHECK_CONTAINS(out, "此项必填");
    CHECK_CONTAINS(out, "value=\"t\""); /* kept as typed */
    free(out);
    const char *clean = "action=publish_reply&title=%E7%AD%94%E5%A4%8D&body=%E5%BC%A0%E6%9F%90%EF%BC%9A%E4%BA%88%E4%BB%A5%E5%85%AC%E5%BC%80";
    CHECK_INT(act(other, number, clean, NULL), 403);
    CHECK_INT(act(root, number, clean, NULL), 403);
    CHECK_INT(act(h, "A-4", clean, NULL), 422);
    CHECK_INT(audit_count("application.publish_reply"), 0);
    CHECK_INT(act(h, number, clean, NULL), 303);
    CHECK_INT(act(h, number, clean, NULL), 303); /* a double submit: the same draft */
    CHECK_INT(audit_count("application.publish_reply"), 1);
    CHECK_INT(audit_count("item.create"), 2); /* the proposal's draft and this one */
    b = page(h, path, &st);
    CHECK_CONTAINS(b, "答复已生成公开草稿");
    CHECK(!strstr(b, "name=\"action\" value=\"publish_reply\"")); /* the form is gone */
    free(b);
    free(path);
    free(number);
}

/* The public form's token, from a page body (malloc'd). */
static char *form_token(const char *body)
{
    return after(body, "name=\"token\" value=\"");
}

static struct reply apply(const char *token, const char *id_no)
{
    char *form = xasprintf("token=%s&agency=gn&applicant_type=natural_person&name=%s&id_no=%s&phone=13812345678"
                           "&subject=%s&delivery=%s", token, "%E6%9D%8E%E5%9B%9B", id_no,
                           "%E6%B2%B3%E9%81%93%E6%B2%BB%E7%90%86", "%E9%82%AE%E5%AF%84");
    struct reply r = http("POST", "/ysqgk", NULL, form);
    free(form);
    return r;
}

static struct reply lookup(const char *number, const char *code)
{
    char *form = xasprintf("number=%s&code=%s", number, code);
    struct reply r = http("POST", "/ysqgk/cx", NULL, form);
    free(form);
    return r;
}

/* t3[row][natural person] of agency gn for today's year. */
static long long t3_cell(enum table3_row row)
{
    store_t *s = NULL;
    char *why = NULL;
    struct agency ag = {0};
    struct report_figures fig;
    memset(&fig, 0, sizeof fig);
    CHECK_INT(store_open(db, &s, &why), RES_OK);
    CHECK_INT(store_get_agency(s, "gn", &ag, &why), RES_OK);
    CHECK_INT(store_report_figures(s, &ag, false, date_year(today), &fig, &why), RES_OK);
    agency_clear(&ag);
    store_close(s);
    free(why);
    return fig.t3[row][APPLICANT_NATURAL_PERSON];
}

/* A person applies online, gets the codes, a double submit makes one application, the
 * lookup reveals nothing on a wrong code, the handler asks for a correction and replies,
 * the status page follows, and the reply is counted in table 三 of the year. */
static void test_public(const struct staff_client *h)
{
    struct reply col = http("GET", "/zfxxgk", NULL, NULL), zn = http("GET", "/zfxxgk/zn", NULL, NULL);
    CHECK_CONTAINS(col.body.data, "href=\"/ysqgk\""); /* linked from the column */
    CHECK_CONTAINS(zn.body.data, "href=\"/ysqgk\"");  /* and from the guide's 依申请公开 */
    reply_free(&col);
    reply_free(&zn);
    struct reply f = http("GET", "/ysqgk", NULL, NULL);
    CHECK_INT(f.status, 200);
    char *tok = form_token(f.body.data);
    CHECK(tok && strlen(tok) == 32);
    reply_free(&f);
    struct reply bad = apply(tok, "230403199003071231");
    CHECK_INT(bad.status, 422);
    CHECK_CONTAINS(bad.body.data, "field-error");
    CHECK_CONTAINS(bad.body.data, "value=\"230403199003071231\"");
    CHECK_CONTAINS(bad.body.data, "河道治理");
    reply_free(&bad);
    /* oversized and hostile input: refused beside its field, echoed only escaped, nothing
     * stored (the same token still makes the application below) */
    char *huge = xmalloc(4100);
    memset(huge, 'x', 4099);
    huge[4099] = '\0';
    char *hform = xasprintf("token=%s&agency=gn&applicant_type=natural_person&name=%%3Cscript%%3Ealert(1)%%3C%%2Fscript%%3E"
                           "&id_no=230403199003071231&phone=13812345678&subject=%s&delivery=x", tok ? tok : "", huge);
    struct reply hostile = http("POST", "/ysqgk", NULL, hform);
    CHECK_INT(hostile.status, 422);
    CHECK_CONTAINS(hostile.body.data, "4000字以内");
    CHECK(!strstr(hostile.body.data, "<script>alert(1)"));
    CHECK_CONTAINS(hostile.body.data, "&lt;script&gt;alert(1)");
    reply_free(&hostile);
    free(hform);
    free(huge);
    struct reply ok = apply(tok, "23040319900307123X");
    CHECK_INT(ok.status, 200);
    char *number = after(ok.body.data, "id=\"apply-number\">");
    char *code = after(ok.body.data, "id=\"apply-code\">");
    CHECK(number && code && strlen(code) == 10);
    reply_free(&ok);
    struct reply again = apply(tok, "23040319900307123X"); /* a double click */
    CHECK_INT(again.status, 200);
    char *number2 = after(again.body.data, "id=\"apply-number\">");
    CHECK(number && number2 && strcmp(number, number2) == 0);
    CHECK(!strstr(again.body.data, "apply-code"));
    reply_free(&again);
    char d[DATE_STR_SIZE];
    /* the next number is free: the replay made nothing */
    size_t nl = strlen(number);
    char *second = xasprintf("%.*s%04d", (int)(nl - 4), number, atoi(number + nl - 4) + 1);
    CHECK_INT(stored_clock(number).closed, false);
    store_t *s = NULL;
    char *why = NULL;
    struct application_rec r;
    CHECK_INT(store_open(db, &s, &why), RES_OK);
    CHECK_INT(store_get_application(s, second, &r, &why), RES_NOT_FOUND); /* one application */
    char *qh = NULL;
    CHECK_INT(store_application_query_hash(s, number, &qh, &why), RES_OK);
    CHECK(qh && strlen(qh) == 64 && !strstr(qh, code)); /* only the hash */
    free(qh);
    store_close(s);
    free(why);
    free(second);
    /* lookups: the right code; a wrong code and an unknown number answer alike */
    struct reply st = lookup(number, code);
    CHECK_INT(st.status, 200);
    CHECK_CONTAINS(st.body.data, "data-status=\"processing\"");
    reply_free(&st);
    struct reply w1 = lookup(number, "AAAAAAAAAA"), w2 = lookup("gn-1999-0042", "AAAAAAAAAA");
    CHECK_INT(w1.status, 404);
    CHECK_INT(w2.status, 404);
    CHECK(!strstr(w1.body.data, "data-status"));
    CHECK(!strstr(w2.body.data, "data-status"));
    reply_free(&w1);
    reply_free(&w2);
    /* the handler asks for a correction; the applicant sees it */
    char *form = xasprintf("action=correction_requested&date=%s&items=%s", date_format(today, d),
                           "%E8%AF%B7%E6%B3%A8%E6%98%8E%E5%B9%B4%E4%BB%BD");
    CHECK_INT(act(h, number, form, NULL), 303);
    free(form);
    st = lookup(number, code);
    CHECK_CONTAINS(st.body.data, "data-status=\"awaiting_correction\"");
    CHECK_CONTAINS(st.body.data, "请注明年份");
    reply_free(&st);
    form = xasprintf("action=correction_answer&answer=received&date=%s", d);
    CHECK_INT(act(h, number, form, NULL), 303);
    free(form);
    long long before = t3_cell(ROW_DISCLOSED);
    form = xasprintf("action=replied&outcome=disclosed&date=%s", d);
    CHECK_INT(act(h, number, form, NULL), 303);
    free(form);
    st = lookup(number, code);
    CHECK_CONTAINS(st.body.data, "data-status=\"closed\"");
    CHECK_CONTAINS(st.body.data, "予以公开");
    reply_free(&st);
    CHECK_INT(t3_cell(ROW_DISCLOSED), before + 1); /* counted in the year's table 三 */
    /* failed lookups are limited per address */
    long last = 0;
    for (int i = 0; i < 12; i++) {
        struct reply x = lookup(number, "BBBBBBBBBB");
        last = x.status;
        reply_free(&x);
    }
    CHECK_INT(last, 429);
    st = lookup(number, code); /* even the right code, while limited */
    CHECK_INT(st.status, 429);
    reply_free(&st);
    free(number);
    free(number2);
    free(code);
    free(tok);
}

/* Letters: drafted from the templates with the article of the outcome, edited, issued
 * once, printed; only the owning agency's handlers write them. */
static void test_letters(const struct staff_client *h, const struct staff_client *other)
{
    CHECK_INT(act(h, "A-1", "action=letter_draft&kind=reply", NULL), 303);
    CHECK_INT(act(h, "A-1", "action=letter_draft&kind=correction", NULL), 303);
    CHECK_INT(act(h, "A-4", "action=letter_draft&kind=reply", NULL), 400); /* not replied yet */
    CHECK_INT(act(other, "A-1", "action=letter_draft&kind=reply", NULL), 403);
    long st;
    char *b = page(h, "/admin/applications/A-1", &st);
    CHECK_INT(st, 200);
    CHECK_CONTAINS(b, "第三十七条"); /* partially disclosed: Art. 37 */
    CHECK_CONTAINS(b, "第三十条");   /* the correction letter */
    CHECK_CONTAINS(b, "请说明年份");
    char *id = after(b, "name=\"letter\" value=\"");
    CHECK(id != NULL);
    free(b);
    char *form = xasprintf("action=letter_save&letter=%s&body=%s", id ? id : "0", "%E6%94%B9%E5%90%8E%E7%9A%84%E7%AD%94%E5%A4%8D");
    CHECK_INT(act(h, "A-1", form, NULL), 303);
    char *issue = xasprintf("action=letter_issue&letter=%s", id ? id : "0");
    CHECK_INT(act(h, "A-1", issue, NULL), 303);
    CHECK_INT(act(h, "A-1", issue, NULL), 400); /* once */
    CHECK_INT(act(h, "A-1", form, NULL), 400);  /* an issued letter never changes */
    char *print = xasprintf("/admin/applications/A-1?print=%s", id ? id : "0");
    b = page(h, print, &st);
    CHECK_INT(st, 200);
    CHECK_CONTAINS(b, "改后的答复");
    CHECK(!strstr(b, "admin-nav"));
    free(b);
    b = page(other, print, &st);
    CHECK_INT(st, 403);
    free(b);
    free(print);
    free(issue);
    free(form);
    free(id);
    CHECK_INT(audit_count("application.letter_issue"), 1);
}

/* Art. 44: several applicants, same information, same agency → a proposal on the
 * dashboard, which a handler records (once); another agency's handler sees none. */
static void test_repeats(const struct staff_client *h, const struct staff_client *other)
{
    long st;
    char *b = page(h, "/admin/", &st);
    CHECK_CONTAINS(b, "建议主动公开");
    CHECK_CONTAINS(b, "2025年度本区道路维修资金使用情况</span>（4 名申请人）");
    free(b);
    b = page(other, "/admin/", &st);
    CHECK(!strstr(b, "建议主动公开"));
    free(b);
    const char *form = "subject=2025%E5%B9%B4%E5%BA%A6%E6%9C%AC%E5%8C%BA%E9%81%93%E8%B7%AF%E7%BB%B4%E4%BF%AE"
                       "%E8%B5%84%E9%87%91%E4%BD%BF%E7%94%A8%E6%83%85%E5%86%B5&applicants=4";
    CHECK_INT(act(h, "propose", form, NULL), 303);
    CHECK_INT(act(h, "propose", form, NULL), 303); /* idempotent */
    b = page(h, "/admin/", &st);
    CHECK_CONTAINS(b, "已记录主动公开建议");
    free(b);
    CHECK_INT(audit_count("application.propose_proactive"), 2);
}

/* The number of items of AGENCY whose title is TITLE, read from the database. */
static long long items_titled(const char *title)
{
    store_t *s = NULL;
    char *why = NULL;
    long long n = -1;
    CHECK_INT(store_open(db, &s, &why), RES_OK);
    struct proposal_info p;
    if (store_proposal_find(s, "gn", title, &p, &why) == RES_OK) {
        n = p.item_id;
        free(p.requests);
    }
    store_close(s);
    free(why);
    return n;
}

/* Art. 44, item 8: a recorded proposal becomes one draft item of the agency, by its handler
 * only (another agency 403, an editor 403, no CSRF 403), audited; a double submit makes one. */
static void test_proposal_to_draft(const struct staff_client *h, const struct staff_client *other,
                                   const struct staff_client *ed)
{
    const char *subj = "2025%E5%B9%B4%E5%BA%A6%E6%9C%AC%E5%8C%BA%E9%81%93%E8%B7%AF%E7%BB%B4%E4%BF%AE"
                       "%E8%B5%84%E9%87%91%E4%BD%BF%E7%94%A8%E6%83%85%E5%86%B5";
    const char *title = "2025年度本区道路维修资金使用情况";
    long st;
    char *b = page(h, "/admin/", &st);
    CHECK_CONTAINS(b, "action=\"/admin/applications/convert\"");
    CHECK_CONTAINS(b, "<option value=\"zfxxgk/fdzdgknr\" selected>");
    free(b);
    char *form = xasprintf("agency=gn&subject=%s&column=zfxxgk%%2Ffdzdgknr", subj);
    char *foreign = xasprintf("agency=gn-cz&subject=%s", subj);
    CHECK_INT(act(other, "convert", form, NULL), 403);    /* another agency's handler */
    CHECK_INT(act(other, "convert", foreign, NULL), 400); /* nothing recorded in its own */
    CHECK_INT(act(ed, "convert", form, NULL), 403);       /* an editor is no handler */
    char *nocsrf = xasprintf("/admin/applications/convert");
    struct reply r = http("POST", nocsrf, h->cookie, form);
    CHECK_INT(r.status, 403);
    reply_free(&r);
    free(nocsrf);
    CHECK_INT(items_titled(title), 0);
    CHECK_INT(act(h, "convert", "agency=gn&subject=%E6%B2%A1%E6%9C%89%E8%AE%B0%E5%BD%95&column=zfxxgk%2Ffdzdgknr",
                  NULL), 400); /* no proposal recorded for it */
    char *badcol = xasprintf("agency=gn&subject=%s&column=no%%2Fsuch", subj);
    CHECK_INT(act(h, "convert", badcol, NULL), 400);
    free(badcol);
    CHECK_INT(act(h, "convert", form, NULL), 303);
    long long id = items_titled(title);
    CHECK(id > 0);
    CHECK_INT(act(h, "convert", form, NULL), 303); /* a double submit: the same draft */
    CHECK_INT(items_titled(title), id);
    CHECK_INT(audit_count("application.proposal_to_draft"), 1);
    CHECK_INT(audit_count("item.create"), 1);
    b = page(h, "/admin/", &st);
    CHECK_CONTAINS(b, "已转为信息草稿");
    CHECK(!strstr(b, "action=\"/admin/applications/convert\""));
    free(b);
    /* the editor finds the draft in the agency's work list and its text names the requests */
    char *href = xasprintf("/admin/items/%lld", id);
    b = page(ed, href, &st);
    CHECK_INT(st, 200);
    CHECK_CONTAINS(b, title);
    CHECK_CONTAINS(b, "草稿");
    free(b);
    char *edit = xasprintf("/admin/items/%lld/edit", id);
    b = page(ed, edit, &st);
    CHECK_CONTAINS(b, "第四十四条");
    CHECK_CONTAINS(b, "A-1");
    free(b);
    free(edit);
    free(href);
    free(form);
    free(foreign);
}

void run_tests(void)
{
    db = xasprintf("%s/gongkai.db", test_tmpdir());
    store_t *s = test_db_at(db);
    char *why = NULL, *bad = NULL;
    struct agency_rec root = {.code = "gn", .name = "工农区人民政府", .kind = "government"};
    struct agency_rec sub = {.code = "gn-cz", .name = "工农区财政局", .kind = "department", .parent = "gn"};
    CHECK_INT(store_put_agency(s, &root, &why), RES_OK);
    CHECK_INT(store_put_agency(s, &sub, &why), RES_OK);
    CHECK_INT(store_finish_agencies(s, &bad, &why), RES_OK);
    CHECK_INT(store_load_calendar(s, &cal, &why), RES_OK);
    today = date_today_cst();
    add_user(s, "h", "gn", ROLE_HANDLER);
    add_user(s, "hcz", "gn-cz", ROLE_HANDLER);
    add_user(s, "ed", "gn", ROLE_EDITOR);
    add_user(s, "root", NULL, ROLE_PLATFORM_ADMIN);
    put_app(s, "A-1", "gn", workdays_ago(12));
    put_app(s, "A-2", "gn", workdays_ago(17));
    put_app(s, "A-3", "gn", workdays_ago(25));
    put_app(s, "A-4", "gn", workdays_ago(10));
    put_app(s, "B-1", "gn-cz", workdays_ago(3));
    store_close(s);
    free(why);
    free(bad);

    curl_global_init(CURL_GLOBAL_DEFAULT);
    char *err = NULL;
    struct portal *p = portal_open(db, NULL, &err);
    CHECK(p != NULL);
    if (!p)
        return;
    struct server_config cfg = server_config_defaults();
    cfg.threads = 2;
    cfg.error_log = NULL;
    server_t *srv = test_serve_portal(p, &cfg, &err);
    CHECK(srv != NULL);
    if (!srv)
        return;
    port = server_port(srv);
    struct staff_client h = login("h"), other = login("hcz"), ed = login("ed");
    test_boundaries(&h, &other, &ed);
    test_history(&h);
    test_scripts(&h);
    test_letters(&h, &other);
    test_repeats(&h, &other);
    test_proposal_to_draft(&h, &other, &ed); /* issue 9 item 8 */
    struct staff_client platform = login("root");
    test_intake(&h, &platform);
    test_publish_reply(&h, &other, &platform); /* issue 9 item 7 */
    test_public(&h);
    client_free(&platform);
    client_free(&h);
    client_free(&other);
    client_free(&ed);
    server_stop(srv);
    portal_close(p);
    curl_global_cleanup();
    calendar_free(cal);
    free(err);
    free(db);
}
