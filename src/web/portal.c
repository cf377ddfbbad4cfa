/* The portal object: per-thread database connections, settings, the column tree, the
 * compiled templates, the site layout around every page, the error page, and the route
 * table. Page handlers live in pages_*.c; shared helpers in html.c. */
#include "web/portal.h"
#include "web/single_flight.h"
#include "report/doc.h"
#include "store/store_portal.h"
#include "util/embed.h"
#include "util/escape.h"
#include "util/xalloc.h"
#include "web/html.h"
#include "web/static_files.h"
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* One thread's connection. */
struct conn {
    store_t *store;
    struct portal *p;
    struct conn *prev, *next;
    long long data_version; /* as last seen on this connection */
    bool have_version;
};

/* ---- the page cache ----
 * Rendered pages keyed by path, query and 长者模式, so that a page read again costs a
 * copy instead of its queries and its rendering (cgit's habit). An entry is good while the
 * database generation it was rendered in is current and the day has not changed (items
 * scheduled for today appear, repeal dates pass). The generation moves when any thread
 * sees its connection's data_version change, i.e. after any commit by another connection
 * (an import while serving): every entry is then stale at once. Oldest entries go first
 * when the byte budget is exceeded. */
struct cache_entry {
    struct cache_entry *hnext;      /* bucket chain */
    struct cache_entry *older, *newer; /* eviction order */
    uint64_t hash;
    char *key, *body, *type, *cache_control, *vary;
    size_t len;
    unsigned long gen;
    char day[11];
};

#define CACHE_BUCKETS 4096
#define CACHE_ENTRY_MAX (1u << 20)

struct page_cache {
    pthread_mutex_t mu;
    struct cache_entry *bucket[CACHE_BUCKETS];
    struct cache_entry *oldest, *newest;
    size_t bytes, budget, entries;
};

/* The directory's select-box values, per generation. */
struct facet_cache {
    pthread_mutex_t mu;
    unsigned long gen;
    bool valid;
    char **facet, **value;
    size_t n, cap;
};

struct portal_private {
    pthread_key_t key;
    pthread_mutex_t mu;
    struct conn *conns; /* every open connection, for portal_close */
    struct portal_column *cols;
    size_t ncols;
    json_t *settings;   /* key → value */
    json_t *site;       /* the "site" object of every page */
    char *css_href;     /* /static/site.css?v=<hash of the file> */
    atomic_ulong gen;   /* database generation (see the page cache) */
    struct page_cache cache;
    struct facet_cache facets;
    struct single_flight *flight; /* pages being rendered (single_flight.h) */
};

/* ------------------------------------------------------------------ connections */

static void conn_close(struct conn *c)
{
    struct portal_private *pv = c->p->priv;
    pthread_mutex_lock(&pv->mu);
    if (c->prev)
        c->prev->next = c->next;
    else
        pv->conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    pthread_mutex_unlock(&pv->mu);
    store_close(c->store);
    free(c);
}

/* Thread exit: the thread's connection goes with it. */
static void conn_destructor(void *v)
{
    if (v)
        conn_close(v);
}

static struct conn *conn_get(struct portal *p);
static void cache_clear(struct page_cache *c);
static void facets_clear(struct facet_cache *f);

store_t *portal_store(struct portal *p)
{
    struct conn *c = conn_get(p);
    return c ? c->store : NULL;
}

static struct conn *conn_get(struct portal *p)
{
    struct conn *c = pthread_getspecific(p->priv->key);
    if (c)
        return c;
    store_t *s;
    char *err = NULL;
    if (store_open(p->db_path, &s, &err)) {
        fprintf(stderr, "gongkai: serve: %s\n", err ? err : "cannot open the database");
        free(err);
        return NULL;
    }
    c = xcalloc(1, sizeof *c);
    c->store = s;
    c->p = p;
    pthread_mutex_lock(&p->priv->mu);
    c->next = p->priv->conns;
    if (c->next)
        c->next->prev = c;
    p->priv->conns = c;
    pthread_mutex_unlock(&p->priv->mu);
    pthread_setspecific(p->priv->key, c);
    /* What this connection sees may be newer than what the cache was filled from. */
    atomic_fetch_add(&p->priv->gen, 1);
    return c;
}

