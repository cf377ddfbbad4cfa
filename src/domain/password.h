/* Password hashing: argon2id through libsodium's crypto_pwhash_str (the salt and the cost
 * are in the string it makes). The strength rules are accounts.h. A password is never
 * logged, stored or echoed by anything here. */
#ifndef GK_DOMAIN_PASSWORD_H
#define GK_DOMAIN_PASSWORD_H
#include <stdbool.h>
#include <stddef.h>

#define PASSWORD_HASH_MAX 128 /* crypto_pwhash_STRBYTES */

/* Hashes PASSWORD into OUT (PASSWORD_HASH_MAX bytes, NUL-terminated). False only when the
 * machine cannot give the memory argon2id asks for. */
bool password_hash(const char *password, char out[PASSWORD_HASH_MAX]);

/* True when PASSWORD matches HASH (a crypto_pwhash_str string). */
bool password_verify(const char *hash, const char *password);

/* A hash that matches no password, checked against when the login is unknown so that an
 * unknown login costs the same time as a wrong password. */
const char *password_dummy_hash(void);

#endif
