/* The store interface: chooses a backend by the target's scheme and sends every store_*
 * call through that backend's table of operations (store_ops.h). Nothing here knows SQL. */
#include "store/store_backup.h"
#include "store/store_guides.h"
#include "store/store_ops.h"
#include "store/store_settings.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The schema version every backend's migrations reach: the same numbers mean the same
 * tables on SQLite and (later) PostgreSQL. */
#define STORE_SCHEMA_VERSION 14

int store_schema_current(void)
{
    return STORE_SCHEMA_VERSION;
}

/* ---------------------------------------------------------------- choosing a backend */

#define MAX_REGISTERED 4
static struct {
    const char *scheme;
    const struct store_ops *ops;
} registered[MAX_REGISTERED];
static int nregistered;

void store_register_backend(const char *scheme, const struct store_ops *ops)
{
    for (int i = 0; i < nregistered; i++)
        if (strcmp(registered[i].scheme, scheme) == 0) {
            registered[i].ops = ops;
            return;
        }
    if (nregistered == MAX_REGISTERED) {
        fprintf(stderr, "gongkai: internal: more than %d store backends registered\n", MAX_REGISTERED);
        abort();
    }
    registered[nregistered].scheme = scheme;
    registered[nregistered++].ops = ops;
}

static const struct store_ops *backend_for(const char *target)
{
    for (int i = 0; i < nregistered; i++)
        if (strncmp(target, registered[i].scheme, strlen(registered[i].scheme)) == 0)
            return registered[i].ops;
    if (strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0)
        return NULL;
    return &sqlite_ops;
}

res_t store_open(const char *target, store_t **out, char **err)
{
    *out = NULL;
    const struct store_ops *ops = backend_for(target);
    if (!ops) {
        *err = xasprintf("%s: the PostgreSQL backend is not built yet; use a SQLite file path", target);
        return RES_FAILED;
    }
    res_t rc = ops->open(target, out, err);
    if (rc != RES_OK)
        *out = NULL;
    return rc;
}

/* ---------------------------------------------------------------- whole databases */

bool store_target_read_only(const char *target)
{
    const struct store_ops *ops = backend_for(target);
    return ops && ops->target_read_only && ops->target_read_only(target);
}

static res_t no_file_operation(const char *target, const char *what, char **err)
{
    *err = xasprintf("%s: %s is not done by gongkai for this kind of database; use its own tools "
                     "(PostgreSQL: pg_dump and pg_restore)", target, what);
    return RES_REFUSED;
}

res_t store_backup(const char *target, const char *dest, char **err)
{
    const struct store_ops *ops = backend_for(target);
    return ops && ops->backup ? ops->backup(target, dest, err) : no_file_operation(target, "backup", err);
}

res_t store_restore(const char *target, const char *src, int *schema, char **err)
{
    const struct store_ops *ops = backend_for(target);
    return ops && ops->restore ? ops->restore(target, src, schema, err) : no_file_operation(target, "restore", err);
}

/* ---------------------------------------------------------------- dispatch */

static res_t unsupported(store_t *s, const char *op, char **err)
{
    if (err) {
        free(*err);
        *err = xasprintf("%s: not supported by the %s backend", op, s->ops->name);
    }
    return RES_FAILED;
}

/* Calls operation OP of S's backend with S and the arguments; every such operation ends
 * with `char **err`, which is the last argument. */
#define DISPATCH(op, ...) (s->ops->op ? s->ops->op(s, __VA_ARGS__) : unsupported(s, #op, err))

void store_close(store_t *s)
{
    if (s && s->ops->close)
        s->ops->close(s);
}

res_t store_migrate(store_t *s, char **err)
{
    return DISPATCH(migrate, err);
}

int store_schema_version(store_t *s)
{
    return s->ops->schema_version ? s->ops->schema_version(s) : 0;
}

res_t store_begin(store_t *s, char **err)
{
    return DISPATCH(begin, err);
}

