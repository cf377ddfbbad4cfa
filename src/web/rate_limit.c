/* Rate limits of the public forms (rate_limit.h). */
#include "web/rate_limit.h"
#include "domain/settings.h"
#include "store/store_messages.h"
#include "util/codes.h"
#include "util/xalloc.h"
#include "web/site.h"
#include <stdlib.h>
#include <time.h>

res_t rate_limit_hit(store_t *s, const char *bucket, const char *key, long limit, long window_s, char **err)
{
    char secret[CODES_HASH_HEX], hashed[CODES_HASH_HEX];
    res_t rc = store_msg_secret(s, "rate", secret, err);
    if (rc)
        return rc;
    char *what = xasprintf("%s|%s", bucket, key ? key : "");
    codes_keyed_hash(secret, what, hashed);
    free(what);
    long long now = (long long)time(NULL);
    long long window = now - now % window_s;
    bool allowed = false;
    rc = store_rate_hit(s, hashed, window, (int)limit, window - window_s, &allowed, err);
    if (rc)
        return rc;
    if (!allowed) {
        free(*err);
        *err = xstrdup("rate: too many requests in this window");
        return RES_REFUSED;
    }
    return RES_OK;
}

long rate_limit_setting(const struct portal *p, const char *key)
{
    return settings_uint(key, site_setting(site_get(p), key));
}
