/* The statutory clock's rules on the real calendar (contracts §6, ogi-rules §2.1, §3):
 * the Regulation chosen by the date of receipt (2007: 15 + 15; from 2019-05-15: 20 + 20),
 * each rule alone and together across 调休 weekends, Spring Festival, National Day and
 * year ends, provisional years and their notice arriving, and the explanation (`why`,
 * `warnings`). The mechanics of pauses and corrections are test_deadline.c's. */
#include "test.h"
#include "test_date.h"
#include "domain/deadline.h"
#include <stdlib.h>
#include <string.h>

static struct app_event ev(enum event_kind k, const char *date)
{
    return (struct app_event){.kind = k, .date = D(date)};
}
static struct app_event replied(const char *date)
{
    return (struct app_event){.kind = EV_REPLIED, .date = D(date), .outcome = "disclosed"};
}
static struct app_event consult(const char *date, const char *party)
{
    return (struct app_event){.kind = EV_CONSULTATION_STARTED, .date = D(date), .party = party};
}
static struct app_event extended(const char *date, int days)
{
    return (struct app_event){.kind = EV_EXTENDED, .date = D(date), .days = days, .reason = "需调阅档案"};
}
static struct app_event correction(const char *date)
{
    return (struct app_event){.kind = EV_CORRECTION_REQUESTED, .date = D(date), .items = "请明确文件名称"};
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const calendar_t *cal_;
static struct app_clock clock_;
static struct clock_text text_;
static char *err_;

static int run(const char *received, const struct app_event *e, size_t n, const char *as_of)
{
    free(err_);
    err_ = NULL;
    clock_text_free(&text_);
    memset(&clock_, 0xAB, sizeof clock_);
    int rc = deadline_compute(cal_, D(received), e, n, D(as_of), &clock_, &err_);
    if (rc == RES_OK)
        deadline_explain(cal_, D(received), e, n, D(as_of), &clock_, &text_);
    return rc;
}

static const char *due(void)
{
    static char s[DATE_STR_SIZE];
    return clock_.due_known ? date_format(clock_.due, s) : "unknown";
}

/* True when some line of the list contains NEEDLE. */
static bool any_contains(char *const *v, size_t n, const char *needle)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(v[i], needle))
            return true;
    return false;
}
#define WHY_HAS(s) CHECK(any_contains(text_.why, text_.nwhy, s))
#define WARNS(s) CHECK(any_contains(text_.warnings, text_.nwarnings, s))

static void test_regulation_by_receipt(void)
{
    /* The example: received Fri 2019-02-22, 15 working days → 2019-03-15. */
    CHECK_INT(run("2019-02-22", NULL, 0, "2019-03-01"), RES_OK);
    CHECK_STR(clock_.regulation->code, "2007");
    CHECK_INT(clock_.period, 15);
    CHECK_STR(due(), "2019-03-15");
    CHECK_INT(clock_.working_days_left, 10); /* 02-25 … 03-01 counted */
    WHY_HAS("国务院令第492号");
    WHY_HAS("第二十四条");
    WHY_HAS("答复期限 15 个工作日");
    WHY_HAS("答复期限 2019-03-15");
    CHECK_INT((int)text_.nwarnings, 0);

    /* The boundary: the day before the revised Regulation, and its first day. */
    run("2019-05-14", NULL, 0, "2019-05-14");
    CHECK_STR(clock_.regulation->code, "2007");
    CHECK_STR(due(), "2019-06-04");
    run("2019-05-15", NULL, 0, "2019-05-15");
    CHECK_STR(clock_.regulation->code, "2019");
    CHECK_INT(clock_.period, 20);
    CHECK_STR(due(), "2019-06-13"); /* 06-07 端午 off */
    WHY_HAS("国务院令第711号");
    WHY_HAS("第三十三条");
    CHECK(deadline_regulation(D("2019-05-14")) != deadline_regulation(D("2019-05-15")));
    CHECK_INT(deadline_revision_date(), D("2019-05-15"));
    CHECK_INT(deadline_regulation(D("2008-05-01"))->max_extension, 15);
    CHECK_INT(deadline_regulation(D("2026-12-07"))->max_extension, 20);
}

