/* domain/settings.c: every key of the table is validated by its type, with the reason
 * naming the key; and the store's settings functions round-trip. */
#include "domain/settings.h"
#include "store/store_settings.h"
#include "test.h"
#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* 1 when KEY accepts VALUE; 0 when refused with a reason that names the key. */
static int accepts(const char *key, const char *value)
{
    char *why = NULL;
    res_t r = settings_check(key, value, &why);
    int ok = r == RES_OK;
    if (!ok) {
        CHECK(why != NULL);
        CHECK(why && strncmp(why, key, strlen(key)) == 0);
    } else {
        CHECK(why == NULL);
    }
    free(why);
    return ok;
}

static void test_table(void)
{
    size_t n;
    const struct setting_def *t = settings_table(&n);
    CHECK(n >= 20);
    for (size_t i = 0; i < n; i++) {
        CHECK(settings_find(t[i].key) == &t[i]);
        CHECK(t[i].zh && *t[i].zh && t[i].en && *t[i].en);
        /* A default must pass its own key's validation. */
        if (t[i].dflt)
            CHECK_INT(accepts(t[i].key, t[i].dflt), 1);
        for (size_t j = 0; j < i; j++)
            CHECK(strcmp(t[i].key, t[j].key) != 0);
    }
    char *why = NULL;
    CHECK_INT(settings_check("no_such_key", "x", &why), RES_NOT_FOUND);
    CHECK(why && strstr(why, "no_such_key"));
    free(why);
}

/* One value and whether a key takes it (1) or refuses it (0); a list ends at value NULL. */
struct verdict {
    const char *value;
    int ok;
};

/* KEY's verdict on every value of V, each one check (failures name the key and value). */
static void check_key(const char *key, const struct verdict *v)
{
    for (; v->value; v++) {
        int got = accepts(key, v->value);
        if (got != v->ok)
            fprintf(stderr, "  %s = \"%s\" was %s\n", key, v->value, got ? "accepted" : "refused");
        CHECK_INT(got, v->ok);
    }
}

static void test_each_key(void)
{
    /* every text key: one line of UTF-8, at most 200 characters */
    static const char *const text_keys[] = {"site_name", "icp", "police_record", "sponsor", "organizer",
                                            "address", "phone", "ogi_office", "ogi_address", "ogi_hours",
                                            "ogi_phone", "ogi_fax", NULL};
    char long_text[700];
    for (int i = 0; i < 201; i++)
        memcpy(long_text + 3 * i, "政", 3);
    long_text[603] = 0;
    for (const char *const *k = text_keys; *k; k++) {
        CHECK_INT(accepts(*k, "工农区人民政府"), 1);
        CHECK_INT(accepts(*k, ""), 1);
        CHECK_INT(accepts(*k, "two\nlines"), 0);
        CHECK_INT(accepts(*k, "bad \xff utf-8"), 0);
        CHECK_INT(accepts(*k, long_text), 0);
        long_text[600] = 0; /* 200 characters */
        CHECK_INT(accepts(*k, long_text), 1);
        long_text[600] = "政"[0];
    }
    check_key("site_domain", (const struct verdict[]){
        {"www.gongnong.gov.cn", 1}, {"localhost:8080", 1}, {"https://www.gongnong.gov.cn", 0},
        {"www.gongnong.gov.cn/x", 0}, {"a..b", 0}, {"\"><script>", 0}, {NULL, 0}});
    check_key("site_id_code", (const struct verdict[]){
        {"2304030001", 1}, {"230403000", 0}, {"23040300011", 0}, {"2304-30001", 0}, {NULL, 0}});
    static const char *const url_keys[] = {"error_report_url", "dzjg_url", "ogi_website", NULL};
    static const struct verdict url_values[] = {
        {"https://bszs.conac.cn/sitename?method=show&id=1", 1}, {"http://www.gongnong.gov.cn", 1},
        {"javascript:alert(1)", 0}, {"JavaScript:alert(1)", 0}, {"data:text/html,x", 0}, {"//evil.example/", 0},
        {"https://x.cn/\"onmouseover=\"a", 0}, {"https:///path", 0}, {NULL, 0}};
    for (const char *const *k = url_keys; *k; k++)
        check_key(*k, url_values);
    check_key("ogi_email", (const struct verdict[]){
        {"gk@gongnong.gov.cn", 1}, {"gongnong.gov.cn", 0}, {"a@b@c.cn", 0}, {"a b@c.cn", 0}, {NULL, 0}});
    static const char *const postcode_keys[] = {"postcode", "ogi_postcode", NULL};
    static const struct verdict postcode_values[] = {
        {"154000", 1}, {"15400", 0}, {"15400a", 0}, {NULL, 0}};
    for (const char *const *k = postcode_keys; *k; k++)
        check_key(*k, postcode_values);
    check_key("page_cache_mb", (const struct verdict[]){
        {"0", 1}, {"65535", 1}, {"65536", 0}, {"-1", 0}, {NULL, 0}});
    check_key("per_ip_limit", (const struct verdict[]){
        {"0", 1}, {"032", 0}, {" 32", 0}, {"0x20", 0}, {NULL, 0}});
    check_key("threads", (const struct verdict[]){
        {"1", 1}, {"256", 1}, {"0", 0}, {"257", 0}, {NULL, 0}});
    check_key("conn_limit", (const struct verdict[]){
        {"1", 1}, {"0", 0}, {"99999999999", 0}, {NULL, 0}});
    check_key("timeout_s", (const struct verdict[]){
        {"3600", 1}, {"3601", 0}, {"", 0}, {NULL, 0}});
    check_key("trusted_proxies", (const struct verdict[]){
        {"", 1}, {"127.0.0.1", 1}, {"127.0.0.1, 10.0.0.0/8,::1,fd00::/8", 1}, {"10.0.0.0/33", 0},
        {"fd00::/129", 0}, {"localhost", 0}, {"127.0.0.1,,::1", 0}, {"256.0.0.1", 0}, {NULL, 0}});

    CHECK_INT(settings_uint("per_ip_limit", "64"), 64);
    CHECK_INT(settings_uint("per_ip_limit", "junk"), 32);
    CHECK_INT(settings_uint("per_ip_limit", NULL), 32);
    CHECK_INT(settings_uint("site_name", "5"), 0);
}

