/* Items (政府信息) of the demo: the portal's columns, the WeChat news stream, Weibo
 * notices, the gazette and notice boards, year by year.
 *
 * 2018 is exact (contracts §5): 1,816 distinct items each with exactly one publication,
 * all dated in 2018 — 528 on the website, 1,286 on WeChat, 2 by other means. Every 2018
 * item is therefore generated with a single publication and never given another one
 * (no gazette issue, no Weibo repost), and its date is drawn inside 2018.
 * Other years are plausible rather than exact: items may carry several publications, and a
 * document written in December may be published in January.
 *
 * Work happens in passes over one array of all years: generate, let re-issues replace the
 * versions in force, repeal by decision, number documents (文号 in order of 成文日期 per
 * series and year), add gazette issues, keep website columns for items on the website, sort
 * by first publication, assign ids and 索引号, write. The texts come from demo_text.c
 * (assets/demo); this file plans how many of what, and when. */
#include "demo/demo_internal.h"
#include "records/export.h"
#include "domain/taxonomy.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

#define MAX_PUBS 4

struct pub {
    enum pub_channel ch;
    gk_date at;
};

struct item {
    char id[32];
    const char *agency;
    char *title, *body;
    const char *column;
    char *index_no, *doc_no;
    const char *topic, *genre;
    const char *series; /* 文号 series; doc_no is assigned from it in a later pass */
    gk_date written, repealed;
    const char *statutory;
    int npub;
    struct pub pub[MAX_PUBS];
    const char *kind; /* id part: web, wx, wb, qt */
    bool want_index;  /* carries a 索引号 from the old site (else the system assigns one) */
    bool gazette_ok;  /* may be reprinted in the gazette */
    const char *name; /* a normative document: its name, shared by its re-issues */
    bool opinion;     /* a normative document written as 意见 */
    size_t replaces_at; /* the earlier version this re-issue repealed (its index), or SIZE_MAX */
    int seq;          /* creation order: the last tie-breaker of every sort */
};

struct items {
    struct item *v;
    size_t n, cap;
};

static struct item *item_new(struct items *L)
{
    if (L->n == L->cap) {
        L->cap = L->cap ? L->cap * 2 : 1024;
        L->v = xrealloc(L->v, L->cap * sizeof *L->v);
    }
    struct item *it = &L->v[L->n];
    memset(it, 0, sizeof *it);
    it->written = it->repealed = DEMO_NO_DATE;
    it->replaces_at = SIZE_MAX;
    it->seq = (int)L->n++;
    return it;
}

static void item_add_pub(struct item *it, enum pub_channel ch, gk_date at)
{
    if (it->npub < MAX_PUBS)
        it->pub[it->npub++] = (struct pub){ch, at};
}

static void item_take_text(struct item *it, struct demo_text *t)
{
    it->title = t->title;
    it->body = t->body;
    it->topic = t->topic;
    it->genre = t->genre;
    it->series = t->series;
    it->name = t->name;
    it->opinion = t->opinion;
    if (t->agency)
        it->agency = t->agency;
    t->title = t->body = NULL;
}

/* ---- titles already used in a year: a small open-addressing set ---- */

struct title_set {
    const char **slot;
    size_t cap, n;
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3u;
    }
    return h;
}

static bool title_seen(const struct title_set *ts, const char *title)
{
    if (!ts->cap)
        return false;
    for (size_t i = hash_str(title) & (ts->cap - 1);; i = (i + 1) & (ts->cap - 1)) {
        if (!ts->slot[i])
            return false;
        if (strcmp(ts->slot[i], title) == 0)
            return true;
    }
}

static void title_add(struct title_set *ts, const char *title)
{
    if ((ts->n + 1) * 2 > ts->cap) {
        struct title_set old = *ts;
        ts->cap = ts->cap ? ts->cap * 2 : 4096;
        ts->slot = xcalloc(ts->cap, sizeof *ts->slot);
        ts->n = 0;
        for (size_t i = 0; i < old.cap; i++)
            if (old.slot[i])
                title_add(ts, old.slot[i]);
        free(old.slot);
    }
    size_t i = hash_str(title) & (ts->cap - 1);
    while (ts->slot[i])
        i = (i + 1) & (ts->cap - 1);
    ts->slot[i] = title;
    ts->n++;
}

static void title_reset(struct title_set *ts)
{
    free(ts->slot);
    memset(ts, 0, sizeof *ts);
}

