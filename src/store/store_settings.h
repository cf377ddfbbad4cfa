/* The operator's settings (settings table: key → value). Which keys exist and what they
 * accept is domain/settings.h; these functions store what the caller has already checked.
 * Dispatched by store.c; the SQLite backend is src/store/sqlite/sqlite_settings.c. */
#ifndef GK_STORE_SETTINGS_H
#define GK_STORE_SETTINGS_H
#include "store/store.h"
#include "util/result.h"

/* *value = KEY's stored value (malloc'd). RES_NOT_FOUND when unset (*why NULL);
 * RES_FAILED with *why on a database error. */
res_t store_setting_get(store_t *s, const char *key, char **value, char **why);

/* Stores VALUE for KEY (replacing any value), in its own transaction. */
res_t store_setting_set(store_t *s, const char *key, const char *value, char **why);

/* Removes KEY (back to its default). RES_NOT_FOUND when it was not set. */
res_t store_setting_unset(store_t *s, const char *key, char **why);

/* Calls FN for every stored setting, by key; a non-zero return from FN stops the walk
 * (the result is then RES_OK). Strings are borrowed for the call. */
res_t store_setting_each(store_t *s, int (*fn)(const char *key, const char *value, void *ud), void *ud,
                         char **why);

#endif
