/* A JSON answer: CTX serialised with application/json; charset=utf-8, an ETag, and the
 * same caching as an HTML page. */
#ifndef GK_WEB_JSON_REPLY_H
#define GK_WEB_JSON_REPLY_H
#include "web/portal.h"

void json_reply(struct request *req, struct response *res, json_t *ctx);

#endif
