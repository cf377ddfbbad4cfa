/* The tokenizer: see tokenize.h for what it produces and why. One pass over
 * the bytes, no allocation: a word is gathered in a fixed buffer (it is cut at
 * TOKENIZE_WORD_MAX anyway) and a CJK run only needs the previous character. */
#include "text/tokenize.h"
#include "util/buf.h"
#include "util/utf8.h"
#include <stdint.h>
#include <stdbool.h>
#include <string.h>

enum char_class {
    CC_SEP,    /* separates tokens, not indexed */
    CC_IGNORE, /* invisible formatting: skipped without separating */
    CC_WORD,   /* part of a word token */
    CC_CJK,    /* one position per character, unigram + bigram */
};

/* Width and case folding. Full-width forms are what Chinese input methods
 * produce for Latin letters and digits, so "ＣＯＶＩＤ" must find "covid".
 * Case folding covers the alphabets that plausibly occur in Chinese
 * government text by their regular ranges; no Unicode table is carried. */
static uint32_t fold(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
        cp -= 0xFEE0;
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    }
    if (cp == 0x3000)
        return ' ';
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) /* Latin-1 À..Þ (not ×) */
        return cp + 32;
    if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) /* Greek Α..Ω */
        return cp + 32;
    if (cp >= 0x410 && cp <= 0x42F) /* Cyrillic А..Я */
        return cp + 32;
    if (cp >= 0x400 && cp <= 0x40F) /* Cyrillic Ѐ..Џ */
        return cp + 80;
    return cp;
}

/* Classifies a folded character. Ranges, not a table: the CJK blocks and
 * the punctuation/symbol blocks are contiguous enough to cover what
 * government text contains, and a misjudged exotic symbol at worst becomes a
 * searchable word token. */
static enum char_class classify(uint32_t cp)
{
    if (cp < 0x80) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
            return CC_WORD;
        return CC_SEP; /* A-Z never get here: fold() lowered them */
    }
    /* Ideographs first: they are most of the text. */
    if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF))
        return CC_CJK;
    if (cp < 0x2000) {
        if (cp == 0xAD) /* soft hyphen */
            return CC_IGNORE;
        if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7) /* C1 controls, Latin-1 punctuation */
            return CC_SEP;
        return CC_WORD; /* letters, and combining accents that belong to them */
    }
    if (cp >= 0x3000 && cp <= 0x303F) {
        /* CJK punctuation (、。《》「」【】…), except the characters that are
         * used as ideographs: 々 〆 〇 (二〇一八年) and the Suzhou numerals. */
        if ((cp >= 0x3005 && cp <= 0x3007) || (cp >= 0x3021 && cp <= 0x3029) ||
            (cp >= 0x3038 && cp <= 0x303B))
            return CC_CJK;
        return CC_SEP;
    }
    if (cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF ||
        (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF))
        return CC_IGNORE; /* joiners, BOM, variation selectors (e.g. after an ideograph) */
    if (cp <= 0x206F)     /* general punctuation: dashes, quotes “”, …, ‰, ZWSP */
        return CC_SEP;
    if ((cp >= 0x20A0 && cp <= 0x20CF) || (cp >= 0x2100 && cp <= 0x214F) ||
        (cp >= 0x2190 && cp <= 0x245F) || (cp >= 0x2500 && cp <= 0x2BFF) ||
        (cp >= 0x2E00 && cp <= 0x2E7F))
        return CC_SEP; /* currency, ℃ №, arrows, maths, box drawing, shapes ■△, dingbats */
    if ((cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0x3040 && cp <= 0x31FF && cp != 0x30FB) ||
        (cp >= 0x3200 && cp <= 0x32FF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
        (cp >= 0xFF66 && cp <= 0xFFDC))
        return CC_CJK; /* radicals, kana, bopomofo, strokes, enclosed CJK, hangul */
    if (cp == 0x30FB)
        return CC_SEP; /* katakana middle dot ・ */
    /* vertical, small and full-width punctuation left after fold(), ￥, U+FFFD */
    if ((cp >= 0xFE10 && cp <= 0xFE6F) || (cp >= 0xFF00 && cp <= 0xFF65) ||
        (cp >= 0xFFE0 && cp <= 0xFFFF))
        return CC_SEP;
    if ((cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000) || (cp >= 0x1F000 && cp <= 0x1FAFF) ||
        (cp >= 0xE0000 && cp <= 0xE007F))
        return CC_SEP; /* private use, emoji, tags */
    return CC_WORD;    /* letters of other scripts, Ⅻ, ①: searchable as words */
}

