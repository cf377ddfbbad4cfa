/* The reply due date of a message (message_due.h). */
#include "records/message_due.h"
#include "domain/calendar.h"
#include "domain/settings.h"
#include "store/store_settings.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

res_t message_due_date(store_t *s, enum msg_kind kind, const char *created, char out[11], char **err)
{
    char *value = NULL;
    res_t rc = store_setting_get(s, msg_kinds[kind].days_key, &value, err);
    if (rc == RES_NOT_FOUND)
        rc = RES_OK;
    if (rc != RES_OK)
        return rc;
    int days = (int)settings_uint(msg_kinds[kind].days_key, value);
    free(value);
    char day[11];
    gk_date d, due;
    snprintf(day, sizeof day, "%.10s", created ? created : "");
    if (!date_parse(day, &d))
        return RES_NOT_FOUND;
    if (msg_due(calendar_default(), d, days, &due) != RES_OK)
        return RES_NOT_FOUND;
    date_format(due, out);
    return RES_OK;
}
