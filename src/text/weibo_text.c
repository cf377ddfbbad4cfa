/* Weibo posts (weibo_text.h). Lengths are kept in half-units (an ASCII character is 1, any
 * other 2) so that the rounding happens once, at the end. */
#include "text/weibo_text.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

static size_t link_len(const char *p)
{
    if (strncasecmp(p, "http://", 7) != 0 && strncasecmp(p, "https://", 8) != 0)
        return 0;
    size_t n = 0;
    while (p[n] && (unsigned char)p[n] > 0x20 && (unsigned char)p[n] < 0x80)
        n++;
    return n;
}

/* Half-units of TEXT[0..N). */
static size_t halves(const char *text, size_t n)
{
    size_t h = 0;
    const char *p = text, *end = text + n;
    while (p < end) {
        size_t l = link_len(p);
        if (l && l <= (size_t)(end - p)) {
            h += 2 * WEIBO_LINK;
            p += l;
            continue;
        }
        int32_t cp = utf8_decode(&p, end);
        h += cp >= 0 && cp < 0x80 ? 1 : 2;
    }
    return h;
}

size_t weibo_length(const char *text)
{
    text = text ? text : "";
    return (halves(text, strlen(text)) + 1) / 2;
}

/* Appends the plain text of MD (Markdown marks, links, HTML tags and line breaks dropped), so that
 * every half-unit of it is one character's. */
static void plain(buf_t *b, const char *md)
{
    const char *p = md ? md : "", *end = p + strlen(p);
    bool space = false;
    while (p < end) {
        size_t l = link_len(p); /* links in the text go: the post carries one, to the item */
        if (l) {
            p += l;
            continue;
        }
        /* so do HTML tags written into the Markdown (a post is plain text) */
        if (*p == '<' && p + 1 < end && (isalpha((unsigned char)p[1]) || p[1] == '/' || p[1] == '!')) {
            const char *gt = memchr(p, '>', (size_t)(end - p));
            if (gt) {
                p = gt + 1;
                continue;
            }
        }
        const char *start = p;
        int32_t cp = utf8_decode(&p, end);
        if (cp == UTF8_INVALID || (cp < 0x20) || cp == ' ' || cp == 0x3000) {
            space = b->len > 0;
            continue;
        }
        if (cp < 0x80 && strchr("#*_`>|[]!~\\", (int)cp))
            continue;
        if (space)
            buf_putc(b, ' ');
        space = false;
        buf_append(b, start, (size_t)(p - start));
    }
}

/* The longest prefix of S (whole characters) whose half-units fit in BUDGET, plus "…" when
 * cut (the ellipsis is 2 half-units, counted in). */
static void fit(buf_t *out, const char *s, size_t budget)
{
    size_t n = strlen(s);
    if (halves(s, n) <= budget) {
        buf_puts(out, s);
        return;
    }
    if (budget < 2)
        return;
    size_t used = 0;
    const char *p = s, *end = s + n;
    while (p < end) {
        const char *start = p;
        int32_t cp = utf8_decode(&p, end);
        size_t h = cp >= 0 && cp < 0x80 ? 1 : 2;
        if (used + h > budget - 2) {
            p = start;
            break;
        }
        used += h;
    }
    buf_append(out, s, (size_t)(p - s));
    buf_puts(out, "…");
}

char *weibo_post(const char *title, const char *summary, const char *url)
{
    buf_t text = BUF_INIT, t = BUF_INIT, tail = BUF_INIT, out = BUF_INIT;
    plain(&text, summary);
    plain(&t, title);
    buf_puts(&tail, " 详情：");
    buf_puts(&tail, url ? url : "");
    size_t budget = 2 * WEIBO_MAX, fixed = halves(buf_str(&tail), tail.len) + 4; /* 【】 */
    size_t room = budget > fixed ? budget - fixed : 0;
    /* The title gets what it needs, up to all the room; the summary the rest. */
    buf_t title_fit = BUF_INIT;
    fit(&title_fit, buf_str(&t), room);
    size_t left = room - halves(buf_str(&title_fit), title_fit.len);
    buf_puts(&out, "【");
    buf_append(&out, buf_str(&title_fit), title_fit.len);
    buf_puts(&out, "】");
    fit(&out, buf_str(&text), left);
    buf_append(&out, buf_str(&tail), tail.len);
    char *r = xstrdup(buf_str(&out));
    buf_free(&text);
    buf_free(&t);
    buf_free(&tail);
    buf_free(&title_fit);
    buf_free(&out);
    return r;
}
