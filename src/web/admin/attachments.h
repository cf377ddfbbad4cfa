/* Attachments in the staff workspace (issue 8 item 4): the page of an item's attachments,
 * the upload (multipart/form-data, web/multipart.h) and the removal. */
#ifndef GK_WEB_ADMIN_ATTACHMENTS_H
#define GK_WEB_ADMIN_ATTACHMENTS_H
#include "web/request.h"
#include "web/response.h"
#include <stddef.h>

/* The upload route: the one path whose POST may carry a body beyond the server's max_body
 * (server.h upload_path). */
#define ATTACHMENT_UPLOAD_PATH "/admin/attachments/upload"

/* The upload route's body limit for attachments of at most MIB MiB: the file plus room for
 * the form's other fields and the multipart framing. */
static inline size_t attachment_body_limit(long mib)
{
    return (size_t)mib * 1024 * 1024 + 64 * 1024;
}

/* GET /admin/attachments?item=ID: the item's attachments, the upload form. */
void admin_attachments(struct request *req, struct response *res);
/* POST /admin/attachments/upload (fields csrf, item, file). */
void admin_attachment_upload(struct request *req, struct response *res);
/* POST /admin/attachments/remove (fields csrf, id). */
void admin_attachment_remove(struct request *req, struct response *res);

#endif
