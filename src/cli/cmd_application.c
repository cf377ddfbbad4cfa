/* `gongkai application show ID` (contracts §6) and `application list` (a contracts §1
 * extension): applications with their status and due date, computed from the events on
 * the database's calendar. The list is in cmd_application_list.c. */
#include "cli/cli.h"
#include "cli/cli_store.h"
#include "model/app_clock.h"
#include "util/decimal.h"
#include "util/err.h"
#include "util/xalloc.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *date_or_null(gk_date d, bool present)
{
    char buf[DATE_STR_SIZE];
    return present && d != NO_DATE ? json_string(date_format(d, buf)) : json_null();
}

static json_t *string_array(char *const *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_string(v[i]));
    return a;
}

static json_t *events_json(const struct application_rec *r)
{
    json_t *events = json_array();
    for (size_t i = 0; i < r->nevents; i++) {
        const struct app_event *e = &r->events[i];
        json_t *o = json_object();
        json_object_set_new(o, "kind", json_string(event_kinds[e->kind].code));
        json_object_set_new(o, "date", date_or_null(e->date, true));
        json_object_set_new(o, "label", json_string(event_kinds[e->kind].label));
        if (e->kind == EV_EXTENDED)
            json_object_set_new(o, "days", json_integer(e->days));
        if (e->outcome)
            json_object_set_new(o, "outcome", json_string(e->outcome));
        if (e->party)
            json_object_set_new(o, "party", json_string(e->party));
        if (e->kind == EV_FEE_NOTICE || e->kind == EV_FEE_PAID) {
            char yuan[40];
            decimal_format(e->fen, 2, 2, yuan, sizeof yuan);
            json_object_set_new(o, "yuan", json_string(yuan));
        }
        if (e->basis)
            json_object_set_new(o, "basis", json_string(e->basis));
        json_array_append_new(events, o);
    }
    return events;
}

char *application_due_note(const struct app_clock *c)
{
    char d[DATE_STR_SIZE];
    if (c->due_known || c->closed)
        return NULL;
    if (c->calendar_exhausted)
        return xasprintf("期限超出日历范围（至 %d 年底） beyond the calendar's last year", CALENDAR_LAST_YEAR);
    return xasprintf("%s，自 %s 起暂停计算 paused since %s (%s)", c->status_label, date_format(c->paused_since, d), d,
                     c->status);
}

static json_t *application_json(const struct application_rec *r, const struct app_clock *c,
                                const struct clock_text *t)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(r->id));
    json_object_set_new(o, "agency", json_string(r->agency));
    json_object_set_new(o, "applicant_type", json_string(applicant_types[r->applicant_type].code));
    json_object_set_new(o, "status", json_string(c->status));
    json_object_set_new(o, "status_label", json_string(c->status_label));
    json_object_set_new(o, "received", date_or_null(r->received, true));
    json_object_set_new(o, "start", date_or_null(c->start, true));
    json_object_set_new(o, "due", date_or_null(c->due, c->due_known));
    char *note = application_due_note(c);
    json_object_set_new(o, "due_note", note ? json_string(note) : json_null());
    free(note);
    json_object_set_new(o, "regulation", json_string(c->regulation->code));
    json_object_set_new(o, "period", json_integer(c->period));
    json_object_set_new(o, "provisional", json_boolean(c->provisional));
    json_object_set_new(o, "extended", json_boolean(c->extended || r->extended));
    json_object_set_new(o, "overdue", json_boolean(c->overdue));
    json_object_set_new(o, "working_days_left", c->closed ? json_null() : json_integer(c->working_days_left));
    json_object_set_new(o, "outcome", r->outcome ? json_string(r->outcome) : json_null());
    json_object_set_new(o, "closed", date_or_null(r->closed, r->closed != NO_DATE));
    json_object_set_new(o, "events", events_json(r));
    json_object_set_new(o, "why", string_array(t->why, t->nwhy));
    json_object_set_new(o, "warnings", string_array(t->warnings, t->nwarnings));
    return o;
}

static void print_text(const struct application_rec *r, const struct app_clock *c, const struct clock_text *t)
{
    char a[DATE_STR_SIZE];
    printf("受理编号 id:        %s\n", r->id);
    printf("机关 agency:        %s\n", r->agency);
    printf("申请人类型:         %s\n", applicant_types[r->applicant_type].label);
    printf("收到申请 received:  %s\n", date_format(r->received, a));
    printf("适用条例 regulation: %s (%s)\n", c->regulation->name, c->regulation->code);
    printf("期限 period:        %d 个工作日 working days%s\n", c->period, c->extended ? "（含延长 extended）" : "");
    printf("起算日 start:       %s\n", date_format(c->start, a));
    printf("状态 status:        %s (%s)%s\n", c->status_label, c->status, c->overdue ? " 已超期 overdue" : "");
    if (c->due_known) {
        printf("答复期限 due:       %s", date_format(c->due, a));
        if (c->provisional)
            printf("（暂定 provisional：%d 年节假日安排尚未发布）", c->provisional_year);
        printf("\n");
    } else if (c->closed) {
        printf("答复期限 due:       （办结时处于暂停 paused at closing）\n");
    } else {
        char *note = application_due_note(c);
        printf("答复期限 due:       未定 not fixed：%s\n", note);
        free(note);
    }
    if (r->closed != NO_DATE) {
        const struct outcome_info *o = outcome_find(r->outcome);
        printf("办结 closed:        %s  %s (%s)\n", date_format(r->closed, a), o ? o->label : "", r->outcome);
    }
    if (r->nevents) {
        printf("办理过程 events:\n");
        for (size_t i = 0; i < r->nevents; i++)
            printf("  %s  %s%s%s\n", date_format(r->events[i].date, a), event_kinds[r->events[i].kind].label,
                   r->events[i].outcome ? "  " : "", r->events[i].outcome ? r->events[i].outcome : "");
    }
    printf("期限说明 why:\n");
    for (size_t i = 0; i < t->nwhy; i++)
        printf("  - %s\n", t->why[i]);
    if (t->nwarnings) {
        printf("提示 warnings:\n");
        for (size_t i = 0; i < t->nwarnings; i++)
            printf("  ! %s\n", t->warnings[i]);
    }
}

