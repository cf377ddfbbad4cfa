/* Fuzz target: the Chinese tokenizer (src/text/tokenize.c), the search box's terms
 * (src/text/search_query.c), the SQLite backend's MATCH expressions built from them
 * (sqlite_fts_match) with SQLite FTS5 as their judge, and the highlighter (text/highlight.h).
 *
 * Invariants checked for any input bytes:
 *  - every token lies inside the input (start < end <= len), is non-empty, at most
 *    TOKENIZE_WORD_MAX bytes, valid UTF-8 without ASCII upper case, space or punctuation;
 *    starts never go backwards; the first token is not colocated; tokenize_count agrees;
 *    a callback's non-zero return stops tokenizing and comes back from tokenize();
 *  - tokenize_to_string and tokenize_to_tsvector return valid UTF-8;
 *  - search_terms_parse gives at most SEARCH_QUERY_MAX_TERMS valid UTF-8 terms;
 *    sqlite_fts_match (with and without a column) gives valid UTF-8 of that many quoted terms, which FTS5 accepts as a MATCH expression (never a
 *    syntax error) for the gongkai tokenizer, and a document holding exactly the input text is
 *    found by it whenever no term was cut at SEARCH_QUERY_MAX_TERM_BYTES ("a term matches as a
 *    literal phrase"), and the highlighter finds a match in it, inside the text, in order. */
#include "fuzz.h"
#include "store/sqlite/sqlite_fts.h"
#include "text/highlight.h"
#include "text/search_query.h"
#include "text/tokenize.h"
#include "util/utf8.h"
#include <sqlite3.h>
#include <string.h>

struct tok_check {
    const char *text;
    size_t len;
    size_t n;          /* tokens seen */
    size_t last_start;
    size_t stop_at;    /* return 7 on this token (0: never) */
};

static int check_token(void *ctx, const char *tok, size_t tok_len, size_t start, size_t end, int flags)
{
    struct tok_check *c = ctx;
    FUZZ_CHECK(tok_len > 0 && tok_len <= TOKENIZE_WORD_MAX, "token length %zu", tok_len);
    FUZZ_CHECK(start < end && end <= c->len, "token range [%zu,%zu) outside %zu bytes", start, end, c->len);
    FUZZ_CHECK(utf8_valid(tok, tok_len), "token is not valid UTF-8");
    for (size_t i = 0; i < tok_len; i++) {
        unsigned char b = (unsigned char)tok[i];
        FUZZ_CHECK(b >= 0x80 || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9'),
                   "token holds byte 0x%02x", b);
    }
    FUZZ_CHECK(c->n > 0 || !(flags & TOKENIZE_COLOCATED), "first token colocated");
    FUZZ_CHECK(flags == 0 || flags == TOKENIZE_COLOCATED, "flags %d", flags);
    FUZZ_CHECK(c->n == 0 || start >= c->last_start, "token start %zu before %zu", start, c->last_start);
    c->last_start = start;
    c->n++;
    return c->stop_at && c->n == c->stop_at ? 7 : 0;
}

static void check_tokenizer(const char *text, size_t len, tokenize_mode mode)
{
    struct tok_check c = {text, len, 0, 0, 0};
    FUZZ_CHECK(tokenize(text, len, mode, check_token, &c) == 0, "tokenize failed");
    FUZZ_CHECK(tokenize_count(text, len, mode) == c.n, "tokenize_count %zu, callbacks %zu",
               tokenize_count(text, len, mode), c.n);
    if (c.n > 0) {
        struct tok_check s = {text, len, 0, 0, c.n / 2 + 1};
        FUZZ_CHECK(tokenize(text, len, mode, check_token, &s) == 7 && s.n == c.n / 2 + 1,
                   "a callback's non-zero return did not stop tokenizing");
    }
    char *str = tokenize_to_string(text, len, mode);
    FUZZ_CHECK(str && utf8_valid(str, strlen(str)), "tokenize_to_string: not valid UTF-8");
    FUZZ_CHECK((c.n == 0) == (str[0] == 0), "tokenize_to_string empty with %zu tokens", c.n);
    free(str);
}

/* FTS5 with the gongkai tokenizer on one in-memory connection, opened once. */
static sqlite3 *db;
static sqlite3_stmt *ins, *match, *match_col;

