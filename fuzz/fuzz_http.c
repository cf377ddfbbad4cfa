/* Fuzz target: the HTTP request path through the real server (src/web/server.c on
 * libmicrohttpd, request.c's decoding, router.c, the portal's handlers and error pages).
 *
 * Once per process: a database in a temporary folder with part of the demo data (every
 * agency, the first 200 items, every application, case, visit, tally and narrative), the
 * portal over it, and the server on a free loopback port with the portal's route table plus
 * POST/PUT /fuzz/echo (a handler that reads every form field, cookie and header, so that
 * form bodies are decoded and used whatever the portal's routes take). The access and error
 * logs go to /dev/null, so their escaping runs too.
 *
 * Per input: one TCP connection; the input's bytes are sent as they are (request line,
 * headers, body, possibly several pipelined requests), the sending side is shut down, and
 * the reply read until the server closes or the first response is complete (the client
 * then closes: on a loaded machine waiting for more answers to pipelined requests costs far
 * more than the requests do; the server still handles them, and its writes to a closed
 * connection). Checked: the reply is empty (a clean close) or starts with a well-formed status line
 * "HTTP/1.x NNN " whose header block ends with an empty line, and the server neither answers
 * nor closes only after 10 s at most (its idle timeout here is 1 s; "nothing hangs past its
 * deadline"). Sanitizers catch the rest, on the server's threads too.
 *
 * With GONGKAI_FUZZ_HTTP_STRICT=1 in the environment, also: every response carries our
 * security headers (X-Content-Type-Options: nosniff) and no Date, Content-Type or
 * Content-Length header twice. Off by default while libmicrohttpd's own error answers (505,
 * 414, 431) lack them (issue 7, item 5); turn it on to check a fix.
 *
 * The idle timeout is short because libmicrohttpd 0.9.75 often does not close a connection
 * when the client has shut down its side (FIN), whether the request was complete and
 * answered or not: the connection then waits for the idle timeout (30 s by default), and
 * with a longer one here most of the fuzzer's time went into waiting. */
#include "fuzz.h"
#include "demo/demo.h"
#include "records/import.h"
#include "store/store.h"
#include "web/portal.h"
#include "web/server.h"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define ITEMS_KEPT 200
#define HANG_MS 10000

static char dir[256];
static char db_path[300];
static struct portal *portal;
static server_t *server;
static int port;
static FILE *devnull;
static struct route routes[128];

static void h_echo(struct request *req, struct response *res)
{
    res_type(res, "text/plain; charset=utf-8");
    buf_printf(&res->body, "%s %s body=%zu\n", req->method, req->path, req->body_len);
    const struct req_params *lists[] = {&req->params, &req->form, &req->cookies, &req->headers};
    for (size_t l = 0; l < sizeof lists / sizeof *lists; l++)
        for (size_t i = 0; i < lists[l]->n; i++)
            buf_printf(&res->body, "%zu %s=%s\n", l, lists[l]->v[i].name, lists[l]->v[i].value);
    const char *all[8];
    size_t n = req_form_all(req, "tag", all, 8) + req_query_all(req, "tag", all, 8);
    const char *q = req_query(req, "q"), *f = req_form(req, "q"), *c = req_cookie(req, "gk_mode");
    buf_printf(&res->body, "tags=%zu q=%s f=%s c=%s\n", n, q ? q : "-", f ? f : "-", c ? c : "-");
}

/* Part of the demo data set: small enough to load in a few seconds under the sanitizers. */
static void make_database(void)
{
    char *all = NULL, *kept = NULL;
    size_t all_len = 0, kept_len = 0;
    FILE *f = open_memstream(&all, &all_len);
    if (demo_write_jsonl(f) != 0)
        fuzz_fail("demo_write_jsonl failed");
    fclose(f);
    f = open_memstream(&kept, &kept_len);
    int items = 0;
    for (char *line = all, *nl; *line; line = nl + 1) {
        nl = strchr(line, '\n');
        if (!nl)
            break;
        /* the demo's attachments (written last) belong to items past the ones kept */
        if (strncmp(line, "{\"type\":\"attachment\"", 20) == 0)
            continue;
        if (strncmp(line, "{\"type\":\"item\"", 14) != 0 || ++items <= ITEMS_KEPT)
            fwrite(line, 1, (size_t)(nl - line + 1), f);
    }
    fclose(f);
    free(all);

    store_t *s;
    char *err = NULL;
    if (store_open(db_path, &s, &err) || store_migrate(s, &err))
        fuzz_fail("store: %s", err);
    FILE *in = fmemopen(kept, kept_len, "r");
    struct import_result res;
    if (import_stream(s, in, "demo", false, stderr, &res) != 0)
        fuzz_fail("importing the demo data failed");
    fclose(in);
    free(kept);
    store_close(s);
}

