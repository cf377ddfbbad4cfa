/* The server core: libmicrohttpd callbacks, the request life cycle, limits,
 * security headers, the access log and graceful stop.
 *
 * Life of one connection (one `struct conn`, libmicrohttpd's socket context):
 *   conn_notify STARTED  count it, apply the connection limits (close at once if over),
 *                        start the request deadline
 *   ...requests, one after another...
 *   conn_notify CLOSED   finish whatever request libmicrohttpd abandoned, forget it
 *
 * Life of one request (one `struct exchange`, allocated in its own arena):
 *   uri_log_cb        request line received: create the exchange, count it in flight,
 *                     hide the query string from libmicrohttpd (we parse it ourselves)
 *   access_cb (1st)   headers received: fill struct request, check the limits
 *                     (414, 431, 413 by Content-Length) and answer at once if broken
 *   access_cb (data)  body bytes: keep up to max_body, count the rest (413 later)
 *   access_cb (last)  body complete: decode, route, run the handler, queue the response
 *   completed_cb      response sent (or connection dropped): access log, free the arena
 * libmicrohttpd does not call completed_cb for every request it gives up on (a full
 * memory pool, a malformed header), so CLOSED frees any exchange still attached.
 *
 * The sweeper thread closes connections whose request has not fully arrived within
 * request_deadline_s (libmicrohttpd's own timeout restarts with every byte, so a
 * client sending one header line every few seconds would otherwise keep its slot).
 */
#include "web/server.h"
#include "util/xalloc.h"
#include "web/client_addr.h"
#include "web/multipart.h"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* A client that keeps sending after its body passed max_body is read (and
 * discarded) for this many more bytes so it can still see a proper 413; past
 * that the connection is simply closed. */
#define DISCARD_SLACK (256u * 1024)

/* Besides the request line and headers, libmicrohttpd's per-connection pool
 * holds the response headers it writes and the read buffer for the body. */
#define POOL_SLACK (16u * 1024)

/* libmicrohttpd 0.9.75 keeps one record (56 bytes, aligned to 64) per header
 * line and per cookie pair in the same pool, plus a copy of the Cookie header.
 * The shortest cookie pair is 3 bytes ("a=;"), so max_header/3 records is the
 * most a header block within max_header can ask for. */
#define POOL_RECORD 64u

/* How often the sweeper looks for requests past their deadline. */
#define SWEEP_MS 250

/* File descriptors kept free besides one per connection: the database, logs,
 * the listening socket, one epoll descriptor and one wake-up pipe per thread. */
#define FD_RESERVE 64

/* What server_reconfigure may change while requests run; readers hold live_lock
 * (shared) for as long as they use it, so a replaced FILE or proxy list is never
 * in use when server_reconfigure returns. */
struct live {
    unsigned per_ip_limit;
    unsigned deadline_s;
    unsigned timeout_s;       /* applied per connection once its headers are in */
    addr_list_t *trusted;
    char *trusted_spec;
    FILE *access_log;
    FILE *error_log;
    error_page_fn error_page;
};

struct exchange;

struct conn {
    struct conn *prev, *next;
    int fd;
    char peer[INET6_ADDRSTRLEN]; /* TCP peer, numeric */
    bool peer_trusted;           /* a trusted proxy (when the connection opened) */
    struct exchange *x;          /* the request under way, if any */
    struct timespec since;       /* monotonic: when the current request became due */
    bool waiting;                /* a request is due and not yet complete */
    bool cut;                    /* we shut the socket down (limits, deadline) */
};

struct server {
    struct MHD_Daemon *d;
    struct server_config cfg;
    router_t *router;
    void *app;
    int port;
    atomic_bool stopping;
    pthread_mutex_t mu; /* guards inflight, conns and every struct conn */
    pthread_cond_t idle;
    unsigned inflight;
    struct conn *conns;
    pthread_rwlock_t live_lock;
    struct live live;
    size_t pool;             /* libmicrohttpd's per-connection memory pool */
    pthread_t sweeper;
    bool sweeper_running;
    pthread_cond_t sweep_cv; /* with mu: wakes the sweeper to stop */
    bool sweeper_stop;
};

struct exchange {
    server_t *srv;
    struct conn *conn;       /* NULL only if libmicrohttpd gave no socket context */
    const char *uri_end;     /* end of the target as a C string in libmicrohttpd's buffer */
    bool counted;            /* client_ip final: counted for per-address limits */
    arena_t *arena;
    struct request req;
    struct response res;
    buf_t body;
    size_t body_seen;        /* bytes received, kept or not */
    bool started;            /* access_cb has seen the headers */
    bool too_large;          /* body passed max_body while streaming */
    bool queued;             /* a response has been queued */
    int status;              /* as queued; 0 = none */
    size_t bytes;            /* body bytes queued for sending */
    struct timespec t0;      /* monotonic, for the duration */
    time_t started_at;       /* wall clock, for the log */
};

/* ------------------------------------------------------------------ config */

struct server_config server_config_defaults(void)
{
    struct server_config c = {
        .listen_addr = "127.0.0.1",
        .port = 8080,
        .threads = 4,
        .conn_limit = 512,
        .per_ip_limit = 32,
        .timeout_s = 30,
        .request_deadline_s = 20,
        .max_url = 8 * 1024,
        .max_header = 8 * 1024,
        .max_body = 1024 * 1024,
        .theme_dir = NULL,
        .access_log = NULL,
        .error_log = stderr,
        .error_page = NULL,
        .stop_grace_s = 10,
        .trusted_proxies = NULL,
    };
    return c;
}

int server_parse_listen(const char *spec, char *host, size_t hostsz, int *port)
{
    if (!spec || !*spec)
        return -1;
    const char *h, *he, *colon;
    if (spec[0] == '[') {
        h = spec + 1;
        he = strchr(h, ']');
        if (!he || he[1] != ':')
            return -1;
        colon = he + 1;
    } else {
        colon = strrchr(spec, ':');
        if (!colon)
            return -1;
        h = spec;
        he = colon;
        if (memchr(h, ':', (size_t)(he - h)))
            return -1; /* a bare IPv6 address needs brackets */
    }
    size_t hlen = (size_t)(he - h);
    if (hlen == 0 || hlen >= hostsz)
        return -1;
    const char *p = colon + 1;
    if (!*p || strlen(p) > 5)
        return -1;
    long v = 0;
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        v = v * 10 + (*p - '0');
    }
    if (v > 65535)
        return -1;
    memcpy(host, h, hlen);
    host[hlen] = '\0';
    *port = (int)v;
    return 0;
}

