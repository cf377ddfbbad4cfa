/* Attachment labels and their Content-Disposition (file_name.h). */
#include "domain/file_name.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

/* Characters that change how a name displays or hide what it is: bidirectional controls
 * (a "gpj.exe" shown as "exe.jpg"), zero-width ones, the BOM. */
static bool invisible(int32_t cp)
{
    return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) ||
           cp == 0x061C || cp == 0xFEFF;
}

static bool control(int32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029;
}

res_t file_name_clean(const char *name, char **out, char **why)
{
    *out = NULL;
    name = name ? name : "";
    size_t len = strlen(name);
    if (!utf8_valid(name, len)) {
        *why = xstrdup("name: the file name is not valid UTF-8");
        return RES_REFUSED;
    }
    const char *base = name;
    for (const char *p = name; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    buf_t b = BUF_INIT;
    size_t chars = 0;
    const char *p = base, *end = name + len;
    while (p < end) {
        const char *start = p;
        int32_t cp = utf8_decode(&p, end);
        if (cp == UTF8_INVALID || control(cp) || invisible(cp))
            continue;
        if (cp < 0x80 && strchr(":*?\"<>|", (int)cp))
            buf_putc(&b, '_');
        else
            buf_append(&b, start, (size_t)(p - start));
        chars++;
    }
    /* Trim dots and spaces at both ends ("..", " .bashrc", "name. ") */
    const char *s = buf_str(&b);
    size_t from = 0, to = b.len;
    while (from < to && (s[from] == '.' || s[from] == ' '))
        from++;
    while (to > from && (s[to - 1] == '.' || s[to - 1] == ' '))
        to--;
    res_t r = RES_OK;
    if (chars > FILE_NAME_MAX_CHARS) {
        *why = xasprintf("name: the file name is longer than %d characters", FILE_NAME_MAX_CHARS);
        r = RES_REFUSED;
    } else if (from == to) {
        *why = xstrdup("name: the file name is empty once unsafe characters are removed");
        r = RES_REFUSED;
    } else {
        *out = xstrndup(s + from, to - from);
    }
    buf_free(&b);
    return r;
}

void file_name_disposition(buf_t *b, const char *name)
{
    static const char hex[] = "0123456789ABCDEF";
    name = name ? name : "";
    const char *end = name + strlen(name);
    buf_puts(b, "attachment; filename=\"");
    for (const char *p = name; p < end;) {
        int32_t cp = utf8_decode(&p, end);
        bool plain = cp > 0x20 && cp < 0x7F && !strchr("\"\\%;", (int)cp);
        buf_putc(b, plain ? (char)cp : cp == ' ' ? ' ' : '_');
    }
    buf_puts(b, "\"; filename*=UTF-8''");
    /* RFC 5987 attr-char: ALPHA DIGIT ! # $ & + - . ^ _ ` | ~ ; everything else %XX. */
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        bool attr = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
                    (*p < 0x80 && strchr("!#$&+-.^_`|~", *p));
        if (attr) {
            buf_putc(b, (char)*p);
        } else {
            buf_putc(b, '%');
            buf_putc(b, hex[*p >> 4]);
            buf_putc(b, hex[*p & 15]);
        }
    }
}

char *file_name_with_ext(const char *name, const char *ext)
{
    size_t n = strlen(name), e = strlen(ext);
    const char *dot = strrchr(name, '.');
    if (dot && dot != name) {
        const char *have = dot + 1;
        if (strcasecmp(have, ext) == 0 || (strcmp(ext, "jpg") == 0 && strcasecmp(have, "jpeg") == 0))
            return xstrdup(name);
        size_t hl = n - (size_t)(have - name);
        bool plain = hl >= 1 && hl <= 5;
        for (const char *p = have; plain && *p; p++)
            plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9');
        if (plain)
            n = (size_t)(dot - name);
    }
    char *out = xmalloc(n + e + 2);
    memcpy(out, name, n);
    out[n] = '.';
    memcpy(out + n + 1, ext, e + 1);
    return out;
}
