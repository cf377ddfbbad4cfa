/* Rate limits of the public forms, kept in the store so that they hold across restarts
 * and across the server's threads: a fixed window per (bucket, key), the key hashed with
 * the server's secret (no visitor's address or contact is stored as it is). A request over
 * the limit is answered 429 and nothing of it is stored: floods are throttled, not kept. */
#ifndef GK_WEB_RATE_LIMIT_H
#define GK_WEB_RATE_LIMIT_H
#include "store/store.h"
#include "util/result.h"

/* One hit of BUCKET ("lookup-ip", "submit-contact" …) for KEY in the current window of
 * WINDOW_S seconds, allowing LIMIT per window (0: none). RES_OK when allowed, RES_REFUSED
 * when over the limit (*err "rate: …"), RES_FAILED. */
res_t rate_limit_hit(store_t *s, const char *bucket, const char *key, long limit, long window_s, char **err);

/* The limit of setting KEY (a SETTING_UINT) as the portal has it now. */
struct portal;
long rate_limit_setting(const struct portal *p, const char *key);

#endif
