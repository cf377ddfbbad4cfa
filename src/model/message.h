/* Messages from the public (互动交流, issue 10 item 1): 建言献策, 领导信箱, 咨询, 投诉.
 *
 * A message is addressed to an agency, gets a public number (LY2026-000123) and a random
 * query code whose hash only is kept, and moves through states:
 *
 *   moderation ─┬─► received ─► assigned ─► replied ─► published (a public Q&A)
 *               │        └────────┴──► transferred (to another agency: received again there)
 *               └─► rejected (spam)          any open state ─► closed / rejected
 *
 * The writer's name and contact are personal data: every read path of the store masks
 * them except for the handlers of the addressed agency (struct msg_viewer). A published
 * Q&A shows only its public version (public_subject, public_body, public_reply), written
 * by the handler with personal data removed.
 *
 * Strings are owned by whoever filled the struct (the parser's record, a store row). */
#ifndef GK_MODEL_MESSAGE_H
#define GK_MODEL_MESSAGE_H
#include "domain/message_rules.h"
#include "util/codes.h"
#include <stdbool.h>

/* One message, as import validates it, the store writes and reads it, and export writes
 * it. Times are 'YYYY-MM-DD HH:MM:SS' in China Standard Time. */
struct message_rec {
    const char *number;  /* LY2026-000123; import: the record's id */
    const char *agency;  /* code of the agency it is addressed to now */
    const char *agency_name; /* reads only */
    enum msg_kind kind;
    enum msg_state state;
    const char *subject, *body;
    const char *name, *phone, *email; /* personal data (masked on reads for others) */
    const char *code_hash; /* hex of the query code's keyed hash (msg_code_hash) */
    const char *code;      /* import only: the plain code, hashed on write (demo data) */
    const char *created;   /* when it arrived */
    const char *due;       /* YYYY-MM-DD: the reply is due (working days per kind), or NULL */
    const char *flag;      /* why it went to moderation (the sensitive word), or NULL */
    const char *assignee;  /* the handler's user name */
    const char *transferred_from; /* agency code it came from, or NULL */
    const char *reply, *reply_by, *replied; /* the answer, who signed it, when */
    const char *public_subject, *public_body, *public_reply, *published; /* the Q&A */
    const char *note;      /* why it was closed or rejected */
    bool masked;           /* reads: name and contact are masked */
};

/* The stored form of a query code: keyed with the message's number, so that one code
 * hashes differently in two messages. */
static inline void message_code_hash(const char *number, const char *code, char out[CODES_HASH_HEX])
{
    codes_keyed_hash(number, code, out);
}

#endif
