/* Forms of the staff workspace: the CSRF check, re-displaying a form with its errors, and
 * Post/Redirect/Get. Templates read what these put in the context:
 *
 *     <form method="post" action="/admin/thing">
 *     <input type="hidden" name="csrf" value="{{csrf}}">        (admin_render sets csrf)
 *     {{#errors.0}}<div class="error-summary" role="alert"><p>请修改以下内容：</p><ul>
 *       {{#errors}}<li><a href="#f-{{field}}">{{message}}</a></li>{{/errors}}</ul></div>{{/errors.0}}
 *     <label for="f-title">标题 *</label>
 *     <input id="f-title" name="title" value="{{form.title}}">
 *     {{#error.title}}<p class="field-error" id="f-title-error">{{error.title}}</p>{{/error.title}}
 *
 * A handler of a POST: admin_require (which has checked the CSRF token), validate; on an
 * error form_error per field + form_keep + admin_render with status 422; on success, the
 * change and its audit row in one transaction, then form_redirect (303) to the page that
 * shows the result. */
#ifndef GK_WEB_ADMIN_FORM_H
#define GK_WEB_ADMIN_FORM_H
#include "util/result.h"
#include "web/request.h"
#include "web/response.h"
#include <jansson.h>
#include <stdbool.h>

/* The form field that carries the CSRF token. */
#define FORM_CSRF_FIELD "csrf"

/* True when REQ's form field "csrf" equals EXPECTED (compared in constant time with
 * sodium_memcmp). A missing or empty token, or EXPECTED NULL, is false. admin_require calls
 * this for every non-GET request; only the login form (no session yet) calls it itself. */
bool form_csrf_ok(const struct request *req, const char *expected);

/* Records MESSAGE as the error of FIELD: CTX's "error" object gets FIELD → MESSAGE (beside
 * the field) and its "errors" array {field, message} (the summary at the top). */
void form_error(json_t *ctx, const char *field, const char *message);

/* True when form_error was called on CTX. */
bool form_has_errors(const json_t *ctx);

/* Copies the submitted values of FIELDS (NULL-terminated) into CTX's "form" object, so that
 * the re-displayed form keeps what was typed. Never list a password field. */
void form_keep(json_t *ctx, const struct request *req, const char *const *fields);

/* Post/Redirect/Get: 303 to TO (a path on this site), not cached. */
void form_redirect(struct response *res, const char *to);

/* A trimmed copy of form field NAME in the request's arena ("" when absent). */
const char *form_text(const struct request *req, const char *name);

/* ---- one-time tokens: a double click or a replay makes one record ----
 *
 *   GET (the form):   json_object_set_new(ctx, "once", json_string(form_once_new(req)));
 *                     <input type="hidden" name="once" value="{{once}}">
 *   POST, valid:      store_begin; r = form_once_use(req, &a, &why);
 *                     RES_REFUSED: rollback and answer as the first submission did
 *                     (form_redirect to the result, with a notice); else the change, its
 *                     audit row, commit.
 * A form re-displayed with errors gets a new token (the old one was never used). */
#define FORM_ONCE_FIELD "once"
struct admin;
/* A fresh token (32 hex digits, in the request's arena). */
const char *form_once_new(struct request *req);
/* Marks the submitted token used for A's session: RES_OK the first time; RES_REFUSED when
 * it was used before or is missing; RES_FAILED. Inside the change's transaction. */
res_t form_once_use(struct request *req, const struct admin *a, char **why);

#endif
