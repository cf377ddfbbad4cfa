/* Staff accounts' rules (accounts.h). */
#include "domain/accounts.h"
#include "util/buf.h"
#include "util/escape.h"
#include "util/xalloc.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const struct {
    unsigned bit;
    const char *name, *zh;
} role_table[ROLE_COUNT] = {
    {ROLE_PLATFORM_ADMIN, "platform_admin", "平台管理员"},
    {ROLE_ADMIN, "admin", "管理员"},
    {ROLE_EDITOR, "editor", "编辑"},
    {ROLE_REVIEWER, "reviewer", "审核"},
    {ROLE_HANDLER, "handler", "办理"},
    {ROLE_AUDITOR, "auditor", "审计"},
};

unsigned role_parse(const char *name)
{
    for (int i = 0; name && i < ROLE_COUNT; i++)
        if (strcmp(name, role_table[i].name) == 0)
            return role_table[i].bit;
    return 0;
}

const char *role_name(unsigned bit)
{
    for (int i = 0; i < ROLE_COUNT; i++)
        if (role_table[i].bit == bit)
            return role_table[i].name;
    return NULL;
}

const char *role_label_zh(unsigned bit)
{
    for (int i = 0; i < ROLE_COUNT; i++)
        if (role_table[i].bit == bit)
            return role_table[i].zh;
    return NULL;
}

static void join(unsigned mask, bool zh, const char *sep, char *out, size_t outsz)
{
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < ROLE_COUNT; i++) {
        if (!(mask & role_table[i].bit))
            continue;
        int n = snprintf(out + used, outsz - used, "%s%s", used ? sep : "", zh ? role_table[i].zh : role_table[i].name);
        if (n < 0 || (size_t)n >= outsz - used)
            return;
        used += (size_t)n;
    }
}

void roles_format(unsigned mask, char *out, size_t outsz)
{
    join(mask, false, ",", out, outsz);
}

void roles_format_zh(unsigned mask, char *out, size_t outsz)
{
    join(mask, true, "、", out, outsz);
}

res_t login_check(const char *login, char **why)
{
    size_t n = login ? strlen(login) : 0;
    if (n < 2 || n > 32) {
        *why = xasprintf("login: 登录名须为 2–32 个字符 (2 to 32 characters)");
        return RES_REFUSED;
    }
    if (!isalnum((unsigned char)login[0])) {
        *why = xasprintf("login: 登录名须以字母或数字开头 (must start with a letter or digit)");
        return RES_REFUSED;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)login[i];
        if (c >= 0x80 || !(isalnum(c) || c == '.' || c == '_' || c == '-')) {
            *why = xasprintf("login: 登录名只能含字母、数字、“.”“_”“-” (letters, digits, '.', '_', '-' only)");
            return RES_REFUSED;
        }
    }
    return RES_OK;
}

res_t roles_check(unsigned mask, const char *agency_code, char **why)
{
    bool agency = agency_code && *agency_code;
    if (mask == 0 || (mask & ~ROLE_ALL)) {
        *why = xasprintf("role: 至少需要一个角色 (at least one role: platform_admin, admin, editor, reviewer, "
                         "handler, auditor)");
        return RES_REFUSED;
    }
    if ((mask & ROLE_PLATFORM_ADMIN) && agency) {
        *why = xasprintf("agency: 平台管理员不属于某个机关 (the platform administrator has no agency)");
        return RES_REFUSED;
    }
    if ((mask & ~ROLE_PLATFORM_ADMIN) && !agency) {
        *why = xasprintf("agency: 除平台管理员外，每个账号都须属于一个机关 (--agency CODE is required for "
                         "every role but platform_admin)");
        return RES_REFUSED;
    }
    return RES_OK;
}

static bool contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return true;
    return false;
}

/* Characters, not bytes: a Chinese passphrase counts each character once. */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

res_t password_check_strength(const char *pw, const char *login, char **why)
{
    if (!pw || utf8_chars(pw) < PASSWORD_MIN_CHARS) {
        *why = xasprintf("password: 密码太短，至少 %d 个字符 (at least %d characters)", PASSWORD_MIN_CHARS,
                         PASSWORD_MIN_CHARS);
        return RES_REFUSED;
    }
    if (strlen(pw) > PASSWORD_MAX_BYTES) {
        *why = xasprintf("password: 密码太长，至多 %d 字节 (at most %d bytes)", PASSWORD_MAX_BYTES, PASSWORD_MAX_BYTES);
        return RES_REFUSED;
    }
    bool lower = false, upper = false, digit = false, other = false;
    for (const char *p = pw; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || c == 0x7F) {
            *why = xasprintf("password: 密码不能含控制字符 (no control characters)");
            return RES_REFUSED;
        }
        if (c >= 'a' && c <= 'z')
            lower = true;
        else if (c >= 'A' && c <= 'Z')
            upper = true;
        else if (c >= '0' && c <= '9')
            digit = true;
        else
            other = true;
    }
    if (lower + upper + digit + other < 3) {
        *why = xasprintf("password: 密码须包含小写字母、大写字母、数字、其他符号中的至少三类 (at least 3 of: "
                         "lower case, upper case, digits, other characters)");
        return RES_REFUSED;
    }
    if (login && strlen(login) >= 2 && contains_ci(pw, login)) {
        *why = xasprintf("password: 密码不能包含登录名 (must not contain the login name)");
        return RES_REFUSED;
    }
    return RES_OK;
}

char *account_audit_json(const char *login, const char *agency, unsigned roles, bool disabled)
{
    char names[160];
    roles_format(roles, names, sizeof names);
    buf_t b = BUF_INIT;
    buf_puts(&b, "{\"login\":");
    esc_json_string(&b, login ? login : "");
    buf_puts(&b, ",\"agency\":");
    if (agency && *agency)
        esc_json_string(&b, agency);
    else
        buf_puts(&b, "null");
    buf_puts(&b, ",\"roles\":");
    esc_json_string(&b, names);
    buf_puts(&b, disabled ? ",\"disabled\":true}" : ",\"disabled\":false}");
    return buf_take(&b);
}
