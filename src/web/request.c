#include "web/request.h"
#include <string.h>
#include <strings.h>

static const char *params_find(const struct req_params *p, const char *name, bool nocase)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < p->n; i++)
        if (nocase ? strcasecmp(p->v[i].name, name) == 0 : strcmp(p->v[i].name, name) == 0)
            return p->v[i].value;
    return NULL;
}

static size_t params_all(const struct req_params *p, const char *name, const char **out,
                         size_t max)
{
    size_t k = 0;
    if (!name)
        return 0;
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->v[i].name, name) == 0) {
            if (out && k < max)
                out[k] = p->v[i].value;
            k++;
        }
    return k;
}

const char *req_query(const struct request *req, const char *name)
{
    return params_find(&req->params, name, false);
}

const char *req_form(const struct request *req, const char *name)
{
    return params_find(&req->form, name, false);
}

const char *req_header(const struct request *req, const char *name)
{
    return params_find(&req->headers, name, true);
}

const char *req_cookie(const struct request *req, const char *name)
{
    return params_find(&req->cookies, name, false);
}

size_t req_query_all(const struct request *req, const char *name, const char **out, size_t max)
{
    return params_all(&req->params, name, out, max);
}

size_t req_form_all(const struct request *req, const char *name, const char **out, size_t max)
{
    return params_all(&req->form, name, out, max);
}

bool req_utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        unsigned cp, min;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1, cp = c & 0x1F, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2, cp = c & 0x0F, min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3, cp = c & 0x07, min = 0x10000;
        } else {
            return false; /* continuation byte first, 0xC0/0xC1 overlongs, > 0xF4 */
        }
        if (len - i <= n)
            return false;
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += n + 1;
    }
    return true;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char *req_url_decode(arena_t *a, const char *s, size_t len, bool plus_is_space)
{
    /* Decoding never lengthens the text, so LEN + 1 bytes always suffice. */
    char *out = arena_alloc(a, len + 1);
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '%') {
            /* Needs two more bytes, both hex digits. */
            int hi = i + 2 < len ? hexval(s[i + 1]) : -1;
            int lo = i + 2 < len ? hexval(s[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                return NULL;
            c = (char)(hi * 16 + lo);
            if (c == '\0')
                return NULL; /* would silently truncate every C string after it */
            i += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        } else if (c == '\0') {
            return NULL;
        }
        out[o++] = c;
    }
    out[o] = '\0';
    if (!req_utf8_valid(out, o))
        return NULL;
    return out;
}

int req_parse_urlencoded(arena_t *a, const char *s, size_t len, struct req_params *out)
{
    out->v = NULL;
    out->n = 0;
    /* Count the pieces first so the array is allocated once, at its size. */
    size_t pieces = 0;
    for (size_t i = 0; i <= len; i++)
        if (i == len || s[i] == '&')
            pieces++;
    if (pieces > REQ_MAX_PARAMS) {
        /* Empty pieces do not count against the limit: count the real ones. */
        size_t real = 0;
        for (size_t i = 0, start = 0; i <= len; i++)
            if (i == len || s[i] == '&') {
                if (i > start)
                    real++;
                start = i + 1;
            }
        if (real > REQ_MAX_PARAMS)
            return -1;
        pieces = real;
    }
    out->v = arena_alloc(a, pieces * sizeof *out->v);
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && s[i] != '&')
            continue;
        size_t plen = i - start;
        const char *p = s + start;
        start = i + 1;
        if (plen == 0)
            continue;
        const char *eq = memchr(p, '=', plen);
        size_t nlen = eq ? (size_t)(eq - p) : plen;
        char *name = req_url_decode(a, p, nlen, true);
        char *value = eq ? req_url_decode(a, eq + 1, plen - nlen - 1, true) : arena_strdup(a, "");
        if (!name || !value)
            return -1;
        out->v[out->n].name = name;
        out->v[out->n].value = value;
        out->n++;
    }
    return 0;
}

static bool is_cookie_space(char c)
{
    return c == ' ' || c == '\t';
}

void req_parse_cookies(arena_t *a, const char *header, struct req_params *out)
{
    if (!header)
        return;
    /* Count first (one allocation), then fill; the old pairs are copied over. */
    size_t extra = 1;
    for (const char *p = header; *p; p++)
        if (*p == ';')
            extra++;
    if (extra > REQ_MAX_PARAMS)
        extra = REQ_MAX_PARAMS; /* a hostile header cannot make us allocate more */
    struct req_param *v = arena_alloc(a, (out->n + extra) * sizeof *v);
    if (out->n)
        memcpy(v, out->v, out->n * sizeof *v);
    out->v = v;
    size_t added = 0;
    const char *p = header;
    while (*p && added < extra) {
        while (is_cookie_space(*p) || *p == ';')
            p++;
        const char *start = p;
        while (*p && *p != ';')
            p++;
        const char *end = p;
        while (end > start && is_cookie_space(end[-1]))
            end--;
        const char *eq = memchr(start, '=', (size_t)(end - start));
        if (!eq || eq == start)
            continue; /* "flag" or "=x": not a cookie pair */
        const char *ne = eq;
        while (ne > start && is_cookie_space(ne[-1]))
            ne--;
        const char *vs = eq + 1;
        while (vs < end && is_cookie_space(*vs))
            vs++;
        const char *ve = end;
        if (ve - vs >= 2 && *vs == '"' && ve[-1] == '"')
            vs++, ve--;
        out->v[out->n].name = arena_strndup(a, start, (size_t)(ne - start));
        out->v[out->n].value = arena_strndup(a, vs, (size_t)(ve - vs));
        out->n++;
        added++;
    }
}

const struct req_file *req_file(const struct request *req, const char *name)
{
    for (size_t i = 0; name && i < req->files.n; i++)
        if (strcmp(req->files.v[i].name, name) == 0)
            return &req->files.v[i];
    return NULL;
}
