/* Titles and bodies of the demo items, assembled from vocabularies written for the demo.
 * Places, projects and communities are invented or generic; no person is named (roles
 * such as 区长 are enough for a government text). Each template is a small string with
 * {PLACEHOLDERS} filled by expand(); a template that does not fit a month or a year is
 * gated by the fields beside it, so a 供暖 story never appears in July. */
#include "demo/demo_internal.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

/* ---- template rendering: the platform's Mustache engine ---- */

struct vars {
    const char *a;  /* {{agency}}       short name of the acting agency, or 我区 */
    const char *af; /* {{agency_full}}  full name of the agency */
    const char *t;  /* {{topic}} */
    const char *t2; /* {{topic2}}       a second topic */
    const char *p;  /* {{place}}        community or place */
    const char *x;  /* {{subject}}      subject, project, service */
    int y, m, n, q; /* {{year}} {{last_year}} {{next_year}} {{month}} {{n}} {{quarter}} (一…四) */
    gk_date d;      /* {{date}}         in Chinese */
    int k1, k2;     /* {{k1}} {{k2}}    small figures */
    int tel;        /* {{tel}}          six digits of a 0468-3xxxxxx number */
};

static const char *const quarter_cn[] = {"一", "二", "三", "四"};

/* The context every demo text template renders against: all names always present. */
static json_t *vars_context(const struct vars *v)
{
    char *date = demo_date_cn(v->d ? v->d : date_from_ymd(2017, 6, 1));
    char tel[32];
    snprintf(tel, sizeof tel, "0468-3%06d", v->tel);
    json_t *c = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:i, s:i, s:s, s:s, s:i, s:i, s:s}",
                          "agency", v->a ? v->a : "我区", "agency_full", v->af ? v->af : "工农区人民政府", "topic",
                          v->t ? v->t : "", "topic2", v->t2 ? v->t2 : "", "place", v->p ? v->p : "", "subject",
                          v->x ? v->x : "", "year", v->y, "last_year", v->y - 1, "next_year", v->y + 1, "month", v->m,
                          "n", v->n, "quarter", quarter_cn[(v->q + 3) % 4], "date", date, "k1", v->k1, "k2", v->k2,
                          "tel", tel);
    free(date);
    return c;
}

static char *expand(const char *tpl, const struct vars *v)
{
    json_t *c = vars_context(v);
    char *s = demo_render_text(tpl, c);
    json_decref(c);
    return s;
}

/* Appends an expanded paragraph followed by a blank line (Markdown). */
static void para(buf_t *b, const char *tpl, const struct vars *v)
{
    char *s = expand(tpl, v);
    buf_puts(b, s);
    buf_puts(b, "\n\n");
    free(s);
}

static char *finish_body(buf_t *b)
{
    /* Drop the trailing blank line so bodies end with their last sentence. */
    while (b->len && b->data[b->len - 1] == '\n')
        b->data[--b->len] = '\0';
    return buf_take(b);
}

void demo_text_free(struct demo_text *t)
{
    free(t->title);
    free(t->body);
    memset(t, 0, sizeof *t);
}

static void set_date_vars(struct vars *v, gk_date d)
{
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    v->y = y;
    v->m = m;
    v->q = (m - 1) / 3 + 1;
    v->d = d;
}

/* ---- shared vocabularies ---- */

static const char *const communities[] = {
    "红军社区", "育才社区", "湖滨社区", "新华社区", "团结社区", "光明社区",
    "东风社区", "振兴社区", "和平社区", "建设社区", "幸福社区", "北山社区",
};

static const char *const projects[] = {
    "工农区棚户区改造三期工程",     "城西集中供热管网改造项目",   "工农区全民健身中心建设项目",
    "北山路道路改造工程",           "工农区综合养老服务中心项目", "工农经济开发区标准化厂房项目",
    "农产品冷链物流园项目",         "石墨新材料产业园基础设施项目", "城市污水处理厂提标改造项目",
    "老旧小区供水管网改造工程",     "工农区智慧城市建设项目",     "区人民医院门诊楼建设项目",
    "湖滨公园景观提升工程",         "工农区第三小学教学楼项目",   "城区雨污分流改造工程",
};

/* Topics of the news stream. `kinds` says which title patterns fit; `months` (bit m-1)
 * limits seasonal topics; years bound campaigns that had a start and an end. */
/* NK_WIDE: a topic the province or the city also holds meetings on (时事要闻). */
enum { NK_MEET = 1, NK_CHECK = 2, NK_PROMO = 4, NK_WIDE = 8 };
#define MON(m) (1u << ((m) - 1))

/* Who may act on a topic, besides 我区 and 区政府: a 区档案馆 holding a 防汛 meeting would
 * give the generator away. */
enum {
    AC_BGS = 1 << 0, AC_FGJ = 1 << 1, AC_CZJ = 1 << 2, AC_RSJ = 1 << 3, AC_ZJJ = 1 << 4,
    AC_SCJ = 1 << 5, AC_MZJ = 1 << 6, AC_DAG = 1 << 7, AC_JD = 1 << 8,
    AC_ALL = (1 << 9) - 1,
};

struct news_topic {
    const char *name;
    unsigned kinds;
    unsigned months; /* 0 = any */
    int from, to;    /* years; 0 = open */
    const char *topic;
    unsigned actors;
};

static const struct news_topic news_topics[] = {
    {"安全生产", NK_MEET | NK_CHECK | NK_PROMO | NK_WIDE, 0, 0, 0, "工业、交通/安全生产", AC_ZJJ | AC_SCJ | AC_JD},
    {"食品安全", NK_MEET | NK_CHECK | NK_PROMO | NK_WIDE, 0, 0, 0, "商贸、海关、旅游/市场监管", AC_SCJ | AC_JD},
    {"消防安全", NK_MEET | NK_CHECK | NK_PROMO | NK_WIDE, 0, 0, 0, "公安、安全、司法/公安", AC_ZJJ | AC_MZJ | AC_DAG | AC_JD},
    {"特种设备安全", NK_MEET | NK_CHECK, 0, 0, 0, "商贸、海关、旅游/市场监管", AC_SCJ},
    {"药品安全", NK_CHECK | NK_PROMO, 0, 0, 0, "卫生、体育/医药管理", AC_SCJ},
    {"城市管理", NK_MEET | NK_CHECK, 0, 0, 0, "城乡建设、环境保护/城市规划", AC_ZJJ | AC_JD},
    {"环境卫生整治", NK_MEET | NK_CHECK, MON(4) | MON(5) | MON(6) | MON(7) | MON(8) | MON(9) | MON(10), 0, 0,
     "城乡建设、环境保护/环境监测、保护与治理", AC_ZJJ | AC_JD},
    {"大气污染防治", NK_MEET | NK_CHECK | NK_WIDE, 0, 0, 0, "城乡建设、环境保护/环境监测、保护与治理", AC_ZJJ | AC_JD},
    {"河长制", NK_MEET | NK_CHECK | NK_WIDE, 0, 0, 0, "农业、林业、水利/水利", AC_JD},
    {"精准扶贫", NK_MEET | NK_CHECK | NK_WIDE, 0, 2017, 2020, "民政、扶贫、救灾/扶贫", AC_MZJ | AC_RSJ | AC_JD},
    {"乡村振兴", NK_MEET | NK_PROMO | NK_WIDE, 0, 2021, 0, "农业、林业、水利/农业、畜牧业、渔业", AC_FGJ | AC_MZJ | AC_JD},
    {"社会救助", NK_MEET | NK_CHECK | NK_PROMO, 0, 0, 0, "民政、扶贫、救灾/社会福利", AC_MZJ | AC_JD},
    {"就业创业", NK_MEET | NK_PROMO | NK_WIDE, 0, 0, 0, "劳动、人事、监察/劳动就业", AC_RSJ | AC_JD},
    {"社会保险扩面征缴", NK_MEET | NK_PROMO, 0, 0, 0, "劳动、人事、监察/社会保障", AC_RSJ | AC_JD},
    {"优化营商环境", NK_MEET | NK_PROMO | NK_WIDE, 0, 0, 0, "国民经济管理、国有资产监管/经济体制改革", AC_FGJ | AC_SCJ | AC_BGS},
    {"招商引资", NK_MEET | NK_WIDE, 0, 0, 0, "商贸、海关、旅游/对外经贸合作", AC_FGJ},
    {"重点项目建设", NK_MEET | NK_CHECK | NK_WIDE, 0, 0, 0, "国民经济管理、国有资产监管/固定资产投资", AC_FGJ | AC_ZJJ},
    {"棚户区改造", NK_MEET | NK_CHECK, 0, 0, 0, "城乡建设、环境保护/城乡建设（含住房）", AC_ZJJ | AC_JD},
    {"老旧小区改造", NK_MEET | NK_CHECK, 0, 2019, 0, "城乡建设、环境保护/城乡建设（含住房）", AC_ZJJ | AC_JD},
    {"文明城市创建", NK_MEET | NK_CHECK | NK_PROMO | NK_WIDE, 0, 0, 0, "文化、广电、新闻出版/文化", AC_ALL},
    {"民生实事", NK_MEET | NK_CHECK, 0, 0, 0, "综合政务/其他", AC_BGS | AC_FGJ | AC_CZJ | AC_ZJJ | AC_MZJ | AC_RSJ},
    {"扫黑除恶专项斗争", NK_MEET | NK_PROMO | NK_WIDE, 0, 2018, 2020, "公安、安全、司法/公安", AC_ALL},
    {"信访维稳", NK_MEET, 0, 0, 0, "综合政务/信访", AC_BGS | AC_JD},
    {"政务公开", NK_MEET | NK_PROMO | NK_WIDE, 0, 0, 0, "综合政务/政务公开", AC_ALL},
    {"政务服务", NK_MEET | NK_CHECK | NK_PROMO, 0, 0, 0, "综合政务/政务公开", AC_BGS | AC_RSJ | AC_SCJ | AC_MZJ},
    {"“放管服”改革", NK_MEET | NK_PROMO | NK_WIDE, 0, 0, 0, "综合政务/行政审批", AC_BGS | AC_FGJ | AC_SCJ},
    {"养老服务", NK_MEET | NK_CHECK, 0, 0, 0, "民政、扶贫、救灾/社会福利", AC_MZJ | AC_JD},
    {"社区治理", NK_MEET | NK_PROMO, 0, 0, 0, "民政、扶贫、救灾/基层政权", AC_MZJ | AC_JD},
    {"档案规范化管理", NK_MEET | NK_CHECK | NK_PROMO, 0, 0, 0, "综合政务/档案", AC_DAG | AC_BGS},
    {"财政预算执行", NK_MEET, 0, 0, 0, "财政、金融、审计/财政", AC_CZJ},
    {"国有资产管理", NK_MEET | NK_CHECK, 0, 0, 0, "国民经济管理、国有资产监管/国有资产监管", AC_CZJ},
    {"审计整改", NK_MEET | NK_CHECK, 0, 0, 0, "财政、金融、审计/审计", AC_CZJ | AC_BGS | AC_ZJJ},
    {"作风建设", NK_MEET | NK_CHECK, 0, 0, 0, "劳动、人事、监察/监察", AC_ALL},
    {"党风廉政建设", NK_MEET | NK_PROMO | NK_WIDE, 0, 0, 0, "劳动、人事、监察/监察", AC_ALL},
    {"普法宣传", NK_PROMO, 0, 0, 0, "公安、安全、司法/司法", AC_ALL},
    {"禁毒宣传", NK_PROMO, MON(5) | MON(6) | MON(7), 0, 0, "公安、安全、司法/公安", AC_JD | AC_SCJ},
    {"防灾减灾", NK_MEET | NK_PROMO, MON(4) | MON(5) | MON(6) | MON(7) | MON(8), 0, 0, "民政、扶贫、救灾/减灾救灾", AC_MZJ | AC_JD},
    {"疫情防控", NK_MEET | NK_CHECK | NK_PROMO | NK_WIDE, 0, 2020, 2022, "卫生、体育/卫生", AC_ALL},
    {"第七次全国人口普查", NK_MEET | NK_PROMO | NK_WIDE, MON(6) | MON(7) | MON(8) | MON(9) | MON(10) | MON(11) | MON(12), 2020,
     2020, "综合政务/统计", AC_JD | AC_BGS},
    {"第四次全国经济普查", NK_MEET | NK_PROMO | NK_WIDE, 0, 2018, 2019, "综合政务/统计", AC_FGJ | AC_JD},
    {"垃圾分类", NK_MEET | NK_PROMO, 0, 2019, 0, "城乡建设、环境保护/环境监测、保护与治理", AC_ZJJ | AC_JD},
    {"根治欠薪", NK_MEET | NK_CHECK | NK_WIDE, 0, 2019, 0, "劳动、人事、监察/劳动就业", AC_RSJ | AC_ZJJ},
    {"春节期间安全生产", NK_MEET | NK_CHECK | NK_WIDE, MON(1) | MON(2), 0, 0, "工业、交通/安全生产", AC_ZJJ | AC_SCJ | AC_JD},
    {"节日市场供应", NK_CHECK, MON(1) | MON(2) | MON(9), 0, 0, "商贸、海关、旅游/国内贸易（含供销）", AC_SCJ | AC_FGJ},
    {"春季森林草原防火", NK_MEET | NK_CHECK | NK_PROMO | NK_WIDE, MON(3) | MON(4) | MON(5), 0, 0, "农业、林业、水利/林业", AC_JD},
    {"植树造林", NK_MEET, MON(4) | MON(5), 0, 0, "农业、林业、水利/林业", AC_JD | AC_ZJJ},
    {"防汛", NK_MEET | NK_CHECK | NK_WIDE, MON(5) | MON(6) | MON(7) | MON(8), 0, 0, "农业、林业、水利/水利", AC_ZJJ | AC_JD},
    {"高考服务保障", NK_MEET, MON(5) | MON(6), 0, 0, "科技、教育/教育", AC_BGS | AC_SCJ},
    {"秋冬季森林防火", NK_MEET | NK_CHECK | NK_PROMO | NK_WIDE, MON(9) | MON(10) | MON(11), 0, 0, "农业、林业、水利/林业", AC_JD},
    {"冬季供暖", NK_MEET | NK_CHECK | NK_WIDE, MON(9) | MON(10) | MON(11) | MON(12) | MON(1), 0, 0,
     "城乡建设、环境保护/城市规划", AC_ZJJ | AC_JD},
    {"冬季清冰雪", NK_MEET | NK_CHECK, MON(11) | MON(12) | MON(1) | MON(2) | MON(3), 0, 0, "城乡建设、环境保护/城市规划", AC_ZJJ | AC_JD},
    {"岁末年初安全生产", NK_MEET | NK_CHECK | NK_WIDE, MON(12) | MON(1), 0, 0, "工业、交通/安全生产", AC_ZJJ | AC_SCJ | AC_JD},
};

