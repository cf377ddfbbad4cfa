/* Drafting the letters of an application (app_letters.h). */
#include "model/app_letters.h"
#include "domain/fees.h"
#include "util/embed.h"
#include "util/mustache.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct code_name letter_kinds[LETTER_KIND_COUNT] = {
    [LETTER_REPLY] = {"reply", "政府信息公开申请答复告知书"},
    [LETTER_CORRECTION] = {"correction", "补正告知书"},
    [LETTER_EXTENSION] = {"extension", "延期答复告知书"},
    [LETTER_FEE] = {"fee", "信息处理费缴费通知"},
    [LETTER_CONSULTATION] = {"consultation", "征求意见书"},
};

static const enum event_kind letter_events[LETTER_KIND_COUNT] = {
    [LETTER_REPLY] = EV_REPLIED,
    [LETTER_CORRECTION] = EV_CORRECTION_REQUESTED,
    [LETTER_EXTENSION] = EV_EXTENDED,
    [LETTER_FEE] = EV_FEE_NOTICE,
    [LETTER_CONSULTATION] = EV_CONSULTATION_STARTED,
};

const struct app_event *letter_event(const struct application_rec *r, enum letter_kind kind)
{
    const struct app_event *found = NULL;
    for (size_t i = 0; i < r->nevents; i++)
        if (r->events[i].kind == letter_events[kind])
            found = &r->events[i];
    return found;
}

/* The reply's finding for an outcome, with the article it rests on (Regulation 2019). */
static const char *finding(const char *outcome)
{
    static const struct {
        const char *prefix, *text;
    } v[] = {
        {"disclosed_already_public", "您申请的政府信息已经主动公开，根据《中华人民共和国政府信息公开条例》第三十六条第（一）项的规定，现告知您获取该政府信息的方式和途径：（请填写）。"},
        {"disclosed", "您申请的政府信息属于公开范围，根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，本机关向您提供该政府信息（提供的时间、方式和途径：请填写）。"},
        {"partially_disclosed", "您申请的政府信息中含有不应当公开的内容，但能够作区分处理。根据《中华人民共和国政府信息公开条例》第三十七条的规定，本机关向您提供可以公开的内容，对不予公开的内容说明理由如下：（请填写）。"},
        {"withheld_", "您申请的政府信息属于不予公开的范围（《中华人民共和国政府信息公开条例》第十四条、第十五条、第十六条）。根据条例第三十六条第（三）项的规定，本机关决定不予公开，理由如下：（请填写）。"},
        {"unavailable_not_held", "经检索，本机关没有您申请公开的政府信息。根据《中华人民共和国政府信息公开条例》第三十六条第（四）项的规定，特此告知。"},
        {"unavailable_not_this_agency", "您申请的政府信息不属于本机关负责公开。根据《中华人民共和国政府信息公开条例》第三十六条第（五）项的规定，特此告知；负责公开该政府信息的机关为（请填写名称和联系方式）。"},
        {"unavailable_requires_creation", "您申请的政府信息需要本机关对现有政府信息进行加工、分析。根据《中华人民共和国政府信息公开条例》第三十八条的规定，本机关不予提供。"},
        {"unavailable_unclear_after_correction", "经补正，您的申请内容仍不明确，本机关无法确定所申请的政府信息（《中华人民共和国政府信息公开条例》第三十条）。"},
        {"not_processed_petition", "您以政府信息公开申请的形式进行信访、投诉、举报等活动。根据《中华人民共和国政府信息公开条例》第三十九条第一款的规定，请您通过相应渠道提出。"},
        {"not_processed_repeated", "本机关已就您的同一申请作出答复，您又重复申请。根据《中华人民共和国政府信息公开条例》第三十六条第（六）项的规定，不予重复处理。"},
        {"not_processed_publication", "您要求提供政府公报、报刊、书籍等公开出版物。根据《中华人民共和国政府信息公开条例》第三十九条第二款的规定，现告知您获取的途径：（请填写）。"},
        {"not_processed_excessive", "您申请公开政府信息的数量、频次明显超过合理范围，且未能说明理由或理由不合理（《中华人民共和国政府信息公开条例》第三十五条），本机关不予处理。"},
        {"not_processed_confirm_reissue", "您要求本机关确认或者重新出具已获取的信息，不属于政府信息公开申请的范围，本机关不予处理。"},
        {"other_no_correction", "您逾期未补正，根据《中华人民共和国政府信息公开条例》第三十条的规定，视为放弃申请，本机关不再处理。"},
        {"other_fee_unpaid", "您逾期未缴纳信息处理费，根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，视为放弃申请，本机关不再处理。"},
        {"other", "（请填写处理情况和依据。）"},
    };
    for (size_t i = 0; outcome && i < sizeof v / sizeof v[0]; i++)
        if (strncmp(outcome, v[i].prefix, strlen(v[i].prefix)) == 0)
            return v[i].text;
    return "（请填写答复内容。）";
}

