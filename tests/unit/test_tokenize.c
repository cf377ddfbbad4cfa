/* text/tokenize: token output, offsets, positions, folding, invalid UTF-8. */
#include "test.h"
#include "text/tokenize.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <stdint.h>

/* Every token as "tok@start-end" (colocated ones prefixed with '+'),
 * space-separated: one string shows text, offsets and positions at once. */
static int dump_cb(void *ctx, const char *tok, size_t tok_len, size_t start, size_t end, int flags)
{
    buf_t *b = ctx;
    if (b->len)
        buf_putc(b, ' ');
    if (flags & TOKENIZE_COLOCATED)
        buf_putc(b, '+');
    buf_append(b, tok, tok_len);
    buf_printf(b, "@%zu-%zu", start, end);
    return 0;
}

static char *dump(const char *s, tokenize_mode mode)
{
    buf_t b = BUF_INIT;
    tokenize(s, strlen(s), mode, dump_cb, &b);
    return buf_take(&b);
}

#define CHECK_DUMP(text, mode, want)                                                               \
    do {                                                                                           \
        char *d_ = dump((text), (mode));                                                           \
        CHECK_STR(d_, (want));                                                                     \
        free(d_);                                                                                  \
    } while (0)

#define CHECK_TOKENS(text, mode, want)                                                             \
    do {                                                                                           \
        char *t_ = tokenize_to_string((text), strlen(text), (mode));                               \
        CHECK_STR(t_, (want));                                                                     \
        free(t_);                                                                                  \
    } while (0)

static void test_cjk_positions(void)
{
    /* document: unigram per position, bigram colocated; offsets of the original */
    CHECK_DUMP("社会保障", TOKENIZE_DOCUMENT,
               "社@0-3 +社会@0-6 会@3-6 +会保@3-9 保@6-9 +保障@6-12 障@9-12");
    /* query span (highlighting): bigram chain, then the last character so the phrase
     * spans all positions */
    CHECK_DUMP("社会保障", TOKENIZE_QUERY_SPAN, "社会@0-6 会保@3-9 保障@6-12 障@9-12");
    CHECK_TOKENS("社保", TOKENIZE_QUERY_SPAN, "社保 保");
    /* query (matching): the chain alone at the end of the text; a run that something
     * follows keeps its last character, which holds that position */
    CHECK_DUMP("社会保障", TOKENIZE_QUERY, "社会@0-6 会保@3-9 保障@6-12");
    CHECK_TOKENS("社保", TOKENIZE_QUERY, "社保");
    CHECK_TOKENS("年度2018", TOKENIZE_QUERY, "年度 度 2018");
    CHECK_TOKENS("2018年度", TOKENIZE_QUERY, "2018 年度");
    CHECK_TOKENS("社", TOKENIZE_QUERY_SPAN, "社");
    CHECK_TOKENS("社", TOKENIZE_QUERY, "社");
    CHECK_TOKENS("社", TOKENIZE_DOCUMENT, "社");
    /* extension B (4-byte UTF-8) and compatibility ideographs are CJK */
    CHECK_DUMP("\xF0\xA0\x80\x80\xEF\xA4\x80", TOKENIZE_DOCUMENT,
               "\xF0\xA0\x80\x80@0-4 +\xF0\xA0\x80\x80\xEF\xA4\x80@0-7 \xEF\xA4\x80@4-7");
    /* 〇 is written in dates (二〇一八年): part of the run, not punctuation */
    CHECK_TOKENS("二〇一八", TOKENIZE_QUERY_SPAN, "二〇 〇一 一八 八");
    /* kana and hangul go by character too */
    CHECK_TOKENS("かな", TOKENIZE_QUERY_SPAN, "かな な");
    CHECK_TOKENS("한국", TOKENIZE_QUERY_SPAN, "한국 국");
}

static void test_separators(void)
{
    /* punctuation of both widths ends a run: no bigram across it */
    CHECK_TOKENS("社保，医保。", TOKENIZE_DOCUMENT, "社 社保 保 医 医保 保");
    CHECK_TOKENS("社保,医保", TOKENIZE_DOCUMENT, "社 社保 保 医 医保 保");
    CHECK_TOKENS("《通知》“公开”【指南】、（一）…—", TOKENIZE_QUERY, "通知 知 公开 开 指南 南 一");
    CHECK_TOKENS("关于·印发", TOKENIZE_QUERY_SPAN, "关于 于 印发 发");
    CHECK_TOKENS("关于·印发", TOKENIZE_QUERY, "关于 于 印发");
    /* ideographic space is a space */
    CHECK_DUMP("社保\xE3\x80\x80卡", TOKENIZE_QUERY, "社保@0-6 保@3-6 卡@9-12");
    CHECK_TOKENS("a-b_c.d/e", TOKENIZE_DOCUMENT, "a b c d e");
    CHECK_TOKENS("25℃ ￥100 №3 ■△", TOKENIZE_DOCUMENT, "25 100 3");
    CHECK_INT(tokenize_count("，。！？、；：“”‘’（）【】《》 \t\n",
                             strlen("，。！？、；：“”‘’（）【】《》 \t\n"), TOKENIZE_DOCUMENT),
              0);
    CHECK_INT(tokenize_count("", 0, TOKENIZE_DOCUMENT), 0);
    CHECK_INT(tokenize_count(NULL, 0, TOKENIZE_QUERY), 0);
    /* NUL bytes inside the length are separators, not the end */
    CHECK_INT(tokenize_count("ab\0cd", 5, TOKENIZE_DOCUMENT), 2);
}

