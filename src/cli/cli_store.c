/* Opening the database for a command. */
#include "cli/cli.h"
#include "cli/cli_store.h"
#include "util/err.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

res_t cli_open_store(const struct cli *cli, const char *command, bool migrate, store_t **out)
{
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
