/* Service guides below the web server: the flowchart's layout (boxes, arrows that touch
 * the boxes they join, lanes that never share height, wrapped Chinese text), its SVG
 * (escaped text, well-formed, every step in order, a decision's two branches), the guide
 * record's validation (FILE:LINE: field: reason, nothing written) and the import → export
 * round trip through the real SQLite store. */
#include "model/guide.h"
#include "records/export.h"
#include "records/import.h"
#include "store/store_guides.h"
#include "test.h"
#include "test_db.h"
#include "test_xml.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "web/flow_layout.h"
#include "web/svg_flow.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* ================================================================ fixtures */

static const char *const long_title =
    "申请人通过企业登记网上服务平台填写并提交设立登记申请材料和外商投资信息初始报告后等待受理";

/* apply → check (decision: ok → decide, fix → fix) ; fix → check (loop) ; decide → end */
static struct guide_step steps4[] = {
    {.key = "apply", .title = "申请"},
    {.key = "check", .title = "受理审查", .nbranches = 2, .branches = {{"材料齐全", "decide"}, {"需补正", "fix"}}},
    {.key = "fix", .title = "一次性告知补正", .next = "check"},
    {.key = "decide", .title = "决定"},
};

static struct guide_rec guide_of(struct guide_step *steps, size_t n)
{
    struct guide_rec g = {.id = "g1", .agency = "gov", .name = "测试事项", .steps = steps, .nsteps = n};
    g.updated = NO_DATE;
    return g;
}

static bool touches(const struct flow_box *b, int x, int y)
{
    /* On the box's outline (a decision's pointed ends included), within a unit. */
    return x >= b->x - 1 && x <= b->x + b->w + 1 && y >= b->y - 1 && y <= b->y + b->h + 1 &&
           (y <= b->y + 1 || y >= b->y + b->h - 1 || x >= b->x + b->w - 15 || x <= b->x + 15);
}

/* ================================================================ layout */

static void test_layout_boxes_and_arrows(void)
{
    struct guide_rec g = guide_of(steps4, 4);
    struct flow_layout l;
    flow_layout(&g, 15, &l);
    CHECK_INT((int)l.nboxes, 5); /* four steps and the end terminal */
    CHECK(l.boxes[1].shape == FLOW_DECISION);
    CHECK(l.boxes[0].shape == FLOW_STEP && l.boxes[4].shape == FLOW_END);
    /* apply→check, check→decide, check→fix, fix→check, decide→end */
    CHECK_INT((int)l.nedges, 5);
    int decision_out = 0, straight = 0;
    for (size_t i = 0; i < l.nedges; i++) {
        const struct flow_edge *e = &l.edges[i];
        CHECK(e->from >= 0 && (size_t)e->from < l.nboxes && e->to >= 0 && (size_t)e->to < l.nboxes);
        CHECK(e->npoints >= 2);
        CHECK(touches(&l.boxes[e->from], e->x[0], e->y[0]));
        CHECK(touches(&l.boxes[e->to], e->x[e->npoints - 1], e->y[e->npoints - 1]));
        if (e->from == 1) {
            decision_out++;
            CHECK(e->label != NULL);
            straight += e->lane < 0;
        }
        if (e->lane < 0)
            CHECK_INT(e->to, e->from + 1);
        else /* a side arrow turns in a lane right of every box */
            CHECK(e->x[1] > l.boxes[0].x + l.boxes[0].w && e->x[1] == e->x[2]);
    }
    CHECK_INT(decision_out, 2);
    CHECK_INT(straight, 1); /* one branch goes down, the other round the side */
    /* Boxes stacked without overlap, inside the drawing. */
    for (size_t i = 0; i + 1 < l.nboxes; i++)
        CHECK(l.boxes[i].y + l.boxes[i].h < l.boxes[i + 1].y);
    CHECK(l.boxes[l.nboxes - 1].y + l.boxes[l.nboxes - 1].h <= l.height);
    for (size_t i = 0; i < l.nedges; i++)
        for (int k = 0; k < l.edges[i].npoints; k++)
            CHECK(l.edges[i].x[k] >= 0 && l.edges[i].x[k] <= l.width);
    flow_layout_free(&l);
}