static void set_date(json_t *ctx, const char *key, gk_date d)
{
    char buf[DATE_STR_SIZE];
    if (d != NO_DATE)
        json_object_set_new(ctx, key, json_string(date_format(d, buf)));
}

char *letter_draft(const calendar_t *cal, const struct application_rec *r, enum letter_kind kind,
                   const char *agency, const char *applicant, gk_date today, char **err)
{
    const struct app_event *e = letter_event(r, kind);
    if (!e) {
        *err = xasprintf("kind: 尚无%s所依据的办理记录", letter_kinds[kind].label);
        return NULL;
    }
    char name[64];
    snprintf(name, sizeof name, "letters/%s.mustache", letter_kinds[kind].code);
    const struct embedded_file *f = embedded_find(name);
    if (!f) {
        *err = xasprintf("%s: template missing", name);
        return NULL;
    }
    json_t *ctx = json_object();
    json_object_set_new(ctx, "agency", json_string(agency ? agency : ""));
    json_object_set_new(ctx, "number", json_string(r->id));
    json_object_set_new(ctx, "applicant", json_string(applicant && *applicant ? applicant : "申请人"));
    json_object_set_new(ctx, "subject", json_string(r->subject ? r->subject : "（见申请）"));
    set_date(ctx, "received", r->received);
    set_date(ctx, "date", today);
    char yuan[32];
    gk_date d;
    switch (kind) {
    case LETTER_REPLY:
        json_object_set_new(ctx, "finding", json_string(e->letter && *e->letter ? e->letter : finding(e->outcome)));
        break;
    case LETTER_CORRECTION:
        json_object_set_new(ctx, "items", json_string(e->items && *e->items ? e->items : "（请填写）"));
        break;
    case LETTER_EXTENSION: {
        json_object_set_new(ctx, "reason", json_string(e->reason && *e->reason ? e->reason : "（请填写理由）"));
        json_object_set_new(ctx, "days", json_integer(e->days));
        struct app_clock c;
        char *why = NULL;
        if (deadline_compute(cal, r->received, r->events, r->nevents, today, &c, &why) == RES_OK && c.due_known)
            set_date(ctx, "due", c.due);
        free(why);
        break;
    }
    case LETTER_FEE:
        json_object_set_new(ctx, "yuan", json_string(fee_format_yuan(e->fen, yuan)));
        json_object_set_new(ctx, "basis", json_string(e->basis && strcmp(e->basis, "per_page") == 0
                                                          ? "按量（页数）"
                                                          : "按件"));
        break;
    case LETTER_CONSULTATION:
        json_object_set_new(ctx, "third_party", json_boolean(!e->party || strcmp(e->party, "agency") != 0));
        if (calendar_add_workdays(cal, e->date, 15, &d) == 0)
            set_date(ctx, "window", d);
        break;
    default:
        break;
    }
    char *out = mustache_render_string((const char *)f->data, ctx, NULL, NULL, err);
    json_decref(ctx);
    return out;
}
