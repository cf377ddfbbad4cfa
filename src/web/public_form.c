/* The one-time token of the public forms (public_form.h). */
#include "web/public_form.h"
#include "store/store_messages.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void hex(const unsigned char *b, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        snprintf(out + 2 * i, 3, "%02x", b[i]);
}

static void sign(const char *secret, const char *nonce, long long expires, unsigned long long seed,
                 char mac[CODES_HASH_HEX])
{
    char msg[96];
    snprintf(msg, sizeof msg, "form|%s|%lld|%016llx", nonce, expires, seed);
    codes_keyed_hash(secret, msg, mac);
}

res_t pubform_issue(store_t *s, struct pubform_token *out, char **err)
{
    char secret[CODES_HASH_HEX], mac[CODES_HASH_HEX];
    res_t rc = store_msg_secret(s, "form", secret, err);
    if (rc)
        return rc;
    unsigned char raw[16];
    unsigned long long seed;
    codes_random_bytes(raw, sizeof raw);
    codes_random_bytes(&seed, sizeof seed);
    hex(raw, sizeof raw, out->nonce);
    out->expires = (long long)time(NULL) + PUBFORM_TTL_S;
    sign(secret, out->nonce, out->expires, seed, mac);
    snprintf(out->text, sizeof out->text, "%s.%lld.%016llx.%s", out->nonce, out->expires, seed, mac);
    msg_challenge_make(seed, &out->challenge);
    return RES_OK;
}

static res_t refuse(char **err, const char *why)
{
    free(*err);
    *err = xstrdup(why);
    return RES_REFUSED;
}

res_t pubform_read(store_t *s, const char *text, struct pubform_token *out, char **err)
{
    memset(out, 0, sizeof *out);
    char nonce[33], seed_hex[17], mac[CODES_HASH_HEX], want[CODES_HASH_HEX];
    long long expires;
    int used = 0;
    if (!text || strlen(text) >= sizeof out->text ||
        sscanf(text, "%32[0-9a-f].%lld.%16[0-9a-f].%64[0-9a-f]%n", nonce, &expires, seed_hex, mac, &used) != 4 ||
        text[used] || strlen(nonce) != 32 || strlen(seed_hex) != 16 || strlen(mac) != 64)
        return refuse(err, "token: 表单已失效，请重新填写验证问题后提交");
    char secret[CODES_HASH_HEX];
    res_t rc = store_msg_secret(s, "form", secret, err);
    if (rc)
        return rc;
    unsigned long long seed = strtoull(seed_hex, NULL, 16);
    sign(secret, nonce, expires, seed, want);
    if (!codes_equal(mac, want))
        return refuse(err, "token: 表单已失效，请重新填写验证问题后提交");
    if (expires < (long long)time(NULL))
        return refuse(err, "token: 表单已超过两小时，请重新填写验证问题后提交");
    snprintf(out->text, sizeof out->text, "%s", text);
    memcpy(out->nonce, nonce, sizeof nonce);
    out->expires = expires;
    msg_challenge_make(seed, &out->challenge);
    return RES_OK;
}

res_t pubform_code(store_t *s, const char *nonce, char out[MSG_CODE_LEN + 1], char **err)
{
    char secret[CODES_HASH_HEX], h[CODES_HASH_HEX], msg[64];
    res_t rc = store_msg_secret(s, "form", secret, err);
    if (rc)
        return rc;
    snprintf(msg, sizeof msg, "code|%s", nonce);
    codes_keyed_hash(secret, msg, h);
    /* Two hex digits (a byte) per character; the alphabet has 30 characters, so the modulo
     * leans a little towards the first 16 of them (each 9/256 rather than 8/256): ~49 bits. */
    size_t k = strlen(MSG_CODE_ALPHABET);
    for (int i = 0; i < MSG_CODE_LEN; i++) {
        unsigned byte = (unsigned)strtoul((char[]){h[2 * i], h[2 * i + 1], 0}, NULL, 16);
        out[i] = MSG_CODE_ALPHABET[byte % k];
    }
    out[MSG_CODE_LEN] = '\0';
    return RES_OK;
}
