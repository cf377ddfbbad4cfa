/* The demo's applications made through the workspace's paths (issue 9): applications of
 * 工农区人民政府 (gongnong) received online, in person, by post, fax and e-mail, dated
 * relative to today so that the lists show every state (processing, due soon, overdue,
 * awaiting a correction, in consultation, extended, awaiting a fee, replied, withdrawn,
 * lapsed), each state change made by application_handle (the workspace's rules) and the
 * letters drafted from the templates, some issued. Two applicants ask for the same
 * information, so the dashboard shows an Art. 44 proposal. */
#include "cli/cli_demo_workflow.h"
#include "domain/fees.h"
#include "model/app_handling.h"
#include "model/app_letters.h"
#include "store/store_applications.h"
#include "store/store_holidays.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEMO_AGENCY "gongnong"

struct step {
    enum event_kind kind;
    int ago; /* working days before today */
    const char *outcome, *party, *basis, *items, *reason;
    int days;
    long long pages;
    const char *letter; /* letter kind to draft after the step, or NULL */
    bool issue;
};

struct demo_app {
    int ago;
    enum app_channel channel;
    const char *name, *id_no, *org_code, *phone, *subject, *note;
    struct step steps[4];
};

static const char *const note_online = "通过网站在线提交，以系统确认收到之日为收到申请之日（条例第三十一条）";

static const struct demo_app apps[] = {
    {3, APP_CHANNEL_ONLINE, "赵一", "23040319900307123X", NULL, "13800000001", "2026年本区老旧小区改造项目清单", NULL, {{0}}},
    {4, APP_CHANNEL_ONLINE, "钱二", "23040319900307123X", NULL, "13800000002", "2026年本区老旧小区改造项目清单", NULL, {{0}}},
    {17, APP_CHANNEL_LETTER, "孙三", "23040319900307123X", NULL, "13800000003", "工农区2025年度财政预算执行情况",
     "以邮寄方式提交、需要签收，以签收之日为收到申请之日", {{0}}},
    {25, APP_CHANNEL_IN_PERSON, "李四", "23040319900307123X", NULL, "13800000004", "某路段交通信号灯设置依据",
     "当面提交，以提交之日为收到申请之日", {{0}}},
    {4, APP_CHANNEL_EMAIL, "周五", "23040319900307123X", NULL, "13800000005", "本区有关规划文件",
     "以电子邮件方式提交，以双方确认之日为收到申请之日",
     {{EV_CORRECTION_REQUESTED, 2, .items = "请写明所需规划文件的名称、年份或文号。", .letter = "correction", .issue = true}}},
    {8, APP_CHANNEL_ONLINE, NULL, NULL, "91230403MA1B2C3D44", "04683610000", "某企业环境影响评价审批文件", NULL,
     {{EV_CONSULTATION_STARTED, 3, .party = "third_party", .letter = "consultation", .issue = true}}},
    {18, APP_CHANNEL_FAX, "吴七", "23040319900307123X", NULL, "13800000007", "2020年至2025年本区征地补偿标准文件",
     "以传真方式提交，以双方确认之日为收到申请之日",
     {{EV_EXTENDED, 16, .days = 15, .reason = "所需信息涉及多个年度、需要调阅档案", .letter = "extension", .issue = true}}},
    {10, APP_CHANNEL_ONLINE, "郑八", "23040319900307123X", NULL, "13800000008", "本区全部行政处罚决定书（2015年以来）", NULL,
     {{EV_FEE_NOTICE, 5, .basis = "per_page", .pages = 120, .letter = "fee"}}},
    {15, APP_CHANNEL_ONLINE, "王九", "23040319900307123X", NULL, "13800000009", "本区2025年政府信息公开工作年度报告的数据来源",
     NULL, {{EV_REPLIED, 5, .outcome = "disclosed", .letter = "reply", .issue = true}}},
    {12, APP_CHANNEL_LETTER, "冯十", "23040319900307123X", NULL, "13800000010", "某小区物业维修基金使用明细",
     "以邮寄方式提交、需要签收，以签收之日为收到申请之日", {{.kind = EV_WITHDRAWN, .ago = 6}}},
    {40, APP_CHANNEL_ONLINE, "陈十一", "23040319900307123X", NULL, "13800000011", "有关文件", NULL,
     {{EV_CORRECTION_REQUESTED, 38, .items = "请写明所需文件的名称或文号。", .letter = "correction", .issue = true},
      {.kind = EV_CORRECTION_LAPSED, .ago = 10}}},
};

