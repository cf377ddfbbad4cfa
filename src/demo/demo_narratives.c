/* Narrative sections of the annual reports (总体情况, 存在的主要问题及改进情况, 其他需要报告
 * 的事项), for the district government, 2017–2024.
 *
 * 2018 is the seed report's own text, copied verbatim (the seed's [image: …] lines are
 * left out). Figures inside narratives are Mustache tags against the report JSON of that
 * year's format, never typed numbers, so the text cannot disagree with the tables:
 * legacy2018 (≤2018) uses proactive.*, applications.received, reading_room.visits;
 * gov2019 / gov2021 use t3.ROW.COLUMN, table2.licensing.decisions,
 * table2.penalty.decisions, table4.KIND.total, fees.notices and fees.collected_yuan.
 * Lines of a section are separated by "\n". */
#include "demo/demo_internal.h"
#include "util/buf.h"
#include <string.h>

/* ---- the seed report (shared/seed), line by line ---- */
#define SEED_INTRO "按照《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，特向社会公布2018年度工农区政府信息公开工作报告。全文包括基本情况、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开类行政复议和行政诉讼情况、存在不足及改进措施等。"
#define SEED_PERIOD "本报告中所列数据的统计期限自2018年1月1日起至2018年12月31日止。"
#define SEED_OVERVIEW "2018年，我区按照省、市政府的统一部署，加强组织领导，健全工作机制，建立和健全各项工作制度，完善各项监督考核评议机制，加大公开力度，提高公开质量。本年度我区充分利用政府门户网站，按照“便民”、“利民”的理念丰富便民信息栏目，使各大版块内容更加充实。同时，充分利用“工农区人民政府”微信公众服务号，其成为微时代工农区政府与公众交流沟通的又一重要平台，向区内党员干部和辖区居民提供移动化的政府信息资源，创新了政府管理和服务模式。"
#define SEED_QUANTITY "（一）主动公开信息数量。2018年，工农区政府主动公开政府信息1816条。其中，通过网站发布信息528条；通过工农区人民政府微信公众号发布信息1286条；通过其它便于公众知晓的方式公开信息2条。"
#define SEED_FORMS_HEAD "（二）信息公开主要形式。"
#define SEED_FORMS_1 "一是利用门户网站主动发布信息情况。2018年加大了对网站的建设和管理，将门户网站打造成及时、准确、公开透明的政府信息发布平台。区政府门户网站信息公开专栏下设领导简介、组织机构、公告公示、文件法规、政府工作报告、重大项目、工农区大事记、理论学习等子栏目，方便市民查阅各类政府信息。"
#define SEED_FORMS_2 "二是通过微信平台发布实时消息。工农区政府微信平台每天发送最新消息，包含工作动态、理论学习、时事要闻等各类政府信息，公众号主要通过文字、图片、视频等多种形式将重要政务信息向社会公众公开，及时发布政务服务工作动态信息，满足群众的知情权、参与权和监督权，便于及时了解工农区最新的动态信息，积极打造联系群众、服务群众的现代化信息平台。"
#define SEED_FORMS_3A "三是通过公共查阅点。工农区档案馆作为区政府信息公开服务中心，不断加强管理，建立档案数据库，实现查阅档案电子化。区远程教育及各部门业务专网不断加强服务功能，以更好的软硬件设施服务政府信息公开工作。政府信息公众查阅点共接待人数约"
#define SEED_FORMS_3B "人次。"
#define SEED_FORMS_4 "四是通过新闻媒体。通过报刊、广播、电视、电台等新闻媒体，及时宣传报道重大事件、重要政务活动、重点项目建设等经济社会发展情况。"
#define SEED_CONTENT "（三）公开的主要内容。一是根据工作变动，重新公布区政府领导成员的个人信息、工作分工、联系方式以及日常工作动态。二是提供政府各工作机构的工作分工、职能介绍、机构设置、日常工作动态以及部门文件和联系方式。三是及时发布相关工作部门的日常监督检查情况；政务要闻、会议快讯及日常动态信息。四是开通便民服务窗口，提供办事指南、在线查询、建言献策、领导信箱、劳动就业、社会保障、文化休闲等涉及人民群众切身利益的便民途径。五是开通企业之窗，重点介绍园区建设，招商引资和项目建设等。六是更新理论学习，不断提升全区干部的政策水平，紧贴党的政治方向。"
#define SEED_APPLICATIONS "2018年，全区共受理政府信息公开申请33件，已全部给予公开。"
#define SEED_FEES "2018年，全区没有对政府信息公开事务的收费事项及减免情况。"
#define SEED_REVIEWS "2018年，全区未发生因政府信息公开而提起的行政复议、诉讼和申诉。"
#define SEED_PROBLEMS_1 "2018年，在市政府政务公开办的精心指导下，我区紧紧围绕市、区政府各时期的中心工作，坚持及时、准确、全面地开展信息公开工作。取得一定的同时也存在一些问题，主要体现在：一是信息公开不够及时；二是主动公开意识不强；三是信息公开内容缺乏深度；四是各单位信息公开工作发展不平衡等问题。"
#define SEED_PROBLEMS_2 "2019年，我们将采取以下措施着力加以改进：一是创新政务公开方式。坚持方便群众知情、便于群众监督的原则，拓展工作领域，深化公开内容，丰富公开形式，促进自身建设和管理创新。坚持区别情况、分类指导，提高政务公开的针对性和有效性。坚持创新载体、完善制度，实现政务公开的规范化、标准化。通过宣传引导，提高各部门对政府信息公开工作重要性的认识，加强对政府工作人员的政府信息公开知识培训，使各单位自觉推行信息公开。坚持问政于民、问需于民、问计于民，依靠群众积极支持和广泛参与，畅通政府和群众互动渠道，切实提高政务公开的社会效益。二是完善相关制度建设。在现有制度的基础上，建立健全内部信息沟通协调机制。做好网站公众留言答复、信息发布等工作，实现信息公开的制度化、规范化、常态化，形成信息公开的长效机制。规范工作规程，明确责任分工，建立责任追究和考核机制，对各单位信息公开情况进行不定期的监督检查，促进全区政府信息公开工作平衡发展，确保政府信息公开工作扎实有序推进。三是推进重点领域信息公开。促进工作落实，实现日常性公开的同时，向突出重点公开的转变。从群众或企业办事角度，按照“清单管理”模式，推出“办理流程清单”，将原来以部门为基础的单一、分散的办事指南，整合为行政审批和服务事项为基础的集中、统一完成的办理流程清单，图文并茂，内容浅显易懂的办事流程清单。现已编制《外商投资企业设立办理流程清单》、《内资公司(公司分公司)设立登记办理流程清单》，方便办事群众查询和监督。四是延伸服务功能。将根据政务服务发展需要，加快网上政务大厅资源共享，向群众提供审批服务信息的告知提醒，强化事项办理的跟踪督促，精选推送我区惠民政策、文化交通、生活服务等方面的资讯。进一步加大宣传力度，让更多的群众了解自身的权利，知道获取政府信息的渠道。"