static void open_fts(void)
{
    if (sqlite3_open(":memory:", &db) != SQLITE_OK || sqlite_fts_register(db) != SQLITE_OK ||
        sqlite3_exec(db,
                     "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='gongkai');"
                     "INSERT INTO t(rowid, title, body) VALUES (1, '关于社会保障卡的通知', 'COVID-19 2018年度报告');",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO t(rowid, title, body) VALUES (2, ?1, ?1)", -1, &ins, NULL) ||
        sqlite3_prepare_v2(db, "SELECT rowid, highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?1 ORDER BY rank", -1,
                           &match, NULL) ||
        sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1", -1, &match_col, NULL))
        fuzz_fail("cannot set up FTS5: %s", sqlite3_errmsg(db));
}

static void close_fts(void)
{
    sqlite3_finalize(ins);
    sqlite3_finalize(match);
    sqlite3_finalize(match_col);
    sqlite3_close(db);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    open_fts();
    atexit(close_fts);
    return 0;
}

/* Checks the shape `"t1" AND "t2" ...` (or `"col" : "t1" AND ...`); returns the term count. */
static int check_expression(const char *e, const char *column)
{
    FUZZ_CHECK(utf8_valid(e, strlen(e)), "query expression is not valid UTF-8");
    int terms = 0;
    const char *p = e;
    for (;;) {
        if (column) {
            size_t cl = strlen(column);
            FUZZ_CHECK(p[0] == '"' && strncmp(p + 1, column, cl) == 0 && strncmp(p + 1 + cl, "\" : ", 4) == 0,
                       "term %d lacks its column: %s", terms, e);
            p += cl + 5;
        }
        FUZZ_CHECK(*p == '"', "term %d does not start with a quote: %s", terms, e);
        size_t inner = 0;
        for (p++;; p++) {
            FUZZ_CHECK(*p, "unterminated term: %s", e);
            if (*p == '"') {
                if (p[1] != '"')
                    break;
                p++;
            }
            inner++;
        }
        FUZZ_CHECK(inner > 0 && inner <= SEARCH_QUERY_MAX_TERM_BYTES, "term of %zu bytes", inner);
        terms++;
        p++;
        if (!*p)
            break;
        FUZZ_CHECK(strncmp(p, " AND ", 5) == 0, "terms not joined by AND: %s", e);
        p += 5;
    }
    FUZZ_CHECK(terms <= SEARCH_QUERY_MAX_TERMS, "%d terms", terms);
    return terms;
}

static bool is_space(int32_t cp)
{
    return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x3000 || cp == 0xA0;
}

/* True when some term (split as search_query.c splits) is longer than the term bound. */
static bool has_long_term(const char *s)
{
    const char *p = s, *end = s + strlen(s);
    size_t run = 0;
    while (p < end) {
        const char *q = p;
        int32_t cp = utf8_decode(&q, end);
        if (cp == UTF8_INVALID || is_space(cp))
            run = 0;
        else if ((run += (size_t)(q - p)) > SEARCH_QUERY_MAX_TERM_BYTES)
            return true;
        p = q;
    }
    return false;
}

/* Runs EXPR through FTS5: it must not fail; returns whether row 2 (the input) matched. */
static bool run_match(sqlite3_stmt *st, const char *expr)
{
    bool found = false;
    int rc;
    sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (sqlite3_column_int(st, 0) == 2)
            found = true;
    FUZZ_CHECK(rc == SQLITE_DONE, "FTS5 refused the expression %s: %s", expr, sqlite3_errmsg(db));
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return found;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!db)
        LLVMFuzzerInitialize(NULL, NULL);
    const char *text = (const char *)data;
    check_tokenizer(size ? text : NULL, size, TOKENIZE_DOCUMENT);
    check_tokenizer(size ? text : NULL, size, TOKENIZE_QUERY);
    check_tokenizer(size ? text : NULL, size, TOKENIZE_QUERY_SPAN);
    char *tsv = tokenize_to_tsvector(text, size);
    FUZZ_CHECK(tsv && utf8_valid(tsv, strlen(tsv)), "tsvector is not valid UTF-8");
    free(tsv);

    /* The search box gets a C string: the text up to its first NUL. */
    char *input = malloc(size + 1);
    memcpy(input, data, size);
    input[size] = 0;
    struct search_terms terms;
    size_t nterms = search_terms_parse(input, &terms);
    FUZZ_CHECK(nterms == terms.n && nterms <= SEARCH_QUERY_MAX_TERMS, "%zu terms", nterms);
    for (size_t i = 0; i < nterms; i++)
        FUZZ_CHECK(utf8_valid(terms.term[i], strlen(terms.term[i])), "term %zu is not valid UTF-8", i);
    char *expr = nterms ? sqlite_fts_match(&terms, NULL) : NULL;
    char *col = nterms ? sqlite_fts_match(&terms, "title") : NULL;
    FUZZ_CHECK(sqlite_fts_match(&terms, "1title") == NULL, "a bad column name was accepted");
    FUZZ_CHECK(!expr == !col, "with and without a column disagree on whether there is a query");
    if (expr) {
        highlight_query_t *hq = highlight_query_new(&terms);
        struct text_span *spans = NULL;
        size_t ns = highlight_find(hq, input, strlen(input), false, &spans);
        for (size_t i = 0; i < ns; i++)
            FUZZ_CHECK(spans[i].start < spans[i].end && spans[i].end <= strlen(input) &&
                           (i == 0 || spans[i].start >= spans[i - 1].end),
                       "highlight span %zu [%zu,%zu) out of place", i, spans[i].start, spans[i].end);
        if (!has_long_term(input))
            FUZZ_CHECK(ns > 0, "the highlighter finds nothing of the text in itself");
        free(spans);
        highlight_query_free(hq);
        int n = check_expression(expr, NULL);
        FUZZ_CHECK(check_expression(col, "title") == n, "column query has another term count");
        FUZZ_CHECK(sqlite3_exec(db, "SAVEPOINT doc", NULL, NULL, NULL) == SQLITE_OK, "savepoint");
        sqlite3_bind_text(ins, 1, input, -1, SQLITE_STATIC);
        FUZZ_CHECK(sqlite3_step(ins) == SQLITE_DONE, "cannot index the input: %s", sqlite3_errmsg(db));
        sqlite3_reset(ins);
        bool found = run_match(match, expr);
        bool found_col = run_match(match_col, col);
        if (!has_long_term(input)) {
            FUZZ_CHECK(found, "a document holding the text is not found by its own query %s", expr);
            FUZZ_CHECK(found_col, "nor with the title column: %s", col);
        }
        FUZZ_CHECK(sqlite3_exec(db, "ROLLBACK TO doc; RELEASE doc", NULL, NULL, NULL) == SQLITE_OK, "rollback");
    }
    free(expr);
    free(col);
    search_terms_free(&terms);
    free(input);
    return 0;
}
