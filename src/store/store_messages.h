/* Messages from the public (互动交流) and what guards their forms: the store's side of
 * model/message.h.
 *
 * Personal data is masked here, in every read path, for everyone but the handlers of the
 * addressed agency (struct msg_viewer): no page, export, log line or API can then leak
 * what a template forgot. A masked row has `masked` set; name "张某", phone "138****5678",
 * e-mail "z***@example.com".
 *
 * Anti-abuse lives beside them, store-backed so that it holds across restarts: rate-limit
 * counters per hashed key and window, the sensitive words administrators keep, one-time
 * nonces (a challenge answered twice is refused), and the server's secret that signs the
 * forms' challenges. */
#ifndef GK_STORE_MESSAGES_H
#define GK_STORE_MESSAGES_H
#include "model/message.h"
#include "store/store.h"
#include "text/search_query.h"

/* Who reads. NULL (or agency NULL and not everything) is the public: everything masked. */
struct msg_viewer {
    const char *agency; /* a handler or admin of this agency (code): its messages unmasked */
    bool everything;    /* the operator's export with --personal-data: nothing masked */
};

/* Which messages. Zero values mean "any". */
struct msg_query {
    const char *agency;               /* addressed to this agency code now */
    unsigned states;                  /* a bit (1u << state) per state; 0 = every state */
    int kind;                         /* enum msg_kind, or -1 = every kind */
    int year;                         /* created in this year; 0 = every year */
    const char *due_from, *due_to;    /* YYYY-MM-DD: due on or after / on or before (messages with a due date) */
    const struct search_terms *terms; /* full text over the PUBLIC version (published Q&As only) */
    bool oldest_first;                /* by creation, oldest first (handler queues); else newest first */
};
#define MSG_STATE_BIT(s) (1u << (s))

/* ---- writes ---- */
/* Import: writes R (number given, code_hash given) or replaces the message of that
 * number. RES_REFUSED for an unknown agency ("agency: …") or transferred_from. */
res_t store_put_message(store_t *s, const struct message_rec *r, char **err);
/* A new message from the public form: gives it the next number of R->created's year
 * (*number, malloc'd), stores the hash of the plain R->code (never the code), in R->state
 * (MSG_RECEIVED, or MSG_MODERATION with R->flag). RES_REFUSED for an unknown agency.
 * ONCE (may be NULL) is the form's one-time nonce, kept until ONCE_EXPIRES (seconds since the
 * epoch) in the same transaction: when it created a message already, nothing is written,
 * *number is that message's and *replayed is set (a double click or a replay makes one
 * message). A nonce spent without a message (store_nonce_use: a wrong answer) is RES_REFUSED
 * ("token: used"). */
res_t store_message_submit(store_t *s, const struct message_rec *r, const char *once, long long once_expires,
                           char **number, bool *replayed, char **err);

/* One handling step (domain/message_rules.h), checked and written with its row of the
 * message's history in one transaction: its own, or the caller's (store_begin … commit, so
 * that the workspace's audit row goes with it) when one is open. */
struct msg_change {
    const char *number;
    enum msg_action action;
    int expect;             /* the state the handler saw (enum msg_state), or -1: a change
                             * made meanwhile by someone else is refused, not overwritten */
    const char *actor;      /* user name of the handler */
    const char *agency;     /* the handler's agency: must be the one the message is addressed
                             * to (RES_REFUSED "agency: …"); NULL = the operator (any) */
    const char *to_agency;  /* transfer: the agency code it goes to */
    const char *assignee;   /* assign: the handler's user name (default: actor) */
    const char *text;       /* reply: the answer; close / reject / transfer: the reason */
    const char *public_subject, *public_body, *public_reply; /* publish */
    const char *at;         /* 'YYYY-MM-DD HH:MM:SS' CST */
};
/* RES_OK; RES_NOT_FOUND (no such number); RES_REFUSED with *err "field: reason" (out of
 * order, another agency's message, a public version with personal data, a missing reply);
 * RES_FAILED. */
res_t store_message_change(store_t *s, const struct msg_change *c, char **err);

/* ---- reads (masked per VIEWER) ---- */
/* RES_OK (fill *out; free with message_rec_free), RES_NOT_FOUND, RES_FAILED. */
res_t store_message_get(store_t *s, const char *number, const struct msg_viewer *viewer, struct message_rec *out,
                        char **err);
void message_rec_free(struct message_rec *r);
/* Messages matching Q, skipping OFFSET, at most LIMIT (1..1000), each to FN (strings borrowed
 * for the call). */
res_t store_messages_each(store_t *s, const struct msg_query *q, const struct msg_viewer *viewer, long long offset,
                          int limit, int (*fn)(const struct message_rec *m, void *ud), void *ud, char **err);
res_t store_messages_count(store_t *s, const struct msg_query *q, long long *n, char **err);
/* The year's figures per kind: messages received (created in YEAR, not rejected and not
 * held in moderation) and Q&As published in YEAR. */
res_t store_messages_year_counts(store_t *s, int year, long long received[MSG_KIND_COUNT],
                                 long long published[MSG_KIND_COUNT], char **err);
/* The handling history of a message, oldest first: (at, action code, actor, agency code,
 * to_agency code or NULL, note or NULL), strings borrowed for the call. */
struct msg_event {
    const char *at, *action, *actor, *agency, *to_agency, *note;
};
res_t store_message_history(store_t *s, const char *number, int (*fn)(const struct msg_event *e, void *ud), void *ud,
                            char **err);
/* Every message for export, oldest first (the viewer decides masking). */
res_t store_each_message(store_t *s, const struct export_filter *f, const struct msg_viewer *viewer,
                         int (*fn)(const struct message_rec *m, void *ud), void *ud, char **err);

/* ---- anti-abuse ---- */
/* Counts one hit of KEY (already hashed: no address or contact is stored as it is) in the
 * window starting at WINDOW (seconds since the epoch, a multiple of the window's length)
 * unless LIMIT hits are there already: *allowed says which. Counters of windows ended
 * before OLDER_THAN are removed on the way. */
res_t store_rate_hit(store_t *s, const char *key, long long window, int limit, long long older_than, bool *allowed,
                     char **err);
/* Marks NONCE used until EXPIRES (seconds since the epoch): RES_OK the first time,
 * RES_REFUSED ("nonce: used") after. Expired nonces are removed on the way. */
res_t store_nonce_use(store_t *s, const char *nonce, long long expires, long long now, char **err);
/* The message a form's NONCE created: RES_OK with *number (malloc'd); RES_NOT_FOUND when
 * unseen; RES_REFUSED ("token: used") when spent on a wrong answer. */
res_t store_nonce_message(store_t *s, const char *nonce, char **number, char **err);
/* The sensitive words, in order. */
res_t store_msg_words_each(store_t *s, int (*fn)(const char *word, void *ud), void *ud, char **err);
/* Adds WORD (1..50 characters, no control characters): RES_REFUSED otherwise; adding a word
 * that is there is RES_OK. Removing one that is not there is RES_NOT_FOUND. */
res_t store_msg_word_add(store_t *s, const char *word, char **err);
res_t store_msg_word_remove(store_t *s, const char *word, char **err);
/* The secret NAME (64 hex digits), created on first use: what signs the forms' challenges. */
res_t store_msg_secret(store_t *s, const char *name, char out[CODES_HASH_HEX], char **err);

#endif
