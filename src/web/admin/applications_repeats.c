/* Repeat requests (Regulation Art. 44): when several applicants ask the same agency for
 * the same information, the dashboard proposes making it proactive; a handler records
 * the proposal (POST /admin/applications/propose). Turning a proposal into a draft item
 * waits for the editorial workflow's draft items. */
#include "store/store_applications.h"
#include "store/store_portal.h"
#include "util/date.h"
#include "util/xalloc.h"
#include "web/admin/applications.h"
#include "web/admin/form.h"
#include "web/admin/render.h"
#include "web/fail.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define REPEAT_MIN_APPLICANTS 2
#define REPEAT_WINDOW_DAYS 365

static int take(const char *subject, long long applicants, bool proposed, void *ud)
{
    json_t *o = json_object();
    json_object_set_new(o, "subject", json_string(subject));
    json_object_set_new(o, "applicants", json_integer(applicants));
    json_object_set_new(o, "proposed", json_boolean(proposed));
    json_array_append_new(ud, o);
    return 0;
}

void app_repeats_block(const struct admin *a, json_t *ctx)
{
    if (!admin_has(a, ROLE_HANDLER | ROLE_ADMIN) || !a->staff.agency[0])
        return;
    json_t *arr = json_array();
    char *err = NULL;
    if (store_application_repeats(a->s, a->staff.agency, date_today_cst() - REPEAT_WINDOW_DAYS, REPEAT_MIN_APPLICANTS,
                                  take, arr, &err) == RES_OK && json_array_size(arr))
        json_object_set_new(ctx, "repeats", arr);
    else
        json_decref(arr);
    free(err);
}

void admin_application_propose(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, ROLE_HANDLER | ROLE_ADMIN, &a))
        return;
    store_portal_end_reads(a.s);
    const char *subject = form_text(req, "subject");
    long long n = strtoll(form_text(req, "applicants"), NULL, 10);
    char *err = NULL, *after = NULL;
    res_t rc = RES_OK;
    if (!a.staff.agency[0] || !*subject || strlen(subject) > 4000 || n < REPEAT_MIN_APPLICANTS) {
        web_fail(req, res, RES_REFUSED, NULL, "建议内容不完整。");
        return;
    }
    json_t *o = json_object();
    json_object_set_new(o, "subject", json_string(subject));
    json_object_set_new(o, "applicants", json_integer(n));
    after = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    char object[160];
    snprintf(object, sizeof object, "agency:%s", a.staff.agency);
    rc = store_begin(a.s, &err);
    if (rc == RES_OK)
        rc = store_proposal_record(a.s, a.staff.agency, subject, n, a.staff.login, (long long)time(NULL), &err);
    if (rc == RES_OK)
        rc = admin_audit(req, &a, "application.propose_proactive", object, NULL, after, &err);
    if (rc == RES_OK)
        rc = store_commit(a.s, &err);
    if (rc != RES_OK) {
        store_rollback(a.s);
        web_fail(req, res, rc, err, NULL);
    } else {
        form_redirect(res, "/admin/#repeats");
        free(err);
    }
    free(after);
}
