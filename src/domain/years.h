/* The years gongkai accepts anywhere (records, filters, reports, the API): 1949–2100, the
 * import's range. One definition for every layer. */
#ifndef GK_DOMAIN_YEARS_H
#define GK_DOMAIN_YEARS_H
#include <stdbool.h>

#define YEAR_MIN 1949
#define YEAR_MAX 2100

static inline bool year_in_range(long y)
{
    return y >= YEAR_MIN && y <= YEAR_MAX;
}

/* The year of the four first characters of a date text ("2024-05-01 …"), or 0. */
static inline int year_of_date(const char *ymd)
{
    if (!ymd)
        return 0;
    int y = 0;
    for (int i = 0; i < 4; i++) {
        if (ymd[i] < '0' || ymd[i] > '9')
            return 0;
        y = y * 10 + (ymd[i] - '0');
    }
    return y;
}

#endif