res_t store_commit(store_t *s, char **err)
{
    return DISPATCH(commit, err);
}

void store_rollback(store_t *s)
{
    if (s && s->ops->rollback)
        s->ops->rollback(s);
}

res_t store_bulk_begin(store_t *s, char **err)
{
    return DISPATCH(bulk_begin, err);
}

res_t store_bulk_end(store_t *s, char **err)
{
    return DISPATCH(bulk_end, err);
}

res_t store_put_agency(store_t *s, const struct agency_rec *r, char **err)
{
    return DISPATCH(put_agency, r, err);
}

res_t store_finish_agencies(store_t *s, char **bad_code, char **err)
{
    return DISPATCH(finish_agencies, bad_code, err);
}

res_t store_put_item(store_t *s, const struct item_rec *r, char **err)
{
    return DISPATCH(put_item, r, err);
}

res_t store_put_application(store_t *s, const struct application_rec *r, char **err)
{
    return DISPATCH(put_application, r, err);
}

res_t store_put_case(store_t *s, const struct case_rec *r, char **err)
{
    return DISPATCH(put_case, r, err);
}

res_t store_put_visit(store_t *s, const struct visit_rec *r, char **err)
{
    return DISPATCH(put_visit, r, err);
}

res_t store_put_tally(store_t *s, const struct tally_rec *r, char **err)
{
    return DISPATCH(put_tally, r, err);
}

res_t store_put_narrative(store_t *s, const struct narrative_rec *r, char **err)
{
    return DISPATCH(put_narrative, r, err);
}

res_t store_get_agency(store_t *s, const char *code, struct agency *out, char **err)
{
    return DISPATCH(get_agency, code, out, err);
}

res_t store_each_agency(store_t *s, int (*fn)(const struct agency *a, void *ud), void *ud, char **err)
{
    return DISPATCH(each_agency, fn, ud, err);
}

res_t store_each_item(store_t *s, const struct export_filter *f, int (*fn)(const struct item_rec *r, void *ud), void *ud, char **err)
{
    return DISPATCH(each_item, f, fn, ud, err);
}

res_t store_each_application(store_t *s, const struct export_filter *f, int (*fn)(const struct application_rec *r, void *ud), void *ud, char **err)
{
    return DISPATCH(each_application, f, fn, ud, err);
}

res_t store_each_case(store_t *s, const struct export_filter *f, int (*fn)(const struct case_rec *r, void *ud), void *ud, char **err)
{
    return DISPATCH(each_case, f, fn, ud, err);
}

res_t store_each_visit(store_t *s, const struct export_filter *f, int (*fn)(const struct visit_rec *r, void *ud), void *ud, char **err)
{
    return DISPATCH(each_visit, f, fn, ud, err);
}

res_t store_each_tally(store_t *s, const struct export_filter *f, int (*fn)(const struct tally_rec *r, void *ud), void *ud, char **err)
{
    return DISPATCH(each_tally, f, fn, ud, err);
}

res_t store_each_narrative(store_t *s, const struct export_filter *f, int (*fn)(const struct narrative_rec *r, void *ud), void *ud, char **err)
{
    return DISPATCH(each_narrative, f, fn, ud, err);
}

/* The report's figures: the backend's sums and rows, the year rules of domain/figures.c. */
struct figures_acc {
    struct report_figures *f;
    const char *bad; /* what an unknown code was found in */
};

static int add_application(const struct figures_application *r, void *ud)
{
    struct figures_acc *acc = ud;
    if (figures_add_application(acc->f, r) == RES_OK)
        return 0;
    acc->bad = "an application holds an unknown applicant type or outcome";
    return RES_FAILED;
}

static int add_case(const struct figures_case *r, void *ud)
{
    struct figures_acc *acc = ud;
    if (figures_add_case(acc->f, r) == RES_OK)
        return 0;
    acc->bad = "a review or lawsuit holds an unknown kind or result";
    return RES_FAILED;
}

