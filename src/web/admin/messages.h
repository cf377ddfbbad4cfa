/* The workspace's message handling (messages.c; routes in web/routes.c, MESSAGE_ROUTES). */
#ifndef GK_WEB_ADMIN_MESSAGES_H
#define GK_WEB_ADMIN_MESSAGES_H
#include "web/request.h"
#include "web/response.h"

void admin_messages_list(struct request *req, struct response *res);
void admin_message(struct request *req, struct response *res);
void admin_message_post(struct request *req, struct response *res);
void admin_message_words(struct request *req, struct response *res);
void admin_message_words_post(struct request *req, struct response *res);

#endif
