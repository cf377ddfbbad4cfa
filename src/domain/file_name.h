/* The original name of an attachment, kept only as a label: cleaned before it is stored,
 * and written into a Content-Disposition header (RFC 6266) that no name can break. Pure. */
#ifndef GK_DOMAIN_FILE_NAME_H
#define GK_DOMAIN_FILE_NAME_H
#include "util/buf.h"
#include "util/result.h"

/* The longest label kept, in characters (code points). */
#define FILE_NAME_MAX_CHARS 120

/* A clean label from NAME as a browser or an import gave it: only the part after the last
 * '/' or '\' (so "../../etc/passwd" is "passwd"); control characters (C0, DEL, C1),
 * bidirectional controls and zero-width characters dropped; characters Windows refuses in
 * names (: * ? " < > |) become '_'; leading and trailing dots and spaces trimmed. RES_OK with
 * *OUT malloc'd; RES_REFUSED with *why ("name: …") when NAME is not UTF-8, longer than
 * FILE_NAME_MAX_CHARS, or nothing is left. */
res_t file_name_clean(const char *name, char **out, char **why);

/* NAME (a clean label) with the extension EXT of its sniffed type: kept when it already
 * ends ".EXT" (any case; ".jpeg" counts for "jpg"), else ".EXT" replaces a last extension
 * of 1–5 ASCII letters or digits ("报告.exe" → "报告.pdf") or is appended. Malloc'd. */
char *file_name_with_ext(const char *name, const char *ext);

/* Appends a Content-Disposition value for NAME (a clean label): `attachment;
 * filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>`. The fallback keeps
 * printable ASCII except '"', '\\', '%' and ';', which become '_', and writes '_' for each
 * other character; the extension survives. */
void file_name_disposition(buf_t *b, const char *name);

#endif