bool application_as_of_arg(const char *s, gk_date *out)
{
    if (!date_parse(s, out)) {
        gk_error("application", "--as-of: '%s' is not a date (expected YYYY-MM-DD)", s);
        return false;
    }
    return true;
}

static int show(const struct cli *cli, int argc, char **argv)
{
    const char *id = NULL;
    bool json = false;
    gk_date as_of = date_today_cst();
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--output") == 0 && i + 1 < argc) {
            const char *v = argv[++i];
            if (strcmp(v, "json") && strcmp(v, "text"))
                return gk_error("application", "--output: '%s' is not text or json", v), GK_ERR_INPUT;
            json = strcmp(v, "json") == 0;
        } else if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
            if (!application_as_of_arg(argv[++i], &as_of))
                return GK_ERR_INPUT;
        } else if (!id) {
            id = argv[i];
        } else {
            return gk_error("application", "unexpected argument '%s'", argv[i]), GK_ERR_INPUT;
        }
    }
    if (!id)
        return gk_error("application", "show: the application id is missing"), GK_ERR_INPUT;
    store_t *s;
    res_t rc = cli_open_store(cli, "application", CLI_STORE_READ, &s);
    if (rc != RES_OK)
        return cli_exit_status(rc);
    struct application_rec r;
    calendar_t *cal = NULL;
    char *err = NULL;
    rc = store_get_application(s, id, &r, &err);
    if (rc == RES_OK && (rc = store_load_calendar(s, &cal, &err)) != RES_OK)
        application_rec_free(&r);
    store_close(s);
    if (rc) {
        if (rc == RES_NOT_FOUND)
            gk_error("application", "no application with id '%s'", id);
        else
            gk_error("application", "%s", err);
        free(err);
        return cli_exit_status(rc);
    }
    struct app_clock clk;
    struct clock_text text;
    if (application_clock(cal, &r, as_of, &clk, &text, &err)) {
        gk_error("application", "%s: %s", id, err);
        free(err);
        application_rec_free(&r);
        calendar_free(cal);
        return GK_ERR_RUNTIME;
    }
    if (json) {
        json_t *o = application_json(&r, &clk, &text);
        char *out = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        printf("%s\n", out);
        free(out);
        json_decref(o);
    } else {
        print_text(&r, &clk, &text);
    }
    clock_text_free(&text);
    application_rec_free(&r);
    calendar_free(cal);
    return GK_OK;
}

int cmd_application(const struct cli *cli, int argc, char **argv)
{
    if (cli_wants_help(argc, argv) || argc < 2) {
        printf("用法 usage: gongkai [--db TARGET] application show ID [--output text|json] [--as-of DATE]\n"
               "            gongkai [--db TARGET] application list [--agency CODE] [--due-within N] [--overdue]\n"
               "                                              [--output text|json] [--as-of DATE]\n\n"
               "show：显示一件政府信息公开申请的办理过程、状态、答复期限及其计算说明（按工作日计算，\n"
               "      依收到申请之日适用2007年或2019年修订的条例）。\n"
               "list：列出未办结的申请及其状态和答复期限，按答复期限排序；--agency 该机关及其下级，\n"
               "      --due-within N 期限在 N 个工作日内到期，--overdue 已超期（两者同时给出时列出任一）。\n"
               "--as-of：按该日计算（默认今天，北京时间）。\n\n"
               "show: one application: its events, status, due date and why (working days; the 2007 or the\n"
               "      2019 Regulation by the date of receipt).\n"
               "list: open applications with status and due date, by due date; --agency CODE (and below it),\n"
               "      --due-within N working days, --overdue (either, when both are given).\n");
        return argc < 2 ? GK_ERR_INPUT : 0;
    }
    if (strcmp(argv[1], "show") == 0)
        return show(cli, argc, argv);
    if (strcmp(argv[1], "list") == 0)
        return application_list_cmd(cli, argc, argv);
    return gk_error("application", "unknown subcommand '%s' (show or list; try --help)", argv[1]), GK_ERR_INPUT;
}
