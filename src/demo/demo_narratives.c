/* Narrative sections of the annual reports (assets/demo/narratives.json) and the 2018
 * report as the district published it (assets/demo/seed-report-2018.md, the seed's text).
 * Figures inside narratives are Mustache tags for the report engine, written out as they
 * are: the demo never renders them. */
#include "demo/demo_internal.h"
#include "util/buf.h"
#include "util/embed.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

char *demo_seed_report_markdown(void)
{
    const struct embedded_file *f = embedded_find("demo/seed-report-2018.md");
    if (!f) {
        fprintf(stderr, "gongkai: demo: assets/demo/seed-report-2018.md is not embedded\n");
        abort();
    }
    size_t n = f->size;
    while (n && f->data[n - 1] == '\n') /* the body ends with its last sentence */
        n--;
    return xasprintf("%.*s", (int)n, (const char *)f->data);
}

void demo_narratives(struct demo_ctx *ctx)
{
    const char *agency = demo_str(demo_data("narratives.json"), "agency");
    json_t *list = demo_data_get("narratives.json", "narratives");
    size_t i;
    json_t *n;
    json_array_foreach(list, i, n) {
        buf_t b = BUF_INIT;
        size_t k;
        json_t *para;
        json_array_foreach(json_object_get(n, "paragraphs"), k, para) {
            if (k)
                buf_putc(&b, '\n');
            buf_puts(&b, json_string_value(para) ? json_string_value(para) : "");
        }
        json_t *rec = json_object();
        json_object_set_new(rec, "type", json_string("narrative"));
        json_object_set_new(rec, "agency", json_string(agency));
        json_object_set(rec, "year", json_object_get(n, "year"));
        json_object_set_new(rec, "section", json_string(demo_str(n, "section")));
        json_object_set_new(rec, "text", json_string(buf_str(&b)));
        buf_free(&b);
        demo_emit(ctx, rec);
    }
}