/* The reading-room figure is the live tag, so the rendered text says 约33人次 only because
 * the 2018 visit records sum to 33. */
#define SEED_FORMS_3 SEED_FORMS_3A "{{reading_room.visits}}" SEED_FORMS_3B

static const char *const seed_proactive[] = {
    SEED_FORMS_HEAD, SEED_FORMS_1, SEED_FORMS_2, SEED_FORMS_3, SEED_FORMS_4, SEED_CONTENT,
};

static const char *const seed_problems[] = {SEED_PROBLEMS_1, SEED_PROBLEMS_2};

char *demo_seed_report_markdown(void)
{
    buf_t b = BUF_INIT;
    buf_puts(&b, SEED_INTRO "\n\n" SEED_PERIOD "\n\n");
    buf_puts(&b, "## 一、基本情况\n\n" SEED_OVERVIEW "\n\n");
    buf_puts(&b, "## 二、主动公开政府信息情况\n\n" SEED_QUANTITY "\n\n");
    buf_puts(&b, "| 通过不同渠道和方式公开政府信息的情况 | 单位 | 数量 |\n|---|---|---|\n"
                 "| 1.政府公报公开政府信息数 | 条 | 0 |\n| 2.政府网站公开政府信息数 | 条 | 528 |\n"
                 "| 3.政务微博公开政府信息数 | 条 | 0 |\n| 4.政务微信公开政府信息数 | 条 | 1286 |\n"
                 "| 5.其他方式公开政府信息数 | 条 | 2 |\n\n");
    buf_puts(&b, SEED_FORMS_HEAD "\n\n" SEED_FORMS_1 "\n\n" SEED_FORMS_2 "\n\n" SEED_FORMS_3A "33" SEED_FORMS_3B
                 "\n\n" SEED_FORMS_4 "\n\n" SEED_CONTENT "\n\n");
    buf_puts(&b, "## 三、依申请公开政府信息和不予公开政府信息情况\n\n" SEED_APPLICATIONS "\n\n");
    buf_puts(&b, "## 四、政府信息公开的收费及减免情况\n\n" SEED_FEES "\n\n");
    buf_puts(&b, "## 五、申请行政复议、提起行政诉讼和申诉的情况\n\n" SEED_REVIEWS "\n\n");
    buf_puts(&b, "## 六、政府信息公开工作存在的主要问题及改进措施\n\n" SEED_PROBLEMS_1 "\n\n" SEED_PROBLEMS_2 "\n\n");
    buf_puts(&b, "## 七、其他需要报告的事项\n\n无。");
    return buf_take(&b);
}

