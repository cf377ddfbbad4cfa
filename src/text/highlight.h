/* Finding the visitor's search terms in a hit's text: the byte ranges to mark, and a
 * short excerpt of a body around its first match. Shared by every store backend:
 * store_search (store.c) runs it over the hits a backend returns, so the marks do not
 * depend on the database, and the page renders the ranges (escaping the text between).
 *
 * A term matches where its query tokens (text/tokenize.h: bigram chain and final
 * unigram, or words) sit at consecutive document positions: the same rule as the search
 * index. The matched positions are marked from the start of the first to the end of the
 * last (the offsets of the first token at each position, i.e. whole characters or
 * words, as FTS5's highlight() does); touching or overlapping matches merge. */
#ifndef GK_TEXT_HIGHLIGHT_H
#define GK_TEXT_HIGHLIGHT_H
#include "text/search_query.h"
#include <stdbool.h>
#include <stddef.h>

#define SNIPPET_CHARS 80    /* characters of body in a snippet */
#define SNIPPET_BEFORE 12   /* characters kept before the first match */
#define SNIPPET_LOOKBACK 30 /* a sentence start this close before the match is used instead */

/* Bytes [start, end) of a text. */
struct text_span {
    size_t start, end;
};

typedef struct highlight_query highlight_query_t;

/* The terms tokenized once for many texts. Free with highlight_query_free. */
highlight_query_t *highlight_query_new(const struct search_terms *t);
void highlight_query_free(highlight_query_t *q);

/* The matches of Q in TEXT (LEN bytes), in order, disjoint: *out malloc'd (NULL when
 * none), the count returned. EARLY: only the first match and what follows it within a
 * snippet's length are needed (the tokenizer stops there). */
size_t highlight_find(const highlight_query_t *q, const char *text, size_t len, bool early, struct text_span **out);

/* A short excerpt of TEXT around the first of its marks M (or from its start): back to a
 * sentence start close before the match, else SNIPPET_BEFORE characters, then
 * SNIPPET_CHARS characters, with "…" where the text is cut. Returns the excerpt
 * (malloc'd); *out gets the marks that fall inside it, clipped and in its offsets. */
char *highlight_snippet(const char *text, const struct text_span *m, size_t n, struct text_span **out, size_t *nout);

#endif
