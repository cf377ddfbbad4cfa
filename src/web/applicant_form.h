/* The applicant's part of an application form (Regulation Art. 29), read and checked the
 * same way for the public form (web/public/apply.c) and the staff intake
 * (web/admin/applications_intake.c): applicant type, name, identity document (身份证号
 * with its check digit, or another document), 统一社会信用代码 for organisations,
 * contact details (at least one), the description of the information, the document
 * number if known. Errors go beside their fields (form_error). */
#ifndef GK_WEB_APPLICANT_FORM_H
#define GK_WEB_APPLICANT_FORM_H
#include "domain/idcheck.h"
#include "model/records.h"
#include "store/store_applications.h"
#include "web/request.h"
#include <jansson.h>

struct applicant_form {
    int type; /* enum applicant_type, -1 when not chosen */
    struct applicant who; /* strings borrowed from the request (or the buffers below) */
    const char *subject;
    char id_no[IDCHECK_LEN + 1], org_code[IDCHECK_LEN + 1];
    char *subject_buf; /* malloc'd: the description with the document number */
};

/* The form's field names, for form_keep. */
extern const char *const applicant_form_fields[];

/* Reads REQ's fields into F; each problem is a form_error on CTX. F->subject_buf is
 * freed by applicant_form_free. */
void applicant_form_read(const struct request *req, json_t *ctx, gk_date today, struct applicant_form *f);
void applicant_form_free(struct applicant_form *f);

/* [{code, label, selected}] of the applicant types (CHOSEN marked). */
json_t *applicant_type_options(const char *chosen);

/* One-time form tokens (a double click or a replayed POST makes one application): a fresh
 * random token (32 hex digits) into TOKEN with its hash stored; the SHA-256 (hex) of a
 * submitted token. */
res_t applicant_once_new(store_t *s, char token[33], char **err);
void applicant_once_hash(const char *token, char hash[65]);

#endif
