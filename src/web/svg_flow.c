/* Writes a flow_layout as SVG. Presentation attributes carry the drawing's look so that
 * the chart reads the same without the stylesheet (printed, saved); site.css only adjusts
 * it for 长者模式 and print. */
#include "web/svg_flow.h"
#include "util/escape.h"
#include "web/flow_layout.h"
#include <string.h>

#define INK "#1b3a5c"

static void text_lines(buf_t *b, const struct flow_box *x, int font)
{
    int line_h = font * 4 / 3;
    int top = x->y + (x->h - x->nlines * line_h) / 2;
    int cx = x->x + x->w / 2;
    buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" text-anchor=\"middle\" fill=\"#000\">", cx, top, font);
    for (int i = 0; i < x->nlines; i++) {
        /* Each line a tspan: baseline at the line's middle plus a third of the font. */
        buf_printf(b, "<tspan x=\"%d\" y=\"%d\">", cx, top + i * line_h + line_h / 2 + font / 3);
        esc_xml_n(b, x->lines[i].text, x->lines[i].len);
        buf_puts(b, "</tspan>");
    }
    buf_puts(b, "</text>");
}

static void shape(buf_t *b, const struct flow_box *x)
{
    int l = x->x, t = x->y, r = x->x + x->w, bt = x->y + x->h, mid = x->y + x->h / 2;
    switch (x->shape) {
    case FLOW_DECISION:
        buf_printf(b,
                   "<polygon class=\"flow-decision\" points=\"%d,%d %d,%d %d,%d %d,%d %d,%d %d,%d\""
                   " fill=\"#fff7e0\" stroke=\"" INK "\" stroke-width=\"1.5\"/>",
                   l, mid, l + 14, t, r - 14, t, r, mid, r - 14, bt, l + 14, bt);
        break;
    case FLOW_END:
        buf_printf(b,
                   "<rect class=\"flow-end\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"%d\""
                   " fill=\"#e8f1e8\" stroke=\"" INK "\" stroke-width=\"1.5\"/>",
                   l, t, x->w, x->h, x->h / 2);
        break;
    default:
        buf_printf(b,
                   "<rect class=\"flow-step\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\""
                   " fill=\"#f2f6fb\" stroke=\"" INK "\" stroke-width=\"1.5\"/>",
                   l, t, x->w, x->h);
    }
}

static void description(buf_t *b, const struct guide_rec *g)
{
    buf_printf(b, "共%zu个环节：", g->nsteps);
    for (size_t i = 0; i < g->nsteps; i++) {
        const struct guide_step *s = &g->steps[i];
        buf_printf(b, "%s%zu. ", i ? "；" : "", i + 1);
        esc_xml(b, s->title);
        for (int k = 0; k < s->nbranches; k++) {
            int t = guide_step_index(g, s->branches[k].next);
            buf_puts(b, k ? "，" : "（");
            esc_xml(b, s->branches[k].label);
            if (t >= 0)
                buf_printf(b, "转第%d步", t + 1);
            else
                buf_puts(b, "办结");
            if (k == s->nbranches - 1)
                buf_puts(b, "）");
        }
    }
    buf_puts(b, "。");
}

void svg_flow(buf_t *b, const struct guide_rec *g, const char *id, int font)
{
    struct flow_layout l;
    flow_layout(g, font, &l);
    buf_t pre = BUF_INIT; /* the element ids' prefix */
    buf_puts(&pre, "flow-");
    esc_xml(&pre, id);
    const char *p = buf_str(&pre);
    buf_printf(b,
               "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flowchart\" viewBox=\"0 0 %d %d\" width=\"%d\""
               " height=\"%d\" role=\"img\" aria-labelledby=\"%s-title %s-desc\""
               " font-family=\"'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif\">",
               l.width, l.height, l.width, l.height, p, p);
    buf_printf(b, "<title id=\"%s-title\">", p);
    esc_xml(b, g->name);
    buf_printf(b, "办理流程图</title><desc id=\"%s-desc\">", p);
    description(b, g);
    buf_puts(b, "</desc>");
    buf_printf(b,
               "<defs><marker id=\"%s-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
               " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"" INK
               "\"/></marker></defs>",
               p);
    buf_puts(b, "<g class=\"flow-edges\" fill=\"none\" stroke=\"" INK "\" stroke-width=\"1.5\">");
    for (size_t i = 0; i < l.nedges; i++) {
        const struct flow_edge *e = &l.edges[i];
        buf_printf(b, "<path data-from=\"%d\" data-to=\"%d\" d=\"", e->from, e->to);
        for (int k = 0; k < e->npoints; k++)
            buf_printf(b, "%s%d,%d", k ? " L" : "M", e->x[k], e->y[k]);
        buf_printf(b, "\" marker-end=\"url(#%s-arrow)\"/>", p);
    }
    buf_puts(b, "</g>");
    int small = l.font * 4 / 5;
    for (size_t i = 0; i < l.nedges; i++) {
        const struct flow_edge *e = &l.edges[i];
        if (!e->label)
            continue;
        buf_printf(b,
                   "<text class=\"flow-label\" x=\"%d\" y=\"%d\" font-size=\"%d\" fill=\"#7a2e00\" stroke=\"#fff\""
                   " stroke-width=\"3\" paint-order=\"stroke\">",
                   e->label_x, e->label_y, small);
        esc_xml(b, e->label);
        buf_puts(b, "</text>");
    }
    for (size_t i = 0; i < l.nboxes; i++) {
        const struct flow_box *x = &l.boxes[i];
        buf_printf(b, "<g class=\"flow-node\" data-step=\"%d\">", x->step + 1);
        shape(b, x);
        text_lines(b, x, l.font);
        buf_puts(b, "</g>");
    }
    buf_puts(b, "</svg>");
    buf_free(&pre);
    flow_layout_free(&l);
}
