/* 在线查询 (issue 10 item 5): one public page where a person finds the status of what they
 * sent in by its number and query code.
 *
 * GET /zxcx shows the form; POST /zxcx looks up, so that the code is never in a URL, a
 * log line or a browser's history. A wrong code and an unknown number get the same answer
 * (the same words, status and length), so the page reveals nothing about which numbers
 * exist; every lookup counts against the client address's hourly limit
 * (lookup_per_ip_hour), wrong ones too, which bounds guessing a code.
 *
 * What can be looked up is a small registry: a kind names its number's shape and a finder.
 * Applications (依申请公开) and consultation comments (意见征集) join by adding a row. */
#include "web/public/pages.h"
#include "web/rate_limit.h"
#include <stdlib.h>
#include <string.h>

struct lookup_kind {
    const char *code, *name, *number_hint;
    /* RES_OK with the status in OUT; RES_NOT_FOUND for a wrong number or code (the same
     * answer for both); RES_FAILED. */
    res_t (*find)(struct page *pg, const char *number, const char *code, json_t *out, char **err);
};

static const struct lookup_kind lookup_kinds[] = {
    {"message", "留言（建言献策、领导信箱、咨询、投诉）", "LY2026-000123", message_lookup},
};
#define NKINDS (sizeof lookup_kinds / sizeof lookup_kinds[0])

static const struct lookup_kind *kind_find(const char *code)
{
    if (!code || !*code)
        return &lookup_kinds[0];
    for (size_t i = 0; i < NKINDS; i++)
        if (strcmp(lookup_kinds[i].code, code) == 0)
            return &lookup_kinds[i];
    return NULL;
}

/* The form's keys: the kinds (the chosen one selected) and what was typed (never the code). */
static void form_keys(struct page *pg, const struct lookup_kind *chosen, const char *number)
{
    json_t *kinds = json_array();
    for (size_t i = 0; i < NKINDS; i++) {
        json_t *o = json_object();
        view_set(o, "code", lookup_kinds[i].code);
        view_set(o, "name", lookup_kinds[i].name);
        view_set(o, "hint", lookup_kinds[i].number_hint);
        view_set_bool(o, "selected", chosen == &lookup_kinds[i]);
        json_array_append_new(kinds, o);
    }
    json_object_set_new(pg->ctx, "lookup_kinds", kinds);
    view_set_bool(pg->ctx, "several_kinds", NKINDS > 1);
    view_set(pg->ctx, "number", number);
    view_set(pg->ctx, "hint", (chosen ? chosen : &lookup_kinds[0])->number_hint);
    view_set(pg->ctx, "title", "在线查询");
    view_set(pg->ctx, "section", "hdjl");
    view_set_bool(pg->ctx, "noindex", false);
    view_crumbs_here(pg->ctx, "在线查询");
}

void page_lookup(struct request *req, struct response *res)
{
    struct page pg;
    if (!page_begin(&pg, req, res))
        return;
    form_keys(&pg, &lookup_kinds[0], "");
    page_render(&pg, "zxcx");
}

/* A lookup's answer is the visitor's alone: never kept by a cache. */
static void answer(struct page *pg, int status)
{
    struct response *res = pg->res;
    res_status(res, status);
    page_render(pg, "zxcx");
    res_cache(res, "no-store");
}

void page_lookup_post(struct request *req, struct response *res)
{
    struct page pg;
    if (!page_begin(&pg, req, res))
        return;
    const char *number = req_form(req, "number"), *code = req_form(req, "code");
    const struct lookup_kind *kind = kind_find(req_form(req, "kind"));
    form_keys(&pg, kind, number ? number : "");
    char *err = NULL;
    long limit = rate_limit_setting(pg.p, "lookup_per_ip_hour");
    res_t rc = rate_limit_hit(pg.s, "lookup-ip", req->client_ip, limit, 3600, &err);
    if (rc == RES_REFUSED) {
        free(err);
        res_header(res, "Retry-After", "3600");
        res_cache(res, "no-store");
        page_error(&pg, 429, "查询次数过多，请一小时后再试。");
        return;
    }
    if (rc) {
        page_fail(&pg, rc, err);
        return;
    }
    json_t *errors = json_object();
    json_object_set_new(pg.ctx, "errors", errors);
    if (!kind)
        view_set(errors, "kind", "请选择查询类别。");
    if (query_blank(number))
        view_set(errors, "number", "请填写编号。");
    if (query_blank(code))
        view_set(errors, "code", "请填写查询码。");
    if (json_object_size(errors)) {
        view_set_bool(pg.ctx, "has_errors", true);
        answer(&pg, 400);
        return;
    }
    json_t *result = json_object();
    rc = kind->find(&pg, number, code, result, &err);
    if (rc == RES_NOT_FOUND) {
        /* The one answer for an unknown number and for a wrong code. */
        json_decref(result);
        free(err);
        view_set(pg.ctx, "not_found", "编号或查询码不正确，请核对后再试。");
        answer(&pg, 200);
        return;
    }
    if (rc) {
        json_decref(result);
        page_fail(&pg, rc, err);
        return;
    }
    json_object_set_new(pg.ctx, "result", result);
    answer(&pg, 200);
}
