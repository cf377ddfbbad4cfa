/* Writing the store's records as JSON Lines (contracts §2), the exact input of import. */
#ifndef GK_EXPORT_H
#define GK_EXPORT_H
#include "store/store.h"
#include <jansson.h>
#include <stdio.h>

/* agency_code NULL = everything; else that agency's subtree (plus its ancestors' agency
 * records, so that the output imports into an empty database). year 0 = all years; else
 * the records that count in that year's report. RES_OK; RES_NOT_FOUND for an unknown
 * agency; RES_FAILED (database, or writing OUT). Errors are printed (gongkai: export: …). */
res_t export_records(store_t *s, const char *agency_code, int year, FILE *out);

/* One item as its import record (a new object; absent fields and an empty publication list
 * are left out). The demo writes its items through this too. */
json_t *export_item_json(const struct item_rec *r);

/* One service guide as its import record (records/export_guide.c; absent fields left out).
 * export_records writes every guide of the subtree after the other records, when YEAR is 0. */
struct guide_rec;
json_t *export_guide_json(const struct guide_rec *g);

#endif
