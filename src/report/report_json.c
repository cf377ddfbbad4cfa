/* The report's JSON (contracts §3): every key always present, counts as integers,
 * money as decimal strings. */
#include "report/report.h"
#include "util/decimal.h"
#include <stdio.h>

static json_t *yuan(long long fen)
{
    char buf[40];
    decimal_format(fen, 2, 2, buf, sizeof buf);
    return json_string(buf);
}

static json_t *statutory(const struct statutory_figures *s, bool gov2019)
{
    if (gov2019)
        return json_pack("{s:I, s:I, s:I}", "made", (json_int_t)s->issued, "published", (json_int_t)s->published,
                         "total_public", (json_int_t)s->in_force);
    return json_pack("{s:I, s:I, s:I}", "issued", (json_int_t)s->issued, "repealed", (json_int_t)s->repealed,
                     "in_force", (json_int_t)s->in_force);
}

static json_t *table2_2021(const struct report *r)
{
    char amount[48];
    report_wan_yuan(r, "admin_fees_wan_yuan", amount, sizeof amount);
    json_t *t = json_object();
    json_object_set_new(t, "rules", statutory(&r->fig.rules, false));
    json_object_set_new(t, "normative_documents", statutory(&r->fig.normative_documents, false));
    json_object_set_new(t, "licensing", json_pack("{s:I}", "decisions", (json_int_t)report_tally(r, "licensing_decisions")));
    json_object_set_new(t, "penalty", json_pack("{s:I}", "decisions", (json_int_t)report_tally(r, "penalty_decisions")));
    json_object_set_new(t, "coercion", json_pack("{s:I}", "decisions", (json_int_t)report_tally(r, "coercion_decisions")));
    json_object_set_new(t, "admin_fees", json_pack("{s:s}", "amount_wan_yuan", amount));
    return t;
}

/* 2019 trial table 二: the "上一年项目数量 / 本年增减" figures are tallies (docs/import-format.md). */
static json_t *items_row(const struct report *r, const char *prefix, const char *decisions_key)
{
    char prev[64], change[64];
    snprintf(prev, sizeof prev, "%s_items_prev", prefix);
    snprintf(change, sizeof change, "%s_items_change", prefix);
    json_t *o = json_pack("{s:I, s:I}", "prev_items", (json_int_t)report_tally(r, prev), "change",
                          (json_int_t)report_tally(r, change));
    if (decisions_key)
        json_object_set_new(o, "decisions", json_integer(report_tally(r, decisions_key)));
    return o;
}

static json_t *table2_2019(const struct report *r)
{
    char amount[48];
    report_wan_yuan(r, "procurement_amount_wan_yuan", amount, sizeof amount);
    json_t *t = json_object();
    json_object_set_new(t, "rules", statutory(&r->fig.rules, true));
    json_object_set_new(t, "normative_documents", statutory(&r->fig.normative_documents, true));
    json_object_set_new(t, "licensing", items_row(r, "licensing", "licensing_decisions"));
    json_object_set_new(t, "other_services", items_row(r, "other_services", "other_services_decisions"));
    json_object_set_new(t, "penalty", items_row(r, "penalty", "penalty_decisions"));
    json_object_set_new(t, "coercion", items_row(r, "coercion", "coercion_decisions"));
    json_object_set_new(t, "admin_fees", items_row(r, "admin_fees", NULL));
    json_object_set_new(t, "procurement", json_pack("{s:I, s:s}", "projects",
                                                    (json_int_t)report_tally(r, "procurement_projects"),
                                                    "amount_wan_yuan", amount));
    return t;
}

static json_t *table3(const struct report *r, bool gov2019)
{
    json_t *cols = json_array();
    for (int c = 0; c < APPLICANT_COUNT; c++)
        json_array_append_new(cols, json_string(applicant_types[c].code));
    json_array_append_new(cols, json_string("total"));
    json_t *rows = json_object();
    for (int row = 0; row < TABLE3_ROWS; row++) {
        if (gov2019 && (row == ROW_OTHER_NO_CORRECTION || row == ROW_OTHER_FEE_UNPAID))
            continue; /* folded into the single 2019 row （六）其他处理 */
        json_t *cells = json_array();
        for (int c = 0; c < TABLE3_COLUMNS; c++) {
            long long v = r->fig.t3[row][c];
            if (gov2019 && row == ROW_OTHER)
                v += r->fig.t3[ROW_OTHER_NO_CORRECTION][c] + r->fig.t3[ROW_OTHER_FEE_UNPAID][c];
            json_array_append_new(cells, json_integer(v));
        }
        json_object_set_new(rows, table3_rows[row].key, cells);
    }
    return json_pack("{s:o, s:o}", "columns", cols, "rows", rows);
}

