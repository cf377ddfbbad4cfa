/* Markdown → safe HTML through md4c's parser callbacks (see markdown.h).
 *
 * The callbacks keep one rule: text and attribute values reach the output only through
 * esc_html (after entity decoding, and for URLs after url_is_safe_* and url_reencode);
 * everything else written is a tag spelled out in this file. The layout of the output
 * (newlines after block tags) is the one md4c-html gives, so pages read as they did
 * when that library rendered them; table cells are aligned by class (al, ac, ar) where
 * md4c-html wrote HTML5's obsolete align attribute. */
#include "web/markdown.h"
#include "util/escape.h"
#include "util/url.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include <md4c.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_CUT ((size_t)MARKDOWN_MAX_DEPTH + 1)

/* An element md4c has entered and not yet left. */
struct open_el {
    bool block;
    int type;          /* MD_BLOCKTYPE or MD_SPANTYPE */
    const char *close; /* what to write when it is left; NULL: nothing (not written) */
    bool alt;          /* an <img> whose alt attribute is open */
    bool held;         /* a top-level paragraph rendered into para (signatures) */
};

struct md {
    const char *in, *in_end; /* the copy of the source md4c parses */
    buf_t *out;
    buf_t *dst;    /* out, or para while a top-level paragraph is held (signatures) */
    unsigned opts;
    /* Open elements, the document first. md4c 0.4.8 does not always pair its events (a
     * strikethrough that crosses a link's end is left twice), so leaves are matched
     * against this stack by type: an unmatched leave is ignored, and a block's leave
     * closes the spans still open inside it. The output is balanced whatever md4c says. */
    struct open_el *st;
    size_t n, cap;
    size_t cut;    /* elements at this depth (1-based) or deeper are rendered as their text only */
    int alt;       /* > 0: inside an image written as <img>: text goes into its alt */
    size_t attr_budget; /* bytes of URLs and titles still allowed (open_link) */
    /* Signatures: the top-level paragraph being rendered, and the one before it, held
     * until we know whether a date follows it. */
    buf_t para, held;
    bool has_held;
};

/* ------------------------------------------------------------------ entities */

/* The named entities worth knowing in Chinese official texts; an unknown name is shown
 * as written (which is what a browser shows for it, too). */
static const struct {
    const char *name, *utf8;
} named[] = {
    {"amp", "&"},         {"lt", "<"},          {"gt", ">"},          {"quot", "\""},
    {"apos", "'"},        {"nbsp", "\xC2\xA0"}, {"copy", "©"},        {"reg", "®"},
    {"trade", "™"},       {"hellip", "…"},      {"mdash", "—"},       {"ndash", "–"},
    {"lsquo", "‘"},       {"rsquo", "’"},       {"ldquo", "“"},       {"rdquo", "”"},
    {"middot", "·"},      {"bull", "•"},        {"times", "×"},       {"divide", "÷"},
    {"deg", "°"},         {"plusmn", "±"},      {"yen", "¥"},         {"sect", "§"},
    {"laquo", "«"},       {"raquo", "»"},       {"ensp", "\xE2\x80\x82"}, {"emsp", "\xE2\x80\x83"},
    {"para", "¶"},        {"permil", "‰"},      {"larr", "←"},        {"rarr", "→"},
};

/* Decodes the entity E[0..N) ("&amp;", "&#106;", "&#x6A;") into B; false when the name
 * is unknown (B unchanged). Numeric values that are no character become U+FFFD. */
static bool entity_decode(buf_t *b, const char *e, size_t n)
{
    if (n < 3 || e[0] != '&' || e[n - 1] != ';')
        return false;
    if (e[1] == '#') {
        bool hex = n > 3 && (e[2] == 'x' || e[2] == 'X');
        unsigned long cp = 0;
        size_t i = hex ? 3 : 2;
        if (i >= n - 1)
            return false;
        for (; i < n - 1; i++) {
            char c = e[i];
            int d = c >= '0' && c <= '9' ? c - '0'
                    : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                  : -1;
            if (d < 0)
                return false;
            if (cp <= 0x10FFFF)
                cp = cp * (hex ? 16 : 10) + (unsigned long)d;
        }
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            cp = UTF8_REPLACEMENT;
        char u[4];
        buf_append(b, u, utf8_encode((uint32_t)cp, u));
        return true;
    }
    for (size_t k = 0; k < sizeof named / sizeof named[0]; k++)
        if (strlen(named[k].name) == n - 2 && memcmp(named[k].name, e + 1, n - 2) == 0) {
            buf_puts(b, named[k].utf8);
            return true;
        }
    return false;
}

/* An attribute as md4c hands it (normal text, entities, NUL characters) decoded into B.
 * False when it holds an entity we cannot decode: a URL with one is not trusted. */
