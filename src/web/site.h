/* The site settings as the pages see them: a snapshot built from the settings table and
 * the root agency, replaced whole when the settings change while serving (reload.c). A
 * handler reads the current snapshot with site_get(); an old one stays valid until
 * portal_close (a reload costs a few kilobytes), so a request in flight never sees it
 * freed. Keys and their validation: domain/settings.h. */
#ifndef GK_WEB_SITE_H
#define GK_WEB_SITE_H
#include "util/result.h"
#include "web/portal.h"
#include <stdbool.h>

struct site {
    json_t *settings;    /* key → value, as stored */
    json_t *json;        /* the "site" object of every page (layout.c) */
    const char *name;    /* 网站名称, default: the root agency's name */
    const char *domain;  /* SiteDomain, e.g. www.gongnong.gov.cn; "" when unset */
    const char *sponsor; /* 主办单位, default: the root agency's name */
    struct site *older;  /* the snapshot this one replaced */
};

struct site_slot *site_slot_new(void);
void site_slot_free(struct site_slot *slot);

/* The current snapshot (never NULL after portal_open). */
const struct site *site_get(const struct portal *p);

/* A setting of snapshot S, or NULL when unset or empty. */
const char *site_setting(const struct site *s, const char *key);

/* Reads the settings and the root agency through ST and makes them the current snapshot.
 * *changed (may be NULL) tells whether anything differs from the snapshot before. */
res_t site_load(struct portal *p, store_t *st, bool *changed, char **why);

#endif
