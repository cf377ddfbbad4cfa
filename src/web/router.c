#include "web/router.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* A route with its pattern taken apart once, at start-up. */
struct entry {
    struct route route;
    const char *prefix; /* the literal part: "/item/" for "/item/" "*" */
    size_t prefix_len;
    bool wildcard;
    bool any_method;
};

struct router {
    struct entry *e;
    size_t n;
};

static bool same_pattern(const struct entry *a, const struct entry *b)
{
    return a->wildcard == b->wildcard && a->prefix_len == b->prefix_len &&
           memcmp(a->prefix, b->prefix, a->prefix_len) == 0;
}

static bool method_is_any(const char *m)
{
    return !m || strcmp(m, "*") == 0;
}

router_t *router_new(const struct route *routes, size_t n, char **err)
{
    router_t *r = xcalloc(1, sizeof *r);
    r->e = xcalloc(n ? n : 1, sizeof *r->e);
    r->n = n;
    for (size_t i = 0; i < n; i++) {
        struct entry *e = &r->e[i];
        const char *p = routes[i].pattern;
        e->route = routes[i];
        e->any_method = method_is_any(routes[i].method);
        if (!routes[i].fn || !p || !*p) {
            *err = xasprintf("route %zu: needs a pattern and a handler", i);
            router_free(r);
            return NULL;
        }
        size_t len = strlen(p);
        if (strcmp(p, "*") == 0) {
            /* "*" is "/" "*": every path starts with '/'. */
            e->prefix = "/";
            e->prefix_len = 1;
            e->wildcard = true;
        } else if (p[0] != '/') {
            *err = xasprintf("route '%s': a pattern starts with '/' (or is \"*\")", p);
            router_free(r);
            return NULL;
        } else if (p[len - 1] == '*') {
            if (len < 2 || p[len - 2] != '/' || memchr(p, '*', len - 1)) {
                *err = xasprintf("route '%s': '*' may only end the pattern, after a '/'", p);
                router_free(r);
                return NULL;
            }
            e->prefix = p;
            e->prefix_len = len - 1;
            e->wildcard = true;
        } else {
            if (strchr(p, '*')) {
                *err = xasprintf("route '%s': '*' may only end the pattern, after a '/'", p);
                router_free(r);
                return NULL;
            }
            e->prefix = p;
            e->prefix_len = len;
            e->wildcard = false;
        }
        for (size_t j = 0; j < i; j++) {
            const struct entry *o = &r->e[j];
            /* An any-method route beside specific ones on the same pattern is
             * fine (the specific ones win); two of the same kind are not. */
            bool clash = same_pattern(o, e) && o->any_method == e->any_method &&
                         (o->any_method || strcmp(o->route.method, e->route.method) == 0);
            if (clash) {
                *err = xasprintf("route '%s': defined twice for method %s", p,
                                 e->any_method ? "*" : e->route.method);
                router_free(r);
                return NULL;
            }
        }
    }
    return r;
}

void router_free(router_t *r)
{
    if (!r)
        return;
    free(r->e);
    free(r);
}

/* How specific a match is: longer literal text wins; for the same length an
 * exact pattern beats a prefix.  0 = no match. */
static size_t match_score(const struct entry *e, const char *path, size_t plen)
{
    if (e->wildcard) {
        if (plen >= e->prefix_len && memcmp(path, e->prefix, e->prefix_len) == 0)
            return e->prefix_len * 2 + 1;
        return 0;
    }
    if (plen == e->prefix_len && memcmp(path, e->prefix, plen) == 0)
        return plen * 2 + 2;
    return 0;
}

static void allow_add(buf_t *b, const char *m)
{
    /* Keep the list free of repeats ("GET, HEAD" once even with two routes). */
    size_t mlen = strlen(m);
    const char *s = buf_str(b);
    while (*s) {
        const char *end = strstr(s, ", ");
        size_t len = end ? (size_t)(end - s) : strlen(s);
        if (len == mlen && memcmp(s, m, len) == 0)
            return;
        s = end ? end + 2 : s + len;
    }
    if (b->len)
        buf_puts(b, ", ");
    buf_puts(b, m);
}

enum route_result router_match(const router_t *r, arena_t *a, const char *method,
                               const char *path, struct route_match *m)
{
    m->route = NULL;
    m->tail = "";
    m->allow = NULL;
    size_t plen = strlen(path);
    size_t best = 0;
    const struct entry *best_e = NULL;
    for (size_t i = 0; i < r->n; i++) {
        size_t s = match_score(&r->e[i], path, plen);
        if (s > best) {
            best = s;
            best_e = &r->e[i];
        }
    }
    if (!best_e)
        return ROUTE_NOT_FOUND;

    /* Among the routes of the winning pattern: the method itself, else (for
     * HEAD) its GET route, else a catch-all method. */
    const struct entry *exact = NULL, *get = NULL, *any = NULL;
    for (size_t i = 0; i < r->n; i++) {
        const struct entry *e = &r->e[i];
        if (!same_pattern(e, best_e))
            continue;
        if (e->any_method)
            any = e;
        else if (strcmp(e->route.method, method) == 0)
            exact = e;
        else if (strcmp(e->route.method, "GET") == 0)
            get = e;
    }
    const struct entry *use = exact ? exact : strcmp(method, "HEAD") == 0 && get ? get : any;
    if (use) {
        m->route = &use->route;
        m->tail = use->wildcard ? path + use->prefix_len : "";
        return ROUTE_FOUND;
    }
    buf_t allow = BUF_INIT;
    for (size_t i = 0; i < r->n; i++) {
        const struct entry *e = &r->e[i];
        if (!same_pattern(e, best_e))
            continue;
        allow_add(&allow, e->route.method);
        if (strcmp(e->route.method, "GET") == 0)
            allow_add(&allow, "HEAD");
    }
    m->allow = arena_strdup(a, buf_str(&allow));
    buf_free(&allow);
    return ROUTE_BAD_METHOD;
}