/* Keeps drawing texts until the title is new in this year: real sites do not repeat a title
 * within a year, and a repeated one would look like a generator artefact. After many tries
 * the last draw is kept (never happens with the vocabularies' sizes, but must terminate). */
#define MAX_TRIES 200

/* ---- the plan of each year ---- */

enum col {
    C_LDJJ, C_ZZJG, C_GSGG, C_WJFG, C_ZFGZBG, C_ZDXM, C_DSJ, C_LLXX,
    C_BSZN, C_ZXCX, C_JYXC, C_LDXX, C_LDJY, C_SHBZ, C_WHXX,
    C_YQJS, C_ZSYZ, C_XMJS,
    C_ZN, C_ZD, C_FDZDGKNR, C_NB,
    C_COUNT
};

static const char *const col_slug[C_COUNT] = {
    "gkml/ldjj", "gkml/zzjg", "gkml/gsgg", "gkml/wjfg", "gkml/zfgzbg", "gkml/zdxm", "gkml/dsj", "gkml/llxx",
    "bmfw/bszn", "bmfw/zxcx", "bmfw/jyxc", "bmfw/ldxx", "bmfw/ldjy", "bmfw/shbz", "bmfw/whxx",
    "qyzc/yqjs", "qyzc/zsyz", "qyzc/xmjs",
    "zfxxgk/zn", "zfxxgk/zd", "zfxxgk/fdzdgknr", "zfxxgk/nb",
};
#define NEWS_COLUMN "gzdt"

struct year_plan {
    int year;
    int web[C_COUNT]; /* website items per column (wjfg includes its normative documents) */
    int normative;    /* 行政规范性文件 among wjfg */
    int wechat;       /* news items of the WeChat stream */
    int weibo_only;   /* short notices posted on Weibo alone */
    int weibo_repost; /* % of WeChat news also posted on Weibo */
    int wechat_push;  /* % of 公告公示 / 劳动就业 items also pushed on WeChat */
    bool other_report;  /* the 政府工作报告 is also posted on notice boards */
};

/* 2018: the seed's 528 website items, column by column (they sum to 528; test_demo checks the
 * year's figures from the records). */
static const int web2018[C_COUNT] = {
    [C_LDJJ] = 4,  [C_ZZJG] = 12, [C_GSGG] = 96, [C_WJFG] = 64, [C_ZFGZBG] = 0, [C_ZDXM] = 24,
    [C_DSJ] = 12,  [C_LLXX] = 30, [C_BSZN] = 58, [C_ZXCX] = 24, [C_JYXC] = 14, [C_LDXX] = 36,
    [C_LDJY] = 44, [C_SHBZ] = 48, [C_WHXX] = 26, [C_YQJS] = 10, [C_ZSYZ] = 12, [C_XMJS] = 13,
    [C_NB] = 1,
};

/* Second half of 2017: the old site before the seed year (data start 2017-06-01). */
static const int web2017[C_COUNT] = {
    [C_LDJJ] = 1,  [C_GSGG] = 30, [C_WJFG] = 20, [C_ZDXM] = 8,  [C_DSJ] = 6,  [C_LLXX] = 8,
    [C_BSZN] = 18, [C_ZXCX] = 6,  [C_JYXC] = 4,  [C_LDXX] = 12, [C_LDJY] = 14, [C_SHBZ] = 14,
    [C_WHXX] = 8,  [C_YQJS] = 3,  [C_ZSYZ] = 4,  [C_XMJS] = 4,
};

/* 2019 on: the 政府信息公开 column of 国办公开办函〔2019〕61号 joins the site. */
static const int web_later[C_COUNT] = {
    [C_LDJJ] = 2,  [C_ZZJG] = 3,  [C_GSGG] = 50, [C_WJFG] = 30, [C_ZFGZBG] = 1, [C_ZDXM] = 12,
    [C_DSJ] = 12,  [C_LLXX] = 12, [C_BSZN] = 24, [C_ZXCX] = 12, [C_JYXC] = 6,  [C_LDXX] = 16,
    [C_LDJY] = 20, [C_SHBZ] = 20, [C_WHXX] = 10, [C_YQJS] = 4,  [C_ZSYZ] = 5,  [C_XMJS] = 6,
    [C_ZN] = 0,    [C_ZD] = 1,    [C_FDZDGKNR] = 20, [C_NB] = 0, /* nb: one per agency, below */
};

