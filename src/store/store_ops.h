/* The store interface as a backend sees it: the table of operations a backend provides
 * and the handle every backend's connection starts with. Only store.c and the backends
 * (src/store/sqlite/, later src/store/pg/, and test doubles) include this file; callers
 * use the store_* functions of store.h, store_portal.h, store_search.h and store_feed.h,
 * which dispatch through the table.
 *
 * Adding an operation: (1) declare the public store_NAME in the store header of its
 * family, (2) add a member NAME here with the same parameters, (3) add the wrapper in
 * store.c (one line through DISPATCH), (4) implement sqlite_NAME in src/store/sqlite/,
 * declare it in sqlite_internal.h and register it in sqlite_ops (sqlite_ops.c). A backend
 * that leaves a member NULL answers RES_FAILED with "NAME: not supported by BACKEND". */
#ifndef GK_STORE_OPS_H
#define GK_STORE_OPS_H
#include "store/store.h"
#include "store/store_accounts.h"
#include "store/store_attachments.h"
#include "store/store_audit.h"
#include "store/store_applications.h" /* issue 9 */
#include "store/store_feed.h"
#include "store/store_messages.h"
#include "store/store_holidays.h"
#include "store/store_guides.h"
#include "store/store_portal.h"
#include "store/store_search.h"
#include "store/store_workflow.h"

/* Where a backend sends the rows of the report's year rules; a non-zero return stops the
 * read and is returned. */
struct report_sink {
    int (*application)(const struct figures_application *r, void *ud);
    int (*case_row)(const struct figures_case *r, void *ud);
    void *ud;
};

