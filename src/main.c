/* gongkai — 政府信息公开 platform. Entry point: global options, then one command. */
#include "cli/cli.h"
#include "util/err.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef GONGKAI_VERSION
#define GONGKAI_VERSION "0.1.0"
#endif

static void usage(FILE *out)
{
    fprintf(out, "用法 usage: gongkai [--db TARGET] COMMAND [ARGS...]\n\n"
                 "  --db TARGET   数据库文件 (SQLite)；默认 $GONGKAI_DB，否则 ./gongkai.db\n"
                 "  --help        本说明    --version   版本\n\ncommands:\n");
    for (const struct cli_command *c = cli_commands; c->name; c++)
        fprintf(out, "  %-12s %s\n", c->name, c->summary);
    fprintf(out, "\n'gongkai COMMAND --help' 查看各命令的说明。\n");
}

int main(int argc, char **argv)
{
    struct cli cli = {getenv("GONGKAI_DB")};
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("gongkai %s\n", GONGKAI_VERSION);
            return 0;
        } else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            cli.db_target = argv[++i];
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            cli.db_target = argv[i] + 5;
        } else {
            gk_error("usage", "unknown option %s (try --help)", argv[i]);
            return 2;
        }
    }
    if (!cli.db_target || !*cli.db_target)
        cli.db_target = "./gongkai.db";
    if (i >= argc) {
        usage(stderr);
        return 2;
    }
    for (const struct cli_command *c = cli_commands; c->name; c++)
        if (strcmp(c->name, argv[i]) == 0)
            return c->run(&cli, argc - i, argv + i);
    gk_error("usage", "unknown command '%s' (try --help)", argv[i]);
    return 2;
}
