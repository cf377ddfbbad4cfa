/* The audit log's hash chain (issue 8 item 2): each row's hash is SHA-256 over the previous
 * row's hash and the row's own canonical content, so that a row changed, inserted or
 * removed in the database breaks the chain from that row on. Every backend computes it
 * here, the same way. Pure (libsodium's SHA-256; no I/O). */
#ifndef GK_DOMAIN_AUDIT_CHAIN_H
#define GK_DOMAIN_AUDIT_CHAIN_H
#include <stdbool.h>

#define AUDIT_HASH_HEX 65 /* 64 hex digits and a NUL */

/* The "previous hash" of the first row: 64 zeros. */
extern const char audit_chain_start[AUDIT_HASH_HEX];

/* One row's content: NULL strings (before/after when there is none) differ from "". */
struct audit_content {
    long long id, at;
    const char *actor, *client_addr, *action, *object, *before_json, *after_json;
};

/* OUT = hex SHA-256 of PREV (64 hex digits) followed by the canonical form of C: every
 * field but the id as "<decimal length>:<bytes>;" in the order of the struct, NULL as "-;",
 * so that no two different rows share a form. */
void audit_chain_hash(const char *prev, const struct audit_content *c, char out[AUDIT_HASH_HEX]);

/* The verifier's walk over the rows in id order (`gongkai audit verify`): feed each row
 * with audit_verify_row, then audit_verify_end with the head the store kept. The first
 * problem is kept in `bad_row` (0: none) and `problem` (a short English reason). */
struct audit_verifier {
    long long expect_id;         /* the next row's id: last + 1 */
    char prev[AUDIT_HASH_HEX];   /* the last good hash */
    long long bad_row;
    const char *problem;
    /* the row before, when it did not match: an inserted row is one whose successor
     * matches the hash before it */
    bool pending;
    long long pending_id;
    char pending_prev[AUDIT_HASH_HEX];
    long long rows;
};
void audit_verify_start(struct audit_verifier *v);
/* False once a problem is found (the walk may stop). STORED_HASH is the row's hash column. */
bool audit_verify_row(struct audit_verifier *v, const struct audit_content *c, const char *stored_hash);
/* HEAD_ID/HEAD_HASH: the last row as the store recorded it on append (0 / NULL: none). */
void audit_verify_end(struct audit_verifier *v, long long head_id, const char *head_hash);

#endif
