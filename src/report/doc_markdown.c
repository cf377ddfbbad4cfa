/* Markdown rendering (GitHub Flavored Markdown, as md4c reads it).
 *
 * GFM tables have one header row and no spans, so tables are flattened:
 *  - the header rows become one row: each column's label joins, top to bottom, the labels
 *    of the header cells above it with "·" (行政诉讼·未经复议直接起诉·结果维持). A header cell
 *    spanning columns is repeated only where it qualifies a label below it; where nothing
 *    is below it (a note over the label columns) it appears once, in its first column;
 *  - a row label (DOC_HEAD) spanning rows is repeated in every row it covers, so each row
 *    reads on its own (and survives sorting or copying out); a data cell spanning rows
 *    appears once, in its first row, so that summing a column still gives the right total;
 *  - a cell spanning columns appears in its first column; the others are left empty.
 * Every row has exactly ncols cells. All stored text goes through esc_markdown*. */
#include "report/doc.h"
#include "report/doc_internal.h"
#include "util/escape.h"
#include <string.h>

static const char *const hashes = "#####";

static void put_heading(buf_t *out, int level, const char *text)
{
    buf_append(out, hashes, (size_t)level);
    buf_putc(out, ' ');
    esc_markdown(out, text);
    buf_puts(out, "\n\n");
}

/* Is there a non-empty header cell in column c below the header cell h? */
static bool head_below(const doc_table_t *t, const struct doc_cell *h, int c)
{
    for (int r = h->row + h->rowspan; r < t->header_rows; r++) {
        const struct doc_cell *x = doc_slot_cell(t, r, c);
        if (x && x != h && x->text[0])
            return true;
    }
    return false;
}

static void header_label(buf_t *out, const doc_table_t *t, int c)
{
    const struct doc_cell *last = NULL;
    bool first = true;
    for (int r = 0; r < t->header_rows; r++) {
        const struct doc_cell *h = doc_slot_cell(t, r, c);
        if (!h || h == last || !h->text[0])
            continue;
        last = h;
        if (h->col != c && !head_below(t, h, c))
            continue;
        if (!first)
            buf_puts(out, "\xC2\xB7"); /* U+00B7 middle dot */
        first = false;
        esc_markdown_cell(out, h->text);
    }
}

static const char *column_align(const doc_table_t *t, int c)
{
    bool any = false, all_num = true, left = false;
    for (int r = t->header_rows; r < t->nrows; r++) {
        const struct doc_cell *x = doc_slot_cell(t, r, c);
        if (!x || x->row != r || x->col != c)
            continue;
        any = true;
        if (!(x->flags & DOC_NUM))
            all_num = false;
        if (x->flags & DOC_LEFT)
            left = true;
    }
    if (!any)
        return "---";
    return all_num ? "---:" : left ? ":---" : ":---:";
}

static void put_table(buf_t *out, const doc_table_t *t)
{
    if (t->caption && *t->caption) {
        buf_puts(out, "**");
        esc_markdown(out, t->caption);
        buf_puts(out, "**\n\n");
    }
    buf_puts(out, "|");
    for (int c = 0; c < t->ncols; c++) {
        buf_t label = BUF_INIT;
        header_label(&label, t, c);
        buf_putc(out, ' ');
        buf_append(out, buf_str(&label), label.len);
        buf_puts(out, " |");
        buf_free(&label);
    }
    buf_puts(out, "\n|");
    for (int c = 0; c < t->ncols; c++) {
        buf_putc(out, ' ');
        buf_puts(out, column_align(t, c));
        buf_puts(out, " |");
    }
    buf_putc(out, '\n');
    for (int r = t->header_rows; r < t->nrows; r++) {
        buf_putc(out, '|');
        for (int c = 0; c < t->ncols; c++) {
            const struct doc_cell *x = doc_slot_cell(t, r, c);
            buf_putc(out, ' ');
            if (x && x->col == c && (x->row == r || (x->flags & DOC_HEAD)))
                esc_markdown_cell(out, x->text);
            buf_puts(out, " |");
        }
        buf_putc(out, '\n');
    }
    buf_putc(out, '\n');
}

void doc_render_markdown(const doc_t *d, buf_t *out)
{
    if (d->title && *d->title)
        put_heading(out, 1, d->title);
    for (size_t i = 0; i < d->nblocks; i++) {
        const struct doc_block *b = &d->blocks[i];
        switch (b->kind) {
        case DOC_BLOCK_HEADING:
            put_heading(out, b->level + 1, b->text);
            break;
        case DOC_BLOCK_PARAGRAPH:
            esc_markdown(out, b->text);
            buf_puts(out, "\n\n");
            break;
        case DOC_BLOCK_TABLE:
            put_table(out, b->table);
            break;
        }
    }
}
