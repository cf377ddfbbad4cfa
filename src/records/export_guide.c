/* A service guide as its JSON Lines record (docs/import-format.md, "guide"): the exact
 * input of import, fields in the documented order, absent ones left out. */
#include "model/guide.h"
#include "records/export.h"

static void put_str(json_t *o, const char *key, const char *v)
{
    if (v)
        json_object_set_new(o, key, json_string(v));
}

static void put_lines(json_t *o, const char *key, const char **v, size_t n)
{
    if (!n)
        return;
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, json_string(v[i]));
    json_object_set_new(o, key, list);
}

static json_t *material_json(const struct guide_material *m)
{
    json_t *o = json_object();
    put_str(o, "name", m->name);
    put_str(o, "form", m->form);
    if (m->copies)
        json_object_set_new(o, "copies", json_integer(m->copies));
    if (!m->required)
        json_object_set_new(o, "required", json_false());
    put_str(o, "note", m->note);
    return o;
}

static json_t *step_json(const struct guide_step *p)
{
    json_t *o = json_object();
    put_str(o, "key", p->key);
    put_str(o, "title", p->title);
    put_str(o, "who", p->who);
    put_str(o, "where", p->where);
    put_str(o, "time_limit", p->time_limit);
    put_str(o, "description", p->description);
    put_str(o, "next", p->next);
    if (p->nbranches == 2) {
        json_t *list = json_array();
        for (int b = 0; b < 2; b++) {
            json_t *br = json_object();
            put_str(br, "label", p->branches[b].label);
            put_str(br, "next", p->branches[b].next);
            json_array_append_new(list, br);
        }
        json_object_set_new(o, "branches", list);
    }
    return o;
}

json_t *export_guide_json(const struct guide_rec *g)
{
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string("guide"));
    put_str(o, "id", g->id);
    put_str(o, "agency", g->agency);
    put_str(o, "name", g->name);
    put_str(o, "column", g->column);
    put_str(o, "summary", g->summary);
    put_lines(o, "basis", g->basis, g->nbasis);
    put_lines(o, "conditions", g->conditions, g->nconditions);
    if (g->nmaterials) {
        json_t *list = json_array();
        for (size_t i = 0; i < g->nmaterials; i++)
            json_array_append_new(list, material_json(&g->materials[i]));
        json_object_set_new(o, "materials", list);
    }
    json_t *steps = json_array();
    for (size_t i = 0; i < g->nsteps; i++)
        json_array_append_new(steps, step_json(&g->steps[i]));
    json_object_set_new(o, "steps", steps);
    put_str(o, "time_limit", g->time_limit);
    put_str(o, "fees", g->fees);
    put_str(o, "place", g->place);
    put_str(o, "office_hours", g->office_hours);
    put_str(o, "phone", g->phone);
    put_str(o, "online_url", g->online_url);
    if (g->updated != NO_DATE) {
        char buf[DATE_STR_SIZE];
        json_object_set_new(o, "updated", json_string(date_format(g->updated, buf)));
    }
    return o;
}
