/* Search end to end: text/search_query + the gongkai tokenizer in a real SQLite
 * FTS5 table (store/sqlite_fts) over a fixture corpus of government items. */
#include "store/sqlite/sqlite_fts.h"
#include "test.h"
#include "text/highlight.h"
#include "text/search_query.h"
#include "text/tokenize.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <sqlite3.h>

typedef struct {
    int id;
    const char *agency;
    int year;
    const char *title;
    const char *body;
} doc;

/* What a visitor typed as the backend's MATCH expression: the terms of search_query.h,
 * then the FTS5 form of sqlite_fts.c. NULL when nothing is searchable. */
static char *match_of(const char *user, const char *column)
{
    struct search_terms t;
    search_terms_parse(user, &t);
    char *m = sqlite_fts_match(&t, column);
    search_terms_free(&t);
    return m;
}

/* Written so that near misses exist: 27 has 保障 and 卡 but not 保障卡; 2 has
 * 2018 and 年度 but not 2018年度; 9 and 10 spell ABC123 in both widths; 34
 * holds FTS5 operator words as plain text. */

static const doc corpus[] = {
    {1, "gov", 2019, "关于印发工农区政府信息公开指南的通知",
     "各街道、各部门：现将《工农区政府信息公开指南》印发给你们，请认真贯彻执行。"},
    {2, "gov", 2019, "工农区人民政府2018年政府信息公开工作年度报告",
     "本报告根据《中华人民共和国政府信息公开条例》要求编制，内容包括总体情况、主动公开情况等。"},
    {3, "stats", 2019, "2018年度报告", "2018年度统计工作总结。"},
    {4, "gov", 2020, "行政许可事项目录",
     "本目录列明区级行政许可事项，包括许可依据、办理时限和收费标准。"},
    {5, "hr", 2021, "社会保障卡办理指南",
     "申领社会保障卡需携带居民身份证原件，到区人力资源和社会保障局窗口办理。"},
    {6, "hr", 2021, "社保卡挂失补办流程", "社保卡遗失后，可拨打12333热线挂失，并到窗口补办新卡。"},
    {7, "health", 2020, "关于做好COVID-19疫情防控工作的通知",
     "各单位要落实covid-19防控措施，做好人员健康监测。"},
    {8, "health", 2021, "新冠肺炎疫情防控常见问题解答",
     "新冠病毒感染的主要症状包括发热、干咳、乏力等。COVID-19 vaccine information."},
    {9, "dev", 2022, "ＡＢＣ１２３项目公示",
     "项目编号ＡＢＣ１２３，建设单位为工农区城市建设投资公司。"},
    {10, "dev", 2022, "abc123 second notice", "The project ABC123 is under review."},
    {11, "hr", 2021, "医疗保障局2020年工作总结",
     "全年完成医保基金监管检查，医疗保障水平稳步提高。"},
    {12, "housing", 2020, "保障性住房申请条件",
     "申请保障性住房须符合收入、住房等条件，具体见附件。"},
    {13, "police", 2020, "行政处罚决定书",
     "当事人违反《中华人民共和国道路交通安全法》，依法作出行政处罚。"},
    {14, "gov", 2022, "关于公开征求意见的公告",
     "现就《工农区行政规范性文件管理办法（征求意见稿）》公开征求意见。"},
    {15, "gov", 2019, "政府信息公开申请表",
     "申请人可通过信函、网络、当面等方式提交政府信息公开申请。"},
    {16, "health", 2021, "卫生健康委员会机构职能", "负责全区卫生健康工作，拟订卫生健康政策。"},
    {17, "civil", 2021, "社会救助政策解读", "最低生活保障、特困人员救助供养等社会救助政策问答。"},
    {18, "hr", 2023, "养老保险缴费基数调整", "2023年度城镇职工基本养老保险缴费基数上下限调整。"},
    {19, "finance", 2018, "二〇一八年财政预算公开", "二〇一八年一般公共预算收入情况说明。"},
    {20, "edu", 2022, "教育局招生入学政策", "义务教育阶段招生实行划片入学，免试就近入学。"},
    {21, "env", 2022, "环境保护行政许可公示", "对建设项目环境影响评价文件作出行政许可决定。"},
    {22, "safety", 2021, "关于开展安全生产大检查的通知",
     "各企业要开展安全隐患排查，落实安全生产责任制。"},
    {23, "gov", 2023, "Open Government Information Guide",
     "This guide explains how to request government information in Gongnong District."},
    {24, "agri", 2019, "农村土地承包经营权确权登记", "开展农村土地承包经营权确权登记颁证工作。"},
    {25, "urban", 2020, "城市管理综合执法", "开展城市管理综合行政执法，规范执法行为。"},
    {26, "stats", 2023, "统计公报", "工农区2022年国民经济和社会发展统计公报。"},
    {27, "hr", 2022, "关于社会保障，卡片管理的说明", "社会保障与卡片管理分开说明。"},
    {28, "gov", 2023, "工农区政务服务中心", "政务服务中心提供社保、医保、公积金等一站式服务。"},
    {29, "gov", 2020, "公开目录", "主动公开政府信息目录。"},
    {30, "gov", 2023, "政府网站年度报表", "政府网站2022年度工作报表，网站访问量统计。"},
    {31, "hr", 2022, "工作简报", "本期简报介绍社保卡发放进度。"},
    {32, "hr", 2022, "就业创业补贴申领", "符合条件人员可到窗口申领补贴。"},
    {33, "hr", 2022, "补贴发放公告", "本月就业创业补贴已发放。"},
    {34, "gov", 2023, "Query syntax note", "Use a OR b here, NEAR( the title: x) AND NOT *."},
};
#define NDOCS ((int)(sizeof corpus / sizeof *corpus))

