/* One HTTP request as a handler sees it.
 *
 * The server fills this in before it calls the handler; everything in it lives
 * in req->arena (or, for the body, in a buffer the server owns) and is valid
 * until the request completes.  Handlers treat it as read-only except for
 * allocating from req->arena.
 *
 * Decoding rules (one place, so every page agrees):
 *   - path, query and form values are percent-decoded; a '%' not followed by
 *     two hex digits, an encoded NUL (%00) or bytes that are not valid UTF-8
 *     make the request a 400 before any handler runs;
 *   - in the query string and in application/x-www-form-urlencoded bodies '+'
 *     is a space (HTML forms encode spaces that way); in the path it is a '+';
 *   - more than REQ_MAX_PARAMS parameters in the query or the form is a 400
 *     (the same idea as PHP's max_input_vars: bounds work per request). */
#ifndef GK_WEB_REQUEST_H
#define GK_WEB_REQUEST_H
#include "util/arena.h"
#include <stdbool.h>
#include <stddef.h>

#define REQ_MAX_PARAMS 1000

struct req_param {
    const char *name;
    const char *value;
};

/* An ordered list of name/value pairs (repeated names are kept, in order). */
struct req_params {
    struct req_param *v;
    size_t n;
};

struct request {
    const char *method;    /* as sent: "GET", "HEAD", "POST", ... */
    const char *path;      /* decoded; always starts with '/' */
    const char *tail;      /* what the route's trailing '*' captured; "" otherwise */
    const char *target;    /* the request-target exactly as received (for logs) */
    const char *query;     /* raw query string after '?', without it; "" if none */
    const char *version;   /* "HTTP/1.1" */
    arena_t *arena;        /* per-request memory, freed when the request completes */
    void *app;             /* the app pointer given to server_start() */
    const char *client_ip; /* peer address, e.g. "127.0.0.1" */
    const char *body;      /* the whole request body (NUL-terminated); "" if none */
    size_t body_len;
    const char *nonce;      /* CSP nonce of this response: 32 hex digits, fresh per request */
    const char *theme_dir;  /* server_config.theme_dir (may be NULL) */
    bool head;              /* a HEAD request being served by a GET handler */
    bool secure;            /* came over HTTPS: X-Forwarded-Proto https from a trusted proxy */
    struct req_params headers; /* request headers, names as sent */
    struct req_params params;  /* decoded query-string parameters */
    struct req_params form;    /* decoded urlencoded body fields */
    struct req_params cookies; /* from the Cookie header(s), values as sent */
    /* multipart/form-data bodies (web/multipart.h): the text fields go to form, the files here */
    struct req_files {
        struct req_file {
            const char *name, *filename, *content_type; /* as sent: labels, never trusted */
            const char *data;                           /* inside body */
            size_t len;
        } *v;
        size_t n;
    } files;
};

/* The first value of NAME, or NULL.  Header names compare case-insensitively,
 * the others exactly. */
const char *req_query(const struct request *req, const char *name);
const char *req_form(const struct request *req, const char *name);
const char *req_header(const struct request *req, const char *name);
const char *req_cookie(const struct request *req, const char *name);

/* Every value of NAME in order (for repeated fields such as checkboxes):
 * stores up to MAX pointers in OUT and returns how many there are in total. */
size_t req_query_all(const struct request *req, const char *name, const char **out, size_t max);
size_t req_form_all(const struct request *req, const char *name, const char **out, size_t max);

/* The first file part of field NAME in a multipart/form-data body, or NULL. */
const struct req_file *req_file(const struct request *req, const char *name);

/* ---- the parsers behind the above (public for the server and for tests) ---- */

/* Percent-decodes S[0..LEN) into a fresh arena string.  PLUS_IS_SPACE turns '+'
 * into ' '.  Returns NULL for a bad escape, an encoded NUL, or invalid UTF-8. */
char *req_url_decode(arena_t *a, const char *s, size_t len, bool plus_is_space);

/* Parses "a=1&b=%E4%B8%AD" (query string or form body) into OUT (replacing
 * it).  Empty pieces ("a=1&&b") are skipped; "a" alone is a = "".
 * Returns 0, or -1 for a decoding error or more than REQ_MAX_PARAMS pairs. */
int req_parse_urlencoded(arena_t *a, const char *s, size_t len, struct req_params *out);

/* Appends the pairs of one Cookie header value ("a=1; b=2") to OUT.  Values
 * keep their bytes (cookies are not percent-encoded by any standard); one pair
 * of surrounding double quotes is removed.  Malformed pieces are skipped. */
void req_parse_cookies(arena_t *a, const char *header, struct req_params *out);

/* True when S[0..LEN) is well-formed UTF-8 (no overlongs, no surrogates). */
bool req_utf8_valid(const char *s, size_t len);

#endif
