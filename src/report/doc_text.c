/* Plain-text rendering: the way a Chinese report reads as text.
 *
 *                 工农区人民政府2023年政府信息公开工作年度报告
 *
 *   一、总体情况
 *   　　2023年，……
 *
 * Tables are ASCII grids (box-drawing characters are East Asian Ambiguous: some terminals
 * draw them one column wide and some two, while ASCII is one column everywhere). Columns
 * line up by display width (utf8_cp_width: CJK = 2). A spanning cell is one region of the
 * grid: no rule crosses it, its text starts at its top and flows down through the space the
 * rules would have taken; the rule under the header rows is drawn with '='.
 *
 * Column widths: numbers never wrap; text wraps at TEXT_MAX columns. If the table is then
 * wider than TABLE_BUDGET, text columns give way (down to a floor) where it costs least
 * per column saved: table height first, then one-character last lines (孤字), then cell
 * lines; so a header wraps "社会公益/组织" before a label column becomes a stack of
 * two-character lines. Finally each text column is narrowed for free where no cell needs
 * another line, which balances wrapped labels ("结果/维持", not "结果维/持"). Lines break
 * between CJK characters or at spaces, never inside an ASCII word that fits, never before
 * closing punctuation such as ，。）” nor after opening
 * punctuation such as （“ (the 禁则 of Chinese typesetting). */
#include "report/doc.h"
#include "report/doc_internal.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

enum {
    PAGE_WIDTH = 80,    /* the title is centred on this */
    TEXT_MAX = 24,      /* text cells wrap beyond this */
    HEAD_FLOOR = 4,     /* ... and give way to the budget down to this in the header rows */
    BODY_FLOOR = 8,     /* ... and in the body, where labels are phrases, not words */
    HEIGHT_COST = 4,    /* in choosing where to wrap: a line of table height costs this, */
    ORPHAN_COST = 4,    /* a cell ending in a one-character line this, and a cell line 1 */
    TABLE_BUDGET = 120, /* the widest a table should be, borders included */
};

/* ---- wrapping ---------------------------------------------------------------------- */

struct seg {
    size_t off, len, width;
};

struct segs {
    struct seg *v;
    size_t n, cap;
};

static void segs_add(struct segs *s, size_t off, size_t len, size_t width)
{
    if (!s)
        return;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 8;
        s->v = xrealloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->n++] = (struct seg){off, len, width};
}

static bool is_closing(uint32_t cp)
{
    static const uint32_t set[] = {
        0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09, 0x300D, 0x300F, 0x201D,
        0x2019, 0x300B, 0x3009, 0x3011, 0x3015, 0x2026, 0xFF05, 0xFF0E, ',',    '.',    ';',
        ':',    '?',    '!',    ')',    ']',    '}',    '%'};
    for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
        if (set[i] == cp)
            return true;
    return false;
}

static bool is_opening(uint32_t cp)
{
    static const uint32_t set[] = {0xFF08, 0x300C, 0x300E, 0x201C, 0x2018, 0x300A,
                                   0x3008, 0x3010, 0x3014, '(',    '[',    '{'};
    for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
        if (set[i] == cp)
            return true;
    return false;
}

static bool is_ascii_word(uint32_t cp)
{
    return cp > ' ' && cp < 0x7F;
}

/* May a line break fall between code points a and b? */
static bool break_ok(uint32_t a, uint32_t b)
{
    if (a == ' ' || b == ' ')
        return true;
    if (is_closing(b) || is_opening(a))
        return false;
    if (is_ascii_word(a) && is_ascii_word(b))
        return false;
    return true;
}

static uint32_t decode_at(const char *s, size_t *i, size_t n)
{
    const char *p = s + *i;
    int32_t cp = utf8_decode(&p, s + n);
    *i = (size_t)(p - s);
    return cp < 0 ? UTF8_REPLACEMENT : (uint32_t)cp;
}

