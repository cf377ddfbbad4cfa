/* The audit log (issue 8 item 2; schema 008_accounts.sql): every change made by staff —
 * who, when, from where, what, before and after — appended, never changed, hash-chained by
 * domain/audit_chain.c so that `gongkai audit verify` finds a row changed, inserted or
 * removed in the database. Dispatched by store.c; SQLite: src/store/sqlite/sqlite_audit.c.
 *
 * Other code records its own changes in the same transaction as the change itself:
 *
 *     store_begin(s, &why);
 *     ... the change ...
 *     struct audit_entry e = {.at = now, .actor = staff->login, .client_addr = req->client_ip,
 *                             .action = "item.publish", .object = "item:2024-0001",
 *                             .before_json = old, .after_json = new};
 *     store_audit_append(s, &e, &why);
 *     store_commit(s, &why);
 *
 * (the web layer's admin_audit() in web/admin/session.h fills who, when and from where). */
#ifndef GK_STORE_AUDIT_H
#define GK_STORE_AUDIT_H
#include "store/store.h"
#include "util/result.h"
#include <stdbool.h>

struct audit_entry {
    long long id;            /* the row's number (1, 2, …): set by store_audit_append */
    long long at;            /* Unix seconds */
    const char *actor;       /* the staff login, or "cli:OSUSER" for the command line */
    const char *client_addr; /* the client address ("" for the command line) */
    const char *action;      /* what was done, "FAMILY.VERB": "login", "login.failed", "logout",
                              * "user.create", "user.disable", "user.password", "item.publish" … */
    const char *object;      /* what it was done to, "KIND:ID": "user:zhang", "item:2024-0001" */
    const char *before_json; /* the object before (a JSON object) or NULL; never a password */
    const char *after_json;  /* after, or NULL */
    const char *hash;        /* read: the row's chain hash (hex) */
};

/* Appends E (id and hash set here; E->id is filled in). Inside the caller's transaction
 * when one is open, else in its own. */
res_t store_audit_append(store_t *s, struct audit_entry *e, char **err);

/* Which rows a listing shows: every field NULL / 0 is "any". */
struct audit_filter {
    const char *actor;  /* exactly this login */
    const char *action; /* exactly, or a family with a trailing '.' ("user.") */
    const char *object; /* exactly this object */
    long long from, to; /* at >= from, at < to (0: open) */
};

/* Calls FN for the rows F selects: oldest first (ascending id) or NEWEST_FIRST, skipping
 * OFFSET, at most LIMIT (< 0: all). Strings are borrowed for the call; a non-zero return
 * stops the walk (RES_OK). */
res_t store_audit_each(store_t *s, const struct audit_filter *f, bool newest_first, long long offset,
                       long long limit, int (*fn)(const struct audit_entry *e, void *ud), void *ud, char **err);

/* How many rows F selects. */
res_t store_audit_count(store_t *s, const struct audit_filter *f, long long *n, char **err);

/* The last row as recorded on append: *LAST_ID (0 when the log is empty) and its hash
 * (malloc'd, NULL when empty). */
res_t store_audit_head(store_t *s, long long *last_id, char **hash, char **err);

#endif
