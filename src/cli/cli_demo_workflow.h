/* The demo's applications made through the workspace's paths (cli_demo_workflow.c). */
#ifndef GK_CLI_DEMO_WORKFLOW_H
#define GK_CLI_DEMO_WORKFLOW_H
#include "store/store.h"

/* Adds them to S (after the demo's import) in one transaction. */
res_t demo_workflow_load(store_t *s, char **err);

#endif
