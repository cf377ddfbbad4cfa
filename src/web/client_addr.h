/* Who the client is: trusted reverse proxies and X-Forwarded-For.
 *
 * Behind nginx every connection comes from the proxy, so the address that
 * per-address limits and the access log need is in X-Forwarded-For.  That
 * header is believed only when the TCP peer is a trusted proxy, and then
 * only from the right: each trusted proxy appends the address it saw, so the
 * right-most entry that is not itself a trusted proxy is the client (entries
 * further left were written by the client and may be forged). */
#ifndef GK_WEB_CLIENT_ADDR_H
#define GK_WEB_CLIENT_ADDR_H
#include <stdbool.h>
#include <stddef.h>

typedef struct addr_list addr_list_t;

/* Parses "127.0.0.1, 10.0.0.0/8, ::1, fd00::/8" (commas and/or spaces between
 * entries; IPv4 or IPv6 addresses, each optionally with a /prefix).  NULL or
 * "" is the empty list.  Returns NULL and sets *ERR (caller frees) naming the
 * bad entry. */
addr_list_t *addr_list_parse(const char *spec, char **err);
void addr_list_free(addr_list_t *l);

/* True when the numeric address IP (IPv4, IPv6, or IPv4-mapped IPv6) is in L. */
bool addr_list_contains(const addr_list_t *l, const char *ip);

/* The client address of a request: PEER (the TCP peer, numeric) unless PEER is
 * in TRUSTED, in which case X-Forwarded-For (XFF, all such headers joined with
 * commas, NULL if none) is read from the right: each valid entry is taken
 * while the one taken is a trusted proxy; the walk stops at the first entry
 * that is not an address.  Writes the result (numeric, canonical form) to
 * OUT, which should hold 46 bytes. */
void client_addr_resolve(const addr_list_t *trusted, const char *peer, const char *xff,
                         char *out, size_t outsz);

#endif
