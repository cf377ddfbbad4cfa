/* Messages (互动交流): the pure rules (numbers, codes, masking, sensitive words, steps, the
 * challenge) and the store (submit, masking on every read path, steps refused out of
 * order, rate limits and nonces across reopening, words, figures, search). */
#include "test.h"
#include "test_db.h"
#include "domain/message_rules.h"
#include "store/store_messages.h"
#include "store/store_settings.h"
#include "records/import.h"
#include "util/buf.h"
#include "util/codes.h"
#include <stdlib.h>
#include <string.h>

/* ================================================================ rules */

static void test_numbers(void)
{
    char n[MSG_NUMBER_SIZE];
    int y;
    long long q;
    CHECK(msg_number_format(2026, 123, n));
    CHECK_STR(n, "LY2026-000123");
    CHECK(!msg_number_format(2026, 0, n));
    CHECK(!msg_number_format(2026, 1000000, n));
    CHECK(msg_number_parse(" ly2026-000123 ", &y, &q, n));
    CHECK_INT(y, 2026);
    CHECK_INT(q, 123);
    CHECK_STR(n, "LY2026-000123");
    CHECK(!msg_number_parse("LY2026-00012", &y, &q, NULL));
    CHECK(!msg_number_parse("LY2026_000123", &y, &q, NULL));
    CHECK(!msg_number_parse("LY2026-000000", &y, &q, NULL));
    CHECK(!msg_number_parse("LYabcd-000123", &y, &q, NULL));
    CHECK(!msg_number_parse(NULL, &y, &q, NULL));
}

static void test_codes(void)
{
    char c[MSG_CODE_LEN + 1], raw[MSG_CODE_LEN + 1], other[MSG_CODE_LEN + 1];
    codes_random(raw, MSG_CODE_LEN, MSG_CODE_ALPHABET);
    CHECK_INT(strlen(raw), MSG_CODE_LEN);
    CHECK(msg_code_normalize(raw, c));
    CHECK_STR(c, raw);
    codes_random(other, MSG_CODE_LEN, MSG_CODE_ALPHABET);
    CHECK(strcmp(raw, other) != 0); /* 50 bits: equal only by a defect */
    CHECK(msg_code_normalize("abcd-23ef gh", c));
    CHECK_STR(c, "ABCD23EFGH");
    CHECK(!msg_code_normalize("ABCD23EFG", c));   /* too short */
    CHECK(!msg_code_normalize("ABCD23EFGH2", c)); /* too long */
    CHECK(!msg_code_normalize("ABCD23EFG0", c));  /* 0 is not in the alphabet */
    char h1[CODES_HASH_HEX], h2[CODES_HASH_HEX], h3[CODES_HASH_HEX];
    message_code_hash("LY2026-000001", "ABCD23EFGH", h1);
    message_code_hash("LY2026-000002", "ABCD23EFGH", h2);
    message_code_hash("LY2026-000001", "ABCD23EFGH", h3);
    CHECK_INT(strlen(h1), 64);
    CHECK(strcmp(h1, h2) != 0); /* keyed with the number */
    CHECK(codes_equal(h1, h3));
    CHECK(!codes_equal(h1, h2));
    CHECK(strstr(h1, "ABCD") == NULL);
}

static void check_owned(char *got, const char *want)
{
    CHECK_STR(got, want);
    free(got);
}