struct news_pattern {
    unsigned kind;
    const char *title;
    const char *lead;
};

static const struct news_pattern news_patterns[] = {
    {NK_MEET, "{{agency}}召开{{topic}}工作会议",
     "{{date}}，{{agency}}召开{{topic}}工作会议，传达学习上级有关会议和文件精神，通报前一阶段工作进展情况，安排部署下一阶段重点任务。"},
    {NK_MEET, "{{agency}}部署{{topic}}工作", "{{date}}，{{agency}}召开专题会议，对{{topic}}工作进行再研究、再部署，进一步明确目标任务和责任分工。"},
    {NK_MEET, "{{agency}}召开{{topic}}推进会", "{{date}}，{{agency}}召开{{topic}}推进会，听取各责任单位工作进展汇报，协调解决工作推进中遇到的困难和问题。"},
    {NK_MEET, "{{agency}}专题研究{{topic}}工作", "{{date}}，{{agency}}召开会议专题研究{{topic}}工作，分析当前形势，查找薄弱环节，研究具体措施。"},
    {NK_MEET, "{{agency}}扎实推进{{topic}}工作", "近期，{{agency}}坚持问题导向，压实工作责任，扎实推进{{topic}}工作，各项任务有序落实。"},
    {NK_MEET, "{{agency}}多措并举抓好{{topic}}", "今年以来，{{agency}}多措并举抓好{{topic}}，健全工作机制，强化统筹调度，工作取得阶段性成效。"},
    {NK_CHECK, "{{agency}}开展{{topic}}专项检查", "{{date}}，{{agency}}组成检查组，对辖区{{topic}}情况开展专项检查，采取查阅资料、实地查看、座谈交流等方式，逐项核查工作落实情况。"},
    {NK_CHECK, "{{agency}}深入一线督导{{topic}}工作", "{{date}}，{{agency}}负责同志带队深入一线，实地督导{{topic}}工作，详细了解工作推进情况和存在的困难。"},
    {NK_CHECK, "{{agency}}开展{{topic}}“回头看”", "{{date}}起，{{agency}}对前期{{topic}}工作开展“回头看”，对照问题清单逐项复查整改落实情况，确保问题整改到位。"},
    {NK_PROMO, "{{agency}}开展{{topic}}宣传活动", "{{date}}，{{agency}}在辖区组织开展{{topic}}宣传活动，通过发放宣传资料、设置咨询台、现场讲解等形式，向群众普及相关政策和知识。"},
    {NK_PROMO, "{{agency}}举办{{topic}}业务培训班", "{{date}}，{{agency}}举办{{topic}}业务培训班，邀请业务骨干围绕政策法规、工作流程和典型案例进行专题授课。"},
    {NK_PROMO, "{{agency}}开展{{topic}}集中宣传日活动", "{{date}}，{{agency}}开展{{topic}}集中宣传日活动，工作人员现场解答群众咨询，引导群众知晓政策、用好政策。"},
};

static const char *const news_middle_meet[] = {
    "会议要求，各单位要进一步提高思想认识，压实工作责任，细化工作措施，确保各项任务落到实处。",
    "会议强调，要坚持以人民为中心的发展思想，聚焦群众关心关注的突出问题，切实增强群众的获得感、幸福感、安全感。",
    "会议指出，要加强部门协作，形成工作合力，建立工作台账，实行销号管理，按时间节点推进各项工作。",
    "会议要求，要强化督导检查，对工作推进不力、措施落实不到位的单位及时通报，确保工作取得实效。",
};
static const char *const news_middle_check[] = {
    "对检查中发现的{{k1}}处问题，检查组当场反馈并下达整改通知，明确整改时限和责任人，做到立行立改。",
    "检查组要求，各单位要举一反三，全面排查风险隐患，建立问题清单和整改台账，坚决防止问题反弹。",
    "本次检查共出动检查人员{{k1}}人次，检查单位{{k2}}家，对发现的问题督促相关单位限期整改。",
};
static const char *const news_middle_promo[] = {
    "活动共发放宣传资料{{k1}}余份，现场接受群众咨询{{k2}}人次，取得了良好的宣传效果。",
    "活动中，工作人员结合典型案例，以通俗易懂的语言向群众讲解政策要点，现场气氛热烈。",
    "参训人员表示，通过培训进一步明确了工作要求，掌握了工作方法，将把所学运用到实际工作中。",
};
static const char *const news_closing[] = {
    "下一步，{{agency}}将持续加大工作力度，健全长效机制，推动{{topic}}工作取得新成效。",
    "{{agency}}相关负责同志表示，将以此为契机，进一步完善工作措施，确保各项工作任务按期完成。",
    "下一步，{{agency}}将加强跟踪问效，及时总结推广好经验好做法，不断提升工作水平。",
};

/* Acting agencies of the news stream: short names as they open a title. */
static const struct {
    const char *name;
    unsigned mask; /* 0: acts on every topic */
} news_actors[] = {
    {"我区", 0},          {"区政府", 0},       {"区政府办", AC_BGS}, {"区发改局", AC_FGJ}, {"区财政局", AC_CZJ},
    {"区人社局", AC_RSJ}, {"区住建局", AC_ZJJ}, {"区市场监管局", AC_SCJ}, {"区民政局", AC_MZJ},
    {"区档案馆", AC_DAG}, {"红军街道", AC_JD},  {"育才街道", AC_JD},  {"湖滨街道", AC_JD},
};