static sqlite3 *db;

static int exec(const char *sql)
{
    char *err = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
    if (rc != SQLITE_OK)
        fprintf(stderr, "  sql error: %s\n  in: %.200s\n", err ? err : "?", sql);
    sqlite3_free(err);
    return rc;
}

static void open_db(void)
{
    char path[600];
    snprintf(path, sizeof path, "%s/search.db", test_tmpdir());
    CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
    CHECK_INT(sqlite_fts_register(db), SQLITE_OK);
    CHECK_INT(sqlite_fts_register(db), SQLITE_OK); /* again: replaces, no error */
    /* the declaration and triggers documented in sqlite_fts.h */
    static const char schema[] =
        "CREATE TABLE items(id INTEGER PRIMARY KEY, agency TEXT NOT NULL,"
        " year INTEGER NOT NULL, title TEXT NOT NULL, body TEXT);"
        "CREATE VIRTUAL TABLE item_fts USING fts5(title, body, content='items',"
        " content_rowid='id', tokenize='gongkai');"
        "CREATE TRIGGER items_ai AFTER INSERT ON items BEGIN"
        " INSERT INTO item_fts(rowid, title, body) VALUES (new.id, new.title, new.body);"
        " END;"
        "CREATE TRIGGER items_ad AFTER DELETE ON items BEGIN"
        " INSERT INTO item_fts(item_fts, rowid, title, body)"
        " VALUES ('delete', old.id, old.title, old.body); END;"
        "CREATE TRIGGER items_au AFTER UPDATE OF title, body ON items BEGIN"
        " INSERT INTO item_fts(item_fts, rowid, title, body)"
        " VALUES ('delete', old.id, old.title, old.body);"
        " INSERT INTO item_fts(rowid, title, body) VALUES (new.id, new.title, new.body);"
        " END;"
        "INSERT INTO item_fts(item_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');";
    CHECK_INT(exec(schema), SQLITE_OK);
    sqlite3_stmt *st;
    CHECK_INT(
        sqlite3_prepare_v2(db, "INSERT INTO items VALUES (?1, ?2, ?3, ?4, ?5)", -1, &st, NULL),
        SQLITE_OK);
    exec("BEGIN");
    for (int i = 0; i < NDOCS; i++) {
        sqlite3_bind_int(st, 1, corpus[i].id);
        sqlite3_bind_text(st, 2, corpus[i].agency, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, corpus[i].year);
        sqlite3_bind_text(st, 4, corpus[i].title, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, corpus[i].body, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            CHECK(!"insert fixture");
        sqlite3_reset(st);
    }
    exec("COMMIT");
    sqlite3_finalize(st);
    /* the index is internally consistent with the content table */
    CHECK_INT(exec("INSERT INTO item_fts(item_fts, rank) VALUES ('integrity-check', 1)"),
              SQLITE_OK);
}

/* Runs sql with ?1 = the MATCH text built from user and collects the first
 * column of every row as "a,b,c"; "" for no row, "NULL" when the builder found
 * nothing searchable, "ERR: ..." on any SQLite error. The caller frees. */
static char *run(const char *sql, const char *user, const char *bind2)
{
    char *q = match_of(user, NULL);
    if (!q)
        return xstrdup("NULL");
    sqlite3_stmt *st = NULL;
    buf_t out = BUF_INIT;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, q, -1, SQLITE_TRANSIENT);
        if (bind2)
            sqlite3_bind_text(st, 2, bind2, -1, SQLITE_TRANSIENT);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            if (out.len)
                buf_putc(&out, ',');
            const unsigned char *v = sqlite3_column_text(st, 0);
            buf_puts(&out, v ? (const char *)v : "(null)");
        }
    }
    if (rc != SQLITE_DONE) {
        buf_reset(&out);
        buf_printf(&out, "ERR: %s [%s]", sqlite3_errmsg(db), q);
    }
    sqlite3_finalize(st);
    free(q);
    return buf_take(&out);
}

