/* The facet cache (facet_cache.h). */
#include "web/facet_cache.h"
#include "store/store_portal.h"
#include "util/xalloc.h"
#include "web/connections.h"
#include <pthread.h>
#include <stdlib.h>

struct facet_cache {
    pthread_mutex_t mu;
    unsigned long gen;
    bool valid;
    char **facet, **value;
    size_t n, cap;
};

static int facet_collect(const char *facet, const char *value, void *ud)
{
    struct facet_cache *f = ud;
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 128;
        f->facet = xrealloc(f->facet, f->cap * sizeof *f->facet);
        f->value = xrealloc(f->value, f->cap * sizeof *f->value);
    }
    f->facet[f->n] = xstrdup(facet ? facet : "");
    f->value[f->n] = xstrdup(value ? value : "");
    f->n++;
    return 0;
}

static void facets_clear(struct facet_cache *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->facet[i]);
        free(f->value[i]);
    }
    f->n = 0;
    f->valid = false;
}

struct facet_cache *facets_new(void)
{
    struct facet_cache *f = xcalloc(1, sizeof *f);
    pthread_mutex_init(&f->mu, NULL);
    return f;
}

void facets_free(struct facet_cache *f)
{
    if (!f)
        return;
    facets_clear(f);
    free(f->facet);
    free(f->value);
    pthread_mutex_destroy(&f->mu);
    free(f);
}

int facets_each(struct portal *p, store_t *s, int (*fn)(const char *facet, const char *value, void *ud), void *ud,
                char **err)
{
    struct facet_cache *f = p->facets;
    conn_check_generation(p);
    unsigned long gen = conn_generation(p);
    int rc = 0;
    pthread_mutex_lock(&f->mu);
    if (!f->valid || f->gen != gen) {
        facets_clear(f);
        rc = store_portal_facets(s, facet_collect, f, err);
        if (rc == 0) {
            f->valid = true;
            f->gen = gen;
        } else {
            facets_clear(f);
        }
    }
    for (size_t i = 0; rc == 0 && i < f->n; i++)
        if ((rc = fn(f->facet[i], f->value[i], ud)) != 0)
            break;
    pthread_mutex_unlock(&f->mu);
    return rc;
}
