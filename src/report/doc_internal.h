/* The document model's insides, shared by doc.c and the three emitters (doc_text.c,
 * doc_markdown.c, doc_html.c) and by nothing else: callers use doc.h. */
#ifndef GK_DOC_INTERNAL_H
#define GK_DOC_INTERNAL_H
#include "report/doc.h"
#include <stddef.h>

struct doc_cell {
    int row, col, rowspan, colspan;
    unsigned flags;
    char *text; /* cleaned on the way in: valid UTF-8, no controls but \n */
};

struct doc_table {
    doc_t *doc; /* where layout mistakes are recorded */
    char *caption;
    int ncols, header_rows;
    int nrows; /* see doc_table_rows() */
    struct doc_cell *cells;
    size_t ncells, cells_cap;
    int *slots; /* slots[row * ncols + col]: index of the covering cell, or -1 */
    int slot_rows;
};

enum doc_block_kind { DOC_BLOCK_HEADING, DOC_BLOCK_PARAGRAPH, DOC_BLOCK_TABLE };

struct doc_block {
    enum doc_block_kind kind;
    int level;          /* headings */
    char *text;         /* headings, paragraphs: one line, trimmed, never empty */
    doc_table_t *table; /* tables */
};

struct doc {
    char *title; /* NULL until set */
    struct doc_block *blocks;
    size_t nblocks, cap;
    char *error; /* first layout mistake */
};

/* The cell covering (row, col), or NULL if the slot is empty or outside the table. */
const struct doc_cell *doc_slot_cell(const doc_table_t *t, int row, int col);
/* An identity for the slot: equal for two slots of the same cell, and distinct for every
 * empty slot, which the emitters treat as an empty one-by-one cell of its own. */
long doc_slot_id(const doc_table_t *t, int row, int col);
/* True if the cell is a header cell: in the header rows or flagged DOC_HEAD. */
bool doc_cell_is_head(const doc_table_t *t, const struct doc_cell *c);

#endif
