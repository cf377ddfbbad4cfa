/* A guide's flowchart as inline SVG (flow_layout.h does the geometry). Every text the
 * chart shows goes through esc_xml, so the result is well-formed XML whatever the steps
 * say, and safe inside HTML: the guide template reads it raw (web/safe_html.c). */
#ifndef GK_WEB_SVG_FLOW_H
#define GK_WEB_SVG_FLOW_H
#include "model/guide.h"
#include "util/buf.h"

/* Appends <svg role="img" aria-labelledby=…>…</svg> for G to B. ID (the guide's id) makes
 * the element ids unique on the page; FONT is the box text size (flow_layout). The chart
 * scales to its container (viewBox; width at most its natural size). */
void svg_flow(buf_t *b, const struct guide_rec *g, const char *id, int font);

#endif
