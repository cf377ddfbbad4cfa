/* Record validation. Each field is checked on its own so that one pass reports every
 * problem of a record; cross-field rules (closed iff outcome, dates in order, events
 * against closed/outcome) run after the fields. */
#include "records/parse.h"
#include "records/parse_internal.h"
#include "domain/calendar.h"
#include "domain/deadline.h"
#include "domain/file_name.h"
#include "domain/file_type.h"
#include "domain/index_pattern.h"
#include "util/decimal.h"
#include "util/mustache.h"
#include "util/xalloc.h"
#include "domain/years.h"
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const record_type_names[REC_TYPE_COUNT] = {
    "agency", "item", "application", "case", "visit", "tally", "narrative",
    "guide", /* service guides (records/parse_guide.c) */
    "message",
    "attachment", /* attachments (issue 8 item 4) */
};

/* Fields each type allows (besides "type"). Unknown fields are errors: they catch typos. */
static const char *const allowed[REC_TYPE_COUNT][20] = {
    [REC_AGENCY] = {"code", "name", "parent", "kind", "short_name", "address", "office_hours", "phone", "fax",
                    "email", "website", "postcode", "index_pattern", NULL},
    [REC_ITEM] = {"id", "agency", "title", "body", "column", "index_no", "doc_no", "topic", "genre", "written",
                  "statutory", "repealed", "publications", "withdrawn", "withdrawn_note", NULL},
    [REC_APPLICATION] = {"id", "agency", "applicant_type", "channel", "received", "closed", "outcome", "extended",
                         "fee_notice_yuan", "fee_paid_yuan", "events", "subject", NULL},
    [REC_CASE] = {"id", "agency", "kind", "filed", "decided", "result", "application", NULL},
    [REC_VISIT] = {"id", "agency", "date", "count", "point", NULL},
    [REC_TALLY] = {"agency", "year", "key", "value", NULL},
    [REC_NARRATIVE] = {"agency", "year", "section", "text", NULL},
    /* service guides (records/parse_guide.c) */
    [REC_GUIDE] = {"id", "agency", "name", "column", "summary", "basis", "conditions", "materials", "steps",
                   "time_limit", "fees", "place", "office_hours", "phone", "online_url", "updated", NULL},
    /* messages: the fields are checked by parse_message_fields (records/parse_message.c) */
    [REC_MESSAGE] = {NULL},
    [REC_ATTACHMENT] = {"id", "item", "name", "content", NULL},
};

#define MAX_ID_BYTES 200
#define MAX_TEXT_BYTES (4 * 1024 * 1024)
/* the largest attachment an import carries (decoded) */
#define ATTACHMENT_IMPORT_MAX (64 * 1024 * 1024)


static void fail(struct ctx *c, const char *field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fail(struct ctx *c, const char *field, const char *fmt, ...)
{
    char reason[512], name[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    snprintf(name, sizeof name, "%s%s", c->prefix, field);
    c->error(c->ud, name, reason);
    c->errors++;
}

static const char *json_kind(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "a list";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "true/false";
    default: return "null";
    }
}

static void check_fields(struct ctx *c, json_t *obj, const char *const *names, bool skip_type)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        if (skip_type && strcmp(key, "type") == 0)
            continue;
        bool ok = false;
        for (int i = 0; names[i]; i++)
            if (strcmp(names[i], key) == 0)
                ok = true;
        if (!ok)
            fail(c, key, "unknown field");
    }
}

/* Member NAME of OBJ when it is of TYPE (WHAT names the type in the error: "a string"); NULL
 * when absent or null (an error if REQUIRED) or of another type (an error). */
static json_t *typed_field(struct ctx *c, json_t *obj, const char *name, bool required, json_type type,
                           const char *what)
{
    json_t *v = json_object_get(obj, name);
    if (!v || json_is_null(v)) {
        if (required)
            fail(c, name, "required");
        return NULL;
    }
    if (json_typeof(v) != type) {
        fail(c, name, "must be %s, not %s", what, json_kind(v));
        return NULL;
    }
    return v;
}

/* A string field: NULL when absent or null; reports wrong types, empties, and oversize. */
static const char *str_field(struct ctx *c, json_t *obj, const char *name, bool required, size_t max)
{
    json_t *v = typed_field(c, obj, name, required, JSON_STRING, "a string");
    if (!v)
        return NULL;
    const char *s = json_string_value(v);
    size_t len = json_string_length(v);
    if (strlen(s) != len) {
        fail(c, name, "contains a NUL character");
        return NULL;
    }
    if (required && len == 0) {
        fail(c, name, "must not be empty");
        return NULL;
    }
    if (len > max) {
        fail(c, name, "too long (%zu bytes, at most %zu)", len, max);
        return NULL;
    }
    return s;
}

