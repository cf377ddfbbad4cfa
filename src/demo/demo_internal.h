/* Shared machinery of the demo generator (src/demo only): the deterministic random
 * stream, working days on the platform's calendar, the data files of assets/demo, record
 * output, the agency table and the texts. Nothing outside src/demo includes this (but
 * test_demo, for demo_template_check). */
#ifndef GK_DEMO_INTERNAL_H
#define GK_DEMO_INTERNAL_H
#include "util/date.h"
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Every date of the data set lies in [DEMO_FIRST_DAY, DEMO_LAST_DAY]. */
#define DEMO_FIRST_YEAR 2017
#define DEMO_LAST_YEAR 2024
#define DEMO_FIRST_DAY date_from_ymd(2017, 6, 1)
#define DEMO_LAST_DAY date_from_ymd(2024, 12, 31)
#define DEMO_NO_DATE INT32_MIN

#define DEMO_ROOT "gongnong"
#define DEMO_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- random stream (demo.c) ----
 * splitmix64, seeded from a stream name and a year: each part of the data set draws from
 * its own stream, so adding records to one year or one record type never reshuffles the
 * others (the 2018 figures stay put while other years grow). */
struct demo_rng {
    uint64_t state;
};

void demo_rng_seed(struct demo_rng *r, const char *stream, int year);
uint64_t demo_rng_next(struct demo_rng *r);
/* Uniform in [lo, hi] (inclusive); lo when hi < lo. */
int demo_rng_int(struct demo_rng *r, int lo, int hi);
/* True with probability percent/100. */
bool demo_rng_chance(struct demo_rng *r, int percent);
/* Index drawn with the given non-negative weights (at least one positive). */
int demo_rng_weighted(struct demo_rng *r, const int *weights, int n);
/* Fisher–Yates shuffle of n ints. */
void demo_rng_shuffle(struct demo_rng *r, int *a, int n);
#define DEMO_PICK(r, arr) ((arr)[demo_rng_int((r), 0, (int)DEMO_COUNT(arr) - 1)])

/* ---- working days (demo.c), on the platform's calendar (domain/calendar.h) ----
 * Every demo date lies inside the embedded holiday data; one outside it stops the program
 * (a generator bug). */
bool demo_is_workday(gk_date d);
/* The date N working days after D (D itself not counted); D when n <= 0. */
gk_date demo_add_workdays(gk_date d, int n);
/* The first working day on or after D. */
gk_date demo_workday_on_or_after(gk_date d);
/* A working day drawn uniformly from [from, to]; `from` moved forward when none. */
gk_date demo_random_workday(struct demo_rng *r, gk_date from, gk_date to);
/* Working days in (a, b]; 0 when b <= a. */
int demo_workdays_between(gk_date a, gk_date b);

/* ---- the curated facts (demo.c): embedded files under assets/demo/ ----
 * `NAME.json` files hold facts and vocabularies, `NAME.mustache` files the title and body
 * templates, rendered with the platform's Mustache engine. Each run parses them once
 * (demo_data_open … demo_data_close); a missing or malformed file stops the program with
 * its name (a build defect, like a broken embedded calendar). */
void demo_data_open(void);
void demo_data_close(void);
/* The parsed assets/demo/NAME (e.g. "agencies.json"), borrowed until demo_data_close. */
json_t *demo_data(const char *name);
/* demo_data(FILE)[KEY], which must exist. */
json_t *demo_data_get(const char *file, const char *key);
/* OBJ[KEY] as a string: required (stops when missing) / optional (NULL). */
const char *demo_str(const json_t *obj, const char *key);
const char *demo_str_opt(const json_t *obj, const char *key);
/* A string drawn uniformly from the JSON array ARR (one draw of the stream). */
const char *demo_pick_str(struct demo_rng *r, const json_t *arr);
/* Renders assets/demo/NAME.mustache against CTX; demo_render_text renders template text
 * held in a data file. Every name the template uses must be a key of CTX: an unknown name
 * stops the program instead of rendering as nothing. Heap string. */
char *demo_render(const char *name, const json_t *ctx);
char *demo_render_text(const char *src, const json_t *ctx);
/* 0 when every name SRC uses is a key of CTX; else -1 with the first unknown one in BAD. */
int demo_template_check(const char *src, const json_t *ctx, char *bad, size_t badsize);

/* ---- applications remembered for the cases that refer to them ---- */
struct demo_app_ref {
    char id[20];
    const char *agency;
    const char *outcome; /* NULL while open */
    gk_date received, closed;
};

/* ---- the generator's state, passed to every section ---- */
struct demo_ctx {
    FILE *out;
    bool failed; /* a write failed; later output is skipped */
    struct demo_app_ref *apps;
    size_t napps, capapps;
    struct demo_attachment_ref *atts; /* items that say 详见附件 (demo_attachments.c) */
    size_t natts, capatts;
};

/* Writes REC as one compact line and releases it. */
void demo_emit(struct demo_ctx *ctx, json_t *rec);
/* Sets KEY to "YYYY-MM-DD". */
void demo_set_date(json_t *obj, const char *key, gk_date d);
/* An amount in yuan as a JSON number (1100 yuan → 1100.0): whole yuan, as every demo fee is. */
json_t *demo_yuan(long yuan);

/* ---- attachments (demo_attachments.c; issue 8 item 4) ---- */
struct demo_attachment_ref {
    char item[40];
    char *doc; /* the document's name, from the 《》 of the title */
};
/* For an item about to be written: when it is one that carries its document as an
 * attachment (an "印发《…》的通知" of the last two years), remembers it and returns its body
 * with the line that points to the attachment (heap); else NULL. */
