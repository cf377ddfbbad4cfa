/* Applications made in the workspace or on the public form (issue 9): intake with a
 * 受理编号 allocated in the store, and the applicant's personal data, read masked for
 * everyone but the handlers of the owning agency (the caller says which it is). */
#ifndef GK_STORE_APPLICATIONS_H
#define GK_STORE_APPLICATIONS_H
#include "store/store.h"

struct applicant {
    const char *name;
    const char *id_kind;  /* "resident_id" | "other" | NULL */
    const char *id_no;    /* 身份证号 or another document's number */
    const char *org_code; /* 统一社会信用代码 (organisations) */
    const char *phone, *email, *address;
    const char *receipt_note; /* how the receipt date was fixed (Art. 31) */
    const char *query_hash;   /* intake only: SHA-256 (hex) of the public query code, or NULL */
};

/* Writes R as a new application with the next 受理编号 PREFIX + 4 digits (PREFIX
 * "GN-2026-" → "GN-2026-0001", …) and WHO's details; *ID_OUT = that number (malloc'd).
 * R->id is ignored. Call inside a transaction. RES_OK, RES_REFUSED (unknown agency),
 * RES_FAILED. */
res_t store_application_intake(store_t *s, const struct application_rec *r, const struct applicant *who,
                                const char *prefix, char **id_out, char **err);

/* WHO's details for the application EXT_ID: each string malloc'd or NULL (free with
 * applicant_free). Unless UNMASKED, identity numbers, credit codes and telephone numbers
 * are masked (domain/idcheck.h) and the e-mail address and street address withheld.
 * RES_OK, RES_NOT_FOUND, RES_FAILED. */
res_t store_application_applicant(store_t *s, const char *ext_id, bool unmasked, struct applicant *who,
                                  char **err);
void applicant_free(struct applicant *who);

/* The SHA-256 (hex) of the query code of application EXT_ID in *HASH (malloc'd; NULL when
 * it has none). RES_OK, RES_NOT_FOUND, RES_FAILED. */
res_t store_application_query_hash(store_t *s, const char *ext_id, char **hash, char **err);

/* One-time form tokens (the public form): put a fresh token's hash; take it on submit:
 * *STATE = 0 unknown (or expired: older than MAX_AGE_S before NOW), 1 fresh (now marked
 * used by APPLICATION_ID, which may be NULL to only test), 2 already used, with
 * *EXISTING = that application's number (malloc'd). */
res_t store_form_token_put(store_t *s, const char *token_hash, long long now, char **err);
res_t store_form_token_take(store_t *s, const char *token_hash, long long now, long long max_age_s,
                            const char *application_id, int *state, char **existing, char **err);

/* Public attempts per client address (rate limits): record one of KIND at NOW (rows older
 * than a day are pruned), and count those of KIND from ADDR since SINCE. */
res_t store_public_attempt_add(store_t *s, const char *kind, const char *addr, long long now, char **err);
res_t store_public_attempt_count(store_t *s, const char *kind, const char *addr, long long since, long long *n,
                                 char **err);

/* ---- letters (model/app_letters.h) ---- */
struct app_letter {
    long long id;
    const char *kind, *body, *created_by, *issued_by; /* borrowed during the callback */
    long long created_at, issued_at; /* issued_at 0 while a draft */
};
/* Writes a letter of application EXT_ID: ID 0 adds a draft (its id in *ID); otherwise
 * replaces the body of draft ID. RES_REFUSED "body: …" when ID is issued, RES_NOT_FOUND
 * when it is not a letter of EXT_ID. */
res_t store_letter_put(store_t *s, const char *ext_id, long long *id, const char *kind, const char *body,
                       const char *by, long long now, char **err);
/* Issues draft ID of EXT_ID (RES_REFUSED when already issued, RES_NOT_FOUND). */
res_t store_letter_issue(store_t *s, const char *ext_id, long long id, const char *by, long long now, char **err);
/* The letters of EXT_ID, oldest first. */
res_t store_letters_each(store_t *s, const char *ext_id, int (*fn)(const struct app_letter *l, void *ud), void *ud,
                         char **err);

/* ---- repeat requests (Regulation Art. 44) ---- */
/* The subjects that at least MIN_APPLICANTS different applicants (by identity number,
 * credit code or name; an application without them counts as its own applicant) asked
 * AGENCY for, received on or after SINCE, most asked first: FN gets the subject, the
 * number of applicants and whether a proposal was recorded for it. */
res_t store_application_repeats(store_t *s, const char *agency, gk_date since, int min_applicants,
                                int (*fn)(const char *subject, long long applicants, bool proposed, void *ud),
                                void *ud, char **err);
/* Records the proposal to disclose SUBJECT of AGENCY proactively (idempotent). */
res_t store_proposal_record(store_t *s, const char *agency, const char *subject, long long applicants,
                            const char *by, long long now, char **err);

/* ---- a proposal turned into a draft item (issue 9 item 8) ---- */
/* The draft item made from proposal ID is created with this one-time token, so that a
 * double submit finds the first draft (store_item_create) and the proposal knows its
 * draft without a column of its own. */
#define PROPOSAL_TOKEN_FMT "art44-proposal-%lld"
struct proposal_info {
    long long id, applicants;
    long long item_id; /* the draft made from it, 0: not converted yet */
    char *requests;    /* the 受理编号 of the applications asking for it, "、"-separated (malloc'd) */
};
/* The recorded proposal of AGENCY for SUBJECT: RES_NOT_FOUND when none was recorded.
 * On RES_OK free out->requests. */
res_t store_proposal_find(store_t *s, const char *agency, const char *subject, struct proposal_info *out,
                          char **err);

/* ---- a reply published without personal data (issue 9 item 7) ---- */
/* The item created with the one-time TOKEN (store_item_create): RES_OK with *ID, or
 * RES_NOT_FOUND. Tells whether an application's reply was already made a draft. */
res_t store_item_by_token(store_t *s, const char *token, long long *id, char **err);

#endif
