/* Password hashing (password.h). */
#include "domain/password.h"
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(PASSWORD_HASH_MAX == crypto_pwhash_STRBYTES, "room for libsodium's hash string");

/* The interactive limits (64 MiB, 2 passes): about 0.1–0.3 s a login on a small server,
 * what libsodium recommends for online logins. */
#define OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE

static pthread_once_t once = PTHREAD_ONCE_INIT, dummy_once = PTHREAD_ONCE_INIT;
static char dummy[PASSWORD_HASH_MAX];

static void init(void)
{
    /* < 0 only without a source of randomness: no salt, no token could be made safely. */
    if (sodium_init() < 0)
        abort();
}

static void make_dummy(void)
{
    init();
    unsigned char random[32];
    randombytes_buf(random, sizeof random);
    if (crypto_pwhash_str(dummy, (const char *)random, sizeof random, OPSLIMIT, MEMLIMIT) != 0)
        dummy[0] = '\0';
    sodium_memzero(random, sizeof random);
}

bool password_hash(const char *password, char out[PASSWORD_HASH_MAX])
{
    pthread_once(&once, init);
    return crypto_pwhash_str(out, password, strlen(password), OPSLIMIT, MEMLIMIT) == 0;
}

bool password_verify(const char *hash, const char *password)
{
    pthread_once(&once, init);
    return hash && *hash && crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

const char *password_dummy_hash(void)
{
    pthread_once(&dummy_once, make_dummy);
    return dummy;
}