static void test_masking(void)
{
    check_owned(msg_mask_phone("13812345678"), "138****5678");
    check_owned(msg_mask_phone("138-1234-5678"), "138****5678");
    check_owned(msg_mask_phone("0468-1234567"), "046****67");
    check_owned(msg_mask_phone("12"), "****");
    check_owned(msg_mask_phone("138****5678"), "138****5678"); /* idempotent */
    check_owned(msg_mask_email("z***@example.com"), "z***@example.com");
    check_owned(msg_mask_name("张某"), "张某");
    check_owned(msg_mask_email("zhang.san@example.com"), "z***@example.com");
    check_owned(msg_mask_email("王@例子.中国"), "王***@例子.中国");
    check_owned(msg_mask_name("张三丰"), "张某");
    check_owned(msg_mask_name("Li"), "L某");
    check_owned(msg_scrub_text("电话13812345678，身份证23040319900307123X，邮箱 a.b@example.com 谢谢"),
                "电话138****5678，身份证230***********123X，邮箱 a***@example.com 谢谢");
    /* Longer runs of digits are not phone numbers (a bank account stays as it is: not ours to guess). */
    check_owned(msg_scrub_text("编号1381234567890"), "编号1381234567890");
    CHECK(msg_has_personal_data("请拨打13912345678"));
    CHECK(msg_has_personal_data("x@y.cn"));
    CHECK(!msg_has_personal_data("请到街道办事处办理，电话 0468-1234567"));
    CHECK(!msg_has_personal_data(NULL));
}

static void test_sensitive_words(void)
{
    const char *words[] = {"赌博", "spam"};
    const char *t1[] = {"标题", "这里有 赌 博 网站"};
    const char *t2[] = {"Buy SPAM now", NULL};
    const char *t3[] = {"道路维修", "何时完工"};
    CHECK_STR(msg_find_sensitive(t1, 2, words, 2), "赌博");
    CHECK_STR(msg_find_sensitive(t2, 2, words, 2), "spam");
    CHECK(msg_find_sensitive(t3, 2, words, 2) == NULL);
    CHECK(msg_find_sensitive(t3, 2, words, 0) == NULL);
}

static void test_steps(void)
{
    enum msg_state to;
    char *why = NULL;
    CHECK_INT(msg_action_next(MSG_MODERATION, MSG_ACT_ACCEPT, &to, &why), RES_OK);
    CHECK_INT(to, MSG_RECEIVED);
    CHECK_INT(msg_action_next(MSG_RECEIVED, MSG_ACT_ASSIGN, &to, &why), RES_OK);
    CHECK_INT(to, MSG_ASSIGNED);
    CHECK_INT(msg_action_next(MSG_ASSIGNED, MSG_ACT_TRANSFER, &to, &why), RES_OK);
    CHECK_INT(to, MSG_TRANSFERRED);
    CHECK_INT(msg_action_next(MSG_TRANSFERRED, MSG_ACT_REPLY, &to, &why), RES_OK);
    CHECK_INT(to, MSG_REPLIED);
    CHECK_INT(msg_action_next(MSG_REPLIED, MSG_ACT_PUBLISH, &to, &why), RES_OK);
    CHECK_INT(to, MSG_PUBLISHED);
    CHECK_INT(msg_action_next(MSG_PUBLISHED, MSG_ACT_PUBLISH, &to, &why), RES_OK); /* edit the public version */
    /* Out of order. */
    static const struct {
        enum msg_state from;
        enum msg_action act;
    } refused[] = {
        {MSG_MODERATION, MSG_ACT_REPLY}, {MSG_MODERATION, MSG_ACT_PUBLISH}, {MSG_RECEIVED, MSG_ACT_PUBLISH},
        {MSG_REPLIED, MSG_ACT_TRANSFER}, {MSG_REPLIED, MSG_ACT_REJECT},     {MSG_PUBLISHED, MSG_ACT_REPLY},
        {MSG_CLOSED, MSG_ACT_REPLY},     {MSG_REJECTED, MSG_ACT_ACCEPT},    {MSG_RECEIVED, MSG_ACT_ACCEPT},
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        CHECK_INT(msg_action_next(refused[i].from, refused[i].act, &to, &why), RES_REFUSED);
        CHECK(why && strncmp(why, "state: ", 7) == 0);
        free(why);
        why = NULL;
    }
}

