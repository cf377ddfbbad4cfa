#include "web/safe_html.h"
#include <string.h>

const struct safe_html_key safe_html_keys[] = {
    {"item", "item.body_html",
     "markdown_html (web/markdown.c) of the body, else esc_html of the summary (web/public/item.c)"},
    {"nb_year", "report_html", "doc_render_html (report/doc_html.c): the annual report's document model"},
    {"search", "title_html", "view_marked_html (web/view.c): esc_html between the search's <mark>s"},
    {"search", "snippet_html", "view_marked_html (web/view.c): esc_html between the search's <mark>s"},
    /* service guides */
    {"guide", "guide.flow_svg", "svg_flow (web/svg_flow.c): the flowchart, every text through esc_xml"},
};

const size_t safe_html_key_count = sizeof safe_html_keys / sizeof safe_html_keys[0];

const struct safe_html_key *safe_html_find(const char *template, const char *key)
{
    for (size_t i = 0; i < safe_html_key_count; i++)
        if (strcmp(safe_html_keys[i].template, template) == 0 && strcmp(safe_html_keys[i].key, key) == 0)
            return &safe_html_keys[i];
    return NULL;
}
