/* Search benchmark: N synthetic Chinese items in an SQLite file indexed with
 * the gongkai FTS5 tokenizer, then the latency of a few hundred one- and
 * two-term queries of 1-4 characters, against an in-run baseline: the same
 * queries as a plain LIKE '%...%' scan. Prints figures; asserts nothing.
 *
 *   bench_search [N [DBFILE]]     N defaults to 1,000,000
 *
 * Without DBFILE the database goes to a temporary folder and is removed at
 * the end. With DBFILE it is kept, and a later run with the same N reuses it
 * (generation is deterministic, so the data would be the same anyway).
 * BENCH_QUERIES (default 300) and BENCH_LIKE_QUERIES (default 30; each one
 * scans every row) change the number of queries. */
#include "store/sqlite/sqlite_fts.h"
#include "text/search_query.h"
#include "text/tokenize.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define GENERATOR_VERSION 1
#define BOUNDED_RANK_STR "10000"

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
    fprintf(stderr, "bench_search: %s: %s\n", what, db ? sqlite3_errmsg(db) : "failed");
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

static long long query_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = prepare(db, sql);
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

static int count_token(void *ctx, const char *tok, size_t tok_len, size_t start, size_t end,
                       int flags)
{
    (void)tok, (void)tok_len, (void)start, (void)end, (void)flags;
    (*(size_t *)ctx)++;
    return 0;
}

