/* A Weibo post: its length counted the way Weibo counts it, and the post of an item made to
 * fit. Pure: no I/O.
 *
 * Weibo's counter: a Chinese (or any non-ASCII) character is 1; ASCII characters count half
 * (two make 1, rounded up at the end); a link counts as 10 whatever its length, because
 * Weibo replaces it with a t.cn short link of 20 ASCII characters. A post may be 140. */
#ifndef GK_TEXT_WEIBO_TEXT_H
#define GK_TEXT_WEIBO_TEXT_H
#include <stddef.h>

#define WEIBO_MAX 140
#define WEIBO_LINK 10

/* The length of TEXT as Weibo counts it. A link is "http://" or "https://" followed by
 * everything up to the next space, full-width character or end. */
size_t weibo_length(const char *text);

/* "【TITLE】SUMMARY… 详情：URL" within WEIBO_MAX: the summary (Markdown marks and line breaks
 * dropped) is cut with "…" first, then the title; the link is always whole. Malloc'd. */
char *weibo_post(const char *title, const char *summary, const char *url);

#endif
