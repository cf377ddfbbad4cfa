/* The Mustache engine: the spec's own test files (tests/data/mustache-spec/, Mustache
 * spec v1.4), then what the spec does not cover: errors, recursion, escaping,
 * Chinese text, caching, libraries, threads. */
#include "test.h"
#include "util/mustache.h"
#include <dirent.h>
#include <pthread.h>

#define SPEC_DIR "tests/data/mustache-spec"

static const char *json_partial(void *ud, const char *name)
{
    const json_t *p = ud;
    return json_string_value(json_object_get(p, name));
}

/* Shows a string with its newlines and tabs visible, for failure reports. */
static void show(const char *label, const char *s)
{
    fprintf(stderr, "    %s \"", label);
    for (; s && *s; s++) {
        if (*s == '\n')
            fputs("\\n", stderr);
        else if (*s == '\r')
            fputs("\\r", stderr);
        else if (*s == '\t')
            fputs("\\t", stderr);
        else
            fputc(*s, stderr);
    }
    fputs("\"\n", stderr);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_spec_file(const char *file)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", SPEC_DIR, file);
    json_error_t jerr;
    json_t *doc = json_load_file(path, 0, &jerr);
    CHECK(doc != NULL);
    if (!doc) {
        fprintf(stderr, "%s: %s (line %d)\n", path, jerr.text, jerr.line);
        return;
    }
    json_t *tests = json_object_get(doc, "tests");
    size_t ntests = json_array_size(tests), passed = 0;
    if (strncmp(file, "~lambdas", 8) == 0) {
        /* Lambdas are code in the data; a JSON context cannot hold any. */
        printf("mustache spec %-20s skipped (%zu tests: lambdas are not supported)\n", file,
               ntests);
        json_decref(doc);
        return;
    }
    for (size_t i = 0; i < ntests; i++) {
        json_t *tc = json_array_get(tests, i);
        const char *name = json_string_value(json_object_get(tc, "name"));
        const char *tpl = json_string_value(json_object_get(tc, "template"));
        const char *want = json_string_value(json_object_get(tc, "expected"));
        json_t *partials = json_object_get(tc, "partials");
        char *err = NULL;
        char *got = mustache_render_string(tpl, json_object_get(tc, "data"), json_partial,
                                           partials, &err);
        int ok = got && want && strcmp(got, want) == 0;
        test_result_(ok, __FILE__, __LINE__, name);
        if (ok) {
            passed++;
        } else {
            fprintf(stderr, "  spec %s: \"%s\" failed\n", file, name);
            show("template:", tpl);
            show("expected:", want);
            show("got:     ", got ? got : err);
        }
        free(got);
        free(err);
    }
    printf("mustache spec %-20s %zu/%zu passed\n", file, passed, ntests);
    json_decref(doc);
}

static void test_spec(void)
{
    DIR *d = opendir(SPEC_DIR);
    CHECK(d != NULL);
    if (!d)
        return;
    char *names[64];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".json") == 0)
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_names);
    CHECK_INT(n, 9); /* 6 core modules, 3 optional */
    for (size_t i = 0; i < n; i++) {
        run_spec_file(names[i]);
        free(names[i]);
    }
}

/* Renders src against the JSON text ctx (no partials); the result is malloc'd. */
static char *render(const char *src, const char *ctx)
{
    json_t *j = json_loads(ctx, JSON_DECODE_ANY, NULL);
    char *err = NULL;
    char *s = mustache_render_string(src, j, NULL, NULL, &err);
    if (!s) {
        fprintf(stderr, "  render error: %s\n", err);
        free(err);
    }
    json_decref(j);
    return s;
}

#define CHECK_RENDER(src, ctx, want)            \
    do {                                        \
        char *got__ = render((src), (ctx));     \
        CHECK_STR(got__, (want));               \
        free(got__);                            \
    } while (0)

static void check_compile_error(const char *src, const char *want1, const char *want2)
{
    char *err = NULL;
    mustache_t *t = mustache_compile(src, &err);
    CHECK(t == NULL);
    CHECK_CONTAINS(err, want1);
    CHECK_CONTAINS(err, want2);
    mustache_free(t);
    free(err);
}