#define IDS_SQL "SELECT rowid FROM item_fts WHERE item_fts MATCH ?1 ORDER BY rowid"

#define CHECK_IDS(user, want)                                                                      \
    do {                                                                                           \
        char *r_ = run(IDS_SQL, (user), NULL);                                                     \
        CHECK_STR(r_, (want));                                                                     \
        free(r_);                                                                                  \
    } while (0)

static void test_query_builder(void)
{
    char *q;
    CHECK_STR(q = match_of("社保 卡", NULL), "\"社保\" AND \"卡\"");
    free(q);
    CHECK_STR(q = match_of("a\"b", NULL), "\"a\"\"b\"");
    free(q);
    /* ideographic and no-break spaces separate terms; tabs and newlines too */
    CHECK_STR(q = match_of("社保\xE3\x80\x80卡\xC2\xA0"
                                     "医保\t\n", NULL),
              "\"社保\" AND \"卡\" AND \"医保\"");
    free(q);
    /* an invalid byte is a space: the expression stays valid UTF-8 */
    CHECK_STR(q = match_of("社保\xFF卡\xE4", NULL), "\"社保\" AND \"卡\"");
    free(q);
    /* operators are words, punctuation-only terms are dropped */
    CHECK_STR(q = match_of("a OR - b * 《》", NULL), "\"a\" AND \"OR\" AND \"b\"");
    free(q);
    CHECK(match_of(NULL, NULL) == NULL);
    CHECK(match_of("", NULL) == NULL);
    CHECK(match_of(" \t　 ", NULL) == NULL);
    CHECK(match_of("，。！？ - * ( ) \"", NULL) == NULL);
    CHECK(match_of("\xFF\xFE\x80", NULL) == NULL);
    CHECK_STR(q = match_of("社保 x", "title"),
              "\"title\" : \"社保\" AND \"title\" : \"x\"");
    free(q);
    CHECK(match_of("社保", "ti tle") == NULL);
    CHECK(match_of("社保", "1x") == NULL);
    CHECK(match_of("社保", "") == NULL);
    CHECK(sqlite_fts_match(&(struct search_terms){0}, NULL) == NULL); /* no term */
    CHECK(match_of("，", "title") == NULL);

    /* bounds: at most SEARCH_QUERY_MAX_TERMS terms, terms cut at a character */
    buf_t in = BUF_INIT;
    for (int i = 0; i < SEARCH_QUERY_MAX_TERMS + 5; i++)
        buf_printf(&in, "w%d ", i);
    q = match_of(in.data, NULL);
    int ands = 0;
    for (const char *p = q; (p = strstr(p, " AND ")); p++)
        ands++;
    CHECK_INT(ands, SEARCH_QUERY_MAX_TERMS - 1);
    free(q);
    buf_reset(&in);
    for (int i = 0; i < 100; i++)
        buf_puts(&in, "社"); /* 300 bytes */
    q = match_of(in.data, NULL);
    CHECK_INT(strlen(q), 2 + SEARCH_QUERY_MAX_TERM_BYTES / 3 * 3);
    free(q);
    buf_free(&in);
}

