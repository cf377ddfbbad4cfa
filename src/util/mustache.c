/* Mustache: compile a template once into a flat node array, render it many times.
 *
 * Compilation runs three passes over the source:
 *   1. lex: split the source into tokens (text without newlines, newlines, tags),
 *      applying set-delimiter tags as they come and pairing open/close tags, which
 *      is where syntax errors are found;
 *   2. standalone: look at each line; a line holding only whitespace and one
 *      non-interpolating tag (or an adjacent run of inheritance tags) is removed from
 *      the output, and its leading whitespace becomes the indentation of a partial;
 *   3. build: emit nodes in pre-order into one array; a section records where its
 *      subtree ends, so rendering walks ranges and freeing needs no recursion.
 *
 * Indentation. The spec says a standalone partial's indentation is "prepended to each
 * line of the partial before rendering" (a textual rule). Rather than copying and
 * recompiling a partial per indentation, the compiled text records where each source
 * line starts (after standalone removal); the renderer carries the indentation to add
 * at those points (and, for inheritance blocks, a prefix to strip), which yields the
 * same bytes as the textual rule while a partial stays compiled once. */
#include "util/mustache.h"
#include "util/escape.h"
#include "util/xalloc.h"
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ compiled form */

enum ntype { N_TEXT, N_VAR, N_RAW, N_SECTION, N_INVERTED, N_PARTIAL, N_PARENT, N_BLOCK };

struct node {
    unsigned char type;
    bool dynamic;    /* partial/parent: the name is looked up in the context ({{>*x}}) */
    bool standalone; /* partial/parent/block: the tag stood alone on its line */
    int line;
    size_t end;      /* index just past the subtree (a leaf: its own index + 1) */
    size_t off, len; /* text: bytes in the pool; tags: the name, NUL-terminated */
    size_t seg_off;  /* the name split on '.', each part NUL-terminated */
    size_t nsegs;    /* 0 means the implicit iterator "." */
    size_t bol, nbols;       /* text: offsets where source lines start, in t->bols */
    size_t ind_off, ind_len; /* partial/parent: indentation; block: its own indentation */
};

struct mustache {
    enum mustache_escape escape; /* what {{x}} escapes for when this template is rendered */
    struct node *v;
    size_t n;
    char *pool;   /* every string the nodes refer to, by offset */
    size_t *bols; /* line-start offsets of all text nodes */
};

/* ------------------------------------------------------------------ pass 1: lex */

enum tkind {
    K_TEXT, K_NL, K_VAR, K_RAW, K_SECTION, K_INVERTED, K_CLOSE,
    K_PARTIAL, K_PARENT, K_BLOCK, K_COMMENT, K_DELIM
};

struct tok {
    unsigned char kind;
    unsigned char open_kind; /* K_CLOSE: the kind of tag it closes */
    bool dynamic;
    bool removed;    /* dropped by the standalone rule */
    bool bol;        /* the first surviving token of a source line */
    bool standalone; /* a tag alone on its line */
    bool pair;       /* {{$b}}{{/b}} alone on a line: an empty block that keeps the newline */
    int line;
    const char *s; /* text, or the tag's name (after any '*') */
    size_t n;
    const char *raw; /* tag content after the sigil, trimmed (used to pair open/close) */
    size_t nraw;
    size_t match; /* open <-> close */
    const char *ind; /* leading whitespace of a standalone line */
    size_t nind;
};

struct compiler {
    struct tok *t;
    size_t n, cap;
    char *err;
};

__attribute__((format(printf, 3, 4))) static void cerror(struct compiler *c, int line,
                                                          const char *fmt, ...)
{
    if (c->err)
        return;
    buf_t b = BUF_INIT;
    buf_printf(&b, "line %d: ", line);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    c->err = buf_take(&b);
}

static struct tok *push_tok(struct compiler *c, enum tkind kind, int line)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->t = xrealloc(c->t, c->cap * sizeof *c->t);
    }
    struct tok *k = &c->t[c->n++];
    memset(k, 0, sizeof *k);
    k->kind = (unsigned char)kind;
    k->line = line;
    return k;
}

static bool is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f';
}

static bool is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return true;
}

static void trim(const char **s, size_t *n)
{
    while (*n && is_space(**s))
        (*s)++, (*n)--;
    while (*n && is_space((*s)[*n - 1]))
        (*n)--;
}

static const char *find(const char *p, const char *end, const char *pat, size_t npat)
{
    while ((size_t)(end - p) >= npat) {
        const char *q = memchr(p, pat[0], (size_t)(end - p) - npat + 1);
        if (!q)
            return NULL;
        if (memcmp(q, pat, npat) == 0)
            return q;
        p = q + 1;
    }
    return NULL;
}

