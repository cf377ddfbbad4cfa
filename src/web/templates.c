/* Templates and the stylesheet's URL (templates.h). */
#include "web/templates.h"
#include "util/embed.h"
#include "util/xalloc.h"
#include "web/response.h"
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    bool bad = !buf_read_stream(&b, f);
    fclose(f);
    if (bad) {
        buf_free(&b);
        return NULL;
    }
    buf_append(&b, "", 0);
    return buf_take(&b);
}

static int compile_all(struct portal *p, char **err)
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
    p->css_href = xasprintf("/static/site.css?v=%08llx", (unsigned long long)(h & 0xffffffffu));
}

int templates_load(struct portal *p, char **err)
{
    if (compile_all(p, err))
        return -1;
    css_version(p);
    return 0;
}
