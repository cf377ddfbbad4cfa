/* Shared by the SQLite backend's files only: the connection struct, the statement and
 * binding helpers, and the backend's operations (registered in sqlite_ops, sqlite_ops.c;
 * callers reach them only through the store_* functions of store.c). */
#ifndef GK_SQLITE_INTERNAL_H
#define GK_SQLITE_INTERNAL_H
#include "store/store_ops.h"
#include "util/buf.h"
#include <sqlite3.h>
#include <stdbool.h>

/* Every distinct statement a connection runs (a server thread runs the portal's and the
 * workspace's): room for the features still coming. */
#define STMT_CACHE_SIZE 192

struct sqlite_store {
    struct store base; /* first: a store_t * is a struct sqlite_store * */
    sqlite3 *db;
    char *path;
    /* Prepared statements, keyed by the address of their (static) SQL text. */
    struct {
        const char *sql;
        sqlite3_stmt *stmt;
    } cache[STMT_CACHE_SIZE];
    int ncache;
    /* The last agency code resolved by a write (see agency_of in sqlite_write.c). */
    char last_agency_code[128];
    long long last_agency_id;
};

/* The SQLite connection behind a store handle of this backend. */
#define SQ(s) ((struct sqlite_store *)(s))

/* A reset, cleared statement for SQL (prepared once per connection). NULL + *err on failure. */
sqlite3_stmt *sq_stmt(store_t *s, const char *sql, char **err);
/* Resets every cached statement. A statement left on a row keeps its read snapshot
 * open, and a long-lived server connection would then never see newer commits: every
 * public read function ends with this. */
void sq_reset_all(store_t *s);
/* *err = "<what>: <sqlite message>"; returns -1. */
int sq_fail(store_t *s, const char *what, char **err);

/* Binding helpers: NULL strings and NO_DATE bind SQL NULL. */
void sq_bind_text(sqlite3_stmt *st, int i, const char *v);
void sq_bind_date(sqlite3_stmt *st, int i, gk_date d);
void sq_bind_int(sqlite3_stmt *st, int i, long long v);
void sq_bind_opt_int(sqlite3_stmt *st, int i, long long v, bool present);
/* Column helpers. */
const char *sq_col_text(sqlite3_stmt *st, int i); /* NULL for SQL NULL */
gk_date sq_col_date(sqlite3_stmt *st, int i);     /* NO_DATE for NULL */
char *sq_col_dup(sqlite3_stmt *st, int i);        /* malloc'd copy or NULL */

/* Runs one statement to completion; 0 or -1 with *err. */
int sq_exec_step(store_t *s, sqlite3_stmt *st, const char *what, char **err);
/* Looks up an agency id by code: 0 found, 1 unknown, -1 error. */
int sq_agency_id(store_t *s, const char *code, long long *id, char **err);

/* The columns sq_item_row reads, for "SELECT " SQ_ITEM_ROW_COLUMNS ", <body or NULL> FROM
 * items x JOIN agencies a ON a.id = x.agency_id ...". */
#define SQ_ITEM_ROW_COLUMNS                                                                        \
    "x.id, x.ext_id, x.title, x.summary, x.index_no, x.doc_no, x.topic, x.genre, x.written,"       \
    " x.first_published, x.repealed, x.statutory, x.column_slug, x.updated_at, a.code, a.name"
/* An item that has been issued (editorial workflow, schema 009): every imported item, and a
 * workspace item once first published (also after a withdrawal, and while a withdrawn item's
 * next revision goes round). A draft that was never
 * published is neither in the report's 规章/规范性文件 figures nor in an export. Items are
 * unaliased or aliased by their own name in the statements that use it. */
#define SQ_ITEM_ON_RECORD                                                                          \
    "NOT (first_published IS NULL AND withdrawn_on IS NULL AND state IN ('draft', 'submitted', 'returned', 'approved'))"
/* One item_row from those columns (strings borrowed from the statement's row). */
void sq_item_row(sqlite3_stmt *st, struct item_row *r);

