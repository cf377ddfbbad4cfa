/* The item page /item/<ext id>: the metadata table real government sites show above the
 * title (索引号, 主题分类, 发布机构, 成文日期, 文号, 发布日期, 有效性), the body from Markdown,
 * attachments and the channels it was published through. Attachments: /attachment/<id>. */
#include "util/escape.h"
#include "util/url.h"
#include "util/utf8.h"
#include "web/html.h"
#include "web/markdown.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Plain text of the body's beginning for <meta name="Description">: Markdown marks and
 * line breaks dropped, at most MAX characters. */
static const char *body_excerpt(struct request *req, const char *body, size_t max)
{
    buf_t b = BUF_INIT;
    size_t chars = 0;
    bool space = false;
    const char *p = body ? body : "", *end = p + strlen(p);
    while (p < end && chars < max) {
        const char *start = p;
        int32_t cp = utf8_decode(&p, end);
        if (cp == UTF8_INVALID)
            continue;
        if (cp == '\n' || cp == '\r' || cp == '\t' || cp == ' ' || cp == 0x3000) {
            space = b.len > 0;
            continue;
        }
        if (strchr("#*_`>|[]()!~\\", (int)cp) && cp < 0x80)
            continue;
        if (space && cp < 0x80)
            buf_putc(&b, ' ');
        space = false;
        buf_append(&b, start, (size_t)(p - start));
        chars++;
    }
    if (p < end)
        buf_puts(&b, "…");
    const char *r = arena_strdup(req->arena, buf_str(&b));
    buf_free(&b);
    return r;
}