static void test_challenge(void)
{
    struct msg_challenge c;
    for (unsigned long long seed = 0; seed < 200; seed++) {
        msg_challenge_make(seed, &c);
        CHECK(c.answer >= 0 && c.answer <= 18);
        CHECK(strstr(c.question, "等于几？") != NULL);
    }
    CHECK_INT(msg_challenge_read_answer("12"), 12);
    CHECK_INT(msg_challenge_read_answer(" 十二 "), 12);
    CHECK_INT(msg_challenge_read_answer("二十"), 20);
    CHECK_INT(msg_challenge_read_answer("七"), 7);
    CHECK_INT(msg_challenge_read_answer("十"), 10);
    CHECK_INT(msg_challenge_read_answer("０"), 0);
    CHECK_INT(msg_challenge_read_answer("１５"), 15);
    CHECK_INT(msg_challenge_read_answer("abc"), -1);
    CHECK_INT(msg_challenge_read_answer(""), -1);
    CHECK_INT(msg_challenge_read_answer("十十"), -1);
}

/* ================================================================ store */

static const char fixture[] =
    "{\"type\":\"agency\",\"code\":\"root\",\"name\":\"测试区人民政府\"}\n"
    "{\"type\":\"agency\",\"code\":\"mz\",\"name\":\"测试区民政局\",\"parent\":\"root\"}\n"
    "{\"type\":\"agency\",\"code\":\"zj\",\"name\":\"测试区住建局\",\"parent\":\"root\"}\n"
    "{\"type\":\"message\",\"id\":\"LY2025-000007\",\"agency\":\"mz\",\"kind\":\"question\",\"state\":\"published\","
    "\"subject\":\"低保申请条件\",\"body\":\"请问低保怎么申请？我的手机13812345678。\",\"name\":\"张三\","
    "\"phone\":\"13812345678\",\"code\":\"ABCD23EFGH\",\"created\":\"2025-03-03 09:30:00\",\"reply\":\"请携带户口簿到街道申请。\","
    "\"reply_by\":\"李四\",\"replied\":\"2025-03-05 10:00:00\",\"public_subject\":\"低保申请条件\","
    "\"public_body\":\"请问低保怎么申请？\",\"public_reply\":\"请携带户口簿到街道申请。\",\"published\":\"2025-03-06 10:00:00\"}\n";

static store_t *fixture_store(const char *name)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", test_tmpdir(), name);
    store_t *s = test_db_at(path);
    FILE *f = fmemopen((void *)fixture, strlen(fixture), "r");
    struct import_result r;
    CHECK_INT(import_stream(s, f, "fixture.jsonl", false, stderr, &r), RES_OK);
    fclose(f);
    return s;
}

static char *submit(store_t *s, const char *agency, enum msg_kind kind, enum msg_state st, const char *flag)
{
    struct message_rec r = {.agency = agency, .kind = kind, .state = st, .subject = "小区路灯不亮",
                            .body = "请联系我13912345678，路灯坏了一个月。", .name = "王小明",
                            .phone = "13912345678", .email = "wang@example.com", .code = "ZZZZ222233",
                            .created = "2026-12-07 10:00:00", .due = "2026-12-28", .flag = flag};
    char *number = NULL, *err = NULL;
    bool replayed = true;
    CHECK_INT(store_message_submit(s, &r, NULL, 0, &number, &replayed, &err), RES_OK);
    CHECK(!replayed);
    free(err);
    return number;
}

struct seen {
    int n, masked;
    char phones[8][32];
};

static int on_row(const struct message_rec *m, void *ud)
{
    struct seen *w = ud;
    if (w->n < 8)
        snprintf(w->phones[w->n], sizeof w->phones[0], "%s", m->phone ? m->phone : "");
    w->n++;
    w->masked += m->masked;
    return 0;
}

