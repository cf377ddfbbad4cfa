#ifndef GK_CLI_STORE_H
#define GK_CLI_STORE_H
#include "cli/cli.h"
#include "store/store.h"

/* Opens cli->db_target; with migrate, creates/upgrades the schema; without, refuses a
 * database that is missing or on another schema version. Prints the error. RES_OK (*out
 * is open), RES_REFUSED (no database there, or another schema version), RES_FAILED. */
res_t cli_open_store(const struct cli *cli, const char *command, bool migrate, store_t **out);

#endif
