/* The editorial workflow (issue 8, item 3): the state machine and its roles
 * (domain/workflow.c), 索引号 patterns (domain/index_pattern.c), the line diff
 * (text/line_diff.c), the form's validation through the import's rules
 * (records/item_form.c), and the store's changes on a real database: revisions, the
 * concurrency refusal, separation of duties, publication now and on a later day, withdrawal
 * with its public note, 有效性, the audit hook and its rollback, and that drafts stay out of
 * every public list, search and the report. */
#include "domain/index_pattern.h"
#include "domain/workflow.h"
#include "records/export.h"
#include "records/import.h"
#include "records/item_form.h"
#include "store/store.h"
#include "store/store_portal.h"
#include "store/store_search.h"
#include "store/store_workflow.h"
#include "test.h"
#include "test_db.h"
#include "text/line_diff.h"
#include "text/search_query.h"
#include "util/date.h"
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ domain */

static void test_roles(void)
{
    char *err = NULL;
    struct wf_who editor = {1, "editor", "A"}, reviewer = {2, "reviewer", "A"}, admin = {3, "admin", "A"};
    struct wf_who other_editor = {4, "editor", "B"}, auditor = {5, "auditor", "A"}, platform = {6, "platform_admin", NULL};
    struct wf_who handler = {7, "handler", "A"};
    CHECK_INT(wf_may(&editor, WF_CREATE, "A", &err), RES_OK);
    CHECK_INT(wf_may(&editor, WF_SUBMIT, "A", &err), RES_OK);
    CHECK_INT(wf_may(&editor, WF_APPROVE, "A", &err), RES_REFUSED);
    CHECK_CONTAINS(err, "role:");
    CHECK_INT(wf_may(&editor, WF_PUBLISH, "A", &err), RES_REFUSED);
    CHECK_INT(wf_may(&reviewer, WF_SAVE, "A", &err), RES_REFUSED);
    CHECK_INT(wf_may(&reviewer, WF_APPROVE, "A", &err), RES_OK);
    CHECK_INT(wf_may(&reviewer, WF_WITHDRAW, "A", &err), RES_OK);
    CHECK_INT(wf_may(&admin, WF_SAVE, "A", &err), RES_OK);
    CHECK_INT(wf_may(&admin, WF_PUBLISH, "A", &err), RES_OK);
    struct wf_who both = {8, "editor,reviewer", "A"};
    CHECK_INT(wf_may(&both, WF_SAVE, "A", &err), RES_OK);
    CHECK_INT(wf_may(&both, WF_APPROVE, "A", &err), RES_OK);
    CHECK(wf_has_role("auditor,reviewer", "reviewer") && !wf_has_role("auditor,reviewers", "reviewer"));
    CHECK(!wf_has_role("", "editor") && !wf_has_role(NULL, "editor") && !wf_has_role("editor2", "editor"));
    CHECK_INT(wf_may(&admin, WF_PUBLISH, "B", &err), RES_REFUSED);
    CHECK_CONTAINS(err, "agency:");
    CHECK_INT(wf_may(&other_editor, WF_SAVE, "A", &err), RES_REFUSED);
    CHECK_CONTAINS(err, "agency:");
    CHECK_INT(wf_may(&auditor, WF_SAVE, "A", &err), RES_REFUSED);
    CHECK_INT(wf_may(&auditor, WF_APPROVE, "A", &err), RES_REFUSED);
    CHECK_INT(wf_may(&handler, WF_CREATE, "A", &err), RES_REFUSED);
    CHECK_INT(wf_may(&platform, WF_CREATE, NULL, &err), RES_REFUSED);
    CHECK_INT(wf_may(&platform, WF_PUBLISH, "A", &err), RES_REFUSED);
    free(err);
}