/* ------------------------------------------------------------- in flight */

static void inflight_add(server_t *s, int delta)
{
    pthread_mutex_lock(&s->mu);
    if (delta > 0)
        s->inflight++;
    else if (s->inflight > 0 && --s->inflight == 0)
        pthread_cond_broadcast(&s->idle);
    pthread_mutex_unlock(&s->mu);
}

unsigned server_inflight(server_t *s)
{
    pthread_mutex_lock(&s->mu);
    unsigned n = s->inflight;
    pthread_mutex_unlock(&s->mu);
    return n;
}

static void now_mono(struct timespec *t)
{
    clock_gettime(CLOCK_MONOTONIC, t);
}

static long long ms_since(const struct timespec *t0, const struct timespec *t1)
{
    return (long long)(t1->tv_sec - t0->tv_sec) * 1000 + (t1->tv_nsec - t0->tv_nsec) / 1000000;
}

/* -------------------------------------------------------------- requests */

static void peer_address(struct MHD_Connection *conn, char ip[INET6_ADDRSTRLEN])
{
    strcpy(ip, "-");
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, ip,
                      INET6_ADDRSTRLEN);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
                      ip, INET6_ADDRSTRLEN);
    }
}

static struct conn *conn_of(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

static struct exchange *exchange_new(server_t *s, const char *uri, struct MHD_Connection *conn)
{
    arena_t *a = arena_new();
    struct exchange *x = arena_calloc(a, 1, sizeof *x);
    x->srv = s;
    x->arena = a;
    clock_gettime(CLOCK_MONOTONIC, &x->t0);
    x->started_at = time(NULL);
    x->req.arena = a;
    x->req.app = s->app;
    x->req.theme_dir = s->cfg.theme_dir;
    x->req.target = arena_strdup(a, uri ? uri : "");
    x->req.method = "-";
    x->req.version = "";
    x->req.path = "/";
    x->req.tail = "";
    x->req.query = "";
    x->req.body = "";
    char ip[INET6_ADDRSTRLEN];
    peer_address(conn, ip);
    x->req.client_ip = arena_strdup(a, ip);
    x->res.status = 200;
    x->res.req = &x->req;
    pthread_rwlock_rdlock(&s->live_lock);
    x->res.error_page_ = s->live.error_page;
    pthread_rwlock_unlock(&s->live_lock);
    x->conn = conn_of(conn);
    inflight_add(s, +1);
    return x;
}

static void exchange_finish(struct exchange *x, struct MHD_Connection *conn,
                            enum MHD_RequestTerminationCode toe);

/* Called by libmicrohttpd with the raw request-target as soon as the request
 * line is in: the earliest point at which the request exists.  What we return
 * becomes the request's context (*con_cls). */
/* Makes X the connection's request under way (so CLOSED can free it). */
static void exchange_attach(struct exchange *x, struct MHD_Connection *conn)
{
    struct conn *c = x->conn;
    if (!c)
        return;
    pthread_mutex_lock(&x->srv->mu);
    struct exchange *old = c->x;
    c->x = x;
    pthread_mutex_unlock(&x->srv->mu);
    if (old) /* libmicrohttpd moved on without completing it */
        exchange_finish(old, conn, MHD_REQUEST_TERMINATED_WITH_ERROR);
}

static void *uri_log_cb(void *cls, const char *uri, struct MHD_Connection *conn)
{
    server_t *s = cls;
    struct exchange *x = exchange_new(s, uri, conn);
    exchange_attach(x, conn);
    if (uri) {
        /* A raw NUL in the target ends URI here as a C string; libmicrohttpd
         * finds the version from the end of the line, so the two no longer
         * meet (see on_headers). */
        x->uri_end = uri + strlen(uri);
        /* libmicrohttpd 0.9.75 would now split the query string into one record
         * per parameter in the connection's small memory pool: a few hundred
         * parameters exhaust it, and the request then dies without an answer
         * (and, before the CLOSED cleanup, without completed_cb).  We parse the
         * query ourselves from the copy above, so we end the string libmicrohttpd
         * is about to parse: it points just past the '?' it already found, in
         * its own writable line buffer (the parameter is const only by API). */
        char *q = strchr(uri, '?');
        if (q)
            q[1] = '\0';
    }
    return x;
}

struct header_fill {
    struct exchange *x;
    size_t bytes;
    size_t cap;
};

static enum MHD_Result header_iter(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    (void)kind;
    struct header_fill *f = cls;
    struct req_params *h = &f->x->req.headers;
    if (!key)
        return MHD_YES;
    if (!value)
        value = "";
    f->bytes += strlen(key) + strlen(value) + 4; /* "Name: value\r\n" */
    if (h->n < f->cap) {
        h->v[h->n].name = arena_strdup(f->x->arena, key);
        h->v[h->n].value = arena_strdup(f->x->arena, value);
        h->n++;
    }
    return MHD_YES;
}

/* Copies the headers into the arena; returns their size on the wire (about). */
static size_t collect_headers(struct exchange *x, struct MHD_Connection *conn)
{
    int n = MHD_get_connection_values(conn, MHD_HEADER_KIND, NULL, NULL);
    struct header_fill f = {x, 0, n > 0 ? (size_t)n : 0};
    x->req.headers.v = arena_alloc(x->arena, (f.cap ? f.cap : 1) * sizeof *x->req.headers.v);
    x->req.headers.n = 0;
    MHD_get_connection_values(conn, MHD_HEADER_KIND, header_iter, &f);
    return f.bytes;
}

static void make_nonce(struct exchange *x)
{
    unsigned char raw[16];
    char *hex = arena_alloc(x->arena, sizeof raw * 2 + 1);
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(hex, sizeof raw * 2 + 1, raw, sizeof raw);
    x->req.nonce = hex;
}

/* Content-Length as a number; -1 when absent, -2 when not a number. */
static long long content_length(const struct request *req)
{
    const char *v = req_header(req, "Content-Length");
    if (!v)
        return -1;
    while (*v == ' ' || *v == '\t')
        v++;
    if (!*v)
        return -2;
    long long n = 0;
    for (; *v >= '0' && *v <= '9'; v++) {
        if (n > (LLONG_MAX - 9) / 10)
            return LLONG_MAX; /* absurdly large is simply "too large" */
        n = n * 10 + (*v - '0');
    }
    while (*v == ' ' || *v == '\t')
        v++;
    return *v ? -2 : n;
}

/* ------------------------------------------------------------- responses */

static bool has_header(const struct response *res, const char *name)
{
    return res_header_get(res, name) != NULL;
}

static void add_default(struct MHD_Response *r, const struct response *res, const char *name,
                        const char *value)
{
    if (!has_header(res, name))
        MHD_add_response_header(r, name, value);
}

static bool method_is(const struct request *req, const char *m)
{
    return strcmp(req->method, m) == 0;
}

/* Turns x->res into a libmicrohttpd response and queues it.  CLOSE asks for
 * the connection to be closed afterwards (early errors, stopping). */
static enum MHD_Result respond(struct exchange *x, struct MHD_Connection *conn, bool close)
{
    struct response *res = &x->res;
    struct request *req = &x->req;

    if (res->status >= 400 && res->body.len == 0)
        res_error(res, res->status, NULL);

    char etag[20] = "";
    if (res->etag_auto && res->status == 200) {
        res_etag_format(res_hash64(res->body.data ? res->body.data : "", res->body.len), etag);
        res_header_set(res, "ETag", etag);
        if ((method_is(req, "GET") || method_is(req, "HEAD")) &&
            res_etag_matches(req_header(req, "If-None-Match"), etag)) {
            res->status = 304;
            buf_free(&res->body);
        }
    }

    size_t len = res->body.len;
    void *data = buf_take(&res->body);
    struct MHD_Response *r = MHD_create_response_from_buffer_with_free_callback(len, data, free);
    if (!r) {
        free(data);
        return MHD_NO;
    }
    for (const struct res_header *h = res->headers; h; h = h->next)
        MHD_add_response_header(r, h->name, h->value);

    if (res->status != 304 && (len > 0 || res->content_type))
        add_default(r, res, "Content-Type",
                    res->content_type ? res->content_type : "text/html; charset=utf-8");
    add_default(r, res, "Cache-Control", res->cache_control ? res->cache_control : "no-cache");
    if (req->nonce) {
        char *csp = arena_printf(
            x->arena,
            "default-src 'self'; script-src 'self' 'nonce-%s'; style-src 'self' 'nonce-%s'; "
            "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'",
            req->nonce, req->nonce);
        add_default(r, res, "Content-Security-Policy", csp);
    }
    add_default(r, res, "X-Content-Type-Options", "nosniff");
    add_default(r, res, "Referrer-Policy", "strict-origin-when-cross-origin");
    add_default(r, res, "X-Frame-Options", "DENY");
    add_default(r, res, "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if (close || atomic_load(&x->srv->stopping))
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");

    enum MHD_Result ok = MHD_queue_response(conn, (unsigned)res->status, r);
    MHD_destroy_response(r);
    if (ok == MHD_YES) {
        if (x->conn) { /* answered: the deadline no longer applies */
            pthread_mutex_lock(&x->srv->mu);
            x->conn->waiting = false;
            pthread_mutex_unlock(&x->srv->mu);
        }
        x->queued = true;
        x->status = res->status;
        x->bytes = (method_is(req, "HEAD") || res->status == 304 || res->status == 204 ||
                    res->status < 200)
                       ? 0
                       : len;
    }
    return ok;
}

static enum MHD_Result respond_error(struct exchange *x, struct MHD_Connection *conn,
                                     int status, const char *detail, bool close)
{
    res_error(&x->res, status, detail);
    return respond(x, conn, close);
}

/* -------------------------------------------------------------- dispatch */

static bool has_dot_segment(const char *path)
{
    for (const char *p = path; *p; p++) {
        if (*p != '/')
            continue;
        if (p[1] == '.' && (p[2] == '/' || p[2] == '\0'))
            return true;
        if (p[1] == '.' && p[2] == '.' && (p[3] == '/' || p[3] == '\0'))
            return true;
    }
    return false;
}

static bool is_form(const struct request *req)
{
    const char *ct = req_header(req, "Content-Type");
    static const char form[] = "application/x-www-form-urlencoded";
    if (!ct)
        return false;
    while (*ct == ' ')
        ct++;
    return strncasecmp(ct, form, sizeof form - 1) == 0 &&
           (ct[sizeof form - 1] == '\0' || ct[sizeof form - 1] == ';' ||
            ct[sizeof form - 1] == ' ');
}

/* Decodes the target, query, form and cookies.  Returns NULL or the reason
 * for a 400. */
static const char *parse_request(struct exchange *x)
{
    struct request *req = &x->req;
    const char *t = req->target;
    /* Spaces and control bytes are never part of a URL (RFC 3986); libmicrohttpd,
     * in its tolerant mode, passes them through. */
    for (const unsigned char *p = (const unsigned char *)t; *p; p++)
        if (*p <= 0x20 || *p == 0x7F)
            return "网址中含有空格或控制字符 (space or control character in the request target)";
    /* absolute-form ("http://host/path"), which proxies send: keep the path. */
    if (strncasecmp(t, "http://", 7) == 0 || strncasecmp(t, "https://", 8) == 0) {
        const char *slash = strchr(strstr(t, "//") + 2, '/');
        t = slash ? slash : "/";
    }
    if (t[0] != '/')
        return "请求的网址格式不对 (the request target must start with '/')";
    size_t plen = strcspn(t, "?#");
    char *path = req_url_decode(x->arena, t, plen, false);
    if (!path)
        return "网址中含有无效的转义序列或编码 (bad percent-escape or invalid UTF-8 in the path)";
    if (has_dot_segment(path))
        return "网址中不能含有 . 或 .. 路径段 (dot segments are not allowed)";
    req->path = path;
    if (t[plen] == '?') {
        const char *q = t + plen + 1;
        size_t qlen = strcspn(q, "#");
        req->query = arena_strndup(x->arena, q, qlen);
        if (req_parse_urlencoded(x->arena, q, qlen, &req->params) != 0)
            return "查询参数无效 (bad percent-escape, invalid UTF-8 or too many parameters "
                   "in the query string)";
    }
    if (is_form(req) && req->body_len > 0 &&
        req_parse_urlencoded(x->arena, req->body, req->body_len, &req->form) != 0)
        return "表单内容无效 (bad percent-escape, invalid UTF-8 or too many fields in the form)";
    /* the upload form (web/multipart.h): its fields to req->form, its files to req->files */
    const char *multipart_bad = NULL;
    if (multipart_request(req, &multipart_bad) != 0)
        return multipart_bad;
    for (size_t i = 0; i < req->headers.n; i++)
        if (strcasecmp(req->headers.v[i].name, "Cookie") == 0)
            req_parse_cookies(x->arena, req->headers.v[i].value, &req->cookies);
    return NULL;
}

static void dispatch(struct exchange *x)
{
    struct request *req = &x->req;
    struct response *res = &x->res;
    const char *bad = parse_request(x);
    if (bad) {
        res_error(res, 400, bad);
        return;
    }
    struct route_match m;
    switch (router_match(x->srv->router, x->arena, req->method, req->path, &m)) {
    case ROUTE_FOUND:
        req->tail = m.tail;
        req->head = method_is(req, "HEAD") && m.route->method &&
                    strcmp(m.route->method, "GET") == 0;
        m.route->fn(req, res);
        break;
    case ROUTE_NOT_FOUND:
        res_error(res, 404, NULL);
        break;
    case ROUTE_BAD_METHOD:
        res_header_set(res, "Allow", m.allow);
        res_error(res, 405, NULL);
        break;
    }
}

/* ------------------------------------------------- libmicrohttpd callbacks */

/* All values of header NAME joined with ", " (how RFC 9110 §5.3 combines
 * repeated fields), or NULL; *COUNT gets how many there were. */
static const char *header_joined(const struct request *req, const char *name, size_t *count)
{
    buf_t b = BUF_INIT;
    size_t n = 0;
    for (size_t i = 0; i < req->headers.n; i++)
        if (strcasecmp(req->headers.v[i].name, name) == 0) {
            if (n++)
                buf_puts(&b, ", ");
            buf_puts(&b, req->headers.v[i].value);
        }
    if (count)
        *count = n;
    char *out = n ? arena_strdup(req->arena, buf_str(&b)) : NULL;
    buf_free(&b);
    return out;
}

/* RFC 9112 §6.3: several Content-Length values that differ (as separate fields or
 * as a list in one) make the message length unknowable: a request-smuggling shape. */
static bool content_lengths_conflict(const struct request *req)
{
    size_t n;
    const char *all = header_joined(req, "Content-Length", &n);
    if (!all)
        return false;
    const char *first = NULL;
    size_t flen = 0;
    for (const char *p = all; *p;) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (!*p)
            break;
        size_t len = strcspn(p, ", \t");
        if (first && (len != flen || memcmp(first, p, len) != 0))
            return true;
        first = p;
        flen = len;
        p += len;
    }
    return false;
}

static size_t cookie_pairs(const struct request *req)
{
    size_t n = 0;
    for (size_t i = 0; i < req->headers.n; i++)
        if (strcasecmp(req->headers.v[i].name, "Cookie") == 0) {
            n++;
            for (const char *p = req->headers.v[i].value; *p; p++)
                n += *p == ';';
        }
    return n;
}

/* Settles who the client is (X-Forwarded-For through a trusted proxy) and
 * counts its requests in flight; true when that is more than per_ip_limit.
 * Also gives the connection a timeout_s changed since the start. */
static bool client_over_limit(struct exchange *x, struct MHD_Connection *conn)
{
    server_t *s = x->srv;
    char ip[INET6_ADDRSTRLEN];
    pthread_rwlock_rdlock(&s->live_lock);
    client_addr_resolve(s->live.trusted, x->req.client_ip,
                        header_joined(&x->req, "X-Forwarded-For", NULL), ip, sizeof ip);
    /* The proxy's word that the client came over HTTPS (for Secure cookies), believed only
     * from a trusted proxy, like X-Forwarded-For. */
    const char *proto = req_header(&x->req, "X-Forwarded-Proto");
    x->req.secure = proto && strcasecmp(proto, "https") == 0 && addr_list_contains(s->live.trusted, x->req.client_ip);
    unsigned limit = s->live.per_ip_limit;
    unsigned timeout = s->live.timeout_s;
    pthread_rwlock_unlock(&s->live_lock);
    /* A timeout changed by server_reconfigure: libmicrohttpd fixed the daemon's
     * at start, but takes a new one per connection (from a callback only). */
    if (timeout != s->cfg.timeout_s)
        MHD_set_connection_option(conn, MHD_CONNECTION_OPTION_TIMEOUT, timeout);
    const char *client = arena_strdup(x->arena, ip);
    unsigned same = 0;
    pthread_mutex_lock(&s->mu);
    x->req.client_ip = client;
    x->counted = true;
    for (struct conn *c = s->conns; c; c = c->next)
        if (c->x && c->x->counted && strcmp(c->x->req.client_ip, client) == 0)
            same++;
    pthread_mutex_unlock(&s->mu);
    return limit > 0 && same > limit;
}

/* The body limit of X's request: upload_max_body for a POST to upload_path (the workspace's
 * attachment upload), max_body for everything else. */
static size_t body_limit(const struct exchange *x)
{
    const struct server_config *c = &x->srv->cfg;
    const char *t = x->req.target, *m = x->req.method;
    if (!c->upload_path || !t || !m || strcmp(m, "POST") != 0 || c->upload_max_body <= c->max_body)
        return c->max_body;
    size_t n = strlen(c->upload_path);
    return strncmp(t, c->upload_path, n) == 0 && (t[n] == '\0' || t[n] == '?') ? c->upload_max_body : c->max_body;
}

static enum MHD_Result on_headers(struct exchange *x, struct MHD_Connection *conn,
                                  const char *method, const char *version)
{
    server_t *s = x->srv;
    struct request *req = &x->req;
    x->started = true;
    req->method = arena_strdup(x->arena, method ? method : "");
    req->version = arena_strdup(x->arena, version ? version : "");
    size_t header_bytes = collect_headers(x, conn);
    make_nonce(x);
    bool over = client_over_limit(x, conn);

    /* A raw NUL in the target: libmicrohttpd's target string stops at it, while
     * the version it found at the end of the line sits further on.  Serving the
     * part before the NUL would answer a request nobody sent. */
    if (x->uri_end && version && *version) {
        uintptr_t v = (uintptr_t)version, e = (uintptr_t)x->uri_end;
        if (v > e + 1 && v - e <= s->pool) /* both in one pool-sized buffer */
            return respond_error(x, conn, 400, "请求目标中有 NUL 字节 (NUL byte in the request target)",
                                 true);
    }
    /* RFC 9112 §3.2: an HTTP/1.1 request without Host is a 400.  We check it
     * here rather than with libmicrohttpd's strict mode, whose own 400 is sent
     * with its headers twice (0.9.75) and without our security headers. */
    if (strcmp(req->version, "HTTP/1.1") == 0 && !req_header(req, "Host"))
        return respond_error(x, conn, 400, "缺少 Host 请求头 (HTTP/1.1 requires Host)", true);
    if (strlen(req->target) > s->cfg.max_url)
        return respond_error(x, conn, 414, NULL, true);
    if (header_bytes > s->cfg.max_header)
        return respond_error(x, conn, 431, NULL, true);
    if (cookie_pairs(req) > REQ_MAX_PARAMS)
        return respond_error(x, conn, 400, "Cookie 过多 (too many cookies)", true);
    if (content_lengths_conflict(req))
        return respond_error(x, conn, 400, "Content-Length 不一致 (conflicting Content-Length)",
                             true);
    if (req_header(req, "Content-Length") && req_header(req, "Transfer-Encoding"))
        return respond_error(x, conn, 400,
                             "Content-Length 与 Transfer-Encoding 不能同时出现 "
                             "(Content-Length with Transfer-Encoding)", true);
    if (over) {
        res_header_set(&x->res, "Retry-After", "1");
        return respond_error(x, conn, 429, "同一地址的并发请求过多 (too many requests in flight "
                                           "from one address)", true);
    }
    long long cl = content_length(req);
    if (cl == -2)
        return respond_error(x, conn, 400, "Content-Length 无效", true);
    if (cl > 0 && (unsigned long long)cl > body_limit(x))
        return respond_error(x, conn, 413, NULL, true);
    if (cl > 0)
        buf_reserve(&x->body, (size_t)cl); /* one allocation for the whole body */
    return MHD_YES;
}

static enum MHD_Result access_cb(void *cls, struct MHD_Connection *conn, const char *url,
                                 const char *method, const char *version,
                                 const char *upload_data, size_t *upload_data_size,
                                 void **con_cls)
{
    server_t *s = cls;
    struct exchange *x = *con_cls;
    if (!x) { /* the URI callback always runs first; this is only a safety net */
        x = *con_cls = exchange_new(s, url, conn);
        exchange_attach(x, conn);
    }
    if (!x->started)
        return on_headers(x, conn, method, version);
    if (*upload_data_size > 0) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (x->queued)
            return MHD_YES; /* answered early: whatever still comes is dropped */
        x->body_seen += n;
        size_t limit = body_limit(x);
        if (!x->too_large && x->body.len + n <= limit) {
            buf_append(&x->body, upload_data, n);
        } else {
            x->too_large = true;
            buf_free(&x->body);
            if (x->body_seen - limit > DISCARD_SLACK)
                return MHD_NO; /* a client that will not stop: hang up */
        }
        return MHD_YES;
    }
    if (x->queued)
        return MHD_YES;
    if (x->conn) { /* the whole request is in: the deadline is met */
        pthread_mutex_lock(&s->mu);
        x->conn->waiting = false;
        pthread_mutex_unlock(&s->mu);
    }
    if (x->too_large)
        return respond_error(x, conn, 413, NULL, true);
    x->req.body = x->body.data ? x->body.data : "";
    x->req.body_len = x->body.len;
    dispatch(x);
    return respond(x, conn, false);
}

