/* Applications for disclosure (依申请公开) with their handling history (contracts §6).
 *
 * Each application is planned as a story — receipt, perhaps a correction request, a
 * consultation, a fee notice, an extension — ending in a reply or another closing event.
 * Replies are placed against the due date computed exactly as §6 defines it (15 working
 * days from the start before 2019-05-15, 20 from then on, pauses not counted, plus the
 * extension), on the embedded holiday
 * calendar, so the platform shows them on time; a few later years hold a late reply, as
 * real offices do.
 *
 * 2018 reproduces the seed: 33 applications received and closed in 2018, all disclosed,
 * none carried in from 2017 (every 2017 application closes in 2017) and none carried
 * forward. Stories that would cross a year end are re-planned plainly in those two years.
 * Nothing is dated after 2024-12-31: a story running past it is cut there and the
 * application stays open, as it would be in a database on that day. */
#include "demo/demo_internal.h"
#include "domain/deadline.h"
#include "domain/taxonomy.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

#define MAX_EV 10

struct ev {
    enum event_kind kind;
    gk_date date;
    const char *outcome; /* replied */
    const char *letter;  /* replied, optional */
    const char *items;   /* correction_requested */
    const char *party;   /* consultation_started */
    int days;            /* extended */
    const char *reason;  /* extended */
    long yuan;           /* fee_notice, fee_paid */
    const char *basis;   /* fee_notice */
};

struct app {
    char id[20];
    const char *agency;
    enum applicant_type applicant;
    enum app_channel channel;
    gk_date received;
    struct ev ev[MAX_EV];
    int nev;
};

struct story {
    bool correction, consult, extend, fee, late, cross;
};

/* ---- the due date of contracts §6, by the platform's own clock (domain/deadline.h) ---- */

/* The due date of A's events so far, or DEMO_NO_DATE while a correction is awaited or a
 * pause is open (the contract's `due: null`). */
static gk_date due_date(const struct app *a)
{
    struct app_event ev[MAX_EV];
    for (int i = 0; i < a->nev; i++) {
        const struct ev *e = &a->ev[i];
        ev[i] = (struct app_event){.kind = e->kind, .date = e->date, .days = e->days, .outcome = e->outcome,
                                   .party = e->party, .fen = (long long)e->yuan * 100, .basis = e->basis,
                                   .items = e->items, .reason = e->reason, .letter = e->letter};
    }
    struct app_clock clk;
    char *err = NULL;
    if (deadline_compute(calendar_default(), a->received, ev, (size_t)a->nev, a->received, &clk, &err) != 0) {
        /* The generator planned a history the platform refuses: a bug, never data. */
        fprintf(stderr, "gongkai: demo: application %s: %s\n", a->id, err);
        abort();
    }
    return clk.due_known ? clk.due : DEMO_NO_DATE;
}

/* ---- vocabularies of the events (assets/demo/applications.json) ---- */

static json_t *apps_data(const char *key)
{
    return demo_data_get("applications.json", key);
}

/* The reply letter of OUTCOME, or NULL when the data gives none. */
static const char *letter_for(const char *outcome)
{
    return json_string_value(json_object_get(apps_data("letters"), outcome));
}

/* ---- planning ---- */