static void test_exact_sets(void)
{
    /* one Chinese character */
    CHECK_IDS("卡", "5,6,27,31");
    CHECK_IDS("网", "15,30");
    CHECK_IDS("〇", "19");
    /* two */
    CHECK_IDS("社保", "6,28,31");
    CHECK_IDS("许可", "4,21");
    CHECK_IDS("行政", "4,13,14,21,25");
    CHECK_IDS("保障", "5,11,12,17,27");
    /* three and more: exact strings, no match across the comma of 27 */
    CHECK_IDS("保障卡", "5");
    CHECK_IDS("社会保障", "5,27");
    CHECK_IDS("社会保障卡办理", "5");
    CHECK_IDS("政府信息公开", "1,2,15");
    CHECK_IDS("二〇一八年", "19");
    CHECK_IDS("障卡", "5");
    CHECK_IDS("卡办理指南的", "");
    /* several terms: all must match */
    CHECK_IDS("社会 政策", "17");
    CHECK_IDS("公开 指南", "1");
    CHECK_IDS("社保 窗口", "6");
    CHECK_IDS("行政 许可 公示", "21");
    CHECK_IDS("社保 不存在", "");
    /* ASCII words, any case and width */
    CHECK_IDS("covid", "7,8");
    CHECK_IDS("COVID-19", "7,8");
    CHECK_IDS("ＣＯＶＩＤ－１９", "7,8");
    CHECK_IDS("covid19", "");
    CHECK_IDS("ABC123", "9,10");
    CHECK_IDS("ＡＢＣ１２３", "9,10");
    CHECK_IDS("abc", "");
    CHECK_IDS("Government INFORMATION", "23");
    CHECK_IDS("12333", "6");
    /* mixed Chinese and ASCII in one term: a phrase across the boundary */
    CHECK_IDS("2018年度", "3");
    CHECK_IDS("2018", "2,3");
    CHECK_IDS("2018年", "2,3");
    CHECK_IDS("covid-19防控", "7");
    CHECK_IDS("ＡＢＣ１２３项目", "9");
    CHECK_IDS("2022年度", "30");
    CHECK_IDS("疫情 vaccine", "8");
}

/* Every Chinese substring of 1-4 characters of every fixture text, searched,
 * must return exactly the documents whose title or body contains it. */
typedef struct {
    const char *text;
    size_t start[512];
    size_t end[512];
    int n;
} runs_t;

static int collect_chars(void *ctx, const char *tok, size_t tok_len, size_t start, size_t end,
                         int flags)
{
    runs_t *r = ctx;
    (void)tok, (void)flags;
    /* document mode: a non-colocated CJK unigram is one character */
    if (!(flags & TOKENIZE_COLOCATED) && (unsigned char)tok[0] >= 0xE3 && tok_len == end - start &&
        r->n < 512) {
        r->start[r->n] = start;
        r->end[r->n] = end;
        r->n++;
    }
    return 0;
}

