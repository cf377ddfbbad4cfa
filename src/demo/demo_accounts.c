/* The demo's staff accounts (demo.h): the facts of assets/demo/accounts.json. */
#include "demo/demo.h"
#include "util/embed.h"
#include <jansson.h>
#include <stdio.h>

int demo_each_account(int (*fn)(const char *login, const char *role, const char *agency, const char *password,
                                void *ud),
                      void *ud)
{
    const struct embedded_file *f = embedded_find("demo/accounts.json");
    json_t *v = f ? json_loadb((const char *)f->data, f->size, JSON_REJECT_DUPLICATES, NULL) : NULL;
    const char *password = json_string_value(json_object_get(v, "password"));
    json_t *list = json_object_get(v, "accounts");
    int rc = v && password && json_is_array(list) ? 0 : -1;
    size_t i;
    json_t *a;
    json_array_foreach(list, i, a) {
        if (rc)
            break;
        const char *login = json_string_value(json_object_get(a, "login"));
        const char *role = json_string_value(json_object_get(a, "role"));
        rc = login && role ? fn(login, role, json_string_value(json_object_get(a, "agency")), password, ud) : -1;
    }
    json_decref(v);
    return rc;
}
