/* A small document model for the annual report: the report code builds one document
 * (title, headings, paragraphs, tables placed on an explicit grid), and each emitter turns
 * it into one format. The report content is written once; the formats cannot drift apart.
 *
 * Ownership: the document copies every string it is given; doc_free() releases everything,
 * tables included. A doc_table_t belongs to its document and is valid until doc_free().
 *
 * Layout mistakes (a cell outside the table, spans that overlap, a span crossing from the
 * header rows into the body) are rejected, never guessed at: the offending cell is left out,
 * the emitters still write well-formed output, and doc_error() returns the first mistake so
 * tests can assert there was none. Rejecting rather than aborting is deliberate: a layout
 * slip must not take down the portal serving the report, and tests catch it either way. */
#ifndef GK_DOC_H
#define GK_DOC_H
#include "util/buf.h"
#include <stdbool.h>

typedef struct doc doc_t;
typedef struct doc_table doc_table_t;

doc_t *doc_new(void);
void doc_free(doc_t *d);

/* The report title; there is one, rendered first wherever it was set (a later call
 * replaces it). Line breaks in titles and headings are read as spaces. */
void doc_title(doc_t *d, const char *text);
/* level 1: "一、总体情况"; level 2: "（一）…"; levels are clamped to 1..4. The text is
 * printed as given: the emitters add no numbering. */
void doc_heading(doc_t *d, int level, const char *text);
/* Plain text. Each line (split at \n) is its own paragraph; blank lines are dropped and
 * leading spaces (ASCII or the ideographic U+3000) are trimmed, because each format
 * indents paragraphs its own way (text: "　　", HTML: CSS text-indent). */
void doc_paragraph(doc_t *d, const char *text);

/* A table of ncols columns (1..DOC_MAX_COLS); rows are added by placing cells. The first
 * header_rows rows are the column headers. caption may be NULL. */
doc_table_t *doc_table(doc_t *d, const char *caption, int ncols, int header_rows);

enum {
    DOC_HEAD = 1, /* a header cell in the body: a row label (th scope=row/rowgroup) */
    DOC_NUM = 2,  /* a number: right-aligned, never wrapped */
    DOC_LEFT = 4, /* left-aligned; otherwise text cells are centred, like printed reports */
};
#define DOC_MAX_COLS 64
#define DOC_MAX_ROWS 100000

/* Places a cell with its top-left corner at (row, col), counted from 0; it covers rowspan
 * rows down and colspan columns right (both >= 1). Cells of the first header_rows rows are
 * column headers whatever their flags. Text may hold \n for a line break inside the cell.
 * Grid positions no cell covers are rendered empty. Returns false, records the mistake for
 * doc_error() and leaves the table unchanged if the cell does not fit (see above). */
bool doc_cell(doc_table_t *t, int row, int col, int rowspan, int colspan, unsigned flags,
              const char *text);
/* A one-by-one number cell (DOC_NUM). */
bool doc_cell_int(doc_table_t *t, int row, int col, long long v);

/* The first layout mistake recorded, or NULL if there was none. */
const char *doc_error(const doc_t *d);
/* The end of building a report: D when OK and no layout mistake was recorded; otherwise D is
 * freed and NULL returned, with *err set to the layout mistake ("internal: report layout: …")
 * if that was the cause (when OK is false the caller has set *err already). */
doc_t *doc_finish(doc_t *d, bool ok, char **err);
/* Rows in use: the last row any cell covers plus one, and at least header_rows. */
int doc_table_rows(const doc_table_t *t);

/* Renderers: each appends one format to out.
 * text: the way a Chinese report reads as plain text; tables are ASCII grids aligned by
 *       display width (CJK = 2 columns, see utf8_cp_width), long labels wrapped.
 * markdown: GFM; tables are flattened (spans cannot be expressed): see doc_markdown.c.
 * html: fragment = only the content, an <article class="gk-report"> to embed in a portal
 *       page; otherwise a complete HTML5 document with an inline stylesheet. */
void doc_render_text(const doc_t *d, buf_t *out);
void doc_render_markdown(const doc_t *d, buf_t *out);
void doc_render_html(const doc_t *d, buf_t *out, bool fragment);
/* The stylesheet the complete document carries, for a portal page that embeds fragments
 * (a <style> element is not allowed in the body, and a CSP may forbid inline styles). */
const char *doc_html_css(void);

#endif