static gk_date date_field(struct ctx *c, json_t *obj, const char *name, bool required)
{
    const char *s = str_field(c, obj, name, required, 64);
    if (!s)
        return NO_DATE;
    gk_date d;
    if (!date_parse(s, &d)) {
        fail(c, name, "'%s' is not a date (YYYY-MM-DD)", s);
        return NO_DATE;
    }
    int y = date_year(d);
    if (y < YEAR_MIN || y > YEAR_MAX) {
        fail(c, name, "%s is outside %d–%d", s, YEAR_MIN, YEAR_MAX);
        return NO_DATE;
    }
    return d;
}

/* A code from a table; -1 when absent (and not required) or invalid (reported). */
static int code_field(struct ctx *c, json_t *obj, const char *name, bool required, const struct code_name *table,
                      size_t n)
{
    const char *s = str_field(c, obj, name, required, 64);
    if (!s)
        return -1;
    int i = code_lookup(table, n, s);
    if (i < 0) {
        char list[512] = "";
        for (size_t k = 0; k < n; k++) {
            strncat(list, k ? ", " : "", sizeof list - strlen(list) - 1);
            strncat(list, table[k].code, sizeof list - strlen(list) - 1);
        }
        fail(c, name, "'%s' is not one of: %s", s, list);
    }
    return i;
}

static bool int_field(struct ctx *c, json_t *obj, const char *name, bool required, long long min, long long max,
                      long long *out)
{
    json_t *v = typed_field(c, obj, name, required, JSON_INTEGER, "an integer");
    if (!v)
        return false;
    long long x = json_integer_value(v);
    if (x < min || x > max) {
        fail(c, name, "%lld is outside %lld–%lld", x, min, max);
        return false;
    }
    *out = x;
    return true;
}

/* A yuan amount (number or decimal string, at most two decimals) in fen; -1 when absent. */
static long long yuan_field(struct ctx *c, json_t *obj, const char *name)
{
    json_t *v = json_object_get(obj, name);
    if (!v || json_is_null(v))
        return -1;
    long long fen;
    char text[64];
    if (json_is_integer(v)) {
        snprintf(text, sizeof text, "%lld", (long long)json_integer_value(v));
    } else if (json_is_real(v)) {
        /* Shortest text that reads back as the same double: "12.5", not "12.4999999". */
        snprintf(text, sizeof text, "%.15g", json_real_value(v));
    } else if (json_is_string(v)) {
        snprintf(text, sizeof text, "%s", json_string_value(v));
    } else {
        fail(c, name, "must be an amount in yuan, not %s", json_kind(v));
        return -1;
    }
    if (decimal_parse(text, 2, false, &fen) < 0) {
        fail(c, name, "'%s' is not an amount in yuan (at most two decimals, not negative)", text);
        return -1;
    }
    return fen;
}

static void parse_agency(struct ctx *c, json_t *o, struct agency_rec *r)
{
    r->code = str_field(c, o, "code", true, 128);
    r->name = str_field(c, o, "name", true, 200);
    r->parent = str_field(c, o, "parent", false, 128);
    int k = code_field(c, o, "kind", false, agency_kinds, 4);
    r->kind = k >= 0 ? agency_kinds[k].code : NULL;
    const char *names[] = {"short_name", "address", "office_hours", "phone", "fax", "email", "website", "postcode"};
    const char **dst[] = {&r->short_name, &r->address, &r->office_hours, &r->phone,
                          &r->fax,        &r->email,   &r->website,      &r->postcode};
    for (int i = 0; i < 8; i++)
        *dst[i] = str_field(c, o, names[i], false, 500);
    if (r->code && r->parent && strcmp(r->code, r->parent) == 0)
        fail(c, "parent", "an agency cannot be its own parent");
    /* the editorial workflow's 索引号 pattern, checked by the rule the store numbers with */
    r->index_pattern = str_field(c, o, "index_pattern", false, INDEX_PATTERN_MAX);
    char *why = NULL;
    if (r->index_pattern && index_pattern_check(r->index_pattern, &why) != RES_OK)
        fail(c, "index_pattern", "%s", strchr(why, ' ') ? strchr(why, ' ') + 1 : why);
    free(why);
    if (r->code)
        for (const char *p = r->code; *p; p++)
            if ((unsigned char)*p <= ' ' || *p == '/') {
                fail(c, "code", "must not contain spaces, control characters or '/'");
                break;
            }
}

static bool column_slug_ok(const char *s)
{
    if (!*s || *s == '/')
        return false;
    for (const char *p = s; *p; p++) {
        bool ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' ||
                  (*p == '/' && p[1] && p[1] != '/');
        if (!ok)
            return false;
    }
    return true;
}

