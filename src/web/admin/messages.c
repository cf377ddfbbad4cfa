/* /admin/messages: handling messages from the public (issue 10 item 1), for the handlers and
 * administrators of the agency a message is addressed to.
 *
 *   GET  /admin/messages?list=new|due|overdue|moderation|replied|all   the queues
 *   GET  /admin/messages/<number>      the message (unmasked), its history and the steps it allows
 *   POST /admin/messages/<number>      one step: action=accept|assign|transfer|reply|publish|close|reject
 *   GET  /admin/messages/words         the sensitive words (administrators)
 *   POST /admin/messages/words         op=add|remove, word
 *
 * A message addressed to another agency answers 403 (its handlers may see it, no one else).
 * Every step is store_message_change (which refuses a step out of order, or one taken on a
 * page that another handler has changed meanwhile) and its audit row in one transaction;
 * the audit rows name the message and its states, never the writer's personal data. */
#include "web/admin/messages.h"
#include "store/store_messages.h"
#include "util/date.h"
#include "web/admin/form.h"
#include "web/admin/render.h"
#include "web/agencies.h"
#include "web/fail.h"
#include "web/query.h"
#include "web/page.h"
#include "web/view.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define HANDLING_ROLES (ROLE_HANDLER | ROLE_ADMIN)
#define WORDS_ROLES (ROLE_ADMIN | ROLE_PLATFORM_ADMIN)
#define LIST_SIZE 50

/* ------------------------------------------------------------------ the queues */

static const struct {
    const char *code, *label;
    unsigned states;
} lists[] = {
    {"new", "待分办", MSG_STATE_BIT(MSG_RECEIVED) | MSG_STATE_BIT(MSG_TRANSFERRED)},
    {"due", "办理中（未到期）", MSG_STATE_BIT(MSG_RECEIVED) | MSG_STATE_BIT(MSG_ASSIGNED) | MSG_STATE_BIT(MSG_TRANSFERRED)},
    {"overdue", "已超期", MSG_STATE_BIT(MSG_RECEIVED) | MSG_STATE_BIT(MSG_ASSIGNED) | MSG_STATE_BIT(MSG_TRANSFERRED)},
    {"moderation", "待审核", MSG_STATE_BIT(MSG_MODERATION)},
    {"replied", "已答复待公开", MSG_STATE_BIT(MSG_REPLIED)},
    {"all", "全部", 0},
};
#define NLISTS (sizeof lists / sizeof lists[0])

struct rows {
    struct request *req;
    json_t *list;
    const char *today;
};

static int on_row(const struct message_rec *m, void *ud)
{
    struct rows *w = ud;
    json_t *o = json_object();
    view_set(o, "number", m->number);
    view_set(o, "href", arena_printf(w->req->arena, "/admin/messages/%s", m->number));
    view_set(o, "kind", msg_kinds[m->kind].name);
    view_set(o, "subject", m->subject);
    view_set(o, "state", msg_states[m->state].label);
    view_set(o, "created", m->created);
    view_set(o, "due", m->due ? m->due : "");
    view_set_bool(o, "overdue", msg_state_open(m->state) && m->due && strcmp(m->due, w->today) < 0);
    json_array_append_new(w->list, o);
    return 0;
}

