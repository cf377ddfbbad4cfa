/* The column tree (columns.h). */
#include "web/columns.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

struct column_tree {
    struct portal_column *v;
    size_t n;
};

struct column_tree *columns_load(store_t *s, char **err)
{
    struct column_tree *t = xcalloc(1, sizeof *t);
    if (store_portal_columns(s, &t->v, &t->n, err)) {
        free(t);
        return NULL;
    }
    return t;
}

void columns_free(struct column_tree *t)
{
    if (!t)
        return;
    portal_columns_free(t->v, t->n);
    free(t);
}

const struct portal_column *columns_find(const struct portal *p, const char *slug)
{
    if (!slug)
        return NULL;
    for (size_t i = 0; i < p->columns->n; i++)
        if (strcmp(p->columns->v[i].slug, slug) == 0)
            return &p->columns->v[i];
    return NULL;
}

const char *columns_name(const struct portal *p, const char *slug)
{
    const struct portal_column *c = columns_find(p, slug);
    return c ? c->name : NULL;
}

const struct portal_column *columns_all(const struct portal *p, size_t *n)
{
    *n = p->columns->n;
    return p->columns->v;
}

size_t columns_children(const struct portal *p, const char *slug, const struct portal_column **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < p->columns->n; i++) {
        const struct portal_column *c = &p->columns->v[i];
        bool match = slug ? c->parent_slug && strcmp(c->parent_slug, slug) == 0 : c->parent_slug == NULL;
        if (match) {
            if (n < max)
                out[n] = c;
            n++;
        }
    }
    return n;
}

const char *columns_section(const char *slug)
{
    if (!slug)
        return "zwgk";
    if (strncmp(slug, "bmfw", 4) == 0 && (slug[4] == 0 || slug[4] == '/'))
        return "bmfw";
    if (strncmp(slug, "qyzc", 4) == 0 && (slug[4] == 0 || slug[4] == '/'))
        return "qyzc";
    if (strncmp(slug, "gzdt", 4) == 0 && (slug[4] == 0 || slug[4] == '/'))
        return "gzdt";
    return "zwgk";
}