static void make_plan(int year, struct year_plan *p)
{
    static const int normative[] = {4, 9, 8, 11, 12, 10, 9, 7};   /* 2017 … 2024 */
    static const int wechat[] = {300, 1286, 300, 340, 280, 260, 240, 220};
    static const int weibo_only[] = {0, 0, 12, 20, 16, 14, 12, 10};
    memset(p, 0, sizeof *p);
    p->year = year;
    int i = year - DEMO_FIRST_YEAR;
    p->normative = normative[i];
    p->wechat = wechat[i];
    p->weibo_only = weibo_only[i];
    if (year == 2017) {
        memcpy(p->web, web2017, sizeof p->web);
    } else if (year == 2018) {
        memcpy(p->web, web2018, sizeof p->web);
    } else {
        struct demo_rng r;
        demo_rng_seed(&r, "items-plan", year);
        memcpy(p->web, web_later, sizeof p->web);
        /* Volumes drift by up to a fifth from year to year, as real sites do. */
        static const enum col drift[] = {C_GSGG, C_WJFG, C_ZDXM, C_BSZN, C_LDXX, C_LDJY, C_SHBZ, C_FDZDGKNR};
        for (size_t k = 0; k < DEMO_COUNT(drift); k++) {
            int base = p->web[drift[k]];
            p->web[drift[k]] = base + demo_rng_int(&r, -base / 5, base / 5);
        }
        if (year == 2019) {
            p->web[C_ZZJG] = (int)demo_agency_count; /* the new column is filled for every agency */
            p->web[C_ZN] = (int)demo_agency_count;
            p->web[C_ZD] = 6;
        }
        if (year == 2022)
            p->web[C_ZN] = 1; /* the government's guide revised */
        p->web[C_NB] = (int)demo_agency_count;
        p->weibo_repost = 20;
        p->wechat_push = 15;
        p->other_report = true;
    }
    if (p->web[C_WJFG] < p->normative + 5)
        p->web[C_WJFG] = p->normative + 5;
}

/* ---- per-day volumes of the news stream ---- */

/* Spreads TOTAL items over the working days of [from, to]: each day gets the average, the
 * remainder goes to random days, then random moves between days (keeping every day in
 * [lo, hi]) make the stream look uneven while the total stays exact. */
static int *spread_over_workdays(struct demo_rng *r, gk_date from, gk_date to, int total,
                                 int *ndays_out, gk_date **days_out)
{
    int nd = demo_workdays_between(from - 1, to);
    gk_date *days = xmalloc((size_t)nd * sizeof *days);
    int *count = xcalloc((size_t)nd, sizeof *count);
    int k = 0;
    for (gk_date d = from; d <= to; d++)
        if (demo_is_workday(d))
            days[k++] = d;
    int base = total / nd, rem = total % nd;
    for (int i = 0; i < nd; i++)
        count[i] = base;
    while (rem > 0) {
        int i = demo_rng_int(r, 0, nd - 1);
        if (count[i] == base) {
            count[i]++;
            rem--;
        }
    }
    int lo = base > 2 ? base - 2 : 1, hi = base + 3;
    for (int moves = 0; moves < nd; moves++) {
        int a = demo_rng_int(r, 0, nd - 1), b = demo_rng_int(r, 0, nd - 1);
        if (a != b && count[a] > lo && count[b] < hi) {
            count[a]--;
            count[b]++;
        }
    }
    *ndays_out = nd;
    *days_out = days;
    return count;
}

/* ---- generation of one year ---- */

struct gen {
    struct demo_ctx *ctx;
    struct items *L;
    struct title_set titles;
    struct demo_rng r;
    int year;
    gk_date from, to; /* publication dates of the year's items lie in [from, to] */
};

static gk_date random_day(struct gen *g, gk_date from, gk_date to)
{
    if (from < g->from)
        from = g->from;
    if (to > g->to)
        to = g->to;
    return demo_random_workday(&g->r, from, to);
}

/* A new item of COLUMN and KIND that takes over T's text; its title is recorded as used. */
static struct item *item_from_text(struct gen *g, struct demo_text *t, const char *column, const char *kind)
{
    struct item *it = item_new(g->L);
    item_take_text(it, t);
    title_add(&g->titles, it->title);
    it->column = column;
    it->kind = kind;
    return it;
}

/* A column item with a title new in this year. Titles that carry the month repeat when
 * two items fall in one month; unless the date is FIXED, a retry also draws a new date. */