/* Trailing spaces of a line [off, end) do not count. Returns the line's width. */
static size_t add_line(struct segs *out, const char *s, size_t off, size_t end)
{
    while (end > off && s[end - 1] == ' ')
        end--;
    size_t w = utf8_display_width_n(s + off, end - off);
    segs_add(out, off, end - off, w);
    return w;
}

/* Breaks s into lines of at most `width` columns (a single character wider than that
 * still gets a line of its own). Appends them to out if out is not NULL; returns how many,
 * and the width of the last one in *last if last is not NULL. */
static size_t wrap(const char *s, size_t width, struct segs *out, size_t *last)
{
    size_t n = strlen(s), count = 0, lw = 0;
    size_t i = 0;
    for (;;) {
        size_t nl = i + strcspn(s + i, "\n");
        /* One explicit line [i, nl): greedy fill, cutting at the last allowed break. */
        size_t start = i;
        while (start < nl && s[start] == ' ')
            start++;
        if (start >= nl) {
            lw = add_line(out, s, nl, nl);
            count++;
        }
        while (start < nl) {
            size_t p = start, w = 0, brk = 0;
            uint32_t prev = 0;
            bool cut = false;
            while (p < nl) {
                size_t q = p;
                uint32_t cp = decode_at(s, &q, nl);
                if (p > start && break_ok(prev, cp))
                    brk = p;
                size_t cw = (size_t)utf8_cp_width(cp);
                if (w + cw > width && p > start) {
                    size_t at = brk > start ? brk : p;
                    lw = add_line(out, s, start, at);
                    count++;
                    start = at;
                    while (start < nl && s[start] == ' ')
                        start++;
                    cut = true;
                    break;
                }
                w += cw;
                prev = cp;
                p = q;
            }
            if (!cut) {
                lw = add_line(out, s, start, nl);
                count++;
                break;
            }
        }
        if (nl >= n)
            break;
        i = nl + 1;
    }
    if (last)
        *last = lw;
    return count;
}

/* The narrowest a text may get without breaking an ASCII word (capped at TEXT_MAX, past
 * which a word is cut anyway) or a character. */
static size_t min_unit(const char *s)
{
    size_t best = 0, word = 0, n = strlen(s), i = 0;
    while (i < n) {
        uint32_t cp = decode_at(s, &i, n);
        size_t cw = (size_t)utf8_cp_width(cp);
        if (is_ascii_word(cp)) {
            word += cw;
        } else {
            word = 0;
            if (cw > best)
                best = cw;
        }
        if (word > best)
            best = word;
    }
    return best < TEXT_MAX ? best : TEXT_MAX;
}

static size_t natural_width(const char *s)
{
    size_t best = 0;
    while (*s) {
        size_t n = strcspn(s, "\n");
        size_t w = utf8_display_width_n(s, n);
        if (w > best)
            best = w;
        s += n;
        if (*s)
            s++;
    }
    return best;
}

/* ---- tables ------------------------------------------------------------------------ */

/* One region of the grid: a placed cell, or an empty slot standing in as a 1x1 cell. */
struct item {
    int row, col, rowspan, colspan;
    unsigned flags;
    bool head;
    const char *text;
    size_t nat;        /* widest explicit line */
    size_t width;      /* columns available inside, set once column widths are known */
    struct segs lines; /* wrapped to width */
};

struct layout {
    const doc_table_t *t;
    int nrows, ncols;
    struct item *items;
    size_t nitems;
    int *grid;     /* grid[r * ncols + c]: the item covering the slot */
    size_t *w;     /* content width of each column, padding excluded */
    size_t *h;     /* content lines of each row */
    size_t *top;   /* output line index of each row's first content line, from the top rule */
};

#define OUTSIDE (-1)

static int item_at(const struct layout *L, int r, int c)
{
    if (r < 0 || c < 0 || r >= L->nrows || c >= L->ncols)
        return OUTSIDE;
    return L->grid[r * L->ncols + c];
}

