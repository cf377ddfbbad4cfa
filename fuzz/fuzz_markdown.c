/* Fuzz target: the portal's Markdown renderer, markdown_html() (src/web/markdown.c; item
 * bodies are Markdown written by staff or imported), with the item page's options.
 *
 * The renderer promises that raw HTML is shown as text and that a link or image URL that is
 * not http(s), mailto, tel (links) or relative survives nowhere. Checked on the output:
 *  - no "<script" anywhere, in any case;
 *  - every tag is one of the tags Markdown produces, and its only attributes are
 *    href/src/alt/title/align (no on...= handler, no style);
 *  - every href/src value, read as a browser reads it (entities decoded, leading spaces and
 *    control characters dropped, tabs and newlines removed), has no scheme or an allowed one;
 *  - the output is valid UTF-8 whenever the input is (md4c must not split characters).
 *
 * The input is handed over NUL-terminated, as the portal does (item bodies come from SQLite
 * as C strings): Debian's md4c 0.4.8 reads the byte just past the end of its input on some
 * inputs (a link or autolink cut off by the end of the text; reproducers in
 * fuzz/crashes-found/markdown-md4c-overread-*.md), and then, depending on that byte's value,
 * may copy a few bytes beyond it into the output. With a terminating NUL that read is
 * harmless; the copy is exactly SIZE + 1 bytes, so ASan still catches any read further out. */
#include "fuzz.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "web/markdown.h"
#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *const tags[] = {"p", "a", "img", "em", "strong", "del", "code", "pre", "blockquote", "ul",
                                   "ol", "li", "hr", "br", "table", "thead", "tbody", "tr", "th", "td",
                                   "h1", "h2", "h3", "h4", "h5", "h6", "input"};
static const char *const attrs[] = {"href", "src", "alt", "title", "align", "start", "class", "type",
                                    "checked", "disabled"};

static bool in_list(const char *s, size_t n, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(list[i]) == n && strncasecmp(s, list[i], n) == 0)
            return true;
    return false;
}

/* Decodes the HTML character references of V[0..N) into OUT (ASCII only matters here:
 * anything else becomes '?'); returns the length. */
static size_t decode_attr(const char *v, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        if (v[i] != '&') {
            out[o++] = v[i];
            continue;
        }
        size_t j = i + 1;
        unsigned long cp = 0;
        bool num = j < n && v[j] == '#';
        if (num) {
            bool hex = ++j < n && (v[j] == 'x' || v[j] == 'X');
            j += hex;
            size_t d0 = j;
            while (j < n && (hex ? isxdigit((unsigned char)v[j]) : isdigit((unsigned char)v[j])) && cp < 0x110000)
                cp = cp * (hex ? 16 : 10) + (unsigned long)(isdigit((unsigned char)v[j]) ? v[j] - '0'
                                                                 : (tolower((unsigned char)v[j]) - 'a' + 10)),
                j++;
            if (j == d0) {
                out[o++] = '&';
                continue;
            }
        } else {
            static const struct { const char *name; char c; } named[] = {
                {"amp", '&'}, {"colon", ':'}, {"Tab", '\t'}, {"NewLine", '\n'}, {"lt", '<'}, {"gt", '>'},
                {"quot", '"'}, {"apos", '\''}, {"sol", '/'}, {"lpar", '('}, {"rpar", ')'}};
            size_t k;
            for (k = 0; k < sizeof named / sizeof *named; k++) {
                size_t l = strlen(named[k].name);
                if (j + l <= n && strncmp(v + j, named[k].name, l) == 0) {
                    cp = (unsigned char)named[k].c;
                    j += l;
                    break;
                }
            }
            if (k == sizeof named / sizeof *named) {
                out[o++] = '&';
                continue;
            }
        }
        if (j < n && v[j] == ';')
            j++;
        out[o++] = cp < 0x80 ? (char)cp : '?';
        i = j - 1;
    }
    out[o] = 0;
    return o;
}

