/* Random codes and keyed hashes (codes.h). */
#include "util/codes.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* sodium_init is idempotent and thread-safe; every entry calls it so that a command that
 * never started the server (import, demo) has the library ready. */
static void ready(void)
{
    if (sodium_init() < 0)
        abort(); /* no entropy source: nothing here could be trusted */
}

void codes_random(char *out, size_t n, const char *alphabet)
{
    ready();
    uint32_t k = (uint32_t)strlen(alphabet);
    for (size_t i = 0; i < n; i++)
        out[i] = alphabet[randombytes_uniform(k)];
    out[n] = '\0';
}

void codes_random_bytes(void *out, size_t n)
{
    ready();
    randombytes_buf(out, n);
}

void codes_keyed_hash(const char *key, const char *msg, char out[CODES_HASH_HEX])
{
    ready();
    unsigned char k[crypto_generichash_KEYBYTES_MAX], h[32];
    size_t klen = strlen(key);
    if (klen > sizeof k || klen < crypto_generichash_KEYBYTES_MIN) {
        /* A key of any length becomes one of the primitive's size. */
        crypto_generichash(k, sizeof k, (const unsigned char *)key, klen, NULL, 0);
        klen = sizeof k;
    } else {
        memcpy(k, key, klen);
    }
    crypto_generichash(h, sizeof h, (const unsigned char *)msg, strlen(msg), k, klen);
    sodium_bin2hex(out, CODES_HASH_HEX, h, sizeof h);
    sodium_memzero(k, sizeof k);
}

bool codes_equal(const char *a, const char *b)
{
    size_t n = strlen(a);
    if (strlen(b) != n)
        return false;
    return sodium_memcmp(a, b, n) == 0;
}
