/* Vocabularies that belong to the record format rather than to the law. */
#include "model/records.h"
#include <string.h>

const struct code_name agency_kinds[4] = {
    {"government", "人民政府"}, {"department", "政府部门"}, {"township", "乡镇（街道）"}, {"other", "其他"},
};

const struct code_name narrative_sections[NARR_COUNT] = {
    {"overview", "总体情况"},
    {"proactive", "主动公开情况（文字部分）"},
    {"applications", "依申请公开情况（文字部分）"},
    {"problems", "存在的主要问题及改进情况"},
    {"other", "其他需要报告的事项"},
};

/* Contract keys first, then the figures of the 2019 trial table 二 (ogi-rules §1.8) that
 * the platform's records cannot produce, so the agency reports them as tallies. */
const struct tally_key_info tally_keys[] = {
    {"licensing_decisions", TALLY_COUNT, "行政许可本年处理决定数量"},
    {"penalty_decisions", TALLY_COUNT, "行政处罚本年处理决定数量"},
    {"coercion_decisions", TALLY_COUNT, "行政强制本年处理决定数量"},
    {"admin_fees_wan_yuan", TALLY_WAN_YUAN, "行政事业性收费本年收费金额（万元）"},
    {"complaints", TALLY_COUNT, "举报投诉数量"},
    {"licensing_items_prev", TALLY_COUNT, "行政许可上一年项目数量"},
    {"licensing_items_change", TALLY_SIGNED, "行政许可本年增/减"},
    {"other_services_items_prev", TALLY_COUNT, "其他对外管理服务事项上一年项目数量"},
    {"other_services_items_change", TALLY_SIGNED, "其他对外管理服务事项本年增/减"},
    {"other_services_decisions", TALLY_COUNT, "其他对外管理服务事项处理决定数量"},
    {"penalty_items_prev", TALLY_COUNT, "行政处罚上一年项目数量"},
    {"penalty_items_change", TALLY_SIGNED, "行政处罚本年增/减"},
    {"coercion_items_prev", TALLY_COUNT, "行政强制上一年项目数量"},
    {"coercion_items_change", TALLY_SIGNED, "行政强制本年增/减"},
    {"admin_fees_items_prev", TALLY_COUNT, "行政事业性收费上一年项目数量"},
    {"admin_fees_items_change", TALLY_SIGNED, "行政事业性收费本年增/减"},
    {"procurement_projects", TALLY_COUNT, "政府集中采购项目数量"},
    {"procurement_amount_wan_yuan", TALLY_WAN_YUAN, "政府集中采购总金额（万元）"},
};
const size_t tally_key_count = sizeof tally_keys / sizeof tally_keys[0];

const struct tally_key_info *tally_key_find(const char *key)
{
    for (size_t i = 0; key && i < tally_key_count; i++)
        if (strcmp(tally_keys[i].key, key) == 0)
            return &tally_keys[i];
    return NULL;
}
