/* Check characters and masks of identity numbers (idcheck.h). */
#include "domain/idcheck.h"
#include "util/xalloc.h"
#include <string.h>

static const int id_weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
static const char id_checks[] = "10X98765432";

const char *idcheck_resident_id(const char *s, gk_date today, char out[IDCHECK_LEN + 1])
{
    if (!s || strlen(s) != IDCHECK_LEN)
        return "应为18位 must be 18 characters";
    char n[IDCHECK_LEN + 1];
    for (int i = 0; i < IDCHECK_LEN; i++) {
        char c = s[i];
        if (i == 17 && c == 'x')
            c = 'X';
        if (!((c >= '0' && c <= '9') || (i == 17 && c == 'X')))
            return i == 17 ? "第18位应为数字或X the last character must be a digit or X"
                           : "前17位应为数字 the first 17 characters must be digits";
        n[i] = c;
    }
    n[IDCHECK_LEN] = '\0';
    if (n[0] == '0')
        return "地址码无效 invalid address code";
    int y = (n[6] - '0') * 1000 + (n[7] - '0') * 100 + (n[8] - '0') * 10 + (n[9] - '0');
    int m = (n[10] - '0') * 10 + (n[11] - '0'), d = (n[12] - '0') * 10 + (n[13] - '0');
    if (y < 1900 || !date_is_valid_ymd(y, m, d) || date_from_ymd(y, m, d) > today)
        return "出生日期无效 the birth date is not a real past date";
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (n[i] - '0') * id_weights[i];
    if (id_checks[sum % 11] != n[17])
        return "校验位不符 check character mismatch";
    memcpy(out, n, sizeof n);
    return NULL;
}

/* The 31 characters of GB 32100-2015, in value order. */
static const char credit_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int credit_weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

static int credit_value(char c)
{
    const char *p = c ? strchr(credit_chars, c) : NULL;
    return p ? (int)(p - credit_chars) : -1;
}

const char *idcheck_credit_code(const char *s, char out[IDCHECK_LEN + 1])
{
    if (!s || strlen(s) != IDCHECK_LEN)
        return "应为18位 must be 18 characters";
    char n[IDCHECK_LEN + 1];
    int v[IDCHECK_LEN];
    for (int i = 0; i < IDCHECK_LEN; i++) {
        char c = s[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        v[i] = credit_value(c);
        if (v[i] < 0)
            return "含有无效字符（不使用I、O、Z、S、V） invalid character (I, O, Z, S, V are not used)";
        n[i] = c;
    }
    n[IDCHECK_LEN] = '\0';
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += v[i] * credit_weights[i];
    int check = 31 - sum % 31;
    if (check == 31)
        check = 0;
    if (v[17] != check)
        return "校验位不符 check character mismatch";
    memcpy(out, n, sizeof n);
    return NULL;
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

char *mask_middle(const char *s, size_t head, size_t tail)
{
    if (!s)
        s = "";
    size_t chars = utf8_chars(s), len = strlen(s);
    bool keep = chars > head + tail;
    char *out = xmalloc(len + chars + 1), *o = out;
    size_t k = 0; /* index of the current character */
    for (const char *p = s; *p; k++) {
        size_t clen = 1;
        while (p[clen] && ((unsigned char)p[clen] & 0xC0) == 0x80)
            clen++;
        if (keep && (k < head || k >= chars - tail)) {
            memcpy(o, p, clen);
            o += clen;
        } else {
            *o++ = '*';
        }
        p += clen;
    }
    *o = '\0';
    return out;
}

char *mask_id_number(const char *s)
{
    return mask_middle(s, 3, 4);
}

char *mask_phone(const char *s)
{
    return mask_middle(s, 3, 4);
}