static struct item *column_item(struct gen *g, enum col c, gk_date d, bool fixed, const struct demo_agency *a, int n)
{
    struct demo_text t;
    for (int tries = 0;; tries++) {
        demo_text_column(&g->r, col_slug[c], d, a, n, &t);
        if (!title_seen(&g->titles, t.title) || tries >= MAX_TRIES)
            break;
        demo_text_free(&t);
        if (!fixed)
            d = random_day(g, g->from, g->to);
    }
    struct item *it = item_from_text(g, &t, col_slug[c], "web");
    item_add_pub(it, PUB_CHANNEL_WEBSITE, d);
    return it;
}

/* A normative document of NAME made in the three years before WRITTEN: a district revises a
 * measure when it has been applied for a while, not every year. */
static bool revised_lately(const struct items *L, const char *name, gk_date written)
{
    if (!name)
        return false;
    for (size_t i = 0; i < L->n; i++)
        if (L->v[i].name && strcmp(L->v[i].name, name) == 0 && L->v[i].written > written - 3 * 365)
            return true;
    return false;
}

static void gen_documents(struct gen *g, int total, int normative)
{
    for (int k = 0; k < total; k++) {
        bool norm = k < normative;
        gk_date pub = random_day(g, g->from + (g->year == 2017 ? 20 : 0), g->to);
        /* Art. 26: published within 20 working days of being made; usually within two weeks. */
        gk_date written = pub;
        int back = norm ? demo_rng_int(&g->r, 2, 12) : demo_rng_int(&g->r, 0, 5);
        for (int i = 0; i < back; i++) {
            gk_date w = written - 1;
            while (!demo_is_workday(w))
                w--;
            written = w;
        }
        if (written < DEMO_FIRST_DAY)
            written = DEMO_FIRST_DAY;
        struct demo_text t;
        for (int tries = 0;; tries++) {
            demo_text_document(&g->r, written, norm, NULL, &t);
            if ((!title_seen(&g->titles, t.title) && !revised_lately(g->L, t.name, written)) || tries >= MAX_TRIES)
                break;
            demo_text_free(&t);
        }
        struct item *it = item_from_text(g, &t, col_slug[C_WJFG], "web");
        it->written = written;
        item_add_pub(it, PUB_CHANNEL_WEBSITE, pub);
        if (norm) {
            it->statutory = "normative_document";
            it->want_index = true;
            it->gazette_ok = true;
        } else {
            it->want_index = demo_rng_chance(&g->r, 50);
            it->gazette_ok = demo_rng_chance(&g->r, 30) &&
                             (strcmp(it->agency, DEMO_ROOT) == 0 || strcmp(it->agency, "gn-bgs") == 0);
        }
    }
}

static void gen_annual_reports(struct gen *g, int n)
{
    for (int k = 0; k < n && k < (int)demo_agency_count; k++) {
        /* In 2018 only the government's own 2017 report falls in the data (k = 0). */
        const struct demo_agency *a = &demo_agency_table[k];
        bool root = strcmp(a->code, DEMO_ROOT) == 0;
        /* Art. 49 (2019): departments by 31 January, the government by 31 March; before
         * that every agency by 31 March. */
        gk_date from = date_from_ymd(g->year, 1, 10), to = date_from_ymd(g->year, 1, 28);
        if (root || g->year <= 2019)
            from = date_from_ymd(g->year, 3, 1), to = date_from_ymd(g->year, 3, 29);
        gk_date pub = random_day(g, from, to);
        struct demo_text t;
        demo_text_annual_report(g->year - 1, a, &t);
        struct item *it = item_from_text(g, &t, col_slug[C_NB], "web");
        /* Signed off about a week before it goes up. */
        it->written = pub - 7;
        while (!demo_is_workday(it->written))
            it->written--;
        it->want_index = true;
        item_add_pub(it, PUB_CHANNEL_WEBSITE, pub);
    }
}

static void gen_work_report(struct gen *g, bool on_website, bool on_board)
{
    /* Delivered to the district people's congress in January; printed copies go up on the
     * 政务公开栏 in the weeks after; the website copy follows. */
    gk_date written = demo_workday_on_or_after(date_from_ymd(g->year, 1, 16));
    struct demo_text t;
    demo_text_work_report(g->year, &t);
    struct item *it = item_from_text(g, &t, col_slug[C_ZFGZBG], on_website ? "web" : "qt");
    it->written = written;
    it->want_index = true;
    if (on_board)
        item_add_pub(it, PUB_CHANNEL_OTHER, random_day(g, written + 7, written + 20));
    if (on_website)
        item_add_pub(it, PUB_CHANNEL_WEBSITE, random_day(g, written + 21, written + 40));
}

