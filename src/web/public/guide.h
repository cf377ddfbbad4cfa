/* Service guides on the portal (guide.c): /guide lists them, /guide/<id> shows one as a
 * readable, printable page with its flowchart (svg_flow.h) and the steps as a list. */
#ifndef GK_WEB_PUBLIC_GUIDE_H
#define GK_WEB_PUBLIC_GUIDE_H
#include "web/request.h"
#include "web/response.h"

void page_guide(struct request *req, struct response *res);
void page_guides(struct request *req, struct response *res);

/* The address of guide ID: /guide/<id>. */
const char *url_guide(struct request *req, const char *id);

#endif
