#include "model/guide.h"
#include <string.h>

int guide_step_index(const struct guide_rec *g, const char *key)
{
    if (strcmp(key, GUIDE_END) == 0)
        return -1;
    for (size_t i = 0; i < g->nsteps; i++)
        if (g->steps[i].key && strcmp(g->steps[i].key, key) == 0)
            return (int)i;
    return -2;
}
