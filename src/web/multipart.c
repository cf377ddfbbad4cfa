/* multipart/form-data (multipart.h). The grammar (RFC 2046 §5.1.1, RFC 7578):
 *
 *   body      = preamble? "--" boundary padding CRLF part (CRLF "--" boundary padding CRLF part)*
 *               CRLF "--" boundary "--" epilogue?
 *   part      = header-line* CRLF data
 *
 * where padding is spaces and tabs. The first delimiter may start the body without the CRLF.
 * Browsers write nothing in the preamble; curl and others may. */
#include "web/multipart.h"
#include "web/request.h"
#include "util/buf.h"
#include <string.h>
#include <strings.h>

#define BAD(msg)                                                                                                     \
    do {                                                                                                             \
        *why = msg;                                                                                                  \
        return -1;                                                                                                   \
    } while (0)

/* RFC 2046 bchars, without the space (which may not end a boundary anyway: simpler to refuse). */
static bool bchar(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || strchr("'()+_,-./:=?", c);
}

const char *multipart_boundary(arena_t *a, const char *content_type)
{
    static const char mt[] = "multipart/form-data";
    if (!content_type || strncasecmp(content_type, mt, sizeof mt - 1) != 0)
        return NULL;
    const char *p = content_type + sizeof mt - 1;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == ';')
            p++;
        const char *key = p;
        while (*p && *p != '=' && *p != ';')
            p++;
        size_t klen = (size_t)(p - key);
        while (klen && (key[klen - 1] == ' ' || key[klen - 1] == '\t'))
            klen--;
        if (*p != '=')
            continue;
        p++;
        const char *v = p;
        size_t vlen;
        if (*p == '"') {
            v = ++p;
            while (*p && *p != '"')
                p++;
            vlen = (size_t)(p - v);
            if (*p == '"')
                p++;
        } else {
            while (*p && *p != ';' && *p != ' ' && *p != '\t')
                p++;
            vlen = (size_t)(p - v);
        }
        if (klen == 8 && strncasecmp(key, "boundary", 8) == 0) {
            if (vlen == 0 || vlen > MULTIPART_MAX_BOUNDARY)
                return NULL;
            for (size_t i = 0; i < vlen; i++)
                if (!bchar(v[i]))
                    return NULL;
            return arena_strndup(a, v, vlen);
        }
    }
    return NULL;
}

/* The first occurrence of NEEDLE[0..M) in HAY[0..N), or NULL. M is at most 74 bytes, and the
 * first byte is '\r' or '-', so the memchr steps skip most of a binary body. */
static const char *find(const char *hay, size_t n, const char *needle, size_t m)
{
    const char *end = hay + n;
    while ((size_t)(end - hay) >= m) {
        const char *c = memchr(hay, needle[0], (size_t)(end - hay) - m + 1);
        if (!c)
            return NULL;
        if (memcmp(c, needle, m) == 0)
            return c;
        hay = c + 1;
    }
    return NULL;
}

/* A parameter value of a Content-Disposition header: quoted (with \" and \\ escapes, the
 * way RFC 2616 quoted-strings go; browsers percent-encode '"' instead) or a token. */
static const char *param_value(arena_t *a, const char **pp, const char *end)
{
    const char *p = *pp;
    buf_t v = BUF_INIT;
    if (p < end && *p == '"') {
        for (p++; p < end && *p != '"'; p++) {
            if (*p == '\\' && p + 1 < end)
                p++;
            buf_putc(&v, *p);
        }
        if (p < end)
            p++;
    } else {
        while (p < end && *p != ';' && *p != ' ' && *p != '\t')
            buf_putc(&v, *p++);
    }
    *pp = p;
    const char *r = arena_strndup(a, v.data ? v.data : "", v.len);
    bool ok = req_utf8_valid(v.data ? v.data : "", v.len) && !memchr(v.data ? v.data : "", '\0', v.len);
    buf_free(&v);
    return ok ? r : NULL;
}

/* Reads a Content-Disposition value "form-data; name=…; filename=…" into PART.
 * False when it is not form-data or a parameter is malformed. */
static bool disposition(arena_t *a, const char *p, const char *end, struct multipart_part *part)
{
    static const char fd[] = "form-data";
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if ((size_t)(end - p) < sizeof fd - 1 || strncasecmp(p, fd, sizeof fd - 1) != 0)
        return false;
    p += sizeof fd - 1;
    while (p < end) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == ';'))
            p++;
        const char *key = p;
        while (p < end && *p != '=' && *p != ';')
            p++;
        size_t klen = (size_t)(p - key);
        while (klen && (key[klen - 1] == ' ' || key[klen - 1] == '\t'))
            klen--;
        if (p >= end || *p != '=') {
            if (klen)
                return false;
            continue;
        }
        p++;
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        const char *v = param_value(a, &p, end);
        if (!v)
            return false;
        if (klen == 4 && strncasecmp(key, "name", 4) == 0)
            part->name = v;
        else if (klen == 8 && strncasecmp(key, "filename", 8) == 0)
            part->filename = v;
        /* filename* and others: ignored (RFC 7578 §4.2: senders must not use filename*) */
    }
    return true;
}