/* Values for a statement built at run time, bound in order to ?1, ?2, ... A directory
 * query over an agency subtree repeats its conditions once per agency (up to
 * SQ_BRANCHES_MAX), hence the room; past it, `overflow` is set and nothing more is kept. */
#define SQ_BINDS_MAX 640
struct sq_binds {
    struct {
        const char *text; /* NULL: bind num */
        long long num;
    } v[SQ_BINDS_MAX];
    int n;
    bool overflow;
    char year_from[11], year_to[11], year4[12];
    long long agency_id; /* the query's agency, once resolved (agency_known) */
    bool agency_known;
};
void sq_binds_text(struct sq_binds *b, const char *t);
void sq_binds_num(struct sq_binds *b, long long n);
void sq_binds_apply(sqlite3_stmt *st, const struct sq_binds *b);
/* Appends " WHERE x.first_published <= ? AND …" for every condition of Q (items aliased
 * x) and their values. RES_REFUSED + *err for an unknown agency code or a year without
 * its basis; RES_FAILED. (sqlite_items.c) */
res_t sq_item_where(store_t *s, const struct item_query *q, buf_t *sql, struct sq_binds *b, char **err);

/* Where sq_item_conditions writes Q's conditions. */
enum sq_on {
    SQ_ON_ITEMS,         /* items x, plainly: the planner may use an index for any of them */
    SQ_ON_ITEMS_NOINDEX, /* items x, every column in an expression of the same value ("(x.genre || '')")
                          * so that the planner keeps to the range the caller chose (the live
                          * corrections) */
    SQ_ON_COUNTERS,      /* the counters c (item_counts or item_counts_column, schema 5), whose
                          * keys are never NULL: '' and 0 stand for none. Validity is left out:
                          * the caller corrects for it (sqlite_counts.c) */
};
/* Appends " AND …" for each condition of Q other than today (and other than the agency
 * unless WITH_AGENCY), written ON the given table, with their values. Results as
 * sq_item_where. (sqlite_items.c) */
res_t sq_item_conditions(store_t *s, const struct item_query *q, enum sq_on on, bool with_agency, buf_t *sql,
                         struct sq_binds *b, char **err);
/* Resolves Q's agency code into b->agency_id (once per query): RES_OK (also without an
 * agency), RES_REFUSED for an unknown code, RES_FAILED. (sqlite_items.c) */
res_t sq_query_agency(store_t *s, const struct item_query *q, struct sq_binds *b, char **err);
/* Prepares SQL and binds B: NULL + *err ("WHAT: …") on failure (or too many values). */
sqlite3_stmt *sq_prepare_binds(store_t *s, const buf_t *sql, const struct sq_binds *b, const char *what, char **err);

/* Date range of a year as bound text. */
void sq_year_bounds(int year, char from[11], char to[11]);

/* ---- the operations (see store_ops.h for what each does) ---- */
res_t sqlite_open(const char *target, store_t **out, char **err);
void sqlite_close(store_t *s);
/* Whole-file operations (sqlite_backup.c): see store_backup.h. */
bool sqlite_target_read_only(const char *target);
res_t sqlite_backup(const char *target, const char *dest, char **err);
res_t sqlite_restore(const char *target, const char *src, int *schema, char **err);
/* Opens PATH read-only: mode=ro, or immutable=1 in a folder where no -shm can be made when
 * no -wal holds pending changes; else an error naming the -wal. */
