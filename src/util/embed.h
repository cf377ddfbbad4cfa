/* Files under assets/ compiled into the binary (see tools/embed.c). */
#ifndef GK_EMBED_H
#define GK_EMBED_H
#include <stddef.h>

struct embedded_file {
    const char *name;          /* path below assets/, e.g. "calendar/cn-holidays.csv" */
    const unsigned char *data; /* NUL-terminated for convenience; size excludes the NUL */
    size_t size;
};

/* The embedded file NAME, or NULL. */
const struct embedded_file *embedded_find(const char *name);

/* All embedded files, sorted by name. */
extern const struct embedded_file embedded_files[];
extern const size_t embedded_count;

#endif