static json_t *table4(const struct report *r)
{
    json_t *t = json_object();
    for (int k = 0; k < CASE_KIND_COUNT; k++) {
        json_t *o = json_object();
        long long total = 0;
        for (int res = 0; res < CASE_RESULT_COUNT; res++) {
            json_object_set_new(o, case_results[res].code, json_integer(r->fig.t4[k][res]));
            total += r->fig.t4[k][res];
        }
        json_object_set_new(o, "total", json_integer(total));
        json_object_set_new(t, case_kinds[k].code, o);
    }
    return t;
}

static json_t *fees(const struct report *r)
{
    return json_pack("{s:I, s:o, s:o}", "notices", (json_int_t)r->fig.fee_notices, "notice_amount_yuan",
                     yuan(r->fig.fee_notice_fen), "collected_yuan", yuan(r->fig.fee_collected_fen));
}

static json_t *legacy(const struct report *r, json_t *o)
{
    const struct report_figures *f = &r->fig;
    json_t *by_pub = json_object();
    for (int c = 0; c < PUB_CHANNEL_COUNT; c++)
        json_object_set_new(by_pub, pub_channels[c].code, json_integer(f->pubs_by_channel[c]));
    json_object_set_new(o, "proactive", json_pack("{s:I, s:o}", "total", (json_int_t)f->items_published,
                                                  "by_channel", by_pub));
    json_t *by_app = json_object();
    for (int c = 0; c < APP_CHANNEL_COUNT; c++)
        json_object_set_new(by_app, app_channels[c].code, json_integer(f->received_by_channel[c]));
    static const char *const groups[GROUP_COUNT] = {"disclosed", "partially_disclosed", "withheld",
                                                    "unavailable", "not_processed", "other"};
    json_t *by_group = json_object();
    for (int g = 0; g < GROUP_COUNT; g++)
        json_object_set_new(by_group, groups[g], json_integer(f->handled_by_outcome_group[g]));
    json_object_set_new(o, "applications",
                        json_pack("{s:I, s:o, s:I, s:I, s:I, s:o}", "received",
                                  (json_int_t)f->t3[ROW_NEW][APPLICANT_COUNT], "by_channel", by_app, "handled",
                                  (json_int_t)f->handled, "on_time", (json_int_t)(f->handled - f->handled_extended),
                                  "extended", (json_int_t)f->handled_extended, "outcomes", by_group));
    json_object_set_new(o, "fees", fees(r));
    long long litigation = 0, reconsideration = 0;
    for (int res = 0; res < CASE_RESULT_COUNT; res++) {
        reconsideration += f->t4[CASE_RECONSIDERATION][res];
        litigation += f->t4[CASE_LITIGATION_DIRECT][res] + f->t4[CASE_LITIGATION_AFTER_RECONSIDERATION][res];
    }
    json_object_set_new(o, "reviews", json_pack("{s:I, s:I, s:I}", "reconsideration", (json_int_t)reconsideration,
                                                "litigation", (json_int_t)litigation, "complaints",
                                                (json_int_t)report_tally(r, "complaints")));
    json_object_set_new(o, "reading_room", json_pack("{s:I}", "visits", (json_int_t)f->visits));
    return o;
}

json_t *report_json(const struct report *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "format", json_string(report_format_names[r->format]));
    json_object_set_new(o, "year", json_integer(r->year));
    json_object_set_new(o, "agency", json_pack("{s:s, s:s}", "code", r->agency->code, "name", r->agency->name));
    json_object_set_new(o, "scope", json_string(r->tree ? "tree" : "self"));
    if (r->format == FMT_LEGACY2018)
        return legacy(r, o);
    bool g19 = r->format == FMT_GOV2019;
    json_object_set_new(o, "table2", g19 ? table2_2019(r) : table2_2021(r));
    json_object_set_new(o, "table3", table3(r, g19));
    json_object_set_new(o, "table4", table4(r));
    json_object_set_new(o, "fees", fees(r));
    /* Extension: the proactive-disclosure counts, which the national tables leave to the text. */
    json_t *by_pub = json_object();
    for (int c = 0; c < PUB_CHANNEL_COUNT; c++)
        json_object_set_new(by_pub, pub_channels[c].code, json_integer(r->fig.pubs_by_channel[c]));
    json_object_set_new(o, "proactive", json_pack("{s:I, s:o}", "total", (json_int_t)r->fig.items_published,
                                                  "by_channel", by_pub));
    json_object_set_new(o, "reading_room", json_pack("{s:I}", "visits", (json_int_t)r->fig.visits));
    return o;
}
