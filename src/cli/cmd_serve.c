/* gongkai serve: the public portal (docs/server.md). */
#include "cli/cli.h"
#include "cli/cli_store.h"
#include "util/err.h"
#include "util/uint.h"
#include "web/portal.h"
#include "web/reload.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void usage(void)
{
    printf("用法 usage: gongkai [--db TARGET] serve [--listen ADDR:PORT] [--threads N] [--theme DIR]\n\n"
           "启动政府网站门户（首页、栏目、政府信息、信息公开目录、政府信息公开指南和年报等）。\n"
           "访问日志写到标准输出，每个请求一行。SIGTERM 或 Ctrl-C 平稳停止。\n\n"
           "  --listen ADDR:PORT  监听地址，默认 127.0.0.1:8080；IPv6 写作 [::1]:8080\n"
           "  --threads N         工作线程数（1–256），默认为设置 threads（4）\n"
           "  --theme DIR         主题目录：DIR/templates/NAME.mustache 和 DIR/static/NAME\n"
           "                      逐个文件替换内置的模板和静态文件\n\n"
           "连接数、每个地址的连接数、线程数、超时、页面缓存和可信反向代理来自网站设置\n"
           "（gongkai settings，见 docs/settings.md）；命令行参数优先。设置改动后几秒内生效，\n"
           "发送 SIGHUP 则立即生效；标为 restart 的设置在重启后生效。\n\n"
           "Serves the public portal. Access log on stdout; SIGTERM or Ctrl-C stops gracefully.\n"
           "Limits come from the settings (gongkai settings); flags win. Changed settings are\n"
           "picked up within seconds, or at once on SIGHUP.\n");
}

int cmd_serve(const struct cli *cli, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage();
        return 0;
    }
    const char *listen = "127.0.0.1:8080", *theme = NULL;
    int threads = 0; /* 0: from the settings */
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        const char *val = NULL;
        size_t n = strcspn(opt, "=");
        char name[32];
        if (n >= sizeof name)
            return gk_error("serve", "unknown option %s (try --help)", opt), GK_ERR_INPUT;
        memcpy(name, opt, n);
        name[n] = 0;
        if (opt[n] == '=')
            val = opt + n + 1;
        else if (i + 1 < argc)
            val = argv[++i];
        if (strcmp(name, "--listen") && strcmp(name, "--threads") && strcmp(name, "--theme"))
            return gk_error("serve", "unknown option %s (try --help)", opt), GK_ERR_INPUT;
        if (!val)
            return gk_error("serve", "%s: missing value (try --help)", name), GK_ERR_INPUT;
        if (strcmp(name, "--listen") == 0) {
            listen = val;
        } else if (strcmp(name, "--threads") == 0) {
            long long t;
            if (!uint_parse(val, 1, 256, &t))
                return gk_error("serve", "--threads: '%s' is not a number from 1 to 256", val), GK_ERR_INPUT;
            threads = (int)t;
        } else {
            struct stat st;
            if (stat(val, &st) != 0 || !S_ISDIR(st.st_mode))
                return gk_error("serve", "--theme: '%s' is not a directory", val), GK_ERR_INPUT;
            theme = val;
        }
    }
    char host[128];
    int port;
    if (server_parse_listen(listen, host, sizeof host, &port) != 0)
        return gk_error("serve", "--listen: '%s' is not ADDR:PORT (e.g. 127.0.0.1:8080 or [::1]:8080)", listen),
               GK_ERR_INPUT;

    /* Refuses a missing database or an old schema with the usual message. */
    store_t *s;
    res_t rc = cli_open_store(cli, "serve", CLI_STORE_READ, &s);
    if (rc != RES_OK)
        return cli_exit_status(rc);
    store_close(s);

    char *err = NULL;
    struct portal *p = portal_open(cli->db_target, theme, &err);
    if (!p) {
        gk_error("serve", "%s", err ? err : "cannot start the portal");
        free(err);
        return GK_ERR_RUNTIME;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct server_config cfg = server_config_defaults();
    cfg.listen_addr = host;
    cfg.port = port;
    reload_server_config(p, &cfg);
    if (threads)
        cfg.threads = threads;
    cfg.theme_dir = theme;
    cfg.access_log = stdout;
    cfg.error_page = portal_error_page;
    size_t nroutes;
    const struct route *routes = portal_routes(&nroutes);
    server_t *srv = server_start(&cfg, routes, nroutes, p, &err);
    if (!srv) {
        gk_error("serve", "%s", err ? err : "cannot start the server");
        free(err);
        portal_close(p);
        return GK_ERR_RUNTIME;
    }
    struct reload *watch = reload_start(p, srv, &cfg, NULL, &err);
    if (!watch) {
        gk_error("serve", "%s (settings are read at start only)", err ? err : "cannot watch the settings");
        free(err);
        err = NULL;
    }
    bool v6 = strchr(host, ':') != NULL;
    fprintf(stderr, "gongkai: serving %s on http://%s%s%s:%d/ (%d threads%s%s); Ctrl-C stops\n", cli->db_target,
            v6 ? "[" : "", host, v6 ? "]" : "", server_port(srv), cfg.threads, theme ? ", theme " : "", theme ? theme : "");
    /* The settings watcher may be reconfiguring the server: it stops first. */
    int stopped = server_wait_for_signal();
    reload_stop(watch);
    server_stop(srv);
    portal_close(p);
    return stopped ? GK_ERR_RUNTIME : GK_OK;
}
