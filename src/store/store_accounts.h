/* The staff workspace's accounts, sessions, login throttling and audit log (issue 8 items 1
 * and 2; schema 008_accounts.sql). The rules (roles, login names, password strength,
 * hashing, the audit chain's content) are domain/accounts.h, domain/password.h and
 * domain/audit_chain.h; these functions store what the caller has checked. Every time is
 * Unix seconds passed in by the caller (NOW), so that tests can move the clock.
 * Dispatched by store.c; the SQLite backend is src/store/sqlite/sqlite_accounts.c and
 * sqlite_audit.c. */
#ifndef GK_STORE_ACCOUNTS_H
#define GK_STORE_ACCOUNTS_H
#include "store/store.h"
#include "util/result.h"
#include <stdbool.h>

/* A staff account as everything above the store sees it (never its password hash). */
struct staff {
    long long id;
    char login[40];
    char agency[128];     /* agency code; "" for the platform administrator */
    unsigned roles;       /* enum role bits (domain/accounts.h) */
    bool disabled;
    long long created_at; /* Unix seconds */
};

/* ---- accounts ---- */

/* Creates the account LOGIN (checked by login_check and roles_check) of AGENCY_CODE (NULL
 * for the platform administrator) with ROLES and PW_HASH (password_hash). *ID (may be
 * NULL) = its id. RES_REFUSED: "login: 登录名 LOGIN 已存在 (exists)" or "agency: 没有机关
 * CODE (no such agency)". */
res_t store_user_add(store_t *s, const char *login, const char *agency_code, unsigned roles,
                     const char *pw_hash, long long now, long long *id, char **err);

/* The account LOGIN into *OUT; *PW_HASH (when not NULL) = its hash (malloc'd). RES_NOT_FOUND
 * when there is none (*err NULL). */
res_t store_user_get(store_t *s, const char *login, struct staff *out, char **pw_hash, char **err);

/* Calls FN for every account by login; a non-zero return stops the walk (RES_OK). */
res_t store_user_each(store_t *s, int (*fn)(const struct staff *u, void *ud), void *ud, char **err);

/* Replaces LOGIN's password hash and ends all its sessions. RES_NOT_FOUND. */
res_t store_user_set_password(store_t *s, const char *login, const char *pw_hash, long long now, char **err);

/* Disables (or enables) LOGIN; disabling ends all its sessions. RES_NOT_FOUND. */
res_t store_user_set_disabled(store_t *s, const char *login, bool disabled, char **err);

/* ---- sessions (the token itself is never stored: TOKEN_HASH is its SHA-256, hex) ---- */

/* A new session of USER_ID from CLIENT_ADDR, started NOW. */
res_t store_session_create(store_t *s, const char *token_hash, long long user_id, const char *client_addr,
                           long long now, char **err);

/* The account of session TOKEN_HASH into *OUT (and *CREATED_AT, may be NULL), and its idle
 * clock restarted at NOW. RES_NOT_FOUND (*err NULL) when there is no such session, when it
 * was idle IDLE_S seconds or more, or began MAX_S seconds or more ago (it is then deleted),
 * or when its account is disabled. */
res_t store_session_get(store_t *s, const char *token_hash, long long now, long long idle_s, long long max_s,
                        struct staff *out, long long *created_at, char **err);

/* Ends session TOKEN_HASH (RES_OK also when there was none). */
res_t store_session_delete(store_t *s, const char *token_hash, char **err);

/* ---- login throttling ---- */

struct login_limits {
    long long max_failures;      /* per login within window_s → that login locked for lock_s */
    long long addr_max_failures; /* per client address within window_s → that address locked */
    long long window_s, lock_s;
};

/* *LOCKED = LOGIN or ADDR is locked at NOW; *UNTIL (may be NULL) = when the later lock ends. */
res_t store_login_locked(store_t *s, const char *login, const char *addr, long long now, bool *locked,
                         long long *until, char **err);

/* Records a failed login of LOGIN (known or not) from ADDR at NOW and locks either when it
 * reaches its limit in LIM; forgets failures older than the window. *LOCKED_NOW (may be
 * NULL) = this failure set a lock. */
res_t store_login_failed(store_t *s, const char *login, const char *addr, long long now,
                         const struct login_limits *lim, bool *locked_now, char **err);

/* A successful login: forgets LOGIN's failures (the address's stay counted). */
res_t store_login_succeeded(store_t *s, const char *login, char **err);

/* ---- one-time form tokens (web/admin/form.h: form_once_use) ---- */

/* Marks the form token TOKEN_HASH used until UNTIL (then it is forgotten). RES_OK the first
 * time; RES_REFUSED ("once: …") when it was used before: the same form submitted twice.
 * Call it inside the transaction of the change, so that two submissions at once make one. */
res_t store_form_token_use(store_t *s, const char *token_hash, long long now, long long until, char **err);

#endif
