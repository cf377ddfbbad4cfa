/* Results to exit statuses, once for every command. */
#include "cli/cli.h"
#include "util/err.h"

int cli_exit_status(res_t r)
{
    switch (r) {
    case RES_OK:
        return GK_OK;
    case RES_REFUSED:
    case RES_NOT_FOUND:
        return GK_ERR_INPUT;
    case RES_FAILED:
        break;
    }
    return GK_ERR_RUNTIME;
}
