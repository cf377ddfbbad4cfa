/* Settings re-read while serving (reload.h). */
#include "web/reload.h"
#include "web/admin/attachments.h"
#include "domain/settings.h"
#include "store/store_portal.h"
#include "util/xalloc.h"
#include "web/connections.h"
#include "web/page_cache.h"
#include "web/site.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RELOAD_POLL_MS 2000 /* how often the database is asked whether anything changed */

struct reload {
    struct portal *p;
    server_t *srv;
    struct server_config base;
    reload_apply_fn apply;
    pthread_t thread;
    pthread_mutex_t mu;     /* one reload at a time (the thread, reload_now) */
    long long data_version; /* the content version as last seen */
    bool have_version;
    atomic_ulong count;
    struct server_config applied; /* the live limits as last handed to the server */
    struct sigaction old_hup;
};

/* SIGHUP and stop requests wake the thread through this pipe (a signal handler may only
 * write to it). One reload watcher per process. */
static int wake_pipe[2] = {-1, -1};
static atomic_bool stopping;

static void on_hup(int sig)
{
    (void)sig;
    int saved = errno;
    char c = 'h';
    ssize_t n = write(wake_pipe[1], &c, 1);
    (void)n;
    errno = saved;
}

static const char *setting(const struct site *s, const char *key)
{
    return site_setting(s, key);
}

void reload_server_config(const struct portal *p, struct server_config *cfg)
{
    const struct site *s = site_get(p);
    cfg->conn_limit = (unsigned)settings_uint("conn_limit", setting(s, "conn_limit"));
    cfg->per_ip_limit = (unsigned)settings_uint("per_ip_limit", setting(s, "per_ip_limit"));
    cfg->threads = (int)settings_uint("threads", setting(s, "threads"));
    cfg->timeout_s = (unsigned)settings_uint("timeout_s", setting(s, "timeout_s"));
    cfg->request_deadline_s = (unsigned)settings_uint("request_deadline_s", setting(s, "request_deadline_s"));
    const char *proxies = setting(s, "trusted_proxies");
    cfg->trusted_proxies = proxies ? proxies : "";
    /* attachments: only the upload route takes a body the size of the largest attachment */
    cfg->upload_path = ATTACHMENT_UPLOAD_PATH;
    cfg->upload_max_body = attachment_body_limit(settings_uint("attachment_max_mib", setting(s, "attachment_max_mib")));
}

/* The live part of a new configuration: the start-up one with the reloadable keys. */
static void apply_limits(struct reload *r)
{
    struct server_config cfg = r->base;
    struct server_config fresh = r->base;
    reload_server_config(r->p, &fresh);
    cfg.per_ip_limit = fresh.per_ip_limit;
    cfg.timeout_s = fresh.timeout_s;
    cfg.request_deadline_s = fresh.request_deadline_s;
    cfg.trusted_proxies = fresh.trusted_proxies; /* lives as long as its snapshot: until portal_close */
    const struct server_config *was = &r->applied;
    if (cfg.per_ip_limit == was->per_ip_limit && cfg.timeout_s == was->timeout_s &&
        cfg.request_deadline_s == was->request_deadline_s && strcmp(cfg.trusted_proxies, was->trusted_proxies) == 0)
        return; /* only site settings changed */
    r->applied = cfg;
    reload_apply_fn apply = r->apply ? r->apply : server_reconfigure;
    char *err = NULL;
    if (apply(r->srv, &cfg, &err) != 0)
        fprintf(stderr, "gongkai: serve: server limits not changed: %s\n", err ? err : "refused");
    free(err);
}

/* Reads the settings through S; when they changed, applies them. */
static res_t reload_with(struct reload *r, store_t *s, bool *changed, char **why)
{
    pthread_mutex_lock(&r->mu);
    bool differs = false;
    res_t res = site_load(r->p, s, &differs, why);
    if (res == RES_OK && differs) {
        /* Pages rendered with the old settings must not be served again. */
        conn_bump_generation(r->p);
        pcache_set_budget(r->p->cache, portal_cache_budget(r->p));
        apply_limits(r);
        atomic_fetch_add(&r->count, 1);
    }
    pthread_mutex_unlock(&r->mu);
    if (changed)
        *changed = differs;
    return res;
}