/* ------------------------------------------------------------------ settings */

static int collect_setting(const char *key, const char *value, void *ud)
{
    json_object_set_new(ud, key, jstr(value));
    return 0;
}

const char *portal_setting(const struct portal *p, const char *key)
{
    const char *v = json_string_value(json_object_get(p->priv->settings, key));
    return v && *v ? v : NULL;
}

static char *setting_dup(const struct portal *p, const char *key, const char *fallback)
{
    const char *v = portal_setting(p, key);
    return xstrdup(v ? v : fallback ? fallback : "");
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

static void build_site(struct portal *p, const struct agency *root)
{
    struct site_settings *st = &p->site;
    const char *root_name = root ? root->name : NULL;
    const char *fallback_name = root_name && *root_name ? root_name : "政府门户网站";
    st->site_name = setting_dup(p, "site_name", fallback_name);
    st->site_domain = setting_dup(p, "site_domain", NULL);
    st->site_id_code = setting_dup(p, "site_id_code", NULL);
    st->icp = setting_dup(p, "icp", NULL);
    st->police_record = setting_dup(p, "police_record", NULL);
    st->sponsor = setting_dup(p, "sponsor", fallback_name);
    st->organizer = setting_dup(p, "organizer", NULL);
    st->address = setting_dup(p, "address", root ? root->address : NULL);
    st->phone = setting_dup(p, "phone", root ? root->phone : NULL);

    json_t *j = json_object();
    jset(j, "name", st->site_name);
    jset(j, "domain", st->site_domain);
    jset(j, "id_code", st->site_id_code);
    jset_opt(j, "icp", st->icp);
    jset_opt(j, "police_record", st->police_record);
    char *digits = digits_of(st->police_record);
    if (*digits) {
        char *url = xasprintf("https://beian.mps.gov.cn/#/query/webSearch?code=%s", digits);
        jset(j, "police_url", url);
        free(url);
    }
    free(digits);
    jset(j, "sponsor", st->sponsor);
    jset_opt(j, "organizer", st->organizer);
    jset_opt(j, "address", st->address);
    jset_opt(j, "phone", st->phone);
    const char *postcode = portal_setting(p, "postcode");
    jset_opt(j, "postcode", postcode ? postcode : root ? root->postcode : NULL);
    const char *report = portal_setting(p, "error_report_url");
    if (report) {
        jset(j, "error_report_url", report);
    } else {
        buf_t b = BUF_INIT;
        buf_puts(&b, "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=");
        esc_url_component(&b, st->site_id_code);
        jset(j, "error_report_url", buf_str(&b));
        buf_free(&b);
    }
    jset_opt(j, "dzjg_url", portal_setting(p, "dzjg_url"));
    p->priv->site = j;
}

/* ------------------------------------------------------------------ columns */

const struct portal_column *portal_column_find(const struct portal *p, const char *slug)
{
    if (!slug)
        return NULL;
    for (size_t i = 0; i < p->priv->ncols; i++)
        if (strcmp(p->priv->cols[i].slug, slug) == 0)
            return &p->priv->cols[i];
    return NULL;
}

const char *portal_column_name(const struct portal *p, const char *slug)
{
    const struct portal_column *c = portal_column_find(p, slug);
    return c ? c->name : NULL;
}

size_t html_column_children(const struct portal *p, const char *slug, const struct portal_column **out,
                            size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < p->priv->ncols; i++) {
        const struct portal_column *c = &p->priv->cols[i];
        bool match = slug ? c->parent_slug && strcmp(c->parent_slug, slug) == 0 : c->parent_slug == NULL;
        if (match) {
            if (n < max)
                out[n] = c;
            n++;
        }
    }
    return n;
}

/* ------------------------------------------------------------------ templates */

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Reads a whole (small) file; NULL + errno on failure. */
static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    buf_t b = BUF_INIT;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, n);
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        buf_free(&b);
        return NULL;
    }
    buf_append(&b, "", 0);
    return buf_take(&b);
}

