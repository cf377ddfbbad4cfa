/* The record parser's field readers, shared by the parsers of record types that live in
 * files of their own (parse_guide.c). Each reports its problems through rec_fail as
 * (prefix + field, reason) and returns NULL / NO_DATE / false for a bad or absent value. */
#ifndef GK_PARSE_INTERNAL_H
#define GK_PARSE_INTERNAL_H
#include "domain/calendar.h"
#include "records/parse.h"

struct ctx {
    const calendar_t *cal;
    record_error_fn error;
    void *ud;
    int errors;
    char prefix[64]; /* "events[3]." while checking an event */
};

void rec_fail(struct ctx *c, const char *field, const char *reason);
const char *rec_str_field(struct ctx *c, json_t *obj, const char *name, bool required, size_t max);
gk_date rec_date_field(struct ctx *c, json_t *obj, const char *name, bool required);
bool rec_int_field(struct ctx *c, json_t *obj, const char *name, bool required, long long min, long long max,
                   long long *out);
json_t *rec_typed_field(struct ctx *c, json_t *obj, const char *name, bool required, json_type type,
                        const char *what);
/* Unknown members of OBJ (a nested object: no "type" to skip) are errors. */
void rec_check_fields(struct ctx *c, json_t *obj, const char *const *names);
const char *rec_json_kind(const json_t *v);
bool rec_column_slug_ok(const char *s);

/* A guide record (parse_guide.c): fills rec->u.guide, its lists in rec->arena. */
void parse_guide(struct ctx *c, json_t *o, struct record *rec);

#endif
