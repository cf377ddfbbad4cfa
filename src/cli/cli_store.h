#ifndef GK_CLI_STORE_H
#define GK_CLI_STORE_H
#include "cli/cli.h"
#include "store/store.h"
#include "store/store_holidays.h"

/* Opens cli->db_target; with migrate, creates/upgrades the schema; without, refuses a
 * database that is missing or on another schema version. Prints the error. RES_OK (*out
 * is open), RES_REFUSED (no database there, or another schema version), RES_FAILED. */
res_t cli_open_store(const struct cli *cli, const char *command, bool migrate, store_t **out);

/* The statutory clock: the working-day calendar for a command. With a database at
 * cli->db_target, its imported holiday notices over the built-in years; with no
 * database file there, the built-in years alone (nothing is created). Prints the error.
 * *out is the caller's (calendar_free). */
res_t cli_load_calendar(const struct cli *cli, const char *command, calendar_t **out);

#endif