res_t reload_now(struct reload *r, bool *changed, char **why)
{
    *why = NULL;
    store_t *s = portal_store(r->p);
    if (!s) {
        *why = xstrdup("cannot open the database");
        return RES_FAILED;
    }
    return reload_with(r, s, changed, why);
}

unsigned long reload_count(const struct reload *r)
{
    return atomic_load(&r->count);
}

/* True when the content version moved since the last look (or on the first look): a commit,
 * by anyone, to a table the public pages show, settings included (store_portal.h). Logins,
 * sessions and rate limits do not wake the reload. */
static bool database_changed(struct reload *r, store_t *s)
{
    long long v;
    char *err = NULL;
    store_portal_end_reads(s);
    if (store_portal_data_version(s, &v, &err) != 0) {
        free(err);
        return false;
    }
    bool changed = !r->have_version || v != r->data_version;
    r->data_version = v;
    r->have_version = true;
    return changed;
}

static void *watch(void *arg)
{
    struct reload *r = arg;
    store_t *s = portal_store(r->p); /* this thread's own connection, closed at thread exit */
    if (s)
        database_changed(r, s);
    while (!atomic_load(&stopping)) {
        struct pollfd pfd = {.fd = wake_pipe[0], .events = POLLIN};
        int n = poll(&pfd, 1, RELOAD_POLL_MS);
        bool hup = false;
        if (n > 0 && (pfd.revents & POLLIN)) {
            char buf[16];
            ssize_t got = read(wake_pipe[0], buf, sizeof buf);
            for (ssize_t i = 0; i < got; i++)
                hup = hup || buf[i] == 'h';
        }
        if (atomic_load(&stopping) || !s)
            break;
        if (!database_changed(r, s) && !hup)
            continue;
        char *why = NULL;
        bool changed = false;
        if (reload_with(r, s, &changed, &why) != RES_OK)
            fprintf(stderr, "gongkai: serve: settings not reloaded: %s\n", why ? why : "failed");
        else if (changed)
            fprintf(stderr, "gongkai: serve: settings reloaded\n");
        free(why);
    }
    return NULL;
}

struct reload *reload_start(struct portal *p, server_t *srv, const struct server_config *base,
                            reload_apply_fn apply, char **err)
{
    if (wake_pipe[0] >= 0) {
        *err = xstrdup("a reload watcher is already running");
        return NULL;
    }
    if (pipe(wake_pipe) != 0) {
        *err = xasprintf("pipe: %s", strerror(errno));
        return NULL;
    }
    for (int i = 0; i < 2; i++) {
        fcntl(wake_pipe[i], F_SETFD, FD_CLOEXEC);
        fcntl(wake_pipe[i], F_SETFL, O_NONBLOCK);
    }
    struct reload *r = xcalloc(1, sizeof *r);
    r->p = p;
    r->srv = srv;
    r->base = *base;
    r->apply = apply;
    r->applied = *base;
    if (!r->applied.trusted_proxies)
        r->applied.trusted_proxies = "";
    pthread_mutex_init(&r->mu, NULL);
    atomic_init(&r->count, 0);
    atomic_store(&stopping, false);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_hup;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGHUP, &sa, &r->old_hup);
    if (pthread_create(&r->thread, NULL, watch, r) != 0) {
        sigaction(SIGHUP, &r->old_hup, NULL);
        *err = xstrdup("cannot start the reload thread");
        pthread_mutex_destroy(&r->mu);
        free(r);
        close(wake_pipe[0]);
        close(wake_pipe[1]);
        wake_pipe[0] = wake_pipe[1] = -1;
        return NULL;
    }
    return r;
}

void reload_stop(struct reload *r)
{
    if (!r)
        return;
    atomic_store(&stopping, true);
    char c = 's';
    ssize_t n = write(wake_pipe[1], &c, 1);
    (void)n;
    pthread_join(r->thread, NULL);
    sigaction(SIGHUP, &r->old_hup, NULL);
    close(wake_pipe[0]);
    close(wake_pipe[1]);
    wake_pipe[0] = wake_pipe[1] = -1;
    pthread_mutex_destroy(&r->mu);
    free(r);
}
