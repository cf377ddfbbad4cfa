/* The 2020 information-processing fee: both scales at every band edge, the worked
 * examples of ogi-rules §3.4, and the yuan text both ways. */
#include "test.h"
#include "domain/fees.h"
#include <limits.h>

#define YUAN(y) ((long long)(y) * 100)

/* The k-th request of a month on its own, straight from the text of Art. 4. */
static long long price_of_item(long long k)
{
    if (k <= 10)
        return 0;
    if (k <= 30)
        return YUAN(100);
    return YUAN(100 * (1 + (k - 30 + 9) / 10));
}

static void test_per_item(void)
{
    /* The worked example: 35 requests in one month → 20 × 100 + 5 × 200 = 3,000 元. */
    CHECK_INT(fee_per_item(0, 35), YUAN(3000));
    /* Free band and its edge. */
    CHECK_INT(fee_per_item(0, 0), 0);
    CHECK_INT(fee_per_item(0, 10), 0);
    CHECK_INT(fee_per_item(0, 11), YUAN(100));
    CHECK_INT(fee_per_item(10, 1), YUAN(100));
    CHECK_INT(fee_per_item(9, 1), 0);
    /* 11–30 at 100 元. */
    CHECK_INT(fee_per_item(0, 30), YUAN(2000));
    CHECK_INT(fee_per_item(29, 1), YUAN(100));
    /* 31–40 at 200, 41–50 at 300, 51–60 at 400. */
    CHECK_INT(fee_per_item(30, 1), YUAN(200));
    CHECK_INT(fee_per_item(39, 1), YUAN(200));
    CHECK_INT(fee_per_item(40, 1), YUAN(300));
    CHECK_INT(fee_per_item(50, 1), YUAN(400));
    CHECK_INT(fee_per_item(0, 40), YUAN(2000 + 2000));
    CHECK_INT(fee_per_item(0, 50), YUAN(2000 + 2000 + 3000));
    CHECK_INT(fee_per_item(0, 55), YUAN(2000 + 2000 + 3000 + 5 * 400));
    /* Marginal: a request straddling bands is charged per band, and the month's prior
     * count matters (the 11th request costs, the 10th does not). */
    CHECK_INT(fee_per_item(5, 10), YUAN(500));        /* 6–15: 11–15 charged */
    CHECK_INT(fee_per_item(28, 5), YUAN(2 * 100 + 3 * 200)); /* 29–33 */
    CHECK_INT(fee_per_item(30, 5) + fee_per_item(0, 30), fee_per_item(0, 35));
    /* The closed form against the item-by-item sum, for every split up to 200. */
    int bad = 0;
    for (long long prior = 0; prior <= 200; prior++) {
        long long sum = 0;
        for (long long count = 0; prior + count <= 200; count++) {
            if (count > 0)
                sum += price_of_item(prior + count);
            if (fee_per_item(prior, count) != sum)
                bad++;
        }
    }
    CHECK_INT(bad, 0);
    /* Refusals. */
    CHECK_INT(fee_per_item(-1, 5), -1);
    CHECK_INT(fee_per_item(0, -1), -1);
    CHECK_INT(fee_per_item(FEE_MAX_ITEMS, 1), -1);
    CHECK_INT(fee_per_item(LLONG_MAX, LLONG_MAX), -1);
    CHECK(fee_per_item(0, FEE_MAX_ITEMS) > 0);
    CHECK_INT(fee_per_item(0, FEE_MAX_ITEMS), fee_per_item(0, FEE_MAX_ITEMS - 1) + price_of_item(FEE_MAX_ITEMS));
}

