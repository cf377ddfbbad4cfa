/* Safe Markdown for item bodies (html.h). Only the Markdown renderer lives here; the
 * portal's other helpers are in view.c, urls.c, query.c, agencies.c and columns.c. */
#include "web/html.h"
#include "util/escape.h"
#include <md4c-html.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------ Markdown */

static void md_out(const MD_CHAR *text, MD_SIZE size, void *ud)
{
    buf_append(ud, text, size);
}

/* An URL md4c wrote into an attribute (already escaped: only &amp; appears as an entity).
 * Relative URLs and the listed schemes pass; anything else (javascript:, data:, vbscript:…)
 * does not. The scheme is what precedes the first ':' if every character before it is a
 * scheme character; otherwise the browser reads the URL as relative too. */
static bool url_ok(const char *u, size_t n, bool image)
{
    size_t i = 0;
    while (i < n && ((u[i] >= 'a' && u[i] <= 'z') || (u[i] >= 'A' && u[i] <= 'Z') ||
                     (i > 0 && ((u[i] >= '0' && u[i] <= '9') || u[i] == '+' || u[i] == '-' || u[i] == '.'))))
        i++;
    if (i == n || u[i] != ':' || i == 0)
        return true; /* no scheme: relative */
    static const char *const link_ok[] = {"http", "https", "mailto", "tel"};
    size_t allowed = image ? 2 : 4;
    for (size_t k = 0; k < allowed; k++)
        if (strlen(link_ok[k]) == i && strncasecmp(u, link_ok[k], i) == 0)
            return true;
    return false;
}

void html_markdown(buf_t *out, const char *md, size_t len)
{
    buf_t raw = BUF_INIT;
    unsigned flags = MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEURLAUTOLINKS |
                     MD_FLAG_PERMISSIVEWWWAUTOLINKS;
    if (md_html(md, (MD_SIZE)len, md_out, &raw, flags, MD_HTML_FLAG_SKIP_UTF8_BOM) != 0) {
        /* Cannot happen with md4c for any input short of memory exhaustion; show the text. */
        buf_puts(out, "<p>");
        esc_html_n(out, md, len);
        buf_puts(out, "</p>\n");
        buf_free(&raw);
        return;
    }
    /* Text from md4c has < > " escaped, so these sequences are tags it wrote. Headings
     * move one level down: the page's title is the only <h1>. */
    const char *s = buf_str(&raw);
    while (*s) {
        const char *lt = strchr(s, '<');
        if (!lt) {
            buf_puts(out, s);
            break;
        }
        buf_append(out, s, (size_t)(lt - s));
        s = lt;
        bool a = strncmp(s, "<a href=\"", 9) == 0, img = strncmp(s, "<img src=\"", 10) == 0;
        if (a || img) {
            size_t open = a ? 9 : 10;
            const char *v = s + open, *q = strchr(v, '"');
            if (!q)
                q = v + strlen(v);
            if (url_ok(v, (size_t)(q - v), img)) {
                buf_append(out, s, (size_t)(q - s));
            } else if (a) {
                buf_puts(out, "<a");
                q = *q ? q + 1 : q; /* drop href="…" entirely */
            } else {
                buf_puts(out, "<img src=\"data:,");
            }
            s = q;
            continue;
        }
        if ((s[1] == 'h' || (s[1] == '/' && s[2] == 'h'))) {
            const char *d = s[1] == '/' ? s + 3 : s + 2;
            if (*d >= '1' && *d <= '5' && d[1] == '>') {
                buf_append(out, s, (size_t)(d - s));
                buf_putc(out, (char)(*d + 1));
                s = d + 1;
                continue;
            }
        }
        buf_putc(out, '<');
        s++;
    }
    buf_free(&raw);
}
