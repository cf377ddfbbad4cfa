/* Opening the database for a command. */
#include "cli/cli.h"
#include "cli/cli_store.h"
#include "store/store_backup.h"
#include "util/err.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

res_t cli_open_store(const struct cli *cli, const char *command, enum cli_store_mode mode, store_t **out)
{
    bool migrate = mode == CLI_STORE_MIGRATE;
    static const char none[] = "%s: no gongkai database here; run 'gongkai init' (or 'gongkai demo') first";
    char *err = NULL;
    res_t rc = RES_OK;
    *out = NULL;
    /* Only init/demo create a database; any other command on a missing file would
     * leave an empty file behind. */
    if (!migrate && !strstr(cli->db_target, "://") && access(cli->db_target, F_OK) != 0) {
        gk_error(command, none, cli->db_target);
        return RES_REFUSED;
    }
    /* A read-only database serves report, export and serve; a command that writes says so
     * in one line instead of failing half-way with SQLite's message. */
    if (mode != CLI_STORE_READ && store_target_read_only(cli->db_target)) {
        gk_error(command, "%s: the database is read-only for this user (the file or its folder is not writable); "
                 "%s needs write access", cli->db_target, command);
        return RES_FAILED;
    }
    rc = store_open(cli->db_target, out, &err);
    if (rc == RES_OK && migrate)
        rc = store_migrate(*out, &err);
    if (rc != RES_OK) {
        gk_error(command, "%s", err ? err : "cannot open the database");
        rc = RES_FAILED;
    } else if (!migrate && store_schema_version(*out) != store_schema_current()) {
        int v = store_schema_version(*out);
        if (v == 0)
            gk_error(command, none, cli->db_target);
        else
            gk_error(command, "%s: schema version %d, this program needs %d; run 'gongkai init' to migrate",
                     cli->db_target, v, store_schema_current());
        rc = RES_REFUSED;
    }
    if (rc != RES_OK) {
        store_close(*out);
        *out = NULL;
    }
    free(err);
    return rc;
}

/* ---- the statutory clock ---- */

res_t cli_load_calendar(const struct cli *cli, const char *command, calendar_t **out)
{
    *out = NULL;
    if (!strstr(cli->db_target, "://") && access(cli->db_target, F_OK) != 0) {
        *out = calendar_build(NULL);
        return RES_OK;
    }
    store_t *s;
    res_t rc = cli_open_store(cli, command, CLI_STORE_READ, &s);
    if (rc != RES_OK)
        return rc;
    char *err = NULL;
    rc = store_load_calendar(s, out, &err);
    if (rc != RES_OK)
        gk_error(command, "%s", err ? err : "cannot read the holiday notices");
    free(err);
    store_close(s);
    return rc;
}
