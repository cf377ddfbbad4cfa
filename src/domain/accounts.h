/* Staff accounts' rules (issue 8 item 1): the roles, what a login name may be, and the
 * password strength. Pure: no I/O. Hashing is domain/password.h; storing is
 * store/store_accounts.h. */
#ifndef GK_DOMAIN_ACCOUNTS_H
#define GK_DOMAIN_ACCOUNTS_H
#include "util/result.h"
#include <stdbool.h>
#include <stddef.h>

/* A user holds a set of roles: a bit mask of these (the bits are stored: never renumber). */
enum role {
    ROLE_PLATFORM_ADMIN = 1u << 0, /* 平台管理员: every agency's accounts; publishes nothing */
    ROLE_ADMIN = 1u << 1,          /* 管理员: the accounts of one agency */
    ROLE_EDITOR = 1u << 2,         /* 编辑: writes items */
    ROLE_REVIEWER = 1u << 3,       /* 审核: approves or returns them */
    ROLE_HANDLER = 1u << 4,        /* 办理: applications and messages */
    ROLE_AUDITOR = 1u << 5,        /* 审计: reads the audit log, changes nothing */
};
#define ROLE_ALL 0x3Fu
#define ROLE_COUNT 6

/* The role's bit for its name ("editor"), or 0. */
unsigned role_parse(const char *name);
/* "editor" / "编辑" for one bit; NULL for anything else. */
const char *role_name(unsigned bit);
const char *role_label_zh(unsigned bit);
/* The roles of MASK by name, comma-separated in bit order ("editor,reviewer"), into OUT. */
void roles_format(unsigned mask, char *out, size_t outsz);
/* The same with Chinese labels joined by "、" ("编辑、审核"). */
void roles_format_zh(unsigned mask, char *out, size_t outsz);

/* A login name: 2–32 characters, ASCII letters, digits, '.', '_' or '-', starting with a
 * letter or digit. RES_OK, or RES_REFUSED with *why ("login: …", malloc'd). */
res_t login_check(const char *login, char **why);

/* Who may hold which roles: platform_admin has no agency, every other role needs one.
 * RES_REFUSED with *why ("agency: …" or "role: …"). */
res_t roles_check(unsigned roles, const char *agency_code, char **why);

/* An account as the audit log records it, before or after a change:
 * {"login":…,"agency":…|null,"roles":"editor,reviewer","disabled":false} (malloc'd). Never a
 * password or its hash. */
char *account_audit_json(const char *login, const char *agency, unsigned roles, bool disabled);

#define PASSWORD_MIN_CHARS 8
#define PASSWORD_MAX_BYTES 256
/* The minimum strength (等保 2.0's usual reading): at least 8 characters from at least 3 of
 * the 4 classes lower case, upper case, digits, other; at most 256 bytes; no control
 * characters; not containing the login. RES_REFUSED with *why ("password: …", in Chinese
 * and English, never quoting the password). */
res_t password_check_strength(const char *password, const char *login, char **why);

#endif