static int load_templates(struct portal *p, char **err)
{
    p->templates = mustache_lib_new();
    static const char prefix[] = "templates/";
    for (size_t i = 0; i < embedded_count; i++) {
        const char *name = embedded_files[i].name;
        if (strncmp(name, prefix, sizeof prefix - 1) || !has_suffix(name, ".mustache"))
            continue;
        char *short_name = xstrndup(name + sizeof prefix - 1, strlen(name) - (sizeof prefix - 1) - 9);
        int rc = mustache_lib_add(p->templates, short_name, (const char *)embedded_files[i].data, err);
        free(short_name);
        if (rc)
            return -1;
    }
    if (p->theme_dir) {
        char *dir = xasprintf("%s/templates", p->theme_dir);
        DIR *d = opendir(dir);
        if (!d && errno != ENOENT) {
            *err = xasprintf("%s: %s", dir, strerror(errno));
            free(dir);
            return -1;
        }
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL) {
            if (e->d_name[0] == '.' || !has_suffix(e->d_name, ".mustache"))
                continue;
            char *path = xasprintf("%s/%s", dir, e->d_name);
            char *src = read_file(path);
            if (!src) {
                *err = xasprintf("%s: %s", path, strerror(errno));
                free(path);
                closedir(d);
                free(dir);
                return -1;
            }
            char *short_name = xstrndup(e->d_name, strlen(e->d_name) - 9);
            char *msg = NULL;
            int rc = mustache_lib_add(p->templates, short_name, src, &msg);
            if (rc) {
                *err = xasprintf("%s: %s", path, msg ? msg : "does not compile");
                free(msg);
            }
            free(short_name);
            free(src);
            free(path);
            if (rc) {
                closedir(d);
                free(dir);
                return -1;
            }
        }
        if (d)
            closedir(d);
        free(dir);
    }
    static const char *const required[] = {"layout", "error", "home", "column", "item", "gkml"};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (!mustache_lib_get(p->templates, required[i])) {
            *err = xasprintf("template %s.mustache is missing", required[i]);
            return -1;
        }
    return 0;
}

/* The stylesheet's URL carries a hash of its bytes, so that it can be cached for a year. */
static void css_version(struct portal *p)
{
    uint64_t h = 0;
    char *theme_css = p->theme_dir ? xasprintf("%s/static/site.css", p->theme_dir) : NULL;
    char *src = theme_css ? read_file(theme_css) : NULL;
    if (src) {
        h = res_hash64(src, strlen(src));
    } else {
        const struct embedded_file *f = embedded_find("static/site.css");
        if (f)
            h = res_hash64(f->data, f->size);
    }
    free(src);
    free(theme_css);
    p->priv->css_href = xasprintf("/static/site.css?v=%08llx", (unsigned long long)(h & 0xffffffffu));
}

/* ------------------------------------------------------------------ open / close */

struct portal *portal_open(const char *db_path, const char *theme_dir, char **err)
{
    *err = NULL;
    struct portal *p = xcalloc(1, sizeof *p);
    p->priv = xcalloc(1, sizeof *p->priv);
    p->db_path = xstrdup(db_path);
    p->theme_dir = theme_dir ? xstrdup(theme_dir) : NULL;
    pthread_mutex_init(&p->priv->mu, NULL);
    pthread_mutex_init(&p->priv->cache.mu, NULL);
    pthread_mutex_init(&p->priv->facets.mu, NULL);
    atomic_init(&p->priv->gen, 1);
    p->priv->flight = single_flight_new();
    if (pthread_key_create(&p->priv->key, conn_destructor) != 0) {
        *err = xstrdup("pthread_key_create failed");
        free(p->priv);
        free(p->db_path);
        free(p->theme_dir);
        free(p);
        return NULL;
    }
    p->priv->settings = json_object();

