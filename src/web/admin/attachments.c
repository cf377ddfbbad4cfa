/* Attachments in the workspace (attachments.h). Rules, in the order a file meets them:
 * the account may edit (editor or agency admin) and the item is of its agency; the file is
 * there and within attachment_max_mib; its type comes from its first bytes
 * (domain/file_type.h), never from the name or the browser; its name is only a label,
 * cleaned (domain/file_name.h) and given the sniffed type's extension. The bytes and the
 * audit row are written in one transaction. */
#include "web/admin/attachments.h"
#include "domain/file_name.h"
#include "domain/file_type.h"
#include "store/store_attachments.h"
#include "util/escape.h"
#include "util/xalloc.h"
#include "web/admin/form.h"
#include "web/admin/render.h"
#include "web/fail.h"
#include "web/query.h"
#include "web/view.h"
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EDIT_ROLES (ROLE_EDITOR | ROLE_ADMIN)

/* The item EXT of A's agency into *B: true; else answered (404 no such item, 403 another
 * agency's) and false. */
static bool own_item(struct request *req, struct response *res, const struct admin *a, const char *ext,
                     struct item_brief *b)
{
    char *why = NULL;
    res_t r = store_item_brief(a->s, ext, b, &why);
    if (r != RES_OK) {
        web_fail(req, res, r, why, r == RES_NOT_FOUND ? "没有这条政府信息，请核对信息编号。" : NULL);
        return false;
    }
    free(why);
    if (!*a->staff.agency || strcmp(b->agency_code ? b->agency_code : "", a->staff.agency) != 0) {
        item_brief_free(b);
        res_status(res, 403);
        res_error(res, 403, "这条信息不属于您所在的机关，不能管理它的附件。");
        return false;
    }
    return true;
}

static const char *item_href(struct request *req, const char *ext)
{
    buf_t b = BUF_INIT;
    buf_puts(&b, "/admin/attachments?item=");
    esc_url_component(&b, ext);
    const char *r = arena_strdup(req->arena, buf_str(&b));
    buf_free(&b);
    return r;
}

struct list_ctx {
    struct request *req;
    json_t *rows;
};

static int add_row(const struct attachment_info *at, const void *data, size_t size, void *ud)
{
    (void)data;
    (void)size;
    struct list_ctx *c = ud;
    const struct file_type *t = file_type_by_mime(at->mime);
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(at->id));
    view_set(o, "name", at->name);
    view_set(o, "type", t ? t->label : at->mime);
    view_set(o, "size", view_size(c->req, at->size));
    view_set(o, "href", arena_printf(c->req->arena, "/attachment/%lld", at->id));
    view_set(o, "by", at->created_by);
    view_set(o, "sha", at->sha256 && strlen(at->sha256) >= 12 ? arena_strndup(c->req->arena, at->sha256, 12) : "");
    json_array_append_new(c->rows, o);
    return 0;
}

/* Renders the page of item B (status STATUS) into CTX. */
static void render_item(struct request *req, struct response *res, const struct admin *a, const struct item_brief *b,
                        int status, json_t *ctx)
{
    json_object_set_new(ctx, "title", json_string("附件管理"));
    json_object_set_new(ctx, "section", json_string("attachments"));
    json_t *it = json_object();
    view_set(it, "ext_id", b->ext_id);
    view_set(it, "title", b->title);
    view_set(it, "published", b->published);
    view_set(it, "public_href", b->published ? arena_printf(req->arena, "/item/%s", b->ext_id) : "");
    view_set(it, "channels_href", arena_printf(req->arena, "/admin/outbox/withdraw?item=%s", b->ext_id));
    json_object_set_new(ctx, "item", it);
    struct list_ctx c = {req, json_array()};
    json_object_set_new(ctx, "attachments", c.rows);
    char *why = NULL;
    res_t r = store_attachment_each(a->s, b->ext_id, NULL, add_row, &c, &why);
    if (r != RES_OK) {
        web_fail(req, res, r, why, NULL);
        return;
    }
    json_object_set_new(ctx, "max_mib", json_integer(admin_setting(req, "attachment_max_mib")));
    admin_render(req, res, a, status, "admin/attachments", ctx);
}

void admin_attachments(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, EDIT_ROLES, &a))
        return;
    json_t *ctx = json_object();
    const char *ext = req_query(req, "item");
    if (!ext || !*ext) {
        json_object_set_new(ctx, "title", json_string("附件管理"));
        json_object_set_new(ctx, "section", json_string("attachments"));
        admin_render(req, res, &a, 200, "admin/attachments", ctx);
        json_decref(ctx);
        return;
    }
    struct item_brief b;
    if (own_item(req, res, &a, ext, &b)) {
        render_item(req, res, &a, &b, 200, ctx);
        item_brief_free(&b);
    }
    json_decref(ctx);
}

