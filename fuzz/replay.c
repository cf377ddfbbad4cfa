/* The corpus replay driver: a plain main() for a harness built without libFuzzer (gcc, the
 * test build's sanitizers), so `make check` replays every committed corpus without clang.
 *
 *   build/asan/fuzz/replay_X DIR|FILE...
 *
 * Calls LLVMFuzzerInitialize (when the harness has one), then LLVMFuzzerTestOneInput once per
 * file, in name order. Prints "fuzz-replay: N passed, 0 failed" at the end. A file that breaks
 * an invariant (abort) or trips a sanitizer ends the run at once: the driver then prints the
 * file's name and "fuzz-replay: N passed, 1 failed" before the process dies, so the test
 * runner shows which input it was. */
#include "fuzz.h"
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#endif

__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

static const char *current = "(initialisation)";
static unsigned long passed;

static void report_failure(void)
{
    /* Only async-signal-safe calls: this also runs from the SIGABRT handler. */
    char line[160];
    int n = snprintf(line, sizeof line, "fuzz-replay: %lu passed, 1 failed (input ", passed);
    if (n > 0 && write(2, line, (size_t)n) < 0)
        return;
    if (write(2, current, strlen(current)) < 0 || write(2, ")\n", 2) < 0)
        return;
    if (write(1, line, (size_t)n) < 0 || write(1, current, strlen(current)) < 0 || write(1, ")\n", 2) < 0)
        return;
}

static void on_abort(int sig)
{
    report_failure();
    signal(sig, SIG_DFL);
    raise(sig);
}

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t cap = 4096, len = 0;
    unsigned char *data = malloc(cap);
    size_t got;
    while ((got = fread(data + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap)
            data = realloc(data, cap *= 2);
    }
    fclose(f);
    current = path;
    /* An exact-size copy, so that ASan sees a read one past the input's end. */
    unsigned char *exact = malloc(len ? len : 1);
    memcpy(exact, data, len);
    free(data);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    passed++;
    return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int replay_dir(const char *dir)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, by_name);
    if (n < 0) {
        fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
        struct stat st;
        if (names[i]->d_name[0] != '.' && stat(path, &st) == 0 && S_ISREG(st.st_mode) && replay_file(path) != 0)
            rc = -1;
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s DIR|FILE...\n", argv[0]);
        return 2;
    }
    signal(SIGABRT, on_abort);
#if defined(__SANITIZE_ADDRESS__)
    __sanitizer_set_death_callback(report_failure);
#endif
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
            rc = -1;
        } else if (S_ISDIR(st.st_mode) ? replay_dir(argv[i]) : replay_file(argv[i])) {
            rc = -1;
        }
    }
    current = "(after the last input: the leak check at exit)";
    printf("fuzz-replay: %lu passed, %d failed\n", passed, rc ? 1 : 0);
    return rc ? 1 : 0;
}
