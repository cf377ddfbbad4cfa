/* The report figures cache (figures_cache.h): a direct-mapped table of (agency, year,
 * scope) entries, each with the mark it was computed under. A newer computation of the
 * same slot replaces the entry; the table's size is fixed (about 2 MB). */
#include "report/figures_cache.h"
#include "util/xalloc.h"
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 1024 /* agencies × years × 2 scopes of a large site */

struct slot {
    bool used, tree;
    long long agency_id;
    int year;
    struct report_mark mark;
    struct report_figures fig;
};

struct figures_cache {
    pthread_mutex_t mu;
    struct slot slot[SLOTS];
};

struct figures_cache *figures_cache_new(void)
{
    struct figures_cache *c = xcalloc(1, sizeof *c);
    pthread_mutex_init(&c->mu, NULL);
    return c;
}

void figures_cache_free(struct figures_cache *c)
{
    if (!c)
        return;
    pthread_mutex_destroy(&c->mu);
    free(c);
}

static struct slot *slot_of(struct figures_cache *c, long long agency_id, bool tree, int year)
{
    uint64_t h = (uint64_t)agency_id * 0x9E3779B97F4A7C15u ^ (uint64_t)year * 0xC2B2AE3D27D4EB4Fu ^ (tree ? 1u : 0u);
    return &c->slot[(h ^ (h >> 29)) % SLOTS];
}

static bool same_key(const struct slot *e, long long agency_id, bool tree, int year)
{
    return e->used && e->agency_id == agency_id && e->tree == tree && e->year == year;
}

res_t figures_cache_get(struct figures_cache *c, store_t *s, const struct agency *a, bool tree, int year,
                        struct report_figures *out, bool *hit, char **err)
{
    *hit = false;
    /* The mark first: figures computed after it are at least as new as it says. */
    struct report_mark mark;
    res_t rc = store_report_mark(s, a, tree, year, &mark, err);
    if (rc != RES_OK)
        return rc;
    struct slot *e = slot_of(c, a->id, tree, year);
    pthread_mutex_lock(&c->mu);
    if (same_key(e, a->id, tree, year) && e->mark.scope == mark.scope && e->mark.tree == mark.tree) {
        *out = e->fig;
        *hit = true;
    }
    pthread_mutex_unlock(&c->mu);
    if (*hit)
        return RES_OK;
    rc = store_report_figures(s, a, tree, year, out, err);
    if (rc != RES_OK)
        return rc;
    pthread_mutex_lock(&c->mu);
    *e = (struct slot){.used = true, .tree = tree, .agency_id = a->id, .year = year, .mark = mark, .fig = *out};
    pthread_mutex_unlock(&c->mu);
    return RES_OK;
}
