/* A readable line diff between two texts (an item's body in two revisions): the longest
 * common subsequence of lines, as a list of kept, removed and added lines. Lines are
 * compared byte for byte ("\r\n" and "\n" ends are the same end). The LCS table is bounded:
 * past LINE_DIFF_MAX_CELLS (lines of A × lines of B, after the common head and tail are
 * taken off) the middle is shown as all removed then all added, which is still correct,
 * only less close. */
#ifndef GK_LINE_DIFF_H
#define GK_LINE_DIFF_H
#include <stddef.h>

#define LINE_DIFF_MAX_CELLS (4u * 1024u * 1024u)

enum diff_op { DIFF_SAME, DIFF_DEL, DIFF_ADD };

struct diff_line {
    enum diff_op op;
    const char *text; /* into A (same, del) or B (add); not NUL-terminated */
    size_t len;       /* without the line end */
};

struct line_diff {
    struct diff_line *lines;
    size_t n;
    size_t added, removed;
};

/* Diffs A against B (NULL is empty). Free with line_diff_free. */
void line_diff(const char *a, const char *b, struct line_diff *out);
void line_diff_free(struct line_diff *d);
/* The diff as text: one line per entry, "  " kept, "- " removed, "+ " added (malloc'd). */
char *line_diff_text(const struct line_diff *d);

#endif