static void parse_item(struct ctx *c, json_t *o, struct record *rec)
{
    struct item_rec *r = &rec->u.item;
    r->id = str_field(c, o, "id", true, MAX_ID_BYTES);
    r->agency = str_field(c, o, "agency", true, 128);
    r->title = str_field(c, o, "title", true, 2000);
    r->body = str_field(c, o, "body", false, MAX_TEXT_BYTES);
    r->column = str_field(c, o, "column", false, 200);
    if (r->column && !column_slug_ok(r->column))
        fail(c, "column", "'%s' is not a column path (lower-case letters, digits, '-', '_', separated by '/')",
             r->column);
    r->index_no = str_field(c, o, "index_no", false, 200);
    r->doc_no = str_field(c, o, "doc_no", false, 200);
    r->topic = str_field(c, o, "topic", false, 200);
    r->genre = str_field(c, o, "genre", false, 200);
    r->written = date_field(c, o, "written", false);
    r->repealed = date_field(c, o, "repealed", false);
    json_t *st = json_object_get(o, "statutory");
    if (st && !json_is_null(st)) {
        r->statutory = str_field(c, o, "statutory", false, 64);
        if (r->statutory && strcmp(r->statutory, "rule") && strcmp(r->statutory, "normative_document")) {
            fail(c, "statutory", "'%s' is not one of: rule, normative_document, null", r->statutory);
            r->statutory = NULL;
        }
    }
    if (r->written != NO_DATE && r->repealed != NO_DATE && r->repealed < r->written)
        fail(c, "repealed", "is before the written date");
    if (r->statutory && r->written == NO_DATE)
        fail(c, "written", "required for a rule or normative document (its 成文日期 decides the report year)");
    /* a withdrawal (editorial workflow) keeps its public note */
    r->withdrawn = date_field(c, o, "withdrawn", false);
    r->withdrawn_note = str_field(c, o, "withdrawn_note", false, 4000);
    if (r->withdrawn_note && !*r->withdrawn_note)
        r->withdrawn_note = NULL;
    if ((r->withdrawn != NO_DATE) != (r->withdrawn_note != NULL))
        fail(c, r->withdrawn != NO_DATE ? "withdrawn_note" : "withdrawn",
             "withdrawn and withdrawn_note go together (the day and the public note of a withdrawal)");

    json_t *pubs = typed_field(c, o, "publications", false, JSON_ARRAY, "a list");
    if (!pubs)
        return;
    size_t n = json_array_size(pubs);
    rec->pubs = xcalloc(n ? n : 1, sizeof *rec->pubs);
    static const char *const pub_fields[] = {"channel", "at", NULL};
    for (size_t i = 0; i < n; i++) {
        json_t *p = json_array_get(pubs, i);
        snprintf(c->prefix, sizeof c->prefix, "publications[%zu].", i);
        if (!json_is_object(p)) {
            fail(c, "", "must be an object {\"channel\", \"at\"}");
            continue;
        }
        check_fields(c, p, pub_fields, false);
        int ch = code_field(c, p, "channel", true, pub_channels, PUB_CHANNEL_COUNT);
        gk_date at = date_field(c, p, "at", true);
        if (ch >= 0 && at != NO_DATE) {
            rec->pubs[r->npubs].channel = (enum pub_channel)ch;
            rec->pubs[r->npubs].at = at;
            r->npubs++;
        }
    }
    c->prefix[0] = '\0';
    r->pubs = rec->pubs;
}

/* Fields each event kind allows (besides kind and date). */
static const char *const event_fields[EV_KIND_COUNT][4] = {
    [EV_CORRECTION_REQUESTED] = {"items", NULL},
    [EV_CORRECTION_RECEIVED] = {NULL},
    [EV_CONSULTATION_STARTED] = {"party", NULL},
    [EV_CONSULTATION_ENDED] = {NULL},
    [EV_EXTENDED] = {"days", "reason", NULL},
    [EV_FEE_NOTICE] = {"yuan", "basis", NULL},
    [EV_FEE_PAID] = {"yuan", NULL},
    [EV_FEE_LAPSED] = {NULL},
    [EV_CORRECTION_LAPSED] = {NULL},
    [EV_REPLIED] = {"outcome", "letter", NULL},
    [EV_WITHDRAWN] = {NULL},
};

