/* Stored URLs on their way into an attribute: which ones may become a link at all, and
 * writing one as a valid URL. The escapers (util/escape.h) make a value safe to *quote*;
 * these decide whether its *meaning* is safe: `javascript:alert(1)` escapes to itself
 * and still runs when clicked.
 *
 * Every URL that comes from stored data (item bodies, operator settings, publication
 * links, agency records) goes through url_is_safe_href() or url_is_safe_src() before it
 * reaches an href or src; one that fails is shown as text, never as a link. */
#ifndef GK_URL_H
#define GK_URL_H
#include "util/buf.h"
#include <stdbool.h>
#include <stddef.h>

/* True when U (the URL exactly as the browser will read it, entities already decoded)
 * may be an href: a relative reference ("/gkml", "./a:b", "?page=2", "#main", "",
 * "//host/path") or an absolute URL with scheme http, https, mailto or tel (any case).
 * False for every other scheme (javascript:, vbscript:, data:, file:, …) and for any URL
 * holding a space or a control character: browsers drop tabs and newlines inside a URL
 * and strip leading spaces, so "java\tscript:" and " javascript:" would run. A colon
 * before the first '/', '?' or '#' always names a scheme here, also where a browser
 * would read the URL as a relative path ("%6Aavascript:x"): RFC 3986 forbids such a
 * relative reference, so nothing lawful is lost. A NULL U is not safe. */
bool url_is_safe_href(const char *u);
bool url_is_safe_href_n(const char *u, size_t n);

/* The same for an image's src: relative, http or https only. */
bool url_is_safe_src_n(const char *u, size_t n);

/* Appends U with every byte that may not appear in a URL as it is (controls, space,
 * non-ASCII, " < > \ ^ ` { | }) percent-encoded; '%' and the reserved characters stay as
 * they are, so an already encoded URL comes out unchanged. The result still needs
 * esc_html for an attribute (& stays &). */
void url_reencode_n(buf_t *b, const char *u, size_t n);
void url_reencode(buf_t *b, const char *u);

#endif
