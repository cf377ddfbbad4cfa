/* Single flight: concurrent requests for the same page that is not in the page cache
 * render it once. The first to ask renders; the others wait for it to finish and then
 * look in the cache again (where the page now is, unless it could not be kept: then the
 * next of them renders it). */
#ifndef GK_SINGLE_FLIGHT_H
#define GK_SINGLE_FLIGHT_H

#include <stdbool.h>
#include <stddef.h>

struct single_flight;

struct single_flight *single_flight_new(void);
void single_flight_free(struct single_flight *sf);

/* True: the caller renders KEY and must call single_flight_end(KEY) when the result is
 * stored. False: another thread was rendering KEY; this call returned once it finished,
 * and the caller looks in the cache again. */
bool single_flight_begin(struct single_flight *sf, const char *key);
void single_flight_end(struct single_flight *sf, const char *key);

/* How many callers wait for KEY now (for tests). */
size_t single_flight_waiting(struct single_flight *sf, const char *key);

#endif
