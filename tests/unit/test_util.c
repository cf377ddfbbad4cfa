/* util: dates, buffers, embedded files. */
#include "test.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/embed.h"

static void test_dates(void)
{
    gk_date d;
    CHECK(date_parse("2018-02-11", &d));
    CHECK_INT(date_weekday(d), 7);
    char s[DATE_STR_SIZE];
    CHECK_STR(date_format(d, s), "2018-02-11");
    CHECK(date_parse("1970-01-01", &d) && d == 0);
    CHECK_INT(date_weekday(0), 4);
    CHECK(date_parse("2020-02-29", &d));
    CHECK(!date_parse("2019-02-29", &d));
    CHECK(!date_parse("2019-13-01", &d));
    CHECK(!date_parse("2019-1-01", &d));
    CHECK(!date_parse("2019-01-01x", &d));
    CHECK(!date_parse("", &d));
    for (gk_date x = date_from_ymd(1999, 12, 1); x < date_from_ymd(2031, 1, 1); x++) {
        int y, m, dd;
        date_to_ymd(x, &y, &m, &dd);
        if (date_from_ymd(y, m, dd) != x) {
            CHECK(!"date round trip");
            break;
        }
    }
    CHECK_INT(date_from_ymd(2019, 1, 1) - date_from_ymd(2018, 1, 1), 365);
    CHECK_INT(date_year(date_from_ymd(2024, 12, 31)), 2024);
}

static void test_buf(void)
{
    buf_t b = BUF_INIT;
    CHECK_STR(buf_str(&b), "");
    for (int i = 0; i < 1000; i++)
        buf_printf(&b, "%d,", i);
    CHECK(b.len > 1000);
    CHECK(strncmp(b.data, "0,1,2,", 6) == 0);
    char *s = buf_take(&b);
    CHECK(b.data == NULL && b.len == 0);
    free(s);
    buf_puts(&b, "政府");
    CHECK_INT(b.len, 6);
    buf_free(&b);
}

static void test_embed(void)
{
    const struct embedded_file *f = embedded_find("calendar/cn-holidays.csv");
    CHECK(f != NULL);
    CHECK(f && strncmp((const char *)f->data, "date,kind,name", 14) == 0);
    CHECK(embedded_find("no/such/file") == NULL);
}

void run_tests(void)
{
    test_dates();
    test_buf();
    test_embed();
}