    store_t *s = portal_store(p);
    if (!s) {
        *err = xasprintf("%s: cannot open the database", db_path);
        goto fail;
    }
    int have = store_schema_version(s);
    if (have < store_schema_current() || have == 0) {
        *err = xasprintf("%s: the database is not initialised or has an older schema (run 'gongkai init')", db_path);
        goto fail;
    }
    char *msg = NULL;
    if (store_portal_columns(s, &p->priv->cols, &p->priv->ncols, &msg) ||
        store_portal_settings(s, collect_setting, p->priv->settings, &msg)) {
        *err = xasprintf("%s: the portal's tables are missing (run 'gongkai init'): %s", db_path,
                         msg ? msg : "?");
        free(msg);
        goto fail;
    }
    struct agency root = {0};
    int rc = store_get_agency(s, NULL, &root, &msg);
    if (rc < 0) {
        *err = xasprintf("%s: %s", db_path, msg ? msg : "cannot read agencies");
        free(msg);
        goto fail;
    }
    if (rc == 0)
        snprintf(p->root_agency, sizeof p->root_agency, "%s", root.code);
    build_site(p, rc == 0 ? &root : NULL);
    agency_clear(&root);
    if (load_templates(p, err))
        goto fail;
    css_version(p);
    /* The page cache's byte budget: setting page_cache_mb (0 turns it off), default 32. */
    const char *mb = portal_setting(p, "page_cache_mb");
    long budget = mb ? strtol(mb, NULL, 10) : 32;
    p->priv->cache.budget = budget > 0 && budget < 65536 ? (size_t)budget << 20 : 0;
    return p;
fail:
    portal_close(p);
    return NULL;
}

void portal_close(struct portal *p)
{
    if (!p)
        return;
    struct portal_private *pv = p->priv;
    /* The server is stopped: its threads are gone (their destructors closed their
     * connections). What is left belongs to threads still alive, such as this one. */
    while (pv->conns)
        conn_close(pv->conns);
    pthread_key_delete(pv->key);
    pthread_mutex_destroy(&pv->mu);
    cache_clear(&pv->cache);
    pthread_mutex_destroy(&pv->cache.mu);
    single_flight_free(pv->flight);
    facets_clear(&pv->facets);
    free(pv->facets.facet);
    free(pv->facets.value);
    pthread_mutex_destroy(&pv->facets.mu);
    portal_columns_free(pv->cols, pv->ncols);
    json_decref(pv->settings);
    json_decref(pv->site);
    free(pv->css_href);
    free(pv);
    mustache_lib_free(p->templates);
    struct site_settings *st = &p->site;
    char *f[] = {st->site_name, st->site_domain, st->site_id_code, st->icp, st->police_record,
                 st->sponsor, st->organizer, st->address, st->phone};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        free(f[i]);
    free(p->db_path);
    free(p->theme_dir);
    free(p);
}


/* ------------------------------------------------------------------ page cache */

static uint64_t key_hash(const char *s)
{
    return res_hash64(s, strlen(s));
}

static void entry_free(struct cache_entry *e)
{
    free(e->key);
    free(e->body);
    free(e->type);
    free(e->cache_control);
    free(e->vary);
    free(e);
}

/* Unlinks E from its bucket and the eviction list (lock held). */
static void entry_remove(struct page_cache *c, struct cache_entry *e)
{
    struct cache_entry **pp = &c->bucket[e->hash % CACHE_BUCKETS];
    while (*pp && *pp != e)
        pp = &(*pp)->hnext;
    if (*pp)
        *pp = e->hnext;
    if (e->older)
        e->older->newer = e->newer;
    else
        c->oldest = e->newer;
    if (e->newer)
        e->newer->older = e->older;
    else
        c->newest = e->older;
    c->bytes -= e->len + strlen(e->key);
    c->entries--;
    entry_free(e);
}

static void cache_clear(struct page_cache *c)
{
    while (c->oldest)
        entry_remove(c, c->oldest);
}

/* Checks this thread's connection for commits by others; moves the generation if any.
 * False when the database cannot be asked (then nothing is cached). */
static bool check_generation(struct portal *p)
{
    struct conn *c = conn_get(p);
    if (!c)
        return false;
    long long v;
    char *err = NULL;
    store_portal_end_reads(c->store);
    if (store_portal_data_version(c->store, &v, &err) != 0) {
        free(err);
        return false;
    }
    if (!c->have_version || v != c->data_version) {
        if (c->have_version)
            atomic_fetch_add(&p->priv->gen, 1);
        c->data_version = v;
        c->have_version = true;
    }
    return true;
}

/* After a handler: no read stays open on this thread's connection. */
static void portal_end_request(struct portal *p)
{
    struct conn *c = pthread_getspecific(p->priv->key);
    if (c)
        store_portal_end_reads(c->store);
}

static char *cache_key(struct request *req)
{
    return xasprintf("%s?%s|%c", req->path, req->query ? req->query : "", portal_elder(req) ? 'e' : 's');
}

