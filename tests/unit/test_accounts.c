/* Staff accounts below the web: the rules of domain/accounts.c (roles, login names, password
 * strength), argon2id hashing, the audit chain's verifier, and the store operations of
 * accounts, sessions (idle and absolute expiry at a given clock), login throttling, one-time
 * form tokens and the audit log, on a real SQLite database. */
#include "domain/accounts.h"
#include "domain/audit_chain.h"
#include "domain/password.h"
#include "store/store_accounts.h"
#include "store/store_audit.h"
#include "test.h"
#include "test_db.h"
#include "util/xalloc.h"

static void test_roles(void)
{
    CHECK_INT(role_parse("editor"), ROLE_EDITOR);
    CHECK_INT(role_parse("platform_admin"), ROLE_PLATFORM_ADMIN);
    CHECK_INT(role_parse("Editor"), 0);
    CHECK_INT(role_parse(""), 0);
    CHECK_STR(role_name(ROLE_AUDITOR), "auditor");
    CHECK_STR(role_label_zh(ROLE_HANDLER), "办理");
    CHECK(role_name(ROLE_EDITOR | ROLE_ADMIN) == NULL);
    char out[160];
    roles_format(ROLE_REVIEWER | ROLE_EDITOR, out, sizeof out);
    CHECK_STR(out, "editor,reviewer");
    roles_format_zh(ROLE_ALL, out, sizeof out);
    CHECK_STR(out, "平台管理员、管理员、编辑、审核、办理、审计");
    char *why = NULL;
    CHECK_INT(roles_check(ROLE_EDITOR, "gn", &why), RES_OK);
    CHECK_INT(roles_check(ROLE_PLATFORM_ADMIN, NULL, &why), RES_OK);
    CHECK_INT(roles_check(ROLE_PLATFORM_ADMIN, "gn", &why), RES_REFUSED);
    CHECK(why && strncmp(why, "agency: ", 8) == 0);
    free(why);
    why = NULL;
    CHECK_INT(roles_check(ROLE_EDITOR, "", &why), RES_REFUSED);
    free(why);
    why = NULL;
    CHECK_INT(roles_check(ROLE_PLATFORM_ADMIN | ROLE_EDITOR, NULL, &why), RES_REFUSED);
    free(why);
    why = NULL;
    CHECK_INT(roles_check(0, "gn", &why), RES_REFUSED);
    CHECK(why && strncmp(why, "role: ", 6) == 0);
    free(why);
    why = NULL;
    CHECK_INT(roles_check(1u << 9, "gn", &why), RES_REFUSED);
    free(why);
}

static void test_logins(void)
{
    const char *good[] = {"zh", "zhang.san", "li_si-2", "A1", "x2345678901234567890123456789012"};
    const char *bad[] = {"", "z", ".zhang", "-x", "zhang san", "张三", "a/b", "x23456789012345678901234567890123",
                         "a\nb"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        char *why = NULL;
        CHECK_INT(login_check(good[i], &why), RES_OK);
        free(why);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *why = NULL;
        if (login_check(bad[i], &why) != RES_REFUSED)
            fprintf(stderr, "  login '%s' accepted\n", bad[i]);
        CHECK(why && strncmp(why, "login: ", 7) == 0);
        free(why);
    }
}

static void test_password_strength(void)
{
    const char *good[] = {"Abcdefg1", "abcdefg1!", "ABCDEFG1!", "密码密码密码Ab1", "correct horse Battery"};
    const char *bad[] = {"Abcde1!", "abcdefgh1", "ABCDEFGH", "12345678!", "Abcdefg\t1", "", "密码密码密码密码"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        char *why = NULL;
        if (password_check_strength(good[i], "zhang", &why) != RES_OK)
            fprintf(stderr, "  '%s' refused: %s\n", good[i], why);
        CHECK(why == NULL);
        free(why);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *why = NULL;
        if (password_check_strength(bad[i], "zhang", &why) != RES_REFUSED)
            fprintf(stderr, "  '%s' accepted\n", bad[i]);
        CHECK(why && strncmp(why, "password: ", 10) == 0);
        /* the message never quotes the password */
        CHECK(why && (!*bad[i] || !strstr(why, bad[i])));
        free(why);
    }
    char *why = NULL;
    CHECK_INT(password_check_strength("Zhang-2024!", "zhang", &why), RES_REFUSED); /* holds the login */
    CHECK_CONTAINS(why, "登录名");
    free(why);
    why = NULL;
    char big[300];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    big[0] = 'A';
    big[1] = '1';
    CHECK_INT(password_check_strength(big, NULL, &why), RES_REFUSED);
    CHECK_CONTAINS(why, "256");
    free(why);
}