void admin_messages_list(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, HANDLING_ROLES, &a))
        return;
    const char *which = req_query(req, "list");
    size_t li = 0;
    for (size_t i = 0; which && i < NLISTS; i++)
        if (strcmp(which, lists[i].code) == 0)
            li = i;
    char today[11], yesterday[11];
    page_today(today);
    gk_date t;
    date_parse(today, &t);
    date_format(t - 1, yesterday);
    struct msg_query q = {.agency = a.staff.agency, .states = lists[li].states, .kind = -1, .oldest_first = true};
    if (strcmp(lists[li].code, "due") == 0)
        q.due_from = today;
    else if (strcmp(lists[li].code, "overdue") == 0)
        q.due_to = yesterday;
    else if (strcmp(lists[li].code, "all") == 0)
        q.oldest_first = false;
    long long page = query_page(req), total = 0;
    json_t *ctx = json_object();
    char *why = NULL;
    struct msg_viewer viewer = {a.staff.agency, false};
    struct rows w = {req, json_array(), today};
    json_object_set_new(ctx, "rows", w.list);
    res_t r = page ? store_messages_count(a.s, &q, &total, &why) : RES_REFUSED;
    long long npages = total ? (total + LIST_SIZE - 1) / LIST_SIZE : 1;
    if (r == RES_OK && page > npages)
        r = RES_NOT_FOUND;
    if (r == RES_OK)
        r = store_messages_each(a.s, &q, &viewer, (page - 1) * LIST_SIZE, LIST_SIZE, on_row, &w, &why);
    if (r != RES_OK) {
        json_decref(ctx);
        web_fail(req, res, r, why, NULL);
        return;
    }
    json_t *tabs = json_array();
    for (size_t i = 0; i < NLISTS; i++) {
        json_t *o = json_object();
        view_set(o, "href", arena_printf(req->arena, "/admin/messages?list=%s", lists[i].code));
        view_set(o, "label", lists[i].label);
        view_set_bool(o, "current", i == li);
        json_array_append_new(tabs, o);
    }
    json_object_set_new(ctx, "tabs", tabs);
    view_set_int(ctx, "total", total);
    view_set(ctx, "list_label", lists[li].label);
    json_t *pager = view_pager(req, page, npages);
    if (pager)
        json_object_set_new(ctx, "pager", pager);
    view_set_bool(ctx, "may_edit_words", admin_has(&a, WORDS_ROLES));
    int done = msg_action_find(req_query(req, "done"));
    if (done >= 0)
        view_set(ctx, "notice", arena_printf(req->arena, "已%s。", msg_actions[done].label));
    view_set(ctx, "title", "留言办理");
    view_set(ctx, "section", "messages");
    admin_render(req, res, &a, 200, "admin/messages", ctx);
    json_decref(ctx);
}

void admin_messages_summary(struct request *req, const struct admin *a, json_t *ctx)
{
    if (!admin_has(a, HANDLING_ROLES) || !a->staff.agency[0])
        return;
    char today[11], yesterday[11];
    page_today(today);
    gk_date t;
    date_parse(today, &t);
    date_format(t - 1, yesterday);
    json_t *rows = json_array();
    for (size_t i = 0; i < NLISTS; i++) {
        if (strcmp(lists[i].code, "all") == 0 || strcmp(lists[i].code, "replied") == 0)
            continue;
        struct msg_query q = {.agency = a->staff.agency, .states = lists[i].states, .kind = -1};
        if (strcmp(lists[i].code, "due") == 0)
            q.due_from = today;
        else if (strcmp(lists[i].code, "overdue") == 0)
            q.due_to = yesterday;
        long long n = 0;
        char *why = NULL;
        if (store_messages_count(a->s, &q, &n, &why) != RES_OK) {
            free(why);
            json_decref(rows);
            return; /* the dashboard stays usable without the summary */
        }
        json_t *o = json_object();
        view_set(o, "label", lists[i].label);
        view_set_int(o, "count", n);
        view_set(o, "href", arena_printf(req->arena, "/admin/messages?list=%s", lists[i].code));
        view_set_bool(o, "alert", strcmp(lists[i].code, "overdue") == 0 && n > 0);
        json_array_append_new(rows, o);
    }
    json_object_set_new(ctx, "messages_summary", rows);
}

/* ------------------------------------------------------------------ one message */

static int on_event(const struct msg_event *e, void *ud)
{
    json_t *list = ud;
    json_t *o = json_object();
    int k = msg_action_find(e->action);
    view_set(o, "at", e->at);
    view_set(o, "action", k >= 0 ? msg_actions[k].label : strcmp(e->action, "submit") == 0 ? "提交" : e->action);
    view_set(o, "actor", e->actor ? e->actor : "留言人");
    view_set(o, "agency", e->agency);
    view_set(o, "to_agency", e->to_agency);
    view_set(o, "note", e->note);
    json_array_append_new(list, o);
    return 0;
}