/* Appends S to B for a log field: quotes, backslashes, control and non-ASCII
 * bytes become \xHH, so a hostile request cannot forge log lines. */
static void log_escape(buf_t *b, const char *s)
{
    if (!s || !*s) {
        buf_putc(b, '-');
        return;
    }
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p >= 0x7F || *p == '"' || *p == '\\')
            buf_printf(b, "\\x%02X", *p);
        else
            buf_putc(b, (char)*p);
    }
}

/* The status libmicrohttpd queued itself (its own 400, 414, 431...), or 0. */
static int mhd_status(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *ci =
        conn ? MHD_get_connection_info(conn, MHD_CONNECTION_INFO_HTTP_STATUS) : NULL;
    return ci ? (int)ci->http_status : 0;
}

static void access_log(struct exchange *x, struct MHD_Connection *conn,
                       enum MHD_RequestTerminationCode toe)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long long ms = (long long)(t1.tv_sec - x->t0.tv_sec) * 1000 +
                   (t1.tv_nsec - x->t0.tv_nsec) / 1000000;
    struct tm tm;
    char when[64];
    localtime_r(&x->started_at, &tm);
    strftime(when, sizeof when, "%d/%b/%Y:%H:%M:%S %z", &tm);

    /* Combined log format, then the duration:
     * ip - - [time] "METHOD target VERSION" status bytes "referer" "agent" 12ms */
    buf_t b = BUF_INIT;
    buf_printf(&b, "%s - - [%s] \"", x->req.client_ip, when);
    log_escape(&b, x->req.method);
    buf_putc(&b, ' ');
    log_escape(&b, x->req.target);
    buf_putc(&b, ' ');
    log_escape(&b, x->req.version);
    buf_puts(&b, "\" ");
    int mhd = x->status ? 0 : mhd_status(conn);
    if (x->status)
        buf_printf(&b, "%d %zu", x->status, x->bytes);
    else if (mhd >= 100 && mhd <= 599)
        buf_printf(&b, "%d -", mhd); /* libmicrohttpd's own answer */
    else
        buf_puts(&b, "- -");
    buf_puts(&b, " \"");
    log_escape(&b, req_header(&x->req, "Referer"));
    buf_puts(&b, "\" \"");
    log_escape(&b, req_header(&x->req, "User-Agent"));
    buf_printf(&b, "\" %lldms%s\n", ms, toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
    pthread_rwlock_rdlock(&x->srv->live_lock);
    FILE *f = x->srv->live.access_log;
    if (f) {
        flockfile(f);
        fwrite(b.data, 1, b.len, f);
        fflush(f);
        funlockfile(f);
    }
    pthread_rwlock_unlock(&x->srv->live_lock);
    buf_free(&b);
}

