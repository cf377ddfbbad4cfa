/* `gongkai user add|list|passwd|disable`: staff accounts from the command line (contracts
 * §1), so that the first administrator exists before anyone can log in to /admin/. The
 * password comes from stdin, never from the command line (argv is visible to every user
 * of the machine in ps). */
#include "cli/cli.h"
#include "cli/cli_audit.h"
#include "cli/cli_store.h"
#include "domain/accounts.h"
#include "domain/password.h"
#include "store/store_accounts.h"
#include "util/err.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static void usage(void)
{
    printf("用法 usage: gongkai [--db TARGET] user add LOGIN --role ROLE [--role ROLE2 ...] [--agency CODE]\n"
           "                                     user list\n"
           "                                     user passwd LOGIN\n"
           "                                     user disable LOGIN\n\n"
           "管理工作台（/admin/）的账号。密码从标准输入读取（一行），不从命令行读取；\n"
           "密码至少 8 个字符，包含小写字母、大写字母、数字、其他符号中的至少三类。\n"
           "角色 ROLE：platform_admin 平台管理员（不属于机关）、admin 管理员、editor 编辑、\n"
           "reviewer 审核、handler 办理、auditor 审计；除平台管理员外都须用 --agency 指定机关。\n\n"
           "  add      创建账号，可给多个 --role\n"
           "  list     每行一个账号：登录名、机关（平台管理员为 -）、角色、状态（active/disabled）\n"
           "  passwd   修改密码（新密码从标准输入读取），并结束该账号的所有会话\n"
           "  disable  停用账号，并结束它的所有会话\n\n"
           "Staff accounts of the workspace. The password is read from stdin (one line).\n"
           "  printf '%%s\\n' 'S3cret-pass' | gongkai user add zhang --role editor --agency CODE\n");
}

/* Reads one line of stdin into BUF (without its line end), echo off on a terminal. False
 * at end of input or for a line longer than the buffer. */
static bool read_password(char *buf, size_t n)
{
    bool tty = isatty(STDIN_FILENO);
    struct termios old, quiet;
    if (tty) {
        fprintf(stderr, "密码 password: ");
        tcgetattr(STDIN_FILENO, &old);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    bool ok = fgets(buf, (int)n, stdin) != NULL;
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    if (!ok)
        return false;
    size_t len = strlen(buf);
    if (len == n - 1 && buf[len - 1] != '\n')
        return false;
    while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
        buf[--len] = '\0';
    return true;
}

/* The new password from stdin, checked and hashed into HASH. 0, or an exit status. */
static int new_password(const char *login, char hash[PASSWORD_HASH_MAX])
{
    char pw[PASSWORD_MAX_BYTES + 4];
    int rc = GK_OK;
    char *why = NULL;
    if (!read_password(pw, sizeof pw)) {
        gk_error("user", "password: 请从标准输入提供密码（一行） (give the password on stdin, one line of at most %d bytes)",
                 PASSWORD_MAX_BYTES);
        rc = GK_ERR_INPUT;
    } else if (password_check_strength(pw, login, &why) != RES_OK) {
        gk_error("user", "%s", why);
        rc = GK_ERR_INPUT;
    } else if (!password_hash(pw, hash)) {
        gk_error("user", "password: cannot hash (out of memory)");
        rc = GK_ERR_RUNTIME;
    }
    sodium_memzero(pw, sizeof pw);
    free(why);
    return rc;
}

/* Reports R's message (or FALLBACK) and returns its exit status. */
static int fail(res_t r, char *why, const char *fallback)
{
    gk_error("user", "%s", why ? why : fallback);
    free(why);
    return cli_exit_status(r);
}

static int add(store_t *s, int argc, char **argv)
{
    const char *login = NULL, *agency = NULL;
    unsigned roles = 0;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--role") == 0 && i + 1 < argc) {
            unsigned bit = role_parse(argv[++i]);
            if (!bit)
                return gk_error("user", "role: '%s' 不是角色 (not a role: platform_admin, admin, editor, reviewer, "
                                "handler, auditor)", argv[i]), GK_ERR_INPUT;
            roles |= bit;
        } else if (strcmp(argv[i], "--agency") == 0 && i + 1 < argc) {
            agency = argv[++i];
        } else if (argv[i][0] == '-' || login) {
            return gk_error("user", "add: unexpected '%s' (try --help)", argv[i]), GK_ERR_INPUT;
        } else {
            login = argv[i];
        }
    }
    char *why = NULL;
    if (!login)
        return gk_error("user", "add: missing LOGIN (try --help)"), GK_ERR_INPUT;
    if (login_check(login, &why) != RES_OK || roles_check(roles, agency, &why) != RES_OK)
        return fail(RES_REFUSED, why, "");
    char hash[PASSWORD_HASH_MAX];
    int rc = new_password(login, hash);
    if (rc)
        return rc;
    res_t r = store_begin(s, &why);
    if (r == RES_OK)
        r = store_user_add(s, login, agency, roles, hash, (long long)time(NULL), NULL, &why);
    if (r == RES_OK)
        r = cli_audit(s, "user.create", login, NULL, account_audit_json(login, agency, roles, false), &why);
    if (r == RES_OK)
        r = store_commit(s, &why);
    if (r != RES_OK) {
        store_rollback(s);
        return fail(r, why, "cannot create the account");
    }
    return GK_OK;
}

