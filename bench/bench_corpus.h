/* The synthetic corpus and SQLite helpers shared by the search benchmarks
 * (bench_search.c, bench_search_http.c): a vocabulary of the words government notices are
 * made of, a deterministic generator of titles and bodies over it, die/exec/prepare, the
 * queries drawn from the vocabulary and the latency series they are timed into.
 * Header-only, included once by each program after it defines BENCH_NAME (its name in
 * messages). */
#ifndef GK_BENCH_CORPUS_H
#define GK_BENCH_CORPUS_H
#include "store/sqlite/sqlite_fts.h"
#include "text/search_query.h"
#include "util/buf.h"
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A vocabulary of the words government notices are made of, written for this
 * benchmark. Word i is drawn with a skewed probability (early words are
 * common), so the index has the long-tailed term distribution of real text. */

/* The visitor's text as the SQLite backend's MATCH expression (what the baseline over the
 * raw index runs). */
static char *match_of(const char *text)
{
    struct search_terms t;
    search_terms_parse(text, &t);
    char *m = sqlite_fts_match(&t, NULL);
    search_terms_free(&t);
    return m;
}

static const char vocab_text[] =
    "工作 政府 信息 公开 管理 服务 单位 部门 开展 建设 社会 发展 通知 关于 落实 加强 要求 情况 "
    "规定 有关 组织 实施 推进 全面 行政 许可 保障 企业 安全 检查 责任 制度 项目 资金 群众 办理 "
    "申请 审批 监督 政策 文件 年度 报告 计划 方案 会议 领导 干部 教育 卫生 健康 医疗 医保 社保 "
    "养老 就业 住房 交通 环境 保护 农村 城市 土地 规划 财政 预算 收入 支出 统计 经济 市场 监管 "
    "疫情 防控 应急 救助 民政 人口 户籍 公安 司法 法律 法规 规章 执法 处罚 强制 复议 诉讼 信访 "
    "投诉 举报 窗口 热线 网站 平台 数据 系统 网络 办公室 委员会 人民政府 街道办事处 社区 村委会 "
    "居民 身份证 社会保障卡 营业执照 不动产 登记 证明 材料 流程 指南 目录 公告 公示 通告 意见 "
    "办法 细则 标准 程序 期限 费用 补贴 补助 奖励 扶持 创业 培训 招聘 考试 录用 人才 科技 创新 "
    "文化 旅游 体育 水利 林业 农业 畜牧 粮食 能源 电力 消防 气象 地震 防汛 抗旱 生态 污染 治理 "
    "改革 试点 示范 考核 评估 绩效 审计 采购 招标 合同 工程 质量 价格 税收 营商 优化 便民 惠民 "
    "乡村振兴 高质量 一网通办 最多跑一次 政务 新冠病毒 疫苗 核酸 检测 学校 幼儿园 医院 养老院 "
    "残疾人 老年人 儿童 妇女 退役军人 低保 特困 临时 专项 年度报告 政府信息公开";
#define MAX_VOCAB 400
static const char *vocab[MAX_VOCAB];
static size_t nvocab;

/* Splits vocab_text into vocab[] (the words stay in the one string). */
static void vocab_init(void)
{
    static char words[sizeof vocab_text];
    memcpy(words, vocab_text, sizeof words);
    for (char *w = strtok(words, " "); w && nvocab < MAX_VOCAB; w = strtok(NULL, " "))
        vocab[nvocab++] = w;
}

static const char *const ascii_words[] = {"COVID-19", "GDP",    "5G",      "App",
                                          "PM2.5",    "ＡＢＣ", "ISO9001", "12345"};

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t rng(void) /* splitmix64: fast, deterministic, good enough */
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static double rng_unit(void)
{
    return (double)(rng() >> 11) / 9007199254740992.0;
}

static const char *skewed_word(void)
{
    double u = rng_unit();
    return vocab[(size_t)(u * u * (double)nvocab)];
}

static void gen_title(buf_t *b)
{
    buf_reset(b);
    switch (rng() % 4) {
    case 0:
        buf_printf(b, "关于%s%s%s的通知", skewed_word(), skewed_word(), skewed_word());
        break;
    case 1:
        buf_printf(b, "%d年%s%s%s", 2008 + (int)(rng() % 16), skewed_word(), skewed_word(),
                   rng() % 2 ? "年度报告" : "工作总结");
        break;
    case 2:
        buf_printf(b, "%s%s%s", skewed_word(), skewed_word(), rng() % 2 ? "办理指南" : "公示");
        break;
    default:
        buf_printf(b, "%s%s%s%s", skewed_word(), skewed_word(), skewed_word(), skewed_word());
        break;
    }
}

