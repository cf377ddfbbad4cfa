-- Service guides (办事指南) and procedure lists (办理流程清单) as structured records: the
-- guide, its materials (申请材料) and its steps (办理流程), from which the portal draws the
-- flowchart. (001's service_guides table held the steps as free text; nothing used it.)
-- Lists of one-line texts (设定依据, 申请条件) are kept one entry per line.
CREATE TABLE guides (
  id           INTEGER PRIMARY KEY,
  ext_id       TEXT NOT NULL UNIQUE,
  agency_id    INTEGER NOT NULL REFERENCES agencies(id),
  name         TEXT NOT NULL,
  column_slug  TEXT,
  summary      TEXT,
  basis        TEXT,
  conditions   TEXT,
  time_limit   TEXT,
  fees         TEXT,
  place        TEXT,
  office_hours TEXT,
  phone        TEXT,
  online_url   TEXT,
  updated      TEXT
);
CREATE INDEX guides_agency ON guides(agency_id);

CREATE TABLE guide_materials (
  guide_id INTEGER NOT NULL REFERENCES guides(id) ON DELETE CASCADE,
  pos      INTEGER NOT NULL,
  name     TEXT NOT NULL,
  form     TEXT,
  copies   INTEGER NOT NULL DEFAULT 0,
  required INTEGER NOT NULL DEFAULT 1,
  note     TEXT,
  PRIMARY KEY (guide_id, pos)
);

-- A decision step has both branches (b1_*, b2_*); other steps none.
CREATE TABLE guide_steps (
  guide_id    INTEGER NOT NULL REFERENCES guides(id) ON DELETE CASCADE,
  pos         INTEGER NOT NULL,
  key         TEXT,
  title       TEXT NOT NULL,
  who         TEXT,
  place       TEXT,
  time_limit  TEXT,
  description TEXT,
  next        TEXT,
  b1_label    TEXT,
  b1_next     TEXT,
  b2_label    TEXT,
  b2_next     TEXT,
  PRIMARY KEY (guide_id, pos)
);
