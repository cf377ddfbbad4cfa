/* The national layouts: the 2019 trial format (国办公开办函〔2019〕60号) and the 2021
 * format (国办公开办函〔2021〕30号). Labels are exactly those of ogi-rules §1.4–1.8. */
#include "report/report.h"
#include "util/decimal.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void head(doc_table_t *t, int row, int col, int colspan, const char *text)
{
    doc_cell(t, row, col, 1, colspan, DOC_HEAD, text);
}

static void num(doc_table_t *t, int row, int col, int colspan, long long v)
{
    if (colspan == 1) {
        doc_cell_int(t, row, col, v);
    } else {
        char buf[32];
        snprintf(buf, sizeof buf, "%lld", v);
        doc_cell(t, row, col, 1, colspan, DOC_NUM, buf);
    }
}

/* 本年增/减 is written with its sign, as real reports do (+2, -417). */
static void signed_num(doc_table_t *t, int row, int col, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, v > 0 ? "+%lld" : "%lld", v);
    doc_cell(t, row, col, 1, 1, DOC_NUM, buf);
}

static void table2_2021(doc_t *d, const struct report *r)
{
    const struct report_figures *f = &r->fig;
    char amount[48];
    report_wan_yuan(r, "admin_fees_wan_yuan", amount, sizeof amount);
    doc_table_t *t = doc_table(d, "主动公开政府信息情况", 4, 0);
    int row = 0;
    head(t, row++, 0, 4, "第二十条第（一）项");
    head(t, row, 0, 1, "信息内容");
    head(t, row, 1, 1, "本年制发件数");
    head(t, row, 2, 1, "本年废止件数");
    head(t, row++, 3, 1, "现行有效件数");
    const struct statutory_figures *s[2] = {&f->rules, &f->normative_documents};
    const char *labels[2] = {"规章", "行政规范性文件"};
    for (int i = 0; i < 2; i++, row++) {
        head(t, row, 0, 1, labels[i]);
        num(t, row, 1, 1, s[i]->issued);
        num(t, row, 2, 1, s[i]->repealed);
        num(t, row, 3, 1, s[i]->in_force);
    }
    head(t, row++, 0, 4, "第二十条第（五）项");
    head(t, row, 0, 1, "信息内容");
    head(t, row++, 1, 3, "本年处理决定数量");
    head(t, row, 0, 1, "行政许可");
    num(t, row++, 1, 3, report_tally(r, "licensing_decisions"));
    head(t, row++, 0, 4, "第二十条第（六）项");
    head(t, row, 0, 1, "信息内容");
    head(t, row++, 1, 3, "本年处理决定数量");
    head(t, row, 0, 1, "行政处罚");
    num(t, row++, 1, 3, report_tally(r, "penalty_decisions"));
    head(t, row, 0, 1, "行政强制");
    num(t, row++, 1, 3, report_tally(r, "coercion_decisions"));
    head(t, row++, 0, 4, "第二十条第（八）项");
    head(t, row, 0, 1, "信息内容");
    head(t, row++, 1, 3, "本年收费金额（单位：万元）");
    head(t, row, 0, 1, "行政事业性收费");
    doc_cell(t, row, 1, 1, 3, DOC_NUM, amount);
}

static void items_rows(doc_table_t *t, int *row, const struct report *r, const char *label, const char *prefix,
                       const char *decisions_key)
{
    char prev[64], change[64];
    snprintf(prev, sizeof prev, "%s_items_prev", prefix);
    snprintf(change, sizeof change, "%s_items_change", prefix);
    head(t, *row, 0, 1, label);
    num(t, *row, 1, 1, report_tally(r, prev));
    signed_num(t, *row, 2, report_tally(r, change));
    if (decisions_key)
        num(t, *row, 3, 1, report_tally(r, decisions_key));
    (*row)++;
}