static void build_items(struct layout *L)
{
    const doc_table_t *t = L->t;
    size_t slots = (size_t)L->nrows * (size_t)L->ncols;
    L->grid = xmalloc(slots * sizeof *L->grid);
    L->items = xcalloc(slots, sizeof *L->items); /* at most one item per slot */
    int *of_cell = xmalloc((t->ncells ? t->ncells : 1) * sizeof *of_cell);
    for (int r = 0; r < L->nrows; r++)
        for (int c = 0; c < L->ncols; c++) {
            const struct doc_cell *dc = doc_slot_cell(t, r, c);
            if (dc && (dc->row != r || dc->col != c)) {
                L->grid[r * L->ncols + c] = of_cell[dc - t->cells];
                continue;
            }
            struct item *it = &L->items[L->nitems];
            if (dc) {
                *it = (struct item){dc->row, dc->col, dc->rowspan, dc->colspan, dc->flags,
                                    doc_cell_is_head(t, dc), dc->text, 0, 0, {0}};
                of_cell[dc - t->cells] = (int)L->nitems;
            } else {
                *it = (struct item){r, c, 1, 1, 0, r < t->header_rows, "", 0, 0, {0}};
            }
            it->nat = natural_width(it->text);
            L->grid[r * L->ncols + c] = (int)L->nitems++;
        }
    free(of_cell);
}

static size_t span_width(const struct layout *L, int col, int colspan)
{
    size_t w = 0;
    for (int c = col; c < col + colspan; c++)
        w += L->w[c];
    return w + 3 * (size_t)(colspan - 1); /* the " | " between the columns joins the region */
}

static int by_colspan(const void *a, const void *b)
{
    const struct item *x = *(const struct item *const *)a, *y = *(const struct item *const *)b;
    return (x->colspan > y->colspan) - (x->colspan < y->colspan);
}

static int by_rowspan(const void *a, const void *b)
{
    const struct item *x = *(const struct item *const *)a, *y = *(const struct item *const *)b;
    return (x->rowspan > y->rowspan) - (x->rowspan < y->rowspan);
}

static bool covers(const struct item *it, int c)
{
    return it->col <= c && c < it->col + it->colspan;
}

/* Lines an item needs at the current column widths; *orphan (if not NULL) tells whether
 * a wrapped text ends in a line of one character (自然/人), which Chinese typesetting
 * avoids (孤字). */
static size_t item_lines_o(const struct layout *L, const struct item *it, bool *orphan)
{
    size_t last = 0, n = 1;
    if (!(it->flags & DOC_NUM))
        n = wrap(it->text, span_width(L, it->col, it->colspan), NULL, &last);
    if (orphan)
        *orphan = n > 1 && last <= 2;
    return n;
}

static size_t item_lines(const struct layout *L, const struct item *it)
{
    return item_lines_o(L, it, NULL);
}

/* What a choice of widths costs: content lines of all rows (the table's height less its
 * rules), orphans, and the lines of all cells (a label broken into many short lines reads
 * worse, even where its rowspan leaves room). */
struct cost {
    long long height, orphans, lines;
};

static long long cost_value(struct cost k)
{
    return HEIGHT_COST * k.height + ORPHAN_COST * k.orphans + k.lines;
}

struct shrink {
    size_t *cache;      /* lines of each item at the current widths */
    bool *orphan;       /* and whether it ends in an orphan */
    size_t *h;          /* scratch row heights */
    struct item **tall; /* items spanning rows, by rowspan */
    size_t ntall;
};

/* The cost at the current widths, assuming only column `changed` moved since the cache
 * was filled (-1: nothing moved). Row heights are summed the way row_heights() does. */