static void test_transitions(void)
{
    char *err = NULL;
    struct wf_who editor = {1, "editor", "A"}, reviewer = {2, "reviewer", "A"}, admin = {3, "admin", "A"};
    enum wf_state next = WF_STATE_COUNT;
    struct wf_item it = {WF_DRAFT, "A", false, 1};
    CHECK_INT(wf_check(&editor, &it, WF_SUBMIT, &next, &err), RES_OK);
    CHECK_INT(next, WF_SUBMITTED);
    CHECK_INT(wf_check(&reviewer, &it, WF_APPROVE, &next, &err), RES_REFUSED); /* not submitted */
    CHECK_CONTAINS(err, "state:");
    CHECK_CONTAINS(err, "草稿");
    CHECK_INT(wf_check(&reviewer, &it, WF_PUBLISH, &next, &err), RES_REFUSED);
    CHECK_INT(wf_check(&reviewer, &it, WF_WITHDRAW, &next, &err), RES_REFUSED); /* not public */
    it.state = WF_SUBMITTED;
    CHECK_INT(wf_check(&reviewer, &it, WF_RETURN, &next, &err), RES_OK);
    CHECK_INT(next, WF_RETURNED);
    CHECK_INT(wf_check(&reviewer, &it, WF_APPROVE, &next, &err), RES_OK);
    CHECK_INT(next, WF_APPROVED);
    CHECK_INT(wf_check(&editor, &it, WF_SUBMIT, &next, &err), RES_REFUSED); /* already */
    /* separation of duties: an admin who wrote the revision cannot approve it */
    it.rev_author_id = 3;
    CHECK_INT(wf_check(&admin, &it, WF_APPROVE, &next, &err), RES_REFUSED);
    CHECK_CONTAINS(err, "reviewer:");
    it.state = WF_RETURNED;
    CHECK_INT(wf_check(&editor, &it, WF_SUBMIT, &next, &err), RES_OK);
    it.state = WF_APPROVED;
    CHECK_INT(wf_check(&reviewer, &it, WF_PUBLISH, &next, &err), RES_OK);
    CHECK_INT(next, WF_PUBLISHED);
    CHECK_INT(wf_check(&editor, &it, WF_SAVE, &next, &err), RES_OK); /* a change goes back to draft */
    CHECK_INT(next, WF_DRAFT);
    it.state = WF_PUBLISHED;
    it.live = true;
    CHECK_INT(wf_check(&reviewer, &it, WF_WITHDRAW, &next, &err), RES_OK);
    CHECK_INT(next, WF_WITHDRAWN);
    CHECK_INT(wf_check(&reviewer, &it, WF_VALIDITY, &next, &err), RES_OK);
    CHECK_INT(next, WF_PUBLISHED);
    CHECK(wf_needs_note(WF_RETURN) && wf_needs_note(WF_WITHDRAW) && !wf_needs_note(WF_APPROVE));
    free(err);
}

static void test_index_pattern(void)
{
    char *err = NULL;
    CHECK_INT(index_pattern_check(INDEX_PATTERN_DEFAULT, &err), RES_OK);
    CHECK_INT(index_pattern_check("GN-{year}-{seq}", &err), RES_OK);
    CHECK_INT(index_pattern_check("{agency_code}/{year}", &err), RES_REFUSED); /* no serial */
    CHECK_CONTAINS(err, "index_pattern:");
    CHECK_INT(index_pattern_check("{agency}/{seq}", &err), RES_REFUSED);
    CHECK_INT(index_pattern_check("{seq:0}", &err), RES_REFUSED);
    CHECK_INT(index_pattern_check("{seq", &err), RES_REFUSED);
    CHECK_INT(index_pattern_check("seq}", &err), RES_REFUSED);
    CHECK_INT(index_pattern_check("", &err), RES_REFUSED);
    free(err);
    char *s = index_pattern_format(NULL, "11230403MB1234567X", 2024, 17);
    CHECK_STR(s, "11230403MB1234567X/2024-00017");
    free(s);
    s = index_pattern_format("工农-{year}-{seq:3}号", "X", 2026, 7);
    CHECK_STR(s, "工农-2026-007号");
    free(s);
    s = index_pattern_format("{seq}", "X", 2026, 123456);
    CHECK_STR(s, "123456");
    free(s);
    CHECK(index_pattern_format("{year}", "X", 2026, 1) == NULL);
}

static void diff_is(const char *a, const char *b, const char *want, size_t added, size_t removed)
{
    struct line_diff d;
    line_diff(a, b, &d);
    char *text = line_diff_text(&d);
    CHECK_STR(text, want);
    CHECK_INT(d.added, added);
    CHECK_INT(d.removed, removed);
    free(text);
    line_diff_free(&d);
}