static bool attr_decode(buf_t *b, const MD_ATTRIBUTE *a)
{
    bool ok = true;
    for (size_t i = 0; a->substr_offsets && a->substr_offsets[i] < a->size; i++) {
        const char *s = a->text + a->substr_offsets[i];
        size_t n = a->substr_offsets[i + 1] - a->substr_offsets[i];
        switch (a->substr_types[i]) {
        case MD_TEXT_ENTITY:
            if (!entity_decode(b, s, n)) {
                buf_append(b, s, n);
                ok = false;
            }
            break;
        case MD_TEXT_NULLCHAR:
            buf_puts(b, "\xEF\xBF\xBD");
            break;
        default:
            buf_append(b, s, n);
            break;
        }
    }
    return ok;
}

/* ------------------------------------------------------------------ output */

static void put(struct md *m, const char *s)
{
    buf_puts(m->dst, s);
}

/* Opens a link (<a href="URL" title="…">) or an image (<img src="URL" title="…" alt="),
 * when util/url.h allows its URL and the document's attribute budget still holds it:
 * false, and nothing written, otherwise (the caller renders it as its text). */
static bool open_link(struct md *m, bool image, const MD_ATTRIBUTE *url, const MD_ATTRIBUTE *title)
{
    buf_t u = BUF_INIT, enc = BUF_INIT, t = BUF_INIT;
    bool ok = attr_decode(&u, url);
    const char *s = buf_str(&u);
    ok = ok && (image ? url_is_safe_src_n(s, u.len) : url_is_safe_href_n(s, u.len));
    if (ok) {
        url_reencode_n(&enc, s, u.len);
        attr_decode(&t, title);
        /* One long reference definition used many times would multiply the output. */
        ok = enc.len + t.len <= m->attr_budget;
    }
    if (ok) {
        m->attr_budget -= enc.len + t.len;
        put(m, image ? "<img src=\"" : "<a href=\"");
        esc_html_n(m->dst, enc.data, enc.len);
        put(m, "\"");
        if (t.len) {
            put(m, " title=\"");
            esc_html_n(m->dst, t.data, t.len);
            put(m, "\"");
        }
        put(m, image ? " alt=\"" : ">");
    }
    buf_free(&u);
    buf_free(&enc);
    buf_free(&t);
    return ok;
}

/* ------------------------------------------------------------------ signatures */

/* "2017年6月27日" alone. */
static bool is_cn_date(const char *s, size_t n)
{
    size_t i = 0, digits;
    static const char *const units[] = {"年", "月", "日"};
    for (int part = 0; part < 3; part++) {
        for (digits = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            digits++;
        if (digits == 0 || digits > 4 || (part > 0 && digits > 2) || i + 3 > n || memcmp(s + i, units[part], 3) != 0)
            return false;
        i += 3;
    }
    return i == n;
}

/* A short line that can sign a document: an agency name, no markup, no sentence
 * punctuation. */
static bool is_signer(const char *s, size_t n)
{
    if (n == 0 || n > 90 || memchr(s, '<', n) || memchr(s, '&', n))
        return false;
    static const char *const punct[] = {"，", "。", "：", "；", "！", "？"};
    for (size_t k = 0; k < sizeof punct / sizeof punct[0]; k++)
        for (size_t i = 0; i + 3 <= n; i++)
            if (memcmp(s + i, punct[k], 3) == 0)
                return false;
    return true;
}

static void emit_para(struct md *m, const buf_t *inner, bool sign)
{
    buf_puts(m->out, sign ? "<p class=\"sign\">" : "<p>");
    buf_append(m->out, inner->data ? inner->data : "", inner->len);
    buf_puts(m->out, "</p>\n");
}

static void flush_held(struct md *m, bool sign)
{
    if (m->has_held)
        emit_para(m, &m->held, sign);
    m->has_held = false;
}

/* A top-level paragraph ends: a date signs itself and the line before it; anything
 * else waits for the next block. */
static void para_done(struct md *m)
{
    m->dst = m->out;
    if (is_cn_date(m->para.data ? m->para.data : "", m->para.len)) {
        flush_held(m, m->has_held && is_signer(m->held.data, m->held.len));
        emit_para(m, &m->para, true);
        return;
    }
    flush_held(m, false);
    buf_t t = m->held;
    m->held = m->para;
    m->para = t;
    m->has_held = true;
}

/* ------------------------------------------------------------------ callbacks */

/* Pushes one element: true when it is to be written, false when it is rendered as its
 * text only (too deep). NEEDS is how many levels of mandatory children it has (a list its
 * items, a table its rows and cells): a container that cannot hold them within the limit
 * is not written either, so no <ul> ever holds bare text. */
static bool enter(struct md *m, bool block, int type, int needs)
{
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 64;
        m->st = xrealloc(m->st, m->cap * sizeof *m->st);
    }
    m->st[m->n++] = (struct open_el){.block = block, .type = type};
    if (m->n >= m->cut)
        return false;
    if (m->n + (size_t)needs >= m->cut) {
        m->cut = m->n;
        return false;
    }
    return true;
}