/* Parses the header block HDR[0..N) (lines ending CRLF, the blank line excluded) into PART. */
static int part_headers(arena_t *a, const char *hdr, size_t n, struct multipart_part *part, const char **why)
{
    const char *p = hdr, *end = hdr + n;
    bool seen = false;
    while (p < end) {
        const char *eol = find(p, (size_t)(end - p), "\r\n", 2);
        const char *line_end = eol ? eol : end;
        const char *colon = memchr(p, ':', (size_t)(line_end - p));
        if (!colon || colon == p)
            BAD("上传内容的分段头格式错误 (malformed part header)");
        size_t nlen = (size_t)(colon - p);
        const char *v = colon + 1, *vend = line_end;
        while (v < vend && (*v == ' ' || *v == '\t'))
            v++;
        while (vend > v && (vend[-1] == ' ' || vend[-1] == '\t'))
            vend--;
        if (nlen == 19 && strncasecmp(p, "Content-Disposition", 19) == 0) {
            if (seen)
                BAD("上传内容的分段有两个 Content-Disposition (repeated Content-Disposition)");
            seen = true;
            if (!disposition(a, v, vend, part))
                BAD("上传内容的分段不是 form-data 或参数无效 (bad Content-Disposition)");
        } else if (nlen == 12 && strncasecmp(p, "Content-Type", 12) == 0) {
            part->content_type = arena_strndup(a, v, (size_t)(vend - v));
        }
        p = eol ? eol + 2 : end;
    }
    if (!seen || !part->name || !*part->name)
        BAD("上传内容的分段缺少字段名 (part without a form-data name)");
    return 0;
}

int multipart_parse(arena_t *a, const char *body, size_t len, const char *boundary, struct multipart_part **parts,
                    size_t *n, const char **why)
{
    *parts = NULL;
    *n = 0;
    size_t blen = boundary ? strlen(boundary) : 0;
    if (!blen || blen > MULTIPART_MAX_BOUNDARY)
        BAD("上传内容缺少分隔符 (no multipart boundary)");
    char delim[MULTIPART_MAX_BOUNDARY + 4] = "\r\n--";
    memcpy(delim + 4, boundary, blen);
    size_t dlen = blen + 4;
    const char *end = body + len, *p;
    /* The first delimiter: at the very start, or after a preamble and a CRLF. */
    if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0)
        p = body + dlen - 2;
    else if ((p = find(body, len, delim, dlen)) != NULL)
        p += dlen;
    else
        BAD("上传内容没有开始分隔符 (no opening boundary)");
    struct multipart_part *v = arena_alloc(a, MULTIPART_MAX_PARTS * sizeof *v);
    size_t count = 0;
    for (;;) {
        /* After a delimiter: "--" closes the body; else padding and CRLF open a part. */
        if (end - p >= 2 && p[0] == '-' && p[1] == '-')
            break;
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
            BAD("上传内容的分隔符后缺少换行 (no CRLF after a boundary)");
        p += 2;
        if (count == MULTIPART_MAX_PARTS)
            BAD("上传内容的分段过多 (too many parts)");
        size_t window = (size_t)(end - p) < MULTIPART_MAX_HEADER_BYTES + 4 ? (size_t)(end - p)
                                                                           : MULTIPART_MAX_HEADER_BYTES + 4;
        const char *hend;
        if (window >= 2 && p[0] == '\r' && p[1] == '\n')
            hend = p; /* no headers at all */
        else if ((hend = find(p, window, "\r\n\r\n", 4)) != NULL)
            hend += 2;
        else
            BAD("上传内容的分段头过长或没有结束 (part header block too long or unterminated)");
        struct multipart_part *part = &v[count];
        memset(part, 0, sizeof *part);
        if (part_headers(a, p, (size_t)(hend - p) >= 2 ? (size_t)(hend - p) - 2 : 0, part, why) != 0)
            return -1;
        const char *data = hend + 2;
        const char *next = find(data, (size_t)(end - data), delim, dlen);
        if (!next)
            BAD("上传内容没有结束分隔符 (no closing boundary)");
        part->data = data;
        part->len = (size_t)(next - data);
        count++;
        p = next + dlen;
    }
    *parts = v;
    *n = count;
    return 0;
}

int multipart_request(struct request *req, const char **why)
{
    static const char mt[] = "multipart/form-data";
    const char *ct = req_header(req, "Content-Type");
    while (ct && (*ct == ' ' || *ct == '\t'))
        ct++;
    if (!ct || strncasecmp(ct, mt, sizeof mt - 1) != 0)
        return 0;
    const char *boundary = multipart_boundary(req->arena, ct);
    if (!boundary)
        BAD("上传内容的分隔符无效 (missing or invalid multipart boundary)");
    struct multipart_part *parts;
    size_t n;
    if (multipart_parse(req->arena, req->body, req->body_len, boundary, &parts, &n, why) != 0)
        return -1;
    size_t fields = 0, files = 0;
    for (size_t i = 0; i < n; i++)
        parts[i].filename ? files++ : fields++;
    req->form.v = arena_calloc(req->arena, fields ? fields : 1, sizeof *req->form.v);
    req->files.v = arena_calloc(req->arena, files ? files : 1, sizeof *req->files.v);
    req->form.n = req->files.n = 0;
    for (size_t i = 0; i < n; i++) {
        const struct multipart_part *p = &parts[i];
        if (p->filename) {
            struct req_file *f = &req->files.v[req->files.n++];
            *f = (struct req_file){p->name, p->filename, p->content_type, p->data, p->len};
            continue;
        }
        if (!req_utf8_valid(p->data, p->len) || memchr(p->data, '\0', p->len))
            BAD("表单内容无效 (a form field is not UTF-8 or holds a NUL)");
        struct req_param *f = &req->form.v[req->form.n++];
        f->name = p->name;
        f->value = arena_strndup(req->arena, p->data, p->len);
    }
    return 0;
}