static void test_store_submit_and_masking(void)
{
    store_t *s = fixture_store("submit.db");
    char *n1 = submit(s, "mz", MSG_LEADER, MSG_RECEIVED, NULL);
    char *n2 = submit(s, "mz", MSG_COMPLAINT, MSG_RECEIVED, NULL);
    CHECK_STR(n1, "LY2026-000001");
    CHECK_STR(n2, "LY2026-000002");

    struct message_rec m;
    char *err = NULL;
    /* The public: masked, texts scrubbed; the code is kept as its hash only. */
    CHECK_INT(store_message_get(s, n1, NULL, &m, &err), RES_OK);
    CHECK(m.masked);
    CHECK_STR(m.name, "王某");
    CHECK_STR(m.phone, "139****5678");
    CHECK_STR(m.email, "w***@example.com");
    CHECK(strstr(m.body, "13912345678") == NULL);
    char hash[CODES_HASH_HEX];
    message_code_hash(n1, "ZZZZ222233", hash);
    CHECK_STR(m.code_hash, hash);
    CHECK_STR(m.due, "2026-12-28");
    message_rec_free(&m);
    /* Another agency's handler: masked too. */
    struct msg_viewer zj = {"zj", false}, mz = {"mz", false}, all = {NULL, true};
    CHECK_INT(store_message_get(s, n1, &zj, &m, &err), RES_OK);
    CHECK(m.masked);
    CHECK_STR(m.phone, "139****5678");
    message_rec_free(&m);
    /* The addressed agency's handler, and the operator's export: as written. */
    CHECK_INT(store_message_get(s, n1, &mz, &m, &err), RES_OK);
    CHECK(!m.masked);
    CHECK_STR(m.phone, "13912345678");
    CHECK_STR(m.name, "王小明");
    message_rec_free(&m);
    CHECK_INT(store_message_get(s, n1, &all, &m, &err), RES_OK);
    CHECK(!m.masked);
    message_rec_free(&m);
    CHECK_INT(store_message_get(s, "LY2026-000099", NULL, &m, &err), RES_NOT_FOUND);
    message_rec_free(&m);

    /* Lists and export: the same rule. */
    struct msg_query q = {.kind = -1};
    struct seen w = {0};
    CHECK_INT(store_messages_each(s, &q, NULL, 0, 100, on_row, &w, &err), RES_OK);
    CHECK_INT(w.n, 3);
    CHECK_INT(w.masked, 3);
    for (int i = 0; i < 3; i++)
        CHECK(strchr(w.phones[i], '*') != NULL);
    memset(&w, 0, sizeof w);
    CHECK_INT(store_messages_each(s, &q, &zj, 0, 100, on_row, &w, &err), RES_OK);
    CHECK_INT(w.masked, 3);
    memset(&w, 0, sizeof w);
    CHECK_INT(store_messages_each(s, &q, &mz, 0, 100, on_row, &w, &err), RES_OK);
    CHECK_INT(w.masked, 0);
    memset(&w, 0, sizeof w);
    CHECK_INT(store_each_message(s, &(struct export_filter){NULL, 0}, NULL, on_row, &w, &err), RES_OK);
    CHECK_INT(w.n, 3);
    CHECK_INT(w.masked, 3);
    memset(&w, 0, sizeof w);
    CHECK_INT(store_each_message(s, &(struct export_filter){NULL, 0}, &all, on_row, &w, &err), RES_OK);
    CHECK_INT(w.masked, 0);

    /* Queries. */
    long long n = 0;
    struct msg_query open = {.agency = "mz", .states = MSG_STATE_BIT(MSG_RECEIVED), .kind = -1};
    CHECK_INT(store_messages_count(s, &open, &n, &err), RES_OK);
    CHECK_INT(n, 2);
    struct msg_query overdue = {.states = MSG_STATE_BIT(MSG_RECEIVED), .kind = -1, .due_to = "2026-12-27"};
    CHECK_INT(store_messages_count(s, &overdue, &n, &err), RES_OK);
    CHECK_INT(n, 0);
    overdue.due_to = "2026-12-28";
    CHECK_INT(store_messages_count(s, &overdue, &n, &err), RES_OK);
    CHECK_INT(n, 2);
    struct msg_query unknown = {.agency = "nobody", .kind = -1};
    CHECK_INT(store_messages_count(s, &unknown, &n, &err), RES_REFUSED);
    free(err);
    err = NULL;

    /* Search finds the public version of published Q&As only. */
    struct search_terms t;
    search_terms_parse("低保", &t);
    struct msg_query sq = {.states = MSG_STATE_BIT(MSG_PUBLISHED), .kind = -1, .terms = &t};
    CHECK_INT(store_messages_count(s, &sq, &n, &err), RES_OK);
    CHECK_INT(n, 1);
    search_terms_free(&t);
    search_terms_parse("路灯", &t);
    CHECK_INT(store_messages_count(s, &sq, &n, &err), RES_OK);
    CHECK_INT(n, 0); /* received, not published */
    search_terms_free(&t);

    long long rec[MSG_KIND_COUNT], pub[MSG_KIND_COUNT];
    CHECK_INT(store_messages_year_counts(s, 2026, rec, pub, &err), RES_OK);
    CHECK_INT(rec[MSG_LEADER], 1);
    CHECK_INT(rec[MSG_COMPLAINT], 1);
    CHECK_INT(pub[MSG_QUESTION], 0);
    CHECK_INT(store_messages_year_counts(s, 2025, rec, pub, &err), RES_OK);
    CHECK_INT(pub[MSG_QUESTION], 1);
    CHECK_INT(rec[MSG_QUESTION], 1);
    free(n1);
    free(n2);
    store_close(s);
}

