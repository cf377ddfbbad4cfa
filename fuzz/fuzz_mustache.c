/* Fuzz target: the Mustache engine (src/util/mustache.c), compile + render.
 *
 * Input: TEMPLATE [ NUL DATA [ NUL PARTIALS ] ]
 *   DATA      a JSON context; when absent or not JSON, a fixed context with strings full of
 *             HTML specials, nested objects, arrays, numbers, booleans and null;
 *   PARTIALS  a JSON object {name: template}; when absent or not an object, fixed partials
 *             (a plain one, a self-recursive one, a parent with a block, one that does not
 *             compile). The template itself is also the partial "main".
 * Checked:
 *  - compile gives a template or an error "line N: ..."; never both, never neither;
 *  - render gives 0, or -1 with a message and the output buffer exactly as it was;
 *  - rendering twice gives the same bytes; mustache_render_string agrees;
 *  - the same templates in a mustache_lib render the same bytes (when every partial compiles);
 *  - escaping: when neither the template nor a partial can produce markup by itself (no '<',
 *    no '&' tag, no triple mustache, no delimiter change), the output holds no '<' whatever
 *    the data: {{x}} always escapes. */
#include "fuzz.h"
#include "util/buf.h"
#include "util/mustache.h"
#include <string.h>

static const char fixed_ctx[] =
    "{\"name\":\"<b>\\\"张三\\\"&'</b>\",\"title\":\"关于<script>alert(1)</script>的通知\","
    "\"list\":[{\"x\":1,\"y\":\"<i>\"},{\"x\":\"a&b\"},{},[1,2]],\"obj\":{\"a\":{\"b\":\"<c>\",\"n\":2}},"
    "\"t\":true,\"f\":false,\"n\":null,\"num\":1.21,\"big\":12345678901234567,\"neg\":-0.5,"
    "\"empty\":[],\"zero\":0,\"s\":\"\",\"rows\":[{\"total\":3}],\"block\":\"main\",\"part\":\"p\"}";

static const char fixed_partials[] =
    "{\"p\":\"[{{name}}|{{#list}}{{x}}{{/list}}]\",\"rec\":\"{{name}}{{>rec}}\","
    "\"layout\":\"[{{$main}}default {{title}}{{/main}}|{{$aside}}{{/aside}}]\",\"bad\":\"{{#x}}\","
    "\"indent\":\"  a\\n  {{>p}}\\n\"}";

struct partials {
    json_t *map;
    const char *main;
    int calls;
};

