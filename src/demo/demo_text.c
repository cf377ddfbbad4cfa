/* Titles and bodies of the demo items. The words are data: vocabularies in
 * assets/demo/vocabulary.json, titles and short texts in assets/demo/texts.json, bodies in
 * assets/demo/templates/NAME.mustache, all rendered with the platform's Mustache engine. This
 * file only draws from the stream: which template, which subject, which agency, and the
 * small figures. The order of draws is part of the data set (same seed, same texts). */
#include "demo/demo_internal.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

/* ---- rendering ---- */

struct vars {
    const char *a;  /* agency: short name of the acting agency, or 我区 */
    const char *af; /* agency_full: full name of the agency */
    const char *t;  /* topic */
    const char *t2; /* topic2: a second topic */
    const char *p;  /* place: community or place */
    const char *x;  /* subject: subject, project, service */
    int y, m, n, q; /* year (last_year, next_year), month, n, quarter (一…四) */
    gk_date d;      /* date, in Chinese */
    int k1, k2;     /* small figures */
    int tel;        /* six digits of a 0468-3xxxxxx number */
    const struct demo_agency *ag; /* whose contact details the text gives (the root when NULL) */
};

static const char *const quarter_cn[] = {"一", "二", "三", "四"};

/* The context every demo template renders against: every name always present (see the
 * comment of texts.json), plus EXTRA's names (EXTRA is consumed; may be NULL). */
static json_t *vars_context(const struct vars *v, json_t *extra)
{
    const struct demo_agency *ag = v->ag ? v->ag : demo_agency(DEMO_ROOT);
    char *date = demo_date_cn(v->d ? v->d : DEMO_FIRST_DAY);
    char tel[32];
    snprintf(tel, sizeof tel, "0468-3%06d", v->tel);
    json_t *c = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:i, s:i, s:s, s:s, s:i, s:i, s:s}",
                          "agency", v->a ? v->a : "我区", "agency_full", v->af ? v->af : "工农区人民政府",
                          "agency_phone", ag->phone, "agency_fax", ag->fax, "agency_address", ag->address, "topic",
                          v->t ? v->t : "", "topic2", v->t2 ? v->t2 : "", "place", v->p ? v->p : "", "subject",
                          v->x ? v->x : "", "year", v->y, "last_year", v->y - 1, "next_year", v->y + 1, "month", v->m,
                          "n", v->n, "quarter", quarter_cn[(v->q + 3) % 4], "date", date, "k1", v->k1, "k2", v->k2,
                          "tel", tel);
    free(date);
    if (extra) {
        json_object_update(c, extra);
        json_decref(extra);
    }
    return c;
}

/* A title or short text held in a data file. */
static char *expand(const char *tpl, const struct vars *v)
{
    json_t *c = vars_context(v, NULL);
    char *s = demo_render_text(tpl, c);
    json_decref(c);
    return s;
}

/* The body template templates/NAME; bodies end with their last sentence. */
static char *body(const char *name, const struct vars *v, json_t *extra)
{
    char path[128];
    snprintf(path, sizeof path, "templates/%s", name);
    json_t *c = vars_context(v, extra);
    char *s = demo_render(path, c);
    json_decref(c);
    size_t n = strlen(s);
    while (n && s[n - 1] == '\n')
        s[--n] = '\0';
    return s;
}

void demo_text_free(struct demo_text *t)
{
    free(t->title);
    free(t->body);
    memset(t, 0, sizeof *t);
}

static void set_date_vars(struct vars *v, gk_date d)
{
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    v->y = y;
    v->m = m;
    v->q = (m - 1) / 3 + 1;
    v->d = d;
}

/* ---- the data files ---- */

static json_t *vocab(const char *key)
{
    return demo_data_get("vocabulary.json", key);
}

static json_t *texts(const char *key)
{
    return demo_data_get("texts.json", key);
}

static json_t *get(const json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!v) {
        fprintf(stderr, "gongkai: demo: a text entry lacks '%s'\n", key);
        abort();
    }
    return v;
}