/* The message of the path's tail for A, unmasked: RES_OK; RES_NOT_FOUND; RES_REFUSED when
 * it is addressed to another agency (answered 403 by the caller). */
static res_t load(struct admin *a, const char *number, struct message_rec *m, char **why)
{
    struct msg_viewer viewer = {a->staff.agency, false};
    res_t r = store_message_get(a->s, number, &viewer, m, why);
    if (r == RES_OK && (!m->agency || strcmp(m->agency, a->staff.agency) != 0))
        r = RES_REFUSED;
    return r;
}

static void forbidden(struct request *req, struct response *res, struct admin *a)
{
    json_t *ctx = json_object();
    view_set(ctx, "title", "无权办理");
    view_set(ctx, "notice", "这条留言不是写给本机关的，只有它所写给的机关的办理人员可以查看和办理。");
    admin_render(req, res, a, 403, "admin/not_found", ctx);
    json_decref(ctx);
}

/* Renders the message page with STATUS; CTX may already hold errors and kept values. */
static void message_page(struct request *req, struct response *res, struct admin *a, const struct message_rec *m,
                         json_t *ctx, int status)
{
    json_t *o = json_object();
    json_object_set_new(ctx, "m", o);
    view_set(o, "number", m->number);
    view_set(o, "kind", msg_kinds[m->kind].name);
    view_set(o, "state", msg_states[m->state].label);
    view_set_int(o, "state_code", m->state);
    view_set(o, "agency_name", m->agency_name);
    view_set(o, "subject", m->subject);
    view_set(o, "body", m->body);
    view_set(o, "name", m->name);
    view_set(o, "phone", m->phone);
    view_set(o, "email", m->email);
    view_set(o, "created", m->created);
    view_set(o, "due", m->due);
    view_set(o, "flag", m->flag);
    view_set(o, "assignee", m->assignee);
    view_set(o, "transferred_from", m->transferred_from);
    view_set(o, "reply", m->reply);
    view_set(o, "reply_by", m->reply_by);
    view_set(o, "replied", m->replied);
    view_set(o, "published", m->published);
    view_set(o, "note", m->note);
    view_set(o, "href", arena_printf(req->arena, "/admin/messages/%s", m->number));
    if (m->state == MSG_PUBLISHED)
        view_set(o, "public_href", arena_printf(req->arena, "/hdjl/qa/%s", m->number));
    /* The steps this state allows. */
    json_t *can = json_object();
    for (int k = 0; k < MSG_ACT_COUNT; k++) {
        enum msg_state to;
        char *why = NULL;
        if (msg_action_next(m->state, (enum msg_action)k, &to, &why) == RES_OK)
            view_set_bool(can, msg_actions[k].code, true);
        free(why);
    }
    json_object_set_new(ctx, "can", can);
    /* The public version, first drafted from the texts with personal data masked. */
    json_t *form = json_object_get(ctx, "form");
    if (!form) {
        form = json_object();
        json_object_set_new(ctx, "form", form);
    }
    if (!json_object_get(form, "public_subject")) {
        char *ps = msg_scrub_text(m->public_subject ? m->public_subject : m->subject);
        char *pb = msg_scrub_text(m->public_body ? m->public_body : m->body);
        char *pr = msg_scrub_text(m->public_reply ? m->public_reply : m->reply);
        view_set(form, "public_subject", ps);
        view_set(form, "public_body", pb);
        view_set(form, "public_reply", pr);
        free(ps);
        free(pb);
        free(pr);
    }
    if (!json_object_get(form, "assignee"))
        view_set(form, "assignee", a->staff.login);
    /* Agencies to transfer to: every one but this. */
    struct page pg = {.req = req, .res = res, .p = req->app, .s = a->s, .ctx = NULL};
    page_today(pg.today);
    struct agency_list al;
    if (!agencies_load(&pg, &al)) {
        return; /* answered */
    }
    json_t *opts = agencies_options(&al, json_string_value(json_object_get(form, "to_agency")));
    json_t *others = json_array();
    size_t i;
    json_t *opt;
    json_array_foreach(opts, i, opt) {
        if (strcmp(json_string_value(json_object_get(opt, "code")), m->agency) != 0)
            json_array_append(others, opt);
    }
    json_decref(opts);
    agencies_free(&al);
    json_object_set_new(ctx, "agencies", others);
    json_t *history = json_array();
    char *why = NULL;
    if (store_message_history(a->s, m->number, on_event, history, &why) != RES_OK)
        free(why);
    json_object_set_new(ctx, "history", history);
    const char *done = req_query(req, "done");
    int k = msg_action_find(done);
    if (k >= 0 && !json_object_get(ctx, "notice"))
        view_set(ctx, "notice", arena_printf(req->arena, "已%s。", msg_actions[k].label));
    view_set(ctx, "title", arena_printf(req->arena, "留言 %s", m->number));
    view_set(ctx, "section", "messages");
    admin_render(req, res, a, status, "admin/message", ctx);
}