res_t store_report_figures(store_t *s, const struct agency *a, bool tree, int year, struct report_figures *out,
                           char **err)
{
    memset(out, 0, sizeof *out);
    out->year = year;
    struct figures_acc acc = {out, NULL};
    const struct report_sink sink = {add_application, add_case, &acc};
    res_t rc = DISPATCH(report_rows, a, tree, year, out, &sink, err);
    if (acc.bad) {
        free(*err);
        *err = xasprintf("report: %s", acc.bad);
        rc = RES_FAILED;
    }
    figures_derive(out);
    return rc;
}

/* report figures cache (issue 6) */
res_t store_report_mark(store_t *s, const struct agency *a, bool tree, int year, struct report_mark *out, char **err)
{
    memset(out, 0, sizeof *out);
    return DISPATCH(report_mark, a, tree, year, out, err);
}

char *store_get_narrative(store_t *s, long long agency_id, int year, enum narrative_section sec, char **err)
{
    if (!s->ops->get_narrative) {
        unsupported(s, "get_narrative", err);
        return NULL;
    }
    return s->ops->get_narrative(s, agency_id, year, sec, err);
}

res_t store_get_application(store_t *s, const char *ext_id, struct application_rec *r, char **err)
{
    return DISPATCH(get_application, ext_id, r, err);
}

res_t store_portal_columns(store_t *s, struct portal_column **out, size_t *n, char **err)
{
    return DISPATCH(portal_columns, out, n, err);
}

res_t store_setting_get(store_t *s, const char *key, char **value, char **err)
{
    return DISPATCH(setting_get, key, value, err);
}

res_t store_setting_set(store_t *s, const char *key, const char *value, char **err)
{
    return DISPATCH(setting_set, key, value, err);
}

res_t store_setting_unset(store_t *s, const char *key, char **err)
{
    return DISPATCH(setting_unset, key, err);
}

res_t store_setting_each(store_t *s, int (*fn)(const char *key, const char *value, void *ud), void *ud, char **err)
{
    return DISPATCH(setting_each, fn, ud, err);
}

void store_portal_end_reads(store_t *s)
{
    if (s && s->ops->portal_end_reads)
        s->ops->portal_end_reads(s);
}

res_t store_portal_data_version(store_t *s, long long *out, char **err)
{
    return DISPATCH(portal_data_version, out, err);
}

res_t store_portal_column_items(store_t *s, const char *slug, const char *today, long long offset, int limit, item_row_fn fn, void *ud, char **err)
{
    return DISPATCH(portal_column_items, slug, today, offset, limit, fn, ud, err);
}

res_t store_portal_column_count(store_t *s, const char *slug, const char *today, long long *n, char **err)
{
    return DISPATCH(portal_column_count, slug, today, n, err);
}

res_t store_portal_facets(store_t *s, int (*fn)(const char *facet, const char *value, void *ud), void *ud, char **err)
{
    return DISPATCH(portal_facets, fn, ud, err);
}

res_t store_portal_column_counts(store_t *s, const char *agency_path, const char *today, int (*fn)(const char *slug, long long n, void *ud), void *ud, char **err)
{
    return DISPATCH(portal_column_counts, agency_path, today, fn, ud, err);
}

res_t store_portal_item(store_t *s, const char *ext_id, const char *today, struct portal_item *out, char **err)
{
    return DISPATCH(portal_item, ext_id, today, out, err);
}

res_t store_portal_attachment(store_t *s, long long id, const char *today, char **name, char **mime, void **data, size_t *size, char **item_ext_id, char **err)
{
    return DISPATCH(portal_attachment, id, today, name, mime, data, size, item_ext_id, err);
}

res_t store_portal_report_years(store_t *s, const char *agency_path, int *years, size_t max, size_t *n, char **err)
{
    return DISPATCH(portal_report_years, agency_path, years, max, n, err);
}

