/* The main navigation and the current section's second row. */
#ifndef GK_WEB_NAV_H
#define GK_WEB_NAV_H
#include "web/portal.h"

/* Adds "nav" (and "subnav" when SECTION has entries) to CTX for this request's path. */
void nav_add(struct request *req, json_t *ctx, const char *section);

#endif