int sq_open_read_only(const char *path, sqlite3 **db, char **err);
res_t sqlite_migrate(store_t *s, char **err);
int sqlite_schema_version(store_t *s);
res_t sqlite_begin(store_t *s, char **err);
res_t sqlite_commit(store_t *s, char **err);
void sqlite_rollback(store_t *s);
res_t sqlite_bulk_begin(store_t *s, char **err);
res_t sqlite_bulk_end(store_t *s, char **err);
res_t sqlite_put_agency(store_t *s, const struct agency_rec *r, char **err);
res_t sqlite_finish_agencies(store_t *s, char **bad_code, char **err);
res_t sqlite_put_item(store_t *s, const struct item_rec *r, char **err);
res_t sqlite_put_application(store_t *s, const struct application_rec *r, char **err);
res_t sqlite_put_case(store_t *s, const struct case_rec *r, char **err);
res_t sqlite_put_visit(store_t *s, const struct visit_rec *r, char **err);
res_t sqlite_put_tally(store_t *s, const struct tally_rec *r, char **err);
res_t sqlite_put_narrative(store_t *s, const struct narrative_rec *r, char **err);
res_t sqlite_get_agency(store_t *s, const char *code, struct agency *out, char **err);
res_t sqlite_each_agency(store_t *s, int (*fn)(const struct agency *a, void *ud), void *ud, char **err);
res_t sqlite_each_item(store_t *s, const struct export_filter *f, int (*fn)(const struct item_rec *r, void *ud), void *ud, char **err);
res_t sqlite_each_application(store_t *s, const struct export_filter *f, int (*fn)(const struct application_rec *r, void *ud), void *ud, char **err);
res_t sqlite_each_case(store_t *s, const struct export_filter *f, int (*fn)(const struct case_rec *r, void *ud), void *ud, char **err);
res_t sqlite_each_visit(store_t *s, const struct export_filter *f, int (*fn)(const struct visit_rec *r, void *ud), void *ud, char **err);
res_t sqlite_each_tally(store_t *s, const struct export_filter *f, int (*fn)(const struct tally_rec *r, void *ud), void *ud, char **err);
res_t sqlite_each_narrative(store_t *s, const struct export_filter *f, int (*fn)(const struct narrative_rec *r, void *ud), void *ud, char **err);
/* report figures cache (issue 6) */
res_t sqlite_report_mark(store_t *s, const struct agency *a, bool tree, int year, struct report_mark *out, char **err);
res_t sqlite_report_rows(store_t *s, const struct agency *a, bool tree, int year, struct report_figures *counts,
                         const struct report_sink *sink, char **err);
char *sqlite_get_narrative(store_t *s, long long agency_id, int year, enum narrative_section sec, char **err);
res_t sqlite_get_application(store_t *s, const char *ext_id, struct application_rec *r, char **err);
res_t sqlite_portal_columns(store_t *s, struct portal_column **out, size_t *n, char **err);
res_t sqlite_setting_get(store_t *s, const char *key, char **value, char **err);
res_t sqlite_setting_set(store_t *s, const char *key, const char *value, char **err);
res_t sqlite_setting_unset(store_t *s, const char *key, char **err);
res_t sqlite_setting_each(store_t *s, int (*fn)(const char *key, const char *value, void *ud), void *ud, char **err);
void sqlite_portal_end_reads(store_t *s);
res_t sqlite_portal_data_version(store_t *s, long long *out, char **err);
res_t sqlite_portal_column_items(store_t *s, const char *slug, const char *today, long long offset, int limit, item_row_fn fn, void *ud, char **err);
res_t sqlite_portal_column_count(store_t *s, const char *slug, const char *today, long long *n, char **err);
res_t sqlite_portal_facets(store_t *s, int (*fn)(const char *facet, const char *value, void *ud), void *ud, char **err);
res_t sqlite_portal_column_counts(store_t *s, const char *agency_path, const char *today, int (*fn)(const char *slug, long long n, void *ud), void *ud, char **err);
res_t sqlite_portal_item(store_t *s, const char *ext_id, const char *today, struct portal_item *out, char **err);
res_t sqlite_portal_attachment(store_t *s, long long id, const char *today, char **name, char **mime, void **data, size_t *size, char **item_ext_id, char **err);
res_t sqlite_portal_report_years(store_t *s, const char *agency_path, int *years, size_t max, size_t *n, char **err);
res_t sqlite_portal_access(store_t *s, const char *agency_path, int (*fn)(const char *kind, const char *value, void *ud), void *ud, char **err);
res_t sqlite_items(store_t *s, const struct item_query *q, long long offset, int limit, bool with_body, item_row_fn fn, void *ud, char **err);
res_t sqlite_items_count(store_t *s, const struct item_query *q, long long *n, char **err);
res_t sqlite_search(store_t *s, const struct search_params *p, struct search_result *out, char **err);
res_t sqlite_feed_each_url(store_t *s, const struct item_query *q, long long offset, long long limit, int (*fn)(const char *ext_id, const char *updated_at, void *ud), void *ud, char **err);
res_t sqlite_feed_years(store_t *s, const char *today, int *first, int *last, char **err);
/* Staff accounts, sessions, login throttling (sqlite_accounts.c; store_accounts.h). */
/* A write that must be atomic in itself but may also run inside the caller's transaction:
 * sq_begin_own begins one (BEGIN IMMEDIATE) only when none is open (*OWN says so; false +
 * *err on failure); sq_end_own commits it when R is RES_OK, else rolls it back, and returns
 * the result. */
