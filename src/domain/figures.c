#include "domain/figures.h"

/* An open record (no closing date) is open past any day. */
static bool open_after(gk_date closed, gk_date day)
{
    return closed == NO_DATE || closed > day;
}

res_t figures_add_application(struct report_figures *f, const struct figures_application *a)
{
    gk_date from = date_from_ymd(f->year, 1, 1), to = date_from_ymd(f->year, 12, 31);
    const struct outcome_info *o = NULL;
    bool handled = a->closed != NO_DATE && a->closed >= from && a->closed <= to;
    if (a->applicant_type < 0 || a->applicant_type >= APPLICANT_COUNT)
        return RES_REFUSED;
    if (handled && !(o = a->outcome ? outcome_find(a->outcome) : NULL))
        return RES_REFUSED;
    int c = a->applicant_type;
    bool received_in_year = a->received >= from && a->received <= to;
    if (received_in_year) {
        f->t3[ROW_NEW][c]++;
        int ch = a->channel >= 0 && a->channel < APP_CHANNEL_COUNT ? a->channel : APP_CHANNEL_OTHER;
        f->received_by_channel[ch]++;
    }
    /* 上年结转: received before the year and still open on its first day. */
    if (a->received < from && open_after(a->closed, from - 1))
        f->t3[ROW_CARRIED_IN][c]++;
    /* 结转下年度继续办理: received by the year's end and still open after it. */
    if (a->received <= to && open_after(a->closed, to))
        f->t3[ROW_CARRIED_FORWARD][c]++;
    if (handled) {
        /* 办理结果: counted in the year the reply went out, by its outcome. */
        f->t3[o->row][c]++;
        f->handled_by_outcome_group[o->group]++;
        f->handled++;
        f->handled_extended += a->extended;
        if (a->fee_notice_fen > 0) {
            f->fee_notices++;
            f->fee_notice_fen += a->fee_notice_fen;
        }
        if (a->fee_paid_fen > 0)
            f->fee_collected_fen += a->fee_paid_fen;
    }
    return RES_OK;
}

res_t figures_add_case(struct report_figures *f, const struct figures_case *c)
{
    gk_date from = date_from_ymd(f->year, 1, 1), to = date_from_ymd(f->year, 12, 31);
    if (c->kind < 0 || c->kind >= CASE_KIND_COUNT)
        return RES_REFUSED;
    /* A case counts in every year from its filing to its decision; decided after the
     * year's end it is 尚未审结 at the end of the year. */
    if (c->filed > to || (c->decided != NO_DATE && c->decided < from))
        return RES_OK;
    int r = c->decided != NO_DATE && c->decided <= to ? c->result : RESULT_PENDING;
    if (r < 0 || r >= CASE_RESULT_COUNT)
        return RES_REFUSED;
    f->t4[c->kind][r]++;
    return RES_OK;
}

void figures_derive(struct report_figures *f)
{
    for (int c = 0; c < APPLICANT_COUNT; c++) {
        long long total = 0;
        for (int r = ROW_DISCLOSED; r <= ROW_OTHER; r++)
            total += f->t3[r][c];
        f->t3[ROW_TOTAL][c] = total;
    }
    for (int r = 0; r < TABLE3_ROWS; r++) {
        long long sum = 0;
        for (int c = 0; c < APPLICANT_COUNT; c++)
            sum += f->t3[r][c];
        f->t3[r][APPLICANT_COUNT] = sum;
    }
}

const char *figures_check(const struct report_figures *f)
{
    for (int c = 0; c < TABLE3_COLUMNS; c++) {
        /* R-A: 一 + 二 = 三(七) + 四, per column */
        if (f->t3[ROW_NEW][c] + f->t3[ROW_CARRIED_IN][c] !=
            f->t3[ROW_TOTAL][c] + f->t3[ROW_CARRIED_FORWARD][c])
            return "R-A: 本年新收 + 上年结转 ≠ 办理结果总计 + 结转下年度";
        /* R-B: （七）总计 = （一）…（六） */
        long long sum = 0;
        for (int r = ROW_DISCLOSED; r <= ROW_OTHER; r++)
            sum += f->t3[r][c];
        if (sum != f->t3[ROW_TOTAL][c])
            return "R-B: （七）总计 ≠ （一）至（六）之和";
    }
    /* R-C: 总计 column = sum of the six applicant columns, per row */
    for (int r = 0; r < TABLE3_ROWS; r++) {
        long long sum = 0;
        for (int c = 0; c < APPLICANT_COUNT; c++)
            sum += f->t3[r][c];
        if (sum != f->t3[r][APPLICANT_COUNT])
            return "R-C: 总计列 ≠ 各类申请人之和";
    }
    /* R-D: table 四 totals are the sum of their four result columns (total is computed on output,
     * so here: no negative cell can hide a wrong sum). */
    for (int k = 0; k < CASE_KIND_COUNT; k++)
        for (int r = 0; r < CASE_RESULT_COUNT; r++)
            if (f->t4[k][r] < 0)
                return "R-D: 表四出现负数";
    long long handled = 0;
    for (int g = 0; g < GROUP_COUNT; g++)
        handled += f->handled_by_outcome_group[g];
    if (handled != f->handled || handled != f->t3[ROW_TOTAL][APPLICANT_COUNT])
        return "办结数与办理结果分组之和不符";
    return 0;
}
