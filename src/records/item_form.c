/* The item form through the import's validation (item_form.h). */
#include "records/item_form.h"
#include <stdlib.h>
#include <string.h>

/* Adds KEY when VALUE is given; text that is not UTF-8 is a problem of its own (1). */
static int put(json_t *o, const char *key, const char *value, record_error_fn error, void *ud)
{
    if (!value || !*value)
        return 0;
    json_t *v = json_stringn(value, strlen(value));
    if (!v) {
        error(ud, key, "not valid UTF-8 text");
        return 1;
    }
    json_object_set_new(o, key, v);
    return 0;
}

int item_form_check(const struct item_form *f, struct record *out, record_error_fn error, void *ud)
{
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string("item"));
    /* the id is made by the store; the parser requires one */
    json_object_set_new(o, "id", json_string("form"));
    int bad = 0;
    bad += put(o, "agency", f->agency, error, ud);
    /* a title of blanks is no title */
    const char *t = f->title;
    while (t && (*t == ' ' || *t == '\t' || *t == '\r' || *t == '\n'))
        t++;
    if (t && *t)
        bad += put(o, "title", f->title, error, ud);
    bad += put(o, "body", f->body, error, ud);
    bad += put(o, "column", f->column, error, ud);
    bad += put(o, "index_no", f->index_no, error, ud);
    bad += put(o, "doc_no", f->doc_no, error, ud);
    bad += put(o, "topic", f->topic, error, ud);
    bad += put(o, "genre", f->genre, error, ud);
    bad += put(o, "written", f->written, error, ud);
    bad += put(o, "statutory", f->statutory, error, ud);
    char *line = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    int errors = record_parse(line, strlen(line), NULL, out, error, ud); /* an item: no calendar needed */
    free(line);
    return errors + bad;
}
