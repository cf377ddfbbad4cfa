/* util/escape and util/utf8: each output context with hostile input, display widths of
 * mixed text, and malformed UTF-8. */
#include "test.h"
#include "util/buf.h"
#include "util/escape.h"
#include "util/utf8.h"
#include <jansson.h>
#include <md4c-html.h>
#include <stdbool.h>
#include <stdint.h>

#define FFFD "\xEF\xBF\xBD"

typedef void (*escaper)(buf_t *, const char *);

static buf_t esc_out;

/* The escaper's output for s, valid until the next call (tests compare it right away). */
static const char *esc(escaper f, const char *s)
{
    buf_reset(&esc_out);
    f(&esc_out, s);
    return buf_str(&esc_out);
}

static void test_html(void)
{
    CHECK_STR(esc(esc_html, "<img src=x onerror=\"alert('1')\">&amp;"),
              "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;amp;");
    CHECK_STR(esc(esc_html, "</textarea><script>x</script>"),
              "&lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;");
    CHECK_STR(esc(esc_html, "政府信息公开 “三安全一稳定” 〔2021〕30号"), "政府信息公开 “三安全一稳定” 〔2021〕30号");
    CHECK_STR(esc(esc_html, "tab\there\nline\r"), "tab\there\nline\r");
    CHECK_STR(esc(esc_html, "a\x01" "b\x1b[31m\x7f"), "a" FFFD "b" FFFD "[31m" FFFD);
    CHECK_STR(esc(esc_html, "\xC2\x85next-line C1"), FFFD "next-line C1");
    CHECK_STR(esc(esc_html, "bad\xff\xfe utf8 \xe4\xb8"), "bad" FFFD FFFD " utf8 " FFFD);
    CHECK_STR(esc(esc_html, NULL), "");
    CHECK_STR(esc(esc_html, ""), "");
    buf_t b = BUF_INIT;
    esc_html_n(&b, "<a>\0<b>", 7); /* an embedded NUL is a control, not the end */
    CHECK_STR(buf_str(&b), "&lt;a&gt;" FFFD "&lt;b&gt;");
    buf_reset(&b);
    esc_html_n(&b, "<ab", 2);
    CHECK_STR(buf_str(&b), "&lt;a");
    buf_free(&b);
}

static void test_xml(void)
{
    CHECK_STR(esc(esc_xml, "<entry a='1' b=\"2\">&</entry>"),
              "&lt;entry a=&apos;1&apos; b=&quot;2&quot;&gt;&amp;&lt;/entry&gt;");
    CHECK_STR(esc(esc_xml, "]]><![CDATA[x"), "]]&gt;&lt;![CDATA[x");
    /* Characters XML 1.0 cannot carry at all, even as character references. */
    CHECK_STR(esc(esc_xml, "\x01\x08\x0b\x0c\x1f"), FFFD FFFD FFFD FFFD FFFD);
    CHECK_STR(esc(esc_xml, "x\xEF\xBF\xBEy\xEF\xBF\xBFz"), "x" FFFD "y" FFFD "z");
    CHECK_STR(esc(esc_xml, "\t\n\r政府"), "\t\n\r政府");
    CHECK_STR(esc(esc_xml, "\xed\xa0\x80"), FFFD FFFD FFFD); /* a UTF-16 surrogate */
}

static void test_url(void)
{
    CHECK_STR(esc(esc_url_component, "a b/c?d=e&f#g+h%"), "a%20b%2Fc%3Fd%3De%26f%23g%2Bh%25");
    CHECK_STR(esc(esc_url_component, "AZaz09-._~"), "AZaz09-._~");
    CHECK_STR(esc(esc_url_component, "政府"), "%E6%94%BF%E5%BA%9C");
    CHECK_STR(esc(esc_url_component, "javascript:alert(1)"), "javascript%3Aalert%281%29");
    CHECK_STR(esc(esc_url_component, "\"'<>\\"), "%22%27%3C%3E%5C");
    CHECK_STR(esc(esc_url_component, "\xff\x01"), "%FF%01"); /* bytes, losslessly */
    buf_t b = BUF_INIT;
    esc_url_component_n(&b, "a\0b", 3);
    CHECK_STR(buf_str(&b), "a%00b");
    buf_free(&b);
}