bool sq_begin_own(store_t *s, bool *own, char **err);
res_t sq_end_own(store_t *s, bool own, res_t r, char **err);
res_t sqlite_user_add(store_t *s, const char *login, const char *agency_code, unsigned roles, const char *pw_hash, long long now, long long *id, char **err);
res_t sqlite_user_get(store_t *s, const char *login, struct staff *out, char **pw_hash, char **err);
res_t sqlite_user_each(store_t *s, int (*fn)(const struct staff *u, void *ud), void *ud, char **err);
res_t sqlite_user_set_password(store_t *s, const char *login, const char *pw_hash, long long now, char **err);
res_t sqlite_user_set_disabled(store_t *s, const char *login, bool disabled, char **err);
res_t sqlite_session_create(store_t *s, const char *token_hash, long long user_id, const char *client_addr, long long now, char **err);
res_t sqlite_session_get(store_t *s, const char *token_hash, long long now, long long idle_s, long long max_s, struct staff *out, long long *created_at, char **err);
res_t sqlite_session_delete(store_t *s, const char *token_hash, char **err);
res_t sqlite_login_locked(store_t *s, const char *login, const char *addr, long long now, bool *locked, long long *until, char **err);
res_t sqlite_login_failed(store_t *s, const char *login, const char *addr, long long now, const struct login_limits *lim, bool *locked_now, char **err);
res_t sqlite_login_succeeded(store_t *s, const char *login, char **err);
res_t sqlite_form_token_use(store_t *s, const char *token_hash, long long now, long long until, char **err);
/* The audit log (sqlite_audit.c; store_audit.h). */
res_t sqlite_audit_append(store_t *s, struct audit_entry *e, char **err);
res_t sqlite_audit_each(store_t *s, const struct audit_filter *f, bool newest_first, long long offset, long long limit, int (*fn)(const struct audit_entry *e, void *ud), void *ud, char **err);
res_t sqlite_audit_count(store_t *s, const struct audit_filter *f, long long *n, char **err);
res_t sqlite_audit_head(store_t *s, long long *last_id, char **hash, char **err);
/* the statutory clock: imported holiday notices */
res_t sqlite_holidays_replace(store_t *s, const struct holiday_list *rows, const char *source, const char *imported_at, char **err);
res_t sqlite_holidays_each(store_t *s, int (*fn)(gk_date date, bool workday, const char *name, void *ud), void *ud, char **err);
res_t sqlite_holiday_years_each(store_t *s, int (*fn)(int year, const char *source, const char *imported_at, void *ud), void *ud, char **err);
/* service guides (sqlite_guides.c) */
res_t sqlite_put_guide(store_t *s, const struct guide_rec *r, char **err);
res_t sqlite_get_guide(store_t *s, const char *id, arena_t *mem, struct guide_rec *out, char **err);
res_t sqlite_each_guide(store_t *s, const struct export_filter *f, int (*fn)(const struct guide_rec *g, void *ud),
                        void *ud, char **err);
