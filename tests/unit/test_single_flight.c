/* Single flight (web/single_flight.h): of many concurrent requests for one page that is not
 * in the cache, one renders and the others wait for it; requests for other pages do not
 * wait. Counted, not timed: the renderer holds its flight until every other request is
 * known to be waiting (single_flight_waiting), then finishes. */
#include "test.h"
#include "web/single_flight.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>

#define WAITERS 8

static struct single_flight *sf;
static atomic_int renders, waited;
static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static bool cached; /* the "page cache" of this test: is the page there */

static bool in_cache(void)
{
    pthread_mutex_lock(&cache_mu);
    bool hit = cached;
    pthread_mutex_unlock(&cache_mu);
    return hit;
}

/* What portal_cached does: look in the cache; on a miss, begin a flight: having waited
 * for another's, look again; leading, look once more, then render (KEEP: and keep it). */
static void request_page(const char *key, atomic_int *count, bool keep)
{
    bool leading = false;
    for (;;) {
        if (in_cache()) {
            if (leading)
                single_flight_end(sf, key);
            return;
        }
        if (!leading) {
            leading = single_flight_begin(sf, key);
            if (!leading)
                atomic_fetch_add(&waited, 1);
            continue;
        }
        atomic_fetch_add(count, 1);
        pthread_mutex_lock(&cache_mu);
        cached = keep;
        pthread_mutex_unlock(&cache_mu);
        single_flight_end(sf, key);
        return;
    }
}

static void *waiter(void *arg)
{
    request_page(arg, &renders, true);
    return NULL;
}

static void test_renders_once(void)
{
    sf = single_flight_new();
    /* This thread is the first request: it begins the flight and "renders" meanwhile. */
    CHECK(single_flight_begin(sf, "/gkml?year=2023|s"));
    pthread_t t[WAITERS];
    for (int i = 0; i < WAITERS; i++)
        CHECK_INT(pthread_create(&t[i], NULL, waiter, "/gkml?year=2023|s"), 0);
    while (single_flight_waiting(sf, "/gkml?year=2023|s") < WAITERS)
        sched_yield();
    /* Another page is not held up by this one's flight. */
    CHECK(single_flight_begin(sf, "/gkml?year=2022|s"));
    single_flight_end(sf, "/gkml?year=2022|s");
    atomic_fetch_add(&renders, 1);
    pthread_mutex_lock(&cache_mu);
    cached = true;
    pthread_mutex_unlock(&cache_mu);
    single_flight_end(sf, "/gkml?year=2023|s");
    for (int i = 0; i < WAITERS; i++)
        pthread_join(t[i], NULL);
    CHECK_INT(atomic_load(&renders), 1);
    CHECK(atomic_load(&waited) >= WAITERS);
    CHECK_INT(single_flight_waiting(sf, "/gkml?year=2023|s"), 0);
    single_flight_free(sf);
}

/* When the render could not be kept (an error page), the waiters do not all render at
 * once either: the next one renders, the rest wait for it. */
static atomic_int second_renders;
static void *uncacheable(void *arg)
{
    request_page(arg, &second_renders, true);
    return NULL;
}

static void test_uncacheable_first(void)
{
    sf = single_flight_new();
    cached = false;
    CHECK(single_flight_begin(sf, "/zfxxgk/zn|s"));
    pthread_t t[WAITERS];
    for (int i = 0; i < WAITERS; i++)
        CHECK_INT(pthread_create(&t[i], NULL, uncacheable, "/zfxxgk/zn|s"), 0);
    while (single_flight_waiting(sf, "/zfxxgk/zn|s") < WAITERS)
        sched_yield();
    single_flight_end(sf, "/zfxxgk/zn|s"); /* not kept: cached stays false */
    for (int i = 0; i < WAITERS; i++)
        pthread_join(t[i], NULL);
    CHECK_INT(atomic_load(&second_renders), 1);
    single_flight_free(sf);
}

void run_tests(void)
{
    test_renders_once();
    test_uncacheable_first();
}
