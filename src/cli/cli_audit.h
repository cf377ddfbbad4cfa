/* The audit rows of changes made from the command line (`gongkai user …`): the actor is
 * "cli:" and the operating-system user, the address empty. */
#ifndef GK_CLI_AUDIT_H
#define GK_CLI_AUDIT_H
#include "store/store.h"
#include <stdbool.h>

/* Appends one audit row (store_audit_append) in the open transaction. BEFORE and AFTER are
 * JSON texts (malloc'd, taken and freed here) or NULL. */
res_t cli_audit(store_t *s, const char *action, const char *login, char *before, char *after, char **why);

#endif
