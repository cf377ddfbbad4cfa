/* The context keys that hold HTML already, and so are the only ones a template may
 * interpolate raw ({{{key}}} or {{&key}}): which template reads each, and which function
 * produced its value by escaping everything it did not write itself.
 *
 * tests/unit/test_templates.c compiles every template under assets/templates/ and fails
 * on a raw tag this table does not list. A new raw key therefore needs a line here that
 * names its producer, which is where a reviewer looks. */
#ifndef GK_WEB_SAFE_HTML_H
#define GK_WEB_SAFE_HTML_H
#include <stddef.h>

struct safe_html_key {
    const char *template; /* the template's name (file name without .mustache) */
    const char *key;      /* the name inside {{{…}}}, dotted as written */
    const char *producer; /* the function whose output the key holds, and its file */
};

extern const struct safe_html_key safe_html_keys[];
extern const size_t safe_html_key_count;

/* The entry for KEY read raw by TEMPLATE, or NULL. */
const struct safe_html_key *safe_html_find(const char *template, const char *key);

#endif