static void table2_2019(doc_t *d, const struct report *r)
{
    const struct report_figures *f = &r->fig;
    doc_table_t *t = doc_table(d, "主动公开政府信息情况", 4, 0);
    int row = 0;
    head(t, row++, 0, 4, "第二十条第（一）项");
    head(t, row, 0, 1, "信息内容");
    head(t, row, 1, 1, "本年新制作数量");
    head(t, row, 2, 1, "本年新公开数量");
    head(t, row++, 3, 1, "对外公开总数量");
    const struct statutory_figures *s[2] = {&f->rules, &f->normative_documents};
    const char *labels[2] = {"规章", "规范性文件"};
    for (int i = 0; i < 2; i++, row++) {
        head(t, row, 0, 1, labels[i]);
        num(t, row, 1, 1, s[i]->issued);
        num(t, row, 2, 1, s[i]->published);
        num(t, row, 3, 1, s[i]->in_force);
    }
    for (int part = 0; part < 2; part++) {
        head(t, row++, 0, 4, part == 0 ? "第二十条第（五）项" : "第二十条第（六）项");
        head(t, row, 0, 1, "信息内容");
        head(t, row, 1, 1, "上一年项目数量");
        head(t, row, 2, 1, "本年增/减");
        head(t, row++, 3, 1, "处理决定数量");
        if (part == 0) {
            items_rows(t, &row, r, "行政许可", "licensing", "licensing_decisions");
            items_rows(t, &row, r, "其他对外管理服务事项", "other_services", "other_services_decisions");
        } else {
            items_rows(t, &row, r, "行政处罚", "penalty", "penalty_decisions");
            items_rows(t, &row, r, "行政强制", "coercion", "coercion_decisions");
        }
    }
    head(t, row++, 0, 4, "第二十条第（八）项");
    head(t, row, 0, 1, "信息内容");
    head(t, row, 1, 1, "上一年项目数量");
    head(t, row++, 2, 2, "本年增/减");
    head(t, row, 0, 1, "行政事业性收费");
    num(t, row, 1, 1, report_tally(r, "admin_fees_items_prev"));
    char change[32];
    long long ch = report_tally(r, "admin_fees_items_change");
    snprintf(change, sizeof change, ch > 0 ? "+%lld" : "%lld", ch);
    doc_cell(t, row++, 2, 1, 2, DOC_NUM, change);
    head(t, row++, 0, 4, "第二十条第（九）项");
    head(t, row, 0, 1, "信息内容");
    head(t, row, 1, 1, "采购项目数量");
    head(t, row++, 2, 2, "采购总金额");
    head(t, row, 0, 1, "政府集中采购");
    num(t, row, 1, 1, report_tally(r, "procurement_projects"));
    char amount[48], with_unit[64];
    report_wan_yuan(r, "procurement_amount_wan_yuan", amount, sizeof amount);
    snprintf(with_unit, sizeof with_unit, "%s万元", amount);
    doc_cell(t, row, 2, 1, 2, DOC_NUM, with_unit);
}

static void table3_row(doc_table_t *t, int row, const struct report *r, int fig_row, bool fold_other)
{
    for (int c = 0; c < TABLE3_COLUMNS; c++) {
        long long v = r->fig.t3[fig_row][c];
        if (fold_other)
            v += r->fig.t3[ROW_OTHER_NO_CORRECTION][c] + r->fig.t3[ROW_OTHER_FEE_UNPAID][c];
        doc_cell_int(t, row, 3 + c, v);
    }
}

