/* Opening the database for a command. */
#include "cli/cli.h"
#include "cli/cli_store.h"
#include "util/err.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

res_t cli_open_store(const struct cli *cli, const char *command, bool migrate, store_t **out)
{
    char *err = NULL;
    /* Only init/demo create a database; any other command on a missing file would
     * leave an empty file behind. */
    if (!migrate && !strstr(cli->db_target, "://") && access(cli->db_target, F_OK) != 0) {
        gk_error(command, "%s: no gongkai database here; run 'gongkai init' (or 'gongkai demo') first",
                 cli->db_target);
        *out = NULL;
        return RES_REFUSED;
    }
    if (store_open(cli->db_target, out, &err)) {
        gk_error(command, "%s", err);
        free(err);
        return RES_FAILED;
    }
    if (migrate) {
        if (store_migrate(*out, &err)) {
            gk_error(command, "%s", err);
            free(err);
            store_close(*out);
            *out = NULL;
            return RES_FAILED;
        }
    } else if (store_schema_version(*out) != store_schema_current()) {
        int v = store_schema_version(*out);
        if (v == 0)
            gk_error(command, "%s: no gongkai database here; run 'gongkai init' (or 'gongkai demo') first",
                     cli->db_target);
        else
            gk_error(command, "%s: schema version %d, this program needs %d; run 'gongkai init' to migrate",
                     cli->db_target, v, store_schema_current());
        store_close(*out);
        *out = NULL;
        return RES_REFUSED;
    }
    return RES_OK;
}