static void test_diff(void)
{
    diff_is("a\nb\nc\n", "a\nb\nc\n", "  a\n  b\n  c\n", 0, 0);
    diff_is("a\nb\nc", "a\nx\nc", "  a\n- b\n+ x\n  c\n", 1, 1);
    diff_is(NULL, "一\n二", "+ 一\n+ 二\n", 2, 0);
    diff_is("一\n二\n", "", "- 一\n- 二\n", 0, 2);
    diff_is("a\r\nb\r\n", "a\nb\n", "  a\n  b\n", 0, 0); /* line ends do not count */
    /* the longest common subsequence keeps the moved-around common lines */
    diff_is("x\na\nb\nc\ny\n", "a\nq\nb\nc\nz\n", "- x\n  a\n+ q\n  b\n  c\n- y\n+ z\n", 2, 2);
    /* past the table's bound: all removed, then all added, still a correct diff */
    size_t n = 3000;
    char *a = malloc(n * 3 + 1), *b = malloc(n * 3 + 1);
    for (size_t i = 0; i < n; i++) {
        memcpy(a + i * 3, "aa\n", 3);
        memcpy(b + i * 3, "bb\n", 3);
    }
    a[n * 3] = b[n * 3] = '\0';
    struct line_diff d;
    line_diff(a, b, &d);
    CHECK_INT(d.removed, n);
    CHECK_INT(d.added, n);
    line_diff_free(&d);
    free(a);
    free(b);
}

struct errs {
    char text[2000];
    int n;
};

static void collect(void *ud, const char *field, const char *reason)
{
    struct errs *e = ud;
    size_t len = strlen(e->text);
    snprintf(e->text + len, sizeof e->text - len, "%s: %s\n", field, reason);
    e->n++;
}

static void test_form(void)
{
    struct record r;
    struct errs e = {"", 0};
    struct item_form f = {.agency = "A1", .title = "关于开展安全检查的通知", .written = "2026-02-30",
                          .statutory = "law", .column = "GKML//x"};
    CHECK_INT(item_form_check(&f, &r, collect, &e), 3);
    CHECK_CONTAINS(e.text, "written: '2026-02-30' is not a date");
    CHECK_CONTAINS(e.text, "statutory:");
    CHECK_CONTAINS(e.text, "column:");
    record_release(&r);
    struct errs e2 = {"", 0};
    struct item_form g = {.agency = "A1", .title = "  ", .statutory = "rule"};
    CHECK_INT(item_form_check(&g, &r, collect, &e2), 2); /* blank title; a rule needs its 成文日期 */
    CHECK_CONTAINS(e2.text, "title: required");
    CHECK_CONTAINS(e2.text, "written: required for a rule");
    record_release(&r);
    struct errs e3 = {"", 0};
    struct item_form h = {.agency = "A1", .title = "通知", .written = "2026-03-01", .body = "正文"};
    CHECK_INT(item_form_check(&h, &r, collect, &e3), 0);
    CHECK_STR(r.u.item.title, "通知");
    CHECK_INT(r.u.item.written, date_from_ymd(2026, 3, 1));
    record_release(&r);
}

/* ------------------------------------------------------------------ the store */

static store_t *s;

static void import_text(const char *jsonl)
{
    FILE *f = fmemopen((void *)jsonl, strlen(jsonl), "r");
    struct import_result res;
    CHECK_INT(import_stream(s, f, "(test)", false, stderr, &res), 0);
    fclose(f);
}

struct audit_log {
    int calls;
    char last[600];
    bool fail;
};

static res_t audit_hook(store_t *st, const struct item_change *c, void *ud, char **err)
{
    (void)st;
    struct audit_log *log = ud;
    log->calls++;
    snprintf(log->last, sizeof log->last, "%s %s %s→%s v%d→%d %s", c->actor->login, wf_actions[c->action].code,
             wf_states[c->before].code, wf_states[c->after].code, c->version_before, c->version_after, c->summary);
    if (log->fail) {
        free(*err);
        *err = strdup("audit: the log is full");
        return RES_FAILED;
    }
    return RES_OK;
}

static long long agency_id_of(const char *code)
{
    struct agency a;
    char *err = NULL;
    long long id = store_get_agency(s, code, &a, &err) == RES_OK ? a.id : -1;
    agency_clear(&a);
    free(err);
    return id;
}

static long long public_count(const char *today)
{
    struct item_query q = {.today = today};
    long long n = -1;
    char *err = NULL;
    CHECK_INT(store_items_count(s, &q, &n, &err), RES_OK);
    free(err);
    return n;
}