static void table3(doc_t *d, const struct report *r)
{
    bool g19 = r->format == FMT_GOV2019;
    doc_table_t *t = doc_table(d, "收到和处理政府信息公开申请情况", 10, 3);
    doc_cell(t, 0, 0, 3, 3, 0, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
    doc_cell(t, 0, 3, 1, 7, 0, "申请人情况");
    doc_cell(t, 1, 3, 2, 1, 0, "自然人");
    doc_cell(t, 1, 4, 1, 5, 0, "法人或其他组织");
    doc_cell(t, 1, 9, 2, 1, 0, "总计");
    for (int c = 1; c < APPLICANT_COUNT; c++)
        doc_cell(t, 2, 3 + c, 1, 1, 0, applicant_types[c].label);

    int row = 3;
    doc_cell(t, row, 0, 1, 3, DOC_HEAD | DOC_LEFT, table3_rows[ROW_NEW].label);
    table3_row(t, row++, r, ROW_NEW, false);
    doc_cell(t, row, 0, 1, 3, DOC_HEAD | DOC_LEFT, table3_rows[ROW_CARRIED_IN].label);
    table3_row(t, row++, r, ROW_CARRIED_IN, false);

    int results = g19 ? 20 : 22; /* （一）…（七） data rows */
    doc_cell(t, row, 0, results, 1, DOC_HEAD, "三、本年度办理结果");
    doc_cell(t, row, 1, 1, 2, DOC_HEAD | DOC_LEFT, table3_rows[ROW_DISCLOSED].label);
    table3_row(t, row++, r, ROW_DISCLOSED, false);
    doc_cell(t, row, 1, 1, 2, DOC_HEAD | DOC_LEFT, table3_rows[ROW_PARTIALLY_DISCLOSED].label);
    table3_row(t, row++, r, ROW_PARTIALLY_DISCLOSED, false);

    struct group {
        const char *label;
        int first, last;
    } groups[] = {
        {"（三）不予公开", ROW_WITHHELD_STATE_SECRET, ROW_WITHHELD_ADMINISTRATIVE_QUERY},
        {"（四）无法提供", ROW_UNAVAILABLE_NOT_HELD, ROW_UNAVAILABLE_UNCLEAR_AFTER_CORRECTION},
        {"（五）不予处理", ROW_NOT_PROCESSED_PETITION, ROW_NOT_PROCESSED_CONFIRM_REISSUE},
        {"（六）其他处理", ROW_OTHER_NO_CORRECTION, ROW_OTHER},
    };
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        if (g19 && groups[g].first == ROW_OTHER_NO_CORRECTION) {
            /* 2019: （六） is a single data row holding all three kinds. */
            doc_cell(t, row, 1, 1, 2, DOC_HEAD | DOC_LEFT, groups[g].label);
            table3_row(t, row++, r, ROW_OTHER, true);
            continue;
        }
        int n = groups[g].last - groups[g].first + 1;
        doc_cell(t, row, 1, n, 1, DOC_HEAD, groups[g].label);
        for (int k = groups[g].first; k <= groups[g].last; k++) {
            doc_cell(t, row, 2, 1, 1, DOC_HEAD | DOC_LEFT, table3_rows[k].label);
            table3_row(t, row++, r, k, false);
        }
    }
    doc_cell(t, row, 1, 1, 2, DOC_HEAD | DOC_LEFT, table3_rows[ROW_TOTAL].label);
    table3_row(t, row++, r, ROW_TOTAL, false);
    doc_cell(t, row, 0, 1, 3, DOC_HEAD | DOC_LEFT, table3_rows[ROW_CARRIED_FORWARD].label);
    table3_row(t, row++, r, ROW_CARRIED_FORWARD, false);
}

static void table4(doc_t *d, const struct report *r)
{
    doc_table_t *t = doc_table(d, "政府信息公开行政复议、行政诉讼情况", 15, 3);
    doc_cell(t, 0, 0, 2, 5, 0, "行政复议");
    doc_cell(t, 0, 5, 1, 10, 0, "行政诉讼");
    doc_cell(t, 1, 5, 1, 5, 0, "未经复议直接起诉");
    doc_cell(t, 1, 10, 1, 5, 0, "复议后起诉");
    for (int k = 0; k < CASE_KIND_COUNT; k++) {
        long long total = 0;
        for (int res = 0; res < CASE_RESULT_COUNT; res++) {
            doc_cell(t, 2, k * 5 + res, 1, 1, 0, case_results[res].label);
            doc_cell_int(t, 3, k * 5 + res, r->fig.t4[k][res]);
            total += r->fig.t4[k][res];
        }
        doc_cell(t, 2, k * 5 + 4, 1, 1, 0, "总计");
        doc_cell_int(t, 3, k * 5 + 4, total);
    }
}

