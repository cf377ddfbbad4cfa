/* Safe Markdown for item bodies (html.c). */
#ifndef GK_WEB_HTML_H
#define GK_WEB_HTML_H
#include "util/buf.h"
#include <stddef.h>

/* Renders Markdown safely: raw HTML is shown as text, links and images whose URL is not
 * http(s), mailto, tel or relative lose their URL. Appends to OUT. */
void html_markdown(buf_t *out, const char *md, size_t len);

#endif
