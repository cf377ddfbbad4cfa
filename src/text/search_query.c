/* Search box text -> FTS5 MATCH expression; see search_query.h. */
#include "text/search_query.h"
#include "text/tokenize.h"
#include "util/buf.h"
#include "util/utf8.h"
#include <string.h>

/* Terms are separated by what a visitor sees as a space: ASCII whitespace, the
 * ideographic space of Chinese input methods and the no-break space that
 * copying from a web page brings along. */
static int is_space(int32_t cp)
{
    return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x3000 || cp == 0xA0;
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

/* Appends one term as an FTS5 string. Inside "..." FTS5 knows only one
 * special character, the quote itself, written twice; everything else goes to
 * the tokenizer as is, which is what makes any input safe. */
static void put_term(buf_t *out, const char *column, const char *term, size_t len)
{
    if (out->len)
        buf_puts(out, " AND ");
    if (column)
        buf_printf(out, "\"%s\" : ", column); /* an identifier: no quote inside */
    buf_putc(out, '"');
    for (size_t i = 0; i < len; i++) {
        if (term[i] == '"')
            buf_putc(out, '"');
        buf_putc(out, term[i]);
    }
    buf_putc(out, '"');
}

static char *build(const char *in, const char *column)
{
    if (!in)
        return NULL;
    size_t len = strlen(in), i = 0;
    int terms = 0;
    buf_t out = BUF_INIT;
    char term[SEARCH_QUERY_MAX_TERM_BYTES];
    while (i < len && terms < SEARCH_QUERY_MAX_TERMS) {
        size_t tlen = 0;
        int full = 0;
        while (i < len) {
            const char *p = in + i;
            int32_t cp = utf8_decode(&p, in + len);
            size_t n = (size_t)(p - (in + i));
            /* an invalid sequence counts as a space: the output stays valid UTF-8 */
            if (cp == UTF8_INVALID || is_space(cp)) {
                i += n;
                if (tlen)
                    break;
                continue;
            }
            /* Past the size bound the rest of the term is read but dropped;
             * once one character did not fit, no later one is taken either, so
             * the kept part is a true prefix of the term. */
            if (!full && tlen + n <= sizeof term) {
                memcpy(term + tlen, in + i, n);
                tlen += n;
            } else {
                full = 1;
            }
            i += n;
        }
        /* A term of punctuation only ("-", "*", "《》") has no token, and
         * FTS5's empty phrase matches no row: ANDed in, it would turn
         * "社保 -" into a search that finds nothing. */
        if (tlen && tokenize_count(term, tlen, TOKENIZE_QUERY) > 0) {
            put_term(&out, column, term, tlen);
            terms++;
        }
    }
    if (!out.len) {
        buf_free(&out);
        return NULL;
    }
    return buf_take(&out);
}

char *search_query_build(const char *user_input)
{
    return build(user_input, NULL);
}

char *search_query_build_column(const char *user_input, const char *column)
{
    if (!is_identifier(column))
        return NULL;
    return build(user_input, column);
}
