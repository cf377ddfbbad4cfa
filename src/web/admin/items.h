/* The workspace's items (/admin/items…, issue 8 item 3): the work list, the Markdown form,
 * the item's page with its workflow actions, revisions and their diff, and the preview
 * that is the public item page. Routes in web/routes.c (all UNCACHED):
 *
 *   GET  /admin/items                 the work list (?state=, ?column=, ?mine=1)
 *   GET  /admin/items/new             the empty form          POST: create
 *   GET  /admin/items/ID              the item, its history and the actions the account may take
 *   GET  /admin/items/ID/edit         the form                POST: save a revision
 *   POST /admin/items/ID/act          submit, return, approve, publish, withdraw, 有效性
 *   GET  /admin/items/ID/diff?a=&b=   the body's line diff between two revisions
 *   GET  /admin/items/ID/preview      the working copy through the public item template
 *
 * Editors write within their agency, reviewers review within it (never a revision they
 * wrote), an agency's admin does both; nobody reaches another agency's items (403). Every
 * change is one store transaction with its audit row (admin_audit), and the answer is 303
 * (Post/Redirect/Get); the cached public pages go stale through the content version that
 * the items' triggers move (store_portal_data_version). */
#ifndef GK_WEB_ADMIN_ITEMS_H
#define GK_WEB_ADMIN_ITEMS_H
#include "web/request.h"
#include "web/response.h"

void admin_items(struct request *req, struct response *res);      /* GET /admin/items */
void admin_item_get(struct request *req, struct response *res);   /* GET /admin/items/… */
void admin_item_post(struct request *req, struct response *res);  /* POST /admin/items/… */

#endif