static res_t one(store_t *s, const calendar_t *cal, const struct agency *ag, const struct demo_app *d, gk_date today,
                 int seq, char **err)
{
    gk_date received;
    if (calendar_add_workdays(cal, today, -d->ago, &received))
        return RES_OK; /* outside the calendar: nothing to show */
    struct application_rec r = {.agency = DEMO_AGENCY,
                                .applicant_type = d->org_code ? APPLICANT_COMMERCIAL_ENTERPRISE : APPLICANT_NATURAL_PERSON,
                                .channel = d->channel, .has_channel = true, .received = received, .closed = NO_DATE,
                                .fee_notice_fen = -1, .fee_paid_fen = -1, .subject = d->subject};
    char hash[65];
    snprintf(hash, sizeof hash, "%064d", seq); /* no code the public could use: demo applications */
    struct applicant who = {.name = d->name ? d->name : "黑龙江某环保科技有限公司",
                            .id_kind = d->id_no ? "resident_id" : NULL, .id_no = d->id_no, .org_code = d->org_code,
                            .phone = d->phone, .receipt_note = d->note ? d->note : note_online, .query_hash = hash};
    char prefix[64], ds[DATE_STR_SIZE], *id = NULL;
    snprintf(prefix, sizeof prefix, "%s-%.4s-", DEMO_AGENCY, date_format(received, ds));
    res_t rc = store_application_intake(s, &r, &who, prefix, &id, err);
    for (size_t i = 0; rc == RES_OK && i < sizeof d->steps / sizeof d->steps[0]; i++) {
        const struct step *st = &d->steps[i];
        if (!st->ago && !st->kind)
            break;
        struct application_rec cur;
        rc = store_get_application(s, id, &cur, err);
        if (rc != RES_OK)
            break;
        struct app_event ev = {.kind = st->kind, .outcome = st->outcome, .party = st->party, .basis = st->basis,
                               .items = st->items, .reason = st->reason, .days = st->days};
        calendar_add_workdays(cal, today, -st->ago, &ev.date);
        if (st->kind == EV_FEE_NOTICE)
            ev.fen = fee_per_page(st->pages);
        struct application_rec next;
        struct app_clock clk;
        rc = application_handle(cal, &cur, &ev, today, &next, &clk, err);
        if (rc == RES_OK)
            rc = store_put_application(s, &next, err);
        free(next.events);
        if (rc == RES_OK && st->letter) {
            int k = CODE_LOOKUP(letter_kinds, st->letter);
            struct application_rec now;
            char *body = NULL;
            if (store_get_application(s, id, &now, err) == RES_OK) {
                body = letter_draft(cal, &now, (enum letter_kind)k, ag->name, who.name, ev.date, err);
                application_rec_free(&now);
            }
            long long lid = 0, at = (long long)time(NULL);
            if (!body)
                rc = RES_FAILED;
            if (rc == RES_OK)
                rc = store_letter_put(s, id, &lid, st->letter, body, "handler", at, err);
            if (rc == RES_OK && st->issue)
                rc = store_letter_issue(s, id, lid, "handler", at, err);
            free(body);
        }
        application_rec_free(&cur);
    }
    free(id);
    return rc;
}

res_t demo_workflow_load(store_t *s, char **err)
{
    calendar_t *cal = NULL;
    struct agency ag = {0};
    res_t rc = store_load_calendar(s, &cal, err);
    if (rc == RES_OK)
        rc = store_get_agency(s, DEMO_AGENCY, &ag, err);
    if (rc == RES_OK)
        rc = store_begin(s, err);
    if (rc != RES_OK)
        goto done;
    gk_date today = date_today_cst();
    for (size_t i = 0; rc == RES_OK && i < sizeof apps / sizeof apps[0]; i++)
        rc = one(s, cal, &ag, &apps[i], today, (int)i + 1, err);
    if (rc == RES_OK)
        rc = store_commit(s, err);
    else
        store_rollback(s);
done:
    agency_clear(&ag);
    calendar_free(cal);
    return rc;
}