static void exchange_finish(struct exchange *x, struct MHD_Connection *conn,
                            enum MHD_RequestTerminationCode toe)
{
    server_t *s = x->srv;
    access_log(x, conn, toe);
    buf_free(&x->body);
    buf_free(&x->res.body);
    arena_free(x->arena);
    inflight_add(s, -1);
}

static void completed_cb(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    server_t *s = cls;
    struct exchange *x = *con_cls;
    if (!x)
        return;
    *con_cls = NULL;
    if (x->conn) {
        pthread_mutex_lock(&s->mu);
        if (x->conn->x == x)
            x->conn->x = NULL;
        /* The next request on this connection is due from now on. */
        x->conn->waiting = true;
        now_mono(&x->conn->since);
        pthread_mutex_unlock(&s->mu);
    }
    exchange_finish(x, conn, toe);
}

/* Closes the connection from our side: libmicrohttpd sees the end of the
 * stream on its next look and cleans up as for any closed connection.  The
 * caller holds s->mu, so the descriptor cannot be closed and reused meanwhile
 * (libmicrohttpd reports CLOSED, which takes s->mu, before it closes it). */
static void conn_cut(struct conn *c)
{
    if (!c->cut && c->fd >= 0)
        shutdown(c->fd, SHUT_RDWR);
    c->cut = true;
}