static void test_layout_lanes_do_not_share_height(void)
{
    /* Three jumps over overlapping stretches: 0→3, 1→4, 2→end. */
    struct guide_step s[] = {
        {.key = "a", .title = "甲", .next = "d"}, {.key = "b", .title = "乙", .next = "e"},
        {.key = "c", .title = "丙", .next = "end"}, {.key = "d", .title = "丁"}, {.key = "e", .title = "戊"},
    };
    struct guide_rec g = guide_of(s, 5);
    struct flow_layout l;
    flow_layout(&g, 15, &l);
    CHECK_INT(l.nlanes, 3);
    for (size_t i = 0; i < l.nedges; i++)
        for (size_t j = i + 1; j < l.nedges; j++) {
            const struct flow_edge *a = &l.edges[i], *b = &l.edges[j];
            if (a->lane < 0 || a->lane != b->lane)
                continue;
            int alo = a->y[1] < a->y[2] ? a->y[1] : a->y[2], ahi = a->y[1] < a->y[2] ? a->y[2] : a->y[1];
            int blo = b->y[1] < b->y[2] ? b->y[1] : b->y[2], bhi = b->y[1] < b->y[2] ? b->y[2] : b->y[1];
            CHECK(ahi < blo || bhi < alo);
        }
    flow_layout_free(&l);
}

static void test_layout_wraps_chinese(void)
{
    struct guide_step s[] = {{.title = long_title}, {.title = "短"}};
    struct guide_rec g = guide_of(s, 2);
    struct flow_layout l;
    flow_layout(&g, 15, &l);
    const struct flow_box *b = &l.boxes[0];
    CHECK(b->nlines >= 3);
    CHECK_INT(l.boxes[1].nlines, 1);
    CHECK(b->h > l.boxes[1].h); /* the box grows with its lines */
    size_t total = 0;
    for (int i = 0; i < b->nlines; i++) {
        CHECK(flow_text_width(b->lines[i].text, b->lines[i].len) <= 1500);
        CHECK(b->lines[i].len > 0);
        total += b->lines[i].len;
        /* Lines are whole characters: no line starts in the middle of a UTF-8 sequence. */
        CHECK(((unsigned char)b->lines[i].text[0] & 0xC0) != 0x80);
    }
    CHECK_INT((long long)total, (long long)strlen(b->text)); /* nothing lost */
    /* 长者模式: larger text, more lines in the same number of characters per em. */
    struct flow_layout big;
    flow_layout(&g, 20, &big);
    CHECK(big.width > l.width && big.boxes[0].h > b->h);
    flow_layout_free(&big);
    flow_layout_free(&l);
    /* Closing punctuation never starts a line. */
    struct guide_step p[] = {{.title = "一二三四五六七八九十一二三四五，六"}};
    g = guide_of(p, 1);
    flow_layout(&g, 15, &l);
    for (int i = 1; i < l.boxes[0].nlines; i++)
        CHECK(strncmp(l.boxes[0].lines[i].text, "，", strlen("，")) != 0);
    flow_layout_free(&l);
}