static void gen_policy_leaflet(struct gen *g)
{
    /* The yearly 惠民政策明白纸, printed and posted on community notice boards only. */
    gk_date d = random_day(g, date_from_ymd(g->year, 3, 1), date_from_ymd(g->year, 3, 31));
    struct demo_text t;
    demo_text_leaflet(g->year, &t);
    struct item *it = item_from_text(g, &t, col_slug[C_SHBZ], "qt");
    item_add_pub(it, PUB_CHANNEL_OTHER, d);
}

static void gen_website(struct gen *g, const struct year_plan *p)
{
    for (int c = 0; c < C_COUNT; c++) {
        int n = p->web[c];
        if (c == C_WJFG) {
            gen_documents(g, n, p->normative);
            continue;
        }
        if (c == C_NB) {
            gen_annual_reports(g, n);
            continue;
        }
        if (c == C_ZFGZBG) {
            if (n > 0)
                gen_work_report(g, true, p->other_report);
            continue;
        }
        for (int k = 0; k < n; k++) {
            gk_date d;
            const struct demo_agency *a = NULL;
            int num = k + 1;
            if (c == C_DSJ) {
                /* The chronicle of month M goes up in the first days of month M+1; in the
                 * 2017 half-year the first one covers June. */
                int pm = p->year == 2017 ? 7 + k : 1 + k;
                gk_date first = date_from_ymd(p->year, pm, 1);
                d = random_day(g, first, first + 6);
                num = pm == 1 ? 12 : pm - 1;
            } else if (c == C_ZZJG || c == C_ZN) {
                a = n >= (int)demo_agency_count ? &demo_agency_table[k]
                                                : &demo_agency_table[demo_rng_int(&g->r, 0, (int)demo_agency_count - 1)];
                if (c == C_ZN && n < (int)demo_agency_count)
                    a = &demo_agency_table[0];
                d = random_day(g, date_from_ymd(p->year, 1, 1), date_from_ymd(p->year, 4, 30));
            } else if (c == C_ZD) {
                a = demo_agency_find(demo_rng_chance(&g->r, 50) ? DEMO_ROOT : "gn-bgs");
                d = random_day(g, g->from, g->to);
            } else if (c == C_FDZDGKNR) {
                a = &demo_agency_table[demo_rng_int(&g->r, 0, (int)demo_agency_count - 1)];
                d = random_day(g, g->from, g->to);
            } else {
                d = random_day(g, g->from, g->to);
            }
            struct item *it = column_item(g, (enum col)c, d, c == C_DSJ, a, num);
            if (c == C_ZN || c == C_ZD || c == C_FDZDGKNR)
                it->want_index = true;
            else if (c == C_GSGG || c == C_ZZJG)
                it->want_index = demo_rng_chance(&g->r, 30);
            if ((c == C_GSGG || c == C_LDJY) && demo_rng_chance(&g->r, p->wechat_push)) {
                gk_date w = demo_add_workdays(d, demo_rng_int(&g->r, 0, 1));
                if (w <= g->to)
                    item_add_pub(it, PUB_CHANNEL_WECHAT, w);
            }
        }
    }
}

static void gen_news(struct gen *g, const struct year_plan *p)
{
    int nd;
    gk_date *days;
    int *count = spread_over_workdays(&g->r, g->from, g->to, p->wechat, &nd, &days);
    int meetings = 0;
    for (int i = 0; i < nd; i++) {
        for (int k = 0; k < count[i]; k++) {
            struct demo_text t;
            /* The executive meeting sits about every other week; its report opens that day. */
            bool meeting = i % 10 == 3 && k == 0;
            for (int tries = 0;; tries++) {
                demo_text_news(&g->r, days[i], meeting && tries == 0, &meetings, &t);
                if (!title_seen(&g->titles, t.title) || tries >= MAX_TRIES)
                    break;
                demo_text_free(&t);
            }
            struct item *it = item_from_text(g, &t, NEWS_COLUMN, "wx");
            /* The account belongs to the district government; its office runs it. */
            it->agency = DEMO_ROOT;
            item_add_pub(it, PUB_CHANNEL_WECHAT, days[i]);
            /* From 2019 the news goes up on the website's 工作动态 the same day; in the
             * seed years the account alone carried it (the seed counts 1,286 on WeChat). */
            if (p->year >= 2019)
                item_add_pub(it, PUB_CHANNEL_WEBSITE, days[i]);
            if (demo_rng_chance(&g->r, p->weibo_repost))
                item_add_pub(it, PUB_CHANNEL_WEIBO, days[i]);
        }
    }
    free(count);
    free(days);
    for (int k = 0; k < p->weibo_only; k++) {
        gk_date d = random_day(g, g->from, g->to);
        struct demo_text t;
        for (int tries = 0;; tries++) {
            demo_text_weibo(&g->r, d, &t);
            if (!title_seen(&g->titles, t.title) || tries >= MAX_TRIES)
                break;
            demo_text_free(&t);
        }
        struct item *it = item_from_text(g, &t, NEWS_COLUMN, "wb");
        it->agency = DEMO_ROOT;
        item_add_pub(it, PUB_CHANNEL_WEIBO, d);
    }
}

