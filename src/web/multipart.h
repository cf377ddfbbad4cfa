/* multipart/form-data (RFC 7578) for the workspace's upload form.
 *
 * The server hands a handler the whole body (bounded by the route's body limit, server.h),
 * so the parser works on one buffer in one pass: every part's bytes stay where they are in
 * the body (nothing is copied but the part's names), each search is bounded by the body's
 * end, and the number of parts and the size of each part's header block are capped, so a
 * hostile body costs time linear in its length and no more memory than its part count.
 *
 * A part is a file when its Content-Disposition has a filename parameter (even an empty
 * one), otherwise a text field. */
#ifndef GK_WEB_MULTIPART_H
#define GK_WEB_MULTIPART_H
#include "util/arena.h"
#include <stdbool.h>
#include <stddef.h>

#define MULTIPART_MAX_PARTS 64
#define MULTIPART_MAX_HEADER_BYTES 4096 /* one part's header block */
#define MULTIPART_MAX_BOUNDARY 70       /* RFC 2046 */

struct multipart_part {
    const char *name;         /* the form field's name (UTF-8, no NUL) */
    const char *filename;     /* NULL for a text field; the name as the browser sent it */
    const char *content_type; /* the part's Content-Type as sent, or NULL (never trusted) */
    const char *data;         /* the part's bytes, inside the body */
    size_t len;
};

/* The boundary parameter of CONTENT_TYPE when it is multipart/form-data (an arena copy,
 * quotes removed), else NULL (also when the boundary is empty, too long or has characters
 * RFC 2046 does not allow). */
const char *multipart_boundary(arena_t *a, const char *content_type);

/* Splits BODY[0..LEN) at BOUNDARY into *PARTS (an arena array of *N). Returns 0, or -1 with
 * *WHY (a static Chinese-and-English message) when the body is not a well-formed multipart
 * body: no opening or closing delimiter, a part without a Content-Disposition of form-data
 * with a name, a header block over MULTIPART_MAX_HEADER_BYTES or without its blank line,
 * more than MULTIPART_MAX_PARTS parts, a name that is not UTF-8 or holds a NUL. */
int multipart_parse(arena_t *a, const char *body, size_t len, const char *boundary, struct multipart_part **parts,
                    size_t *n, const char **why);


struct request;
/* For the server (server.c): when REQ's Content-Type is multipart/form-data, parses its body
 * into REQ's form (the text fields: UTF-8, no NUL) and files.
 * Returns 0 (also for any other Content-Type), or -1 with *WHY for a 400. */
int multipart_request(struct request *req, const char **why);

#endif