struct store_ops {
    const char *name; /* "sqlite", "postgresql", "test": for messages */
    res_t (*open)(const char *target, store_t **out, char **err);
    void (*close)(store_t *s);
    /* Whole-database operations on a target (store_backup.h); NULL where a backend has
     * its own tools (PostgreSQL: pg_dump). */
    bool (*target_read_only)(const char *target);
    res_t (*backup)(const char *target, const char *dest, char **err);
    res_t (*restore)(const char *target, const char *src, int *schema, char **err);
    res_t (*migrate)(store_t *s, char **err);
    int (*schema_version)(store_t *s);
    res_t (*begin)(store_t *s, char **err);
    res_t (*commit)(store_t *s, char **err);
    void (*rollback)(store_t *s);
    res_t (*bulk_begin)(store_t *s, char **err);
    res_t (*bulk_end)(store_t *s, char **err);
    res_t (*put_agency)(store_t *s, const struct agency_rec *r, char **err);
    res_t (*finish_agencies)(store_t *s, char **bad_code, char **err);
    res_t (*put_item)(store_t *s, const struct item_rec *r, char **err);
    res_t (*put_application)(store_t *s, const struct application_rec *r, char **err);
    res_t (*put_case)(store_t *s, const struct case_rec *r, char **err);
    res_t (*put_visit)(store_t *s, const struct visit_rec *r, char **err);
    res_t (*put_tally)(store_t *s, const struct tally_rec *r, char **err);
    res_t (*put_narrative)(store_t *s, const struct narrative_rec *r, char **err);
    res_t (*get_agency)(store_t *s, const char *code, struct agency *out, char **err);
    res_t (*each_agency)(store_t *s, int (*fn)(const struct agency *a, void *ud), void *ud, char **err);
    res_t (*each_item)(store_t *s, const struct export_filter *f, int (*fn)(const struct item_rec *r, void *ud), void *ud, char **err);
    res_t (*each_application)(store_t *s, const struct export_filter *f, int (*fn)(const struct application_rec *r, void *ud), void *ud, char **err);
    res_t (*each_case)(store_t *s, const struct export_filter *f, int (*fn)(const struct case_rec *r, void *ud), void *ud, char **err);
    res_t (*each_visit)(store_t *s, const struct export_filter *f, int (*fn)(const struct visit_rec *r, void *ud), void *ud, char **err);
    res_t (*each_tally)(store_t *s, const struct export_filter *f, int (*fn)(const struct tally_rec *r, void *ud), void *ud, char **err);
    res_t (*each_narrative)(store_t *s, const struct export_filter *f, int (*fn)(const struct narrative_rec *r, void *ud), void *ud, char **err);
    /* The annual report's inputs for (agency A, YEAR, TREE: A and all below it), read in
     * one snapshot: the plain sums by year into COUNTS (publications, statutory documents,
     * visits, tallies; COUNTS arrives zeroed with its year set) and to SINK every
     * application and case that can count in the year (see domain/figures.h). The year
     * rules are not the backend's: store_report_figures applies domain/figures.c. */
    res_t (*report_rows)(store_t *s, const struct agency *a, bool tree, int year, struct report_figures *counts,
                         const struct report_sink *sink, char **err);
    /* report figures cache (issue 6) */
    res_t (*report_mark)(store_t *s, const struct agency *a, bool tree, int year, struct report_mark *out, char **err);
    char *(*get_narrative)(store_t *s, long long agency_id, int year, enum narrative_section sec, char **err);
    res_t (*get_application)(store_t *s, const char *ext_id, struct application_rec *r, char **err);
    res_t (*portal_columns)(store_t *s, struct portal_column **out, size_t *n, char **err);
    /* The operator's settings (store_settings.h). */
    res_t (*setting_get)(store_t *s, const char *key, char **value, char **err);
    res_t (*setting_set)(store_t *s, const char *key, const char *value, char **err);
    res_t (*setting_unset)(store_t *s, const char *key, char **err);
    res_t (*setting_each)(store_t *s, int (*fn)(const char *key, const char *value, void *ud), void *ud, char **err);
    void (*portal_end_reads)(store_t *s);
    res_t (*portal_data_version)(store_t *s, long long *out, char **err);
    res_t (*portal_column_items)(store_t *s, const char *slug, const char *today, long long offset, int limit, item_row_fn fn, void *ud, char **err);
    res_t (*portal_column_count)(store_t *s, const char *slug, const char *today, long long *n, char **err);
    res_t (*portal_facets)(store_t *s, int (*fn)(const char *facet, const char *value, void *ud), void *ud, char **err);
    res_t (*portal_column_counts)(store_t *s, const char *agency_path, const char *today, int (*fn)(const char *slug, long long n, void *ud), void *ud, char **err);
    res_t (*portal_item)(store_t *s, const char *ext_id, const char *today, struct portal_item *out, char **err);
    res_t (*portal_attachment)(store_t *s, long long id, const char *today, char **name, char **mime, void **data, size_t *size, char **item_ext_id, char **err);
    res_t (*portal_report_years)(store_t *s, const char *agency_path, int *years, size_t max, size_t *n, char **err);
    res_t (*portal_access)(store_t *s, const char *agency_path, int (*fn)(const char *kind, const char *value, void *ud), void *ud, char **err);
    res_t (*items)(store_t *s, const struct item_query *q, long long offset, int limit, bool with_body, item_row_fn fn, void *ud, char **err);
    res_t (*items_count)(store_t *s, const struct item_query *q, long long *n, char **err);
    /* Fills OUT with the page's hits, each with its title and, in `snippet`, the start of
     * its body (at least the first 3000 characters); store_search finds the marks and
     * cuts the excerpt. */
    res_t (*search)(store_t *s, const struct search_params *p, struct search_result *out, char **err);
    res_t (*feed_each_url)(store_t *s, const struct item_query *q, long long offset, long long limit, int (*fn)(const char *ext_id, const char *updated_at, void *ud), void *ud, char **err);
    res_t (*feed_years)(store_t *s, const char *today, int *first, int *last, char **err);
    /* ---- staff accounts, sessions, login throttling (store_accounts.h) ---- */
    res_t (*user_add)(store_t *s, const char *login, const char *agency_code, unsigned roles, const char *pw_hash, long long now, long long *id, char **err);
    res_t (*user_get)(store_t *s, const char *login, struct staff *out, char **pw_hash, char **err);
    res_t (*user_each)(store_t *s, int (*fn)(const struct staff *u, void *ud), void *ud, char **err);
    res_t (*user_set_password)(store_t *s, const char *login, const char *pw_hash, long long now, char **err);
    res_t (*user_set_disabled)(store_t *s, const char *login, bool disabled, char **err);
    res_t (*session_create)(store_t *s, const char *token_hash, long long user_id, const char *client_addr, long long now, char **err);
    res_t (*session_get)(store_t *s, const char *token_hash, long long now, long long idle_s, long long max_s, struct staff *out, long long *created_at, char **err);
    res_t (*session_delete)(store_t *s, const char *token_hash, char **err);
    res_t (*login_locked)(store_t *s, const char *login, const char *addr, long long now, bool *locked, long long *until, char **err);
    res_t (*login_failed)(store_t *s, const char *login, const char *addr, long long now, const struct login_limits *lim, bool *locked_now, char **err);
    res_t (*login_succeeded)(store_t *s, const char *login, char **err);
    res_t (*form_token_use)(store_t *s, const char *token_hash, long long now, long long until, char **err);
    /* the audit log (store_audit.h) */
    res_t (*audit_append)(store_t *s, struct audit_entry *e, char **err);
    res_t (*audit_each)(store_t *s, const struct audit_filter *f, bool newest_first, long long offset, long long limit, int (*fn)(const struct audit_entry *e, void *ud), void *ud, char **err);
    res_t (*audit_count)(store_t *s, const struct audit_filter *f, long long *n, char **err);
    res_t (*audit_head)(store_t *s, long long *last_id, char **hash, char **err);
    /* ---- end of staff accounts ---- */
    /* attachments and publishing channels (store_attachments.h; issue 8 items 4 and 5) */
    res_t (*item_brief)(store_t *s, const char *ext_id, struct item_brief *out, char **err);
    res_t (*attachment_put)(store_t *s, const struct attachment_new *a, long long *id, char **err);
    res_t (*attachment_get)(store_t *s, long long id, struct attachment_info *out, char **err);
    res_t (*attachment_remove)(store_t *s, long long id, char **err);
    res_t (*attachment_each)(store_t *s, const char *item_ext_id, const struct export_filter *f,
                             int (*fn)(const struct attachment_info *a, const void *data, size_t size, void *ud),
                             void *ud, char **err);
    res_t (*blob_count)(store_t *s, long long *n, char **err);
    res_t (*outbox_prepare)(store_t *s, const char *item_ext_id, const char *channel, const char *payload,
                            long long at, const char *by, long long *id, char **err);
    res_t (*outbox_each)(store_t *s, const char *agency_code, int (*fn)(const struct outbox_entry *e, void *ud),
                         void *ud, char **err);
    res_t (*outbox_get)(store_t *s, long long id, struct outbox_entry *out, char **err);
    res_t (*outbox_mark_sent)(store_t *s, long long id, const char *on, const char *by, char **err);
    res_t (*item_channels)(store_t *s, const char *item_ext_id,
                           int (*fn)(const char *channel, const char *first_at, long long count,
                                     const char *withdrawn_on, void *ud),
                           void *ud, char **err);
    res_t (*channel_withdraw)(store_t *s, const char *item_ext_id, const char *channel, const char *on,
                              const char *by, char **err);
    res_t (*channel_name_set)(store_t *s, const char *agency_code, const char *channel, const char *name,
                              char **err);
    res_t (*channel_names)(store_t *s, const char *agency_code,
                           int (*fn)(const char *channel, const char *name, void *ud), void *ud, char **err);
    /* the statutory clock: imported holiday notices (store_holidays.h) */
    res_t (*holidays_replace)(store_t *s, const struct holiday_list *rows, const char *source, const char *imported_at, char **err);
    res_t (*holidays_each)(store_t *s, int (*fn)(gk_date date, bool workday, const char *name, void *ud), void *ud, char **err);
    res_t (*holiday_years_each)(store_t *s, int (*fn)(int year, const char *source, const char *imported_at, void *ud), void *ud, char **err);
    /* service guides (store_guides.h) */
    res_t (*put_guide)(store_t *s, const struct guide_rec *r, char **err);
    res_t (*get_guide)(store_t *s, const char *id, arena_t *mem, struct guide_rec *out, char **err);
    res_t (*each_guide)(store_t *s, const struct export_filter *f, int (*fn)(const struct guide_rec *g, void *ud),
                        void *ud, char **err);
    /* ---- the editorial workflow (store_workflow.h) ---- */
    res_t (*item_create)(store_t *s, const struct wf_actor *a, const struct item_rec *r, const char *token, long long *id, char **err);
    res_t (*item_save)(store_t *s, const struct wf_actor *a, long long id, int base_version, const struct item_rec *r, char **err);
    res_t (*item_act)(store_t *s, const struct wf_actor *a, long long id, int base_version, const struct wf_request *rq, char **err);
    res_t (*item_work)(store_t *s, long long id, struct item_work *out, char **err);
    res_t (*item_revisions)(store_t *s, long long id, int (*fn)(const struct item_revision_row *r, void *ud), void *ud, char **err);
    res_t (*item_revision_text)(store_t *s, long long id, int rev, char **title, char **body, char **err);
    res_t (*item_events)(store_t *s, long long id, int (*fn)(const struct item_event_row *r, void *ud), void *ud, char **err);
    res_t (*item_worklist)(store_t *s, const struct worklist_query *q, int (*fn)(const struct worklist_row *r, void *ud), void *ud, char **err);
    res_t (*item_withdrawal)(store_t *s, const char *ext_id, char **title, char **on, char **note, char **err);
    res_t (*agency_index_pattern)(store_t *s, const char *code, const char *pattern, char **err);
    /* messages and the anti-abuse of their forms (store_messages.h) */
    res_t (*put_message)(store_t *s, const struct message_rec *r, char **err);
    res_t (*message_submit)(store_t *s, const struct message_rec *r, const char *once, long long once_expires, char **number, bool *replayed, char **err);
    res_t (*message_change)(store_t *s, const struct msg_change *c, char **err);
    res_t (*message_get)(store_t *s, const char *number, const struct msg_viewer *viewer, struct message_rec *out, char **err);
    res_t (*messages_each)(store_t *s, const struct msg_query *q, const struct msg_viewer *viewer, long long offset, int limit, int (*fn)(const struct message_rec *m, void *ud), void *ud, char **err);
    res_t (*messages_count)(store_t *s, const struct msg_query *q, long long *n, char **err);
    res_t (*messages_year_counts)(store_t *s, int year, long long received[MSG_KIND_COUNT], long long published[MSG_KIND_COUNT], char **err);
    res_t (*message_history)(store_t *s, const char *number, int (*fn)(const struct msg_event *e, void *ud), void *ud, char **err);
    res_t (*each_message)(store_t *s, const struct export_filter *f, const struct msg_viewer *viewer, int (*fn)(const struct message_rec *m, void *ud), void *ud, char **err);
    res_t (*rate_hit)(store_t *s, const char *key, long long window, int limit, long long older_than, bool *allowed, char **err);
    res_t (*nonce_use)(store_t *s, const char *nonce, long long expires, long long now, char **err);
    res_t (*msg_words_each)(store_t *s, int (*fn)(const char *word, void *ud), void *ud, char **err);
    res_t (*msg_word_add)(store_t *s, const char *word, char **err);
    res_t (*msg_word_remove)(store_t *s, const char *word, char **err);
    res_t (*msg_secret)(store_t *s, const char *name, char out[CODES_HASH_HEX], char **err);
    res_t (*nonce_message)(store_t *s, const char *nonce, char **number, char **err);
    /* sitemap parts (issue 6) */
    res_t (*sitemap_parts)(store_t *s, long long part_size, long long *parts, char **err);
    res_t (*sitemap_part)(store_t *s, const char *today, long long part, long long part_size,
                          int (*fn)(const char *ext_id, const char *updated_at, void *ud), void *ud, char **err);
    /* applications made in the workspace or on the form (store_applications.h; issue 9) */
    res_t (*application_intake)(store_t *s, const struct application_rec *r, const struct applicant *who,
                                const char *prefix, char **id_out, char **err);
    res_t (*application_applicant)(store_t *s, const char *ext_id, bool unmasked, struct applicant *who,
                                   char **err);
    res_t (*application_query_hash)(store_t *s, const char *ext_id, char **hash, char **err);
    res_t (*form_token_put)(store_t *s, const char *token_hash, long long now, char **err);
    res_t (*form_token_take)(store_t *s, const char *token_hash, long long now, long long max_age_s, const char *application_id, int *state, char **existing, char **err);
    res_t (*public_attempt_add)(store_t *s, const char *kind, const char *addr, long long now, char **err);
    res_t (*public_attempt_count)(store_t *s, const char *kind, const char *addr, long long since, long long *n, char **err);
    res_t (*letter_put)(store_t *s, const char *ext_id, long long *id, const char *kind, const char *body, const char *by, long long now, char **err);
    res_t (*letter_issue)(store_t *s, const char *ext_id, long long id, const char *by, long long now, char **err);
    res_t (*letters_each)(store_t *s, const char *ext_id, int (*fn)(const struct app_letter *l, void *ud), void *ud, char **err);
    res_t (*application_repeats)(store_t *s, const char *agency, gk_date since, int min_applicants, int (*fn)(const char *subject, long long applicants, bool proposed, void *ud), void *ud, char **err);
    res_t (*proposal_record)(store_t *s, const char *agency, const char *subject, long long applicants, const char *by, long long now, char **err);
    /* Art. 44 proposal → draft item (issue 9 item 8) */
    res_t (*proposal_find)(store_t *s, const char *agency, const char *subject, struct proposal_info *out, char **err);
    res_t (*item_by_token)(store_t *s, const char *token, long long *id, char **err); /* a reply published (issue 9 item 7) */
};

