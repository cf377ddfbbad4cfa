/* Line diff by longest common subsequence (line_diff.h). */
#include "text/line_diff.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct lines {
    const char **p;
    size_t *len;
    size_t n;
};

static void split(const char *t, struct lines *l)
{
    memset(l, 0, sizeof *l);
    if (!t || !*t)
        return;
    size_t cap = 16;
    l->p = xmalloc(cap * sizeof *l->p);
    l->len = xmalloc(cap * sizeof *l->len);
    for (const char *s = t; *s;) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        if (l->n == cap) {
            cap *= 2;
            l->p = xrealloc(l->p, cap * sizeof *l->p);
            l->len = xrealloc(l->len, cap * sizeof *l->len);
        }
        l->p[l->n] = s;
        l->len[l->n++] = len && s[len - 1] == '\r' ? len - 1 : len;
        s = nl ? nl + 1 : s + len;
    }
}

static void lines_free(struct lines *l)
{
    free(l->p);
    free(l->len);
}

static int same(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
    return a->len[i] == b->len[j] && memcmp(a->p[i], b->p[j], a->len[i]) == 0;
}

static void emit(struct line_diff *d, size_t *cap, enum diff_op op, const char *text, size_t len)
{
    if (d->n == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        d->lines = xrealloc(d->lines, *cap * sizeof *d->lines);
    }
    d->lines[d->n++] = (struct diff_line){op, text, len};
    if (op == DIFF_ADD)
        d->added++;
    else if (op == DIFF_DEL)
        d->removed++;
}

void line_diff(const char *a, const char *b, struct line_diff *out)
{
    struct lines A, B;
    split(a, &A);
    split(b, &B);
    memset(out, 0, sizeof *out);
    size_t cap = 0;
    /* The common head and tail need no table. */
    size_t head = 0;
    while (head < A.n && head < B.n && same(&A, head, &B, head))
        head++;
    size_t tail = 0;
    while (tail < A.n - head && tail < B.n - head && same(&A, A.n - 1 - tail, &B, B.n - 1 - tail))
        tail++;
    for (size_t i = 0; i < head; i++)
        emit(out, &cap, DIFF_SAME, A.p[i], A.len[i]);
    size_t n = A.n - head - tail, m = B.n - head - tail;
    if (n && m && (n + 1) <= LINE_DIFF_MAX_CELLS / (m + 1)) {
        /* L[i][j] = LCS length of A[head+i..] and B[head+j..]; read forwards from (0,0). */
        uint32_t *L = xcalloc((n + 1) * (m + 1), sizeof *L);
#define AT(i, j) L[(i) * (m + 1) + (j)]
        for (size_t i = n; i-- > 0;)
            for (size_t j = m; j-- > 0;)
                AT(i, j) = same(&A, head + i, &B, head + j) ? AT(i + 1, j + 1) + 1
                           : AT(i + 1, j) >= AT(i, j + 1) ? AT(i + 1, j) : AT(i, j + 1);
        size_t i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && same(&A, head + i, &B, head + j)) {
                emit(out, &cap, DIFF_SAME, A.p[head + i], A.len[head + i]);
                i++, j++;
            } else if (i < n && (j == m || AT(i + 1, j) >= AT(i, j + 1))) {
                emit(out, &cap, DIFF_DEL, A.p[head + i], A.len[head + i]);
                i++;
            } else {
                emit(out, &cap, DIFF_ADD, B.p[head + j], B.len[head + j]);
                j++;
            }
        }
#undef AT
        free(L);
    } else {
        for (size_t i = 0; i < n; i++)
            emit(out, &cap, DIFF_DEL, A.p[head + i], A.len[head + i]);
        for (size_t j = 0; j < m; j++)
            emit(out, &cap, DIFF_ADD, B.p[head + j], B.len[head + j]);
    }
    for (size_t i = A.n - tail; i < A.n; i++)
        emit(out, &cap, DIFF_SAME, A.p[i], A.len[i]);
    lines_free(&A);
    lines_free(&B);
}

void line_diff_free(struct line_diff *d)
{
    free(d->lines);
    memset(d, 0, sizeof *d);
}

char *line_diff_text(const struct line_diff *d)
{
    static const char *const mark[] = {[DIFF_SAME] = "  ", [DIFF_DEL] = "- ", [DIFF_ADD] = "+ "};
    buf_t b = BUF_INIT;
    for (size_t i = 0; i < d->n; i++) {
        buf_puts(&b, mark[d->lines[i].op]);
        buf_append(&b, d->lines[i].text, d->lines[i].len);
        buf_putc(&b, '\n');
    }
    return buf_take(&b);
}
