#include "records/export.h"
#include "records/parse.h"
#include "store/store_attachments.h"
#include "store/store_guides.h"
#include "store/store_messages.h"
#include "util/decimal.h"
#include "util/err.h"
#include "util/xalloc.h"
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

struct exporter {
    FILE *out;
    const char *path; /* the exported subtree's path, or NULL */
    int failed;
};

/* Adds a string member only when present, so exports stay small and re-import cleanly. */
static void put_str(json_t *o, const char *key, const char *v)
{
    if (v)
        json_object_set_new(o, key, json_string(v));
}

static void put_date(json_t *o, const char *key, gk_date d)
{
    char buf[DATE_STR_SIZE];
    if (d != NO_DATE)
        json_object_set_new(o, key, json_string(date_format(d, buf)));
}

static void put_yuan(json_t *o, const char *key, long long fen)
{
    char buf[40];
    if (fen < 0)
        return;
    decimal_format(fen, 2, 2, buf, sizeof buf);
    json_object_set_new(o, key, json_string(buf));
}

static int emit(struct exporter *ex, json_t *o)
{
    char *line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!line || fprintf(ex->out, "%s\n", line) < 0) {
        free(line);
        ex->failed = 1;
        return 1;
    }
    free(line);
    return 0;
}

static json_t *record(const char *type)
{
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string(type));
    return o;
}

static int on_agency(const struct agency *a, void *ud)
{
    struct exporter *ex = ud;
    /* The subtree, and the ancestors of its top (prefixes of its path). */
    if (ex->path && strncmp(a->path, ex->path, strlen(ex->path)) != 0 &&
        strncmp(ex->path, a->path, strlen(a->path)) != 0)
        return 0;
    json_t *o = record("agency");
    put_str(o, "code", a->code);
    put_str(o, "name", a->name);
    put_str(o, "parent", a->parent_code);
    put_str(o, "kind", a->kind);
    put_str(o, "short_name", a->short_name);
    put_str(o, "address", a->address);
    put_str(o, "office_hours", a->office_hours);
    put_str(o, "phone", a->phone);
    put_str(o, "fax", a->fax);
    put_str(o, "email", a->email);
    put_str(o, "website", a->website);
    put_str(o, "postcode", a->postcode);
    put_str(o, "index_pattern", a->index_pattern);
    return emit(ex, o);
}

json_t *export_item_json(const struct item_rec *r)
{
    json_t *o = record("item");
    put_str(o, "id", r->id);
    put_str(o, "agency", r->agency);
    put_str(o, "title", r->title);
    put_str(o, "body", r->body);
    put_str(o, "column", r->column);
    put_str(o, "index_no", r->index_no);
    put_str(o, "doc_no", r->doc_no);
    put_str(o, "topic", r->topic);
    put_str(o, "genre", r->genre);
    put_date(o, "written", r->written);
    put_str(o, "statutory", r->statutory);
    put_date(o, "repealed", r->repealed);
    if (r->withdrawn_note) {
        put_date(o, "withdrawn", r->withdrawn);
        put_str(o, "withdrawn_note", r->withdrawn_note);
    }
    if (r->npubs) {
        json_t *list = json_array();
        for (size_t i = 0; i < r->npubs; i++) {
            json_t *p = json_object();
            json_object_set_new(p, "channel", json_string(pub_channels[r->pubs[i].channel].code));
            put_date(p, "at", r->pubs[i].at);
            json_array_append_new(list, p);
        }
        json_object_set_new(o, "publications", list);
    }
    return o;
}

static int on_item(const struct item_rec *r, void *ud)
{
    return emit(ud, export_item_json(r));
}

static json_t *event_json(const struct app_event *e)
{
    json_t *o = json_object();
    json_object_set_new(o, "kind", json_string(event_kinds[e->kind].code));
    put_date(o, "date", e->date);
    switch (e->kind) {
    case EV_CORRECTION_REQUESTED: put_str(o, "items", e->items); break;
    case EV_CONSULTATION_STARTED: put_str(o, "party", e->party); break;
    case EV_EXTENDED:
        json_object_set_new(o, "days", json_integer(e->days));
        put_str(o, "reason", e->reason);
        break;
    case EV_FEE_NOTICE:
        put_yuan(o, "yuan", e->fen);
        put_str(o, "basis", e->basis);
        break;
    case EV_FEE_PAID: put_yuan(o, "yuan", e->fen); break;
    case EV_REPLIED:
        put_str(o, "outcome", e->outcome);
        put_str(o, "letter", e->letter);
        break;
    default: break;
    }
    return o;
}

static int on_application(const struct application_rec *r, void *ud)
{
    json_t *o = record("application");
    put_str(o, "id", r->id);
    put_str(o, "agency", r->agency);
    put_str(o, "applicant_type", applicant_types[r->applicant_type].code);
    if (r->has_channel)
        put_str(o, "channel", app_channels[r->channel].code);
    put_date(o, "received", r->received);
    put_date(o, "closed", r->closed);
    put_str(o, "outcome", r->outcome);
    if (r->extended)
        json_object_set_new(o, "extended", json_true());
    put_yuan(o, "fee_notice_yuan", r->fee_notice_fen);
    put_yuan(o, "fee_paid_yuan", r->fee_paid_fen);
    put_str(o, "subject", r->subject);
    if (r->has_events) {
        json_t *list = json_array();
        for (size_t i = 0; i < r->nevents; i++)
            json_array_append_new(list, event_json(&r->events[i]));
        json_object_set_new(o, "events", list);
    }
    return emit(ud, o);
}

