/* The operator's settings: ONE table of every key `gongkai settings` accepts, with its
 * type, default, validation, whether it needs a restart and its description (docs/settings.md
 * prints the same table). Pure: no I/O; the store keeps the values (store/store_settings.h),
 * the portal reads them (web/site.c), `gongkai serve` builds its server limits from them. */
#ifndef GK_DOMAIN_SETTINGS_H
#define GK_DOMAIN_SETTINGS_H
#include "util/result.h"
#include <stdbool.h>
#include <stddef.h>

enum setting_type {
    SETTING_TEXT,     /* one line of text, at most 200 characters */
    SETTING_DOMAIN,   /* a host name: www.example.gov.cn (no scheme, no path) */
    SETTING_SITE_ID,  /* 网站标识码: ten ASCII letters or digits */
    SETTING_URL,      /* an absolute http:// or https:// URL (it goes into an href) */
    SETTING_EMAIL,    /* name@host */
    SETTING_POSTCODE, /* six digits */
    SETTING_UINT,     /* a decimal integer in [min, max] */
    SETTING_PROXIES,  /* comma-separated IPv4/IPv6 addresses or CIDR blocks; "" = none */
};

struct setting_def {
    const char *key;
    enum setting_type type;
    long min, max;        /* SETTING_UINT only */
    const char *dflt;     /* the value when unset; NULL = none (the page omits it or derives it) */
    bool restart;         /* true: read when `gongkai serve` starts; false: applied on reload */
    const char *zh, *en;  /* what it is, for `settings list` and docs/settings.md */
};

/* Every key, in the order `settings list` shows them; N set to the count. */
const struct setting_def *settings_table(size_t *n);

/* The key's definition, or NULL for a key the table does not have. */
const struct setting_def *settings_find(const char *key);

/* Checks VALUE for KEY: RES_OK; RES_REFUSED with *why ("per_ip_limit: '0x10' is not a
 * whole number from 0 to 65535"), RES_NOT_FOUND with *why for an unknown key. *why is
 * malloc'd; the caller frees it. */
res_t settings_check(const char *key, const char *value, char **why);

/* The integer value of a SETTING_UINT key: VALUE when it passes settings_check, else the
 * table's default. */
long settings_uint(const char *key, const char *value);

#endif
