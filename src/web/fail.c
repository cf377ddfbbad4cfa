/* Results to HTTP answers (fail.h). */
#include "web/fail.h"
#include "web/portal.h"
#include <stdio.h>
#include <stdlib.h>

int web_status(res_t r)
{
    switch (r) {
    case RES_NOT_FOUND: return 404;
    case RES_REFUSED: return 400;
    case RES_OK: /* a caller's mistake: nothing failed, yet no answer was made */
    case RES_FAILED:
    default: return 500;
    }
}

void web_fail(struct request *req, struct response *res, res_t r, char *why, const char *shown)
{
    int status = web_status(r);
    if (status == 500) {
        fprintf(stderr, "gongkai: serve: %s: %s\n", req->path, why ? why : "failed");
        if (!shown)
            shown = "数据库查询出错，请稍后再试。";
    }
    free(why);
    portal_error_page(req, res, status, shown);
}