static bool parse_event(struct ctx *c, json_t *e, struct app_event *ev)
{
    int before = c->errors;
    memset(ev, 0, sizeof *ev);
    if (!json_is_object(e)) {
        fail(c, "", "must be an object {\"kind\", \"date\", …}");
        return false;
    }
    int k = code_field(c, e, "kind", true, event_kinds, EV_KIND_COUNT);
    ev->date = date_field(c, e, "date", true);
    if (k < 0)
        return false;
    ev->kind = (enum event_kind)k;
    const char *names[8] = {"kind", "date"};
    for (int i = 0; event_fields[k][i]; i++)
        names[i + 2] = event_fields[k][i];
    check_fields(c, e, names, false);
    long long days = 0;
    switch (ev->kind) {
    case EV_CORRECTION_REQUESTED:
        ev->items = str_field(c, e, "items", false, 4000);
        break;
    case EV_CONSULTATION_STARTED:
        ev->party = str_field(c, e, "party", true, 64);
        if (ev->party && strcmp(ev->party, "third_party") && strcmp(ev->party, "agency"))
            fail(c, "party", "'%s' is not one of: third_party, agency", ev->party);
        break;
    case EV_EXTENDED:
        /* The cap depends on the Regulation (15 or 20): the clock checks it with its reason. */
        if (int_field(c, e, "days", true, 1, 366, &days))
            ev->days = (int)days;
        ev->reason = str_field(c, e, "reason", false, 4000);
        break;
    case EV_FEE_NOTICE:
    case EV_FEE_PAID:
        if (!json_object_get(e, "yuan") || json_is_null(json_object_get(e, "yuan")))
            fail(c, "yuan", "required");
        else
            ev->fen = yuan_field(c, e, "yuan");
        if (ev->kind == EV_FEE_NOTICE) {
            ev->basis = str_field(c, e, "basis", true, 64);
            if (ev->basis && strcmp(ev->basis, "per_item") && strcmp(ev->basis, "per_page"))
                fail(c, "basis", "'%s' is not one of: per_item, per_page", ev->basis);
        }
        break;
    case EV_REPLIED:
        ev->outcome = str_field(c, e, "outcome", true, 64);
        if (ev->outcome && !outcome_find(ev->outcome))
            fail(c, "outcome", "'%s' is not an outcome code (contracts §4)", ev->outcome);
        ev->letter = str_field(c, e, "letter", false, MAX_TEXT_BYTES);
        break;
    default:
        break;
    }
    return c->errors == before;
}