typedef struct {
    tokenize_mode mode;
    tokenize_fn cb;
    void *ctx;
    /* the word being gathered (its current chunk) */
    char word[TOKENIZE_WORD_MAX];
    size_t word_len, word_start, word_end;
    /* the previous character of the CJK run being read, as written */
    const char *cjk_prev;
    size_t cjk_prev_len, cjk_prev_start, cjk_prev_end;
    size_t cjk_run; /* characters in the current CJK run */
} tok_state;

static int flush_word(tok_state *st)
{
    if (!st->word_len)
        return 0;
    size_t n = st->word_len;
    st->word_len = 0;
    return st->cb(st->ctx, st->word, n, st->word_start, st->word_end, 0);
}

/* Ends the CJK run: its last character is a position of its own (in a query,
 * the phrase's trailing unigram). TOKENIZE_QUERY leaves it out at the very end
 * of the text (at_end) after a run of two or more characters: nothing follows
 * whose position it would hold, the bigram chain alone matches exactly, and a
 * common character's long posting list only slowed the phrase down (3-4
 * character queries about twice as fast). TOKENIZE_QUERY_SPAN keeps it, for
 * highlighters that mark whole positions. */
static int flush_cjk(tok_state *st, bool at_end)
{
    if (!st->cjk_prev)
        return 0;
    const char *p = st->cjk_prev;
    size_t run = st->cjk_run;
    st->cjk_prev = NULL;
    st->cjk_run = 0;
    if (at_end && st->mode == TOKENIZE_QUERY && run >= 2)
        return 0;
    return st->cb(st->ctx, p, st->cjk_prev_len, st->cjk_prev_start, st->cjk_prev_end, 0);
}

static int add_cjk(tok_state *st, const char *p, size_t n, size_t start, size_t end)
{
    if (st->cjk_prev) {
        char bigram[8];
        memcpy(bigram, st->cjk_prev, st->cjk_prev_len);
        memcpy(bigram + st->cjk_prev_len, p, n);
        size_t bn = st->cjk_prev_len + n;
        int rc;
        if (st->mode == TOKENIZE_DOCUMENT) {
            /* unigram first: highlight() takes a position's offsets from it */
            rc = st->cb(st->ctx, st->cjk_prev, st->cjk_prev_len, st->cjk_prev_start,
                        st->cjk_prev_end, 0);
            if (!rc)
                rc = st->cb(st->ctx, bigram, bn, st->cjk_prev_start, end, TOKENIZE_COLOCATED);
        } else {
            rc = st->cb(st->ctx, bigram, bn, st->cjk_prev_start, end, 0);
        }
        if (rc)
            return rc;
    }
    st->cjk_prev = p;
    st->cjk_run++;
    st->cjk_prev_len = n;
    st->cjk_prev_start = start;
    st->cjk_prev_end = end;
    return 0;
}

static int add_word_char(tok_state *st, uint32_t cp, size_t start, size_t end)
{
    char enc[4];
    size_t n = utf8_encode(cp, enc);
    if (st->word_len + n > sizeof st->word) {
        int rc = flush_word(st); /* next chunk, next position */
        if (rc)
            return rc;
    }
    if (!st->word_len)
        st->word_start = start;
    memcpy(st->word + st->word_len, enc, n);
    st->word_len += n;
    st->word_end = end;
    return 0;
}

