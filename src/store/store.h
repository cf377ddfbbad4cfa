/* The store: the one interface to the database. store.c chooses a backend by the
 * target's scheme and dispatches every function below through that backend's table of
 * operations (store_ops.h); the SQLite backend lives in src/store/sqlite/, a PostgreSQL
 * backend will fill the same table. No SQL text appears outside the backends.
 *
 * Results (util/result.h): RES_OK; RES_FAILED on a database failure with *err set
 * (malloc'd, the caller frees); RES_REFUSED with *err saying why when the input breaks a
 * rule (the import turns that into FILE:LINE: field: reason); RES_NOT_FOUND where a
 * lookup can miss. A stream's callback returning non-zero stops it, and that value is
 * returned. */
#ifndef GK_STORE_H
#define GK_STORE_H
#include "domain/figures.h"
#include "model/records.h"
#include "util/result.h"
#include <stdbool.h>

typedef struct store store_t;

/* Opens TARGET: a postgresql:// URL is refused until that backend exists; anything else
 * is a SQLite file path.
 * The schema is not touched: call store_migrate() (gongkai init) for that. */
res_t store_open(const char *target, store_t **out, char **err);
void store_close(store_t *s);
/* Creates or upgrades the schema to the current version; idempotent. */
res_t store_migrate(store_t *s, char **err);
/* 0 for an empty database; the caller refuses to work on an old schema. */
int store_schema_version(store_t *s);
int store_schema_current(void);

res_t store_begin(store_t *s, char **err);
res_t store_commit(store_t *s, char **err);
void store_rollback(store_t *s);

/* ---- writes (import) ---- */
/* Inside a transaction, around many writes: the search index of the items written in
 * between is built in one pass by store_bulk_end (much faster than row by row). Call
 * store_bulk_end before committing; a rollback undoes both. */
res_t store_bulk_begin(store_t *s, char **err);
res_t store_bulk_end(store_t *s, char **err);
res_t store_put_agency(store_t *s, const struct agency_rec *r, char **err);
/* Resolves parent codes into the tree after agency writes: exactly one root, no cycle,
 * every parent known. On refusal returns 1 and names the offending agency code in *bad_code. */
res_t store_finish_agencies(store_t *s, char **bad_code, char **err);
res_t store_put_item(store_t *s, const struct item_rec *r, char **err);
res_t store_put_application(store_t *s, const struct application_rec *r, char **err);
res_t store_put_case(store_t *s, const struct case_rec *r, char **err);
res_t store_put_visit(store_t *s, const struct visit_rec *r, char **err);
res_t store_put_tally(store_t *s, const struct tally_rec *r, char **err);
res_t store_put_narrative(store_t *s, const struct narrative_rec *r, char **err);

/* ---- agencies ---- */
struct agency {
    long long id, parent_id;
    char code[128];
    char *name, *kind, *short_name, *parent_code, *path;
    char *address, *office_hours, *phone, *fax, *email, *website, *postcode;
    int depth;
    char *index_pattern; /* 索引号 pattern of the editorial workflow, or NULL (the default) */
};
void agency_clear(struct agency *a);
/* RES_OK found, RES_NOT_FOUND, RES_FAILED. code NULL = the root agency. */
res_t store_get_agency(store_t *s, const char *code, struct agency *out, char **err);
/* Calls fn for every agency in tree order (parents before children). */
res_t store_each_agency(store_t *s, int (*fn)(const struct agency *a, void *ud), void *ud, char **err);

/* ---- items: one query, one row ----
 * Every list of items (the 目录, an agency's page, feeds, the sitemap, the API, search
 * filters) asks with an item_query. Only public items are found: first published on or
 * before TODAY, so a scheduled item shows up everywhere on the same day and a
 * never-published one nowhere. What "year", "agency" and "column" mean is spelled out in
 * the query, never implied by the function. */
