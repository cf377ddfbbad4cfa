#include "util/escape.h"
#include "util/utf8.h"
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

static const char hexdig[] = "0123456789ABCDEF";
static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* Bytes that need nothing are copied in runs, not one buf_putc at a time: escaping runs
 * over whole reports and portal pages. */
static void flush(buf_t *b, const char **run, const char *upto)
{
    if (upto > *run)
        buf_append(b, *run, (size_t)(upto - *run));
}

static bool is_c1(int32_t cp)
{
    return cp >= 0x80 && cp < 0xA0;
}

/* The invisible bidirectional formatting characters: embeddings and overrides
 * (U+202A-U+202E), isolates (U+2066-U+2069), and the marks that can flip neutral
 * characters around them (U+200E, U+200F, U+061C).  Inside a title, an agency name
 * or a file name they make the text display in an order other than the one stored
 * ("cod.exe" shown as "exe.doc").  Every escaper drops them: they carry no text of
 * their own, and without them the reader sees the characters in their stored order,
 * which is what was published.  (U+FFFD instead would scatter visible marks through
 * titles pasted from word processors, which add stray LRM/RLM marks harmlessly.) */
static bool is_bidi_control(int32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
           cp == 0x200F || cp == 0x061C;
}

/* Which non-ASCII characters each escaper writes something else for: malformed UTF-8 always;
 * C1 controls in markup and Markdown; the XML non-characters in XML; in JSON, U+2028/2029,
 * which end a line in JavaScript before ES2019 and so, raw, break a script. */
static bool html_unfit(int32_t cp)
{
    return cp == UTF8_INVALID || is_c1(cp);
}

static bool xml_unfit(int32_t cp)
{
    return html_unfit(cp) || cp == 0xFFFE || cp == 0xFFFF;
}

static bool json_unfit(int32_t cp)
{
    return cp == UTF8_INVALID || cp == 0x2028 || cp == 0x2029;
}

/* Decodes the non-ASCII character at *p into *cp (UTF8_INVALID when malformed) and moves *p
 * past it.  A bidi control is dropped; an unfit one ends the run, and the caller writes its
 * replacement (returns true); any other stays in the run. */
static bool take_wide(buf_t *b, const char **p, const char *end, const char **run,
                      bool (*unfit)(int32_t), int32_t *cp)
{
    const char *start = *p;
    *cp = utf8_decode(p, end);
    bool replace = unfit(*cp);
    if (replace || is_bidi_control(*cp)) {
        flush(b, run, start);
        *run = *p;
    }
    return replace;
}

/* HTML and XML differ only in the entity for ' and in XML's extra forbidden characters. */
static void esc_markup(buf_t *b, const char *s, size_t n, bool xml)
{
    const char *p = s, *end = s + n, *run = s;
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x80) {
            int32_t cp;
            if (take_wide(b, &p, end, &run, xml ? xml_unfit : html_unfit, &cp))
                buf_append(b, replacement, 3);
            continue;
        }
        const char *rep;
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = xml ? "&apos;" : "&#39;"; break;
        case '\t': case '\n': case '\r': rep = NULL; break;
        default:
            /* NUL, ESC and the other controls: XML 1.0 cannot carry them even as &#..;,
             * and in HTML they are parse errors no reader can see. */
            rep = (c < 0x20 || c == 0x7F) ? replacement : NULL;
            break;
        }
        if (rep) {
            flush(b, &run, p);
            buf_puts(b, rep);
            run = p + 1;
        }
        p++;
    }
    flush(b, &run, end);
}

void esc_html_n(buf_t *b, const char *s, size_t n)
{
    esc_markup(b, s ? s : "", s ? n : 0, false);
}

void esc_html(buf_t *b, const char *s)
{
    esc_html_n(b, s, s ? strlen(s) : 0);
}

void esc_xml_n(buf_t *b, const char *s, size_t n)
{
    esc_markup(b, s ? s : "", s ? n : 0, true);
}

void esc_xml(buf_t *b, const char *s)
{
    esc_xml_n(b, s, s ? strlen(s) : 0);
}

static bool is_unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

void esc_url_component_n(buf_t *b, const char *s, size_t n)
{
    if (!s)
        return;
    const char *p = s, *end = s + n, *run = s;
    for (; p < end; p++) {
        unsigned char c = (unsigned char)*p;
        if (is_unreserved(c))
            continue;
        flush(b, &run, p);
        char pct[3] = {'%', hexdig[c >> 4], hexdig[c & 15]};
        buf_append(b, pct, 3);
        run = p + 1;
    }
    flush(b, &run, end);
}

void esc_url_component(buf_t *b, const char *s)
{
    esc_url_component_n(b, s, s ? strlen(s) : 0);
}

static void json_u(buf_t *b, uint32_t cp)
{
    char u[6] = {'\\', 'u', hexdig[(cp >> 12) & 15], hexdig[(cp >> 8) & 15], hexdig[(cp >> 4) & 15],
                 hexdig[cp & 15]};
    buf_append(b, u, 6);
}

