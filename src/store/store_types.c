/* Destructors of the store interface's own types: the same for every backend, since a
 * backend fills these structs with malloc'd strings and the caller releases them here. */
#include "store/store.h"
#include "store/store_attachments.h"
#include "store/store_portal.h"
#include "store/store_search.h"
#include "store/store_workflow.h"
#include "store/store_messages.h"
#include "store/store_applications.h"
#include <stdlib.h>
#include <string.h>

void agency_clear(struct agency *a)
{
    char **fields[] = {&a->name, &a->kind, &a->short_name, &a->parent_code, &a->path, &a->address,
                       &a->office_hours, &a->phone, &a->fax, &a->email, &a->website, &a->postcode,
                       &a->index_pattern};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        free(*fields[i]);
        *fields[i] = NULL;
    }
}

void application_rec_free(struct application_rec *r)
{
    free((char *)r->id);
    free((char *)r->agency);
    free((char *)r->outcome);
    free((char *)r->subject);
    for (size_t i = 0; i < r->nevents; i++) {
        struct app_event *e = &r->events[i];
        free((char *)e->outcome);
        free((char *)e->party);
        free((char *)e->basis);
        free((char *)e->items);
        free((char *)e->reason);
        free((char *)e->letter);
    }
    free(r->events);
    memset(r, 0, sizeof *r);
}

void portal_columns_free(struct portal_column *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].slug);
        free(v[i].parent_slug);
        free(v[i].name);
        free(v[i].description);
        free(v[i].kind);
        free(v[i].keywords);
        free(v[i].meta_type);
    }
    free(v);
}

void portal_item_free(struct portal_item *it)
{
    char *f[] = {it->ext_id,    it->title,     it->body,        it->summary,    it->index_no,    it->doc_no,
                 it->topic,     it->genre,     it->written,     it->published,  it->repealed,    it->statutory,
                 it->column_slug, it->updated_at, it->agency_code, it->agency_name, it->validity};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        free(f[i]);
    for (size_t i = 0; i < it->npubs; i++) {
        free(it->pubs[i].channel);
        free(it->pubs[i].at);
        free(it->pubs[i].url);
    }
    free(it->pubs);
    for (size_t i = 0; i < it->natts; i++) {
        free(it->atts[i].name);
        free(it->atts[i].mime);
    }
    free(it->atts);
    memset(it, 0, sizeof *it);
}

void search_result_clear(struct search_result *r)
{
    for (size_t i = 0; i < r->nhits; i++) {
        struct search_hit *h = &r->hits[i];
        char **f[] = {&h->ext_id,  &h->title,   &h->column_slug, &h->agency_code, &h->agency_name,
                      &h->snippet, &h->published, &h->written,   &h->doc_no,      &h->index_no,
                      &h->statutory, &h->repealed};
        for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
            free(*f[k]);
        free(h->title_marks);
        free(h->snippet_marks);
    }
    free(r->hits);
    memset(r, 0, sizeof *r);
}

/* ---- attachments and publishing channels (store_attachments.h) ---- */

void item_brief_free(struct item_brief *b)
{
    char *f[] = {b->ext_id,      b->title,       b->body,      b->doc_no, b->written,
                 b->agency_code, b->agency_name, b->published, b->state};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        free(f[i]);
    memset(b, 0, sizeof *b);
}

void attachment_info_free(struct attachment_info *a)
{
    char *f[] = {a->item_ext_id, a->agency_code, a->name, a->mime, a->sha256, a->ext_id, a->created_by};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        free(f[i]);
    memset(a, 0, sizeof *a);
}

void outbox_entry_free(struct outbox_entry *e)
{
    char *f[] = {e->item_ext_id, e->item_title, e->agency_code, e->channel, e->payload, e->prepared_by, e->sent_on,
                 e->sent_by};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        free(f[i]);
    memset(e, 0, sizeof *e);
}

void item_work_clear(struct item_work *w)
{
    char *f[] = {w->ext_id,      w->agency_code,  w->agency_name, w->published, w->changed_by,
                 w->changed_at,  w->rev_author,   w->rev_saved_at, w->review_note, w->withdrawn_on,
                 w->withdrawn_note, w->validity,  w->validity_on, w->repealed,  w->title,
                 w->body,        w->column,       w->index_no,    w->doc_no,    w->topic,
                 w->genre,       w->statutory,    w->written};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        free(f[i]);
    memset(w, 0, sizeof *w);
}

/* ---- messages (store_messages.h) ---- */
void message_rec_free(struct message_rec *r)
{
    if (!r)
        return;
    const char *f[] = {r->number,   r->agency,       r->agency_name,      r->subject,  r->body,
                       r->name,     r->phone,        r->email,            r->code_hash, r->created,
                       r->due,      r->flag,         r->assignee,         r->transferred_from, r->reply,
                       r->reply_by, r->replied,      r->public_subject,   r->public_body, r->public_reply,
                       r->published, r->note};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        free((char *)f[i]);
    memset(r, 0, sizeof *r);
}

/* issue 9: the applicant's details (store_applications.h) */
void applicant_free(struct applicant *who)
{
    free((char *)who->name);
    free((char *)who->id_kind);
    free((char *)who->id_no);
    free((char *)who->org_code);
    free((char *)who->phone);
    free((char *)who->email);
    free((char *)who->address);
    free((char *)who->receipt_note);
    memset(who, 0, sizeof *who);
}