/* The closing delimiter preceded by ch (for "}}}" and "=}}"), searched from p. */
static const char *find_after(const char *p, const char *end, char ch, const char *ctag,
                              size_t nc)
{
    for (const char *q = p; (q = find(q, end, ctag, nc)); q++)
        if (q > p && q[-1] == ch)
            return q - 1;
    return NULL;
}

/* Text between tags becomes K_TEXT runs without newlines and K_NL tokens ("\n" or
 * "\r\n"), so that pass 2 sees lines directly. */
static void lex_text(struct compiler *c, const char *p, const char *end, int *line)
{
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        const char *text_end = stop;
        if (nl && nl > p && nl[-1] == '\r')
            text_end = nl - 1;
        if (text_end > p) {
            struct tok *k = push_tok(c, K_TEXT, *line);
            k->s = p;
            k->n = (size_t)(text_end - p);
        }
        if (!nl)
            break;
        struct tok *k = push_tok(c, K_NL, *line);
        k->s = text_end;
        k->n = (size_t)(nl + 1 - text_end);
        (*line)++;
        p = nl + 1;
    }
}

/* "{{/x}}" closes "{{#x}}"; spaces inside the tag and after a dynamic-name '*' do not
 * count: "{{<* page}}" is closed by "{{/ *page}}". */
static void split_star(const struct tok *k, bool *star, const char **s, size_t *n)
{
    *s = k->raw;
    *n = k->nraw;
    *star = *n && **s == '*';
    if (*star) {
        (*s)++, (*n)--;
        trim(s, n);
    }
}

static bool same_key(const struct tok *a, const struct tok *b)
{
    bool sa, sb;
    const char *na, *nb;
    size_t la, lb;
    split_star(a, &sa, &na, &la);
    split_star(b, &sb, &nb, &lb);
    return sa == sb && la == lb && memcmp(na, nb, la) == 0;
}

static const char *kind_name(unsigned char kind)
{
    switch (kind) {
    case K_INVERTED: return "inverted section";
    case K_PARENT: return "parent";
    case K_BLOCK: return "block";
    default: return "section";
    }
}

static bool lex(struct compiler *c, const char *src)
{
    const char *p = src, *end = src + strlen(src);
    const char *otag = "{{", *ctag = "}}";
    size_t no = 2, nc = 2;
    int line = 1;
    size_t *open = NULL, nopen = 0, capopen = 0;

    while (p < end && !c->err) {
        const char *q = find(p, end, otag, no);
        lex_text(c, p, q ? q : end, &line);
        if (!q)
            break;
        int tline = line;
        const char *b = q + no; /* content start */
        char sig = b < end ? *b : '\0';
        const char *cend; /* where the closing sequence starts */
        size_t nclose = nc;
        if (sig == '{' || sig == '=') {
            cend = find_after(b + 1, end, sig == '{' ? '}' : '=', ctag, nc);
            nclose = nc + 1;
        } else {
            cend = find(b, end, ctag, nc);
        }
        if (!cend) {
            cerror(c, tline, "unclosed tag: '%.*s' without a matching '%s%.*s'", (int)no, otag,
                   sig == '{' ? "}" : sig == '=' ? "=" : "", (int)nc, ctag);
            break;
        }
        for (const char *x = q; x < cend; x++)
            line += *x == '\n';
        p = cend + nclose;

        enum tkind kind;
        const char *s = b + 1;
        switch (sig) {
        case '!': kind = K_COMMENT; break;
        case '#': kind = K_SECTION; break;
        case '^': kind = K_INVERTED; break;
        case '/': kind = K_CLOSE; break;
        case '>': kind = K_PARTIAL; break;
        case '<': kind = K_PARENT; break;
        case '$': kind = K_BLOCK; break;
        case '&': kind = K_RAW; break;
        case '{': kind = K_RAW; break;
        case '=': kind = K_DELIM; break;
        default: kind = K_VAR; s = b; break;
        }
        struct tok *k = push_tok(c, kind, tline);
        size_t n = (size_t)(cend - s);
        if (kind == K_COMMENT)
            continue;
        trim(&s, &n);
        if (kind == K_DELIM) {
            /* "=<% %>=": two delimiters separated by whitespace, neither empty nor
             * holding whitespace or '=' (which would make the tag ambiguous). */
            size_t i = 0;
            while (i < n && !is_space(s[i]))
                i++;
            const char *o2 = s, *c2 = s + i;
            size_t no2 = i, nc2 = n - i;
            trim(&c2, &nc2);
            bool ok = no2 > 0 && nc2 > 0 && !memchr(o2, '=', no2) && !memchr(c2, '=', nc2);
            for (size_t j = 0; ok && j < nc2; j++)
                ok = !is_space(c2[j]);
            if (!ok) {
                cerror(c, tline, "bad delimiter tag '%.*s': want two delimiters "
                       "without spaces or '=', e.g. {{=<%% %%>=}}", (int)n, s);
                break;
            }
            otag = o2, no = no2, ctag = c2, nc = nc2;
            continue;
        }
        k->raw = s;
        k->nraw = n;
        if (n && *s == '*' && (kind == K_PARTIAL || kind == K_PARENT)) {
            k->dynamic = true;
            s++, n--;
            trim(&s, &n);
        }
        k->s = s;
        k->n = n;
        if (n == 0) {
            cerror(c, tline, "empty tag name");
            break;
        }
        for (size_t j = 0; j < n; j++)
            if (is_space(s[j])) {
                cerror(c, tline, "bad tag name '%.*s' (names hold no spaces)", (int)n, s);
                break;
            }
        if (kind == K_SECTION || kind == K_INVERTED || kind == K_PARENT || kind == K_BLOCK) {
            if (nopen == capopen) {
                capopen = capopen ? capopen * 2 : 16;
                open = xrealloc(open, capopen * sizeof *open);
            }
            open[nopen++] = c->n - 1;
        } else if (kind == K_CLOSE) {
            if (!nopen) {
                cerror(c, tline, "close tag '%.*s' but no section is open", (int)k->nraw,
                       k->raw);
                break;
            }
            struct tok *o = &c->t[open[nopen - 1]];
            if (!same_key(o, k)) {
                cerror(c, tline, "mismatched close tag '%.*s': the open %s is '%.*s' (line %d)",
                       (int)k->nraw, k->raw, kind_name(o->kind), (int)o->nraw, o->raw, o->line);
                break;
            }
            o->match = c->n - 1;
            k->match = open[--nopen];
            k->open_kind = o->kind;
        }
    }
    if (!c->err && nopen) {
        const struct tok *o = &c->t[open[nopen - 1]];
        cerror(c, o->line, "unclosed %s '%.*s'", kind_name(o->kind), (int)o->nraw, o->raw);
    }
    free(open);
    return !c->err;
}

