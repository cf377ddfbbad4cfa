/* The unit-test harness: each tests/unit/test_*.c is one program that defines
 * run_tests(); every CHECK counts as one assertion, and the program ends with the
 * line "N passed, N failed" that tools/run-tests.sh adds up.
 *
 * Helpers: test_tmpdir() is a fresh private folder for this program's files. */
#ifndef GK_TEST_H
#define GK_TEST_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void run_tests(void);

static int test_passed_, test_failed_;
static char test_tmpdir_[512];

static inline void test_result_(int ok, const char *file, int line, const char *what)
{
    if (ok) {
        test_passed_++;
    } else {
        test_failed_++;
        fprintf(stderr, "FAIL %s:%d: %s\n", file, line, what);
    }
}

#define CHECK(cond) test_result_(!!(cond), __FILE__, __LINE__, #cond)

#define CHECK_INT(got, want)                                                            \
    do {                                                                                \
        long long g_ = (long long)(got), w_ = (long long)(want);                        \
        char m_[512];                                                                   \
        snprintf(m_, sizeof m_, "%s == %s (got %lld, want %lld)", #got, #want, g_, w_); \
        test_result_(g_ == w_, __FILE__, __LINE__, m_);                                 \
    } while (0)

#define CHECK_STR(got, want)                                                        \
    do {                                                                            \
        const char *g_ = (got), *w_ = (want);                                       \
        int ok_ = g_ && w_ && strcmp(g_, w_) == 0;                                  \
        if (!ok_)                                                                   \
            fprintf(stderr, "  got:  [%s]\n  want: [%s]\n", g_ ? g_ : "(null)",     \
                    w_ ? w_ : "(null)");                                            \
        test_result_(ok_, __FILE__, __LINE__, #got " equals " #want);               \
    } while (0)

#define CHECK_CONTAINS(hay, needle)                                                 \
    do {                                                                            \
        const char *h_ = (hay), *n_ = (needle);                                     \
        int ok_ = h_ && n_ && strstr(h_, n_) != NULL;                               \
        if (!ok_)                                                                   \
            fprintf(stderr, "  [%s] not in output of %d bytes\n", n_ ? n_ : "",     \
                    h_ ? (int)strlen(h_) : 0);                                      \
        test_result_(ok_, __FILE__, __LINE__, #hay " contains " #needle);           \
    } while (0)

static inline const char *test_tmpdir(void)
{
    if (!test_tmpdir_[0]) {
        const char *base = getenv("TMPDIR");
        snprintf(test_tmpdir_, sizeof test_tmpdir_, "%s/gk-test-XXXXXX", base ? base : "/tmp");
        if (!mkdtemp(test_tmpdir_)) {
            perror("mkdtemp");
            exit(1);
        }
    }
    return test_tmpdir_;
}

int main(void)
{
    run_tests();
    if (test_tmpdir_[0]) {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", test_tmpdir_);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", test_tmpdir_);
    }
    printf("%d passed, %d failed\n", test_passed_, test_failed_);
    return test_failed_ ? 1 : 0;
}

#endif
