/* Full-text search over the items (the portal's 站内搜索 and /api/v1/search).
 *
 * The caller turns what a visitor typed into a MATCH expression with
 * search_query_build() (text/search_query.h) and passes it here; NULL from the builder
 * means "nothing to search" and must not reach store_search(). Everything else is bound
 * as a parameter.
 *
 * Cost is bounded whatever the query (a one-character query can hit a third of a
 * million-item store): a search looks at the NEWEST SEARCH_HIT_CAP hits (by item id) and
 * no more, and bm25 (title 10x body, 文号 5x) scores the newest SEARCH_RANK_WINDOW of
 * those: relevance order is those, best first, then the older hits newest first. With
 * fewer hits than the window (the usual case for anything but common words) that is simply
 * every hit in bm25 order. With more hits than the cap, `capped` is set, total is the cap,
 * and `estimate` is a
 * rough count of all hits from how far back in time the newest SEARCH_HIT_CAP reach (0 when
 * a year filter makes that meaningless): the page says "约 N 条" or "超过 2000 条". */
#ifndef GK_STORE_SEARCH_H
#define GK_STORE_SEARCH_H
#include "store/store.h"
#include <stdbool.h>

#define SEARCH_HIT_CAP 2000
#define SEARCH_RANK_WINDOW 1000
#define SEARCH_PAGE_MAX 50 /* hits per page at most */

/* Marker bytes around the matched text in search_hit.title_marked / snippet_marked. They
 * cannot come from stored text (a title or body holding either byte is returned unmarked),
 * so the page can escape everything between them and turn them into <mark></mark>. */
#define SEARCH_MARK_OPEN '\x02'
#define SEARCH_MARK_CLOSE '\x03'

enum search_order { SEARCH_BY_RANK, SEARCH_BY_DATE };

struct search_params {
    const char *match;      /* MATCH expression from search_query_build(); required */
    const char *today;      /* YYYY-MM-DD, required: only items first published on or before
                             * it are public (as on the portal's pages); NULL finds nothing */
    const char *agency;     /* agency code: that agency and all below it; NULL = all */
    const char *column;     /* column slug: that column and its sub-columns; NULL = all */
    int year;               /* year of first publication; 0 = all */
    const char *statutory;  /* "rule", "normative_document", "any" (either); NULL = all */
    enum search_order order;
    long long offset;       /* hits to skip (page * per_page) */
    int limit;              /* 1..SEARCH_PAGE_MAX */
};

struct search_hit {
    long long id;
    char *ext_id, *title, *column_slug, *agency_code, *agency_name;
    char *title_marked;   /* the title with SEARCH_MARK_OPEN/CLOSE around matches */
    char *snippet_marked; /* an excerpt of the body, same markers; "" without a body */
    char *published;      /* first publication date YYYY-MM-DD, or NULL */
    char *written, *doc_no, *index_no, *statutory, *repealed; /* NULL when absent */
    double score;         /* bm25 (lower is better) */
};

struct search_result {
    long long total;    /* hits looked at: all of them, or SEARCH_HIT_CAP when capped */
    bool capped;        /* there are more hits than SEARCH_HIT_CAP */
    long long estimate; /* capped: a rough count of all hits (> SEARCH_HIT_CAP), or 0 */
    bool unknown_agency; /* params.agency names no agency: no hits */
    struct search_hit *hits;
    size_t nhits;
};

/* Runs the search. RES_OK (fills *out; release with search_result_clear), RES_FAILED + *err on a
 * database failure. An unknown agency is not an error: no hits, unknown_agency set. */
res_t store_search(store_t *s, const struct search_params *p, struct search_result *out, char **err);
void search_result_clear(struct search_result *r);

#endif
