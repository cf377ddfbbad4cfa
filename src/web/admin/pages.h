/* The workspace's handlers (routes in web/routes.c, all UNCACHED). */
#ifndef GK_WEB_ADMIN_PAGES_H
#define GK_WEB_ADMIN_PAGES_H
#include "web/request.h"
#include "web/response.h"

/* login.c */
void admin_login_form(struct request *req, struct response *res);
void admin_login_post(struct request *req, struct response *res);
void admin_logout(struct request *req, struct response *res);
/* dashboard.c */
void admin_dashboard(struct request *req, struct response *res);
void admin_not_found(struct request *req, struct response *res);

/* audit_page.c: the audit log (auditors, the platform administrator) */
void admin_audit_page(struct request *req, struct response *res);
void admin_audit_csv(struct request *req, struct response *res);

/* users.c: accounts (the platform administrator; an agency's administrators) */
void admin_users_page(struct request *req, struct response *res);
void admin_user_new_form(struct request *req, struct response *res);
void admin_user_new_post(struct request *req, struct response *res);
void admin_user_disable(struct request *req, struct response *res);
void admin_user_enable(struct request *req, struct response *res);

#endif
