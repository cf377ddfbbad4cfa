/* Channel payloads (channel_payload.h). The WeChat filter is a whitelist over the tags, so
 * that whatever markdown_html learns to emit later, only what WeChat accepts gets through. */
#include "web/channel_payload.h"
#include "util/escape.h"
#include "util/url.h"
#include "web/markdown.h"
#include <ctype.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

static const char *const allowed[] = {"p",  "br",  "strong", "b",      "em",    "i",  "u",  "s",  "del",
                                      "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                                      "table", "thead", "tbody", "tr", "th", "td", "pre", "code", "hr",
                                      "section", "span", "sup", "sub"};

static bool tag_allowed(const char *name, size_t n)
{
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
        if (strlen(allowed[i]) == n && strncasecmp(allowed[i], name, n) == 0)
            return true;
    return false;
}

static bool is(const char *name, size_t n, const char *want)
{
    return strlen(want) == n && strncasecmp(name, want, n) == 0;
}

/* The end of the tag that starts at P ('<'): the '>' outside quotes, or NULL. */
static const char *tag_end(const char *p, const char *end)
{
    char q = 0;
    for (p++; p < end; p++) {
        if (q) {
            if (*p == q)
                q = 0;
        } else if (*p == '"' || *p == '\'') {
            q = *p;
        } else if (*p == '>') {
            return p;
        }
    }
    return NULL;
}

/* The value of attribute NAME in the attribute text A[0..N) (quoted), or NULL; *LEN set. */
static const char *attr(const char *a, size_t n, const char *name, size_t *len)
{
    size_t nl = strlen(name);
    for (size_t i = 0; i + nl + 2 <= n; i++) {
        bool start = i == 0 || isspace((unsigned char)a[i - 1]);
        if (!start || strncasecmp(a + i, name, nl) != 0 || a[i + nl] != '=')
            continue;
        char q = a[i + nl + 1];
        if (q != '"' && q != '\'')
            return NULL;
        const char *v = a + i + nl + 2, *e = memchr(v, q, n - (size_t)(v - a));
        if (!e)
            return NULL;
        *len = (size_t)(e - v);
        return v;
    }
    return NULL;
}

static bool digits(const char *v, size_t n)
{
    if (!n || n > 3)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)v[i]))
            return false;
    return true;
}

void wechat_html_filter(buf_t *out, const char *html, size_t n)
{
    const char *p = html, *end = html + n;
    /* the address of the link being copied, written after its text */
    const char *href = NULL;
    size_t href_len = 0;
    while (p < end) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        if (!lt) {
            buf_append(out, p, (size_t)(end - p));
            break;
        }
        buf_append(out, p, (size_t)(lt - p));
        if ((size_t)(end - lt) >= 4 && memcmp(lt, "<!--", 4) == 0) {
            const char *c = NULL;
            for (const char *q = lt + 4; q + 3 <= end && !c; q++)
                if (memcmp(q, "-->", 3) == 0)
                    c = q;
            p = c ? c + 3 : end;
            continue;
        }
        const char *gt = tag_end(lt, end);
        if (!gt) {
            buf_puts(out, "&lt;");
            p = lt + 1;
            continue;
        }
        const char *q = lt + 1;
        bool closing = q < gt && *q == '/';
        if (closing)
            q++;
        const char *name = q;
        while (q < gt && isalnum((unsigned char)*q))
            q++;
        size_t nl = (size_t)(q - name);
        const char *attrs = q;
        size_t alen = (size_t)(gt - q);
        p = gt + 1;
        if (!nl)
            continue; /* "<!doctype", "<?xml", "</ >": dropped */
        if (!closing && (is(name, nl, "script") || is(name, nl, "style"))) {
            /* dropped with its content: up to its end tag, or everything */
            const char *close = NULL;
            for (const char *c = p; c + 2 + nl <= end && !close; c++)
                if (c[0] == '<' && c[1] == '/' && strncasecmp(c + 2, name, nl) == 0)
                    close = c;
            p = close ? (tag_end(close, end) ? tag_end(close, end) + 1 : end) : end;
            continue;
        }
        if (is(name, nl, "a")) {
            if (!closing) {
                href = attr(attrs, alen, "href", &href_len);
            } else if (href) {
                char *h = strndup(href, href_len);
                bool safe = url_is_safe_href(h);
                free(h);
                if (href_len && safe) {
                    buf_puts(out, "（");
                    buf_append(out, href, href_len); /* escaped by markdown_html as an attribute */
                    buf_puts(out, "）");
                }
                href = NULL;
            }
            continue;
        }
        if (!tag_allowed(name, nl))
            continue;
        buf_putc(out, '<');
        if (closing)
            buf_putc(out, '/');
        for (size_t i = 0; i < nl; i++)
            buf_putc(out, (char)tolower((unsigned char)name[i]));
        if (!closing && (is(name, nl, "td") || is(name, nl, "th"))) {
            static const char *const spans[] = {"colspan", "rowspan"};
            for (size_t i = 0; i < 2; i++) {
                size_t vl;
                const char *v = attr(attrs, alen, spans[i], &vl);
                if (v && digits(v, vl)) {
                    buf_printf(out, " %s=\"", spans[i]);
                    buf_append(out, v, vl);
                    buf_putc(out, '"');
                }
            }
        }
        buf_putc(out, '>');
    }
}

void wechat_article(buf_t *out, const char *body, const char *url)
{
    buf_t html = BUF_INIT;
    if (body)
        markdown_html(&html, body, strlen(body), 0);
    buf_puts(out, "<section>\n");
    wechat_html_filter(out, html.data ? html.data : "", html.len);
    buf_puts(out, "<p>原文链接：");
    esc_html(out, url ? url : "");
    buf_puts(out, "</p>\n</section>\n");
    buf_free(&html);
}

void gazette_listing(buf_t *out, const char *title, const char *doc_no, const char *agency, const char *written)
{
    buf_puts(out, "《");
    buf_puts(out, title ? title : "");
    buf_puts(out, "》");
    if (doc_no && *doc_no) {
        buf_puts(out, "（");
        buf_puts(out, doc_no);
        buf_puts(out, "）");
    }
    if (agency && *agency)
        buf_puts(out, agency);
    if (written && *written) {
        buf_puts(out, "，");
        buf_puts(out, written);
        buf_puts(out, " 成文");
    }
    buf_puts(out, "。");
}