static void test_words_and_folding(void)
{
    CHECK_DUMP("Hello, World 2018", TOKENIZE_DOCUMENT, "hello@0-5 world@7-12 2018@13-17");
    /* full-width letters and digits are indexed half-width, offsets stay on the
     * full-width original (3 bytes a character) */
    CHECK_DUMP("ＡＢＣ１２３", TOKENIZE_DOCUMENT, "abc123@0-18");
    CHECK_DUMP("ＣＯＶＩＤ－１９", TOKENIZE_QUERY, "covid@0-15 19@18-24");
    /* mixed: word and CJK tokens share the position sequence */
    CHECK_DUMP("2018年度", TOKENIZE_DOCUMENT, "2018@0-4 年@4-7 +年度@4-10 度@7-10");
    CHECK_TOKENS("A股abc社保卡def", TOKENIZE_QUERY, "a 股 abc 社保 保卡 卡 def");
    /* a half-width and a full-width spelling give the same tokens */
    char *a = tokenize_to_string("Ｇｏｖ Ｉｎｆｏ２０２３", strlen("Ｇｏｖ Ｉｎｆｏ２０２３"),
                                 TOKENIZE_DOCUMENT);
    char *b = tokenize_to_string("gov info2023", 12, TOKENIZE_DOCUMENT);
    CHECK_STR(a, b);
    free(a);
    free(b);
    /* other alphabets: lower case, one word with their accents */
    CHECK_TOKENS("CAFÉ Ελλάδα ΑΒΓ МОСКВА Ёж", TOKENIZE_DOCUMENT, "café ελλάδα αβγ москва ёж");
    CHECK_TOKENS("Ⅻ ①", TOKENIZE_DOCUMENT, "Ⅻ ①");
}

static void test_long_words(void)
{
    char w[151];
    memset(w, 'A', 150);
    w[150] = '\0';
    /* chunks at consecutive positions: 64 + 64 + 22 */
    char want[400];
    char chunk[65];
    memset(chunk, 'a', 64);
    chunk[64] = '\0';
    snprintf(want, sizeof want, "%s@0-64 %s@64-128 %.*s@128-150", chunk, chunk, 22, chunk);
    CHECK_DUMP(w, TOKENIZE_DOCUMENT, want);
    CHECK_INT(tokenize_count(w, 150, TOKENIZE_QUERY), 3);
    /* the cut counts bytes of the folded word: two-byte letters give 32 a chunk */
    buf_t e = BUF_INIT;
    for (int i = 0; i < 40; i++)
        buf_puts(&e, "É");
    char *s = tokenize_to_string(e.data, e.len, TOKENIZE_DOCUMENT);
    CHECK_INT(strlen(s), 80 + 1); /* 32 é, a space, 8 é */
    CHECK(strchr(s, ' ') == s + 64);
    free(s);
    buf_free(&e);
}

static void test_ignorables(void)
{
    /* a variation selector or ZWJ between ideographs keeps the bigram */
    CHECK_DUMP("葛\xEF\xB8\x80洪", TOKENIZE_DOCUMENT, "葛@0-3 +葛洪@0-9 洪@6-9");
    CHECK_DUMP("葛\xF3\xA0\x84\x80洪", TOKENIZE_QUERY_SPAN, "葛洪@0-10 洪@7-10");
    /* a soft hyphen inside a word is not a break; a zero-width space is */
    CHECK_DUMP("co\xC2\xADvid", TOKENIZE_DOCUMENT, "covid@0-7");
    CHECK_TOKENS("co\xE2\x80\x8Bvid", TOKENIZE_DOCUMENT, "co vid");
    CHECK_TOKENS("\xEF\xBB\xBF社保", TOKENIZE_QUERY_SPAN, "社保 保"); /* BOM */
}

