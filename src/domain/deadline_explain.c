/* The words of the clock (contracts §6 `why` and `warnings`): a second walk over events
 * that deadline_compute has accepted, so every step can name its dates and the working
 * days it did not count. Chinese, as the applicant and the handler read them. */
#include "domain/deadline.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

__attribute__((format(printf, 3, 4))) static void add(char ***list, size_t *n, const char *fmt, ...)
{
    buf_t b = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    *list = xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[(*n)++] = buf_take(&b);
}

#define WHY(...) add(&out->why, &out->nwhy, __VA_ARGS__)
#define WARN(...) add(&out->warnings, &out->nwarnings, __VA_ARGS__)

static int workdays(const calendar_t *cal, gk_date a, gk_date b)
{
    int n = 0;
    if (b > a && calendar_workdays_between(cal, a, b, &n) != 0)
        n = 0;
    return n;
}

static const char *party_name(const char *party)
{
    return party && strcmp(party, "agency") == 0 ? "其他机关" : "第三方";
}

/* The working days of (a, b] after the final start: what a closed pause did not count. */
static int not_counted(const calendar_t *cal, gk_date start, gk_date a, gk_date b)
{
    return workdays(cal, a > start ? a : start, b);
}

static void explain_pause(const calendar_t *cal, const struct app_clock *clk, const struct app_event *opened,
                          const struct app_event *closed, struct clock_text *out)
{
    char a[DATE_STR_SIZE], b[DATE_STR_SIZE];
    date_format(opened->date, a);
    date_format(closed->date, b);
    int skipped = not_counted(cal, clk->start, opened->date, closed->date);
    if (opened->kind == EV_CONSULTATION_STARTED) {
        WHY("%s 至 %s 征求%s意见：所需时间不计算在答复期限内，不计 %d 个工作日（%s）。", a, b,
            party_name(opened->party), skipped,
            strcmp(clk->regulation->code, "2007") == 0 ? "2007年条例第二十四条" : "条例第三十三条第三款");
        int took = workdays(cal, opened->date, closed->date);
        if (clk->regulation->timed_steps && took > DEADLINE_CONSULTATION_REPLY)
            WARN("征求%s意见用时 %d 个工作日（%s 至 %s），超过条例%s规定的%d个工作日%s。", party_name(opened->party),
                 took, a, b, opened->party && strcmp(opened->party, "agency") == 0 ? "第三十四条" : "第三十二条",
                 DEADLINE_CONSULTATION_REPLY,
                 opened->party && strcmp(opened->party, "agency") == 0 ? "（逾期未提出意见的视为同意公开）"
                                                                       : "（逾期未提出意见的由本机关决定是否公开）");
    } else {
        WHY("%s 发出收费通知，%s 缴费：期间不计算，不计 %d 个工作日。", a, b, skipped);
    }
}

static void explain_open(const calendar_t *cal, const struct app_clock *clk, const struct app_event *e,
                         gk_date until, struct clock_text *out)
{
    char a[DATE_STR_SIZE], t[DATE_STR_SIZE];
    date_format(e->date, a);
    date_format(until, t);
    int so_far = workdays(cal, e->date, until);
    switch (e->kind) {
    case EV_CORRECTION_REQUESTED:
        WHY("%s 起等待申请人补正：期限停止计算，收到补正之日起重新计算（第三十条）。", a);
        break;
    case EV_CONSULTATION_STARTED:
        WHY("%s 起征求%s意见，尚未收到意见：期间不计算（至 %s 已 %d 个工作日），意见返回后继续计算。", a,
            party_name(e->party), t, so_far);
        if (clk->regulation->timed_steps && so_far > DEADLINE_CONSULTATION_REPLY)
            WARN("征求%s意见已 %d 个工作日（自 %s 起）仍未结束，超过条例%s规定的%d个工作日。", party_name(e->party),
                 so_far, a, e->party && strcmp(e->party, "agency") == 0 ? "第三十四条" : "第三十二条",
                 DEADLINE_CONSULTATION_REPLY);
        break;
    case EV_FEE_NOTICE:
        WHY("%s 发出收费通知，尚未缴费：期间不计算（至 %s 已 %d 个工作日），缴费后继续计算。", a, t, so_far);
        break;
    default:
        break;
    }
}