/* ------------------------------------------------------------------ pass 2: standalone */

static bool can_stand_alone(unsigned char kind)
{
    return kind != K_TEXT && kind != K_NL && kind != K_VAR && kind != K_RAW;
}

/* Inheritance tags may share a standalone line ("{{<page}}{{$body}}", "{{/body}}{{/page}}",
 * "{{$b}}{{/b}}"), as ~inheritance.json expects; other tags stand alone only singly. */
static bool inheritance_tag(const struct tok *k)
{
    return k->kind == K_PARENT || k->kind == K_BLOCK ||
           (k->kind == K_CLOSE && (k->open_kind == K_PARENT || k->open_kind == K_BLOCK));
}

static void mark_line(struct compiler *c, size_t a, size_t lend)
{
    size_t ntags = 0, first = 0, last = 0;
    bool ok = true, inherit = true;
    for (size_t i = a; i < lend; i++) {
        const struct tok *k = &c->t[i];
        if (k->kind == K_TEXT) {
            ok = ok && is_blank(k->s, k->n);
        } else if (k->kind != K_NL) {
            ok = ok && can_stand_alone(k->kind);
            inherit = inherit && inheritance_tag(k);
            if (!ntags)
                first = i;
            last = i;
            ntags++;
        }
    }
    /* Several tags must also be adjacent: no whitespace between them. */
    bool alone = ok && (ntags == 1 || (ntags > 1 && inherit && last - first + 1 == ntags));
    if (!alone) {
        c->t[a].bol = true;
        return;
    }
    bool pair = ntags == 2 && c->t[first].kind == K_BLOCK && c->t[first].match == last;
    const char *ind = c->t[first].s;
    size_t nind = 0;
    if (c->t[a].kind == K_TEXT)
        ind = c->t[a].s, nind = c->t[a].n;
    for (size_t i = a; i < lend; i++) {
        struct tok *k = &c->t[i];
        if (k->kind == K_TEXT || (k->kind == K_NL && !pair)) {
            k->removed = true;
        } else if (k->kind != K_NL) {
            k->standalone = true;
            k->ind = ind;
            k->nind = nind;
        }
    }
    c->t[first].pair = pair;
}

/* A standalone block's indentation, which is removed from an overriding block's lines
 * and added to the lines of whatever the block expands to: the leading whitespace of
 * its first line with content ("Intrinsic indentation" in ~inheritance.json); for an
 * empty block, that of the open tag. */
static void block_indent(struct compiler *c, size_t i)
{
    struct tok *k = &c->t[i];
    size_t j = i;
    while (j < c->n && c->t[j].kind != K_NL)
        j++;
    for (j++; j < c->n && j <= k->match;) {
        size_t e = j;
        bool content = false, has_close = false;
        for (; e < c->n && c->t[e].kind != K_NL; e++) {
            const struct tok *x = &c->t[e];
            if (e == k->match)
                has_close = true;
            else if (x->kind != K_TEXT || !is_blank(x->s, x->n))
                content = true;
        }
        if (content) {
            const struct tok *x = &c->t[j];
            size_t w = 0;
            if (x->kind == K_TEXT)
                while (w < x->n && (x->s[w] == ' ' || x->s[w] == '\t'))
                    w++;
            k->ind = x->s;
            k->nind = w;
            return;
        }
        if (has_close)
            return; /* empty: keep the open tag's indentation */
        j = e + 1;
    }
}