static const char *pick_actor(struct demo_rng *r, const struct news_topic *t)
{
    const char *fit[DEMO_COUNT(news_actors)];
    int n = 0;
    for (size_t i = 0; i < DEMO_COUNT(news_actors); i++)
        if (!news_actors[i].mask || (news_actors[i].mask & t->actors))
            fit[n++] = news_actors[i].name;
    return fit[demo_rng_int(r, 0, n - 1)];
}

struct theory {
    const char *title;
    int from, to;
};
static const struct theory theories[] = {
    {"深入学习贯彻党的十九大精神", 2017, 2019},
    {"学习《中华人民共和国宪法》修正案", 2018, 2018},
    {"学习新修订的《中国共产党纪律处分条例》", 2018, 2019},
    {"学习贯彻党的十九届四中全会精神", 2019, 2020},
    {"学习贯彻党的十九届五中全会精神", 2020, 2021},
    {"学习贯彻党的十九届六中全会精神", 2021, 2022},
    {"学习贯彻党的二十大精神", 2022, 2024},
    {"学习《中华人民共和国民法典》", 2020, 2024},
    {"学习新修订的《中华人民共和国政府信息公开条例》", 2019, 2020},
    {"学习《优化营商环境条例》", 2019, 2021},
    {"坚持以人民为中心的发展思想", 0, 0},
    {"推进国家治理体系和治理能力现代化", 2019, 0},
    {"新时代“枫桥经验”的基层实践", 0, 0},
    {"深化“放管服”改革 优化营商环境", 0, 0},
    {"坚持和完善基层群众自治制度", 0, 0},
    {"全面从严治党永远在路上", 0, 0},
    {"领导干部要带头尊法学法守法用法", 0, 0},
    {"弘扬艰苦奋斗、勤俭节约的优良作风", 0, 0},
    {"树立正确政绩观 力戒形式主义官僚主义", 0, 0},
    {"推动东北全面振兴取得新突破", 0, 0},
    {"统筹发展和安全 守牢安全底线", 2020, 0},
    {"学习党史 坚定信念", 2021, 2021},
    {"持续深化作风建设 营造干事创业良好氛围", 0, 0},
    {"提升基层治理能力 建设人民满意的服务型政府", 0, 0},
    {"以高质量发展推进中国式现代化", 2023, 0},
    {"学习《中华人民共和国行政处罚法》", 2021, 2022},
    {"加强法治政府建设 推进依法行政", 0, 0},
    {"做好新时代群众工作", 0, 0},
};

static bool year_in(int y, int from, int to)
{
    return (!from || y >= from) && (!to || y <= to);
}

static const struct theory *pick_theory(struct demo_rng *r, int year)
{
    for (;;) {
        const struct theory *t = &DEMO_PICK(r, theories);
        if (year_in(year, t->from, t->to))
            return t;
    }
}

static const struct news_topic *pick_news_topic(struct demo_rng *r, int year, int month, unsigned kind)
{
    for (;;) {
        const struct news_topic *t = &DEMO_PICK(r, news_topics);
        if ((t->kinds & kind) == kind && (!t->months || (t->months & MON(month))) && year_in(year, t->from, t->to))
            return t;
    }
}

static void theory_body(buf_t *b, const struct vars *v)
{
    para(b, "编者按：为持续推动理论学习走深走实，现围绕“{{subject}}”整理学习材料，供全区广大党员干部学习参考。", v);
    para(b, "一、深刻把握学习的重要意义。要把学习作为提升履职能力的重要途径，坚持学以致用、用以促学，"
            "切实把学习成果转化为推动工作的实际成效。",
         v);
    para(b, "二、准确把握学习的核心要义。要原原本本学、联系实际学、带着问题学，在学懂弄通做实上下功夫，"
            "不断提高政治判断力、政治领悟力、政治执行力。",
         v);
    para(b, "三、切实抓好学习成果转化。各单位要结合工作实际，把学习成效体现到为群众办实事、解难题上来。", v);
}

void demo_text_news(struct demo_rng *r, gk_date d, bool meeting, int *meeting_seq, struct demo_text *t)
{
    struct vars v = {0};
    set_date_vars(&v, d);
    v.k1 = demo_rng_int(r, 3, 30);
    v.k2 = demo_rng_int(r, 20, 300);
    buf_t b = BUF_INIT;
    int roll = demo_rng_int(r, 0, 99);
    t->genre = "其他";
    if (meeting) {
        /* The government's regular executive meetings, numbered through the year. */
        v.n = ++*meeting_seq;
        v.t = pick_news_topic(r, v.y, v.m, NK_MEET)->name;
        do
            v.t2 = pick_news_topic(r, v.y, v.m, NK_MEET)->name;
        while (strcmp(v.t, v.t2) == 0);
        t->title = expand("区政府召开{{year}}年第{{n}}次常务会议", &v);
        para(&b, "{{date}}，区政府召开{{year}}年第{{n}}次常务会议，研究{{topic}}、{{topic2}}等事项。", &v);
        para(&b, "会议听取了有关部门关于{{topic}}工作情况的汇报，要求各相关单位对照目标任务，倒排工期、挂图作战，确保按期完成。", &v);
        para(&b, "会议还研究了{{topic2}}有关工作，要求进一步细化措施、压实责任，切实把各项工作抓实抓细。", &v);
        para(&b, "区政府领导班子成员出席会议，区政府各部门、各街道主要负责同志列席会议。", &v);
        t->topic = "综合政务/其他";
    } else if (roll < 9) {
        v.x = pick_theory(r, v.y)->title;
        t->title = expand("【理论学习】{{subject}}", &v);
        theory_body(&b, &v);
        t->topic = "综合政务/其他";
    } else if (roll < 17) {
        const struct news_topic *nt = pick_news_topic(r, v.y, v.m, NK_MEET | NK_WIDE);
        v.t = nt->name;
        static const char *const titles[] = {
            "【时事要闻】全省{{topic}}电视电话会议召开",
            "【时事要闻】全市{{topic}}工作会议召开",
            "【时事要闻】市政府部署{{topic}}工作",
        };
        t->title = expand(DEMO_PICK(r, titles), &v);
        para(&b, "{{date}}，上级召开{{topic}}工作会议，总结前一阶段工作，部署下一阶段任务。", &v);
        para(&b, "我区在分会场组织收听收看。会后，我区立即召开专题会议，就贯彻落实会议精神作出具体安排，"
                 "要求各部门、各街道结合实际抓好落实。",
             &v);
        t->topic = nt->topic;
    } else {
        const struct news_pattern *pat = &DEMO_PICK(r, news_patterns);
        const struct news_topic *nt = pick_news_topic(r, v.y, v.m, pat->kind);
        v.t = nt->name;
        v.a = pick_actor(r, nt);
        t->title = expand(pat->title, &v);
        para(&b, pat->lead, &v);
        if (pat->kind == NK_CHECK)
            para(&b, DEMO_PICK(r, news_middle_check), &v);
        else if (pat->kind == NK_PROMO)
            para(&b, DEMO_PICK(r, news_middle_promo), &v);
        else
            para(&b, DEMO_PICK(r, news_middle_meet), &v);
        para(&b, DEMO_PICK(r, news_closing), &v);
        t->topic = nt->topic;
    }
    t->body = finish_body(&b);
}

void demo_text_weibo(struct demo_rng *r, gk_date d, struct demo_text *t)
{
    struct vars v = {0};
    set_date_vars(&v, d);
    v.p = DEMO_PICK(r, communities);
    v.k1 = demo_rng_int(r, 8, 10);
    v.k2 = demo_rng_int(r, 15, 18);
    buf_t b = BUF_INIT;
    int kind = demo_rng_int(r, 0, 3);
    t->genre = "其他";
    if (kind == 0) {
        t->title = expand("【停水通知】{{place}}部分区域{{date}}临时停水", &v);
        para(&b, "因供水管网维修，{{date}}{{k1}}:00至{{k2}}:00，{{place}}部分区域将临时停止供水，恢复时间视施工进度而定。"
                 "请相关区域居民提前做好储水准备，给您带来的不便敬请谅解。",
             &v);
        t->topic = "城乡建设、环境保护/城市规划";
    } else if (kind == 1) {
        v.x = DEMO_PICK(r, projects);
        t->title = expand("【交通提示】{{subject}}施工期间{{date}}起部分路段交通管制", &v);
        para(&b, "因{{subject}}施工需要，自{{date}}起，施工路段实行半幅通行，请过往车辆和行人提前规划出行路线，"
                 "服从现场交通指挥，注意出行安全。",
             &v);
        t->topic = "工业、交通/公路";
    } else if (kind == 2) {
        static const char *const alerts[] = {"暴雪蓝色预警", "寒潮蓝色预警", "大风蓝色预警"};
        static const char *const summer[] = {"暴雨蓝色预警", "雷电黄色预警", "大风蓝色预警"};
        v.x = (v.m >= 5 && v.m <= 9) ? DEMO_PICK(r, summer) : DEMO_PICK(r, alerts);
        t->title = expand("【天气预警】{{date}}气象部门发布{{subject}}", &v);
        para(&b, "气象部门{{date}}发布{{subject}}。请广大居民关注天气变化，减少不必要的外出，"
                 "各部门、各街道做好应急值守和防范应对工作。",
             &v);
        t->topic = "民政、扶贫、救灾/减灾救灾";
    } else {
        static const char *const services_short[] = {"社保卡", "居住证", "营业执照", "不动产登记"};
        v.x = DEMO_PICK(r, services_short);
        t->title = expand("【温馨提示】{{date}}起区政务服务中心{{subject}}业务办理安排", &v);
        para(&b, "自{{date}}起，区政务服务中心{{subject}}业务窗口工作时间为工作日8:30—11:30、13:30—17:00，"
                 "部分事项可通过网上办事大厅办理，办事群众可提前电话咨询所需材料。",
             &v);
        t->topic = "综合政务/政务公开";
    }
    t->body = finish_body(&b);
}

/* ---- website columns ---- */