char *demo_attachment_note(struct demo_ctx *ctx, const char *item_id, const char *title, const char *body, int year);
/* Writes the attachment records of the remembered items (a small valid PDF each) and
 * releases the list. */
void demo_attachments(struct demo_ctx *ctx);

/* The sections, in output order. */
void demo_agencies(struct demo_ctx *ctx);
void demo_items(struct demo_ctx *ctx);
/* service guides (demo_guides.c): the 办理流程清单 items, after the other items; the guide
 * records, after everything else */
void demo_guide_items(struct demo_ctx *ctx);
void demo_guides(struct demo_ctx *ctx);
/* messages (互动交流, issue 10): demo_messages.c */
void demo_messages(struct demo_ctx *ctx);
void demo_applications(struct demo_ctx *ctx);
void demo_reviews(struct demo_ctx *ctx);
void demo_visits(struct demo_ctx *ctx);
void demo_tallies(struct demo_ctx *ctx);
void demo_narratives(struct demo_ctx *ctx);

/* ---- agencies (demo_agencies.c, assets/demo/agencies.json) ---- */
struct demo_agency {
    const char *code;
    const char *name;       /* 机关名称 */
    const char *short_name; /* as written in news titles: 区财政局, 红军街道 */
    const char *parent;
    const char *kind;
    const char *org_code; /* fictional unit code, the first part of 索引号 */
    const char *duties;   /* one paragraph for the 组织机构 column */
    const char *phone, *fax, *address; /* the contact details of its record, cited by its texts */
    const char *doc_series;       /* 文号 prefix of its documents (发) */
    const char *normative_series; /* of its normative documents (规), NULL if it issues none */
    const json_t *record;         /* the data file's entry */
};
/* Loaded by demo_data_open, parents first; valid until demo_data_close. */
extern const struct demo_agency *demo_agency_table;
extern size_t demo_agency_count;
void demo_agencies_load(void);
void demo_agencies_free(void);
const struct demo_agency *demo_agency_find(const char *code);
/* demo_agency_find that stops the program when the code is unknown (a data defect). */
const struct demo_agency *demo_agency(const char *code);

/* ---- text (demo_text.c) ----
 * Titles and bodies are rendered from assets/demo (vocabulary.json, texts.json,
 * templates/); no names of real people appear. Every function returns heap strings the
 * caller frees; topic, genre, agency, series and name are borrowed from the data files. */
struct demo_text {
    char *title;
    char *body;         /* Markdown */
    const char *topic;  /* 主题分类 */
    const char *genre;  /* 体裁分类 */
    const char *agency; /* 发布机构 the text was written for (column and document texts) */
    const char *series; /* 文号 prefix of a document, e.g. 工农政规; the caller numbers it */
    const char *name;   /* a normative document: its name (a re-issue has the same name) */
    bool opinion;       /* a normative document written as 意见 rather than 办法/规定 */
};
void demo_text_free(struct demo_text *t);

/* A WeChat news piece (工作动态 / 时事要闻 / 理论学习) dated D. MEETING asks for the report
 * of a government executive meeting (常务会议), numbered through the year by *MEETING_SEQ. */
void demo_text_news(struct demo_rng *r, gk_date d, bool meeting, int *meeting_seq, struct demo_text *t);
/* A short notice fit for Weibo (停水、交通、天气). */
void demo_text_weibo(struct demo_rng *r, gk_date d, struct demo_text *t);
/* A website item of COLUMN published on D. A is the agency for columns written per agency
 * (组织机构, 指南, 制度, 法定主动公开内容), else NULL and the column picks its own; the
 * choice is returned in t->agency. `n` numbers series (大事记: the month chronicled; 第N批).
 * The caller retries on a duplicate title. */
void demo_text_column(struct demo_rng *r, const char *column, gk_date d, const struct demo_agency *a,
                      int n, struct demo_text *t);
/* A normative document (行政规范性文件) or an ordinary document (通知) written on WRITTEN.
 * ISSUER_CODE NULL lets the vocabulary choose; t->series is its 文号 prefix. */
void demo_text_document(struct demo_rng *r, gk_date written, bool normative, const char *issuer_code,
                        struct demo_text *t);
/* The sentence a re-issued normative document of GENRE (办法, 规定, 意见) ends with: the
 * version it replaces, CITED (in 《》) with its 文号 DOC_NO, is repealed. Heap string. */
char *demo_text_replaces(const char *genre, const char *cited, const char *doc_no);
/* The government's decision repealing the N normative documents titled TITLES. */
void demo_text_repeal_decision(gk_date written, const char *const *titles, int n, struct demo_text *t);
/* 政府工作报告 of YEAR (delivered early in YEAR). */
void demo_text_work_report(int year, struct demo_text *t);
/* The yearly 惠民政策明白纸 (printed, posted on community notice boards). */
void demo_text_leaflet(int year, struct demo_text *t);
/* The annual OGI report of AGENCY for YEAR, as published in the 年报 column. */
void demo_text_annual_report(int year, const struct demo_agency *a, struct demo_text *t);

/* The 2018 report text of the seed, for the 年报 item and the narratives (demo_narratives.c). */
char *demo_seed_report_markdown(void);

/* Chinese date "2018年3月12日" into a heap string. */
char *demo_date_cn(gk_date d);

#endif