static void conn_started(server_t *s, struct MHD_Connection *conn, void **socket_context)
{
    struct conn *c = xcalloc(1, sizeof *c);
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    c->fd = ci ? (int)ci->connect_fd : -1;
    peer_address(conn, c->peer);
    pthread_rwlock_rdlock(&s->live_lock);
    unsigned per_ip = s->live.per_ip_limit;
    c->peer_trusted = addr_list_contains(s->live.trusted, c->peer);
    pthread_rwlock_unlock(&s->live_lock);

    pthread_mutex_lock(&s->mu);
    c->next = s->conns;
    if (s->conns)
        s->conns->prev = c;
    s->conns = c;
    c->waiting = true;
    now_mono(&c->since);
    unsigned same = 0, open = 0; /* connections being cut do not count */
    for (struct conn *o = s->conns; o; o = o->next) {
        open += !o->cut;
        same += !o->cut && strcmp(o->peer, c->peer) == 0;
    }
    /* Past three quarters of conn_limit, an address already holding a quarter of
     * its share gets no more: the last quarter stays for addresses with few
     * connections (other visitors), whoever holds the rest. */
    unsigned busy_share = per_ip / 4 ? per_ip / 4 : 1;
    bool full = open > s->cfg.conn_limit;
    bool crowded = open > s->cfg.conn_limit / 4 * 3 && same > busy_share;
    bool too_many = per_ip > 0 && same > per_ip;
    if (full || (!c->peer_trusted && (too_many || (per_ip > 0 && crowded))))
        conn_cut(c);
    pthread_mutex_unlock(&s->mu);
    *socket_context = c;
}