struct gsgg_tpl {
    const char *agency;
    const char *genre;
    const char *title;
    const char *body;
    int from; /* first year it applies */
};

static const struct gsgg_tpl gsgg_tpls[] = {
    {"gn-mzj", "公示", "{{year}}年第{{n}}批城乡最低生活保障新增对象审核结果公示",
     "根据《社会救助暂行办法》和省、市有关规定，经个人申请、街道审核、入户调查和民主评议，拟将{{k1}}户家庭纳入城乡最低生活保障范围，现予以公示。公示期为7天，公示期间如有异议，请向区民政局反映。",
     0},
    {"gn-rsj", "公示", "{{year}}年公益性岗位拟聘用人员名单公示（第{{n}}批）",
     "经个人报名、资格审查和综合评定，拟聘用{{k1}}名就业困难人员到公益性岗位工作，现将名单予以公示，公示期5个工作日。",
     0},
    {"gn-rsj", "公示", "{{year}}年就业困难人员认定名单公示（第{{n}}批）",
     "根据就业困难人员认定有关规定，经个人申请、街道初审和区人社局审核，拟认定{{k1}}人为就业困难人员，现予以公示。", 0},
    {"gn-zjj", "公告", "{{place}}棚户区改造项目房屋征收补偿方案（征求意见稿）公告",
     "为做好{{place}}棚户区改造项目房屋征收与补偿工作，根据《国有土地上房屋征收与补偿条例》，现将征收补偿方案（征求意见稿）予以公布，征求意见期限为30日。",
     0},
    {"gn-scjgj", "公告", "{{year}}年第{{n}}期食品安全监督抽检信息公告",
     "近期，区市场监管局组织抽检食用农产品、粮食加工品、饮料等{{k2}}批次样品，其中合格{{k2}}批次。抽检结果详见附件。", 0},
    {"gn-scjgj", "公告", "关于注销{{k1}}户食品经营许可证的公告（{{year}}年第{{n}}号）",
     "根据《中华人民共和国行政许可法》和《食品经营许可管理办法》有关规定，对有效期届满未申请延续的{{k1}}户食品经营者，依法注销其食品经营许可证，特此公告。",
     0},
    {"gn-czj", "公告", "工农区{{year}}年政府采购项目成交结果公告（第{{n}}号）",
     "工农区{{year}}年政府采购项目已按规定程序完成采购，现将成交结果公告如下：成交供应商、成交金额等详见附件。公告期限为1个工作日。", 0},
    {"gn-fgj", "公示", "{{subject}}节能审查意见公示",
     "根据《固定资产投资项目节能审查办法》，区发改局对{{subject}}节能报告进行了审查，现将审查意见予以公示，公示期5个工作日。", 0},
    {"gn-bgs", "通告", "关于{{subject}}施工期间交通管制的通告（{{year}}年第{{n}}号）",
     "因{{subject}}施工需要，施工期间相关路段实行交通管制。请过往车辆和行人按照交通标志绕行，由此带来的不便，敬请谅解。", 0},
    {"gn-mzj", "公示", "{{year}}年{{month}}月高龄老人津贴新增人员名单公示",
     "根据高龄老人津贴发放有关规定，经街道初审、区民政局审核，{{year}}年{{month}}月新增享受高龄津贴人员{{k1}}人，现予以公示。", 0},
    {"gn-hjjd", "公示", "红军街道{{year}}年临时救助对象公示（第{{n}}批）",
     "经个人申请、社区评议和街道审核，拟对{{k1}}户遭遇突发性、临时性困难的家庭给予临时救助，现予以公示。", 0},
    {"gn-ycjd", "公示", "育才街道{{year}}年临时救助对象公示（第{{n}}批）",
     "经个人申请、社区评议和街道审核，拟对{{k1}}户遭遇突发性、临时性困难的家庭给予临时救助，现予以公示。", 0},
    {"gn-hbjd", "公示", "湖滨街道{{year}}年临时救助对象公示（第{{n}}批）",
     "经个人申请、社区评议和街道审核，拟对{{k1}}户遭遇突发性、临时性困难的家庭给予临时救助，现予以公示。", 0},
    {"gn-dag", "公告", "工农区档案馆{{year}}年开放档案目录公告（第{{n}}批）",
     "根据《中华人民共和国档案法》有关规定，经鉴定，工农区档案馆向社会开放档案{{k2}}卷，开放档案目录详见附件，社会各界可到档案馆查阅利用。", 0},
    {"gn-zjj", "公示", "{{year}}年老旧小区改造项目计划公示（第{{n}}批）",
     "根据城镇老旧小区改造工作安排，拟将{{k1}}个小区纳入{{year}}年改造计划，现将小区名单和改造内容予以公示，公示期7天。", 2019},
    {"gn-scjgj", "通告", "关于开展{{year}}年{{subject}}专项整治的通告",
     "为维护市场秩序，保障群众合法权益，区市场监管局决定在全区范围内开展{{subject}}专项整治，现将有关事项通告如下。", 0},
    {"gn-rsj", "公示", "{{year}}年失业保险稳岗返还拟发放企业名单公示（第{{n}}批）",
     "根据失业保险稳岗返还政策，经企业申报、审核，拟向{{k1}}家符合条件的企业发放稳岗返还资金，现予以公示。", 0},
    {"gn-zjj", "通告", "关于{{year}}—{{next_year}}年采暖期供热开栓有关事项的通告",
     "根据供热工作安排，{{year}}—{{next_year}}年采暖期自10月20日开始试供热，请各供热单位做好设备检修和运行准备，热用户做好室内供热设施自查。", 0},
};

static const char *const rectify_subjects[] = {
    "农村假冒伪劣食品", "成品油市场", "电梯安全隐患", "校园及周边食品安全", "虚假违法广告", "燃气器具市场",
};

struct service {
    const char *agency;
    const char *name;
    const char *basis;
    const char *materials;
    int days;
};

static const struct service services[] = {
    {"gn-rsj", "城乡居民基本养老保险参保登记", "《国务院关于建立统一的城乡居民基本养老保险制度的意见》", "居民身份证、户口簿", 1},
    {"gn-rsj", "失业保险金申领", "《失业保险条例》", "居民身份证、解除或者终止劳动合同的证明", 5},
    {"gn-rsj", "就业创业证申领", "《就业服务与就业管理规定》", "居民身份证、近期免冠照片", 1},
    {"gn-rsj", "创业担保贷款申请", "《创业担保贷款实施办法》", "居民身份证、营业执照、创业项目说明", 15},
    {"gn-rsj", "劳动保障监察投诉受理", "《劳动保障监察条例》", "投诉书、居民身份证、相关证据材料", 5},
    {"gn-mzj", "最低生活保障申请", "《社会救助暂行办法》", "申请书、居民身份证、户口簿、家庭收入和财产状况说明", 30},
    {"gn-mzj", "临时救助申请", "《社会救助暂行办法》", "申请书、居民身份证、困难情况证明材料", 10},
    {"gn-mzj", "特困人员救助供养申请", "《特困人员认定办法》", "申请书、居民身份证、户口簿", 20},
    {"gn-mzj", "内地居民婚姻登记", "《婚姻登记条例》", "双方居民身份证、户口簿、近期半身免冠合影照片", 1},
    {"gn-mzj", "高龄津贴申领", "工农区高龄老人津贴发放有关规定", "居民身份证、户口簿、银行账户信息", 15},
    {"gn-mzj", "残疾人两项补贴申请", "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》",
     "申请表、居民身份证、残疾人证", 15},
    {"gn-mzj", "社会团体成立登记", "《社会团体登记管理条例》", "登记申请书、章程草案、住所使用权证明", 20},
    {"gn-scjgj", "个体工商户设立登记", "《促进个体工商户发展条例》", "登记申请书、经营者身份证明、经营场所证明", 1},
    {"gn-scjgj", "食品经营许可", "《食品经营许可和备案管理办法》", "申请书、营业执照、与食品经营相适应的场所和设备布局说明", 10},
    {"gn-scjgj", "小餐饮登记", "省食品小作坊小餐饮小食杂店管理规定", "登记申请表、经营者身份证明、健康证明", 5},
    {"gn-scjgj", "企业名称自主申报", "《企业名称登记管理规定》", "申请人身份证明", 1},
    {"gn-zjj", "建筑工程施工许可", "《中华人民共和国建筑法》", "申请表、建设工程规划许可证、施工合同、质量安全监督手续", 7},
    {"gn-zjj", "住宅专项维修资金使用", "《住宅专项维修资金管理办法》", "使用申请、业主表决结果、维修方案和预算", 10},
    {"gn-zjj", "公共租赁住房申请", "《公共租赁住房管理办法》", "申请表、居民身份证、户口簿、收入和住房状况证明", 30},
    {"gn-zjj", "物业服务企业备案", "工农区物业服务管理有关规定", "备案表、营业执照、管理人员名单", 5},
    {"gn-fgj", "企业投资项目备案", "《企业投资项目核准和备案管理条例》", "项目备案信息表、营业执照", 3},
    {"gn-fgj", "固定资产投资项目节能审查", "《固定资产投资项目节能审查办法》", "节能报告、项目批复或备案文件", 15},
    {"gn-czj", "政府采购供应商投诉处理", "《政府采购质疑和投诉办法》", "投诉书、质疑函及答复、相关证明材料", 30},
    {"gn-dag", "档案查阅利用", "《中华人民共和国档案法》", "居民身份证或单位介绍信", 1},
    {"gn-bgs", "政府信息公开申请", "《中华人民共和国政府信息公开条例》", "政府信息公开申请表、申请人身份证明", 20},
    {"gn-hjjd", "居住证明开具", "社区服务有关规定", "居民身份证、户口簿或租房合同", 1},
    {"gn-ycjd", "城乡居民医疗保险参保登记", "城乡居民基本医疗保险有关规定", "居民身份证、户口簿", 1},
    {"gn-hbjd", "老年人优待证办理", "《中华人民共和国老年人权益保障法》", "居民身份证、近期免冠照片", 1},
};

static const char *const service_variants[] = {"{{subject}}办事指南（{{year}}年版）", "{{subject}}办理流程图", "{{subject}}常见问题解答",
                                               "{{subject}}申请表（空白表格下载）"};

