/* The content version (store_portal_data_version, 014_content_version.sql): the writes of
 * the tables only the workspace or the anti-abuse machinery reads (accounts, sessions, the
 * audit log, rate limits, nonces, form tokens, secrets, sensitive words, a message held for
 * moderation) leave it alone; the writes the public pages show (an import of agencies,
 * items and a published message, a site setting) move it, seen by the writing connection
 * itself as well as by another one. */
#include "test.h"
#include "test_db.h"
#include "records/import.h"
#include "store/store_accounts.h"
#include "store/store_applications.h"
#include "store/store_audit.h"
#include "store/store_messages.h"
#include "store/store_portal.h"
#include "store/store_settings.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long long version_of(store_t *s)
{
    long long v = -1;
    char *err = NULL;
    store_portal_end_reads(s); /* as the portal does: no snapshot left open */
    CHECK_INT(store_portal_data_version(s, &v, &err), RES_OK);
    free(err);
    return v;
}

static void import_text(store_t *s, const char *jsonl)
{
    FILE *f = fmemopen((void *)jsonl, strlen(jsonl), "r");
    struct import_result r;
    CHECK_INT(import_stream(s, f, "fixture.jsonl", false, stderr, &r), RES_OK);
    fclose(f);
}

static const char agencies[] = "{\"type\":\"agency\",\"code\":\"root\",\"name\":\"测试区人民政府\"}\n"
                               "{\"type\":\"agency\",\"code\":\"mz\",\"name\":\"测试区民政局\",\"parent\":\"root\"}\n";

static const char item[] = "{\"type\":\"item\",\"id\":\"cv-1\",\"agency\":\"mz\",\"column\":\"gkml/gsgg\","
                           "\"title\":\"公告\",\"body\":\"正文\",\"written\":\"2024-03-01\","
                           "\"publications\":[{\"channel\":\"website\",\"at\":\"2024-03-02\"}]}\n";

/* A message as submitted and held for moderation (a sensitive word): shown nowhere. */
static const char held[] =
    "{\"type\":\"message\",\"id\":\"LY2025-000001\",\"agency\":\"mz\",\"kind\":\"question\",\"state\":\"moderation\","
    "\"subject\":\"代开发票\",\"body\":\"代开发票\",\"name\":\"张三\",\"code\":\"ABCD23EFGH\","
    "\"created\":\"2025-03-03 09:30:00\"}\n";

static const char published[] =
    "{\"type\":\"message\",\"id\":\"LY2025-000002\",\"agency\":\"mz\",\"kind\":\"question\",\"state\":\"published\","
    "\"subject\":\"低保\",\"body\":\"请问\",\"name\":\"李四\",\"code\":\"ABCD23EFGJ\",\"created\":\"2025-03-03 09:30:00\","
    "\"reply\":\"答复\",\"reply_by\":\"王五\",\"replied\":\"2025-03-05 10:00:00\",\"public_subject\":\"低保\","
    "\"public_body\":\"请问\",\"public_reply\":\"答复\",\"published\":\"2025-03-06 10:00:00\"}\n";

static void test_private_writes(store_t *s, store_t *other)
{
    long long v = version_of(s);
    char *err = NULL;
    long long uid = 0;
    CHECK_INT(store_user_add(s, "staff", "mz", 4, "$argon2id$v=19$m=65536,t=2,p=1$x$y", 1000, &uid, &err), RES_OK);
    CHECK_INT(store_session_create(s, "0123abcd", uid, "192.0.2.1", 1000, &err), RES_OK);
    struct audit_entry e = {.at = 1000, .actor = "staff", .client_addr = "192.0.2.1", .action = "login",
                            .object = "user:staff"};
    CHECK_INT(store_audit_append(s, &e, &err), RES_OK);
    bool allowed = false;
    for (int i = 0; i < 3; i++)
        CHECK_INT(store_rate_hit(s, "lookup-ip:hash", 3600, 10, 0, &allowed, &err), RES_OK);
    CHECK(allowed);
    CHECK_INT(store_nonce_use(s, "nonce-1", 5000, 1000, &err), RES_OK);
    char secret[CODES_HASH_HEX];
    CHECK_INT(store_msg_secret(s, "rate", secret, &err), RES_OK);
    CHECK_INT(store_msg_word_add(s, "代开发票", &err), RES_OK);
    CHECK_INT(store_form_token_put(s, "feedbeef", 1000, &err), RES_OK);
    CHECK_INT(store_public_attempt_add(s, "apply-ip", "192.0.2.1", 1000, &err), RES_OK);
    import_text(s, held);
    free(err);
    CHECK(version_of(s) == v);     /* the writing connection */
    CHECK(version_of(other) == v); /* another one */
}

static void test_public_writes(store_t *s, store_t *other)
{
    long long v = version_of(s);
    import_text(s, item);
    long long after_item = version_of(s);
    CHECK(after_item != v);                  /* the connection's own write */
    CHECK(version_of(other) == after_item); /* and another connection's view */

    char *err = NULL;
    CHECK_INT(store_setting_set(other, "site_name", "测试网站", &err), RES_OK);
    free(err);
    long long after_setting = version_of(s);
    CHECK(after_setting != after_item);

    import_text(other, published);
    CHECK(version_of(s) != after_setting);
}

void run_tests(void)
{
    char path[600];
    snprintf(path, sizeof path, "%s/cv.db", test_tmpdir());
    store_t *s = test_db_at(path);
    import_text(s, agencies);
    store_t *other = test_db_at(path);
    test_private_writes(s, other);
    test_public_writes(s, other);
    store_close(other);
    store_close(s);
}