/* An entry drawn uniformly from the JSON array ARR. */
static json_t *pick(struct demo_rng *r, const json_t *arr)
{
    return json_array_get(arr, (size_t)demo_rng_int(r, 0, (int)json_array_size(arr) - 1));
}

/* Title, body, topic and genre of T from the text entry SPEC (title template "title", body
 * template name "body"); a topic or genre SPEC does not give stays as it was. */
static void take_spec(struct demo_text *t, const json_t *spec, const char *title_tpl, const char *body_name,
                      const struct vars *v, json_t *extra)
{
    t->title = expand(title_tpl ? title_tpl : demo_str(spec, "title"), v);
    t->body = body(body_name ? body_name : demo_str(spec, "body"), v, extra);
    if (demo_str_opt(spec, "topic"))
        t->topic = demo_str(spec, "topic");
    if (demo_str_opt(spec, "genre"))
        t->genre = demo_str(spec, "genre");
}

static bool year_in(int y, const json_t *o)
{
    int from = (int)json_integer_value(json_object_get(o, "from"));
    int to = (int)json_integer_value(json_object_get(o, "to"));
    return (!from || y >= from) && (!to || y <= to);
}

static bool list_has(const json_t *arr, const char *s)
{
    size_t i;
    json_t *e;
    json_array_foreach(arr, i, e) if (json_string_value(e) && strcmp(json_string_value(e), s) == 0) return true;
    return false;
}

static bool month_in(const json_t *topic, int month)
{
    json_t *months = json_object_get(topic, "months");
    if (!months)
        return true;
    size_t i;
    json_t *e;
    json_array_foreach(months, i, e) if (json_integer_value(e) == month) return true;
    return false;
}

/* ---- news ---- */

/* A topic of the news stream fit for every kind in KINDS (NULL-terminated), MONTH and YEAR. */
static const json_t *pick_news_topic(struct demo_rng *r, int year, int month, const char *const *kinds)
{
    json_t *topics = vocab("news_topics");
    for (;;) {
        const json_t *t = pick(r, topics);
        bool fit = month_in(t, month) && year_in(year, t);
        for (const char *const *k = kinds; fit && *k; k++)
            fit = list_has(json_object_get(t, "kinds"), *k);
        if (fit)
            return t;
    }
}

/* Who acts on topic T: 我区 and 区政府 act on anything; the others on what is theirs (a
 * 区档案馆 holding a 防汛 meeting would give the generator away). */
static const char *pick_actor(struct demo_rng *r, const json_t *t)
{
    json_t *actors = vocab("news_actors"), *who = json_object_get(t, "actors");
    const char *fit[64];
    int n = 0;
    size_t i;
    json_t *a;
    json_array_foreach(actors, i, a) {
        const char *on = demo_str_opt(a, "acts_on");
        if ((!on || json_is_string(who) || list_has(who, on)) && n < 64)
            fit[n++] = demo_str(a, "name");
    }
    return fit[demo_rng_int(r, 0, n - 1)];
}

static const char *pick_theory(struct demo_rng *r, int year)
{
    json_t *theories = vocab("theories");
    for (;;) {
        const json_t *t = pick(r, theories);
        if (year_in(year, t))
            return demo_str(t, "title");
    }
}

