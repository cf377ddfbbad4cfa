/* Flowchart geometry (flow_layout.h). The column keeps the steps in the order the guide
 * lists them, so the chart reads like the numbered list beside it; arrows that are not a
 * step to its neighbour go round the right side in lanes, assigned so that two lanes never
 * share a stretch of height (shorter arrows nearer the boxes, so that they nest). */
#include "web/flow_layout.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MARGIN 8
#define BOX_EMS 15    /* box width in ems of the box font: 15 CJK characters per line */
#define PAD 10        /* text inside a box */
#define POINT 14      /* how far a decision's pointed ends reach in */
#define GAP_EMS 2     /* vertical gap between boxes, in ems (room for an arrow and a label) */
#define LANE_STEP 14  /* between side lanes */
#define LANE_FIRST 18 /* from the boxes to the first lane */

static int char_width(int32_t cp)
{
    if (cp < 0x80)
        return 55;
    /* Half-width forms (ｱ…, U+FF61–FF9F) are narrow; everything else beyond ASCII is drawn
     * as a full CJK cell by the fonts a Chinese page uses. */
    if (cp >= 0xFF61 && cp <= 0xFF9F)
        return 55;
    return 100;
}

int flow_text_width(const char *s, size_t len)
{
    const char *p = s, *end = s + len;
    int w = 0;
    while (p < end) {
        int32_t cp = utf8_decode(&p, end);
        w += char_width(cp == UTF8_INVALID ? '?' : cp);
    }
    return w;
}

/* Characters that must not begin a line (Chinese line-breaking rules, 避头点). */
static bool no_line_start(int32_t cp)
{
    static const int32_t closing[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF09, 0x300D, 0x300F, 0x201D,
                                      0x2019, 0x300B, 0x3009, 0xFF01, 0xFF1F, 0x2026, ',', '.', ')', ';', ':'};
    for (size_t i = 0; i < sizeof closing / sizeof closing[0]; i++)
        if (closing[i] == cp)
            return true;
    return false;
}

/* Splits the box's text into lines of at most MAX (ems x 100). */
static void wrap_at(struct flow_box *b, int max)
{
    const char *p = b->text, *end = p + strlen(p);
    b->nlines = 0;
    while (p < end && b->nlines < FLOW_MAX_LINES) {
        const char *start = p, *q = p;
        int w = 0;
        while (q < end) {
            const char *before = q;
            int32_t cp = utf8_decode(&q, end);
            int cw = char_width(cp == UTF8_INVALID ? '?' : cp);
            if (w + cw > max && before > start && !no_line_start(cp)) {
                q = before;
                break;
            }
            w += cw;
        }
        b->lines[b->nlines].text = start;
        b->lines[b->nlines].len = (size_t)(q - start);
        b->nlines++;
        p = q;
    }
    if (p < end) /* more than FLOW_MAX_LINES: the list beside the chart has the whole text */
        b->lines[FLOW_MAX_LINES - 1].len = (size_t)(end - b->lines[FLOW_MAX_LINES - 1].text);
}

/* Wraps into as few lines as MAX allows, then evens them out: "出具不予登记通知书并说明理"
 * over "由" reads worse than two lines of seven and eight. */
static void wrap(struct flow_box *b, int max)
{
    wrap_at(b, max);
    int n = b->nlines;
    if (n < 2 || n >= FLOW_MAX_LINES)
        return;
    int even = (flow_text_width(b->text, strlen(b->text)) + n - 1) / n + 100; /* one character of slack */
    if (even >= max)
        return;
    wrap_at(b, even);
    if (b->nlines != n)
        wrap_at(b, max);
}

/* The x of the box's right boundary at height Y (a decision's right end is pointed). */
static int right_at(const struct flow_box *b, int y)
{
    int right = b->x + b->w;
    if (b->shape != FLOW_DECISION)
        return right;
    int mid = b->y + b->h / 2, half = b->h / 2, d = abs(y - mid);
    return right - (half ? POINT * d / half : 0);
}

/* Where an arrow goes from step I: the box index it leads to. */
static int target(const struct guide_rec *g, const char *key, size_t end_box)
{
    int t = guide_step_index(g, key);
    return t < 0 ? (int)end_box : t;
}

static void add_edge(struct flow_layout *l, int from, int to, const char *label)
{
    struct flow_edge *e = &l->edges[l->nedges++];
    memset(e, 0, sizeof *e);
    e->from = from;
    e->to = to;
    e->label = label;
    e->lane = to == from + 1 ? -1 : 0;
}

static int cmp_span(const void *a, const void *b)
{
    const struct flow_edge *x = *(struct flow_edge *const *)a, *y = *(struct flow_edge *const *)b;
    int sx = abs(x->to - x->from), sy = abs(y->to - y->from);
    if (sx != sy)
        return sx - sy;
    return x->from != y->from ? x->from - y->from : x->to - y->to;
}

/* Lanes: greedy, shortest arrows first, each in the innermost lane free over its height. */
static void assign_lanes(struct flow_layout *l)
{
    struct flow_edge **side = xcalloc(l->nedges ? l->nedges : 1, sizeof *side);
    size_t n = 0;
    for (size_t i = 0; i < l->nedges; i++)
        if (l->edges[i].lane >= 0)
            side[n++] = &l->edges[i];
    qsort(side, n, sizeof *side, cmp_span);
    l->nlanes = 0;
    for (size_t i = 0; i < n; i++) {
        int lo = side[i]->from < side[i]->to ? side[i]->from : side[i]->to;
        int hi = side[i]->from < side[i]->to ? side[i]->to : side[i]->from;
        for (int lane = 0;; lane++) {
            bool free_here = true;
            for (size_t j = 0; j < i && free_here; j++) {
                if (side[j]->lane != lane)
                    continue;
                int lo2 = side[j]->from < side[j]->to ? side[j]->from : side[j]->to;
                int hi2 = side[j]->from < side[j]->to ? side[j]->to : side[j]->from;
                free_here = hi2 < lo || hi < lo2; /* sharing an end box is sharing height */
            }
            if (free_here) {
                side[i]->lane = lane;
                if (lane + 1 > l->nlanes)
                    l->nlanes = lane + 1;
                break;
            }
        }
    }
    free(side);
}

