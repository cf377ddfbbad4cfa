/* Markdown (CommonMark + GFM tables, strikethrough and autolinks, as md4c reads it) to
 * HTML that is safe by construction: md4c's parser reports blocks, spans and text, and
 * every byte of text or attribute this file writes goes through an escaper
 * (util/escape.h) — no HTML from the input or from a library is ever copied.
 *
 *  - Raw HTML in the source (inline or a block) is shown as text.
 *  - A link or image keeps its URL only when util/url.h allows it (links: relative,
 *    http, https, mailto, tel; images: relative, http, https); any other URL, including
 *    one hidden by case, entities, tabs or percent-encoding, makes the link its plain
 *    text (an image: its alt text).
 *  - Headings move one level down (# → <h2>): the page's title is its only <h1>.
 *  - Elements nest at most MARKDOWN_MAX_DEPTH deep; deeper ones are rendered as their
 *    text, so 10,000 nested quotes cost neither stack nor more output than input.
 *  - URLs and titles together take at most MARKDOWN_ATTR_BUDGET + 4 × the source's
 *    length; links past that are their text, so a long reference definition used a
 *    thousand times ([x][r] [x][r] …) cannot make the output grow with the square of
 *    the input. The output is therefore linear in the input.
 *
 * A view helper of the web layer: the item page uses it, the staff workspace's preview
 * will. */
#ifndef GK_WEB_MARKDOWN_H
#define GK_WEB_MARKDOWN_H
#include "util/buf.h"
#include <stddef.h>

#define MARKDOWN_MAX_DEPTH 32
#define MARKDOWN_ATTR_BUDGET 65536

enum markdown_opt {
    /* Official documents end with the issuing agency and the date on lines of their own,
     * set flush right: a top-level paragraph holding only a date ("2017年6月27日"), and
     * the short line right before it, get class="sign". */
    MARKDOWN_SIGNATURES = 1 << 0,
};

/* Renders MD[0..LEN) (a UTF-8 BOM is skipped) and appends the HTML to OUT. OPTS is a
 * set of markdown_opt. Never fails: should md4c give up (out of memory), the source is
 * shown as one escaped paragraph. */
void markdown_html(buf_t *out, const char *md, size_t len, unsigned opts);

#endif
