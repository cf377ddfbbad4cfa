/* The agencies of 工农区 (assets/demo/agencies.json): the table every section looks
 * agencies up in, and their records. */
#include "demo/demo_internal.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

const struct demo_agency *demo_agency_table;
size_t demo_agency_count;

/* The fields of an agency record, in output order (contracts §2 + the documented
 * extensions of docs/import-format.md). */
static const char *const record_fields[] = {"code",    "name",         "parent", "kind",  "short_name", "address",
                                            "office_hours", "phone", "fax",    "email", "website",    "postcode"};

void demo_agencies_load(void)
{
    json_t *list = demo_data_get("agencies.json", "agencies");
    size_t n = json_array_size(list);
    struct demo_agency *t = xcalloc(n ? n : 1, sizeof *t);
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_array_get(list, i);
        t[i] = (struct demo_agency){
            .code = demo_str(o, "code"),
            .name = demo_str(o, "name"),
            .short_name = demo_str(o, "short_name_in_titles"),
            .parent = demo_str_opt(o, "parent"),
            .kind = demo_str(o, "kind"),
            .org_code = demo_str(o, "org_code"),
            .duties = demo_str(o, "duties"),
            .phone = demo_str(o, "phone"),
            .fax = demo_str(o, "fax"),
            .address = demo_str(o, "address"),
            .doc_series = demo_str(o, "doc_series"),
            .normative_series = demo_str_opt(o, "normative_series"),
            .record = o,
        };
    }
    demo_agency_table = t;
    demo_agency_count = n;
}

void demo_agencies_free(void)
{
    free((void *)demo_agency_table);
    demo_agency_table = NULL;
    demo_agency_count = 0;
}

const struct demo_agency *demo_agency_find(const char *code)
{
    for (size_t i = 0; i < demo_agency_count; i++)
        if (strcmp(demo_agency_table[i].code, code) == 0)
            return &demo_agency_table[i];
    return NULL;
}

const struct demo_agency *demo_agency(const char *code)
{
    const struct demo_agency *a = demo_agency_find(code);
    if (!a) {
        fprintf(stderr, "gongkai: demo: no agency '%s' in assets/demo/agencies.json\n", code);
        abort();
    }
    return a;
}

void demo_agencies(struct demo_ctx *ctx)
{
    for (size_t i = 0; i < demo_agency_count; i++) {
        json_t *rec = json_object();
        json_object_set_new(rec, "type", json_string("agency"));
        for (size_t k = 0; k < DEMO_COUNT(record_fields); k++) {
            json_t *v = json_object_get(demo_agency_table[i].record, record_fields[k]);
            if (v)
                json_object_set(rec, record_fields[k], v);
        }
        demo_emit(ctx, rec);
    }
}