static void generate(sqlite3 *db, long n)
{
    exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;"
             "CREATE TABLE items(id INTEGER PRIMARY KEY, agency TEXT NOT NULL,"
             " year INTEGER NOT NULL, title TEXT NOT NULL, body TEXT);"
             "CREATE VIRTUAL TABLE item_fts USING fts5(title, body, content='items',"
             " content_rowid='id', tokenize='gongkai');"
             "CREATE TABLE bench_meta(n INTEGER, version INTEGER);");
    sqlite3_stmt *ins = prepare(db, "INSERT INTO items VALUES (?1, ?2, ?3, ?4, ?5)");
    buf_t title = BUF_INIT, body = BUF_INIT;
    double t0 = now(), tok_time = 0;
    size_t bytes = 0, tokens = 0;
    exec(db, "BEGIN");
    for (long i = 1; i <= n; i++) {
        gen_title(&title);
        gen_body(&body);
        bytes += title.len + body.len;
        if (i <= 100000) { /* the tokenizer alone, on a sample */
            double a = now();
            tokenize(title.data, title.len, TOKENIZE_DOCUMENT, count_token, &tokens);
            tokenize(body.data, body.len, TOKENIZE_DOCUMENT, count_token, &tokens);
            tok_time += now() - a;
        }
        char agency[16];
        snprintf(agency, sizeof agency, "a%02d", (int)(rng() % 40));
        sqlite3_bind_int64(ins, 1, i);
        sqlite3_bind_text(ins, 2, agency, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(ins, 3, 2008 + (int)(rng() % 16));
        sqlite3_bind_text(ins, 4, title.data, (int)title.len, SQLITE_STATIC);
        sqlite3_bind_text(ins, 5, body.data, (int)body.len, SQLITE_STATIC);
        if (sqlite3_step(ins) != SQLITE_DONE)
            die(db, "insert");
        sqlite3_reset(ins);
    }
    exec(db, "COMMIT");
    sqlite3_finalize(ins);
    double t1 = now();
    long sample = n < 100000 ? n : 100000;
    printf("generate + insert %ld items: %.1f s (%.0f items/s), %.1f MB of text, avg %.0f "
           "bytes/item\n",
           n, t1 - t0, (double)n / (t1 - t0), (double)bytes / 1e6, (double)bytes / (double)n);
    printf("tokenizer alone (first %ld items): %.1f MB/s, %.1f M tokens/s, %.1f tokens/item\n",
           sample, (double)bytes / (double)n * (double)sample / 1e6 / tok_time,
           (double)tokens / 1e6 / tok_time, (double)tokens / (double)sample);
    exec(db, "BEGIN; INSERT INTO item_fts(item_fts) VALUES ('rebuild');"
             " INSERT INTO item_fts(item_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)'); COMMIT");
    double t2 = now();
    printf("FTS5 index build ('rebuild'): %.1f s (%.0f items/s)\n", t2 - t1, (double)n / (t2 - t1));
    exec(db, "INSERT INTO item_fts(item_fts) VALUES ('optimize')");
    double t3 = now();
    printf("FTS5 'optimize' (merge to one segment): %.1f s\n", t3 - t2);
    char meta[100];
    snprintf(meta, sizeof meta, "INSERT INTO bench_meta VALUES (%ld, %d)", n, GENERATOR_VERSION);
    exec(db, meta);
    buf_free(&title);
    buf_free(&body);
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

/* Runs st with ?1 = a (and ?2 = b when given) to completion; returns
 * milliseconds and adds the row count (or, with count_col, the count(*)
 * value) to *hits. */
static double timed(sqlite3 *db, sqlite3_stmt *st, const char *a, const char *b, int count_col,
                    long long *hits)
{
    double t = now();
    sqlite3_bind_text(st, 1, a, -1, SQLITE_TRANSIENT);
    if (b)
        sqlite3_bind_text(st, 2, b, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        *hits += count_col ? sqlite3_column_int64(st, 0) : 1;
    if (rc != SQLITE_DONE)
        die(db, a);
    sqlite3_reset(st);
    return (now() - t) * 1e3;
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

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0); /* progress shows during a long run */
    vocab_init();
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000;
    int nq = (int)env_long("BENCH_QUERIES", 300);
    int nlike = (int)env_long("BENCH_LIKE_QUERIES", 30);
    if (n < 1 || nq < Q_KINDS || nq > 4000 || nlike < 0 || nlike > nq) {
        fprintf(stderr, "usage: bench_search [N [DBFILE]]  (BENCH_QUERIES 4..4000, "
                        "BENCH_LIKE_QUERIES <= BENCH_QUERIES)\n");
        return 2;
    }
    char dir[512] = "", path[600];
    if (argc > 2) {
        snprintf(path, sizeof path, "%s", argv[2]);
    } else {
        const char *t = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/gk-bench-XXXXXX", t && *t ? t : "/tmp");
        if (!mkdtemp(dir)) {
            perror("mkdtemp");
            return 1;
        }
        snprintf(path, sizeof path, "%s/search.db", dir);
    }
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK || sqlite_fts_register(db) != SQLITE_OK)
        die(db, path);
    printf("bench_search: %ld items, database %s (SQLite %s)\n", n, path, sqlite3_libversion());
    int reuse = 0;
    if (query_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'bench_meta'") == 1) {
        char sql[100];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM bench_meta WHERE n = %ld AND version = %d",
                 n, GENERATOR_VERSION);
        reuse = query_int(db, sql) == 1;
        if (!reuse) {
            fprintf(stderr, "bench_search: %s holds other data; remove it first\n", path);
            return 1;
        }
        printf("reusing the items and index already in %s\n", path);
    }
    if (!reuse)
        generate(db, n);
    struct stat sb;
    if (stat(path, &sb) == 0)
        printf("database size: %.1f MB (%.0f bytes/item)\n", (double)sb.st_size / 1e6,
               (double)sb.st_size / (double)n);
    exec(db, "PRAGMA cache_size=-65536");

    rng_state = 42; /* the same queries whatever was generated before */
    query_t *qs = xcalloc((size_t)nq, sizeof *qs);
    for (int i = 0; i < nq; i++)
        make_query(&qs[i], i % Q_KINDS);

    /* The page queries a portal can run, each timed on every query. */
    static const struct {
        const char *label, *sql;
    } pages[] = {
        {"ranked page: ORDER BY rank LIMIT 20, with highlight()",
         "SELECT rowid, highlight(item_fts, 0, '<mark>', '</mark>') FROM item_fts"
         " WHERE item_fts MATCH ?1 ORDER BY rank LIMIT 20"},
        /* bm25 has to score every hit before the first row of a ranked page
         * exists, so its cost grows with the hit count; newest-first stops
         * after 20 hits. */
        {"newest-first page: ORDER BY rowid DESC LIMIT 20, with highlight()",
         "SELECT rowid, highlight(item_fts, 0, '<mark>', '</mark>') FROM item_fts"
         " WHERE item_fts MATCH ?1 ORDER BY rowid DESC LIMIT 20"},
    };
    enum { NPAGES = sizeof pages / sizeof *pages };
    sqlite3_stmt *page[NPAGES];
    for (int p = 0; p < NPAGES; p++)
        page[p] = prepare(db, pages[p].sql);
    sqlite3_stmt *count = prepare(db, "SELECT count(*) FROM item_fts WHERE item_fts MATCH ?1");
    char **match = xcalloc((size_t)nq, sizeof *match);
    for (int i = 0; i < nq; i++)
        match[i] = match_of(qs[i].text);

    /* warm the page cache once, so every figure below is a warm-cache figure */
    long long ignore = 0;
    for (int i = 0; i < nq; i++)
        timed(db, count, match[i], NULL, 1, &ignore);

    /* A middle way, in two steps: rank only the newest BOUNDED_RANK hits
     * (bounded cost, at the price of missing an old but very relevant item),
     * then highlight() just the 20 ids found. One statement with
     * "rowid IN (subquery)" is much slower: FTS5 then walks every hit. */
    sqlite3_stmt *bounded_ids = prepare(
        db, "SELECT id FROM (SELECT rowid AS id, rank AS r FROM item_fts WHERE item_fts MATCH ?1"
            " ORDER BY rowid DESC LIMIT " BOUNDED_RANK_STR ") ORDER BY r, id LIMIT 20");
    sqlite3_stmt *bounded_hl = prepare(
        db, "SELECT rowid, highlight(item_fts, 0, '<mark>', '</mark>') FROM item_fts"
            " WHERE item_fts MATCH ?1 AND rowid IN (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
            " ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)");

    static series page_s[NPAGES + 1][Q_KINDS + 1], count_s[Q_KINDS + 1];
    for (int i = 0; i < nq; i++) {
        int k = qs[i].kind;
        for (int p = 0; p < NPAGES; p++) {
            long long h = 0;
            double ms = timed(db, page[p], match[i], NULL, 0, &h);
            add(&page_s[p][k], ms, h);
            add(&page_s[p][Q_KINDS], ms, h);
        }
        double t = now();
        sqlite3_bind_text(bounded_ids, 1, match[i], -1, SQLITE_TRANSIENT);
        sqlite3_clear_bindings(bounded_hl);
        sqlite3_bind_text(bounded_hl, 1, match[i], -1, SQLITE_TRANSIENT);
        for (int p = 2; sqlite3_step(bounded_ids) == SQLITE_ROW; p++)
            sqlite3_bind_int64(bounded_hl, p, sqlite3_column_int64(bounded_ids, 0));
        sqlite3_reset(bounded_ids);
        long long h = 0;
        while (sqlite3_step(bounded_hl) == SQLITE_ROW)
            h++;
        sqlite3_reset(bounded_hl);
        add(&page_s[NPAGES][k], (now() - t) * 1e3, h);
        add(&page_s[NPAGES][Q_KINDS], (now() - t) * 1e3, h);
        h = 0;
        double ms = timed(db, count, match[i], NULL, 1, &h);
        add(&count_s[k], ms, h);
        add(&count_s[Q_KINDS], ms, h);
    }
    printf("\nFTS5 + gongkai tokenizer, %d queries, warm cache\n", nq);
    for (int p = 0; p <= NPAGES; p++) {
        printf(" %s\n", p < NPAGES ? pages[p].label
                                   : "ranked among the newest " BOUNDED_RANK_STR
                                     " hits, then highlight() of those 20");
        printf("  %-10s %5s %10s %10s %12s\n", "kind", "n", "p50 ms", "p99 ms", "mean rows");
        for (int k = 0; k <= Q_KINDS; k++)
            print_row(k < Q_KINDS ? kind_name[k] : "all", &page_s[p][k]);
    }
    printf(" count(*) of all hits\n");
    printf("  %-10s %5s %10s %10s %12s\n", "kind", "n", "p50 ms", "p99 ms", "mean hits");
    for (int k = 0; k <= Q_KINDS; k++)
        print_row(k < Q_KINDS ? kind_name[k] : "all", &count_s[k]);

    /* Baseline: the same count with LIKE over title and body, a full scan of
     * every row, on an evenly spread sample of the queries (it is slow). The
     * FTS figure for the ratio is measured on the same sample. */
    if (nlike > 0) {
        sqlite3_stmt *like1 =
            prepare(db, "SELECT count(*) FROM items"
                        " WHERE title LIKE '%'||?1||'%' OR body LIKE '%'||?1||'%'");
        sqlite3_stmt *like2 =
            prepare(db, "SELECT count(*) FROM items"
                        " WHERE (title LIKE '%'||?1||'%' OR body LIKE '%'||?1||'%')"
                        " AND (title LIKE '%'||?2||'%' OR body LIKE '%'||?2||'%')");
        static series like_s, fts_s;
        long long mismatches = 0;
        for (int j = 0; j < nlike; j++) {
            int i = (int)((long)j * nq / nlike);
            long long lh = 0, fh = 0;
            char a[64];
            snprintf(a, sizeof a, "%s", qs[i].text);
            char *b = strchr(a, ' ');
            if (b)
                *b++ = '\0';
            double ms = timed(db, b ? like2 : like1, a, b, 1, &lh);
            add(&like_s, ms, lh);
            ms = timed(db, count, match[i], NULL, 1, &fh);
            add(&fts_s, ms, fh);
            /* for strings of Chinese characters both mean "contains": the
             * counts must agree, a check on the index printed below */
            mismatches += lh != fh;
        }
        double lp50 = pct(&like_s, 0.5), fp50 = pct(&fts_s, 0.5);
        double lp99 = pct(&like_s, 0.99), fp99 = pct(&fts_s, 0.99);
        printf(
            "\nbaseline: LIKE '%%...%%' full scan of %ld rows, %d of the queries (count of hits)\n",
            n, nlike);
        printf("  %-10s %5s %10s %10s %12s\n", "", "n", "p50 ms", "p99 ms", "mean hits");
        print_row("LIKE", &like_s);
        print_row("FTS5", &fts_s);
        printf("  ratio LIKE/FTS5: p50 %.0fx, p99 %.0fx; queries whose counts differ: %lld\n",
               fp50 > 0 ? lp50 / fp50 : 0, fp99 > 0 ? lp99 / fp99 : 0, mismatches);
        sqlite3_finalize(like1);
        sqlite3_finalize(like2);
    }

    for (int i = 0; i < nq; i++)
        free(match[i]);
    free(match);
    free(qs);
    for (int p = 0; p < NPAGES; p++)
        sqlite3_finalize(page[p]);
    sqlite3_finalize(bounded_ids);
    sqlite3_finalize(bounded_hl);
    sqlite3_finalize(count);
    sqlite3_close(db);
    if (dir[0]) {
        unlink(path);
        rmdir(dir);
    }
    return 0;
}
