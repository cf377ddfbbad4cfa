#include "domain/taxonomy.h"
#include <string.h>

const struct code_name applicant_types[APPLICANT_COUNT] = {
    {"natural_person", "自然人"},
    {"commercial_enterprise", "商业企业"},
    {"research_institution", "科研机构"},
    {"public_interest_org", "社会公益组织"},
    {"legal_service_org", "法律服务机构"},
    {"other_org", "其他"},
};

const struct code_name app_channels[APP_CHANNEL_COUNT] = {
    {"in_person", "当面申请"}, {"letter", "信函申请"}, {"online", "网络申请"},
    {"fax", "传真申请"},      {"email", "电子邮件申请"}, {"other", "其他形式申请"},
};

const struct code_name pub_channels[PUB_CHANNEL_COUNT] = {
    {"gazette", "政府公报"}, {"website", "政府网站"}, {"weibo", "政务微博"},
    {"wechat", "政务微信"},  {"other", "其他方式"},
};

const struct code_name case_kinds[CASE_KIND_COUNT] = {
    {"reconsideration", "行政复议"},
    {"litigation_direct", "未经复议直接起诉"},
    {"litigation_after_reconsideration", "复议后起诉"},
};

const struct code_name case_results[CASE_RESULT_COUNT] = {
    {"upheld", "结果维持"}, {"corrected", "结果纠正"}, {"other", "其他结果"}, {"pending", "尚未审结"},
};

const struct code_name event_kinds[EV_KIND_COUNT] = {
    {"correction_requested", "告知补正"},
    {"correction_received", "收到补正"},
    {"consultation_started", "征求意见"},
    {"consultation_ended", "征求意见结束"},
    {"extended", "延长答复期限"},
    {"fee_notice", "发出收费通知"},
    {"fee_paid", "缴纳信息处理费"},
    {"fee_lapsed", "逾期未缴费"},
    {"correction_lapsed", "逾期未补正"},
    {"replied", "答复"},
    {"withdrawn", "申请人撤回申请"},
};