static void test_extension_caps(void)
{
    /* 2007: at most 15 more; 15 + 15 = 30 working days from 2019-02-22. */
    struct app_event ext15[] = {extended("2019-03-08", 15)};
    CHECK_INT(run("2019-02-22", ext15, 1, "2019-03-08"), RES_OK);
    CHECK_INT(clock_.period, 30);
    CHECK_STR(due(), "2019-04-08"); /* 04-05 清明 off */
    WHY_HAS("延长答复期限 15 个工作日（理由：需调阅档案）");
    struct app_event ext16[] = {extended("2019-03-08", 16)};
    CHECK_INT(run("2019-02-22", ext16, 1, "2019-03-08"), RES_REFUSED);
    CHECK_STR(err_, "events[0]: days: 16 (an extension is 1 to 15 working days under the 2007 Regulation, 第二十四条)");
    /* 2019: 20 allowed, 21 refused; the cap follows receipt, not the extension's date. */
    struct app_event ext20[] = {extended("2019-05-20", 20)};
    CHECK_INT(run("2019-05-15", ext20, 1, "2019-05-20"), RES_OK);
    CHECK_INT(clock_.period, 40);
    struct app_event late16[] = {extended("2019-05-20", 16)};
    CHECK_INT(run("2019-05-10", late16, 1, "2019-05-20"), RES_REFUSED);
    /* A second extension stays refused under both. */
    struct app_event twice[] = {extended("2019-03-01", 5), extended("2019-03-04", 5)};
    CHECK_INT(run("2019-02-22", twice, 2, "2019-03-04"), RES_REFUSED);
    CHECK_CONTAINS(err_, "extended a second time");
}

static void test_holidays(void)
{
    /* Spring Festival 2024: 02-10 … 02-17 off, Sun 02-04 and Sun 02-18 worked. */
    CHECK_INT(run("2024-02-01", NULL, 0, "2024-02-01"), RES_OK);
    CHECK_STR(due(), "2024-03-05");
    /* National Day 2025: 10-01 … 10-08 off, Sun 09-28 and Sat 10-11 worked. */
    run("2025-09-26", NULL, 0, "2025-09-26");
    CHECK_STR(due(), "2025-10-30");
    /* Spring Festival 2025 (除夕 01-28 a holiday from 2025; Sun 01-26, Sat 02-08 worked). */
    run("2025-01-20", NULL, 0, "2025-01-20");
    CHECK_STR(due(), "2025-02-21");
    CHECK(!clock_.provisional);
    /* Across a year end inside the data: received 2018-12-14 (2007: 15), New Year 2019
     * 12-30 … 01-01 off, Sat 12-29 worked. */
    run("2018-12-14", NULL, 0, "2018-12-14");
    CHECK_STR(due(), "2019-01-07");
}

/* Every rule together across Spring Festival 2025: a correction on the 4th working day,
 * received after the holiday; a third-party consultation of 17 working days; an
 * extension of 10. */
static void test_combined(void)
{
    struct app_event all[] = {correction("2025-01-24"), ev(EV_CORRECTION_RECEIVED, "2025-02-05"),
                              consult("2025-02-10", "third_party"), ev(EV_CONSULTATION_ENDED, "2025-03-05"),
                              extended("2025-03-10", 10)};
    CHECK_INT(run("2025-01-20", all, N(all), "2025-03-10"), RES_OK);
    CHECK_STR(clock_.status, "processing");
    CHECK_INT(clock_.start, D("2025-02-05"));
    CHECK_INT(clock_.period, 30);
    /* 02-06, 07, Sat 08, 10 counted (4); 02-11 … 03-05 paused; then 03-06 … 04-11 with
     * 清明 04-04 off. */
    CHECK_STR(due(), "2025-04-11");
    CHECK(!clock_.correction_overdue_notice);
    CHECK_INT(clock_.correction_rounds, 1);
    CHECK_INT(clock_.long_consultations, 1);
    WHY_HAS("2025-01-24 要求补正（起算后第 4 个工作日）：请明确文件名称。");
    WHY_HAS("2025-02-05 收到补正");
    WHY_HAS("2025-02-10 至 2025-03-05 征求第三方意见：所需时间不计算在答复期限内，不计 17 个工作日");
    WHY_HAS("延长答复期限 10 个工作日");
    WHY_HAS("起算日 2025-02-05（收到补正之日）");
    WHY_HAS("答复期限 2025-04-11");
    WARNS("征求第三方意见用时 17 个工作日（2025-02-10 至 2025-03-05），超过条例第三十二条规定的15个工作日");
    CHECK_INT((int)text_.nwarnings, 1);

    /* The same consultation with another agency cites Art. 34. */
    all[2].party = "agency";
    run("2025-01-20", all, N(all), "2025-03-10");
    WARNS("征求其他机关意见用时 17 个工作日");
    WARNS("第三十四条");
}

