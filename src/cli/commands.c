/* The command table. One file per command beside this one. */
#include "cli/cli.h"
#include <string.h>

const struct cli_command cli_commands[] = {
    {"calendar", "工作日计算 working-day calendar (is-workday, add, between)", cmd_calendar},
    {NULL, NULL, NULL},
};

bool cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return true;
    return false;
}