void admin_message(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, HANDLING_ROLES, &a))
        return;
    struct message_rec m;
    char *why = NULL;
    res_t r = load(&a, req->tail, &m, &why);
    if (r == RES_REFUSED) {
        message_rec_free(&m);
        free(why);
        forbidden(req, res, &a);
        return;
    }
    if (r != RES_OK) {
        message_rec_free(&m);
        web_fail(req, res, r, why, r == RES_NOT_FOUND ? "没有这条留言。" : NULL);
        return;
    }
    json_t *ctx = json_object();
    message_page(req, res, &a, &m, ctx, 200);
    json_decref(ctx);
    message_rec_free(&m);
}

/* {"state": …, "agency": …} for the audit row: the step, never the writer's data. */
static char *audit_state(const char *state, const char *agency)
{
    json_t *o = json_object();
    json_object_set_new(o, "state", json_string(state));
    if (agency)
        json_object_set_new(o, "agency", json_string(agency));
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return s;
}

void admin_message_post(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, HANDLING_ROLES, &a))
        return;
    struct message_rec m;
    char *why = NULL;
    res_t r = load(&a, req->tail, &m, &why);
    if (r == RES_REFUSED) {
        message_rec_free(&m);
        free(why);
        forbidden(req, res, &a);
        return;
    }
    if (r != RES_OK) {
        message_rec_free(&m);
        web_fail(req, res, r, why, r == RES_NOT_FOUND ? "没有这条留言。" : NULL);
        return;
    }
    int action = msg_action_find(form_text(req, "action"));
    long long expect = -1;
    const char *seen = form_text(req, "state");
    if (*seen)
        expect = strtol(seen, NULL, 10);
    char now[20];
    {
        time_t t = (time_t)admin_now() + 8 * 3600;
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(now, sizeof now, "%Y-%m-%d %H:%M:%S", &tm);
    }
    struct msg_change c = {.number = m.number,
                           .action = action >= 0 ? (enum msg_action)action : MSG_ACT_COUNT,
                           .expect = (int)expect,
                           .actor = a.staff.login,
                           .agency = a.staff.agency,
                           .to_agency = form_text(req, "to_agency"),
                           .assignee = form_text(req, "assignee"),
                           .text = form_text(req, "text"),
                           .public_subject = form_text(req, "public_subject"),
                           .public_body = form_text(req, "public_body"),
                           .public_reply = form_text(req, "public_reply"),
                           .at = now};
    if (!*c.assignee)
        c.assignee = NULL;
    r = store_begin(a.s, &why);
    if (r == RES_OK)
        r = store_message_change(a.s, &c, &why);
    if (r == RES_OK) {
        struct message_rec after;
        struct msg_viewer viewer = {NULL, true};
        r = store_message_get(a.s, m.number, &viewer, &after, &why);
        if (r == RES_OK) {
            char *before_json = audit_state(msg_states[m.state].code, m.agency);
            char *after_json = audit_state(msg_states[after.state].code, after.agency);
            r = admin_audit(req, &a, arena_printf(req->arena, "message.%s", msg_actions[c.action].code),
                            arena_printf(req->arena, "message:%s", m.number), before_json, after_json, &why);
            free(before_json);
            free(after_json);
        }
        message_rec_free(&after);
    }
    if (r == RES_OK)
        r = store_commit(a.s, &why);
    if (r != RES_OK)
        store_rollback(a.s);
    if (r == RES_REFUSED) {
        /* "field: reason": the reason beside the field, what was typed kept. */
        json_t *ctx = json_object();
        char *colon = why ? strstr(why, ": ") : NULL;
        const char *field = "action";
        const char *reason = why ? why : "无法办理";
        if (colon) {
            *colon = '\0';
            field = why;
            reason = colon + 2;
        }
        form_error(ctx, field, reason);
        static const char *const keep[] = {"action",         "to_agency",   "assignee",     "text",
                                           "public_subject", "public_body", "public_reply", NULL};
        form_keep(ctx, req, keep);
        view_set(ctx, "failed_action", form_text(req, "action"));
        message_page(req, res, &a, &m, ctx, 422);
        json_decref(ctx);
        message_rec_free(&m);
        free(why);
        return;
    }
    if (r != RES_OK) {
        message_rec_free(&m);
        web_fail(req, res, r, why, NULL);
        return;
    }
    free(why);
    /* After a transfer the message is another agency's: back to the queue. */
    const char *to = c.action == MSG_ACT_TRANSFER || c.action == MSG_ACT_REJECT
                         ? arena_printf(req->arena, "/admin/messages?done=%s", msg_actions[c.action].code)
                         : arena_printf(req->arena, "/admin/messages/%s?done=%s", m.number, msg_actions[c.action].code);
    message_rec_free(&m);
    form_redirect(res, to);
}

