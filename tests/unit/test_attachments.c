/* Attachments and channels, the parts without a server: file types by content
 * (domain/file_type.h), labels and their Content-Disposition (domain/file_name.h), the
 * multipart/form-data parser (web/multipart.h), Weibo lengths (text/weibo_text.h) and the
 * WeChat whitelist (web/channel_payload.h) against hostile Markdown. */
#include "domain/file_name.h"
#include "domain/file_type.h"
#include "test.h"
#include "text/weibo_text.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "web/channel_payload.h"
#include "web/multipart.h"
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- file types */

static void put16(buf_t *b, unsigned v)
{
    buf_putc(b, (char)(v & 255));
    buf_putc(b, (char)(v >> 8));
}

static void put32(buf_t *b, unsigned v)
{
    put16(b, v & 0xffff);
    put16(b, v >> 16);
}

/* A ZIP archive (stored entries, empty contents) holding NAMES. */
static void zip_of(buf_t *b, const char *const *names)
{
    unsigned offsets[16], n = 0;
    for (; names[n]; n++) {
        offsets[n] = (unsigned)b->len;
        buf_append(b, "PK\x03\x04", 4);
        put16(b, 20), put16(b, 0), put16(b, 0), put16(b, 0), put16(b, 0);
        put32(b, 0), put32(b, 0), put32(b, 0);
        put16(b, (unsigned)strlen(names[n])), put16(b, 0);
        buf_puts(b, names[n]);
    }
    unsigned cd = (unsigned)b->len;
    for (unsigned i = 0; i < n; i++) {
        buf_append(b, "PK\x01\x02", 4);
        put16(b, 20), put16(b, 20), put16(b, 0), put16(b, 0), put16(b, 0), put16(b, 0);
        put32(b, 0), put32(b, 0), put32(b, 0);
        put16(b, (unsigned)strlen(names[i])), put16(b, 0), put16(b, 0), put16(b, 0), put16(b, 0);
        put32(b, 0), put32(b, offsets[i]);
        buf_puts(b, names[i]);
    }
    unsigned cd_size = (unsigned)b->len - cd;
    buf_append(b, "PK\x05\x06", 4);
    put16(b, 0), put16(b, 0), put16(b, n), put16(b, n);
    put32(b, cd_size), put32(b, cd), put16(b, 0);
}

static const char *mime_of(const void *d, size_t n)
{
    const struct file_type *t = file_type_sniff(d, n);
    return t ? t->mime : "(none)";
}