static void test_hashing(void)
{
    char h1[PASSWORD_HASH_MAX], h2[PASSWORD_HASH_MAX];
    CHECK(password_hash("Good-pass1", h1));
    CHECK(password_hash("Good-pass1", h2));
    CHECK(strncmp(h1, "$argon2id$", 10) == 0);
    CHECK(strcmp(h1, h2) != 0); /* a fresh salt each time */
    CHECK(password_verify(h1, "Good-pass1"));
    CHECK(!password_verify(h1, "Good-pass2"));
    CHECK(!password_verify(h1, ""));
    CHECK(!password_verify("", "Good-pass1"));
    CHECK(!password_verify(password_dummy_hash(), "Good-pass1"));
    CHECK(strncmp(password_dummy_hash(), "$argon2id$", 10) == 0);
}

/* The verifier over rows held in memory. */
static void test_chain(void)
{
    struct audit_content rows[3] = {
        {1, 100, "ed", "10.0.0.1", "login", "user:ed", NULL, NULL},
        {2, 200, "ed", "10.0.0.1", "item.update", "item:1", "{\"t\":\"a\"}", "{\"t\":\"b\"}"},
        {3, 300, "ed", "10.0.0.1", "logout", "user:ed", NULL, NULL},
    };
    char h[3][AUDIT_HASH_HEX];
    const char *prev = audit_chain_start;
    for (int i = 0; i < 3; i++) {
        audit_chain_hash(prev, &rows[i], h[i]);
        prev = h[i];
    }
    CHECK(strlen(h[0]) == 64);
    /* NULL and "" differ, and field boundaries matter. */
    char x[AUDIT_HASH_HEX], y[AUDIT_HASH_HEX];
    struct audit_content a = rows[0], b = rows[0];
    b.before_json = "";
    audit_chain_hash(audit_chain_start, &a, x);
    audit_chain_hash(audit_chain_start, &b, y);
    CHECK(strcmp(x, y) != 0);
    a.actor = "ed1";
    a.client_addr = "0.0.0.1";
    b = rows[0];
    b.actor = "ed";
    b.client_addr = "10.0.0.1";
    audit_chain_hash(audit_chain_start, &a, x);
    audit_chain_hash(audit_chain_start, &b, y);
    CHECK(strcmp(x, y) != 0);

    struct audit_verifier v;
    audit_verify_start(&v);
    for (int i = 0; i < 3; i++)
        CHECK(audit_verify_row(&v, &rows[i], h[i]));
    audit_verify_end(&v, 3, h[2]);
    CHECK_INT(v.bad_row, 0);
    CHECK_INT(v.rows, 3);
    /* changed */
    struct audit_content changed = rows[1];
    changed.after_json = "{\"t\":\"c\"}";
    audit_verify_start(&v);
    audit_verify_row(&v, &rows[0], h[0]);
    audit_verify_row(&v, &changed, h[1]);
    audit_verify_row(&v, &rows[2], h[2]);
    audit_verify_end(&v, 3, h[2]);
    CHECK_INT(v.bad_row, 2);
    CHECK_CONTAINS(v.problem, "changed");
    /* removed in the middle, at the end */
    audit_verify_start(&v);
    audit_verify_row(&v, &rows[0], h[0]);
    audit_verify_row(&v, &rows[2], h[2]);
    audit_verify_end(&v, 3, h[2]);
    CHECK_INT(v.bad_row, 2);
    CHECK_CONTAINS(v.problem, "removed");
    audit_verify_start(&v);
    audit_verify_row(&v, &rows[0], h[0]);
    audit_verify_row(&v, &rows[1], h[1]);
    audit_verify_end(&v, 3, h[2]);
    CHECK_INT(v.bad_row, 3);
    CHECK_CONTAINS(v.problem, "removed");
    /* the head's hash differs from the last row's */
    audit_verify_start(&v);
    for (int i = 0; i < 3; i++)
        audit_verify_row(&v, &rows[i], h[i]);
    audit_verify_end(&v, 3, h[1]);
    CHECK_INT(v.bad_row, 3);
    /* an empty log with no head is intact */
    audit_verify_start(&v);
    audit_verify_end(&v, 0, NULL);
    CHECK_INT(v.bad_row, 0);
}

static int count_users(const struct staff *u, void *ud)
{
    (void)u;
    (*(int *)ud)++;
    return 0;
}