/* The URL as a browser resolves it: no scheme, or one of the allowed ones. */
static void check_url(const char *v, size_t n, bool image, const char *html)
{
    char dec[4096];
    size_t len = decode_attr(v, n < 2048 ? n : 2048, dec, sizeof dec);
    char url[4096];
    size_t u = 0, i = 0;
    while (i < len && (unsigned char)dec[i] <= 0x20)
        i++;
    for (; i < len; i++)
        if (dec[i] != '\t' && dec[i] != '\n' && dec[i] != '\r')
            url[u++] = dec[i];
    url[u] = 0;
    size_t s = 0;
    while (s < u && (isalpha((unsigned char)url[s]) || (s > 0 && (isdigit((unsigned char)url[s]) ||
                                                                  url[s] == '+' || url[s] == '-' || url[s] == '.'))))
        s++;
    if (s == 0 || s == u || url[s] != ':')
        return; /* relative */
    bool ok = (s == 4 && strncasecmp(url, "http", 4) == 0) || (s == 5 && strncasecmp(url, "https", 5) == 0) ||
              (!image && s == 6 && strncasecmp(url, "mailto", 6) == 0) ||
              (!image && s == 3 && strncasecmp(url, "tel", 3) == 0) ||
              (image && strcmp(url, "data:,") == 0); /* what the renderer puts in place of a bad image */
    FUZZ_CHECK(ok, "URL with scheme %.*s kept in %s", (int)s, url, html);
}

/* Walks the tags of HTML (text from md4c escapes '<', so every '<' opens a tag). */
static void check_html(const char *html)
{
    for (const char *p = html; (p = strchr(p, '<')) != NULL;) {
        FUZZ_CHECK(strncasecmp(p, "<script", 7) != 0, "<script in %s", html);
        const char *q = p + 1 + (p[1] == '/');
        size_t nl = strspn(q, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
        FUZZ_CHECK(nl > 0 && in_list(q, nl, tags, sizeof tags / sizeof *tags), "unexpected tag <%.*s in %s",
                   (int)(nl + 1), q, html);
        bool img = nl == 3 && strncasecmp(q, "img", 3) == 0;
        q += nl;
        for (;;) {
            q += strspn(q, " \t\n\r/");
            if (*q == '>' || *q == 0)
                break;
            size_t an = strcspn(q, " \t\n\r/>=");
            FUZZ_CHECK(an > 0 && in_list(q, an, attrs, sizeof attrs / sizeof *attrs),
                       "unexpected attribute %.*s in %s", (int)(an + 1), q, html);
            const char *name = q;
            q += an;
            if (*q != '=')
                continue;
            q++;
            const char *v;
            size_t vn;
            if (*q == '"' || *q == '\'') {
                const char *close = strchr(q + 1, *q);
                FUZZ_CHECK(close, "unterminated attribute value in %s", html);
                v = q + 1;
                vn = (size_t)(close - v);
                q = close + 1;
            } else {
                v = q;
                vn = strcspn(q, " \t\n\r>");
                q += vn;
            }
            if ((an == 4 && strncasecmp(name, "href", 4) == 0) || (an == 3 && strncasecmp(name, "src", 3) == 0))
                check_url(v, vn, img, html);
        }
        FUZZ_CHECK(*q == '>', "unterminated tag in %s", html);
        p = q + 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *md = malloc(size + 1);
    memcpy(md, data, size);
    md[size] = 0;
    buf_t out = BUF_INIT;
    markdown_html(&out, md, size, MARKDOWN_SIGNATURES);
    free(md);
    const char *html = buf_str(&out);
    check_html(html);
    if (utf8_valid((const char *)data, size) && !memchr(data, 0, size))
        FUZZ_CHECK(utf8_valid(html, out.len), "valid UTF-8 in, invalid out: %s", html);
    buf_free(&out);
    return 0;
}