static struct cost measure(const struct layout *L, const struct shrink *S, int changed)
{
    struct cost k = {0, 0, 0};
    for (int r = 0; r < L->nrows; r++)
        S->h[r] = 1;
    for (size_t i = 0; i < L->nitems; i++) {
        const struct item *it = &L->items[i];
        bool orphan = false;
        size_t n = covers(it, changed) ? item_lines_o(L, it, &orphan) : S->cache[i];
        if (!covers(it, changed))
            orphan = S->orphan[i];
        k.lines += (long long)n;
        k.orphans += orphan;
        if (it->rowspan == 1 && n > S->h[it->row])
            S->h[it->row] = n;
    }
    for (size_t i = 0; i < S->ntall; i++) {
        const struct item *it = S->tall[i];
        size_t n = covers(it, changed) ? item_lines(L, it) : S->cache[it - L->items];
        size_t avail = (size_t)(it->rowspan - 1);
        for (int r = it->row; r < it->row + it->rowspan; r++)
            avail += S->h[r];
        if (n > avail)
            S->h[it->row + it->rowspan - 1] += n - avail;
    }
    for (int r = 0; r < L->nrows; r++)
        k.height += (long long)S->h[r];
    return k;
}

static void refresh(const struct layout *L, struct shrink *S, int c)
{
    for (size_t i = 0; i < L->nitems; i++)
        if (covers(&L->items[i], c))
            S->cache[i] = item_lines_o(L, &L->items[i], &S->orphan[i]);
}

/* Is taking k1 columns off for extra cost d1 a better deal than k2 columns for d2?
 * Compared per column saved, then the bigger saving wins. */
static bool better_deal(long long d1, size_t k1, long long d2, size_t k2)
{
    long long a = d1 * (long long)k2, b = d2 * (long long)k1;
    if (a != b)
        return a < b;
    return k1 > k2;
}

/* The search below re-wraps a column's cells for every candidate column and width, so its
 * steps cost about cells x columns. Report tables are far below this bound (表三: 280
 * cells x 10 columns); bigger ones shrink widest column first instead. */
#define SHRINK_SEARCH_MAX_WORK 20000

/* Takes columns off text columns until the table fits TABLE_BUDGET or every text column
 * is at its floor, each time choosing the column and amount that cost the fewest extra
 * lines per column saved. Reports have a few hundred cells, so trying every candidate is
 * cheap, and it finds what a person would: "社会公益/组织" in a header before a label
 * column of twenty rows turns into a stack of two-character lines. */
static void shrink_to_budget(struct layout *L, struct shrink *S, const size_t *hard, const bool *text)
{
    size_t total = span_width(L, 0, L->ncols) + 4;
    if (total <= TABLE_BUDGET)
        return;
    size_t least = 3 * (size_t)L->ncols + 1;
    for (int c = 0; c < L->ncols; c++)
        least += text[c] && hard[c] < L->w[c] ? hard[c] : L->w[c];
    if (least >= TABLE_BUDGET) { /* it cannot fit: every choice ends at the floors */
        for (int c = 0; c < L->ncols; c++)
            if (text[c] && hard[c] < L->w[c])
                L->w[c] = hard[c];
        for (int c = 0; c < L->ncols; c++)
            refresh(L, S, c);
        return;
    }
    bool search = L->nitems * (size_t)L->ncols <= SHRINK_SEARCH_MAX_WORK;
    struct cost now = measure(L, S, -1);
    while (total > TABLE_BUDGET) {
        size_t excess = total - TABLE_BUDGET;
        int best = -1;
        size_t best_k = 0;
        long long best_d = 0;
        for (int c = 0; c < L->ncols; c++) {
            if (!text[c] || L->w[c] <= hard[c])
                continue;
            if (!search) {
                if (best < 0 || L->w[c] > L->w[best])
                    best = c, best_k = 1;
                continue;
            }
            size_t room = L->w[c] - hard[c];
            for (size_t k = 1; k <= room && k <= excess; k++) {
                L->w[c] -= k;
                struct cost after = measure(L, S, c);
                L->w[c] += k;
                long long d = cost_value(after) - cost_value(now);
                if (best < 0 || better_deal(d, k, best_d, best_k) ||
                    (!better_deal(best_d, best_k, d, k) && L->w[c] > L->w[best]))
                    best = c, best_k = k, best_d = d;
            }
        }
        if (best < 0)
            break; /* numbers and floors alone are wider: so be it */
        L->w[best] -= best_k;
        total -= best_k;
        refresh(L, S, best);
        now = measure(L, S, -1);
    }
}

