#include "cli/cli.h"
#include "cli/cli_store.h"
#include "report/report.h"
#include "util/err.h"
#include "domain/years.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(void)
{
    printf("用法 usage: gongkai [--db TARGET] report --year Y [--agency CODE] [--scope self|tree]\n"
           "                      [--format legacy2018|gov2019|gov2021] [--output text|markdown|html|json]\n\n"
           "由记录生成政府信息公开工作年度报告。默认格式按年度：2018年及以前 legacy2018，\n"
           "2019–2020年 gov2019，2021年起 gov2021。默认机关为根机关，默认范围 tree（含下级）。\n\n"
           "The annual report computed from the records (contracts §3).\n");
}

static int pick(const char *const *names, int n, const char *value)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], value) == 0)
            return i;
    return -1;
}

int cmd_report(const struct cli *cli, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage();
        return 0;
    }
    int year = 0, fmt = -1, out = OUT_TEXT;
    const char *agency = NULL;
    bool tree = true;
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!val)
            return gk_error("report", "%s: missing value (try --help)", opt), GK_ERR_INPUT;
        i++;
        if (strcmp(opt, "--year") == 0) {
            char *end;
            long y = strtol(val, &end, 10);
            if (*end || !year_in_range(y))
                return gk_error("report", "--year: '%s' is not a year (%d–%d)", val, YEAR_MIN, YEAR_MAX), GK_ERR_INPUT;
            year = (int)y;
        } else if (strcmp(opt, "--agency") == 0) {
            agency = val;
        } else if (strcmp(opt, "--scope") == 0) {
            if (strcmp(val, "self") && strcmp(val, "tree"))
                return gk_error("report", "--scope: '%s' is not self or tree", val), GK_ERR_INPUT;
            tree = strcmp(val, "tree") == 0;
        } else if (strcmp(opt, "--format") == 0) {
            if ((fmt = pick(report_format_names, FMT_COUNT, val)) < 0)
                return gk_error("report", "--format: '%s' is not legacy2018, gov2019 or gov2021", val), GK_ERR_INPUT;
        } else if (strcmp(opt, "--output") == 0) {
            if ((out = pick(report_output_names, OUT_COUNT, val)) < 0)
                return gk_error("report", "--output: '%s' is not text, markdown, html or json", val), GK_ERR_INPUT;
        } else {
            return gk_error("report", "unknown option %s (try --help)", opt), GK_ERR_INPUT;
        }
    }
    if (!year)
        return gk_error("report", "--year is required"), GK_ERR_INPUT;
    if (fmt < 0)
        fmt = report_default_format(year);

    store_t *s;
    res_t rc = cli_open_store(cli, "report", CLI_STORE_READ, &s);
    if (rc != RES_OK)
        return cli_exit_status(rc);
    struct agency a = {0};
    struct report r;
    char *err = NULL;
    buf_t text = BUF_INIT;
    rc = report_load(s, agency, tree, year, (enum report_format)fmt, &a, &r, &err);
    if (rc == RES_OK)
        rc = report_render(&r, (enum report_output)out, &text, &err);
    if (rc == RES_OK)
        fwrite(text.data, 1, text.len, stdout);
    else
        gk_error("report", "%s", err ? err : "failed");
    free(err);
    buf_free(&text);
    report_clear(&r);
    agency_clear(&a);
    store_close(s);
    return cli_exit_status(rc);
}
