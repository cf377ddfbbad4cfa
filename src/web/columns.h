/* The column tree (栏目), read once at portal_open. */
#ifndef GK_WEB_COLUMNS_H
#define GK_WEB_COLUMNS_H
#include "store/store_portal.h"
#include "web/portal.h"

struct column_tree *columns_load(store_t *s, char **err);
void columns_free(struct column_tree *t);

/* The column SLUG, or NULL; its name (NULL when unknown). */
const struct portal_column *columns_find(const struct portal *p, const char *slug);
const char *columns_name(const struct portal *p, const char *slug);
/* Every column, parents before children, siblings by sort order; *N set to the count. */
const struct portal_column *columns_all(const struct portal *p, size_t *n);
/* The columns whose parent is SLUG (NULL: top level), in order; returns how many, stores
 * up to MAX. */
size_t columns_children(const struct portal *p, const char *slug, const struct portal_column **out, size_t max);
/* The navigation section a column belongs to ("zwgk", "bmfw", "qyzc", "gzdt"). */
const char *columns_section(const char *slug);

#endif
