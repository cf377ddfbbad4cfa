/* The one place a result (util/result.h) becomes an HTTP answer. */
#ifndef GK_WEB_FAIL_H
#define GK_WEB_FAIL_H
#include "util/result.h"
#include "web/request.h"
#include "web/response.h"

/* The HTTP status of R: RES_NOT_FOUND 404, RES_REFUSED 400, anything else 500. */
int web_status(res_t r);

/* Answers R as the portal's error page: RES_NOT_FOUND 404, RES_REFUSED 400, RES_FAILED
 * 500 (WHY logged to stderr with the path; the visitor is told only that it failed).
 * SHOWN is what the visitor reads (NULL: a default for the status). WHY is freed. */
void web_fail(struct request *req, struct response *res, res_t r, char *why, const char *shown);

#endif
