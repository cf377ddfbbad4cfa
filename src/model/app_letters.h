/* The letters of an application (issue 9 item 5): 答复告知书 (one wording per outcome
 * group, citing its article), 补正告知书, 延期答复告知书, 信息处理费缴费通知 and
 * 征求意见书, drafted from the Mustache templates in assets/letters/ (plain text) from
 * the application's events. A handler edits the draft and issues it; the store keeps
 * both (store_applications.h). */
#ifndef GK_APP_LETTERS_H
#define GK_APP_LETTERS_H
#include "domain/calendar.h"
#include "model/records.h"

enum letter_kind { LETTER_REPLY, LETTER_CORRECTION, LETTER_EXTENSION, LETTER_FEE, LETTER_CONSULTATION, LETTER_KIND_COUNT };
extern const struct code_name letter_kinds[LETTER_KIND_COUNT];

/* The event a letter of KIND is drafted from (the last one of its kind in R), or NULL
 * when R has none (no letter of that kind yet). */
const struct app_event *letter_event(const struct application_rec *r, enum letter_kind kind);

/* The draft text (malloc'd) of a KIND letter for R from AGENCY (its name) to APPLICANT
 * (the name, NULL for 申请人), dated TODAY; NULL with *err when R has no event for it. */
char *letter_draft(const calendar_t *cal, const struct application_rec *r, enum letter_kind kind,
                   const char *agency, const char *applicant, gk_date today, char **err);

#endif