static void conn_closed(server_t *s, struct MHD_Connection *conn, void **socket_context)
{
    struct conn *c = *socket_context;
    if (!c)
        return;
    *socket_context = NULL;
    pthread_mutex_lock(&s->mu);
    if (c->prev)
        c->prev->next = c->next;
    else
        s->conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    struct exchange *x = c->x;
    c->x = NULL;
    pthread_mutex_unlock(&s->mu);
    if (x) /* abandoned by libmicrohttpd without completed_cb: finish it here */
        exchange_finish(x, conn, MHD_REQUEST_TERMINATED_WITH_ERROR);
    free(c);
}

static void conn_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                        enum MHD_ConnectionNotificationCode code)
{
    if (code == MHD_CONNECTION_NOTIFY_STARTED)
        conn_started(cls, conn, socket_context);
    else if (code == MHD_CONNECTION_NOTIFY_CLOSED)
        conn_closed(cls, conn, socket_context);
}

/* A client that has shut down its sending side while a request is due (between requests,
 * or in the middle of one) will never send it; libmicrohttpd (0.9.75, epoll) misses that
 * end-of-file when it arrived while an answer was being written, and would keep the slot
 * until request_deadline_s. After this grace (time enough for pipelined bytes libmicrohttpd
 * has already read to become the next request) the sweeper closes such a connection. The
 * answers already queued are sent first: the sweeper only acts while a request is due. */
#define HALF_CLOSED_GRACE_MS 1000

