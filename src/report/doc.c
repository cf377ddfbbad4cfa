#include "report/doc.h"
#include "report/doc_internal.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Text is cleaned once, on the way in, so that no emitter can forget to: malformed UTF-8
 * and controls become U+FFFD (an ESC reaching a terminal through the text report could
 * rewrite the screen), tabs become spaces (they would break the text grid), CR goes.
 * With keep_newlines false, \n becomes a space. */
static char *clean_text(const char *s, bool keep_newlines)
{
    buf_t b = BUF_INIT;
    if (!s)
        s = "";
    const char *p = s, *end = s + strlen(s);
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c < 0x7F) {
            buf_putc(&b, (char)c);
            p++;
            continue;
        }
        const char *q = p;
        int32_t cp = utf8_decode(&q, end);
        if (cp == '\n')
            buf_putc(&b, keep_newlines ? '\n' : ' ');
        else if (cp == '\t')
            buf_putc(&b, ' ');
        else if (cp == '\r')
            ;
        else if (cp == UTF8_INVALID || cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
            buf_puts(&b, "\xEF\xBF\xBD");
        else
            buf_append(&b, p, (size_t)(q - p));
        p = q;
    }
    return buf_take(&b);
}

static bool is_space_at(const char *s, size_t *len)
{
    if (*s == ' ') {
        *len = 1;
        return true;
    }
    if (strncmp(s, "\xE3\x80\x80", 3) == 0) { /* U+3000 ideographic space */
        *len = 3;
        return true;
    }
    return false;
}

/* Trims ASCII and ideographic spaces from both ends of s[0..n); returns a fresh string. */
static char *trimmed(const char *s, size_t n)
{
    size_t k;
    while (n > 0 && is_space_at(s, &k) && k <= n) {
        s += k;
        n -= k;
    }
    for (;;) {
        if (n >= 1 && s[n - 1] == ' ')
            n--;
        else if (n >= 3 && strncmp(s + n - 3, "\xE3\x80\x80", 3) == 0)
            n -= 3;
        else
            break;
    }
    return xstrndup(s, n);
}

static void record_error(doc_t *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void record_error(doc_t *d, const char *fmt, ...)
{
    if (d->error)
        return; /* the first mistake is the one to fix; later ones often follow from it */
    va_list ap;
    va_start(ap, fmt);
    buf_t b = BUF_INIT;
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    d->error = buf_take(&b);
}

doc_t *doc_new(void)
{
    return xcalloc(1, sizeof(doc_t));
}

static void table_free(doc_table_t *t)
{
    for (size_t i = 0; i < t->ncells; i++)
        free(t->cells[i].text);
    free(t->cells);
    free(t->slots);
    free(t->caption);
    free(t);
}

void doc_free(doc_t *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->nblocks; i++) {
        free(d->blocks[i].text);
        if (d->blocks[i].table)
            table_free(d->blocks[i].table);
    }
    free(d->blocks);
    free(d->title);
    free(d->error);
    free(d);
}