static void standalone(struct compiler *c)
{
    for (size_t a = 0; a < c->n;) {
        size_t b = a;
        while (b < c->n && c->t[b].kind != K_NL)
            b++;
        size_t lend = b < c->n ? b + 1 : c->n;
        mark_line(c, a, lend);
        a = lend;
    }
    for (size_t i = 0; i < c->n; i++)
        if (c->t[i].kind == K_BLOCK && c->t[i].standalone && !c->t[i].pair)
            block_indent(c, i);
}

/* ------------------------------------------------------------------ pass 3: build */

struct builder {
    struct node *v;
    size_t n, cap;
    buf_t pool;
    size_t *bols;
    size_t nbols, capbols;
    size_t last_text; /* index of a text node that may still grow, or SIZE_MAX */
};

static struct node *push_node(struct builder *b, enum ntype type, int line)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 32;
        b->v = xrealloc(b->v, b->cap * sizeof *b->v);
    }
    struct node *nd = &b->v[b->n++];
    memset(nd, 0, sizeof *nd);
    nd->type = (unsigned char)type;
    nd->line = line;
    nd->end = b->n;
    if (type != N_TEXT)
        b->last_text = SIZE_MAX;
    return nd;
}

/* The text node that the next text (or line start) joins: the previous node if it is
 * text whose bytes end the pool, else a new empty one. Comments and delimiter tags
 * emit nothing, so text on both sides of them becomes one node. */
static struct node *text_node(struct builder *b, int line)
{
    if (b->last_text != SIZE_MAX) {
        struct node *nd = &b->v[b->last_text];
        if (nd->off + nd->len == b->pool.len)
            return nd;
    }
    struct node *nd = push_node(b, N_TEXT, line);
    nd->off = b->pool.len;
    nd->bol = b->nbols;
    b->last_text = b->n - 1;
    return nd;
}

static void mark_bol(struct builder *b, int line)
{
    struct node *nd = text_node(b, line);
    if (b->nbols == b->capbols) {
        b->capbols = b->capbols ? b->capbols * 2 : 32;
        b->bols = xrealloc(b->bols, b->capbols * sizeof *b->bols);
    }
    b->bols[b->nbols++] = nd->len;
    nd->nbols++;
}

static size_t pool_str(buf_t *pool, const char *s, size_t n)
{
    size_t off = pool->len;
    buf_append(pool, s, n);
    buf_putc(pool, '\0');
    return off;
}

static void set_name(struct builder *b, struct node *nd, const struct tok *k)
{
    nd->off = pool_str(&b->pool, k->s, k->n);
    nd->len = k->n;
    nd->seg_off = b->pool.len;
    nd->nsegs = 0;
    if (k->n == 1 && k->s[0] == '.')
        return;
    const char *p = k->s, *end = k->s + k->n;
    for (;;) {
        const char *dot = memchr(p, '.', (size_t)(end - p));
        const char *stop = dot ? dot : end;
        pool_str(&b->pool, p, (size_t)(stop - p));
        nd->nsegs++;
        if (!dot)
            break;
        p = dot + 1;
    }
}

static mustache_t *build(struct compiler *c)
{
    struct builder b = {.last_text = SIZE_MAX};
    size_t *stack = xmalloc((c->n + 1) * sizeof *stack), sp = 0;
    for (size_t i = 0; i < c->n; i++) {
        const struct tok *k = &c->t[i];
        if (k->removed)
            continue;
        if (k->kind == K_TEXT || k->kind == K_NL) {
            if (k->bol)
                mark_bol(&b, k->line);
            struct node *nd = text_node(&b, k->line);
            buf_append(&b.pool, k->s, k->n);
            nd->len += k->n;
            continue;
        }
        if (k->bol)
            mark_bol(&b, k->line);
        struct node *nd;
        switch (k->kind) {
        case K_VAR:
        case K_RAW:
            nd = push_node(&b, k->kind == K_VAR ? N_VAR : N_RAW, k->line);
            set_name(&b, nd, k);
            break;
        case K_SECTION:
        case K_INVERTED:
        case K_PARENT:
        case K_BLOCK:
            nd = push_node(&b,
                           k->kind == K_SECTION    ? N_SECTION
                           : k->kind == K_INVERTED ? N_INVERTED
                           : k->kind == K_PARENT   ? N_PARENT
                                                   : N_BLOCK,
                           k->line);
            set_name(&b, nd, k);
            nd->dynamic = k->dynamic;
            nd->standalone = k->standalone;
            nd->ind_off = pool_str(&b.pool, k->ind ? k->ind : "", k->nind);
            nd->ind_len = k->nind;
            stack[sp++] = b.n - 1;
            break;
        case K_CLOSE:
            b.v[stack[--sp]].end = b.n;
            b.last_text = SIZE_MAX;
            break;
        case K_PARTIAL:
            nd = push_node(&b, N_PARTIAL, k->line);
            set_name(&b, nd, k);
            nd->dynamic = k->dynamic;
            nd->standalone = k->standalone;
            nd->ind_off = pool_str(&b.pool, k->ind ? k->ind : "", k->nind);
            nd->ind_len = k->nind;
            break;
        default: /* comments and delimiter tags leave nothing behind */
            break;
        }
    }
    free(stack);
    mustache_t *t = xcalloc(1, sizeof *t);
    t->v = b.v;
    t->n = b.n;
    t->pool = buf_take(&b.pool);
    t->bols = b.bols;
    return t;
}

