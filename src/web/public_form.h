/* The one-time token of the public forms (the message form; later the consultation
 * comments). A visitor has no session, so the token carries what the server needs, signed
 * with the server's secret (store_msg_secret "form"): a random nonce, an expiry and the
 * seed of the arithmetic challenge (domain/message_rules.h: "七加五等于几？").
 *
 *   <nonce: 32 hex>.<expires: seconds>.<seed: 16 hex>.<mac: 64 hex>
 *
 * Why a question and not a proof-of-work script: it works without JavaScript, on any phone
 * and in 长者模式, and a screen reader reads it out; its weakness (a script can solve it)
 * is covered by the rate limits and by the nonce, which makes each answered token good
 * for one message only (the store keeps the nonces it has seen until they expire). */
#ifndef GK_WEB_PUBLIC_FORM_H
#define GK_WEB_PUBLIC_FORM_H
#include "domain/message_rules.h"
#include "store/store.h"
#include "util/codes.h"

#define PUBFORM_TTL_S 7200 /* a form is good for two hours */

struct pubform_token {
    char text[160];          /* the hidden field's value */
    char nonce[33];
    long long expires;
    struct msg_challenge challenge;
};

/* A fresh token (and its challenge). RES_FAILED when the secret cannot be read. */
res_t pubform_issue(store_t *s, struct pubform_token *out, char **err);
/* Reads TEXT back: RES_OK (fills OUT, the challenge included) when the signature holds and
 * it has not expired; RES_REFUSED ("token: …") otherwise; RES_FAILED. */
res_t pubform_read(store_t *s, const char *text, struct pubform_token *out, char **err);
/* The query code that belongs to a token's nonce: derived with the secret, so that a
 * replay of the same form can show the same code again without the code being stored. */
res_t pubform_code(store_t *s, const char *nonce, char out[MSG_CODE_LEN + 1], char **err);

#endif
