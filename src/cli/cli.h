/* Command-line commands (contracts §1). Each returns an exit status (enum gk_status). */
#ifndef GK_CLI_H
#define GK_CLI_H
#include "util/date.h"
#include "util/result.h"
#include <stdbool.h>

struct cli {
    const char *db_target; /* --db, $GONGKAI_DB, or ./gongkai.db */
};

struct cli_command {
    const char *name;
    const char *summary;
    int (*run)(const struct cli *cli, int argc, char **argv); /* argv[0] is the command */
};

extern const struct cli_command cli_commands[];

/* The one place a result becomes an exit status (contracts §1): RES_OK 0, RES_FAILED 1
 * (runtime: I/O, database), RES_REFUSED and RES_NOT_FOUND 2 (bad usage or bad input). */
int cli_exit_status(res_t r);

/* True when argv holds --help or -h (the command then prints its usage). */
bool cli_wants_help(int argc, char **argv);

int cmd_init(const struct cli *cli, int argc, char **argv);
int cmd_demo(const struct cli *cli, int argc, char **argv);
int cmd_import(const struct cli *cli, int argc, char **argv);
int cmd_export(const struct cli *cli, int argc, char **argv);
int cmd_report(const struct cli *cli, int argc, char **argv);
int cmd_calendar(const struct cli *cli, int argc, char **argv);
int cmd_serve(const struct cli *cli, int argc, char **argv);
int cmd_settings(const struct cli *cli, int argc, char **argv);
int cmd_application(const struct cli *cli, int argc, char **argv);
int cmd_backup(const struct cli *cli, int argc, char **argv);
int cmd_restore(const struct cli *cli, int argc, char **argv);
int cmd_user(const struct cli *cli, int argc, char **argv);  /* staff accounts (issue 8) */
int cmd_audit(const struct cli *cli, int argc, char **argv); /* the audit log (issue 8) */

/* the statutory clock: `calendar import FILE` and `calendar years` (cmd_calendar_notices.c),
 * given the arguments after the subcommand */
int calendar_import_cmd(const struct cli *cli, int nargs, char **args);
int calendar_years_cmd(const struct cli *cli, int nargs);
/* the statutory clock: `application list` (cmd_application_list.c), and what it shares
 * with `application show` (cmd_application.c) */
struct app_clock;
int application_list_cmd(const struct cli *cli, int argc, char **argv);
char *application_due_note(const struct app_clock *c); /* why the due date is not fixed, or NULL */
bool application_as_of_arg(const char *s, gk_date *out);

#endif
