/* The workspace's item form checked with the import's rules (records/parse.c), so that a
 * field typed in a form and the same field in a JSON Lines file are refused for the same
 * reason: the form's fields become an item record and go through record_parse. */
#ifndef GK_ITEM_FORM_H
#define GK_ITEM_FORM_H
#include "records/parse.h"

/* The editable fields, as typed ("" or NULL: absent). */
struct item_form {
    const char *agency, *title, *body, *column, *index_no, *doc_no, *topic, *genre, *written, *statutory;
};

/* Checks F; every problem goes to ERROR as (field, reason) with the form's field names.
 * Returns the number of problems; with 0, *out holds the item. Release *out with
 * record_release in either case. */
int item_form_check(const struct item_form *f, struct record *out, record_error_fn error, void *ud);

#endif
