/* Computed report figures kept between requests (issue 6, item 7). Computing the figures of
 * a year takes 0.15–0.25 s of CPU at a million items (the whole tree; more under load),
 * and they change only when a write touches the
 * report's agencies and year. Each entry carries the store's report mark
 * (store_report_mark) it was computed under and is used while the mark is unchanged, so
 * that a write to another agency or another year leaves it in use, unlike the page cache,
 * which every write empties. Thread-safe; one per portal. */
#ifndef GK_FIGURES_CACHE_H
#define GK_FIGURES_CACHE_H
#include "domain/figures.h"
#include "store/store.h"

struct figures_cache;

struct figures_cache *figures_cache_new(void);
void figures_cache_free(struct figures_cache *c);

/* The figures of (agency A, YEAR, TREE) into OUT, from the cache when its entry's mark is
 * current (*HIT true), else computed by store_report_figures and kept. */
res_t figures_cache_get(struct figures_cache *c, store_t *s, const struct agency *a, bool tree, int year,
                        struct report_figures *out, bool *hit, char **err);

#endif
