/* 互动交流: the published Q&As of messages from the public (issue 10 item 1).
 *
 *   /hdjl                 the section: each kind with its latest Q&As, this year's figures
 *   /hdjl/<slug>          the Q&As of one kind (jyxc 建言献策, ldxx 领导信箱, zx 咨询, ts 投诉), paged
 *   /hdjl/qa/<number>     one Q&A
 *   /hdjl/search?q=…      full text over the public versions (uncached)
 *
 * Only the public version of a published message is ever read here (public_subject,
 * public_body, public_reply); the store masks the rest anyway (viewer NULL). */
#include "web/public/pages.h"
#include "store/store_messages.h"
#include "util/date.h"
#include <stdlib.h>
#include <string.h>

#define LATEST_PER_KIND 5

const char *url_message_qa(struct request *req, const char *number)
{
    return arena_printf(req->arena, "/hdjl/qa/%s", url_component(req, number));
}

static const char *kind_href(struct request *req, int kind)
{
    return arena_printf(req->arena, "/hdjl/%s", msg_kinds[kind].slug);
}

struct rows {
    struct page *pg;
    json_t *list;
};

/* {href, title, number, kind, agency, date}: a Q&A in a list. */
static int qa_row(const struct message_rec *m, void *ud)
{
    struct rows *w = ud;
    struct request *req = w->pg->req;
    json_t *o = json_object();
    view_set(o, "href", url_message_qa(req, m->number));
    view_set(o, "title", m->public_subject);
    view_set(o, "number", m->number);
    view_set(o, "kind", msg_kinds[m->kind].name);
    view_set(o, "agency", m->agency_name);
    view_set(o, "date", view_date_cn(req, m->published));
    json_array_append_new(w->list, o);
    return 0;
}

/* The published Q&As matching Q, OFFSET.., as rows; NULL on a database error (answered). */
static json_t *qa_list(struct page *pg, const struct msg_query *q, long long offset, int limit)
{
    struct rows w = {pg, json_array()};
    char *err = NULL;
    res_t rc = store_messages_each(pg->s, q, NULL, offset, limit, qa_row, &w, &err);
    if (rc) {
        json_decref(w.list);
        page_fail(pg, rc, err);
        return NULL;
    }
    free(err);
    return w.list;
}

/* The second row of the section: the kinds, 我要写信, 在线查询. */
static void section_keys(struct page *pg, const char *title)
{
    view_set(pg->ctx, "title", title);
    view_set(pg->ctx, "section", "hdjl");
}

/* This year's figures: received and published per kind (a figure the year's report can
 * show too). False on a database error (answered). */
static bool year_figures(struct page *pg, int year)
{
    long long received[MSG_KIND_COUNT], published[MSG_KIND_COUNT];
    char *err = NULL;
    res_t rc = store_messages_year_counts(pg->s, year, received, published, &err);
    if (rc) {
        page_fail(pg, rc, err);
        return false;
    }
    json_t *rows = json_array();
    long long tr = 0, tp = 0;
    for (int k = 0; k < MSG_KIND_COUNT; k++) {
        json_t *o = json_object();
        view_set(o, "kind", msg_kinds[k].name);
        view_set_int(o, "received", received[k]);
        view_set_int(o, "published", published[k]);
        json_array_append_new(rows, o);
        tr += received[k];
        tp += published[k];
    }
    json_t *fig = json_object();
    view_set_int(fig, "year", year);
    json_object_set_new(fig, "rows", rows);
    view_set_int(fig, "received", tr);
    view_set_int(fig, "published", tp);
    json_object_set_new(pg->ctx, "figures", fig);
    return true;
}

void page_hdjl(struct request *req, struct response *res)
{
    struct page pg;
    if (!page_begin(&pg, req, res))
        return;
    json_t *kinds = json_array();
    json_object_set_new(pg.ctx, "kinds", kinds);
    for (int k = 0; k < MSG_KIND_COUNT; k++) {
        struct msg_query q = {.states = MSG_STATE_BIT(MSG_PUBLISHED), .kind = k};
        json_t *list = qa_list(&pg, &q, 0, LATEST_PER_KIND);
        if (!list)
            return; /* answered */
        json_t *o = json_object();
        view_set(o, "name", msg_kinds[k].name);
        view_set(o, "slug", msg_kinds[k].slug);
        view_set(o, "href", kind_href(req, k));
        json_object_set_new(o, "items", list);
        json_array_append_new(kinds, o);
    }
    if (!year_figures(&pg, year_of_date(pg.today)))
        return;
    section_keys(&pg, "互动交流");
    view_set(pg.ctx, "description", "建言献策、领导信箱、咨询和投诉的公开答复");
    view_crumbs_here(pg.ctx, "互动交流");
    page_render(&pg, "hdjl");
}