static res_t change(store_t *s, const char *number, enum msg_action a, const char *agency, int expect,
                    const char *text, char **err)
{
    struct msg_change c = {.number = number, .action = a, .expect = expect, .actor = "handler1", .agency = agency,
                           .text = text, .at = "2026-12-08 09:00:00"};
    if (a == MSG_ACT_TRANSFER)
        c.to_agency = "zj";
    free(*err);
    *err = NULL;
    return store_message_change(s, &c, err);
}

static int count_events(const struct msg_event *e, void *ud)
{
    (void)e;
    ++*(int *)ud;
    return 0;
}

static void test_store_steps(void)
{
    store_t *s = fixture_store("steps.db");
    char *err = NULL;
    char *held = submit(s, "mz", MSG_SUGGESTION, MSG_MODERATION, "赌博");
    char *num = submit(s, "mz", MSG_QUESTION, MSG_RECEIVED, NULL);
    /* Out of order: refused, nothing written. */
    CHECK_INT(change(s, held, MSG_ACT_REPLY, "mz", -1, "答复", &err), RES_REFUSED);
    CHECK(err && strncmp(err, "state: ", 7) == 0);
    CHECK_INT(change(s, num, MSG_ACT_PUBLISH, "mz", -1, NULL, &err), RES_REFUSED);
    /* Another agency's handler cannot touch it. */
    CHECK_INT(change(s, num, MSG_ACT_ASSIGN, "zj", -1, NULL, &err), RES_REFUSED);
    CHECK(err && strncmp(err, "agency: ", 8) == 0);
    /* A stale page (expecting another state) is refused. */
    CHECK_INT(change(s, num, MSG_ACT_ASSIGN, "mz", MSG_ASSIGNED, NULL, &err), RES_REFUSED);
    CHECK_INT(change(s, "LY2026-000099", MSG_ACT_ASSIGN, "mz", -1, NULL, &err), RES_NOT_FOUND);
    /* In order. */
    CHECK_INT(change(s, held, MSG_ACT_ACCEPT, NULL, MSG_MODERATION, NULL, &err), RES_OK);
    CHECK_INT(change(s, num, MSG_ACT_ASSIGN, "mz", MSG_RECEIVED, NULL, &err), RES_OK);
    CHECK_INT(change(s, num, MSG_ACT_REPLY, "mz", -1, "   ", &err), RES_REFUSED); /* an empty reply */
    CHECK_INT(change(s, num, MSG_ACT_TRANSFER, "mz", -1, "属住建局职责", &err), RES_OK);
    struct message_rec m;
    CHECK_INT(store_message_get(s, num, NULL, &m, &err), RES_OK);
    CHECK_INT(m.state, MSG_TRANSFERRED);
    CHECK_STR(m.agency, "zj");
    CHECK_STR(m.transferred_from, "mz");
    message_rec_free(&m);
    /* Now the old agency is refused, the new one may reply. */
    CHECK_INT(change(s, num, MSG_ACT_REPLY, "mz", -1, "答复", &err), RES_REFUSED);
    CHECK_INT(change(s, num, MSG_ACT_REPLY, "zj", -1, "已安排维修，请留意。", &err), RES_OK);
    /* Publishing a version that still holds personal data is refused. */
    struct msg_change pub = {.number = num, .action = MSG_ACT_PUBLISH, .expect = -1, .actor = "handler2",
                             .agency = "zj", .public_subject = "路灯维修", .public_body = "请联系13912345678",
                             .public_reply = "已安排维修。", .at = "2026-12-09 09:00:00"};
    free(err);
    err = NULL;
    CHECK_INT(store_message_change(s, &pub, &err), RES_REFUSED);
    CHECK(err && strncmp(err, "public_body: ", 13) == 0);
    pub.public_body = "小区路灯坏了一个月。";
    CHECK_INT(store_message_change(s, &pub, &err), RES_OK);
    CHECK_INT(store_message_get(s, num, NULL, &m, &err), RES_OK);
    CHECK_INT(m.state, MSG_PUBLISHED);
    CHECK_STR(m.published, "2026-12-09 09:00:00");
    CHECK_STR(m.reply_by, "handler1");
    message_rec_free(&m);
    int events = 0;
    CHECK_INT(store_message_history(s, num, count_events, &events, &err), RES_OK);
    CHECK_INT(events, 5); /* submit, assign, transfer, reply, publish */
    /* Rejecting a published one is out of order. */
    CHECK_INT(change(s, num, MSG_ACT_REJECT, "zj", -1, NULL, &err), RES_REFUSED);
    free(err);
    free(held);
    free(num);
    store_close(s);
}

