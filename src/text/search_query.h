/* Turning what a visitor typed into the search box into an FTS5 MATCH
 * expression that can never be a syntax error.
 *
 * The visitor's text is split at whitespace (ASCII, ideographic U+3000, no-break
 * space) into terms; every term must match (AND); each term is one FTS5
 * string ("...", inner quotes doubled), which FTS5 hands whole to the gongkai
 * tokenizer in query mode, so it matches as a literal phrase: "社会保障卡"
 * matches exactly the documents containing that string, "COVID-19" the words
 * covid and 19 next to each other. Nothing the visitor types is FTS5 syntax:
 * quotes, parentheses, AND/OR/NOT/NEAR, *, ^, +, -, "title:" are all text, and
 * text that is not a token (punctuation) simply is not searched for.
 *
 * Bounds, so that a pasted page cannot become an expensive query: at most
 * SEARCH_QUERY_MAX_TERMS terms (later ones are ignored) and at most
 * SEARCH_QUERY_MAX_TERM_BYTES bytes per term (cut at a character boundary).
 * Bytes that are not valid UTF-8 are replaced by spaces, so the expression is
 * always valid UTF-8 (the tokenizer would skip them anyway).
 *
 * Pure text: no SQLite here, so the same builder can be checked without a
 * database; the expression syntax itself is SQLite FTS5's.
 */
#ifndef GK_TEXT_SEARCH_QUERY_H
#define GK_TEXT_SEARCH_QUERY_H
#include <stddef.h>

#define SEARCH_QUERY_MAX_TERMS 16
#define SEARCH_QUERY_MAX_TERM_BYTES 192

/* E.g. `社保 "卡"` -> `"社保" AND """卡"""`. NULL when the input (NULL, empty,
 * only punctuation, ...) holds nothing searchable: show "请输入检索词" rather
 * than running a query. The caller frees the result. */
char *search_query_build(const char *user_input);

/* The same, restricted to one column of the FTS table: `"title" : "社保" AND
 * "title" : "卡"`. column must be an identifier ([A-Za-z_][A-Za-z0-9_]*) naming a
 * column of the table; NULL when it is not, or when nothing is searchable. */
char *search_query_build_column(const char *user_input, const char *column);

#endif
