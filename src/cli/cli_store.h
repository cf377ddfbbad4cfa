#ifndef GK_CLI_STORE_H
#define GK_CLI_STORE_H
#include "cli/cli.h"
#include "store/store.h"
#include "store/store_holidays.h"

/* What a command does with the database. */
enum cli_store_mode {
    CLI_STORE_READ = 0,    /* reads only: a read-only database serves it */
    CLI_STORE_MIGRATE = 1, /* creates the database or upgrades its schema (init, demo) */
    CLI_STORE_WRITE = 2,   /* writes records or settings into an existing database */
};

/* Opens cli->db_target for COMMAND. CLI_STORE_MIGRATE creates/upgrades the schema; the other
 * modes refuse a database that is missing or on another schema version; the writing modes
 * refuse a database this user cannot write, in one line, before anything is tried. Prints
 * the error. RES_OK (*out is open), RES_REFUSED (no database there, or another schema
 * version), RES_FAILED (cannot open, or read-only for a writing mode). */
res_t cli_open_store(const struct cli *cli, const char *command, enum cli_store_mode mode, store_t **out);

/* The statutory clock: the working-day calendar for a command. With a database at
 * cli->db_target, its imported holiday notices over the built-in years; with no
 * database file there, the built-in years alone (nothing is created). Prints the error.
 * *out is the caller's (calendar_free). */
res_t cli_load_calendar(const struct cli *cli, const char *command, calendar_t **out);

#endif