void demo_text_news(struct demo_rng *r, gk_date d, bool meeting, int *meeting_seq, struct demo_text *t)
{
    static const char *const meet[] = {"meeting", NULL}, *const wide[] = {"meeting", "wide", NULL};
    json_t *news = texts("news");
    struct vars v = {0};
    set_date_vars(&v, d);
    v.k1 = demo_rng_int(r, 3, 30);
    v.k2 = demo_rng_int(r, 20, 300);
    int roll = demo_rng_int(r, 0, 99);
    memset(t, 0, sizeof *t);
    t->genre = "其他";
    if (meeting) {
        /* The government's regular executive meetings, numbered through the year. */
        v.n = ++*meeting_seq;
        v.t = demo_str(pick_news_topic(r, v.y, v.m, meet), "name");
        do
            v.t2 = demo_str(pick_news_topic(r, v.y, v.m, meet), "name");
        while (strcmp(v.t, v.t2) == 0);
        take_spec(t, get(news, "meeting"), NULL, NULL, &v, NULL);
    } else if (roll < 9) {
        v.x = pick_theory(r, v.y);
        take_spec(t, get(news, "theory"), NULL, NULL, &v, NULL);
    } else if (roll < 17) {
        const json_t *nt = pick_news_topic(r, v.y, v.m, wide);
        json_t *spec = get(news, "wide");
        v.t = demo_str(nt, "name");
        take_spec(t, spec, json_string_value(pick(r, get(spec, "titles"))), NULL, &v, NULL);
        t->topic = demo_str(nt, "topic");
    } else {
        const json_t *pat = pick(r, get(news, "patterns"));
        const char *kind = demo_str(pat, "kind");
        const char *kinds[] = {kind, NULL};
        const json_t *nt = pick_news_topic(r, v.y, v.m, kinds);
        v.t = demo_str(nt, "name");
        v.a = pick_actor(r, nt);
        t->title = expand(demo_str(pat, "title"), &v);
        const char *middle = json_string_value(pick(r, get(get(news, "middles"), kind)));
        const char *closing = json_string_value(pick(r, get(news, "closings")));
        char *tpl = xasprintf("%s\n\n%s\n\n%s", demo_str(pat, "lead"), middle, closing);
        t->body = expand(tpl, &v);
        free(tpl);
        t->topic = demo_str(nt, "topic");
    }
}

void demo_text_weibo(struct demo_rng *r, gk_date d, struct demo_text *t)
{
    struct vars v = {0};
    set_date_vars(&v, d);
    v.p = demo_pick_str(r, vocab("communities"));
    v.k1 = demo_rng_int(r, 8, 10);
    v.k2 = demo_rng_int(r, 15, 18);
    int kind = demo_rng_int(r, 0, 3);
    const json_t *spec = json_array_get(texts("weibo"), (size_t)kind);
    memset(t, 0, sizeof *t);
    t->genre = "其他";
    if (kind == 1)
        v.x = demo_pick_str(r, vocab("projects"));
    else if (kind == 2)
        v.x = demo_pick_str(r, get(spec, v.m >= 5 && v.m <= 9 ? "summer_alerts" : "alerts"));
    else if (kind == 3)
        v.x = demo_pick_str(r, get(spec, "services"));
    take_spec(t, spec, NULL, NULL, &v, NULL);
}

/* ---- website columns ---- */

/* 2019-05-15: the revised Regulation takes effect (20 working days instead of 15). */
static bool before_2019_regulation(gk_date d)
{
    return d < date_from_ymd(2019, 5, 15);
}

void demo_text_column(struct demo_rng *r, const char *col, gk_date d, const struct demo_agency *a, int n,
                      struct demo_text *t)
{
    json_t *columns = texts("columns");
    json_t *spec = json_object_get(columns, col);
    struct vars v = {0};
    set_date_vars(&v, d);
    /* 第N批 / 第N期 / 第N号 follow the month: a monthly batch reads naturally, a 47th does not. */
    v.n = v.m;
    v.k1 = demo_rng_int(r, 3, 60);
    v.k2 = demo_rng_int(r, 30, 400);
    v.tel = demo_rng_int(r, 100000, 999999);
    v.p = demo_pick_str(r, vocab("communities"));
    memset(t, 0, sizeof *t);
    t->genre = "其他";
    t->topic = "综合政务/其他";
    const char *title = NULL, *bodyname = NULL;
    json_t *extra = NULL;
    const json_t *from = spec; /* the entry whose title, body, topic and genre apply */