/* ---- other years ---- */

/* 2017 (legacy layout; the demo's records start in June 2017). */
static const char *const overview2017[] = {
    "2017年，我区认真贯彻落实《中华人民共和国政府信息公开条例》，以政府门户网站和“工农区人民政府”微信公众号为主要平台，"
    "坚持“以公开为常态、不公开为例外”，推进政府信息公开工作规范化。",
    "全年主动公开政府信息{{proactive.total}}条，其中通过政府网站公开{{proactive.by_channel.website}}条，"
    "通过政务微信公开{{proactive.by_channel.wechat}}条；受理政府信息公开申请{{applications.received}}件；"
    "政府信息公开查阅点接待查阅{{reading_room.visits}}人次。",
};
static const char *const problems2017[] = {
    "存在的问题主要是：部分单位信息报送不及时，网站栏目更新频率不均衡。",
    "2018年，我们将完善信息报送和审核发布机制，加强栏目日常维护，进一步提升政府信息公开的时效性。",
};

/* One paragraph set per year of the 2019 and 2021 layouts: what was particular to that year. */
struct year_text {
    int year;
    const char *intro;      /* opening sentence */
    const char *management; /* （三）政府信息管理 */
    const char *platform;   /* （四）平台建设 */
    const char *problems;   /* 存在的主要问题 */
    const char *measures;   /* 改进措施 */
};