mustache_t *mustache_compile_as(const char *src, enum mustache_escape escape, char **err)
{
    struct compiler c = {0};
    mustache_t *t = NULL;
    if (lex(&c, src)) {
        standalone(&c);
        t = build(&c);
        t->escape = escape;
    }
    free(c.t);
    if (!t) {
        if (err)
            *err = c.err;
        else
            free(c.err);
    }
    return t;
}

mustache_t *mustache_compile(const char *src, char **err)
{
    return mustache_compile_as(src, MUSTACHE_ESCAPE_HTML, err);
}

enum mustache_escape mustache_escape_for_name(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    bool xml = (n >= 4 && strcmp(name + n - 4, ".xml") == 0) || (n >= 5 && strcmp(name + n - 5, ".atom") == 0);
    return xml ? MUSTACHE_ESCAPE_XML : MUSTACHE_ESCAPE_HTML;
}

int mustache_each_raw(const mustache_t *t, int (*fn)(const char *name, int line, void *ud), void *ud)
{
    for (size_t i = 0; t && i < t->n; i++)
        if (t->v[i].type == N_RAW) {
            int rc = fn(t->pool + t->v[i].off, t->v[i].line, ud);
            if (rc)
                return rc;
        }
    return 0;
}

void mustache_free(mustache_t *t)
{
    if (!t)
        return;
    free(t->v);
    free(t->pool);
    free(t->bols);
    free(t);
}

/* ------------------------------------------------------------------ library */

struct lib_entry {
    char *name;
    mustache_t *t;
};

struct mustache_lib {
    struct lib_entry *v;
    size_t n, cap;
};

mustache_lib_t *mustache_lib_new(void)
{
    return xcalloc(1, sizeof(mustache_lib_t));
}

void mustache_lib_free(mustache_lib_t *lib)
{
    if (!lib)
        return;
    for (size_t i = 0; i < lib->n; i++) {
        free(lib->v[i].name);
        mustache_free(lib->v[i].t);
    }
    free(lib->v);
    free(lib);
}

/* Binary search over the sorted names: the index of name, or where it would go. */
static size_t lib_slot(const mustache_lib_t *lib, const char *name, bool *found)
{
    size_t lo = 0, hi = lib->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(lib->v[mid].name, name);
        if (cmp == 0) {
            *found = true;
            return mid;
        }
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = false;
    return lo;
}

int mustache_lib_add(mustache_lib_t *lib, const char *name, const char *src, char **err)
{
    char *e = NULL;
    mustache_t *t = mustache_compile_as(src, mustache_escape_for_name(name), &e);
    if (!t) {
        if (err)
            *err = xasprintf("%s: %s", name, e);
        free(e);
        return -1;
    }
    bool found;
    size_t i = lib_slot(lib, name, &found);
    if (found) {
        mustache_free(lib->v[i].t);
        lib->v[i].t = t;
        return 0;
    }
    if (lib->n == lib->cap) {
        lib->cap = lib->cap ? lib->cap * 2 : 16;
        lib->v = xrealloc(lib->v, lib->cap * sizeof *lib->v);
    }
    memmove(&lib->v[i + 1], &lib->v[i], (lib->n - i) * sizeof *lib->v);
    lib->v[i].name = xstrdup(name);
    lib->v[i].t = t;
    lib->n++;
    return 0;
}

const mustache_t *mustache_lib_get(const mustache_lib_t *lib, const char *name)
{
    bool found;
    size_t i = lib_slot(lib, name, &found);
    return found ? lib->v[i].t : NULL;
}

/* ------------------------------------------------------------------ render */

/* Indentation in force: at each source line start, strip this prefix of whitespace
 * (an overriding block's own indentation) and add that one (partials', blocks'). */
struct ind {
    const char *strip;
    size_t nstrip;
    const char *add;
    size_t nadd;
};

struct frame { /* a parent tag being expanded: its blocks override the parent's */
    const mustache_t *t;
    size_t node;
};

