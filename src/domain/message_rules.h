/* The rules of messages from the public (互动交流), pure: kinds and states, which handling
 * step is allowed in which state, the public number, the query code's shape, masking of
 * personal data, the sensitive-word check, reply deadlines in working days, and the
 * arithmetic challenge of the public forms. No I/O: the store keeps messages
 * (store/store_messages.h), the web layer takes them in and shows them. */
#ifndef GK_DOMAIN_MESSAGE_RULES_H
#define GK_DOMAIN_MESSAGE_RULES_H
#include "domain/calendar.h"
#include "domain/taxonomy.h"
#include "util/date.h"
#include "util/result.h"
#include <stdbool.h>
#include <stddef.h>

enum msg_kind { MSG_SUGGESTION, MSG_LEADER, MSG_QUESTION, MSG_COMPLAINT, MSG_KIND_COUNT };

enum msg_state {
    MSG_MODERATION,  /* held: a sensitive word; not yet received */
    MSG_RECEIVED,    /* waiting for a handler of the addressed agency */
    MSG_ASSIGNED,    /* a handler has it */
    MSG_TRANSFERRED, /* sent on to another agency (now addressed to it), waiting there */
    MSG_REPLIED,     /* answered; the writer reads the reply through 在线查询 */
    MSG_PUBLISHED,   /* the exchange published as a public Q&A */
    MSG_CLOSED,      /* ended without a public Q&A (withdrawn, duplicate …) */
    MSG_REJECTED,    /* spam or abuse: never shown */
    MSG_STATE_COUNT
};

/* code (records, settings keys, admin URLs), name (建言献策 …), slug (public URL /hdjl/SLUG),
 * days_key (the setting holding its reply time limit in working days). */
struct msg_kind_info {
    const char *code, *name, *slug, *days_key;
};
extern const struct msg_kind_info msg_kinds[MSG_KIND_COUNT];
/* code and the Chinese name the writer and the handler read (已受理, 已答复 …). */
extern const struct code_name msg_states[MSG_STATE_COUNT];
/* The kind for a code / a slug; -1 when none. */
int msg_kind_find(const char *code);
int msg_kind_by_slug(const char *slug);
int msg_state_find(const char *code);
/* Whether a state is still waiting for an answer (counts towards due / overdue). */
bool msg_state_open(enum msg_state s);

/* ---- handling steps ---- */
enum msg_action {
    MSG_ACT_ACCEPT,   /* moderation → received (a moderator lets it through) */
    MSG_ACT_ASSIGN,   /* received / transferred / assigned → assigned */
    MSG_ACT_TRANSFER, /* received / assigned / transferred → transferred (to another agency) */
    MSG_ACT_REPLY,    /* received / assigned / transferred → replied */
    MSG_ACT_PUBLISH,  /* replied / published → published (the public version, edited) */
    MSG_ACT_CLOSE,    /* received / assigned / transferred / replied → closed */
    MSG_ACT_REJECT,   /* moderation / received / assigned / transferred → rejected (spam) */
    MSG_ACT_COUNT
};
extern const struct code_name msg_actions[MSG_ACT_COUNT];
int msg_action_find(const char *code);
/* The state ACTION leads to from FROM: RES_OK with *to, or RES_REFUSED with *why
 * ("state: 已答复的留言不能转办", malloc'd) when the step is out of order. */
res_t msg_action_next(enum msg_state from, enum msg_action action, enum msg_state *to, char **why);

/* ---- the public number: LY<year>-<six digits>, counted per year ---- */
#define MSG_NUMBER_SIZE 16
/* Writes "LY2026-000123" into OUT; false when seq is outside 1..999999. */
bool msg_number_format(int year, long long seq, char out[MSG_NUMBER_SIZE]);
/* Reads a number as typed (spaces around, lower-case ly): the year and the sequence;
 * false when it is not a number's shape. NORM (may be NULL) gets the canonical form. */
bool msg_number_parse(const char *s, int *year, long long *seq, char norm[MSG_NUMBER_SIZE]);

/* ---- the query code: MSG_CODE_LEN characters of MSG_CODE_ALPHABET ----
 * 30 characters that cannot be mistaken for one another when read aloud or copied by hand
 * (no 0/O, 1/I/L, S); 10 of them hold ~49 bits. */
#define MSG_CODE_ALPHABET "23456789ABCDEFGHJKMNPQRTUVWXYZ"
#define MSG_CODE_LEN 10
/* The code as typed, upper-cased with spaces and dashes dropped, into OUT (MSG_CODE_LEN + 1);
 * false when it is not a code's shape. */
bool msg_code_normalize(const char *s, char out[MSG_CODE_LEN + 1]);

/* ---- masking (GB/T 35273 practice: show only what the reader needs) ---- */
/* "138****5678" for a mobile number; other phones keep their first 3 and last 2 digits.
 * Every mask here is idempotent: masking a masked value gives it back (a masked export
 * imports and exports again unchanged). */
char *msg_mask_phone(const char *phone);
/* "z***@example.com". */
char *msg_mask_email(const char *email);
/* "张某": the first character and 某. */
char *msg_mask_name(const char *name);
/* TEXT with every mobile number, 18-character identity number and e-mail address masked
 * (the default public version of a message and of its reply). malloc'd. */
char *msg_scrub_text(const char *text);
/* True when TEXT still holds a mobile number, an identity number or an e-mail address:
 * a public version with one is refused. */
bool msg_has_personal_data(const char *text);

/* ---- sensitive words ---- */
/* The first of WORDS[0..N) found in any of TEXTS[0..NT) (NULL texts skipped; ASCII letters
 * compared case-insensitively, spaces in the text ignored, so "赌 博" is found); NULL when none. */
const char *msg_find_sensitive(const char *const *texts, size_t nt, const char *const *words, size_t n);

/* ---- the reply time limit ---- */
/* *due = RECEIVED + DAYS working days on CAL. RES_OK, or RES_REFUSED when the date is
 * outside the calendar's data (the due date is then unknown). */
res_t msg_due(const calendar_t *cal, gk_date received, int days, gk_date *due);

/* ---- the arithmetic challenge of the public forms ----
 * A question in Chinese ("七加五等于几？") about two small numbers, from a SEED the server
 * draws (and signs in the form): no picture, no script, readable by a screen reader and
 * in 长者模式. */
struct msg_challenge {
    char question[96];
    int answer;
};
void msg_challenge_make(unsigned long long seed, struct msg_challenge *out);
/* The answer as typed: Arabic or Chinese digits ("12", "十二", "１２"); -1 when not a number. */
int msg_challenge_read_answer(const char *typed);

#endif
