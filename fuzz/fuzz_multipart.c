/* Fuzz target: the multipart/form-data parser of the upload form (src/web/multipart.c), with
 * the checks every uploaded file meets next: its type by content (domain/file_type.c) and
 * its name as a label (domain/file_name.c).
 *
 * The input is "CONTENT-TYPE\nBODY": the first line goes to multipart_boundary as the
 * request's Content-Type, the rest is the body. Checked for any input bytes:
 *  - a boundary, when one is found, is 1..70 characters of RFC 2046's bchars (no space);
 *  - multipart_parse answers 0 or -1, and -1 always with a reason;
 *  - on 0: at most MULTIPART_MAX_PARTS parts, each with a non-empty UTF-8 name without NUL,
 *    its data inside the body, in order and not overlapping the next part's;
 *  - a file part's type is NULL or one of the accepted types (found again by its MIME type);
 *  - a cleaned file name is valid UTF-8, at most FILE_NAME_MAX_CHARS characters, without '/',
 *    '\', control characters, or a leading or trailing dot or space. */
#include "domain/file_name.h"
#include "domain/file_type.h"
#include "fuzz.h"
#include "util/arena.h"
#include "util/utf8.h"
#include "web/multipart.h"
#include <string.h>

static void check_name(const char *name)
{
    char *clean = NULL, *why = NULL;
    res_t r = file_name_clean(name, &clean, &why);
    FUZZ_CHECK(r == RES_OK || r == RES_REFUSED, "file_name_clean answered %d", (int)r);
    FUZZ_CHECK((r == RES_OK) == (clean != NULL) && (r == RES_OK) == (why == NULL), "result and outputs disagree");
    if (clean) {
        size_t n = strlen(clean), chars = 0;
        FUZZ_CHECK(n > 0 && utf8_valid(clean, n), "clean name empty or not UTF-8");
        FUZZ_CHECK(!strpbrk(clean, "/\\"), "clean name holds a path separator");
        FUZZ_CHECK(clean[0] != '.' && clean[0] != ' ' && clean[n - 1] != '.' && clean[n - 1] != ' ',
                   "clean name starts or ends with a dot or space");
        const char *p = clean, *end = clean + n;
        while (p < end) {
            int32_t cp = utf8_decode(&p, end);
            FUZZ_CHECK(cp >= 0x20 && (cp < 0x7f || cp >= 0xa0), "clean name holds control U+%04X", (unsigned)cp);
            FUZZ_CHECK(!(cp >= 0x202a && cp <= 0x202e) && !(cp >= 0x2066 && cp <= 0x2069), "bidi control kept");
            chars++;
        }
        FUZZ_CHECK(chars <= FILE_NAME_MAX_CHARS, "clean name of %zu characters", chars);
    }
    free(clean);
    free(why);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    const char *nl = memchr(in, '\n', size);
    size_t hlen = nl ? (size_t)(nl - in) : size;
    arena_t *a = arena_new();
    char *header = arena_strndup(a, in, hlen);
    const char *boundary = multipart_boundary(a, header);
    if (boundary) {
        size_t bl = strlen(boundary);
        FUZZ_CHECK(bl >= 1 && bl <= MULTIPART_MAX_BOUNDARY, "boundary of %zu bytes", bl);
        FUZZ_CHECK(strspn(boundary, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=?") == bl,
                   "boundary holds a character outside bchars");
    } else {
        boundary = "B";
    }
    /* the body in a buffer of its own, so that ASan sees any read past its end */
    size_t blen = nl ? size - hlen - 1 : 0;
    char *body = malloc(blen ? blen : 1);
    if (blen)
        memcpy(body, nl + 1, blen);
    struct multipart_part *parts = NULL;
    size_t n = 0;
    const char *why = NULL;
    int rc = multipart_parse(a, body, blen, boundary, &parts, &n, &why);
    FUZZ_CHECK(rc == 0 || rc == -1, "multipart_parse answered %d", rc);
    FUZZ_CHECK(rc == 0 || why != NULL, "refused without a reason");
    if (rc == 0) {
        FUZZ_CHECK(n <= MULTIPART_MAX_PARTS, "%zu parts", n);
        const char *after = body;
        for (size_t i = 0; i < n; i++) {
            const struct multipart_part *p = &parts[i];
            FUZZ_CHECK(p->name && *p->name && utf8_valid(p->name, strlen(p->name)), "part %zu: bad name", i);
            FUZZ_CHECK(p->data >= after && p->data + p->len <= body + blen, "part %zu: data outside the body", i);
            after = p->data + p->len;
            if (p->filename) {
                const struct file_type *t = file_type_sniff(p->data, p->len);
                FUZZ_CHECK(!t || file_type_by_mime(t->mime) == t, "part %zu: unknown type", i);
                check_name(p->filename);
            }
        }
    }
    free(body);
    arena_free(a);
    return 0;
}
