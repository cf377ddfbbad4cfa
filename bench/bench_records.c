/* Benchmarks of the foundation (issue: import 1M items < 60 s, peak memory < 200 MB;
 * a report for one agency-year over 1M items and 100k applications < 1 s on SQLite).
 *
 * Usage: bench_records [ITEMS [APPLICATIONS]]   (defaults 1,000,000 and 100,000)
 *        bench_records --generate FILE [ITEMS [APPLICATIONS]]
 *   The second form only writes the portal benchmark's dataset (bench/pages.sh): the same
 *   generator with items spread over 2019–2024 and over the portal's columns, some of
 *   them 规章 / 行政规范性文件 with a 文号 and a 成文日期.
 *
 * Every figure is printed beside a baseline measured in the same run, on the same file
 * and machine: parsing the JSON alone, and inserting the same rows with bare SQLite.
 * Nothing is asserted: a benchmark reports. */
#include "records/import.h"
#include "report/report.h"
#include "util/xalloc.h"
#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static unsigned long long rng = 42;
static unsigned rnd(unsigned n)
{
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((rng >> 33) % n);
}

/* SPREAD: items over 2019–2024 and the portal's columns (else all in 2023, in gzdt). */
static void generate(const char *path, long items, long apps, bool spread)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    static const char *const agencies[] = {"root", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8"};
    fprintf(f, "{\"type\":\"agency\",\"code\":\"root\",\"name\":\"基准区人民政府\",\"kind\":\"government\"}\n");
    for (int i = 1; i < 9; i++)
        fprintf(f, "{\"type\":\"agency\",\"code\":\"%s\",\"name\":\"部门%d\",\"parent\":\"root\",\"kind\":\"department\"}\n",
                agencies[i], i);
    static const char *const ch[] = {"website", "wechat", "weibo", "gazette", "other"};
    static const char *const words[] = {"关于", "印发", "工农区", "政府信息公开", "实施方案", "通知", "社会保障", "办事指南",
                                        "年度", "工作报告", "重大项目", "招商引资", "公告", "意见"};
    static const char *const cols[] = {"gzdt", "gzdt", "gzdt", "gkml/gsgg", "gkml/wjfg", "gkml/zdxm", "gkml/dsj",
                                       "bmfw/bszn", "bmfw/shbz", "qyzc/zsyz", "zfxxgk/zd", "zfxxgk/fdzdgknr"};
    static const char *const topics[] = {"综合政务", "综合政务/政务公开", "城乡建设、环境保护", "劳动、人事、监察",
                                         "卫生、体育", "财政、金融、审计"};
    static const char *const genres[] = {"通知", "公告", "意见", "办法", "报告"};
    char date[11], written[11];
    for (long i = 0; i < items; i++) {
        gk_date at = spread ? date_from_ymd(2019, 1, 1) + (gk_date)rnd(6 * 365) : date_from_ymd(2023, 1, 1) + (gk_date)rnd(365);
        date_format(at, date);
        fprintf(f, "{\"type\":\"item\",\"id\":\"b%ld\",\"agency\":\"%s\",\"title\":\"%s%s%s%s\",\"column\":\"%s\","
                   "\"topic\":\"%s\",",
                i, agencies[rnd(9)], words[rnd(14)], words[rnd(14)], words[rnd(14)], words[rnd(14)],
                spread ? cols[rnd(12)] : "gzdt", spread ? topics[rnd(6)] : "综合政务");
        if (spread) {
            date_format(at - (gk_date)rnd(20), written);
            fprintf(f, "\"genre\":\"%s\",\"written\":\"%s\",\"body\":\"%s%s%s。\",", genres[rnd(5)], written,
                    words[rnd(14)], words[rnd(14)], words[rnd(14)]);
            unsigned k = rnd(50);
            if (k < 2)
                fprintf(f, "\"statutory\":\"%s\",\"doc_no\":\"基政%s〔%.4s〕%ld号\",", k ? "rule" : "normative_document",
                        k ? "令" : "规", written, i);
        }
        fprintf(f, "\"publications\":[{\"channel\":\"%s\",\"at\":\"%s\"}]}\n", ch[rnd(5)], date);
    }
    static const char *const types[] = {"natural_person", "commercial_enterprise", "research_institution",
                                        "public_interest_org", "legal_service_org", "other_org"};
    static const char *const outs[] = {"disclosed", "partially_disclosed", "unavailable_not_held", "other",
                                       "withheld_third_party", "not_processed_repeated"};
    char closed[11];
    for (long i = 0; i < apps; i++) {
        gk_date r = spread ? date_from_ymd(2019, 1, 1) + (gk_date)rnd(6 * 365) : date_from_ymd(2022, 6, 1) + (gk_date)rnd(900);
        date_format(r, date);
        fprintf(f, "{\"type\":\"application\",\"id\":\"ba%ld\",\"agency\":\"%s\",\"applicant_type\":\"%s\",\"received\":\"%s\"",
                i, agencies[rnd(9)], types[rnd(6)], date);
        if (rnd(10))
            fprintf(f, ",\"closed\":\"%s\",\"outcome\":\"%s\"", date_format(r + (gk_date)rnd(40), closed), outs[rnd(6)]);
        fputs("}\n", f);
    }
    if (fclose(f) != 0) {
        perror(path);
        exit(1);
    }
}