struct subject {
    const char *agency;
    const char *name;
};

static const struct subject query_subjects[] = {
    {"gn-mzj", "城市低保对象名单"},          {"gn-mzj", "特困供养人员名单"},
    {"gn-rsj", "公益性岗位在岗人员名单"},    {"gn-mzj", "高龄津贴发放名单"},
    {"gn-mzj", "残疾人两项补贴发放名单"},    {"gn-mzj", "临时救助对象名单"},
    {"gn-scjgj", "行政许可办理结果"},        {"gn-scjgj", "行政处罚决定信息"},
    {"gn-scjgj", "“双随机、一公开”抽查结果"}, {"gn-scjgj", "食品安全监督抽检结果"},
    {"gn-zjj", "建筑工程施工许可办理结果"},  {"gn-rsj", "劳动保障监察行政处罚信息"},
};

/* Names of the district's normative documents (also used by 建言献策 drafts). */
struct doc_name {
    const char *name;
    const char *genre;
    const char *topic;
    const char *issuer; /* department that drafts it */
};

static const struct doc_name normative_names[] = {
    {"城市道路挖掘修复管理办法", "办法", "城乡建设、环境保护/城市规划", "gn-zjj"},
    {"政府投资项目管理办法", "办法", "国民经济管理、国有资产监管/固定资产投资", "gn-fgj"},
    {"城乡居民最低生活保障实施办法", "办法", "民政、扶贫、救灾/社会福利", "gn-mzj"},
    {"临时救助实施办法", "办法", "民政、扶贫、救灾/社会福利", "gn-mzj"},
    {"公共租赁住房管理办法", "办法", "城乡建设、环境保护/城乡建设（含住房）", "gn-zjj"},
    {"行政规范性文件管理办法", "办法", "综合政务/政务公开", "gn-bgs"},
    {"重大行政决策程序规定", "规定", "综合政务/其他", "gn-bgs"},
    {"政府采购内部控制管理办法", "办法", "财政、金融、审计/财政", "gn-czj"},
    {"行政事业单位国有资产管理办法", "办法", "国民经济管理、国有资产监管/国有资产监管", "gn-czj"},
    {"就业补助资金管理办法", "办法", "劳动、人事、监察/劳动就业", "gn-rsj"},
    {"高龄老人津贴发放管理办法", "办法", "民政、扶贫、救灾/社会福利", "gn-mzj"},
    {"城市绿化管理办法", "办法", "城乡建设、环境保护/城市规划", "gn-zjj"},
    {"占道经营管理规定", "规定", "城乡建设、环境保护/城市规划", "gn-scjgj"},
    {"住宅小区物业服务管理办法", "办法", "城乡建设、环境保护/城乡建设（含住房）", "gn-zjj"},
    {"扶持小微企业发展若干措施", "意见", "国民经济管理、国有资产监管/经济体制改革", "gn-fgj"},
    {"招商引资优惠政策实施办法", "办法", "商贸、海关、旅游/对外经贸合作", "gn-fgj"},
    {"城市供热管理办法", "办法", "城乡建设、环境保护/城市规划", "gn-zjj"},
    {"建筑垃圾管理办法", "办法", "城乡建设、环境保护/环境监测、保护与治理", "gn-zjj"},
    {"户外广告设施设置管理办法", "办法", "城乡建设、环境保护/城市规划", "gn-zjj"},
    {"困难群众医疗救助实施办法", "办法", "民政、扶贫、救灾/社会福利", "gn-mzj"},
    {"特困人员救助供养实施办法", "办法", "民政、扶贫、救灾/社会福利", "gn-mzj"},
    {"政府信息公开工作规定", "规定", "综合政务/政务公开", "gn-bgs"},
    {"政务服务“一网通办”实施办法", "办法", "综合政务/行政审批", "gn-bgs"},
    {"安全生产“党政同责、一岗双责”实施办法", "办法", "工业、交通/安全生产", "gn-bgs"},
    {"电动自行车停放充电管理规定", "规定", "工业、交通/安全生产", "gn-zjj"},
    {"农民工工资支付保障办法", "办法", "劳动、人事、监察/劳动就业", "gn-rsj"},
    {"社区工作者管理办法", "办法", "民政、扶贫、救灾/基层政权", "gn-mzj"},
    {"养老服务机构扶持办法", "办法", "民政、扶贫、救灾/社会福利", "gn-mzj"},
    {"关于进一步优化营商环境的若干意见", "意见", "国民经济管理、国有资产监管/经济体制改革", "gn-fgj"},
    {"关于促进高校毕业生就业创业的实施意见", "意见", "劳动、人事、监察/劳动就业", "gn-rsj"},
    {"关于加强城镇老旧小区改造工作的实施意见", "意见", "城乡建设、环境保护/城乡建设（含住房）", "gn-zjj"},
    {"关于加强食品安全工作的实施意见", "意见", "商贸、海关、旅游/市场监管", "gn-scjgj"},
    {"档案工作管理办法", "办法", "综合政务/档案", "gn-dag"},
    {"行政执法公示办法", "办法", "公安、安全、司法/司法", "gn-bgs"},
    {"政府合同管理办法", "办法", "综合政务/其他", "gn-bgs"},
    {"区级财政专项资金管理办法", "办法", "财政、金融、审计/财政", "gn-czj"},
    {"价格监测管理办法", "办法", "国民经济管理、国有资产监管/价格", "gn-fgj"},
    {"个体工商户扶持办法", "办法", "商贸、海关、旅游/市场监管", "gn-scjgj"},
    {"城市生活垃圾分类管理办法", "办法", "城乡建设、环境保护/环境监测、保护与治理", "gn-zjj"},
    {"社会救助家庭经济状况核对办法", "办法", "民政、扶贫、救灾/社会福利", "gn-mzj"},
};

static const char *const mailbox_issues[] = {
    "供暖温度不达标", "道路积水",     "路灯不亮",       "垃圾清运不及时", "农民工工资拖欠", "低保申请进度",
    "养老保险转移接续", "物业服务质量", "违章搭建",       "夜间施工噪音",   "公交站点设置",   "学校周边交通秩序",
    "老旧小区改造范围", "供水水压低",   "门店油烟扰民",   "楼道堆放杂物",   "小区停车难",     "健身器材损坏",
};

static const char *const mailbox_agency[] = {
    "gn-zjj", "gn-zjj", "gn-zjj", "gn-hjjd", "gn-rsj", "gn-mzj", "gn-rsj", "gn-zjj", "gn-zjj",
    "gn-zjj", "gn-bgs", "gn-ycjd", "gn-zjj", "gn-zjj", "gn-scjgj", "gn-hbjd", "gn-hjjd", "gn-ycjd",
};

static const char *const culture_events[] = {
    "广场舞展演活动",   "迎新春书画作品展", "全民健身运动会",   "全民阅读分享会", "重阳节敬老活动",
    "端午节包粽子活动", "消夏文艺晚会",     "乒乓球友谊赛",     "剪纸技艺展示活动", "中秋文艺汇演",
    "元宵节猜灯谜活动", "少儿绘画比赛",     "科普知识进社区活动", "冰雪运动体验日", "家风家训故事会",
    "非遗文化进社区活动",
};

static const char *const park_subjects[] = {
    "基础设施建设进展", "标准化厂房建设情况", "入驻企业情况", "道路管网配套工程进展", "污水处理设施运行情况",
    "石墨新材料产业园建设情况",
};

static const char *const township_codes[] = {"gn-hjjd", "gn-ycjd", "gn-hbjd"};

static const struct demo_agency *agency(const char *code)
{
    return demo_agency(code);
}

static void bszn_body(buf_t *b, const struct service *s, const struct vars *v)
{
    struct vars w = *v;
    w.x = s->name;
    para(b, "## 事项名称\n\n{{subject}}", &w);
    w.x = s->basis;
    para(b, "## 办理依据\n\n{{subject}}", &w);
    w.x = s->materials;
    para(b, "## 申请材料\n\n{{subject}}。", &w);
    para(b, "## 办理流程\n\n1. 申请人提交申请材料；\n2. 窗口工作人员受理并审核；\n3. 作出决定并告知申请人；\n4. 送达办理结果。", &w);
    w.k1 = s->days;
    para(b, "## 办理时限\n\n{{k1}}个工作日（法定时限内提速办理）。", &w);
    w.a = agency(s->agency)->short_name;
    para(b, "## 办理地点及时间\n\n工农区政务服务中心{{agency}}窗口；工作日8:30—11:30，13:30—17:00。不收费。", &w);
}

static void mailbox_body(buf_t *b, const struct vars *v)
{
    para(b, "来信人：网民", v);
    para(b, "来信内容：反映{{place}}{{subject}}问题，希望有关部门尽快解决。", v);
    para(b, "答复单位：{{agency_full}}", v);
    para(b, "答复内容：您好！来信收悉。接到您的反映后，我单位立即组织工作人员到{{place}}实地核实情况，"
            "已协调相关单位制定解决方案，计划于近期处理完毕。如有其他问题，欢迎继续通过领导信箱反映。"
            "感谢您对我区工作的关注和支持！",
         v);
}

void demo_text_column(struct demo_rng *r, const char *col, gk_date d, const struct demo_agency *a, int n,
                      struct demo_text *t)
{
    struct vars v = {0};
    set_date_vars(&v, d);
    /* 第N批 / 第N期 / 第N号 follow the month: a monthly batch reads naturally, a 47th does not. */
    v.n = v.m;
    v.k1 = demo_rng_int(r, 3, 60);
    v.k2 = demo_rng_int(r, 30, 400);
    v.tel = demo_rng_int(r, 100000, 999999);
    v.p = DEMO_PICK(r, communities);
    buf_t b = BUF_INIT;
    memset(t, 0, sizeof *t);
    t->genre = "其他";
    t->topic = "综合政务/其他";

