/* The HTTP server: libmicrohttpd 0.9.75 with an epoll thread pool, explicit
 * limits, a per-request arena and a routing table (see docs/server.md).
 *
 *   struct server_config cfg = server_config_defaults();
 *   cfg.port = 8080;
 *   server_t *s = server_start(&cfg, routes, nroutes, app, &err);
 *   ...
 *   return server_run_until_signal(s);   // or server_stop(s)
 *
 * Handlers run on libmicrohttpd's threads, several at once: whatever APP
 * points to must be safe to use from many threads. */
#ifndef GK_WEB_SERVER_H
#define GK_WEB_SERVER_H
#include "web/request.h"
#include "web/response.h"
#include "web/router.h"
#include <stddef.h>
#include <stdio.h>

struct server_config {
    const char *listen_addr; /* numeric IPv4 or IPv6 address; default "127.0.0.1" */
    int port;                /* default 8080; 0 = any free port (see server_port) */
    int threads;             /* worker threads (MHD thread pool); default 4 */
    unsigned conn_limit;     /* open connections in all, shared out evenly among the
                              * threads; default 512 */
    unsigned per_ip_limit;   /* per client address: open connections from a direct peer,
                              * requests in flight for a client behind a trusted proxy;
                              * default 32; 0 = none */
    unsigned timeout_s;      /* an idle connection is closed after this; default 30 */
    unsigned request_deadline_s; /* a request's line, headers and body must all arrive
                              * within this many seconds of the connection opening or
                              * of the previous answer, however they trickle; else the
                              * connection is closed; default 20 */
    size_t max_url;          /* request-target bytes, else 414; default 8 KiB */
    size_t max_header;       /* request header bytes, else 431; default 8 KiB */
    size_t max_body;         /* request body bytes, else 413; default 1 MiB */
    const char *theme_dir;   /* folder whose static/ overrides the embedded files; NULL = none */
    FILE *access_log;        /* one line per request; NULL = off */
    /* Beyond the basics: */
    FILE *error_log;         /* libmicrohttpd's own complaints; default stderr; NULL = off */
    error_page_fn error_page;  /* the app's error pages (404, 405, 400...); NULL = built-in */
    unsigned stop_grace_s;   /* server_stop waits this long for requests in flight; default 10 */
    const char *trusted_proxies; /* reverse proxies whose X-Forwarded-For is believed:
                              * "127.0.0.1, ::1, 10.0.0.0/8"; NULL or "" = none
                              * (see web/client_addr.h) */
    /* Attachments (issue 8): a POST to exactly this path (query aside) may carry up to
     * upload_max_body bytes; every other request keeps max_body. NULL = none. Fixed until
     * a restart, like max_body. */
    const char *upload_path;
    size_t upload_max_body;
};

typedef struct server server_t;

struct server_config server_config_defaults(void);

/* Parses "ADDR:PORT" or "[IPv6]:PORT" (as for `gongkai serve --listen`):
 * writes the address (without brackets) to HOST and the port to *PORT.
 * Returns 0, or -1 if SPEC is malformed or HOST is too small. */
int server_parse_listen(const char *spec, char *host, size_t hostsz, int *port);

/* Starts listening and serving.  ROUTES is copied (its strings must outlive
 * the server), CFG is copied (its strings and FILEs must outlive it).
 * Returns NULL and sets *ERR (the caller frees it) on failure. */
server_t *server_start(const struct server_config *cfg, const struct route *routes,
                       size_t nroutes, void *app, char **err);

/* The port actually bound (useful after asking for port 0). */
int server_port(const server_t *s);

/* Requests received and not yet finished (answered or abandoned). */
unsigned server_inflight(server_t *s);

/* Applies CFG to a running server without dropping requests in flight.
 * Changed at once: per_ip_limit, request_deadline_s, trusted_proxies,
 * access_log, error_log, error_page (new requests), timeout_s (for each
 * connection from its next request's headers on; until then the old one).
 * Fixed until a restart: listen_addr, port, threads, conn_limit, max_url,
 * max_header, max_body, theme_dir, stop_grace_s.
 * Returns 0 when everything in CFG is in effect; 1 when the run-time fields
 * were applied but a field that needs a restart differs (*ERR names it);
 * -1 when CFG is invalid (*ERR says why; nothing was changed).  *ERR is NULL
 * on 0 and otherwise the caller's to free.  CFG's strings are copied; its
 * FILEs must stay open while the server uses them. */
int server_reconfigure(server_t *s, const struct server_config *cfg, char **err);

/* Graceful stop: stops accepting connections, lets the requests in flight
 * finish (up to stop_grace_s), closes the rest, and frees S.  NULL is fine. */
void server_stop(server_t *s);

/* Blocks until SIGTERM or SIGINT, then puts their handlers back, so that a second signal
 * while the caller stops has its default effect. Returns 0, or 1 if the signals could not
 * be caught. For a caller that has more to stop before the server (gongkai serve stops
 * its settings watcher, which may still be reconfiguring the server). */
int server_wait_for_signal(void);

/* server_wait_for_signal, then server_stop(S).
 * While stopping, a second signal has its default effect (a second Ctrl-C
 * ends the process at once).  Returns 0, or 1 if the signals could not be
 * caught (the server is stopped either way). */
int server_run_until_signal(server_t *s);

#endif