static void test_rate_and_nonces(void)
{
    char path[700];
    snprintf(path, sizeof path, "%s/abuse.db", test_tmpdir());
    store_t *s = test_db_at(path);
    char *err = NULL;
    bool ok = false;
    for (int i = 0; i < 3; i++) {
        CHECK_INT(store_rate_hit(s, "k1", 3600, 3, 0, &ok, &err), RES_OK);
        CHECK(ok);
    }
    CHECK_INT(store_rate_hit(s, "k1", 3600, 3, 0, &ok, &err), RES_OK);
    CHECK(!ok);
    CHECK_INT(store_rate_hit(s, "k2", 3600, 3, 0, &ok, &err), RES_OK);
    CHECK(ok); /* another key */
    CHECK_INT(store_rate_hit(s, "k3", 3600, 0, 0, &ok, &err), RES_OK);
    CHECK(!ok); /* a limit of 0 lets nothing through */
    CHECK_INT(store_nonce_use(s, "n1", 2000, 1000, &err), RES_OK);
    CHECK_INT(store_nonce_use(s, "n1", 2000, 1000, &err), RES_REFUSED);
    free(err);
    err = NULL;
    store_close(s);
    /* The counters hold across a restart. */
    s = test_db_at(path);
    CHECK_INT(store_rate_hit(s, "k1", 3600, 3, 0, &ok, &err), RES_OK);
    CHECK(!ok);
    CHECK_INT(store_nonce_use(s, "n1", 2000, 1500, &err), RES_REFUSED);
    free(err);
    err = NULL;
    /* A new window starts afresh, and the old one is pruned. */
    CHECK_INT(store_rate_hit(s, "k1", 7200, 3, 3600, &ok, &err), RES_OK);
    CHECK(ok);
    /* An expired nonce is forgotten. */
    CHECK_INT(store_nonce_use(s, "n1", 5000, 3000, &err), RES_OK);
    /* The secret is made once. */
    char a[CODES_HASH_HEX], b[CODES_HASH_HEX];
    CHECK_INT(store_msg_secret(s, "rate", a, &err), RES_OK);
    CHECK_INT(store_msg_secret(s, "rate", b, &err), RES_OK);
    CHECK_STR(a, b);
    CHECK_INT(strlen(a), 64);
    store_close(s);
}

