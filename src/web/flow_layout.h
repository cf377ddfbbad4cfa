/* The geometry of a guide's flowchart, computed from its steps (model/guide.h): one column
 * of boxes in step order, an end terminal (办结) below them, straight arrows between
 * neighbours and side lanes on the right for every other arrow (a jump forward, a loop
 * back, a decision's second branch). Text is wrapped to the box width by display width
 * (a CJK character is one em, ASCII about half); box heights follow their lines. Pure:
 * no I/O, no escaping (svg_flow.c writes it as SVG). All coordinates are integers in the
 * SVG's user units. */
#ifndef GK_WEB_FLOW_LAYOUT_H
#define GK_WEB_FLOW_LAYOUT_H
#include "model/guide.h"
#include <stdbool.h>
#include <stddef.h>

#define FLOW_MAX_LINES 12 /* lines per box; longer titles end in "…" */
#define FLOW_MAX_POINTS 4

enum flow_shape { FLOW_STEP, FLOW_DECISION, FLOW_END };

struct flow_line {
    const char *text; /* a slice of the box's text, not NUL-terminated */
    size_t len;
};

struct flow_box {
    enum flow_shape shape;
    int step; /* the step's index, or -1 for the end terminal */
    int x, y, w, h;
    const char *text; /* "1. 申请" (NUL-terminated, owned by the layout) */
    struct flow_line lines[FLOW_MAX_LINES];
    int nlines;
};

struct flow_edge {
    int from, to;      /* box indexes */
    int lane;          /* -1: straight down to the next box; else the side lane, 0 innermost */
    const char *label; /* a decision's branch label, or NULL (borrowed from the guide) */
    int x[FLOW_MAX_POINTS], y[FLOW_MAX_POINTS]; /* the polyline; the last point touches `to` */
    int npoints;
    int label_x, label_y; /* where the label's text starts (its baseline) */
};

struct flow_layout {
    struct flow_box *boxes; /* the steps in order, then the end terminal */
    size_t nboxes;
    struct flow_edge *edges;
    size_t nedges;
    int nlanes;
    int width, height;
    int font; /* font size of box text; labels are smaller (font * 4 / 5) */
};

/* Lays out G with box text of FONT units (15 for the standard page, larger for 长者模式).
 * Assumes a guide the parser accepted (unknown keys lead to the end terminal). */
void flow_layout(const struct guide_rec *g, int font, struct flow_layout *out);
void flow_layout_free(struct flow_layout *l);

/* The display width of the first LEN bytes of S in ems times 100 (CJK 100, ASCII 55). */
int flow_text_width(const char *s, size_t len);

#endif