static char *dup_opt(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static void render_and_keep(struct request *req, struct response *res, handler_fn fn, char *key, uint64_t h,
                            unsigned long gen, const char day[11]);

void portal_cached(struct request *req, struct response *res, handler_fn fn)
{
    struct portal *p = req->app;
    struct page_cache *c = &p->priv->cache;
    if (!c->budget || !check_generation(p)) {
        fn(req, res);
        portal_end_request(p);
        return;
    }
    unsigned long gen = atomic_load(&p->priv->gen);
    char day[11];
    portal_today(day);
    char *key = cache_key(req);
    uint64_t h = key_hash(key);
    bool hit = false, leading = false;
look:
    pthread_mutex_lock(&c->mu);
    for (struct cache_entry *e = c->bucket[h % CACHE_BUCKETS]; e; e = e->hnext) {
        if (e->hash != h || strcmp(e->key, key) != 0)
            continue;
        if (e->gen == gen && strcmp(e->day, day) == 0) {
            buf_reset(&res->body);
            buf_append(&res->body, e->body, e->len);
            res_type(res, e->type);
            if (e->cache_control)
                res_cache(res, e->cache_control);
            if (e->vary)
                res_header_set(res, "Vary", e->vary);
            hit = true;
        } else {
            entry_remove(c, e);
        }
        break;
    }
    pthread_mutex_unlock(&c->mu);
    if (hit) {
        if (leading)
            single_flight_end(p->priv->flight, key);
        res_etag_auto(res);
        free(key);
        return;
    }
    /* Single flight: while another request renders this page, wait for it, then look again;
     * having begun our own flight, look once more (it may have been kept just before). */
    if (!leading) {
        leading = single_flight_begin(p->priv->flight, key);
        goto look;
    }
    char *flying = xstrdup(key); /* KEY goes to the cache entry or is freed */
    render_and_keep(req, res, fn, key, h, gen, day);
    single_flight_end(p->priv->flight, flying);
    free(flying);
}

/* Renders the page and keeps it in the cache when it may be kept; takes KEY. */
static void render_and_keep(struct request *req, struct response *res, handler_fn fn, char *key, uint64_t h,
                            unsigned long gen, const char day[11])
{
    struct portal *p = req->app;
    struct page_cache *c = &p->priv->cache;
    fn(req, res);
    portal_end_request(p);
    /* Only a plain 200 page: no cookie set, no redirect, nothing personal, and not a page
     * that uses this request's CSP nonce (a theme's inline <style nonce>): it would not
     * match the next response's policy. */
    if (res->status != 200 || !res->etag_auto || res->body.len > CACHE_ENTRY_MAX || !res->content_type ||
        res_header_get(res, "Set-Cookie") || (req->nonce && *req->nonce && strstr(buf_str(&res->body), req->nonce))) {
        free(key);
        return;
    }
    struct cache_entry *e = xcalloc(1, sizeof *e);
    e->hash = h;
    e->key = key;
    e->len = res->body.len;
    e->body = xmalloc(e->len ? e->len : 1);
    memcpy(e->body, res->body.data ? res->body.data : "", e->len);
    e->type = xstrdup(res->content_type);
    e->cache_control = dup_opt(res->cache_control);
    e->vary = dup_opt(res_header_get(res, "Vary"));
    e->gen = gen;
    memcpy(e->day, day, 11);
    pthread_mutex_lock(&c->mu);
    /* Another thread may have stored the same page meanwhile: keep one. */
    for (struct cache_entry *o = c->bucket[h % CACHE_BUCKETS]; o; o = o->hnext)
        if (o->hash == h && strcmp(o->key, e->key) == 0) {
            entry_remove(c, o);
            break;
        }
    e->hnext = c->bucket[h % CACHE_BUCKETS];
    c->bucket[h % CACHE_BUCKETS] = e;
    e->older = c->newest;
    if (c->newest)
        c->newest->newer = e;
    else
        c->oldest = e;
    c->newest = e;
    c->bytes += e->len + strlen(e->key);
    c->entries++;
    while (c->bytes > c->budget && c->oldest && c->oldest != e)
        entry_remove(c, c->oldest);
    pthread_mutex_unlock(&c->mu);
}

/* ------------------------------------------------------------------ facets */

static int facet_collect(const char *facet, const char *value, void *ud)
{
    struct facet_cache *f = ud;
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 128;
        f->facet = xrealloc(f->facet, f->cap * sizeof *f->facet);
        f->value = xrealloc(f->value, f->cap * sizeof *f->value);
    }
    f->facet[f->n] = xstrdup(facet ? facet : "");
    f->value[f->n] = xstrdup(value ? value : "");
    f->n++;
    return 0;
}