static long long search_hits(const char *words, const char *today)
{
    struct search_terms terms;
    search_terms_parse(words, &terms);
    struct search_params p = {.terms = &terms, .filter = {.today = today}, .limit = 10};
    struct search_result res;
    char *err = NULL;
    long long n = -1;
    if (store_search(s, &p, &res, &err) == RES_OK)
        n = res.total;
    search_result_clear(&res);
    search_terms_free(&terms);
    free(err);
    return n;
}

static int count_row(const struct worklist_row *r, void *ud)
{
    (void)r;
    (*(int *)ud)++;
    return 0;
}

static int worklist_count(const char *agency, const char *state, long long author)
{
    struct worklist_query q = {.agency = agency, .state = state, .author_id = author, .limit = 200};
    int n = 0;
    char *err = NULL;
    CHECK_INT(store_item_worklist(s, &q, count_row, &n, &err), RES_OK);
    free(err);
    return n;
}

static int count_rev(const struct item_revision_row *r, void *ud)
{
    (void)r;
    (*(int *)ud)++;
    return 0;
}

static void test_store(void)
{
    char path[600];
    snprintf(path, sizeof path, "%.500s/wf.db", test_tmpdir());
    s = test_db_at(path);
    import_text("{\"type\":\"agency\",\"code\":\"GOV\",\"name\":\"工农区人民政府\"}\n"
                "{\"type\":\"agency\",\"code\":\"EDU\",\"name\":\"工农区教育局\",\"parent\":\"GOV\"}\n"
                "{\"type\":\"item\",\"id\":\"old-1\",\"agency\":\"GOV\",\"title\":\"旧文件\",\"body\":\"第一行\\n第二行\","
                "\"publications\":[{\"channel\":\"website\",\"at\":\"2020-05-01\"}]}\n"
                "{\"type\":\"item\",\"id\":\"taken\",\"agency\":\"GOV\",\"title\":\"占用\",\"index_no\":\"GN-2026-002\","
                "\"publications\":[{\"channel\":\"website\",\"at\":\"2020-05-01\"}]}\n");
    CHECK(agency_id_of("GOV") > 0);
    char today[DATE_STR_SIZE], tomorrow[DATE_STR_SIZE];
    gk_date t = date_today_cst();
    date_format(t, today);
    date_format(t + 1, tomorrow);
    int year = date_year(t);

    struct audit_log log = {0, "", false};
    struct wf_actor ed = {{101, "editor", "GOV"}, "zhang", "127.0.0.1", audit_hook, &log};
    struct wf_actor ed2 = {{102, "editor", "GOV"}, "li", "127.0.0.1", audit_hook, &log};
    struct wf_actor rv = {{201, "reviewer", "GOV"}, "wang", "127.0.0.1", audit_hook, &log};
    struct wf_actor edu_rv = {{301, "reviewer", "EDU"}, "zhao", "127.0.0.1", audit_hook, &log};
    char *err = NULL;
    long long before = public_count(today);

    /* an agency record carries its pattern, checked by the same rule */
    {
        const char *bad = "{\"type\":\"agency\",\"code\":\"GOV\",\"name\":\"工农区人民政府\",\"index_pattern\":\"GN-{year}\"}";
        struct record rec;
        struct errs e = {"", 0};
        CHECK_INT(record_parse(bad, strlen(bad), NULL, &rec, collect, &e), 1);
        CHECK_CONTAINS(e.text, "index_pattern: 索引号规则必须含有序号");
        record_release(&rec);
    }
    /* 索引号 from the agency's pattern, skipping a number an import already holds */
    CHECK_INT(store_agency_index_pattern(s, "GOV", "GN-{year}", &err), RES_REFUSED);
    CHECK_INT(store_agency_index_pattern(s, "NOPE", "GN-{seq}", &err), RES_NOT_FOUND);
    char *pattern = NULL;
    {
        char p[64];
        snprintf(p, sizeof p, "GN-{year}-{seq:3}");
        pattern = strdup(p);
    }
    CHECK_INT(store_agency_index_pattern(s, "GOV", pattern, &err), RES_OK);
    free(pattern);

    struct item_rec r = {.agency = "GOV", .title = "关于做好冬季供暖工作的通知", .body = "一、总体要求\n二、工作安排\n",
                         .column = "gkml/gsgg", .topic = "城乡建设", .written = t, .statutory = "normative_document"};
    long long id = 0, again = 0;
    CHECK_INT(store_item_create(s, &ed, &r, "tok-1", &id, &err), RES_OK);
    CHECK(id > 0);
    CHECK_INT(store_item_create(s, &ed, &r, "tok-1", &again, &err), RES_OK); /* double submit */
    CHECK_INT(again, id);
    CHECK_INT(log.calls, 1);
    CHECK_CONTAINS(log.last, "zhang create draft→draft v0→1");
    struct item_work w;
    CHECK_INT(store_item_work(s, id, &w, &err), RES_OK);
    char want_no[32];
    snprintf(want_no, sizeof want_no, "GN-%d-001", year);
    CHECK_STR(w.index_no, want_no);
    CHECK_INT(w.state, WF_DRAFT);
    CHECK_INT(w.version, 1);
    CHECK_INT(w.rev, 1);
    CHECK(!w.live);
    CHECK_STR(w.agency_code, "GOV");
    item_work_clear(&w);
    /* the next number: 002 is the import's, so 003 */
    long long id2 = 0;
    struct item_rec r2 = {.agency = "GOV", .title = "第二份", .written = t};
    if (year == 2026) {
        CHECK_INT(store_item_create(s, &ed, &r2, NULL, &id2, &err), RES_OK);
        CHECK_INT(store_item_work(s, id2, &w, &err), RES_OK);
        CHECK_STR(w.index_no, "GN-2026-003");
        item_work_clear(&w);
    }
    /* a given 索引号 must be free */
    struct item_rec r3 = {.agency = "GOV", .title = "第三份", .index_no = "GN-2026-002"};
    long long id3 = 0;
    CHECK_INT(store_item_create(s, &ed, &r3, NULL, &id3, &err), RES_REFUSED);
    CHECK_CONTAINS(err, "index_no:");
    /* roles and agencies, inside the store too */
    CHECK_INT(store_item_create(s, &rv, &r2, NULL, &id3, &err), RES_REFUSED);
    CHECK_CONTAINS(err, "role:");
    CHECK_INT(store_item_save(s, &edu_rv, id, 1, &r, &err), RES_REFUSED);
    CHECK_CONTAINS(err, "role:");

    /* a draft is nowhere public, not in search, not in the report's 规范性文件 */
    CHECK_INT(public_count(today), before);
    CHECK_INT(search_hits("供暖", today), 0);
    struct agency ga;
    CHECK_INT(store_get_agency(s, "GOV", &ga, &err), RES_OK);
    struct report_figures fig;
    CHECK_INT(store_report_figures(s, &ga, true, year, &fig, &err), RES_OK);
    CHECK_INT(fig.normative_documents.issued, 0);

    /* save: a new revision; the concurrency refusal names who saved in between */
    r.body = "一、总体要求\n二、工作安排（修订）\n三、保障措施\n";
    CHECK_INT(store_item_save(s, &ed, id, 1, &r, &err), RES_OK);
    CHECK_INT(store_item_save(s, &ed, id, 1, &r, &err), RES_OK); /* the same save again: nothing new */
    struct item_rec r_other = r;
    r_other.body = "别人的版本";
    CHECK_INT(store_item_save(s, &ed2, id, 1, &r_other, &err), RES_REFUSED);
    CHECK_CONTAINS(err, "version:");
    CHECK_CONTAINS(err, "zhang");
    CHECK_CONTAINS(err, "第 1 版");
    CHECK_CONTAINS(err, "第 2 版");
    CHECK_INT(store_item_work(s, id, &w, &err), RES_OK);
    CHECK_INT(w.version, 2);
    CHECK_INT(w.rev, 2);
    CHECK_STR(w.body, r.body);
    CHECK_STR(w.rev_author, "zhang");
    item_work_clear(&w);
    int nrev = 0;
    CHECK_INT(store_item_revisions(s, id, count_rev, &nrev, &err), RES_OK);
    CHECK_INT(nrev, 2);
    char *t1 = NULL, *b1 = NULL, *t2 = NULL, *b2 = NULL;
    CHECK_INT(store_item_revision_text(s, id, 1, &t1, &b1, &err), RES_OK);
    CHECK_INT(store_item_revision_text(s, id, 2, &t2, &b2, &err), RES_OK);
    struct line_diff d;
    line_diff(b1, b2, &d);
    char *dt = line_diff_text(&d);
    CHECK_STR(dt, "  一、总体要求\n- 二、工作安排\n+ 二、工作安排（修订）\n+ 三、保障措施\n");
    free(dt);
    line_diff_free(&d);
    free(t1), free(b1), free(t2), free(b2);
    CHECK_INT(store_item_revision_text(s, id, 9, &t1, &b1, &err), RES_NOT_FOUND);

    /* the work lists */
    CHECK_INT(worklist_count("GOV", NULL, 0), year == 2026 ? 2 : 1);
    CHECK_INT(worklist_count("GOV", "draft", 101), year == 2026 ? 2 : 1);
    CHECK_INT(worklist_count("GOV", "draft", 102), 0);
    CHECK_INT(worklist_count("EDU", NULL, 0), 0);

    /* submit; a reviewer returns it with a comment; return needs the comment */
    struct wf_request submit = {.action = WF_SUBMIT}, ret = {.action = WF_RETURN, .note = "第三条请补充责任单位"};
    struct wf_request ret_empty = {.action = WF_RETURN}, approve = {.action = WF_APPROVE};
    CHECK_INT(store_item_act(s, &rv, id, 2, &approve, &err), RES_REFUSED); /* still a draft */
    CHECK_INT(store_item_act(s, &ed, id, 2, &submit, &err), RES_OK);
    CHECK_INT(store_item_act(s, &ed, id, 2, &submit, &err), RES_OK); /* double click */
    CHECK_INT(store_item_act(s, &rv, id, 3, &ret_empty, &err), RES_REFUSED);
    CHECK_CONTAINS(err, "note:");
    CHECK_INT(store_item_act(s, &edu_rv, id, 3, &ret, &err), RES_REFUSED); /* another agency's reviewer */
    CHECK_CONTAINS(err, "agency:");
    CHECK_INT(store_item_act(s, &rv, id, 3, &ret, &err), RES_OK);
    CHECK_INT(store_item_work(s, id, &w, &err), RES_OK);
    CHECK_INT(w.state, WF_RETURNED);
    CHECK_STR(w.review_note, "第三条请补充责任单位");
    item_work_clear(&w);
    /* fixed, submitted again, approved by the reviewer */
    r.body = "一、总体要求\n二、工作安排（修订）\n三、保障措施（责任单位：区住建局）\n";
    CHECK_INT(store_item_save(s, &ed, id, 4, &r, &err), RES_OK);
    CHECK_INT(store_item_act(s, &ed, id, 5, &submit, &err), RES_OK);
    /* separation of duties: an admin who wrote the revision cannot approve it */
    struct wf_actor ed_admin = {{101, "admin", "GOV"}, "zhang", NULL, audit_hook, &log};
    CHECK_INT(store_item_act(s, &ed_admin, id, 6, &approve, &err), RES_REFUSED);
    CHECK_CONTAINS(err, "reviewer:");
    /* the audit hook failing rolls the change back */
    log.fail = true;
    CHECK_INT(store_item_act(s, &rv, id, 6, &approve, &err), RES_FAILED);
    CHECK_CONTAINS(err, "audit:");
    log.fail = false;
    CHECK_INT(store_item_work(s, id, &w, &err), RES_OK);
    CHECK_INT(w.state, WF_SUBMITTED);
    CHECK_INT(w.version, 6);
    item_work_clear(&w);
    CHECK_INT(store_item_act(s, &rv, id, 6, &approve, &err), RES_OK);
    CHECK_CONTAINS(log.last, "wang approve submitted→approved v6→7");

    /* publication on a later day: scheduled, public from that day */
    struct wf_request later = {.action = WF_PUBLISH, .on = t + 1}, past = {.action = WF_PUBLISH, .on = t - 1};
    CHECK_INT(store_item_act(s, &rv, id, 7, &past, &err), RES_REFUSED);
    CHECK_CONTAINS(err, "on:");
    CHECK_INT(store_item_act(s, &ed, id, 7, &later, &err), RES_REFUSED); /* editors do not publish */
    CHECK_INT(store_item_act(s, &rv, id, 7, &later, &err), RES_OK);
    CHECK_INT(public_count(today), before);
    CHECK_INT(public_count(tomorrow), before + 1);
    CHECK_INT(search_hits("供暖", today), 0);
    CHECK_INT(search_hits("供暖", tomorrow), 1);
    CHECK_INT(store_item_work(s, id, &w, &err), RES_OK);
    CHECK_INT(w.state, WF_PUBLISHED);
    CHECK(w.live);
    CHECK_STR(w.published, tomorrow);
    CHECK_INT(w.live_rev, 3);
    char ext_id[64];
    snprintf(ext_id, sizeof ext_id, "%s", w.ext_id);
    item_work_clear(&w);
    CHECK_INT(store_report_figures(s, &ga, true, date_year(t + 1), &fig, &err), RES_OK);
    CHECK_INT(fig.normative_documents.issued, date_year(t + 1) == year ? 1 : 0);
    CHECK_INT(fig.pubs_by_channel[PUB_CHANNEL_WEBSITE], 1); /* the scheduled website publication */

    /* a new revision of a public item: the public text stays until it is published */
    r.title = "关于做好冬季供暖工作的通知（更正）";
    CHECK_INT(store_item_save(s, &ed, id, 8, &r, &err), RES_OK);
    struct portal_item pi;
    CHECK_INT(store_portal_item(s, ext_id, tomorrow, &pi, &err), RES_OK);
    CHECK_STR(pi.title, "关于做好冬季供暖工作的通知");
    portal_item_free(&pi);
    CHECK_INT(public_count(tomorrow), before + 1); /* still public while its revision goes round */
    CHECK_INT(store_item_act(s, &ed, id, 9, &submit, &err), RES_OK);
    CHECK_INT(store_item_act(s, &rv, id, 10, &approve, &err), RES_OK);
    CHECK_INT(store_item_act(s, &rv, id, 11, &later, &err), RES_REFUSED); /* a public item's revision: now */
    struct wf_request now = {.action = WF_PUBLISH};
    CHECK_INT(store_item_act(s, &rv, id, 11, &now, &err), RES_OK);
    CHECK_INT(store_portal_item(s, ext_id, tomorrow, &pi, &err), RES_OK);
    CHECK_STR(pi.title, "关于做好冬季供暖工作的通知（更正）");
    CHECK_STR(pi.published, tomorrow); /* the first publication stays the date */
    portal_item_free(&pi);

    /* 有效性 */
    struct wf_request repeal = {.action = WF_VALIDITY, .validity = WF_REPEALED, .on = t - 1};
    CHECK_INT(store_item_act(s, &rv, id, 12, &repeal, &err), RES_REFUSED); /* before its 成文日期 */
    CHECK_CONTAINS(err, "on:");
    repeal.on = t + 30;
    CHECK_INT(store_item_act(s, &rv, id, 12, &repeal, &err), RES_OK);
    CHECK_INT(store_item_work(s, id, &w, &err), RES_OK);
    CHECK_STR(w.validity, "repealed");
    char want_rep[DATE_STR_SIZE];
    CHECK_STR(w.repealed, date_format(t + 30, want_rep));
    CHECK_INT(w.state, WF_PUBLISHED);
    item_work_clear(&w);

    /* withdrawal: gone from every list and search at once, its note left at its address */
    struct wf_request wd_empty = {.action = WF_WITHDRAW}, wd = {.action = WF_WITHDRAW, .note = "该通知内容有误，已撤回。"};
    CHECK_INT(store_item_act(s, &rv, id, 13, &wd_empty, &err), RES_REFUSED);
    CHECK_INT(store_item_act(s, &rv, id, 13, &wd, &err), RES_OK);
    CHECK_INT(public_count(tomorrow), before);
    CHECK_INT(search_hits("供暖", tomorrow), 0);
    CHECK_INT(store_portal_item(s, ext_id, tomorrow, &pi, &err), RES_NOT_FOUND);
    portal_item_free(&pi);
    char *wt = NULL, *won = NULL, *wnote = NULL;
    CHECK_INT(store_item_withdrawal(s, ext_id, &wt, &won, &wnote, &err), RES_OK);
    CHECK_STR(wnote, "该通知内容有误，已撤回。");
    CHECK_STR(won, today);
    free(wt), free(won), free(wnote);
    CHECK_INT(store_item_withdrawal(s, "old-1", &wt, &won, &wnote, &err), RES_NOT_FOUND);
    /* a withdrawn item was issued: the report still counts it; its publication scheduled
     * for tomorrow never happened */
    CHECK_INT(store_report_figures(s, &ga, true, date_year(t + 1), &fig, &err), RES_OK);
    CHECK_INT(fig.normative_documents.issued, date_year(t + 1) == year ? 1 : 0);
    CHECK_INT(fig.pubs_by_channel[PUB_CHANNEL_WEBSITE], 0);
    agency_clear(&ga);

    /* an imported item: its text becomes revision 1 at its first save */
    long long old = 0;
    {
        /* the imported item is among the first rows */
        struct item_work iw;
        for (long long k = 1; k < 10 && !old; k++) {
            if (store_item_work(s, k, &iw, &err) == RES_OK && strcmp(iw.ext_id, "old-1") == 0)
                old = k;
            item_work_clear(&iw);
        }
    }
    CHECK(old > 0);
    CHECK_INT(store_item_work(s, old, &w, &err), RES_OK);
    CHECK_INT(w.version, 0);
    CHECK_INT(w.rev, 0);
    CHECK_STR(w.body, "第一行\n第二行");
    item_work_clear(&w);
    struct item_rec ro = {.agency = "GOV", .title = "旧文件", .body = "第一行\n第二行（改）"};
    CHECK_INT(store_item_save(s, &ed, old, 0, &ro, &err), RES_OK);
    nrev = 0;
    CHECK_INT(store_item_revisions(s, old, count_rev, &nrev, &err), RES_OK);
    CHECK_INT(nrev, 2);
    CHECK_INT(store_item_revision_text(s, old, 1, &t1, &b1, &err), RES_OK);
    CHECK_STR(b1, "第一行\n第二行");
    free(t1), free(b1);
    CHECK_INT(store_portal_item(s, "old-1", today, &pi, &err), RES_OK); /* still public, old text */
    CHECK_STR(pi.body, "第一行\n第二行");
    portal_item_free(&pi);
    CHECK_INT(store_item_save(s, &ed, 99999, 0, &ro, &err), RES_NOT_FOUND);

    /* a withdrawal travels through export and import: the item stays off the portal with its
     * note, its publication still counts */
    import_text("{\"type\":\"item\",\"id\":\"wd-1\",\"agency\":\"GOV\",\"title\":\"撤回的旧通知\","
                "\"publications\":[{\"channel\":\"website\",\"at\":\"2020-05-01\"}],"
                "\"withdrawn\":\"2020-06-01\",\"withdrawn_note\":\"内容有误，已撤回\"}\n");
    CHECK_INT(store_portal_item(s, "wd-1", today, &pi, &err), RES_NOT_FOUND);
    CHECK_INT(store_item_withdrawal(s, "wd-1", &wt, &won, &wnote, &err), RES_OK);
    CHECK_STR(won, "2020-06-01");
    CHECK_STR(wnote, "内容有误，已撤回");
    free(wt), free(won), free(wnote);
    CHECK_INT(store_get_agency(s, "GOV", &ga, &err), RES_OK);
    CHECK_INT(store_report_figures(s, &ga, true, 2020, &fig, &err), RES_OK);
    CHECK_INT(fig.pubs_by_channel[PUB_CHANNEL_WEBSITE], 3); /* old-1, taken, wd-1 */
    agency_clear(&ga);
    {
        char *out = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&out, &len);
        CHECK_INT(export_records(s, NULL, 0, f), RES_OK);
        fclose(f);
        CHECK_CONTAINS(out, "\"withdrawn\":\"2020-06-01\",\"withdrawn_note\":\"内容有误，已撤回\"");
        CHECK(strstr(out, "\"id\":\"ws-") != NULL); /* the workspace item that was published */
        CHECK(strstr(out, "第二份") == NULL);           /* a draft never published is not a record yet */
        free(out);
    }
    /* a withdrawn record without its note is refused */
    {
        const char *bad = "{\"type\":\"item\",\"id\":\"x\",\"agency\":\"GOV\",\"title\":\"t\",\"withdrawn\":\"2020-06-01\"}";
        struct record rec;
        struct errs e = {"", 0};
        CHECK_INT(record_parse(bad, strlen(bad), NULL, &rec, collect, &e), 1);
        CHECK_CONTAINS(e.text, "withdrawn_note:");
        record_release(&rec);
    }

    free(err);
    store_close(s);
}

void run_tests(void)
{
    test_roles();
    test_transitions();
    test_index_pattern();
    test_diff();
    test_form();
    test_store();
}