/* "PDF 文档" from a MIME type, for the attachment list. */
static const char *type_name(const char *mime)
{
    static const struct {
        const char *mime, *name;
    } names[] = {
        {"application/pdf", "PDF 文档"},
        {"application/msword", "Word 文档"},
        {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word 文档"},
        {"application/vnd.ms-excel", "Excel 表格"},
        {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel 表格"},
        {"application/zip", "压缩文件"},
        {"application/ofd", "OFD 文档"},
        {"text/plain", "文本文件"},
        {"image/png", "图片"},
        {"image/jpeg", "图片"},
    };
    for (size_t i = 0; mime && i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(mime, names[i].mime) == 0)
            return names[i].name;
    return "文件";
}

void page_item(struct request *req, struct response *res)
{
    struct page pg;
    if (!*req->tail) {
        portal_error_page(req, res, 404, "没有指明要查看的政府信息。");
        return;
    }
    if (!page_begin(&pg, req, res))
        return;
    struct portal_item it;
    char *err = NULL;
    int rc = store_portal_item(pg.s, req->tail, pg.today, &it, &err);
    if (rc < 0) {
        page_db_error(&pg, err);
        return;
    }
    if (rc == RES_NOT_FOUND) {
        portal_error_page(req, res, 404, "没有找到这条政府信息，它可能已经调整或者地址有误。");
        return;
    }
    json_t *ctx = json_object(), *o = json_object();
    jset(o, "title", it.title);
    jset(o, "index_no", it.index_no);
    jset(o, "topic", it.topic);
    jset(o, "genre", it.genre);
    jset(o, "agency", it.agency_name);
    jset(o, "agency_href", html_agency_href(req, it.agency_code));
    jset(o, "written", it.written);
    jset(o, "doc_no", it.doc_no);
    jset(o, "published", it.published);
    bool repealed = html_repealed(it.repealed, pg.today);
    jset_bool(o, "repealed", repealed);
    if (repealed)
        jset(o, "repealed_cn", html_date_cn(req, it.repealed));
    else if (it.repealed && *it.repealed)
        jset(o, "repeal_pending", html_date_cn(req, it.repealed));
    if (it.statutory)
        jset(o, "statutory", html_statutory_name(it.statutory));
    buf_t body = BUF_INIT;
    if (it.body && *it.body) {
        markdown_html(&body, it.body, strlen(it.body), MARKDOWN_SIGNATURES);
    }
    else if (it.summary && *it.summary) {
        buf_puts(&body, "<p>");
        esc_html(&body, it.summary);
        buf_puts(&body, "</p>\n");
    }
    jset(o, "body_html", buf_str(&body));
    buf_free(&body);

    json_t *atts = json_array();
    for (size_t i = 0; i < it.natts; i++) {
        json_t *a = json_object();
        jset(a, "href", arena_printf(req->arena, "/attachment/%lld", it.atts[i].id));
        jset(a, "name", it.atts[i].name);
        jset(a, "type", type_name(it.atts[i].mime));
        jset(a, "size", html_size(req, it.atts[i].size));
        json_array_append_new(atts, a);
    }
    json_object_set_new(o, "attachments", atts);
    json_t *pubs = json_array();
    for (size_t i = 0; i < it.npubs; i++) {
        json_t *a = json_object();
        jset(a, "channel", html_channel_name(it.pubs[i].channel));
        jset(a, "at", it.pubs[i].at);
        jset(a, "at_cn", html_date_cn(req, it.pubs[i].at));
        jset(a, "url", url_is_safe_href(it.pubs[i].url) ? it.pubs[i].url : "");
        json_array_append_new(pubs, a);
    }
    json_object_set_new(o, "publications", pubs);

    const struct portal_column *col = portal_column_find(pg.p, it.column_slug);
    jset(o, "column_href", col ? portal_column_href(req, col->slug) : "/gkml");
    jset(o, "column_name", col ? col->name : "信息公开目录");
    json_object_set_new(ctx, "item", o);

    json_t *crumbs = json_array();
    if (col) {
        html_column_crumbs(&pg, crumbs, col->slug, true);
        json_object_set_new(ctx, "column_meta", html_column_meta(col));
    } else {
        jcrumb(crumbs, "政务公开", "/zwgk");
        jcrumb(crumbs, "信息公开目录", "/gkml");
    }
    jcrumb(crumbs, "正文", NULL);
    json_object_set_new(ctx, "crumbs", crumbs);
    jset(ctx, "section", html_column_section(col ? col->slug : NULL));
    jset(ctx, "title", it.title);

    const char *desc = it.summary && *it.summary ? it.summary : body_excerpt(req, it.body, 120);
    jset(ctx, "description", desc);
    json_t *m = json_object();
    jset(m, "title", it.title);
    jset(m, "pubdate", arena_printf(req->arena, "%s 00:00", it.published ? it.published : ""));
    jset(m, "source", it.agency_name);
    buf_t kw = BUF_INIT;
    const char *parts[] = {it.topic ? strchr(it.topic, '/') ? strchr(it.topic, '/') + 1 : it.topic : NULL,
                           it.genre, col ? col->name : NULL, it.statutory ? html_statutory_name(it.statutory) : NULL};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (parts[i] && *parts[i]) {
            if (kw.len)
                buf_putc(&kw, ',');
            buf_puts(&kw, parts[i]);
        }
    jset(m, "keywords", buf_str(&kw));
    buf_free(&kw);
    jset(m, "author", it.agency_name);
    jset(m, "description", desc);
    const char *domain = pg.p->site.site_domain;
    const char *href = portal_item_href(req, it.ext_id);
    jset(m, "url", *domain ? arena_printf(req->arena, "https://%s%s", domain, href) : href);
    json_object_set_new(ctx, "article_meta", m);

    portal_item_free(&it);
    portal_page(req, res, "item", ctx);
    json_decref(ctx);
}

/* Types a browser would run or render as a page of this site: sent as a download only. */
static bool active_type(const char *mime)
{
    static const char *const bad[] = {"text/html", "application/xhtml", "image/svg", "text/xml", "application/xml",
                                      "text/javascript", "application/javascript", "application/x-javascript"};
    if (!mime)
        return true;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (strncasecmp(mime, bad[i], strlen(bad[i])) == 0)
            return true;
    for (const char *p = mime; *p; p++)
        if ((unsigned char)*p < 0x21 && *p != ' ')
            return true;
    return false;
}

void page_attachment(struct request *req, struct response *res)
{
    long long id;
    if (!html_parse_uint(req->tail, &id)) {
        portal_error_page(req, res, 404, "没有这个附件。");
        return;
    }
    struct page pg;
    if (!page_begin(&pg, req, res))
        return;
    char *name, *mime, *ext, *err = NULL;
    void *data;
    size_t size;
    int rc = store_portal_attachment(pg.s, id, pg.today, &name, &mime, &data, &size, &ext, &err);
    if (rc < 0) {
        page_db_error(&pg, err);
        return;
    }
    if (rc == RES_NOT_FOUND) {
        portal_error_page(req, res, 404, "没有这个附件。");
        return;
    }
    res_type(res, active_type(mime) ? "application/octet-stream" : mime);
    buf_t cd = BUF_INIT;
    buf_puts(&cd, "attachment; filename*=UTF-8''");
    esc_url_component(&cd, name);
    res_header(res, "Content-Disposition", buf_str(&cd));
    buf_free(&cd);
    buf_reset(&res->body);
    buf_append(&res->body, data, size);
    res_cache(res, "public, max-age=86400");
    res_etag_auto(res);
    free(name);
    free(mime);
    free(ext);
    free(data);
}