static void test_syntax_errors(void)
{
    check_compile_error("a\n{{#items}}\n{{name}}\n", "line 2:", "unclosed section 'items'");
    check_compile_error("{{#a}}\n\n{{/b}}", "line 3:", "mismatched close tag 'b'");
    check_compile_error("{{#a}}\n\n{{/b}}", "'a' (line 1)", "mismatched");
    check_compile_error("x\ny\n{{/a}}", "line 3:", "no section is open");
    check_compile_error("ok\n{{name", "line 2:", "unclosed tag");
    check_compile_error("{{{name}}", "line 1:", "unclosed tag");
    check_compile_error("\n\n\n{{=<%>=}}", "line 4:", "bad delimiter tag");
    check_compile_error("{{= a b c =}}", "line 1:", "bad delimiter tag");
    check_compile_error("{{=a= b=}}", "line 1:", "bad delimiter tag");
    check_compile_error("{{}}", "line 1:", "empty tag name");
    check_compile_error("{{a b}}", "line 1:", "bad tag name");
    check_compile_error("{{^x}}\n{{!\n\n}}", "line 1:", "unclosed inverted section 'x'");
    check_compile_error("{{<page}}{{$body}}\n{{/page}}", "line 2:", "the open block is 'body'");
    /* A multi-line comment counts its lines. */
    check_compile_error("{{!\na\nb\n}}{{/x}}", "line 4:", "close tag");
    /* err may be NULL when the caller only wants to know. */
    CHECK(mustache_compile("{{#x}}", NULL) == NULL);

    /* A partial that fails to compile fails the render, naming it. */
    json_t *parts = json_pack("{s:s}", "bad", "one\n{{#open}}\n");
    buf_t out = BUF_INIT;
    buf_puts(&out, "before|");
    char *err = NULL;
    mustache_t *t = mustache_compile("[{{>bad}}]", &err);
    CHECK(t != NULL);
    CHECK_INT(mustache_render(t, NULL, json_partial, parts, &out, &err), -1);
    CHECK_CONTAINS(err, "partial 'bad': line 2: unclosed section 'open'");
    CHECK_STR(buf_str(&out), "before|"); /* nothing half-rendered is left behind */
    free(err);
    mustache_free(t);
    buf_free(&out);
    json_decref(parts);
}

static void test_recursion(void)
{
    /* A partial that includes itself without end. */
    json_t *parts = json_pack("{s:s, s:s}", "self", "x{{>self}}", "node",
                              "{{name}}({{#kids}}{{>node}}{{/kids}})");
    char *err = NULL;
    char *s = mustache_render_string("{{>self}}", NULL, json_partial, parts, &err);
    CHECK(s == NULL);
    CHECK_CONTAINS(err, "deeper than");
    free(err);

    /* Parents too: a layout that inherits from itself. */
    json_t *p2 = json_pack("{s:s}", "loop", "{{<loop}}{{/loop}}");
    err = NULL;
    s = mustache_render_string("{{<loop}}{{/loop}}", NULL, json_partial, p2, &err);
    CHECK(s == NULL);
    CHECK_CONTAINS(err, "deeper than");
    free(err);
    json_decref(p2);

    /* Recursion that ends is fine, 60 levels deep (two frames a level). */
    json_t *root = json_pack("{s:s, s:[]}", "name", "n0", "kids");
    json_t *cur = root;
    for (int i = 1; i < 60; i++) {
        char nm[16];
        snprintf(nm, sizeof nm, "n%d", i);
        json_t *kid = json_pack("{s:s, s:[]}", "name", nm, "kids");
        json_array_append_new(json_object_get(cur, "kids"), kid);
        cur = kid;
    }
    err = NULL;
    s = mustache_render_string("{{>node}}", root, json_partial, parts, &err);
    CHECK(s != NULL);
    CHECK(s && strncmp(s, "n0(n1(n2(", 9) == 0);
    CHECK(s && strstr(s, "n59()))") != NULL);
    free(s);
    free(err);

    /* Sections nested deeper than the limit, in one template, fail cleanly too. */
    buf_t deep = BUF_INIT;
    for (int i = 0; i < MUSTACHE_MAX_DEPTH + 5; i++)
        buf_puts(&deep, "{{#a}}");
    for (int i = 0; i < MUSTACHE_MAX_DEPTH + 5; i++)
        buf_puts(&deep, "{{/a}}");
    json_t *ctx = json_pack("{s:b}", "a", 1);
    err = NULL;
    s = mustache_render_string(buf_str(&deep), ctx, NULL, NULL, &err);
    CHECK(s == NULL);
    CHECK_CONTAINS(err, "deeper than");
    free(err);
    json_decref(ctx);
    buf_free(&deep);
    json_decref(root);
    json_decref(parts);
}

