/* The routing table: one handler per (method, path pattern), Fossil-style.
 *
 * Patterns:
 *   "/about"    exactly that path;
 *   "/item/" "*"  (one string in code; split here because a slash-star
 *               in a comment trips -Wcomment) every path that starts with
 *               "/item/" (not "/item" itself); the rest of the path ("2024/12",
 *               possibly "") is req->tail;
 *   "*"         every path (tail = the path without its leading '/'): the
 *               lowest-priority fallback, e.g. an app's own 404 page.
 * The most specific match wins: an exact pattern beats a prefix of the same
 * length, a longer prefix beats a shorter one.
 *
 * Methods: "GET", "POST", ...; NULL or "*" accepts any method not claimed by
 * a route of the same pattern that names it.  A GET route
 * also serves HEAD (the server drops the body, keeping the headers and the
 * Content-Length) unless the same pattern has its own HEAD route.  When the
 * path matches but no route of that pattern takes the method, the answer is
 * 405 with an Allow header listing the methods that pattern does take. */
#ifndef GK_WEB_ROUTER_H
#define GK_WEB_ROUTER_H
#include "util/arena.h"
#include <stddef.h>

struct request;
struct response;

typedef void (*handler_fn)(struct request *req, struct response *res);

struct route {
    const char *method;
    const char *pattern;
    handler_fn fn;
};

typedef struct router router_t;

/* Checks and copies the table (the strings must outlive the router).  Returns
 * NULL and sets *ERR (the caller frees it) for a malformed pattern, a missing
 * handler or a duplicate (method, pattern). */
router_t *router_new(const struct route *routes, size_t n, char **err);
void router_free(router_t *r);

enum route_result {
    ROUTE_FOUND,
    ROUTE_NOT_FOUND,   /* 404 */
    ROUTE_BAD_METHOD,  /* 405 */
};

struct route_match {
    const struct route *route; /* ROUTE_FOUND */
    const char *tail;          /* ROUTE_FOUND: points into PATH */
    const char *allow;         /* ROUTE_BAD_METHOD: "GET, HEAD, POST" (in the arena) */
};

enum route_result router_match(const router_t *r, arena_t *a, const char *method,
                               const char *path, struct route_match *m);

#endif
