/* The page cache (page_cache.h). */
#include "web/page_cache.h"
#include "util/xalloc.h"
#include "web/connections.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/single_flight.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct cache_entry {
    struct cache_entry *hnext;      /* bucket chain */
    struct cache_entry *older, *newer; /* eviction order */
    uint64_t hash;
    char *key, *body, *type, *cache_control, *vary;
    size_t len;
    unsigned long gen;
    char day[11];
};

#define CACHE_BUCKETS 4096
#define CACHE_ENTRY_MAX (1u << 20)

struct pcache {
    pthread_mutex_t mu;
    struct cache_entry *bucket[CACHE_BUCKETS];
    struct cache_entry *oldest, *newest;
    size_t bytes, entries;
    _Atomic size_t budget; /* read without the lock to skip a cache that is off */
    struct single_flight *flight; /* pages being rendered (single_flight.h) */
    atomic_ulong hits, misses;    /* pages copied, pages rendered to be kept (pcache_counts) */
};

static uint64_t key_hash(const char *s)
{
    return res_hash64(s, strlen(s));
}

static void entry_free(struct cache_entry *e)
{
    free(e->key);
    free(e->body);
    free(e->type);
    free(e->cache_control);
    free(e->vary);
    free(e);
}

/* Unlinks E from its bucket and the eviction list (lock held). */
static void entry_remove(struct pcache *c, struct cache_entry *e)
{
    struct cache_entry **pp = &c->bucket[e->hash % CACHE_BUCKETS];
    while (*pp && *pp != e)
        pp = &(*pp)->hnext;
    if (*pp)
        *pp = e->hnext;
    if (e->older)
        e->older->newer = e->newer;
    else
        c->oldest = e->newer;
    if (e->newer)
        e->newer->older = e->older;
    else
        c->newest = e->older;
    c->bytes -= e->len + strlen(e->key);
    c->entries--;
    entry_free(e);
}

struct pcache *pcache_new(size_t budget)
{
    struct pcache *c = xcalloc(1, sizeof *c);
    pthread_mutex_init(&c->mu, NULL);
    c->budget = budget;
    c->flight = single_flight_new();
    atomic_init(&c->hits, 0);
    atomic_init(&c->misses, 0);
    return c;
}

void pcache_free(struct pcache *c)
{
    if (!c)
        return;
    while (c->oldest)
        entry_remove(c, c->oldest);
    single_flight_free(c->flight);
    pthread_mutex_destroy(&c->mu);
    free(c);
}

void pcache_set_budget(struct pcache *c, size_t budget)
{
    pthread_mutex_lock(&c->mu);
    c->budget = budget;
    while (c->bytes > c->budget && c->oldest)
        entry_remove(c, c->oldest);
    pthread_mutex_unlock(&c->mu);
}

static char *cache_key(struct request *req)
{
    return xasprintf("%s?%s|%c", req->path, req->query ? req->query : "", layout_elder(req) ? 'e' : 's');
}

