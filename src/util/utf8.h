/* UTF-8: decoding that never trusts its input, validation, and display width.
 *
 * Stored text comes from forms, imports and channel receipts, so any byte sequence may turn
 * up. Every function here accepts arbitrary bytes: a malformed sequence is one "invalid"
 * unit (shown as U+FFFD by the escapers), never a crash or a read past the end. */
#ifndef GK_UTF8_H
#define GK_UTF8_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_INVALID (-1)
#define UTF8_REPLACEMENT 0xFFFDu

/* Decodes the code point at *p (which must be < end) and advances *p past it.
 * A malformed sequence (stray continuation byte, overlong form, surrogate, value above
 * U+10FFFF, or truncated) returns UTF8_INVALID and skips its "maximal subpart" (Unicode
 * §3.9, the WHATWG decoder's rule): at least one byte, never a byte that could start the
 * next character. A loop `while (p < end) utf8_decode(&p, end);` therefore always ends. */
int32_t utf8_decode(const char **p, const char *end);

/* True if s[0..len) is well-formed UTF-8 (NUL bytes are well-formed). */
bool utf8_valid(const char *s, size_t len);

/* Writes cp as UTF-8 into out and returns its length (1–4). Surrogates and values above
 * U+10FFFF are written as U+FFFD. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* Columns a code point takes in a monospaced Chinese text: 2 for East Asian Wide, Fullwidth
 * and Ambiguous characters, 0 for combining marks, format characters and controls, 1 for the
 * rest. Ambiguous counts as 2 because Chinese text is read in a CJK context (UAX #11): the
 * punctuation “ ” ‘ ’ … — and ① ② × ° are drawn full-width by Chinese fonts, the way
 * NSimSun, Windows Notepad, and terminals set to CJK ambiguous width (xterm -cjk_width,
 * vim ambiwidth=double) show them. ASCII stays 1, so ASCII table borders line up
 * everywhere. Tables: Unicode 14.0. */
int utf8_cp_width(uint32_t cp);

/* Display width of a NUL-terminated string / of s[0..len); each malformed unit counts as
 * U+FFFD (2 columns), which is what the escapers put in its place. */
size_t utf8_display_width(const char *s);
size_t utf8_display_width_n(const char *s, size_t len);

#endif
