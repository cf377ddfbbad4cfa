#include "web/client_addr.h"
#include "util/xalloc.h"
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct net {
    int family;            /* AF_INET or AF_INET6 */
    unsigned char a[16];   /* 4 or 16 bytes used */
    unsigned bits;         /* prefix length */
};

struct addr_list {
    struct net *v;
    size_t n;
};

/* Parses one numeric address into N (prefix = all bits).  An IPv4-mapped IPv6
 * address (::ffff:1.2.3.4, what a dual-stack socket reports for IPv4 peers)
 * becomes plain IPv4 so that "127.0.0.1" in the list matches it. */
static bool parse_addr(const char *s, struct net *n)
{
    memset(n, 0, sizeof *n);
    if (inet_pton(AF_INET, s, n->a) == 1) {
        n->family = AF_INET;
        n->bits = 32;
        return true;
    }
    if (inet_pton(AF_INET6, s, n->a) == 1) {
        static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        if (memcmp(n->a, mapped, 12) == 0) {
            memmove(n->a, n->a + 12, 4);
            memset(n->a + 4, 0, 12);
            n->family = AF_INET;
            n->bits = 32;
        } else {
            n->family = AF_INET6;
            n->bits = 128;
        }
        return true;
    }
    return false;
}

static bool net_contains(const struct net *net, const struct net *ip)
{
    if (net->family != ip->family)
        return false;
    unsigned full = net->bits / 8, rest = net->bits % 8;
    if (memcmp(net->a, ip->a, full) != 0)
        return false;
    if (rest == 0)
        return true;
    unsigned char mask = (unsigned char)(0xFF << (8 - rest));
    return (net->a[full] & mask) == (ip->a[full] & mask);
}

addr_list_t *addr_list_parse(const char *spec, char **err)
{
    *err = NULL;
    addr_list_t *l = xcalloc(1, sizeof *l);
    if (!spec)
        return l;
    const char *p = spec;
    for (;;) {
        while (*p == ',' || *p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        size_t len = strcspn(p, ", \t");
        char item[80];
        if (len >= sizeof item) {
            *err = xasprintf("trusted proxy '%.*s...' is not an address or range", 40, p);
            addr_list_free(l);
            return NULL;
        }
        memcpy(item, p, len);
        item[len] = '\0';
        p += len;
        struct net n;
        char *slash = strchr(item, '/');
        long bits = -1;
        if (slash) {
            *slash = '\0';
            char *end;
            bits = strtol(slash + 1, &end, 10);
            if (!slash[1] || *end || bits < 0)
                bits = 999;
        }
        if (!parse_addr(item, &n) || bits > (long)n.bits) {
            if (slash)
                *slash = '/';
            *err = xasprintf("trusted proxy '%s' is not an IPv4/IPv6 address or CIDR range "
                             "(e.g. 127.0.0.1, 10.0.0.0/8, ::1, fd00::/8)", item);
            addr_list_free(l);
            return NULL;
        }
        if (bits >= 0)
            n.bits = (unsigned)bits;
        l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
        l->v[l->n++] = n;
    }
    return l;
}

void addr_list_free(addr_list_t *l)
{
    if (!l)
        return;
    free(l->v);
    free(l);
}

static bool list_has(const addr_list_t *l, const struct net *ip)
{
    for (size_t i = 0; l && i < l->n; i++)
        if (net_contains(&l->v[i], ip))
            return true;
    return false;
}

bool addr_list_contains(const addr_list_t *l, const char *ip)
{
    struct net n;
    return ip && parse_addr(ip, &n) && list_has(l, &n);
}

static void canonical(const struct net *n, char *out, size_t outsz)
{
    char tmp[INET6_ADDRSTRLEN];
    if (!inet_ntop(n->family, n->a, tmp, sizeof tmp))
        strcpy(tmp, "-");
    snprintf(out, outsz, "%s", tmp);
}

void client_addr_resolve(const addr_list_t *trusted, const char *peer, const char *xff,
                         char *out, size_t outsz)
{
    struct net cur;
    if (!peer || !parse_addr(peer, &cur)) {
        snprintf(out, outsz, "%s", peer && *peer ? peer : "-");
        return;
    }
    if (xff && list_has(trusted, &cur)) {
        const char *end = xff + strlen(xff);
        while (end > xff) {
            const char *start = end;
            while (start > xff && start[-1] != ',')
                start--;
            const char *a = start, *b = end;
            while (a < b && (*a == ' ' || *a == '\t'))
                a++;
            while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
                b--;
            end = start > xff ? start - 1 : xff;
            char item[INET6_ADDRSTRLEN];
            size_t len = (size_t)(b - a);
            struct net n;
            if (len == 0 || len >= sizeof item)
                break;
            memcpy(item, a, len);
            item[len] = '\0';
            if (!parse_addr(item, &n))
                break; /* garbled: believe nothing further left */
            cur = n;
            if (!list_has(trusted, &cur))
                break; /* the first untrusted hop from the right is the client */
        }
    }
    canonical(&cur, out, outsz);
}
