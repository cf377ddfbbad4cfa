#include "domain/figures.h"

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