static struct doc_block *add_block(doc_t *d, enum doc_block_kind kind)
{
    if (d->nblocks == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->blocks = xrealloc(d->blocks, d->cap * sizeof *d->blocks);
    }
    struct doc_block *b = &d->blocks[d->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

void doc_title(doc_t *d, const char *text)
{
    char *c = clean_text(text, false);
    free(d->title);
    d->title = trimmed(c, strlen(c));
    free(c);
}

void doc_heading(doc_t *d, int level, const char *text)
{
    char *c = clean_text(text, false);
    struct doc_block *b = add_block(d, DOC_BLOCK_HEADING);
    b->level = level < 1 ? 1 : level > 4 ? 4 : level;
    b->text = trimmed(c, strlen(c));
    free(c);
}

void doc_paragraph(doc_t *d, const char *text)
{
    char *c = clean_text(text, true);
    for (const char *line = c; *line;) {
        size_t n = strcspn(line, "\n");
        char *t = trimmed(line, n);
        if (*t)
            add_block(d, DOC_BLOCK_PARAGRAPH)->text = t;
        else
            free(t);
        line += n;
        if (*line == '\n')
            line++;
    }
    free(c);
}

doc_table_t *doc_table(doc_t *d, const char *caption, int ncols, int header_rows)
{
    doc_table_t *t = xcalloc(1, sizeof *t);
    t->doc = d;
    if (caption) {
        char *c = clean_text(caption, false);
        t->caption = trimmed(c, strlen(c));
        free(c);
    }
    if (ncols < 1 || ncols > DOC_MAX_COLS) {
        record_error(d, "table \"%s\": %d columns (1..%d allowed)", t->caption ? t->caption : "",
                     ncols, DOC_MAX_COLS);
        ncols = ncols < 1 ? 1 : DOC_MAX_COLS;
    }
    if (header_rows < 0 || header_rows > DOC_MAX_ROWS) {
        record_error(d, "table \"%s\": %d header rows", t->caption ? t->caption : "", header_rows);
        header_rows = 0;
    }
    t->ncols = ncols;
    t->header_rows = header_rows;
    t->nrows = header_rows;
    add_block(d, DOC_BLOCK_TABLE)->table = t;
    return t;
}

/* Makes the slot map cover at least `rows` rows; new slots are empty. */
static void grow_slots(doc_table_t *t, int rows)
{
    if (rows <= t->slot_rows)
        return;
    int cap = t->slot_rows ? t->slot_rows : 8;
    while (cap < rows)
        cap *= 2;
    t->slots = xrealloc(t->slots, (size_t)cap * (size_t)t->ncols * sizeof *t->slots);
    for (size_t i = (size_t)t->slot_rows * (size_t)t->ncols; i < (size_t)cap * (size_t)t->ncols; i++)
        t->slots[i] = -1;
    t->slot_rows = cap;
}

bool doc_cell(doc_table_t *t, int row, int col, int rowspan, int colspan, unsigned flags,
              const char *text)
{
    if (!t)
        return false;
    const char *cap = t->caption ? t->caption : "";
    /* Each bound is checked before any arithmetic on it, so no int can overflow below. */
    if (row < 0 || col < 0 || rowspan < 1 || colspan < 1 || col >= t->ncols ||
        colspan > t->ncols - col || row >= DOC_MAX_ROWS || rowspan > DOC_MAX_ROWS - row) {
        record_error(t->doc, "table \"%s\": cell at row %d, column %d, spanning %dx%d, lies outside "
                     "the %d columns", cap, row, col, rowspan, colspan, t->ncols);
        return false;
    }
    if (row < t->header_rows && row + rowspan > t->header_rows) {
        record_error(t->doc, "table \"%s\": header cell at row %d, column %d spans into the body",
                     cap, row, col);
        return false;
    }
    grow_slots(t, row + rowspan);
    for (int r = row; r < row + rowspan; r++)
        for (int c = col; c < col + colspan; c++) {
            int other = t->slots[r * t->ncols + c];
            if (other >= 0) {
                const struct doc_cell *o = &t->cells[other];
                record_error(t->doc, "table \"%s\": cell at row %d, column %d overlaps the cell at "
                             "row %d, column %d", cap, row, col, o->row, o->col);
                return false;
            }
        }
    if (t->ncells == t->cells_cap) {
        t->cells_cap = t->cells_cap ? t->cells_cap * 2 : 32;
        t->cells = xrealloc(t->cells, t->cells_cap * sizeof *t->cells);
    }
    int idx = (int)t->ncells++;
    t->cells[idx] = (struct doc_cell){row, col, rowspan, colspan, flags & (DOC_HEAD | DOC_NUM | DOC_LEFT),
                                      clean_text(text, true)};
    for (int r = row; r < row + rowspan; r++)
        for (int c = col; c < col + colspan; c++)
            t->slots[r * t->ncols + c] = idx;
    if (row + rowspan > t->nrows)
        t->nrows = row + rowspan;
    return true;
}

bool doc_cell_int(doc_table_t *t, int row, int col, long long v)
{
    char s[32];
    snprintf(s, sizeof s, "%lld", v);
    return doc_cell(t, row, col, 1, 1, DOC_NUM, s);
}

const char *doc_error(const doc_t *d)
{
    return d->error;
}

doc_t *doc_finish(doc_t *d, bool ok, char **err)
{
    if (ok && d->error) {
        *err = xasprintf("internal: report layout: %s", d->error);
        ok = false;
    }
    if (!ok) {
        doc_free(d);
        return NULL;
    }
    return d;
}

int doc_table_rows(const doc_table_t *t)
{
    return t->nrows;
}

const struct doc_cell *doc_slot_cell(const doc_table_t *t, int row, int col)
{
    if (row < 0 || col < 0 || row >= t->slot_rows || col >= t->ncols)
        return NULL;
    int i = t->slots[row * t->ncols + col];
    return i >= 0 ? &t->cells[i] : NULL;
}

long doc_slot_id(const doc_table_t *t, int row, int col)
{
    const struct doc_cell *c = doc_slot_cell(t, row, col);
    if (c)
        return (long)(c - t->cells);
    return -1 - ((long)row * t->ncols + col);
}

bool doc_cell_is_head(const doc_table_t *t, const struct doc_cell *c)
{
    return c->row < t->header_rows || (c->flags & DOC_HEAD);
}