static void test_escaping(void)
{
    const char *ctx = "{\"x\": \"O'Brien & <b class=\\\"c\\\">\"}";
    CHECK_RENDER("{{x}}", ctx, "O&#39;Brien &amp; &lt;b class=&quot;c&quot;&gt;");
    CHECK_RENDER("<a title='{{x}}'>", ctx,
                 "<a title='O&#39;Brien &amp; &lt;b class=&quot;c&quot;&gt;'>");
    CHECK_RENDER("{{{x}}}|{{&x}}", ctx, "O'Brien & <b class=\"c\">|O'Brien & <b class=\"c\">");
    /* Template text is never escaped; a value's mustaches are never expanded. */
    CHECK_RENDER("'&'{{y}}", "{\"y\": \"{{x}}\"}", "'&'{{x}}");
}

static int raw_name(const char *name, int line, void *ud)
{
    buf_printf(ud, "%s@%d ", name, line);
    return 0;
}

/* XML mode: chosen by a library name ending .xml or .atom (or mustache_compile_as); {{x}}
 * escapes for XML 1.0 and drops what XML cannot carry; partials follow the document. */
static void test_xml_mode(void)
{
    CHECK_INT(mustache_escape_for_name("feed.atom"), MUSTACHE_ESCAPE_XML);
    CHECK_INT(mustache_escape_for_name("sitemap.xml"), MUSTACHE_ESCAPE_XML);
    CHECK_INT(mustache_escape_for_name("item"), MUSTACHE_ESCAPE_HTML);
    CHECK_INT(mustache_escape_for_name("xml"), MUSTACHE_ESCAPE_HTML);
    CHECK_INT(mustache_escape_for_name("a.xml.bak"), MUSTACHE_ESCAPE_HTML);
    CHECK_INT(mustache_escape_for_name(NULL), MUSTACHE_ESCAPE_HTML);

    mustache_lib_t *lib = mustache_lib_new();
    char *err = NULL;
    CHECK_INT(mustache_lib_add(lib, "t.atom", "<title>{{x}}</title>{{>_p}}<a href=\"{{x}}\"/>", &err), 0);
    CHECK_INT(mustache_lib_add(lib, "t", "<p>{{x}}</p>{{>_p}}", &err), 0);
    CHECK_INT(mustache_lib_add(lib, "_p", "[{{x}}]", &err), 0);
    json_t *ctx = json_object(); /* jansson's checked constructors refuse the bad UTF-8 */
    json_object_set_new(ctx, "x", json_string_nocheck("a]]>b\x01" "c\x1b<d>&'\"\tok\xef\xbf\xbe\xff"));
    buf_t out = BUF_INIT;
    CHECK_INT(mustache_lib_render(lib, "t.atom", ctx, &out, &err), 0);
    const char *x = "a]]&gt;b\xEF\xBF\xBD" "c\xEF\xBF\xBD&lt;d&gt;&amp;&apos;&quot;\tok\xEF\xBF\xBD\xEF\xBF\xBD";
    char want[512];
    snprintf(want, sizeof want, "<title>%s</title>[%s]<a href=\"%s\"/>", x, x, x);
    CHECK_STR(buf_str(&out), want);
    buf_reset(&out);
    /* The same partial inside an HTML page escapes for HTML. */
    CHECK_INT(mustache_lib_render(lib, "t", ctx, &out, &err), 0);
    CHECK_CONTAINS(buf_str(&out), "<p>a]]&gt;b\x01" "c\x1b&lt;d&gt;&amp;&#39;&quot;");
    buf_free(&out);
    json_decref(ctx);

    /* Raw tags are listed whatever the delimiters; escaped ones are not. */
    mustache_t *t = mustache_compile_as("{{a}}{{{b}}}{{& c.d }}{{=<% %>=}}<%&e%><%{f}%><%g%>", MUSTACHE_ESCAPE_XML,
                                        &err);
    CHECK(t != NULL);
    buf_t names = BUF_INIT;
    CHECK_INT(mustache_each_raw(t, raw_name, &names), 0);
    CHECK_STR(buf_str(&names), "b@1 c.d@1 e@1 f@1 ");
    buf_free(&names);
    mustache_free(t);
    mustache_lib_free(lib);
}

static void test_chinese(void)
{
    const char *report = "{\"year\": 2024, \"agency\": \"某某区人民政府办公室\","
                         " \"applications\": {\"received\": 1234, \"rate\": 98.5,"
                         " \"carried\": 0, \"note\": \"\"},"
                         " \"单位\": \"件\"}";
    CHECK_RENDER("全区共受理申请{{applications.received}}件", report, "全区共受理申请1234件");
    CHECK_RENDER("{{agency}}{{year}}年政府信息公开工作年度报告", report,
                 "某某区人民政府办公室2024年政府信息公开工作年度报告");
    CHECK_RENDER("按时办结率{{applications.rate}}%，共{{applications.received}}{{单位}}", report,
                 "按时办结率98.5%，共1234件");
    /* 0 and "" are falsey, as in JavaScript: "no carry-over" reads naturally. */
    CHECK_RENDER("{{#applications.carried}}上年结转{{.}}件{{/applications.carried}}"
                 "{{^applications.carried}}无上年结转{{/applications.carried}}",
                 report, "无上年结转");
    CHECK_RENDER("{{#applications.note}}备注：{{.}}{{/applications.note}}。", report, "。");
    CHECK_RENDER("「{{x}}」", "{\"x\": \"《条例》第三十三条 <附件>\"}",
                 "「《条例》第三十三条 &lt;附件&gt;」");
}