static const char *load(void *ud, const char *name)
{
    struct partials *p = ud;
    p->calls++;
    if (strcmp(name, "main") == 0)
        return p->main;
    json_t *v = json_object_get(p->map, name);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Could the template text write a '<' without the data's help? */
static bool may_write_markup(const char *s)
{
    return strpbrk(s, "<&=") || strstr(s, "{{{");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    const char *nul1 = memchr(in, 0, size);
    size_t tlen = nul1 ? (size_t)(nul1 - in) : size;
    char *tmpl = strndup(in, tlen);
    const char *rest = nul1 ? nul1 + 1 : NULL;
    size_t rest_len = rest ? size - tlen - 1 : 0;
    const char *nul2 = rest ? memchr(rest, 0, rest_len) : NULL;
    size_t dlen = nul2 ? (size_t)(nul2 - rest) : rest_len;

    json_t *ctx = rest ? json_loadb(rest, dlen, JSON_DECODE_ANY, NULL) : NULL;
    bool own_data = ctx != NULL;
    if (!ctx)
        ctx = json_loads(fixed_ctx, 0, NULL);
    json_t *pmap = nul2 ? json_loadb(nul2 + 1, rest_len - dlen - 1, 0, NULL) : NULL;
    if (!json_is_object(pmap)) {
        json_decref(pmap);
        pmap = json_loads(fixed_partials, 0, NULL);
    }
    struct partials parts = {pmap, tmpl, 0};

    char *err = NULL;
    mustache_t *t = mustache_compile(tmpl, &err);
    FUZZ_CHECK(!t != !err, "compile: template %p, error %p", (void *)t, (void *)err);
    if (!t) {
        FUZZ_CHECK(strncmp(err, "line ", 5) == 0, "compile error without its line: %s", err);
        free(err);
        char *e2 = NULL;
        FUZZ_CHECK(mustache_render_string(tmpl, ctx, load, &parts, &e2) == NULL && e2,
                   "mustache_render_string accepted what mustache_compile refused");
        free(e2);
    } else {
        buf_t a = BUF_INIT, b = BUF_INIT;
        buf_puts(&a, "kept");
        buf_puts(&b, "kept");
        char *ea = NULL, *eb = NULL;
        int ra = mustache_render(t, ctx, load, &parts, &a, &ea);
        int rb = mustache_render(t, ctx, load, &parts, &b, &eb);
        FUZZ_CHECK(ra == rb && ra >= -1 && ra <= 0, "render returned %d then %d", ra, rb);
        FUZZ_CHECK((ra == 0) == !ea && !ea == !eb, "render error message and status disagree");
        FUZZ_CHECK(a.len == b.len && memcmp(buf_str(&a), buf_str(&b), a.len) == 0, "two renders differ");
        FUZZ_CHECK(ra == 0 || strcmp(buf_str(&a), "kept") == 0, "a failed render changed the output");
        char *es = NULL;
        char *s = mustache_render_string(tmpl, ctx, load, &parts, &es);
        FUZZ_CHECK(!s == (ra != 0), "mustache_render_string disagrees on success");
        if (s)
            FUZZ_CHECK(strcmp(s, buf_str(&a) + 4) == 0, "mustache_render_string renders other bytes");

        /* The same templates as a library. */
        mustache_lib_t *lib = mustache_lib_new();
        bool all_compile = true;
        const char *name;
        json_t *v;
        json_object_foreach(pmap, name, v) {
            char *le = NULL;
            if (!json_is_string(v) || strcmp(name, "main") == 0)
                continue;
            if (mustache_lib_add(lib, name, json_string_value(v), &le) != 0) {
                FUZZ_CHECK(le != NULL, "mustache_lib_add failed without a message");
                FUZZ_CHECK(mustache_lib_get(lib, name) == NULL, "a refused template is in the library");
                all_compile = false;
                free(le);
            }
        }
        char *le = NULL;
        FUZZ_CHECK(mustache_lib_add(lib, "main", tmpl, &le) == 0, "the library refused a template that compiles: %s",
                   le ? le : "");
        if (all_compile) {
            buf_t c = BUF_INIT;
            char *ec = NULL;
            int rc = mustache_lib_render(lib, "main", ctx, &c, &ec);
            FUZZ_CHECK(rc == ra, "library render returned %d, loader render %d", rc, ra);
            if (rc == 0)
                FUZZ_CHECK(strcmp(buf_str(&c), buf_str(&a) + 4) == 0, "library render differs:\n%s\n---\n%s",
                           buf_str(&c), buf_str(&a) + 4);
            free(ec);
            buf_free(&c);
        }
        mustache_lib_free(lib);

        if (ra == 0 && !may_write_markup(tmpl)) {
            bool plain = true;
            json_object_foreach(pmap, name, v) if (json_is_string(v) &&
                                                   may_write_markup(json_string_value(v)))
                plain = false;
            if (plain)
                FUZZ_CHECK(!strchr(buf_str(&a), '<'), "markup from the data (own data: %d): %s", own_data,
                           buf_str(&a));
        }
        free(s);
        free(es);
        free(ea);
        free(eb);
        buf_free(&a);
        buf_free(&b);
        mustache_free(t);
    }
    json_decref(ctx);
    json_decref(pmap);
    free(tmpl);
    return 0;
}
