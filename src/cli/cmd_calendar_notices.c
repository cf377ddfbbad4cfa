/* gongkai calendar import FILE / calendar years: the holiday notices in the database
 * (contracts §1). The State Council publishes next year's notice in November or
 * December; importing it corrects every provisional answer, since due dates are
 * computed from the events, never stored. */
#include "cli/cli.h"
#include "cli/cli_store.h"
#include "domain/calendar.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/xalloc.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The file's own name, without its folders: what `calendar years` shows as the source. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

static bool read_file(const char *path, buf_t *out)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        gk_error("calendar", "%s: %s", path, strerror(errno));
        return false;
    }
    bool ok = buf_read_stream(out, f);
    if (!ok)
        gk_error("calendar", "%s: read failed: %s", path, strerror(errno));
    if (f != stdin)
        fclose(f);
    return ok;
}

int calendar_import_cmd(const struct cli *cli, int nargs, char **args)
{
    if (nargs != 1) {
        gk_error("calendar", "import expects FILE, got %d arguments (try --help)", nargs);
        return GK_ERR_INPUT;
    }
    const char *path = args[0];
    buf_t text = BUF_INIT;
    struct holiday_list rows = {0};
    store_t *s = NULL;
    char *err = NULL;
    int status = GK_OK;
    if (!read_file(path, &text)) {
        status = GK_ERR_RUNTIME;
        goto done;
    }
    size_t line = 0;
    if (holiday_list_parse(buf_str(&text), text.len, &rows, &line, &err) != 0) {
        /* The import's error form (contracts §1): FILE:LINE: field: reason. */
        fprintf(stderr, "%s:%zu: %s\n", path, line, err);
        gk_error("calendar", "1 error; nothing was imported");
        status = GK_ERR_INPUT;
        goto done;
    }
    res_t rc = cli_open_store(cli, "calendar", CLI_STORE_WRITE, &s);
    if (rc != RES_OK) {
        status = cli_exit_status(rc);
        goto done;
    }
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
    if (store_begin(s, &err) != RES_OK || store_holidays_replace(s, &rows, base_name(path), now, &err) != RES_OK ||
        store_commit(s, &err) != RES_OK) {
        store_rollback(s);
        gk_error("calendar", "%s", err ? err : "cannot store the holiday notice");
        status = GK_ERR_RUNTIME;
        goto done;
    }
    int y0 = holiday_list_first_year(&rows), y1 = holiday_list_last_year(&rows);
    if (y0 == y1)
        printf("已导入 %d 年节假日安排 imported the holiday notice for %d: %zu 行 rows (%s)\n", y0, y0, rows.n,
               base_name(path));
    else
        printf("已导入 %d—%d 年节假日安排 imported the holiday notices for %d-%d: %zu 行 rows (%s)\n", y0, y1, y0, y1,
               rows.n, base_name(path));
done:
    free(err);
    store_close(s);
    holiday_list_free(&rows);
    buf_free(&text);
    return status;
}

struct year_source {
    int year;
    char *source, *at;
};

struct year_sources {
    struct year_source *v;
    size_t n;
};

static int collect_year(int year, const char *source, const char *imported_at, void *ud)
{
    struct year_sources *ys = ud;
    ys->v = xrealloc(ys->v, (ys->n + 1) * sizeof *ys->v);
    ys->v[ys->n++] = (struct year_source){year, xstrdup(source), xstrdup(imported_at)};
    return 0;
}

int calendar_years_cmd(const struct cli *cli, int nargs)
{
    if (nargs != 0) {
        gk_error("calendar", "years takes no arguments, got %d (try --help)", nargs);
        return GK_ERR_INPUT;
    }
    /* With a database: its calendar and the sources of its imported years; without one
     * (nothing is created): the built-in years. */
    calendar_t *cal = NULL;
    struct year_sources ys = {0};
    store_t *s = NULL;
    char *err = NULL;
    int status = GK_OK;
    if (strstr(cli->db_target, "://") || access(cli->db_target, F_OK) == 0) {
        res_t rc = cli_open_store(cli, "calendar", CLI_STORE_READ, &s);
        if (rc != RES_OK) {
            status = cli_exit_status(rc);
            goto done;
        }
        if (store_load_calendar(s, &cal, &err) != RES_OK ||
            store_holiday_years_each(s, collect_year, &ys, &err) != RES_OK) {
            gk_error("calendar", "%s", err ? err : "cannot read the holiday notices");
            status = GK_ERR_RUNTIME;
            goto done;
        }
    } else {
        cal = calendar_build(NULL);
    }
    /* Every year up to the one after the last notice, and at least next year (its notice
     * is due in November or December): the first provisional year is always shown. */
    int last = date_year(date_today_cst()) + 1;
    for (int y = CALENDAR_FIRST_YEAR; y < CALENDAR_LAST_YEAR; y++)
        if (calendar_year_official(cal, y) && y + 1 > last)
            last = y + 1;
    for (int y = CALENDAR_FIRST_YEAR; y <= last; y++) {
        const struct year_source *imp = NULL;
        for (size_t i = 0; i < ys.n; i++)
            if (ys.v[i].year == y)
                imp = &ys.v[i];
        if (imp)
            printf("%d official imported %s %s\n", y, imp->source, imp->at);
        else if (calendar_year_official(cal, y))
            printf("%d official built-in\n", y);
        else
            printf("%d provisional\n", y);
    }
done:
    for (size_t i = 0; i < ys.n; i++) {
        free(ys.v[i].source);
        free(ys.v[i].at);
    }
    free(ys.v);
    free(err);
    store_close(s);
    calendar_free(cal);
    return status;
}