static void test_store(void)
{
    char *path = xasprintf("%s/accounts.db", test_tmpdir());
    store_t *s = test_db_at(path);
    char *why = NULL, *bad = NULL;
    struct agency_rec root = {.code = "gn", .name = "工农区人民政府", .kind = "government"};
    CHECK_INT(store_put_agency(s, &root, &why), RES_OK);
    CHECK_INT(store_finish_agencies(s, &bad, &why), RES_OK);
    char hash[PASSWORD_HASH_MAX];
    CHECK(password_hash("Good-pass1", hash));

    /* accounts */
    long long id = 0;
    CHECK_INT(store_user_add(s, "ed", "gn", ROLE_EDITOR | ROLE_REVIEWER, hash, 1000, &id, &why), RES_OK);
    CHECK(id > 0);
    CHECK_INT(store_user_add(s, "ed", "gn", ROLE_EDITOR, hash, 1000, NULL, &why), RES_REFUSED);
    CHECK_CONTAINS(why, "login: ");
    free(why);
    why = NULL;
    CHECK_INT(store_user_add(s, "x", "nowhere", ROLE_EDITOR, hash, 1000, NULL, &why), RES_REFUSED);
    CHECK_CONTAINS(why, "agency: ");
    free(why);
    why = NULL;
    CHECK_INT(store_user_add(s, "root", NULL, ROLE_PLATFORM_ADMIN, hash, 1000, NULL, &why), RES_OK);
    struct staff u;
    char *stored = NULL;
    CHECK_INT(store_user_get(s, "ed", &u, &stored, &why), RES_OK);
    CHECK_STR(u.login, "ed");
    CHECK_STR(u.agency, "gn");
    CHECK_INT(u.roles, ROLE_EDITOR | ROLE_REVIEWER);
    CHECK(!u.disabled);
    CHECK_INT(u.created_at, 1000);
    CHECK_STR(stored, hash);
    free(stored);
    CHECK_INT(store_user_get(s, "root", &u, NULL, &why), RES_OK);
    CHECK_STR(u.agency, "");
    CHECK_INT(store_user_get(s, "nobody", &u, NULL, &why), RES_NOT_FOUND);
    int n = 0;
    CHECK_INT(store_user_each(s, count_users, &n, &why), RES_OK);
    CHECK_INT(n, 2);

    /* sessions: idle 100 s, absolute 1000 s */
    CHECK_INT(store_session_create(s, "h1", id, "10.0.0.1", 5000, &why), RES_OK);
    long long created = 0;
    CHECK_INT(store_session_get(s, "h1", 5099, 100, 1000, &u, &created, &why), RES_OK);
    CHECK_STR(u.login, "ed");
    CHECK_INT(created, 5000);
    CHECK_INT(store_session_get(s, "h1", 5198, 100, 1000, &u, NULL, &why), RES_OK); /* touched at 5099 */
    CHECK_INT(store_session_get(s, "h1", 5298, 100, 1000, &u, NULL, &why), RES_NOT_FOUND); /* idle since 5198 */
    CHECK_INT(store_session_get(s, "h1", 5299, 100, 100000, &u, NULL, &why), RES_NOT_FOUND); /* deleted */
    CHECK_INT(store_session_create(s, "h2", id, "10.0.0.1", 10000, &why), RES_OK);
    for (long long t = 10060; t < 11000; t += 60)
        CHECK_INT(store_session_get(s, "h2", t, 100, 1000, &u, NULL, &why), RES_OK);
    CHECK_INT(store_session_get(s, "h2", 11000, 100, 1000, &u, NULL, &why), RES_NOT_FOUND); /* absolute */
    CHECK_INT(store_session_get(s, "nope", 11000, 100, 1000, &u, NULL, &why), RES_NOT_FOUND);
    /* a new password and disabling end every session */
    CHECK_INT(store_session_create(s, "h3", id, "", 20000, &why), RES_OK);
    CHECK_INT(store_user_set_password(s, "ed", hash, 20001, &why), RES_OK);
    CHECK_INT(store_session_get(s, "h3", 20002, 100, 1000, &u, NULL, &why), RES_NOT_FOUND);
    CHECK_INT(store_session_create(s, "h4", id, "", 20000, &why), RES_OK);
    CHECK_INT(store_user_set_disabled(s, "ed", true, &why), RES_OK);
    CHECK_INT(store_session_get(s, "h4", 20002, 100, 1000, &u, NULL, &why), RES_NOT_FOUND);
    CHECK_INT(store_user_set_disabled(s, "ed", false, &why), RES_OK);
    CHECK_INT(store_user_set_disabled(s, "nobody", true, &why), RES_NOT_FOUND);
    CHECK_INT(store_user_set_password(s, "nobody", hash, 1, &why), RES_NOT_FOUND);
    CHECK_INT(store_session_create(s, "h5", id, "", 30000, &why), RES_OK);
    CHECK_INT(store_session_delete(s, "h5", &why), RES_OK);
    CHECK_INT(store_session_get(s, "h5", 30001, 100, 1000, &u, NULL, &why), RES_NOT_FOUND);

    /* throttling: 3 failures per login, 5 per address, in 600 s, lock 300 s */
    struct login_limits lim = {3, 5, 600, 300};
    bool locked = false, now_locked = false;
    long long until = 0;
    for (int i = 0; i < 2; i++) {
        CHECK_INT(store_login_failed(s, "ed", "10.0.0.1", 40000 + i, &lim, &now_locked, &why), RES_OK);
        CHECK(!now_locked);
    }
    CHECK_INT(store_login_locked(s, "ed", "10.0.0.9", 40002, &locked, &until, &why), RES_OK);
    CHECK(!locked);
    CHECK_INT(store_login_failed(s, "ed", "10.0.0.2", 40002, &lim, &now_locked, &why), RES_OK);
    CHECK(now_locked);
    CHECK_INT(store_login_locked(s, "ed", "10.0.0.9", 40003, &locked, &until, &why), RES_OK);
    CHECK(locked);
    CHECK_INT(until, 40302);
    CHECK_INT(store_login_locked(s, "root", "10.0.0.9", 40003, &locked, NULL, &why), RES_OK);
    CHECK(!locked);
    CHECK_INT(store_login_locked(s, "ed", "10.0.0.9", 40302, &locked, NULL, &why), RES_OK);
    CHECK(!locked); /* the lock is over */
    /* the address: 3 more failures from 10.0.0.1 (2 before, within the window), each with
     * another login */
    const char *guesses[] = {"a", "b", "c"};
    for (int i = 0; i < 3; i++) {
        CHECK_INT(store_login_failed(s, guesses[i], "10.0.0.1", 40100 + i, &lim, &now_locked, &why), RES_OK);
        CHECK(now_locked == (i == 2));
    }
    CHECK_INT(store_login_locked(s, "root", "10.0.0.1", 40103, &locked, NULL, &why), RES_OK);
    CHECK(locked);
    /* a success forgets the login's failures, not the address's */
    CHECK_INT(store_login_succeeded(s, "ed", &why), RES_OK);
    CHECK_INT(store_login_failed(s, "ed", "10.0.0.7", 41000, &lim, &now_locked, &why), RES_OK);
    CHECK(!now_locked);

    /* one-time form tokens */
    CHECK_INT(store_form_token_use(s, "f1", 50000, 50100, &why), RES_OK);
    CHECK_INT(store_form_token_use(s, "f1", 50050, 50150, &why), RES_REFUSED);
    CHECK_CONTAINS(why, "once: ");
    free(why);
    why = NULL;
    CHECK_INT(store_form_token_use(s, "f2", 50050, 50150, &why), RES_OK);
    CHECK_INT(store_form_token_use(s, "f1", 50100, 50200, &why), RES_OK); /* forgotten after its time */

    /* the audit log: appended in a transaction of the caller's or its own */
    struct audit_entry e = {.at = 60000, .actor = "ed", .client_addr = "10.0.0.1", .action = "login",
                            .object = "user:ed"};
    CHECK_INT(store_audit_append(s, &e, &why), RES_OK);
    CHECK_INT(e.id, 1);
    CHECK_INT(store_begin(s, &why), RES_OK);
    e.action = "user.disable";
    e.before_json = "{\"disabled\":false}";
    e.after_json = "{\"disabled\":true}";
    CHECK_INT(store_audit_append(s, &e, &why), RES_OK);
    CHECK_INT(e.id, 2);
    store_rollback(s); /* a change rolled back takes its audit row with it */
    CHECK_INT(store_audit_append(s, &e, &why), RES_OK);
    CHECK_INT(e.id, 2);
    long long count = 0, head = 0;
    char *head_hash = NULL;
    struct audit_filter f = {.action = "user."};
    CHECK_INT(store_audit_count(s, &f, &count, &why), RES_OK);
    CHECK_INT(count, 1);
    struct audit_filter none = {.from = 60001};
    CHECK_INT(store_audit_count(s, &none, &count, &why), RES_OK);
    CHECK_INT(count, 0);
    CHECK_INT(store_audit_head(s, &head, &head_hash, &why), RES_OK);
    CHECK_INT(head, 2);
    CHECK(head_hash && strlen(head_hash) == 64);
    free(head_hash);

    free(why);
    free(bad);
    store_close(s);
    free(path);
}

void run_tests(void)
{
    test_roles();
    test_logins();
    test_password_strength();
    test_hashing();
    test_chain();
    test_store();
}