static void test_json(void)
{
    CHECK_STR(esc(esc_json_string, "</script><!--x-->"),
              "\"\\u003C/script\\u003E\\u003C!--x--\\u003E\"");
    CHECK_STR(esc(esc_json_string, "a\"b\\c\n\r\t\b\f\x01\x1f\x7f"),
              "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001F\\u007F\"");
    CHECK_STR(esc(esc_json_string, "&'"), "\"\\u0026\\u0027\"");
    CHECK_STR(esc(esc_json_string, "x\xE2\x80\xA8y\xE2\x80\xA9z"), "\"x\\u2028y\\u2029z\"");
    CHECK_STR(esc(esc_json_string, "政府\xff"), "\"政府\\uFFFD\"");
    CHECK_STR(esc(esc_json_string, NULL), "\"\"");
    /* Whatever goes in, a JSON parser reads back valid text, equal where the input was
     * valid UTF-8. */
    const char *inputs[] = {"</script>\"\\\x01\x7f", "工农区\xE2\x80\xA8“引号”", "\xc0\xaf\xed\xa0\x80", ""};
    const char *want[] = {"</script>\"\\\x01\x7f", "工农区\xE2\x80\xA8“引号”", FFFD FFFD FFFD FFFD FFFD, ""};
    for (int i = 0; i < 4; i++) {
        buf_t b = BUF_INIT;
        buf_puts(&b, "[");
        esc_json_string(&b, inputs[i]);
        buf_puts(&b, "]");
        json_error_t err;
        json_t *j = json_loads(buf_str(&b), 0, &err);
        CHECK(j != NULL);
        if (j) {
            CHECK_STR(json_string_value(json_array_get(j, 0)), want[i]);
            json_decref(j);
        }
        CHECK(strchr(buf_str(&b), '<') == NULL);
        buf_free(&b);
    }
}

static void md_out(const MD_CHAR *text, MD_SIZE size, void *userdata)
{
    buf_append(userdata, text, size);
}

/* Markdown → HTML through md4c, the renderer the portal uses. */
static char *md_render(const char *md)
{
    buf_t b = BUF_INIT;
    if (md_html(md, (MD_SIZE)strlen(md), md_out, &b, MD_DIALECT_GITHUB, 0) != 0)
        buf_puts(&b, "(md_html failed)");
    return buf_take(&b);
}

static void test_markdown(void)
{
    CHECK_STR(esc(esc_markdown, "*a* _b_ [x](javascript:y) ![i](u) <b> `c` # h | ~~s~~ & \\ $m$"),
              "\\*a\\* \\_b\\_ \\[x\\](javascript:y) \\!\\[i\\](u) \\<b\\> \\`c\\` \\# h \\| \\~\\~s\\~\\~ "
              "\\& \\\\ \\$m\\$");
    CHECK_STR(esc(esc_markdown, "- a\n+ b\n= c\n1. d\n12) e\n    code\n\tx\n2018年-12"),
              "\\- a\n\\+ b\n\\= c\n1\\. d\n12\\) e\ncode\nx\n2018年-12");
    CHECK_STR(esc(esc_markdown, "1234567890. ten digits is no list"), "1234567890. ten digits is no list");
    CHECK_STR(esc(esc_markdown, "2018-12-31 a-b 1.5"), "2018-12-31 a-b 1.5");
    CHECK_STR(esc(esc_markdown, "a\r\nb\x1b" "c\xff"), "a\nb" FFFD "c" FFFD);
    CHECK_STR(esc(esc_markdown_cell, "a|b\nc - d\n1. e"), "a\\|b c - d 1. e");
    CHECK_STR(esc(esc_markdown, NULL), "");

    /* The proof: hostile text, escaped, renders as exactly its own characters. */
    const char *hostile[] = {
        "<script>alert(1)</script>",
        "**粗体** _斜体_ ~~删除~~ `代码`",
        "[点我](javascript:alert(1)) ![img](http://x/y.png) <http://x>",
        "# 标题\n## 二级\n- 列表\n* 列表\n+ 列表\n1. 编号\n> 引用\n---\n***\n```\ncode\n```",
        "    缩进代码\n\n\t制表符代码",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "文字\n===\n文字\n---",
        "&lt;已转义&gt; &amp; &#60;",
        "行尾反斜杠\\\n下一行",
        "[a]: http://x \"title\"\n[a]",
    };
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        buf_t b = BUF_INIT;
        esc_markdown(&b, hostile[i]);
        char *html = md_render(buf_str(&b));
        /* Nothing but paragraphs: with <p> and </p> taken out, no tag is left. */
        buf_t rest = BUF_INIT;
        for (const char *q = html; *q;) {
            if (strncmp(q, "<p>", 3) == 0)
                q += 3;
            else if (strncmp(q, "</p>", 4) == 0)
                q += 4;
            else
                buf_putc(&rest, *q++);
        }
        if (strchr(buf_str(&rest), '<'))
            fprintf(stderr, "  markup from [%s]:\n%s", hostile[i], html);
        CHECK(strchr(buf_str(&rest), '<') == NULL);
        CHECK(strncmp(html, "<p>", 3) == 0);
        buf_free(&rest);
        free(html);
        buf_free(&b);
    }
    /* ...and the text survives: markup-looking characters come through as text. */
    buf_t b = BUF_INIT;
    esc_markdown(&b, "**粗体** <b>&amp; [x](y) a|b");
    char *html = md_render(buf_str(&b));
    CHECK_STR(html, "<p>**粗体** &lt;b&gt;&amp;amp; [x](y) a|b</p>\n");
    free(html);
    buf_free(&b);
}

