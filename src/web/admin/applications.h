/* The application handling pages of the workspace (applications.c, applications_act.c):
 * /admin/applications (the lists), /admin/applications/ID (one application, its clock
 * and its event history, with a form per state change). Handlers and admins of the
 * owning agency; the platform administrator sees every agency. */
#ifndef GK_WEB_ADMIN_APPLICATIONS_H
#define GK_WEB_ADMIN_APPLICATIONS_H
#include "model/app_handling.h"
#include "web/admin/session.h"
#include <jansson.h>

#define APP_HANDLERS (ROLE_HANDLER | ROLE_ADMIN | ROLE_PLATFORM_ADMIN)
#define APP_DUE_SOON 5 /* working days: "due soon" on the lists and the dashboard */

void admin_applications(struct request *req, struct response *res);
void admin_application(struct request *req, struct response *res);
void admin_application_act(struct request *req, struct response *res);
/* applications_intake.c: staff intake (in person, post, fax, e-mail; Art. 31) */
void admin_application_new(struct request *req, struct response *res);
void admin_application_new_post(struct request *req, struct response *res);

/* True when A may see and handle applications of AGENCY (its own agency, or any for the
 * platform administrator). */
bool app_may_handle(const struct admin *a, const char *agency);

/* Fills CTX (the application page) for R as of TODAY: status, due date, why/warnings,
 * events, the forms that apply. RES_OK or the clock's refusal (a stored history that no
 * longer passes). */
res_t app_page_context(const calendar_t *cal, const struct application_rec *r, gk_date today, json_t *ctx,
                       char **err);

/* applications_letters.c: the letters of R into CTX (letters, letter_kinds,
 * may_write_letters); the clean print page of letter ID; the POST actions letter_draft,
 * letter_save, letter_issue (handlers of the owning agency only). */
res_t app_letters_context(const struct admin *a, const struct application_rec *r, json_t *ctx, char **err);
void app_letter_print(struct request *req, struct response *res, const struct admin *a,
                      const struct application_rec *r, long long id);
void app_letter_act(struct request *req, struct response *res, const struct admin *a,
                    const struct application_rec *r, const calendar_t *cal);

/* The dashboard's block: counts and rows of the applications A may handle that are due
 * within APP_DUE_SOON working days or overdue, into CTX "apps". */
void app_dashboard_block(const struct admin *a, json_t *ctx);

/* applications_repeats.c: repeat requests (Art. 44) on the dashboard, "repeats" in CTX;
 * POST /admin/applications/propose records a proposal to disclose proactively. */
void app_repeats_block(struct request *req, const struct admin *a, json_t *ctx);
void admin_application_propose(struct request *req, struct response *res);
/* POST /admin/applications/convert: a recorded proposal becomes a draft item (issue 9 item 8). */
void admin_application_convert(struct request *req, struct response *res);

/* applications_draft.c (issue 9 items 7, 8): creates REC as a draft item of A's agency with
 * the workflow's store operation and the one-time TOKEN (a repeat answers the first draft's
 * *ID and writes nothing), the editor's right to create granted for this call; when a draft
 * is made, audits ACTION on OBJECT with AFTER (taken; the item's id added) beside the
 * item's own record, in the same transaction. */
struct item_rec;
res_t app_make_draft(struct request *req, const struct admin *a, const struct item_rec *rec, const char *token,
                     const char *action, const char *object, json_t *after, long long *id, char **err);

/* applications_publish.c (issue 9 item 7): on a replied application, the form that publishes
 * the reply with the applicant's personal data removed (CTX "publish"), and its POST action
 * publish_reply (a draft item for the editors and reviewers). */
void app_publish_context(const struct admin *a, const struct application_rec *r, json_t *ctx);
void app_publish_reply(struct request *req, struct response *res, const struct admin *a,
                       const struct application_rec *r, const calendar_t *cal);

#endif
