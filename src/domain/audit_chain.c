/* The audit log's hash chain (audit_chain.h). */
#include "domain/audit_chain.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

const char audit_chain_start[AUDIT_HASH_HEX] = "0000000000000000000000000000000000000000000000000000000000000000";

static void put(crypto_hash_sha256_state *st, const char *s)
{
    char len[24];
    if (!s) {
        crypto_hash_sha256_update(st, (const unsigned char *)"-;", 2);
        return;
    }
    size_t n = strlen(s);
    int k = snprintf(len, sizeof len, "%zu:", n);
    crypto_hash_sha256_update(st, (const unsigned char *)len, (unsigned long long)k);
    crypto_hash_sha256_update(st, (const unsigned char *)s, n);
    crypto_hash_sha256_update(st, (const unsigned char *)";", 1);
}

void audit_chain_hash(const char *prev, const struct audit_content *c, char out[AUDIT_HASH_HEX])
{
    crypto_hash_sha256_state st;
    unsigned char digest[crypto_hash_sha256_BYTES];
    char num[24];
    crypto_hash_sha256_init(&st);
    put(&st, prev);
    /* Not the id: the chain alone orders the rows, so a row put in between (the ids after
     * it renumbered) is told from a changed one; the verifier checks the ids separately. */
    snprintf(num, sizeof num, "%lld", c->at);
    put(&st, num);
    put(&st, c->actor);
    put(&st, c->client_addr);
    put(&st, c->action);
    put(&st, c->object);
    put(&st, c->before_json);
    put(&st, c->after_json);
    crypto_hash_sha256_final(&st, digest);
    sodium_bin2hex(out, AUDIT_HASH_HEX, digest, sizeof digest);
}

void audit_verify_start(struct audit_verifier *v)
{
    memset(v, 0, sizeof *v);
    v->expect_id = 1;
    memcpy(v->prev, audit_chain_start, AUDIT_HASH_HEX);
}

static bool found(struct audit_verifier *v, long long row, const char *problem)
{
    v->bad_row = row;
    v->problem = problem;
    return false;
}

bool audit_verify_row(struct audit_verifier *v, const struct audit_content *c, const char *stored_hash)
{
    char h[AUDIT_HASH_HEX];
    if (v->bad_row)
        return false;
    v->rows++;
    if (v->pending) {
        /* The row before did not match. If this one matches the chain as it stood before
         * that row, that row was put in between; otherwise that row was changed. */
        audit_chain_hash(v->pending_prev, c, h);
        return found(v, v->pending_id, strcmp(h, stored_hash ? stored_hash : "") == 0
                                           ? "inserted (not part of the chain)"
                                           : "changed (its hash does not match its content)");
    }
    if (c->id > v->expect_id)
        return found(v, v->expect_id, "removed (the chain skips from the row before it to a later one)");
    if (c->id < v->expect_id)
        return found(v, c->id, "out of order");
    audit_chain_hash(v->prev, c, h);
    if (strcmp(h, stored_hash ? stored_hash : "") != 0) {
        v->pending = true;
        v->pending_id = c->id;
        memcpy(v->pending_prev, v->prev, AUDIT_HASH_HEX);
        v->expect_id = c->id + 1;
        return true;
    }
    memcpy(v->prev, h, AUDIT_HASH_HEX);
    v->expect_id = c->id + 1;
    return true;
}

void audit_verify_end(struct audit_verifier *v, long long head_id, const char *head_hash)
{
    if (v->bad_row)
        return;
    long long last = v->expect_id - 1;
    if (v->pending) {
        /* The last row did not match: appended by hand when the head still names the row
         * before it, else changed. */
        found(v, v->pending_id, head_id < v->pending_id ? "inserted (not part of the chain)"
                                                       : "changed (its hash does not match its content)");
        return;
    }
    if (head_id > last) {
        found(v, last + 1, "removed (the log ends before the last row it recorded)");
        return;
    }
    if (head_id < last) {
        found(v, head_id + 1, "inserted (after the last row the log recorded)");
        return;
    }
    if (head_id > 0 && (!head_hash || strcmp(head_hash, v->prev) != 0))
        found(v, head_id, "changed (its hash differs from the one recorded)");
}