static void test_oracle(void)
{
    int queries = 0, wrong = 0;
    for (int d = 0; d < NDOCS; d++) {
        for (int col = 0; col < 2; col++) {
            runs_t r;
            r.text = col ? corpus[d].body : corpus[d].title;
            r.n = 0;
            tokenize(r.text, strlen(r.text), TOKENIZE_DOCUMENT, collect_chars, &r);
            for (int i = 0; i < r.n; i++) {
                for (int k = 1; k <= 4 && i + k <= r.n; k++) {
                    /* only characters next to each other: a substring of the text */
                    int contiguous = 1;
                    for (int j = i + 1; j < i + k; j++)
                        if (r.start[j] != r.end[j - 1])
                            contiguous = 0;
                    if (!contiguous)
                        break;
                    char term[64];
                    size_t len = r.end[i + k - 1] - r.start[i];
                    memcpy(term, r.text + r.start[i], len);
                    term[len] = '\0';
                    buf_t want = BUF_INIT;
                    for (int e = 0; e < NDOCS; e++)
                        if (strstr(corpus[e].title, term) || strstr(corpus[e].body, term)) {
                            if (want.len)
                                buf_putc(&want, ',');
                            buf_printf(&want, "%d", corpus[e].id);
                        }
                    char *got = run(IDS_SQL, term, NULL);
                    queries++;
                    if (strcmp(got, buf_str(&want)) != 0) {
                        if (wrong++ < 5)
                            fprintf(stderr, "  oracle: [%s] got {%s} want {%s}\n", term, got,
                                    buf_str(&want));
                    }
                    free(got);
                    buf_free(&want);
                }
            }
        }
    }
    CHECK(queries > 3000);
    CHECK_INT(wrong, 0);
}

static void test_hostile_input(void)
{
    static const char *const inputs[] = {
        "\"",
        "'",
        "(",
        ")",
        "*",
        "NEAR(",
        "a OR b",
        "title:x",
        "-",
        "",
        "，。！",
        "\xFF\xFE",
        "社保\"",
        "\"社保",
        "社保*",
        "^社保",
        "NOT 社保",
        "AND",
        "OR",
        "NOT",
        "(社保) OR (卡",
        "{title}: 社保",
        "title : 社保",
        "NEAR(社保 卡, 2)",
        "社保 -卡",
        "+",
        "\\",
        "a\"b",
        "\"\"",
        "\"\"\"",
        "'); DROP TABLE items; --",
        "\xE7\xA4",
        "社\xE4\xB8保",
        "：",
        "title:",
        ":社保",
        "社保:",
        "body:社保",
        "- -",
        "* *",
        "NEAR",
        "near/3",
        "{",
        "}",
        "[",
        "]",
        "\x01",
        "%",
        "_",
        "社保 AND",
        "AND 社保",
        "OR OR OR",
        "\"社保\" \"卡\"",
        "col:",
        "rank",
        "item_fts",
    };
    int errors = 0;
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        char *r = run(IDS_SQL, inputs[i], NULL);
        if (!strncmp(r, "ERR", 3)) {
            errors++;
            fprintf(stderr, "  hostile [%s]: %s\n", inputs[i], r);
        }
        free(r);
        /* the same through the column filter */
        char *q = match_of(inputs[i], "title");
        if (q) {
            sqlite3_stmt *st;
            int rc = sqlite3_prepare_v2(db, IDS_SQL, -1, &st, NULL);
            sqlite3_bind_text(st, 1, q, -1, SQLITE_TRANSIENT);
            while ((rc = sqlite3_step(st)) == SQLITE_ROW)
                ;
            if (rc != SQLITE_DONE) {
                errors++;
                fprintf(stderr, "  hostile title [%s]: %s\n", inputs[i], sqlite3_errmsg(db));
            }
            sqlite3_finalize(st);
            free(q);
        }
    }
    CHECK_INT(errors, 0);
    /* a long paste of mixed garbage */
    buf_t big = BUF_INIT;
    for (int i = 0; i < 2000; i++)
        buf_puts(&big, i % 3 ? "社保\"(*" : " OR NEAR( ");
    char *r = run(IDS_SQL, big.data, NULL);
    CHECK(strncmp(r, "ERR", 3) != 0);
    free(r);
    buf_free(&big);

    /* and all of it means its literal words */
    CHECK_IDS("a OR b", "34");
    CHECK_IDS("title:x", "34");
    CHECK_IDS("NEAR(", "34");
    CHECK_IDS("AND NOT *", "34");
    CHECK_IDS("(社保) OR (卡", "");        /* needs the word "or" as well */
    CHECK_IDS("社保\" 卡\"", "6,31");      /* quotes are punctuation */
    CHECK_IDS("社保*", "6,28,31");         /* no prefix search sneaks in */
    CHECK_IDS("社保 - 《》 *", "6,28,31"); /* punctuation terms are dropped, not ANDed */
    CHECK_IDS("-", "NULL");
    CHECK_IDS("", "NULL");
    CHECK_IDS("，。！", "NULL");
    CHECK_IDS("\xFF\xFE", "NULL");
    CHECK_IDS("社\xE4\xB8保", "5,6,17,27,28,31"); /* 社 AND 保: the bad bytes split */
}

