/* Per-thread database connections and the database generation (connections.h). */
#include "web/connections.h"
#include "store/store_portal.h"
#include "util/xalloc.h"
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

/* One thread's connection. */
struct conn {
    store_t *store;
    struct portal *p;
    struct conn *prev, *next;
};

struct conn_pool {
    pthread_key_t key;
    pthread_mutex_t mu;
    struct conn *conns; /* every open connection, for conn_pool_free */
    atomic_ulong gen;   /* database generation */
    /* The content version as last seen by any connection (store_portal_data_version): one
     * number for the whole database, so a change moves the generation once, not once per
     * thread. CONTENT_UNSEEN before the first look. */
    _Atomic long long content;
};

#define CONTENT_UNSEEN LLONG_MIN

static void conn_close(struct conn *c)
{
    struct conn_pool *pool = c->p->conns;
    pthread_mutex_lock(&pool->mu);
    if (c->prev)
        c->prev->next = c->next;
    else
        pool->conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    pthread_mutex_unlock(&pool->mu);
    store_close(c->store);
    free(c);
}

/* Thread exit: the thread's connection goes with it. */
static void conn_destructor(void *v)
{
    if (v)
        conn_close(v);
}

struct conn_pool *conn_pool_new(char **err)
{
    struct conn_pool *c = xcalloc(1, sizeof *c);
    pthread_mutex_init(&c->mu, NULL);
    atomic_init(&c->gen, 1);
    atomic_init(&c->content, CONTENT_UNSEEN);
    if (pthread_key_create(&c->key, conn_destructor) != 0) {
        *err = xstrdup("pthread_key_create failed");
        pthread_mutex_destroy(&c->mu);
        free(c);
        return NULL;
    }
    return c;
}

void conn_pool_free(struct conn_pool *c)
{
    if (!c)
        return;
    /* The server is stopped: its threads are gone (their destructors closed their
     * connections). What is left belongs to threads still alive, such as this one. */
    while (c->conns)
        conn_close(c->conns);
    pthread_key_delete(c->key);
    pthread_mutex_destroy(&c->mu);
    free(c);
}

static struct conn *conn_get(struct portal *p)
{
    struct conn_pool *pool = p->conns;
    struct conn *c = pthread_getspecific(pool->key);
    if (c)
        return c;
    store_t *s;
    char *err = NULL;
    if (store_open(p->db_path, &s, &err)) {
        fprintf(stderr, "gongkai: serve: %s\n", err ? err : "cannot open the database");
        free(err);
        return NULL;
    }
    c = xcalloc(1, sizeof *c);
    c->store = s;
    c->p = p;
    pthread_mutex_lock(&pool->mu);
    c->next = pool->conns;
    if (c->next)
        c->next->prev = c;
    pool->conns = c;
    pthread_mutex_unlock(&pool->mu);
    pthread_setspecific(pool->key, c);
    return c;
}

store_t *portal_store(struct portal *p)
{
    struct conn *c = conn_get(p);
    return c ? c->store : NULL;
}

bool conn_check_generation(struct portal *p)
{
    struct conn *c = conn_get(p);
    if (!c)
        return false;
    long long v;
    char *err = NULL;
    store_portal_end_reads(c->store);
    if (store_portal_data_version(c->store, &v, &err) != 0) {
        free(err);
        return false;
    }
    /* Not "greater than": a database restored from a backup may count from lower. Two
     * threads that read either side of a commit may each move the generation: a page
     * rendered again, never a stale one kept. */
    long long seen = atomic_load(&p->conns->content);
    if (v != seen && atomic_compare_exchange_strong(&p->conns->content, &seen, v) && seen != CONTENT_UNSEEN)
        atomic_fetch_add(&p->conns->gen, 1);
    return true;
}

unsigned long conn_generation(const struct portal *p)
{
    return atomic_load(&p->conns->gen);
}

void conn_bump_generation(struct portal *p)
{
    atomic_fetch_add(&p->conns->gen, 1);
}

void conn_end_request(struct portal *p)
{
    struct conn *c = pthread_getspecific(p->conns->key);
    if (c)
        store_portal_end_reads(c->store);
}
