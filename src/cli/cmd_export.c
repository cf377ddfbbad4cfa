#include "cli/cli.h"
#include "cli/cli_store.h"
#include "records/export.h"
#include "util/err.h"
#include "domain/years.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_export(const struct cli *cli, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        printf("用法 usage: gongkai [--db TARGET] export [--agency CODE] [--year Y] [--personal-data]\n\n"
               "把记录以 JSON Lines 写到标准输出；导入空库后生成相同的年度报告。\n"
               "--agency：该机关及其下级（连同上级机关的机关记录）；--year：计入该年度报告的记录。\n"
               "--personal-data：留言写信人的姓名和联系方式原样导出（默认遮蔽为“张某”“138****5678”）。\n\n"
               "Writes the records as JSON Lines to stdout; importing the output into an empty\n"
               "database reproduces the same reports.\n");
        return 0;
    }
    const char *agency = NULL;
    int year = 0;
    bool personal_data = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--agency") == 0 && i + 1 < argc) {
            agency = argv[++i];
        } else if (strcmp(argv[i], "--personal-data") == 0) {
            personal_data = true;
        } else if (strcmp(argv[i], "--year") == 0 && i + 1 < argc) {
            char *end;
            long y = strtol(argv[++i], &end, 10);
            if (*end || !year_in_range(y))
                return gk_error("export", "--year: '%s' is not a year (%d–%d)", argv[i], YEAR_MIN, YEAR_MAX), GK_ERR_INPUT;
            year = (int)y;
        } else {
            return gk_error("export", "unexpected argument '%s' (try --help)", argv[i]), GK_ERR_INPUT;
        }
    }
    store_t *s;
    res_t rc = cli_open_store(cli, "export", CLI_STORE_READ, &s);
    if (rc != RES_OK)
        return cli_exit_status(rc);
    rc = export_records_with(s, agency, year, personal_data, stdout);
    store_close(s);
    return cli_exit_status(rc);
}
