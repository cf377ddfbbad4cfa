#include "cli/cli.h"
#include "cli/cli_audit.h"
#include "cli/cli_demo_channels.h"
#include "cli/cli_store.h"
#include "domain/accounts.h"
#include "domain/password.h"
#include "store/store_accounts.h"
#include "cli/cli_demo_workflow.h"
#include "demo/demo.h"
#include "records/import.h"
#include "util/err.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* One demo account: created (with its audit row) unless the login exists; printed. */
struct adding {
    store_t *s;
    bool header_done;
};

static int add_account(const char *login, const char *role, const char *agency, const char *password, void *ud)
{
    struct adding *ad = ud;
    store_t *s = ad->s;
    if (!ad->header_done) {
        printf("演示账号 demo accounts (http://127.0.0.1:8080/admin/login)，密码均为 password: %s\n", password);
        ad->header_done = true;
    }
    struct staff u;
    char *why = NULL, hash[PASSWORD_HASH_MAX];
    unsigned bit = role_parse(role);
    res_t r = store_user_get(s, login, &u, NULL, &why);
    if (r == RES_NOT_FOUND) {
        r = bit && password_hash(password, hash) ? RES_OK : RES_FAILED;
        if (r == RES_OK)
            r = store_user_add(s, login, agency, bit, hash, (long long)time(NULL), NULL, &why);
        if (r == RES_OK)
            r = cli_audit(s, "user.create", login, NULL, account_audit_json(login, agency, bit, false), &why);
    }
    if (r != RES_OK) {
        gk_error("demo", "account %s: %s", login, why ? why : "cannot create");
        free(why);
        return -1;
    }
    printf("  %-9s %s%s%s\n", login, role_label_zh(bit), agency ? " · " : "", agency ? agency : "");
    return 0;
}

/* The demo's staff accounts, one per role, in one transaction. */
static res_t add_accounts(store_t *s)
{
    char *why = NULL;
    struct adding ad = {s, false};
    res_t r = store_begin(s, &why);
    if (r == RES_OK && demo_each_account(add_account, &ad) != 0)
        r = RES_FAILED;
    if (r == RES_OK)
        r = store_commit(s, &why);
    if (r != RES_OK) {
        store_rollback(s);
        if (why)
            gk_error("demo", "%s", why);
    }
    free(why);
    return r;
}

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
    if (rc == RES_OK) {
        printf("demo data loaded into %s:", cli->db_target);
        for (int t = 0; t < REC_TYPE_COUNT; t++)
            if (res.count[t])
                printf(" %s %lld", record_type_names[t], res.count[t]);
        printf("\n");
        rc = add_accounts(s);
    }
    if (rc == RES_OK) { /* applications made through the workspace's paths, with letters (issue 9) */
        char *why = NULL;
        rc = demo_workflow_load(s, &why);
        if (rc != RES_OK)
            gk_error("demo", "applications: %s", why ? why : "failed");
        free(why);
    }
    if (rc == RES_OK) /* the publishing channels' names and outbox (issue 8 item 5) */
        rc = cli_demo_channels(s, "gongnong");
    store_close(s);
    return cli_exit_status(rc);
}