static void test_utf8_decode(void)
{
    const char *s = "a\xe4\xb8\xad\xff" "b\xe4\xb8" "c\xf0\x9f\x98\x80\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80";
    const char *end = s + strlen(s), *p = s;
    /* ...中 FF b [E4 B8] c 😀 C0 AF [ED] A0 80 [F4] 90 80 80: a lead byte whose second byte
     * is out of range (ED A0 = a surrogate, F4 90 = above U+10FFFF) is one unit alone. */
    int32_t want[] = {'a', 0x4E2D, UTF8_INVALID, 'b', UTF8_INVALID, 'c', 0x1F600, UTF8_INVALID,
                      UTF8_INVALID, UTF8_INVALID, UTF8_INVALID, UTF8_INVALID, UTF8_INVALID,
                      UTF8_INVALID, UTF8_INVALID, UTF8_INVALID};
    size_t n = 0, bad = 0;
    while (p < end) {
        int32_t cp = utf8_decode(&p, end);
        if (n < sizeof want / sizeof want[0] && cp != want[n]) {
            fprintf(stderr, "  unit %zu: got %d want %d\n", n, cp, want[n]);
            bad++;
        }
        n++;
    }
    CHECK_INT(bad, 0);
    CHECK_INT(n, sizeof want / sizeof want[0]);
    CHECK(p == end);
    /* A truncated sequence at the end of the given length is one unit, and the decoder
     * reads nothing past the end even when the bytes there would complete it. */
    const char *t = "\xe6\x94\xbf";
    p = t;
    CHECK_INT(utf8_decode(&p, t + 2), UTF8_INVALID);
    CHECK(p == t + 2);
    p = t;
    CHECK_INT(utf8_decode(&p, t + 3), 0x653F);
    CHECK(p == t + 3);
    p = t;
    CHECK_INT(utf8_decode(&p, t), UTF8_INVALID);
    CHECK(p == t);

    /* Every scalar value round-trips through encode/decode and is valid; surrogates are not
     * encodable and their three-byte forms are invalid. */
    int fails = 0;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        char buf[4];
        size_t len = utf8_encode(cp, buf);
        const char *q = buf;
        int32_t back = utf8_decode(&q, buf + len);
        bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
        if ((surrogate ? back != (int32_t)UTF8_REPLACEMENT : back != (int32_t)cp) || q != buf + len ||
            !utf8_valid(buf, len))
            fails++;
    }
    CHECK_INT(fails, 0);
    char big[4];
    CHECK_INT(utf8_encode(0x110000, big), 3);
    CHECK(memcmp(big, FFFD, 3) == 0);
}

