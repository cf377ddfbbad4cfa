/* Shared helpers of the tests that talk HTTP to a real server on a loopback port: a libcurl
 * handle for one request, and the portal served with its own route table.
 *
 * Header-only (static inline), like test.h: each test program is one .c file linked with the
 * library, so a helper a program does not use costs nothing. Programs using it link -lcurl,
 * which the Makefile's test rule always adds. */
#ifndef GK_TEST_HTTP_H
#define GK_TEST_HTTP_H
#include "test.h"
#include "util/buf.h"
#include "web/portal.h"
#include "web/server.h"
#include <curl/curl.h>

/* A libcurl write or header callback that appends what it is given to the buf_t passed as
 * its user data. */
static inline size_t test_http_append(char *p, size_t size, size_t n, void *ud)
{
    buf_append(ud, p, size * n);
    return size * n;
}

/* An easy handle for http://127.0.0.1:PORT PATH (PATH already URL-encoded): the body is
 * appended to BODY; when ON_HEADER is given, each header line goes to it with HEADER_UD;
 * the whole request may take TIMEOUT seconds. No signals (the tests run threads). The caller
 * adds its own options, performs and cleans up. */
static inline CURL *test_http_handle(int port, const char *path, buf_t *body, curl_write_callback on_header,
                                     void *header_ud, long timeout)
{
    buf_t url = BUF_INIT;
    buf_printf(&url, "http://127.0.0.1:%d%s", port, path);
    CURL *c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_URL, buf_str(&url)); /* libcurl keeps its own copy */
    buf_free(&url);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, test_http_append);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, body);
    if (on_header) {
        curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(c, CURLOPT_HEADERDATA, header_ud);
    }
    curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    return c;
}

/* Performs C, stores the answer's status in *STATUS (0 when there was none) and cleans C
 * up; returns libcurl's result. */
static inline CURLcode test_http_finish(CURL *c, long *status)
{
    *status = 0;
    CURLcode rc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
    curl_easy_cleanup(c);
    return rc;
}

/* Serves portal P with portal_routes() and the portal's error page on a free loopback port
 * (read it with server_port()); the rest of CFG (threads, limits, error log, theme) is the
 * caller's. NULL, with the reason printed and in *err, when the server cannot start. */
static inline server_t *test_serve_portal(struct portal *p, struct server_config *cfg, char **err)
{
    cfg->port = 0;
    cfg->error_page = portal_error_page;
    size_t n;
    const struct route *routes = portal_routes(&n);
    server_t *s = server_start(cfg, routes, n, p, err);
    if (!s)
        fprintf(stderr, "server_start: %s\n", *err ? *err : "?");
    return s;
}

#endif
