/* `gongkai application show ID`: one application, its events, status and due date (contracts §6). */
#include "cli/cli.h"
#include "cli/cli_store.h"
#include "domain/calendar.h"
#include "domain/deadline.h"
#include "records/parse.h"
#include "util/decimal.h"
#include "util/err.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *date_or_null(gk_date d, bool present)
{
    char buf[DATE_STR_SIZE];
    return present && d != NO_DATE ? json_string(date_format(d, buf)) : json_null();
}

static json_t *application_json(const struct application_rec *r, const struct app_clock *c)
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
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(r->id));
    json_object_set_new(o, "agency", json_string(r->agency));
    json_object_set_new(o, "applicant_type", json_string(applicant_types[r->applicant_type].code));
    json_object_set_new(o, "status", json_string(c->status));
    json_object_set_new(o, "status_label", json_string(c->status_label));
    json_object_set_new(o, "received", date_or_null(r->received, true));
    json_object_set_new(o, "start", date_or_null(c->start, true));
    json_object_set_new(o, "due", date_or_null(c->due, c->due_known));
    json_object_set_new(o, "period", json_integer(c->period));
    json_object_set_new(o, "extended", json_boolean(c->extended || r->extended));
    json_object_set_new(o, "overdue", json_boolean(c->overdue));
    json_object_set_new(o, "working_days_left", c->closed ? json_null() : json_integer(c->working_days_left));
    json_object_set_new(o, "outcome", r->outcome ? json_string(r->outcome) : json_null());
    json_object_set_new(o, "closed", date_or_null(r->closed, r->closed != NO_DATE));
    json_object_set_new(o, "events", events);
    return o;
}

static void print_text(const struct application_rec *r, const struct app_clock *c)
{
    char a[DATE_STR_SIZE];
    printf("受理编号 id:        %s\n", r->id);
    printf("机关 agency:        %s\n", r->agency);
    printf("申请人类型:         %s\n", applicant_types[r->applicant_type].label);
    printf("收到申请 received:  %s\n", date_format(r->received, a));
    printf("起算日 start:       %s\n", date_format(c->start, a));
    printf("状态 status:        %s (%s)%s\n", c->status_label, c->status, c->overdue ? " 已超期 overdue" : "");
    printf("答复期限 due:       %s\n", c->due_known ? date_format(c->due, a) : "（暂停计算 not fixed）");
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
}

int cmd_application(const struct cli *cli, int argc, char **argv)
{
    if (cli_wants_help(argc, argv) || argc < 2) {
        printf("用法 usage: gongkai [--db TARGET] application show ID [--output text|json]\n\n"
               "显示一件政府信息公开申请的办理过程、状态和答复期限（按工作日计算）。\n"
               "Shows one application: its events, status and due date.\n");
        return argc < 2 ? GK_ERR_INPUT : 0;
    }
    if (strcmp(argv[1], "show") != 0)
        return gk_error("application", "unknown subcommand '%s' (try --help)", argv[1]), GK_ERR_INPUT;
    const char *id = NULL;
    bool json = false;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--output") == 0 && i + 1 < argc) {
            const char *v = argv[++i];
            if (strcmp(v, "json") && strcmp(v, "text"))
                return gk_error("application", "--output: '%s' is not text or json", v), GK_ERR_INPUT;
            json = strcmp(v, "json") == 0;
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
    char *err = NULL;
    rc = store_get_application(s, id, &r, &err);
    store_close(s);
    if (rc) {
        if (rc == RES_NOT_FOUND)
            gk_error("application", "no application with id '%s'", id);
        else
            gk_error("application", "%s", err);
        free(err);
        return cli_exit_status(rc);
    }
    /* Without an event history the record's own fields are the history. */
    struct app_event synth[1];
    const struct app_event *ev = r.events;
    size_t n = r.nevents;
    if (!r.has_events && r.closed != NO_DATE) {
        memset(synth, 0, sizeof synth);
        synth[0].kind = EV_REPLIED;
        synth[0].date = r.closed;
        synth[0].outcome = r.outcome;
        ev = synth;
        n = 1;
    }
    struct app_clock clk;
    if (deadline_compute(calendar_default(), r.received, ev, n, date_today_cst(), &clk, &err)) {
        gk_error("application", "%s: %s", id, err);
        free(err);
        application_rec_free(&r);
        return GK_ERR_RUNTIME;
    }
    if (json) {
        json_t *o = application_json(&r, &clk);
        char *text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        printf("%s\n", text);
        free(text);
        json_decref(o);
    } else {
        print_text(&r, &clk);
    }
    application_rec_free(&r);
    return GK_OK;
}