/* Narrows each text column while that costs nothing: the table gets no taller, no body
 * cell needs another line, and no cell comes to end in an orphan. A label wrapped at 6
 * columns as "结果维/持" comes out as "结果/维持" at 4, and header cells may stack their
 * words within the height the header has anyway (so the twelve leaf labels of 表四 all
 * come out alike). */
static void tighten(struct layout *L, struct shrink *S, const size_t *hard, const bool *text)
{
    struct cost now = measure(L, S, -1);
    for (int c = 0; c < L->ncols; c++) {
        if (!text[c])
            continue;
        /* Narrowest acceptable width first: the conditions are not monotonic (at 7 and 5
         * "其他结果" leaves an orphan, at 4 it does not). */
        size_t keep = L->w[c];
        for (size_t w = hard[c] > 1 ? hard[c] : 1; w < keep; w++) {
            L->w[c] = w;
            bool ok = measure(L, S, c).height <= now.height;
            for (size_t i = 0; i < L->nitems && ok; i++) {
                const struct item *it = &L->items[i];
                if (!covers(it, c))
                    continue;
                bool orphan;
                size_t n = item_lines_o(L, it, &orphan);
                ok = !orphan || S->orphan[i];
                if (it->row >= L->t->header_rows)
                    ok = ok && n == S->cache[i];
            }
            if (ok)
                break;
            L->w[c] = keep;
        }
        if (L->w[c] != keep) {
            refresh(L, S, c);
            now = measure(L, S, -1);
        }
    }
}

static void column_widths(struct layout *L)
{
    int nc = L->ncols;
    L->w = xcalloc((size_t)nc, sizeof *L->w);
    size_t *hard = xcalloc((size_t)nc, sizeof *hard);
    bool *text = xcalloc((size_t)nc, sizeof *text);
    for (size_t i = 0; i < L->nitems; i++) {
        const struct item *it = &L->items[i];
        if (it->colspan != 1)
            continue;
        int c = it->col;
        size_t want, floor;
        if (it->flags & DOC_NUM) {
            want = floor = it->nat;
        } else {
            want = it->nat < TEXT_MAX ? it->nat : TEXT_MAX;
            size_t least = it->row < L->t->header_rows ? HEAD_FLOOR : BODY_FLOOR;
            floor = it->nat < least ? it->nat : least;
            size_t unit = min_unit(it->text);
            if (unit > floor)
                floor = unit;
            if (it->nat)
                text[c] = true;
        }
        if (want > L->w[c])
            L->w[c] = want;
        if (floor > hard[c])
            hard[c] = floor;
    }
    for (int c = 0; c < nc; c++)
        if (L->w[c] < 1)
            L->w[c] = 1;

    struct shrink S = {xmalloc(L->nitems * sizeof *S.cache), xmalloc(L->nitems * sizeof *S.orphan),
                       xmalloc((size_t)L->nrows * sizeof *S.h), xmalloc(L->nitems * sizeof *S.tall), 0};
    for (size_t i = 0; i < L->nitems; i++) {
        S.cache[i] = item_lines_o(L, &L->items[i], &S.orphan[i]);
        if (L->items[i].rowspan > 1)
            S.tall[S.ntall++] = &L->items[i];
    }
    qsort(S.tall, S.ntall, sizeof *S.tall, by_rowspan);
    shrink_to_budget(L, &S, hard, text);
    tighten(L, &S, hard, text);
    free(S.cache);
    free(S.orphan);
    free(S.h);
    free(S.tall);

    /* Spanning cells last, narrowest first, so that a wide one sees the room the narrower
     * ones have already made; what is missing is shared out over the spanned columns. */
    struct item **spanning = xmalloc(L->nitems * sizeof *spanning);
    size_t ns = 0;
    for (size_t i = 0; i < L->nitems; i++)
        if (L->items[i].colspan > 1)
            spanning[ns++] = &L->items[i];
    qsort(spanning, ns, sizeof *spanning, by_colspan);
    for (size_t i = 0; i < ns; i++) {
        const struct item *it = spanning[i];
        size_t avail = span_width(L, it->col, it->colspan);
        size_t want = it->nat;
        if (!(it->flags & DOC_NUM)) {
            size_t cap = avail > TEXT_MAX ? avail : TEXT_MAX;
            if (want > cap)
                want = cap;
        }
        if (want <= avail)
            continue;
        size_t extra = want - avail, k = (size_t)it->colspan;
        for (int c = it->col; c < it->col + it->colspan; c++) {
            size_t share = extra / k + ((size_t)(c - it->col) < extra % k ? 1 : 0);
            L->w[c] += share;
        }
    }
    free(spanning);
    free(hard);
    free(text);
}

