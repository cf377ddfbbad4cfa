/* Attachments and publishing channels (issue 8 items 4 and 5; schema
 * 012_attachments_channels.sql). Dispatched by store.c; SQLite:
 * src/store/sqlite/sqlite_attachments.c and sqlite_channels.c.
 *
 * The bytes of an attachment live once per content in the blob store, keyed by their
 * SHA-256 (hex), so that every server instance and every backend see the same bytes; an
 * attachment row is an item, a label (the cleaned original name), the sniffed type and
 * the blob's key. The caller checks the type, the name and the agency (domain/file_type.h,
 * domain/file_name.h, the workspace's handlers); the store keeps what it is given. */
#ifndef GK_STORE_ATTACHMENTS_H
#define GK_STORE_ATTACHMENTS_H
#include "store/store.h"
#include "util/result.h"
#include <stdbool.h>
#include <stddef.h>

/* ---- items as the workspace pages of this family need them ---- */
struct item_brief {
    long long id;
    char *ext_id, *title, *body, *doc_no, *written, *agency_code, *agency_name;
    char *published; /* first publication date, NULL while not public */
    char *state;     /* the editorial workflow's state: draft … published, withdrawn */
};
/* RES_OK with *OUT filled (free with item_brief_free), RES_NOT_FOUND. Drafts too. */
res_t store_item_brief(store_t *s, const char *ext_id, struct item_brief *out, char **err);
void item_brief_free(struct item_brief *b);

/* ---- attachments ---- */
struct attachment_new {
    const char *ext_id;      /* the import record's id, or NULL (an upload) */
    const char *item_ext_id; /* the item it belongs to */
    const char *name;        /* the clean label */
    const char *mime;        /* the sniffed type */
    const char *sha256;      /* hex digest of data */
    const void *data;
    size_t size;
    long long created_at; /* Unix seconds */
    const char *created_by;
};
/* Attaches: the bytes stored unless a blob with that digest exists, then the row (an
 * existing row with the same ext_id is replaced). RES_OK with *ID, RES_REFUSED
 * ("item: no item 'X'"). */
res_t store_attachment_put(store_t *s, const struct attachment_new *a, long long *id, char **err);

struct attachment_info {
    long long id, size, created_at;
    char *item_ext_id, *agency_code, *name, *mime, *sha256, *ext_id, *created_by;
};
void attachment_info_free(struct attachment_info *a);
/* One attachment (without its bytes): RES_OK, RES_NOT_FOUND. */
res_t store_attachment_get(store_t *s, long long id, struct attachment_info *out, char **err);
/* Removes the row, and the blob when no other row names it: RES_OK, RES_NOT_FOUND. */
res_t store_attachment_remove(store_t *s, long long id, char **err);
/* The attachments of ITEM_EXT_ID in upload order (FN's DATA NULL), or, with ITEM_EXT_ID
 * NULL, of every item the export filter F selects (F's agency subtree; year ignored), with
 * their bytes, in item and id order. A non-zero return of FN stops and is returned. */
res_t store_attachment_each(store_t *s, const char *item_ext_id, const struct export_filter *f,
                            int (*fn)(const struct attachment_info *a, const void *data, size_t size, void *ud),
                            void *ud, char **err);
/* Distinct blobs stored (for tests of the de-duplication). */
res_t store_blob_count(store_t *s, long long *n, char **err);

/* ---- channels: the outbox, withdrawals, names ---- */
struct outbox_entry {
    long long id, prepared_at;
    char *item_ext_id, *item_title, *agency_code, *channel, *payload, *prepared_by;
    char *sent_on, *sent_by; /* NULL while pending */
};
void outbox_entry_free(struct outbox_entry *e);
/* Prepares (or re-prepares while pending) the payload of ITEM_EXT_ID for CHANNEL (wechat,
 * weibo, gazette, other): RES_OK with *ID; RES_REFUSED when that entry was already sent or
 * the channel is not an outbox channel; RES_NOT_FOUND for no such item. */
res_t store_outbox_prepare(store_t *s, const char *item_ext_id, const char *channel, const char *payload,
                           long long at, const char *by, long long *id, char **err);
/* The entries of AGENCY_CODE (NULL: all): pending first, then sent, newest first. */
res_t store_outbox_each(store_t *s, const char *agency_code, int (*fn)(const struct outbox_entry *e, void *ud),
                        void *ud, char **err);
res_t store_outbox_get(store_t *s, long long id, struct outbox_entry *out, char **err);
/* Marks entry ID sent on ON (YYYY-MM-DD) by BY and records the publication through its
 * channel dated ON (the row the reports count): RES_OK, RES_NOT_FOUND, RES_REFUSED when it
 * was already sent. */
res_t store_outbox_mark_sent(store_t *s, long long id, const char *on, const char *by, char **err);

/* Every channel that carried ITEM_EXT_ID (its publications grouped by channel): FN gets the
 * channel, its first publication date, how many, and the withdrawal date or NULL. */
res_t store_item_channels(store_t *s, const char *item_ext_id,
                          int (*fn)(const char *channel, const char *first_at, long long count,
                                    const char *withdrawn_on, void *ud),
                          void *ud, char **err);
/* Records that CHANNEL withdrew ITEM_EXT_ID on ON: RES_OK; RES_REFUSED when the channel never
 * carried it or its withdrawal is already recorded; RES_NOT_FOUND for no such item. */
res_t store_channel_withdraw(store_t *s, const char *item_ext_id, const char *channel, const char *on,
                             const char *by, char **err);

/* The agency's own name for CHANNEL (NAME NULL or "" removes it): RES_OK, RES_REFUSED for an
 * unknown agency or channel. */
res_t store_channel_name_set(store_t *s, const char *agency_code, const char *channel, const char *name,
                             char **err);
/* The names AGENCY_CODE set, FN(channel, name). */
res_t store_channel_names(store_t *s, const char *agency_code,
                          int (*fn)(const char *channel, const char *name, void *ud), void *ud, char **err);

#endif
