/* The fixed vocabularies of the records (contracts §2, §4, §6): applicant types,
 * channels, outcome codes and their report rows, event kinds, case kinds.
 * Each enum has a code table: code strings are the contract's, labels are Chinese. */
#ifndef GK_TAXONOMY_H
#define GK_TAXONOMY_H
#include <stddef.h>

/* Applicant types = the six numeric columns of table 三 (the 7th is 总计). */
enum applicant_type {
    APPLICANT_NATURAL_PERSON,
    APPLICANT_COMMERCIAL_ENTERPRISE,
    APPLICANT_RESEARCH_INSTITUTION,
    APPLICANT_PUBLIC_INTEREST_ORG,
    APPLICANT_LEGAL_SERVICE_ORG,
    APPLICANT_OTHER_ORG,
    APPLICANT_COUNT
};
#define TABLE3_COLUMNS (APPLICANT_COUNT + 1) /* + total */

/* How an application arrived (申请渠道). */
enum app_channel {
    APP_CHANNEL_IN_PERSON,
    APP_CHANNEL_LETTER,
    APP_CHANNEL_ONLINE,
    APP_CHANNEL_FAX,
    APP_CHANNEL_EMAIL,
    APP_CHANNEL_OTHER,
    APP_CHANNEL_COUNT
};

/* Publication channels of proactive disclosure. */
enum pub_channel {
    PUB_CHANNEL_GAZETTE,
    PUB_CHANNEL_WEBSITE,
    PUB_CHANNEL_WEIBO,
    PUB_CHANNEL_WECHAT,
    PUB_CHANNEL_OTHER,
    PUB_CHANNEL_COUNT
};

/* Rows of table 三 (2021 format), in table order. ROW_NEW … ROW_CARRIED_FORWARD. */
enum table3_row {
    ROW_NEW,
    ROW_CARRIED_IN,
    ROW_DISCLOSED,
    ROW_PARTIALLY_DISCLOSED,
    ROW_WITHHELD_STATE_SECRET,
    ROW_WITHHELD_PROHIBITED_BY_LAW,
    ROW_WITHHELD_SECURITY_STABILITY,
    ROW_WITHHELD_THIRD_PARTY,
    ROW_WITHHELD_INTERNAL_AFFAIRS,
    ROW_WITHHELD_PROCESS_INFORMATION,
    ROW_WITHHELD_ENFORCEMENT_FILES,
    ROW_WITHHELD_ADMINISTRATIVE_QUERY,
    ROW_UNAVAILABLE_NOT_HELD,
    ROW_UNAVAILABLE_REQUIRES_CREATION,
    ROW_UNAVAILABLE_UNCLEAR_AFTER_CORRECTION,
    ROW_NOT_PROCESSED_PETITION,
    ROW_NOT_PROCESSED_REPEATED,
    ROW_NOT_PROCESSED_PUBLICATION,
    ROW_NOT_PROCESSED_EXCESSIVE,
    ROW_NOT_PROCESSED_CONFIRM_REISSUE,
    ROW_OTHER_NO_CORRECTION,
    ROW_OTHER_FEE_UNPAID,
    ROW_OTHER,
    ROW_TOTAL,
    ROW_CARRIED_FORWARD,
    TABLE3_ROWS
};

/* Outcome groups of the legacy layout and of table 三's group headers （一）…（六）. */
enum outcome_group {
    GROUP_DISCLOSED,
    GROUP_PARTIALLY_DISCLOSED,
    GROUP_WITHHELD,
    GROUP_UNAVAILABLE,
    GROUP_NOT_PROCESSED,
    GROUP_OTHER,
    GROUP_COUNT
};

/* Outcome codes: every table-三 result row plus the two finer codes of contracts §4. */
struct outcome_info {
    const char *code;
    enum table3_row row;     /* the 2021 row it counts in */
    enum outcome_group group;
    const char *label;       /* short Chinese description for letters and pages */
};

struct table3_row_info {
    const char *key;    /* JSON ROW_KEY */
    const char *label;  /* exact label of ogi-rules §1.5 (level 2 or 3) */
};

enum case_kind { CASE_RECONSIDERATION, CASE_LITIGATION_DIRECT, CASE_LITIGATION_AFTER_RECONSIDERATION, CASE_KIND_COUNT };
enum case_result { RESULT_UPHELD, RESULT_CORRECTED, RESULT_OTHER, RESULT_PENDING, CASE_RESULT_COUNT };

enum event_kind {
    EV_CORRECTION_REQUESTED,
    EV_CORRECTION_RECEIVED,
    EV_CONSULTATION_STARTED,
    EV_CONSULTATION_ENDED,
    EV_EXTENDED,
    EV_FEE_NOTICE,
    EV_FEE_PAID,
    EV_FEE_LAPSED,
    EV_CORRECTION_LAPSED,
    EV_REPLIED,
    EV_WITHDRAWN,
    EV_KIND_COUNT
};

/* A code table: index ↔ code string ↔ Chinese label. */
struct code_name {
    const char *code;
    const char *label;
};

extern const struct code_name applicant_types[APPLICANT_COUNT];
extern const struct code_name app_channels[APP_CHANNEL_COUNT];
extern const struct code_name pub_channels[PUB_CHANNEL_COUNT];
extern const struct code_name case_kinds[CASE_KIND_COUNT];
extern const struct code_name case_results[CASE_RESULT_COUNT];
extern const struct code_name event_kinds[EV_KIND_COUNT];
extern const struct table3_row_info table3_rows[TABLE3_ROWS];
extern const struct outcome_info outcomes[];
extern const size_t outcome_count;

/* Index of CODE in TABLE (n entries), or -1. */
int code_lookup(const struct code_name *table, size_t n, const char *code);
#define CODE_LOOKUP(table, code) code_lookup((table), sizeof(table) / sizeof((table)[0]), (code))

/* The outcome with this code, or NULL. */
const struct outcome_info *outcome_find(const char *code);

/* The outcome an event ends handling with (fee_lapsed → other_fee_unpaid, …),
 * NULL for events that do not end handling or whose outcome is carried (replied). */
const char *event_implied_outcome(enum event_kind kind);

#endif
