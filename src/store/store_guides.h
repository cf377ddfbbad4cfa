/* Service guides (办事指南, 办理流程清单): the guide records of docs/import-format.md, kept
 * with their materials and steps. Results as in store.h. */
#ifndef GK_STORE_GUIDES_H
#define GK_STORE_GUIDES_H
#include "model/guide.h"
#include "store/store.h"
#include "util/arena.h"

/* Writes R, replacing the guide with the same id (its materials and steps with it), all or
 * nothing. RES_REFUSED "agency: …" for an unknown agency code. */
res_t store_put_guide(store_t *s, const struct guide_rec *r, char **err);

/* The guide ID into OUT, every string and list in MEM (freed with it). RES_NOT_FOUND when
 * no guide has that id. */
res_t store_get_guide(store_t *s, const char *id, arena_t *mem, struct guide_rec *out, char **err);

/* Every guide of F's agency subtree (F NULL or its agency_path NULL: all), in the order
 * they were first written, to FN (the record lives until FN returns); a non-zero return
 * from FN stops and is returned. Guides are no input of a year's report: F's year is
 * ignored (export leaves guides out of a year's export itself). */
res_t store_each_guide(store_t *s, const struct export_filter *f, int (*fn)(const struct guide_rec *g, void *ud),
                       void *ud, char **err);

#endif
