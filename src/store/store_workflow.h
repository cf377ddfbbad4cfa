/* The editorial workflow's store operations (issue 8, item 3): items written in the
 * workspace, their revisions and their history. The rules (who may do what, from which
 * state) are domain/workflow.h's; each operation below applies them inside its own
 * transaction, writes the change, its history row and its audit record, and commits — or
 * changes nothing.
 *
 * Concurrency: an item's version moves with every save and every change of state. Each
 * change carries the version its form was based on; if it moved in between the change is
 * refused (RES_REFUSED, "version: …" naming who changed it and when), never applied over
 * the other. A repeat of the change just made by the same person (a double click, a
 * reload) answers RES_OK without changing anything.
 *
 * Visibility: nothing here decides what the portal shows beyond the items row: published
 * means first_published is set (today: public now; a later date: scheduled, public from that
 * day, which the page cache's day key also respects); a withdrawal clears it. A change to a
 * public item moves the content version (store_portal_data_version), which makes the
 * cached public pages stale. */
#ifndef GK_STORE_WORKFLOW_H
#define GK_STORE_WORKFLOW_H
#include "domain/workflow.h"
#include "store/store.h"

struct item_change;
/* The audit hook: called inside the change's transaction, after the change and before the
 * commit; a result other than RES_OK rolls the change back and is returned. */
typedef res_t (*item_audit_fn)(store_t *s, const struct item_change *c, void *ud, char **err);

/* Who makes a change. */
struct wf_actor {
    struct wf_who who;  /* user id, roles, agency code */
    const char *login;  /* shown in the history and in a refused save's message */
    const char *addr;   /* client address, for the audit (NULL: the command line) */
    item_audit_fn audit; /* NULL: no audit record (tests of the store alone) */
    void *audit_ud;
};

/* What the audit hook is told. Strings are borrowed for the call. */
struct item_change {
    const struct wf_actor *actor;
    long long item_id;
    const char *ext_id;
    enum wf_action action;
    enum wf_state before, after;
    int version_before, version_after;
    int rev;             /* the revision concerned */
    const char *summary; /* JSON object: what changed ({"title": …, "state": …, "note": …}) */
};

/* A change of state. */
struct wf_request {
    enum wf_action action; /* WF_SUBMIT … WF_VALIDITY */
    const char *note;      /* return: the comment; withdraw: the public note (both required) */
    gk_date on;            /* NO_DATE or 0: none. publish: the day (none: today; later: scheduled);
                            * validity: the day it takes effect (required) */
    enum wf_validity validity; /* validity only */
};

/* Creates an item in AGENCY (R->agency, a code) as a draft with its first revision: R's
 * title and metadata (validated by the caller with the import's rules, records/parse.c);
 * R->id and R->pubs are ignored (the item's id is made here). The 索引号 is R->index_no or
 * the next of the agency's pattern (domain/index_pattern.h) for the year of 成文日期 (else
 * this year); unique either way. TOKEN (the form's one-time token, or NULL) makes a repeat
 * of the same creation answer the first one's id. *id is the new item's. */
res_t store_item_create(store_t *s, const struct wf_actor *a, const struct item_rec *r, const char *token,
                        long long *id, char **err);
/* Saves a new revision of item ID from BASE_VERSION. RES_NOT_FOUND for no such item. */
res_t store_item_save(store_t *s, const struct wf_actor *a, long long id, int base_version,
                      const struct item_rec *r, char **err);
/* Moves item ID from BASE_VERSION by RQ. */
res_t store_item_act(store_t *s, const struct wf_actor *a, long long id, int base_version,
                     const struct wf_request *rq, char **err);

/* One item as the workspace sees it: its state and the working copy (the latest revision;
 * an imported item's text before its first save). Strings malloc'd; item_work_clear. */
struct item_work {
    long long id, agency_id;
    char *ext_id, *agency_code, *agency_name;
    enum wf_state state;
    int version, rev, live_rev;
    bool live;                    /* first publication set (public, or scheduled) */
    char *published;              /* first publication, YYYY-MM-DD, or NULL */
    char *changed_by, *changed_at; /* last change ('YYYY-MM-DD HH:MM:SS' UTC) */
    long long rev_author_id;
    char *rev_author, *rev_saved_at;
    char *review_note, *withdrawn_on, *withdrawn_note, *validity, *validity_on, *repealed;
    /* the working copy */
    char *title, *body, *column, *index_no, *doc_no, *topic, *genre, *statutory, *written;
};
void item_work_clear(struct item_work *w);
res_t store_item_work(store_t *s, long long id, struct item_work *out, char **err);

/* The revisions of item ID, newest first (rows borrowed during the callback). */
struct item_revision_row {
    int rev;
    const char *saved_at, *author, *title;
    long long author_id;
};
res_t store_item_revisions(store_t *s, long long id, int (*fn)(const struct item_revision_row *r, void *ud),
                           void *ud, char **err);
/* The title and body of revision REV of item ID (malloc'd). RES_NOT_FOUND for none. */
res_t store_item_revision_text(store_t *s, long long id, int rev, char **title, char **body, char **err);

/* The workflow history of item ID, oldest first (rows borrowed). */
struct item_event_row {
    const char *at, *actor, *action, *note, *on_date;
    int rev;
};
res_t store_item_events(store_t *s, long long id, int (*fn)(const struct item_event_row *r, void *ud), void *ud,
                        char **err);

/* The workspace's list: one agency's items, newest change first (published ones: newest
 * publication first). */
struct worklist_query {
    const char *agency;   /* the agency's code (required) */
    const char *state;    /* a wf_states code; NULL: everything not simply published (the work queue) */
    const char *column;   /* exact slug, or NULL */
    long long author_id;  /* > 0: only items whose current revision this account saved */
    long long offset;
    int limit;            /* 1..200 */
};
struct worklist_row {
    long long id;
    const char *ext_id, *title, *state, *changed_by, *changed_at, *column_slug, *published, *index_no;
    int version;
};
res_t store_item_worklist(store_t *s, const struct worklist_query *q,
                          int (*fn)(const struct worklist_row *r, void *ud), void *ud, char **err);

/* The public note of a withdrawn item (what its address shows instead of the item):
 * RES_OK with *title, *on and *note (malloc'd), RES_NOT_FOUND when EXT_ID is no withdrawn item. */
res_t store_item_withdrawal(store_t *s, const char *ext_id, char **title, char **on, char **note, char **err);

/* Sets the 索引号 pattern of agency CODE (NULL: the default). RES_REFUSED for a pattern that
 * index_pattern_check refuses, RES_NOT_FOUND for an unknown agency. */
res_t store_agency_index_pattern(store_t *s, const char *code, const char *pattern, char **err);

#endif