/* Pops the innermost element and writes its end. */
static void pop(struct md *m)
{
    struct open_el e = m->st[--m->n];
    size_t depth = m->n + 1;
    if (depth >= m->cut) {
        if (depth == m->cut)
            m->cut = NO_CUT;
        if (e.block && !m->alt)
            put(m, "\n"); /* text of blocks too deep to write runs on: keep words apart */
        return;
    }
    if (e.alt)
        m->alt--;
    if (e.held) {
        para_done(m);
        return;
    }
    if (e.block && e.type == MD_BLOCK_DOC)
        flush_held(m, false);
    if (e.close)
        put(m, e.close);
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    struct md *m = ud;
    int needs = type == MD_BLOCK_UL || type == MD_BLOCK_OL ? 1 : type == MD_BLOCK_TABLE ? 3 : 0;
    if (!enter(m, true, (int)type, needs))
        return 0;
    struct open_el *e = &m->st[m->n - 1];
    if (m->n == 2 && (m->opts & MARKDOWN_SIGNATURES)) { /* a child of the document */
        if (type == MD_BLOCK_P) {
            buf_reset(&m->para);
            m->dst = &m->para;
            e->held = true;
            return 0;
        }
        flush_held(m, false);
    }
    char tag[48];
    const char *open = "", *close = "";
    switch (type) {
    case MD_BLOCK_DOC: break;
    case MD_BLOCK_QUOTE: open = "<blockquote>\n"; close = "</blockquote>\n"; break;
    case MD_BLOCK_UL: open = "<ul>\n"; close = "</ul>\n"; break;
    case MD_BLOCK_OL: {
        const MD_BLOCK_OL_DETAIL *ol = detail;
        if (ol->start != 1) {
            snprintf(tag, sizeof tag, "<ol start=\"%u\">\n", ol->start);
            open = tag;
        } else {
            open = "<ol>\n";
        }
        close = "</ol>\n";
        break;
    }
    case MD_BLOCK_LI: open = "<li>"; close = "</li>\n"; break;
    case MD_BLOCK_HR: open = "<hr>\n"; break;
    case MD_BLOCK_H: {
        static const char *const h[] = {"<h2>", "<h3>", "<h4>", "<h5>", "<h6>", "<h6>"};
        static const char *const hc[] = {"</h2>\n", "</h3>\n", "</h4>\n", "</h5>\n", "</h6>\n", "</h6>\n"};
        unsigned level = ((const MD_BLOCK_H_DETAIL *)detail)->level;
        level = level < 1 ? 1 : level > 6 ? 6 : level;
        open = h[level - 1];
        close = hc[level - 1];
        break;
    }
    case MD_BLOCK_CODE: {
        const MD_BLOCK_CODE_DETAIL *c = detail;
        put(m, "<pre><code");
        if (c->lang.size) {
            buf_t lang = BUF_INIT;
            attr_decode(&lang, &c->lang);
            put(m, " class=\"language-");
            esc_html_n(m->dst, lang.data, lang.len);
            put(m, "\"");
            buf_free(&lang);
        }
        open = ">";
        close = "</code></pre>\n";
        break;
    }
    case MD_BLOCK_HTML: /* raw HTML (only without MD_FLAG_NOHTML): shown as text */
        open = "<p>";
        close = "</p>\n";
        break;
    case MD_BLOCK_P: open = "<p>"; close = "</p>\n"; break;
    case MD_BLOCK_TABLE: open = "<table>\n"; close = "</table>\n"; break;
    case MD_BLOCK_THEAD: open = "<thead>\n"; close = "</thead>\n"; break;
    case MD_BLOCK_TBODY: open = "<tbody>\n"; close = "</tbody>\n"; break;
    case MD_BLOCK_TR: open = "<tr>\n"; close = "</tr>\n"; break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD: {
        /* Classes, not HTML5's obsolete align attribute (site.css: .al .ac .ar). */
        static const char *const align[] = {"", " class=\"al\"", " class=\"ac\"", " class=\"ar\""};
        MD_ALIGN a = ((const MD_BLOCK_TD_DETAIL *)detail)->align;
        snprintf(tag, sizeof tag, "<%s%s>", type == MD_BLOCK_TH ? "th" : "td",
                 a >= MD_ALIGN_DEFAULT && a <= MD_ALIGN_RIGHT ? align[a] : "");
        open = tag;
        close = type == MD_BLOCK_TH ? "</th>\n" : "</td>\n";
        break;
    }
    }
    put(m, open);
    e->close = close;
    return 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    (void)detail;
    struct md *m = ud;
    while (m->n && !m->st[m->n - 1].block)
        pop(m); /* spans md4c did not leave */
    if (m->n && m->st[m->n - 1].type == (int)type)
        pop(m);
    return 0;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
    struct md *m = ud;
    if (!enter(m, false, (int)type, 0) || m->alt) /* inside an <img>'s alt: text only */
        return 0;
    struct open_el *e = &m->st[m->n - 1];
    const char *open = NULL;
    switch (type) {
    case MD_SPAN_EM: open = "<em>"; e->close = "</em>"; break;
    case MD_SPAN_STRONG: open = "<strong>"; e->close = "</strong>"; break;
    case MD_SPAN_CODE: open = "<code>"; e->close = "</code>"; break;
    case MD_SPAN_DEL: open = "<del>"; e->close = "</del>"; break;
    case MD_SPAN_U: open = "<u>"; e->close = "</u>"; break;
    case MD_SPAN_A:
        if (open_link(m, false, &((const MD_SPAN_A_DETAIL *)detail)->href, &((const MD_SPAN_A_DETAIL *)detail)->title))
            e->close = "</a>";
        break; /* else not a link: its text alone */
    case MD_SPAN_IMG:
        if (open_link(m, true, &((const MD_SPAN_IMG_DETAIL *)detail)->src, &((const MD_SPAN_IMG_DETAIL *)detail)->title)) {
            m->alt++;
            e->alt = true;
            e->close = "\">";
        }
        break; /* else not an image: its alt text alone */
    default: /* LaTeX and wiki links are not enabled */
        break;
    }
    if (open)
        put(m, open);
    return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
    (void)detail;
    struct md *m = ud;
    if (m->n && !m->st[m->n - 1].block && m->st[m->n - 1].type == (int)type)
        pop(m);
    return 0;
}

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *ud)
{
    struct md *m = ud;
    if (s >= m->in && s <= m->in_end && n > (MD_SIZE)(m->in_end - s))
        n = (MD_SIZE)(m->in_end - s); /* see PADDING */
    switch (type) {
    case MD_TEXT_NULLCHAR:
        put(m, "\xEF\xBF\xBD");
        break;
    case MD_TEXT_BR:
        put(m, m->alt ? " " : "<br>\n");
        break;
    case MD_TEXT_SOFTBR:
        put(m, m->alt ? " " : "\n");
        break;
    case MD_TEXT_ENTITY: {
        buf_t d = BUF_INIT;
        if (entity_decode(&d, s, n))
            esc_html_n(m->dst, d.data, d.len);
        else
            esc_html_n(m->dst, s, n);
        buf_free(&d);
        break;
    }
    default: /* normal text, code, raw HTML (shown as text) */
        esc_html_n(m->dst, s, n);
        break;
    }
    return 0;
}