static struct ev *push(struct app *a, enum event_kind kind, gk_date d)
{
    if (a->nev >= MAX_EV)
        abort(); /* a story longer than any planned: a generator bug */
    struct ev *e = &a->ev[a->nev++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->date = d;
    return e;
}

/* 信息处理费 of 国办函〔2020〕109号: per item above 10 a month (100 yuan each up to 30), or
 * per page above 30 (10 yuan up to 100 pages, 20 yuan up to 200). */
static long fee_amount(struct demo_rng *r, const char **basis)
{
    if (demo_rng_chance(r, 50)) {
        *basis = "per_item";
        int items = demo_rng_int(r, 11, 25);
        return (long)(items - 10) * 100;
    }
    *basis = "per_page";
    static const int pages[] = {45, 60, 80, 100, 120, 150};
    int p = DEMO_PICK(r, pages);
    long fee = 10L * ((p > 100 ? 100 : p) - 30);
    if (p > 100)
        fee += 20L * (p - 100);
    return fee;
}

static void plan_story(struct demo_rng *r, struct app *a, const char *outcome,
                       const struct story *s, int reply_max)
{
    a->nev = 0;
    gk_date last = a->received;
    bool corr = s->correction || strcmp(outcome, "unavailable_unclear_after_correction") == 0 ||
                strcmp(outcome, "other_no_correction") == 0;
    if (corr) {
        /* Art. 30: the correction notice goes out within 7 working days of receipt. */
        struct ev *e = push(a, EV_CORRECTION_REQUESTED, demo_add_workdays(last, demo_rng_int(r, 1, 5)));
        e->items = demo_pick_str(r, apps_data("correction_items"));
        last = e->date;
        if (strcmp(outcome, "other_no_correction") == 0) {
            /* The notice gave 15 working days; nothing came. */
            push(a, EV_CORRECTION_LAPSED, demo_add_workdays(last, demo_rng_int(r, 16, 20)));
            return;
        }
        last = push(a, EV_CORRECTION_RECEIVED, demo_add_workdays(last, demo_rng_int(r, 2, 9)))->date;
    }
    if (strcmp(outcome, "other") == 0) {
        push(a, EV_WITHDRAWN, demo_add_workdays(last, demo_rng_int(r, 2, 8)));
        return;
    }
    if (s->consult || strcmp(outcome, "withheld_third_party") == 0) {
        struct ev *e = push(a, EV_CONSULTATION_STARTED, demo_add_workdays(last, demo_rng_int(r, 2, 5)));
        e->party = strcmp(outcome, "withheld_third_party") == 0 || demo_rng_chance(r, 60) ? "third_party" : "agency";
        /* Art. 32/34: the consulted party answers within 15 working days. */
        last = push(a, EV_CONSULTATION_ENDED, demo_add_workdays(e->date, demo_rng_int(r, 5, 15)))->date;
    }
    if (s->fee || strcmp(outcome, "other_fee_unpaid") == 0) {
        struct ev *e = push(a, EV_FEE_NOTICE, demo_add_workdays(last, demo_rng_int(r, 2, 6)));
        e->yuan = fee_amount(r, &e->basis);
        long yuan = e->yuan;
        last = e->date;
        if (strcmp(outcome, "other_fee_unpaid") == 0) {
            /* Payment is due within 20 working days of the day after the notice. */
            push(a, EV_FEE_LAPSED, demo_add_workdays(last, demo_rng_int(r, 21, 24)));
            return;
        }
        struct ev *p = push(a, EV_FEE_PAID, demo_add_workdays(last, demo_rng_int(r, 2, 12)));
        p->yuan = yuan;
        last = p->date;
    }
    gk_date due = due_date(a), reply;
    if (s->extend) {
        /* The extension is decided when the office sees it cannot finish: a few working days
         * before the period runs out, and after the last step so far. */
        gk_date when = due;
        for (int k = demo_rng_int(r, 2, 6); k > 0 && when > last; k--) {
            when--;
            while (!demo_is_workday(when))
                when--;
        }
        if (when <= last)
            when = demo_add_workdays(last, 1);
        struct ev *e = push(a, EV_EXTENDED, when);
        e->days = DEMO_PICK(r, ((const int[]){10, 15, 20}));
        /* The 2007 Regulation allowed at most 15 (before 2019-05-15). */
        if (e->days > deadline_regulation(a->received)->max_extension)
            e->days = deadline_regulation(a->received)->max_extension;
        e->reason = demo_pick_str(r, apps_data("extension_reasons"));
        gk_date new_due = due_date(a);
        reply = demo_add_workdays(due, demo_rng_int(r, 1, e->days));
        if (reply > new_due)
            reply = new_due;
        last = when;
    } else if (s->cross) {
        /* Received in late December, answered in January. */
        gk_date eoy = date_from_ymd(date_year(a->received), 12, 31);
        reply = demo_add_workdays(last > eoy ? last : eoy, demo_rng_int(r, 1, 4));
        if (reply > due)
            reply = due;
    } else if (s->late) {
        reply = demo_add_workdays(due, demo_rng_int(r, 2, 6));
    } else {
        int room = demo_workdays_between(last, due);
        int k = demo_rng_int(r, 1, room < reply_max ? room : reply_max);
        reply = room > 0 ? demo_add_workdays(last, k) : due;
    }
    if (reply < last)
        reply = last;
    struct ev *e = push(a, EV_REPLIED, reply);
    e->outcome = outcome;
    if (demo_rng_chance(r, 60))
        e->letter = letter_for(outcome);
}

/* The closing event of A (the one that ends handling), or NULL while open. */
static const struct ev *closing(const struct app *a)
{
    for (int i = 0; i < a->nev; i++) {
        enum event_kind k = a->ev[i].kind;
        if (k == EV_REPLIED || k == EV_WITHDRAWN || k == EV_FEE_LAPSED || k == EV_CORRECTION_LAPSED)
            return &a->ev[i];
    }
    return NULL;
}

static const char *closing_outcome(const struct ev *e)
{
    return e->kind == EV_REPLIED ? e->outcome : event_implied_outcome(e->kind);
}

/* ---- the years ---- */

struct app_year {
    int year;
    int count;
    int cross; /* received in late December, closed (or still open) after the year end */
};

static const struct app_year app_years[] = {
    {2017, 10, 0}, {2018, 33, 0}, {2019, 26, 2}, {2020, 34, 2},
    {2021, 45, 3}, {2022, 57, 2}, {2023, 66, 3}, {2024, 74, 4},
};

/* Who files: natural persons mostly (as in every real report), then firms and law firms. */
static const int applicant_weights[APPLICANT_COUNT] = {70, 10, 3, 3, 8, 6};
static const int channel_weights[APP_CHANNEL_COUNT] = {30, 15, 40, 3, 8, 4};

/* Weights of a JSON list of {CODE_KEY, "weight", "from"?} entries for YEAR, into W (n entries). */
static int weights(const json_t *list, int year, int *w, int max)
{
    int n = 0;
    size_t i;
    json_t *e;
    json_array_foreach(list, i, e) {
        if (n == max)
            break;
        int from = (int)json_integer_value(json_object_get(e, "from"));
        w[n++] = year >= from ? (int)json_integer_value(json_object_get(e, "weight")) : 0;
    }
    return n;
}

/* Drawn by weight: which agency receives an application (the departments closest to
 * people's lives most often), which outcome it gets. */
static const char *pick_weighted(struct demo_rng *r, const char *list_key, const char *code_key, int year)
{
    json_t *list = apps_data(list_key);
    int w[64];
    int n = weights(list, year, w, 64);
    return demo_str(json_array_get(list, (size_t)demo_rng_weighted(r, w, n)), code_key);
}

static bool is_disclosure(const char *outcome)
{
    return strcmp(outcome, "disclosed") == 0 || strcmp(outcome, "partially_disclosed") == 0;
}

static int by_date(const void *a, const void *b)
{
    gk_date x = *(const gk_date *)a, y = *(const gk_date *)b;
    return (x > y) - (x < y);
}

static void gen_year(const struct app_year *ay, struct app *out)
{
    struct demo_rng r;
    demo_rng_seed(&r, "applications", ay->year);
    int n = ay->count, y = ay->year;
    bool seed_year = y <= 2018; /* nothing may cross into or out of 2018 */

    /* Receipt dates, in order; the ids follow them. */
    gk_date *when = xmalloc((size_t)n * sizeof *when);
    gk_date from = y == 2017 ? date_from_ymd(2017, 6, 5) : date_from_ymd(y, 1, 2);
    gk_date to = seed_year ? date_from_ymd(y, 11, 23) : date_from_ymd(y, 12, 10);
    for (int i = 0; i < n - ay->cross; i++)
        when[i] = demo_random_workday(&r, from, to);
    for (int i = n - ay->cross; i < n; i++)
        when[i] = demo_random_workday(&r, date_from_ymd(y, 12, 16), date_from_ymd(y, 12, 27));
    qsort(when, (size_t)n, sizeof *when, by_date);

    /* Who, how and to whom. 2018 follows a fixed mix (26 persons, 4 firms …) so that its
     * legacy report reads like a real one; later years draw, then make sure every applicant
     * type and every channel shows up in the year's table. */
    int *types = xmalloc((size_t)n * sizeof *types), *chans = xmalloc((size_t)n * sizeof *chans);
    if (y == 2018) {
        static const int t2018[APPLICANT_COUNT] = {26, 4, 1, 0, 1, 1};
        static const int c2018[APP_CHANNEL_COUNT] = {13, 6, 8, 2, 3, 1};
        int k = 0, m = 0;
        for (int t = 0; t < APPLICANT_COUNT; t++)
            for (int j = 0; j < t2018[t]; j++)
                types[k++] = t;
        for (int c = 0; c < APP_CHANNEL_COUNT; c++)
            for (int j = 0; j < c2018[c]; j++)
                chans[m++] = c;
        demo_rng_shuffle(&r, types, n);
        demo_rng_shuffle(&r, chans, n);
    } else {
        for (int i = 0; i < n; i++) {
            types[i] = demo_rng_weighted(&r, applicant_weights, APPLICANT_COUNT);
            chans[i] = demo_rng_weighted(&r, channel_weights, APP_CHANNEL_COUNT);
        }
        if (y >= 2019) {
            for (int t = 0; t < APPLICANT_COUNT && n >= 2 * APPLICANT_COUNT; t++) {
                bool seen = false;
                for (int i = 0; i < n; i++)
                    seen |= types[i] == t;
                if (!seen)
                    types[(t * 7 + 3) % n] = t; /* a fixed, spread-out slot */
            }
            for (int c = 0; c < APP_CHANNEL_COUNT && n >= 2 * APP_CHANNEL_COUNT; c++) {
                bool seen = false;
                for (int i = 0; i < n; i++)
                    seen |= chans[i] == c;
                if (!seen)
                    chans[(c * 5 + 1) % n] = c;
            }
        }
    }

    for (int i = 0; i < n; i++) {
        struct app *a = &out[i];
        memset(a, 0, sizeof *a);
        snprintf(a->id, sizeof a->id, "GN-%d-%04d", y, i + 1);
        a->agency = pick_weighted(&r, "receivers", "agency", y);
        a->applicant = (enum applicant_type)types[i];
        a->channel = (enum app_channel)chans[i];
        a->received = when[i];

        const char *outcome;
        if (y == 2018)
            outcome = demo_rng_chance(&r, 15) ? "disclosed_already_public" : "disclosed";
        else if (y == 2017)
            outcome = DEMO_PICK(&r, ((const char *const[]){"disclosed", "disclosed", "disclosed", "partially_disclosed",
                                                           "unavailable_not_held", "unavailable_not_this_agency"}));
        else
            outcome = pick_weighted(&r, "outcomes", "outcome", y);

        struct story s = {0};
        s.correction = demo_rng_chance(&r, 10);
        s.consult = demo_rng_chance(&r, 6);
        s.extend = demo_rng_chance(&r, 10);
        s.fee = y >= 2021 && is_disclosure(outcome) && demo_rng_chance(&r, 15);
        s.late = !seed_year && demo_rng_chance(&r, 3);
        s.cross = i >= n - ay->cross;
        if (s.cross)
            s.extend = s.late = false;
        /* Under the 2007 Regulation replies were due in 15 working days; offices kept to it. */
        int reply_max = seed_year ? 12 : 16;
        plan_story(&r, a, outcome, &s, reply_max);
        if (seed_year) {
            const struct ev *c = closing(a);
            if (!c || date_year(c->date) != y || c->date > date_from_ymd(y, 12, 28)) {
                struct story plain = {0};
                plan_story(&r, a, outcome, &plain, reply_max);
            }
        }
    }
    free(types);
    free(chans);
    free(when);
}

/* ---- output ---- */

static void emit_app(struct demo_ctx *ctx, const struct app *a)
{
    const struct ev *c = closing(a);
    json_t *rec = json_object();
    json_object_set_new(rec, "type", json_string("application"));
    json_object_set_new(rec, "id", json_string(a->id));
    json_object_set_new(rec, "agency", json_string(a->agency));
    json_object_set_new(rec, "applicant_type", json_string(applicant_types[a->applicant].code));
    json_object_set_new(rec, "channel", json_string(app_channels[a->channel].code));
    demo_set_date(rec, "received", a->received);
    if (c) {
        demo_set_date(rec, "closed", c->date);
        json_object_set_new(rec, "outcome", json_string(closing_outcome(c)));
    }
    long notice = 0, paid = 0;
    bool extended = false;
    for (int i = 0; i < a->nev; i++) {
        if (a->ev[i].kind == EV_FEE_NOTICE)
            notice = a->ev[i].yuan;
        else if (a->ev[i].kind == EV_FEE_PAID)
            paid = a->ev[i].yuan;
        else if (a->ev[i].kind == EV_EXTENDED)
            extended = true;
    }
    if (extended)
        json_object_set_new(rec, "extended", json_true());
    if (notice)
        json_object_set_new(rec, "fee_notice_yuan", demo_yuan(notice));
    if (paid)
        json_object_set_new(rec, "fee_paid_yuan", demo_yuan(paid));
    json_t *evs = json_array();
    for (int i = 0; i < a->nev; i++) {
        const struct ev *e = &a->ev[i];
        json_t *o = json_object();
        json_object_set_new(o, "kind", json_string(event_kinds[e->kind].code));
        demo_set_date(o, "date", e->date);
        switch (e->kind) {
        case EV_CORRECTION_REQUESTED: json_object_set_new(o, "items", json_string(e->items)); break;
        case EV_CONSULTATION_STARTED: json_object_set_new(o, "party", json_string(e->party)); break;
        case EV_EXTENDED:
            json_object_set_new(o, "days", json_integer(e->days));
            json_object_set_new(o, "reason", json_string(e->reason));
            break;
        case EV_FEE_NOTICE:
            json_object_set_new(o, "yuan", demo_yuan(e->yuan));
            json_object_set_new(o, "basis", json_string(e->basis));
            break;
        case EV_FEE_PAID: json_object_set_new(o, "yuan", demo_yuan(e->yuan)); break;
        case EV_REPLIED:
            json_object_set_new(o, "outcome", json_string(e->outcome));
            if (e->letter)
                json_object_set_new(o, "letter", json_string(e->letter));
            break;
        default: break;
        }
        json_array_append_new(evs, o);
    }
    json_object_set_new(rec, "events", evs);
    demo_emit(ctx, rec);
}

static void remember(struct demo_ctx *ctx, const struct app *a)
{
    if (ctx->napps == ctx->capapps) {
        ctx->capapps = ctx->capapps ? ctx->capapps * 2 : 256;
        ctx->apps = xrealloc(ctx->apps, ctx->capapps * sizeof *ctx->apps);
    }
    struct demo_app_ref *ref = &ctx->apps[ctx->napps++];
    const struct ev *c = closing(a);
    snprintf(ref->id, sizeof ref->id, "%s", a->id);
    ref->agency = a->agency;
    ref->received = a->received;
    ref->outcome = c ? closing_outcome(c) : NULL;
    ref->closed = c ? c->date : DEMO_NO_DATE;
}

void demo_applications(struct demo_ctx *ctx)
{
    for (size_t y = 0; y < DEMO_COUNT(app_years); y++) {
        const struct app_year *ay = &app_years[y];
        struct app *apps = xmalloc((size_t)ay->count * sizeof *apps);
        gen_year(ay, apps);
        for (int i = 0; i < ay->count; i++) {
            struct app *a = &apps[i];
            /* The data set ends on 2024-12-31: what would happen later has not happened. */
            while (a->nev > 0 && a->ev[a->nev - 1].date > DEMO_LAST_DAY)
                a->nev--;
            emit_app(ctx, a);
            remember(ctx, a);
        }
        free(apps);
    }
}