static void sha256_hex(const void *data, size_t n, char out[65])
{
    unsigned char d[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(d, data, n);
    sodium_bin2hex(out, 65, d, sizeof d);
}

/* The refusal of FILE (a message for the form), or NULL when it may be attached; *TYPE and
 * *LABEL (malloc'd) set then. */
static const char *check_file(struct request *req, const struct req_file *f, long max_mib,
                              const struct file_type **type, char **label)
{
    *type = NULL;
    *label = NULL;
    if (!f || (f->len == 0 && (!f->filename || !*f->filename)))
        return "请选择要上传的文件。";
    if (f->len == 0)
        return "这个文件是空的。";
    if (f->len > (size_t)max_mib * 1024 * 1024)
        return arena_printf(req->arena, "文件大小 %s，超过了 %ld MiB 的上限。", view_size(req, (long long)f->len), max_mib);
    *type = file_type_sniff(f->data, f->len);
    if (!*type)
        return "无法识别这个文件的类型。附件只接受 PDF、Word（doc/docx）、Excel（xls/xlsx）、PowerPoint（ppt/pptx）、"
               "JPEG 和 PNG 图片、ZIP 压缩包；类型按文件内容判断，与扩展名无关。";
    char *clean = NULL, *why = NULL;
    res_t r = file_name_clean(f->filename, &clean, &why);
    free(why);
    if (r != RES_OK)
        return arena_printf(req->arena, "文件名不可用：文件名须为 UTF-8 编码、不超过 %d 个字符，且去掉路径和控制字符后不能为空。",
                            FILE_NAME_MAX_CHARS);
    *label = file_name_with_ext(clean, (*type)->ext);
    free(clean);
    return NULL;
}

void admin_attachment_upload(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, EDIT_ROLES, &a))
        return;
    struct item_brief b;
    if (!own_item(req, res, &a, form_text(req, "item"), &b))
        return;
    json_t *ctx = json_object();
    const struct file_type *type;
    char *label = NULL, *why = NULL;
    const struct req_file *f = req_file(req, "file");
    const char *bad = check_file(req, f, (long)admin_setting(req, "attachment_max_mib"), &type, &label);
    if (bad) {
        form_error(ctx, "file", bad);
        render_item(req, res, &a, &b, 422, ctx);
        goto done;
    }
    char sha[65];
    sha256_hex(f->data, f->len, sha);
    struct attachment_new n = {.item_ext_id = b.ext_id, .name = label, .mime = type->mime, .sha256 = sha,
                               .data = f->data, .size = f->len, .created_at = a.now, .created_by = a.staff.login};
    long long id = 0;
    res_t r = store_begin(a.s, &why);
    if (r == RES_OK)
        r = store_attachment_put(a.s, &n, &id, &why);
    if (r == RES_OK) {
        json_t *after = json_pack("{sIsssssIss}", "id", (json_int_t)id, "name", label, "type", type->mime, "size",
                                  (json_int_t)f->len, "sha256", sha);
        char *aj = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
        json_decref(after);
        r = admin_audit(req, &a, "attachment.add", arena_printf(req->arena, "item:%s", b.ext_id), NULL, aj, &why);
        free(aj);
    }
    if (r == RES_OK)
        r = store_commit(a.s, &why);
    if (r != RES_OK) {
        store_rollback(a.s);
        web_fail(req, res, r, why, NULL);
        why = NULL;
        goto done;
    }
    form_redirect(res, item_href(req, b.ext_id));
done:
    free(why);
    free(label);
    item_brief_free(&b);
    json_decref(ctx);
}

void admin_attachment_remove(struct request *req, struct response *res)
{
    struct admin a;
    if (!admin_require(req, res, EDIT_ROLES, &a))
        return;
    long long id;
    struct attachment_info at = {0};
    struct item_brief b = {0};
    char *why = NULL;
    if (!uint_parse(form_text(req, "id"), 0, 999999999999LL, &id)) {
        web_fail(req, res, RES_NOT_FOUND, NULL, "没有这个附件。");
        return;
    }
    res_t r = store_attachment_get(a.s, id, &at, &why);
    if (r != RES_OK) {
        web_fail(req, res, r, why, r == RES_NOT_FOUND ? "没有这个附件。" : NULL);
        return;
    }
    if (!own_item(req, res, &a, at.item_ext_id, &b))
        goto out;
    json_t *before = json_pack("{sIsssssIss}", "id", (json_int_t)at.id, "name", at.name ? at.name : "", "type",
                               at.mime ? at.mime : "", "size", (json_int_t)at.size, "sha256", at.sha256 ? at.sha256 : "");
    char *bj = json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(before);
    r = store_begin(a.s, &why);
    if (r == RES_OK)
        r = store_attachment_remove(a.s, id, &why);
    if (r == RES_OK)
        r = admin_audit(req, &a, "attachment.remove", arena_printf(req->arena, "item:%s", b.ext_id), bj, NULL, &why);
    if (r == RES_OK)
        r = store_commit(a.s, &why);
    free(bj);
    if (r != RES_OK) {
        store_rollback(a.s);
        web_fail(req, res, r, why, NULL);
        why = NULL;
        goto out;
    }
    form_redirect(res, item_href(req, b.ext_id));
out:
    free(why);
    attachment_info_free(&at);
    item_brief_free(&b);
}
