#ifndef GK_CLI_STORE_H
#define GK_CLI_STORE_H
#include "cli/cli.h"
#include "store/store.h"

/* Opens cli->db_target; with migrate, creates/upgrades the schema; without, refuses a
 * database that is missing or on another schema version. Prints the error; returns an
 * exit status (0 = *out is open). */
int cli_open_store(const struct cli *cli, const char *command, bool migrate, store_t **out);

#endif
