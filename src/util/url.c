#include "util/url.h"
#include <string.h>
#include <strings.h>

static bool ascii_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The scheme's length (the bytes before ':'), or 0 for a relative reference. */
static bool scheme_of(const char *u, size_t n, size_t *len)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)u[i];
        if (c <= 0x20 || c == 0x7F)
            return false; /* see the header: whitespace and controls hide schemes */
        if (c == '/' || c == '?' || c == '#')
            break;
        if (c == ':') {
            *len = i;
            for (size_t k = i + 1; k < n; k++)
                if ((unsigned char)u[k] <= 0x20 || u[k] == 0x7F)
                    return false;
            return true;
        }
    }
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)u[i] <= 0x20 || u[i] == 0x7F)
            return false;
    *len = 0;
    return true;
}

static bool allowed(const char *u, size_t n, const char *const *schemes, size_t nschemes)
{
    size_t len;
    if (!u || !scheme_of(u, n, &len))
        return false;
    if (len == 0)
        return n == 0 || u[0] != ':'; /* ":x" has an empty scheme: not a relative path */
    if (!ascii_alpha((unsigned char)u[0]))
        return false;
    for (size_t k = 0; k < nschemes; k++)
        if (strlen(schemes[k]) == len && strncasecmp(u, schemes[k], len) == 0)
            return true;
    return false;
}

bool url_is_safe_href_n(const char *u, size_t n)
{
    static const char *const schemes[] = {"http", "https", "mailto", "tel"};
    return allowed(u, n, schemes, sizeof schemes / sizeof schemes[0]);
}

bool url_is_safe_href(const char *u)
{
    return u && url_is_safe_href_n(u, strlen(u));
}

bool url_is_safe_src_n(const char *u, size_t n)
{
    static const char *const schemes[] = {"http", "https"};
    return allowed(u, n, schemes, sizeof schemes / sizeof schemes[0]);
}

void url_reencode_n(buf_t *b, const char *u, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!u)
        return;
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)u[i];
        if (c > 0x20 && c < 0x7F && !strchr("\"<>\\^`{|}", c))
            continue;
        buf_append(b, u + run, i - run);
        char pct[3] = {'%', hex[c >> 4], hex[c & 15]};
        buf_append(b, pct, 3);
        run = i + 1;
    }
    buf_append(b, u + run, n - run);
}

void url_reencode(buf_t *b, const char *u)
{
    url_reencode_n(b, u, u ? strlen(u) : 0);
}
