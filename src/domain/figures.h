/* Every figure an annual report can show, for one (agency, year, scope).
 * The store fills it from the records; the report formats only arrange it.
 * Nothing here is typed in: tallies are the only figures kept outside the records. */
#ifndef GK_FIGURES_H
#define GK_FIGURES_H
#include "domain/taxonomy.h"

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

/* Fills the derived cells: column 总计, row （七）总计. Called by the store after counting. */
void figures_derive(struct report_figures *f);

/* Checks the arithmetic relations R-A … R-D of ogi-rules §1.9; returns NULL when they hold,
 * else a static description of the first broken one. */
const char *figures_check(const struct report_figures *f);

#endif