static void parse_application(struct ctx *c, json_t *o, struct record *rec)
{
    struct application_rec *r = &rec->u.application;
    r->id = str_field(c, o, "id", true, MAX_ID_BYTES);
    r->agency = str_field(c, o, "agency", true, 128);
    int t = code_field(c, o, "applicant_type", true, applicant_types, APPLICANT_COUNT);
    r->applicant_type = t >= 0 ? (enum applicant_type)t : APPLICANT_NATURAL_PERSON;
    int ch = code_field(c, o, "channel", false, app_channels, APP_CHANNEL_COUNT);
    r->has_channel = ch >= 0;
    r->channel = ch >= 0 ? (enum app_channel)ch : APP_CHANNEL_OTHER;
    r->received = date_field(c, o, "received", true);
    r->closed = date_field(c, o, "closed", false);
    r->outcome = str_field(c, o, "outcome", false, 64);
    r->subject = str_field(c, o, "subject", false, 4000);
    if (r->outcome && !outcome_find(r->outcome)) {
        fail(c, "outcome", "'%s' is not an outcome code (contracts §4)", r->outcome);
        r->outcome = NULL;
    }
    bool has_closed = json_object_get(o, "closed") && !json_is_null(json_object_get(o, "closed"));
    bool has_outcome = json_object_get(o, "outcome") && !json_is_null(json_object_get(o, "outcome"));
    if (has_closed && !has_outcome)
        fail(c, "outcome", "required when 'closed' is given (a closed application has an outcome)");
    if (has_outcome && !has_closed)
        fail(c, "closed", "required when 'outcome' is given (an application with an outcome is closed)");
    if (r->closed != NO_DATE && r->received != NO_DATE && r->closed < r->received)
        fail(c, "closed", "is before 'received'");
    json_t *ext = json_object_get(o, "extended");
    if (ext && !json_is_null(ext) && !json_is_boolean(ext))
        fail(c, "extended", "must be true or false, not %s", json_kind(ext));
    r->extended = ext && json_is_true(ext);
    r->fee_notice_fen = yuan_field(c, o, "fee_notice_yuan");
    r->fee_paid_fen = yuan_field(c, o, "fee_paid_yuan");

    json_t *events = typed_field(c, o, "events", false, JSON_ARRAY, "a list");
    if (!events)
        return;
    size_t n = json_array_size(events);
    rec->events = xcalloc(n ? n : 1, sizeof *rec->events);
    bool all_ok = true;
    for (size_t i = 0; i < n; i++) {
        snprintf(c->prefix, sizeof c->prefix, "events[%zu].", i);
        all_ok &= parse_event(c, json_array_get(events, i), &rec->events[i]);
    }
    c->prefix[0] = '\0';
    r->events = rec->events;
    r->nevents = n;
    r->has_events = true;
    if (!all_ok || r->received == NO_DATE || c->errors)
        return;

    /* The history decides closed/outcome; the record must say the same (contracts §2). */
    struct app_clock clk;
    char *err = NULL;
    if (deadline_compute(c->cal, r->received, r->events, n, date_today_cst(), &clk, &err)) {
        /* deadline_compute says "events[3]: kind: why"; the import says "events[3].kind: why". */
        char *colon = strstr(err, ": ");
        char *second = colon ? strstr(colon + 2, ": ") : NULL;
        if (colon && second && second - err < 80 && !memchr(colon + 2, ' ', (size_t)(second - colon - 2))) {
            char field[128];
            snprintf(field, sizeof field, "%.*s.%.*s", (int)(colon - err), err, (int)(second - colon - 2), colon + 2);
            fail(c, field, "%s", second + 2);
        } else if (colon && colon - err < 60) {
            *colon = '\0';
            fail(c, err, "%s", colon + 2);
        } else {
            fail(c, "events", "%s", err);
        }
        free(err);
        return;
    }
    char a[DATE_STR_SIZE], b[DATE_STR_SIZE];
    if (clk.closed && r->closed == NO_DATE)
        fail(c, "closed", "absent, but the events end handling on %s (%s)", date_format(clk.closed_on, a),
             clk.outcome);
    else if (!clk.closed && r->closed != NO_DATE)
        fail(c, "closed", "given, but no event ends handling (replied, withdrawn, fee_lapsed, correction_lapsed)");
    else if (clk.closed && clk.closed_on != r->closed)
        fail(c, "closed", "%s disagrees with the closing event's date %s", date_format(r->closed, a),
             date_format(clk.closed_on, b));
    else if (clk.closed && r->outcome && strcmp(clk.outcome, r->outcome) != 0)
        fail(c, "outcome", "'%s' disagrees with the closing event's outcome '%s'", r->outcome, clk.outcome);
    if (clk.extended && ext && json_is_false(ext))
        fail(c, "extended", "false, but the events hold an 'extended' event");
    if (clk.extended)
        r->extended = true;
    /* Fee figures follow the events when the record does not state them. */
    long long notice = 0, paid = 0;
    bool any_notice = false, any_paid = false;
    for (size_t i = 0; i < n; i++) {
        if (r->events[i].kind == EV_FEE_NOTICE) {
            notice += r->events[i].fen;
            any_notice = true;
        } else if (r->events[i].kind == EV_FEE_PAID) {
            paid += r->events[i].fen;
            any_paid = true;
        }
    }
    if (r->fee_notice_fen < 0 && any_notice)
        r->fee_notice_fen = notice;
    else if (any_notice && r->fee_notice_fen != notice)
        fail(c, "fee_notice_yuan", "disagrees with the fee_notice events");
    if (r->fee_paid_fen < 0 && any_paid)
        r->fee_paid_fen = paid;
    else if (any_paid && r->fee_paid_fen != paid)
        fail(c, "fee_paid_yuan", "disagrees with the fee_paid events");
}

static void parse_case(struct ctx *c, json_t *o, struct case_rec *r)
{
    r->id = str_field(c, o, "id", true, MAX_ID_BYTES);
    r->agency = str_field(c, o, "agency", true, 128);
    int k = code_field(c, o, "kind", true, case_kinds, CASE_KIND_COUNT);
    r->kind = k >= 0 ? (enum case_kind)k : CASE_RECONSIDERATION;
    r->filed = date_field(c, o, "filed", true);
    r->decided = date_field(c, o, "decided", false);
    /* 'pending' is a report column, not a result a record can hold. */
    int res = code_field(c, o, "result", false, case_results, RESULT_PENDING);
    r->result = res >= 0 ? res : RESULT_PENDING;
    r->application = str_field(c, o, "application", false, MAX_ID_BYTES);
    bool has_decided = json_object_get(o, "decided") && !json_is_null(json_object_get(o, "decided"));
    bool has_result = json_object_get(o, "result") && !json_is_null(json_object_get(o, "result"));
    if (has_decided && !has_result)
        fail(c, "result", "required when 'decided' is given");
    if (has_result && !has_decided)
        fail(c, "decided", "required when 'result' is given");
    if (r->decided != NO_DATE && r->filed != NO_DATE && r->decided < r->filed)
        fail(c, "decided", "is before 'filed'");
}

