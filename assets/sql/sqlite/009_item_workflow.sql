-- gongkai schema: the editorial workflow of items (issue 8, item 3).
--
-- The items row stays what the public sees: an item is public while first_published is on
-- or before today (every public query already says so), so a draft (first_published NULL)
-- is nowhere on the portal, and a withdrawal sets it back to NULL. The working copy an
-- editor saves is a row of item_revisions; the items row takes the approved revision's
-- text when it is published (before its first publication the row follows every save,
-- so that lists show the current title).
--
-- Imported items are published: state defaults to 'published' and version to 0, so
-- nothing that existed before changes.

ALTER TABLE items ADD COLUMN state TEXT NOT NULL DEFAULT 'published'
  CHECK (state IN ('draft','submitted','returned','approved','published','withdrawn'));
-- Bumped by every save and every change of state: the version a form was based on.
ALTER TABLE items ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
-- Who made the last change and when (the message of a refused concurrent save names them).
ALTER TABLE items ADD COLUMN changed_by TEXT;
ALTER TABLE items ADD COLUMN changed_at TEXT;
-- The revision the public page shows (NULL: the imported text, or nothing public).
ALTER TABLE items ADD COLUMN live_rev INTEGER;
-- The reviewer's comment on the last return (shown to the editor).
ALTER TABLE items ADD COLUMN review_note TEXT;
-- A withdrawal: its date and the public note left in the item's place.
ALTER TABLE items ADD COLUMN withdrawn_on TEXT;
ALTER TABLE items ADD COLUMN withdrawn_note TEXT;
-- 有效性 beyond 有效: 已修改 (modified), 已废止 (repealed), 已失效 (expired) from validity_on.
-- A repealed or expired item also carries the date in `repealed`, which the 目录's 有效性
-- filter, the counts and the report's 现行有效 figures read.
ALTER TABLE items ADD COLUMN validity TEXT CHECK (validity IN ('modified','repealed','expired'));
ALTER TABLE items ADD COLUMN validity_on TEXT;
-- The one-time token of the form that created the item: a double submit finds the item
-- the first submit made instead of making a second one.
ALTER TABLE items ADD COLUMN create_token TEXT;
CREATE UNIQUE INDEX items_create_token ON items(create_token) WHERE create_token IS NOT NULL;
-- The workspace's lists: by agency and state, newest change first.
CREATE INDEX items_agency_state ON items(agency_id, state, changed_at) WHERE state <> 'published';

-- Every save of an item: the whole editable text, who saved it and when.
CREATE TABLE item_revisions (
  item_id     INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  rev         INTEGER NOT NULL,
  saved_at    TEXT NOT NULL,
  author_id   INTEGER,                  -- users.id; NULL for the imported text
  author      TEXT NOT NULL,            -- login (or 'import')
  title       TEXT NOT NULL,
  body        TEXT,
  column_slug TEXT,
  index_no    TEXT,
  doc_no      TEXT,
  topic       TEXT,
  genre       TEXT,
  written     TEXT,
  statutory   TEXT,
  PRIMARY KEY (item_id, rev)
);

-- The workflow's history: each submission, return (with its comment), approval,
-- publication, withdrawal and 有效性 change.
CREATE TABLE item_events (
  id       INTEGER PRIMARY KEY,
  item_id  INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  rev      INTEGER,
  at       TEXT NOT NULL,
  actor_id INTEGER,
  actor    TEXT NOT NULL,
  action   TEXT NOT NULL,
  note     TEXT,
  on_date  TEXT
);
CREATE INDEX item_events_item ON item_events(item_id, id);

-- 索引号 pattern per agency, e.g. '{agency_code}/{year}-{seq:5}' (domain/index_pattern.h);
-- NULL: that default, the form imports have always used.
ALTER TABLE agencies ADD COLUMN index_pattern TEXT;
