/* One escaper per output context (the cgit html.c habit): each appends `s` to `b` so that
 * the bytes read back in that context as the same text and never as markup or code.
 *
 * All of them accept any bytes. Malformed UTF-8 becomes U+FFFD (except in URLs, which are
 * byte strings and are percent-encoded losslessly), and control characters that the target
 * format forbids or a reader cannot see become U+FFFD too, so output is always valid UTF-8.
 * The invisible bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F,
 * U+061C) are dropped by every escaper but the URL one: they would let a title display in
 * an order other than the one stored (see is_bidi_control in escape.c for why "drop").
 * A NULL `s` is the empty string. The _n variants take a length instead of a NUL. */
#ifndef GK_ESCAPE_H
#define GK_ESCAPE_H
#include "util/buf.h"
#include <stddef.h>

/* HTML text and double- or single-quoted attribute values: & < > " ' become entities.
 * Not for unquoted attributes, URLs (use esc_url_component first), <script> or <style>. */
void esc_html(buf_t *b, const char *s);
void esc_html_n(buf_t *b, const char *s, size_t n);

/* XML 1.0 text and attributes (Atom feeds): & < > " ' become entities; characters XML 1.0
 * cannot carry at all (C0 controls but tab, LF, CR; U+FFFE, U+FFFF) become U+FFFD. */
void esc_xml(buf_t *b, const char *s);
void esc_xml_n(buf_t *b, const char *s, size_t n);

/* One URL path segment or query name/value: everything but the RFC 3986 unreserved
 * characters A-Z a-z 0-9 - . _ ~ becomes %XX (upper-case hex, one per byte of UTF-8). */
void esc_url_component(buf_t *b, const char *s);
void esc_url_component_n(buf_t *b, const char *s, size_t n);

/* A JSON string literal, quotes included. Besides what JSON requires (" \ and controls),
 * < > & ' and U+2028/U+2029 are written as \uXXXX, so the literal can sit inside an HTML
 * <script> block (no "</script>" or "<!--") or be evaluated as JavaScript. */
void esc_json_string(buf_t *b, const char *s);
void esc_json_string_n(buf_t *b, const char *s, size_t n);

/* A whole JSON text from a serialiser (jansson's json_dumps without JSON_ENSURE_ASCII),
 * made as safe as esc_json_string's literals: < > & ' become \u003c \u003e \u0026 \u0027,
 * U+2028/U+2029 \u2028 \u2029,
 * bidirectional controls are dropped.  The result parses to the same values (minus those
 * controls). For API answers and JSON embedded in pages. */
void esc_json_text(buf_t *b, const char *json);

/* Markdown (CommonMark/GFM) inline text: stored text must read as itself, never as
 * emphasis, links, images, raw HTML, entities, code, tables or block structure.
 *  - always backslash-escaped: \ ` * _ [ ] < > & | ~ # $ !
 *  - at the start of a line, where they would open a block: - + = (list, setext heading)
 *    and the . or ) after up to nine digits (ordered list)
 *  - spaces and tabs at the start of a line are dropped (four of them would open a code
 *    block; otherwise they do not show in rendered Markdown anyway)
 *  - CR is dropped, other tabs become spaces, other controls U+FFFD; LF is kept. */
void esc_markdown(buf_t *b, const char *s);
void esc_markdown_n(buf_t *b, const char *s, size_t n);
/* The same for one GFM table cell, which must stay on one line: LF becomes a space. */
void esc_markdown_cell(buf_t *b, const char *s);

#endif