static void parse_visit(struct ctx *c, json_t *o, struct visit_rec *r)
{
    r->id = str_field(c, o, "id", true, MAX_ID_BYTES);
    r->agency = str_field(c, o, "agency", true, 128);
    r->date = date_field(c, o, "date", true);
    int_field(c, o, "count", true, 0, 1000000000, &r->count);
    r->point = str_field(c, o, "point", false, 500);
}

static void parse_tally(struct ctx *c, json_t *o, struct tally_rec *r)
{
    r->agency = str_field(c, o, "agency", true, 128);
    long long year = 0;
    if (int_field(c, o, "year", true, YEAR_MIN, YEAR_MAX, &year))
        r->year = (int)year;
    r->key = str_field(c, o, "key", true, 64);
    const struct tally_key_info *k = r->key ? tally_key_find(r->key) : NULL;
    if (r->key && !k) {
        fail(c, "key", "'%s' is not a tally key (see docs/import-format.md)", r->key);
        return;
    }
    json_t *v = json_object_get(o, "value");
    if (!k)
        return;
    if (!v || json_is_null(v)) {
        fail(c, "value", "required");
        return;
    }
    if (k->kind == TALLY_WAN_YUAN) {
        char text[64];
        if (json_is_string(v))
            snprintf(text, sizeof text, "%s", json_string_value(v));
        else if (json_is_integer(v))
            snprintf(text, sizeof text, "%lld", (long long)json_integer_value(v));
        else {
            fail(c, "value", "must be a decimal string of 万元 (e.g. \"12.3456\"), not %s", json_kind(v));
            return;
        }
        int places = decimal_parse(text, 6, false, &r->value);
        if (places < 0)
            fail(c, "value", "'%s' is not an amount in 万元 (at most six decimals, not negative)", text);
        else
            r->places = places;
    } else {
        long long min = k->kind == TALLY_SIGNED ? -1000000000 : 0;
        int_field(c, o, "value", true, min, 1000000000, &r->value);
    }
}

static void parse_narrative(struct ctx *c, json_t *o, struct narrative_rec *r)
{
    r->agency = str_field(c, o, "agency", true, 128);
    long long year = 0;
    if (int_field(c, o, "year", true, YEAR_MIN, YEAR_MAX, &year))
        r->year = (int)year;
    int s = code_field(c, o, "section", true, narrative_sections, NARR_COUNT);
    r->section = s >= 0 ? (enum narrative_section)s : NARR_OTHER;
    r->text = str_field(c, o, "text", true, MAX_TEXT_BYTES);
    /* The text is a template citing live figures: refuse one that cannot compile now,
     * rather than a report that cannot render later. */
    char *err = NULL;
    mustache_t *t = r->text ? mustache_compile(r->text, &err) : NULL;
    if (r->text && !t)
        fail(c, "text", "%s", err ? err : "not a valid template");
    mustache_free(t);
    free(err);
}

/* ---- messages (互动交流, issue 10): one record per message with its current state
 * (docs/import-format.md). ---- */
static const char *const message_record_fields[] = {
    "id", "agency", "kind", "state", "subject", "body", "name", "phone", "email", "code", "code_hash",
    "created", "due", "flag", "assignee", "transferred_from", "reply", "reply_by", "replied",
    "public_subject", "public_body", "public_reply", "published", "note", NULL};

/* 'YYYY-MM-DD HH:MM:SS' (China Standard Time) in the years records accept. */
static const char *time_field(struct ctx *c, json_t *o, const char *name, bool required)
{
    const char *s = str_field(c, o, name, required, 64);
    if (!s)
        return NULL;
    int h = -1, mi = -1, se = -1, n = 0;
    char day[11] = "";
    gk_date d;
    if (strlen(s) != 19 || sscanf(s, "%10s %2d:%2d:%2d%n", day, &h, &mi, &se, &n) != 4 || n != 19 ||
        !date_parse(day, &d) || h > 23 || mi > 59 || se > 59 || h < 0 || mi < 0 || se < 0 || s[13] != ':' ||
        s[16] != ':') {
        fail(c, name, "'%s' is not a time (YYYY-MM-DD HH:MM:SS)", s);
        return NULL;
    }
    if (!year_in_range(date_year(d))) {
        fail(c, name, "%s is outside %d–%d", s, YEAR_MIN, YEAR_MAX);
        return NULL;
    }
    return s;
}