struct cached {
    char *name;
    mustache_t *t; /* NULL: the loader does not know the name */
};

struct render {
    const json_t **stack;
    size_t sp, scap;
    struct frame *fr;
    size_t nf, fcap;
    mustache_partial_fn fn;
    void *ud;
    const mustache_lib_t *lib;
    struct cached *pc;
    size_t npc, pccap;
    buf_t *out;
    enum mustache_escape escape; /* the document's: the template render_with() started from */
    int depth;
    char *err;
};

static int render_range(struct render *r, const mustache_t *t, size_t b, size_t e,
                        const struct ind *in);

static const json_t *lookup(const struct render *r, const mustache_t *t, const struct node *nd)
{
    if (nd->nsegs == 0)
        return r->sp ? r->stack[r->sp - 1] : NULL;
    const char *seg = t->pool + nd->seg_off;
    const json_t *v = NULL;
    for (size_t i = r->sp; i-- > 0;)
        if (json_is_object(r->stack[i]) && (v = json_object_get(r->stack[i], seg)))
            break;
    /* The rest of a dotted name resolves against the value found, never the stack
     * again ("Dotted Names - Context Precedence"). */
    for (size_t k = 1; v && k < nd->nsegs; k++) {
        seg += strlen(seg) + 1;
        if (json_is_object(v)) {
            v = json_object_get(v, seg);
        } else if (json_is_array(v) && *seg && strspn(seg, "0123456789") == strlen(seg) &&
                   strlen(seg) < 10) {
            v = json_array_get(v, (size_t)strtoul(seg, NULL, 10));
        } else {
            v = NULL;
        }
    }
    return v;
}

static bool truthy(const json_t *v)
{
    if (!v)
        return false;
    switch (json_typeof(v)) {
    case JSON_OBJECT: return true;
    case JSON_ARRAY: return json_array_size(v) > 0;
    case JSON_STRING: return json_string_length(v) > 0;
    case JSON_INTEGER: return json_integer_value(v) != 0;
    case JSON_REAL: return json_real_value(v) < 0 || json_real_value(v) > 0;
    case JSON_TRUE: return true;
    default: return false;
    }
}

/* A scalar's text: (*s, *n) points into v or into tmp (at least 32 bytes). */
static bool scalar_text(const json_t *v, char *tmp, const char **s, size_t *n)
{
    if (!v)
        return false;
    switch (json_typeof(v)) {
    case JSON_STRING:
        *s = json_string_value(v);
        *n = json_string_length(v);
        return true;
    case JSON_INTEGER:
        *n = (size_t)snprintf(tmp, 32, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        *s = tmp;
        return true;
    case JSON_REAL: {
        /* The shortest decimal that reads back as the same double: 1.21, not
         * 1.2100000000000000. */
        double d = json_real_value(v);
        int k = 0;
        for (int prec = 1; prec <= 17; prec++) {
            k = snprintf(tmp, 32, "%.*g", prec, d);
            if (strtod(tmp, NULL) == d)
                break;
        }
        *s = tmp;
        *n = (size_t)k;
        return true;
    }
    case JSON_TRUE:
        *s = "true", *n = 4;
        return true;
    case JSON_FALSE:
        *s = "false", *n = 5;
        return true;
    default:
        return false;
    }
}

static void put_escaped(buf_t *out, enum mustache_escape escape, const char *s, size_t n)
{
    if (escape == MUSTACHE_ESCAPE_XML) {
        esc_xml_n(out, s, n);
        return;
    }
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break; /* single-quoted attributes */
        default: continue;
        }
        buf_append(out, s + run, i - run);
        buf_puts(out, rep);
        run = i + 1;
    }
    buf_append(out, s + run, n - run);
}

static void put_text(struct render *r, const mustache_t *t, const struct node *nd,
                     const struct ind *in)
{
    const char *s = t->pool + nd->off;
    if (!nd->nbols || (!in->nadd && !in->nstrip)) {
        buf_append(r->out, s, nd->len);
        return;
    }
    size_t pos = 0;
    for (size_t k = 0; k < nd->nbols; k++) {
        size_t o = t->bols[nd->bol + k];
        buf_append(r->out, s + pos, o - pos);
        buf_append(r->out, in->add, in->nadd);
        size_t m = 0;
        while (m < in->nstrip && o + m < nd->len && s[o + m] == in->strip[m])
            m++;
        pos = o + m;
    }
    buf_append(r->out, s + pos, nd->len - pos);
}

static void push_ctx(struct render *r, const json_t *v)
{
    if (r->sp == r->scap) {
        r->scap = r->scap ? r->scap * 2 : 16;
        r->stack = xrealloc(r->stack, r->scap * sizeof *r->stack);
    }
    r->stack[r->sp++] = v;
}