static void facets_clear(struct facet_cache *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->facet[i]);
        free(f->value[i]);
    }
    f->n = 0;
    f->valid = false;
}

int portal_facets(struct portal *p, store_t *s, int (*fn)(const char *facet, const char *value, void *ud), void *ud,
                  char **err)
{
    struct facet_cache *f = &p->priv->facets;
    check_generation(p);
    unsigned long gen = atomic_load(&p->priv->gen);
    int rc = 0;
    pthread_mutex_lock(&f->mu);
    if (!f->valid || f->gen != gen) {
        facets_clear(f);
        rc = store_portal_facets(s, facet_collect, f, err);
        if (rc == 0) {
            f->valid = true;
            f->gen = gen;
        } else {
            facets_clear(f);
        }
    }
    for (size_t i = 0; rc == 0 && i < f->n; i++)
        if ((rc = fn(f->facet[i], f->value[i], ud)) != 0)
            break;
    pthread_mutex_unlock(&f->mu);
    return rc;
}

/* ------------------------------------------------------------------ layout */

bool portal_elder(const struct request *req)
{
    const char *v = req_cookie(req, "gk_mode");
    return v && strcmp(v, "elder") == 0;
}

struct nav_entry {
    const char *section, *name, *href;
};

static const struct nav_entry nav_main[] = {
    {"home", "首页", "/"},
    {"zwgk", "政务公开", "/zwgk"},
    {"bmfw", "便民服务", "/column/bmfw"},
    {"qyzc", "企业之窗", "/column/qyzc"},
    {"gzdt", "工作动态", "/column/gzdt"},
    {"agency", "部门街道", "/agency"},
};

static const struct nav_entry nav_zwgk[] = {
    {"zwgk", "信息公开专栏", "/column/gkml"},
    {"zwgk", "信息公开目录", "/gkml"},
    {"zwgk", "政府信息公开", "/zfxxgk"},
    {"zwgk", "政府信息公开指南", "/zfxxgk/zn"},
    {"zwgk", "政府信息公开年报", "/zfxxgk/nb"},
};

static bool path_under(const char *path, const char *href)
{
    size_t n = strlen(href);
    if (strcmp(href, "/") == 0)
        return strcmp(path, "/") == 0;
    return strncmp(path, href, n) == 0 && (path[n] == 0 || path[n] == '/');
}

static json_t *nav_link(const char *name, const char *href, bool current)
{
    json_t *o = json_object();
    jset(o, "name", name);
    jset(o, "href", href);
    jset_bool(o, "current", current);
    return o;
}

static void add_nav(struct request *req, json_t *ctx, const char *section)
{
    struct portal *p = req->app;
    json_t *nav = json_array();
    for (size_t i = 0; i < sizeof nav_main / sizeof nav_main[0]; i++)
        json_array_append_new(nav, nav_link(nav_main[i].name, nav_main[i].href,
                                            section && strcmp(section, nav_main[i].section) == 0));
    json_object_set_new(ctx, "nav", nav);
    if (!section)
        return;
    /* The current section's own entries as a second row. */
    json_t *sub = json_array();
    if (strcmp(section, "zwgk") == 0) {
        const struct nav_entry *best = NULL;
        for (size_t i = 0; i < sizeof nav_zwgk / sizeof nav_zwgk[0]; i++)
            if (path_under(req->path, nav_zwgk[i].href) && (!best || strlen(nav_zwgk[i].href) > strlen(best->href)))
                best = &nav_zwgk[i];
        for (size_t i = 0; i < sizeof nav_zwgk / sizeof nav_zwgk[0]; i++)
            json_array_append_new(sub, nav_link(nav_zwgk[i].name, nav_zwgk[i].href, best == &nav_zwgk[i]));
    } else if (strcmp(section, "bmfw") == 0 || strcmp(section, "qyzc") == 0) {
        const struct portal_column *kids[32];
        size_t n = html_column_children(p, section, kids, 32);
        for (size_t i = 0; i < n && i < 32; i++) {
            const char *href = portal_column_href(req, kids[i]->slug);
            json_array_append_new(sub, nav_link(kids[i]->name, href, path_under(req->path, href)));
        }
    }
    if (json_array_size(sub))
        json_object_set_new(ctx, "subnav", sub);
    else
        json_decref(sub);
}

