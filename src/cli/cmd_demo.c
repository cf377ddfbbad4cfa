#include "cli/cli.h"
#include "cli/cli_store.h"
#include "demo/demo.h"
#include "records/import.h"
#include "util/err.h"
#include <stdio.h>
#include <stdlib.h>

int cmd_demo(const struct cli *cli, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        printf("用法 usage: gongkai [--db TARGET] demo\n\n"
               "初始化数据库并载入内置演示数据（工农区人民政府及其部门，2017–2024年）。\n"
               "Initialises the database and loads the built-in demo data set (docs/demo-data.md).\n");
        return 0;
    }
    if (argc > 1)
        return gk_error("demo", "unexpected argument '%s'", argv[1]), GK_ERR_INPUT;
    store_t *s;
    res_t rc = cli_open_store(cli, "demo", CLI_STORE_MIGRATE, &s);
    if (rc != RES_OK)
        return cli_exit_status(rc);
    /* The demo goes through the same importer as any file, so it is validated the same way. */
    FILE *tmp = tmpfile();
    if (!tmp) {
        store_close(s);
        return gk_error("demo", "cannot create a temporary file"), GK_ERR_RUNTIME;
    }
    if (demo_write_jsonl(tmp) != 0 || fflush(tmp) != 0) {
        fclose(tmp);
        store_close(s);
        return gk_error("demo", "generating the demo data failed"), GK_ERR_RUNTIME;
    }
    rewind(tmp);
    struct import_result res;
    rc = import_stream(s, tmp, "(demo)", false, stderr, &res);
    fclose(tmp);
    store_close(s);
    if (rc == RES_OK) {
        printf("demo data loaded into %s:", cli->db_target);
        for (int t = 0; t < REC_TYPE_COUNT; t++)
            if (res.count[t])
                printf(" %s %lld", record_type_names[t], res.count[t]);
        printf("\n");
    }
    return cli_exit_status(rc);
}