res_t store_portal_access(store_t *s, const char *agency_path, int (*fn)(const char *kind, const char *value, void *ud), void *ud, char **err)
{
    return DISPATCH(portal_access, agency_path, fn, ud, err);
}

res_t store_items(store_t *s, const struct item_query *q, long long offset, int limit, bool with_body,
                  item_row_fn fn, void *ud, char **err)
{
    return DISPATCH(items, q, offset, limit, with_body, fn, ud, err);
}

res_t store_items_count(store_t *s, const struct item_query *q, long long *n, char **err)
{
    return DISPATCH(items_count, q, n, err);
}

/* Control characters other than tab and line breaks mean nothing on a page (and no
 * reader sees them): dropped from what a hit shows, so that every byte range found
 * below is in the text as shown. */
static void drop_controls(char *t)
{
    char *w = t;
    for (const char *r = t; r && *r; r++)
        if (!(((unsigned char)*r < 0x20 && *r != '\t' && *r != '\n' && *r != '\r') || *r == 0x7F))
            *w++ = *r;
    if (w)
        *w = '\0';
}

/* The marks of every hit: the backend hands back titles and the start of each body. */
static void highlight_hits(const struct search_terms *terms, struct search_result *out)
{
    highlight_query_t *q = highlight_query_new(terms);
    for (size_t i = 0; i < out->nhits; i++) {
        struct search_hit *h = &out->hits[i];
        if (!h->title)
            h->title = xstrdup("");
        if (!h->snippet)
            h->snippet = xstrdup("");
        drop_controls(h->title);
        drop_controls(h->snippet);
        h->ntitle_marks = highlight_find(q, h->title, strlen(h->title), false, &h->title_marks);
        struct text_span *body_marks;
        size_t n = highlight_find(q, h->snippet, strlen(h->snippet), true, &body_marks);
        char *excerpt = highlight_snippet(h->snippet, body_marks, n, &h->snippet_marks, &h->nsnippet_marks);
        free(body_marks);
        free(h->snippet);
        h->snippet = excerpt;
    }
    highlight_query_free(q);
}

res_t store_search(store_t *s, const struct search_params *p, struct search_result *out, char **err)
{
    memset(out, 0, sizeof *out);
    if (!p->terms || !p->terms->n) {
        free(*err);
        *err = xstrdup("search: no search terms (see search_terms_parse)");
        return RES_REFUSED;
    }
    res_t rc = DISPATCH(search, p, out, err);
    if (rc == RES_OK)
        highlight_hits(p->terms, out);
    return rc;
}

res_t store_feed_each_url(store_t *s, const struct item_query *q, long long offset, long long limit, int (*fn)(const char *ext_id, const char *updated_at, void *ud), void *ud, char **err)
{
    return DISPATCH(feed_each_url, q, offset, limit, fn, ud, err);
}

res_t store_feed_years(store_t *s, const char *today, int *first, int *last, char **err)
{
    return DISPATCH(feed_years, today, first, last, err);
}

/* ---------------------------------------------------------------- staff accounts (store_accounts.h) */

res_t store_user_add(store_t *s, const char *login, const char *agency_code, unsigned roles, const char *pw_hash,
                     long long now, long long *id, char **err)
{
    return DISPATCH(user_add, login, agency_code, roles, pw_hash, now, id, err);
}

res_t store_user_get(store_t *s, const char *login, struct staff *out, char **pw_hash, char **err)
{
    return DISPATCH(user_get, login, out, pw_hash, err);
}

res_t store_user_each(store_t *s, int (*fn)(const struct staff *u, void *ud), void *ud, char **err)
{
    return DISPATCH(user_each, fn, ud, err);
}

res_t store_user_set_password(store_t *s, const char *login, const char *pw_hash, long long now, char **err)
{
    return DISPATCH(user_set_password, login, pw_hash, now, err);
}

res_t store_user_set_disabled(store_t *s, const char *login, bool disabled, char **err)
{
    return DISPATCH(user_set_disabled, login, disabled, err);
}