/* ================================================================ SVG */

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_svg(void)
{
    struct guide_step s[] = {
        {.key = "apply", .title = "<script>alert(1)</script>"},
        {.key = "check", .title = "受理 & 审查\"'", .nbranches = 2,
         .branches = {{"<b>齐全</b>", "last"}, {"需补正]]>", "fix"}}},
        {.key = "fix", .title = "补正\x01控制", .next = "check"},
        {.key = "last", .title = long_title},
    };
    struct guide_rec g = guide_of(s, 4);
    g.name = "事项<名称>";
    buf_t b = BUF_INIT;
    svg_flow(&b, &g, "g1", 15);
    const char *svg = buf_str(&b);
    CHECK(strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39) == 0);
    CHECK_CONTAINS(svg, "role=\"img\"");
    CHECK_CONTAINS(svg, "aria-labelledby=\"flow-g1-title flow-g1-desc\"");
    CHECK_CONTAINS(svg, "<title id=\"flow-g1-title\">事项&lt;名称&gt;办理流程图</title>");
    CHECK_CONTAINS(svg, "viewBox=\"0 0 ");
    /* Hostile text stays text. */
    CHECK(strstr(svg, "<script") == NULL);
    CHECK(strstr(svg, "<b>") == NULL);
    CHECK_CONTAINS(svg, "&lt;script&gt;");
    CHECK_CONTAINS(svg, "&amp;");
    CHECK(strstr(svg, "]]>") == NULL);
    CHECK(strchr(svg, '\x01') == NULL);
    /* Boxes, arrows, the decision's two labelled branches. */
    CHECK_INT(count(svg, "class=\"flow-node\""), 5);
    CHECK_INT(count(svg, "<polygon class=\"flow-decision\""), 1);
    CHECK_INT(count(svg, "marker-end="), 5);
    CHECK_INT(count(svg, "data-from=\"1\""), 2);
    CHECK_INT(count(svg, "class=\"flow-label\""), 2);
    CHECK_CONTAINS(svg, "&lt;b&gt;齐全&lt;/b&gt;");
    /* Every step, in order (their numbers lead the box text). */
    const char *at = svg;
    for (int i = 1; i <= 4; i++) {
        char num[16];
        snprintf(num, sizeof num, ">%d. ", i);
        const char *p = strstr(at, num);
        CHECK(p != NULL);
        if (p)
            at = p;
    }
    CHECK(strstr(at, ">办结<") != NULL);
    int wf = test_xmllint(svg);
    if (wf < 0)
        fprintf(stderr, "  (xmllint not installed: well-formedness not checked)\n");
    else
        CHECK_INT(wf, 1);
    buf_free(&b);
}

/* ================================================================ records */

static const char *const agency_line = "{\"type\":\"agency\",\"code\":\"gov\",\"name\":\"工农区人民政府\"}\n";

static const char *const good_guide =
    "{\"type\":\"guide\",\"id\":\"wstz-sl\",\"agency\":\"gov\",\"name\":\"外商投资企业设立\",\"column\":\"bmfw/bszn\","
    "\"summary\":\"概述\",\"basis\":[\"《中华人民共和国外商投资法》\",\"《中华人民共和国市场主体登记管理条例》\"],"
    "\"conditions\":[\"条件一\"],\"materials\":[{\"name\":\"申请书\",\"form\":\"原件\",\"copies\":1},"
    "{\"name\":\"批准文件\",\"required\":false,\"note\":\"涉及前置许可的\"}],"
    "\"steps\":[{\"key\":\"apply\",\"title\":\"申请\",\"who\":\"申请人\",\"where\":\"窗口\",\"time_limit\":\"随时\"},"
    "{\"key\":\"check\",\"title\":\"受理审查\",\"branches\":[{\"label\":\"材料齐全\",\"next\":\"decide\"},"
    "{\"label\":\"需补正\",\"next\":\"fix\"}]},{\"key\":\"fix\",\"title\":\"补正\",\"next\":\"check\"},"
    "{\"key\":\"decide\",\"title\":\"决定\",\"description\":\"作出决定\"}],\"time_limit\":\"15个工作日\","
    "\"fees\":\"不收费\",\"place\":\"政务服务中心\",\"office_hours\":\"工作日\",\"phone\":\"0468-3616166\","
    "\"online_url\":\"https://zwfw.example.gov.cn/a\",\"updated\":\"2024-07-15\"}";

/* Imports TEXT (as file "in.jsonl") into S; the error listing in *errors (caller frees). */
static res_t import_text(store_t *s, const char *text, char **errors)
{
    FILE *in = fmemopen((void *)text, strlen(text), "r");
    size_t len = 0;
    FILE *out = open_memstream(errors, &len);
    struct import_result r;
    res_t rc = import_stream(s, in, "in.jsonl", false, out, &r);
    fclose(in);
    fclose(out);
    return rc;
}