static int print_user(const struct staff *u, void *ud)
{
    (void)ud;
    char roles[128];
    roles_format(u->roles, roles, sizeof roles);
    printf("%s\t%s\t%s\t%s\n", u->login, u->agency[0] ? u->agency : "-", roles, u->disabled ? "disabled" : "active");
    return 0;
}

static int list(store_t *s)
{
    char *why = NULL;
    res_t r = store_user_each(s, print_user, NULL, &why);
    return r == RES_OK ? GK_OK : fail(r, why, "cannot read the accounts");
}

/* passwd and disable: one account, changed in one transaction with its audit row. */
static int change(store_t *s, const char *sub, const char *login)
{
    struct staff u;
    char *why = NULL;
    res_t r = store_user_get(s, login, &u, NULL, &why);
    if (r == RES_NOT_FOUND)
        return gk_error("user", "%s: 没有这个账号 (no such account)", login), GK_ERR_INPUT;
    if (r != RES_OK)
        return fail(r, why, "cannot read the account");
    bool passwd = strcmp(sub, "passwd") == 0;
    char hash[PASSWORD_HASH_MAX];
    if (passwd) {
        int rc = new_password(login, hash);
        if (rc)
            return rc;
    }
    r = store_begin(s, &why);
    if (r == RES_OK)
        r = passwd ? store_user_set_password(s, login, hash, (long long)time(NULL), &why)
                   : store_user_set_disabled(s, login, true, &why);
    if (r == RES_OK)
        r = passwd ? cli_audit(s, "user.password", login, NULL, NULL, &why)
                   : cli_audit(s, "user.disable", login, account_audit_json(login, u.agency, u.roles, u.disabled),
                               account_audit_json(login, u.agency, u.roles, true), &why);
    if (r == RES_OK)
        r = store_commit(s, &why);
    if (r != RES_OK) {
        store_rollback(s);
        return fail(r, why, "cannot change the account");
    }
    return GK_OK;
}

int cmd_user(const struct cli *cli, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage();
        return 0;
    }
    const char *sub = argc > 1 ? argv[1] : NULL;
    if (!sub)
        return gk_error("user", "missing subcommand: add, list, passwd or disable (try --help)"), GK_ERR_INPUT;
    bool one_login = strcmp(sub, "passwd") == 0 || strcmp(sub, "disable") == 0;
    if (strcmp(sub, "add") && strcmp(sub, "list") && !one_login)
        return gk_error("user", "unknown subcommand '%s': add, list, passwd or disable (try --help)", sub),
               GK_ERR_INPUT;
    if (strcmp(sub, "list") == 0 && argc != 2)
        return gk_error("user", "list takes no arguments (try --help)"), GK_ERR_INPUT;
    if (one_login && argc != 3)
        return gk_error("user", "%s takes one argument, LOGIN (try --help)", sub), GK_ERR_INPUT;
    store_t *s;
    res_t opened = cli_open_store(cli, "user", strcmp(sub, "list") == 0 ? CLI_STORE_READ : CLI_STORE_WRITE, &s);
    if (opened != RES_OK)
        return cli_exit_status(opened);
    int rc = strcmp(sub, "add") == 0 ? add(s, argc, argv) : strcmp(sub, "list") == 0 ? list(s) : change(s, sub, argv[2]);
    store_close(s);
    return rc;
}
