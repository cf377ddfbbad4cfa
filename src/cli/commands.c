/* The command table. One file per command beside this one. */
#include "cli/cli.h"
#include <string.h>

const struct cli_command cli_commands[] = {
    {"init", "创建或升级数据库 create or migrate the database", cmd_init},
    {"demo", "载入演示数据 load the demo data set (工农区)", cmd_demo},
    {"import", "导入 JSON Lines 记录 import records", cmd_import},
    {"export", "导出 JSON Lines 记录 export records", cmd_export},
    {"report", "生成年度报告 the annual report", cmd_report},
    {"calendar", "工作日计算与节假日安排 working days, holiday notices (is-workday, add, between, import, years)", cmd_calendar},
    {"application", "依申请公开的办理状态与期限 applications: status and due date (show, list)", cmd_application},
    {"backup", "在线备份数据库 copy the live database to a file", cmd_backup},
    {"restore", "从备份恢复数据库 replace the database with a backup", cmd_restore},
    {"settings", "网站设置和服务器限制 site settings and server limits (list, get, set)", cmd_settings},
    {"user", "工作台账号 staff accounts (add, list, passwd, disable)", cmd_user},
    {"audit", "审计日志 the audit log (verify its hash chain)", cmd_audit},
    {"serve", "门户网站 the web portal (default 127.0.0.1:8080)", cmd_serve},
    {NULL, NULL, NULL},
};

bool cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return true;
    return false;
}