res_t store_session_create(store_t *s, const char *token_hash, long long user_id, const char *client_addr,
                           long long now, char **err)
{
    return DISPATCH(session_create, token_hash, user_id, client_addr, now, err);
}

res_t store_session_get(store_t *s, const char *token_hash, long long now, long long idle_s, long long max_s,
                        struct staff *out, long long *created_at, char **err)
{
    return DISPATCH(session_get, token_hash, now, idle_s, max_s, out, created_at, err);
}

res_t store_session_delete(store_t *s, const char *token_hash, char **err)
{
    return DISPATCH(session_delete, token_hash, err);
}

res_t store_login_locked(store_t *s, const char *login, const char *addr, long long now, bool *locked,
                         long long *until, char **err)
{
    return DISPATCH(login_locked, login, addr, now, locked, until, err);
}

res_t store_login_failed(store_t *s, const char *login, const char *addr, long long now,
                         const struct login_limits *lim, bool *locked_now, char **err)
{
    return DISPATCH(login_failed, login, addr, now, lim, locked_now, err);
}

res_t store_login_succeeded(store_t *s, const char *login, char **err)
{
    return DISPATCH(login_succeeded, login, err);
}

res_t store_form_token_use(store_t *s, const char *token_hash, long long now, long long until, char **err)
{
    return DISPATCH(form_token_use, token_hash, now, until, err);
}

/* ---------------------------------------------------------------- the audit log (store_audit.h) */

res_t store_audit_append(store_t *s, struct audit_entry *e, char **err)
{
    return DISPATCH(audit_append, e, err);
}

res_t store_audit_each(store_t *s, const struct audit_filter *f, bool newest_first, long long offset,
                       long long limit, int (*fn)(const struct audit_entry *e, void *ud), void *ud, char **err)
{
    return DISPATCH(audit_each, f, newest_first, offset, limit, fn, ud, err);
}

res_t store_audit_count(store_t *s, const struct audit_filter *f, long long *n, char **err)
{
    return DISPATCH(audit_count, f, n, err);
}

res_t store_audit_head(store_t *s, long long *last_id, char **hash, char **err)
{
    return DISPATCH(audit_head, last_id, hash, err);
}

/* ---- attachments and publishing channels (store_attachments.h; issue 8 items 4 and 5) ---- */

res_t store_item_brief(store_t *s, const char *ext_id, struct item_brief *out, char **err)
{
    return DISPATCH(item_brief, ext_id, out, err);
}

res_t store_attachment_put(store_t *s, const struct attachment_new *a, long long *id, char **err)
{
    return DISPATCH(attachment_put, a, id, err);
}

res_t store_attachment_get(store_t *s, long long id, struct attachment_info *out, char **err)
{
    return DISPATCH(attachment_get, id, out, err);
}

res_t store_attachment_remove(store_t *s, long long id, char **err)
{
    return DISPATCH(attachment_remove, id, err);
}

res_t store_attachment_each(store_t *s, const char *item_ext_id, const struct export_filter *f,
                            int (*fn)(const struct attachment_info *a, const void *data, size_t size, void *ud),
                            void *ud, char **err)
{
    return DISPATCH(attachment_each, item_ext_id, f, fn, ud, err);
}

res_t store_blob_count(store_t *s, long long *n, char **err)
{
    return DISPATCH(blob_count, n, err);
}

res_t store_outbox_prepare(store_t *s, const char *item_ext_id, const char *channel, const char *payload,
                           long long at, const char *by, long long *id, char **err)
{
    return DISPATCH(outbox_prepare, item_ext_id, channel, payload, at, by, id, err);
}

res_t store_outbox_each(store_t *s, const char *agency_code, int (*fn)(const struct outbox_entry *e, void *ud),
                        void *ud, char **err)
{
    return DISPATCH(outbox_each, agency_code, fn, ud, err);
}

res_t store_outbox_get(store_t *s, long long id, struct outbox_entry *out, char **err)
{
    return DISPATCH(outbox_get, id, out, err);
}