/* /hdjl/<slug>: the Q&As of one kind, newest first. */
static void kind_page(struct page *pg, int kind)
{
    struct request *req = pg->req;
    long long page = query_page(req), total = 0;
    if (!page) {
        page_error(pg, 400, "页码不正确。");
        return;
    }
    struct msg_query q = {.states = MSG_STATE_BIT(MSG_PUBLISHED), .kind = kind};
    char *err = NULL;
    res_t rc = store_messages_count(pg->s, &q, &total, &err);
    if (rc) {
        page_fail(pg, rc, err);
        return;
    }
    long long pages = total ? (total + PAGE_SIZE - 1) / PAGE_SIZE : 1;
    if (page > pages) {
        page_error(pg, 404, "没有这一页。");
        return;
    }
    json_t *list = qa_list(pg, &q, (page - 1) * PAGE_SIZE, PAGE_SIZE);
    if (!list)
        return;
    json_object_set_new(pg->ctx, "items", list);
    view_set_int(pg->ctx, "total", total);
    json_t *pager = view_pager(req, page, pages);
    if (pager)
        json_object_set_new(pg->ctx, "pager", pager);
    section_keys(pg, msg_kinds[kind].name);
    view_set(pg->ctx, "kind_code", msg_kinds[kind].code);
    json_t *crumbs = json_array();
    view_crumb(crumbs, "互动交流", "/hdjl");
    view_crumb(crumbs, msg_kinds[kind].name, NULL);
    json_object_set_new(pg->ctx, "crumbs", crumbs);
    page_render(pg, "hdjl_list");
}

/* Text as paragraphs: one per line that holds something. */
static json_t *paragraphs(const char *text)
{
    json_t *a = json_array();
    for (const char *p = text ? text : ""; *p;) {
        size_t n = strcspn(p, "\n");
        size_t m = n;
        while (m && (p[m - 1] == '\r' || p[m - 1] == ' '))
            m--;
        if (m) {
            char *line = strndup(p, m);
            json_array_append_new(a, view_str(line));
            free(line);
        }
        p += n;
        if (*p == '\n')
            p++;
    }
    return a;
}

static void qa_page(struct page *pg, const char *number)
{
    struct request *req = pg->req;
    char norm[MSG_NUMBER_SIZE];
    int year;
    long long seq;
    if (!msg_number_parse(number, &year, &seq, norm)) {
        page_error(pg, 404, "没有这条留言。");
        return;
    }
    struct message_rec m;
    char *err = NULL;
    res_t rc = store_message_get(pg->s, norm, NULL, &m, &err);
    if (rc == RES_OK && m.state != MSG_PUBLISHED)
        rc = RES_NOT_FOUND; /* only published Q&As are public */
    if (rc) {
        if (rc == RES_OK || rc == RES_NOT_FOUND) {
            free(err);
            message_rec_free(&m);
            page_error(pg, 404, "没有这条公开的留言。");
        } else {
            message_rec_free(&m);
            page_fail(pg, rc, err);
        }
        return;
    }
    json_t *qa = json_object();
    json_object_set_new(pg->ctx, "qa", qa);
    view_set(qa, "number", m.number);
    view_set(qa, "kind", msg_kinds[m.kind].name);
    view_set(qa, "kind_href", kind_href(req, (int)m.kind));
    view_set(qa, "subject", m.public_subject);
    json_object_set_new(qa, "body", paragraphs(m.public_body));
    json_object_set_new(qa, "reply", paragraphs(m.public_reply));
    view_set(qa, "agency", m.agency_name);
    view_set(qa, "agency_href", url_agency(req, m.agency));
    view_set(qa, "created", view_date_cn(req, m.created));
    view_set(qa, "replied", view_date_cn(req, m.replied));
    view_set(qa, "published", view_date_cn(req, m.published));
    section_keys(pg, m.public_subject);
    json_t *crumbs = json_array();
    view_crumb(crumbs, "互动交流", "/hdjl");
    view_crumb(crumbs, msg_kinds[m.kind].name, kind_href(req, (int)m.kind));
    view_crumb(crumbs, m.public_subject, NULL);
    json_object_set_new(pg->ctx, "crumbs", crumbs);
    message_rec_free(&m);
    page_render(pg, "hdjl_qa");
}

