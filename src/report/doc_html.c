/* HTML rendering: semantic tables, every stored string through esc_html.
 *
 * Header cells carry the scope that lets a screen reader announce "行政诉讼, 未经复议直接起诉,
 * 结果维持" for a number (the header-assignment algorithm of the HTML standard):
 *  - in <thead>: scope="colgroup" for a top-row cell spanning columns, with one <colgroup>
 *    per top-row cell so that the group exists; scope="col" for the rest (a spanning column
 *    header covers every column it spans);
 *  - in the body: a DOC_HEAD label in the first column spanning several rows gets a <tbody>
 *    of its own and scope="rowgroup" (三、本年度办理结果 over its 22 rows), provided no other
 *    cell spans across the edges of that group; every other label is scope="row" (a
 *    row header covers every row it spans: （三）不予公开 over its eight).
 * Numbers are <td class="num"> (right-aligned by the stylesheet); DOC_LEFT adds class "l".
 * No scripts, no event handlers, no external resources: the stylesheet is inline in the
 * complete document and left out of the fragment (see doc_html_css()). */
#include "report/doc.h"
#include "report/doc_internal.h"
#include "util/escape.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

static const char css[] =
    "body{margin:2em auto;max-width:60em;padding:0 1em;color:#000;background:#fff;"
    "font-family:\"Noto Serif CJK SC\",\"Source Han Serif SC\",\"SimSun\",serif;line-height:1.75}\n"
    ".gk-report h1{font-size:1.6em;text-align:center;margin:1em 0}\n"
    ".gk-report h2{font-size:1.25em;margin:1.5em 0 .5em}\n"
    ".gk-report h3,.gk-report h4,.gk-report h5{font-size:1.05em;margin:1em 0 .4em}\n"
    ".gk-report p{text-indent:2em;margin:.4em 0}\n"
    ".gk-table{overflow-x:auto;margin:1em 0}\n"
    ".gk-report table{border-collapse:collapse;margin:0 auto;font-size:.95em}\n"
    ".gk-report caption{font-weight:bold;padding:.5em}\n"
    ".gk-report th,.gk-report td{border:1px solid #000;padding:.3em .5em;text-align:center;"
    "vertical-align:middle}\n"
    ".gk-report thead th{background:#eee}\n"
    ".gk-report .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    ".gk-report .l{text-align:left}\n"
    "@media print{body{margin:0;max-width:none;padding:0}.gk-table{overflow:visible}"
    ".gk-report thead{display:table-header-group}.gk-report tr{break-inside:avoid}"
    ".gk-report h2,.gk-report h3{break-after:avoid}.gk-report thead th{background:none}}\n";

const char *doc_html_css(void)
{
    return css;
}

/* Text with its \n as <br>. */
static void put_text(buf_t *out, const char *s)
{
    for (;;) {
        size_t n = strcspn(s, "\n");
        esc_html_n(out, s, n);
        if (!s[n])
            break;
        buf_puts(out, "<br>");
        s += n + 1;
    }
}

static void put_cell(buf_t *out, const struct doc_cell *c, bool th, const char *scope)
{
    buf_puts(out, th ? "<th" : "<td");
    if (th)
        buf_printf(out, " scope=\"%s\"", scope);
    if (c->rowspan > 1)
        buf_printf(out, " rowspan=\"%d\"", c->rowspan);
    if (c->colspan > 1)
        buf_printf(out, " colspan=\"%d\"", c->colspan);
    if (c->flags & DOC_NUM)
        buf_puts(out, " class=\"num\"");
    else if (c->flags & DOC_LEFT)
        buf_puts(out, " class=\"l\"");
    buf_putc(out, '>');
    put_text(out, c->text);
    buf_puts(out, th ? "</th>" : "</td>");
}

/* Column groups follow the top header row when it groups columns (some cell of it spans
 * several) and covers every column, so that scope="colgroup" has groups to refer to. */
static bool top_row_groups(const doc_table_t *t)
{
    if (t->header_rows < 1)
        return false;
    bool spans = false;
    for (int c = 0; c < t->ncols; c++) {
        const struct doc_cell *x = doc_slot_cell(t, 0, c);
        if (!x)
            return false;
        spans |= x->colspan > 1;
    }
    return spans;
}

