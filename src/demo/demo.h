/* The built-in demo data set of 工农区人民政府 (contracts §5), as JSON Lines records of
 * contracts §2. `gongkai demo` imports what this writes; docs/demo-data.md describes it.
 *
 * The facts are the data files of assets/demo (compiled in); the generator draws from a
 * fixed-seed stream and plans how many of what, and when, so it writes the same bytes on
 * every run, and the 2018 records reproduce every figure of the seed report exactly. */
#ifndef GK_DEMO_H
#define GK_DEMO_H
#include <stdio.h>

/* Writes the whole data set to OUT, one record per line, in dependency order:
 * agencies (parents first), items, applications, cases, visits, tallies, narratives.
 * Returns 0, or -1 when writing failed (errno as left by stdio). */
int demo_write_jsonl(FILE *out);

/* Calls FN for each staff account of the demo (assets/demo/accounts.json: one per role of
 * the workspace, all with the same PASSWORD; AGENCY NULL for the platform administrator).
 * Returns 0, FN's first non-zero return, or -1 when the file is malformed. */
int demo_each_account(int (*fn)(const char *login, const char *role, const char *agency, const char *password,
                                void *ud),
                      void *ud);

#endif