enum year_basis {
    YEAR_NONE = 0,  /* no year condition (year must be 0) */
    YEAR_WRITTEN,   /* the year of 成文日期, or of the first publication for items without one (目录) */
    YEAR_PUBLISHED, /* the year of the first publication (search, feeds, API) */
};
enum item_validity { VALIDITY_ANY, VALIDITY_VALID, VALIDITY_REPEALED }; /* 有效 / 废止 as of TODAY */

struct item_query {
    const char *today;           /* YYYY-MM-DD, required (NULL: nothing is public) */
    const char *agency;          /* agency code; NULL = every agency (an unknown code: RES_REFUSED) */
    bool agency_subtree;         /* the agency and every agency below it; false: that agency alone */
    const char *column;          /* column slug; NULL = every column */
    bool column_subtree;         /* the column and its sub-columns ("a", "a/…"); false: exactly that slug */
    int year;                    /* 0 = every year */
    enum year_basis year_basis;  /* required with a year */
    const char *statutory;       /* "rule", "normative_document", "any" (either); NULL = all */
    const char *topic;           /* a topic ("综合政务/政务公开") or its first level ("综合政务"); NULL = all */
    const char *genre;           /* NULL = all */
    enum item_validity validity;
};

/* One item in a list. Strings are borrowed: valid only during the callback. */
struct item_row {
    long long id;
    const char *ext_id, *title, *summary, *index_no, *doc_no, *topic, *genre, *statutory; /* NULL when absent */
    const char *body; /* NULL unless asked for (with_body) or absent */
    const char *written, *published, *repealed; /* YYYY-MM-DD or NULL; published = first publication */
    const char *updated_at;                     /* 'YYYY-MM-DD HH:MM:SS', UTC */
    const char *column_slug, *agency_code, *agency_name;
};
typedef int (*item_row_fn)(const struct item_row *r, void *ud);

/* Items matching Q, newest first publication first (then by id), skipping OFFSET, at most
 * LIMIT (1..1000). A non-zero return of FN stops the walk and is returned. */
res_t store_items(store_t *s, const struct item_query *q, long long offset, int limit, bool with_body,
                  item_row_fn fn, void *ud, char **err);
/* How many items match Q. */
res_t store_items_count(store_t *s, const struct item_query *q, long long *n, char **err);

/* ---- export ---- */
struct export_filter {
    const char *agency_path; /* subtree prefix, or NULL for all */
    int year;                /* 0 for all years */
};
/* Each function streams records of one type to fn, in a stable order. */
res_t store_each_item(store_t *s, const struct export_filter *f,
                    int (*fn)(const struct item_rec *r, void *ud), void *ud, char **err);
res_t store_each_application(store_t *s, const struct export_filter *f,
                           int (*fn)(const struct application_rec *r, void *ud), void *ud, char **err);
res_t store_each_case(store_t *s, const struct export_filter *f,
                    int (*fn)(const struct case_rec *r, void *ud), void *ud, char **err);
res_t store_each_visit(store_t *s, const struct export_filter *f,
                     int (*fn)(const struct visit_rec *r, void *ud), void *ud, char **err);
res_t store_each_tally(store_t *s, const struct export_filter *f,
                     int (*fn)(const struct tally_rec *r, void *ud), void *ud, char **err);
res_t store_each_narrative(store_t *s, const struct export_filter *f,
                         int (*fn)(const struct narrative_rec *r, void *ud), void *ud, char **err);

/* ---- the annual report ---- */
/* Fills every figure for (agency, year); tree = the agency and all below it. */
res_t store_report_figures(store_t *s, const struct agency *a, bool tree, int year,
                         struct report_figures *out, char **err);
/* The narrative text of one section for the agency itself (never summed over the tree);
 * NULL when there is none. The caller frees it. */
char *store_get_narrative(store_t *s, long long agency_id, int year, enum narrative_section sec, char **err);

/* ---- applications ---- */
/* RES_OK found (fills r; free with application_rec_free), RES_NOT_FOUND, RES_FAILED. */
res_t store_get_application(store_t *s, const char *ext_id, struct application_rec *r, char **err);
void application_rec_free(struct application_rec *r);

#endif
