/* The agencies of 工农区: the district government (root), eight departments and three
 * 街道 (township level). Codes are short ASCII strings that stay stable, because items,
 * applications and tallies refer to them. The unit codes that open 索引号 are made up
 * (district division 230403 + a serial), so no real register is implied. */
#include "demo/demo_internal.h"
#include <stdio.h>
#include <string.h>

const struct demo_agency demo_agency_table[] = {
    {DEMO_ROOT, "工农区人民政府", "区政府", NULL, "government", "11230403MB0000001K",
     "区人民政府是区人民代表大会的执行机关，是区一级国家行政机关，执行区人民代表大会及其常务委员会的决议和上级"
     "国家行政机关的决定、命令，领导所属各工作部门和街道办事处的工作，管理本行政区域内的经济、教育、科学、文化、"
     "卫生、体育事业和财政、民政、城乡建设、市场监管等行政工作。"},
    {"gn-bgs", "工农区人民政府办公室", "区政府办", DEMO_ROOT, "department", "11230403MB0000102X",
     "负责区政府日常运转的综合协调；负责区政府文电、会务、督查、信息、机要和保密工作；负责全区政务公开、政府信息公开、"
     "政务服务和政府网站的组织协调、指导推进和监督检查；承办区政府交办的其他事项。"},
    {"gn-fgj", "工农区发展和改革局", "区发改局", DEMO_ROOT, "department", "11230403MB0000217P",
     "拟订并组织实施全区国民经济和社会发展规划、年度计划；负责全区固定资产投资综合管理和重大项目的统筹协调；"
     "承担招商引资和工农经济开发区建设的综合协调；负责价格管理和社会信用体系建设有关工作。"},
    {"gn-czj", "工农区财政局", "区财政局", DEMO_ROOT, "department", "11230403MB0000321D",
     "负责全区财政收支、财政政策和预算管理；组织编制区级预决算草案并组织执行；负责政府采购、国有资产和政府债务管理；"
     "负责预决算和“三公”经费公开的组织指导。"},
    {"gn-rsj", "工农区人力资源和社会保障局", "区人社局", DEMO_ROOT, "department", "11230403MB0000436R",
     "负责全区就业创业、职业技能培训和人才工作；组织实施城乡社会保险政策；负责劳动关系协调和劳动保障监察，"
     "依法查处拖欠农民工工资等违法行为；负责事业单位人事管理有关工作。"},
    {"gn-zjj", "工农区住房和城乡建设局", "区住建局", DEMO_ROOT, "department", "11230403MB0000540G",
     "负责全区住房保障、棚户区和老旧小区改造；负责建筑市场、工程质量安全和物业服务的监督管理；"
     "负责城市供热、供水等市政公用事业的行业管理。"},
    {"gn-scjgj", "工农区市场监督管理局", "区市场监管局", DEMO_ROOT, "department", "11230403MB0000655T",
     "负责全区市场主体登记注册和综合监督管理；负责食品、药品、特种设备安全监督管理；负责产品质量和计量监督；"
     "组织查处市场违法行为，维护公平竞争的市场秩序，保护消费者合法权益。"},
    {"gn-mzj", "工农区民政局", "区民政局", DEMO_ROOT, "department", "11230403MB0000769A",
     "负责全区社会救助、城乡最低生活保障、特困人员供养和临时救助工作；负责养老服务、儿童福利和残疾人福利有关工作；"
     "负责社会组织登记管理、婚姻登记和城乡社区治理有关工作。"},
    {"gn-dag", "工农区档案馆", "区档案馆", DEMO_ROOT, "department", "11230403MB0000873M",
     "负责收集、保管全区具有永久和长期保存价值的档案资料；设立区政府信息公开公共查阅点，集中提供政府公开信息的"
     "查阅服务；负责档案数字化和档案信息资源的开发利用。"},
    {"gn-hjjd", "工农区红军街道办事处", "红军街道", DEMO_ROOT, "township", "11230403MB0000988H",
     "负责辖区党的建设、社区治理、民生服务和平安建设；组织实施辖区社会救助、就业服务、城市管理和环境卫生等工作；"
     "承办区委、区政府交办的其他事项。"},
    {"gn-ycjd", "工农区育才街道办事处", "育才街道", DEMO_ROOT, "township", "11230403MB0001090C",
     "负责辖区党的建设、社区治理、民生服务和平安建设；组织实施辖区社会救助、就业服务、城市管理和环境卫生等工作；"
     "承办区委、区政府交办的其他事项。"},
    {"gn-hbjd", "工农区湖滨街道办事处", "湖滨街道", DEMO_ROOT, "township", "11230403MB0001106W",
     "负责辖区党的建设、社区治理、民生服务和平安建设；组织实施辖区社会救助、就业服务、城市管理和环境卫生等工作；"
     "承办区委、区政府交办的其他事项。"},
};
const size_t demo_agency_count = DEMO_COUNT(demo_agency_table);

const struct demo_agency *demo_agency_find(const char *code)
{
    for (size_t i = 0; i < demo_agency_count; i++)
        if (strcmp(demo_agency_table[i].code, code) == 0)
            return &demo_agency_table[i];
    return NULL;
}

/* The 政府信息公开工作机构's contact details that the 指南 must give (Art. 12): made up,
 * on streets of the fictional district, with one 0468 telephone exchange. */
static void add_contact(json_t *rec, const struct demo_agency *a, size_t i)
{
    static const char *const streets[] = {"中心大街", "育才路", "红军路", "湖滨路", "建设大街", "和平路"};
    char buf[128];
    if (strcmp(a->kind, "government") == 0)
        json_object_set_new(rec, "short_name", json_string("工农区"));
    snprintf(buf, sizeof buf, "工农区%s%zu号", streets[i % 6], 18 + i * 7);
    json_object_set_new(rec, "address", json_string(buf));
    json_object_set_new(rec, "office_hours", json_string("工作日 上午8:30—11:30，下午13:30—17:00（法定节假日除外）"));
    snprintf(buf, sizeof buf, "0468-36%02zu%03zu", 10 + i, 100 + i * 11);
    json_object_set_new(rec, "phone", json_string(buf));
    snprintf(buf, sizeof buf, "0468-36%02zu%03zu", 10 + i, 199 - i);
    json_object_set_new(rec, "fax", json_string(buf));
    snprintf(buf, sizeof buf, "gk%02zu@gongnong.gov.cn", i);
    json_object_set_new(rec, "email", json_string(buf));
    json_object_set_new(rec, "website", json_string("http://www.gongnong.gov.cn"));
    json_object_set_new(rec, "postcode", json_string("154100"));
}

void demo_agencies(struct demo_ctx *ctx)
{
    /* The table lists the root first and every parent before its children. */
    for (size_t i = 0; i < demo_agency_count; i++) {
        const struct demo_agency *a = &demo_agency_table[i];
        json_t *rec = json_object();
        json_object_set_new(rec, "type", json_string("agency"));
        json_object_set_new(rec, "code", json_string(a->code));
        json_object_set_new(rec, "name", json_string(a->name));
        if (a->parent)
            json_object_set_new(rec, "parent", json_string(a->parent));
        json_object_set_new(rec, "kind", json_string(a->kind));
        add_contact(rec, a, i);
        demo_emit(ctx, rec);
    }
}
