/* Who is asking, in the staff workspace (/admin/…): the session cookie, the role check and
 * the audit row of a change. Every /admin handler except the login page starts with
 * admin_require; see docs/hacking.md "The workspace".
 *
 *     void page_admin_thing(struct request *req, struct response *res)
 *     {
 *         struct admin a;
 *         if (!admin_require(req, res, ROLE_EDITOR | ROLE_REVIEWER, &a))
 *             return;                       // answered: 303 to the login page, 403, or 500
 *         ... a.staff.login, a.staff.agency, a.staff.roles, a.s (this thread's store) ...
 *     }
 *
 * For any method but GET and HEAD, admin_require also checks the form's CSRF token
 * (form_csrf_ok in form.h) and answers 403 when it is missing or wrong, so a POST route
 * cannot forget it (tests/unit/test_admin.c enumerates the route table to make sure). */
#ifndef GK_WEB_ADMIN_SESSION_H
#define GK_WEB_ADMIN_SESSION_H
#include "domain/accounts.h"
#include "store/store_accounts.h"
#include "web/portal.h"
#include <stdbool.h>

#define ADMIN_COOKIE "gk_session"
#define ADMIN_ANY_ROLE ROLE_ALL

/* A logged-in request. Strings live in the request's arena. */
struct admin {
    struct staff staff;     /* the account (roles, agency) */
    const char *csrf;       /* this session's CSRF token: put it in every form (form.h) */
    const char *token_hash; /* the session's key in the store */
    long long now;          /* admin_now() when the request began */
    store_t *s;             /* this thread's connection */
};

/* The session of REQ, if any: true and *A filled when the cookie names a live session of an
 * enabled account (its idle clock restarted); false otherwise (also on a database error,
 * which is reported on stderr). */
bool admin_session(struct request *req, struct admin *a);

/* The gate of every workspace handler. Without a session: a GET or HEAD answers 303 to
 * /admin/login?next=<this path>, any other method 403. With one whose account holds none of
 * ROLES (a mask of enum role; ADMIN_ANY_ROLE for any): 403. For a method other than GET and
 * HEAD, a missing or wrong CSRF token: 403. Each of those answers is made here and false is
 * returned; true means go on, with *A filled and the answer marked no-store. */
bool admin_require(struct request *req, struct response *res, unsigned roles, struct admin *a);

/* True when A's account holds any of ROLES. */
bool admin_has(const struct admin *a, unsigned roles);

/* The agency rule, in one place: true when A may act on what belongs to AGENCY_CODE — its
 * own agency's, or any agency's for the platform administrator (whose roles still limit what
 * it may do). A handler answers 403 when this is false. */
bool admin_agency_ok(const struct admin *a, const char *agency_code);

/* Appends an audit row for a change made by A in this request (who, when, from where come
 * from A and REQ): ACTION "item.publish", OBJECT "item:2024-0001", BEFORE/AFTER JSON texts
 * or NULL. Call it inside the transaction of the change. */
res_t admin_audit(struct request *req, const struct admin *a, const char *action, const char *object,
                  const char *before_json, const char *after_json, char **why);

/* The workspace's clock (Unix seconds): the system clock, moved by admin_clock_shift in
 * tests of the session timeouts and lockouts. */
long long admin_now(void);
void admin_clock_shift(long long seconds);

/* ---- for the login and logout pages (login.c) ---- */

/* A new session for USER_ID: a fresh random token (never one the client sent: no session
 * fixation), its hash stored, the cookie set on RES. False (and *why) on a store error. */
bool admin_session_start(struct request *req, struct response *res, store_t *s, long long user_id, char **why);
/* Ends A's session in the store and clears the cookie. */
res_t admin_session_end(struct request *req, struct response *res, const struct admin *a, char **why);

/* "; Secure" when REQ came over HTTPS, else "": for every workspace cookie. */
const char *admin_cookie_secure(const struct request *req);

/* The workspace's setting KEY as a number (domain/settings.c's default when unset). */
long long admin_setting(const struct request *req, const char *key);

#endif