/* Section 六 always states the 信息处理费 figures (ogi-rules §1.7), after the agency's text. */
static char *fee_sentence(const struct report *r)
{
    const struct report_figures *f = &r->fig;
    if (f->fee_notices == 0 && f->fee_collected_fen == 0)
        return xasprintf("%d年，本机关未发出信息处理费收费通知，未收取信息处理费。", r->year);
    char notice[40], paid[40];
    decimal_format(f->fee_notice_fen, 2, 2, notice, sizeof notice);
    decimal_format(f->fee_collected_fen, 2, 2, paid, sizeof paid);
    return xasprintf("依据《政府信息公开信息处理费管理办法》规定，%d年本机关共发出收费通知%lld件，收费金额%s元，"
                     "实际收取信息处理费%s元。",
                     r->year, f->fee_notices, notice, paid);
}

static char *overview_fallback(const struct report *r)
{
    const struct report_figures *f = &r->fig;
    return xasprintf("%d年，本机关主动公开政府信息%lld条；新收政府信息公开申请%lld件，上年结转%lld件，"
                     "办结%lld件，结转下年度继续办理%lld件。",
                     r->year, f->items_published, f->t3[ROW_NEW][APPLICANT_COUNT],
                     f->t3[ROW_CARRIED_IN][APPLICANT_COUNT], f->t3[ROW_TOTAL][APPLICANT_COUNT],
                     f->t3[ROW_CARRIED_FORWARD][APPLICANT_COUNT]);
}

static bool section_text(doc_t *d, const struct report *r, const json_t *ctx, enum narrative_section sec,
                         char *fallback, char **err)
{
    char *text = report_narrative(r, ctx, sec, err);
    bool ok = text || !*err;
    if (ok && (text || fallback))
        doc_paragraph(d, text ? text : fallback);
    free(text);
    free(fallback);
    return ok;
}

doc_t *report_doc_gov(const struct report *r, const json_t *ctx, char **err)
{
    doc_t *d = doc_new();
    char *title = xasprintf("%s%d年政府信息公开工作年度报告", r->agency->name, r->year);
    doc_title(d, title);
    free(title);
    char *intro = xasprintf("本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条规定编制，"
                            "由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
                            "存在的主要问题及改进情况、其他需要报告的事项六部分组成。本报告中所列数据的统计期限自%d年1月1日起至%d年12月31日止。",
                            r->year, r->year);
    doc_paragraph(d, intro);
    free(intro);

    bool ok = true;
    doc_heading(d, 1, "一、总体情况");
    ok = ok && section_text(d, r, ctx, NARR_OVERVIEW, overview_fallback(r), err);

    doc_heading(d, 1, "二、主动公开政府信息情况");
    ok = ok && section_text(d, r, ctx, NARR_PROACTIVE, NULL, err);
    if (r->format == FMT_GOV2019)
        table2_2019(d, r);
    else
        table2_2021(d, r);

    doc_heading(d, 1, "三、收到和处理政府信息公开申请情况");
    ok = ok && section_text(d, r, ctx, NARR_APPLICATIONS, NULL, err);
    table3(d, r);

    doc_heading(d, 1, "四、政府信息公开行政复议、行政诉讼情况");
    table4(d, r);

    doc_heading(d, 1, "五、存在的主要问题及改进情况");
    ok = ok && section_text(d, r, ctx, NARR_PROBLEMS, xstrdup("无。"), err);

    doc_heading(d, 1, "六、其他需要报告的事项");
    ok = ok && section_text(d, r, ctx, NARR_OTHER, NULL, err);
    char *fees = fee_sentence(r);
    doc_paragraph(d, fees);
    free(fees);

    return doc_finish(d, ok, err);
}
