/* Settings that take effect while serving. `gongkai serve` builds its server limits from
 * the settings (command-line flags win), then a reload thread watches for changes: every
 * few seconds it asks the database whether anything was committed, and on SIGHUP at once;
 * when the stored settings differ it
 *   - replaces the site settings snapshot (site.h) and makes every cached page stale,
 *   - resizes the page cache (page_cache_mb),
 *   - hands the live server limits (per_ip_limit, trusted_proxies) to the server, which
 *     applies them to new connections without dropping any.
 * Keys marked "restart" in domain/settings.c (threads, conn_limit, timeout_s) are read at
 * start only. */
#ifndef GK_WEB_RELOAD_H
#define GK_WEB_RELOAD_H
#include "util/result.h"
#include "web/portal.h"
#include <stdbool.h>

/* How a new server configuration reaches the server (server_reconfigure, or a test's). */
typedef int (*reload_apply_fn)(server_t *srv, const struct server_config *cfg, char **err);

/* Sets CFG's limits from P's settings: conn_limit, per_ip_limit, threads, timeout_s,
 * trusted_proxies. Strings stay valid until portal_close. */
void reload_server_config(const struct portal *p, struct server_config *cfg);

struct reload;

/* Starts watching. BASE is the configuration the server was started with (copied);
 * APPLY NULL = server_reconfigure. SIGHUP is caught until reload_stop. NULL + *err when
 * the thread cannot start. */
struct reload *reload_start(struct portal *p, server_t *srv, const struct server_config *base,
                            reload_apply_fn apply, char **err);
void reload_stop(struct reload *r);

/* Re-reads the settings now on the calling thread; *changed says whether they differed.
 * (The thread does the same on its own.) */
res_t reload_now(struct reload *r, bool *changed, char **why);

/* How many changed configurations have been applied so far. */
unsigned long reload_count(const struct reload *r);

#endif