/* docs/settings.md documents every key of the table, as a row "| `key` |". */
static void test_documented(void)
{
    FILE *f = fopen("docs/settings.md", "rb");
    CHECK(f != NULL);
    if (!f)
        return;
    buf_t doc = BUF_INIT;
    CHECK(buf_read_stream(&doc, f));
    fclose(f);
    size_t n;
    const struct setting_def *t = settings_table(&n);
    for (size_t i = 0; i < n; i++) {
        char row[80];
        snprintf(row, sizeof row, "| `%s` |", t[i].key);
        if (!strstr(buf_str(&doc), row))
            fprintf(stderr, "  docs/settings.md has no row for %s\n", t[i].key);
        CHECK(strstr(buf_str(&doc), row) != NULL);
    }
    buf_free(&doc);
}

static int count(const char *key, const char *value, void *ud)
{
    (void)key;
    (void)value;
    ++*(int *)ud;
    return 0;
}

static void test_store(void)
{
    char path[] = "/tmp/gk_settings_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    unlink(path);
    store_t *s;
    char *err = NULL;
    CHECK_INT(store_open(path, &s, &err), 0);
    CHECK_INT(store_migrate(s, &err), 0);
    char *v = NULL, *why = NULL;
    CHECK_INT(store_setting_get(s, "per_ip_limit", &v, &why), RES_NOT_FOUND);
    CHECK(v == NULL);
    CHECK_INT(store_setting_set(s, "per_ip_limit", "64", &why), RES_OK);
    CHECK_INT(store_setting_get(s, "per_ip_limit", &v, &why), RES_OK);
    CHECK_STR(v, "64");
    free(v);
    CHECK_INT(store_setting_set(s, "per_ip_limit", "128", &why), RES_OK);
    CHECK_INT(store_setting_get(s, "per_ip_limit", &v, &why), RES_OK);
    CHECK_STR(v, "128");
    free(v);
    int before = 0, after = 0;
    CHECK_INT(store_setting_each(s, count, &before, &why), RES_OK);
    CHECK_INT(store_setting_unset(s, "per_ip_limit", &why), RES_OK);
    CHECK_INT(store_setting_unset(s, "per_ip_limit", &why), RES_NOT_FOUND);
    CHECK_INT(store_setting_each(s, count, &after, &why), RES_OK);
    CHECK_INT(before - after, 1);
    store_close(s);
    unlink(path);
    free(err);
}

void run_tests(void)
{
    test_table();
    test_each_key();
    test_store();
    test_documented();
}