/* the editorial workflow (sqlite_workflow.c, sqlite_workflow_read.c) */
res_t sqlite_item_create(store_t *s, const struct wf_actor *a, const struct item_rec *r, const char *token, long long *id, char **err);
res_t sqlite_item_save(store_t *s, const struct wf_actor *a, long long id, int base_version, const struct item_rec *r, char **err);
res_t sqlite_item_act(store_t *s, const struct wf_actor *a, long long id, int base_version, const struct wf_request *rq, char **err);
res_t sqlite_item_work(store_t *s, long long id, struct item_work *out, char **err);
res_t sqlite_item_revisions(store_t *s, long long id, int (*fn)(const struct item_revision_row *r, void *ud), void *ud, char **err);
res_t sqlite_item_revision_text(store_t *s, long long id, int rev, char **title, char **body, char **err);
res_t sqlite_item_events(store_t *s, long long id, int (*fn)(const struct item_event_row *r, void *ud), void *ud, char **err);
res_t sqlite_item_worklist(store_t *s, const struct worklist_query *q, int (*fn)(const struct worklist_row *r, void *ud), void *ud, char **err);
res_t sqlite_item_withdrawal(store_t *s, const char *ext_id, char **title, char **on, char **note, char **err);
res_t sqlite_agency_index_pattern(store_t *s, const char *code, const char *pattern, char **err);

/* messages (sqlite_messages.c) and the forms' anti-abuse (sqlite_abuse.c) */
res_t sqlite_put_message(store_t *s, const struct message_rec *r, char **err);
res_t sqlite_message_submit(store_t *s, const struct message_rec *r, const char *once, long long once_expires, char **number, bool *replayed, char **err);
res_t sqlite_message_change(store_t *s, const struct msg_change *c, char **err);
res_t sqlite_message_get(store_t *s, const char *number, const struct msg_viewer *viewer, struct message_rec *out, char **err);
res_t sqlite_messages_each(store_t *s, const struct msg_query *q, const struct msg_viewer *viewer, long long offset, int limit, int (*fn)(const struct message_rec *m, void *ud), void *ud, char **err);
res_t sqlite_messages_count(store_t *s, const struct msg_query *q, long long *n, char **err);
res_t sqlite_messages_year_counts(store_t *s, int year, long long received[MSG_KIND_COUNT], long long published[MSG_KIND_COUNT], char **err);
res_t sqlite_message_history(store_t *s, const char *number, int (*fn)(const struct msg_event *e, void *ud), void *ud, char **err);
res_t sqlite_each_message(store_t *s, const struct export_filter *f, const struct msg_viewer *viewer, int (*fn)(const struct message_rec *m, void *ud), void *ud, char **err);
res_t sqlite_rate_hit(store_t *s, const char *key, long long window, int limit, long long older_than, bool *allowed, char **err);
res_t sqlite_nonce_use(store_t *s, const char *nonce, long long expires, long long now, char **err);
res_t sqlite_msg_words_each(store_t *s, int (*fn)(const char *word, void *ud), void *ud, char **err);
res_t sqlite_msg_word_add(store_t *s, const char *word, char **err);
res_t sqlite_msg_word_remove(store_t *s, const char *word, char **err);
res_t sqlite_msg_secret(store_t *s, const char *name, char out[CODES_HASH_HEX], char **err);
res_t sqlite_nonce_message(store_t *s, const char *nonce, char **number, char **err);
/* sitemap parts (issue 6) */
res_t sqlite_sitemap_parts(store_t *s, long long part_size, long long *parts, char **err);
res_t sqlite_sitemap_part(store_t *s, const char *today, long long part, long long part_size,
                          int (*fn)(const char *ext_id, const char *updated_at, void *ud), void *ud, char **err);