int tokenize(const char *text, size_t len, tokenize_mode mode, tokenize_fn cb, void *ctx)
{
    tok_state st;
    memset(&st, 0, sizeof st);
    st.mode = mode;
    st.cb = cb;
    st.ctx = ctx;
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    int rc = 0;
    while (i < len && !rc) {
        uint32_t cp;
        size_t n;
        if (s[i] < 0x80) { /* fast path: ASCII is most of the non-CJK text */
            cp = s[i];
            n = 1;
        } else {
            const char *p = text + i;
            int32_t c = utf8_decode(&p, text + len);
            n = (size_t)(p - (text + i));
            if (c == UTF8_INVALID) { /* a malformed sequence: a separator, skipped */
                rc = flush_word(&st);
                if (!rc)
                    rc = flush_cjk(&st, false);
                i += n;
                continue;
            }
            cp = (uint32_t)c;
        }
        uint32_t f = fold(cp);
        switch (classify(f)) {
        case CC_WORD:
            rc = flush_cjk(&st, false);
            if (!rc)
                rc = add_word_char(&st, f, i, i + n);
            break;
        case CC_CJK:
            rc = flush_word(&st);
            if (!rc)
                rc = add_cjk(&st, text + i, n, i, i + n);
            break;
        case CC_SEP:
            rc = flush_word(&st);
            if (!rc)
                rc = flush_cjk(&st, false);
            break;
        case CC_IGNORE:
            break;
        }
        i += n;
    }
    if (!rc)
        rc = flush_word(&st);
    if (!rc)
        rc = flush_cjk(&st, true);
    return rc;
}

static int count_cb(void *ctx, const char *tok, size_t tok_len, size_t start, size_t end, int flags)
{
    (void)tok, (void)tok_len, (void)start, (void)end, (void)flags;
    (*(size_t *)ctx)++;
    return 0;
}

size_t tokenize_count(const char *text, size_t len, tokenize_mode mode)
{
    size_t n = 0;
    tokenize(text, len, mode, count_cb, &n);
    return n;
}

static int join_cb(void *ctx, const char *tok, size_t tok_len, size_t start, size_t end, int flags)
{
    (void)start, (void)end, (void)flags;
    buf_t *b = ctx;
    if (b->len)
        buf_putc(b, ' ');
    buf_append(b, tok, tok_len);
    return 0;
}

char *tokenize_to_string(const char *text, size_t len, tokenize_mode mode)
{
    buf_t b = BUF_INIT;
    tokenize(text, len, mode, join_cb, &b);
    return buf_take(&b);
}

typedef struct {
    buf_t b;
    unsigned long pos;
} tsv_state;

static int tsv_cb(void *ctx, const char *tok, size_t tok_len, size_t start, size_t end, int flags)
{
    (void)start, (void)end;
    tsv_state *t = ctx;
    if (!(flags & TOKENIZE_COLOCATED))
        t->pos++;
    if (t->b.len)
        buf_putc(&t->b, ' ');
    buf_putc(&t->b, '\'');
    /* Tokens never hold quotes or backslashes (they are separators), but the
     * literal stays well-formed whatever the tokenizer may emit one day. */
    for (size_t i = 0; i < tok_len; i++) {
        if (tok[i] == '\'' || tok[i] == '\\')
            buf_putc(&t->b, tok[i]);
        buf_putc(&t->b, tok[i]);
    }
    buf_printf(&t->b, "':%lu", t->pos);
    return 0;
}

char *tokenize_to_tsvector(const char *text, size_t len)
{
    tsv_state t = {BUF_INIT, 0};
    tokenize(text, len, TOKENIZE_DOCUMENT, tsv_cb, &t);
    return buf_take(&t.b);
}
