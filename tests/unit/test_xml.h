/* Well-formedness of generated XML (feeds, sitemaps, SVG) through xmllint, for the tests.
 * Header-only (static inline) like test.h. */
#ifndef GK_TEST_XML_H
#define GK_TEST_XML_H
#include "test.h"
#include <stdio.h>
#include <stdlib.h>

/* 1: XML is well-formed; 0: xmllint refuses it; -1: xmllint is not installed (the caller
 * falls back or says the check was skipped). */
static inline int test_xmllint(const char *xml)
{
    static int have = -1;
    if (have < 0)
        have = system("xmllint --version >/dev/null 2>&1") == 0;
    if (!have)
        return -1;
    char path[700];
    snprintf(path, sizeof path, "%s/check.xml", test_tmpdir());
    FILE *f = fopen(path, "w");
    if (!f)
        return 0;
    fputs(xml, f);
    fclose(f);
    char cmd[800];
    snprintf(cmd, sizeof cmd, "xmllint --noout '%s'", path);
    return system(cmd) == 0;
}

#endif