void page_hdjl_sub(struct request *req, struct response *res)
{
    struct page pg;
    if (!page_begin(&pg, req, res))
        return;
    const char *tail = req->tail;
    if (strncmp(tail, "qa/", 3) == 0) {
        qa_page(&pg, tail + 3);
        return;
    }
    int kind = msg_kind_by_slug(tail);
    if (kind < 0) {
        page_error(&pg, 404, "互动交流没有这个栏目。");
        return;
    }
    kind_page(&pg, kind);
}

void page_hdjl_search(struct request *req, struct response *res)
{
    struct page pg;
    if (!page_begin(&pg, req, res))
        return;
    const char *q = req_query(req, "q");
    long long page = query_page(req), total = 0;
    struct search_terms terms = {0};
    if (!page) {
        page_error(&pg, 400, "页码不正确。");
        return;
    }
    view_set(pg.ctx, "mq", q);
    section_keys(&pg, "搜索留言");
    view_set_bool(pg.ctx, "noindex", true);
    json_t *crumbs = json_array();
    view_crumb(crumbs, "互动交流", "/hdjl");
    view_crumb(crumbs, "搜索留言", NULL);
    json_object_set_new(pg.ctx, "crumbs", crumbs);
    if (!search_terms_parse(q, &terms)) {
        search_terms_free(&terms);
        view_set_bool(pg.ctx, "empty_query", q != NULL);
        page_render(&pg, "hdjl_search");
        return;
    }
    struct msg_query mq = {.states = MSG_STATE_BIT(MSG_PUBLISHED), .kind = -1, .terms = &terms};
    char *err = NULL;
    res_t rc = store_messages_count(pg.s, &mq, &total, &err);
    long long pages = total ? (total + PAGE_SIZE - 1) / PAGE_SIZE : 1;
    json_t *list = NULL;
    if (rc) {
        search_terms_free(&terms);
        page_fail(&pg, rc, err);
        return;
    }
    if (page > pages) {
        search_terms_free(&terms);
        page_error(&pg, 404, "没有这一页。");
        return;
    }
    list = qa_list(&pg, &mq, (page - 1) * PAGE_SIZE, PAGE_SIZE);
    search_terms_free(&terms);
    if (!list)
        return;
    json_object_set_new(pg.ctx, "items", list);
    view_set_int(pg.ctx, "total", total);
    view_set_bool(pg.ctx, "searched", true);
    json_t *pager = view_pager(req, page, pages);
    if (pager)
        json_object_set_new(pg.ctx, "pager", pager);
    page_render(&pg, "hdjl_search");
}

/* ------------------------------------------------------------------ 在线查询 */

/* A hash compared for an unknown number too, so that its answer takes as long as a wrong
 * code's. */
#define DUMMY_HASH "0000000000000000000000000000000000000000000000000000000000000000"

res_t message_lookup(struct page *pg, const char *number, const char *code, json_t *out, char **err)
{
    struct request *req = pg->req;
    char norm[MSG_NUMBER_SIZE] = "LY0000-000000", c[MSG_CODE_LEN + 1] = "", hash[CODES_HASH_HEX];
    int year;
    long long seq;
    bool shaped = msg_number_parse(number, &year, &seq, norm);
    bool code_ok = msg_code_normalize(code, c);
    struct message_rec m;
    memset(&m, 0, sizeof m);
    res_t rc = shaped ? store_message_get(pg->s, norm, NULL, &m, err) : RES_NOT_FOUND;
    if (rc != RES_OK && rc != RES_NOT_FOUND)
        return rc;
    message_code_hash(norm, c, hash);
    bool match = codes_equal(hash, rc == RES_OK && m.code_hash ? m.code_hash : DUMMY_HASH);
    if (rc != RES_OK || !code_ok || !match || m.state == MSG_REJECTED) {
        message_rec_free(&m);
        return RES_NOT_FOUND;
    }
    view_set(out, "number", m.number);
    view_set(out, "kind", msg_kinds[m.kind].name);
    view_set(out, "subject", m.subject);
    view_set(out, "agency", m.agency_name);
    view_set(out, "state", msg_states[m.state].label);
    view_set(out, "state_code", msg_states[m.state].code);
    view_set(out, "created", view_date_cn(req, m.created));
    if (msg_state_open(m.state) || m.state == MSG_MODERATION)
        view_set_opt(out, "due", view_date_cn(req, m.due));
    if (m.state == MSG_REPLIED || m.state == MSG_PUBLISHED) {
        json_object_set_new(out, "reply", paragraphs(m.reply));
        view_set(out, "replied", view_date_cn(req, m.replied));
    }
    if (m.state == MSG_PUBLISHED)
        view_set(out, "qa_href", url_message_qa(req, m.number));
    if (m.state == MSG_CLOSED)
        view_set_opt(out, "note", m.note);
    message_rec_free(&m);
    return RES_OK;
}
