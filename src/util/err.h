/* Errors the way the command line reports them: one line "gongkai: <what>: <why>",
 * and exit statuses per contracts §1. */
#ifndef GK_ERR_H
#define GK_ERR_H

enum gk_status {
    GK_OK = 0,
    GK_ERR_RUNTIME = 1, /* I/O, database */
    GK_ERR_INPUT = 2,   /* bad usage or bad input */
};

void gk_error(const char *what, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