/* True when FD reads end-of-file with nothing before it: the peer has finished sending. */
static bool peer_done_sending(int fd)
{
    char c;
    return fd >= 0 && recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

/* Every SWEEP_MS: close the connections whose request is overdue, or can never come. */
static void *sweeper_main(void *cls)
{
    server_t *s = cls;
    pthread_mutex_lock(&s->mu);
    while (!s->sweeper_stop) {
        struct timespec until;
        now_mono(&until);
        until.tv_nsec += SWEEP_MS * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&s->sweep_cv, &s->mu, &until);
        if (s->sweeper_stop)
            break;
        pthread_mutex_unlock(&s->mu);
        pthread_rwlock_rdlock(&s->live_lock);
        long long deadline_ms = (long long)s->live.deadline_s * 1000;
        pthread_rwlock_unlock(&s->live_lock);
        pthread_mutex_lock(&s->mu);
        struct timespec now;
        now_mono(&now);
        for (struct conn *c = s->conns; c; c = c->next)
            if (c->waiting && !c->cut &&
                (ms_since(&c->since, &now) >= deadline_ms ||
                 (ms_since(&c->since, &now) >= HALF_CLOSED_GRACE_MS && peer_done_sending(c->fd))))
                conn_cut(c);
    }
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

static void mhd_logger(void *cls, const char *fmt, va_list ap)
{
    server_t *s = cls;
    pthread_rwlock_rdlock(&s->live_lock);
    FILE *f = s->live.error_log;
    if (f) {
        flockfile(f);
        fputs("gongkai: httpd: ", f);
        vfprintf(f, fmt, ap);
        if (!*fmt || fmt[strlen(fmt) - 1] != '\n')
            fputc('\n', f);
        funlockfile(f);
    }
    pthread_rwlock_unlock(&s->live_lock);
}

/* ------------------------------------------------------------ start, stop */

static char *check_config(const struct server_config *c)
{
    if (c->port < 0 || c->port > 65535)
        return xasprintf("port %d is out of range", c->port);
    if (c->threads < 1 || c->threads > 256)
        return xasprintf("threads must be 1..256 (got %d)", c->threads);
    if (c->conn_limit < (unsigned)c->threads)
        return xasprintf("conn_limit (%u) must be at least the number of threads", c->conn_limit);
    if (c->timeout_s == 0)
        return xasprintf("timeout_s must be positive: libmicrohttpd's 0 means never");
    if (c->request_deadline_s == 0 || c->request_deadline_s > 3600)
        return xasprintf("request_deadline_s must be 1..3600 seconds (got %u)",
                         c->request_deadline_s);
    if (c->max_url < 64 || c->max_url > (1u << 20))
        return xasprintf("max_url must be 64 bytes .. 1 MiB");
    if (c->max_header < 256 || c->max_header > (1u << 20))
        return xasprintf("max_header must be 256 bytes .. 1 MiB");
    if (c->max_body > ((size_t)1 << 34))
        return xasprintf("max_body must be at most 16 GiB");
    return NULL;
}

/* What server_start allocated besides the daemon and the router. */
static void server_free(server_t *s)
{
    /* libmicrohttpd reports every connection CLOSED before MHD_stop_daemon
     * returns; this only matters if a version does not. */
    while (s->conns) {
        struct conn *c = s->conns;
        s->conns = c->next;
        if (c->x)
            exchange_finish(c->x, NULL, MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN);
        free(c);
    }
    addr_list_free(s->live.trusted);
    free(s->live.trusted_spec);
    pthread_rwlock_destroy(&s->live_lock);
    pthread_cond_destroy(&s->sweep_cv);
    pthread_cond_destroy(&s->idle);
    pthread_mutex_destroy(&s->mu);
    free(s);
}

server_t *server_start(const struct server_config *cfg, const struct route *routes,
                       size_t nroutes, void *app, char **err)
{
    *err = NULL;
    struct server_config c = cfg ? *cfg : server_config_defaults();
    if (!c.listen_addr || !*c.listen_addr)
        c.listen_addr = "127.0.0.1";
    if ((*err = check_config(&c)))
        return NULL;
    {
        addr_list_t *probe = addr_list_parse(c.trusted_proxies, err);
        if (!probe)
            return NULL;
        addr_list_free(probe);
    }
    if (sodium_init() < 0) {
        *err = xasprintf("libsodium could not initialise");
        return NULL;
    }

    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    bool v6 = strchr(c.listen_addr, ':') != NULL;
    if (v6) {
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&ss;
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)c.port);
        if (inet_pton(AF_INET6, c.listen_addr, &a6->sin6_addr) != 1) {
            *err = xasprintf("listen address '%s' is not a numeric IPv6 address", c.listen_addr);
            return NULL;
        }
    } else {
        struct sockaddr_in *a4 = (struct sockaddr_in *)&ss;
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)c.port);
        if (inet_pton(AF_INET, c.listen_addr, &a4->sin_addr) != 1) {
            *err = xasprintf("listen address '%s' is not a numeric IPv4 address", c.listen_addr);
            return NULL;
        }
    }

    /* Each connection is a file descriptor: make sure the process may open
     * that many (raising the soft limit up to the hard one if need be), or
     * say so now rather than failing accept() under load. */
    /* libmicrohttpd may hold a little more than conn_limit: the extra ones are
     * closed by conn_started at once, rather than left waiting unaccepted in the
     * kernel's queue (which is what libmicrohttpd does at its own limit). */
    unsigned mhd_limit = c.conn_limit + c.conn_limit / 8 + (unsigned)c.threads * 2;
    struct rlimit rl;
    rlim_t need = (rlim_t)mhd_limit + FD_RESERVE;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need) {
        rlim_t hard = rl.rlim_max;
        rl.rlim_cur = hard != RLIM_INFINITY && hard < need ? hard : need;
        if (setrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur < need) {
            *err = xasprintf("conn_limit %u needs %llu open files, but the limit is %llu "
                             "(raise `ulimit -n` or lower the limit)",
                             c.conn_limit, (unsigned long long)need,
                             (unsigned long long)rl.rlim_cur);
            return NULL;
        }
    }

    router_t *router = router_new(routes, nroutes, err);
    if (!router)
        return NULL;

    server_t *s = xcalloc(1, sizeof *s);
    s->cfg = c;
    s->router = router;
    s->app = app;
    atomic_init(&s->stopping, false);
    pthread_mutex_init(&s->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&s->idle, &ca);
    pthread_cond_init(&s->sweep_cv, &ca);
    pthread_condattr_destroy(&ca);
    pthread_rwlock_init(&s->live_lock, NULL);
    char *ignored = NULL;
    s->live.trusted = addr_list_parse(c.trusted_proxies, &ignored); /* checked above */
    s->live.trusted_spec = c.trusted_proxies ? xstrdup(c.trusted_proxies) : NULL;
    s->cfg.trusted_proxies = s->live.trusted_spec;
    s->live.per_ip_limit = c.per_ip_limit;
    s->live.deadline_s = c.request_deadline_s;
    s->live.timeout_s = c.timeout_s;
    s->live.access_log = c.access_log;
    s->live.error_log = c.error_log;
    s->live.error_page = c.error_page;

    /* The request line and the headers, with libmicrohttpd's records for each
     * header line and cookie, must fit in its per-connection pool; sizing it
     * from our limits means a request a little over them reaches us (and gets
     * our 414/431 page), one far over is refused by libmicrohttpd itself. */
    size_t pool = c.max_url + 2 * c.max_header + POOL_SLACK + POOL_RECORD * (c.max_header / 3);
    s->pool = pool;
    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC;
    if (c.error_log)
        flags |= MHD_USE_ERROR_LOG;
    if (v6)
        flags |= MHD_USE_IPv6;
    s->d = MHD_start_daemon(
        flags, (uint16_t)c.port, NULL, NULL, access_cb, s,
        MHD_OPTION_EXTERNAL_LOGGER, mhd_logger, s, /* first, or MHD warns */
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)c.threads,
        /* Per-address limits are ours (conn_started, client_over_limit): they
         * change at run time and know about trusted proxies. */
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)mhd_limit,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)c.timeout_s,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, pool,
        MHD_OPTION_URI_LOG_CALLBACK, uri_log_cb, s,
        MHD_OPTION_NOTIFY_COMPLETED, completed_cb, s,
        MHD_OPTION_NOTIFY_CONNECTION, conn_notify, s,
        /* No LISTENING_ADDRESS_REUSE: it sets SO_REUSEPORT, which let a second `gongkai
         * serve` share a busy port silently. MHD's default SO_REUSEADDR still allows a
         * quick restart. */
        MHD_OPTION_STRICT_FOR_CLIENT, (int)0, /* we check Host ourselves: see on_headers */
        MHD_OPTION_END);
    if (!s->d) {
        int e = errno;
        *err = xasprintf("cannot listen on %s%s%s:%d: %s", v6 ? "[" : "", c.listen_addr,
                         v6 ? "]" : "", c.port, e ? strerror(e) : "libmicrohttpd refused");
        router_free(router);
        server_free(s);
        return NULL;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = di && di->port ? di->port : c.port;
    if (pthread_create(&s->sweeper, NULL, sweeper_main, s) == 0)
        s->sweeper_running = true;
    else
        fprintf(stderr, "gongkai: cannot start the request-deadline thread: %s\n",
                strerror(errno)); /* serving without it beats not serving */
    return s;
}

