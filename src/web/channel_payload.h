/* The channel-ready payloads of an item for the outbox (issue 8 item 5): the WeChat article's
 * HTML, the Weibo post (text/weibo_text.h), the gazette's listing line. */
#ifndef GK_WEB_CHANNEL_PAYLOAD_H
#define GK_WEB_CHANNEL_PAYLOAD_H
#include "util/buf.h"
#include <stddef.h>

/* Appends HTML[0..N) keeping only the tags the WeChat official account's editor accepts
 * (p br strong b em i u s del blockquote ul ol li h1–h6 table thead tbody tr th td pre code
 * hr section span sup sub), each without any attribute (no style, class, event handler or
 * URL survives) except colspan/rowspan of digits on th and td. A link keeps its text and
 * shows its address after it in brackets (WeChat articles link only to WeChat pages); an
 * image, a comment, <script>/<style> with their content and any other tag are dropped. Text
 * is copied as it is: the input is markdown_html's output, already escaped; a '<' that opens
 * no tag is written as &lt;. */
void wechat_html_filter(buf_t *out, const char *html, size_t n);

/* Appends the WeChat article of an item: its Markdown BODY rendered (web/markdown.h) and
 * filtered, then the link back to the item ("原文链接：URL" as text). */
void wechat_article(buf_t *out, const char *body, const char *url);

/* Appends the gazette's listing line: "《TITLE》（DOC_NO）AGENCY，WRITTEN 成文。" with the
 * parts that are present. */
void gazette_listing(buf_t *out, const char *title, const char *doc_no, const char *agency, const char *written);

#endif