/* ------------------------------------------------------------------ sensitive words */

static int on_word(const char *word, void *ud)
{
    json_array_append_new(ud, view_str(word));
    return 0;
}

static void words_page(struct request *req, struct response *res, struct admin *a, json_t *ctx, int status)
{
    json_t *words = json_array();
    char *why = NULL;
    res_t r = store_msg_words_each(a->s, on_word, words, &why);
    if (r != RES_OK) {
        json_decref(words);
        web_fail(req, res, r, why, NULL);
        return;
    }
    json_object_set_new(ctx, "words", words);
    view_set(ctx, "title", "敏感词");
    view_set(ctx, "section", "messages");
    admin_render(req, res, a, status, "admin/message_words", ctx);
}

void admin_message_words(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, WORDS_ROLES, &a))
        return;
    json_t *ctx = json_object();
    if (req_query(req, "done"))
        view_set(ctx, "notice", "敏感词已更新。");
    words_page(req, res, &a, ctx, 200);
    json_decref(ctx);
}

void admin_message_words_post(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, WORDS_ROLES, &a))
        return;
    const char *op = form_text(req, "op"), *word = form_text(req, "word");
    bool add = strcmp(op, "add") == 0;
    char *why = NULL;
    res_t r = store_begin(a.s, &why);
    if (r == RES_OK)
        r = add ? store_msg_word_add(a.s, word, &why) : store_msg_word_remove(a.s, word, &why);
    if (r == RES_OK)
        r = admin_audit(req, &a, add ? "message_word.add" : "message_word.remove",
                        arena_printf(req->arena, "word:%s", word), NULL, NULL, &why);
    if (r == RES_OK)
        r = store_commit(a.s, &why);
    if (r != RES_OK)
        store_rollback(a.s);
    if (r == RES_REFUSED || r == RES_NOT_FOUND) {
        json_t *ctx = json_object();
        form_error(ctx, "word", r == RES_NOT_FOUND ? "没有这个敏感词。" : "敏感词为1至50个字，不含空格。");
        static const char *const keep[] = {"word", NULL};
        form_keep(ctx, req, keep);
        free(why);
        words_page(req, res, &a, ctx, 422);
        json_decref(ctx);
        return;
    }
    if (r != RES_OK) {
        web_fail(req, res, r, why, NULL);
        return;
    }
    free(why);
    form_redirect(res, "/admin/messages/words?done=1");
}
