/* The demo's messages (互动交流): the facts are assets/demo/messages.json (who wrote what to
 * whom, in which state, with which reply); this plans the rest: the numbers in order of
 * arrival per year, the times, the query codes (from the fixed-seed stream, so that the
 * same code opens the same message on every run), the reply and publication dates in
 * working days, and the public version with the sentences holding personal data left out. */
#include "demo/demo_internal.h"
#include "domain/message_rules.h"
#include "util/buf.h"
#include <stdlib.h>
#include <string.h>

/* BODY without its sentences (up to 。！？) that hold a phone, an identity number or an
 * e-mail address: what a handler removes before publishing. */
static char *public_text(const char *body)
{
    buf_t b = {0};
    for (const char *p = body; *p;) {
        const char *end = p;
        while (*end && strncmp(end, "。", 3) && strncmp(end, "！", 3) && strncmp(end, "？", 3))
            end++;
        if (*end)
            end += 3;
        char *sentence = strndup(p, (size_t)(end - p));
        if (!msg_has_personal_data(sentence))
            buf_puts(&b, sentence);
        free(sentence);
        p = end;
    }
    char *r = buf_take(&b);
    return r ? r : strdup("");
}

static void set_time(json_t *o, const char *key, gk_date d, int minute_of_day)
{
    char day[DATE_STR_SIZE], t[32];
    date_format(d, day);
    snprintf(t, sizeof t, "%s %02d:%02d:%02d", day, minute_of_day / 60, minute_of_day % 60, (minute_of_day * 7) % 60);
    json_object_set_new(o, key, json_string(t));
}

void demo_messages(struct demo_ctx *ctx)
{
    json_t *list = demo_data_get("messages.json", "messages");
    size_t n = json_array_size(list);
    int *order = malloc((n ? n : 1) * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = (int)i;
    /* In order of arrival (the file groups them by kind): an insertion sort by date, stable,
     * so that the file's order breaks ties. */
    for (size_t i = 1; i < n; i++) {
        int x = order[i];
        const char *dx = demo_str(json_array_get(list, (size_t)x), "date");
        size_t j = i;
        while (j > 0 && strcmp(demo_str(json_array_get(list, (size_t)order[j - 1]), "date"), dx) > 0) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = x;
    }
    struct demo_rng rng;
    demo_rng_seed(&rng, "messages", 0);
    int year = 0;
    long long seq = 0;
    for (size_t i = 0; i < n; i++) {
        const json_t *m = json_array_get(list, (size_t)order[i]);
        gk_date day;
        if (!date_parse(demo_str(m, "date"), &day))
            abort(); /* a defect of the data file */
        if (date_year(day) != year) {
            year = date_year(day);
            seq = 0;
        }
        char number[MSG_NUMBER_SIZE], code[MSG_CODE_LEN + 1];
        msg_number_format(year, ++seq, number);
        for (int k = 0; k < MSG_CODE_LEN; k++)
            code[k] = MSG_CODE_ALPHABET[demo_rng_int(&rng, 0, (int)strlen(MSG_CODE_ALPHABET) - 1)];
        code[MSG_CODE_LEN] = '\0';
        const char *state = demo_str(m, "state");
        json_t *o = json_object();
        json_object_set_new(o, "type", json_string("message"));
        json_object_set_new(o, "id", json_string(number));
        json_object_set_new(o, "agency", json_string(demo_str(m, "agency")));
        json_object_set_new(o, "kind", json_string(demo_str(m, "kind")));
        json_object_set_new(o, "state", json_string(state));
        json_object_set_new(o, "subject", json_string(demo_str(m, "subject")));
        json_object_set_new(o, "body", json_string(demo_str(m, "body")));
        json_object_set_new(o, "name", json_string(demo_str(m, "name")));
        if (demo_str_opt(m, "phone"))
            json_object_set_new(o, "phone", json_string(demo_str(m, "phone")));
        if (demo_str_opt(m, "email"))
            json_object_set_new(o, "email", json_string(demo_str(m, "email")));
        json_object_set_new(o, "code", json_string(code));
        set_time(o, "created", day, demo_rng_int(&rng, 7 * 60, 22 * 60));
        if (demo_str_opt(m, "flag"))
            json_object_set_new(o, "flag", json_string(demo_str(m, "flag")));
        if (strcmp(state, "assigned") == 0) {
            char who[64];
            snprintf(who, sizeof who, "%s-cbr", demo_str(m, "agency"));
            json_object_set_new(o, "assignee", json_string(who));
        }
        if (demo_str_opt(m, "from"))
            json_object_set_new(o, "transferred_from", json_string(demo_str(m, "from")));
        bool replied = strcmp(state, "replied") == 0, published = strcmp(state, "published") == 0;
        if (replied || published) {
            json_t *days = json_object_get(m, "days");
            gk_date on = demo_add_workdays(day, days ? (int)json_integer_value(days) : 5);
            json_object_set_new(o, "reply", json_string(demo_str(m, "reply")));
            json_object_set_new(o, "reply_by", json_string(demo_str(m, "by")));
            set_time(o, "replied", on, demo_rng_int(&rng, 9 * 60, 17 * 60));
            if (published) {
                char *pb = public_text(demo_str(m, "body"));
                json_object_set_new(o, "public_subject", json_string(demo_str(m, "subject")));
                json_object_set_new(o, "public_body", json_string(pb));
                json_object_set_new(o, "public_reply", json_string(demo_str(m, "reply")));
                set_time(o, "published", demo_add_workdays(on, demo_rng_int(&rng, 1, 2)),
                         demo_rng_int(&rng, 9 * 60, 17 * 60));
                free(pb);
            }
        }
        if (demo_str_opt(m, "note"))
            json_object_set_new(o, "note", json_string(demo_str(m, "note")));
        demo_emit(ctx, o);
    }
    free(order);
}