    if (!spec) {
        /* Columns without their own texts get a plain notice (none in the plan today). */
        spec = get(columns, "other");
        from = spec;
        v.af = a ? a->name : NULL;
    } else if (strcmp(col, "gkml/ldjj") == 0) {
        from = json_array_get(get(spec, "variants"), demo_rng_chance(r, 60) ? 0 : 1);
    } else if (strcmp(col, "gkml/zzjg") == 0) {
        v.af = a->name;
        v.x = a->duties;
        v.ag = a;
    } else if (strcmp(col, "gkml/gsgg") == 0) {
        const json_t *g;
        do
            g = pick(r, get(spec, "variants"));
        while (!year_in(v.y, g));
        a = demo_agency(demo_str(g, "agency"));
        v.af = a->name;
        title = demo_str(g, "title");
        v.x = demo_pick_str(r, vocab(strstr(title, "专项整治") ? "rectify_subjects" : "projects"));
        v.ag = a;
        char *lead = expand(demo_str(g, "lead"), &v);
        extra = json_pack("{s:s}", "lead", lead);
        free(lead);
        t->genre = demo_str(g, "genre");
    } else if (strcmp(col, "gkml/zdxm") == 0) {
        a = demo_agency(demo_rng_chance(r, 60) ? "gn-fgj" : "gn-zjj");
        v.x = demo_pick_str(r, vocab("projects"));
        title = demo_pick_str(r, get(spec, "titles"));
    } else if (strcmp(col, "gkml/dsj") == 0) {
        /* The chronicle of the month before publication; N is that month's number. */
        static const char *const meet[] = {"meeting", NULL};
        struct vars w = v;
        w.m = n;
        w.y = n == 12 && v.m == 1 ? v.y - 1 : v.y;
        t->title = expand(demo_str(spec, "title"), &w);
        int days[5];
        for (int i = 0; i < 5; i++)
            days[i] = demo_rng_int(r, 1, 28);
        for (int i = 1; i < 5; i++) /* insertion sort: entries in date order */
            for (int j = i; j > 0 && days[j] < days[j - 1]; j--) {
                int x = days[j];
                days[j] = days[j - 1];
                days[j - 1] = x;
            }
        buf_t b = BUF_INIT;
        for (int i = 0; i < 5; i++) {
            w.k1 = days[i];
            const json_t *nt = pick_news_topic(r, w.y, w.m, meet);
            w.t = demo_str(nt, "name");
            w.a = pick_actor(r, nt);
            char *s = expand(demo_str(spec, "entry"), &w);
            buf_puts(&b, s);
            free(s);
        }
        while (b.len && b.data[b.len - 1] == '\n')
            b.data[--b.len] = '\0';
        t->body = buf_take(&b);
        t->topic = demo_str(spec, "topic");
        spec = NULL;
    } else if (strcmp(col, "gkml/llxx") == 0) {
        v.x = pick_theory(r, v.y);
        v.n = n; /* numbered issues: the same theme comes back during a year, the number does not */
    } else if (strcmp(col, "bmfw/bszn") == 0) {
        const json_t *s = pick(r, vocab("services"));
        a = demo_agency(demo_str(s, "agency"));
        v.x = demo_str(s, "name");
        title = demo_pick_str(r, get(spec, "titles"));
        /* The Regulation's own period, before and after its 2019 revision. */
        json_int_t days = json_integer_value(json_object_get(s, "days"));
        if (json_object_get(s, "days_before_2019_05_15") && before_2019_regulation(d))
            days = json_integer_value(json_object_get(s, "days_before_2019_05_15"));
        extra = json_pack("{s:s, s:s, s:s, s:I, s:s}", "service", demo_str(s, "name"), "basis", demo_str(s, "basis"),
                          "materials", demo_str(s, "materials"), "days", days, "window", a->short_name);
        /* service guides: every service has its guide page, bszn-NN (demo_guides.c) */
        size_t at = 0;
        while (json_array_get(vocab("services"), at) != s)
            at++;
        char *href = xasprintf("/guide/bszn-%02zu", at + 1);
        json_object_set_new(extra, "guide_href", json_string(href));
        free(href);
    } else if (strcmp(col, "bmfw/zxcx") == 0) {
        const json_t *s = pick(r, vocab("query_subjects"));
        a = demo_agency(demo_str(s, "agency"));
        v.x = demo_str(s, "name");
        v.af = a->name;
        v.ag = a;
    } else if (strcmp(col, "bmfw/jyxc") == 0) {
        const json_t *dn = pick(r, vocab("normative_documents"));
        a = demo_agency(demo_str(dn, "drafter"));
        v.x = demo_str(dn, "name");
        v.af = a->name;
        from = json_array_get(get(spec, "variants"), demo_rng_chance(r, 60) ? 0 : 1);
        t->topic = demo_str(dn, "topic");
    } else if (strcmp(col, "bmfw/ldxx") == 0) {
        const json_t *m = pick(r, vocab("mailbox"));
        a = demo_agency(demo_str(m, "agency"));
        v.x = demo_str(m, "issue");
        v.af = a->name;
    } else if (strcmp(col, "bmfw/ldjy") == 0) {
        title = demo_pick_str(r, get(spec, "titles"));
    } else if (strcmp(col, "bmfw/shbz") == 0) {
        const json_t *s = pick(r, get(spec, "variants"));
        a = demo_agency(demo_str(s, "agency"));
        title = demo_str(s, "title");
    } else if (strcmp(col, "bmfw/whxx") == 0) {
        a = demo_agency(demo_pick_str(r, vocab("townships")));
        v.x = demo_pick_str(r, vocab("culture_events"));
    } else if (strcmp(col, "qyzc/yqjs") == 0) {
        v.x = demo_pick_str(r, vocab("park_subjects"));
    } else if (strcmp(col, "qyzc/zsyz") == 0) {
        v.x = demo_pick_str(r, vocab("projects"));
        title = demo_pick_str(r, get(spec, "titles"));
    } else if (strcmp(col, "qyzc/xmjs") == 0) {
        a = demo_agency(demo_rng_chance(r, 50) ? "gn-fgj" : "gn-zjj");
        v.x = demo_pick_str(r, vocab("projects"));
    } else if (strcmp(col, "zfxxgk/zn") == 0) {
        /* A guide cites the Regulation in force when it is published. */
        v.af = a->name;
        v.ag = a;
        if (before_2019_regulation(d))
            bodyname = demo_str(spec, "body_before_2019_05_15");
    } else if (strcmp(col, "zfxxgk/zd") == 0) {
        v.af = a->name;
        v.x = demo_pick_str(r, get(spec, "kinds"));
    } else if (strcmp(col, "zfxxgk/fdzdgknr") == 0) {
        const json_t *f = pick(r, get(spec, "variants"));
        v.af = a->name;
        v.ag = a;
        title = demo_str(f, "title");
        char *lead = expand(demo_str(f, "lead"), &v);
        extra = json_pack("{s:s}", "lead", lead);
        free(lead);
    }
    if (!a) {
        const json_t *own = json_object_get(columns, col);
        a = demo_agency(own && demo_str_opt(own, "agency") ? demo_str(own, "agency") : "gn-bgs");
    }
    if (spec) {
        if (!title && !json_object_get(from, "title"))
            title = demo_str(spec, "title");
        if (!bodyname && !json_object_get(from, "body"))
            bodyname = demo_str(spec, "body");
        if (demo_str_opt(spec, "topic"))
            t->topic = demo_str(spec, "topic");
        if (demo_str_opt(spec, "genre"))
            t->genre = demo_str(spec, "genre");
        take_spec(t, from, title, bodyname, &v, extra);
    }
    t->agency = a->code;
}

