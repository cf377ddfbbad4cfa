/* What the fuzz harnesses (fuzz/fuzz_*.c) share.
 *
 * Each harness defines LLVMFuzzerTestOneInput (and may define LLVMFuzzerInitialize). It is
 * linked two ways (Makefile):
 *   build/fuzz/fuzz/fuzz_X    clang-15 -fsanitize=fuzzer,address,undefined: `make fuzz` runs it;
 *   build/asan/fuzz/replay_X  gcc with the test build's sanitizers and fuzz/replay.c's main(),
 *                             which feeds it every file of fuzz/corpus/X (`make check`).
 * A broken invariant calls fuzz_fail(): the message, then abort(), which libFuzzer records as a
 * crash (and saves the input) and the replay driver counts as a failure. */
#ifndef GK_FUZZ_H
#define GK_FUZZ_H
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

__attribute__((format(printf, 1, 2), noreturn)) static inline void fuzz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("fuzz: invariant broken: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

#define FUZZ_CHECK(cond, ...)                                                                     \
    do {                                                                                          \
        if (!(cond))                                                                              \
            fuzz_fail(__VA_ARGS__);                                                               \
    } while (0)

#endif
