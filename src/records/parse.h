/* Parsing and validating one JSON Lines record (contracts §2) into the structs of
 * records.h. Every problem found is reported through the error callback as
 * (field, reason); the importer prefixes FILE:LINE. */
#ifndef GK_PARSE_H
#define GK_PARSE_H
#include "model/guide.h"
#include "model/message.h"
#include "model/records.h"
#include "util/arena.h"
#include <jansson.h>
#include <stddef.h>

enum record_type {
    REC_AGENCY, REC_ITEM, REC_APPLICATION, REC_CASE, REC_VISIT, REC_TALLY, REC_NARRATIVE,
    REC_GUIDE, /* service guides (records/parse_guide.c) */
    REC_MESSAGE, /* messages (互动交流, issue 10): records/parse_message.c */
    REC_ATTACHMENT, /* attachments (issue 8 item 4) */
    REC_TYPE_COUNT
};
extern const char *const record_type_names[REC_TYPE_COUNT];

struct record {
    enum record_type type;
    union {
        struct agency_rec agency;
        struct item_rec item;
        struct application_rec application;
        struct case_rec kase;
        struct visit_rec visit;
        struct tally_rec tally;
        struct narrative_rec narrative;
        struct guide_rec guide;
        struct message_rec message;
        struct attachment_rec attachment;
    } u;
    json_t *json; /* owns the strings the struct points to */
    struct publication_rec *pubs;
    struct app_event *events;
    arena_t *arena; /* a guide's lists (NULL for other types) */
    unsigned char *blob; /* an attachment's decoded content */
    char *label;         /* an attachment's cleaned name */
};

typedef void (*record_error_fn)(void *ud, const char *field, const char *reason);

/* Parses LINE (len bytes); an application's events are checked against CAL (the
 * database's calendar: built-in and imported holiday notices). Returns the number of
 * errors reported (0: *out is filled and must be released with record_release). */
int record_parse(const char *line, size_t len, const calendar_t *cal, struct record *out, record_error_fn error,
                 void *ud);
void record_release(struct record *r);

#endif
