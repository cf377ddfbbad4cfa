/* The demo's publishing channels (issue 8 item 5): the district government names its WeChat
 * account as the seed report does ("工农区人民政府微信公众号"), and the outbox holds a few
 * entries: one sent (its publication recorded, as marking it sent in the workspace does) and
 * the others pending, so that the workspace's 发布渠道 page has something to show. */
#include "cli/cli_demo_channels.h"
#include "store/store_attachments.h"
#include "text/weibo_text.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/channel_payload.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const struct {
    const char *item, *channel;
    bool sent;
} entries[] = {
    {"gn-2024-web-0001", "wechat", true},
    {"gn-2024-web-0002", "wechat", false},
    {"gn-2024-web-0002", "weibo", false},
    {"gn-2024-web-0003", "gazette", false},
};

static char *payload(const char *channel, const struct item_brief *b)
{
    char *url = xasprintf("/item/%s", b->ext_id);
    buf_t out = BUF_INIT;
    if (strcmp(channel, "wechat") == 0) {
        wechat_article(&out, b->body, url);
    } else if (strcmp(channel, "weibo") == 0) {
        char *w = weibo_post(b->title, b->body, url);
        buf_puts(&out, w);
        free(w);
    } else {
        gazette_listing(&out, b->title, b->doc_no, b->agency_name, b->written);
    }
    free(url);
    char *r = xstrdup(buf_str(&out));
    buf_free(&out);
    return r;
}

res_t cli_demo_channels(store_t *s, const char *root_agency)
{
    char *why = NULL;
    res_t r = store_begin(s, &why);
    if (r == RES_OK)
        r = store_channel_name_set(s, root_agency, "wechat", "工农区人民政府微信公众号", &why);
    if (r == RES_OK)
        r = store_channel_name_set(s, root_agency, "weibo", "工农区人民政府政务微博", &why);
    for (size_t i = 0; r == RES_OK && i < sizeof entries / sizeof entries[0]; i++) {
        struct item_brief b;
        r = store_item_brief(s, entries[i].item, &b, &why);
        if (r == RES_NOT_FOUND) { /* the demo's items changed: fewer entries, not a failure */
            r = RES_OK;
            continue;
        }
        long long id = 0;
        char *p = r == RES_OK ? payload(entries[i].channel, &b) : NULL;
        if (r == RES_OK)
            r = store_outbox_prepare(s, b.ext_id, entries[i].channel, p, (long long)time(NULL), "editor", &id, &why);
        if (r == RES_OK && entries[i].sent)
            r = store_outbox_mark_sent(s, id, b.published ? b.published : "2024-01-02", "reviewer", &why);
        free(p);
        item_brief_free(&b);
    }
    if (r == RES_OK)
        r = store_commit(s, &why);
    if (r != RES_OK) {
        store_rollback(s);
        gk_error("demo", "channels: %s", why ? why : "cannot write");
    }
    free(why);
    return r;
}