/* applications made in the workspace or on the form (sqlite_applications.c; issue 9) */
res_t sqlite_application_intake(store_t *s, const struct application_rec *r, const struct applicant *who, const char *prefix, char **id_out, char **err);
res_t sqlite_application_applicant(store_t *s, const char *ext_id, bool unmasked, struct applicant *who, char **err);
res_t sqlite_application_query_hash(store_t *s, const char *ext_id, char **hash, char **err);
res_t sqlite_form_token_put(store_t *s, const char *token_hash, long long now, char **err);
res_t sqlite_form_token_take(store_t *s, const char *token_hash, long long now, long long max_age_s, const char *application_id, int *state, char **existing, char **err);
res_t sqlite_public_attempt_add(store_t *s, const char *kind, const char *addr, long long now, char **err);
res_t sqlite_public_attempt_count(store_t *s, const char *kind, const char *addr, long long since, long long *n, char **err);
res_t sqlite_letter_put(store_t *s, const char *ext_id, long long *id, const char *kind, const char *body, const char *by, long long now, char **err);
res_t sqlite_letter_issue(store_t *s, const char *ext_id, long long id, const char *by, long long now, char **err);
res_t sqlite_letters_each(store_t *s, const char *ext_id, int (*fn)(const struct app_letter *l, void *ud), void *ud, char **err);
res_t sqlite_application_repeats(store_t *s, const char *agency, gk_date since, int min_applicants, int (*fn)(const char *subject, long long applicants, bool proposed, void *ud), void *ud, char **err);
res_t sqlite_proposal_record(store_t *s, const char *agency, const char *subject, long long applicants, const char *by, long long now, char **err);
/* Art. 44 proposal → draft item (issue 9 item 8) */
res_t sqlite_proposal_find(store_t *s, const char *agency, const char *subject, struct proposal_info *out, char **err);
res_t sqlite_item_by_token(store_t *s, const char *token, long long *id, char **err); /* issue 9 item 7 */
/* attachments and publishing channels (sqlite_attachments.c, sqlite_channels.c; store_attachments.h) */
res_t sqlite_item_brief(store_t *s, const char *ext_id, struct item_brief *out, char **err);
res_t sqlite_attachment_put(store_t *s, const struct attachment_new *a, long long *id, char **err);
res_t sqlite_attachment_get(store_t *s, long long id, struct attachment_info *out, char **err);
res_t sqlite_attachment_remove(store_t *s, long long id, char **err);
res_t sqlite_attachment_each(store_t *s, const char *item_ext_id, const struct export_filter *f,
                             int (*fn)(const struct attachment_info *a, const void *data, size_t size, void *ud),
                             void *ud, char **err);
res_t sqlite_blob_count(store_t *s, long long *n, char **err);
res_t sqlite_outbox_prepare(store_t *s, const char *item_ext_id, const char *channel, const char *payload,
                            long long at, const char *by, long long *id, char **err);
res_t sqlite_outbox_each(store_t *s, const char *agency_code, int (*fn)(const struct outbox_entry *e, void *ud),
                         void *ud, char **err);
res_t sqlite_outbox_get(store_t *s, long long id, struct outbox_entry *out, char **err);
res_t sqlite_outbox_mark_sent(store_t *s, long long id, const char *on, const char *by, char **err);
res_t sqlite_item_channels(store_t *s, const char *item_ext_id,
                           int (*fn)(const char *channel, const char *first_at, long long count,
                                     const char *withdrawn_on, void *ud),
                           void *ud, char **err);
res_t sqlite_channel_withdraw(store_t *s, const char *item_ext_id, const char *channel, const char *on,
                              const char *by, char **err);
res_t sqlite_channel_name_set(store_t *s, const char *agency_code, const char *channel, const char *name,
                              char **err);
res_t sqlite_channel_names(store_t *s, const char *agency_code,
                           int (*fn)(const char *channel, const char *name, void *ud), void *ud, char **err);

#endif
