/* 索引号 patterns (index_pattern.h). */
#include "domain/index_pattern.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

/* Walks PATTERN; with OUT, writes the number. Returns NULL, or the reason it is not a pattern. */
static const char *walk(const char *pattern, const char *agency_code, int year, long long seq, buf_t *out)
{
    bool has_seq = false;
    size_t len = strlen(pattern);
    if (len == 0)
        return "不能为空";
    if (len > INDEX_PATTERN_MAX)
        return "太长";
    for (const char *p = pattern; *p;) {
        if (*p == '}')
            return "有多余的“}”";
        if (*p != '{') {
            if ((unsigned char)*p < 0x20)
                return "含有控制字符";
            if (out)
                buf_putc(out, *p);
            p++;
            continue;
        }
        const char *end = strchr(p, '}');
        if (!end)
            return "有未闭合的“{”";
        size_t n = (size_t)(end - p - 1);
        const char *name = p + 1;
        if (n == 11 && memcmp(name, "agency_code", 11) == 0) {
            if (out)
                buf_puts(out, agency_code);
        } else if (n == 4 && memcmp(name, "year", 4) == 0) {
            if (out)
                buf_printf(out, "%04d", year);
        } else if (n == 3 && memcmp(name, "seq", 3) == 0) {
            has_seq = true;
            if (out)
                buf_printf(out, "%lld", seq);
        } else if (n == 5 && memcmp(name, "seq:", 4) == 0 && name[4] >= '1' && name[4] <= '9') {
            has_seq = true;
            if (out)
                buf_printf(out, "%0*lld", name[4] - '0', seq);
        } else {
            return "只能使用 {agency_code}、{year}、{seq} 或 {seq:N}（N 为 1–9）";
        }
        p = end + 1;
    }
    return has_seq ? NULL : "必须含有序号 {seq} 或 {seq:N}";
}

res_t index_pattern_check(const char *pattern, char **err)
{
    const char *why = walk(pattern ? pattern : "", "", 0, 0, NULL);
    if (!why)
        return RES_OK;
    free(*err);
    *err = xasprintf("index_pattern: 索引号规则%s", why);
    return RES_REFUSED;
}

char *index_pattern_format(const char *pattern, const char *agency_code, int year, long long seq)
{
    buf_t b = BUF_INIT;
    if (walk(pattern ? pattern : INDEX_PATTERN_DEFAULT, agency_code, year, seq, &b)) {
        buf_free(&b);
        return NULL;
    }
    return buf_take(&b);
}
