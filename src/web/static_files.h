/* Static files: GET /static/<name> serves assets/static/<name> from the
 * binary, or THEME_DIR/static/<name> when that file exists (a theme overrides
 * file by file).  Install it as {"GET", "/static/" "*", static_files_handler}
 * (one string in code; split here because a slash-star in a comment trips -Wcomment).
 *
 * Names are restricted to letters, digits and "-_./", with no empty, "." or
 * dot-leading segment: "..", absolute paths and hidden files are 404s.
 * Responses carry the type by extension, an ETag (304 on a match) and
 * Cache-Control "public, max-age=86400", or a year plus "immutable" when the
 * URL carries a version query (/static/site.css?v=...), because then a
 * change of the file changes the URL. */
#ifndef GK_WEB_STATIC_FILES_H
#define GK_WEB_STATIC_FILES_H
#include "web/request.h"
#include "web/response.h"

void static_files_handler(struct request *req, struct response *res);

/* "text/css; charset=utf-8" for "a/site.css"; application/octet-stream when unknown. */
const char *static_content_type(const char *name);

/* True when NAME is acceptable under /static/ (rules above). */
bool static_name_ok(const char *name);

/* Theme files larger than this are refused (500) rather than read into memory. */
#define STATIC_MAX_FILE (16u << 20)

#endif