static void test_utf8_valid(void)
{
    CHECK(utf8_valid("", 0));
    CHECK(utf8_valid("政府信息公开 ascii 😀", strlen("政府信息公开 ascii 😀")));
    CHECK(utf8_valid("a\0b", 3));
    CHECK(!utf8_valid("\xc0\x80", 2));             /* overlong NUL */
    CHECK(!utf8_valid("\xe0\x80\xaf", 3));         /* overlong '/' */
    CHECK(!utf8_valid("\xed\xa0\x80", 3));         /* surrogate */
    CHECK(!utf8_valid("\xf4\x90\x80\x80", 4));     /* above U+10FFFF */
    CHECK(!utf8_valid("\xf8\x88\x80\x80\x80", 5)); /* five-byte form */
    CHECK(!utf8_valid("\x80", 1));
    CHECK(!utf8_valid("\xe6\x94", 2));
    CHECK(utf8_valid("\xef\xbf\xbf", 3)); /* a noncharacter is still well-formed */
    CHECK(utf8_valid("\xf4\x8f\xbf\xbf", 4));
}

static void test_width(void)
{
    CHECK_INT(utf8_display_width("abc"), 3);
    CHECK_INT(utf8_display_width("政府"), 4);
    CHECK_INT(utf8_display_width("2018年"), 6);
    CHECK_INT(utf8_display_width("，。（）：、“”"), 16); /* CJK punctuation is wide */
    CHECK_INT(utf8_display_width("‘’…—·"), 10);           /* Ambiguous: wide in Chinese text */
    CHECK_INT(utf8_display_width("①×°"), 6);
    CHECK_INT(utf8_display_width("　"), 2);                /* U+3000 */
    CHECK_INT(utf8_display_width("ＡＢ１"), 6);             /* full-width forms */
    CHECK_INT(utf8_display_width("ｱｲ"), 2);                /* half-width katakana */
    CHECK_INT(utf8_display_width("e\xCC\x81"), 1);         /* e + combining acute */
    CHECK_INT(utf8_display_width("a\xE2\x80\x8B" "b"), 2); /* zero-width space */
    CHECK_INT(utf8_display_width("\xEF\xBB\xBF"), 0);      /* BOM */
    CHECK_INT(utf8_display_width("한글"), 4);
    CHECK_INT(utf8_display_width("\xE1\x84\x80\xE1\x85\xA1"), 2); /* conjoining jamo */
    CHECK_INT(utf8_display_width("😀"), 2);
    CHECK_INT(utf8_display_width("\xF0\xA0\x80\x80"), 2); /* CJK Ext. B */
    CHECK_INT(utf8_display_width("\xF0\xB0\x80\x80"), 2); /* plane 3 */
    CHECK_INT(utf8_display_width("\t\x1b\x7f"), 0);
    CHECK(utf8_display_width("\xC2\xAD") > 0);          /* soft hyphen shows when it breaks */
    CHECK_INT(utf8_display_width("\xff"), 2);           /* shown as U+FFFD */
    CHECK_INT(utf8_display_width("\xe6\x94" "a"), 3);   /* truncated, then 'a' */
    CHECK_INT(utf8_display_width("a\xe6\x94\xbf" "1（二）部分公开"), 1 + 2 + 1 + 14);
    CHECK_INT(utf8_display_width(NULL), 0);
    CHECK_INT(utf8_display_width_n("政府", 4), 4); /* 政, then a cut-off unit as U+FFFD */
    CHECK_INT(utf8_cp_width('A'), 1);
    CHECK_INT(utf8_cp_width(0x4E00), 2);
    CHECK_INT(utf8_cp_width(0x9FFF), 2);
    CHECK_INT(utf8_cp_width(0x0300), 0);
    CHECK_INT(utf8_cp_width(0x00E9), 2); /* é is Ambiguous (in GB 2312, drawn wide) */
    CHECK_INT(utf8_cp_width(0x0101), 2); /* ā, pinyin */
    CHECK_INT(utf8_cp_width(0x0180), 1); /* ƀ is Neutral */
    CHECK_INT(utf8_cp_width(0x10FFFF), 1);
}

/* The bidirectional controls that can disguise a title ("cod.exe" shown as "exe.doc") are
 * dropped in every output context but URLs; other text around them is untouched. */
