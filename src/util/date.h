/* Calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian).
 * Dates in gongkai are plain local dates of China Standard Time: no time of day. */
#ifndef GK_DATE_H
#define GK_DATE_H
#include <stdbool.h>
#include <stdint.h>

typedef int32_t gk_date;
#define NO_DATE INT32_MIN /* an absent optional date */

#define DATE_STR_SIZE 11 /* "YYYY-MM-DD" + NUL */

/* Strict "YYYY-MM-DD" with a real day of a real month (2019-02-29 is refused). */
bool date_parse(const char *s, gk_date *out);
gk_date date_from_ymd(int year, int month, int day);
void date_to_ymd(gk_date d, int *year, int *month, int *day);
/* Writes "YYYY-MM-DD" into out (DATE_STR_SIZE bytes) and returns out. */
char *date_format(gk_date d, char out[DATE_STR_SIZE]);
/* ISO weekday: 1 = Monday … 7 = Sunday. */
int date_weekday(gk_date d);
int date_year(gk_date d);
bool date_is_valid_ymd(int year, int month, int day);
/* Today in China Standard Time (UTC+8). */
gk_date date_today_cst(void);

#endif
