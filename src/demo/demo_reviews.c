/* Administrative reconsideration and litigation about disclosure (table 四).
 *
 * Cases start from 2019 (the seed reports none for 2018, and a 2017 case still pending would
 * count in 2018). Each is tied to a real application of the demo whose answer an applicant
 * might contest — a refusal, "not held", "not processed" or a partial disclosure — and is
 * filed within the statutory windows after that answer: reconsideration within 60 days,
 * a direct suit within six months, a suit after reconsideration within 15 days of the
 * reconsideration decision. A case whose decision would fall after 2024-12-31 is pending. */
#include "demo/demo_internal.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

struct case_rec {
    char id[24];
    const char *agency, *kind, *result, *application;
    gk_date filed, decided; /* decided DEMO_NO_DATE = pending */
};

static bool contestable(const char *outcome)
{
    static const char *const prefixes[] = {"partially_disclosed", "withheld_", "unavailable_", "not_processed_"};
    if (!outcome)
        return false;
    for (size_t i = 0; i < DEMO_COUNT(prefixes); i++)
        if (strncmp(outcome, prefixes[i], strlen(prefixes[i])) == 0)
            return true;
    return false;
}

static const char *pick_result(struct demo_rng *r)
{
    static const int w[] = {6, 2, 2};
    static const char *const results[] = {"upheld", "corrected", "other"};
    return results[demo_rng_weighted(r, w, 3)];
}

static void emit_case(struct demo_ctx *ctx, const struct case_rec *c)
{
    json_t *rec = json_object();
    json_object_set_new(rec, "type", json_string("case"));
    json_object_set_new(rec, "id", json_string(c->id));
    json_object_set_new(rec, "agency", json_string(c->agency));
    json_object_set_new(rec, "kind", json_string(c->kind));
    demo_set_date(rec, "filed", c->filed);
    if (c->decided != DEMO_NO_DATE) {
        demo_set_date(rec, "decided", c->decided);
        json_object_set_new(rec, "result", json_string(c->result));
    }
    json_object_set_new(rec, "application", json_string(c->application));
    demo_emit(ctx, rec);
}

/* Cases whose application was answered in each year, 2019 … 2024. */
static const int cases_per_year[] = {1, 2, 2, 3, 3, 3};

void demo_reviews(struct demo_ctx *ctx)
{
    struct demo_rng r;
    demo_rng_seed(&r, "cases", 0);
    struct case_rec cases[64];
    int nc = 0;
    int nfy[DEMO_LAST_YEAR + 1 - 2019] = {0}, nss[DEMO_LAST_YEAR + 1 - 2019] = {0}; /* per year of filing */
    for (int y = 2019; y <= DEMO_LAST_YEAR; y++) {
        /* Contestable applications answered in y, in id order, then drawn without repeats. */
        size_t *cand = xmalloc((ctx->napps ? ctx->napps : 1) * sizeof *cand);
        int n = 0;
        for (size_t i = 0; i < ctx->napps; i++)
            if (contestable(ctx->apps[i].outcome) && date_year(ctx->apps[i].closed) == y)
                cand[n++] = i;
        int want = cases_per_year[y - 2019];
        for (int k = 0; k < want && n > 0 && nc + 2 <= (int)DEMO_COUNT(cases); k++) {
            int j = demo_rng_int(&r, 0, n - 1);
            const struct demo_app_ref *app = &ctx->apps[cand[j]];
            cand[j] = cand[--n];

            struct case_rec *c = &cases[nc];
            memset(c, 0, sizeof *c);
            c->agency = app->agency;
            c->application = app->id;
            bool direct = demo_rng_chance(&r, 30);
            if (direct) {
                c->kind = "litigation_direct";
                c->filed = demo_workday_on_or_after(app->closed + demo_rng_int(&r, 30, 150));
                c->decided = demo_workday_on_or_after(c->filed + demo_rng_int(&r, 60, 170));
            } else {
                c->kind = "reconsideration";
                c->filed = demo_workday_on_or_after(app->closed + demo_rng_int(&r, 10, 50));
                c->decided = demo_workday_on_or_after(c->filed + demo_rng_int(&r, 40, 60));
            }
            if (c->filed > DEMO_LAST_DAY)
                continue; /* not yet filed on the last day of the data */
            c->result = pick_result(&r);
            if (c->decided > DEMO_LAST_DAY)
                c->decided = DEMO_NO_DATE;
            if (direct)
                snprintf(c->id, sizeof c->id, "GN-SS-%d-%02d", date_year(c->filed), ++nss[date_year(c->filed) - 2019]);
            else
                snprintf(c->id, sizeof c->id, "GN-FY-%d-%02d", date_year(c->filed), ++nfy[date_year(c->filed) - 2019]);
            nc++;
            /* An applicant whose reconsideration was upheld sometimes goes to court. */
            if (!direct && c->decided != DEMO_NO_DATE && strcmp(c->result, "upheld") == 0 &&
                demo_rng_chance(&r, 50)) {
                struct case_rec *s = &cases[nc];
                *s = (struct case_rec){.agency = c->agency, .application = c->application,
                                       .kind = "litigation_after_reconsideration"};
                s->filed = demo_workday_on_or_after(c->decided + demo_rng_int(&r, 5, 14));
                s->decided = demo_workday_on_or_after(s->filed + demo_rng_int(&r, 60, 170));
                if (s->filed <= DEMO_LAST_DAY) {
                    s->result = pick_result(&r);
                    if (s->decided > DEMO_LAST_DAY)
                        s->decided = DEMO_NO_DATE;
                    snprintf(s->id, sizeof s->id, "GN-SS-%d-%02d", date_year(s->filed), ++nss[date_year(s->filed) - 2019]);
                    nc++;
                }
            }
        }
        free(cand);
    }
    for (int i = 0; i < nc; i++)
        emit_case(ctx, &cases[i]);
}
