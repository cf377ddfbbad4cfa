/* The embedded templates (assets/templates/): every raw interpolation ({{{x}}}, {{&x}})
 * reads a key that web/safe_html.c lists with the function producing its HTML, and the
 * XML templates (feed.atom, sitemap.xml, sitemap_index.xml) give well-formed XML in the
 * Mustache engine's XML mode whatever their values hold (markup, control characters,
 * "]]>", malformed UTF-8). */
#include "test.h"
#include "util/buf.h"
#include "util/embed.h"
#include "util/mustache.h"
#include "web/safe_html.h"
#include <stdbool.h>
#include <sys/wait.h>

static const char prefix[] = "templates/", suffix[] = ".mustache";

/* "templates/feed.atom.mustache" → "feed.atom" in OUT; false for other files. */
static bool template_name(const char *file, char *out, size_t nout)
{
    size_t n = strlen(file), np = sizeof prefix - 1, ns = sizeof suffix - 1;
    if (n <= np + ns || strncmp(file, prefix, np) || strcmp(file + n - ns, suffix))
        return false;
    snprintf(out, nout, "%.*s", (int)(n - np - ns), file + np);
    return true;
}

struct raw_check {
    const char *template;
    bool quiet; /* the check's own negative cases: nothing to report */
    int unlisted;
    bool used[64]; /* which registry entries some template reads */
};

static int check_raw(const char *key, int line, void *ud)
{
    struct raw_check *c = ud;
    const struct safe_html_key *k = safe_html_find(c->template, key);
    if (!k) {
        if (!c->quiet)
                fprintf(stderr, "  %s%s%s line %d: {{{%s}}} is not produced by a registered HTML function "
                            "(src/web/safe_html.c)\n",
                    prefix, c->template, suffix, line, key);
        c->unlisted++;
        return 0;
    }
    size_t i = (size_t)(k - safe_html_keys);
    if (i < sizeof c->used / sizeof c->used[0])
        c->used[i] = true;
    return 0;
}

/* The raw keys of SRC compiled as template NAME that the registry does not list. */
static int unlisted_raw(const char *name, const char *src, struct raw_check *c)
{
    char *err = NULL;
    mustache_t *t = mustache_compile_as(src, mustache_escape_for_name(name), &err);
    CHECK(t != NULL);
    if (!t) {
        fprintf(stderr, "  %s: %s\n", name, err ? err : "?");
        free(err);
        return 1;
    }
    c->template = name;
    int before = c->unlisted;
    mustache_each_raw(t, check_raw, c);
    mustache_free(t);
    return c->unlisted - before;
}

static void test_raw_keys_registered(void)
{
    CHECK(safe_html_key_count <= 64);
    struct raw_check c = {0};
    int templates = 0;
    for (size_t i = 0; i < embedded_count; i++) {
        char name[256];
        if (!template_name(embedded_files[i].name, name, sizeof name))
            continue;
        templates++;
        int n = unlisted_raw(name, (const char *)embedded_files[i].data, &c);
        CHECK_INT(n, 0);
        /* A document in XML mode has no raw values at all. */
        if (mustache_escape_for_name(name) == MUSTACHE_ESCAPE_XML)
            for (size_t k = 0; k < safe_html_key_count; k++)
                CHECK(strcmp(safe_html_keys[k].template, name) != 0);
    }
    CHECK(templates >= 20);
    /* No stale entries: each names a template that reads it, and a producer. */
    for (size_t k = 0; k < safe_html_key_count && k < 64; k++) {
        CHECK(c.used[k]);
        CHECK(strlen(safe_html_keys[k].producer) > 10);
        if (!c.used[k])
            fprintf(stderr, "  safe_html_keys: %s/%s is read by no template\n", safe_html_keys[k].template,
                    safe_html_keys[k].key);
    }

    /* The check itself fails where it should: a raw key of another template, an unknown
     * one, and one hidden behind changed delimiters. */
    struct raw_check neg = {.quiet = true};
    CHECK_INT(unlisted_raw("item", "<p>{{{item.body_html}}}</p>", &neg), 0);
    CHECK_INT(unlisted_raw("item", "<p>{{{item.title}}}</p>", &neg), 1);
    CHECK_INT(unlisted_raw("home", "{{{item.body_html}}}", &neg), 1);
    CHECK_INT(unlisted_raw("home", "{{& x}}{{=<% %>=}}<%&y%><%{z}%>{{w}}", &neg), 3);
    CHECK_INT(unlisted_raw("home", "{{x}}{{#s}}{{y}}{{/s}}", &neg), 0);
}

/* ------------------------------------------------------------------ XML templates */

static mustache_lib_t *embedded_lib(void)
{
    mustache_lib_t *lib = mustache_lib_new();
    for (size_t i = 0; i < embedded_count; i++) {
        char name[256], *err = NULL;
        if (template_name(embedded_files[i].name, name, sizeof name)) {
            CHECK_INT(mustache_lib_add(lib, name, (const char *)embedded_files[i].data, &err), 0);
            free(err);
        }
    }
    return lib;
}

