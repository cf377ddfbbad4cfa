/* Turning what a visitor typed into the search box into search terms.
 *
 * The visitor's text is split at whitespace (ASCII, ideographic U+3000, no-break
 * space) into terms; every term must match (AND) and matches as a literal phrase
 * through the tokenizer (text/tokenize.h): "社会保障卡" matches exactly the documents
 * containing that string, "COVID-19" the words covid and 19 next to each other.
 * Nothing the visitor types is query syntax: quotes, parentheses, AND/OR/NOT/NEAR, *,
 * ^, +, -, "title:" are all text, and a term that holds no token (punctuation only)
 * is dropped, since it could match nothing.
 *
 * Bounds, so that a pasted page cannot become an expensive query: at most
 * SEARCH_QUERY_MAX_TERMS terms (later ones are ignored) and at most
 * SEARCH_QUERY_MAX_TERM_BYTES bytes per term (cut at a character boundary).
 * Bytes that are not valid UTF-8 count as spaces, so every term is valid UTF-8.
 *
 * The terms are what store_search takes; each backend turns them into its own query
 * (SQLite: an FTS5 MATCH expression, src/store/sqlite/sqlite_fts.c), and the
 * highlighter (text/highlight.h) finds them in the hits' text.
 */
#ifndef GK_TEXT_SEARCH_QUERY_H
#define GK_TEXT_SEARCH_QUERY_H
#include <stddef.h>

#define SEARCH_QUERY_MAX_TERMS 16
#define SEARCH_QUERY_MAX_TERM_BYTES 192

struct search_terms {
    size_t n;
    char *term[SEARCH_QUERY_MAX_TERMS]; /* malloc'd, NUL-terminated, each with a token */
};

/* E.g. `社保 "卡"` -> {社保, "卡"}. Returns the number of terms: 0 when the input (NULL,
 * empty, only punctuation, ...) holds nothing searchable: show "请输入检索词" rather than
 * running a query. Release with search_terms_free (also after 0). */
size_t search_terms_parse(const char *user_input, struct search_terms *out);
void search_terms_free(struct search_terms *t);

#endif
