/* Allocation that never returns NULL: on out-of-memory the program aborts,
 * so call sites carry no OOM branches (the Redis habit). */
#ifndef GK_XALLOC_H
#define GK_XALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a fresh heap string; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
