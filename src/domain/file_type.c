/* File types by content (file_type.h). The ZIP check reads the central directory (found
 * from the end-of-central-directory record), because local headers may leave their sizes
 * to a trailing data descriptor; every offset is checked against the buffer first. */
#include "domain/file_type.h"
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum { T_PDF, T_DOCX, T_XLSX, T_PPTX, T_ZIP, T_DOC, T_XLS, T_PPT, T_JPEG, T_PNG, T_COUNT };

static const struct file_type types[T_COUNT] = {
    [T_PDF] = {"application/pdf", "PDF", "pdf"},
    [T_DOCX] = {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word 文档", "docx"},
    [T_XLSX] = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel 表格", "xlsx"},
    [T_PPTX] = {"application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint 演示文稿",
                "pptx"},
    [T_ZIP] = {"application/zip", "ZIP 压缩包", "zip"},
    [T_DOC] = {"application/msword", "Word 文档", "doc"},
    [T_XLS] = {"application/vnd.ms-excel", "Excel 表格", "xls"},
    [T_PPT] = {"application/vnd.ms-powerpoint", "PowerPoint 演示文稿", "ppt"},
    [T_JPEG] = {"image/jpeg", "JPEG 图片", "jpg"},
    [T_PNG] = {"image/png", "PNG 图片", "png"},
};

static uint32_t le16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
    return le16(p) | le16(p + 2) << 16;
}

static bool name_is(const unsigned char *name, size_t len, const char *want)
{
    return len == strlen(want) && memcmp(name, want, len) == 0;
}

/* T_DOCX / T_XLSX / T_PPTX / T_ZIP for a well-formed ZIP, -1 for a broken one. */
static int zip_kind(const unsigned char *d, size_t n)
{
    /* The end record is 22 bytes plus a comment of up to 65535. */
    if (n < 22)
        return -1;
    size_t eocd = 0;
    bool found = false;
    size_t lowest = n > 22 + 65535 ? n - 22 - 65535 : 0;
    for (size_t i = n - 22 + 1; i-- > lowest;)
        if (memcmp(d + i, "PK\x05\x06", 4) == 0) {
            eocd = i;
            found = true;
            break;
        }
    if (!found)
        return -1;
    size_t entries = le16(d + eocd + 10), cd_size = le32(d + eocd + 12), at = le32(d + eocd + 16);
    if (at > eocd || cd_size > eocd - at)
        return -1;
    bool content_types = false, word = false, xl = false, ppt = false;
    size_t end = at + cd_size;
    for (size_t k = 0; k < entries; k++) {
        if (end - at < 46 || memcmp(d + at, "PK\x01\x02", 4) != 0)
            return -1;
        size_t nlen = le16(d + at + 28), xlen = le16(d + at + 30), clen = le16(d + at + 32);
        if (end - at - 46 < nlen + xlen + clen)
            return -1;
        const unsigned char *name = d + at + 46;
        content_types |= name_is(name, nlen, "[Content_Types].xml");
        word |= name_is(name, nlen, "word/document.xml");
        xl |= name_is(name, nlen, "xl/workbook.xml");
        ppt |= name_is(name, nlen, "ppt/presentation.xml");
        at += 46 + nlen + xlen + clen;
    }
    if (content_types && word + xl + ppt == 1)
        return word ? T_DOCX : xl ? T_XLSX : T_PPTX;
    return T_ZIP;
}

/* True when the UTF-16LE spelling of ASCII name NAME occurs in D (an OLE2 directory entry). */
static bool has_utf16_name(const unsigned char *d, size_t n, const char *name)
{
    size_t len = strlen(name);
    for (size_t i = 0; i + 2 * len <= n; i++) {
        size_t j = 0;
        while (j < len && d[i + 2 * j] == (unsigned char)name[j] && d[i + 2 * j + 1] == 0)
            j++;
        if (j == len)
            return true;
    }
    return false;
}

const struct file_type *file_type_sniff(const void *data, size_t n)
{
    const unsigned char *d = data;
    if (!d)
        return NULL;
    if (n >= 5 && memcmp(d, "%PDF-", 5) == 0)
        return &types[T_PDF];
    if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
        return &types[T_PNG];
    if (n >= 3 && memcmp(d, "\xff\xd8\xff", 3) == 0)
        return &types[T_JPEG];
    if (n >= 4 && memcmp(d, "PK\x03\x04", 4) == 0) {
        int k = zip_kind(d, n);
        return k < 0 ? NULL : &types[k];
    }
    if (n >= 512 && memcmp(d, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0) {
        if (has_utf16_name(d, n, "WordDocument"))
            return &types[T_DOC];
        if (has_utf16_name(d, n, "Workbook") || has_utf16_name(d, n, "Book"))
            return &types[T_XLS];
        if (has_utf16_name(d, n, "PowerPoint Document"))
            return &types[T_PPT];
    }
    return NULL;
}

const struct file_type *file_type_by_mime(const char *mime)
{
    for (int i = 0; mime && i < T_COUNT; i++)
        if (strcmp(types[i].mime, mime) == 0)
            return &types[i];
    return NULL;
}
