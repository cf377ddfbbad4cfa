/* Fixed-point decimal text: amounts kept as integers in units of 10^-places. */
#include "util/decimal.h"
#include <stdio.h>

int decimal_parse(const char *s, int places, bool allow_negative, long long *out)
{
    bool neg = false;
    if (*s == '-' && allow_negative) {
        neg = true;
        s++;
    }
    if (*s < '0' || *s > '9')
        return -1;
    long long v = 0;
    int written = 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (v > 100000000000LL)
            return -1;
        v = v * 10 + (*s - '0');
    }
    if (*s == '.') {
        s++;
        if (*s < '0' || *s > '9')
            return -1;
        for (; *s >= '0' && *s <= '9'; s++) {
            if (++written > places)
                return -1;
            v = v * 10 + (*s - '0');
        }
    }
    if (*s)
        return -1;
    for (int i = written; i < places; i++)
        v *= 10;
    *out = neg ? -v : v;
    return written;
}

void decimal_format(long long v, int places, int min_places, char *out, size_t size)
{
    long long scale = 1;
    for (int i = 0; i < places; i++)
        scale *= 10;
    bool neg = v < 0;
    unsigned long long a = neg ? (unsigned long long)(-(v + 1)) + 1 : (unsigned long long)v;
    unsigned long long whole = a / (unsigned long long)scale, frac = a % (unsigned long long)scale;
    char digits[32];
    snprintf(digits, sizeof digits, "%0*llu", places, frac);
    int keep = places;
    while (keep > min_places && digits[keep - 1] == '0')
        keep--;
    digits[keep] = '\0';
    snprintf(out, size, "%s%llu%s%s", neg ? "-" : "", whole, keep ? "." : "", digits);
}