/* ---- documents (gkml/wjfg) ---- */

static const char *series_of(const char *code, bool normative)
{
    const struct demo_agency *a = demo_agency(code);
    return normative ? a->normative_series : a->doc_series;
}

void demo_text_document(struct demo_rng *r, gk_date written, bool normative, const char *issuer_code,
                        struct demo_text *t)
{
    json_t *docs = texts("documents");
    struct vars v = {0};
    set_date_vars(&v, written);
    memset(t, 0, sizeof *t);
    if (normative) {
        const json_t *dn = pick(r, vocab("normative_documents"));
        /* The government issues most normative documents; its office the procedural ones. */
        const char *issuer = issuer_code ? issuer_code : demo_rng_chance(r, 75) ? DEMO_ROOT : "gn-bgs";
        v.af = demo_agency(issuer)->name;
        v.x = demo_str(dn, "name");
        t->opinion = strncmp(v.x, "关于", 6) == 0;
        take_spec(t, get(docs, t->opinion ? "opinion" : "normative"), NULL, NULL, &v, NULL);
        t->agency = issuer;
        t->genre = demo_str(dn, "genre");
        t->topic = demo_str(dn, "topic");
        t->name = v.x;
        t->series = series_of(issuer, true);
    } else {
        const json_t *pd = pick(r, vocab("plain_documents"));
        const char *issuer = demo_str_opt(pd, "issuer") ? demo_str(pd, "issuer")
                             : demo_rng_chance(r, 45) ? DEMO_ROOT
                                                       : "gn-bgs";
        v.af = demo_agency(issuer)->name;
        char *subject = expand(demo_str(pd, "subject"), &v);
        v.x = subject;
        bool government = strcmp(issuer, DEMO_ROOT) == 0 || strcmp(issuer, "gn-bgs") == 0;
        take_spec(t, get(docs, "notice"), NULL, NULL, &v, json_pack("{s:b}", "government", government));
        free(subject);
        t->agency = issuer;
        t->topic = demo_str(pd, "topic");
        t->series = series_of(issuer, false);
    }
}