    if (strcmp(col, "gkml/ldjj") == 0) {
        a = agency("gn-bgs");
        if (demo_rng_chance(r, 60)) {
            t->title = expand("工农区人民政府领导成员工作分工（{{year}}年{{month}}月调整）", &v);
            para(&b, "根据工作需要，经区政府研究，现将区政府领导成员工作分工调整如下：", &v);
            para(&b, "- 区长：主持区政府全面工作，负责审计、机构编制方面工作。\n"
                     "- 常务副区长：协助区长负责区政府常务工作，负责发展改革、财政、统计、政务服务方面工作。\n"
                     "- 副区长：负责住房和城乡建设、城市管理、应急管理方面工作。\n"
                     "- 副区长：负责人力资源和社会保障、民政、教育、卫生健康方面工作。\n"
                     "- 副区长：负责市场监管、招商引资、工农经济开发区方面工作。",
                 &v);
            para(&b, "各位副区长按照分工，协助区长处理分管工作，对分管部门和联系单位的工作负责。", &v);
        } else {
            t->title = expand("区政府领导成员联系方式及接待群众来访安排（{{year}}年{{month}}月）", &v);
            para(&b, "区政府领导成员实行群众来访接待日制度，每周三上午在区信访接待中心接待来访群众。", &v);
            para(&b, "区政府总值班室电话：{{tel}}；传真：{{tel}}。", &v);
        }
        t->topic = "综合政务/政府机构与人员";
    } else if (strcmp(col, "gkml/zzjg") == 0) {
        v.af = a->name;
        v.x = a->duties;
        t->title = expand("{{agency_full}}主要职责及内设机构（{{year}}年{{month}}月更新）", &v);
        para(&b, "## 主要职责\n\n{{subject}}", &v);
        para(&b, "## 内设机构\n\n办公室、综合业务科、政策法规科。", &v);
        para(&b, "## 联系方式\n\n办公时间：工作日8:30—11:30，13:30—17:00；联系电话：{{tel}}。", &v);
        t->topic = "综合政务/政府机构与人员";
    } else if (strcmp(col, "gkml/gsgg") == 0) {
        const struct gsgg_tpl *g;
        do
            g = &DEMO_PICK(r, gsgg_tpls);
        while (g->from > v.y);
        a = agency(g->agency);
        v.af = a->name;
        v.x = strstr(g->title, "专项整治") ? DEMO_PICK(r, rectify_subjects) : DEMO_PICK(r, projects);
        t->title = expand(g->title, &v);
        para(&b, g->body, &v);
        para(&b, "联系电话：{{tel}}", &v);
        para(&b, "{{agency_full}}\n\n{{date}}", &v);
        t->genre = g->genre;
        t->topic = "综合政务/政务公开";
    } else if (strcmp(col, "gkml/zdxm") == 0) {
        a = agency(demo_rng_chance(r, 60) ? "gn-fgj" : "gn-zjj");
        v.x = DEMO_PICK(r, projects);
        static const char *const tpl[] = {"{{subject}}建设进展情况（{{year}}年{{month}}月）", "{{subject}}建设进展情况（{{year}}年{{month}}月）",
                                          "{{subject}}环境影响评价信息公示", "{{subject}}开工建设", "{{subject}}竣工验收情况"};
        t->title = expand(DEMO_PICK(r, tpl), &v);
        para(&b, "{{subject}}是我区{{year}}年重点建设项目。截至{{date}}，项目完成投资约{{k1}}00万元，各项工作按计划有序推进。", &v);
        para(&b, "项目建设单位严格落实质量安全责任，区直有关部门加强服务保障，协调解决项目推进中的用地、用电等问题。", &v);
        t->topic = "国民经济管理、国有资产监管/固定资产投资";
    } else if (strcmp(col, "gkml/dsj") == 0) {
        a = agency("gn-bgs");
        /* The chronicle of the month before publication; N is that month's number. */
        struct vars w = v;
        w.m = n;
        w.y = n == 12 && v.m == 1 ? v.y - 1 : v.y;
        t->title = expand("工农区{{year}}年{{month}}月大事记", &w);
        int days[5];
        for (int i = 0; i < 5; i++)
            days[i] = demo_rng_int(r, 1, 28);
        for (int i = 1; i < 5; i++) /* insertion sort: entries in date order */
            for (int j = i; j > 0 && days[j] < days[j - 1]; j--) {
                int x = days[j];
                days[j] = days[j - 1];
                days[j - 1] = x;
            }
        for (int i = 0; i < 5; i++) {
            w.k1 = days[i];
            const struct news_topic *nt = pick_news_topic(r, w.y, w.m, NK_MEET);
            w.t = nt->name;
            w.a = pick_actor(r, nt);
            char *s = expand("- {{month}}月{{k1}}日，{{agency}}召开{{topic}}工作会议，安排部署相关工作。\n", &w);
            buf_puts(&b, s);
            free(s);
        }
        t->topic = "综合政务/其他";
    } else if (strcmp(col, "gkml/llxx") == 0) {
        a = agency("gn-bgs");
        v.x = pick_theory(r, v.y)->title;
        v.n = n;
        /* Numbered issues: the same theme comes back during a year, the issue number does not. */
        t->title = expand("理论学习材料（{{year}}年第{{n}}期）：{{subject}}", &v);
        theory_body(&b, &v);
    } else if (strcmp(col, "bmfw/bszn") == 0) {
        const struct service *s = &DEMO_PICK(r, services);
        a = agency(s->agency);
        v.x = s->name;
        t->title = expand(DEMO_PICK(r, service_variants), &v);
        bszn_body(&b, s, &v);
        t->genre = "其他";
        t->topic = "综合政务/行政审批";
    } else if (strcmp(col, "bmfw/zxcx") == 0) {
        const struct subject *s = &DEMO_PICK(r, query_subjects);
        a = agency(s->agency);
        v.x = s->name;
        t->title = expand("{{year}}年第{{quarter}}季度{{subject}}", &v);
        para(&b, "现将{{year}}年第{{quarter}}季度{{subject}}予以公开，共计{{k2}}条记录，详见附件。公众也可到工农区政务服务中心查询。", &v);
        t->topic = "综合政务/政务公开";
    } else if (strcmp(col, "bmfw/jyxc") == 0) {
        const struct doc_name *dn = &DEMO_PICK(r, normative_names);
        a = agency(dn->issuer);
        v.x = dn->name;
        v.af = a->name;
        if (demo_rng_chance(r, 60)) {
            t->title = expand("关于《工农区{{subject}}（征求意见稿）》公开征求意见的公告", &v);
            para(&b, "为提高决策的科学性和透明度，现将《工农区{{subject}}（征求意见稿）》全文公布，公开征求社会公众意见。"
                     "公众可在{{date}}起30日内通过电子邮件、信函等方式提出意见建议。",
                 &v);
            t->genre = "公告";
        } else {
            t->title = expand("《工农区{{subject}}》公开征求意见情况的反馈", &v);
            para(&b, "《工农区{{subject}}（征求意见稿）》公开征求意见期间，共收到意见建议{{k1}}条，经认真研究，"
                     "采纳{{k1}}条中的大部分意见，未采纳的已说明理由。现将情况反馈如下。",
                 &v);
        }
        t->topic = dn->topic;
    } else if (strcmp(col, "bmfw/ldxx") == 0) {
        int i = demo_rng_int(r, 0, (int)DEMO_COUNT(mailbox_issues) - 1);
        a = agency(mailbox_agency[i]);
        v.x = mailbox_issues[i];
        v.af = a->name;
        t->title = expand("关于{{place}}{{subject}}问题的答复", &v);
        mailbox_body(&b, &v);
        t->topic = "综合政务/信访";
    } else if (strcmp(col, "bmfw/ldjy") == 0) {
        a = agency("gn-rsj");
        static const char *const tpl[] = {
            "{{year}}年{{month}}月公益性岗位招聘公告",          "{{year}}年高校毕业生就业见习岗位信息（第{{n}}批）",
            "{{year}}年第{{n}}期职业技能培训报名通知",      "{{year}}年{{month}}月企业用工信息汇总",
            "{{year}}年创业担保贷款拟贴息人员名单公示（第{{n}}批）", "民营企业招聘月专场招聘会（{{year}}年{{month}}月）",
        };
        t->title = expand(DEMO_PICK(r, tpl), &v);
        para(&b, "为促进城乡劳动者就业，区人社局汇集辖区企业用工需求，提供岗位{{k2}}个，涉及生产操作、"
                 "营销服务、专业技术等类别。有意向的求职者可携带居民身份证到区人力资源市场报名。",
             &v);
        para(&b, "咨询电话：{{tel}}", &v);
        t->topic = "劳动、人事、监察/劳动就业";
    } else if (strcmp(col, "bmfw/shbz") == 0) {
        static const struct {
            const char *agency, *title;
        } tpl[] = {
            {"gn-mzj", "{{year}}年{{month}}月城市低保资金发放情况"},
            {"gn-mzj", "{{year}}年{{month}}月特困人员救助供养金发放情况"},
            {"gn-mzj", "{{year}}年{{month}}月残疾人两项补贴发放情况"},
            {"gn-mzj", "{{year}}年{{month}}月高龄津贴发放情况"},
            {"gn-rsj", "关于开展{{year}}年度城乡居民基本养老保险集中缴费的通告"},
            {"gn-rsj", "关于做好{{year}}年度社会保险待遇领取资格认证工作的通知"},
            {"gn-rsj", "{{year}}年{{month}}月城乡居民养老保险待遇发放情况"},
        };
        int i = demo_rng_int(r, 0, (int)DEMO_COUNT(tpl) - 1);
        a = agency(tpl[i].agency);
        t->title = expand(tpl[i].title, &v);
        para(&b, "{{year}}年{{month}}月，全区共发放相关保障资金{{k2}}.{{k1}}万元，惠及困难群众{{k2}}0余人次，资金已通过“一卡通”"
                 "按时足额发放到保障对象账户。",
             &v);
        t->topic = "劳动、人事、监察/社会保障";
    } else if (strcmp(col, "bmfw/whxx") == 0) {
        a = agency(DEMO_PICK(r, township_codes));
        v.x = DEMO_PICK(r, culture_events);
        t->title = expand("{{place}}举办{{subject}}", &v);
        para(&b, "{{date}}，{{place}}举办{{subject}}，辖区居民{{k2}}余人参加。活动丰富了居民群众的精神文化生活，营造了和谐向上的社区氛围。", &v);
        t->topic = "文化、广电、新闻出版/文化";
    } else if (strcmp(col, "qyzc/yqjs") == 0) {
        a = agency("gn-fgj");
        v.x = DEMO_PICK(r, park_subjects);
        t->title = expand("工农经济开发区{{subject}}（{{year}}年{{month}}月）", &v);
        para(&b, "截至{{date}}，工农经济开发区入驻企业{{k1}}家，园区{{subject}}总体进展顺利。开发区管理部门坚持“一企一策”，"
                 "为入驻企业提供全程代办服务。",
             &v);
        t->topic = "国民经济管理、国有资产监管/经济体制改革";
    } else if (strcmp(col, "qyzc/zsyz") == 0) {
        a = agency("gn-fgj");
        v.x = DEMO_PICK(r, projects);
        static const char *const tpl[] = {"工农区{{year}}年招商引资推介项目：{{subject}}", "工农区投资环境简介（{{year}}年{{month}}月更新）",
                                          "招商引资优惠政策解读（{{year}}年第{{n}}期）", "{{year}}年第{{n}}批招商引资项目签约情况"};
        t->title = expand(DEMO_PICK(r, tpl), &v);
        para(&b, "工农区区位优势明显，交通便利，产业基础较好。{{year}}年，我区重点围绕新材料、绿色食品、现代物流等产业开展招商，"
                 "欢迎各地客商来工农区投资兴业。",
             &v);
        t->topic = "商贸、海关、旅游/对外经贸合作";
    } else if (strcmp(col, "qyzc/xmjs") == 0) {
        a = agency(demo_rng_chance(r, 50) ? "gn-fgj" : "gn-zjj");
        v.x = DEMO_PICK(r, projects);
        t->title = expand("{{subject}}建设进展（{{year}}年{{month}}月）", &v);
        para(&b, "截至{{date}}，{{subject}}累计完成投资{{k1}}00万元，完成年度计划的{{k1}}%，施工现场安全文明施工措施落实到位。", &v);
        t->topic = "国民经济管理、国有资产监管/固定资产投资";
    } else if (strcmp(col, "zfxxgk/zn") == 0) {
        v.af = a->name;
        t->title = expand("{{agency_full}}政府信息公开指南（{{year}}年修订）", &v);
        para(&b, "为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。", &v);
        para(&b, "## 一、主动公开\n\n主动公开的政府信息按照“政府信息公开”专栏和“信息公开专栏”分类编排，"
                 "通过门户网站、政务新媒体、政府信息公开查阅点等渠道公开。",
             &v);
        para(&b, "## 二、依申请公开\n\n公民、法人或者其他组织可以通过当面、信函、网络、传真、电子邮件等方式提出申请。"
                 "能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复，需要延长的，延长期限最长不超过20个工作日。",
             &v);
        para(&b, "## 三、工作机构\n\n工农区人民政府办公室政务公开科；办公时间：工作日8:30—11:30，13:30—17:00；"
                 "联系电话：{{tel}}；传真：{{tel}}。",
             &v);
        t->topic = "综合政务/政务公开";
        t->genre = "其他";
    } else if (strcmp(col, "zfxxgk/zd") == 0) {
        static const char *const kinds[] = {"申请办理", "主动公开", "保密审查", "发布协调",
                                            "工作考核", "社会评议", "责任追究", "政策解读"};
        v.af = a->name;
        v.x = DEMO_PICK(r, kinds);
        t->title = expand("{{agency_full}}政府信息公开{{subject}}制度", &v);
        para(&b, "第一条 为规范政府信息公开{{subject}}工作，根据《中华人民共和国政府信息公开条例》，结合工作实际，制定本制度。", &v);
        para(&b, "第二条 政府信息公开工作机构负责{{subject}}工作的组织实施，各科室按照职责分工做好相关工作。", &v);
        para(&b, "第三条 本制度自印发之日起施行。", &v);
        t->topic = "综合政务/政务公开";
        t->genre = "规定";
    } else if (strcmp(col, "zfxxgk/fdzdgknr") == 0) {
        static const char *const tpl[] = {
            "{{agency_full}}{{year}}年部门预算",           "{{agency_full}}{{last_year}}年部门决算",          "{{agency_full}}权责清单（{{year}}年版）",
            "{{agency_full}}“双随机、一公开”随机抽查事项清单（{{year}}年）", "{{agency_full}}{{year}}年政府采购意向公开（第{{n}}批）",
            "{{agency_full}}{{year}}年“三公”经费预算情况说明",
        };
        v.af = a->name;
        t->title = expand(DEMO_PICK(r, tpl), &v);
        para(&b, "根据《中华人民共和国政府信息公开条例》第二十条和预决算公开有关规定，现将相关信息予以公开，详见附件。", &v);
        t->topic = "财政、金融、审计/财政";
    } else {
        /* Columns without their own vocabulary get a plain notice (none in the plan today). */
        v.af = a ? a->name : NULL;
        t->title = expand("{{agency_full}}{{year}}年第{{n}}号通知", &v);
        para(&b, "现将有关事项通知如下。", &v);
    }
    if (!a)
        a = agency("gn-bgs");
    t->agency = a->code;
    t->body = finish_body(&b);
}

