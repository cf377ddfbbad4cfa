/* report/doc: the document model and its text, Markdown and HTML emitters, on a document
 * shaped like a real annual report (tables 三 and 四 with their spanning headers). */
#include "report/doc.h"
#include "test.h"
#include "util/buf.h"
#include "util/utf8.h"
#include <md4c-html.h>
#include <stdbool.h>
#include <sys/wait.h>

#define HOSTILE "<script>alert('x')</script> & \"引号\" *强调* [链接](javascript:alert(1)) a|b"

static const char *const t3_leaf[] = {
    "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
    "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"};

/* 表三 (2021 format): 3 label columns + 7 applicant columns, a three-row header. */
static doc_table_t *add_table3(doc_t *d)
{
    doc_table_t *t = doc_table(d, "三、收到和处理政府信息公开申请情况", 10, 3);
    doc_cell(t, 0, 0, 3, 3, 0, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
    doc_cell(t, 0, 3, 1, 7, 0, "申请人情况");
    doc_cell(t, 1, 3, 2, 1, 0, "自然人");
    doc_cell(t, 1, 4, 1, 5, 0, "法人或其他组织");
    doc_cell(t, 1, 9, 2, 1, 0, "总计");
    const char *orgs[] = {"商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"};
    for (int i = 0; i < 5; i++)
        doc_cell(t, 2, 4 + i, 1, 1, 0, orgs[i]);

    const unsigned L = DOC_HEAD | DOC_LEFT;
    doc_cell(t, 3, 0, 1, 3, L, "一、本年新收政府信息公开申请数量");
    doc_cell(t, 4, 0, 1, 3, L, "二、上年结转政府信息公开申请数量");
    doc_cell(t, 5, 0, 22, 1, DOC_HEAD, "三、本年度办理结果");
    doc_cell(t, 5, 1, 1, 2, L, "（一）予以公开");
    doc_cell(t, 6, 1, 1, 2, L, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
    doc_cell(t, 7, 1, 8, 1, DOC_HEAD, "（三）不予公开");
    doc_cell(t, 15, 1, 3, 1, DOC_HEAD, "（四）无法提供");
    doc_cell(t, 18, 1, 5, 1, DOC_HEAD, "（五）不予处理");
    doc_cell(t, 23, 1, 3, 1, DOC_HEAD, "（六）其他处理");
    for (int i = 0; i < 19; i++)
        doc_cell(t, 7 + i, 2, 1, 1, L, t3_leaf[i]);
    doc_cell(t, 26, 1, 1, 2, L, "（七）总计");
    doc_cell(t, 27, 0, 1, 3, L, "四、结转下年度继续办理");
    for (int r = 3; r < 28; r++)
        for (int c = 3; c < 10; c++)
            doc_cell_int(t, r, c, r == 3 && c == 3 ? 821 : r == 3 && c == 9 ? 123456 : (r * 7 + c) % 13);
    return t;
}

/* 表四: 15 number columns under a three-level header. */
static const char *const t4_leaf[] = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};

static doc_table_t *add_table4(doc_t *d)
{
    doc_table_t *t = doc_table(d, "四、政府信息公开行政复议、行政诉讼情况", 15, 3);
    doc_cell(t, 0, 0, 1, 5, 0, "行政复议");
    doc_cell(t, 0, 5, 1, 10, 0, "行政诉讼");
    for (int i = 0; i < 5; i++)
        doc_cell(t, 1, i, 2, 1, 0, t4_leaf[i]);
    doc_cell(t, 1, 5, 1, 5, 0, "未经复议直接起诉");
    doc_cell(t, 1, 10, 1, 5, 0, "复议后起诉");
    for (int i = 0; i < 10; i++)
        doc_cell(t, 2, 5 + i, 1, 1, 0, t4_leaf[i % 5]);
    for (int c = 0; c < 15; c++)
        doc_cell_int(t, 3, c, c == 4 ? 7 : c == 9 ? 1234567 : c % 3);
    return t;
}

static doc_t *build_report(void)
{
    doc_t *d = doc_new();
    doc_title(d, "工农区人民政府2023年政府信息公开工作年度报告");
    doc_heading(d, 1, "一、总体情况");
    doc_paragraph(d, "　　2023年，我区认真贯彻落实《中华人民共和国政府信息公开条例》。\n\n"
                     "   申请人来信写道：" HOSTILE "\n# 不是标题\n- 不是列表\n1. 不是编号\x1b[31m红\x1b[0m");
    doc_heading(d, 2, "（一）主动公开");
    doc_paragraph(d, "本年主动公开政府信息1816条。");
    doc_heading(d, 1, "二、主动公开政府信息情况");
    doc_table_t *t2 = doc_table(d, NULL, 4, 1);
    const char *h2[] = {"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"};
    for (int c = 0; c < 4; c++)
        doc_cell(t2, 0, c, 1, 1, 0, h2[c]);
    doc_cell(t2, 1, 0, 1, 1, DOC_HEAD, "规章");
    doc_cell(t2, 2, 0, 1, 1, DOC_HEAD, "行政规范性文件 " HOSTILE);
    for (int r = 1; r <= 2; r++)
        for (int c = 1; c < 4; c++)
            doc_cell_int(t2, r, c, r * 10 + c);
    doc_heading(d, 1, "三、收到和处理政府信息公开申请情况");
    add_table3(d);
    doc_heading(d, 1, "四、政府信息公开行政复议、行政诉讼情况");
    add_table4(d);
    doc_heading(d, 1, "五、存在的主要问题及改进情况");
    doc_paragraph(d, "无。");
    return d;
}

/* ---- helpers ------------------------------------------------------------------------ */

static char *slurp_lines(const char *s, int *n, char ***lines)
{
    char *copy = strdup(s);
    int cap = 64;
    *lines = malloc((size_t)cap * sizeof **lines);
    *n = 0;
    for (char *p = copy; *p;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        if (*n == cap)
            *lines = realloc(*lines, (size_t)(cap *= 2) * sizeof **lines);
        (*lines)[(*n)++] = p;
        if (!nl)
            break;
        p = nl + 1;
    }
    return copy;
}

static int count_str(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + strlen(needle), needle))
        n++;
    return n;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int attr_int(const char *tag, const char *end, const char *name)
{
    char key[32];
    snprintf(key, sizeof key, " %s=\"", name);
    const char *a = strstr(tag, key);
    return a && a < end ? atoi(a + strlen(key)) : 1;
}