res_t store_outbox_mark_sent(store_t *s, long long id, const char *on, const char *by, char **err)
{
    return DISPATCH(outbox_mark_sent, id, on, by, err);
}

res_t store_item_channels(store_t *s, const char *item_ext_id,
                          int (*fn)(const char *channel, const char *first_at, long long count,
                                    const char *withdrawn_on, void *ud),
                          void *ud, char **err)
{
    return DISPATCH(item_channels, item_ext_id, fn, ud, err);
}

res_t store_channel_withdraw(store_t *s, const char *item_ext_id, const char *channel, const char *on,
                             const char *by, char **err)
{
    return DISPATCH(channel_withdraw, item_ext_id, channel, on, by, err);
}

res_t store_channel_name_set(store_t *s, const char *agency_code, const char *channel, const char *name,
                             char **err)
{
    return DISPATCH(channel_name_set, agency_code, channel, name, err);
}

res_t store_channel_names(store_t *s, const char *agency_code,
                          int (*fn)(const char *channel, const char *name, void *ud), void *ud, char **err)
{
    return DISPATCH(channel_names, agency_code, fn, ud, err);
}

/* ---- the statutory clock: imported holiday notices ---- */

res_t store_holidays_replace(store_t *s, const struct holiday_list *rows, const char *source,
                             const char *imported_at, char **err)
{
    return DISPATCH(holidays_replace, rows, source, imported_at, err);
}

res_t store_holidays_each(store_t *s, int (*fn)(gk_date date, bool workday, const char *name, void *ud), void *ud,
                          char **err)
{
    return DISPATCH(holidays_each, fn, ud, err);
}

res_t store_holiday_years_each(store_t *s, int (*fn)(int year, const char *source, const char *imported_at, void *ud),
                               void *ud, char **err)
{
    return DISPATCH(holiday_years_each, fn, ud, err);
}

static int collect_holiday(gk_date date, bool workday, const char *name, void *ud)
{
    holiday_list_add(ud, date, workday, name);
    return 0;
}

res_t store_load_calendar(store_t *s, calendar_t **out, char **err)
{
    struct holiday_list rows = {0};
    *out = NULL;
    res_t rc = store_holidays_each(s, collect_holiday, &rows, err);
    if (rc == RES_OK)
        *out = calendar_build(&rows);
    holiday_list_free(&rows);
    return rc;
}

/* ---- service guides (store_guides.h) ---- */

res_t store_put_guide(store_t *s, const struct guide_rec *r, char **err)
{
    return DISPATCH(put_guide, r, err);
}

res_t store_get_guide(store_t *s, const char *id, arena_t *mem, struct guide_rec *out, char **err)
{
    return DISPATCH(get_guide, id, mem, out, err);
}

res_t store_each_guide(store_t *s, const struct export_filter *f, int (*fn)(const struct guide_rec *g, void *ud),
                       void *ud, char **err)
{
    return DISPATCH(each_guide, f, fn, ud, err);
}

/* ---------------------------------------------------------------- the editorial workflow */

res_t store_item_create(store_t *s, const struct wf_actor *a, const struct item_rec *r, const char *token,
                        long long *id, char **err)
{
    return DISPATCH(item_create, a, r, token, id, err);
}

res_t store_item_save(store_t *s, const struct wf_actor *a, long long id, int base_version,
                      const struct item_rec *r, char **err)
{
    return DISPATCH(item_save, a, id, base_version, r, err);
}

res_t store_item_act(store_t *s, const struct wf_actor *a, long long id, int base_version,
                     const struct wf_request *rq, char **err)
{
    return DISPATCH(item_act, a, id, base_version, rq, err);
}

res_t store_item_work(store_t *s, long long id, struct item_work *out, char **err)
{
    return DISPATCH(item_work, id, out, err);
}

