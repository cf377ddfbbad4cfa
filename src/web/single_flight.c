/* Single flight for the page cache (single_flight.h): a short list of the keys being
 * rendered, under one mutex, and one condition variable that every finished render
 * broadcasts. The list holds at most one entry per server thread, so a linear search is
 * enough. */
#include "web/single_flight.h"
#include "util/xalloc.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct flight {
    struct flight *next;
    char *key;
    unsigned long id; /* unique per render: a later render of the same key is another one */
    size_t waiting;
};

struct single_flight {
    pthread_mutex_t mu;
    pthread_cond_t done;
    struct flight *flying;
    unsigned long next_id;
};

struct single_flight *single_flight_new(void)
{
    struct single_flight *sf = xcalloc(1, sizeof *sf);
    pthread_mutex_init(&sf->mu, NULL);
    pthread_cond_init(&sf->done, NULL);
    return sf;
}

void single_flight_free(struct single_flight *sf)
{
    if (!sf)
        return;
    while (sf->flying) {
        struct flight *f = sf->flying;
        sf->flying = f->next;
        free(f->key);
        free(f);
    }
    pthread_cond_destroy(&sf->done);
    pthread_mutex_destroy(&sf->mu);
    free(sf);
}

static struct flight *find(struct single_flight *sf, const char *key)
{
    for (struct flight *f = sf->flying; f; f = f->next)
        if (strcmp(f->key, key) == 0)
            return f;
    return NULL;
}

bool single_flight_begin(struct single_flight *sf, const char *key)
{
    pthread_mutex_lock(&sf->mu);
    struct flight *f = find(sf, key);
    if (!f) {
        f = xcalloc(1, sizeof *f);
        f->key = xstrdup(key);
        f->id = ++sf->next_id;
        f->next = sf->flying;
        sf->flying = f;
        pthread_mutex_unlock(&sf->mu);
        return true;
    }
    f->waiting++;
    /* Looked up again by key after every wake-up (single_flight_end frees the entry); a
     * new render of the same key started meanwhile has another id and is not waited for. */
    unsigned long id = f->id;
    while ((f = find(sf, key)) && f->id == id)
        pthread_cond_wait(&sf->done, &sf->mu);
    pthread_mutex_unlock(&sf->mu);
    return false;
}

void single_flight_end(struct single_flight *sf, const char *key)
{
    pthread_mutex_lock(&sf->mu);
    for (struct flight **pp = &sf->flying; *pp; pp = &(*pp)->next) {
        if (strcmp((*pp)->key, key) == 0) {
            struct flight *f = *pp;
            *pp = f->next;
            free(f->key);
            free(f);
            break;
        }
    }
    pthread_cond_broadcast(&sf->done);
    pthread_mutex_unlock(&sf->mu);
}

size_t single_flight_waiting(struct single_flight *sf, const char *key)
{
    pthread_mutex_lock(&sf->mu);
    struct flight *f = find(sf, key);
    size_t n = f ? f->waiting : 0;
    pthread_mutex_unlock(&sf->mu);
    return n;
}