static void test_types(void)
{
    CHECK_STR(mime_of("%PDF-1.7\n...", 12), "application/pdf");
    CHECK_STR(mime_of("\x89PNG\r\n\x1a\n....", 12), "image/png");
    CHECK_STR(mime_of("\xff\xd8\xff\xe0..JFIF", 10), "image/jpeg");
    /* what a browser would render, or run, whatever it is called */
    CHECK_STR(mime_of("<html><script>alert(1)</script>", 31), "(none)");
    CHECK_STR(mime_of("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", 41), "(none)");
    CHECK_STR(mime_of("MZ\x90\x00", 4), "(none)");
    CHECK_STR(mime_of(" %PDF-1.4", 9), "(none)"); /* the magic must open the file */
    CHECK_STR(mime_of("%PDF", 4), "(none)");
    CHECK_STR(mime_of("", 0), "(none)");
    CHECK(file_type_sniff(NULL, 10) == NULL);

    struct {
        const char *const names[4];
        const char *mime;
    } zips[] = {
        {{"[Content_Types].xml", "word/document.xml", NULL}, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {{"[Content_Types].xml", "xl/workbook.xml", NULL}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {{"[Content_Types].xml", "ppt/presentation.xml", NULL}, "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
        {{"readme.txt", "data.csv", NULL}, "application/zip"},
        {{"word/document.xml", NULL}, "application/zip"}, /* no [Content_Types].xml: not a document */
        {{"[Content_Types].xml", "word/document.xml", "xl/workbook.xml", NULL}, "application/zip"}, /* both: neither */
    };
    for (size_t i = 0; i < sizeof zips / sizeof zips[0]; i++) {
        buf_t z = BUF_INIT;
        zip_of(&z, zips[i].names);
        CHECK_STR(mime_of(z.data, z.len), zips[i].mime);
        /* a truncated archive (its central directory cut off) is refused */
        CHECK_STR(mime_of(z.data, z.len - 10), "(none)");
        buf_free(&z);
    }
    /* a central directory that claims more entries than it holds */
    buf_t z = BUF_INIT;
    zip_of(&z, (const char *const[]){"a", NULL});
    z.data[z.len - 12] = 9; /* total entries */
    z.data[z.len - 14] = 9;
    CHECK_STR(mime_of(z.data, z.len), "(none)");
    buf_free(&z);

    /* OLE2: the stream names decide, written UTF-16LE in the directory */
    unsigned char ole[1024] = {0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1};
    const char *w = "WordDocument";
    for (size_t i = 0; w[i]; i++)
        ole[600 + 2 * i] = (unsigned char)w[i];
    CHECK_STR(mime_of(ole, sizeof ole), "application/msword");
    memset(ole + 600, 0, 100);
    const char *x = "Workbook";
    for (size_t i = 0; x[i]; i++)
        ole[600 + 2 * i] = (unsigned char)x[i];
    CHECK_STR(mime_of(ole, sizeof ole), "application/vnd.ms-excel");
    memset(ole + 600, 0, 100);
    CHECK_STR(mime_of(ole, sizeof ole), "(none)"); /* an OLE file of no known kind */
    CHECK_STR(file_type_by_mime("application/pdf")->label, "PDF");
    CHECK(file_type_by_mime("text/html") == NULL);
}

/* ---------------------------------------------------------------- names */

static const char *clean(const char *in)
{
    static char out[512];
    char *c = NULL, *why = NULL;
    res_t r = file_name_clean(in, &c, &why);
    snprintf(out, sizeof out, "%s", r == RES_OK ? c : why);
    free(c);
    free(why);
    return out;
}

static void test_names(void)
{
    CHECK_STR(clean("报告.pdf"), "报告.pdf");
    CHECK_STR(clean("../../etc/passwd"), "passwd");
    CHECK_STR(clean("C:\\Users\\me\\通知.docx"), "通知.docx");
    CHECK_STR(clean("a\x01" "b\x7f" "c\x1b[31m.pdf"), "abc[31m.pdf");
    CHECK_STR(clean("invoice\xE2\x80\xAE" "fdp.exe"), "invoicefdp.exe"); /* U+202E dropped */
    CHECK_STR(clean("zero\xE2\x80\x8Bwidth.pdf"), "zerowidth.pdf");
    CHECK_STR(clean("a:b*c?\"<d>|.pdf"), "a_b_c___d__.pdf");
    CHECK_STR(clean("  ..hidden.pdf. "), "hidden.pdf");
    CHECK_STR(clean("../.."), "name: the file name is empty once unsafe characters are removed");
    CHECK_STR(clean("\x01\x02"), "name: the file name is empty once unsafe characters are removed");
    CHECK_STR(clean("bad\xff.pdf"), "name: the file name is not valid UTF-8");
    char *longname = xmalloc(3 * 130 + 5);
    longname[0] = '\0';
    for (int i = 0; i < 130; i++)
        strcat(longname, "长");
    strcat(longname, ".pdf");
    CHECK_STR(clean(longname), "name: the file name is longer than 120 characters");
    free(longname);

    struct {
        const char *name, *ext, *want;
    } exts[] = {
        {"报告.exe", "pdf", "报告.pdf"}, {"scan.JPEG", "jpg", "scan.JPEG"}, {"表.XLSX", "xlsx", "表.XLSX"},
        {"readme", "pdf", "readme.pdf"}, {"v1.2 final", "pdf", "v1.2 final.pdf"}, {".pdf", "pdf", ".pdf.pdf"},
    };
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        char *got = file_name_with_ext(exts[i].name, exts[i].ext);
        CHECK_STR(got, exts[i].want);
        free(got);
    }

}

static void test_disposition(void)
{
    buf_t b = BUF_INIT;
    file_name_disposition(&b, "通知 v1;\"x\"%.pdf");
    /* the fallback: one '_' per non-ASCII character, the unsafe ASCII too; the UTF-8 form
     * percent-encodes everything outside RFC 5987's attr-char */
    CHECK_STR(buf_str(&b), "attachment; filename=\"__ v1__x__.pdf\"; "
                           "filename*=UTF-8''%E9%80%9A%E7%9F%A5%20v1%3B%22x%22%25.pdf");
    buf_free(&b);
    file_name_disposition(&b, "report.pdf");
    CHECK_STR(buf_str(&b), "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
    buf_free(&b);
}

/* ---------------------------------------------------------------- multipart */

static int parse(arena_t *a, const char *body, const char *boundary, struct multipart_part **parts, size_t *n,
                 const char **why)
{
    return multipart_parse(a, body, strlen(body), boundary, parts, n, why);
}

static void test_multipart(void)
{
    arena_t *a = arena_new();
    CHECK_STR(multipart_boundary(a, "multipart/form-data; boundary=----WebKitFormBoundaryx7"), "----WebKitFormBoundaryx7");
    CHECK_STR(multipart_boundary(a, "Multipart/Form-Data;charset=utf-8;BOUNDARY=\"a'(b)c\""), "a'(b)c");
    CHECK(multipart_boundary(a, "multipart/form-data; boundary=\"a b\"") == NULL);
    CHECK_STR(multipart_boundary(a, "multipart/form-data; boundary=\"abc\""), "abc");
    CHECK(multipart_boundary(a, "multipart/form-data") == NULL);
    CHECK(multipart_boundary(a, "multipart/form-data; boundary=") == NULL);
    CHECK(multipart_boundary(a, "multipart/form-data; boundary=a<b") == NULL);
    CHECK(multipart_boundary(a, "multipart/form-data; boundary=12345678901234567890123456789012345678901234567890"
                                "123456789012345678901") == NULL); /* 71 characters */
    CHECK(multipart_boundary(a, "text/plain; boundary=abc") == NULL);

    struct multipart_part *p;
    size_t n;
    const char *why = NULL;
    const char *ok = "preamble\r\n--XyZ\r\n"
                     "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
                     "tok\r\n--XyZ\r\n"
                     "content-disposition: form-data; name=\"file\"; filename=\"a\\\"b.pdf\"\r\n"
                     "Content-Type: application/x-msdownload\r\n\r\n"
                     "%PDF-1.4\r\n--XyZ--\r\nthe\r\nbinary\r\n";
    CHECK_INT(parse(a, ok, "XyZ", &p, &n, &why), 0);
    CHECK_INT((long long)n, 2);
    if (n == 2) {
        CHECK_STR(p[0].name, "csrf");
        CHECK(p[0].filename == NULL);
        CHECK_INT((long long)p[0].len, 3);
        CHECK_STR(p[1].name, "file");
        CHECK_STR(p[1].filename, "a\"b.pdf");
        CHECK_STR(p[1].content_type, "application/x-msdownload");
        CHECK_INT((long long)p[1].len, 8); /* the CRLF before the delimiter belongs to it */
        CHECK(memcmp(p[1].data, "%PDF-1.4", 8) == 0);
    }
    /* data that holds the boundary text without the CRLF before it stays data */
    CHECK_INT(parse(a, "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\"\r\n\r\nx--B y\r\n--B--", "B",
                    &p, &n, &why), 0);
    CHECK_INT((long long)n, 1);
    if (n == 1) {
        CHECK_STR(p[0].filename, "");
        CHECK_INT((long long)p[0].len, 6);
    }
    struct {
        const char *body, *why;
    } bad[] = {
        {"no boundary here", "no opening boundary"},
        {"--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue", "no closing boundary"},
        {"--B\r\nContent-Type: text/plain\r\n\r\nx\r\n--B--", "part without a form-data name"},
        {"--B\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--B--", "bad Content-Disposition"},
        {"--B\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nx\r\n--B--",
         "repeated Content-Disposition"},
        {"--B\r\nContent-Disposition: form-data; name=\"a\"\r\nno colon line\r\n\r\nx\r\n--B--", "malformed part header"},
        {"--B\r\nContent-Disposition: form-data; name=\"a\"", "part header block too long or unterminated"},
        {"--Bjunk\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--B--", "no CRLF after a boundary"},
        {"--B\r\nContent-Disposition: form-data; name=\"\xff\"\r\n\r\nx\r\n--B--", "bad Content-Disposition"},
        {"--B\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nx\r\n--B--", "part without a form-data name"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        why = NULL;
        CHECK_INT(parse(a, bad[i].body, "B", &p, &n, &why), -1);
        CHECK_CONTAINS(why ? why : "", bad[i].why);
    }
    /* a header block past the cap, and more parts than the cap */
    buf_t big = BUF_INIT;
    buf_puts(&big, "--B\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: ");
    for (int i = 0; i < MULTIPART_MAX_HEADER_BYTES; i++)
        buf_putc(&big, 'x');
    buf_puts(&big, "\r\n\r\nv\r\n--B--");
    CHECK_INT(parse(a, buf_str(&big), "B", &p, &n, &why), -1);
    CHECK_CONTAINS(why, "too long");
    buf_reset(&big);
    for (int i = 0; i <= MULTIPART_MAX_PARTS; i++)
        buf_printf(&big, "--B\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\nv\r\n", i);
    buf_puts(&big, "--B--");
    CHECK_INT(parse(a, buf_str(&big), "B", &p, &n, &why), -1);
    CHECK_CONTAINS(why, "too many parts");
    buf_free(&big);
    arena_free(a);
}

/* ---------------------------------------------------------------- channels */

static void test_weibo(void)
{
    CHECK_INT((long long)weibo_length("中文"), 2);
    CHECK_INT((long long)weibo_length("abc"), 2); /* half each, rounded up */
    CHECK_INT((long long)weibo_length("ab中"), 2);
    CHECK_INT((long long)weibo_length("见 https://www.gongnong.gov.cn/item/gn-2024-web-0001?a=1"), 12);
    CHECK_INT((long long)weibo_length(""), 0);
    buf_t body = BUF_INIT;
    for (int i = 0; i < 300; i++)
        buf_puts(&body, "政务公开**重点** [链接](https://evil.example/x) ");
    char *post = weibo_post("工农区人民政府关于印发《工农区2024年政务公开工作要点》的通知", buf_str(&body),
                            "https://www.gongnong.gov.cn/item/gn-2024-web-0001");
    CHECK(weibo_length(post) <= WEIBO_MAX);
    CHECK(weibo_length(post) >= WEIBO_MAX - 2);
    CHECK(strncmp(post, "【工农区人民政府关于印发《", strlen("【工农区人民政府关于印发《")) == 0);
    CHECK_CONTAINS(post, "… 详情：https://www.gongnong.gov.cn/item/gn-2024-web-0001");
    CHECK(strstr(post, "evil.example") == NULL); /* the post links to the item only */
    CHECK(strstr(post, "**") == NULL);
    free(post);
    /* a title longer than the post: cut, the link still whole */
    buf_reset(&body);
    for (int i = 0; i < 200; i++)
        buf_puts(&body, "长");
    post = weibo_post(buf_str(&body), "正文", "https://x.cn/item/1");
    CHECK(weibo_length(post) <= WEIBO_MAX);
    CHECK_CONTAINS(post, "详情：https://x.cn/item/1");
    free(post);
    buf_free(&body);
}

/* Every tag of HTML is one of the WeChat whitelist, with no attribute but colspan/rowspan. */
static int foreign_tags(const char *html)
{
    static const char *const ok[] = {"p", "br", "strong", "b", "em", "i", "u", "s", "del", "blockquote", "ul",
                                     "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody",
                                     "tr", "th", "td", "pre", "code", "hr", "section", "span", "sup", "sub"};
    int bad = 0;
    for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
        const char *q = p + 1 + (p[1] == '/');
        size_t n = strspn(q, "abcdefghijklmnopqrstuvwxyz0123456789");
        bool known = false;
        for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
            known |= strlen(ok[i]) == n && strncmp(ok[i], q, n) == 0;
        const char *gt = strchr(q, '>');
        bool plain_attrs = gt && (q[n] == '>' || strncmp(q + n, " colspan=", 9) == 0 || strncmp(q + n, " rowspan=", 9) == 0);
        bad += !known || !plain_attrs;
    }
    return bad;
}

static void test_wechat(void)
{
    static const char hostile[] =
        "# 标题 <script>alert(1)</script>\n\n"
        "<img src=x onerror=alert(2)> 正文 <b style=\"background:url(javascript:alert(3))\">粗</b>\n\n"
        "[点我](javascript:alert(4)) [官网](https://www.gongnong.gov.cn/a?b=1&c=2)\n\n"
        "![图](https://evil.example/x.png \"t\")\n\n"
        "<style>body{background:url(//evil)}</style><iframe src=//evil></iframe>\n\n"
        "| a | b |\n|---|---|\n| 1 | <span onclick=x>2</span> |\n\n"
        "```\n<script>code</script>\n```\n\n"
        "<!-- comment --> <a href=\"//evil\" onmouseover=\"x\">raw</a>\n";
    buf_t out = BUF_INIT;
    wechat_article(&out, hostile, "https://www.gongnong.gov.cn/item/1");
    const char *h = buf_str(&out);
    CHECK_INT(foreign_tags(h), 0);
    CHECK(strstr(h, "<script") == NULL);
    CHECK(strstr(h, "<a ") == NULL && strstr(h, "<img") == NULL && strstr(h, "<iframe") == NULL);
    CHECK_CONTAINS(h, "<h2>标题 &lt;script&gt;alert(1)&lt;/script&gt;</h2>"); /* raw HTML stays text */
    CHECK_CONTAINS(h, "<p>点我 官网"); /* the javascript: link's text, without its address */
    CHECK_CONTAINS(h, "<table>");
    CHECK_CONTAINS(h, "官网（https://www.gongnong.gov.cn/a?b=1&amp;c=2）");
    CHECK_CONTAINS(h, "&lt;script&gt;code&lt;/script&gt;"); /* the code block as text */
    CHECK_CONTAINS(h, "<p>原文链接：https://www.gongnong.gov.cn/item/1</p>");
    buf_free(&out);

    /* the filter on its own, with markup markdown_html never writes */
    static const char raw[] = "<P CLASS=x>a</P><script type=x>alert(1)</script><td colspan=\"2\" onclick=\"y\">c</td>"
                              "<td rowspan=\"9999\">d</td><svg><a href='javascript:x'>e</a></svg>< b <!-- x";
    wechat_html_filter(&out, raw, strlen(raw));
    CHECK_STR(buf_str(&out), "<p>a</p><td colspan=\"2\">c</td><td>d</td>e&lt; b ");
    buf_free(&out);

    gazette_listing(&out, "关于印发《办法》的通知", "工政发〔2024〕1号", "工农区人民政府", "2024-01-05");
    CHECK_STR(buf_str(&out), "《关于印发《办法》的通知》（工政发〔2024〕1号）工农区人民政府，2024-01-05 成文。");
    buf_free(&out);
}

void run_tests(void)
{
    test_types();
    test_names();
    test_disposition();
    test_multipart();
    test_weibo();
    test_wechat();
}