res_t store_item_revisions(store_t *s, long long id, int (*fn)(const struct item_revision_row *r, void *ud),
                           void *ud, char **err)
{
    return DISPATCH(item_revisions, id, fn, ud, err);
}

res_t store_item_revision_text(store_t *s, long long id, int rev, char **title, char **body, char **err)
{
    return DISPATCH(item_revision_text, id, rev, title, body, err);
}

res_t store_item_events(store_t *s, long long id, int (*fn)(const struct item_event_row *r, void *ud), void *ud,
                        char **err)
{
    return DISPATCH(item_events, id, fn, ud, err);
}

res_t store_item_worklist(store_t *s, const struct worklist_query *q,
                          int (*fn)(const struct worklist_row *r, void *ud), void *ud, char **err)
{
    return DISPATCH(item_worklist, q, fn, ud, err);
}

res_t store_item_withdrawal(store_t *s, const char *ext_id, char **title, char **on, char **note, char **err)
{
    return DISPATCH(item_withdrawal, ext_id, title, on, note, err);
}

res_t store_agency_index_pattern(store_t *s, const char *code, const char *pattern, char **err)
{
    return DISPATCH(agency_index_pattern, code, pattern, err);
}

/* ---------------------------------------------------------------- messages (store_messages.h) */

res_t store_put_message(store_t *s, const struct message_rec *r, char **err)
{
    return DISPATCH(put_message, r, err);
}

res_t store_message_submit(store_t *s, const struct message_rec *r, const char *once, long long once_expires, char **number, bool *replayed, char **err)
{
    return DISPATCH(message_submit, r, once, once_expires, number, replayed, err);
}

res_t store_message_change(store_t *s, const struct msg_change *c, char **err)
{
    return DISPATCH(message_change, c, err);
}

res_t store_message_get(store_t *s, const char *number, const struct msg_viewer *viewer, struct message_rec *out, char **err)
{
    return DISPATCH(message_get, number, viewer, out, err);
}

res_t store_messages_each(store_t *s, const struct msg_query *q, const struct msg_viewer *viewer, long long offset, int limit, int (*fn)(const struct message_rec *m, void *ud), void *ud, char **err)
{
    return DISPATCH(messages_each, q, viewer, offset, limit, fn, ud, err);
}

res_t store_messages_count(store_t *s, const struct msg_query *q, long long *n, char **err)
{
    return DISPATCH(messages_count, q, n, err);
}

res_t store_messages_year_counts(store_t *s, int year, long long received[MSG_KIND_COUNT], long long published[MSG_KIND_COUNT], char **err)
{
    return DISPATCH(messages_year_counts, year, received, published, err);
}

res_t store_message_history(store_t *s, const char *number, int (*fn)(const struct msg_event *e, void *ud), void *ud, char **err)
{
    return DISPATCH(message_history, number, fn, ud, err);
}

res_t store_each_message(store_t *s, const struct export_filter *f, const struct msg_viewer *viewer, int (*fn)(const struct message_rec *m, void *ud), void *ud, char **err)
{
    return DISPATCH(each_message, f, viewer, fn, ud, err);
}

res_t store_rate_hit(store_t *s, const char *key, long long window, int limit, long long older_than, bool *allowed, char **err)
{
    return DISPATCH(rate_hit, key, window, limit, older_than, allowed, err);
}

res_t store_nonce_use(store_t *s, const char *nonce, long long expires, long long now, char **err)
{
    return DISPATCH(nonce_use, nonce, expires, now, err);
}

res_t store_msg_words_each(store_t *s, int (*fn)(const char *word, void *ud), void *ud, char **err)
{
    return DISPATCH(msg_words_each, fn, ud, err);
}

res_t store_msg_word_add(store_t *s, const char *word, char **err)
{
    return DISPATCH(msg_word_add, word, err);
}

res_t store_msg_word_remove(store_t *s, const char *word, char **err)
{
    return DISPATCH(msg_word_remove, word, err);
}

