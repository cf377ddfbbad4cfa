#include "util/date.h"
#include <string.h>
#include <time.h>

/* Days-from-civil and its inverse, after Howard Hinnant's public-domain algorithms
 * (chrono-compatible low-level date algorithms): exact for every proleptic Gregorian date. */
gk_date date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (gk_date)(era * 146097 + doe - 719468);
}

void date_to_ymd(gk_date z, int *year, int *month, int *day)
{
    int32_t zz = z + 719468;
    int era = (zz >= 0 ? zz : zz - 146096) / 146097;
    int doe = zz - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    *year = y + (m <= 2);
    *month = m;
    *day = d;
}

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool date_is_valid_ymd(int y, int m, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return false;
    int max = mdays[m - 1] + (m == 2 && is_leap(y));
    return d <= max;
}

bool date_parse(const char *s, gk_date *out)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (!date_is_valid_ymd(y, m, d))
        return false;
    *out = date_from_ymd(y, m, d);
    return true;
}

char *date_format(gk_date d, char out[DATE_STR_SIZE])
{
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    /* Written digit by digit: years are 1..9999 by construction of the callers. */
    unsigned uy = (unsigned)y % 10000u;
    out[0] = (char)('0' + uy / 1000);
    out[1] = (char)('0' + uy / 100 % 10);
    out[2] = (char)('0' + uy / 10 % 10);
    out[3] = (char)('0' + uy % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + dd / 10);
    out[9] = (char)('0' + dd % 10);
    out[10] = '\0';
    return out;
}

int date_weekday(gk_date d)
{
    /* 1970-01-01 was a Thursday (ISO 4). */
    int w = (int)((d % 7 + 7) % 7); /* 0 = Thursday */
    return (w + 3) % 7 + 1;
}

int date_year(gk_date d)
{
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    return y;
}

gk_date date_today_cst(void)
{
    time_t now = time(NULL) + 8 * 3600;
    return (gk_date)(now / 86400);
}