static void stop_all(void)
{
    server_stop(server);
    portal_close(portal);
    if (devnull)
        fclose(devnull);
    char path[400];
    static const char *const files[] = {"db", "db-wal", "db-shm"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/gongkai-fuzz-http-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        fuzz_fail("mkdtemp %s: %s", dir, strerror(errno));
    snprintf(db_path, sizeof db_path, "%s/db", dir);
    make_database();
    char *err = NULL;
    portal = portal_open(db_path, NULL, &err);
    if (!portal)
        fuzz_fail("portal_open: %s", err);

    size_t n;
    const struct route *pr = portal_routes(&n);
    if (n + 2 > sizeof routes / sizeof *routes)
        fuzz_fail("too many portal routes: %zu", n);
    memcpy(routes, pr, n * sizeof *pr);
    routes[n++] = (struct route){"POST", "/fuzz/echo", h_echo};
    routes[n++] = (struct route){"PUT", "/fuzz/echo", h_echo};

    devnull = fopen("/dev/null", "w");
    struct server_config cfg = server_config_defaults();
    cfg.port = 0;
    cfg.threads = 2;
    cfg.timeout_s = 1; /* see below: many inputs leave the server waiting for its idle timeout */
    cfg.stop_grace_s = 1;
    cfg.access_log = devnull;
    cfg.error_log = devnull;
    cfg.error_page = portal_error_page;
    server = server_start(&cfg, routes, n, portal, &err);
    if (!server)
        fuzz_fail("server_start: %s", err);
    port = server_port(server);
    atexit(stop_all);
    return 0;
}

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Length of the first complete response in R[0..N) (headers and, when the headers say how
 * long it is, the body), or 0 when it is not complete yet or its end is the close. */
static size_t response_length(const char *r, size_t n)
{
    const char *end = NULL;
    for (size_t i = 0; i + 3 < n; i++)
        if (memcmp(r + i, "\r\n\r\n", 4) == 0) {
            end = r + i + 4;
            break;
        }
    if (!end)
        return 0;
    size_t head = (size_t)(end - r);
    int status = atoi(r + 9);
    if (status < 200 || status == 204 || status == 304)
        return head;
    for (const char *p = r; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            break;
        if ((size_t)(nl - p) > 15 && strncasecmp(p, "Content-Length:", 15) == 0) {
            size_t len = strtoul(p + 15, NULL, 10);
            return n >= head + len ? head + len : 0;
        }
        p = nl + 1;
    }
    return 0;
}

/* How many header lines of the first response's header block R[0..HEAD) are called NAME. */
static int header_count(const char *r, size_t head, const char *name)
{
    int count = 0;
    size_t nl = strlen(name);
    for (const char *p = r; p < r + head;) {
        const char *eol = memchr(p, '\n', (size_t)(r + head - p));
        if (!eol)
            break;
        if ((size_t)(eol - p) > nl && strncasecmp(p, name, nl) == 0 && p[nl] == ':')
            count++;
        p = eol + 1;
    }
    return count;
}

/* Where the blank line ending a header block starts in R[0..N), or NULL. */
static const char *headers_end(const char *r, size_t n)
{
    for (size_t i = 0; i + 3 < n; i++)
        if (memcmp(r + i, "\r\n\r\n", 4) == 0)
            return r + i;
    return NULL;
}

static void check_reply(const char *r, size_t n, const uint8_t *data, size_t size)
{
    if (n == 0)
        return; /* a clean close */
    bool ok = n >= 13 && (strncmp(r, "HTTP/1.1 ", 9) == 0 || strncmp(r, "HTTP/1.0 ", 9) == 0) && r[9] >= '1' &&
              r[9] <= '5' && r[10] >= '0' && r[10] <= '9' && r[11] >= '0' && r[11] <= '9' && r[12] == ' ';
    FUZZ_CHECK(ok, "malformed status line in a %zu-byte reply to %zu bytes: %.*s", n, size, (int)(n < 200 ? n : 200),
               r);
    (void)data;
    const char *nl = memchr(r, '\n', n);
    FUZZ_CHECK(nl && nl > r && nl[-1] == '\r', "status line not ended by CRLF: %.*s", (int)(n < 200 ? n : 200), r);
    /* HEAD answers and answers cut by a reset aside, the header block ends. */
    bool ended = false;
    for (size_t i = 0; i + 3 < n && !ended; i++)
        ended = memcmp(r + i, "\r\n\r\n", 4) == 0;
    FUZZ_CHECK(ended || n >= 65536, "reply without the end of its headers: %.*s", (int)(n < 400 ? n : 400), r);
    static int strict = -1;
    if (strict < 0)
        strict = getenv("GONGKAI_FUZZ_HTTP_STRICT") && strcmp(getenv("GONGKAI_FUZZ_HTTP_STRICT"), "1") == 0;
    /* An interim "100 Continue" carries no headers by design: the final answer follows it. */
    while (strict && ended && strncmp(r + 9, "100 ", 4) == 0) {
        const char *end = headers_end(r, n);
        n -= (size_t)(end + 4 - r);
        r = end + 4;
        ended = n >= 13 && headers_end(r, n) != NULL;
    }
    if (strict && ended) {
        size_t head = 0;
        while (memcmp(r + head, "\r\n\r\n", 4) != 0)
            head++;
        head += 4;
        FUZZ_CHECK(header_count(r, head, "X-Content-Type-Options") == 1, "response without our security headers: %.*s",
                   (int)head, r);
        static const char *const once[] = {"Date", "Content-Type", "Content-Length"};
        for (size_t i = 0; i < 3; i++)
            FUZZ_CHECK(header_count(r, head, once[i]) <= 1, "header %s twice: %.*s", once[i], (int)head, r);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!server)
        LLVMFuzzerInitialize(NULL, NULL);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        fuzz_fail("socket: %s", strerror(errno));
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0)
        fuzz_fail("connect: %s", strerror(errno));
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);

    size_t sent = 0, cap = 65536, got = 0;
    char *reply = malloc(cap);
    bool wr_open = true, closed = false;
    long long start = now_ms(), complete_at = 0;
    if (size == 0) {
        shutdown(fd, SHUT_WR);
        wr_open = false;
    }
    while (!closed) {
        long long now = now_ms();
        if (complete_at)
            break;
        if (now - start >= HANG_MS)
            fuzz_fail("no complete answer and no close %d ms after a %zu-byte request (%zu bytes sent, %zu "
                      "received): %.*s",
                      HANG_MS, size, sent, got, (int)(size < 300 ? size : 300), (const char *)data);
        struct pollfd p = {fd, (short)(POLLIN | (wr_open ? POLLOUT : 0)), 0};
        if (poll(&p, 1, 100) < 0 && errno != EINTR)
            fuzz_fail("poll: %s", strerror(errno));
        if (wr_open && (p.revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t w = send(fd, data + sent, size - sent, MSG_NOSIGNAL);
            if (w > 0)
                sent += (size_t)w;
            if ((w < 0 && errno != EAGAIN && errno != EINTR) || sent == size) {
                shutdown(fd, SHUT_WR);
                wr_open = false;
            }
        }
        if (p.revents & (POLLIN | POLLERR | POLLHUP)) {
            char tmp[65536];
            ssize_t r = recv(fd, tmp, sizeof tmp, 0);
            if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
                closed = true; /* a reset after the answer (unread request bytes) counts as a close */
            } else if (r > 0) {
                size_t keep = got < cap ? (cap - got < (size_t)r ? cap - got : (size_t)r) : 0;
                memcpy(reply + got, tmp, keep);
                got += keep;
                if (response_length(reply, got))
                    complete_at = now_ms();
            }
        }
    }
    close(fd);
    check_reply(reply, got, data, size);
    free(reply);
    return 0;
}
