/* The page templates: assets/templates/NAME.mustache compiled into the binary, a theme's
 * templates/NAME.mustache replacing one file by file; and the stylesheet's versioned URL. */
#ifndef GK_WEB_TEMPLATES_H
#define GK_WEB_TEMPLATES_H
#include "web/portal.h"

/* Fills p->templates and p->css_href. -1 + *err (naming the file) on failure. */
int templates_load(struct portal *p, char **err);

#endif