static void test_import_errors(void)
{
    char path[700];
    snprintf(path, sizeof path, "%s/bad.db", test_tmpdir());
    store_t *s = test_db_at(path);
    char *errors = NULL;
    char *text = xasprintf(
        "%s{\"type\":\"guide\",\"id\":\"ok\",\"agency\":\"gov\",\"name\":\"好\",\"steps\":[{\"title\":\"一\"}]}\n"
        "{\"type\":\"guide\",\"id\":\"Bad Id\",\"agency\":\"gov\",\"name\":\"x\",\"online_url\":\"javascript:alert(1)\","
        "\"basis\":[\"a\\nb\",3],\"materials\":[{\"name\":\"m\",\"copies\":-1,\"colour\":\"red\"}],"
        "\"steps\":[{\"key\":\"a\",\"title\":\"甲\",\"next\":\"nowhere\"},{\"key\":\"a\",\"title\":\"乙\"},"
        "{\"key\":\"c\",\"title\":\"丙\",\"next\":\"c\"},{\"key\":\"d\",\"title\":\"丁\",\"branches\":[{\"label\":\"x\",\"next\":\"a\"}]},"
        "{\"key\":\"end\",\"title\":\"戊\"},{\"title\":\"己\",\"next\":\"a\",\"branches\":[{\"label\":\"x\",\"next\":\"a\"},{\"label\":\"y\"}]}]}\n"
        "{\"type\":\"guide\",\"id\":\"x\",\"agency\":\"nobody\",\"name\":\"x\",\"steps\":[]}\n"
        "{\"type\":\"guide\",\"id\":\"y\",\"agency\":\"nobody\",\"name\":\"y\",\"steps\":[{\"title\":\"一\"}]}\n",
        agency_line);
    res_t rc = import_text(s, text, &errors);
    CHECK_INT(rc, RES_REFUSED);
    CHECK_CONTAINS(errors, "in.jsonl:3: id: 'Bad Id' is not a guide id");
    CHECK_CONTAINS(errors, "in.jsonl:3: online_url: 'javascript:alert(1)' is not a web address");
    CHECK_CONTAINS(errors, "in.jsonl:3: basis[0]: must be one line");
    CHECK_CONTAINS(errors, "in.jsonl:3: basis[1]: must be a string, not an integer");
    CHECK_CONTAINS(errors, "in.jsonl:3: materials[0].copies: -1 is outside 0–99");
    CHECK_CONTAINS(errors, "in.jsonl:3: materials[0].colour: unknown field");
    CHECK_CONTAINS(errors, "in.jsonl:3: steps[3].branches: a decision step has exactly two branches, not 1");
    CHECK_CONTAINS(errors, "in.jsonl:3: steps[4].key: 'end' is reserved");
    CHECK_CONTAINS(errors, "in.jsonl:3: steps[5].next: a decision step goes on through its branches");
    CHECK_CONTAINS(errors, "in.jsonl:3: steps[5].branches[1].next: required");
    CHECK_CONTAINS(errors, "in.jsonl:4: steps: a guide has 1 to 40 steps, not 0");
    CHECK_CONTAINS(errors, "in.jsonl:5: agency: unknown agency code 'nobody'");
    free(errors);
    free(text);
    /* The flow rules, on a record whose fields are all right. */
    text = xasprintf("%s{\"type\":\"guide\",\"id\":\"f\",\"agency\":\"gov\",\"name\":\"x\",\"steps\":["
                     "{\"key\":\"a\",\"title\":\"甲\",\"next\":\"nowhere\"},{\"key\":\"a\",\"title\":\"乙\"},"
                     "{\"key\":\"c\",\"title\":\"丙\",\"next\":\"c\"}]}\n",
                     agency_line);
    CHECK_INT(import_text(s, text, &errors), RES_REFUSED);
    CHECK_CONTAINS(errors, "in.jsonl:2: steps[0].next: 'nowhere' is not the key of a step");
    CHECK_CONTAINS(errors, "in.jsonl:2: steps[1].key: 'a' is also the key of steps[0]");
    CHECK_CONTAINS(errors, "in.jsonl:2: steps[2].next: a step cannot lead to itself");
    free(errors);
    free(text);
    /* Nothing was written: not even the valid guide of the first file. */
    arena_t *mem = arena_new();
    struct guide_rec g;
    char *err = NULL;
    CHECK_INT(store_get_guide(s, "ok", mem, &g, &err), RES_NOT_FOUND);
    arena_free(mem);
    free(err);
    store_close(s);
}

