/* Audit rows of command-line changes (cli_audit.h). */
#include "cli/cli_audit.h"
#include "store/store_audit.h"
#include "util/xalloc.h"
#include <jansson.h>
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

char *cli_audit_user_json(const char *login, const char *agency, const char *roles, bool disabled)
{
    json_t *o = json_object();
    json_object_set_new(o, "login", json_string(login));
    json_object_set_new(o, "agency", agency && *agency ? json_string(agency) : json_null());
    json_object_set_new(o, "roles", json_string(roles));
    json_object_set_new(o, "disabled", json_boolean(disabled));
    char *out = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return out;
}
