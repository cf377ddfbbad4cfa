/* The demo's attachments (issue 8 item 4): every "关于印发《…》的通知" of the last two demo
 * years says 详见附件 and carries its document as a small, valid PDF (one page, the
 * document's item id in ASCII: the standard fonts have no Chinese glyphs, and the demo does
 * not embed a font). Written as attachment records, so they go through the importer's
 * checks like any file. */
#include "demo/demo_internal.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define FIRST_YEAR_WITH_ATTACHMENTS (DEMO_LAST_YEAR - 1)

char *demo_attachment_note(struct demo_ctx *ctx, const char *item_id, const char *title, const char *body, int year)
{
    static const char open[] = "印发《", close[] = "》";
    const char *a = title ? strstr(title, open) : NULL;
    const char *b = a ? strstr(a, close) : NULL;
    if (year < FIRST_YEAR_WITH_ATTACHMENTS || !a || !b || strlen(item_id) >= sizeof ctx->atts->item)
        return NULL;
    a += strlen(open);
    if (ctx->natts == ctx->capatts) {
        ctx->capatts = ctx->capatts ? 2 * ctx->capatts : 16;
        ctx->atts = xrealloc(ctx->atts, ctx->capatts * sizeof *ctx->atts);
    }
    struct demo_attachment_ref *r = &ctx->atts[ctx->natts++];
    strcpy(r->item, item_id);
    r->doc = xstrndup(a, (size_t)(b - a));
    return xasprintf("%s\n\n附件：《%s》（详见附件）", body ? body : "", r->doc);
}

/* A one-page PDF 1.4 that shows TEXT (ASCII), with a correct cross-reference table. */
static void pdf(buf_t *out, const char *text)
{
    size_t off[6];
    buf_puts(out, "%PDF-1.4\n");
    off[1] = out->len;
    buf_puts(out, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    off[2] = out->len;
    buf_puts(out, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
    off[3] = out->len;
    buf_puts(out, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                  " /Resources << /Font << /F1 5 0 R >> >> >>\nendobj\n");
    buf_t content = BUF_INIT;
    buf_printf(&content, "BT /F1 14 Tf 72 760 Td (%s) Tj ET\n", text);
    off[4] = out->len;
    buf_printf(out, "4 0 obj\n<< /Length %zu >>\nstream\n%sendstream\nendobj\n", content.len, buf_str(&content));
    buf_free(&content);
    off[5] = out->len;
    buf_puts(out, "5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n");
    size_t xref = out->len;
    buf_puts(out, "xref\n0 6\n0000000000 65535 f \n");
    for (int i = 1; i <= 5; i++)
        buf_printf(out, "%010zu 00000 n \n", off[i]);
    buf_printf(out, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", xref);
}

void demo_attachments(struct demo_ctx *ctx)
{
    for (size_t i = 0; i < ctx->natts; i++) {
        struct demo_attachment_ref *r = &ctx->atts[i];
        buf_t doc = BUF_INIT;
        char *text = xasprintf("gongkai demo attachment: %s", r->item);
        pdf(&doc, text);
        free(text);
        size_t cap = sodium_base64_ENCODED_LEN(doc.len, sodium_base64_VARIANT_ORIGINAL);
        char *b64 = xmalloc(cap);
        sodium_bin2base64(b64, cap, (const unsigned char *)doc.data, doc.len, sodium_base64_VARIANT_ORIGINAL);
        json_t *rec = json_object();
        json_object_set_new(rec, "type", json_string("attachment"));
        json_object_set_new(rec, "id", json_sprintf("%s-att1", r->item));
        json_object_set_new(rec, "item", json_string(r->item));
        json_object_set_new(rec, "name", json_sprintf("%s.pdf", r->doc));
        json_object_set_new(rec, "content", json_string(b64));
        demo_emit(ctx, rec);
        free(b64);
        buf_free(&doc);
        free(r->doc);
    }
    free(ctx->atts);
    ctx->atts = NULL;
    ctx->natts = ctx->capatts = 0;
}