/* The common keys of every page (also the error page: nothing here touches the database). */
static void add_common(struct request *req, json_t *ctx)
{
    struct portal *p = req->app;
    json_object_set(ctx, "site", p->priv->site);
    json_object_set_new(ctx, "css_href", json_string(p->priv->css_href));
    json_object_set_new(ctx, "nonce", json_string(req->nonce ? req->nonce : ""));
    const char *title = json_string_value(json_object_get(ctx, "title"));
    if (title && *title) {
        char *t = arena_printf(req->arena, "%s - %s", title, p->site.site_name);
        json_object_set_new(ctx, "page_title", jstr(t));
    } else {
        json_object_set_new(ctx, "page_title", jstr(p->site.site_name));
    }
    bool elder = portal_elder(req);
    jset_bool(ctx, "elder", elder);
    const char *here = html_here(req);
    jset(ctx, "here", here);
    buf_t b = BUF_INIT;
    buf_puts(&b, elder ? "/mode?to=standard&back=" : "/mode?to=elder&back=");
    esc_url_component(&b, here);
    jset(ctx, "mode_href", buf_str(&b));
    buf_free(&b);
    if (!json_object_get(ctx, "crumbs"))
        json_object_set_new(ctx, "crumbs", json_array());
    add_nav(req, ctx, json_string_value(json_object_get(ctx, "section")));
}

static void render_or_fail(struct request *req, struct response *res, const char *name, json_t *ctx)
{
    struct portal *p = req->app;
    char *err = NULL;
    buf_reset(&res->body);
    if (mustache_lib_render(p->templates, name, ctx, &res->body, &err) != 0) {
        fprintf(stderr, "gongkai: serve: template %s: %s\n", name, err ? err : "failed");
        free(err);
        buf_reset(&res->body);
        res_status(res, 500);
        res->etag_auto = false;
        res_error_page_default(req, res, 500, "页面模板出错");
    }
}

void portal_page(struct request *req, struct response *res, const char *name, json_t *ctx)
{
    add_common(req, ctx);
    res_type(res, "text/html; charset=utf-8");
    res_header_set(res, "Vary", "Cookie");
    res_cache(res, "public, max-age=60");
    render_or_fail(req, res, name, ctx);
    if (res->status == 200)
        res_etag_auto(res);
}

void portal_error_page(struct request *req, struct response *res, int status, const char *detail)
{
    res_status(res, status);
    res->etag_auto = false;
    json_t *ctx = json_object();
    const char *zh = res_status_text_zh(status);
    const char *heading;
    switch (status) {
    case 404: heading = "您访问的页面不存在"; break;
    case 400: heading = "请求的地址或参数有误"; break;
    case 405: heading = "不支持这种访问方式"; break;
    case 500: heading = "服务器出现内部错误"; break;
    case 503: heading = "服务暂时不可用"; break;
    default: heading = *zh ? zh : "访问出错"; break;
    }
    char *title = arena_printf(req->arena, "%d %s", status, *zh ? zh : res_status_text(status));
    jset(ctx, "title", title);
    jset(ctx, "heading", heading);
    jset_int(ctx, "status", status);
    jset_bool(ctx, "not_found", status == 404);
    jset_opt(ctx, "detail", detail);
    /* What was asked for, shown back (escaped by the template). */
    jset(ctx, "path", req->path);
    jset_bool(ctx, "noindex", true);
    const char *q = req_query(req, "q");
    jset_opt(ctx, "q", q);
    json_t *ms = json_object();
    jset(ms, "searchbox_id", "-main");
    jset(ms, "searchbox_label", "搜索要找的信息");
    json_object_set_new(ctx, "main_search", ms);
    json_t *crumbs = json_array();
    jcrumb(crumbs, *zh ? zh : "出错", NULL);
    json_object_set_new(ctx, "crumbs", crumbs);
    add_common(req, ctx);
    res_type(res, "text/html; charset=utf-8");
    res_header_set(res, "Vary", "Cookie");
    res_cache(res, "no-cache");
    render_or_fail(req, res, "error", ctx);
    res->status = status;
    json_decref(ctx);
}

