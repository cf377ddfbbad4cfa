/* A growable byte buffer. The buffer owns its bytes; buf_take() hands them over. */
#ifndef GK_BUF_H
#define GK_BUF_H
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>

typedef struct {
    char *data; /* always NUL-terminated when non-NULL */
    size_t len;
    size_t cap;
} buf_t;

#define BUF_INIT {NULL, 0, 0}

void buf_reserve(buf_t *b, size_t extra);
void buf_append(buf_t *b, const void *data, size_t len);
void buf_puts(buf_t *b, const char *s);
void buf_putc(buf_t *b, char c);
void buf_printf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf_t *b, const char *fmt, va_list ap);
/* The text so far ("" for an empty buffer); valid until the next append. */
const char *buf_str(const buf_t *b);
/* Hands the bytes to the caller (who frees them) and empties the buffer. */
char *buf_take(buf_t *b);
void buf_reset(buf_t *b);
void buf_free(buf_t *b);
/* Appends everything left in the stream F; false (errno set) on a read error. */
bool buf_read_stream(buf_t *b, FILE *f);

#endif