static void gen_body(buf_t *b)
{
    buf_reset(b);
    size_t target = 90 + rng() % 120; /* bytes: 30-70 characters */
    int since_punct = 0;
    while (b->len < target) {
        uint64_t r = rng() % 100;
        if (r < 3)
            buf_printf(b, "%d年", 2008 + (int)(rng() % 16));
        else if (r < 5)
            buf_puts(b, ascii_words[rng() % (sizeof ascii_words / sizeof *ascii_words)]);
        else
            buf_puts(b, skewed_word());
        if (++since_punct >= 3 + (int)(rng() % 4)) {
            buf_puts(b, rng() % 3 ? "，" : "、");
            since_punct = 0;
        }
    }
    buf_puts(b, "。");
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(sqlite3 *db, const char *what)
{
    fprintf(stderr, "%s: %s: %s\n", BENCH_NAME, what, db ? sqlite3_errmsg(db) : "failed");
    exit(1);
}

static void exec(sqlite3 *db, const char *sql)
{
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        die(db, sql);
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        die(db, sql);
    return st;
}

/* Queries of the four kinds a search box sees, drawn from the vocabulary:
 * one character, two, three or four (within a word or across two words that
 * may stand side by side), and two terms. Stored as the user would type them. */
enum { Q_ONE, Q_TWO, Q_THREE_FOUR, Q_TWO_TERMS, Q_KINDS };
static const char *const kind_name[Q_KINDS] = {"1 char", "2 chars", "3-4 chars", "2 terms"};

typedef struct {
    char text[64];
    int kind;
} query_t;

static void chars_of(const char *w, size_t from, size_t count, char *out, size_t *len)
{
    /* every vocabulary character is 3 bytes of UTF-8 */
    memcpy(out + *len, w + from * 3, count * 3);
    *len += count * 3;
    out[*len] = '\0';
}

static void make_query(query_t *q, int kind)
{
    size_t len = 0;
    q->kind = kind;
    const char *w = skewed_word();
    size_t wc = strlen(w) / 3;
    switch (kind) {
    case Q_ONE:
        chars_of(w, rng() % wc, 1, q->text, &len);
        break;
    case Q_TWO:
        chars_of(w, rng() % (wc - 1), 2, q->text, &len);
        break;
    case Q_THREE_FOUR: {
        size_t want = 3 + rng() % 2;
        if (wc >= want) {
            chars_of(w, rng() % (wc - want + 1), want, q->text, &len);
        } else { /* the end of one word and the start of the next */
            const char *w2 = skewed_word();
            chars_of(w, 0, wc, q->text, &len);
            size_t more = want - wc, wc2 = strlen(w2) / 3;
            chars_of(w2, 0, more < wc2 ? more : wc2, q->text, &len);
        }
        break;
    }
    default: {
        const char *w2 = skewed_word();
        snprintf(q->text, sizeof q->text, "%s %s", w, w2);
        break;
    }
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef struct {
    double ms[4096];
    long long hits;
    int n;
} series;

static double pct(series *s, double p)
{
    if (!s->n)
        return 0;
    qsort(s->ms, (size_t)s->n, sizeof *s->ms, cmp_double);
    int i = (int)(p * s->n + 0.999999) - 1;
    return s->ms[i < 0 ? 0 : i >= s->n ? s->n - 1 : i];
}

static void add(series *s, double ms, long long hits)
{
    s->ms[s->n++] = ms;
    s->hits += hits;
}

static void print_row(const char *label, series *s)
{
    printf("  %-10s %5d %10.3f %10.3f %12.0f\n", label, s->n, pct(s, 0.5), pct(s, 0.99),
           s->n ? (double)s->hits / s->n : 0.0);
}

static long env_long(const char *name, long def)
{
    const char *v = getenv(name);
    return v && *v ? strtol(v, NULL, 10) : def;
}

/* The database file: GIVEN (kept), else DIR (sized 512) made as a temporary folder and
 * PATH (sized 600) in it. False when the folder cannot be made. */
static bool bench_db_path(const char *given, char *dir, char *path)
{
    if (given) {
        snprintf(path, 600, "%s", given);
        return true;
    }
    const char *t = getenv("TMPDIR");
    snprintf(dir, 512, "%s/gk-bench-XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return false;
    }
    snprintf(path, 600, "%s/search.db", dir);
    return true;
}

#endif