res_t store_msg_secret(store_t *s, const char *name, char out[CODES_HASH_HEX], char **err)
{
    return DISPATCH(msg_secret, name, out, err);
}

res_t store_nonce_message(store_t *s, const char *nonce, char **number, char **err)
{
    return DISPATCH(nonce_message, nonce, number, err);
}

/* sitemap parts (issue 6) */
res_t store_sitemap_parts(store_t *s, long long part_size, long long *parts, char **err)
{
    *parts = 0;
    return DISPATCH(sitemap_parts, part_size, parts, err);
}

res_t store_sitemap_part(store_t *s, const char *today, long long part, long long part_size,
                         int (*fn)(const char *ext_id, const char *updated_at, void *ud), void *ud, char **err)
{
    return DISPATCH(sitemap_part, today, part, part_size, fn, ud, err);
}

/* ---- applications made in the workspace or on the form (store_applications.h; issue 9) ---- */
res_t store_application_intake(store_t *s, const struct application_rec *r, const struct applicant *who,
                               const char *prefix, char **id_out, char **err)
{
    return DISPATCH(application_intake, r, who, prefix, id_out, err);
}

res_t store_application_applicant(store_t *s, const char *ext_id, bool unmasked, struct applicant *who,
                                  char **err)
{
    return DISPATCH(application_applicant, ext_id, unmasked, who, err);
}

res_t store_application_query_hash(store_t *s, const char *ext_id, char **hash, char **err)
{
    return DISPATCH(application_query_hash, ext_id, hash, err);
}

res_t store_form_token_put(store_t *s, const char *token_hash, long long now, char **err)
{
    return DISPATCH(form_token_put, token_hash, now, err);
}

res_t store_form_token_take(store_t *s, const char *token_hash, long long now, long long max_age_s,
                            const char *application_id, int *state, char **existing, char **err)
{
    return DISPATCH(form_token_take, token_hash, now, max_age_s, application_id, state, existing, err);
}

res_t store_public_attempt_add(store_t *s, const char *kind, const char *addr, long long now, char **err)
{
    return DISPATCH(public_attempt_add, kind, addr, now, err);
}

res_t store_public_attempt_count(store_t *s, const char *kind, const char *addr, long long since, long long *n,
                                 char **err)
{
    return DISPATCH(public_attempt_count, kind, addr, since, n, err);
}

res_t store_letter_put(store_t *s, const char *ext_id, long long *id, const char *kind, const char *body,
                       const char *by, long long now, char **err)
{
    return DISPATCH(letter_put, ext_id, id, kind, body, by, now, err);
}

res_t store_letter_issue(store_t *s, const char *ext_id, long long id, const char *by, long long now, char **err)
{
    return DISPATCH(letter_issue, ext_id, id, by, now, err);
}

res_t store_letters_each(store_t *s, const char *ext_id, int (*fn)(const struct app_letter *l, void *ud), void *ud,
                         char **err)
{
    return DISPATCH(letters_each, ext_id, fn, ud, err);
}

res_t store_application_repeats(store_t *s, const char *agency, gk_date since, int min_applicants,
                                int (*fn)(const char *subject, long long applicants, bool proposed, void *ud),
                                void *ud, char **err)
{
    return DISPATCH(application_repeats, agency, since, min_applicants, fn, ud, err);
}

res_t store_proposal_record(store_t *s, const char *agency, const char *subject, long long applicants,
                            const char *by, long long now, char **err)
{
    return DISPATCH(proposal_record, agency, subject, applicants, by, now, err);
}

/* Art. 44 proposal → draft item (issue 9 item 8) */
res_t store_proposal_find(store_t *s, const char *agency, const char *subject, struct proposal_info *out,
                          char **err)
{
    return DISPATCH(proposal_find, agency, subject, out, err);
}

/* a reply published without personal data (issue 9 item 7) */
res_t store_item_by_token(store_t *s, const char *token, long long *id, char **err)
{
    return DISPATCH(item_by_token, token, id, err);
}
