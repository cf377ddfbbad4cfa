/* Search, feeds, sitemap, robots.txt and the JSON API register their routes here. */
#include "web/portal.h"

const struct route portal_more_routes[] = {
    {NULL, NULL, NULL},
};
const size_t portal_more_route_count = 0;
