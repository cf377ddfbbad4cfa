#include "web/static_files.h"
#include "util/embed.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

const char *static_content_type(const char *name)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {"css", "text/css; charset=utf-8"},
        {"js", "text/javascript; charset=utf-8"},
        {"mjs", "text/javascript; charset=utf-8"},
        {"json", "application/json"},
        {"map", "application/json"},
        {"svg", "image/svg+xml"},
        {"png", "image/png"},
        {"jpg", "image/jpeg"},
        {"jpeg", "image/jpeg"},
        {"gif", "image/gif"},
        {"webp", "image/webp"},
        {"ico", "image/x-icon"},
        {"txt", "text/plain; charset=utf-8"},
        {"woff2", "font/woff2"},
        {"woff", "font/woff"},
        {"pdf", "application/pdf"},
    };
    const char *slash = strrchr(name, '/');
    const char *dot = strrchr(slash ? slash : name, '.');
    if (dot)
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
            if (strcasecmp(dot + 1, types[i].ext) == 0)
                return types[i].type;
    return "application/octet-stream";
}

bool static_name_ok(const char *name)
{
    if (!name || !*name || strlen(name) > 255)
        return false;
    bool seg_start = true;
    for (const char *p = name; *p; p++) {
        char c = *p;
        if (seg_start) {
            /* No empty segment ("a//b", leading or trailing '/') and no
             * segment starting with '.': that rules out "..", "." and
             * hidden files such as ".git" in one test. */
            if (c == '/' || c == '.')
                return false;
            seg_start = false;
        }
        if (c == '/') {
            seg_start = true;
            continue;
        }
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_' || c == '.';
        if (!ok)
            return false;
    }
    return !seg_start;
}

/* Reads THEME_DIR/static/NAME into res->body.  Returns 1 when served, 0 when
 * the theme has no such file, -1 on a real error (already answered). */
static int from_theme(struct request *req, struct response *res, const char *name)
{
    if (!req->theme_dir || !*req->theme_dir)
        return 0;
    char *path = arena_printf(req->arena, "%s/static/%s", req->theme_dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT || errno == ENOTDIR)
            return 0;
        res_error(res, 500, "主题文件无法读取 (theme file unreadable)");
        return -1;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0) {
        fclose(f);
        res_error(res, 500, "主题文件无法读取 (theme file unreadable)");
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        fclose(f);
        return 0; /* a folder of that name is not an override */
    }
    if (!S_ISREG(st.st_mode) || st.st_size > STATIC_MAX_FILE) {
        fclose(f);
        res_error(res, 500, "主题文件不是普通文件或过大 (theme file not regular or too large)");
        return -1;
    }
    buf_reserve(&res->body, (size_t)st.st_size);
    char chunk[16384];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (res->body.len + n > STATIC_MAX_FILE)
            break; /* the file grew while we read it: serve what the limit allows */
        buf_append(&res->body, chunk, n);
    }
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        res_error(res, 500, "主题文件读取出错 (theme file read error)");
        return -1;
    }
    return 1;
}

void static_files_handler(struct request *req, struct response *res)
{
    const char *name = req->tail;
    if (!static_name_ok(name)) {
        res_error(res, 404, NULL);
        return;
    }
    int t = from_theme(req, res, name);
    if (t < 0)
        return;
    if (t == 0) {
        char *key = arena_printf(req->arena, "static/%s", name);
        const struct embedded_file *ef = embedded_find(key);
        if (!ef) {
            res_error(res, 404, NULL);
            return;
        }
        buf_append(&res->body, ef->data, ef->size);
    }
    res_type(res, static_content_type(name));
    /* With a version in the URL (?v=...), a new file gets a new URL, so the
     * browser may keep this one for good; without, a day, then revalidate. */
    res_cache(res, req_query(req, "v") ? "public, max-age=31536000, immutable"
                                        : "public, max-age=86400");
    res_etag_auto(res);
}
