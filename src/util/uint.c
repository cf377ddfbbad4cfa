/* Strict whole numbers (uint.h). */
#include "util/uint.h"
#include <string.h>

bool uint_parse(const char *s, long long lo, long long hi, long long *out)
{
    if (!s || !*s || strlen(s) > 9)
        return false;
    if (s[0] == '0' && s[1])
        return false;
    long long v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (*p - '0');
    }
    if (v < lo || v > hi)
        return false;
    *out = v;
    return true;
}
