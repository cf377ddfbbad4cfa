/* The one result type of store, domain, records and report functions.
 *
 *   res_t r = store_get_item(s, id, &item, &why);
 *   if (r != RES_OK) ... why says what and where (heap string, the caller frees it;
 *                        NULL for RES_NOT_FOUND when there is nothing more to say).
 *
 * It is mapped to an outcome in exactly two places: to an exit status by the command
 * line (cli/cli.h: cli_exit_status) and to an HTTP status and error page by the web
 * layer. Nothing else turns a result into a number.
 *
 * The values keep the meaning of the 0 / 1 / -1 convention this type replaces (0 done,
 * 1 refused input, -1 runtime failure), so code that still tests `!= 0` or `< 0` reads
 * the same while it moves over. */
#ifndef GK_RESULT_H
#define GK_RESULT_H

typedef enum res {
    RES_FAILED = -1,   /* the system failed: I/O, database, resource (exit 1, HTTP 500/503) */
    RES_OK = 0,        /* done */
    RES_REFUSED = 1,   /* the input broke a rule; why names the field and the reason (exit 2, HTTP 400/422) */
    RES_NOT_FOUND = 2, /* what was asked for does not exist (exit 2, HTTP 404) */
} res_t;

#endif