static void test_warnings(void)
{
    /* Art. 30 (2019 Regulation): a correction after the 7th working day is late; under the
     * 2007 Regulation there was no such limit. */
    struct app_event late_corr[] = {correction("2025-02-17")}; /* 9th after 2025-02-05 (Sat 02-08 worked) */
    CHECK_INT(run("2025-02-05", late_corr, 1, "2025-02-17"), RES_OK);
    CHECK(clock_.correction_overdue_notice);
    WARNS("补正告知晚于规定：起算后第 9 个工作日（2025-02-17）才要求补正，条例第三十条规定应在7个工作日内一次性告知");
    CHECK_STR(clock_.status, "awaiting_correction");
    WHY_HAS("2025-02-17 起等待申请人补正");
    WHY_HAS("答复期限暂不确定：待补正");
    CHECK_INT(clock_.paused_since, D("2025-02-17"));
    struct app_event old_corr[] = {correction("2019-03-12")}; /* 12th working day, 2007 */
    run("2019-02-22", old_corr, 1, "2019-03-12");
    CHECK(!clock_.correction_overdue_notice);
    CHECK_INT((int)text_.nwarnings, 0);
    /* Two correction rounds: Art. 30 asks for one. */
    struct app_event rounds[] = {correction("2025-02-06"), ev(EV_CORRECTION_RECEIVED, "2025-02-10"),
                                 correction("2025-02-11"), ev(EV_CORRECTION_RECEIVED, "2025-02-12")};
    run("2025-02-05", rounds, N(rounds), "2025-02-12");
    CHECK_INT(clock_.correction_rounds, 2);
    WARNS("要求补正 2 次");
    /* An open consultation past 15 working days warns while it lasts. */
    struct app_event open[] = {consult("2025-03-03", "third_party")};
    run("2025-02-05", open, 1, "2025-03-20");
    CHECK_INT(clock_.long_consultations, 0); /* 13 working days so far */
    CHECK_STR(due(), "unknown");
    WHY_HAS("2025-03-03 起征求第三方意见，尚未收到意见：期间不计算（至 2025-03-20 已 13 个工作日）");
    run("2025-02-05", open, 1, "2025-03-25");
    CHECK_INT(clock_.long_consultations, 1);
    WARNS("仍未结束");
    /* Replied late: the warning names the days. */
    struct app_event late[] = {replied("2019-03-19")};
    run("2019-02-22", late, 1, "2019-03-19");
    CHECK(clock_.overdue);
    WARNS("逾期答复：2019-03-19 办结时已超过答复期限 2 个工作日");
    struct app_event on_time[] = {replied("2019-03-15")};
    run("2019-02-22", on_time, 1, "2019-03-19");
    WHY_HAS("2019-03-15 办结，在期限内");
    CHECK_INT((int)text_.nwarnings, 0);
    /* Open and overdue. */
    run("2025-01-20", NULL, 0, "2025-02-25");
    WARNS("已超过答复期限 2 个工作日（截至 2025-02-25）");
}

/* A year without a notice: Monday to Friday, flagged; the notice arrives and the same
 * history gets its official due date, nothing else changed. */
static void test_provisional_then_official(void)
{
    CHECK_INT(run("2026-12-20", NULL, 0, "2026-12-21"), RES_OK);
    CHECK_STR(due(), "2027-01-15");
    CHECK(clock_.provisional);
    CHECK_INT(clock_.provisional_year, 2027);
    WHY_HAS("2027 年的节假日安排尚未发布");
    /* Due inside 2026: official, even near the year end. */
    run("2026-12-01", NULL, 0, "2026-12-07");
    CHECK_STR(due(), "2026-12-29");
    CHECK(!clock_.provisional);
    CHECK(!any_contains(text_.why, text_.nwhy, "尚未发布"));
    /* …but a count that runs into 2027 (overdue, still open) is provisional. */
    run("2026-12-01", NULL, 0, "2027-01-08");
    CHECK(clock_.provisional);
    CHECK(clock_.overdue);

    /* The 2027 notice (a made-up one, as tests/data/clock-2027-notice.csv). */
    const char *notice = "date,kind,name\n2027-01-01,holiday,元旦\n2027-02-06,holiday,春节\n"
                         "2027-02-08,holiday,春节\n2027-02-20,workday,春节\n";
    struct holiday_list l;
    size_t line;
    char *perr = NULL;
    CHECK_INT(holiday_list_parse(notice, strlen(notice), &l, &line, &perr), 0);
    calendar_t *with_notice = calendar_build(&l);
    holiday_list_free(&l);
    const calendar_t *builtin = cal_;
    cal_ = with_notice;
    run("2026-12-20", NULL, 0, "2026-12-21");
    CHECK_STR(due(), "2027-01-18"); /* 01-01 now a holiday */
    CHECK(!clock_.provisional);
    CHECK(!any_contains(text_.why, text_.nwhy, "尚未发布"));
    /* 2028 is still unknown. */
    run("2027-12-20", NULL, 0, "2027-12-20");
    CHECK(clock_.provisional);
    CHECK_INT(clock_.provisional_year, 2028);
    cal_ = builtin;
    calendar_free(with_notice);
}

void run_tests(void)
{
    cal_ = calendar_default();
    test_regulation_by_receipt();
    test_extension_caps();
    test_holidays();
    test_combined();
    test_warnings();
    test_provisional_then_official();
    free(err_);
    clock_text_free(&text_);
}