static void parse_message(struct ctx *c, json_t *o, struct message_rec *r)
{
    r->number = str_field(c, o, "id", true, 64);
    if (r->number && !msg_number_parse(r->number, &(int){0}, &(long long){0}, NULL))
        fail(c, "id", "'%s' is not a message number (LY2026-000123)", r->number);
    r->agency = str_field(c, o, "agency", true, 128);
    const char *kind = str_field(c, o, "kind", true, 64);
    int k = msg_kind_find(kind);
    if (kind && k < 0)
        fail(c, "kind", "'%s' is not one of: suggestion, leader, question, complaint", kind);
    r->kind = k >= 0 ? (enum msg_kind)k : MSG_QUESTION;
    int st = code_field(c, o, "state", true, msg_states, MSG_STATE_COUNT);
    r->state = st >= 0 ? (enum msg_state)st : MSG_RECEIVED;
    r->subject = str_field(c, o, "subject", true, 600);
    r->body = str_field(c, o, "body", true, 60000);
    r->name = str_field(c, o, "name", true, 200);
    r->phone = str_field(c, o, "phone", false, 64);
    r->email = str_field(c, o, "email", false, 200);
    r->code = str_field(c, o, "code", false, 64);
    r->code_hash = str_field(c, o, "code_hash", false, 128);
    char code[MSG_CODE_LEN + 1];
    if (r->code && !msg_code_normalize(r->code, code))
        fail(c, "code", "'%s' is not a query code (%d characters of %s)", r->code, MSG_CODE_LEN, MSG_CODE_ALPHABET);
    if (r->code_hash && (strlen(r->code_hash) != 64 || strspn(r->code_hash, "0123456789abcdef") != 64))
        fail(c, "code_hash", "must be 64 lower-case hex digits");
    if (!r->code == !r->code_hash)
        fail(c, r->code ? "code_hash" : "code", "give exactly one of 'code' (the plain query code) and 'code_hash'");
    r->created = time_field(c, o, "created", true);
    r->due = NULL;
    gk_date due = date_field(c, o, "due", false);
    if (due != NO_DATE)
        r->due = str_field(c, o, "due", false, 64);
    r->flag = str_field(c, o, "flag", false, 200);
    r->assignee = str_field(c, o, "assignee", false, 200);
    r->transferred_from = str_field(c, o, "transferred_from", false, 128);
    r->reply = str_field(c, o, "reply", false, 60000);
    r->reply_by = str_field(c, o, "reply_by", false, 200);
    r->replied = time_field(c, o, "replied", false);
    r->public_subject = str_field(c, o, "public_subject", false, 600);
    r->public_body = str_field(c, o, "public_body", false, 60000);
    r->public_reply = str_field(c, o, "public_reply", false, 60000);
    r->published = time_field(c, o, "published", false);
    r->note = str_field(c, o, "note", false, 4000);
    if (st < 0)
        return;
    /* What each state implies. */
    bool answered = r->state == MSG_REPLIED || r->state == MSG_PUBLISHED;
    if (answered && (!r->reply || !r->replied))
        fail(c, r->reply ? "replied" : "reply", "required in state '%s'", msg_states[r->state].code);
    if (!answered && r->state != MSG_CLOSED && (r->reply || r->replied))
        fail(c, "reply", "a message in state '%s' has no reply", msg_states[r->state].code);
    if (r->state == MSG_PUBLISHED) {
        const char *need[] = {"public_subject", "public_body", "public_reply", "published"};
        const char *have[] = {r->public_subject, r->public_body, r->public_reply, r->published};
        for (int i = 0; i < 4; i++)
            if (!have[i])
                fail(c, need[i], "required in state 'published'");
        for (int i = 0; i < 3; i++)
            if (have[i] && msg_has_personal_data(have[i]))
                fail(c, need[i], "holds a mobile number, identity number or e-mail address: a published Q&A must not");
    } else if (r->public_subject || r->public_body || r->public_reply || r->published) {
        fail(c, "published", "only a message in state 'published' has a public version");
    }
    if (r->state == MSG_TRANSFERRED && !r->transferred_from)
        fail(c, "transferred_from", "required in state 'transferred'");
    if (r->created && r->replied && strcmp(r->replied, r->created) < 0)
        fail(c, "replied", "is before 'created'");
    if (r->replied && r->published && strcmp(r->published, r->replied) < 0)
        fail(c, "published", "is before 'replied'");
}

/* attachment (issue 8 item 4): the content is checked the way an upload is: its type by its
 * bytes, its name cleaned and given that type's extension. */