static int collect_word(const char *w, void *ud)
{
    buf_t *b = ud;
    buf_printf(b, "%s;", w);
    return 0;
}

static void test_words(void)
{
    store_t *s = fixture_store("words.db");
    char *err = NULL;
    CHECK_INT(store_msg_word_add(s, "赌博", &err), RES_OK);
    CHECK_INT(store_msg_word_add(s, "代开发票", &err), RES_OK);
    CHECK_INT(store_msg_word_add(s, "赌博", &err), RES_OK);
    CHECK_INT(store_msg_word_add(s, "two words", &err), RES_REFUSED);
    free(err);
    err = NULL;
    CHECK_INT(store_msg_word_add(s, "", &err), RES_REFUSED);
    free(err);
    err = NULL;
    buf_t b = {0};
    CHECK_INT(store_msg_words_each(s, collect_word, &b, &err), RES_OK);
    CHECK_STR(buf_str(&b), "代开发票;赌博;");
    buf_free(&b);
    CHECK_INT(store_msg_word_remove(s, "赌博", &err), RES_OK);
    CHECK_INT(store_msg_word_remove(s, "赌博", &err), RES_NOT_FOUND);
    store_close(s);
}

/* A record's rules at import: a published Q&A with a phone in its public version, and a
 * reply without its time, are refused with the field named. */
static void test_import_rules(void)
{
    char path[700];
    snprintf(path, sizeof path, "%s/import.db", test_tmpdir());
    store_t *s = test_db_at(path);
    static const char bad[] =
        "{\"type\":\"agency\",\"code\":\"root\",\"name\":\"区政府\"}\n"
        "{\"type\":\"message\",\"id\":\"LY2025-000001\",\"agency\":\"root\",\"kind\":\"question\",\"state\":\"published\","
        "\"subject\":\"s\",\"body\":\"b\",\"name\":\"n\",\"code\":\"ABCD23EFGH\",\"created\":\"2025-01-02 09:00:00\","
        "\"reply\":\"r\",\"replied\":\"2025-01-03 09:00:00\",\"public_subject\":\"s\",\"public_body\":\"电话13812345678\","
        "\"public_reply\":\"r\",\"published\":\"2025-01-04 09:00:00\"}\n"
        "{\"type\":\"message\",\"id\":\"LY2025-000002\",\"agency\":\"root\",\"kind\":\"poem\",\"state\":\"replied\","
        "\"subject\":\"s\",\"body\":\"b\",\"name\":\"n\",\"created\":\"2025-01-02 9:00\",\"reply\":\"r\"}\n";
    FILE *f = fmemopen((void *)bad, strlen(bad), "r");
    char *out = NULL;
    size_t outlen = 0;
    FILE *errors = open_memstream(&out, &outlen);
    struct import_result r;
    CHECK_INT(import_stream(s, f, "m.jsonl", false, errors, &r), RES_REFUSED);
    fclose(f);
    fclose(errors);
    CHECK_CONTAINS(out, "m.jsonl:2: public_body: holds a mobile number");
    CHECK_CONTAINS(out, "m.jsonl:3: kind: 'poem' is not one of");
    CHECK_CONTAINS(out, "m.jsonl:3: code: give exactly one of");
    CHECK_CONTAINS(out, "m.jsonl:3: created: '2025-01-02 9:00' is not a time");
    CHECK_CONTAINS(out, "m.jsonl:3: replied: required in state 'replied'");
    free(out);
    long long n = -1;
    char *err = NULL;
    struct msg_query q = {.kind = -1};
    CHECK_INT(store_messages_count(s, &q, &n, &err), RES_OK);
    CHECK_INT(n, 0);
    store_close(s);
}

void run_tests(void)
{
    test_numbers();
    test_codes();
    test_masking();
    test_sensitive_words();
    test_steps();
    test_challenge();
    test_store_submit_and_masking();
    test_store_steps();
    test_rate_and_nonces();
    test_words();
    test_import_rules();
}
