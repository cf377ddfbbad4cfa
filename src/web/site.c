/* The site settings snapshot (site.h). */
#include "web/site.h"
#include "store/store_settings.h"
#include "util/escape.h"
#include "util/url.h"
#include "util/xalloc.h"
#include "web/view.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct site_slot {
    _Atomic(struct site *) cur;
    pthread_mutex_t mu; /* one load at a time */
};

struct site_slot *site_slot_new(void)
{
    struct site_slot *s = xcalloc(1, sizeof *s);
    atomic_init(&s->cur, NULL);
    pthread_mutex_init(&s->mu, NULL);
    return s;
}

static void site_free(struct site *s)
{
    json_decref(s->settings);
    json_decref(s->json);
    free(s);
}

void site_slot_free(struct site_slot *slot)
{
    if (!slot)
        return;
    struct site *s = atomic_load(&slot->cur);
    while (s) {
        struct site *older = s->older;
        site_free(s);
        s = older;
    }
    pthread_mutex_destroy(&slot->mu);
    free(slot);
}

const struct site *site_get(const struct portal *p)
{
    return atomic_load(&p->site->cur);
}

const char *site_setting(const struct site *s, const char *key)
{
    const char *v = json_string_value(json_object_get(s->settings, key));
    return v && *v ? v : NULL;
}

static int collect_setting(const char *key, const char *value, void *ud)
{
    json_object_set_new(ud, key, view_str(value));
    return 0;
}

/* The digits of 公安机关备案号 (黑公网安备 23040302000001号 → 23040302000001), for its link. */
static char *digits_of(const char *s)
{
    char *d = xmalloc(strlen(s) + 1), *o = d;
    for (; *s; s++)
        if (*s >= '0' && *s <= '9')
            *o++ = *s;
    *o = 0;
    return d;
}

/* The page's "site" object from the settings and the root agency (may be NULL). */
static json_t *site_json(const struct site *s, const struct agency *root)
{
    const char *root_name = root ? root->name : NULL;
    const char *fallback_name = root_name && *root_name ? root_name : "政府门户网站";
    const char *v;
    json_t *j = json_object();
    view_set(j, "name", (v = site_setting(s, "site_name")) ? v : fallback_name);
    view_set(j, "domain", site_setting(s, "site_domain"));
    const char *id_code = site_setting(s, "site_id_code");
    view_set(j, "id_code", id_code);
    view_set_opt(j, "icp", site_setting(s, "icp"));
    const char *police = site_setting(s, "police_record");
    view_set_opt(j, "police_record", police);
    char *digits = digits_of(police ? police : "");
    if (*digits) {
        char *url = xasprintf("https://beian.mps.gov.cn/#/query/webSearch?code=%s", digits);
        view_set(j, "police_url", url);
        free(url);
    }
    free(digits);
    view_set(j, "sponsor", (v = site_setting(s, "sponsor")) ? v : fallback_name);
    view_set_opt(j, "organizer", site_setting(s, "organizer"));
    view_set_opt(j, "address", (v = site_setting(s, "address")) ? v : root ? root->address : NULL);
    view_set_opt(j, "phone", (v = site_setting(s, "phone")) ? v : root ? root->phone : NULL);
    view_set_opt(j, "postcode", (v = site_setting(s, "postcode")) ? v : root ? root->postcode : NULL);
    /* Operator settings that become links: a value whose scheme is not allowed
     * (util/url.h) is ignored like a missing one. */
    const char *report = site_setting(s, "error_report_url");
    if (report && url_is_safe_href(report)) {
        view_set(j, "error_report_url", report);
    } else {
        buf_t b = BUF_INIT;
        buf_puts(&b, "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=");
        esc_url_component(&b, id_code ? id_code : "");
        view_set(j, "error_report_url", buf_str(&b));
        buf_free(&b);
    }
    const char *dzjg = site_setting(s, "dzjg_url");
    view_set_opt(j, "dzjg_url", dzjg && url_is_safe_href(dzjg) ? dzjg : NULL);
    return j;
}

res_t site_load(struct portal *p, store_t *st, bool *changed, char **why)
{
    struct site *s = xcalloc(1, sizeof *s);
    s->settings = json_object();
    struct agency root = {0};
    res_t r = store_setting_each(st, collect_setting, s->settings, why);
    if (r != RES_OK)
        goto out;
    int rc = store_get_agency(st, NULL, &root, why);
    if (rc < 0) {
        r = RES_FAILED;
        goto out;
    }
    if (rc == 0 && strcmp(p->root_agency, root.code) != 0) /* written at open; a reload rarely changes it */
        snprintf(p->root_agency, sizeof p->root_agency, "%s", root.code);
    s->json = site_json(s, rc == 0 ? &root : NULL);
    s->name = json_string_value(json_object_get(s->json, "name"));
    s->domain = json_string_value(json_object_get(s->json, "domain"));
    s->sponsor = json_string_value(json_object_get(s->json, "sponsor"));

    pthread_mutex_lock(&p->site->mu);
    struct site *cur = atomic_load(&p->site->cur);
    bool differs = !cur || !json_equal(cur->json, s->json) || !json_equal(cur->settings, s->settings);
    if (differs) {
        s->older = cur;
        atomic_store(&p->site->cur, s);
        s = NULL;
    }
    pthread_mutex_unlock(&p->site->mu);
    if (changed)
        *changed = differs;
out:
    agency_clear(&root);
    if (s)
        site_free(s);
    return r;
}