static void row_heights(struct layout *L)
{
    L->h = xmalloc((size_t)L->nrows * sizeof *L->h);
    for (int r = 0; r < L->nrows; r++)
        L->h[r] = 1;
    struct item **tall = xmalloc((L->nitems ? L->nitems : 1) * sizeof *tall);
    size_t nt = 0;
    for (size_t i = 0; i < L->nitems; i++) {
        struct item *it = &L->items[i];
        it->width = span_width(L, it->col, it->colspan);
        if (it->flags & DOC_NUM)
            add_line(&it->lines, it->text, 0, strlen(it->text)); /* numbers never wrap */
        else
            wrap(it->text, it->width, &it->lines, NULL);
        if (it->rowspan == 1) {
            if (it->lines.n > L->h[it->row])
                L->h[it->row] = it->lines.n;
        } else {
            tall[nt++] = it;
        }
    }
    qsort(tall, nt, sizeof *tall, by_rowspan);
    for (size_t i = 0; i < nt; i++) {
        const struct item *it = tall[i];
        size_t avail = (size_t)(it->rowspan - 1); /* the rules between its rows */
        for (int r = it->row; r < it->row + it->rowspan; r++)
            avail += L->h[r];
        if (it->lines.n > avail)
            L->h[it->row + it->rowspan - 1] += it->lines.n - avail;
    }
    free(tall);
    L->top = xmalloc((size_t)(L->nrows + 1) * sizeof *L->top);
    size_t line = 1;
    for (int r = 0; r <= L->nrows; r++) {
        L->top[r] = line;
        if (r < L->nrows)
            line += L->h[r] + 1;
    }
}

static void put_spaces(buf_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf_putc(out, ' ');
}

/* Line `li` of an item's region, padded to its width plus one space on each side. */
static void put_segment(buf_t *out, const struct item *it, size_t li)
{
    size_t inner = it->width, used = 0, left = 0;
    const struct seg *s = li < it->lines.n ? &it->lines.v[li] : NULL;
    if (s) {
        used = s->width < inner ? s->width : inner;
        if (it->flags & DOC_NUM)
            left = inner - used;
        else if (!(it->flags & DOC_LEFT))
            left = (inner - used) / 2;
    }
    buf_putc(out, ' ');
    put_spaces(out, left);
    if (s)
        buf_append(out, it->text + s->off, s->len);
    put_spaces(out, inner - used - left);
    buf_putc(out, ' ');
}