int server_reconfigure(server_t *s, const struct server_config *cfg, char **err)
{
    *err = NULL;
    if (!s || !cfg) {
        *err = xasprintf("no server or no configuration");
        return -1;
    }
    if ((*err = check_config(cfg)))
        return -1;
    addr_list_t *trusted = addr_list_parse(cfg->trusted_proxies, err);
    if (!trusted)
        return -1;
    char *spec = cfg->trusted_proxies ? xstrdup(cfg->trusted_proxies) : NULL;

    pthread_rwlock_wrlock(&s->live_lock);
    addr_list_t *old = s->live.trusted;
    char *old_spec = s->live.trusted_spec;
    s->live.trusted = trusted;
    s->live.trusted_spec = spec;
    s->live.per_ip_limit = cfg->per_ip_limit;
    s->live.deadline_s = cfg->request_deadline_s;
    s->live.timeout_s = cfg->timeout_s;
    s->live.access_log = cfg->access_log;
    s->live.error_log = cfg->error_log;
    s->live.error_page = cfg->error_page;
    pthread_rwlock_unlock(&s->live_lock);
    addr_list_free(old);
    free(old_spec);

    /* What libmicrohttpd fixed at start. */
    const struct server_config *c = &s->cfg;
    const char *fixed = NULL;
    const char *la = cfg->listen_addr && *cfg->listen_addr ? cfg->listen_addr : "127.0.0.1";
    if (strcmp(la, c->listen_addr) != 0 || (cfg->port != c->port && cfg->port != 0 && cfg->port != s->port))
        fixed = "listen address";
    else if (cfg->threads != c->threads)
        fixed = "threads";
    else if (cfg->conn_limit != c->conn_limit)
        fixed = "conn_limit";
    else if (cfg->max_url != c->max_url || cfg->max_header != c->max_header ||
             cfg->max_body != c->max_body)
        fixed = "max_url/max_header/max_body";
    else if (cfg->stop_grace_s != c->stop_grace_s)
        fixed = "stop_grace_s";
    else if ((cfg->theme_dir == NULL) != (c->theme_dir == NULL) ||
             (cfg->theme_dir && strcmp(cfg->theme_dir, c->theme_dir) != 0))
        fixed = "theme_dir";
    if (fixed) {
        *err = xasprintf("%s changes only when the server restarts", fixed);
        return 1;
    }
    return 0;
}

int server_port(const server_t *s)
{
    return s ? s->port : 0;
}

void server_stop(server_t *s)
{
    if (!s)
        return;
    atomic_store(&s->stopping, true);
    /* Stop accepting; the listening socket is ours to close, but only after
     * MHD_stop_daemon (a worker thread may still be looking at it). */
    MHD_socket lfd = MHD_quiesce_daemon(s->d);

    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += s->cfg.stop_grace_s;
    pthread_mutex_lock(&s->mu);
    while (s->inflight > 0) {
        if (pthread_cond_timedwait(&s->idle, &s->mu, &deadline) == ETIMEDOUT)
            break;
    }
    pthread_mutex_unlock(&s->mu);

    MHD_stop_daemon(s->d); /* closes idle keep-alive connections and stragglers */
    if (lfd != MHD_INVALID_SOCKET)
        close(lfd);
    if (s->sweeper_running) {
        pthread_mutex_lock(&s->mu);
        s->sweeper_stop = true;
        pthread_cond_signal(&s->sweep_cv);
        pthread_mutex_unlock(&s->mu);
        pthread_join(s->sweeper, NULL);
    }
    router_free(s->router);
    server_free(s);
}

/* The signal handler only writes a byte to a pipe (async-signal-safe); the
 * waiting thread does the rest.  Whichever thread the kernel picks to run the
 * handler, the main thread wakes up. */
static int signal_pipe[2] = {-1, -1};

static void on_signal(int sig)
{
    int saved = errno;
    unsigned char c = (unsigned char)sig;
    ssize_t n = write(signal_pipe[1], &c, 1);
    (void)n;
    errno = saved;
}

int server_wait_for_signal(void)
{
    if (pipe(signal_pipe) != 0)
        return 1;
    for (int i = 0; i < 2; i++)
        fcntl(signal_pipe[i], F_SETFD, FD_CLOEXEC);
    fcntl(signal_pipe[1], F_SETFL, O_NONBLOCK);

    struct sigaction sa, old_term, old_int;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, &old_term);
    sigaction(SIGINT, &sa, &old_int);

    unsigned char c;
    ssize_t n;
    do
        n = read(signal_pipe[0], &c, 1);
    while (n < 0 && errno == EINTR);

    sigaction(SIGTERM, &old_term, NULL);
    sigaction(SIGINT, &old_int, NULL);
    close(signal_pipe[0]);
    close(signal_pipe[1]);
    signal_pipe[0] = signal_pipe[1] = -1;
    return n == 1 ? 0 : 1;
}

int server_run_until_signal(server_t *s)
{
    int rc = server_wait_for_signal();
    server_stop(s);
    return rc;
}
