/* The reply due date of a message: the kind's time limit (settings msg_days_*, working
 * days) counted on the platform's calendar from the day it arrived. Shared by the import
 * (a record without `due`) and the public form. */
#ifndef GK_RECORDS_MESSAGE_DUE_H
#define GK_RECORDS_MESSAGE_DUE_H
#include "model/message.h"
#include "store/store.h"

/* OUT = "YYYY-MM-DD" for a message of KIND created at CREATED ('YYYY-MM-DD …'): RES_OK;
 * RES_NOT_FOUND when the calendar's data does not reach that far (no due date yet);
 * RES_FAILED (reading the setting). */
res_t message_due_date(store_t *s, enum msg_kind kind, const char *created, char out[11], char **err);

#endif
