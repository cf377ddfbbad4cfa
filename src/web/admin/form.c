/* Workspace forms (form.h). */
#include "web/admin/form.h"
#include "util/arena.h"
#include "util/xalloc.h"
#include "web/admin/session.h"
#include <sodium.h>
#include <string.h>

bool form_csrf_ok(const struct request *req, const char *expected)
{
    const char *got = req_form(req, FORM_CSRF_FIELD);
    if (!got || !expected || !*expected)
        return false;
    size_t n = strlen(expected);
    /* The length is no secret (every token has the same); the bytes are compared in
     * constant time. */
    return strlen(got) == n && sodium_memcmp(got, expected, n) == 0;
}

void form_error(json_t *ctx, const char *field, const char *message)
{
    json_t *by_field = json_object_get(ctx, "error");
    if (!by_field) {
        by_field = json_object();
        json_object_set_new(ctx, "error", by_field);
    }
    json_t *list = json_object_get(ctx, "errors");
    if (!list) {
        list = json_array();
        json_object_set_new(ctx, "errors", list);
    }
    if (!json_object_get(by_field, field))
        json_object_set_new(by_field, field, json_string(message));
    json_t *e = json_object();
    json_object_set_new(e, "field", json_string(field));
    json_object_set_new(e, "message", json_string(message));
    json_array_append_new(list, e);
}

bool form_has_errors(const json_t *ctx)
{
    return json_array_size(json_object_get(ctx, "errors")) > 0;
}

void form_keep(json_t *ctx, const struct request *req, const char *const *fields)
{
    json_t *form = json_object_get(ctx, "form");
    if (!form) {
        form = json_object();
        json_object_set_new(ctx, "form", form);
    }
    for (size_t i = 0; fields[i]; i++) {
        const char *v = req_form(req, fields[i]);
        json_object_set_new(form, fields[i], json_string(v ? v : "")); /* valid UTF-8: the server checked */
    }
}

void form_redirect(struct response *res, const char *to)
{
    res_redirect(res, 303, to && to[0] == '/' && to[1] != '/' ? to : "/admin/");
    res_cache(res, "no-store");
}

const char *form_text(const struct request *req, const char *name)
{
    const char *v = req_form(req, name);
    if (!v)
        return "";
    while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
        v++;
    size_t n = strlen(v);
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r' || v[n - 1] == '\n'))
        n--;
    char *out = arena_alloc(req->arena, n + 1);
    memcpy(out, v, n);
    out[n] = '\0';
    return out;
}

const char *form_once_new(struct request *req)
{
    unsigned char raw[16];
    char hex[33];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
    return arena_strdup(req->arena, hex);
}

res_t form_once_use(struct request *req, const struct admin *a, char **why)
{
    const char *once = req_form(req, FORM_ONCE_FIELD);
    if (!once || strlen(once) != 32 || strspn(once, "0123456789abcdef") != 32) {
        *why = xasprintf("once: 表单缺少一次性令牌 (the form has no one-time token)");
        return RES_REFUSED;
    }
    /* Keyed by the session too: a token is only good in the session that submitted it. */
    crypto_hash_sha256_state st;
    unsigned char d[crypto_hash_sha256_BYTES];
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const unsigned char *)a->token_hash, strlen(a->token_hash));
    crypto_hash_sha256_update(&st, (const unsigned char *)once, 32);
    crypto_hash_sha256_final(&st, d);
    sodium_bin2hex(hex, sizeof hex, d, sizeof d);
    long long max = admin_setting(req, "session_max_hours") * 3600;
    return store_form_token_use(a->s, hex, a->now, a->now + max, why);
}
