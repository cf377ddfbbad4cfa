/* The highlighter: see highlight.h. */
#include "text/highlight.h"
#include "text/tokenize.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

/* Tokens back to back: token k is bytes.data[off[k] .. off[k] + len[k]). A query term is
 * one such list; a document keeps one beside its positions. */
struct hl_tokens {
    buf_t bytes;
    size_t *off, *len;
    size_t n, cap;
};

/* Appends TOK; the arrays start at FIRST_CAP entries and double. */
static void hl_tokens_add(struct hl_tokens *t, const char *tok, size_t len, size_t first_cap)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : first_cap;
        t->off = xrealloc(t->off, t->cap * sizeof *t->off);
        t->len = xrealloc(t->len, t->cap * sizeof *t->len);
    }
    t->off[t->n] = t->bytes.len;
    t->len[t->n] = len;
    t->n++;
    buf_append(&t->bytes, tok, len);
}

static void hl_tokens_free(struct hl_tokens *t)
{
    buf_free(&t->bytes);
    free(t->off);
    free(t->len);
}

struct highlight_query {
    struct hl_tokens *t;
    size_t n;
};

static int hl_term_token(void *ud, const char *tok, size_t len, size_t start, size_t end, int flags)
{
    (void)start, (void)end, (void)flags; /* a query's tokens take one position each */
    hl_tokens_add(ud, tok, len, 8);
    return 0;
}

highlight_query_t *highlight_query_new(const struct search_terms *terms)
{
    struct highlight_query *q = xcalloc(1, sizeof *q);
    q->t = xcalloc(terms->n ? terms->n : 1, sizeof *q->t);
    for (size_t i = 0; i < terms->n; i++) {
        struct hl_tokens *t = &q->t[q->n];
        tokenize(terms->term[i], strlen(terms->term[i]), TOKENIZE_QUERY_SPAN, hl_term_token, t);
        if (t->n)
            q->n++;
        else
            buf_free(&t->bytes);
    }
    return q;
}

static void hl_query_clear(struct highlight_query *q)
{
    for (size_t i = 0; i < q->n; i++)
        hl_tokens_free(&q->t[i]);
    free(q->t);
    memset(q, 0, sizeof *q);
}

/* A document's positions: the byte range of the first token at each, and its tokens. */
struct hl_doc {
    size_t *start, *end, *first; /* per position; first = index of its first token */
    size_t npos, pcap;
    struct hl_tokens tok;
    /* early stop (snippets): once a match has ended at position `found`, tokenizing stops
     * SNIPPET_CHARS positions later */
    const struct highlight_query *q;
    bool early;
    long found;
};

static bool hl_has(const struct hl_doc *d, size_t p, const struct hl_tokens *t, size_t j);

/* Does a match of any term end at position C (complete: no token of it is still to come)? */
static bool hl_ends_at(const struct hl_doc *d, size_t c)
{
    for (size_t i = 0; i < d->q->n; i++) {
        const struct hl_tokens *t = &d->q->t[i];
        if (c + 1 < t->n)
            continue;
        size_t p0 = c + 1 - t->n, j = 0;
        while (j < t->n && hl_has(d, p0 + j, t, j))
            j++;
        if (j == t->n)
            return true;
    }
    return false;
}

static int hl_doc_token(void *ud, const char *tok, size_t len, size_t start, size_t end, int flags)
{
    struct hl_doc *d = ud;
    if (!(flags & TOKENIZE_COLOCATED) || d->npos == 0) {
        if (d->early && d->npos > 0) {
            if (d->found < 0 && hl_ends_at(d, d->npos - 1))
                d->found = (long)d->npos - 1;
            if (d->found >= 0 && d->npos - 1 >= (size_t)d->found + SNIPPET_CHARS)
                return 1; /* enough for the snippet */
        }
        if (d->npos == d->pcap) {
            d->pcap = d->pcap ? 2 * d->pcap : 64;
            d->start = xrealloc(d->start, d->pcap * sizeof *d->start);
            d->end = xrealloc(d->end, d->pcap * sizeof *d->end);
            d->first = xrealloc(d->first, d->pcap * sizeof *d->first);
        }
        d->start[d->npos] = start;
        d->end[d->npos] = end;
        d->first[d->npos] = d->tok.n;
        d->npos++;
    }
    hl_tokens_add(&d->tok, tok, len, 128);
    return 0;
}