static char *dup_opt(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

/* Copies KEY's page into RES when it is there for this generation and day; a stale entry
 * goes. */
static bool lookup(struct pcache *c, const char *key, uint64_t h, unsigned long gen, const char day[11],
                   struct response *res)
{
    bool hit = false;
    pthread_mutex_lock(&c->mu);
    for (struct cache_entry *e = c->bucket[h % CACHE_BUCKETS]; e; e = e->hnext) {
        if (e->hash != h || strcmp(e->key, key) != 0)
            continue;
        if (e->gen == gen && strcmp(e->day, day) == 0) {
            buf_reset(&res->body);
            buf_append(&res->body, e->body, e->len);
            res_type(res, e->type);
            if (e->cache_control)
                res_cache(res, e->cache_control);
            if (e->vary)
                res_header_set(res, "Vary", e->vary);
            hit = true;
            atomic_fetch_add(&c->hits, 1);
        } else {
            entry_remove(c, e);
        }
        break;
    }
    pthread_mutex_unlock(&c->mu);
    return hit;
}

/* Renders the page and keeps it when it may be kept; takes KEY. */
static void render_and_keep(struct request *req, struct response *res, handler_fn fn, char *key, uint64_t h,
                            unsigned long gen, const char day[11])
{
    struct portal *p = req->app;
    struct pcache *c = p->cache;
    fn(req, res);
    conn_end_request(p);
    /* Only a plain 200 page: no cookie set, no redirect, nothing personal, and not a page
     * that uses this request's CSP nonce (a theme's inline <style nonce>): it would not
     * match the next response's policy. */
    if (res->status != 200 || !res->etag_auto || res->body.len > CACHE_ENTRY_MAX || !res->content_type ||
        res_header_get(res, "Set-Cookie") || (req->nonce && *req->nonce && strstr(buf_str(&res->body), req->nonce))) {
        free(key);
        return;
    }
    struct cache_entry *e = xcalloc(1, sizeof *e);
    e->hash = h;
    e->key = key;
    e->len = res->body.len;
    e->body = xmalloc(e->len ? e->len : 1);
    memcpy(e->body, res->body.data ? res->body.data : "", e->len);
    e->type = xstrdup(res->content_type);
    e->cache_control = dup_opt(res->cache_control);
    e->vary = dup_opt(res_header_get(res, "Vary"));
    e->gen = gen;
    memcpy(e->day, day, sizeof e->day);
    pthread_mutex_lock(&c->mu);
    /* Another thread may have stored the same page meanwhile: keep one. */
    for (struct cache_entry *o = c->bucket[h % CACHE_BUCKETS]; o; o = o->hnext)
        if (o->hash == h && strcmp(o->key, e->key) == 0) {
            entry_remove(c, o);
            break;
        }
    e->hnext = c->bucket[h % CACHE_BUCKETS];
    c->bucket[h % CACHE_BUCKETS] = e;
    e->older = c->newest;
    if (c->newest)
        c->newest->newer = e;
    else
        c->oldest = e;
    c->newest = e;
    c->bytes += e->len + strlen(e->key);
    c->entries++;
    while (c->bytes > c->budget && c->oldest && c->oldest != e)
        entry_remove(c, c->oldest);
    pthread_mutex_unlock(&c->mu);
}

void pcache_serve(struct request *req, struct response *res, handler_fn fn)
{
    struct portal *p = req->app;
    struct pcache *c = p->cache;
    if (!c->budget || !conn_check_generation(p)) {
        fn(req, res);
        conn_end_request(p);
        return;
    }
    unsigned long gen = conn_generation(p);
    char day[11];
    page_today(day);
    char *key = cache_key(req);
    uint64_t h = key_hash(key);
    if (lookup(c, key, h, gen, day, res)) {
        res_etag_auto(res);
        free(key);
        return;
    }
    /* Single flight: while another request renders this page, wait for it, then look
     * again; having begun our own flight, look once more (it may have been kept just
     * before). Concurrent misses of one page (a crawler's burst after a write made every
     * entry stale) render it once. */
    bool leading = single_flight_begin(c->flight, key);
    while (!leading) {
        if (lookup(c, key, h, gen, day, res)) {
            res_etag_auto(res);
            free(key);
            return;
        }
        leading = single_flight_begin(c->flight, key);
    }
    if (lookup(c, key, h, gen, day, res)) {
        single_flight_end(c->flight, key);
        res_etag_auto(res);
        free(key);
        return;
    }
    atomic_fetch_add(&c->misses, 1);
    char *flying = xstrdup(key); /* KEY goes to the cache entry or is freed */
    render_and_keep(req, res, fn, key, h, gen, day);
    single_flight_end(c->flight, flying);
    free(flying);
}

void pcache_counts(struct pcache *c, unsigned long *hits, unsigned long *misses)
{
    *hits = atomic_load(&c->hits);
    *misses = atomic_load(&c->misses);
}