/* The non-ASCII character at *p inside a JSON string: malformed UTF-8 as \uFFFD, U+2028/2029
 * as \u escapes, bidi controls dropped rather than escaped (a client would decode the escape
 * and put the override back into its own page). */
static void json_wide(buf_t *b, const char **p, const char *end, const char **run)
{
    int32_t cp;
    if (take_wide(b, p, end, run, json_unfit, &cp))
        json_u(b, cp == UTF8_INVALID ? UTF8_REPLACEMENT : (uint32_t)cp);
}

void esc_json_string_n(buf_t *b, const char *s, size_t n)
{
    buf_putc(b, '"');
    if (!s)
        n = 0;
    const char *p = s, *end = s + n, *run = s;
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x80) {
            json_wide(b, &p, end, &run);
            continue;
        }
        const char *rep = NULL;
        switch (c) {
        case '"': rep = "\\\""; break;
        case '\\': rep = "\\\\"; break;
        case '\n': rep = "\\n"; break;
        case '\r': rep = "\\r"; break;
        case '\t': rep = "\\t"; break;
        case '\b': rep = "\\b"; break;
        case '\f': rep = "\\f"; break;
        default: break;
        }
        /* < > & ' as \u: "</script>", "<!--" and "]]>" cannot form inside the literal. */
        bool as_u = !rep && (c < 0x20 || c == 0x7F || c == '<' || c == '>' || c == '&' || c == '\'');
        if (rep || as_u) {
            flush(b, &run, p);
            if (rep)
                buf_puts(b, rep);
            else
                json_u(b, c);
            run = p + 1;
        }
        p++;
    }
    flush(b, &run, end);
    buf_putc(b, '"');
}

void esc_json_string(buf_t *b, const char *s)
{
    esc_json_string_n(b, s, s ? strlen(s) : 0);
}

void esc_json_text(buf_t *b, const char *json)
{
    if (!json)
        return;
    const char *p = json, *end = json + strlen(json), *run = json;
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x80) {
            /* Non-ASCII only occurs inside string literals of serialised JSON, so
             * each replacement stays within one string. */
            json_wide(b, &p, end, &run);
            continue;
        }
        /* < > & ' are never JSON syntax, only string content: \u-escaping them is
         * always valid and keeps "</script>" and "<!--" from forming. */
        if (c == '<' || c == '>' || c == '&' || c == '\'') {
            flush(b, &run, p);
            buf_printf(b, "\\u%04x", c); /* lower case, as docs/api.md shows it */
            run = p + 1;
        }
        p++;
    }
    flush(b, &run, end);
}

static bool md_always(unsigned char c)
{
    return c && strchr("\\`*_[]<>&|~#$!", c) != NULL;
}

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static void esc_md(buf_t *b, const char *s, size_t n, bool cell)
{
    if (!s)
        return;
    const char *p = s, *end = s + n, *run = s;
    bool line_start = !cell; /* inside a table cell nothing opens a block */
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        if (line_start) {
            if (c == ' ' || c == '\t') {
                flush(b, &run, p);
                run = ++p;
                continue;
            }
            line_start = false;
            if (c == '-' || c == '+' || c == '=') {
                flush(b, &run, p);
                buf_putc(b, '\\');
                run = p++; /* the character itself goes out with the next run */
                continue;
            }
            if (is_digit(c)) {
                const char *q = p;
                while (q < end && is_digit((unsigned char)*q))
                    q++;
                if (q - p <= 9 && q < end && (*q == '.' || *q == ')')) {
                    flush(b, &run, q);
                    buf_putc(b, '\\');
                    run = q;
                    p = q + 1;
                    continue;
                }
                p = q;
                continue;
            }
        }
        if (c >= 0x80) {
            int32_t cp;
            if (take_wide(b, &p, end, &run, html_unfit, &cp))
                buf_append(b, replacement, 3);
            continue;
        }
        if (md_always(c)) {
            flush(b, &run, p);
            buf_putc(b, '\\');
            run = p++;
            continue;
        }
        if (c < 0x20 || c == 0x7F) {
            flush(b, &run, p);
            if (c == '\n') {
                buf_putc(b, cell ? ' ' : '\n');
                line_start = !cell;
            } else if (c == '\t') {
                buf_putc(b, ' ');
            } else if (c != '\r') {
                buf_append(b, replacement, 3);
            }
            run = ++p;
            continue;
        }
        p++;
    }
    flush(b, &run, end);
}

void esc_markdown_n(buf_t *b, const char *s, size_t n)
{
    esc_md(b, s, n, false);
}

void esc_markdown(buf_t *b, const char *s)
{
    esc_md(b, s, s ? strlen(s) : 0, false);
}

void esc_markdown_cell(buf_t *b, const char *s)
{
    esc_md(b, s, s ? strlen(s) : 0, true);
}