void deadline_explain(const calendar_t *cal, gk_date received, const struct app_event *ev, size_t n,
                      gk_date as_of, const struct app_clock *clk, struct clock_text *out)
{
    *out = (struct clock_text){0};
    const struct regulation *reg = clk->regulation;
    char d[DATE_STR_SIZE], d2[DATE_STR_SIZE];
    WHY("%s 收到申请，适用%s%s（%s收到的申请）：答复期限 %d 个工作日，需要延长的最长不超过 %d 个工作日。",
        date_format(received, d), reg->name, reg->article,
        strcmp(reg->code, "2007") == 0 ? "2019年5月15日前" : "2019年5月15日起", reg->period, reg->max_extension);

    gk_date start = received;
    long open_correction = -1, open_consultation = -1, open_fee = -1;
    for (size_t i = 0; i < n; i++) {
        const struct app_event *e = &ev[i];
        date_format(e->date, d);
        switch (e->kind) {
        case EV_CORRECTION_REQUESTED: {
            int k = workdays(cal, start, e->date);
            WHY("%s 要求补正（起算后第 %d 个工作日）%s%s。", d, k, e->items && *e->items ? "：" : "",
                e->items && *e->items ? e->items : "");
            if (reg->timed_steps && k > DEADLINE_CORRECTION_NOTICE)
                WARN("补正告知晚于规定：起算后第 %d 个工作日（%s）才要求补正，条例第三十条规定应在%d个工作日内一次性告知。", k,
                     d, DEADLINE_CORRECTION_NOTICE);
            open_correction = (long)i;
            break;
        }
        case EV_CORRECTION_RECEIVED:
            WHY("%s 收到补正：答复期限自该日起重新计算（第三十条）。", d);
            start = e->date;
            open_correction = -1;
            break;
        case EV_CORRECTION_LAPSED:
            WHY("%s 申请人逾期未补正，视为放弃申请（第三十条）。", d);
            open_correction = -1;
            break;
        case EV_CONSULTATION_STARTED:
            open_consultation = (long)i;
            break;
        case EV_CONSULTATION_ENDED:
            explain_pause(cal, clk, &ev[open_consultation], e, out);
            open_consultation = -1;
            break;
        case EV_FEE_NOTICE:
            open_fee = (long)i;
            break;
        case EV_FEE_PAID:
            explain_pause(cal, clk, &ev[open_fee], e, out);
            open_fee = -1;
            break;
        case EV_FEE_LAPSED:
            WHY("%s 申请人逾期未缴费，视为放弃申请。", d);
            open_fee = -1;
            break;
        case EV_EXTENDED:
            WHY("%s 经政府信息公开工作机构负责人同意延长答复期限 %d 个工作日%s%s%s，期限共 %d 个工作日（%s）。", d, e->days,
                e->reason && *e->reason ? "（理由：" : "", e->reason && *e->reason ? e->reason : "",
                e->reason && *e->reason ? "）" : "", clk->period, reg->article);
            break;
        case EV_REPLIED: {
            const struct outcome_info *o = outcome_find(e->outcome);
            WHY("%s 答复：%s。", d, o ? o->label : e->outcome);
            break;
        }
        case EV_WITHDRAWN:
            WHY("%s 申请人撤回申请。", d);
            break;
        case EV_KIND_COUNT:
            break;
        }
    }
    if (clk->correction_rounds > 1)
        WARN("要求补正 %d 次；条例第三十条规定应一次性告知需要补正的事项。", clk->correction_rounds);

    WHY("起算日 %s（%s），其后的工作日逐日计算。", date_format(clk->start, d),
        clk->start == received ? "收到申请之日" : "收到补正之日");
    gk_date until = clk->closed ? clk->closed_on : as_of;
    if (!clk->closed) {
        long open[3] = {open_correction, open_consultation, open_fee};
        for (int k = 0; k < 3; k++)
            if (open[k] >= 0)
                explain_open(cal, clk, &ev[open[k]], until, out);
    }

    if (clk->due_known) {
        WHY("答复期限 %s：起算日后第 %d 个计入的工作日。", date_format(clk->due, d), clk->period);
    } else if (clk->calendar_exhausted) {
        WHY("答复期限超出日历范围（至 %d 年底），无法计算。", CALENDAR_LAST_YEAR);
    } else if (clk->closed) {
        WHY("办结时期限仍处于暂停状态，未到期。");
    } else {
        WHY("答复期限暂不确定：%s，恢复计算后确定。", clk->status_label);
    }
    date_format(until, d2);
    if (clk->closed) {
        if (clk->overdue)
            WARN("逾期答复：%s 办结时已超过答复期限 %d 个工作日。", d2, -clk->working_days_left);
        else
            WHY("%s 办结，在期限内。", d2);
    } else if (clk->overdue) {
        WARN("已超过答复期限 %d 个工作日（截至 %s）。", -clk->working_days_left, d2);
    } else if (clk->due_known) {
        WHY("截至 %s 已计 %d 个工作日，尚余 %d 个工作日。", d2, clk->period - clk->working_days_left,
            clk->working_days_left);
    }
    if (clk->provisional)
        WHY("%d 年的节假日安排尚未发布（未导入国务院办公厅通知），该年暂按周一至周五为工作日计算，为暂定结果；"
            "导入通知（gongkai calendar import）后自动按正式安排计算。", clk->provisional_year);
}

void clock_text_free(struct clock_text *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nwhy; i++)
        free(t->why[i]);
    for (size_t i = 0; i < t->nwarnings; i++)
        free(t->warnings[i]);
    free(t->why);
    free(t->warnings);
    *t = (struct clock_text){0};
}
