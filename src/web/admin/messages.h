/* The workspace's message handling (messages.c; routes in web/routes.c, MESSAGE_ROUTES). */
#ifndef GK_WEB_ADMIN_MESSAGES_H
#define GK_WEB_ADMIN_MESSAGES_H
#include "web/request.h"
#include "web/response.h"
#include <jansson.h>

void admin_messages_list(struct request *req, struct response *res);
void admin_message(struct request *req, struct response *res);
void admin_message_post(struct request *req, struct response *res);
void admin_message_words(struct request *req, struct response *res);
void admin_message_words_post(struct request *req, struct response *res);
/* For the dashboard: "messages_summary" [{label, count, href, alert}] of A's agency (new,
 * due, overdue, moderation) when A handles messages; nothing otherwise. */
struct admin;
void admin_messages_summary(struct request *req, const struct admin *a, json_t *ctx);

#endif