static const struct year_text year_texts[] = {
    {2019, "2019年，我区以贯彻实施新修订的《中华人民共和国政府信息公开条例》为主线，调整完善工作机制，推进政府信息公开平台规范化建设。",
     "（三）政府信息管理。按照新条例要求修订政府信息公开指南，建立公开属性源头认定和保密审查机制，对现行有效的规范性文件进行集中清理。",
     "（四）平台建设。按照国办公开办函〔2019〕61号要求，在门户网站设立“政府信息公开”专栏，统一设置政府信息公开指南、政府信息公开制度、法定主动公开内容、政府信息公开年报等栏目，开通政务微博。",
     "一是部分单位对新条例的学习理解还不够深入；二是依申请公开答复的规范性有待提高；三是政策解读形式较为单一。",
     "2020年，我们将加强新条例培训，编印依申请公开答复文书范本，丰富图解、问答等政策解读形式。"},
    {2020, "2020年，我区围绕疫情防控和复工复产，及时准确发布权威信息，持续深化重点领域信息公开。",
     "（三）政府信息管理。建立疫情防控信息发布审核机制，规范政府信息公开申请登记、审核、办理、答复、归档流程，依申请公开全流程留痕。",
     "（四）平台建设。优化门户网站“政府信息公开”专栏，开设疫情防控专题，通过政务新媒体每日发布防控动态，设立政务服务中心政府信息公开查阅点。",
     "一是重点领域信息公开的深度和广度有待加强；二是基层政务公开标准化规范化建设刚刚起步；三是政务新媒体互动回应不够及时。",
     "2021年，我们将按照基层政务公开标准化规范化要求编制公开事项目录，完善政务新媒体留言办理机制。"},
    {2021, "2021年，我区落实《政府信息公开信息处理费管理办法》和新版年度报告格式，推进基层政务公开标准化规范化建设。",
     "（三）政府信息管理。对行政规范性文件开展全面清理，废止不适应发展需要的文件并在原文标注；依法规范信息处理费收取，收费通知、缴费和逾期未缴情况全部登记。",
     "（四）平台建设。完成门户网站集约化改造，规范政府信息公开专栏各栏目内容，做好历史信息的迁移和索引号统一编制。",
     "一是部分单位公开事项目录动态调整不够及时；二是政策解读的针对性有待提高；三是依申请公开办理人员业务能力参差不齐。",
     "2022年，我们将建立公开事项目录动态更新机制，开展依申请公开案例培训，推行“一文一解读”。"},
    {2022, "2022年，我区围绕优化营商环境和保障改善民生，持续推进决策、执行、管理、服务、结果公开。",
     "（三）政府信息管理。修订政府信息公开指南，完善规范性文件发布前合法性审核和公开属性审查，建立现行有效规范性文件目录并动态更新。",
     "（四）平台建设。在门户网站开设政策文件库，提供按主题、体裁、发布机构的分类检索，推进网站适老化和无障碍改造。",
     "一是政策文件库的分类检索功能有待完善；二是部分街道公开内容更新不及时；三是公众参与政策制定的渠道还不够畅通。",
     "2023年，我们将完善政策文件库功能，加强对街道政务公开工作的指导检查，扩大重大行政决策公众参与。"},
    {2023, "2023年，我区以提升政务公开质量为重点，强化政策发布解读回应，推动政务公开与政务服务深度融合。",
     "（三）政府信息管理。开展行政规范性文件清理，对已废止文件在原文显著位置标注；规范政府信息公开申请办理答复文书，统一答复格式和救济途径告知。",
     "（四）平台建设。升级政务公开平台，实现依申请公开网上申请、进度查询和答复送达全程在线，政务新媒体与门户网站信息同步发布。",
     "一是政策解读的可读性有待提高；二是依申请公开办理中与申请人的沟通还需加强；三是部分部门主动公开意识不强。",
     "2024年，我们将推广图解、短视频等解读形式，建立依申请公开办理前沟通机制，将政务公开纳入年度绩效考核。"},
    {2024, "2024年，我区深入推进政务公开标准化规范化，以公开促落实、强监管、优服务。",
     "（三）政府信息管理。健全政府信息公开申请办理工作规范，对复议、诉讼案件逐案分析、举一反三；继续开展规范性文件清理，做好废止文件标注。",
     "（四）平台建设。完善政府信息公开平台检索、下载功能，推进长者模式和无障碍浏览，优化政府信息公开查阅点服务。",
     "一是依申请公开办理的规范化水平仍需提升；二是部分公开内容的时效性不够；三是基层政务公开专业人员较少。",
     "2025年，我们将开展依申请公开专项培训和案卷评查，压实信息发布责任，充实基层政务公开工作力量。"},
};

