/* The item page /item/<ext id>: the metadata table real government sites show above the
 * title (索引号, 主题分类, 发布机构, 成文日期, 文号, 发布日期, 有效性), the body from Markdown,
 * attachments and the channels it was published through. Attachments: /attachment/<id>. */
#include "domain/file_name.h"
#include "domain/file_type.h"
#include "util/escape.h"
#include "util/xalloc.h"
#include "util/url.h"
#include "util/utf8.h"
#include "web/markdown.h"
#include "store/store_workflow.h"
#include "web/public/pages.h"
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
    const struct file_type *t = file_type_by_mime(mime); /* the types uploads are sniffed as */
    if (t)
        return t->label;
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

/* The 有效性 of IT as the page says it: 废止 / 失效 once its date has come, 已修改 from its
 * date, else 有效; *ended tells whether its 废止 or 失效 date has come. */
static const char *validity_cn(const struct portal_item *it, const char *today, bool *ended)
{
    *ended = view_repealed(it->repealed, today);
    bool expired = it->validity && strcmp(it->validity, "expired") == 0;
    if (*ended)
        return expired ? "失效" : "废止";
    if (it->validity && strcmp(it->validity, "modified") == 0)
        return "已修改";
    return "有效";
}

void item_page_fill(struct page *pg, const struct portal_item *it)
{
    struct request *req = pg->req;
    json_t *ctx = pg->ctx, *o = json_object();
    json_object_set_new(ctx, "item", o);
    view_set(o, "title", it->title);
    view_set(o, "index_no", it->index_no);
    view_set(o, "topic", it->topic);
    view_set(o, "genre", it->genre);
    view_set(o, "agency", it->agency_name);
    view_set(o, "agency_href", url_agency(req, it->agency_code));
    view_set(o, "written", it->written);
    view_set(o, "doc_no", it->doc_no);
    view_set(o, "published", it->published);
    bool repealed;
    const char *validity = validity_cn(it, pg->today, &repealed);
    bool expired = it->validity && strcmp(it->validity, "expired") == 0;
    view_set_bool(o, "repealed", repealed);
    view_set(o, "validity", validity);
    view_set(o, "ended_word", expired ? "失效" : "废止");
    if (repealed)
        view_set(o, "repealed_cn", view_date_cn(req, it->repealed));
    else if (it->repealed && *it->repealed)
        view_set(o, "repeal_pending", view_date_cn(req, it->repealed));
    if (it->statutory)
        view_set(o, "statutory", view_statutory_name(it->statutory));
    buf_t body = BUF_INIT;
    if (it->body && *it->body) {
        markdown_html(&body, it->body, strlen(it->body), MARKDOWN_SIGNATURES);
    }
    else if (it->summary && *it->summary) {
        buf_puts(&body, "<p>");
        esc_html(&body, it->summary);
        buf_puts(&body, "</p>\n");
    }
    view_set(o, "body_html", buf_str(&body));
    buf_free(&body);

    json_t *atts = json_array();
    for (size_t i = 0; i < it->natts; i++) {
        json_t *a = json_object();
        view_set(a, "href", arena_printf(req->arena, "/attachment/%lld", it->atts[i].id));
        view_set(a, "name", it->atts[i].name);
        view_set(a, "type", type_name(it->atts[i].mime));
        view_set(a, "size", view_size(req, it->atts[i].size));
        json_array_append_new(atts, a);
    }
    json_object_set_new(o, "attachments", atts);
    json_t *pubs = json_array();
    for (size_t i = 0; i < it->npubs; i++) {
        json_t *a = json_object();
        view_set(a, "channel", view_channel_name(it->pubs[i].channel));
        view_set(a, "at", it->pubs[i].at);
        view_set(a, "at_cn", view_date_cn(req, it->pubs[i].at));
        view_set(a, "url", url_is_safe_href(it->pubs[i].url) ? it->pubs[i].url : "");
        json_array_append_new(pubs, a);
    }
    json_object_set_new(o, "publications", pubs);

    const struct portal_column *col = columns_find(pg->p, it->column_slug);
    view_set(o, "column_href", col ? url_column(req, col->slug) : "/gkml");
    view_set(o, "column_name", col ? col->name : "信息公开目录");

    json_t *crumbs = json_array();
    if (col) {
        column_crumbs(pg, crumbs, col->slug, true);
        json_object_set_new(ctx, "column_meta", view_column_meta(col));
    } else {
        view_crumb(crumbs, "政务公开", "/zwgk");
        view_crumb(crumbs, "信息公开目录", "/gkml");
    }
    view_crumb(crumbs, "正文", NULL);
    json_object_set_new(ctx, "crumbs", crumbs);
    view_set(ctx, "section", columns_section(col ? col->slug : NULL));
    view_set(ctx, "title", it->title);

    const char *desc = it->summary && *it->summary ? it->summary : body_excerpt(req, it->body, 120);
    view_set(ctx, "description", desc);
    json_t *m = json_object();
    view_set(m, "title", it->title);
    view_set(m, "pubdate", arena_printf(req->arena, "%s 00:00", it->published ? it->published : ""));
    view_set(m, "source", it->agency_name);
    buf_t kw = BUF_INIT;
    const char *parts[] = {it->topic ? strchr(it->topic, '/') ? strchr(it->topic, '/') + 1 : it->topic : NULL,
                           it->genre, col ? col->name : NULL, it->statutory ? view_statutory_name(it->statutory) : NULL};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (parts[i] && *parts[i]) {
            if (kw.len)
                buf_putc(&kw, ',');
            buf_puts(&kw, parts[i]);
        }
    view_set(m, "keywords", buf_str(&kw));
    buf_free(&kw);
    view_set(m, "author", it->agency_name);
    view_set(m, "description", desc);
    const char *domain = site_get(pg->p)->domain;
    const char *href = url_item(req, it->ext_id ? it->ext_id : "");
    view_set(m, "url", *domain ? arena_printf(req->arena, "https://%s%s", domain, href) : href);
    json_object_set_new(ctx, "article_meta", m);
}

