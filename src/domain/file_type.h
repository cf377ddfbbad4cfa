/* What an uploaded or imported file is, decided by its first bytes (and, for the ZIP-based
 * and the old Office formats, by the names of the parts inside), never by its name or by
 * what the browser said (shared guide: workspace conventions, "Uploads"). Pure: no I/O. */
#ifndef GK_DOMAIN_FILE_TYPE_H
#define GK_DOMAIN_FILE_TYPE_H
#include <stddef.h>

struct file_type {
    const char *mime;  /* the Content-Type the file is served with */
    const char *label; /* what the item page says: "PDF", "Word 文档" … */
    const char *ext;   /* the usual extension, without the dot */
};

/* The type of DATA[0..N), or NULL when it is none of the accepted kinds: PDF (%PDF-),
 * DOCX / XLSX / PPTX (a ZIP holding word/document.xml, xl/workbook.xml or
 * ppt/presentation.xml with [Content_Types].xml), any other ZIP archive, DOC / XLS / PPT
 * (an OLE2 compound file, D0 CF 11 E0 A1 B1 1A E1, with a WordDocument, Workbook or
 * PowerPoint Document stream), JPEG (FF D8 FF) and PNG (89 50 4E 47 0D 0A 1A 0A). */
const struct file_type *file_type_sniff(const void *data, size_t n);

/* The accepted type whose Content-Type is MIME, or NULL. */
const struct file_type *file_type_by_mime(const char *mime);

#endif
