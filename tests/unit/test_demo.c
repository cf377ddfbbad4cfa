/* demo: the built-in data set. Every line is parsed back with jansson and checked against
 * contracts §2 (types and fields), §3 (the 2018 figures of the seed report, recomputed
 * from the records by the year rules), §6 (event histories, due dates) and §5. */
#include "demo/demo.h"
#include "demo/demo_internal.h" /* demo_template_check */
#include "domain/calendar.h"
#include "domain/message_rules.h"
#include "domain/taxonomy.h"
#include "test.h"
#include "util/date.h"
#include "util/embed.h"
#include "util/xalloc.h"
#include <jansson.h>
#include <stdbool.h>

/* ---- the data set, generated once ---- */

static char *out1;
static size_t out1_len;
static json_t *recs; /* every record, in output order */

static char *generate(size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    if (!f)
        return NULL;
    int rc = demo_write_jsonl(f);
    fclose(f);
    *len = n;
    if (rc != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

static const char *str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static bool has(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return v && !json_is_null(v);
}

static gk_date date_of(json_t *o, const char *key)
{
    gk_date d;
    const char *s = str(o, key);
    return s && date_parse(s, &d) ? d : INT32_MIN;
}

static int year_of(json_t *o, const char *key)
{
    const char *s = str(o, key);
    return s && strlen(s) >= 4 ? atoi(s) : 0;
}

static bool starts_with(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool one_of(const char *s, const char *const *list)
{
    for (; s && *list; list++)
        if (strcmp(s, *list) == 0)
            return true;
    return false;
}

#define FOREACH_REC(type_, var)                                                                          \
    for (size_t i_##var = 0; i_##var < json_array_size(recs); i_##var++)                                 \
        for (json_t *var = json_array_get(recs, i_##var); var && strcmp(str(var, "type"), type_) == 0;   \
             var = NULL)

/* ---- working days: the product's calendar (domain/calendar.c), independent of src/demo ---- */

static bool workday(gk_date d)
{
    return calendar_is_workday(calendar_default(), d) == 1;
}

/* ---- record shape (contracts §2) ---- */

/* The contract's agency fields plus gongkai's documented extensions (docs/import-format.md),
 * which the portal's 政府信息公开指南 needs. */
static const char *const agency_fields[] = {"type", "code", "name", "parent", "kind", "short_name", "address",
                                            "office_hours", "phone", "fax", "email", "website", "postcode", NULL};
static const char *const item_fields[] = {"type",  "id",      "agency", "title",     "body",     "column",
                                          "index_no", "doc_no", "topic", "genre", "written", "statutory",
                                          "repealed", "publications", NULL};
static const char *const app_fields[] = {"type",   "id",       "agency",          "applicant_type", "channel",
                                         "received", "closed", "outcome",         "extended",       "fee_notice_yuan",
                                         "fee_paid_yuan", "events", NULL};
static const char *const case_fields[] = {"type", "id", "agency", "kind", "filed", "decided", "result", "application", NULL};
static const char *const visit_fields[] = {"type", "id", "agency", "date", "count", "point", NULL};
static const char *const tally_fields[] = {"type", "agency", "year", "key", "value", NULL};
static const char *const narrative_fields[] = {"type", "agency", "year", "section", "text", NULL};
static const char *const attachment_fields[] = {"type", "id", "item", "name", "content", NULL};
static const char *const guide_fields[] = {"type", "id", "agency", "name", "column", "summary", "basis", "conditions",
                                           "materials", "steps", "time_limit", "fees", "place", "office_hours",
                                           "phone", "online_url", "updated", NULL};
/* messages (互动交流, issue 10) */
static const char *const message_fields[] = {
    "type", "id", "agency", "kind", "state", "subject", "body", "name", "phone", "email", "code", "created", "flag",
    "assignee", "transferred_from", "reply", "reply_by", "replied", "public_subject", "public_body", "public_reply",
    "published", "note", NULL};

static const char *const columns[] = {
    "gkml/ldjj", "gkml/zzjg", "gkml/gsgg", "gkml/wjfg", "gkml/zfgzbg", "gkml/zdxm", "gkml/dsj", "gkml/llxx",
    "bmfw/bszn", "bmfw/zxcx", "bmfw/jyxc", "bmfw/ldxx", "bmfw/ldjy", "bmfw/shbz", "bmfw/whxx", "qyzc/yqjs",
    "qyzc/zsyz", "qyzc/xmjs", "gzdt", "zfxxgk/zn", "zfxxgk/zd", "zfxxgk/fdzdgknr", "zfxxgk/nb", NULL,
};

static bool fields_ok(json_t *o, const char *const *allowed)
{
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        if (!one_of(key, allowed)) {
            fprintf(stderr, "  unexpected field '%s' in a %s record\n", key, str(o, "type"));
            return false;
        }
    }
    return true;
}

static bool date_in_range(json_t *o, const char *key)
{
    gk_date d = date_of(o, key);
    return d != INT32_MIN && d >= date_from_ymd(2017, 6, 1) && d <= date_from_ymd(2024, 12, 31);
}

/* Ids unique per type: a sorted list of "type\tid" strings, checked for neighbours. */
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_shape(void)
{
    size_t n = json_array_size(recs);
    char **keys = calloc(n, sizeof *keys);
    size_t nk = 0;
    int bad_fields = 0, bad_dates = 0, bad_refs = 0, bad_columns = 0, bad_pubs = 0, bad_values = 0, roots = 0;
    int order_ok = 1;
    const char *type_order[] = {"agency", "item",  "application", "case",    "visit",
                                "tally",  "narrative", "guide",   "message", "attachment"};
    json_t *seen_items = json_object(); /* an attachment names an item written before it */
    int last_type = 0;
    json_t *seen_agencies = json_object();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_array_get(recs, i);
        const char *type = str(o, "type");
        int t = -1;
        for (int k = 0; k < (int)(sizeof type_order / sizeof type_order[0]); k++)
            if (type && strcmp(type, type_order[k]) == 0)
                t = k;
        if (t < 0) {
            bad_values++;
            continue;
        }
        if (t < last_type)
            order_ok = 0; /* records grouped in dependency order */
        last_type = t;
        static const char *const *const allowed[] = {agency_fields, item_fields,  app_fields,      case_fields,
                                                      visit_fields,  tally_fields, narrative_fields, guide_fields,
                                                      message_fields, attachment_fields};
        bad_fields += !fields_ok(o, allowed[t]);
        const char *id = str(o, t == 0 ? "code" : "id");
        if (t != 5 && t != 6) {
            if (id && *id)
                keys[nk++] = xasprintf("%s\t%s", type, id);
            else
                bad_values++;
        }
        if (t == 0) {
            const char *parent = str(o, "parent");
            if (!parent)
                roots++;
            else if (!json_object_get(seen_agencies, parent))
                order_ok = 0; /* a parent after its child */
            json_object_set_new(seen_agencies, id, json_true());
            bad_values +=
                !one_of(str(o, "kind"), (const char *const[]){"government", "department", "township", "other", NULL});
        } else if (t == 9) { /* attachment */
            const char *item = str(o, "item");
            if (!item || !json_object_get(seen_items, item))
                bad_refs++;
        } else {
            const char *ag = str(o, "agency");
            if (!ag || !json_object_get(seen_agencies, ag))
                bad_refs++;
        }
        if (t == 1 && id)
            json_object_set_new(seen_items, id, json_true());
        if (t == 1) {
            bad_values += !str(o, "title") || !*str(o, "title");
            json_t *pubs = json_object_get(o, "publications");
            /* A website column holds exactly the items published on the website. */
            bool on_web = false;
            size_t pk;
            json_t *pp;
            json_array_foreach(pubs, pk, pp) on_web |= str(pp, "channel") && strcmp(str(pp, "channel"), "website") == 0;
            bad_columns += on_web ? !one_of(str(o, "column"), columns) : has(o, "column");
            if (!json_is_array(pubs) || json_array_size(pubs) == 0)
                bad_pubs++;
            size_t k;
            json_t *p;
            json_array_foreach(pubs, k, p) {
                if (!fields_ok(p, (const char *const[]){"channel", "at", NULL}) ||
                    CODE_LOOKUP(pub_channels, str(p, "channel")) < 0)
                    bad_pubs++;
                bad_dates += !date_in_range(p, "at");
            }
            if (has(o, "written"))
                bad_dates += !date_in_range(o, "written");
            if (has(o, "statutory")) {
                bad_values += !one_of(str(o, "statutory"), (const char *const[]){"rule", "normative_document", NULL});
                bad_values += !has(o, "written") || !has(o, "doc_no");
            }
            if (has(o, "repealed"))
                bad_dates += !date_in_range(o, "repealed") || date_of(o, "repealed") < date_of(o, "written");
        } else if (t == 4) {
            bad_dates += !date_in_range(o, "date");
            json_t *count = json_object_get(o, "count");
            bad_values += !json_is_integer(count) || json_integer_value(count) <= 0;
        } else if (t == 5 || t == 6) {
            bad_values += !json_is_integer(json_object_get(o, "year"));
        }
    }
    CHECK_INT(bad_fields, 0);
    CHECK_INT(bad_dates, 0);
    CHECK_INT(bad_refs, 0);
    CHECK_INT(bad_columns, 0);
    CHECK_INT(bad_pubs, 0);
    CHECK_INT(bad_values, 0);
    CHECK_INT(roots, 1);
    CHECK(order_ok);
    CHECK(json_object_get(seen_agencies, "gongnong") != NULL);
    CHECK(json_object_size(seen_agencies) >= 10);

    qsort(keys, nk, sizeof *keys, cmp_str);
    int dups = 0;
    for (size_t i = 1; i < nk; i++)
        if (strcmp(keys[i - 1], keys[i]) == 0) {
            fprintf(stderr, "  duplicate id %s\n", keys[i]);
            dups++;
        }
    CHECK_INT(dups, 0);
    for (size_t i = 0; i < nk; i++)
        free(keys[i]);
    free(keys);
    json_decref(seen_agencies);
    json_decref(seen_items);

    /* The root is the district government, with departments and townships below it. */
    int depts = 0, towns = 0;
    FOREACH_REC("agency", a)
    {
        if (!has(a, "parent")) {
            CHECK_STR(str(a, "name"), "工农区人民政府");
            CHECK_STR(str(a, "kind"), "government");
        }
        depts += strcmp(str(a, "kind"), "department") == 0;
        towns += strcmp(str(a, "kind"), "township") == 0;
    }
    CHECK(depts >= 7);
    CHECK(towns >= 2 && towns <= 3);
}

/* ---- messages (互动交流, issue 10): every kind in every state; public versions without
 * personal data; replies from the agency the message is addressed to ---- */
static void test_messages_demo(void)
{
    bool seen[MSG_KIND_COUNT][MSG_STATE_COUNT] = {{false}};
    int bad = 0, published = 0;
    FOREACH_REC("message", m)
    {
        int k = msg_kind_find(str(m, "kind")), st = msg_state_find(str(m, "state"));
        if (k < 0 || st < 0) {
            bad++;
            continue;
        }
        seen[k][st] = true;
        const char *created = str(m, "created");
        char day[11] = "";
        snprintf(day, sizeof day, "%.10s", created ? created : "");
        gk_date d;
        bad += !date_parse(day, &d) || d < date_from_ymd(2017, 6, 1) || d > date_from_ymd(2024, 12, 31);
        if (st == MSG_PUBLISHED) {
            published++;
            bad += msg_has_personal_data(str(m, "public_subject")) || msg_has_personal_data(str(m, "public_body")) ||
                   msg_has_personal_data(str(m, "public_reply"));
            bad += strcmp(str(m, "published"), str(m, "replied")) < 0;
        }
        if (st == MSG_TRANSFERRED)
            bad += !has(m, "transferred_from") || strcmp(str(m, "transferred_from"), str(m, "agency")) == 0;
        if (st == MSG_MODERATION)
            bad += !has(m, "flag") || !strstr(str(m, "body"), str(m, "flag"));
    }
    for (int k = 0; k < MSG_KIND_COUNT; k++)
        for (int st = 0; st < MSG_STATE_COUNT; st++) {
            if (!seen[k][st])
                fprintf(stderr, "  no %s message in state %s\n", msg_kinds[k].code, msg_states[st].code);
            CHECK(seen[k][st]);
        }
    CHECK_INT(bad, 0);
    CHECK(published >= 12);
}

/* ---- 2018: the seed report (contracts §3 year rules, §5 figures) ---- */

static void test_2018_items(void)
{
    int distinct = 0, ch[PUB_CHANNEL_COUNT] = {0}, multi = 0;
    FOREACH_REC("item", it)
    {
        size_t k;
        json_t *p;
        int in2018 = 0;
        json_array_foreach(json_object_get(it, "publications"), k, p) {
            if (year_of(p, "at") == 2018) {
                in2018++;
                int c = CODE_LOOKUP(pub_channels, str(p, "channel"));
                if (c >= 0)
                    ch[c]++;
            }
        }
        distinct += in2018 > 0;
        multi += in2018 > 1;
    }
    CHECK_INT(distinct, 1816);
    CHECK_INT(ch[PUB_CHANNEL_WEBSITE], 528);
    CHECK_INT(ch[PUB_CHANNEL_WECHAT], 1286);
    CHECK_INT(ch[PUB_CHANNEL_OTHER], 2);
    CHECK_INT(ch[PUB_CHANNEL_GAZETTE], 0);
    CHECK_INT(ch[PUB_CHANNEL_WEIBO], 0);
    CHECK_INT(multi, 0);

    /* WeChat items fall on working days, a few a day, through the whole year. */
    int per_month[13] = {0}, off_days = 0, busiest = 0;
    int per_day[400] = {0};
    gk_date jan1 = date_from_ymd(2018, 1, 1);
    FOREACH_REC("item", it)
    {
        json_t *p = json_array_get(json_object_get(it, "publications"), 0);
        if (year_of(p, "at") != 2018 || strcmp(str(p, "channel"), "wechat") != 0)
            continue;
        gk_date d = date_of(p, "at");
        int y, m, dd;
        date_to_ymd(d, &y, &m, &dd);
        per_month[m]++;
        off_days += !workday(d);
        if (++per_day[d - jan1] > busiest)
            busiest = per_day[d - jan1];
        off_days += has(it, "column"); /* WeChat alone: no website column (the seed counts it as WeChat only) */
    }
    CHECK_INT(off_days, 0);
    CHECK(busiest <= 9);
    for (int m = 1; m <= 12; m++)
        CHECK(per_month[m] >= 60);
}

static int app_year_count(int (*pred)(json_t *, int), int year)
{
    int n = 0;
    FOREACH_REC("application", a)
    n += pred(a, year);
    return n;
}

static int is_new(json_t *a, int y)
{
    return year_of(a, "received") == y;
}

static int is_handled(json_t *a, int y)
{
    return has(a, "closed") && year_of(a, "closed") == y;
}

static int is_carried_in(json_t *a, int y)
{
    return year_of(a, "received") < y && (!has(a, "closed") || year_of(a, "closed") >= y);
}

static int is_carried_forward(json_t *a, int y)
{
    return year_of(a, "received") <= y && (!has(a, "closed") || year_of(a, "closed") > y);
}

static void test_2018_applications(void)
{
    CHECK_INT(app_year_count(is_new, 2018), 33);
    CHECK_INT(app_year_count(is_handled, 2018), 33);
    CHECK_INT(app_year_count(is_carried_in, 2018), 0);
    CHECK_INT(app_year_count(is_carried_forward, 2018), 0);
    int disclosed = 0, fees = 0, channels[APP_CHANNEL_COUNT] = {0}, extended = 0, corrected = 0;
    FOREACH_REC("application", a)
    {
        if (!is_handled(a, 2018))
            continue;
        const struct outcome_info *o = outcome_find(str(a, "outcome"));
        disclosed += o && o->group == GROUP_DISCLOSED;
        fees += has(a, "fee_notice_yuan") || has(a, "fee_paid_yuan");
        int c = CODE_LOOKUP(app_channels, str(a, "channel"));
        if (c >= 0)
            channels[c]++;
        extended += json_is_true(json_object_get(a, "extended"));
        size_t k;
        json_t *e;
        json_array_foreach(json_object_get(a, "events"), k, e)
            corrected += strcmp(str(e, "kind"), "correction_requested") == 0;
    }
    CHECK_INT(disclosed, 33);
    CHECK_INT(fees, 0);
    /* A spread of channels, and a few histories longer than a single reply. */
    int used = 0;
    for (int c = 0; c < APP_CHANNEL_COUNT; c++)
        used += channels[c] > 0;
    CHECK(used >= 4);
    CHECK(extended >= 1);
    CHECK(corrected >= 1);

    int cases = 0, visits = 0, complaints = 0, complaint_tallies = 0;
    FOREACH_REC("case", c)
    {
        bool counts = year_of(c, "filed") <= 2018 && (!has(c, "decided") || year_of(c, "decided") >= 2018);
        cases += counts;
    }
    FOREACH_REC("visit", v)
    if (year_of(v, "date") == 2018)
        visits += (int)json_integer_value(json_object_get(v, "count"));
    FOREACH_REC("tally", t)
    if (json_integer_value(json_object_get(t, "year")) == 2018 && strcmp(str(t, "key"), "complaints") == 0) {
        complaint_tallies++;
        complaints += (int)json_integer_value(json_object_get(t, "value"));
    }
    CHECK_INT(cases, 0);
    CHECK_INT(visits, 33);
    CHECK_INT(complaint_tallies, 1);
    CHECK_INT(complaints, 0);
}

/* ---- application histories (contracts §6) ---- */

static bool closing_kind(const char *k)
{
    return one_of(k, (const char *const[]){"replied", "withdrawn", "fee_lapsed", "correction_lapsed", NULL});
}

/* The due date of §6, computed here from the events alone; INT32_MIN while not fixed. */
static gk_date due_of(json_t *a)
{
    gk_date start = date_of(a, "received"), open = INT32_MIN, pa[16], pb[16];
    int np = 0, ext = 0;
    bool awaiting = false;
    size_t k;
    json_t *e;
    json_array_foreach(json_object_get(a, "events"), k, e) {
        const char *kind = str(e, "kind");
        gk_date d = date_of(e, "date");
        if (strcmp(kind, "correction_requested") == 0)
            awaiting = true;
        else if (strcmp(kind, "correction_received") == 0)
            awaiting = false, start = d;
        else if (strcmp(kind, "consultation_started") == 0 || strcmp(kind, "fee_notice") == 0)
            open = d;
        else if ((strcmp(kind, "consultation_ended") == 0 || strcmp(kind, "fee_paid") == 0) && np < 16) {
            pa[np] = open;
            pb[np++] = d;
            open = INT32_MIN;
        } else if (strcmp(kind, "extended") == 0)
            ext += (int)json_integer_value(json_object_get(e, "days"));
        else if (closing_kind(kind))
            break;
    }
    if (awaiting || open != INT32_MIN)
        return INT32_MIN;
    gk_date d = start;
    for (int counted = 0; counted < 20 + ext;) {
        d++;
        bool paused = false;
        for (int i = 0; i < np; i++)
            paused |= pa[i] < d && d <= pb[i];
        if (workday(d) && !paused)
            counted++;
    }
    return d;
}

static const char *const event_extra[][4] = {
    /* kind, then the fields it may carry besides kind and date */
    {"correction_requested", "items", NULL, NULL}, {"correction_received", NULL, NULL, NULL},
    {"consultation_started", "party", NULL, NULL}, {"consultation_ended", NULL, NULL, NULL},
    {"extended", "days", "reason", NULL},          {"fee_notice", "yuan", "basis", NULL},
    {"fee_paid", "yuan", NULL, NULL},              {"fee_lapsed", NULL, NULL, NULL},
    {"correction_lapsed", NULL, NULL, NULL},       {"replied", "outcome", "letter", NULL},
    {"withdrawn", NULL, NULL, NULL},
};

static double yuan(json_t *v)
{
    return json_is_number(v) ? json_number_value(v) : -1;
}

static void test_application_histories(void)
{
    int bad = 0, late = 0, closed_total = 0, late_2018 = 0, open_2024 = 0, crossing = 0;
    FOREACH_REC("application", a)
    {
        const char *id = str(a, "id");
        bool ok = true;
#define EXPECT(cond)                                                      \
    do {                                                                  \
        if (!(cond)) {                                                    \
            if (ok)                                                       \
                fprintf(stderr, "  %s: %s\n", id ? id : "?", #cond);      \
            ok = false;                                                   \
        }                                                                 \
    } while (0)
        EXPECT(id && strncmp(id, "GN-", 3) == 0);
        EXPECT(CODE_LOOKUP(applicant_types, str(a, "applicant_type")) >= 0);
        EXPECT(CODE_LOOKUP(app_channels, str(a, "channel")) >= 0);
        EXPECT(date_in_range(a, "received"));
        EXPECT(has(a, "closed") == has(a, "outcome"));
        if (has(a, "outcome"))
            EXPECT(outcome_find(str(a, "outcome")) != NULL);
        if (has(a, "closed"))
            EXPECT(date_in_range(a, "closed") && date_of(a, "closed") >= date_of(a, "received"));

        json_t *evs = json_object_get(a, "events");
        EXPECT(json_is_array(evs));
        gk_date prev = date_of(a, "received");
        int closings = 0, replied = 0, extended = 0;
        bool awaiting_corr = false, consulting = false, fee_open = false;
        double notice = 0, paid = 0;
        const char *close_outcome = NULL;
        gk_date close_date = INT32_MIN;
        size_t k;
        json_t *e;
        json_array_foreach(evs, k, e) {
            const char *kind = str(e, "kind");
            int ki = -1;
            for (size_t x = 0; x < sizeof event_extra / sizeof event_extra[0]; x++)
                if (kind && strcmp(kind, event_extra[x][0]) == 0)
                    ki = (int)x;
            EXPECT(ki >= 0);
            if (ki < 0)
                break;
            const char *allowed[] = {"kind", "date", event_extra[ki][1], event_extra[ki][2], NULL};
            EXPECT(fields_ok(e, allowed));
            gk_date d = date_of(e, "date");
            EXPECT(date_in_range(e, "date"));
            EXPECT(d >= prev); /* in date order, none before receipt */
            prev = d;
            EXPECT(closings == 0); /* nothing after the event that ends handling */
            if (strcmp(kind, "correction_requested") == 0) {
                awaiting_corr = true;
            } else if (strcmp(kind, "correction_received") == 0) {
                EXPECT(awaiting_corr);
                awaiting_corr = false;
            } else if (strcmp(kind, "correction_lapsed") == 0) {
                EXPECT(awaiting_corr);
            } else if (strcmp(kind, "consultation_started") == 0) {
                EXPECT(one_of(str(e, "party"), (const char *const[]){"third_party", "agency", NULL}));
                consulting = true;
            } else if (strcmp(kind, "consultation_ended") == 0) {
                EXPECT(consulting);
                consulting = false;
            } else if (strcmp(kind, "extended") == 0) {
                json_int_t days = json_integer_value(json_object_get(e, "days"));
                EXPECT(days >= 1 && days <= 20);
                extended++;
            } else if (strcmp(kind, "fee_notice") == 0) {
                EXPECT(one_of(str(e, "basis"), (const char *const[]){"per_item", "per_page", NULL}));
                EXPECT(yuan(json_object_get(e, "yuan")) > 0);
                EXPECT(year_of(e, "date") >= 2021); /* the fee measures apply from 2021 */
                notice += yuan(json_object_get(e, "yuan"));
                fee_open = true;
            } else if (strcmp(kind, "fee_paid") == 0) {
                EXPECT(fee_open);
                paid += yuan(json_object_get(e, "yuan"));
                fee_open = false;
            } else if (strcmp(kind, "fee_lapsed") == 0) {
                EXPECT(fee_open);
            }
            if (closing_kind(kind)) {
                closings++;
                close_date = d;
                if (strcmp(kind, "replied") == 0) {
                    replied++;
                    close_outcome = str(e, "outcome");
                    EXPECT(outcome_find(close_outcome) != NULL);
                } else {
                    int ek = CODE_LOOKUP(event_kinds, kind);
                    close_outcome = ek >= 0 ? event_implied_outcome((enum event_kind)ek) : NULL;
                }
            }
        }
        EXPECT(closings <= 1 && replied <= 1 && extended <= 1);
        /* closed/outcome are the closing event's */
        if (closings) {
            EXPECT(date_of(a, "closed") == close_date);
            EXPECT(close_outcome && str(a, "outcome") && strcmp(close_outcome, str(a, "outcome")) == 0);
        } else {
            EXPECT(!has(a, "closed") && !has(a, "outcome"));
        }
        EXPECT(json_is_true(json_object_get(a, "extended")) == (extended == 1));
        EXPECT(has(a, "fee_notice_yuan") == (notice > 0));
        if (notice > 0)
            EXPECT(yuan(json_object_get(a, "fee_notice_yuan")) == notice);
        EXPECT(has(a, "fee_paid_yuan") == (paid > 0));
        if (paid > 0)
            EXPECT(yuan(json_object_get(a, "fee_paid_yuan")) == paid);
#undef EXPECT
        bad += !ok;

        if (has(a, "closed")) {
            closed_total++;
            gk_date due = due_of(a);
            bool is_late = due != INT32_MIN && date_of(a, "closed") > due &&
                           strcmp(str(json_array_get(evs, json_array_size(evs) - 1), "kind"), "replied") == 0;
            late += is_late;
            late_2018 += is_late && year_of(a, "received") == 2018;
            crossing += year_of(a, "closed") > year_of(a, "received");
        } else {
            open_2024 += year_of(a, "received") == 2024;
        }
    }
    CHECK_INT(bad, 0);
    CHECK_INT(late_2018, 0);
    CHECK(closed_total > 250);
    CHECK(late * 100 <= closed_total * 6); /* most replies are on time */
    CHECK(late >= 1);                      /* and the platform has an overdue one to show */
    CHECK(open_2024 >= 3);
    CHECK(crossing >= 5);
}

/* ---- 2019–2024: enough of everything for the gov2019 and gov2021 layouts ---- */

static void test_later_years(void)
{
    for (int y = 2019; y <= 2024; y++) {
        int items = 0, ch[PUB_CHANNEL_COUNT] = {0}, normative = 0, apps = 0;
        FOREACH_REC("item", it)
        {
            size_t k;
            json_t *p;
            bool in = false;
            json_array_foreach(json_object_get(it, "publications"), k, p) if (year_of(p, "at") == y)
            {
                in = true;
                int c = CODE_LOOKUP(pub_channels, str(p, "channel"));
                if (c >= 0)
                    ch[c]++;
            }
            items += in;
            normative += has(it, "statutory") && strcmp(str(it, "statutory"), "normative_document") == 0 &&
                         year_of(it, "written") == y;
        }
        apps = app_year_count(is_new, y);
        CHECK(items >= 300 && items <= 900);
        CHECK(ch[PUB_CHANNEL_WEBSITE] >= 150 && ch[PUB_CHANNEL_WECHAT] >= 150);
        CHECK(ch[PUB_CHANNEL_WEIBO] > 0 && ch[PUB_CHANNEL_GAZETTE] > 0 && ch[PUB_CHANNEL_OTHER] > 0);
        CHECK(normative >= 5 && normative <= 15);
        CHECK(apps >= 20 && apps <= 80);
        /* Column reconciliation of table 三: new + carried in = handled + carried forward. */
        CHECK_INT(app_year_count(is_new, y) + app_year_count(is_carried_in, y),
                  app_year_count(is_handled, y) + app_year_count(is_carried_forward, y));
        int visits = 0, tallies = 0;
        FOREACH_REC("visit", v)
        visits += year_of(v, "date") == y;
        FOREACH_REC("tally", t)
        tallies += json_integer_value(json_object_get(t, "year")) == y;
        CHECK(visits >= 4);
        CHECK(tallies >= 4 * 10);
    }

    /* Every applicant type and channel, most outcome codes, the two finer codes, fees. */
    int types[APPLICANT_COUNT] = {0}, chans[APP_CHANNEL_COUNT] = {0}, fee_years_before_2021 = 0, fee_apps = 0;
    json_t *codes = json_object();
    FOREACH_REC("application", a)
    {
        if (year_of(a, "received") < 2019)
            continue;
        int t = CODE_LOOKUP(applicant_types, str(a, "applicant_type"));
        int c = CODE_LOOKUP(app_channels, str(a, "channel"));
        if (t >= 0)
            types[t]++;
        if (c >= 0)
            chans[c]++;
        if (has(a, "outcome"))
            json_object_set_new(codes, str(a, "outcome"), json_true());
        if (has(a, "fee_notice_yuan")) {
            fee_apps++;
            fee_years_before_2021 += year_of(a, "received") < 2021;
        }
    }
    for (int t = 0; t < APPLICANT_COUNT; t++)
        CHECK(types[t] > 0);
    for (int c = 0; c < APP_CHANNEL_COUNT; c++)
        CHECK(chans[c] > 0);
    CHECK(json_object_size(codes) >= 18);
    CHECK(json_object_get(codes, "disclosed_already_public") != NULL);
    CHECK(json_object_get(codes, "unavailable_not_this_agency") != NULL);
    CHECK(json_object_get(codes, "other_fee_unpaid") != NULL);
    CHECK(json_object_get(codes, "other_no_correction") != NULL);
    CHECK(fee_apps >= 3);
    CHECK_INT(fee_years_before_2021, 0);
    json_decref(codes);

    /* Statutory documents: 文号, 成文日期, some repealed later, a rare 规章. */
    int rules = 0, repealed = 0, with_index = 0, without_index = 0, bad_docno = 0;
    FOREACH_REC("item", it)
    {
        with_index += has(it, "index_no");
        without_index += !has(it, "index_no");
        if (!has(it, "statutory"))
            continue;
        rules += strcmp(str(it, "statutory"), "rule") == 0;
        repealed += has(it, "repealed");
        const char *dn = str(it, "doc_no");
        if (strcmp(str(it, "statutory"), "normative_document") == 0) {
            char want[32];
            snprintf(want, sizeof want, "〔%d〕", year_of(it, "written"));
            bad_docno += !dn || !strstr(dn, want) || !strstr(dn, "号");
        }
    }
    CHECK_INT(rules, 0); /* 规章: only 设区的市 and above make them, never a district */
    CHECK(repealed >= 5);
    CHECK(with_index > 200 && without_index > 2000);
    CHECK_INT(bad_docno, 0);
}

static void test_reviews(void)
{
    int kinds[CASE_KIND_COUNT] = {0}, results[CASE_RESULT_COUNT] = {0}, across = 0, bad = 0;
    FOREACH_REC("case", c)
    {
        int k = CODE_LOOKUP(case_kinds, str(c, "kind"));
        if (k >= 0)
            kinds[k]++;
        bool decided = has(c, "decided");
        bad += k < 0 || decided != has(c, "result");
        if (decided) {
            int r = CODE_LOOKUP(case_results, str(c, "result"));
            bad += r < 0 || r == RESULT_PENDING || date_of(c, "decided") < date_of(c, "filed") ||
                   !date_in_range(c, "decided");
            if (r >= 0)
                results[r]++;
            across += year_of(c, "decided") > year_of(c, "filed");
        } else {
            results[RESULT_PENDING]++;
        }
        bad += !date_in_range(c, "filed") || year_of(c, "filed") < 2019;
        /* Linked to an application of the same agency, filed after its answer. */
        json_t *app = NULL;
        const char *app_id = str(c, "application");
        FOREACH_REC("application", a)
        if (app_id && strcmp(str(a, "id"), app_id) == 0)
            app = a;
        bad += !app || strcmp(str(app, "agency"), str(c, "agency")) != 0 || !has(app, "closed") ||
               date_of(c, "filed") <= date_of(app, "closed");
    }
    CHECK_INT(bad, 0);
    for (int k = 0; k < CASE_KIND_COUNT; k++)
        CHECK(kinds[k] > 0);
    CHECK(results[RESULT_UPHELD] > 0 && results[RESULT_CORRECTED] > 0 && results[RESULT_OTHER] > 0);
    CHECK(results[RESULT_PENDING] > 0); /* pending at the end of 2024 */
    CHECK(across > 0);                  /* and pending across a year end */
}

static void test_tallies(void)
{
    static const char *const keys[] = {"licensing_decisions",     "penalty_decisions",      "coercion_decisions",
                                       "admin_fees_wan_yuan",     "complaints",             "licensing_items_prev",
                                       "licensing_items_change",  "penalty_items_prev",     "penalty_items_change",
                                       "coercion_items_prev",     "coercion_items_change",  "admin_fees_items_prev",
                                       "admin_fees_items_change", NULL};
    int bad = 0, money = 0;
    FOREACH_REC("tally", t)
    {
        const char *key = str(t, "key");
        json_t *v = json_object_get(t, "value");
        bad += !one_of(key, keys);
        if (key && strcmp(key, "admin_fees_wan_yuan") == 0) {
            /* a decimal string of 万元, at most six places */
            const char *s = json_string_value(v);
            const char *dot = s ? strchr(s, '.') : NULL;
            bad += !s || !dot || strlen(dot + 1) > 6 || strspn(s, "0123456789.") != strlen(s);
            money += s && strcmp(s, "0.0000") != 0;
        } else {
            bad += !json_is_integer(v) || (json_integer_value(v) < 0 && !strstr(key, "_change"));
        }
    }
    CHECK_INT(bad, 0);
    CHECK(money > 0);

    /* 表二 of the 2019 layout: an agency that decides on licences holds licensing matters, and
     * each year starts from the count the year before ended with (上一年项目数量 + 本年增/减). */
    json_t *held = json_object(); /* "agency key" → count at the end of the last year seen */
    int orphan_decisions = 0, broken_chain = 0, prev_seen = 0;
    for (int y = 2019; y <= 2024; y++) {
        FOREACH_REC("tally", t)
        {
            if (json_integer_value(json_object_get(t, "year")) != y)
                continue;
            const char *key = str(t, "key"), *ag = str(t, "agency");
            long long v = json_integer_value(json_object_get(t, "value"));
            char name[96];
            if (strcmp(key, "licensing_decisions") == 0 && v > 0) {
                long long items = -1;
                FOREACH_REC("tally", u)
                if (json_integer_value(json_object_get(u, "year")) == y && strcmp(str(u, "agency"), ag) == 0 &&
                    strcmp(str(u, "key"), "licensing_items_prev") == 0)
                    items = json_integer_value(json_object_get(u, "value"));
                orphan_decisions += items <= 0;
            }
            size_t kl = strlen(key);
            if (kl > 11 && strcmp(key + kl - 11, "_items_prev") == 0) {
                snprintf(name, sizeof name, "%s %.*s", ag, (int)(kl - 11), key);
                json_t *end = json_object_get(held, name);
                if (end) {
                    prev_seen++;
                    broken_chain += json_integer_value(end) != v;
                }
                long long change = 0;
                FOREACH_REC("tally", u)
                if (json_integer_value(json_object_get(u, "year")) == y && strcmp(str(u, "agency"), ag) == 0 &&
                    strncmp(str(u, "key"), key, kl - 4) == 0 && strcmp(str(u, "key") + kl - 4, "change") == 0)
                    change = json_integer_value(json_object_get(u, "value"));
                json_object_set_new(held, name, json_integer(v + change));
            }
        }
    }
    CHECK_INT(orphan_decisions, 0);
    CHECK_INT(broken_chain, 0);
    CHECK(prev_seen >= 5 * 4 * 10);
    json_decref(held);
}

/* ---- narratives: the seed's text, and only tags the report JSON of that year holds ---- */

static bool tag_ok(const char *tag, int year)
{
    static const char *const legacy[] = {
        "proactive.total", "proactive.by_channel.gazette", "proactive.by_channel.website",
        "proactive.by_channel.weibo", "proactive.by_channel.wechat", "proactive.by_channel.other",
        "applications.received", "reading_room.visits", NULL};
    static const char *const gov[] = {"fees.notices", "fees.collected_yuan", "table2.licensing.decisions",
                                      "table2.penalty.decisions", NULL};
    if (year <= 2018)
        return one_of(tag, legacy);
    if (one_of(tag, gov))
        return true;
    char a[64], b[64], c[64];
    if (sscanf(tag, "%63[^.].%63[^.].%63s", a, b, c) != 3)
        return false;
    if (strcmp(a, "table4") == 0)
        return CODE_LOOKUP(case_kinds, b) >= 0 &&
               one_of(c, (const char *const[]){"upheld", "corrected", "other", "pending", "total", NULL});
    if (strcmp(a, "t3") != 0)
        return false;
    bool row = false;
    for (int r = 0; r < TABLE3_ROWS; r++)
        row |= strcmp(table3_rows[r].key, b) == 0;
    /* gov2019 (2019–2020) folds （六） into one row "other". */
    if (year <= 2020 && (strcmp(b, "other_no_correction") == 0 || strcmp(b, "other_fee_unpaid") == 0))
        row = false;
    return row && (strcmp(c, "total") == 0 || CODE_LOOKUP(applicant_types, c) >= 0);
}

static void test_narratives(void)
{
    int bad_tags = 0, bad_values = 0, tags = 0, sections2018 = 0;
    FOREACH_REC("narrative", n)
    {
        int year = (int)json_integer_value(json_object_get(n, "year"));
        const char *section = str(n, "section");
        const char *text = str(n, "text");
        bad_values += strcmp(str(n, "agency"), "gongnong") != 0 || !text || !*text ||
                      !one_of(section, (const char *const[]){"overview", "problems", "other", "proactive", NULL});
        for (const char *p = text ? strstr(text, "{{") : NULL; p; p = strstr(p + 2, "{{")) {
            const char *end = strstr(p, "}}");
            char tag[128] = "";
            if (end && end - p - 2 < (long)sizeof tag)
                snprintf(tag, sizeof tag, "%.*s", (int)(end - p - 2), p + 2);
            tags++;
            if (!tag_ok(tag, year)) {
                fprintf(stderr, "  %d %s: tag {{%s}}\n", year, section, tag);
                bad_tags++;
            }
        }
        if (year != 2018)
            continue;
        sections2018++;
        if (strcmp(section, "overview") == 0) {
            CHECK(starts_with(text, "2018年，我区按照省、市政府的统一部署"));
            CHECK_CONTAINS(text, "创新了政府管理和服务模式。");
        } else if (strcmp(section, "proactive") == 0) {
            CHECK(starts_with(text, "（二）信息公开主要形式。\n一是利用门户网站"));
            CHECK_CONTAINS(text, "政府信息公众查阅点共接待人数约{{reading_room.visits}}人次");
            CHECK_CONTAINS(text, "\n（三）公开的主要内容。一是根据工作变动");
            CHECK(!strstr(text, "[image") && !strstr(text, "33人次"));
        } else if (strcmp(section, "problems") == 0) {
            CHECK(starts_with(text, "2018年，在市政府政务公开办的精心指导下"));
            CHECK_CONTAINS(text, "\n2019年，我们将采取以下措施着力加以改进：");
            CHECK_CONTAINS(text, "知道获取政府信息的渠道。");
        } else {
            CHECK_STR(text, "无。");
        }
    }
    CHECK_INT(bad_values, 0);
    CHECK_INT(sections2018, 4);
    CHECK_INT(bad_tags, 0);
    CHECK(tags >= 40);
    for (int y = 2019; y <= 2024; y++) {
        int sections = 0;
        FOREACH_REC("narrative", n)
        sections += json_integer_value(json_object_get(n, "year")) == y;
        CHECK_INT(sections, 3);
    }
}

/* ---- believability: what a reader of the portal would notice ---- */

static const char *field_in(json_t *o, const char *key)
{
    const char *s = str(o, key);
    return s ? s : "";
}

/* The name a normative document is known by: the 《…》 of a 关于印发 notice, else its title
 * without the issuer (an 意见 is its own title). */
static void doc_name(json_t *it, char *out, size_t size)
{
    const char *t = field_in(it, "title"), *open = strstr(t, "关于印发《"), *close = open ? strstr(open, "》") : NULL;
    if (open && close) {
        open += strlen("关于印发《");
        snprintf(out, size, "%.*s", (int)(close - open), open);
        return;
    }
    const char *rest = strstr(t, "关于");
    snprintf(out, size, "%s", rest ? rest : t);
}

static void test_reissues(void)
{
    /* Every pair of versions of one document: the earlier is repealed by the time the later is
     * made, so at most one version is 有效 at any date. */
    int pairs = 0, both_valid = 0, cites = 0, reissues = 0, soon = 0;
    FOREACH_REC("item", x)
    {
        if (!has(x, "statutory") || strcmp(str(x, "statutory"), "normative_document") != 0)
            continue;
        char nx[256];
        doc_name(x, nx, sizeof nx);
        bool is_reissue = false;
        FOREACH_REC("item", y)
        {
            if (x == y || !has(y, "statutory") || strcmp(str(y, "statutory"), "normative_document") != 0)
                continue;
            char ny[256];
            doc_name(y, ny, sizeof ny);
            if (strcmp(nx, ny) != 0 || date_of(x, "written") > date_of(y, "written") ||
                (date_of(x, "written") == date_of(y, "written") && x > y))
                continue;
            /* x is the earlier version */
            pairs++;
            both_valid += !has(x, "repealed") || date_of(x, "repealed") > date_of(y, "written");
            cites += strstr(field_in(y, "body"), field_in(x, "doc_no")) != NULL;
            soon += date_of(y, "written") - date_of(x, "written") < 3 * 365; /* revised after years, not yearly */
        }
        FOREACH_REC("item", y)
        {
            char ny[256];
            if (x == y || !has(y, "statutory"))
                continue;
            doc_name(y, ny, sizeof ny);
            is_reissue |= strcmp(nx, ny) == 0 && date_of(y, "written") < date_of(x, "written");
        }
        reissues += is_reissue;
    }
    CHECK(pairs >= 5);
    CHECK_INT(both_valid, 0);
    CHECK_INT(soon, 0);
    CHECK(cites >= reissues / 2 && cites > 0); /* a re-issue names what it replaces */
}

static void test_texts(void)
{
    gk_date new_rules = date_from_ymd(2019, 5, 15);
    int guides_2007 = 0, guides = 0, bad_period = 0, contacts = 0, bad_contact = 0, attachments = 0, unattached = 0,
        entities = 0, townships = 0;
    FOREACH_REC("item", it)
    {
        const char *column = field_in(it, "column"), *body = field_in(it, "body"), *title = field_in(it, "title");
        gk_date pub = date_of(json_array_get(json_object_get(it, "publications"), 0), "at");
        if (strstr(body, "详见附件") != NULL || strstr(title, "详见附件") != NULL) {
            /* a text that points to an attachment has one (issue 8 item 4) */
            attachments++;
            bool has_one = false;
            FOREACH_REC("attachment", at)
            has_one |= strcmp(field_in(at, "item"), field_in(it, "id")) == 0;
            unattached += !has_one;
        }
        static const char *const ents[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#", NULL};
        for (const char *const *e = ents; *e; e++)
            entities += strstr(body, *e) != NULL || strstr(title, *e) != NULL;
        /* The period a text cites is the Regulation's in force when it was published. */
        bool guide = strcmp(column, "zfxxgk/zn") == 0;
        bool apply = strcmp(column, "bmfw/bszn") == 0 && strstr(title, "政府信息公开申请") && strstr(body, "## 办理时限");
        if (guide || apply) {
            bool old = pub < new_rules;
            guides_2007 += guide && old;
            guides += guide && !old;
            bad_period += old ? strstr(body, "20个工作日") != NULL || !strstr(body, "15个工作日")
                              : strstr(body, "15个工作日") != NULL || !strstr(body, "20个工作日");
        }
        /* A text of an agency that gives a telephone number gives the agency's own. */
        if (guide || strcmp(column, "gkml/zzjg") == 0) {
            FOREACH_REC("agency", a)
            {
                if (strcmp(field_in(a, "code"), field_in(it, "agency")) != 0)
                    continue;
                contacts++;
                bad_contact += !strstr(body, field_in(a, "phone"));
                townships += strcmp(field_in(a, "kind"), "township") == 0 && guide;
            }
        }
    }
    CHECK(guides_2007 >= 1);
    CHECK(guides >= 1);
    CHECK_INT(bad_period, 0);
    CHECK(contacts >= 20);
    CHECK(townships >= 3);
    CHECK_INT(bad_contact, 0);
    CHECK(attachments >= 10); /* the 印发《…》的通知 of the last two years */
    CHECK_INT(unattached, 0);
    CHECK_INT(entities, 0);    /* the Mustache engine's HTML escaping never shows in the texts */
    int claims = 0;
    FOREACH_REC("narrative", n)
    claims += strstr(field_in(n, "text"), "详见附件") != NULL || strstr(field_in(n, "text"), "全程在线") != NULL ||
              strstr(field_in(n, "text"), "实现依申请公开网上申请") != NULL;
    CHECK_INT(claims, 0);
}

/* Every name a demo template uses is one the generator's context holds; an unknown name is
 * refused, never rendered as a blank. */
static void walk_strings(json_t *v, const json_t *ctx, int *n, int *bad)
{
    if (json_is_string(v) && strstr(json_string_value(v), "{{")) {
        char name[128] = "";
        (*n)++;
        if (demo_template_check(json_string_value(v), ctx, name, sizeof name) != 0) {
            fprintf(stderr, "  texts.json: unknown name '%s' in \"%s\"\n", name, json_string_value(v));
            (*bad)++;
        }
    } else if (json_is_object(v)) {
        const char *k;
        json_t *e;
        json_object_foreach(v, k, e) walk_strings(e, ctx, n, bad);
    } else if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) walk_strings(e, ctx, n, bad);
    }
}

static void test_templates(void)
{
    /* The context of demo_text.c: the names every template gets, plus those a text adds. */
    static const char *const names[] = {"agency",   "agency_full", "agency_phone", "agency_fax", "agency_address",
                                        "topic",    "topic2",      "place",        "subject",    "year",
                                        "last_year", "next_year",  "month",        "n",          "quarter",
                                        "date",     "k1",          "k2",           "tel",        "lead",
                                        "service",  "basis",       "materials",    "days",       "window",
                                        "government", "count",     "list",         "term",       "session",
                                        "genre",    "cited",       "doc_no",       "guide_href",   NULL};
    json_t *ctx = json_object();
    for (const char *const *k = names; *k; k++)
        json_object_set_new(ctx, *k, json_string("x"));
    int templates = 0, bad = 0;
    for (size_t i = 0; i < embedded_count; i++) {
        const char *name = embedded_files[i].name;
        if (strncmp(name, "demo/templates/", 15) != 0)
            continue;
        templates++;
        char unknown[128] = "";
        if (demo_template_check((const char *)embedded_files[i].data, ctx, unknown, sizeof unknown) != 0) {
            fprintf(stderr, "  %s: unknown name '%s'\n", name, unknown);
            bad++;
        }
    }
    CHECK(templates >= 20);
    int strings = 0;
    const struct embedded_file *f = embedded_find("demo/texts.json");
    json_t *texts = f ? json_loadb((const char *)f->data, f->size, 0, NULL) : NULL;
    CHECK(texts != NULL);
    walk_strings(texts, ctx, &strings, &bad);
    json_decref(texts);
    CHECK(strings >= 50);
    CHECK_INT(bad, 0);

    /* The check itself: unknown names, in every tag form, are caught; comments are not names. */
    char unknown[64] = "";
    CHECK_INT(demo_template_check("第{{n}}号{{! a comment }}", ctx, unknown, sizeof unknown), 0);
    CHECK_INT(demo_template_check("{{year}}年{{yaer}}", ctx, unknown, sizeof unknown), -1);
    CHECK_STR(unknown, "yaer");
    CHECK_INT(demo_template_check("{{#nosuch}}x{{/nosuch}}", ctx, unknown, sizeof unknown), -1);
    CHECK_INT(demo_template_check("{{{ raw }}}", ctx, unknown, sizeof unknown), -1);
    CHECK_STR(unknown, "raw");
    CHECK_INT(demo_template_check("{{& amp}}", ctx, unknown, sizeof unknown), -1);
    json_decref(ctx);
}

/* ---- determinism ---- */

static void test_deterministic(void)
{
    size_t len2;
    char *out2 = generate(&len2);
    CHECK(out2 != NULL);
    CHECK(out2 && len2 == out1_len && memcmp(out1, out2, len2) == 0);
    free(out2);
    /* A full stream is an error, not a silent truncation. */
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        CHECK_INT(demo_write_jsonl(full), -1);
        fclose(full);
    }
}

/* ---- service guides: one per service, the seed's two 办理流程清单, every 办事指南 item linked ---- */

static void test_guides(void)
{
    json_t *ids = json_object(), *phones = json_object();
    FOREACH_REC("agency", a) if (has(a, "phone")) json_object_set_new(phones, str(a, "code"), json_string(str(a, "phone")));
    int guides = 0, bad_contact = 0, decisions = 0;
    FOREACH_REC("guide", g)
    {
        guides++;
        json_object_set_new(ids, str(g, "id"), json_true());
        const char *phone = json_string_value(json_object_get(phones, str(g, "agency")));
        bad_contact += !phone || !has(g, "phone") || strcmp(phone, str(g, "phone")) != 0;
        size_t k;
        json_t *st;
        json_array_foreach(json_object_get(g, "steps"), k, st) decisions += json_object_get(st, "branches") != NULL;
    }
    CHECK_INT(guides, 28 + 2);
    CHECK_INT(bad_contact, 0); /* the agency's phone, as every text of the demo */
    CHECK(decisions >= guides);
    CHECK(json_object_get(ids, "wstz-sl") && json_object_get(ids, "nzgs-sldj"));
    /* Every item of 办事指南 (办理流程图 included) links to a guide that exists. */
    int bszn = 0, linked = 0, flowcharts = 0, lists = 0;
    FOREACH_REC("item", it)
    {
        if (!has(it, "column") || strcmp(str(it, "column"), "bmfw/bszn") != 0)
            continue;
        bszn++;
        const char *body = has(it, "body") ? str(it, "body") : "";
        const char *at = strstr(body, "](/guide/");
        char id[64] = "";
        if (at)
            sscanf(at + strlen("](/guide/"), "%63[a-z0-9_-]", id);
        linked += *id && json_object_get(ids, id) != NULL;
        flowcharts += strstr(str(it, "title"), "办理流程图") != NULL;
        lists += strstr(str(it, "title"), "办理流程清单") != NULL;
    }
    CHECK(bszn > 50);
    CHECK_INT(linked, bszn);
    CHECK(flowcharts > 10);
    CHECK_INT(lists, 2);
    json_decref(ids);
    json_decref(phones);
}

void run_tests(void)
{
    out1 = generate(&out1_len);
    CHECK(out1 != NULL);
    if (!out1)
        return;
    CHECK(out1_len > 0 && out1[out1_len - 1] == '\n');
    recs = json_array();
    int bad_lines = 0;
    for (char *line = out1, *nl; line < out1 + out1_len; line = nl + 1) {
        nl = memchr(line, '\n', (size_t)(out1 + out1_len - line));
        if (!nl)
            break;
        json_error_t err;
        json_t *o = json_loadb(line, (size_t)(nl - line), JSON_REJECT_DUPLICATES, &err);
        if (!json_is_object(o) || !json_is_string(json_object_get(o, "type"))) {
            bad_lines++;
            json_decref(o);
            continue;
        }
        json_array_append_new(recs, o);
    }
    CHECK_INT(bad_lines, 0);
    CHECK(json_array_size(recs) > 5000);

    test_shape();
    test_messages_demo();
    test_2018_items();
    test_2018_applications();
    test_application_histories();
    test_later_years();
    test_reviews();
    test_tallies();
    test_narratives();
    test_reissues();
    test_texts();
    test_templates();
    test_guides(); /* service guides */
    test_deterministic();

    json_decref(recs);
    free(out1);
}
