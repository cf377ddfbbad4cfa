/* The demo's channel names and outbox entries (cli_demo_channels.c). */
#ifndef GK_CLI_DEMO_CHANNELS_H
#define GK_CLI_DEMO_CHANNELS_H
#include "store/store.h"
#include "util/result.h"

/* Names ROOT_AGENCY's WeChat and Weibo accounts and fills the outbox, in one transaction. */
res_t cli_demo_channels(store_t *s, const char *root_agency);

#endif