/* The character where rule `b` (above row b) meets the border right of column c. */
static char junction(const struct layout *L, int b, int c, char dash)
{
    int ul = item_at(L, b - 1, c), ur = item_at(L, b - 1, c + 1);
    int dl = item_at(L, b, c), dr = item_at(L, b, c + 1);
    bool horizontal = ul != dl || ur != dr, vertical = ul != ur || dl != dr;
    return horizontal ? (vertical ? '+' : dash) : '|';
}

static void render_rule(buf_t *out, const struct layout *L, int b, size_t line)
{
    char dash = (b == L->t->header_rows && b > 0 && b < L->nrows) ? '=' : '-';
    buf_putc(out, junction(L, b, -1, dash));
    for (int c = 0; c < L->ncols;) {
        int up = item_at(L, b - 1, c), down = item_at(L, b, c);
        if (up == down) { /* a cell spanning across the rule: its text continues here */
            const struct item *it = &L->items[up];
            put_segment(out, it, line - L->top[it->row]);
            c = it->col + it->colspan;
        } else {
            for (size_t i = 0; i < L->w[c] + 2; i++)
                buf_putc(out, dash);
            c++;
        }
        buf_putc(out, junction(L, b, c - 1, dash));
    }
    buf_putc(out, '\n');
}

static void render_row_line(buf_t *out, const struct layout *L, int r, size_t line)
{
    buf_putc(out, '|');
    for (int c = 0; c < L->ncols;) {
        const struct item *it = &L->items[item_at(L, r, c)];
        put_segment(out, it, line - L->top[it->row]);
        buf_putc(out, '|');
        c = it->col + it->colspan;
    }
    buf_putc(out, '\n');
}

static void render_table(buf_t *out, const doc_table_t *t)
{
    struct layout L = {.t = t, .nrows = doc_table_rows(t), .ncols = t->ncols};
    size_t width = 0;
    if (L.nrows > 0) {
        build_items(&L);
        column_widths(&L);
        row_heights(&L);
        width = span_width(&L, 0, L.ncols) + 4;
    }
    if (t->caption && *t->caption) {
        size_t cw = utf8_display_width(t->caption);
        put_spaces(out, cw < width ? (width - cw) / 2 : 0);
        buf_puts(out, t->caption);
        buf_putc(out, '\n');
    }
    if (L.nrows > 0) {
        size_t line = 0;
        for (int r = 0; r <= L.nrows; r++) {
            render_rule(out, &L, r, line++);
            if (r < L.nrows)
                for (size_t k = 0; k < L.h[r]; k++)
                    render_row_line(out, &L, r, line++);
        }
    }
    for (size_t i = 0; i < L.nitems; i++)
        free(L.items[i].lines.v);
    free(L.items);
    free(L.grid);
    free(L.w);
    free(L.h);
    free(L.top);
}

void doc_render_text(const doc_t *d, buf_t *out)
{
    if (d->title && *d->title) {
        size_t tw = utf8_display_width(d->title);
        put_spaces(out, tw < PAGE_WIDTH ? (PAGE_WIDTH - tw) / 2 : 0);
        buf_puts(out, d->title);
        buf_puts(out, "\n\n");
    }
    for (size_t i = 0; i < d->nblocks; i++) {
        const struct doc_block *b = &d->blocks[i];
        /* A blank line before headings and around tables; paragraphs follow each other and
         * their heading directly, marked by their indent as in print. */
        if (i > 0 && (b->kind != DOC_BLOCK_PARAGRAPH || d->blocks[i - 1].kind == DOC_BLOCK_TABLE))
            buf_putc(out, '\n');
        switch (b->kind) {
        case DOC_BLOCK_HEADING:
            buf_puts(out, b->text);
            buf_putc(out, '\n');
            break;
        case DOC_BLOCK_PARAGRAPH:
            buf_puts(out, "\xE3\x80\x80\xE3\x80\x80"); /* two U+3000: the paragraph indent */
            buf_puts(out, b->text);
            buf_putc(out, '\n');
            break;
        case DOC_BLOCK_TABLE:
            render_table(out, b->table);
            break;
        }
    }
}