static void emit_narrative(struct demo_ctx *ctx, int year, const char *section, const char *const *lines, size_t n)
{
    buf_t b = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_putc(&b, '\n');
        buf_puts(&b, lines[i]);
    }
    json_t *rec = json_object();
    json_object_set_new(rec, "type", json_string("narrative"));
    json_object_set_new(rec, "agency", json_string(DEMO_ROOT));
    json_object_set_new(rec, "year", json_integer(year));
    json_object_set_new(rec, "section", json_string(section));
    json_object_set_new(rec, "text", json_string(buf_str(&b)));
    buf_free(&b);
    demo_emit(ctx, rec);
}

static void emit_year(struct demo_ctx *ctx, const struct year_text *t)
{
    const char *overview[] = {
        t->intro,
        "（一）主动公开。坚持以公开为常态、不公开为例外，通过门户网站、政务新媒体、政府公报和政府信息公开查阅点等渠道主动公开政府信息。"
        "全年作出行政许可决定{{table2.licensing.decisions}}件、行政处罚决定{{table2.penalty.decisions}}件，均按规定在门户网站公开。",
        t->year >= 2021
            ? "（二）依申请公开。全年新收政府信息公开申请{{t3.new.total}}件，上年结转{{t3.carried_in.total}}件；办结"
              "{{t3.total.total}}件，其中予以公开{{t3.disclosed.total}}件、部分公开{{t3.partially_disclosed.total}}件、"
              "本机关不掌握相关政府信息{{t3.unavailable_not_held.total}}件；结转下年度继续办理{{t3.carried_forward.total}}件。"
              "对数量、频次明显超过合理范围的申请，依据《政府信息公开信息处理费管理办法》发出收费通知{{fees.notices}}件，"
              "实际收取信息处理费{{fees.collected_yuan}}元。"
            : "（二）依申请公开。全年新收政府信息公开申请{{t3.new.total}}件，上年结转{{t3.carried_in.total}}件；办结"
              "{{t3.total.total}}件，其中予以公开{{t3.disclosed.total}}件、部分公开{{t3.partially_disclosed.total}}件、"
              "本机关不掌握相关政府信息{{t3.unavailable_not_held.total}}件；结转下年度继续办理{{t3.carried_forward.total}}件。",
        t->management,
        t->platform,
        "（五）监督保障。将政务公开工作纳入年度绩效考核，开展社会评议，未发生需要追究责任的情形。全年因政府信息公开工作被申请行政复议"
        "{{table4.reconsideration.total}}件，被直接提起行政诉讼{{table4.litigation_direct.total}}件，复议后被提起行政诉讼"
        "{{table4.litigation_after_reconsideration.total}}件。",
    };
    emit_narrative(ctx, t->year, "overview", overview, DEMO_COUNT(overview));
    const char *problems[] = {t->problems, t->measures};
    emit_narrative(ctx, t->year, "problems", problems, DEMO_COUNT(problems));
    /* The report itself states the fee figures under 六 (notices, amount, collected); the
     * narrative adds what the tables cannot hold. */
    const char *other[] = {"人大代表建议和政协提案办理结果公开情况：本年度承办的建议、提案已全部办结，办理复文按规定公开。"};
    emit_narrative(ctx, t->year, "other", other, DEMO_COUNT(other));
}

void demo_narratives(struct demo_ctx *ctx)
{
    static const char *const none[] = {"无。"};
    static const char *const overview2018[] = {SEED_OVERVIEW};
    emit_narrative(ctx, 2017, "overview", overview2017, DEMO_COUNT(overview2017));
    emit_narrative(ctx, 2017, "problems", problems2017, DEMO_COUNT(problems2017));
    emit_narrative(ctx, 2017, "other", none, DEMO_COUNT(none));
    emit_narrative(ctx, 2018, "overview", overview2018, DEMO_COUNT(overview2018));
    emit_narrative(ctx, 2018, "proactive", seed_proactive, DEMO_COUNT(seed_proactive));
    emit_narrative(ctx, 2018, "problems", seed_problems, DEMO_COUNT(seed_problems));
    emit_narrative(ctx, 2018, "other", none, DEMO_COUNT(none));
    for (size_t i = 0; i < DEMO_COUNT(year_texts); i++)
        emit_year(ctx, &year_texts[i]);
}