static void test_values(void)
{
    CHECK_RENDER("{{a}} {{b}} {{c}} {{d}} {{e}}", "{\"a\": 1.21, \"b\": 85, \"c\": -0.5,"
                 " \"d\": 1e21, \"e\": 0.1}", "1.21 85 -0.5 1e+21 0.1");
    CHECK_RENDER("[{{t}}|{{f}}|{{n}}|{{o}}|{{l}}]", "{\"t\": true, \"f\": false, \"n\": null,"
                 " \"o\": {\"k\": 1}, \"l\": [1]}", "[true|false|||]");
    CHECK_RENDER("{{rows.1.v}}/{{rows.9.v}}/{{rows.x}}", "{\"rows\": [{\"v\": \"a\"}, {\"v\": \"b\"}]}",
                 "b//");
    CHECK_RENDER("{{#rows}}{{v}},{{/rows}}", "{\"rows\": [{\"v\": 1}, {\"v\": 2.5}]}", "1,2.5,");
    /* A NULL context renders as an empty one. */
    char *err = NULL;
    char *s = mustache_render_string("a{{x}}b{{.}}c", NULL, NULL, NULL, &err);
    CHECK_STR(s, "abc");
    free(s);
}

struct counting {
    json_t *parts;
    int calls;
};

static const char *counting_partial(void *ud, const char *name)
{
    struct counting *c = ud;
    c->calls++;
    return json_string_value(json_object_get(c->parts, name));
}

static void test_partial_cache(void)
{
    struct counting c = {json_pack("{s:s}", "row", "<li>{{.}}</li>"), 0};
    json_t *ctx = json_pack("{s:[i,i,i,i,i]}", "items", 1, 2, 3, 4, 5);
    char *err = NULL;
    char *s = mustache_render_string("{{#items}}{{>row}}{{>missing}}{{/items}}", ctx,
                                     counting_partial, &c, &err);
    CHECK_STR(s, "<li>1</li><li>2</li><li>3</li><li>4</li><li>5</li>");
    CHECK_INT(c.calls, 2); /* "row" once, "missing" once, for ten uses */
    free(s);
    json_decref(ctx);
    json_decref(c.parts);
}

static void test_layouts(void)
{
    mustache_lib_t *lib = mustache_lib_new();
    char *err = NULL;
    CHECK_INT(mustache_lib_add(lib, "layout",
                               "<html>\n"
                               "<head><title>{{$title}}政府信息公开{{/title}}</title></head>\n"
                               "<body>\n"
                               "  <main>\n"
                               "    {{$body}}\n"
                               "    {{/body}}\n"
                               "  </main>\n"
                               "  {{>footer}}\n"
                               "</body>\n"
                               "</html>\n",
                               &err),
              0);
    CHECK_INT(mustache_lib_add(lib, "footer", "<footer>\n  {{site}}\n</footer>\n", &err), 0);
    CHECK_INT(mustache_lib_add(lib, "page",
                               "{{<layout}}\n"
                               "{{$title}}{{name}} - {{site}}{{/title}}\n"
                               "{{$body}}\n"
                               "<h1>{{name}}</h1>\n"
                               "{{#items}}\n"
                               "<p>{{.}}</p>\n"
                               "{{/items}}\n"
                               "{{/body}}\n"
                               "{{/layout}}\n",
                               &err),
              0);
    json_t *ctx = json_pack("{s:s, s:s, s:[s,s]}", "site", "某区政府", "name", "年度报告",
                            "items", "甲", "乙");
    buf_t out = BUF_INIT;
    CHECK_INT(mustache_lib_render(lib, "page", ctx, &out, &err), 0);
    CHECK_STR(buf_str(&out), "<html>\n"
                             "<head><title>年度报告 - 某区政府</title></head>\n"
                             "<body>\n"
                             "  <main>\n"
                             "    <h1>年度报告</h1>\n"
                             "    <p>甲</p>\n"
                             "    <p>乙</p>\n"
                             "  </main>\n"
                             "  <footer>\n"
                             "    某区政府\n"
                             "  </footer>\n"
                             "</body>\n"
                             "</html>\n");

    /* A theme overrides a template by adding it again under the same name. */
    CHECK_INT(mustache_lib_add(lib, "footer", "<footer>{{site}}（主题）</footer>\n", &err), 0);
    buf_reset(&out);
    CHECK_INT(mustache_lib_render(lib, "page", ctx, &out, &err), 0);
    CHECK_CONTAINS(buf_str(&out), "  <footer>某区政府（主题）</footer>\n</body>");
    CHECK(mustache_lib_get(lib, "footer") != NULL);
    CHECK(mustache_lib_get(lib, "nope") == NULL);

    /* A broken theme template is refused and the old one stays. */
    CHECK_INT(mustache_lib_add(lib, "footer", "{{#x}}", &err), -1);
    CHECK_CONTAINS(err, "footer: line 1: unclosed section 'x'");
    free(err);
    err = NULL;
    buf_reset(&out);
    CHECK_INT(mustache_lib_render(lib, "page", ctx, &out, &err), 0);
    CHECK_CONTAINS(buf_str(&out), "（主题）");

    CHECK_INT(mustache_lib_render(lib, "nope", ctx, &out, &err), -1);
    CHECK_CONTAINS(err, "no template 'nope'");
    free(err);
    buf_free(&out);
    json_decref(ctx);
    mustache_lib_free(lib);
}