static int on_case(const struct case_rec *r, void *ud)
{
    json_t *o = record("case");
    put_str(o, "id", r->id);
    put_str(o, "agency", r->agency);
    put_str(o, "kind", case_kinds[r->kind].code);
    put_date(o, "filed", r->filed);
    put_date(o, "decided", r->decided);
    if (r->result != RESULT_PENDING)
        put_str(o, "result", case_results[r->result].code);
    put_str(o, "application", r->application);
    return emit(ud, o);
}

static int on_visit(const struct visit_rec *r, void *ud)
{
    json_t *o = record("visit");
    put_str(o, "id", r->id);
    put_str(o, "agency", r->agency);
    put_date(o, "date", r->date);
    json_object_set_new(o, "count", json_integer(r->count));
    put_str(o, "point", r->point);
    return emit(ud, o);
}

static int on_tally(const struct tally_rec *r, void *ud)
{
    json_t *o = record("tally");
    put_str(o, "agency", r->agency);
    json_object_set_new(o, "year", json_integer(r->year));
    put_str(o, "key", r->key);
    const struct tally_key_info *k = tally_key_find(r->key);
    if (k && k->kind == TALLY_WAN_YUAN) {
        char buf[48];
        decimal_format(r->value, 6, r->places, buf, sizeof buf);
        json_object_set_new(o, "value", json_string(buf));
    } else {
        json_object_set_new(o, "value", json_integer(r->value));
    }
    return emit(ud, o);
}

static int on_narrative(const struct narrative_rec *r, void *ud)
{
    json_t *o = record("narrative");
    put_str(o, "agency", r->agency);
    json_object_set_new(o, "year", json_integer(r->year));
    put_str(o, "section", narrative_sections[r->section].code);
    put_str(o, "text", r->text);
    return emit(ud, o);
}

/* attachment (issue 8 item 4): content as base64; an upload (no record id) gets one from its
 * row number */
static int on_attachment(const struct attachment_info *a, const void *data, size_t size, void *ud)
{
    json_t *o = record("attachment");
    if (a->ext_id)
        put_str(o, "id", a->ext_id);
    else
        json_object_set_new(o, "id", json_sprintf("attachment-%lld", a->id));
    put_str(o, "item", a->item_ext_id);
    put_str(o, "name", a->name);
    size_t cap = sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = xmalloc(cap);
    sodium_bin2base64(b64, cap, data ? data : (const void *)"", size, sodium_base64_VARIANT_ORIGINAL);
    json_object_set_new(o, "content", json_string(b64));
    free(b64);
    return emit(ud, o);
}

static int on_guide(const struct guide_rec *g, void *ud)
{
    return emit(ud, export_guide_json(g));
}

/* messages (互动交流): the record of docs/import-format.md; personal data as the viewer sees it. */
static int on_message(const struct message_rec *r, void *ud)
{
    json_t *o = record("message");
    put_str(o, "id", r->number);
    put_str(o, "agency", r->agency);
    put_str(o, "kind", msg_kinds[r->kind].code);
    put_str(o, "state", msg_states[r->state].code);
    put_str(o, "subject", r->subject);
    put_str(o, "body", r->body);
    put_str(o, "name", r->name);
    put_str(o, "phone", r->phone);
    put_str(o, "email", r->email);
    put_str(o, "code_hash", r->code_hash);
    put_str(o, "created", r->created);
    put_str(o, "due", r->due);
    put_str(o, "flag", r->flag);
    put_str(o, "assignee", r->assignee);
    put_str(o, "transferred_from", r->transferred_from);
    put_str(o, "reply", r->reply);
    put_str(o, "reply_by", r->reply_by);
    put_str(o, "replied", r->replied);
    put_str(o, "public_subject", r->public_subject);
    put_str(o, "public_body", r->public_body);
    put_str(o, "public_reply", r->public_reply);
    put_str(o, "published", r->published);
    put_str(o, "note", r->note);
    return emit(ud, o);
}

res_t export_records(store_t *s, const char *agency_code, int year, FILE *out)
{
    return export_records_with(s, agency_code, year, false, out);
}

res_t export_records_with(store_t *s, const char *agency_code, int year, bool personal_data, FILE *out)
{
    struct exporter ex = {out, NULL, 0};
    struct agency top = {0};
    char *err = NULL;
    res_t rc = RES_OK;
    if (agency_code) {
        rc = store_get_agency(s, agency_code, &top, &err);
        if (rc == RES_NOT_FOUND) {
            gk_error("export", "--agency: unknown agency code '%s'", agency_code);
            goto done;
        }
        ex.path = top.path;
    }
    struct export_filter f = {ex.path, year};
    if (!rc)
        rc = store_each_agency(s, on_agency, &ex, &err);
    if (!rc)
        rc = store_each_item(s, &f, on_item, &ex, &err);
    if (!rc)
        rc = store_each_application(s, &f, on_application, &ex, &err);
    if (!rc)
        rc = store_each_case(s, &f, on_case, &ex, &err);
    if (!rc)
        rc = store_each_visit(s, &f, on_visit, &ex, &err);
    if (!rc)
        rc = store_each_tally(s, &f, on_tally, &ex, &err);
    if (!rc)
        rc = store_each_narrative(s, &f, on_narrative, &ex, &err);
    if (!rc && !year) /* service guides: no input of a year's report */
        rc = store_each_guide(s, &f, on_guide, &ex, &err);
    struct msg_viewer viewer = {NULL, personal_data};
    if (!rc)
        rc = store_each_message(s, &f, &viewer, on_message, &ex, &err);
    if (!rc)
        rc = store_attachment_each(s, NULL, &f, on_attachment, &ex, &err);
    if (ex.failed || fflush(out) != 0) {
        gk_error("export", "write failed");
        rc = RES_FAILED;
    } else if (rc) {
        gk_error("export", "%s", err ? err : "failed");
        rc = RES_FAILED;
    }
done:
    agency_clear(&top);
    free(err);
    return rc;
}