/* ---- documents (gkml/wjfg) ---- */

struct plain_doc {
    const char *issuer; /* who signs it; NULL = the government or its office */
    const char *subject;
    const char *topic;
};

static const struct plain_doc gov_docs[] = {
    {NULL, "印发{{year}}年政务公开工作要点", "综合政务/政务公开"},
    {NULL, "做好{{year}}年元旦春节期间有关工作", "综合政务/其他"},
    {NULL, "做好{{year}}年防汛工作", "农业、林业、水利/水利"},
    {NULL, "印发工农区{{year}}年民生实事项目清单", "综合政务/其他"},
    {NULL, "调整区政府议事协调机构及其组成人员", "综合政务/政府机构与人员"},
    {NULL, "开展{{year}}年安全生产大检查", "工业、交通/安全生产"},
    {NULL, "做好{{year}}年度秋冬季森林草原防火工作", "农业、林业、水利/林业"},
    {NULL, "做好{{year}}—{{next_year}}年度冬季供暖工作", "城乡建设、环境保护/城市规划"},
    {NULL, "印发工农区{{year}}年重点工作任务分解方案", "综合政务/其他"},
    {NULL, "开展{{year}}年度政府信息公开工作考核", "综合政务/政务公开"},
    {NULL, "印发工农区{{year}}年优化营商环境工作方案", "国民经济管理、国有资产监管/经济体制改革"},
    {NULL, "做好{{year}}年度城乡居民基本医疗保险参保缴费工作", "劳动、人事、监察/社会保障"},
    {NULL, "进一步做好稳就业工作", "劳动、人事、监察/劳动就业"},
    {NULL, "印发工农区突发事件总体应急预案（{{year}}年修订）", "公安、安全、司法/其他"},
    {NULL, "印发工农区防汛应急预案（{{year}}年修订）", "农业、林业、水利/水利"},
    {NULL, "印发工农区重污染天气应急预案（{{year}}年修订）", "城乡建设、环境保护/环境监测、保护与治理"},
    {NULL, "开展{{year}}年“双随机、一公开”监管工作", "商贸、海关、旅游/市场监管"},
    {NULL, "做好{{year}}年度行政执法统计年报工作", "公安、安全、司法/司法"},
    {NULL, "印发工农区{{year}}年法治政府建设工作要点", "公安、安全、司法/司法"},
    {NULL, "开展{{year}}年度全区档案工作检查", "综合政务/档案"},
    {NULL, "做好{{year}}年春季植树造林工作", "农业、林业、水利/林业"},
    {NULL, "加强{{year}}年冬季城市清冰雪工作", "城乡建设、环境保护/城市规划"},
    {NULL, "印发工农区{{year}}年棚户区改造工作实施方案", "城乡建设、环境保护/城乡建设（含住房）"},
    {NULL, "做好{{year}}年高校毕业生就业创业工作", "劳动、人事、监察/劳动就业"},
    {NULL, "印发工农区{{year}}年招商引资工作方案", "商贸、海关、旅游/对外经贸合作"},
    {"gn-fgj", "下达{{year}}年工农区重点项目建设计划", "国民经济管理、国有资产监管/固定资产投资"},
    {"gn-fgj", "开展{{year}}年度价格监督检查", "国民经济管理、国有资产监管/价格"},
    {"gn-fgj", "做好{{year}}年社会信用体系建设工作", "国民经济管理、国有资产监管/其他"},
    {"gn-czj", "做好{{next_year}}年部门预算编制工作", "财政、金融、审计/财政"},
    {"gn-czj", "做好{{year}}年度部门决算公开工作", "财政、金融、审计/财政"},
    {"gn-czj", "加强{{year}}年政府采购管理", "财政、金融、审计/财政"},
    {"gn-rsj", "做好{{year}}年春风行动工作", "劳动、人事、监察/劳动就业"},
    {"gn-rsj", "开展{{year}}年根治欠薪冬季专项行动", "劳动、人事、监察/劳动就业"},
    {"gn-rsj", "做好{{year}}年度社会保险扩面工作", "劳动、人事、监察/社会保障"},
    {"gn-zjj", "做好{{year}}年建筑施工安全生产工作", "工业、交通/安全生产"},
    {"gn-zjj", "开展{{year}}年物业服务质量提升行动", "城乡建设、环境保护/城乡建设（含住房）"},
    {"gn-zjj", "做好{{year}}—{{next_year}}年度供热设施检修工作", "城乡建设、环境保护/城市规划"},
    {"gn-scjgj", "开展{{year}}年食品安全“守护”行动", "商贸、海关、旅游/市场监管"},
    {"gn-scjgj", "开展{{year}}年特种设备安全隐患排查治理", "商贸、海关、旅游/市场监管"},
    {"gn-scjgj", "做好{{year}}年度企业年报公示工作", "商贸、海关、旅游/市场监管"},
    {"gn-mzj", "做好{{year}}年城乡低保规范管理工作", "民政、扶贫、救灾/社会福利"},
    {"gn-mzj", "开展{{year}}年养老服务机构安全检查", "民政、扶贫、救灾/社会福利"},
    {"gn-mzj", "做好{{year}}年冬春困难群众生活救助工作", "民政、扶贫、救灾/社会福利"},
    {"gn-dag", "做好{{year}}年度档案移交进馆工作", "综合政务/档案"},
    {"gn-hjjd", "做好{{year}}年度辖区安全生产工作", "工业、交通/安全生产"},
    {"gn-ycjd", "做好{{year}}年度社区网格化管理工作", "民政、扶贫、救灾/基层政权"},
    {"gn-hbjd", "做好{{year}}年度辖区环境卫生整治工作", "城乡建设、环境保护/环境监测、保护与治理"},
};