/* Many threads rendering one compiled template (and one context) at once must each
 * get the same bytes as a render on its own. */
struct job {
    const mustache_t *t;
    const json_t *ctx;
    json_t *parts;
    const char *want;
    int same;
};

static void *render_job(void *arg)
{
    struct job *j = arg;
    j->same = 1;
    for (int i = 0; i < 50; i++) {
        buf_t out = BUF_INIT;
        char *err = NULL;
        int rc = mustache_render(j->t, j->ctx, json_partial, j->parts, &out, &err);
        if (rc != 0 || strcmp(buf_str(&out), j->want) != 0)
            j->same = 0;
        buf_free(&out);
        free(err);
    }
    return NULL;
}

static void test_reuse(void)
{
    char *err = NULL;
    mustache_t *t = mustache_compile("{{#list}}\n  {{>item}}\n{{/list}}\n{{total}}件\n", &err);
    CHECK(t != NULL);
    json_t *parts = json_pack("{s:s}", "item", "<li>{{name}}</li>\n<li>{{n}}</li>\n");
    json_t *ctx = json_pack("{s:[{s:s,s:i},{s:s,s:f}], s:i}", "list", "name", "政府'信息",
                            "n", 1, "name", "公开", "n", 2.5, "total", 3);
    buf_t a = BUF_INIT, b = BUF_INIT;
    CHECK_INT(mustache_render(t, ctx, json_partial, parts, &a, &err), 0);
    CHECK_INT(mustache_render(t, ctx, json_partial, parts, &b, &err), 0);
    CHECK_STR(buf_str(&a), "  <li>政府&#39;信息</li>\n  <li>1</li>\n"
                           "  <li>公开</li>\n  <li>2.5</li>\n3件\n");
    CHECK_STR(buf_str(&a), buf_str(&b));

    struct job jobs[4];
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (struct job){t, ctx, parts, buf_str(&a), 0};
        CHECK_INT(pthread_create(&th[i], NULL, render_job, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        CHECK_INT(jobs[i].same, 1);
    }
    buf_free(&a);
    buf_free(&b);
    json_decref(ctx);
    json_decref(parts);
    mustache_free(t);
}

static void test_indentation(void)
{
    /* Partials nest their indentation; interpolated newlines stay as they are. */
    json_t *parts = json_pack("{s:s, s:s}", "outer", "<ul>\n  {{>inner}}\n</ul>\n", "inner",
                              "<li>{{{v}}}</li>\n\n<li>b</li>\n");
    json_t *ctx = json_pack("{s:s}", "v", "x\ny");
    char *err = NULL;
    char *s = mustache_render_string("<div>\n    {{>outer}}\n</div>\n", ctx, json_partial, parts,
                                     &err);
    CHECK_STR(s, "<div>\n    <ul>\n      <li>x\ny</li>\n      \n      <li>b</li>\n    </ul>\n"
                 "</div>\n");
    free(s);
    json_decref(ctx);
    json_decref(parts);
}

void run_tests(void)
{
    test_spec();
    test_syntax_errors();
    test_recursion();
    test_escaping();
    test_xml_mode();
    test_chinese();
    test_values();
    test_partial_cache();
    test_layouts();
    test_reuse();
    test_indentation();
}