/* Baseline 1: parse every line with jansson and do nothing else. */
static double baseline_parse(const char *path)
{
    double t0 = now();
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        json_t *j = json_loadb(line, (size_t)n, 0, NULL);
        json_decref(j);
    }
    free(line);
    fclose(f);
    return now() - t0;
}

/* Baseline 2: the same items inserted by bare SQLite (one table, one index, one transaction). */
static double baseline_sqlite(const char *dir, long items)
{
    char *path = xasprintf("%s/bare.db", dir);
    sqlite3 *db;
    sqlite3_open(path, &db);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; CREATE TABLE t(id INTEGER PRIMARY KEY, ext TEXT UNIQUE, title TEXT,"
                     " at TEXT); BEGIN", NULL, NULL, NULL);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "INSERT INTO t(ext, title, at) VALUES (?1, ?2, ?3)", -1, &st, NULL);
    double t0 = now();
    char ext[32];
    for (long i = 0; i < items; i++) {
        snprintf(ext, sizeof ext, "b%ld", i);
        sqlite3_bind_text(st, 1, ext, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, "关于印发工农区政府信息公开实施方案的通知", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, "2023-05-06", -1, SQLITE_STATIC);
        sqlite3_step(st);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    double t = now() - t0;
    sqlite3_close(db);
    unlink(path);
    free(path);
    return t;
}

int main(int argc, char **argv)
{
    if (argc > 2 && strcmp(argv[1], "--generate") == 0) {
        generate(argv[2], argc > 3 ? atol(argv[3]) : 1000000, argc > 4 ? atol(argv[4]) : 100000, true);
        return 0;
    }
    long items = argc > 1 ? atol(argv[1]) : 1000000;
    long apps = argc > 2 ? atol(argv[2]) : 100000;
    char dir[] = "/tmp/gk-bench-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char *jsonl = xasprintf("%s/records.jsonl", dir), *dbpath = xasprintf("%s/bench.db", dir);
    printf("bench_records: %ld items, %ld applications\n", items, apps);
    double t0 = now();
    generate(jsonl, items, apps, false);
    printf("  generate JSONL                %8.2f s\n", now() - t0);

    double parse = baseline_parse(jsonl);
    double bare = baseline_sqlite(dir, items);

    /* The import runs in a child so that its peak memory is its own. */
    t0 = now();
    pid_t pid = fork();
    if (pid == 0) {
        store_t *s;
        char *err = NULL;
        if (store_open(dbpath, &s, &err) || store_migrate(s, &err))
            _exit(1);
        struct import_result res;
        char *names[] = {jsonl};
        int rc = import_files(s, names, 1, false, stderr, &res);
        store_close(s);
        _exit(rc == RES_OK ? 0 : 1);
    }
    int status;
    struct rusage ru;
    wait4(pid, &status, 0, &ru);
    double import = now() - t0;
    printf("  import (gongkai)              %8.2f s  %9.0f records/s  peak RSS %6.1f MB  (target < 60 s, < 200 MB)%s\n",
           import, (items + apps) / import, ru.ru_maxrss / 1024.0, WEXITSTATUS(status) ? "  FAILED" : "");
    printf("  baseline: JSON parse only     %8.2f s  → import is %.1f× parsing\n", parse, import / parse);
    printf("  baseline: bare SQLite insert  %8.2f s  → import is %.1f× a bare insert of the items\n", bare,
           import / bare);

    store_t *s;
    char *err = NULL;
    if (store_open(dbpath, &s, &err))
        return 1;
    static const enum report_format fmts[] = {FMT_GOV2021, FMT_LEGACY2018};
    double scan0 = now();
    sqlite3 *raw;
    sqlite3_open(dbpath, &raw);
    sqlite3_exec(raw, "SELECT COUNT(*) FROM publications", NULL, NULL, NULL);
    sqlite3_close(raw);
    double scan = now() - scan0;
    for (int k = 0; k < 2; k++) {
        for (int tree = 1; tree >= 0; tree--) {
            struct agency a = {0};
            struct report r;
            double r0 = now();
            buf_t out = BUF_INIT;
            if (report_load(s, tree ? NULL : "d3", tree, 2023, fmts[k], &a, &r, &err) ||
                report_render(&r, OUT_JSON, &out, &err)) {
                fprintf(stderr, "report: %s\n", err);
                return 1;
            }
            double t = now() - r0;
            printf("  report %-10s %-4s 2023    %8.3f s  (target < 1 s; baseline COUNT(*) of all publications %.3f s, ratio %.1f)\n",
                   report_format_names[fmts[k]], tree ? "tree" : "self", t, scan, t / scan);
            buf_free(&out);
            report_clear(&r);
            agency_clear(&a);
        }
    }
    store_close(s);
    char *cmd = xasprintf("rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    free(cmd);
    free(jsonl);
    free(dbpath);
    return 0;
}
