/* The agency tree, checked and placed the same way by every backend: see store_ops.h. */
#include "store/store_ops.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

static int refuse(char **err, char *msg)
{
    free(*err);
    *err = msg;
    return RES_REFUSED;
}

static struct agency_node *find_node(struct agency_node *n, size_t count, const char *code)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(n[i].code, code) == 0)
            return &n[i];
    return NULL;
}

/* Places node x (and, first, its ancestors): path = parent's path + "id/". Returns the
 * node where a cycle closes, or NULL. */
static struct agency_node *place(struct agency_node *all, size_t count, struct agency_node *x)
{
    if (x->state == 2)
        return NULL;
    if (x->state == 1)
        return x;
    x->state = 1;
    char *parent_path = xstrdup("/");
    int depth = 0;
    if (x->parent_code) {
        struct agency_node *p = find_node(all, count, x->parent_code);
        struct agency_node *cyc = place(all, count, p);
        if (cyc) {
            free(parent_path);
            return cyc;
        }
        free(parent_path);
        parent_path = xstrdup(p->path);
        depth = p->depth + 1;
        x->parent_id = p->id;
    }
    x->path = xasprintf("%s%lld/", parent_path, x->id);
    x->depth = depth;
    free(parent_path);
    x->state = 2;
    return NULL;
}

res_t agency_tree_place(struct agency_node *all, size_t n, char **bad_code, char **err)
{
    res_t result = RES_OK;
    struct agency_node *root = NULL;
    for (size_t i = 0; result == 0 && i < n; i++) {
        if (!all[i].parent_code) {
            if (root) {
                *bad_code = xstrdup(all[i].code);
                result = refuse(err, xasprintf("parent: a second root agency: '%s' and '%s' both have no parent",
                                               root->code, all[i].code));
            }
            root = &all[i];
        } else if (!find_node(all, n, all[i].parent_code)) {
            *bad_code = xstrdup(all[i].code);
            result = refuse(err, xasprintf("parent: unknown agency code '%s'", all[i].parent_code));
        } else if (strcmp(all[i].parent_code, all[i].code) == 0) {
            *bad_code = xstrdup(all[i].code);
            result = refuse(err, xasprintf("parent: agency '%s' is its own parent", all[i].code));
        }
    }
    if (result == 0 && n > 0 && !root)
        result = refuse(err, xasprintf("parent: no root agency (every agency has a parent: a cycle)"));
    for (size_t i = 0; result == 0 && i < n; i++) {
        struct agency_node *cyc = place(all, n, &all[i]);
        if (cyc) {
            *bad_code = xstrdup(cyc->code);
            result = refuse(err, xasprintf("parent: agency '%s' is its own ancestor (a cycle)", cyc->code));
        }
    }
    return result;
}

void agency_nodes_free(struct agency_node *all, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(all[i].code);
        free(all[i].parent_code);
        free(all[i].path);
    }
    free(all);
}