const struct table3_row_info table3_rows[TABLE3_ROWS] = {
    {"new", "一、本年新收政府信息公开申请数量"},
    {"carried_in", "二、上年结转政府信息公开申请数量"},
    {"disclosed", "（一）予以公开"},
    {"partially_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"},
    {"withheld_state_secret", "1.属于国家秘密"},
    {"withheld_prohibited_by_law", "2.其他法律行政法规禁止公开"},
    {"withheld_security_stability", "3.危及“三安全一稳定”"},
    {"withheld_third_party", "4.保护第三方合法权益"},
    {"withheld_internal_affairs", "5.属于三类内部事务信息"},
    {"withheld_process_information", "6.属于四类过程性信息"},
    {"withheld_enforcement_files", "7.属于行政执法案卷"},
    {"withheld_administrative_query", "8.属于行政查询事项"},
    {"unavailable_not_held", "1.本机关不掌握相关政府信息"},
    {"unavailable_requires_creation", "2.没有现成信息需要另行制作"},
    {"unavailable_unclear_after_correction", "3.补正后申请内容仍不明确"},
    {"not_processed_petition", "1.信访举报投诉类申请"},
    {"not_processed_repeated", "2.重复申请"},
    {"not_processed_publication", "3.要求提供公开出版物"},
    {"not_processed_excessive", "4.无正当理由大量反复申请"},
    {"not_processed_confirm_reissue", "5.要求行政机关确认或重新出具已获取信息"},
    {"other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
    {"other_fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"},
    {"other", "3.其他"},
    {"total", "（七）总计"},
    {"carried_forward", "四、结转下年度继续办理"},
};

const struct outcome_info outcomes[] = {
    {"disclosed", ROW_DISCLOSED, GROUP_DISCLOSED, "予以公开"},
    {"disclosed_already_public", ROW_DISCLOSED, GROUP_DISCLOSED, "已主动公开，告知获取方式和途径"},
    {"partially_disclosed", ROW_PARTIALLY_DISCLOSED, GROUP_PARTIALLY_DISCLOSED, "部分公开"},
    {"withheld_state_secret", ROW_WITHHELD_STATE_SECRET, GROUP_WITHHELD, "不予公开：属于国家秘密"},
    {"withheld_prohibited_by_law", ROW_WITHHELD_PROHIBITED_BY_LAW, GROUP_WITHHELD, "不予公开：其他法律行政法规禁止公开"},
    {"withheld_security_stability", ROW_WITHHELD_SECURITY_STABILITY, GROUP_WITHHELD, "不予公开：危及“三安全一稳定”"},
    {"withheld_third_party", ROW_WITHHELD_THIRD_PARTY, GROUP_WITHHELD, "不予公开：保护第三方合法权益"},
    {"withheld_internal_affairs", ROW_WITHHELD_INTERNAL_AFFAIRS, GROUP_WITHHELD, "不予公开：属于三类内部事务信息"},
    {"withheld_process_information", ROW_WITHHELD_PROCESS_INFORMATION, GROUP_WITHHELD, "不予公开：属于四类过程性信息"},
    {"withheld_enforcement_files", ROW_WITHHELD_ENFORCEMENT_FILES, GROUP_WITHHELD, "不予公开：属于行政执法案卷"},
    {"withheld_administrative_query", ROW_WITHHELD_ADMINISTRATIVE_QUERY, GROUP_WITHHELD, "不予公开：属于行政查询事项"},
    {"unavailable_not_held", ROW_UNAVAILABLE_NOT_HELD, GROUP_UNAVAILABLE, "无法提供：本机关不掌握相关政府信息"},
    {"unavailable_not_this_agency", ROW_UNAVAILABLE_NOT_HELD, GROUP_UNAVAILABLE, "无法提供：不属于本机关负责公开，告知负责机关"},
    {"unavailable_requires_creation", ROW_UNAVAILABLE_REQUIRES_CREATION, GROUP_UNAVAILABLE, "无法提供：没有现成信息需要另行制作"},
    {"unavailable_unclear_after_correction", ROW_UNAVAILABLE_UNCLEAR_AFTER_CORRECTION, GROUP_UNAVAILABLE, "无法提供：补正后申请内容仍不明确"},
    {"not_processed_petition", ROW_NOT_PROCESSED_PETITION, GROUP_NOT_PROCESSED, "不予处理：信访举报投诉类申请"},
    {"not_processed_repeated", ROW_NOT_PROCESSED_REPEATED, GROUP_NOT_PROCESSED, "不予处理：重复申请"},
    {"not_processed_publication", ROW_NOT_PROCESSED_PUBLICATION, GROUP_NOT_PROCESSED, "不予处理：要求提供公开出版物"},
    {"not_processed_excessive", ROW_NOT_PROCESSED_EXCESSIVE, GROUP_NOT_PROCESSED, "不予处理：无正当理由大量反复申请"},
    {"not_processed_confirm_reissue", ROW_NOT_PROCESSED_CONFIRM_REISSUE, GROUP_NOT_PROCESSED, "不予处理：要求行政机关确认或重新出具已获取信息"},
    {"other_no_correction", ROW_OTHER_NO_CORRECTION, GROUP_OTHER, "其他处理：逾期不补正，不再处理"},
    {"other_fee_unpaid", ROW_OTHER_FEE_UNPAID, GROUP_OTHER, "其他处理：逾期未缴纳信息处理费，不再处理"},
    {"other", ROW_OTHER, GROUP_OTHER, "其他处理"},
};
const size_t outcome_count = sizeof outcomes / sizeof outcomes[0];

int code_lookup(const struct code_name *table, size_t n, const char *code)
{
    if (!code)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (strcmp(table[i].code, code) == 0)
            return (int)i;
    return -1;
}

const struct outcome_info *outcome_find(const char *code)
{
    if (!code)
        return NULL;
    for (size_t i = 0; i < outcome_count; i++)
        if (strcmp(outcomes[i].code, code) == 0)
            return &outcomes[i];
    return NULL;
}

const char *event_implied_outcome(enum event_kind kind)
{
    switch (kind) {
    case EV_FEE_LAPSED: return "other_fee_unpaid";
    case EV_CORRECTION_LAPSED: return "other_no_correction";
    case EV_WITHDRAWN: return "other";
    default: return NULL;
    }
}