/* Every backend's connection struct begins with this (struct sqlite_store { struct store
 * base; ... }), so a store_t * converts to the backend's type and back. */
struct store {
    const struct store_ops *ops;
};

/* Opens TARGET with OPS when it begins with SCHEME ("test://"), before the built-in
 * choice (postgresql:// refused until that backend exists; anything else is SQLite).
 * For test programs: at most a few registrations, made before any store_open. */
void store_register_backend(const char *scheme, const struct store_ops *ops);

extern const struct store_ops sqlite_ops;

/* ---- shared by the backends (agency_tree.c) ---- */

/* One agency as the tree sees it: a backend fills id, code and parent_code (malloc'd;
 * the rest zero); agency_tree_place fills parent_id, path ('/1/4/') and depth. */
struct agency_node {
    long long id, parent_id;
    char *code, *parent_code;
    int state; /* 0 unvisited, 1 on the current walk, 2 placed */
    char *path;
    int depth;
};
/* The rules of the agency tree after agency writes (store_finish_agencies): exactly one
 * root, every parent known, no agency its own parent or ancestor. RES_OK (every node
 * placed), or RES_REFUSED with *err ("parent: …") and the offending code in *bad_code
 * (malloc'd) when there is one. */
res_t agency_tree_place(struct agency_node *all, size_t n, char **bad_code, char **err);
void agency_nodes_free(struct agency_node *all, size_t n);

#endif
