/* Full-text search over the items (the portal's 站内搜索 and /api/v1/search).
 *
 * The caller passes the visitor's terms (search_terms_parse(), text/search_query.h; none
 * means "nothing to search" and must not reach store_search()) and an item_query for the
 * filters; each backend turns the terms into its own query, and everything is bound as a
 * parameter.
 *
 * Cost is bounded whatever the query (a one-character query can hit a third of a
 * million-item store): a search looks at the NEWEST SEARCH_HIT_CAP hits (by item id) and
 * no more, and bm25 (title 10x body, 文号 5x) scores the newest SEARCH_RANK_WINDOW of
 * those: relevance order is those, best first, then the older hits newest first. With
 * fewer hits than the window (the usual case for anything but common words) that is simply
 * every hit in bm25 order. With more hits than the cap, `capped` is set, total is the cap,
 * and `estimate` is a
 * rough count of all hits from how far back in time the newest SEARCH_HIT_CAP reach (0 when
 * a year filter makes that meaningless): the page says "约 N 条" or "超过 2000 条".
 *
 * The matches are found by text/highlight.h in store_search, the same for every backend:
 * a hit carries its title and an excerpt of its body with the byte ranges where the terms
 * are, and the page escapes the text and marks the ranges. */
#ifndef GK_STORE_SEARCH_H
#define GK_STORE_SEARCH_H
#include "store/store.h"
#include "text/highlight.h"
#include <stdbool.h>

#define SEARCH_HIT_CAP 2000
#define SEARCH_RANK_WINDOW 1000
#define SEARCH_PAGE_MAX 50 /* hits per page at most */

enum search_order { SEARCH_BY_RANK, SEARCH_BY_DATE };

struct search_params {
    const struct search_terms *terms; /* from search_terms_parse(); at least one term */
    struct item_query filter;         /* which items (filter.today required: only public items) */
    enum search_order order;
    long long offset;                 /* hits to skip (page * per_page) */
    int limit;                        /* 1..SEARCH_PAGE_MAX */
};

struct search_hit {
    long long id;
    char *ext_id, *title, *column_slug, *agency_code, *agency_name;
    struct text_span *title_marks; /* where the terms are in title, in order */
    size_t ntitle_marks;
    char *snippet;                 /* an excerpt of the body ("" without a body), "…" where cut */
    struct text_span *snippet_marks;
    size_t nsnippet_marks;
    char *published;      /* first publication date YYYY-MM-DD, or NULL */
    char *written, *doc_no, *index_no, *statutory, *repealed; /* NULL when absent */
    double score;         /* bm25 (lower is better) */
};

struct search_result {
    long long total;    /* hits looked at: all of them, or SEARCH_HIT_CAP when capped */
    bool capped;        /* there are more hits than SEARCH_HIT_CAP */
    long long estimate; /* capped: a rough count of all hits (> SEARCH_HIT_CAP), or 0 */
    bool unknown_agency; /* filter.agency names no agency: no hits */
    struct search_hit *hits;
    size_t nhits;
};

/* Runs the search. RES_OK (fills *out; release with search_result_clear), RES_FAILED + *err on a
 * database failure. An unknown agency is not an error: no hits, unknown_agency set. */
res_t store_search(store_t *s, const struct search_params *p, struct search_result *out, char **err);
void search_result_clear(struct search_result *r);

#endif
