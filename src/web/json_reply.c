/* JSON answers (json_reply.h). */
#include "web/json_reply.h"
#include "util/escape.h"
#include <stdlib.h>

void json_reply(struct request *req, struct response *res, json_t *ctx)
{
    (void)req;
    char *s = json_dumps(ctx, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    buf_reset(&res->body);
    if (s) {
        esc_json_text(&res->body, s); /* < > & ' escaped, bidi controls dropped, as the API */
        buf_putc(&res->body, '\n');
        free(s);
    }
    res_type(res, "application/json; charset=utf-8");
    res_cache(res, "public, max-age=60");
    res_etag_auto(res);
}