static void put_row(buf_t *out, const doc_table_t *t, int r, const struct doc_cell *group_label,
                    bool colgroups)
{
    buf_puts(out, "<tr>");
    for (int c = 0; c < t->ncols; c++) {
        const struct doc_cell *x = doc_slot_cell(t, r, c);
        if (!x) {
            buf_puts(out, "<td></td>");
            continue;
        }
        if (x->row != r || x->col != c)
            continue; /* covered by a span placed earlier */
        if (r < t->header_rows)
            put_cell(out, x, true, colgroups && r == 0 && x->colspan > 1 ? "colgroup" : "col");
        else if (x->flags & DOC_HEAD)
            put_cell(out, x, true, x == group_label ? "rowgroup" : "row");
        else
            put_cell(out, x, false, NULL);
    }
    buf_puts(out, "</tr>\n");
}

static void put_table(buf_t *out, const doc_table_t *t)
{
    int nrows = doc_table_rows(t);
    buf_puts(out, "<div class=\"gk-table\">\n<table>\n");
    if (t->caption && *t->caption) {
        buf_puts(out, "<caption>");
        esc_html(out, t->caption);
        buf_puts(out, "</caption>\n");
    }
    bool colgroups = top_row_groups(t);
    if (colgroups)
        for (int c = 0; c < t->ncols;) {
            const struct doc_cell *x = doc_slot_cell(t, 0, c);
            if (x->colspan > 1)
                buf_printf(out, "<colgroup span=\"%d\"></colgroup>\n", x->colspan);
            else
                buf_puts(out, "<colgroup></colgroup>\n");
            c += x->colspan;
        }
    if (t->header_rows > 0) {
        buf_puts(out, "<thead>\n");
        for (int r = 0; r < t->header_rows; r++)
            put_row(out, t, r, NULL, colgroups);
        buf_puts(out, "</thead>\n");
    }
    if (nrows <= t->header_rows) {
        buf_puts(out, "</table>\n</div>\n");
        return;
    }
    /* crosses[r]: some cell spans across the boundary above row r, so no <tbody> may
     * start there (a cell cannot leave its row group). */
    bool *crosses = xcalloc((size_t)nrows + 1, sizeof *crosses);
    for (size_t i = 0; i < t->ncells; i++) {
        const struct doc_cell *x = &t->cells[i];
        for (int r = x->row + 1; r < x->row + x->rowspan; r++)
            crosses[r] = true;
    }
    buf_puts(out, "<tbody>\n");
    const struct doc_cell *group = NULL; /* the rowgroup label of the open <tbody> */
    int group_end = -1;
    bool open_rows = false; /* the open <tbody> has rows */
    for (int r = t->header_rows; r < nrows; r++) {
        if (group && r == group_end) {
            buf_puts(out, "</tbody>\n<tbody>\n");
            group = NULL;
            open_rows = false;
        }
        const struct doc_cell *x = doc_slot_cell(t, r, 0);
        if (!group && x && x->row == r && x->rowspan > 1 && (x->flags & DOC_HEAD) && !crosses[r] &&
            !crosses[r + x->rowspan]) {
            if (open_rows)
                buf_puts(out, "</tbody>\n<tbody>\n");
            group = x;
            group_end = r + x->rowspan;
        }
        put_row(out, t, r, group, colgroups);
        open_rows = true;
    }
    free(crosses);
    buf_puts(out, "</tbody>\n</table>\n</div>\n");
}

static void put_content(buf_t *out, const doc_t *d)
{
    buf_puts(out, "<article class=\"gk-report\">\n");
    if (d->title && *d->title) {
        buf_puts(out, "<h1>");
        esc_html(out, d->title);
        buf_puts(out, "</h1>\n");
    }
    for (size_t i = 0; i < d->nblocks; i++) {
        const struct doc_block *b = &d->blocks[i];
        switch (b->kind) {
        case DOC_BLOCK_HEADING:
            buf_printf(out, "<h%d>", b->level + 1);
            esc_html(out, b->text);
            buf_printf(out, "</h%d>\n", b->level + 1);
            break;
        case DOC_BLOCK_PARAGRAPH:
            buf_puts(out, "<p>");
            esc_html(out, b->text);
            buf_puts(out, "</p>\n");
            break;
        case DOC_BLOCK_TABLE:
            put_table(out, b->table);
            break;
        }
    }
    buf_puts(out, "</article>\n");
}

void doc_render_html(const doc_t *d, buf_t *out, bool fragment)
{
    if (fragment) {
        put_content(out, d);
        return;
    }
    buf_puts(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    esc_html(out, d->title && *d->title ? d->title : "报告");
    buf_puts(out, "</title>\n<style>\n");
    buf_puts(out, css);
    buf_puts(out, "</style>\n</head>\n<body>\n");
    put_content(out, d);
    buf_puts(out, "</body>\n</html>\n");
}
