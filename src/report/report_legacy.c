/* The pre-2019 layout (2008–2018 reports), as the seed report of 工农区 writes it:
 * seven numbered parts, the channel table, and sentences that give the figures. */
#include "report/report.h"
#include "util/decimal.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

/* A narrative section, or the fallback sentence when the agency wrote none. */
static bool narrative_or(doc_t *d, const struct report *r, const json_t *ctx, enum narrative_section sec,
                         const char *fallback, char **err)
{
    char *text = report_narrative(r, ctx, sec, err);
    if (!text && *err)
        return false;
    if (text || fallback)
        doc_paragraph(d, text ? text : fallback);
    free(text);
    return true;
}

/* "主动公开的主体": 工农区政府 for a government, the agency's own name otherwise. */
static const char *subject_name(const struct report *r, char *buf, size_t size)
{
    char tmp[256];
    if (r->agency->kind && strcmp(r->agency->kind, "government") == 0) {
        snprintf(buf, size, "%s政府", report_short_name(r->agency, tmp, sizeof tmp));
        return buf;
    }
    return r->agency->name;
}

static void proactive_sentence(doc_t *d, const struct report *r)
{
    const struct report_figures *f = &r->fig;
    char subject[300];
    buf_t b = BUF_INIT;
    if (f->items_published == 0) {
        buf_printf(&b, "（一）主动公开信息数量。%d年，%s未主动公开政府信息。", r->year,
                   subject_name(r, subject, sizeof subject));
        doc_paragraph(d, buf_str(&b));
        buf_free(&b);
        return;
    }
    buf_printf(&b, "（一）主动公开信息数量。%d年，%s主动公开政府信息%lld条。其中，", r->year,
               subject_name(r, subject, sizeof subject), f->items_published);
    /* The seed names only the channels that carried something, website first. */
    static const enum pub_channel order[] = {PUB_CHANNEL_WEBSITE, PUB_CHANNEL_WECHAT, PUB_CHANNEL_WEIBO,
                                             PUB_CHANNEL_GAZETTE, PUB_CHANNEL_OTHER};
    bool first = true;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        long long n = f->pubs_by_channel[order[i]];
        if (!n)
            continue;
        if (!first)
            buf_puts(&b, "；");
        first = false;
        switch (order[i]) {
        case PUB_CHANNEL_WEBSITE: buf_printf(&b, "通过网站发布信息%lld条", n); break;
        case PUB_CHANNEL_WECHAT: buf_printf(&b, "通过%s微信公众号发布信息%lld条", r->agency->name, n); break;
        case PUB_CHANNEL_WEIBO: buf_printf(&b, "通过政务微博发布信息%lld条", n); break;
        case PUB_CHANNEL_GAZETTE: buf_printf(&b, "通过政府公报公开信息%lld条", n); break;
        default: buf_printf(&b, "通过其它便于公众知晓的方式公开信息%lld条", n); break;
        }
    }
    buf_puts(&b, "。");
    doc_paragraph(d, buf_str(&b));
    buf_free(&b);
}

static void channel_table(doc_t *d, const struct report *r)
{
    static const char *const labels[PUB_CHANNEL_COUNT] = {
        "1.政府公报公开政府信息数", "2.政府网站公开政府信息数", "3.政务微博公开政府信息数",
        "4.政务微信公开政府信息数", "5.其他方式公开政府信息数"};
    doc_table_t *t = doc_table(d, "主动公开信息情况", 3, 1);
    doc_cell(t, 0, 0, 1, 1, 0, "统计指标");
    doc_cell(t, 0, 1, 1, 1, 0, "单位");
    doc_cell(t, 0, 2, 1, 1, 0, "统计数");
    doc_cell(t, 1, 0, 1, 3, DOC_HEAD | DOC_LEFT, "通过不同渠道和方式公开政府信息的情况");
    for (int c = 0; c < PUB_CHANNEL_COUNT; c++) {
        doc_cell(t, 2 + c, 0, 1, 1, DOC_HEAD | DOC_LEFT, labels[c]);
        doc_cell(t, 2 + c, 1, 1, 1, 0, "条");
        doc_cell_int(t, 2 + c, 2, r->fig.pubs_by_channel[c]);
    }
}

static void applications_sentence(doc_t *d, const struct report *r, const char *region)
{
    const struct report_figures *f = &r->fig;
    long long received = f->t3[ROW_NEW][APPLICANT_COUNT];
    buf_t b = BUF_INIT;
    if (received == 0 && f->handled == 0) {
        buf_printf(&b, "%d年，%s未收到政府信息公开申请。", r->year, region);
    } else if (received == f->handled && f->handled_by_outcome_group[GROUP_DISCLOSED] == f->handled) {
        buf_printf(&b, "%d年，%s共受理政府信息公开申请%lld件，已全部给予公开。", r->year, region, received);
    } else {
        buf_printf(&b, "%d年，%s共受理政府信息公开申请%lld件", r->year, region, received);
        bool any = false;
        for (int c = 0; c < APP_CHANNEL_COUNT; c++)
            if (f->received_by_channel[c]) {
                buf_printf(&b, "%s%s%lld件", any ? "，" : "，其中", app_channels[c].label, f->received_by_channel[c]);
                any = true;
            }
        buf_printf(&b, "。全年办结%lld件，其中按时办结%lld件、延期办结%lld件", f->handled,
                   f->handled - f->handled_extended, f->handled_extended);
        static const char *const group_words[GROUP_COUNT] = {"予以公开", "部分公开", "不予公开",
                                                            "无法提供", "不予处理", "其他处理"};
        bool listed = false;
        for (int g = 0; g < GROUP_COUNT; g++)
            if (f->handled_by_outcome_group[g]) {
                buf_printf(&b, "%s%s%lld件", listed ? "，" : "；办理结果为", group_words[g],
                           f->handled_by_outcome_group[g]);
                listed = true;
            }
        long long pending = f->t3[ROW_CARRIED_FORWARD][APPLICANT_COUNT];
        if (pending)
            buf_printf(&b, "；结转下年度继续办理%lld件", pending);
        buf_puts(&b, "。");
    }
    doc_paragraph(d, buf_str(&b));
    buf_free(&b);
}

