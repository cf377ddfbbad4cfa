/* The editorial workflow of items (issue 8, item 3): states, actions, who may do what, and
 * which action leads from which state to which. Pure rules, no I/O: the store applies them
 * inside each change's transaction (so that no check and write can interleave with another
 * writer's), the web layer asks the same functions before it shows a form.
 *
 *   draft ──submit──► submitted ──approve──► approved ──publish (now / on a date)──► published
 *     ▲                   │ return (comment)     │ return                               │ withdraw (note)
 *     └──── save ◄── returned ◄──────────────────┘                                      ▼
 *                                                                                    withdrawn
 * A save is allowed in every state and leads to draft: a change to a submitted or approved
 * text must be reviewed again; a published item stays public with its published text while
 * its next revision goes round (its public text changes when that revision is published).
 * 有效性 (已修改 / 已废止 / 已失效 with its date) is set on a public item in any state. */
#ifndef GK_WORKFLOW_H
#define GK_WORKFLOW_H
#include "domain/taxonomy.h"
#include "util/result.h"
#include <stdbool.h>

enum wf_state { WF_DRAFT, WF_SUBMITTED, WF_RETURNED, WF_APPROVED, WF_PUBLISHED, WF_WITHDRAWN, WF_STATE_COUNT };
/* code (as stored) and Chinese label: draft 草稿, submitted 待审核, … */
extern const struct code_name wf_states[WF_STATE_COUNT];

enum wf_action {
    WF_CREATE,   /* a new item (its first save) */
    WF_SAVE,     /* a new revision of the text and metadata */
    WF_SUBMIT,   /* for review */
    WF_RETURN,   /* to the editor, with a comment */
    WF_APPROVE,  /* the revision may be published */
    WF_PUBLISH,  /* now or on a date (scheduled) */
    WF_WITHDRAW, /* from the portal, with a public note */
    WF_VALIDITY, /* 有效性: modified / repealed / expired, with the date */
    WF_ACTION_COUNT
};
/* code (as in item_events.action and the audit log) and Chinese label */
extern const struct code_name wf_actions[WF_ACTION_COUNT];

/* 有效性 of a public item besides 有效. */
enum wf_validity { WF_MODIFIED, WF_REPEALED, WF_EXPIRED, WF_VALIDITY_COUNT };
extern const struct code_name wf_validities[WF_VALIDITY_COUNT]; /* modified 已修改, repealed 已废止, expired 已失效 */

/* Who acts: the account's id, its roles (the account roles' names, comma-separated as
 * roles_format writes them: "editor,reviewer"; names: platform_admin, admin, editor,
 * reviewer, handler, auditor) and its agency's code (NULL or "" for none). */
struct wf_who {
    long long user_id;
    const char *roles;
    const char *agency;
};

/* The item as the rules need it. */
struct wf_item {
    enum wf_state state;
    const char *agency;      /* its agency's code */
    bool live;               /* public now or scheduled (first publication set) */
    long long rev_author_id; /* who saved the current revision (0: nobody, the imported text) */
};

/* Whether ROLES (comma-separated names) holds ROLE. */
bool wf_has_role(const char *roles, const char *role);

/* May WHO do ACTION on items of AGENCY (a code) at all (role and agency, whatever the item's
 * state)? Editors write (create, save, submit), reviewers review (return, approve, publish,
 * withdraw, 有效性), an agency's admin does both; only within their own agency. The platform
 * administrator manages accounts and publishes nothing; handlers and auditors edit nothing.
 * RES_OK, or RES_REFUSED with *err ("role: …" or "agency: …", Chinese), which the web layer
 * answers with 403. */
res_t wf_may(const struct wf_who *who, enum wf_action action, const char *agency, char **err);

/* May ACTION happen to IT now (its state; separation of duties: whoever saved the current
 * revision does not approve it)? On RES_OK, *next is the state after the action.
 * RES_REFUSED with *err ("state: …" or "reviewer: …", Chinese). Includes wf_may. */
res_t wf_check(const struct wf_who *who, const struct wf_item *it, enum wf_action action, enum wf_state *next,
               char **err);

/* Does the action need a note (return: the comment; withdraw: the public note)? */
bool wf_needs_note(enum wf_action action);

#endif