/* Reads the tables of an HTML document back and checks the grid: counting rowspans from
 * above and colspans, every row covers exactly its table's columns, and no two cells claim
 * one slot. Returns how many tables were consistent. */
static int html_grids_ok(const char *html, const int *ncols, int ntables)
{
    int ok = 0, k = 0;
    for (const char *t = strstr(html, "<table"); t && k < ntables; t = strstr(t + 1, "<table"), k++) {
        const char *tend = strstr(t, "</table>");
        int n = ncols[k], pending[64] = {0};
        bool good = tend != NULL && n <= 64;
        for (const char *tr = strstr(t, "<tr>"); good && tr && tr < tend; tr = strstr(tr + 1, "<tr>")) {
            const char *trend = strstr(tr, "</tr>");
            int taken[64] = {0}, next[64] = {0}, col = 0;
            for (int c = 0; c < n; c++)
                taken[c] = pending[c] > 0;
            for (const char *p = tr; good && p < trend; p++) {
                if (!(starts_with(p, "<th ") || starts_with(p, "<th>") || starts_with(p, "<td ") ||
                      starts_with(p, "<td>")))
                    continue;
                const char *gt = strchr(p, '>');
                int rs = attr_int(p, gt, "rowspan"), cs = attr_int(p, gt, "colspan");
                while (col < n && taken[col])
                    col++;
                for (int c = col; c < col + cs; c++)
                    if (c >= n || taken[c])
                        good = false;
                for (int c = col; good && c < col + cs; c++) {
                    taken[c] = 1;
                    next[c] = rs - 1;
                }
                col += cs;
            }
            for (int c = 0; c < n; c++) {
                good = good && taken[c];
                pending[c] = pending[c] > 0 ? pending[c] - 1 : next[c];
            }
        }
        for (int c = 0; c < n; c++)
            good = good && pending[c] == 0;
        ok += good;
    }
    return ok;
}

