/* Random codes and keyed hashes (libsodium): the query codes of messages, the secrets the
 * server signs its forms' challenges with, and the hashed keys of rate limits, so that
 * neither a code nor a visitor's address is ever stored as it is. */
#ifndef GK_UTIL_CODES_H
#define GK_UTIL_CODES_H
#include <stdbool.h>
#include <stddef.h>

#define CODES_HASH_HEX 65 /* 32 bytes as hex + NUL */

/* N characters drawn uniformly from ALPHABET (at most 256 characters) into OUT (N + 1 bytes). */
void codes_random(char *out, size_t n, const char *alphabet);
/* N random bytes. */
void codes_random_bytes(void *out, size_t n);
/* BLAKE2b-256 of MSG keyed with KEY (any length; hashed first when longer than the
 * primitive's key), as lower-case hex into OUT. */
void codes_keyed_hash(const char *key, const char *msg, char out[CODES_HASH_HEX]);
/* Compares two NUL-terminated strings in time that does not depend on where they differ
 * (only on the length of A). */
bool codes_equal(const char *a, const char *b);

#endif