static void test_invalid_utf8(void)
{
    /* each bad byte is skipped and separates, like punctuation */
    CHECK_DUMP("\xFF社\x80保", TOKENIZE_DOCUMENT, "社@1-4 保@5-8");
    CHECK_DUMP("ab\xC0\xAF"
               "cd",
               TOKENIZE_DOCUMENT, "ab@0-2 cd@4-6"); /* overlong '/' */
    CHECK_DUMP("ab\xED\xA0\x80"
               "cd",
               TOKENIZE_DOCUMENT, "ab@0-2 cd@5-7"); /* surrogate */
    CHECK_DUMP("ab\xF4\x90\x80\x80"
               "cd",
               TOKENIZE_DOCUMENT, "ab@0-2 cd@6-8"); /* > U+10FFFF */
    CHECK_DUMP("ab\xE7\xA4"
               "cd",
               TOKENIZE_DOCUMENT, "ab@0-2 cd@4-6");     /* truncated */
    CHECK_DUMP("社\xE4\xBC", TOKENIZE_QUERY, "社@0-3"); /* truncated at end */
    CHECK_DUMP("\xE7\xA4\xBE\xE4", TOKENIZE_DOCUMENT, "社@0-3");
    /* a lone lead byte at the very end, then nothing: no read past the end */
    CHECK_INT(tokenize_count("\xF0", 1, TOKENIZE_QUERY), 0);
    CHECK_INT(tokenize_count("a\xF0\xA0", 3, TOKENIZE_DOCUMENT), 1);
}

/* Invariants over random input: offsets inside the text, no empty token, a
 * colocated token only after a token at the same start, the first token never
 * colocated, query mode never colocated at all; document positions do not
 * overlap, query tokens (overlapping bigrams) start strictly one after the other. */
typedef struct {
    size_t len, n, last_start, last_end;
    int bad;
    tokenize_mode mode;
} inv_state;

static int inv_cb(void *ctx, const char *tok, size_t tok_len, size_t start, size_t end, int flags)
{
    inv_state *s = ctx;
    (void)tok;
    if (!tok_len || tok_len > TOKENIZE_WORD_MAX || start >= end || end > s->len)
        s->bad = 1;
    if (flags & TOKENIZE_COLOCATED) {
        if (!s->n || s->mode != TOKENIZE_DOCUMENT || start != s->last_start)
            s->bad = 1;
    } else if (s->n && s->mode == TOKENIZE_DOCUMENT && start < s->last_end) {
        s->bad = 1;
    } else if (s->n && s->mode == TOKENIZE_QUERY && start <= s->last_start) {
        s->bad = 1;
    }
    if (!(flags & TOKENIZE_COLOCATED))
        s->last_end = end;
    s->last_start = start;
    s->n++;
    return 0;
}

static void test_random_bytes(void)
{
    static const char *const pieces[] = {"社",
                                         "保",
                                         "Ａ",
                                         "a",
                                         "Z",
                                         "9",
                                         " ",
                                         "，",
                                         "\xE3\x80\x80",
                                         "\xFF",
                                         "\x80",
                                         "\xE4\xB8",
                                         "\xF0\xA0\x80\x80",
                                         "\xEF\xB8\x80",
                                         "é",
                                         "\xC2\xAD",
                                         "-",
                                         "\""};
    uint32_t seed = 12345;
    int bad = 0;
    unsigned char text[256];
    for (int iter = 0; iter < 20000 && !bad; iter++) {
        size_t len = 0;
        int n = (int)(seed % 40);
        for (int k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            if (seed >> 31) { /* a raw random byte */
                text[len++] = (unsigned char)(seed >> 16);
            } else {
                const char *p = pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)];
                size_t pl = strlen(p);
                memcpy(text + len, p, pl);
                len += pl;
            }
        }
        seed = seed * 1103515245u + 12345u;
        for (int m = 0; m < 2; m++) {
            inv_state s = {len, 0, 0, 0, 0, m ? TOKENIZE_QUERY : TOKENIZE_DOCUMENT};
            tokenize((const char *)text, len, s.mode, inv_cb, &s);
            bad |= s.bad;
        }
    }
    CHECK(!bad);
}

static int stop_cb(void *ctx, const char *tok, size_t tok_len, size_t start, size_t end, int flags)
{
    (void)tok, (void)tok_len, (void)start, (void)end, (void)flags;
    return ++*(int *)ctx == 2 ? 7 : 0;
}

static void test_stop_and_exports(void)
{
    int calls = 0;
    CHECK_INT(tokenize("社会保障 abc", strlen("社会保障 abc"), TOKENIZE_DOCUMENT, stop_cb, &calls),
              7);
    CHECK_INT(calls, 2);
    calls = 0;
    CHECK_INT(tokenize("a", 1, TOKENIZE_DOCUMENT, stop_cb, &calls), 0);

    char *t = tokenize_to_tsvector("社会 Ab", strlen("社会 Ab"));
    CHECK_STR(t, "'社':1 '社会':1 '会':2 'ab':3");
    free(t);
    t = tokenize_to_tsvector("，", 3);
    CHECK_STR(t, "");
    free(t);
    t = tokenize_to_string("", 0, TOKENIZE_DOCUMENT);
    CHECK_STR(t, "");
    free(t);
}

void run_tests(void)
{
    test_cjk_positions();
    test_separators();
    test_words_and_folding();
    test_long_words();
    test_ignorables();
    test_invalid_utf8();
    test_random_bytes();
    test_stop_and_exports();
}