static void fees_sentence(doc_t *d, const struct report *r, const char *region)
{
    const struct report_figures *f = &r->fig;
    buf_t b = BUF_INIT;
    if (f->fee_notices == 0 && f->fee_collected_fen == 0) {
        buf_printf(&b, "%d年，%s没有对政府信息公开事务的收费事项及减免情况。", r->year, region);
    } else {
        char notice[40], paid[40];
        decimal_format(f->fee_notice_fen, 2, 2, notice, sizeof notice);
        decimal_format(f->fee_collected_fen, 2, 2, paid, sizeof paid);
        buf_printf(&b, "%d年，%s发出收费通知%lld件，金额%s元，实际收取费用%s元。", r->year, region, f->fee_notices,
                   notice, paid);
    }
    doc_paragraph(d, buf_str(&b));
    buf_free(&b);
}

static void reviews_sentence(doc_t *d, const struct report *r, const char *region)
{
    const struct report_figures *f = &r->fig;
    long long recon = 0, lit = 0, complaints = report_tally(r, "complaints");
    for (int res = 0; res < CASE_RESULT_COUNT; res++) {
        recon += f->t4[CASE_RECONSIDERATION][res];
        lit += f->t4[CASE_LITIGATION_DIRECT][res] + f->t4[CASE_LITIGATION_AFTER_RECONSIDERATION][res];
    }
    buf_t b = BUF_INIT;
    if (recon + lit + complaints == 0)
        buf_printf(&b, "%d年，%s未发生因政府信息公开而提起的行政复议、诉讼和申诉。", r->year, region);
    else
        buf_printf(&b, "%d年，%s因政府信息公开被申请行政复议%lld件、提起行政诉讼%lld件，收到举报投诉%lld件。", r->year,
                   region, recon, lit, complaints);
    doc_paragraph(d, buf_str(&b));
    buf_free(&b);
}

doc_t *report_doc_legacy2018(const struct report *r, const json_t *ctx, char **err)
{
    char shortbuf[256], regionbuf[64];
    const char *shortname = report_short_name(r->agency, shortbuf, sizeof shortbuf);
    const char *region = report_region_word(r, regionbuf, sizeof regionbuf);
    doc_t *d = doc_new();
    buf_t b = BUF_INIT;
    buf_printf(&b, "%s关于%d年度政府信息公开工作的报告", r->agency->name, r->year);
    doc_title(d, buf_str(&b));
    buf_reset(&b);
    buf_printf(&b,
               "按照《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，特向社会公布%d年度%s政府信息公开工作报告。"
               "全文包括基本情况、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开类行政复议和行政诉讼情况、"
               "存在不足及改进措施等。\n本报告中所列数据的统计期限自%d年1月1日起至%d年12月31日止。",
               r->year, shortname, r->year, r->year);
    doc_paragraph(d, buf_str(&b));
    buf_free(&b);

    bool ok = true;
    doc_heading(d, 1, "一、基本情况");
    ok = ok && narrative_or(d, r, ctx, NARR_OVERVIEW, "无。", err);

    doc_heading(d, 1, "二、主动公开政府信息情况");
    proactive_sentence(d, r);
    channel_table(d, r);
    if (ok && r->narrative[NARR_PROACTIVE]) {
        ok = narrative_or(d, r, ctx, NARR_PROACTIVE, NULL, err);
    } else if (ok) {
        char *line = xasprintf("（二）政府信息公开查阅点。%d年，政府信息公众查阅点共接待%lld人次。", r->year, r->fig.visits);
        doc_paragraph(d, line);
        free(line);
    }

    doc_heading(d, 1, "三、依申请公开政府信息和不予公开政府信息情况");
    applications_sentence(d, r, region);
    ok = ok && narrative_or(d, r, ctx, NARR_APPLICATIONS, NULL, err);

    doc_heading(d, 1, "四、政府信息公开的收费及减免情况");
    fees_sentence(d, r, region);

    doc_heading(d, 1, "五、申请行政复议、提起行政诉讼和申诉的情况");
    reviews_sentence(d, r, region);

    doc_heading(d, 1, "六、政府信息公开工作存在的主要问题及改进措施");
    ok = ok && narrative_or(d, r, ctx, NARR_PROBLEMS, "无。", err);

    doc_heading(d, 1, "七、其他需要报告的事项");
    ok = ok && narrative_or(d, r, ctx, NARR_OTHER, "无。", err);

    return doc_finish(d, ok, err);
}
