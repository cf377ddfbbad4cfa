/* Publishing channels in the workspace (issue 8 item 5): the outbox of channel-ready
 * payloads (WeChat article, Weibo post, gazette listing), marking an entry sent (which
 * records the publication the reports count), the withdrawal on every channel that carried
 * an item, and the agency's own channel names. The website publication is the portal itself
 * (the item's publication in the editorial workflow), not an outbox entry. */
#ifndef GK_WEB_ADMIN_OUTBOX_H
#define GK_WEB_ADMIN_OUTBOX_H
#include "web/request.h"
#include "web/response.h"
#include "store/store_attachments.h"
#include "web/admin/session.h"

void admin_outbox(struct request *req, struct response *res);           /* GET /admin/outbox[?item=] */
void admin_outbox_prepare(struct request *req, struct response *res);   /* POST …/prepare: item, channel* */
void admin_outbox_sent(struct request *req, struct response *res);      /* POST …/sent: id, on */
void admin_outbox_names(struct request *req, struct response *res);     /* POST …/names: name_<channel> */
void admin_outbox_withdraw(struct request *req, struct response *res);  /* GET …/withdraw?item= */
void admin_outbox_withdrawn(struct request *req, struct response *res); /* POST …/withdraw: item, channel, on */

/* Prepares the payloads of item B for PICKED[0..N) (outbox channels: wechat, weibo,
 * gazette, other) with their audit row, inside the caller's transaction: the outbox form's
 * work, and the item editor's when it publishes with channels chosen. RES_REFUSED when one of
 * them was already sent. */
res_t outbox_prepare_channels(struct request *req, const struct admin *a, const struct item_brief *b,
                              const char *const *picked, size_t n, char **why);

#endif
