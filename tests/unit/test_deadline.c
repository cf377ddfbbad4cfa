/* The application clock (contracts §6): due dates across holidays, corrections, pauses,
 * extension, status codes, every validation error; the Regulation by date of receipt;
 * provisional years and imported notices; the explanation (why, warnings).
 *
 * The mechanics tests run on the 2018 and 2019 holiday notices transposed onto 2029 and
 * 2030 as imported notices (years that begin on the same weekdays, so every date keeps
 * its weekday): the well-checked 2018 arrangements (中秋, 国庆 with its 调休 weekend, New
 * Year) under the revised Regulation's 20 + 20 working days. The rules of the 2007
 * Regulation, the 2019-05-15 boundary and the provisional years run on the real built-in
 * calendar. */
#include "test.h"
#include "test_date.h"
#include "domain/deadline.h"
#include <stdlib.h>

/* Event builders: only the fields a kind uses. */
static struct app_event ev(enum event_kind k, const char *date)
{
    return (struct app_event){.kind = k, .date = D(date)};
}
static struct app_event replied(const char *date, const char *outcome)
{
    return (struct app_event){.kind = EV_REPLIED, .date = D(date), .outcome = outcome, .letter = "答复书"};
}
static struct app_event consult(const char *date, const char *party)
{
    return (struct app_event){.kind = EV_CONSULTATION_STARTED, .date = D(date), .party = party};
}
static struct app_event fee_notice(const char *date, long long fen, const char *basis)
{
    return (struct app_event){.kind = EV_FEE_NOTICE, .date = D(date), .fen = fen, .basis = basis};
}
static struct app_event fee_paid(const char *date, long long fen)
{
    return (struct app_event){.kind = EV_FEE_PAID, .date = D(date), .fen = fen};
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

static struct app_clock clock_;
static char *err_;
static calendar_t *cal_; /* built-in years plus 2029 = 2018 and 2030 = 2019, transposed */

static void transpose(struct holiday_list *to, int from_year, int to_year)
{
    const struct holiday_list *b = calendar_builtin_rows();
    for (size_t i = 0; i < b->n; i++) {
        int y, m, d;
        date_to_ymd(b->rows[i].date, &y, &m, &d);
        if (y == from_year)
            holiday_list_add(to, date_from_ymd(to_year, m, d), b->rows[i].workday, b->rows[i].name);
    }
}

static void build_test_calendar(void)
{
    /* Same weekdays: 2018-01-01 and 2029-01-01 are Mondays, 2019-01-01 and 2030-01-01 Tuesdays. */
    CHECK_INT(date_weekday(D("2018-01-01")), date_weekday(D("2029-01-01")));
    CHECK_INT(date_weekday(D("2019-12-31")), date_weekday(D("2030-12-31")));
    struct holiday_list l = {0};
    transpose(&l, 2018, 2029);
    transpose(&l, 2019, 2030);
    cal_ = calendar_build(&l);
    holiday_list_free(&l);
    CHECK_INT(calendar_is_workday(cal_, D("2029-09-30")), 1); /* the 2018 调休 Sunday */
    CHECK_INT(calendar_is_workday(cal_, D("2029-10-05")), 0);
}

/* Computes the clock; returns RES_OK or RES_REFUSED and keeps the error text in err_ (freed next call). */
static int run(const char *received, const struct app_event *e, size_t n, const char *as_of)
{
    free(err_);
    err_ = NULL;
    memset(&clock_, 0xAB, sizeof clock_); /* garbage, so that a field left unset shows */
    int rc = deadline_compute(cal_, D(received), e, n, D(as_of), &clock_, &err_);
    if (rc != 0 && !err_)
        err_ = strdup("(no error text)");
    return rc;
}

static const char *due(void)
{
    static char s[DATE_STR_SIZE];
    return clock_.due_known ? date_format(clock_.due, s) : "unknown";
}

/* Received Thu 2029-09-20: 中秋 Mon 09-24 off, Sat 09-29 and Sun 09-30 working,
 * 10-01 … 10-07 off. The 20th working day is 2029-10-24. */
static void test_plain(void)
{
    CHECK_INT(run("2029-09-20", NULL, 0, "2029-10-10"), 0);
    CHECK_STR(clock_.status, "processing");
    CHECK_STR(clock_.status_label, "办理中");
    CHECK_STR(due(), "2029-10-24");
    CHECK_INT(clock_.start, D("2029-09-20"));
    CHECK_INT(clock_.period, 20);
    CHECK(!clock_.closed && !clock_.extended && !clock_.overdue && !clock_.calendar_exhausted);
    CHECK(!clock_.correction_overdue_notice);
    CHECK(clock_.outcome == NULL);
    CHECK_INT(clock_.working_days_left, 10); /* 09-21,25–30, 10-08,09,10 counted */
    gk_date by_calendar;
    calendar_add_workdays(cal_, D("2029-09-20"), 20, &by_calendar);
    CHECK_INT(clock_.due, by_calendar);

    run("2029-09-20", NULL, 0, "2029-10-24");
    CHECK_INT(clock_.working_days_left, 0);
    CHECK(!clock_.overdue);
    run("2029-09-20", NULL, 0, "2029-10-25");
    CHECK_INT(clock_.working_days_left, -1);
    CHECK(clock_.overdue);
    CHECK_STR(clock_.status, "processing"); /* overdue is a flag, not a state */
    run("2029-09-20", NULL, 0, "2029-09-01"); /* a reference date before receipt */
    CHECK_INT(clock_.working_days_left, 20);

    /* Replied on the due date: on time; a day later: late. as_of does not matter. */
    struct app_event on_time[] = {replied("2029-10-24", "disclosed")};
    CHECK_INT(run("2029-09-20", on_time, 1, "2030-06-01"), 0);
    CHECK_STR(clock_.status, "closed");
    CHECK_STR(clock_.status_label, "已办结");
    CHECK(clock_.closed);
    CHECK_INT(clock_.closed_on, D("2029-10-24"));
    CHECK_STR(clock_.outcome, "disclosed");
    CHECK_STR(due(), "2029-10-24");
    CHECK(!clock_.overdue);
    CHECK_INT(clock_.working_days_left, 0);
    struct app_event late[] = {replied("2029-10-25", "partially_disclosed")};
    run("2029-09-20", late, 1, "2029-10-01");
    CHECK(clock_.overdue);
    CHECK_INT(clock_.working_days_left, -1);
    CHECK_STR(clock_.outcome, "partially_disclosed");

    /* The outcome is the taxonomy's own string, not a borrowed one. */
    char code[] = "disclosed_already_public";
    struct app_event own[] = {{.kind = EV_REPLIED, .date = D("2029-09-21"), .outcome = code}};
    run("2029-09-20", own, 1, "2029-09-21");
    CHECK(clock_.outcome != code);
    CHECK_STR(clock_.outcome, "disclosed_already_public");
    CHECK_INT(clock_.working_days_left, 19);
}

static void test_correction(void)
{
    /* Awaiting: no due date; the count of the old start is frozen at the request. */
    struct app_event waiting[] = {correction("2029-09-26")};
    CHECK_INT(run("2029-09-20", waiting, 1, "2029-10-20"), 0);
    CHECK_STR(clock_.status, "awaiting_correction");
    CHECK_STR(clock_.status_label, "待补正");
    CHECK_STR(due(), "unknown");
    CHECK_INT(clock_.working_days_left, 17); /* 09-21, 25, 26 */
    CHECK(!clock_.overdue);
    CHECK(!clock_.correction_overdue_notice); /* 3 working days after the start */

    /* Received: the clock restarts at 10-10 and runs 20 working days from there. */
    struct app_event restarted[] = {correction("2029-09-26"), ev(EV_CORRECTION_RECEIVED, "2029-10-10")};
    CHECK_INT(run("2029-09-20", restarted, 2, "2029-10-10"), 0);
    CHECK_STR(clock_.status, "processing");
    CHECK_INT(clock_.start, D("2029-10-10"));
    CHECK_STR(due(), "2029-11-07");
    CHECK_INT(clock_.working_days_left, 20);

    /* A pause that ended before the new start no longer matters. */
    struct app_event old_pause[] = {consult("2029-09-21", "agency"), ev(EV_CONSULTATION_ENDED, "2029-09-28"),
                                    correction("2029-10-08"), ev(EV_CORRECTION_RECEIVED, "2029-10-10")};
    CHECK_INT(run("2029-09-20", old_pause, N(old_pause), "2029-10-10"), 0);
    CHECK_STR(due(), "2029-11-07");
    /* … and it was requested on the 8th working day after receipt: a warning. */
    CHECK(clock_.correction_overdue_notice);

    /* The 7th working day (09-30, a make-up Sunday) is still in time; the 8th is not. */
    struct app_event day7[] = {correction("2029-09-30")};
    run("2029-09-20", day7, 1, "2029-10-01");
    CHECK(!clock_.correction_overdue_notice);
    struct app_event day8[] = {correction("2029-10-08")};
    run("2029-09-20", day8, 1, "2029-10-08");
    CHECK(clock_.correction_overdue_notice);
    /* A second round is measured from the start then in force (10-10). */
    struct app_event round2[] = {correction("2029-09-21"), ev(EV_CORRECTION_RECEIVED, "2029-10-10"),
                                 correction("2029-10-19")};
    run("2029-09-20", round2, N(round2), "2029-10-19");
    CHECK(!clock_.correction_overdue_notice); /* 11,12,15,16,17,18,19 = 7 */
    CHECK_STR(clock_.status, "awaiting_correction");
    CHECK_INT(clock_.start, D("2029-10-10"));

    /* A consultation open across the restart keeps covering days after it: 10-11 … 10-15
     * are not counted, so the period runs 20 working days from 10-15. */
    struct app_event across[] = {consult("2029-10-09", "third_party"), correction("2029-10-09"),
                                 ev(EV_CORRECTION_RECEIVED, "2029-10-10"), ev(EV_CONSULTATION_ENDED, "2029-10-15")};
    CHECK_INT(run("2029-09-20", across, N(across), "2029-10-15"), 0);
    CHECK_STR(due(), "2029-11-12");
    CHECK_INT(clock_.working_days_left, 20);

    /* No correction in time: closed, other_no_correction, no due date, not late. */
    struct app_event lapsed[] = {correction("2029-09-26"), ev(EV_CORRECTION_LAPSED, "2029-11-30")};
    CHECK_INT(run("2029-09-20", lapsed, 2, "2030-01-01"), 0);
    CHECK_STR(clock_.status, "closed");
    CHECK_STR(clock_.outcome, "other_no_correction");
    CHECK_STR(due(), "unknown");
    CHECK(!clock_.overdue);

    /* Replied while the correction is awaited (e.g. not processed): allowed. */
    struct app_event reply_anyway[] = {correction("2029-09-26"), replied("2029-09-27", "not_processed_petition")};
    CHECK_INT(run("2029-09-20", reply_anyway, 2, "2029-09-27"), 0);
    CHECK_STR(clock_.outcome, "not_processed_petition");
}

/* Received Thu 2029-11-01 (no holidays until New Year): without pauses due 11-29. */
static void test_pauses(void)
{
    CHECK_INT(run("2029-11-01", NULL, 0, "2029-11-01"), 0);
    CHECK_STR(due(), "2029-11-29");

    /* Consultation 11-05 … 11-16 covers 11-06 … 11-16 (9 working days); 11-05 counts. */
    struct app_event open[] = {consult("2029-11-05", "third_party")};
    CHECK_INT(run("2029-11-01", open, 1, "2029-11-10"), 0);
    CHECK_STR(clock_.status, "paused_consultation");
    CHECK_STR(clock_.status_label, "征求意见中");
    CHECK_STR(due(), "unknown");
    CHECK_INT(clock_.working_days_left, 18); /* 11-02, 11-05 */
    run("2029-11-01", open, 1, "2030-06-01"); /* frozen however long it lasts */
    CHECK_INT(clock_.working_days_left, 18);
    CHECK(!clock_.overdue);

    struct app_event ended[] = {consult("2029-11-05", "agency"), ev(EV_CONSULTATION_ENDED, "2029-11-16")};
    CHECK_INT(run("2029-11-01", ended, 2, "2029-11-16"), 0);
    CHECK_STR(clock_.status, "processing");
    CHECK_STR(due(), "2029-12-12");
    CHECK_INT(clock_.working_days_left, 18);

    /* A pause opened and closed the same day covers nothing. */
    struct app_event same_day[] = {consult("2029-11-05", "agency"), ev(EV_CONSULTATION_ENDED, "2029-11-05")};
    run("2029-11-01", same_day, 2, "2029-11-05");
    CHECK_STR(due(), "2029-11-29");

    /* The fee wait is a pause of the same shape. */
    struct app_event fee_open[] = {fee_notice("2029-11-05", 110000, "per_page")};
    CHECK_INT(run("2029-11-01", fee_open, 1, "2029-11-10"), 0);
    CHECK_STR(clock_.status, "paused_fee");
    CHECK_STR(clock_.status_label, "待缴费");
    CHECK_STR(due(), "unknown");
    struct app_event fee_done[] = {fee_notice("2029-11-05", 110000, "per_page"), fee_paid("2029-11-16", 110000)};
    CHECK_INT(run("2029-11-01", fee_done, 2, "2029-11-16"), 0);
    CHECK_STR(clock_.status, "processing");
    CHECK_STR(due(), "2029-12-12");
    struct app_event fee_lapsed[] = {fee_notice("2029-11-05", 30000000, "per_item"), ev(EV_FEE_LAPSED, "2029-12-04")};
    CHECK_INT(run("2029-11-01", fee_lapsed, 2, "2030-01-01"), 0);
    CHECK_STR(clock_.status, "closed");
    CHECK_STR(clock_.outcome, "other_fee_unpaid");
    CHECK_STR(due(), "unknown");
    CHECK(!clock_.overdue);

    /* Both pauses open: the fee (the applicant must act) names the status. Overlapping
     * pauses cover their union: 11-06 … 11-20 here (11 working days). */
    struct app_event both[] = {consult("2029-11-05", "third_party"), fee_notice("2029-11-07", 20000, "per_item")};
    run("2029-11-01", both, 2, "2029-11-08");
    CHECK_STR(clock_.status, "paused_fee");
    struct app_event both_done[] = {consult("2029-11-05", "third_party"), fee_notice("2029-11-07", 20000, "per_item"),
                                    ev(EV_CONSULTATION_ENDED, "2029-11-16"), fee_paid("2029-11-20", 20000)};
    run("2029-11-01", both_done, N(both_done), "2029-11-20");
    CHECK_STR(clock_.status, "processing");
    CHECK_STR(due(), "2029-12-14");
    /* Two consultations one after the other. */
    struct app_event twice[] = {consult("2029-11-05", "third_party"), ev(EV_CONSULTATION_ENDED, "2029-11-09"),
                                consult("2029-11-12", "agency"), ev(EV_CONSULTATION_ENDED, "2029-11-16")};
    CHECK_INT(run("2029-11-01", twice, N(twice), "2029-11-16"), 0);
    CHECK_STR(due(), "2029-12-11"); /* 11-12 itself counts: 8 days covered, not 9 */

    /* Replied while a consultation is open: valid; the period never ran out. */
    struct app_event reply_open[] = {consult("2029-11-05", "third_party"), replied("2029-12-20", "withheld_third_party")};
    CHECK_INT(run("2029-11-01", reply_open, 2, "2029-12-20"), 0);
    CHECK_STR(clock_.status, "closed");
    CHECK_STR(clock_.outcome, "withheld_third_party");
    CHECK_STR(due(), "unknown");
    CHECK(!clock_.overdue);
    CHECK_INT(clock_.working_days_left, 18);

    /* A pause opened after the period ran out: overdue, and (contracts §6) no due date
     * while it is open; once closed by a reply the due date is the one that passed. */
    struct app_event late_pause[] = {consult("2029-12-03", "agency")};
    run("2029-11-01", late_pause, 1, "2029-12-20");
    CHECK_STR(clock_.status, "paused_consultation");
    CHECK_STR(due(), "unknown");
    CHECK(clock_.overdue);
    CHECK_INT(clock_.working_days_left, -2); /* 11-30, 12-03 */
    struct app_event late_reply[] = {consult("2029-12-03", "agency"), replied("2029-12-20", "disclosed")};
    run("2029-11-01", late_reply, 2, "2029-12-20");
    CHECK_STR(due(), "2029-11-29");
    CHECK(clock_.overdue);
}

static void test_extension(void)
{
    struct app_event ext[] = {extended("2029-10-20", 10)};
    CHECK_INT(run("2029-09-20", ext, 1, "2029-10-25"), 0);
    CHECK(clock_.extended);
    CHECK_INT(clock_.extended_days, 10);
    CHECK_INT(clock_.period, 30);
    CHECK_STR(due(), "2029-11-07");
    CHECK(!clock_.overdue); /* past the 20 days, inside the 30 */
    CHECK_INT(clock_.working_days_left, 9);
    struct app_event ext20[] = {extended("2029-10-22", 20)};
    run("2029-09-20", ext20, 1, "2029-10-25");
    CHECK_STR(due(), "2029-11-21");
    /* Granted before a correction, the extension still applies after the restart. */
    struct app_event ext_then_corr[] = {extended("2029-09-21", 5), correction("2029-09-25"),
                                        ev(EV_CORRECTION_RECEIVED, "2029-10-10")};
    run("2029-09-20", ext_then_corr, N(ext_then_corr), "2029-10-10");
    CHECK_STR(due(), "2029-11-14");
    /* Extension and pause together. */
    struct app_event ext_pause[] = {consult("2029-11-05", "agency"), ev(EV_CONSULTATION_ENDED, "2029-11-16"),
                                    extended("2029-12-03", 1)};
    run("2029-11-01", ext_pause, N(ext_pause), "2029-12-03");
    CHECK_STR(due(), "2029-12-13");
}

static void test_closing_events(void)
{
    struct app_event w[] = {ev(EV_WITHDRAWN, "2029-09-25")};
    CHECK_INT(run("2029-09-20", w, 1, "2029-10-01"), 0);
    CHECK_STR(clock_.status, "closed");
    CHECK_STR(clock_.outcome, "other");
    CHECK_STR(due(), "2029-10-24");
    CHECK_INT(clock_.working_days_left, 18);
    /* An event on the receipt date itself is fine (answered on the spot). */
    struct app_event spot[] = {replied("2029-09-20", "disclosed_already_public")};
    CHECK_INT(run("2029-09-20", spot, 1, "2029-09-20"), 0);
    CHECK_INT(clock_.working_days_left, 20);
}

/* Near the end of the calendar (2099) the due date cannot be known: flagged, not guessed. */
static void test_end_of_data(void)
{
    CHECK_INT(run("2099-12-10", NULL, 0, "2099-12-20"), 0);
    CHECK_STR(clock_.status, "processing");
    CHECK_STR(due(), "unknown");
    CHECK(clock_.calendar_exhausted);
    CHECK(!clock_.overdue);
    CHECK(clock_.provisional);
    CHECK_INT(clock_.working_days_left, 14); /* 12-11, 12-14 … 12-18 counted */
    run("2099-11-02", NULL, 0, "2100-03-01"); /* due inside the calendar, as_of past it */
    CHECK_STR(due(), "2099-11-30");
    CHECK(clock_.overdue);
    CHECK(clock_.calendar_exhausted); /* the count stops at 2099-12-31 */
    run("2029-09-20", NULL, 0, "2029-10-01");
    CHECK(!clock_.calendar_exhausted);
    CHECK(!clock_.provisional);
}

#define CHECK_REFUSED(received, events, want)                                 \
    do {                                                                      \
        CHECK_INT(run(received, events, N(events), "2030-01-01"), RES_REFUSED);        \
        CHECK_STR(err_, want);                                                \
    } while (0)

static void test_validation(void)
{
    CHECK_INT(run("2003-12-31", NULL, 0, "2004-01-01"), RES_REFUSED);
    CHECK_STR(err_, "received: 2003-12-31 is outside the calendar data (2004-01-01 to 2099-12-31)");

    struct app_event outside[] = {replied("2100-01-04", "disclosed")};
    CHECK_REFUSED("2099-12-01", outside,
                  "events[0]: date: 2100-01-04 is outside the calendar data (2004-01-01 to 2099-12-31)");
    struct app_event before[] = {replied("2029-09-19", "disclosed")};
    CHECK_REFUSED("2029-09-20", before, "events[0]: date: 2029-09-19 is before the receipt date 2029-09-20");
    struct app_event order[] = {consult("2029-09-25", "agency"), ev(EV_CONSULTATION_ENDED, "2029-09-24")};
    CHECK_REFUSED("2029-09-20", order,
                  "events[1]: date: 2029-09-24 is before the 2029-09-25 of events[0] (events must be in date order)");
    struct app_event after_close[] = {replied("2029-09-25", "disclosed"), extended("2029-09-26", 5)};
    CHECK_REFUSED("2029-09-20", after_close,
                  "events[1]: kind: extended after the closing event events[0] (replied)");
    struct app_event close_twice[] = {ev(EV_WITHDRAWN, "2029-09-25"), replied("2029-09-25", "disclosed")};
    CHECK_REFUSED("2029-09-20", close_twice,
                  "events[1]: kind: replied after the closing event events[0] (withdrawn)");
    struct app_event ext_twice[] = {extended("2029-10-08", 5), extended("2029-10-09", 5)};
    CHECK_REFUSED("2029-09-20", ext_twice,
                  "events[1]: kind: extended a second time (first by events[0]); the period can be extended once only");
    struct app_event ext0[] = {extended("2029-10-08", 0)};
    CHECK_REFUSED("2029-09-20", ext0, "events[0]: days: 0 (an extension is 1 to 20 working days under the 2019 Regulation, 第三十三条)");
    struct app_event ext21[] = {extended("2029-10-08", 21)};
    CHECK_REFUSED("2029-09-20", ext21, "events[0]: days: 21 (an extension is 1 to 20 working days under the 2019 Regulation, 第三十三条)");
    struct app_event ended[] = {ev(EV_CONSULTATION_ENDED, "2029-10-08")};
    CHECK_REFUSED("2029-09-20", ended,
                  "events[0]: kind: consultation_ended without an open consultation_started");
    struct app_event ended2[] = {consult("2029-09-21", "agency"), ev(EV_CONSULTATION_ENDED, "2029-09-25"),
                                 ev(EV_CONSULTATION_ENDED, "2029-09-26")};
    CHECK_REFUSED("2029-09-20", ended2,
                  "events[2]: kind: consultation_ended without an open consultation_started");
    struct app_event paid[] = {fee_paid("2029-10-08", 100)};
    CHECK_REFUSED("2029-09-20", paid, "events[0]: kind: fee_paid without an unpaid fee_notice");
    struct app_event fee_lapsed[] = {ev(EV_FEE_LAPSED, "2029-10-08")};
    CHECK_REFUSED("2029-09-20", fee_lapsed, "events[0]: kind: fee_lapsed without an unpaid fee_notice");
    struct app_event received[] = {ev(EV_CORRECTION_RECEIVED, "2029-10-08")};
    CHECK_REFUSED("2029-09-20", received,
                  "events[0]: kind: correction_received without a pending correction_requested");
    struct app_event received2[] = {correction("2029-09-21"), ev(EV_CORRECTION_RECEIVED, "2029-09-25"),
                                    ev(EV_CORRECTION_RECEIVED, "2029-09-26")};
    CHECK_REFUSED("2029-09-20", received2,
                  "events[2]: kind: correction_received without a pending correction_requested");
    struct app_event corr_lapsed[] = {ev(EV_CORRECTION_LAPSED, "2029-10-08")};
    CHECK_REFUSED("2029-09-20", corr_lapsed,
                  "events[0]: kind: correction_lapsed without a pending correction_requested");
    struct app_event two_consult[] = {consult("2029-09-21", "agency"), consult("2029-09-25", "third_party")};
    CHECK_REFUSED("2029-09-20", two_consult,
                  "events[1]: kind: consultation_started while the consultation of events[0] is still open");
    struct app_event two_fees[] = {fee_notice("2029-09-21", 100, "per_item"), fee_notice("2029-09-25", 100, "per_item")};
    CHECK_REFUSED("2029-09-20", two_fees,
                  "events[1]: kind: fee_notice while the fee notice of events[0] is unpaid");
    struct app_event two_corr[] = {correction("2029-09-21"), correction("2029-09-25")};
    CHECK_REFUSED("2029-09-20", two_corr,
                  "events[1]: kind: correction_requested while the correction requested by events[0] is still awaited");
    struct app_event no_outcome[] = {replied("2029-09-25", NULL)};
    CHECK_REFUSED("2029-09-20", no_outcome, "events[0]: outcome: missing (replied needs an outcome code)");
    struct app_event bad_outcome[] = {replied("2029-09-25", "granted")};
    CHECK_REFUSED("2029-09-20", bad_outcome, "events[0]: outcome: 'granted' is not an outcome code");
    struct app_event total_row[] = {replied("2029-09-25", "total")}; /* a row key, not an outcome */
    CHECK_REFUSED("2029-09-20", total_row, "events[0]: outcome: 'total' is not an outcome code");
    struct app_event bad_party[] = {consult("2029-09-21", "public")};
    CHECK_REFUSED("2029-09-20", bad_party, "events[0]: party: 'public' (expected third_party or agency)");
    struct app_event no_party[] = {consult("2029-09-21", NULL)};
    CHECK_REFUSED("2029-09-20", no_party, "events[0]: party: missing (expected third_party or agency)");
    struct app_event free_notice[] = {fee_notice("2029-09-21", 0, "per_page")};
    CHECK_REFUSED("2029-09-20", free_notice, "events[0]: yuan: a fee notice needs an amount above zero");
    struct app_event bad_basis[] = {fee_notice("2029-09-21", 100, "per_hour")};
    CHECK_REFUSED("2029-09-20", bad_basis, "events[0]: basis: 'per_hour' (expected per_item or per_page)");
    struct app_event no_basis[] = {fee_notice("2029-09-21", 100, NULL)};
    CHECK_REFUSED("2029-09-20", no_basis, "events[0]: basis: missing (expected per_item or per_page)");
    struct app_event negative_paid[] = {fee_notice("2029-09-21", 100, "per_item"), fee_paid("2029-09-25", -1)};
    CHECK_REFUSED("2029-09-20", negative_paid, "events[1]: yuan: a payment cannot be negative");
    struct app_event bad_kind[] = {{.kind = (enum event_kind)99, .date = D("2029-09-21")}};
    CHECK_REFUSED("2029-09-20", bad_kind, "events[0]: kind: unknown event kind (99)");
    /* The first offence is the one reported. */
    struct app_event two_errors[] = {replied("2029-09-21", "nope"), ev(EV_CONSULTATION_ENDED, "2029-09-19")};
    CHECK_REFUSED("2029-09-20", two_errors, "events[0]: outcome: 'nope' is not an outcome code");

    CHECK_STR(deadline_status_label("paused_fee"), "待缴费");
    CHECK(deadline_status_label("nonsense") == NULL);
    CHECK(deadline_status_label(NULL) == NULL);
}

void run_tests(void)
{
    build_test_calendar();
    test_plain();
    test_correction();
    test_pauses();
    test_extension();
    test_closing_events();
    test_end_of_data();
    test_validation();
    free(err_);
}
