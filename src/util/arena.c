#include "util/arena.h"
#include "util/xalloc.h"
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 8 KiB covers a typical request (headers, a few parameters, a page's
 * temporaries) in one malloc; bigger requests chain more blocks. */
#define ARENA_BLOCK 8192
#define ARENA_ALIGN alignof(max_align_t)

struct block {
    struct block *next;
    size_t size; /* usable bytes in data */
    size_t used;
    alignas(max_align_t) unsigned char data[];
};

struct arena {
    struct block *head; /* the block being filled */
    size_t used;
};

static struct block *block_new(size_t size)
{
    if (size > SIZE_MAX - sizeof(struct block)) {
        fprintf(stderr, "gongkai: arena: allocation of %zu bytes is impossible\n", size);
        abort();
    }
    struct block *b = xmalloc(sizeof *b + size);
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

arena_t *arena_new(void)
{
    arena_t *a = xmalloc(sizeof *a);
    a->head = block_new(ARENA_BLOCK);
    a->used = 0;
    return a;
}

void arena_free(arena_t *a)
{
    if (!a)
        return;
    for (struct block *b = a->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(a);
}

void *arena_alloc(arena_t *a, size_t n)
{
    if (n > SIZE_MAX / 2) {
        fprintf(stderr, "gongkai: arena: allocation of %zu bytes is impossible\n", n);
        abort();
    }
    size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (need == 0)
        need = ARENA_ALIGN; /* distinct pointers for zero-size requests */
    struct block *h = a->head;
    if (h->size - h->used >= need) {
        void *p = h->data + h->used;
        h->used += need;
        a->used += need;
        return p;
    }
    struct block *b;
    if (need > ARENA_BLOCK / 4) {
        /* A large piece gets a block of its own, linked behind the head, so
         * the head's free space stays usable for the small pieces after it. */
        b = block_new(need);
        b->next = h->next;
        h->next = b;
    } else {
        b = block_new(ARENA_BLOCK);
        b->next = h;
        a->head = b;
    }
    b->used = need;
    a->used += need;
    return b->data;
}

void *arena_calloc(arena_t *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) {
        fprintf(stderr, "gongkai: arena: %zu x %zu bytes overflows\n", count, size);
        abort();
    }
    void *p = arena_alloc(a, count * size);
    memset(p, 0, count * size);
    return p;
}

void *arena_memdup(arena_t *a, const void *p, size_t n)
{
    void *q = arena_alloc(a, n);
    if (n)
        memcpy(q, p, n);
    return q;
}

char *arena_strndup(arena_t *a, const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *q = arena_alloc(a, len + 1);
    memcpy(q, s, len);
    q[len] = '\0';
    return q;
}

char *arena_strdup(arena_t *a, const char *s)
{
    size_t len = strlen(s);
    return arena_memdup(a, s, len + 1);
}

char *arena_vprintf(arena_t *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0; /* an encoding error: an empty string beats a crash */
    char *p = arena_alloc(a, (size_t)n + 1);
    if (n > 0)
        vsnprintf(p, (size_t)n + 1, fmt, ap);
    else
        p[0] = '\0';
    return p;
}

char *arena_printf(arena_t *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

size_t arena_used(const arena_t *a)
{
    return a->used;
}
