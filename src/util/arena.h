/* A per-request arena: a bump allocator over a chain of blocks.
 *
 * Everything a request parses (path, query, form fields, headers, cookies) and
 * everything a handler needs only for the length of one request is allocated
 * here and released at once by arena_free() when libmicrohttpd reports the
 * request completed (MHD_OPTION_NOTIFY_COMPLETED).  No individual frees: that
 * is the point (no leaks on any error path, no free-list bookkeeping).
 *
 * Out of memory aborts (util/xalloc.h), so these never return NULL.
 * An arena is used by one thread at a time (a request runs on one MHD thread). */
#ifndef GK_UTIL_ARENA_H
#define GK_UTIL_ARENA_H
#include <stdarg.h>
#include <stddef.h>

typedef struct arena arena_t;

arena_t *arena_new(void);
void arena_free(arena_t *a); /* NULL is fine */

/* N bytes aligned for any type; contents undefined. N may be 0. */
void *arena_alloc(arena_t *a, size_t n);
/* COUNT * SIZE zeroed bytes; aborts on overflow of the product. */
void *arena_calloc(arena_t *a, size_t count, size_t size);
void *arena_memdup(arena_t *a, const void *p, size_t n);
char *arena_strdup(arena_t *a, const char *s);
/* The first N bytes of S (fewer if S is shorter), NUL-terminated. */
char *arena_strndup(arena_t *a, const char *s, size_t n);
char *arena_printf(arena_t *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena_t *a, const char *fmt, va_list ap);

/* Bytes handed out so far (for tests and limits). */
size_t arena_used(const arena_t *a);

#endif
