/* The records of contracts §2 as C structs: what import validates into, what the store
 * writes and reads, and what export turns back into JSON. Strings are owned by whoever
 * filled the struct (the parser's arena of one record, or the store's row buffer). */
#ifndef GK_RECORDS_H
#define GK_RECORDS_H
#include "domain/deadline.h"
#include "domain/taxonomy.h"
#include "util/date.h"
#include <stdbool.h>
#include <stddef.h>

struct agency_rec {
    const char *code, *name, *parent; /* parent: NULL for the root */
    const char *kind;                 /* government | department | township | other */
    /* extensions (optional): what the 政府信息公开指南 shows */
    const char *short_name, *address, *office_hours, *phone, *fax, *email, *website, *postcode;
    const char *index_pattern; /* 索引号 pattern (domain/index_pattern.h); NULL: the default */
};

struct publication_rec {
    enum pub_channel channel;
    gk_date at;
};

struct item_rec {
    const char *id, *agency, *title, *body, *column, *index_no, *doc_no, *topic, *genre;
    const char *statutory; /* NULL | "rule" | "normative_document" */
    gk_date written, repealed; /* NO_DATE when absent */
    /* withdrawn from the portal on that day with a public note (editorial workflow): an item
     * is withdrawn when withdrawn_note is set (so that a zero-initialised record is not) */
    gk_date withdrawn;
    const char *withdrawn_note;
    struct publication_rec *pubs;
    size_t npubs;
};

struct application_rec {
    const char *id, *agency;
    enum applicant_type applicant_type;
    enum app_channel channel; /* APP_CHANNEL_OTHER when absent */
    bool has_channel;
    gk_date received, closed; /* closed: NO_DATE while open */
    const char *outcome;      /* NULL while open */
    bool extended;
    long long fee_notice_fen, fee_paid_fen; /* -1 when absent */
    /* extensions (optional, personal data masked on output) */
    const char *subject;
    struct app_event *events;
    size_t nevents;
    bool has_events;
};

struct case_rec {
    const char *id, *agency, *application;
    enum case_kind kind;
    gk_date filed, decided;
    int result; /* enum case_result, RESULT_PENDING when undecided */
};

struct visit_rec {
    const char *id, *agency, *point;
    gk_date date;
    long long count;
};

enum tally_kind { TALLY_COUNT, TALLY_SIGNED, TALLY_WAN_YUAN };

struct tally_rec {
    const char *agency, *key;
    int year;
    long long value; /* counts as they are; 万元 amounts in units of 0.000001 万元 (= 1 fen) */
    int places;      /* 万元 amounts: the decimal places written (kept on output) */
};

enum narrative_section { NARR_OVERVIEW, NARR_PROACTIVE, NARR_APPLICATIONS, NARR_PROBLEMS, NARR_OTHER, NARR_COUNT };
extern const struct code_name narrative_sections[NARR_COUNT];

struct narrative_rec {
    const char *agency, *text;
    int year;
    enum narrative_section section;
};

/* Tally keys and how their values are written. */
struct tally_key_info {
    const char *key;
    enum tally_kind kind;
    const char *label;
};
extern const struct tally_key_info tally_keys[];
extern const size_t tally_key_count;
const struct tally_key_info *tally_key_find(const char *key);

extern const struct code_name agency_kinds[4];

/* attachment (issue 8 item 4): a file of an item. The content arrives as base64; the type
 * is what its bytes are (domain/file_type.h), the name a cleaned label (domain/file_name.h). */
struct attachment_rec {
    const char *id, *item;
    const char *name;              /* the cleaned label, with the sniffed type's extension */
    const char *mime;              /* sniffed */
    const unsigned char *data;     /* decoded content */
    size_t size;
    char sha256[65];               /* hex */
};

#endif