static void hl_doc_free(struct hl_doc *d)
{
    free(d->start);
    free(d->end);
    free(d->first);
    hl_tokens_free(&d->tok);
}

/* Does position P hold token J of term T? */
static bool hl_has(const struct hl_doc *d, size_t p, const struct hl_tokens *t, size_t j)
{
    const struct hl_tokens *dt = &d->tok;
    size_t last = p + 1 < d->npos ? d->first[p + 1] : dt->n;
    for (size_t k = d->first[p]; k < last; k++)
        if (dt->len[k] == t->len[j] && memcmp(dt->bytes.data + dt->off[k], t->bytes.data + t->off[j], t->len[j]) == 0)
            return true;
    return false;
}

void highlight_query_free(highlight_query_t *q)
{
    if (!q)
        return;
    hl_query_clear(q);
    free(q);
}

size_t highlight_find(const highlight_query_t *q, const char *text, size_t len, bool early, struct text_span **out)
{
    struct hl_doc d = {.q = q, .early = early, .found = -1};
    *out = NULL;
    if (q->n)
        tokenize(text, len, TOKENIZE_DOCUMENT, hl_doc_token, &d);
    bool *marked = xcalloc(d.npos ? d.npos : 1, sizeof *marked);
    for (size_t i = 0; i < q->n; i++) {
        const struct hl_tokens *t = &q->t[i];
        for (size_t p = 0; p + t->n <= d.npos; p++) {
            size_t j = 0;
            while (j < t->n && hl_has(&d, p + j, t, j))
                j++;
            if (j == t->n)
                for (j = 0; j < t->n; j++)
                    marked[p + j] = true;
        }
    }
    size_t n = 0, cap = 0;
    for (size_t p = 0; p < d.npos;) {
        if (!marked[p]) {
            p++;
            continue;
        }
        size_t last = p;
        while (last + 1 < d.npos && marked[last + 1])
            last++;
        if (n == cap) {
            cap = cap ? 2 * cap : 4;
            *out = xrealloc(*out, cap * sizeof **out);
        }
        (*out)[n++] = (struct text_span){d.start[p], d.end[last]};
        p = last + 1;
    }
    free(marked);
    hl_doc_free(&d);
    return n;
}

/* Start of the UTF-8 character before byte I of S (I > 0). */
static size_t utf8_back(const char *s, size_t i)
{
    do
        i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

static size_t utf8_fwd(const char *s, size_t i)
{
    do
        i++;
    while (s[i] && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

char *highlight_snippet(const char *text, const struct text_span *m, size_t n, struct text_span **out, size_t *nout)
{
    size_t len = strlen(text), start = 0;
    *out = NULL;
    *nout = 0;
    if (n && m[0].start > 0) {
        /* back to a sentence start close enough, else a few characters */
        size_t i = m[0].start, near = i;
        bool sentence = false;
        for (int k = 0; k < SNIPPET_LOOKBACK && i > 0 && !sentence; k++) {
            size_t prev = utf8_back(text, i);
            const char *c = text + prev;
            sentence = *c == '\n' || !strncmp(c, "。", 3) || !strncmp(c, "！", 3) || !strncmp(c, "？", 3) ||
                       !strncmp(c, "；", 3);
            if (!sentence) {
                i = prev;
                if (k < SNIPPET_BEFORE)
                    near = i;
            }
        }
        start = sentence || i == 0 ? i : near;
    }
    while (start < len && is_blank(text[start]))
        start++;
    size_t end = start;
    for (int chars = 0; end < len && chars < SNIPPET_CHARS; chars++)
        end = utf8_fwd(text, end);
    buf_t b = BUF_INIT;
    if (start > 0)
        buf_puts(&b, "…");
    size_t shift = b.len;
    buf_append(&b, text + start, end - start);
    if (end < len)
        buf_puts(&b, "…");
    for (size_t i = 0; i < n; i++) {
        if (m[i].end <= start || m[i].start >= end)
            continue;
        size_t s0 = m[i].start < start ? start : m[i].start, e0 = m[i].end > end ? end : m[i].end;
        *out = xrealloc(*out, (*nout + 1) * sizeof **out);
        (*out)[(*nout)++] = (struct text_span){s0 - start + shift, e0 - start + shift};
    }
    if (!b.data)
        buf_puts(&b, "");
    return buf_take(&b);
}