char *demo_text_replaces(const char *genre, const char *cited, const char *doc_no)
{
    const json_t *spec = get(texts("documents"), "replaces");
    struct vars v = {0};
    json_t *c = vars_context(&v, json_pack("{s:s, s:s, s:s}", "genre", genre, "cited", cited, "doc_no", doc_no));
    char *s = demo_render_text(demo_str(spec, "text"), c);
    json_decref(c);
    return s;
}

void demo_text_repeal_decision(gk_date written, const char *const *titles, int n, struct demo_text *t)
{
    const json_t *spec = get(texts("documents"), "repeal_decision");
    struct vars v = {0};
    set_date_vars(&v, written);
    buf_t list = BUF_INIT;
    for (int i = 0; i < n; i++)
        buf_printf(&list, "%s%d. %s", i ? "\n" : "", i + 1, titles[i]);
    memset(t, 0, sizeof *t);
    take_spec(t, spec, NULL, NULL, &v, json_pack("{s:i, s:s}", "count", n, "list", buf_str(&list)));
    buf_free(&list);
    t->agency = demo_str(spec, "agency");
    t->series = series_of(t->agency, false);
}

void demo_text_work_report(int year, struct demo_text *t)
{
    /* Congress terms of five years: the 18th sits 2017–2021, the 19th from 2022. */
    static const char *const cn[] = {"一", "二", "三", "四", "五"};
    const json_t *spec = get(texts("documents"), "work_report");
    struct vars v = {.y = year};
    memset(t, 0, sizeof *t);
    take_spec(t, spec, NULL, NULL, &v,
              json_pack("{s:s, s:s}", "term", year <= 2021 ? "十八" : "十九", "session",
                        cn[(year <= 2021 ? year - 2017 : year - 2022) % 5]));
    t->agency = demo_str(spec, "agency");
}

void demo_text_annual_report(int year, const struct demo_agency *a, struct demo_text *t)
{
    const json_t *spec = get(texts("documents"), "annual_report");
    struct vars v = {.y = year, .af = a->name, .ag = a};
    memset(t, 0, sizeof *t);
    if (year == 2018 && strcmp(a->code, DEMO_ROOT) == 0) {
        /* The seed report itself, as the district published it. */
        t->title = expand(demo_str(spec, "seed_title"), &v);
        t->body = demo_seed_report_markdown();
        t->genre = demo_str(spec, "genre");
        t->topic = demo_str(spec, "topic");
    } else {
        take_spec(t, spec, NULL, NULL, &v, NULL);
    }
    t->agency = a->code;
}

void demo_text_leaflet(int year, struct demo_text *t)
{
    const json_t *spec = get(texts("documents"), "leaflet");
    struct vars v = {.y = year};
    memset(t, 0, sizeof *t);
    take_spec(t, spec, NULL, NULL, &v, NULL);
    t->agency = demo_str(spec, "agency");
}
