/* Audit rows of command-line changes (cli_audit.h). */
#include "cli/cli_audit.h"
#include "store/store_audit.h"
#include "util/xalloc.h"
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

res_t cli_audit(store_t *s, const char *action, const char *login, char *before, char *after, char **why)
{
    char actor[96], object[96];
    const struct passwd *pw = getpwuid(getuid());
    snprintf(actor, sizeof actor, "cli:%s", pw && pw->pw_name ? pw->pw_name : "?");
    snprintf(object, sizeof object, "user:%s", login);
    struct audit_entry e = {.at = (long long)time(NULL), .actor = actor, .client_addr = "", .action = action,
                            .object = object, .before_json = before, .after_json = after};
    res_t r = store_audit_append(s, &e, why);
    free(before);
    free(after);
    return r;
}