static void gen_year(struct demo_ctx *ctx, struct items *L, int year)
{
    struct year_plan p;
    make_plan(year, &p);
    struct gen g = {.ctx = ctx, .L = L, .year = year};
    demo_rng_seed(&g.r, "items", year);
    g.from = year == DEMO_FIRST_YEAR ? DEMO_FIRST_DAY : date_from_ymd(year, 1, 1);
    g.to = date_from_ymd(year, 12, 31);
    gen_website(&g, &p);
    gen_news(&g, &p);
    if (year == 2018) {
        /* The seed's two items "通过其它便于公众知晓的方式": the printed work report and
         * the policy leaflet, both on notice boards, neither on the website. */
        gen_work_report(&g, false, true);
        gen_policy_leaflet(&g);
    } else if (year > 2018) {
        gen_policy_leaflet(&g);
    }
    title_reset(&g.titles);
}

/* ---- passes over all years ---- */

static int by_written(const void *a, const void *b)
{
    const struct item *x = *(struct item *const *)a, *y = *(struct item *const *)b;
    if (x->written != y->written)
        return x->written < y->written ? -1 : 1;
    return x->seq - y->seq;
}

/* 文号: numbers run per series and per year of 成文日期, in date order. */
static void number_documents(struct items *L)
{
    struct item **docs = xmalloc(L->n * sizeof *docs);
    size_t nd = 0;
    for (size_t i = 0; i < L->n; i++)
        if (L->v[i].series && L->v[i].written != DEMO_NO_DATE)
            docs[nd++] = &L->v[i];
    qsort(docs, nd, sizeof *docs, by_written);
    for (size_t i = 0; i < nd; i++) {
        struct item *it = docs[i];
        int year = date_year(it->written), n = 1;
        for (size_t j = 0; j < i; j++)
            if (strcmp(docs[j]->series, it->series) == 0 && date_year(docs[j]->written) == year)
                n++;
        it->doc_no = xasprintf("%s〔%d〕%d号", it->series, year, n);
    }
    free(docs);
}

/* A normative document re-issued under the name of one still in force replaces it: the
 * earlier version is repealed on the day the new one is made, so only the latest is 有效,
 * and the new one says so in its text (render_replacements, once both have a 文号). */
static void supersede_reissues(struct items *L)
{
    struct item **docs = xmalloc((L->n ? L->n : 1) * sizeof *docs);
    size_t nd = 0;
    for (size_t i = 0; i < L->n; i++)
        if (L->v[i].name && L->v[i].written != DEMO_NO_DATE)
            docs[nd++] = &L->v[i];
    qsort(docs, nd, sizeof *docs, by_written);
    for (size_t i = 0; i < nd; i++)
        for (size_t j = i; j-- > 0;)
            if (strcmp(docs[j]->name, docs[i]->name) == 0 && docs[j]->repealed == DEMO_NO_DATE) {
                docs[j]->repealed = docs[i]->written;
                docs[i]->replaces_at = (size_t)(docs[j] - L->v);
                break;
            }
    free(docs);
}

static void render_replacements(struct items *L)
{
    for (size_t i = 0; i < L->n; i++) {
        struct item *it = &L->v[i];
        if (it->replaces_at == SIZE_MAX)
            continue;
        const struct item *old = &L->v[it->replaces_at];
        char *cited = old->opinion ? xasprintf("《%s》", old->title) : xasprintf("《工农区%s》", old->name);
        char *sentence = demo_text_replaces(it->genre, cited, old->doc_no);
        char *body = xasprintf("%s\n\n%s", it->body, sentence);
        free(it->body);
        it->body = body;
        free(sentence);
        free(cited);
    }
}