void portal_json(struct request *req, struct response *res, json_t *ctx)
{
    (void)req;
    char *s = json_dumps(ctx, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    buf_reset(&res->body);
    if (s) {
        buf_puts(&res->body, s);
        buf_putc(&res->body, '\n');
        free(s);
    }
    res_type(res, "application/json; charset=utf-8");
    res_cache(res, "public, max-age=60");
    res_etag_auto(res);
}

/* ------------------------------------------------------------------ small routes */

void page_report_css(struct request *req, struct response *res)
{
    (void)req;
    /* The report engine's stylesheet without its rules for a whole document's body. */
    const char *css = doc_html_css();
    res_type(res, "text/css; charset=utf-8");
    for (const char *line = css; *line;) {
        size_t n = strcspn(line, "\n");
        if (strncmp(line, "body{", 5) != 0) {
            if (strncmp(line, "@media print{body{", 18) == 0) {
                const char *rest = strchr(line + 18, '}');
                buf_puts(&res->body, "@media print{");
                if (rest)
                    buf_append(&res->body, rest + 1, (size_t)(line + n - rest - 1));
            } else {
                buf_append(&res->body, line, n);
            }
            buf_putc(&res->body, '\n');
        }
        line += n + (line[n] == '\n');
    }
    res_cache(res, "public, max-age=86400");
    res_etag_auto(res);
}

/* ------------------------------------------------------------------ routes */

/* The pages through the page cache. */
#define CACHED(fn)                                                      \
    static void cached_##fn(struct request *req, struct response *res) \
    {                                                                   \
        portal_cached(req, res, fn);                                    \
    }
CACHED(page_home)
CACHED(page_zwgk)
CACHED(page_column)
CACHED(page_item)
CACHED(page_gkml)
CACHED(page_zfxxgk)
CACHED(page_zfxxgk_sub)
CACHED(page_agencies)
CACHED(page_agency)
CACHED(page_sitemap_html)
CACHED(page_contact)

static const struct route page_routes[] = {
    {"GET", "/", cached_page_home},
    {"GET", "/zwgk", cached_page_zwgk},
    {"GET", "/column", page_column_root},
    {"GET", "/column/*", cached_page_column},
    {"GET", "/report/*", page_report_redirect},
    {"GET", "/item/*", cached_page_item},
    {"GET", "/attachment/*", page_attachment},
    {"GET", "/gkml", cached_page_gkml},
    {"GET", "/zfxxgk", cached_page_zfxxgk},
    {"GET", "/zfxxgk/*", cached_page_zfxxgk_sub},
    {"GET", "/agency", cached_page_agencies},
    {"GET", "/agency/*", cached_page_agency},
    {"GET", "/mode", page_mode},
    {"GET", "/wza", page_a11y},
    {"GET", "/wzdt", cached_page_sitemap_html},
    {"GET", "/lxwm", cached_page_contact},
    {"GET", "/static/report.css", page_report_css},
    {"GET", "/static/*", static_files_handler},
};
#define PAGE_ROUTE_COUNT (sizeof page_routes / sizeof page_routes[0])

/* Lives as long as the process: the router keeps pointers into it. */
static struct route all_routes[256];
static size_t all_count;
static pthread_once_t routes_once = PTHREAD_ONCE_INIT;

static void build_routes(void)
{
    memcpy(all_routes, page_routes, sizeof page_routes);
    all_count = PAGE_ROUTE_COUNT;
    for (size_t i = 0; i < portal_more_route_count && all_count < sizeof all_routes / sizeof all_routes[0]; i++)
        if (portal_more_routes[i].pattern)
            all_routes[all_count++] = portal_more_routes[i];
}

const struct route *portal_routes(size_t *n)
{
    pthread_once(&routes_once, build_routes);
    *n = all_count;
    return all_routes;
}