static void test_column_filter_and_filters(void)
{
    /* title only: 28 and 31 have 社保 in the body only */
    char *q = match_of("社保", "title");
    sqlite3_stmt *st;
    CHECK_INT(sqlite3_prepare_v2(db, IDS_SQL, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, q, -1, SQLITE_TRANSIENT);
    buf_t ids = BUF_INIT;
    while (sqlite3_step(st) == SQLITE_ROW)
        buf_printf(&ids, "%s%d", ids.len ? "," : "", sqlite3_column_int(st, 0));
    CHECK_STR(buf_str(&ids), "6");
    sqlite3_finalize(st);
    buf_free(&ids);
    free(q);

    /* filters are plain WHERE terms on the content table */
    const char *by_agency = "SELECT i.id FROM item_fts JOIN items i ON i.id = item_fts.rowid"
                            " WHERE item_fts MATCH ?1 AND i.agency = ?2 ORDER BY i.id";
    char *r = run(by_agency, "公开", "gov");
    CHECK_STR(r, "1,2,14,15,29");
    free(r);
    r = run(by_agency, "保障", "hr");
    CHECK_STR(r, "5,11,27");
    free(r);
    const char *by_year = "SELECT i.id FROM item_fts JOIN items i ON i.id = item_fts.rowid"
                          " WHERE item_fts MATCH ?1 AND i.year = CAST(?2 AS INTEGER) ORDER BY i.id";
    r = run(by_year, "政府", "2019");
    CHECK_STR(r, "1,2,15");
    free(r);
}

static void test_ranking(void)
{
    const char *ranked = "SELECT rowid FROM item_fts WHERE item_fts MATCH ?1 ORDER BY rank, rowid";
    /* 32 has 创业 in its title, 33 only in its body: the title weight wins */
    char *r = run(ranked, "创业", NULL);
    CHECK_STR(r, "32,33");
    free(r);
    /* and the weight is what decides: give the body the weight, the order flips */
    r = run("SELECT rowid FROM item_fts WHERE item_fts MATCH ?1"
            " ORDER BY bm25(item_fts, 1.0, 10.0), rowid",
            "创业", NULL);
    CHECK_STR(r, "33,32");
    free(r);
    /* the bounded form documented in sqlite_fts.h ranks the same way */
    r = run("SELECT id FROM (SELECT rowid AS id, rank AS r FROM item_fts WHERE item_fts MATCH ?1"
            " ORDER BY rowid DESC LIMIT 10000) ORDER BY r, id LIMIT 20",
            "创业", NULL);
    CHECK_STR(r, "32,33");
    free(r);
    /* 6 has 社保 in title and body, 28 and 31 in the body only */
    r = run(ranked, "社保", NULL);
    CHECK(!strncmp(r, "6,", 2));
    free(r);
}

static void test_highlight(void)
{
    const char *hl_title = "SELECT highlight(item_fts, 0, '<mark>', '</mark>') FROM item_fts"
                           " WHERE item_fts MATCH ?1 AND rowid = CAST(?2 AS INTEGER)";
    const char *hl_body = "SELECT highlight(item_fts, 1, '<mark>', '</mark>') FROM item_fts"
                          " WHERE item_fts MATCH ?1 AND rowid = CAST(?2 AS INTEGER)";
    struct {
        const char *sql, *query, *id, *want;
    } cases[] = {
        /* A query of two or more Chinese characters is its bigram chain (tokenize.h), so
         * FTS5's highlight() marks all but the last character; the portal's highlighter
         * (sqlite_search.c, tested in test_search_http) re-tokenizes with
         * TOKENIZE_QUERY_SPAN and marks every character. */
        {hl_title, "社保", "6", "<mark>社</mark>保卡挂失补办流程"},
        {hl_title, "卡", "6", "社保<mark>卡</mark>挂失补办流程"},
        {hl_title, "保障卡", "5", "社会<mark>保障</mark>卡办理指南"},
        {hl_title, "社会保障卡办理指南", "5", "<mark>社会保障卡办理指</mark>南"},
        {hl_title, "指南", "5", "社会保障卡办理<mark>指</mark>南"},
        /* full-width text is marked as written */
        {hl_title, "abc123", "9", "<mark>ＡＢＣ１２３</mark>项目公示"},
        {hl_body, "ABC123", "10", "The project <mark>ABC123</mark> is under review."},
        {hl_title, "2018年度", "3", "<mark>2018年</mark>度报告"},
        {hl_title, "covid-19", "7", "关于做好<mark>COVID-19</mark>疫情防控工作的通知"},
        /* two terms, each marked; one matching twice in a text */
        {hl_title, "行政 公示", "21", "环境保护<mark>行</mark>政许可<mark>公</mark>示"},
        {hl_body, "入学", "20",
         "义务教育阶段招生实行划片<mark>入</mark>学，免试就近<mark>入</mark>学。"},
        {hl_body, "社保", "28", "政务服务中心提供<mark>社</mark>保、医保、公积金等一站式服务。"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *r = run(cases[i].sql, cases[i].query, cases[i].id);
        CHECK_STR(r, cases[i].want);
        free(r);
    }
    /* snippet: a window of positions (characters) around the match */
    char *r = run("SELECT snippet(item_fts, 1, '[', ']', '…', 6) FROM item_fts"
                  " WHERE item_fts MATCH ?1 AND rowid = CAST(?2 AS INTEGER)",
                  "居民身份证", "5");
    CHECK_CONTAINS(r, "[居民身份]证");
    CHECK_CONTAINS(r, "…");
    CHECK(strlen(r) < strlen(corpus[4].body));
    free(r);
}

static void test_pagination(void)
{
    const char *all = "SELECT rowid FROM item_fts WHERE item_fts MATCH ?1 ORDER BY rank, rowid";
    char *full = run(all, "公开", NULL);
    /* every document holding 公开 */
    char *by_id = run(IDS_SQL, "公开", NULL);
    CHECK_STR(by_id, "1,2,14,15,19,29");
    free(by_id);
    buf_t pages = BUF_INIT;
    int npages = 0;
    for (int page = 0; page < 5; page++) {
        char sql[200];
        snprintf(sql, sizeof sql,
                 "SELECT rowid FROM item_fts WHERE item_fts MATCH ?1 ORDER BY rank, rowid"
                 " LIMIT 4 OFFSET %d",
                 page * 4);
        char *p = run(sql, "公开", NULL);
        if (*p) {
            npages++;
            if (pages.len)
                buf_putc(&pages, ',');
            buf_puts(&pages, p);
        }
        free(p);
    }
    CHECK_INT(npages, 2); /* 6 hits: 4 + 2 */
    CHECK_STR(buf_str(&pages), full);
    buf_free(&pages);
    free(full);
}

static void test_updates_and_errors(void)
{
    /* the triggers keep the external-content index in step */
    CHECK_INT(exec("UPDATE items SET title = '城乡居民医保缴费通知' WHERE id = 31"), SQLITE_OK);
    CHECK_IDS("简报", "31"); /* still in the body */
    CHECK_IDS("工作简报", "");
    CHECK_IDS("医保缴费", "31");
    CHECK_INT(exec("DELETE FROM items WHERE id = 6"), SQLITE_OK);
    CHECK_IDS("社保", "28,31");
    CHECK_IDS("挂失", "");
    CHECK_INT(exec("INSERT INTO item_fts(item_fts, rank) VALUES ('integrity-check', 1)"),
              SQLITE_OK);

    /* the tokenizer takes no options */
    CHECK(sqlite3_exec(db, "CREATE VIRTUAL TABLE bad_fts USING fts5(x, tokenize='gongkai porter')",
                       NULL, NULL, NULL) != SQLITE_OK);
    /* a connection that did not register cannot read the table */
    sqlite3 *other;
    char path[600];
    snprintf(path, sizeof path, "%s/search.db", test_tmpdir());
    CHECK_INT(sqlite3_open(path, &other), SQLITE_OK);
    CHECK(sqlite3_exec(other, "SELECT * FROM item_fts WHERE item_fts MATCH 'x'", NULL, NULL,
                       NULL) != SQLITE_OK);
    CHECK_INT(sqlite_fts_register(other), SQLITE_OK);
    CHECK_INT(sqlite3_exec(other, "SELECT * FROM item_fts WHERE item_fts MATCH '\"社保\"'", NULL,
                           NULL, NULL),
              SQLITE_OK);
    sqlite3_close(other);
}

/* The visitor's terms, and where the highlighter finds them: byte ranges of the text as
 * stored, for any backend. */
static void test_terms_and_highlight(void)
{
    struct search_terms t;
    CHECK_INT(search_terms_parse("社保 \"卡\" - ", &t), 2);
    CHECK_STR(t.term[0], "社保");
    CHECK_STR(t.term[1], "\"卡\"");
    highlight_query_t *q = highlight_query_new(&t);
    const char *title = "关于社保卡办理的通知";
    struct text_span *m;
    size_t n = highlight_find(q, title, strlen(title), false, &m);
    CHECK_INT(n, 1); /* 社保 and 卡 touch: one range */
    if (n == 1) {
        CHECK_INT(m[0].start, strlen("关于"));
        CHECK_INT(m[0].end, strlen("关于社保卡"));
    }
    free(m);
    /* a snippet from a sentence start before the first match, marks moved into it */
    buf_t body = BUF_INIT;
    for (int i = 0; i < 40; i++)
        buf_puts(&body, "前");
    buf_puts(&body, "。这是社保的说明");
    for (int i = 0; i < 100; i++)
        buf_puts(&body, "后");
    n = highlight_find(q, body.data, body.len, true, &m);
    CHECK(n >= 1);
    struct text_span *sm;
    size_t ns;
    char *snip = highlight_snippet(body.data, m, n, &sm, &ns);
    CHECK(strncmp(snip, "…这是社保", strlen("…这是社保")) == 0);
    CHECK(strstr(snip, "…") != NULL && strcmp(snip + strlen(snip) - strlen("…"), "…") == 0);
    CHECK_INT(ns, 1);
    if (ns == 1)
        CHECK(strncmp(snip + sm[0].start, "社保", sm[0].end - sm[0].start) == 0 && sm[0].end - sm[0].start == 6);
    free(snip);
    free(sm);
    free(m);
    buf_free(&body);
    highlight_query_free(q);
    search_terms_free(&t);
    CHECK_INT(search_terms_parse("，。 *", &t), 0);
    search_terms_free(&t);
}

void run_tests(void)
{
    test_terms_and_highlight();
    test_query_builder();
    open_db();
    test_exact_sets();
    test_oracle();
    test_hostile_input();
    test_column_filter_and_filters();
    test_ranking();
    test_highlight();
    test_pagination();
    test_updates_and_errors();
    sqlite3_close(db);
}
