/* Settings while serving (web/reload.c): a site setting changed in the database shows on
 * a served page after a reload — on demand, and found by the watcher thread on its own —
 * even for a page the page cache already holds; the live server limits reach the server;
 * SIGHUP is caught; `gongkai serve` builds its limits from the settings. */
#include "store/store_settings.h"
#include "test.h"
#include "test_http.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "web/portal.h"
#include "web/reload.h"
#include "web/site.h"
#include <curl/curl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int port;

/* The body of GET PATH (malloc'd), status in *status. */
static char *get(const char *path, long *status)
{
    buf_t b = BUF_INIT;
    CURL *c = test_http_handle(port, path, &b, NULL, NULL, 60L);
    if (test_http_finish(c, status) != CURLE_OK)
        *status = 0; /* a cut-off answer counts as none */
    buf_append(&b, "", 0);
    return buf_take(&b);
}

static bool page_has(const char *path, const char *text)
{
    long st;
    char *body = get(path, &st);
    bool ok = st == 200 && strstr(body, text) != NULL;
    free(body);
    return ok;
}

/* What the server was handed (the stand-in for server_reconfigure). */
static atomic_uint applied_per_ip;
static atomic_int applied_calls;

static int record_apply(server_t *srv, const struct server_config *cfg, char **err)
{
    (void)srv;
    (void)err;
    atomic_store(&applied_per_ip, cfg->per_ip_limit);
    atomic_fetch_add(&applied_calls, 1);
    return 0;
}

static void set(const char *db, const char *key, const char *value)
{
    store_t *s;
    char *err = NULL, *why = NULL;
    CHECK_INT(store_open(db, &s, &err), 0);
    CHECK_INT(store_setting_set(s, key, value, &why), RES_OK);
    store_close(s);
    free(err);
    free(why);
}

void run_tests(void)
{
    char dir[] = "/tmp/gk_reload_XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char *db = xasprintf("%s/gongkai.db", dir);
    store_t *s;
    char *err = NULL;
    CHECK_INT(store_open(db, &s, &err), 0);
    CHECK_INT(store_migrate(s, &err), 0);
    store_close(s);
    set(db, "per_ip_limit", "40");
    set(db, "threads", "3");

    curl_global_init(CURL_GLOBAL_DEFAULT);
    struct portal *p = portal_open(db, NULL, &err);
    CHECK(p != NULL);
    if (!p) {
        fprintf(stderr, "portal_open: %s\n", err ? err : "?");
        return;
    }
    struct server_config cfg = server_config_defaults();
    reload_server_config(p, &cfg);
    CHECK_INT(cfg.per_ip_limit, 40); /* from the settings */
    CHECK_INT(cfg.threads, 3);
    CHECK_INT(cfg.conn_limit, 512); /* the table's default */
    cfg.error_log = NULL;
    server_t *srv = test_serve_portal(p, &cfg, &err);
    CHECK(srv != NULL);
    if (!srv)
        return;
    port = server_port(srv);
    struct reload *r = reload_start(p, srv, &cfg, record_apply, &err);
    CHECK(r != NULL);

    /* Twice: the second answer comes from the page cache. */
    CHECK(page_has("/", "政府门户网站"));
    CHECK(page_has("/", "政府门户网站"));
    CHECK(!page_has("/", "改过的网站名称"));

    /* On demand. */
    set(db, "site_name", "改过的网站名称");
    bool changed = false;
    char *why = NULL;
    /* (The watcher may get there first: then this finds nothing new, and the page shows
     * the change all the same.) */
    CHECK_INT(reload_now(r, &changed, &why), RES_OK);
    CHECK(page_has("/", "<title>改过的网站名称"));
    CHECK(page_has("/lxwm", "改过的网站名称"));
    CHECK_STR(site_get(p)->name, "改过的网站名称");
    CHECK_INT(atomic_load(&applied_calls), 0); /* no server limit changed */
    CHECK_INT(reload_now(r, &changed, &why), RES_OK);
    CHECK(!changed); /* nothing new */

    /* A live limit reaches the server. */
    set(db, "per_ip_limit", "100");
    CHECK_INT(reload_now(r, &changed, &why), RES_OK);
    CHECK_INT(atomic_load(&applied_calls), 1);
    CHECK_INT(atomic_load(&applied_per_ip), 100);

    /* The watcher finds a change by itself (it polls the database every few seconds). */
    unsigned long before = reload_count(r);
    set(db, "sponsor", "自动发现的主办单位");
    for (int i = 0; i < 600 && reload_count(r) == before; i++)
        usleep(50 * 1000);
    CHECK(reload_count(r) > before);
    CHECK(page_has("/", "自动发现的主办单位"));

    /* SIGHUP wakes the watcher instead of ending the process. */
    before = reload_count(r);
    raise(SIGHUP);
    CHECK(page_has("/", "自动发现的主办单位"));
    CHECK_INT(reload_count(r), before); /* nothing changed, nothing applied */

    reload_stop(r);
    server_stop(srv);
    portal_close(p);
    curl_global_cleanup();
    unlink(db);
    char *wal = xasprintf("%s-wal", db), *shm = xasprintf("%s-shm", db);
    unlink(wal);
    unlink(shm);
    free(wal);
    free(shm);
    rmdir(dir);
    free(db);
    free(err);
}