/* `xmllint --noout` accepts XML (a missing xmllint fails: tools/deps.sh installs it). */
static bool xml_well_formed(const char *xml)
{
    char path[600], cmd[700];
    snprintf(path, sizeof path, "%s/doc.xml", test_tmpdir());
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    fputs(xml, f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "xmllint --noout '%s' 2>&1", path);
    int st = system(cmd);
    return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static int count_in(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* A string with everything a stored title may hold that XML cannot take as it is. */
static json_t *hostile(void)
{
    return json_string_nocheck("<b>标题</b> & \"q\" 'a' ]]> <![CDATA[x]]> <!-- c --> \x01\x08\x0B\x0C\x1B\x7F "
                               "\xEF\xBF\xBE \xFF\xC0\x80 end");
}

static void test_feed_xml(void)
{
    mustache_lib_t *lib = embedded_lib();
    json_t *ctx = json_object();
    json_object_set_new(ctx, "title", hostile());
    json_object_set_new(ctx, "self", json_string("https://x.cn/feeds/all.atom?a=1&b=2"));
    json_object_set_new(ctx, "alternate", json_string("https://x.cn/"));
    json_object_set_new(ctx, "updated", json_string("2024-01-02T03:04:05Z"));
    json_object_set_new(ctx, "author", hostile());
    json_t *entries = json_array();
    for (int i = 0; i < 2; i++) {
        json_t *e = json_object();
        json_object_set_new(e, "title", hostile());
        json_object_set_new(e, "href", json_string("https://x.cn/item/a%3Cb%3E?x=1&y=\"2\""));
        json_object_set_new(e, "updated", json_string("2024-01-02T03:04:05Z"));
        json_object_set_new(e, "published", json_string(i ? "" : "2024-01-02T00:00:00+08:00"));
        json_object_set_new(e, "author", hostile());
        json_object_set_new(e, "category", i ? json_string("") : hostile());
        json_object_set_new(e, "summary", i ? json_string("") : hostile());
        json_array_append_new(entries, e);
    }
    json_object_set_new(ctx, "entries", entries);
    buf_t out = BUF_INIT;
    char *err = NULL;
    CHECK_INT(mustache_lib_render(lib, "feed.atom", ctx, &out, &err), 0);
    free(err);
    const char *x = buf_str(&out);
    CHECK(xml_well_formed(x));
    CHECK(strncmp(x, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"", 77) == 0);
    CHECK_CONTAINS(x, "<title type=\"text\">&lt;b&gt;标题&lt;/b&gt; &amp; &quot;q&quot; &apos;a&apos; ]]&gt; "
                      "&lt;![CDATA[x]]&gt; &lt;!-- c --&gt; ");
    CHECK_CONTAINS(x, "href=\"https://x.cn/item/a%3Cb%3E?x=1&amp;y=&quot;2&quot;\"");
    CHECK(!strstr(x, "]]>"));
    CHECK(!strstr(x, "<b>"));
    for (const char *p = x; *p; p++)
        if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t' && *p != '\r') {
            CHECK(!"a control character in the feed");
            break;
        }
    CHECK(!strstr(x, "\xEF\xBF\xBE"));
    CHECK_INT(count_in(x, "<entry>"), 2);
    CHECK_INT(count_in(x, "<published>"), 1);
    CHECK_INT(count_in(x, "<summary"), 1);
    CHECK_INT(count_in(x, "<category"), 1);
    json_decref(ctx);

    /* The sitemap and the sitemap index. */
    buf_reset(&out);
    ctx = json_pack("{s:[{s:s,s:s},{s:s,s:s}]}", "urls", "loc", "https://x.cn/item/a&b<c>]]>", "lastmod", "2024-01-02",
                    "loc", "https://x.cn/", "lastmod", "");
    CHECK_INT(mustache_lib_render(lib, "sitemap.xml", ctx, &out, &err), 0);
    CHECK(xml_well_formed(buf_str(&out)));
    CHECK_STR(buf_str(&out), "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                             "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
                             "<url><loc>https://x.cn/item/a&amp;b&lt;c&gt;]]&gt;</loc><lastmod>2024-01-02</lastmod></url>\n"
                             "<url><loc>https://x.cn/</loc></url>\n"
                             "</urlset>\n");
    json_decref(ctx);
    buf_reset(&out);
    ctx = json_pack("{s:[{s:s}]}", "sitemaps", "loc", "https://x.cn/sitemaps/items-1.xml?a&b");
    CHECK_INT(mustache_lib_render(lib, "sitemap_index.xml", ctx, &out, &err), 0);
    CHECK(xml_well_formed(buf_str(&out)));
    CHECK_CONTAINS(buf_str(&out), "<sitemap><loc>https://x.cn/sitemaps/items-1.xml?a&amp;b</loc></sitemap>\n");
    json_decref(ctx);
    buf_free(&out);
    mustache_lib_free(lib);
}

void run_tests(void)
{
    test_raw_keys_registered();
    test_feed_xml();
}