static void parse_attachment(struct ctx *c, json_t *o, struct record *out)
{
    struct attachment_rec *r = &out->u.attachment;
    r->id = str_field(c, o, "id", true, MAX_ID_BYTES);
    r->item = str_field(c, o, "item", true, MAX_ID_BYTES);
    const char *name = str_field(c, o, "name", true, 1024);
    const char *b64 = str_field(c, o, "content", true, ATTACHMENT_IMPORT_MAX / 3 * 4 + 8);
    if (name) {
        char *clean = NULL, *why = NULL;
        if (file_name_clean(name, &clean, &why) != RES_OK)
            fail(c, "name", "%s", why && strchr(why, ' ') ? strchr(why, ' ') + 1 : "not a usable file name");
        free(why);
        out->label = clean;
    }
    if (!b64)
        return;
    size_t n = strlen(b64), len = 0;
    out->blob = xmalloc(n / 4 * 3 + 3);
    if (sodium_base642bin(out->blob, n / 4 * 3 + 3, b64, n, " \n", &len, NULL, sodium_base64_VARIANT_ORIGINAL) != 0) {
        fail(c, "content", "not valid base64");
        return;
    }
    if (len == 0) {
        fail(c, "content", "must not be empty");
        return;
    }
    const struct file_type *t = file_type_sniff(out->blob, len);
    if (!t) {
        fail(c, "content", "not an accepted file type (PDF, Word, Excel, PowerPoint, JPEG, PNG or ZIP, judged by the "
                           "content's first bytes)");
        return;
    }
    r->data = out->blob;
    r->size = len;
    r->mime = t->mime;
    unsigned char d[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(d, out->blob, len);
    sodium_bin2hex(r->sha256, sizeof r->sha256, d, sizeof d);
    if (out->label) {
        char *with = file_name_with_ext(out->label, t->ext);
        free(out->label);
        out->label = with;
        r->name = with;
    }
}

int record_parse(const char *line, size_t len, const calendar_t *cal, struct record *out, record_error_fn error,
                 void *ud)
{
    struct ctx c = {cal, error, ud, 0, ""};
    memset(out, 0, sizeof *out);
    json_error_t jerr;
    json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!o) {
        fail(&c, "json", "column %d: %s", jerr.column, jerr.text);
        return c.errors;
    }
    out->json = o;
    if (!json_is_object(o)) {
        fail(&c, "json", "a record must be an object, not %s", json_kind(o));
        return c.errors;
    }
    const char *type = str_field(&c, o, "type", true, 64);
    if (!type)
        return c.errors;
    int t = -1;
    for (int i = 0; i < REC_TYPE_COUNT; i++)
        if (strcmp(record_type_names[i], type) == 0)
            t = i;
    if (t < 0) {
        fail(&c, "type",
             "'%s' is not a record type (agency, item, application, case, visit, tally, narrative, guide, message, "
             "attachment)",
             type);
        return c.errors;
    }
    out->type = (enum record_type)t;
    if (out->type == REC_MESSAGE)
        check_fields(&c, o, message_record_fields, true);
    else
        check_fields(&c, o, allowed[t], true);
    switch (out->type) {
    case REC_AGENCY: parse_agency(&c, o, &out->u.agency); break;
    case REC_ITEM: parse_item(&c, o, out); break;
    case REC_APPLICATION: parse_application(&c, o, out); break;
    case REC_CASE: parse_case(&c, o, &out->u.kase); break;
    case REC_VISIT: parse_visit(&c, o, &out->u.visit); break;
    case REC_TALLY: parse_tally(&c, o, &out->u.tally); break;
    case REC_NARRATIVE: parse_narrative(&c, o, &out->u.narrative); break;
    case REC_GUIDE: parse_guide(&c, o, out); break;
    case REC_MESSAGE: parse_message(&c, o, &out->u.message); break;
    case REC_ATTACHMENT: parse_attachment(&c, o, out); break;
    default: break;
    }
    return c.errors;
}

void record_release(struct record *r)
{
    json_decref(r->json);
    free(r->pubs);
    free(r->events);
    arena_free(r->arena);
    free(r->blob);
    free(r->label);
    memset(r, 0, sizeof *r);
}

/* ---- the field readers, for the parsers of other record types (parse_internal.h) ---- */

void rec_fail(struct ctx *c, const char *field, const char *reason)
{
    fail(c, field, "%s", reason);
}

const char *rec_str_field(struct ctx *c, json_t *obj, const char *name, bool required, size_t max)
{
    return str_field(c, obj, name, required, max);
}

gk_date rec_date_field(struct ctx *c, json_t *obj, const char *name, bool required)
{
    return date_field(c, obj, name, required);
}

bool rec_int_field(struct ctx *c, json_t *obj, const char *name, bool required, long long min, long long max,
                   long long *out)
{
    return int_field(c, obj, name, required, min, max, out);
}

json_t *rec_typed_field(struct ctx *c, json_t *obj, const char *name, bool required, json_type type,
                        const char *what)
{
    return typed_field(c, obj, name, required, type, what);
}

void rec_check_fields(struct ctx *c, json_t *obj, const char *const *names)
{
    check_fields(c, obj, names, false);
}

const char *rec_json_kind(const json_t *v)
{
    return json_kind(v);
}

bool rec_column_slug_ok(const char *s)
{
    return column_slug_ok(s);
}
