/* The response a handler builds.  The server turns it into an HTTP response
 * after the handler returns, adding what every response carries:
 *   Content-Security-Policy (with this request's nonce), X-Content-Type-Options,
 *   Referrer-Policy, X-Frame-Options, Permissions-Policy -- each unless the
 *   handler set that header itself;
 *   Content-Type "text/html; charset=utf-8" when the body is not empty and the
 *   handler named no type; Cache-Control "no-cache" when it named none;
 *   for a status >= 400 with an empty body, the error page (res_error).
 *
 * Strings passed in are copied into the request's arena, so a handler may
 * pass its temporaries. */
#ifndef GK_WEB_RESPONSE_H
#define GK_WEB_RESPONSE_H
#include "util/buf.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct request;
struct response;

/* Renders the page for an error STATUS into res (body and type; the status is
 * already set).  DETAIL is a plain-text explanation, possibly NULL; escape it.
 * An app installs its own through server_config.error_page to give 404 and
 * friends the site's look; res_error_page_default() is the built-in one. */
typedef void (*error_page_fn)(struct request *req, struct response *res, int status,
                              const char *detail);

struct res_header {
    const char *name;
    const char *value;
    struct res_header *next;
};

struct response {
    int status;               /* 200 unless set */
    buf_t body;               /* the handler appends here (the server frees it) */
    const char *content_type; /* NULL: the default above */
    const char *cache_control;
    bool etag_auto;           /* res_etag_auto() */
    struct res_header *headers; /* in the order added */
    struct request *req;
    /* Set by the server: */
    error_page_fn error_page_; /* the app's, or NULL for the built-in */
    int error_depth_;          /* guards an error page that calls res_error */
};

void res_status(struct response *res, int status);
/* Adds a header (repeats allowed, e.g. Set-Cookie).  A name that is not an
 * HTTP token or a value with CR, LF or another control character is refused
 * (and reported on stderr): it could split the response. */
void res_header(struct response *res, const char *name, const char *value);
/* Replaces every earlier header NAME (case-insensitive) with this one. */
void res_header_set(struct response *res, const char *name, const char *value);
void res_type(struct response *res, const char *content_type);
void res_cache(struct response *res, const char *cache_control);
/* STATUS (301, 302, 303, 307, 308) to LOCATION, with a small HTML body that
 * links there for clients that do not follow redirects. LOCATION is re-encoded
 * (url_reencode: bytes not allowed in a URL become %XX, the rest is kept, so an
 * encoded URL passes unchanged); one with a scheme a link may not have (url_is_safe_href)
 * becomes "/". */
void res_redirect(struct response *res, int status, const char *location);
/* Asks for a strong ETag computed from the final body: a GET or HEAD whose
 * If-None-Match matches gets 304 Not Modified, with no body. */
void res_etag_auto(struct response *res);
/* Replaces the body with the error page for STATUS (the app's if it set one). */
void res_error(struct response *res, int status, const char *detail);
void res_error_page_default(struct request *req, struct response *res, int status,
                            const char *detail);

/* The header value of NAME the handler set, or NULL. */
const char *res_header_get(const struct response *res, const char *name);

/* "Not Found" and "页面不存在" for 404, and so on; "" for codes we don't name. */
const char *res_status_text(int status);
const char *res_status_text_zh(int status);

/* ---- helpers the server and the static-file handler share ---- */

/* FNV-1a 64 of the bytes: fast, and plenty to tell two versions of a page apart. */
uint64_t res_hash64(const void *data, size_t len);
/* Writes "\"<16 hex digits>\"" (19 bytes + NUL) into OUT. */
void res_etag_format(uint64_t hash, char out[20]);
/* True when an If-None-Match header value matches ETAG ("*", or a member of
 * the comma-separated list, compared weakly as RFC 9110 asks for this header). */
bool res_etag_matches(const char *if_none_match, const char *etag);

#endif
