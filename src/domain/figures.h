/* Every figure an annual report can show, for one (agency, year, scope).
 * Computed from the records; the report formats only arrange it. Nothing here is typed
 * in: tallies are the only figures kept outside the records.
 *
 * The year rules of 表三 and 表四 (which applications are new, carried in, handled and
 * carried forward in a year; which cases are decided or still pending at its end) live
 * here, once: every store backend streams the rows that can count in the year and
 * figures_add_application / figures_add_case classify them. Plain sums by year
 * (publications, statutory documents, visits, tallies) the backend counts itself. */
#ifndef GK_FIGURES_H
#define GK_FIGURES_H
#include "domain/taxonomy.h"
#include "util/date.h"
#include "util/result.h"
#include <stdbool.h>

struct statutory_figures {
    long long issued, repealed, in_force, published; /* published: with a publication in the year */
};

struct report_figures {
    int year;
    /* proactive disclosure */
    long long items_published;              /* distinct items with a publication in the year */
    long long pubs_by_channel[PUB_CHANNEL_COUNT];
    struct statutory_figures rules, normative_documents;
    /* applications: table 三 by row and applicant type (column 7, total, is derived) */
    long long t3[TABLE3_ROWS][TABLE3_COLUMNS];
    /* finer outcome counts (legacy layout, reply statistics) */
    long long handled_by_outcome_group[GROUP_COUNT];
    long long received_by_channel[APP_CHANNEL_COUNT];
    long long handled, handled_extended;
    /* fees */
    long long fee_notices, fee_notice_fen, fee_collected_fen;
    /* reviews: table 四 (kind × result incl. pending) */
    long long t4[CASE_KIND_COUNT][CASE_RESULT_COUNT];
    /* reading room */
    long long visits;
    /* tallies by key (see records/vocab.c tally_keys), summed over the scope */
    long long tally[32];
    /* the number of decimal places each 万元 tally was written with (max over the scope) */
    int tally_places[32];
};

/* One application as the year rules see it. A backend streams every application of the
 * scope received on or before the year's last day and not closed before its first (the
 * others cannot count); streaming more is harmless. */
struct figures_application {
    int applicant_type;       /* enum applicant_type, -1 when the stored code is unknown */
    int channel;              /* enum app_channel; APP_CHANNEL_OTHER when absent or unknown */
    gk_date received, closed; /* closed: NO_DATE while open */
    const char *outcome;      /* outcome code, NULL while open */
    bool extended;
    long long fee_notice_fen, fee_paid_fen; /* -1 when absent */
};

/* One review or lawsuit (表四). A backend streams the cases of the scope filed on or before
 * the year's last day and not decided before its first. */
struct figures_case {
    int kind;             /* enum case_kind, -1 when unknown */
    int result;           /* enum case_result of the decision; ignored while undecided */
    gk_date filed, decided; /* decided: NO_DATE while pending */
};

/* Adds one application to F (whose year is set). RES_REFUSED when the row holds an
 * unknown applicant type or outcome (F is then unchanged). */
res_t figures_add_application(struct report_figures *f, const struct figures_application *a);
/* Adds one case to 表四 of F. RES_REFUSED for an unknown kind or result. */
res_t figures_add_case(struct report_figures *f, const struct figures_case *c);

/* Fills the derived cells: column 总计, row （七）总计. Called once every row is added. */
void figures_derive(struct report_figures *f);

/* Checks the arithmetic relations R-A … R-D of ogi-rules §1.9; returns NULL when they hold,
 * else a static description of the first broken one. */
const char *figures_check(const struct report_figures *f);

#endif
