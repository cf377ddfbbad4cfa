/* Loading a report's inputs, the narrative context, and rendering to an output form. */
#include "report/report.h"
#include "report/figures_cache.h"
#include "util/decimal.h"
#include "util/mustache.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

const char *const report_format_names[FMT_COUNT] = {"legacy2018", "gov2019", "gov2021"};
const char *const report_output_names[OUT_COUNT] = {"text", "markdown", "html", "json"};

enum report_format report_default_format(int year)
{
    if (year <= 2018)
        return FMT_LEGACY2018;
    return year <= 2020 ? FMT_GOV2019 : FMT_GOV2021;
}

res_t report_load(store_t *s, const char *agency_code, bool tree, int year, enum report_format fmt,
                struct agency *agency_out, struct report *out, char **err)
{
    return report_load_cached(s, NULL, agency_code, tree, year, fmt, agency_out, out, err);
}

res_t report_load_cached(store_t *s, struct figures_cache *cache, const char *agency_code, bool tree, int year,
                         enum report_format fmt, struct agency *agency_out, struct report *out, char **err)
{
    memset(out, 0, sizeof *out);
    res_t rc = store_get_agency(s, agency_code, agency_out, err);
    if (rc == RES_NOT_FOUND) {
        free(*err);
        *err = agency_code ? xasprintf("unknown agency code '%s'", agency_code)
                           : xasprintf("the database holds no agency (run 'gongkai demo' or import agency records)");
        return RES_NOT_FOUND;
    }
    if (rc != RES_OK)
        return RES_FAILED;
    out->agency = agency_out;
    out->tree = tree;
    out->year = year;
    out->format = fmt;
    bool hit;
    if ((cache ? figures_cache_get(cache, s, agency_out, tree, year, &out->fig, &hit, err)
               : store_report_figures(s, agency_out, tree, year, &out->fig, err)) != RES_OK)
        return RES_FAILED;
    for (int i = 0; i < NARR_COUNT; i++)
        out->narrative[i] = store_get_narrative(s, agency_out->id, year, (enum narrative_section)i, err);
    return RES_OK;
}

void report_clear(struct report *r)
{
    for (int i = 0; i < NARR_COUNT; i++)
        free(r->narrative[i]);
    memset(r, 0, sizeof *r);
}

long long report_tally(const struct report *r, const char *key)
{
    const struct tally_key_info *k = tally_key_find(key);
    return k ? r->fig.tally[k - tally_keys] : 0;
}

void report_wan_yuan(const struct report *r, const char *key, char *out, size_t size)
{
    const struct tally_key_info *k = tally_key_find(key);
    size_t i = k ? (size_t)(k - tally_keys) : 0;
    int places = k && r->fig.tally_places[i] > 2 ? r->fig.tally_places[i] : 2;
    decimal_format(k ? r->fig.tally[i] : 0, 6, places, out, size);
}

const char *report_short_name(const struct agency *a, char *buf, size_t size)
{
    if (a->short_name && *a->short_name)
        return a->short_name;
    const char *suffix = "人民政府";
    size_t n = strlen(a->name), sl = strlen(suffix);
    if (n > sl && strcmp(a->name + n - sl, suffix) == 0) {
        snprintf(buf, size, "%.*s", (int)(n - sl), a->name);
        return buf;
    }
    return a->name;
}

const char *report_region_word(const struct report *r, char *buf, size_t size)
{
    char tmp[256];
    const char *shortname = report_short_name(r->agency, tmp, sizeof tmp);
    size_t n = strlen(shortname);
    /* The last character of 工农区 / 某某县 / 某某市 names the region: 全区, 全县, 全市. */
    if (r->tree && r->agency->kind && strcmp(r->agency->kind, "government") == 0 && n >= 3) {
        snprintf(buf, size, "全%s", shortname + n - 3);
        return buf;
    }
    snprintf(buf, size, "本机关");
    return buf;
}

json_t *report_narrative_context(const struct report *r, json_t *json)
{
    json_t *ctx = json_deep_copy(json);
    json_t *t3 = json_object();
    for (int row = 0; row < TABLE3_ROWS; row++) {
        json_t *cells = json_object();
        for (int c = 0; c < APPLICANT_COUNT; c++)
            json_object_set_new(cells, applicant_types[c].code, json_integer(r->fig.t3[row][c]));
        json_object_set_new(cells, "total", json_integer(r->fig.t3[row][APPLICANT_COUNT]));
        json_object_set_new(t3, table3_rows[row].key, cells);
    }
    json_object_set_new(ctx, "t3", t3);
    return ctx;
}

char *report_narrative(const struct report *r, const json_t *ctx, enum narrative_section sec, char **err)
{
    if (!r->narrative[sec])
        return NULL;
    char *text = mustache_render_string(r->narrative[sec], ctx, NULL, NULL, err);
    if (!text && err && *err) {
        char *e = *err;
        *err = xasprintf("narrative '%s' of %d: %s", narrative_sections[sec].code, r->year, e);
        free(e);
    }
    return text;
}

doc_t *report_document(const struct report *r, char **err)
{
    json_t *json = report_json(r);
    json_t *ctx = report_narrative_context(r, json);
    doc_t *d = r->format == FMT_LEGACY2018 ? report_doc_legacy2018(r, ctx, err) : report_doc_gov(r, ctx, err);
    json_decref(ctx);
    json_decref(json);
    return d;
}

res_t report_render(const struct report *r, enum report_output o, buf_t *out, char **err)
{
    const char *broken = figures_check(&r->fig);
    if (broken) {
        /* The figures come from one snapshot by one set of rules, so this is a bug, not bad data. */
        *err = xasprintf("internal: the report's arithmetic does not hold (%s)", broken);
        return RES_FAILED;
    }
    if (o == OUT_JSON) {
        json_t *j = report_json(r);
        char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        json_decref(j);
        buf_puts(out, s);
        buf_putc(out, '\n');
        free(s);
        return RES_OK;
    }
    doc_t *d = report_document(r, err);
    if (!d)
        return RES_FAILED;
    if (o == OUT_TEXT)
        doc_render_text(d, out);
    else if (o == OUT_MARKDOWN)
        doc_render_markdown(d, out);
    else
        doc_render_html(d, out, false);
    doc_free(d);
    return RES_OK;
}