/* A withdrawn item's address keeps its public note (410 Gone: the item is not coming back
 * at this address). False when EXT_ID is no withdrawn item. */
static bool withdrawn_page(struct page *pg, const char *ext_id)
{
    char *title = NULL, *on = NULL, *note = NULL, *err = NULL;
    if (store_item_withdrawal(pg->s, ext_id, &title, &on, &note, &err) != RES_OK) {
        free(err);
        return false;
    }
    json_t *o = json_object();
    json_object_set_new(pg->ctx, "withdrawn", o);
    view_set(o, "title", title);
    view_set(o, "on", on);
    view_set(o, "on_cn", view_date_cn(pg->req, on));
    view_set(o, "note", note);
    view_set(pg->ctx, "title", arena_printf(pg->req->arena, "已撤回：%s", title ? title : ""));
    json_t *crumbs = json_array();
    view_crumb(crumbs, "政务公开", "/zwgk");
    view_crumb(crumbs, "信息公开目录", "/gkml");
    view_crumb(crumbs, "已撤回", NULL);
    json_object_set_new(pg->ctx, "crumbs", crumbs);
    free(title);
    free(on);
    free(note);
    res_status(pg->res, 410);
    page_render(pg, "item_withdrawn");
    return true;
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
    if (rc == RES_NOT_FOUND && withdrawn_page(&pg, req->tail)) {
        free(err);
        return;
    }
    if (rc != RES_OK) { /* RES_NOT_FOUND or RES_FAILED */
        page_fail_shown(&pg, rc, err, rc == RES_NOT_FOUND ? "没有找到这条政府信息，它可能已经调整或者地址有误。" : NULL);
        return;
    }
    item_page_fill(&pg, &it);
    portal_item_free(&it);
    page_render(&pg, "item");
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
    if (!uint_parse(req->tail, 0, 999999999, &id)) {
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
    if (rc != RES_OK) { /* RES_NOT_FOUND or RES_FAILED */
        page_fail_shown(&pg, rc, err, rc == RES_NOT_FOUND ? "没有这个附件。" : NULL);
        return;
    }
    /* Attachments (issue 8): the sniffed type; a download, never a page of this site (RFC 6266
     * name with an ASCII fallback; a sandbox CSP in case a browser renders it anyway). */
    res_type(res, active_type(mime) ? "application/octet-stream" : mime);
    char *label = NULL, *why = NULL;
    if (file_name_clean(name, &label, &why) != RES_OK)
        label = xstrdup("附件");
    free(why);
    buf_t cd = BUF_INIT;
    file_name_disposition(&cd, label);
    free(label);
    res_header(res, "Content-Disposition", buf_str(&cd));
    buf_free(&cd);
    res_header(res, "X-Content-Type-Options", "nosniff");
    res_header(res, "Content-Security-Policy", "sandbox; default-src 'none'");
    buf_reset(&res->body);
    buf_append(&res->body, data, size);
    res_cache(res, "public, max-age=86400");
    res_etag_auto(res);
    free(name);
    free(mime);
    free(ext);
    free(data);
    page_end(&pg);
}
