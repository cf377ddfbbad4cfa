/* `gongkai audit verify`: walks the audit log's hash chain (domain/audit_chain.h) and names
 * the first row changed, inserted or removed in the database. Exit 0 when the chain holds,
 * 1 with "gongkai: audit: row N: …" when it does not (a runtime finding, not bad usage). */
#include "cli/cli.h"
#include "cli/cli_store.h"
#include "domain/audit_chain.h"
#include "store/store_audit.h"
#include "util/err.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(void)
{
    printf("用法 usage: gongkai [--db TARGET] audit verify\n\n"
           "核对审计日志的哈希链：每一行的哈希由上一行的哈希和本行内容算出，数据库里任何一行被改动、\n"
           "插入或删除，链就从那一行断开。链完整时输出行数、退出码 0；否则指出第一处问题所在的行，\n"
           "退出码 1。\n\n"
           "Checks the audit log's hash chain: prints the number of rows and exits 0 when it holds;\n"
           "otherwise names the first row changed, inserted or removed and exits 1.\n");
}

static int feed(const struct audit_entry *e, void *ud)
{
    struct audit_content c = {e->id, e->at, e->actor, e->client_addr, e->action, e->object, e->before_json,
                              e->after_json};
    return audit_verify_row(ud, &c, e->hash) ? 0 : 1;
}

static int verify(store_t *s)
{
    struct audit_verifier v;
    audit_verify_start(&v);
    char *why = NULL, *head_hash = NULL;
    long long head_id = 0;
    res_t r = store_audit_each(s, NULL, false, 0, -1, feed, &v, &why);
    if (r == RES_OK)
        r = store_audit_head(s, &head_id, &head_hash, &why);
    if (r != RES_OK) {
        gk_error("audit", "%s", why ? why : "cannot read the audit log");
        free(why);
        return cli_exit_status(r);
    }
    audit_verify_end(&v, head_id, head_hash);
    free(head_hash);
    if (v.bad_row) {
        gk_error("audit", "row %lld: %s", v.bad_row, v.problem);
        return GK_ERR_RUNTIME;
    }
    printf("审计日志完整 audit log intact: %lld rows\n", v.rows);
    return GK_OK;
}

int cmd_audit(const struct cli *cli, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage();
        return 0;
    }
    if (argc != 2 || strcmp(argv[1], "verify") != 0)
        return gk_error("audit", argc < 2 ? "missing subcommand: verify (try --help)"
                                          : "unknown subcommand or extra arguments: audit verify (try --help)"),
               GK_ERR_INPUT;
    store_t *s;
    res_t opened = cli_open_store(cli, "audit", CLI_STORE_READ, &s);
    if (opened != RES_OK)
        return cli_exit_status(opened);
    int rc = verify(s);
    store_close(s);
    return rc;
}
