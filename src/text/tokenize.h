/* The Chinese tokenizer behind search: a pure function over UTF-8 text, with no
 * SQLite in it, so that the same tokens feed the SQLite FTS5 index
 * (store/sqlite_fts.c) now and a PostgreSQL tsvector column later.
 *
 * Normalisation (applied before classifying a character):
 *   full-width ASCII U+FF01..FF5E -> half-width ("ＡＢＣ１２３" -> "abc123"),
 *   ideographic space U+3000 -> space, upper case -> lower case (ASCII, Latin-1,
 *   basic Greek and Cyrillic; no table of the whole of Unicode). Not folded,
 *   for want of data we would have to carry: traditional and simplified forms
 *   (资讯 does not find 資訊), and compatibility ideographs U+F900..FAFF to
 *   their unified twins.
 *
 * Token classes:
 *   word  - a run of letters/digits (ASCII, plus letters of other alphabetic
 *           scripts) is one lower-cased token. A word longer than
 *           TOKENIZE_WORD_MAX bytes is cut into chunks at consecutive positions,
 *           so a long word still matches only itself (the chunks form a phrase).
 *   CJK   - ideographs (U+3400..4DBF, 4E00..9FFF, F900..FAFF, 20000..3FFFF,
 *           〇 々 and friends), kana and hangul: there is no dictionary, so each
 *           character is a position of its own, see "Positions" below.
 *   other - punctuation and symbols of both widths, whitespace and control
 *           characters separate tokens and are not indexed. Zero-width joiners,
 *           soft hyphens and variation selectors are ignored altogether (they
 *           neither separate nor appear in a token). Bytes that are not valid
 *           UTF-8 separate, like punctuation, and are skipped (decoded by
 *           util/utf8.h, which never reads past the end and always advances).
 *
 * Positions. A document run of CJK characters c1..cn takes n positions; at
 * position i it emits the unigram ci and, COLOCATED at the same position, the
 * bigram ci ci+1 (the last character has no bigram). A query run is emitted
 * as the chain of bigrams c1c2, c2c3, ..., ck-1ck followed by the unigram ck, at
 * consecutive positions (a single character is just its unigram). Why:
 *   - 1 character: the unigram finds every document holding it.
 *   - k >= 2 characters: the bigram at position i says "ci ci+1 are adjacent
 *     here"; k-1 of them at consecutive positions say exactly "c1..ck occur
 *     here", so the phrase matches exactly the documents that contain the
 *     string. A phrase of unigrams would be exact as well, but a common
 *     character's posting list covers a large part of the corpus, while a
 *     bigram's is short: the bigrams make 2+ character queries cheap. (Bigrams
 *     ANDed without positions would be cheap but wrong: "社保" "保卡" is in
 *     "社保 … 保卡" without "社保卡".)
 *   - the trailing unigram ck adds no filtering (ck always follows a matching
 *     ck-1ck) but makes the phrase span k positions, so a highlighter that marks
 *     whole positions covers all k characters instead of k-1. It has a price:
 *     the common character's posting list made 3-4 character queries about 2x
 *     slower. So TOKENIZE_QUERY (what FTS5 matches with) leaves it out when the
 *     run ends the text, and TOKENIZE_QUERY_SPAN (what the portal's highlighter
 *     re-tokenizes a term with, store/sqlite_search.c) keeps it. FTS5's own
 *     highlight()/snippet() therefore mark k-1 characters of such a match; the
 *     portal does not use them.
 *   - a run ends at any other character, so no bigram spans punctuation or a
 *     word: "保障卡" does not match "保障，卡" (nor "保障A卡").
 *   - the unigram is the first token at each document position and spans one
 *     character, so highlight() (which reads the offsets of the first token at
 *     each position and ignores colocated ones) marks exactly the characters
 *     matched. Offsets are always those of the ORIGINAL text, so full-width
 *     "ＡＢＣ" is highlighted as written even though it is indexed as "abc".
 * Word and CJK tokens share one position sequence, so "2018年度" as a query is
 * the phrase 2018, 年度, 度 and matches "2018年度报告" (and "2018 年度").
 */
#ifndef GK_TEXT_TOKENIZE_H
#define GK_TEXT_TOKENIZE_H
#include <stddef.h>

/* Same value as FTS5_TOKEN_COLOCATED: this token sits at the position of the
 * token before it. The first token of a text is never colocated. */
#define TOKENIZE_COLOCATED 0x1

/* Longest word token in bytes. Longer words become several tokens; the cut
 * points depend only on the word, so documents and queries agree. */
#define TOKENIZE_WORD_MAX 64

typedef enum {
    TOKENIZE_DOCUMENT, /* what is indexed (and what highlight re-reads) */
    TOKENIZE_QUERY,    /* what a search string turns into: see "Positions"; a run of two or
                          more characters at the end of the text ends with its last bigram */
    TOKENIZE_QUERY_SPAN, /* the same, always with the trailing unigram, so that the phrase
                            spans every character (for highlighting matches) */
} tokenize_mode;

/* Called once per token, in text order. tok/tok_len: the normalised token
 * (not NUL-terminated, valid only during the call); [start, end): its byte
 * range in the original text; flags: 0 or TOKENIZE_COLOCATED. A non-zero
 * return stops tokenizing and is passed back by tokenize(). */
typedef int (*tokenize_fn)(void *ctx, const char *tok, size_t tok_len, size_t start, size_t end,
                           int flags);

/* Tokenizes len bytes of text (NUL bytes included; text may be NULL when len is
 * 0). Returns 0, or the first non-zero value the callback returned. */
int tokenize(const char *text, size_t len, tokenize_mode mode, tokenize_fn cb, void *ctx);

/* Number of tokens tokenize() would emit (0: nothing searchable). */
size_t tokenize_count(const char *text, size_t len, tokenize_mode mode);

/* The tokens joined by single spaces, e.g. "社 社会 会" for "社会"; "" when
 * there are none. Colocated tokens are simply listed; use tokenize_to_tsvector
 * where positions matter. The caller frees the result. */
char *tokenize_to_string(const char *text, size_t len, tokenize_mode mode);

/* The document's tokens as a PostgreSQL tsvector literal with positions
 * (1-based; colocated tokens share one), e.g. "'社':1 '社会':1 '会':2", for
 * `$1::tsvector`: phrase queries (<->) then work exactly as FTS5 phrases do
 * here. Positions above 16383 are clamped by PostgreSQL. The caller frees. */
char *tokenize_to_tsvector(const char *text, size_t len);

#endif
