/* The annual report (年度报告): a projection of the records. The figures come from the
 * store; this module arranges them into the JSON of contracts §3 and into the layouts of
 * the three formats, with narrative text rendered against the same JSON so that words and
 * tables can never disagree. */
#ifndef GK_REPORT_H
#define GK_REPORT_H
#include "domain/figures.h"
#include "report/doc.h"
#include "store/store.h"
#include <jansson.h>

enum report_format { FMT_LEGACY2018, FMT_GOV2019, FMT_GOV2021, FMT_COUNT };
enum report_output { OUT_TEXT, OUT_MARKDOWN, OUT_HTML, OUT_JSON, OUT_COUNT };
extern const char *const report_format_names[FMT_COUNT];
extern const char *const report_output_names[OUT_COUNT];

/* The format a year's report takes by default (ogi-rules §1.2). */
enum report_format report_default_format(int year);

struct report {
    const struct agency *agency;
    bool tree;
    int year;
    enum report_format format;
    struct report_figures fig;
    char *narrative[NARR_COUNT]; /* raw templates from the store (NULL when absent) */
};

/* Reads figures and narratives: RES_OK, RES_NOT_FOUND (unknown agency: *err says so), RES_FAILED. */
res_t report_load(store_t *s, const char *agency_code, bool tree, int year, enum report_format fmt,
                struct agency *agency_out, struct report *out, char **err);
/* report figures cache (issue 6): report_load with the figures through CACHE
 * (report/figures_cache.h; NULL: computed). */
struct figures_cache;
res_t report_load_cached(store_t *s, struct figures_cache *cache, const char *agency_code, bool tree, int year,
                         enum report_format fmt, struct agency *agency_out, struct report *out, char **err);
void report_clear(struct report *r);

/* The JSON of contracts §3 (new reference). */
json_t *report_json(const struct report *r);
/* The context narratives are rendered against: the JSON plus t3.ROW.COLUMN cells. */
json_t *report_narrative_context(const struct report *r, json_t *json);
/* Renders one narrative section; NULL when absent. *err on a template error. */
char *report_narrative(const struct report *r, const json_t *ctx, enum narrative_section sec, char **err);

/* The document of the report's format (narratives rendered), or NULL + *err. */
doc_t *report_document(const struct report *r, char **err);

/* Renders the report in an output form into out: RES_OK or RES_FAILED + *err. Checks R-A … R-D first. */
res_t report_render(const struct report *r, enum report_output o, buf_t *out, char **err);

/* Helpers shared by the layouts. */
doc_t *report_doc_legacy2018(const struct report *r, const json_t *ctx, char **err);
doc_t *report_doc_gov(const struct report *r, const json_t *ctx, char **err);
/* "工农区" for 工农区人民政府, else the short name or the full name. */
const char *report_short_name(const struct agency *a, char *buf, size_t size);
/* "全区" / "全县" … for a government over its tree, else "本机关". */
const char *report_region_word(const struct report *r, char *buf, size_t size);
/* A 万元 tally formatted with its kept precision (at least two places). */
void report_wan_yuan(const struct report *r, const char *key, char *out, size_t size);
long long report_tally(const struct report *r, const char *key);

#endif