/* The partial (or parent) called name: from the library if rendering from one, else
 * from the loader, compiled once per render and kept for the rest of it. */
static int get_partial(struct render *r, const char *name, const mustache_t **pt)
{
    if (r->lib) {
        *pt = mustache_lib_get(r->lib, name);
        return 0;
    }
    for (size_t i = 0; i < r->npc; i++)
        if (strcmp(r->pc[i].name, name) == 0) {
            *pt = r->pc[i].t;
            return 0;
        }
    const char *src = r->fn ? r->fn(r->ud, name) : NULL;
    mustache_t *t = NULL;
    if (src) {
        char *e = NULL;
        if (!(t = mustache_compile(src, &e))) {
            r->err = xasprintf("partial '%s': %s", name, e);
            free(e);
            return -1;
        }
    }
    if (r->npc == r->pccap) {
        r->pccap = r->pccap ? r->pccap * 2 : 8;
        r->pc = xrealloc(r->pc, r->pccap * sizeof *r->pc);
    }
    r->pc[r->npc].name = xstrdup(name);
    r->pc[r->npc].t = t;
    r->npc++;
    *pt = t;
    return 0;
}

/* The name of a partial or parent tag: its text, or for {{>*x}} the value of x. */
static const char *tag_target(const struct render *r, const mustache_t *t, const struct node *nd,
                              char *tmp)
{
    if (!nd->dynamic)
        return t->pool + nd->off;
    const char *s;
    size_t n;
    if (!scalar_text(lookup(r, t, nd), tmp, &s, &n) || n == 0 || strlen(s) != n)
        return NULL;
    return s;
}

/* An indentation string a+b; small ones live in the caller's scratch. */
static const char *cat(char *scratch, size_t nscratch, char **heap, const char *a, size_t na,
                       const char *b, size_t nb)
{
    char *p = na + nb <= nscratch ? scratch : (*heap = xmalloc(na + nb));
    memcpy(p, a, na);
    memcpy(p + na, b, nb);
    return p;
}

/* How much of s (a tag's leading whitespace) the current strip removes. */
static size_t stripped(const char *s, size_t n, const struct ind *in)
{
    size_t m = 0;
    while (m < n && m < in->nstrip && s[m] == in->strip[m])
        m++;
    return m;
}

/* A partial or parent: rendered against the same context; a standalone tag's
 * indentation goes before every line of it. */
static int expand(struct render *r, const mustache_t *t, const struct node *nd,
                  const struct ind *in, const mustache_t *pt)
{
    struct ind in2 = {"", 0, "", 0};
    char scratch[128], *heap = NULL;
    if (nd->standalone) {
        const char *ind = t->pool + nd->ind_off;
        size_t m = stripped(ind, nd->ind_len, in);
        in2.add = cat(scratch, sizeof scratch, &heap, in->add, in->nadd, ind + m, nd->ind_len - m);
        in2.nadd = in->nadd + nd->ind_len - m;
    }
    int rc = render_range(r, pt, 0, pt->n, &in2);
    free(heap);
    return rc;
}

/* A block's override is searched from the outermost parent tag inwards: the template
 * being rendered overrides its parent's blocks, and those override the grandparent's
 * ("Multi-level inheritance"). Only blocks directly inside a parent tag count; other
 * content there is ignored, as the spec says. */
static bool find_override(const struct render *r, const char *name, const mustache_t **ot,
                          size_t *on)
{
    for (size_t f = 0; f < r->nf; f++) {
        const mustache_t *t = r->fr[f].t;
        const struct node *p = &t->v[r->fr[f].node];
        for (size_t i = r->fr[f].node + 1; i < p->end; i = t->v[i].end) {
            if (t->v[i].type == N_BLOCK && strcmp(t->pool + t->v[i].off, name) == 0) {
                *ot = t;
                *on = i;
                return true;
            }
        }
    }
    return false;
}

static int render_block(struct render *r, const mustache_t *t, size_t i, const struct ind *in)
{
    const struct node *e = &t->v[i];
    const mustache_t *ot;
    size_t on;
    if (!find_override(r, t->pool + e->off, &ot, &on))
        return render_range(r, t, i + 1, e->end, in);
    /* The override's lines lose its own indentation and, where this block stands
     * alone, gain this block's ("Block reindentation"). */
    const struct node *o = &ot->v[on];
    struct ind in2 = {"", 0, "", 0};
    char scratch[128], *heap = NULL;
    if (o->standalone)
        in2.strip = ot->pool + o->ind_off, in2.nstrip = o->ind_len;
    if (e->standalone) {
        const char *ind = t->pool + e->ind_off;
        size_t m = stripped(ind, e->ind_len, in);
        in2.add = cat(scratch, sizeof scratch, &heap, in->add, in->nadd, ind + m, e->ind_len - m);
        in2.nadd = in->nadd + e->ind_len - m;
        /* An override that starts mid-line has no line start of its own there. */
        if (!o->standalone)
            buf_append(r->out, in2.add, in2.nadd);
    }
    int rc = render_range(r, ot, on + 1, o->end, &in2);
    free(heap);
    return rc;
}