/* An item appears in a website column only if it is published on the website: a WeChat
 * story, a Weibo notice or a notice-board leaflet published nowhere else has no column, as
 * the report counts it under its own channel. */
static void place_in_columns(struct items *L)
{
    for (size_t i = 0; i < L->n; i++) {
        bool web = false;
        for (int k = 0; k < L->v[i].npub; k++)
            web |= L->v[i].pub[k].ch == PUB_CHANNEL_WEBSITE;
        if (!web)
            L->v[i].column = NULL;
    }
}

struct repeal_plan {
    int y, m, d;     /* date of the decision */
    int count;       /* documents it repeals */
    int max_written; /* only documents written in or before this year */
};

static const struct repeal_plan repeal_plans[] = {
    {2021, 6, 15, 4, 2019},
    {2023, 11, 14, 4, 2021},
    {2024, 9, 10, 2, 2022},
};
#define MAX_REPEALED 4

/* A decision and the documents it repeals, by index into the item array (stable until the
 * final sort). */
struct repeal {
    size_t decision;
    size_t target[MAX_REPEALED];
    int n;
};

/* Picks what each decision repeals and adds the decision items; their text is written
 * after numbering (render_repeals), because it cites the repealed documents' 文号. */
static void plan_repeals(struct items *L, struct repeal *out)
{
    struct demo_rng r;
    demo_rng_seed(&r, "repeal", 0);
    for (size_t p = 0; p < DEMO_COUNT(repeal_plans); p++) {
        const struct repeal_plan *rp = &repeal_plans[p];
        gk_date when = demo_workday_on_or_after(date_from_ymd(rp->y, rp->m, rp->d));
        /* Candidates: normative documents old enough and still in force. */
        size_t *cand = xmalloc(L->n * sizeof *cand);
        int nc = 0;
        for (size_t i = 0; i < L->n; i++)
            if (L->v[i].statutory && strcmp(L->v[i].statutory, "normative_document") == 0 &&
                L->v[i].repealed == DEMO_NO_DATE && date_year(L->v[i].written) <= rp->max_written)
                cand[nc++] = i;
        for (int i = nc - 1; i > 0; i--) {
            int j = demo_rng_int(&r, 0, i);
            size_t t = cand[i];
            cand[i] = cand[j];
            cand[j] = t;
        }
        struct repeal *rep = &out[p];
        rep->n = rp->count < nc ? rp->count : nc;
        if (rep->n > MAX_REPEALED)
            rep->n = MAX_REPEALED;
        for (int k = 0; k < rep->n; k++) {
            rep->target[k] = cand[k];
            L->v[cand[k]].repealed = when;
        }
        free(cand);
        struct item *it = item_new(L);
        it->agency = DEMO_ROOT;
        it->series = "工农政发";
        it->column = col_slug[C_WJFG];
        it->kind = "web";
        it->written = when;
        it->want_index = true;
        it->gazette_ok = true;
        item_add_pub(it, PUB_CHANNEL_WEBSITE, demo_add_workdays(when, 1));
        rep->decision = (size_t)(it - L->v);
    }
}

static void render_repeals(struct items *L, const struct repeal *reps)
{
    for (size_t p = 0; p < DEMO_COUNT(repeal_plans); p++) {
        const struct repeal *rep = &reps[p];
        char *owned[MAX_REPEALED];
        const char *titles[MAX_REPEALED];
        for (int k = 0; k < rep->n; k++) {
            const struct item *t = &L->v[rep->target[k]];
            owned[k] = xasprintf("《%s》（%s）", t->title, t->doc_no);
            titles[k] = owned[k];
        }
        struct item *it = &L->v[rep->decision];
        struct demo_text txt;
        demo_text_repeal_decision(it->written, titles, rep->n, &txt);
        item_take_text(it, &txt);
        for (int k = 0; k < rep->n; k++)
            free(owned[k]);
    }
}

/* From 2019 the government prints a quarterly gazette (工农区人民政府公报), issued in the
 * middle of the month after the quarter; it reprints the normative documents and a share of
 * the government's other documents of that quarter. */
