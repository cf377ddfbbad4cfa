/* Query values (query.h). */
#include "web/query.h"
#include "util/uint.h"
#include "web/page.h"
#include <string.h>

long long query_page(struct request *req)
{
    const char *v = req_query(req, "page");
    long long n;
    if (!v)
        return 1;
    return uint_parse(v, 1, PAGE_MAX, &n) ? n : 0;
}

bool query_blank(const char *s)
{
    for (const char *p = s ? s : ""; *p;) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        else if (strncmp(p, "\u3000", 3) == 0)
            p += 3;
        else if (strncmp(p, "\u00a0", 2) == 0)
            p += 2;
        else
            return false;
    }
    return true;
}

bool query_slug_ok(const char *s)
{
    if (!s || !*s || strlen(s) > 200)
        return false;
    bool seg_empty = true;
    for (const char *p = s; *p; p++) {
        if (*p == '/') {
            if (seg_empty)
                return false;
            seg_empty = true;
        } else if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_') {
            seg_empty = false;
        } else {
            return false;
        }
    }
    return !seg_empty;
}

const char *query_opt(const struct request *req, const char *name)
{
    const char *v = req_query(req, name);
    return v && *v ? v : NULL;
}