/* The y where the K-th of N side arrows leaves (OUT) or enters a box: outgoing in the
 * lower half, incoming in the upper half, so that they never share a point. */
static int port_y(const struct flow_box *b, int k, int n, bool out)
{
    int half = b->h / 2;
    return b->y + (out ? half : 0) + (k + 1) * half / (n + 1);
}

static void route(struct flow_layout *l)
{
    int lanes_x = MARGIN + l->boxes[0].w + LANE_FIRST;
    int *nout = xcalloc(l->nboxes, sizeof *nout), *nin = xcalloc(l->nboxes, sizeof *nin);
    int *kout = xcalloc(l->nboxes, sizeof *kout), *kin = xcalloc(l->nboxes, sizeof *kin);
    for (size_t i = 0; i < l->nedges; i++)
        if (l->edges[i].lane >= 0) {
            nout[l->edges[i].from]++;
            nin[l->edges[i].to]++;
        }
    int small = l->font * 4 / 5;
    for (size_t i = 0; i < l->nedges; i++) {
        struct flow_edge *e = &l->edges[i];
        const struct flow_box *a = &l->boxes[e->from], *b = &l->boxes[e->to];
        if (e->lane < 0) {
            int cx = a->x + a->w / 2;
            e->npoints = 2;
            e->x[0] = cx, e->y[0] = a->y + a->h;
            e->x[1] = cx, e->y[1] = b->y;
            e->label_x = cx + 6;
            e->label_y = a->y + a->h + small + 2;
            continue;
        }
        int y0 = port_y(a, kout[e->from]++, nout[e->from], true);
        int y1 = port_y(b, kin[e->to]++, nin[e->to], false);
        int lx = lanes_x + e->lane * LANE_STEP;
        e->npoints = 4;
        e->x[0] = right_at(a, y0), e->y[0] = y0;
        e->x[1] = lx, e->y[1] = y0;
        e->x[2] = lx, e->y[2] = y1;
        e->x[3] = right_at(b, y1), e->y[3] = y1;
        e->label_x = a->x + a->w + 4;
        e->label_y = y0 - 4;
    }
    free(nout);
    free(nin);
    free(kout);
    free(kin);
}

void flow_layout(const struct guide_rec *g, int font, struct flow_layout *out)
{
    memset(out, 0, sizeof *out);
    out->font = font;
    out->nboxes = g->nsteps + 1;
    out->boxes = xcalloc(out->nboxes, sizeof *out->boxes);
    out->edges = xcalloc(g->nsteps * 2 + 1, sizeof *out->edges);
    int box_w = BOX_EMS * font + 2 * PAD + 2 * POINT, line_h = font * 4 / 3, gap = GAP_EMS * font;
    int y = MARGIN;
    for (size_t i = 0; i <= g->nsteps; i++) {
        struct flow_box *b = &out->boxes[i];
        bool end = i == g->nsteps;
        b->shape = end ? FLOW_END : g->steps[i].nbranches == 2 ? FLOW_DECISION : FLOW_STEP;
        b->step = end ? -1 : (int)i;
        b->text = end ? xstrdup("办结") : xasprintf("%zu. %s", i + 1, g->steps[i].title ? g->steps[i].title : "");
        wrap(b, BOX_EMS * 100);
        b->w = end ? 5 * font : box_w;
        b->x = MARGIN + (box_w - b->w) / 2;
        b->y = y;
        b->h = b->nlines * line_h + (end ? font : 2 * PAD);
        y += b->h + gap;
    }
    size_t end_box = g->nsteps;
    for (size_t i = 0; i < g->nsteps; i++) {
        const struct guide_step *st = &g->steps[i];
        if (st->nbranches == 2) {
            int t0 = target(g, st->branches[0].next, end_box), t1 = target(g, st->branches[1].next, end_box);
            add_edge(out, (int)i, t0, st->branches[0].label);
            add_edge(out, (int)i, t1, st->branches[1].label);
            /* Only one arrow of a decision goes straight down. */
            if (t0 == t1 || (out->edges[out->nedges - 2].lane < 0 && out->edges[out->nedges - 1].lane < 0))
                out->edges[out->nedges - 1].lane = 0;
        } else {
            add_edge(out, (int)i, st->next ? target(g, st->next, end_box) : (int)i + 1, NULL);
        }
    }
    assign_lanes(out);
    route(out);
    int labels = 0;
    for (size_t i = 0; i < out->nedges; i++)
        if (out->edges[i].lane >= 0 && out->edges[i].label) {
            int w = flow_text_width(out->edges[i].label, strlen(out->edges[i].label)) * (font * 4 / 5) / 100;
            if (w + 8 > labels)
                labels = w + 8;
        }
    int lanes = out->nlanes ? LANE_FIRST + (out->nlanes - 1) * LANE_STEP + 6 : 0;
    out->width = MARGIN + box_w + (lanes > labels ? lanes : labels) + MARGIN;
    out->height = y - gap + MARGIN;
}

void flow_layout_free(struct flow_layout *l)
{
    for (size_t i = 0; i < l->nboxes; i++)
        free((char *)l->boxes[i].text);
    free(l->boxes);
    free(l->edges);
    memset(l, 0, sizeof *l);
}
