-- gongkai schema: attachments kept by content, and the publishing channels' outbox
-- (issue 8 items 4 and 5).
--
-- blobs: the bytes of every uploaded or imported attachment, once per content (keyed by the
-- hex SHA-256), in the database so that every server instance and a second backend see the
-- same bytes. An attachments row names its blob by sha256; its `data` column (schema 1)
-- stays NULL for new rows (rows written before this schema keep their inline bytes).
CREATE TABLE blobs (
  sha256 TEXT PRIMARY KEY,
  size   INTEGER NOT NULL,
  data   BLOB NOT NULL
) WITHOUT ROWID;

-- ext_id: the import record's stable id (NULL for uploads); created_at / created_by: who
-- attached it (Unix seconds, login or 'import').
ALTER TABLE attachments ADD COLUMN ext_id TEXT;
ALTER TABLE attachments ADD COLUMN created_at INTEGER;
ALTER TABLE attachments ADD COLUMN created_by TEXT;
CREATE UNIQUE INDEX attachments_ext_id ON attachments(ext_id) WHERE ext_id IS NOT NULL;
CREATE INDEX attachments_sha256 ON attachments(sha256);

-- The outbox: one row per item and channel (wechat, weibo, gazette, other) whose
-- channel-ready payload the platform prepared. Marking it sent writes the publications row
-- (the one the reports count) and fills sent_on / sent_by / publication_id.
CREATE TABLE outbox (
  id             INTEGER PRIMARY KEY,
  item_id        INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  agency_id      INTEGER NOT NULL REFERENCES agencies(id),
  channel        TEXT NOT NULL CHECK (channel IN ('wechat','weibo','gazette','other')),
  payload        TEXT NOT NULL,
  prepared_at    INTEGER NOT NULL,
  prepared_by    TEXT NOT NULL,
  sent_on        TEXT,
  sent_by        TEXT,
  publication_id INTEGER REFERENCES publications(id) ON DELETE SET NULL,
  UNIQUE (item_id, channel)
);
CREATE INDEX outbox_agency ON outbox(agency_id, sent_on, id);

-- A withdrawal on a channel that carried the item (the publication stays: it happened).
CREATE TABLE channel_withdrawals (
  item_id   INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  channel   TEXT NOT NULL CHECK (channel IN ('gazette','website','weibo','wechat','other')),
  on_date   TEXT NOT NULL,
  by_login  TEXT NOT NULL,
  PRIMARY KEY (item_id, channel)
);

-- The agency's own names of its channels ("工农区人民政府微信公众号").
CREATE TABLE channel_names (
  agency_id INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  channel   TEXT NOT NULL CHECK (channel IN ('gazette','website','weibo','wechat','other')),
  name      TEXT NOT NULL,
  PRIMARY KEY (agency_id, channel)
);