static void test_per_page(void)
{
    /* The worked example: 120 pages → 70 × 10 + 20 × 20 = 1,100 元. */
    CHECK_INT(fee_per_page(120), YUAN(1100));
    CHECK_INT(fee_per_page(0), 0);
    CHECK_INT(fee_per_page(30), 0);
    CHECK_INT(fee_per_page(31), YUAN(10));
    CHECK_INT(fee_per_page(100), YUAN(700));
    CHECK_INT(fee_per_page(101), YUAN(720));
    CHECK_INT(fee_per_page(200), YUAN(700 + 2000));
    CHECK_INT(fee_per_page(201), YUAN(2700 + 40));
    CHECK_INT(fee_per_page(250), YUAN(2700 + 50 * 40));
    CHECK_INT(fee_per_page(-1), -1);
    CHECK_INT(fee_per_page(FEE_MAX_PAGES + 1), -1);
    CHECK_INT(fee_per_page(FEE_MAX_PAGES), YUAN(2700 + (FEE_MAX_PAGES - 200) * 40));
    /* Each page costs its band's rate: the difference of neighbours. */
    int bad = 0;
    for (long long p = 1; p <= 400; p++) {
        long long rate = p <= 30 ? 0 : p <= 100 ? 10 : p <= 200 ? 20 : 40;
        if (fee_per_page(p) - fee_per_page(p - 1) != YUAN(rate))
            bad++;
    }
    CHECK_INT(bad, 0);
}

static void test_yuan_text(void)
{
    char s[32];
    CHECK_STR(fee_format_yuan(110000, s), "1100.00");
    CHECK_STR(fee_format_yuan(0, s), "0.00");
    CHECK_STR(fee_format_yuan(5, s), "0.05");
    CHECK_STR(fee_format_yuan(1234567, s), "12345.67");
    CHECK_STR(fee_format_yuan(-5, s), "-0.05");
    CHECK_STR(fee_format_yuan(-110050, s), "-1100.50");
    CHECK_STR(fee_format_yuan(LLONG_MAX, s), "92233720368547758.07");
    CHECK_STR(fee_format_yuan(LLONG_MIN, s), "-92233720368547758.08");

    long long fen = -7;
    CHECK_INT(fee_parse_yuan("1100", &fen), 0);
    CHECK_INT(fen, 110000);
    CHECK_INT(fee_parse_yuan("1100.5", &fen), 0);
    CHECK_INT(fen, 110050);
    CHECK_INT(fee_parse_yuan("1100.05", &fen), 0);
    CHECK_INT(fen, 110005);
    CHECK_INT(fee_parse_yuan("0.00", &fen), 0);
    CHECK_INT(fen, 0);
    CHECK_INT(fee_parse_yuan("92233720368547758.07", &fen), 0);
    CHECK_INT(fen, LLONG_MAX);
    fen = 42;
    CHECK_INT(fee_parse_yuan("92233720368547759", &fen), -1);
    CHECK_INT(fee_parse_yuan("99999999999999999999", &fen), -1);
    CHECK_INT(fee_parse_yuan("1.005", &fen), -1);
    CHECK_INT(fee_parse_yuan("1.", &fen), -1);
    CHECK_INT(fee_parse_yuan(".5", &fen), -1);
    CHECK_INT(fee_parse_yuan("-1", &fen), -1);
    CHECK_INT(fee_parse_yuan("+1", &fen), -1);
    CHECK_INT(fee_parse_yuan("1,100", &fen), -1);
    CHECK_INT(fee_parse_yuan("1100 ", &fen), -1);
    CHECK_INT(fee_parse_yuan("", &fen), -1);
    CHECK_INT(fee_parse_yuan(NULL, &fen), -1);
    CHECK_INT(fen, 42); /* untouched on refusal */
    /* Round trip. */
    int bad = 0;
    for (long long f = 0; f < 100000; f += 37) {
        long long back = -1;
        if (fee_parse_yuan(fee_format_yuan(f, s), &back) != 0 || back != f)
            bad++;
    }
    CHECK_INT(bad, 0);
}

void run_tests(void)
{
    test_per_item();
    test_per_page();
    test_yuan_text();
}