static const char *series_of(const char *code, bool normative)
{
    const struct demo_agency *a = demo_agency(code);
    return normative ? a->normative_series : a->doc_series;
}

void demo_text_document(struct demo_rng *r, gk_date written, bool normative, const char *issuer_code,
                        struct demo_text *t)
{
    struct vars v = {0};
    set_date_vars(&v, written);
    buf_t b = BUF_INIT;
    memset(t, 0, sizeof *t);
    if (normative) {
        const struct doc_name *dn = &DEMO_PICK(r, normative_names);
        /* The government issues most normative documents; its office the procedural ones. */
        const char *issuer = issuer_code ? issuer_code : demo_rng_chance(r, 75) ? DEMO_ROOT : "gn-bgs";
        v.af = agency(issuer)->name;
        v.x = dn->name;
        bool opinion = strncmp(dn->name, "关于", 6) == 0;
        t->title = opinion ? expand("{{agency_full}}{{subject}}", &v) : expand("{{agency_full}}关于印发《工农区{{subject}}》的通知", &v);
        para(&b, "各街道办事处，区政府各部门：", &v);
        para(&b, opinion ? "现就有关事项提出如下意见，请结合实际认真贯彻落实。"
                         : "《工农区{{subject}}》已经区政府常务会议审议通过，现印发给你们，请认真贯彻执行。",
             &v);
        para(&b, "{{agency_full}}\n\n{{date}}", &v);
        if (!opinion) {
            para(&b, "# 工农区{{subject}}", &v);
            para(&b, "**第一条** 为了规范相关管理工作，维护公共利益和公民、法人及其他组织的合法权益，"
                     "根据有关法律、法规和规章，结合本区实际，制定本办法。",
                 &v);
            para(&b, "**第二条** 本区行政区域内的相关活动及其监督管理，适用本办法。", &v);
            para(&b, "**第三条** 区人民政府有关部门按照各自职责，做好相关管理和服务工作。", &v);
            para(&b, "**第四条** 本办法自印发之日起施行，有效期5年。", &v);
        } else {
            para(&b, "一、总体要求。坚持以人民为中心，聚焦重点领域和关键环节，完善政策措施，形成工作合力。", &v);
            para(&b, "二、主要任务。各责任单位要制定具体实施方案，明确时间表和路线图，确保各项任务落地见效。", &v);
            para(&b, "三、保障措施。加强组织领导，强化督促检查，本意见自印发之日起施行，有效期5年。", &v);
        }
        t->agency = issuer;
        t->genre = dn->genre;
        t->topic = dn->topic;
        t->series = series_of(issuer, true);
    } else {
        const struct plain_doc *pd = &DEMO_PICK(r, gov_docs);
        const char *issuer = pd->issuer ? pd->issuer : demo_rng_chance(r, 45) ? DEMO_ROOT : "gn-bgs";
        v.af = agency(issuer)->name;
        char *subject = expand(pd->subject, &v);
        v.x = subject;
        t->title = expand("{{agency_full}}关于{{subject}}的通知", &v);
        bool government = strcmp(issuer, DEMO_ROOT) == 0 || strcmp(issuer, "gn-bgs") == 0;
        para(&b, government ? "各街道办事处，区政府各部门：" : "各有关单位：", &v);
        para(&b, "为切实做好相关工作，经研究，现就{{subject}}有关事项通知如下：", &v);
        para(&b, "一、提高思想认识。各单位要充分认识做好此项工作的重要意义，切实加强组织领导，明确责任分工。", &v);
        para(&b, "二、突出工作重点。要对照任务要求，细化工作措施，加强协调配合，确保各项工作按时完成。", &v);
        para(&b, "三、强化督促落实。各单位要于规定时限内报送工作进展情况，对工作推进不力的将予以通报。", &v);
        para(&b, "{{agency_full}}\n\n{{date}}", &v);
        free(subject);
        t->agency = issuer;
        t->genre = "通知";
        t->topic = pd->topic;
        t->series = series_of(issuer, false);
    }
    t->body = finish_body(&b);
}

void demo_text_repeal_decision(gk_date written, const char *const *titles, int n, struct demo_text *t)
{
    struct vars v = {0};
    set_date_vars(&v, written);
    buf_t b = BUF_INIT;
    memset(t, 0, sizeof *t);
    t->title = expand("工农区人民政府关于废止部分行政规范性文件的决定", &v);
    para(&b, "为维护法制统一，根据行政规范性文件管理有关规定，区政府对现行有效的行政规范性文件进行了清理。"
             "经研究，决定废止以下{{k1}}件行政规范性文件：",
         &(struct vars){.k1 = n});
    for (int i = 0; i < n; i++) {
        buf_printf(&b, "%d. %s\n", i + 1, titles[i]);
    }
    buf_puts(&b, "\n");
    para(&b, "本决定自公布之日起施行。\n\n工农区人民政府\n\n{{date}}", &v);
    t->agency = DEMO_ROOT;
    t->genre = "决定";
    t->topic = "综合政务/政务公开";
    t->series = "工农政发";
    t->body = finish_body(&b);
}

void demo_text_rule(gk_date written, int order_no, struct demo_text *t)
{
    static const char *const names[] = {"工农区城市市容和环境卫生管理规定", "工农区城市供热设施保护规定"};
    struct vars v = {0};
    set_date_vars(&v, written);
    v.n = order_no;
    v.x = names[(order_no - 1) % 2];
    buf_t b = BUF_INIT;
    memset(t, 0, sizeof *t);
    t->title = expand("{{subject}}", &v);
    para(&b, "工农区人民政府令第{{n}}号", &v);
    para(&b, "《{{subject}}》已经区政府常务会议通过，现予公布，自公布之日起30日后施行。", &v);
    para(&b, "{{date}}", &v);
    para(&b, "# {{subject}}", &v);
    para(&b, "**第一条** 为了加强城市管理，创造整洁、优美的城市环境，保障公民身体健康，制定本规定。", &v);
    para(&b, "**第二条** 本规定适用于本区城市建成区范围内的相关管理活动。", &v);
    para(&b, "**第三条** 本规定自公布之日起30日后施行。", &v);
    t->agency = DEMO_ROOT;
    t->genre = "规定";
    t->topic = "城乡建设、环境保护/城市规划";
    t->series = "工农区人民政府令";
    t->body = finish_body(&b);
}

void demo_text_work_report(int year, struct demo_text *t)
{
    /* Congress terms of five years: the 18th sits 2017–2021, the 19th from 2022. */
    static const char *const cn[] = {"一", "二", "三", "四", "五"};
    struct vars v = {.y = year, .t = year <= 2021 ? "十八" : "十九", .t2 = cn[(year <= 2021 ? year - 2017 : year - 2022) % 5]};
    buf_t b = BUF_INIT;
    memset(t, 0, sizeof *t);
    t->title = expand("{{year}}年工农区人民政府工作报告", &v);
    para(&b, "——在工农区第{{topic}}届人民代表大会第{{topic2}}次会议上", &v);
    para(&b, "各位代表：现在，我代表区人民政府向大会报告工作，请予审议，并请区政协委员和其他列席人员提出意见。", &v);
    para(&b, "## 一、{{last_year}}年工作回顾", &v);
    para(&b, "过去的一年，在市委、市政府和区委的坚强领导下，区政府团结带领全区人民，稳增长、促改革、调结构、惠民生、防风险，"
             "经济社会保持平稳健康发展，各项民生实事全面完成。",
         &v);
    para(&b, "## 二、{{year}}年工作安排", &v);
    para(&b, "今年政府工作的总体要求是：坚持稳中求进工作总基调，着力推动产业转型升级，着力优化营商环境，"
             "着力保障和改善民生，着力加强政府自身建设，为建设美丽工农作出新的贡献。",
         &v);
    para(&b, "## 三、加强政府自身建设", &v);
    para(&b, "坚持依法行政，深化政务公开，自觉接受人大法律监督、工作监督和政协民主监督，主动接受社会和舆论监督。", &v);
    t->agency = DEMO_ROOT;
    t->genre = "报告";
    t->topic = "综合政务/其他";
    t->body = finish_body(&b);
}

void demo_text_annual_report(int year, const struct demo_agency *a, struct demo_text *t)
{
    struct vars v = {.y = year, .af = a->name};
    memset(t, 0, sizeof *t);
    t->agency = a->code;
    t->genre = "报告";
    t->topic = "综合政务/政务公开";
    if (year == 2018 && strcmp(a->code, DEMO_ROOT) == 0) {
        /* The seed report itself, as the district published it. */
        t->title = expand("{{agency_full}}关于{{year}}年度政府信息公开工作的报告", &v);
        t->body = demo_seed_report_markdown();
        return;
    }
    buf_t b = BUF_INIT;
    t->title = expand("{{agency_full}}{{year}}年政府信息公开工作年度报告", &v);
    para(&b, "本报告根据《中华人民共和国政府信息公开条例》要求编制，全文包括总体情况、主动公开政府信息情况、"
             "收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、"
             "其他需要报告的事项。",
         &v);
    para(&b, "本报告中所列数据的统计期限自{{year}}年1月1日起至{{year}}年12月31日止。本报告的电子版可在工农区人民政府门户网站"
             "“政府信息公开”专栏下载。如对本报告有疑问，请与{{agency_full}}联系。",
         &v);
    t->body = finish_body(&b);
}
