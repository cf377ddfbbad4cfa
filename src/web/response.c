#include "web/response.h"
#include "web/request.h"
#include "util/escape.h"
#include "util/url.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

void res_status(struct response *res, int status)
{
    if (status >= 100 && status <= 599)
        res->status = status;
}

static bool is_token_char(unsigned char c)
{
    /* RFC 9110 tchar */
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c && strchr("!#$%&'*+-.^_`|~", c));
}

static bool header_ok(const char *name, const char *value)
{
    if (!name || !*name || !value)
        return false;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (!is_token_char(*p))
            return false;
    for (const unsigned char *p = (const unsigned char *)value; *p; p++)
        if ((*p < 0x20 && *p != '\t') || *p == 0x7F)
            return false;
    return true;
}

void res_header(struct response *res, const char *name, const char *value)
{
    if (!header_ok(name, value)) {
        fprintf(stderr, "gongkai: response header %s refused: not a token, or a control "
                        "character in the value\n", name && *name ? name : "(empty)");
        return;
    }
    struct res_header *h = arena_alloc(res->req->arena, sizeof *h);
    h->name = arena_strdup(res->req->arena, name);
    h->value = arena_strdup(res->req->arena, value);
    h->next = NULL;
    struct res_header **tail = &res->headers;
    while (*tail)
        tail = &(*tail)->next;
    *tail = h;
}

void res_header_set(struct response *res, const char *name, const char *value)
{
    if (!header_ok(name, value)) {
        res_header(res, name, value); /* reports it */
        return;
    }
    for (struct res_header **p = &res->headers; *p;) {
        if (strcasecmp((*p)->name, name) == 0)
            *p = (*p)->next;
        else
            p = &(*p)->next;
    }
    res_header(res, name, value);
}

const char *res_header_get(const struct response *res, const char *name)
{
    for (const struct res_header *h = res->headers; h; h = h->next)
        if (strcasecmp(h->name, name) == 0)
            return h->value;
    return NULL;
}

void res_type(struct response *res, const char *content_type)
{
    if (content_type && header_ok("Content-Type", content_type))
        res->content_type = arena_strdup(res->req->arena, content_type);
}

void res_cache(struct response *res, const char *cache_control)
{
    if (cache_control && header_ok("Cache-Control", cache_control))
        res->cache_control = arena_strdup(res->req->arena, cache_control);
}

void res_etag_auto(struct response *res)
{
    res->etag_auto = true;
}

void res_redirect(struct response *res, int status, const char *location)
{
    if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308)
        status = 303;
    res_status(res, status);
    /* Every redirect of the program passes here: the target is re-encoded (a raw space,
     * quote, control or non-ASCII byte becomes %XX, so a Location is always a valid URL
     * and can never split the response), and one whose scheme is not allowed for a
     * link (util/url.h) goes home instead. */
    buf_t loc = BUF_INIT;
    url_reencode(&loc, location ? location : "/");
    res_header_set(res, "Location", url_is_safe_href(buf_str(&loc)) ? buf_str(&loc) : "/");
    buf_free(&loc);
    if (!res_header_get(res, "Location"))
        res_header(res, "Location", "/"); /* refused value: never leave a 3xx without one */
    buf_reset(&res->body);
    res->content_type = "text/html; charset=utf-8";
    buf_printf(&res->body, "<!doctype html>\n<html lang=\"zh-CN\"><meta charset=\"utf-8\">"
                           "<title>%d %s</title>\n<p><a href=\"",
               res->status, res_status_text(res->status));
    esc_html(&res->body, res_header_get(res, "Location"));
    buf_puts(&res->body, "\">");
    esc_html(&res->body, res_header_get(res, "Location"));
    buf_puts(&res->body, "</a></p>\n</html>\n");
}

void res_error_page_default(struct request *req, struct response *res, int status,
                            const char *detail)
{
    (void)req;
    const char *zh = res_status_text_zh(status), *en = res_status_text(status);
    res->content_type = "text/html; charset=utf-8";
    buf_printf(&res->body,
               "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
               "<title>%d %s</title></head>\n<body>\n<h1>%d %s</h1>\n<p lang=\"en\">%s</p>\n",
               status, *zh ? zh : en, status, *zh ? zh : en, en);
    if (detail && *detail) {
        buf_puts(&res->body, "<p>");
        esc_html(&res->body, detail);
        buf_puts(&res->body, "</p>\n");
    }
    buf_puts(&res->body, "<p><a href=\"/\">返回首页 Home</a></p>\n</body>\n</html>\n");
}

void res_error(struct response *res, int status, const char *detail)
{
    res_status(res, status);
    buf_reset(&res->body);
    res->etag_auto = false;
    /* An app error page that itself calls res_error gets the built-in page
     * rather than endless recursion. */
    if (res->error_page_ && res->error_depth_ == 0) {
        res->error_depth_++;
        res->error_page_(res->req, res, res->status, detail);
        res->error_depth_--;
        if (res->body.len)
            return;
    }
    res_error_page_default(res->req, res, res->status, detail);
}

const char *res_status_text(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return "";
    }
}

const char *res_status_text_zh(int status)
{
    switch (status) {
    case 400: return "请求有误";
    case 401: return "需要登录";
    case 403: return "无权访问";
    case 404: return "页面不存在";
    case 405: return "不支持该请求方法";
    case 408: return "请求超时";
    case 409: return "内容冲突";
    case 410: return "页面已删除";
    case 413: return "提交的内容过大";
    case 414: return "网址过长";
    case 415: return "不支持的内容类型";
    case 422: return "提交的内容无法处理";
    case 429: return "请求过于频繁";
    case 431: return "请求头过大";
    case 500: return "服务器内部错误";
    case 501: return "功能未实现";
    case 503: return "服务暂不可用";
    default: return "";
    }
}

uint64_t res_hash64(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

void res_etag_format(uint64_t hash, char out[20])
{
    snprintf(out, 20, "\"%016llx\"", (unsigned long long)hash);
}

bool res_etag_matches(const char *inm, const char *etag)
{
    if (!inm || !etag)
        return false;
    /* Weak comparison: ignore a W/ prefix on either side. */
    if (strncmp(etag, "W/", 2) == 0)
        etag += 2;
    size_t elen = strlen(etag);
    const char *p = inm;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (!*p)
            return false;
        if (*p == '*')
            return true;
        if (strncmp(p, "W/", 2) == 0)
            p += 2;
        const char *start = p;
        if (*p == '"') {
            const char *q = strchr(p + 1, '"');
            if (!q)
                return false; /* unterminated: treat as no match */
            p = q + 1;
        } else {
            while (*p && *p != ',' && *p != ' ' && *p != '\t')
                p++;
        }
        if ((size_t)(p - start) == elen && memcmp(start, etag, elen) == 0)
            return true;
    }
}
