/* The demo's service guides (assets/demo/guides.json): a guide for every service of the
 * vocabulary, so that each 办事指南 / 办理流程图 item can link to its page and flowchart, and
 * the two 办理流程清单 the seed report promises, each presented by an item of 便民服务 ›
 * 办事指南 (which is how search finds them). Texts may name {{window}}, {{agency}} and
 * {{days}}; contact details are the agency's record, as every other text of the demo. */
#include "demo/demo_internal.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

#define GUIDE_UPDATED_GENERIC "2021-03-01"

static json_t *guides_data(const char *key)
{
    return demo_data_get("guides.json", key);
}

/* The 政务服务中心 window of agency A, as the 办事指南 items name it. */
static char *window_of(const struct demo_agency *a)
{
    return xasprintf("工农区政务服务中心%s窗口", a->short_name);
}

/* A copy of V with every string rendered against CTX (strict: unknown names stop). */
static json_t *render_strings(const json_t *v, const json_t *ctx)
{
    if (json_is_string(v)) {
        char *s = demo_render_text(json_string_value(v), ctx);
        json_t *out = json_string(s);
        free(s);
        return out;
    }
    if (json_is_array(v)) {
        json_t *out = json_array();
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) json_array_append_new(out, render_strings(e, ctx));
        return out;
    }
    if (json_is_object(v)) {
        json_t *out = json_object();
        const char *k;
        json_t *e;
        json_object_foreach((json_t *)v, k, e) json_object_set_new(out, k, render_strings(e, ctx));
        return out;
    }
    return json_deep_copy(v);
}

/* The guide record's contact fields from the agency's record. */
static void contact(json_t *g, const struct demo_agency *a, const char *window)
{
    json_object_set_new(g, "place", json_string(window));
    const char *hours = demo_str_opt(a->record, "office_hours");
    if (hours)
        json_object_set_new(g, "office_hours", json_string(hours));
    json_object_set_new(g, "phone", json_string(a->phone));
}

/* Materials written "居民身份证、户口簿" in the vocabulary, as a list. */
static json_t *materials_of(const char *text)
{
    json_t *list = json_array();
    const char *p = text;
    while (*p) {
        const char *sep = strstr(p, "、");
        size_t len = sep ? (size_t)(sep - p) : strlen(p);
        if (len) {
            char *name = xasprintf("%.*s", (int)len, p);
            json_array_append_new(list, json_pack("{s:s, s:s}", "name", name, "form", "原件"));
            free(name);
        }
        p += len + (sep ? strlen("、") : 0);
    }
    return list;
}

static void emit_service_guide(struct demo_ctx *ctx, size_t i, const json_t *svc)
{
    const struct demo_agency *a = demo_agency(demo_str(svc, "agency"));
    const char *name = demo_str(svc, "name");
    char *window = window_of(a), *id = xasprintf("bszn-%02zu", i + 1);
    json_t *vars = json_pack("{s:s, s:s, s:I}", "window", window, "agency", a->name, "days",
                             json_integer_value(json_object_get(svc, "days")));
    const json_t *own = json_object_get(guides_data("services"), name);
    json_t *g = json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", "guide", "id", id, "agency", a->code, "name", name,
                          "column", "bmfw/bszn");
    if (own) {
        json_t *r = render_strings(own, vars);
        json_object_update(g, r);
        json_decref(r);
    } else {
        json_object_set_new(g, "basis", json_pack("[s]", demo_str(svc, "basis")));
        json_object_set_new(g, "materials", materials_of(demo_str(svc, "materials")));
        json_object_set_new(g, "steps", render_strings(guides_data("generic_steps"), vars));
        char *limit = xasprintf("承诺时限：%lld个工作日", (long long)json_integer_value(json_object_get(svc, "days")));
        json_object_set_new(g, "time_limit", json_string(limit));
        free(limit);
        json_object_set_new(g, "fees", json_string("不收费"));
        json_object_set_new(g, "updated", json_string(GUIDE_UPDATED_GENERIC));
    }
    contact(g, a, window);
    demo_emit(ctx, g);
    json_decref(vars);
    free(window);
    free(id);
}

static void emit_list_guide(struct demo_ctx *ctx, const json_t *l)
{
    const struct demo_agency *a = demo_agency(demo_str(l, "agency"));
    char *window = window_of(a);
    json_t *g = json_pack("{s:s}", "type", "guide");
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)l, k, v) if (strcmp(k, "item") != 0) json_object_set(g, k, v);
    json_object_set_new(g, "column", json_string("bmfw/bszn"));
    contact(g, a, window);
    demo_emit(ctx, g);
    free(window);
}

void demo_guide_items(struct demo_ctx *ctx)
{
    size_t i;
    json_t *l;
    json_array_foreach(guides_data("lists"), i, l)
    {
        const json_t *it = json_object_get(l, "item");
        const char *name = demo_str(l, "name");
        char *body = xasprintf("## 事项名称\n\n%s\n\n## 说明\n\n%s\n\n"
                               "按照“清单管理”模式，本清单把原来分散在各部门的办事指南整合为一张清单，"
                               "列明设定依据、申请条件、申请材料、办理环节、办理时限和咨询方式。\n\n"
                               "## 办理流程清单和流程图\n\n见[《%s办事指南》](/guide/%s)（现行版本，含流程图，可打印）。",
                               name, demo_str(l, "summary"), name, demo_str(l, "id"));
        json_t *rec = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[{s:s, s:s}]}", "type", "item", "id",
                                demo_str(it, "id"), "agency", demo_str(l, "agency"), "title", demo_str(it, "title"),
                                "body", body, "column", "bmfw/bszn", "topic", "综合政务/行政审批", "publications",
                                "channel", "website", "at", demo_str(it, "published"));
        free(body);
        demo_emit(ctx, rec);
    }
}

void demo_guides(struct demo_ctx *ctx)
{
    size_t i;
    json_t *v;
    json_array_foreach(demo_data_get("vocabulary.json", "services"), i, v) emit_service_guide(ctx, i, v);
    json_array_foreach(guides_data("lists"), i, v) emit_list_guide(ctx, v);
}
