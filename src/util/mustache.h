/* Mustache templates (https://mustache.github.io/mustache.5.html) rendered against a
 * jansson context.
 *
 * Conformance: the core modules of Mustache spec v1.4 (comments, delimiters,
 * interpolation, inverted, partials, sections) and the optional modules
 * ~inheritance ({{<parent}}{{$block}}...{{/block}}{{/parent}}) and ~dynamic-names
 * ({{>*name}}, {{<*name}}). Lambdas are not supported: a JSON context has no code.
 *
 * Choices the spec leaves open:
 *  - {{x}} escapes & < > " and also ' (as &#39;), so a value is safe inside a
 *    single-quoted HTML attribute too.
 *  - Truthiness follows JavaScript, as the spec's "!!data" suggests: false, null,
 *    a missing name, 0, "" and [] are falsey; {} is truthy.
 *  - Numbers print as integers when they are JSON integers and in the shortest form
 *    that reads back exactly otherwise (1.21 prints "1.21"); true/false print as
 *    "true"/"false"; objects and arrays print nothing.
 *  - A dotted name may index an array: {{rows.0.total}}.
 *  - Escape modes: a template renders HTML (the default, as above) or XML. In XML mode
 *    {{x}} is esc_xml (util/escape.h): & < > " ' become entities and characters XML 1.0
 *    cannot carry (C0 controls but tab, LF, CR; U+FFFE/U+FFFF; malformed UTF-8) become
 *    U+FFFD, so a feed stays well-formed whatever the data holds. The mode belongs to the
 *    document: partials and parents escape as the template the render started from.
 *
 * Ownership and threads: a compiled template (and a library) is immutable after it
 * is built; any number of threads may render it at once. Rendering reads the context
 * without touching reference counts. */
#ifndef GK_MUSTACHE_H
#define GK_MUSTACHE_H
#include "util/buf.h"
#include <jansson.h>

/* Partials and parents nest at most this deep (counting sections too); deeper
 * rendering fails with an error instead of exhausting the stack. */
#define MUSTACHE_MAX_DEPTH 256

/* A compiled template, immutable, shareable across threads. */
typedef struct mustache mustache_t;

enum mustache_escape {
    MUSTACHE_ESCAPE_HTML, /* HTML text and quoted attributes */
    MUSTACHE_ESCAPE_XML,  /* XML 1.0 text and attributes (Atom feeds, sitemaps) */
};

/* Partial loader: returns the partial's source (NUL-terminated, owned by the loader
 * and valid for the whole render) or NULL when unknown (an unknown partial renders as
 * empty, per spec). Called at most once per name per render. */
typedef const char *(*mustache_partial_fn)(void *ud, const char *name);

/* Compiles src. On a syntax error returns NULL and sets *err (malloc'd, "line N:
 * what", e.g. an unclosed section, a mismatched close tag, a bad delimiter tag);
 * err may be NULL when the caller does not want the message. */
mustache_t *mustache_compile(const char *src, char **err);
/* The same with an escape mode (mustache_compile is MUSTACHE_ESCAPE_HTML). */
mustache_t *mustache_compile_as(const char *src, enum mustache_escape escape, char **err);
void mustache_free(mustache_t *t);

/* The mode a library gives the template called NAME: XML when the name ends in ".xml"
 * or ".atom" (the files feed.atom.mustache, sitemap.xml.mustache), HTML otherwise. */
enum mustache_escape mustache_escape_for_name(const char *name);

/* Calls FN with the name (and source line) of every unescaped interpolation of T
 * ({{{x}}}, {{&x}}, whatever the delimiters), in order; stops at, and returns, the
 * first non-zero FN result. For checks that raw HTML only comes from known producers. */
int mustache_each_raw(const mustache_t *t, int (*fn)(const char *name, int line, void *ud), void *ud);

/* Renders t against ctx (NULL renders as an empty context), appending to out.
 * Partials come from the loader (may be NULL: no partials); each partial is compiled
 * once per render. Returns 0, or -1 with *err set (a partial that fails to compile,
 * nesting deeper than MUSTACHE_MAX_DEPTH); on error out is left as it was. */
int mustache_render(const mustache_t *t, const json_t *ctx, mustache_partial_fn partials,
                    void *ud, buf_t *out, char **err);

/* Convenience: compile + render in one go; returns a malloc'd string or NULL + *err. */
char *mustache_render_string(const char *src, const json_t *ctx, mustache_partial_fn partials,
                             void *ud, char **err);

/* A library: named templates compiled once (e.g. at start-up: the embedded ones, then
 * a theme folder's overrides), which serve each other as partials and parents. Build
 * it on one thread; after that it is read-only and may be shared. */
typedef struct mustache_lib mustache_lib_t;

mustache_lib_t *mustache_lib_new(void);
void mustache_lib_free(mustache_lib_t *lib);
/* Compiles src under name, replacing any template of that name; the name chooses the
 * escape mode (mustache_escape_for_name). Returns 0, or -1 with *err = "NAME: line N:
 * what" (and the library unchanged). */
int mustache_lib_add(mustache_lib_t *lib, const char *name, const char *src, char **err);
/* The template called name, or NULL. */
const mustache_t *mustache_lib_get(const mustache_lib_t *lib, const char *name);
/* Renders the template called name; its partials come from the library. Returns 0, or
 * -1 with *err set (also when there is no such template). */
int mustache_lib_render(const mustache_lib_t *lib, const char *name, const json_t *ctx,
                        buf_t *out, char **err);

#endif