static void add_gazette(struct items *L)
{
    for (size_t i = 0; i < L->n; i++) {
        struct item *it = &L->v[i];
        if (!it->gazette_ok || it->npub == 0 || it->pub[0].ch != PUB_CHANNEL_WEBSITE)
            continue;
        int y, m, d;
        date_to_ymd(it->pub[0].at, &y, &m, &d);
        if (y < 2019)
            continue;
        int qm = ((m - 1) / 3 + 1) * 3 + 1; /* month after the quarter */
        int qy = y;
        if (qm > 12) {
            qm -= 12;
            qy++;
        }
        gk_date issue = demo_workday_on_or_after(date_from_ymd(qy, qm, 15));
        if (issue <= DEMO_LAST_DAY)
            item_add_pub(it, PUB_CHANNEL_GAZETTE, issue);
    }
}

static int by_first_pub(const void *a, const void *b)
{
    const struct item *x = a, *y = b;
    if (x->pub[0].at != y->pub[0].at)
        return x->pub[0].at < y->pub[0].at ? -1 : 1;
    return x->seq - y->seq;
}

static void assign_ids(struct items *L)
{
    /* Ids per (year, kind) in publication order: gn-2018-wx-0001 is the year's first WeChat
     * piece. 索引号 per (agency, year) in the same order. */
    static const char *const kinds[] = {"web", "wx", "wb", "qt"};
    for (int year = DEMO_FIRST_YEAR; year <= DEMO_LAST_YEAR; year++) {
        int seq[DEMO_COUNT(kinds)] = {0};
        int *idx = xcalloc(demo_agency_count, sizeof *idx);
        for (size_t i = 0; i < L->n; i++) {
            struct item *it = &L->v[i];
            if (date_year(it->pub[0].at) != year)
                continue;
            size_t k = 0;
            while (k < DEMO_COUNT(kinds) && strcmp(kinds[k], it->kind) != 0)
                k++;
            snprintf(it->id, sizeof it->id, "gn-%d-%s-%04d", year, it->kind, ++seq[k]);
            if (it->want_index) {
                const struct demo_agency *a = demo_agency_find(it->agency);
                size_t ai = (size_t)(a - demo_agency_table);
                it->index_no = xasprintf("%s/%d-%05d", a->org_code, year, ++idx[ai]);
            }
        }
        free(idx);
    }
}

/* Written as export writes an item (DEMO_NO_DATE is NO_DATE), so the two cannot drift. */
static void emit_item(struct demo_ctx *ctx, const struct item *it)
{
    struct publication_rec pubs[MAX_PUBS];
    for (int i = 0; i < it->npub; i++)
        pubs[i] = (struct publication_rec){it->pub[i].ch, it->pub[i].at};
    char *noted = demo_attachment_note(ctx, it->id, it->title, it->body, it->npub ? date_year(it->pub[0].at) : 0);
    struct item_rec r = {.id = it->id,
                         .agency = it->agency,
                         .title = it->title,
                         .body = noted ? noted : it->body,
                         .column = it->column,
                         .index_no = it->index_no,
                         .doc_no = it->doc_no,
                         .topic = it->topic,
                         .genre = it->genre,
                         .statutory = it->statutory,
                         .written = it->written,
                         .repealed = it->repealed,
                         .pubs = pubs,
                         .npubs = (size_t)it->npub};
    json_t *rec = export_item_json(&r);
    if (it->npub == 0) /* the demo has always written the empty list */
        json_object_set_new(rec, "publications", json_array());
    demo_emit(ctx, rec);
    free(noted);
}

void demo_items(struct demo_ctx *ctx)
{
    struct items L = {0};
    for (int year = DEMO_FIRST_YEAR; year <= DEMO_LAST_YEAR; year++)
        gen_year(ctx, &L, year);
    struct repeal repeals[DEMO_COUNT(repeal_plans)];
    supersede_reissues(&L);
    plan_repeals(&L, repeals);
    number_documents(&L);
    render_repeals(&L, repeals);
    render_replacements(&L);
    place_in_columns(&L);
    add_gazette(&L);
    qsort(L.v, L.n, sizeof *L.v, by_first_pub);
    assign_ids(&L);
    for (size_t i = 0; i < L.n; i++)
        emit_item(ctx, &L.v[i]);
    for (size_t i = 0; i < L.n; i++) {
        free(L.v[i].title);
        free(L.v[i].body);
        free(L.v[i].index_no);
        free(L.v[i].doc_no);
    }
    free(L.v);
}