/* ---- text ----------------------------------------------------------------------------- */

/* The table lines in order, grouped: a group is a run of lines starting with '+' or '|'. */
static void test_text(void)
{
    doc_t *d = build_report();
    CHECK(doc_error(d) == NULL);
    buf_t out = BUF_INIT;
    doc_render_text(d, &out);
    const char *s = buf_str(&out);

    int n;
    char **lines;
    char *copy = slurp_lines(s, &n, &lines);
    CHECK(n > 60);
    /* Title centred on its own line, first. */
    CHECK(n > 0 && starts_with(lines[0], "          ") && strstr(lines[0], "工农区人民政府2023年"));
    CHECK(n > 2 && lines[1][0] == '\0' && strcmp(lines[2], "一、总体情况") == 0);
    /* Headings on their own lines; paragraphs indented with two U+3000 and not twice. */
    bool heading = false, indented = false, doubled = false, esc = false;
    for (int i = 0; i < n; i++) {
        if (strcmp(lines[i], "一、总体情况") == 0)
            heading = true;
        if (starts_with(lines[i], "　　2023年，我区"))
            indented = true;
        if (starts_with(lines[i], "　　　"))
            doubled = true;
        if (strchr(lines[i], '\x1b'))
            esc = true;
    }
    CHECK(heading);
    CHECK(indented);
    CHECK(!doubled);
    CHECK(!esc); /* an ESC from stored text must not reach a terminal */
    CHECK_CONTAINS(s, "　　申请人来信写道：<script>"); /* plain text needs no escaping */
    CHECK_CONTAINS(s, "　　1. 不是编号\xEF\xBF\xBD[31m红");

    /* Every line of a table has the same display width, and tables stay under ~120. */
    int tables = 0, bad_width = 0, too_wide = 0, bad_start = 0;
    size_t widths[8] = {0};
    for (int i = 0; i < n;) {
        if (lines[i][0] != '+' && lines[i][0] != '|') {
            i++;
            continue;
        }
        size_t w = utf8_display_width(lines[i]);
        if (tables < 8)
            widths[tables] = w;
        tables++;
        if (w > 120)
            too_wide++;
        for (; i < n && (lines[i][0] == '+' || lines[i][0] == '|'); i++) {
            if (utf8_display_width(lines[i]) != w) {
                bad_width++;
                fprintf(stderr, "  width %zu != %zu: %s\n", utf8_display_width(lines[i]), w, lines[i]);
            }
            /* No wrapped line may start with closing punctuation (禁则). */
            for (const char *p = strstr(lines[i], "| "); p; p = strstr(p + 1, "| "))
                if (starts_with(p + 2, "，") || starts_with(p + 2, "）") || starts_with(p + 2, "、"))
                    bad_start++;
        }
    }
    CHECK_INT(tables, 3);
    CHECK_INT(bad_width, 0);
    CHECK_INT(too_wide, 0);
    CHECK_INT(bad_start, 0);
    CHECK(widths[1] > 60); /* 表三 is wide, but */
    CHECK(widths[2] > 60);

    /* 表四's top rule: one '+' at each edge and one between 行政复议 and 行政诉讼 only. */
    int t4 = -1;
    for (int i = 0; i < n; i++)
        if (strstr(lines[i], "行政复议") && strstr(lines[i], "行政诉讼"))
            t4 = i;
    CHECK(t4 > 0);
    if (t4 > 0) {
        CHECK_INT(count_str(lines[t4 - 1], "+"), 3);
        CHECK(strspn(lines[t4 - 1], "+-") == strlen(lines[t4 - 1]));
        /* The data row: 15 numbers right-aligned against the border. */
        int data = -1;
        for (int i = t4; i < n; i++)
            if (strstr(lines[i], "1234567"))
                data = i;
        CHECK(data > t4);
        if (data > t4) {
            CHECK_CONTAINS(lines[data], " 1234567 |");
            CHECK_CONTAINS(lines[data], " 7 |");
            CHECK_INT(count_str(lines[data], "|"), 16);
            CHECK(lines[data - 1][0] == '+' && strchr(lines[data - 1], '=')); /* header rule */
        }
    }
    /* 表三: a rowspan label prints once; a long label wraps inside its column; numbers are
     * right-aligned. */
    CHECK_INT(count_str(s, "办理结果"), 1);
    CHECK(strstr(s, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）") == NULL);
    CHECK_CONTAINS(s, "| （二）部分公开（区分处理的，");
    CHECK_CONTAINS(s, " 123456 |");
    /* Inside the 22-row group label's column, no rule crosses: the rows below the label
     * start with "|" and blanks, not "+---". */
    int label = -1;
    for (int i = 0; i < n; i++)
        if (strstr(lines[i], "| 三、本年"))
            label = i;
    CHECK(label > 0);
    if (label > 0) {
        int crossing = 0;
        for (int i = label + 1; i < label + 12 && i < n; i++)
            if (starts_with(lines[i], "+-"))
                crossing++;
        CHECK_INT(crossing, 0);
        CHECK(starts_with(lines[label + 3], "|        "));
    }
    free(lines);
    free(copy);
    buf_free(&out);
    doc_free(d);
}

/* Narrow cases: wrapping of ASCII words, explicit line breaks, empty tables and slots. */
static void test_text_small(void)
{
    doc_t *d = doc_new();
    doc_table_t *t = doc_table(d, "小表", 2, 1);
    doc_cell(t, 0, 0, 1, 1, 0, "名称");
    doc_cell(t, 0, 1, 1, 1, 0, "数量");
    doc_cell(t, 1, 0, 1, 1, DOC_LEFT, "supercalifragilistic expialidocious words stay whole");
    doc_cell_int(t, 1, 1, -5);
    doc_cell(t, 2, 0, 1, 1, DOC_LEFT, "第一行\n第二行");
    /* (2,1) left empty on purpose */
    doc_table(d, "空表", 3, 0);
    buf_t out = BUF_INIT;
    doc_render_text(d, &out);
    const char *s = buf_str(&out);
    CHECK_CONTAINS(s, "| supercalifragilistic");
    CHECK_CONTAINS(s, "| expialidocious");
    CHECK(strstr(s, "supercal\n") == NULL && strstr(s, "expialidoc ") == NULL);
    CHECK_CONTAINS(s, "| 第一行");
    CHECK_CONTAINS(s, "| 第二行");
    CHECK_CONTAINS(s, " -5 |");
    CHECK_CONTAINS(s, "空表");
    CHECK(doc_error(d) == NULL);
    buf_t html = BUF_INIT, md = BUF_INIT;
    doc_heading(d, 9, "深层");
    doc_heading(d, -3, "浅层");
    doc_render_html(d, &html, true);
    doc_render_markdown(d, &md);
    CHECK_CONTAINS(buf_str(&html), "<td class=\"l\">第一行<br>第二行</td><td></td>");
    CHECK_CONTAINS(buf_str(&html), "<td class=\"num\">-5</td>");
    CHECK_CONTAINS(buf_str(&html), "<h5>深层</h5>\n<h2>浅层</h2>");
    CHECK_CONTAINS(buf_str(&md), "| 第一行 第二行 |  |");
    CHECK_CONTAINS(buf_str(&md), "\n##### 深层\n\n## 浅层\n");
    const int w2[] = {2, 3};
    CHECK_INT(html_grids_ok(buf_str(&html), w2, 2), 2);
    buf_free(&html);
    buf_free(&md);
    int n;
    char **lines;
    char *copy = slurp_lines(s, &n, &lines);
    size_t w = 0;
    int bad = 0;
    for (int i = 0; i < n; i++)
        if (lines[i][0] == '+' || lines[i][0] == '|') {
            if (!w)
                w = utf8_display_width(lines[i]);
            bad += utf8_display_width(lines[i]) != w;
        }
    CHECK(w > 0);
    CHECK_INT(bad, 0);
    free(lines);
    free(copy);
    buf_free(&out);
    doc_free(d);
}

/* ---- markdown ------------------------------------------------------------------------- */

/* Cells in a GFM table line: '|' not escaped by a backslash, minus one. */
static int md_cells(const char *line)
{
    int pipes = 0;
    for (const char *p = line; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            continue;
        }
        pipes += *p == '|';
    }
    return pipes - 1;
}

static void md_to_html(const MD_CHAR *text, MD_SIZE size, void *userdata)
{
    buf_append(userdata, text, size);
}

static void test_markdown(void)
{
    doc_t *d = build_report();
    buf_t out = BUF_INIT;
    doc_render_markdown(d, &out);
    const char *s = buf_str(&out);
    CHECK(starts_with(s, "# 工农区人民政府2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n"));
    CHECK_CONTAINS(s, "\n### （一）主动公开\n");
    CHECK(strstr(s, "<script>") == NULL);
    CHECK_CONTAINS(s, "\\<script\\>alert('x')\\</script\\> \\& \"引号\" \\*强调\\* \\[链接\\](javascript:alert(1)) a\\|b");
    CHECK_CONTAINS(s, "\n\\# 不是标题\n");
    CHECK_CONTAINS(s, "\n\\- 不是列表\n");
    CHECK_CONTAINS(s, "\n1\\. 不是编号");

    int n;
    char **lines;
    char *copy = slurp_lines(s, &n, &lines);
    int tables = 0, bad = 0, rows3 = 0;
    for (int i = 0; i < n;) {
        if (lines[i][0] != '|') {
            i++;
            continue;
        }
        int want = md_cells(lines[i]);
        int expect = tables == 0 ? 4 : tables == 1 ? 10 : 15;
        CHECK_INT(want, expect);
        tables++;
        for (; i < n && lines[i][0] == '|'; i++) {
            bad += md_cells(lines[i]) != want;
            if (tables == 2 && strstr(lines[i], "三、本年度办理结果"))
                rows3++;
        }
    }
    CHECK_INT(tables, 3);
    CHECK_INT(bad, 0);
    CHECK_INT(rows3, 22); /* a spanning row label repeats in every row it covers */
    CHECK_CONTAINS(s, "| 行政复议·结果维持 |");
    CHECK_CONTAINS(s, "| 行政诉讼·未经复议直接起诉·结果维持 |");
    CHECK_CONTAINS(s, "| 行政诉讼·复议后起诉·总计 |");
    CHECK_CONTAINS(s, "| 申请人情况·法人或其他组织·社会公益组织 |");
    /* The note over the label columns appears once, not once per column. */
    CHECK_INT(count_str(s, "勾稽关系"), 1);
    CHECK_CONTAINS(s, "| （三）不予公开 | 1.属于国家秘密 |");
    CHECK_CONTAINS(s, "| 一、本年新收政府信息公开申请数量 |  |  | 821 |");
    CHECK_CONTAINS(s, "| ---: | ---: |");
    CHECK_CONTAINS(s, "**三、收到和处理政府信息公开申请情况**");

    /* Read back by a real Markdown parser: the hostile text made no markup, and each table
     * row has the same number of cells. */
    buf_t html = BUF_INIT;
    CHECK(md_html(s, (MD_SIZE)out.len, md_to_html, &html, MD_DIALECT_GITHUB, 0) == 0);
    const char *h = buf_str(&html);
    CHECK(strstr(h, "<script") == NULL);
    CHECK(strstr(h, "<em>") == NULL && strstr(h, "<a ") == NULL && strstr(h, "<li>") == NULL);
    CHECK(strstr(h, "<h4>") == NULL); /* "# 不是标题" stayed a paragraph */
    CHECK_CONTAINS(h, "&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;引号&quot; *强调* [链接](javascript:alert(1)) a|b");
    CHECK_INT(count_str(h, "<table>"), 3);
    CHECK_INT(count_str(h, "</th>"), 4 + 10 + 15);
    CHECK_INT(count_str(h, "</td>"), 2 * 4 + 25 * 10 + 15);
    buf_free(&html);
    free(lines);
    free(copy);
    buf_free(&out);
    doc_free(d);
}

/* ---- html ----------------------------------------------------------------------------- */

static int run_tidy(const char *html, buf_t *messages)
{
    char path[600], cmd[1400];
    snprintf(path, sizeof path, "%s/report.html", test_tmpdir());
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs(html, f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "tidy -q -e '%s' 2>&1", path);
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    char line[1024];
    while (fgets(line, sizeof line, p))
        buf_puts(messages, line);
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_html(void)
{
    doc_t *d = build_report();
    buf_t out = BUF_INIT;
    doc_render_html(d, &out, false);
    const char *s = buf_str(&out);
    CHECK(starts_with(s, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">"));
    CHECK_CONTAINS(s, "<title>工农区人民政府2023年政府信息公开工作年度报告</title>");
    CHECK_CONTAINS(s, "<style>");
    CHECK(strstr(s, "<script") == NULL);
    CHECK(strstr(s, "javascript:alert(1)") != NULL && strstr(s, "href") == NULL && strstr(s, " on") == NULL);
    CHECK(strstr(s, "http") == NULL && strstr(s, "<link") == NULL); /* nothing external */
    CHECK_CONTAINS(s, "<p>申请人来信写道：&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;引号&quot;");
    CHECK_CONTAINS(s, "<p>2023年，我区"); /* the U+3000 indent is CSS's job */
    CHECK(strchr(s, '\x1b') == NULL);
    CHECK_CONTAINS(s, "<h1>工农区人民政府2023年政府信息公开工作年度报告</h1>");
    CHECK_CONTAINS(s, "<h2>一、总体情况</h2>");
    CHECK_CONTAINS(s, "<h3>（一）主动公开</h3>");
    CHECK_CONTAINS(s, "<caption>三、收到和处理政府信息公开申请情况</caption>");
    CHECK_CONTAINS(s, "<colgroup span=\"5\"></colgroup>\n<colgroup span=\"10\"></colgroup>\n<thead>");
    CHECK_CONTAINS(s, "<tr><th scope=\"colgroup\" colspan=\"5\">行政复议</th>"
                      "<th scope=\"colgroup\" colspan=\"10\">行政诉讼</th></tr>");
    CHECK_CONTAINS(s, "<tr><th scope=\"col\" rowspan=\"2\">结果维持</th>");
    CHECK_CONTAINS(s, "<th scope=\"col\" colspan=\"5\">未经复议直接起诉</th>");
    CHECK_CONTAINS(s, "<th scope=\"rowgroup\" rowspan=\"22\">三、本年度办理结果</th>");
    CHECK_CONTAINS(s, "<th scope=\"row\" rowspan=\"8\">（三）不予公开</th>");
    CHECK_CONTAINS(s, "<th scope=\"row\" class=\"l\">1.属于国家秘密</th><td class=\"num\">");
    CHECK_CONTAINS(s, "<td class=\"num\">1234567</td>");
    CHECK_CONTAINS(s, "<th scope=\"row\">规章</th>");
    /* 表三's body: rows 一 and 二 in one <tbody>, the 22-row group in its own, then 四. */
    CHECK_CONTAINS(s, "</tbody>\n<tbody>\n<tr><th scope=\"rowgroup\"");
    CHECK_CONTAINS(s, "</tbody>\n<tbody>\n<tr><th scope=\"row\" colspan=\"3\" class=\"l\">四、结转下年度继续办理");
    CHECK_INT(count_str(s, "<tr>"), 3 + 28 + 4);
    const int widths[] = {4, 10, 15};
    CHECK_INT(html_grids_ok(s, widths, 3), 3);

    buf_t msgs = BUF_INIT;
    int rc = run_tidy(s, &msgs);
    if (rc != 0)
        fprintf(stderr, "  tidy exit %d (missing tidy counts as a failure):\n%s", rc, buf_str(&msgs));
    CHECK(rc == 0 || rc == 1); /* no errors */
    CHECK_INT(rc, 0);          /* and no warnings either */
    CHECK_STR(buf_str(&msgs), "");
    buf_free(&msgs);

    /* The fragment: the same content, nothing of a page around it. */
    buf_t frag = BUF_INIT;
    doc_render_html(d, &frag, true);
    const char *f = buf_str(&frag);
    CHECK(starts_with(f, "<article class=\"gk-report\">\n<h1>"));
    CHECK(strstr(f, "<html") == NULL && strstr(f, "<head") == NULL && strstr(f, "<style") == NULL);
    CHECK(strstr(s, f) != NULL);
    CHECK(strstr(doc_html_css(), "@media print") != NULL);
    buf_free(&frag);
    buf_free(&out);
    doc_free(d);

    /* A document with nothing in it is still a valid page. */
    doc_t *e = doc_new();
    doc_table(e, NULL, 2, 1);
    buf_t empty = BUF_INIT;
    doc_render_html(e, &empty, false);
    CHECK_CONTAINS(buf_str(&empty), "<title>报告</title>");
    buf_t msgs2 = BUF_INIT;
    CHECK_INT(run_tidy(buf_str(&empty), &msgs2), 0);
    buf_free(&msgs2);
    buf_free(&empty);
    doc_free(e);
}

/* ---- the grid ------------------------------------------------------------------------- */

static void test_grid(void)
{
    doc_t *d = doc_new();
    doc_table_t *t = doc_table(d, "冲突", 4, 1);
    CHECK(doc_cell(t, 0, 0, 1, 2, 0, "甲"));
    CHECK(doc_cell(t, 1, 0, 3, 1, DOC_HEAD, "乙"));
    CHECK(doc_error(d) == NULL);
    CHECK_INT(doc_table_rows(t), 4);
    /* Overlaps are rejected and recorded; the first cell stays. */
    CHECK(!doc_cell(t, 0, 1, 1, 1, 0, "覆盖甲"));
    CHECK(doc_error(d) != NULL);
    CHECK_CONTAINS(doc_error(d), "overlaps the cell at row 0, column 0");
    CHECK(!doc_cell(t, 3, 0, 1, 1, 0, "覆盖乙"));
    CHECK(!doc_cell(t, 2, 0, 1, 4, 0, "横跨乙"));
    /* Out of the grid, bad spans, a header span running into the body. */
    CHECK(!doc_cell(t, 1, 3, 1, 2, 0, "出界"));
    CHECK(!doc_cell(t, -1, 0, 1, 1, 0, "负"));
    CHECK(!doc_cell(t, 1, 1, 0, 1, 0, "零"));
    CHECK(!doc_cell(t, 0, 2, 2, 1, 0, "表头越界"));
    CHECK(!doc_cell(t, 2147483000, 0, 2147483000, 1, 0, "溢出"));
    CHECK(!doc_cell(NULL, 0, 0, 1, 1, 0, "无表"));
    CHECK_CONTAINS(doc_error(d), "overlaps"); /* the first mistake is kept */
    CHECK_INT(doc_table_rows(t), 4);
    CHECK(doc_cell(t, 1, 1, 1, 3, 0, "丙")); /* the table still takes good cells */
    /* Rejected cells leave no trace in any format, and all formats stay well-formed. */
    buf_t txt = BUF_INIT, md = BUF_INIT, html = BUF_INIT;
    doc_render_text(d, &txt);
    doc_render_markdown(d, &md);
    doc_render_html(d, &html, false);
    const char *all[] = {buf_str(&txt), buf_str(&md), buf_str(&html)};
    for (int i = 0; i < 3; i++) {
        CHECK(strstr(all[i], "覆盖") == NULL && strstr(all[i], "出界") == NULL);
        CHECK_CONTAINS(all[i], "甲");
        CHECK_CONTAINS(all[i], "丙");
    }
    buf_t msgs = BUF_INIT;
    CHECK_INT(run_tidy(buf_str(&html), &msgs), 0);
    buf_free(&msgs);
    buf_free(&txt);
    buf_free(&md);
    buf_free(&html);
    doc_free(d);

    doc_t *d2 = doc_new();
    doc_table(d2, NULL, 0, 1);
    CHECK(doc_error(d2) != NULL);
    doc_free(d2);
}

void run_tests(void)
{
    test_text();
    test_text_small();
    test_markdown();
    test_html();
    test_grid();
}