static void test_round_trip(void)
{
    char path[700];
    snprintf(path, sizeof path, "%s/rt.db", test_tmpdir());
    store_t *s = test_db_at(path);
    char *errors = NULL, *text = xasprintf("%s%s\n", agency_line, good_guide);
    CHECK_INT(import_text(s, text, &errors), RES_OK);
    CHECK_STR(errors, "");
    free(errors);
    free(text);

    /* What the store gives back. */
    arena_t *mem = arena_new();
    struct guide_rec g;
    char *err = NULL;
    CHECK_INT(store_get_guide(s, "wstz-sl", mem, &g, &err), RES_OK);
    CHECK_STR(g.name, "外商投资企业设立");
    CHECK_INT((int)g.nbasis, 2);
    CHECK_STR(g.basis[1], "《中华人民共和国市场主体登记管理条例》");
    CHECK_INT((int)g.nmaterials, 2);
    CHECK(!g.materials[1].required && g.materials[0].required && g.materials[0].copies == 1);
    CHECK_INT((int)g.nsteps, 4);
    CHECK_INT(g.steps[1].nbranches, 2);
    CHECK_STR(g.steps[1].branches[1].next, "fix");
    CHECK_STR(g.steps[2].next, "check");
    CHECK(g.steps[0].next == NULL && g.steps[0].nbranches == 0);
    arena_free(mem);

    /* Export gives the record back, field for field. */
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    CHECK_INT(export_records(s, NULL, 0, f), RES_OK);
    fclose(f);
    const char *line = strstr(out, "{\"type\":\"guide\"");
    CHECK(line != NULL);
    json_t *want = json_loads(good_guide, 0, NULL), *got = line ? json_loads(line, JSON_DISABLE_EOF_CHECK, NULL) : NULL;
    CHECK(got && json_equal(want, got));
    /* A year's export leaves guides out (no input of a report). */
    char *year_out = NULL;
    f = open_memstream(&year_out, &len);
    CHECK_INT(export_records(s, NULL, 2024, f), RES_OK);
    fclose(f);
    CHECK(strstr(year_out, "\"guide\"") == NULL);
    free(year_out);

    /* Re-importing a smaller version replaces the lists whole. */
    json_t *steps = json_object_get(got, "steps");
    json_array_remove(steps, 1); /* the decision: nothing else referred to... except fix's next */
    json_object_del(json_array_get(steps, 1), "next");
    json_array_remove(json_object_get(got, "materials"), 1);
    char *smaller = json_dumps(got, JSON_COMPACT);
    text = xasprintf("%s\n", smaller);
    CHECK_INT(import_text(s, text, &errors), RES_OK);
    free(errors);
    mem = arena_new();
    CHECK_INT(store_get_guide(s, "wstz-sl", mem, &g, &err), RES_OK);
    CHECK_INT((int)g.nsteps, 3);
    CHECK_INT((int)g.nmaterials, 1);
    CHECK_STR(g.steps[1].title, "补正");
    arena_free(mem);
    free(text);
    free(smaller);
    json_decref(want);
    json_decref(got);
    free(out);

    /* Straight through the store: an unknown agency is refused and writes nothing. */
    struct guide_step one[] = {{.title = "一"}};
    struct guide_rec bad = guide_of(one, 1);
    bad.agency = "nobody";
    bad.id = "zz";
    CHECK_INT(store_put_guide(s, &bad, &err), RES_REFUSED);
    CHECK(err && strncmp(err, "agency: ", 8) == 0);
    free(err);
    err = NULL;
    mem = arena_new();
    CHECK_INT(store_get_guide(s, "zz", mem, &g, &err), RES_NOT_FOUND);
    arena_free(mem);
    free(err);
    store_close(s);
}

void run_tests(void)
{
    test_layout_boxes_and_arrows();
    test_layout_lanes_do_not_share_height();
    test_layout_wraps_chinese();
    test_svg();
    test_import_errors();
    test_round_trip();
}