void markdown_html(buf_t *out, const char *md, size_t len, unsigned opts)
{
    if (!md)
        len = 0;
    if (len >= 3 && memcmp(md, "\xEF\xBB\xBF", 3) == 0) {
        md += 3;
        len -= 3;
    }
    /* PADDING: md4c 0.4.8 (Debian 12) can read past the end of its input and report
     * text that runs over it (found by fuzzing this file; md4c's own reads are outside
     * our sanitizers). It parses a copy followed by zero bytes, and text reported past
     * the real end is cut in text(). */
    enum { PADDING = 64 };
    char *copy = xmalloc(len + PADDING);
    if (len)
        memcpy(copy, md, len);
    memset(copy + len, 0, PADDING);
    struct md m = {.in = copy,
                   .in_end = copy + len,
                   .out = out,
                   .dst = out,
                   .opts = opts,
                   .cut = NO_CUT,
                   .attr_budget = MARKDOWN_ATTR_BUDGET + 4 * len};
    /* Raw HTML off: md4c reads it as text. */
    MD_PARSER p = {
        .flags = MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEURLAUTOLINKS |
                 MD_FLAG_PERMISSIVEWWWAUTOLINKS,
        .enter_block = enter_block,
        .leave_block = leave_block,
        .enter_span = enter_span,
        .leave_span = leave_span,
        .text = text,
    };
    size_t start = out->len;
    int rc = md_parse(copy, (MD_SIZE)len, &p, &m);
    while (m.n) /* elements md4c did not leave */
        pop(&m);
    flush_held(&m, false);
    if (rc != 0) {
        /* Only when md4c runs out of memory: show the text. */
        out->len = start;
        if (out->data)
            out->data[start] = '\0';
        buf_puts(out, "<p>");
        esc_html_n(out, md, len);
        buf_puts(out, "</p>\n");
    }
    free(m.st);
    free(copy);
    buf_free(&m.para);
    buf_free(&m.held);
}
