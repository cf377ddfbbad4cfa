#include "cli/cli.h"
#include "cli/cli_store.h"
#include <stdio.h>

int cmd_init(const struct cli *cli, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        printf("用法 usage: gongkai [--db TARGET] init\n\n"
               "创建数据库，或将其升级到当前版本；可重复执行。\n"
               "Creates the database, or migrates it to the current schema; idempotent.\n");
        return 0;
    }
    if (argc > 1) {
        fprintf(stderr, "gongkai: init: unexpected argument '%s'\n", argv[1]);
        return 2;
    }
    store_t *s;
    res_t rc = cli_open_store(cli, "init", CLI_STORE_MIGRATE, &s);
    if (rc != RES_OK)
        return cli_exit_status(rc);
    printf("%s: schema version %d\n", cli->db_target, store_schema_version(s));
    store_close(s);
    return 0;
}
