/* The 2020 fee scales as closed-form sums: the charge for a range of requests is the
 * difference of two running totals, so a large count costs no loop. */
#include "domain/fees.h"
#include <limits.h>
#include <stdio.h>

#define YUAN 100LL /* fen per yuan */

/* Total fee, in fen, for requests 1 … k of one month. */
static long long item_total(long long k)
{
    if (k <= 10)
        return 0;
    if (k <= 30)
        return (k - 10) * 100 * YUAN;
    long long m = k - 30, bands = m / 10, rest = m % 10;
    /* Band j (j = 1, 2, …) of ten requests costs 100 × (1 + j) 元 each. */
    long long full = 10 * 100 * (bands + bands * (bands + 1) / 2);
    return (20 * 100 + full + rest * 100 * (bands + 2)) * YUAN;
}

long long fee_per_item(long long prior_in_month, long long count)
{
    if (prior_in_month < 0 || count < 0 || prior_in_month > FEE_MAX_ITEMS - count)
        return -1;
    return item_total(prior_in_month + count) - item_total(prior_in_month);
}

long long fee_per_page(long long pages)
{
    if (pages < 0 || pages > FEE_MAX_PAGES)
        return -1;
    long long yuan = 0;
    if (pages > 200)
        yuan += (pages - 200) * 40, pages = 200;
    if (pages > 100)
        yuan += (pages - 100) * 20, pages = 100;
    if (pages > 30)
        yuan += (pages - 30) * 10;
    return yuan * YUAN;
}

char *fee_format_yuan(long long fen, char out[32])
{
    /* Through unsigned so that LLONG_MIN has a magnitude too. */
    unsigned long long mag = fen < 0 ? 0ULL - (unsigned long long)fen : (unsigned long long)fen;
    snprintf(out, 32, "%s%llu.%02llu", fen < 0 ? "-" : "", mag / 100, mag % 100);
    return out;
}

int fee_parse_yuan(const char *s, long long *fen)
{
    if (!s || *s < '0' || *s > '9')
        return -1;
    long long yuan = 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (yuan > (LLONG_MAX / YUAN - (*s - '0')) / 10)
            return -1;
        yuan = yuan * 10 + (*s - '0');
    }
    long long cents = 0;
    if (*s == '.') {
        s++;
        int digits = 0;
        for (; *s >= '0' && *s <= '9'; s++, digits++)
            if (digits < 2)
                cents = cents * 10 + (*s - '0');
        if (digits == 0 || digits > 2)
            return -1;
        if (digits == 1)
            cents *= 10;
    }
    if (*s || yuan > (LLONG_MAX - cents) / YUAN) /* yuan × 100 + cents must fit */
        return -1;
    *fen = yuan * YUAN + cents;
    return 0;
}
