/* The guide record (docs/import-format.md, "guide"): a service guide with its materials
 * and the steps its flowchart is drawn from. Besides each field's own checks, the steps
 * must form a procedure the page can draw: keys unique, every `next` and branch naming a
 * step (or "end"), a decision step with exactly two branches and no `next`. */
#include "records/parse_internal.h"
#include "util/url.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define LINE_BYTES 1000
#define TEXT_BYTES 20000

static void failf(struct ctx *c, const char *field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void failf(struct ctx *c, const char *field, const char *fmt, ...)
{
    char reason[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    rec_fail(c, field, reason);
}

static void set_prefix(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_prefix(struct ctx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->prefix, sizeof c->prefix, fmt, ap);
    va_end(ap);
}

/* A list of one-line strings (basis, conditions); NULL and *n = 0 when absent. */
static const char **line_list(struct ctx *c, json_t *o, const char *name, arena_t *mem, size_t *n)
{
    *n = 0;
    json_t *list = rec_typed_field(c, o, name, false, JSON_ARRAY, "a list of strings");
    if (!list)
        return NULL;
    size_t len = json_array_size(list);
    if (len > GUIDE_MAX_LINES) {
        failf(c, name, "too many entries (%zu, at most %d)", len, GUIDE_MAX_LINES);
        return NULL;
    }
    const char **out = arena_calloc(mem, len ? len : 1, sizeof *out);
    for (size_t i = 0; i < len; i++) {
        json_t *v = json_array_get(list, i);
        char field[64];
        snprintf(field, sizeof field, "%s[%zu]", name, i);
        const char *s = json_is_string(v) ? json_string_value(v) : NULL;
        if (!s)
            failf(c, field, "must be a string, not %s", rec_json_kind(v));
        else if (strlen(s) != json_string_length(v))
            failf(c, field, "contains a NUL character");
        else if (!*s)
            failf(c, field, "must not be empty");
        else if (strlen(s) > LINE_BYTES)
            failf(c, field, "too long (%zu bytes, at most %d)", strlen(s), LINE_BYTES);
        else if (strpbrk(s, "\r\n"))
            failf(c, field, "must be one line (one entry per law or condition)");
        else
            out[(*n)++] = s;
    }
    return out;
}

static bool key_ok(const char *k)
{
    if (!*k)
        return false;
    for (const char *p = k; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
            return false;
    return true;
}

static void parse_material(struct ctx *c, json_t *m, struct guide_material *out)
{
    static const char *const fields[] = {"name", "form", "copies", "required", "note", NULL};
    out->required = true;
    if (!json_is_object(m)) {
        rec_fail(c, "", "must be an object {\"name\", \"form\", \"copies\", \"required\", \"note\"}");
        return;
    }
    rec_check_fields(c, m, fields);
    out->name = rec_str_field(c, m, "name", true, LINE_BYTES);
    out->form = rec_str_field(c, m, "form", false, 100);
    out->note = rec_str_field(c, m, "note", false, LINE_BYTES);
    long long copies = 0;
    if (rec_int_field(c, m, "copies", false, 0, 99, &copies))
        out->copies = (int)copies;
    json_t *req = json_object_get(m, "required");
    if (req && !json_is_null(req) && !json_is_boolean(req))
        failf(c, "required", "must be true or false, not %s", rec_json_kind(req));
    else if (req && json_is_false(req))
        out->required = false;
}

static void parse_step(struct ctx *c, json_t *s, struct guide_step *out)
{
    static const char *const fields[] = {"key", "title", "who", "where", "time_limit", "description",
                                         "next", "branches", NULL};
    if (!json_is_object(s)) {
        rec_fail(c, "", "must be an object {\"title\", \"who\", \"where\", \"time_limit\", …}");
        return;
    }
    rec_check_fields(c, s, fields);
    out->key = rec_str_field(c, s, "key", false, 64);
    if (out->key && !key_ok(out->key)) {
        failf(c, "key", "'%s' is not a step key (lower-case letters, digits, '-', '_')", out->key);
        out->key = NULL;
    } else if (out->key && strcmp(out->key, GUIDE_END) == 0) {
        failf(c, "key", "'%s' is reserved (\"next\": \"%s\" ends the procedure)", GUIDE_END, GUIDE_END);
        out->key = NULL;
    }
    out->title = rec_str_field(c, s, "title", true, 300);
    if (out->title && strpbrk(out->title, "\r\n"))
        rec_fail(c, "title", "must be one line");
    out->who = rec_str_field(c, s, "who", false, 300);
    out->where = rec_str_field(c, s, "where", false, 300);
    out->time_limit = rec_str_field(c, s, "time_limit", false, 200);
    out->description = rec_str_field(c, s, "description", false, TEXT_BYTES);
    out->next = rec_str_field(c, s, "next", false, 64);
    json_t *br = rec_typed_field(c, s, "branches", false, JSON_ARRAY, "a list of two branches");
    if (!br)
        return;
    if (json_array_size(br) != 2) {
        failf(c, "branches", "a decision step has exactly two branches, not %zu", json_array_size(br));
        return;
    }
    if (out->next)
        rec_fail(c, "next", "a decision step goes on through its branches, not 'next'");
    char saved[sizeof c->prefix];
    memcpy(saved, c->prefix, sizeof saved);
    static const char *const bfields[] = {"label", "next", NULL};
    for (int i = 0; i < 2; i++) {
        json_t *b = json_array_get(br, (size_t)i);
        set_prefix(c, "%sbranches[%d].", saved, i);
        if (!json_is_object(b)) {
            rec_fail(c, "", "must be an object {\"label\", \"next\"}");
            continue;
        }
        rec_check_fields(c, b, bfields);
        out->branches[i].label = rec_str_field(c, b, "label", true, 100);
        out->branches[i].next = rec_str_field(c, b, "next", true, 64);
    }
    memcpy(c->prefix, saved, sizeof saved);
    out->nbranches = 2;
}

/* Where the steps lead: every name known, no step leading to itself. */
static void check_flow(struct ctx *c, const struct guide_rec *g)
{
    for (size_t i = 0; i < g->nsteps; i++) {
        const struct guide_step *st = &g->steps[i];
        if (st->key)
            for (size_t j = 0; j < i; j++)
                if (g->steps[j].key && strcmp(g->steps[j].key, st->key) == 0) {
                    set_prefix(c, "steps[%zu].", i);
                    failf(c, "key", "'%s' is also the key of steps[%zu]", st->key, j);
                }
        const char *targets[3] = {st->next, st->branches[0].next, st->branches[1].next};
        const char *names[3] = {"next", "branches[0].next", "branches[1].next"};
        for (int t = 0; t < 3; t++) {
            if (!targets[t])
                continue;
            int to = guide_step_index(g, targets[t]);
            set_prefix(c, "steps[%zu].", i);
            if (to == -2)
                failf(c, names[t], "'%s' is not the key of a step (or \"%s\")", targets[t], GUIDE_END);
            else if (to == (int)i)
                failf(c, names[t], "a step cannot lead to itself");
        }
    }
    if (g->nsteps >= 2 && g->steps[0].nbranches == 0 && g->steps[0].next &&
        strcmp(g->steps[0].next, GUIDE_END) == 0) {
        set_prefix(c, "steps[0].");
        rec_fail(c, "next", "the first step cannot end the procedure while other steps follow");
    }
    c->prefix[0] = '\0';
}

static bool web_url_ok(const char *u)
{
    if (strncasecmp(u, "http://", 7) != 0 && strncasecmp(u, "https://", 8) != 0)
        return false;
    for (const char *p = u; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == 0x7F)
            return false;
    return url_is_safe_href(u);
}

void parse_guide(struct ctx *c, json_t *o, struct record *rec)
{
    struct guide_rec *g = &rec->u.guide;
    rec->arena = arena_new();
    arena_t *mem = rec->arena;
    g->id = rec_str_field(c, o, "id", true, 200);
    if (g->id && !key_ok(g->id))
        failf(c, "id", "'%s' is not a guide id (lower-case letters, digits, '-', '_': it is the page's address)",
              g->id);
    g->agency = rec_str_field(c, o, "agency", true, 128);
    g->name = rec_str_field(c, o, "name", true, 300);
    g->column = rec_str_field(c, o, "column", false, 200);
    if (g->column && !rec_column_slug_ok(g->column))
        failf(c, "column", "'%s' is not a column path (lower-case letters, digits, '-', '_', separated by '/')",
              g->column);
    g->summary = rec_str_field(c, o, "summary", false, TEXT_BYTES);
    g->basis = line_list(c, o, "basis", mem, &g->nbasis);
    g->conditions = line_list(c, o, "conditions", mem, &g->nconditions);
    g->time_limit = rec_str_field(c, o, "time_limit", false, 500);
    g->fees = rec_str_field(c, o, "fees", false, 2000);
    g->place = rec_str_field(c, o, "place", false, 500);
    g->office_hours = rec_str_field(c, o, "office_hours", false, 500);
    g->phone = rec_str_field(c, o, "phone", false, 100);
    g->online_url = rec_str_field(c, o, "online_url", false, 2000);
    if (g->online_url && !web_url_ok(g->online_url)) {
        failf(c, "online_url", "'%.200s' is not a web address (http:// or https://, no spaces)", g->online_url);
        g->online_url = NULL;
    }
    g->updated = rec_date_field(c, o, "updated", false);

    json_t *mats = rec_typed_field(c, o, "materials", false, JSON_ARRAY, "a list");
    if (mats) {
        size_t n = json_array_size(mats);
        if (n > GUIDE_MAX_MATERIALS) {
            failf(c, "materials", "too many entries (%zu, at most %d)", n, GUIDE_MAX_MATERIALS);
            n = 0;
        }
        g->materials = arena_calloc(mem, n ? n : 1, sizeof *g->materials);
        for (size_t i = 0; i < n; i++) {
            set_prefix(c, "materials[%zu].", i);
            parse_material(c, json_array_get(mats, i), &g->materials[i]);
        }
        c->prefix[0] = '\0';
        g->nmaterials = n;
    }

    json_t *steps = rec_typed_field(c, o, "steps", true, JSON_ARRAY, "a list");
    if (!steps)
        return;
    size_t n = json_array_size(steps);
    if (n == 0 || n > GUIDE_MAX_STEPS) {
        failf(c, "steps", "a guide has 1 to %d steps, not %zu", GUIDE_MAX_STEPS, n);
        return;
    }
    g->steps = arena_calloc(mem, n, sizeof *g->steps);
    int before = c->errors;
    for (size_t i = 0; i < n; i++) {
        set_prefix(c, "steps[%zu].", i);
        parse_step(c, json_array_get(steps, i), &g->steps[i]);
    }
    c->prefix[0] = '\0';
    g->nsteps = n;
    if (c->errors == before)
        check_flow(c, g);
}