static int render_range(struct render *r, const mustache_t *t, size_t b, size_t e,
                        const struct ind *in)
{
    if (++r->depth > MUSTACHE_MAX_DEPTH) {
        if (!r->err)
            r->err = xasprintf("templates nested deeper than %d levels "
                               "(a partial that includes itself?)", MUSTACHE_MAX_DEPTH);
        r->depth--;
        return -1;
    }
    int rc = 0;
    for (size_t i = b; i < e && rc == 0;) {
        const struct node *nd = &t->v[i];
        size_t next = nd->end; /* past the subtree; a leaf's end is i + 1 */
        switch (nd->type) {
        case N_TEXT:
            put_text(r, t, nd, in);
            break;
        case N_VAR:
        case N_RAW: {
            char tmp[32];
            const char *s;
            size_t n;
            if (scalar_text(lookup(r, t, nd), tmp, &s, &n)) {
                if (nd->type == N_VAR)
                    put_escaped(r->out, r->escape, s, n);
                else
                    buf_append(r->out, s, n);
            }
            break;
        }
        case N_SECTION: {
            const json_t *v = lookup(r, t, nd);
            if (!truthy(v))
                break;
            if (json_is_array(v)) {
                for (size_t k = 0; k < json_array_size(v) && rc == 0; k++) {
                    push_ctx(r, json_array_get(v, k));
                    rc = render_range(r, t, i + 1, nd->end, in);
                    r->sp--;
                }
            } else {
                push_ctx(r, v);
                rc = render_range(r, t, i + 1, nd->end, in);
                r->sp--;
            }
            break;
        }
        case N_INVERTED:
            if (!truthy(lookup(r, t, nd)))
                rc = render_range(r, t, i + 1, nd->end, in);
            break;
        case N_PARTIAL:
        case N_PARENT: {
            char tmp[32];
            const char *name = tag_target(r, t, nd, tmp);
            const mustache_t *pt = NULL;
            if (!name)
                break;
            if (get_partial(r, name, &pt) < 0) {
                rc = -1;
                break;
            }
            if (!pt)
                break;
            if (nd->type == N_PARENT) {
                if (r->nf == r->fcap) {
                    r->fcap = r->fcap ? r->fcap * 2 : 8;
                    r->fr = xrealloc(r->fr, r->fcap * sizeof *r->fr);
                }
                r->fr[r->nf++] = (struct frame){t, i};
                rc = expand(r, t, nd, in, pt);
                r->nf--;
            } else {
                rc = expand(r, t, nd, in, pt);
            }
            break;
        }
        case N_BLOCK:
            rc = render_block(r, t, i, in);
            break;
        }
        i = next;
    }
    r->depth--;
    return rc;
}

static int render_with(const mustache_t *t, const json_t *ctx, mustache_partial_fn fn,
                       void *ud, const mustache_lib_t *lib, buf_t *out, char **err)
{
    struct render r = {.fn = fn, .ud = ud, .lib = lib, .out = out, .escape = t->escape};
    size_t start = out->len;
    if (ctx)
        push_ctx(&r, ctx);
    static const struct ind none = {"", 0, "", 0};
    int rc = render_range(&r, t, 0, t->n, &none);
    free(r.stack);
    free(r.fr);
    for (size_t i = 0; i < r.npc; i++) {
        free(r.pc[i].name);
        mustache_free(r.pc[i].t);
    }
    free(r.pc);
    if (rc < 0) {
        if (out->data) {
            out->len = start;
            out->data[start] = '\0';
        }
        if (err)
            *err = r.err;
        else
            free(r.err);
    }
    return rc;
}

int mustache_render(const mustache_t *t, const json_t *ctx, mustache_partial_fn partials,
                    void *ud, buf_t *out, char **err)
{
    return render_with(t, ctx, partials, ud, NULL, out, err);
}

char *mustache_render_string(const char *src, const json_t *ctx, mustache_partial_fn partials,
                             void *ud, char **err)
{
    mustache_t *t = mustache_compile(src, err);
    if (!t)
        return NULL;
    buf_t out = BUF_INIT;
    int rc = mustache_render(t, ctx, partials, ud, &out, err);
    mustache_free(t);
    if (rc < 0) {
        buf_free(&out);
        return NULL;
    }
    return buf_take(&out);
}

int mustache_lib_render(const mustache_lib_t *lib, const char *name, const json_t *ctx,
                        buf_t *out, char **err)
{
    const mustache_t *t = mustache_lib_get(lib, name);
    if (!t) {
        if (err)
            *err = xasprintf("no template '%s'", name);
        return -1;
    }
    return render_with(t, ctx, NULL, NULL, lib, out, err);
}