#define RLO "\xE2\x80\xAE" /* U+202E RIGHT-TO-LEFT OVERRIDE */
#define LRE "\xE2\x80\xAA" /* U+202A */
#define PDF "\xE2\x80\xAC" /* U+202C */
#define RLI "\xE2\x81\xA7" /* U+2067 RIGHT-TO-LEFT ISOLATE */
#define PDI "\xE2\x81\xA9" /* U+2069 */
#define LRM "\xE2\x80\x8E" /* U+200E */
#define RLM "\xE2\x80\x8F" /* U+200F */
#define ALM "\xD8\x9C"      /* U+061C ARABIC LETTER MARK */

static void test_bidi_controls(void)
{
    const char *hostile = "关于" RLO "cod.exe" PDF "的通知" LRE "x" RLI "y" PDI LRM RLM ALM "<";
    CHECK_STR(esc(esc_html, hostile), "关于cod.exe的通知xy&lt;");
    CHECK_STR(esc(esc_xml, hostile), "关于cod.exe的通知xy&lt;");
    CHECK_STR(esc(esc_json_string, hostile), "\"关于cod.exe的通知xy\\u003C\"");
    CHECK_STR(esc(esc_markdown, hostile), "关于cod.exe的通知xy\\<");
    CHECK_STR(esc(esc_markdown_cell, RLO "a"), "a");
    /* Every code point of the ranges, and the neighbours just outside them kept. */
    for (uint32_t cp = 0x2060; cp <= 0x206F; cp++) {
        char u[5] = {0};
        utf8_encode(cp, u);
        bool bidi = cp >= 0x2066 && cp <= 0x2069;
        CHECK_STR(esc(esc_html, u), bidi ? "" : u);
    }
    for (uint32_t cp = 0x2028; cp <= 0x202F; cp++) {
        char u[5] = {0};
        utf8_encode(cp, u);
        bool bidi = cp >= 0x202A && cp <= 0x202E;
        CHECK_STR(esc(esc_xml, u), bidi ? "" : u);
    }
    CHECK_STR(esc(esc_html, "\xE2\x80\x8D"), "\xE2\x80\x8D"); /* U+200D ZWJ (emoji) kept */
    /* URLs keep every byte, percent-encoded: nothing shows as text there. */
    CHECK_STR(esc(esc_url_component, RLO), "%E2%80%AE");
    /* A JSON reader gets text without the override. */
    buf_t b = BUF_INIT;
    esc_json_string(&b, "a" RLO "b");
    json_error_t je;
    json_t *j = json_loads(buf_str(&b), JSON_DECODE_ANY, &je);
    CHECK(j && json_is_string(j) && strcmp(json_string_value(j), "ab") == 0);
    json_decref(j);
    buf_free(&b);
}

/* A serialised JSON document (as the API sends it) through esc_json_text. */
static void test_json_text(void)
{
    json_t *o = json_pack("{s:s, s:[s, i]}", "title", "关于" RLO "cod.exe" PDF "</script><!--&'",
                          "list", "a" RLI "b" "\xE2\x80\xA8", 7);
    char *raw = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    buf_t b = BUF_INIT;
    esc_json_text(&b, raw);
    const char *out = buf_str(&b);
    CHECK(strchr(out, '<') == NULL && strchr(out, '>') == NULL && strchr(out, '&') == NULL &&
          strchr(out, '\'') == NULL);
    CHECK(strstr(out, RLO) == NULL && strstr(out, RLI) == NULL && strstr(out, PDF) == NULL);
    CHECK(strstr(out, "\xE2\x80\xA8") == NULL);
    json_error_t je;
    json_t *back = json_loads(out, 0, &je);
    CHECK(back != NULL);
    CHECK_STR(json_string_value(json_object_get(back, "title")), "关于cod.exe</script><!--&'");
    CHECK_STR(json_string_value(json_array_get(json_object_get(back, "list"), 0)),
              "ab\xE2\x80\xA8");
    CHECK_INT(json_integer_value(json_array_get(json_object_get(back, "list"), 1)), 7);
    json_decref(back);
    json_decref(o);
    free(raw);
    buf_reset(&b);
    esc_json_text(&b, NULL);
    CHECK_STR(buf_str(&b), "");
    buf_free(&b);
}

void run_tests(void)
{
    test_json_text();
    test_bidi_controls();
    test_html();
    test_xml();
    test_url();
    test_json();
    test_markdown();
    test_utf8_decode();
    test_utf8_valid();
    test_width();
    buf_free(&esc_out);
}
