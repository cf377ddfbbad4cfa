/* Search box text -> search terms; see search_query.h. */
#include "text/search_query.h"
#include "text/tokenize.h"
#include "util/xalloc.h"
#include "util/utf8.h"
#include <stdlib.h>
#include <string.h>

/* Terms are separated by what a visitor sees as a space: ASCII whitespace, the
 * ideographic space of Chinese input methods and the no-break space that
 * copying from a web page brings along. */
static int is_space(int32_t cp)
{
    return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x3000 || cp == 0xA0;
}

size_t search_terms_parse(const char *in, struct search_terms *out)
{
    memset(out, 0, sizeof *out);
    if (!in)
        return 0;
    size_t len = strlen(in), i = 0;
    char term[SEARCH_QUERY_MAX_TERM_BYTES];
    while (i < len && out->n < SEARCH_QUERY_MAX_TERMS) {
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
         * matches nothing: ANDed in, it would turn "社保 -" into a search that
         * finds nothing. */
        if (tlen && tokenize_count(term, tlen, TOKENIZE_QUERY) > 0) {
            char *t = xmalloc(tlen + 1);
            memcpy(t, term, tlen);
            t[tlen] = '\0';
            out->term[out->n++] = t;
        }
    }
    return out->n;
}

void search_terms_free(struct search_terms *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->term[i]);
    memset(t, 0, sizeof *t);
}
