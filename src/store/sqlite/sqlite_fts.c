/* The FTS5 adapter for text/tokenize.c: a thin translation of FTS5's tokenizer
 * interface onto the pure tokenizer. */
#include "store/sqlite/sqlite_fts.h"
#include "text/search_query.h"
#include "text/tokenize.h"
#include "util/buf.h"
#include <stddef.h>

/* The tokenizer holds no state (no arguments, nothing cached), so every table
 * shares this one object; FTS5 only needs a non-NULL handle. */
static char tokenizer_instance;

static int tok_create(void *user, const char **argv, int argc, Fts5Tokenizer **out)
{
    (void)user, (void)argv;
    *out = NULL;
    if (argc > 0)
        return SQLITE_ERROR; /* an option we do not know would silently change nothing */
    *out = (Fts5Tokenizer *)(void *)&tokenizer_instance;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t)
{
    (void)t;
}

typedef struct {
    void *fts_ctx;
    int (*token)(void *ctx, int tflags, const char *tok, int n, int start, int end);
} adapter;

static int tok_emit(void *ctx, const char *tok, size_t tok_len, size_t start, size_t end, int flags)
{
    adapter *a = ctx;
    /* FTS5 passes the text with an int length, so offsets fit in an int;
     * TOKENIZE_COLOCATED has FTS5_TOKEN_COLOCATED's value. */
    return a->token(a->fts_ctx, (flags & TOKENIZE_COLOCATED) ? FTS5_TOKEN_COLOCATED : 0, tok,
                    (int)tok_len, (int)start, (int)end);
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
                        int (*token)(void *, int, const char *, int, int, int))
{
    (void)t;
    if (!text || len <= 0)
        return SQLITE_OK;
    /* Query strings get the bigram-chain form; documents, and the re-reading
     * of documents by highlight()/snippet()/column sizes (FTS5_TOKENIZE_AUX),
     * get the unigram + colocated bigram form. */
    tokenize_mode mode = (flags & FTS5_TOKENIZE_QUERY) ? TOKENIZE_QUERY : TOKENIZE_DOCUMENT;
    adapter a = {ctx, token};
    /* A non-zero return is FTS5's own error code from xToken (e.g. NOMEM),
     * to be handed back unchanged. */
    return tokenize(text, (size_t)len, mode, tok_emit, &a);
}

int sqlite_fts_register(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    /* The documented way to reach the FTS5 API: the pointer comes back
     * through a typed pointer binding, so no SQL can forge it. */
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc; /* no fts5() function: FTS5 not compiled in */
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    rc = sqlite3_step(st);
    int frc = sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return frc != SQLITE_OK ? frc : rc;
    if (!api)
        return SQLITE_ERROR;
    fts5_tokenizer tk = {tok_create, tok_delete, tok_tokenize};
    return api->xCreateTokenizer(api, SQLITE_FTS_TOKENIZER, NULL, &tk, NULL);
}

static int is_identifier(const char *s)
{
    if (!s || !((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_'))
        return 0;
    for (s++; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '_'))
            return 0;
    return 1;
}

char *sqlite_fts_match(const struct search_terms *t, const char *column)
{
    if (!t || !t->n || (column && !is_identifier(column)))
        return NULL;
    buf_t out = BUF_INIT;
    for (size_t i = 0; i < t->n; i++) {
        if (i)
            buf_puts(&out, " AND ");
        if (column)
            buf_printf(&out, "\"%s\" : ", column); /* an identifier: no quote inside */
        /* Inside "..." FTS5 knows only one special character, the quote itself, written
         * twice; everything else goes to the tokenizer as is, which makes any input safe. */
        buf_putc(&out, '"');
        for (const char *p = t->term[i]; *p; p++) {
            if (*p == '"')
                buf_putc(&out, '"');
            buf_putc(&out, *p);
        }
        buf_putc(&out, '"');
    }
    return buf_take(&out);
}
