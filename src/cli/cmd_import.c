#include "cli/cli.h"
#include "cli/cli_store.h"
#include "records/import.h"
#include "util/err.h"
#include <stdio.h>
#include <string.h>

static void usage(void)
{
    printf("用法 usage: gongkai [--db TARGET] import [--dry-run] FILE...\n\n"
           "导入 JSON Lines 记录（每行一条：agency, item, application, case, visit, tally, narrative）。\n"
           "所有文件在同一事务中导入：任何一条记录有误，则一条也不导入，并逐条列出错误\n"
           "（文件:行号: 字段: 原因），退出码 2。'-' 表示标准输入。--dry-run 只检查不写入。\n\n"
           "Loads JSON Lines records (docs/import-format.md). All files in one transaction: any\n"
           "invalid record means nothing is imported; every error is listed as FILE:LINE: field: reason.\n");
}

int cmd_import(const struct cli *cli, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage();
        return 0;
    }
    bool dry_run = false;
    char *files[argc];
    int n = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--dry-run") == 0)
            dry_run = true;
        else if (argv[i][0] == '-' && argv[i][1])
            return gk_error("import", "unknown option %s (try --help)", argv[i]), GK_ERR_INPUT;
        else
            files[n++] = argv[i];
    }
    if (n == 0) {
        gk_error("import", "no file given (a path, or - for standard input)");
        return GK_ERR_INPUT;
    }
    store_t *s;
    res_t rc = cli_open_store(cli, "import", CLI_STORE_WRITE, &s);
    if (rc != RES_OK)
        return cli_exit_status(rc);
    struct import_result res;
    rc = import_files(s, files, n, dry_run, stderr, &res);
    store_close(s);
    if (rc == RES_OK) {
        long long total = 0;
        for (int t = 0; t < REC_TYPE_COUNT; t++)
            total += res.count[t];
        printf("%s %lld records:", dry_run ? "checked" : "imported", total);
        for (int t = 0; t < REC_TYPE_COUNT; t++)
            if (res.count[t])
                printf(" %s %lld", record_type_names[t], res.count[t]);
        printf("\n");
    }
    return cli_exit_status(rc);
}
