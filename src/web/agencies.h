/* The agency tree as pages use it: loaded per request, depth-first, with the <select>
 * options and the 政府信息公开工作机构 contact block. */
#ifndef GK_WEB_AGENCIES_H
#define GK_WEB_AGENCIES_H
#include "web/page.h"
#include <jansson.h>

struct agency_list {
    struct agency *v; /* depth-first: each agency followed by those below it */
    size_t n;
};

/* Loads every agency; false (and a 500 answered) on a database error. */
bool agencies_load(struct page *pg, struct agency_list *out);
/* page_begin, then agencies_load: false when the page is already answered. */
bool agencies_page_begin(struct page *pg, struct request *req, struct response *res, struct agency_list *out);
void agencies_free(struct agency_list *l);
const struct agency *agencies_find(const struct agency_list *l, const char *code);
/* [{code, name, indent, selected}] for a <select>; SELECTED may be NULL. */
json_t *agencies_options(const struct agency_list *l, const char *selected);
/* The 政府信息公开工作机构 of A for the guide: {name, address, hours, phone, fax, email,
 * website, postcode, note}. The agency's own contact data when it has any; otherwise the
 * root agency's (ROOT, may be NULL) with a note saying so; for a root without contact
 * data the site settings ogi_*. The setting ogi_office names the root's office. */
json_t *agencies_office(struct page *pg, const struct agency *a, const struct agency *root);

#endif
