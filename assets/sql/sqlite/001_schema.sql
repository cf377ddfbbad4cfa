-- gongkai schema, version 1: the whole mission's data model.
-- Dates are TEXT 'YYYY-MM-DD' (China Standard Time); timestamps TEXT 'YYYY-MM-DD HH:MM:SS'.
-- Money is INTEGER fen (0.01 yuan); 万元 tallies are INTEGER units of 0.000001 万元 (also 1 fen).
-- Kept to SQL that PostgreSQL also accepts apart from the key type (INTEGER PRIMARY KEY here,
-- BIGINT GENERATED ALWAYS AS IDENTITY there).

CREATE TABLE agencies (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  parent_code   TEXT,                     -- as imported; resolved into parent_id/path after each import
  parent_id     INTEGER REFERENCES agencies(id),
  path          TEXT NOT NULL DEFAULT '', -- '/<root id>/…/<id>/' for subtree queries
  depth         INTEGER NOT NULL DEFAULT 0,
  kind          TEXT NOT NULL DEFAULT 'other'
                CHECK (kind IN ('government','department','township','other')),
  short_name    TEXT,
  address       TEXT, office_hours TEXT, phone TEXT, fax TEXT, email TEXT, website TEXT, postcode TEXT,
  sort          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX agencies_path ON agencies(path);

-- Portal columns (栏目): a tree of slugs such as 'gkml/wjfg'.
CREATE TABLE columns (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  parent_slug TEXT,
  name        TEXT NOT NULL,
  description TEXT,
  kind        TEXT NOT NULL DEFAULT 'list' CHECK (kind IN ('list','page','link','service')),
  sort        INTEGER NOT NULL DEFAULT 0
);

-- 政府信息: items with their directory metadata (索引号, 文号, 成文日期, 有效性…).
CREATE TABLE items (
  id          INTEGER PRIMARY KEY,
  ext_id      TEXT NOT NULL UNIQUE,
  agency_id   INTEGER NOT NULL REFERENCES agencies(id),
  column_slug TEXT,
  title       TEXT NOT NULL,
  body        TEXT,
  summary     TEXT,
  index_no    TEXT NOT NULL UNIQUE,
  index_auto  INTEGER NOT NULL DEFAULT 0, -- 1 when the system assigned index_no
  doc_no      TEXT,
  topic       TEXT,
  genre       TEXT,
  written     TEXT,
  statutory   TEXT CHECK (statutory IN ('rule','normative_document')),
  repealed    TEXT,
  first_published TEXT,                   -- earliest publication date (kept in step by the store)
  updated_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX items_agency_column ON items(agency_id, column_slug, first_published);
CREATE INDEX items_column ON items(column_slug, first_published);
CREATE INDEX items_statutory ON items(agency_id, statutory, written) WHERE statutory IS NOT NULL;

-- Serial numbers for system-assigned 索引号, per agency and year.
CREATE TABLE index_counters (
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  year      INTEGER NOT NULL,
  last      INTEGER NOT NULL,
  PRIMARY KEY (agency_id, year)
);

CREATE TABLE attachments (
  id        INTEGER PRIMARY KEY,
  item_id   INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  name      TEXT NOT NULL,
  mime      TEXT NOT NULL,
  size      INTEGER NOT NULL,
  sha256    TEXT NOT NULL,
  data      BLOB
);
CREATE INDEX attachments_item ON attachments(item_id);

-- One row per publication of an item through a channel. agency_id and year repeat the
-- item's agency and the year of `at` so that the annual counts are index-only range scans
-- over millions of rows (the store writes them together; nothing else changes them).
CREATE TABLE publications (
  id        INTEGER PRIMARY KEY,
  item_id   INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  channel   TEXT NOT NULL CHECK (channel IN ('gazette','website','weibo','wechat','other')),
  at        TEXT NOT NULL,
  year      INTEGER NOT NULL,
  url       TEXT
);
CREATE INDEX publications_scope_channel ON publications(agency_id, year, channel);
CREATE INDEX publications_scope_item ON publications(agency_id, year, item_id);
CREATE INDEX publications_item ON publications(item_id);

-- 依申请公开: applications and their handling history.
CREATE TABLE applications (
  id             INTEGER PRIMARY KEY,
  ext_id         TEXT NOT NULL UNIQUE,
  agency_id      INTEGER NOT NULL REFERENCES agencies(id),
  applicant_type TEXT NOT NULL CHECK (applicant_type IN ('natural_person','commercial_enterprise',
                   'research_institution','public_interest_org','legal_service_org','other_org')),
  channel        TEXT CHECK (channel IN ('in_person','letter','online','fax','email','other')),
  received       TEXT NOT NULL,
  closed         TEXT,
  outcome        TEXT,
  extended       INTEGER NOT NULL DEFAULT 0,
  fee_notice_fen INTEGER,
  fee_paid_fen   INTEGER,
  has_events     INTEGER NOT NULL DEFAULT 0,
  subject        TEXT,                    -- what is asked for
  applicant_name TEXT, applicant_id_no TEXT, applicant_phone TEXT, applicant_address TEXT,
  query_code     TEXT,                    -- the applicant's status-lookup code (hashed)
  CHECK ((closed IS NULL) = (outcome IS NULL)),
  CHECK (closed IS NULL OR closed >= received)
);
CREATE INDEX applications_agency_received ON applications(agency_id, received);
CREATE INDEX applications_agency_closed ON applications(agency_id, closed);

CREATE TABLE application_events (
  id             INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  seq            INTEGER NOT NULL,
  kind           TEXT NOT NULL,
  date           TEXT NOT NULL,
  days           INTEGER,
  outcome        TEXT,
  party          TEXT,
  fen            INTEGER,
  basis          TEXT,
  items          TEXT,
  reason         TEXT,
  letter         TEXT,
  UNIQUE (application_id, seq)
);

-- 行政复议 / 行政诉讼 about disclosure.
CREATE TABLE cases (
  id             INTEGER PRIMARY KEY,
  ext_id         TEXT NOT NULL UNIQUE,
  agency_id      INTEGER NOT NULL REFERENCES agencies(id),
  kind           TEXT NOT NULL CHECK (kind IN ('reconsideration','litigation_direct','litigation_after_reconsideration')),
  filed          TEXT NOT NULL,
  decided        TEXT,
  result         TEXT CHECK (result IN ('upheld','corrected','other')),
  application    TEXT,
  CHECK ((decided IS NULL) = (result IS NULL))
);
CREATE INDEX cases_agency_filed ON cases(agency_id, filed);

-- 政府信息公开查阅点 visits.
CREATE TABLE visits (
  id        INTEGER PRIMARY KEY,
  ext_id    TEXT NOT NULL UNIQUE,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  date      TEXT NOT NULL,
  count     INTEGER NOT NULL CHECK (count >= 0),
  point     TEXT
);
CREATE INDEX visits_agency_date ON visits(agency_id, date);

-- Annual figures kept outside the platform's records.
CREATE TABLE tallies (
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  year      INTEGER NOT NULL,
  key       TEXT NOT NULL,
  value     INTEGER NOT NULL,
  places    INTEGER NOT NULL DEFAULT 0,     -- decimal places a 万元 amount was written with
  PRIMARY KEY (agency_id, year, key)
);

-- Free text of report sections; may cite live figures as {{…}} tags.
CREATE TABLE narratives (
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  year      INTEGER NOT NULL,
  section   TEXT NOT NULL,
  text      TEXT NOT NULL,
  PRIMARY KEY (agency_id, year, section)
);

-- 互动交流: messages, suggestions (建言献策) and the leader mailbox (领导信箱).
CREATE TABLE messages (
  id          INTEGER PRIMARY KEY,
  ext_id      TEXT NOT NULL UNIQUE,
  agency_id   INTEGER NOT NULL REFERENCES agencies(id),
  kind        TEXT NOT NULL CHECK (kind IN ('message','suggestion','leader_mail')),
  subject     TEXT NOT NULL,
  body        TEXT NOT NULL,
  author_name TEXT, author_phone TEXT, author_email TEXT,
  received_at TEXT NOT NULL,
  public      INTEGER NOT NULL DEFAULT 0,
  reply       TEXT,
  replied_at  TEXT,
  status      TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new','assigned','replied','closed','hidden'))
);
CREATE INDEX messages_agency_kind ON messages(agency_id, kind, received_at);

-- 办事指南 and 办理流程清单.
CREATE TABLE service_guides (
  id          INTEGER PRIMARY KEY,
  ext_id      TEXT NOT NULL UNIQUE,
  agency_id   INTEGER NOT NULL REFERENCES agencies(id),
  title       TEXT NOT NULL,
  basis       TEXT,      -- 设定依据
  conditions  TEXT,      -- 申请条件
  materials   TEXT,      -- 申请材料
  steps       TEXT,      -- 办理流程 (one step per line)
  time_limit  TEXT,      -- 办理时限
  fee         TEXT,      -- 收费标准
  place       TEXT,      -- 办理地点
  phone       TEXT,
  updated_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Staff accounts, sessions, and what they did.
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  login         TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  password_hash TEXT NOT NULL,            -- argon2id (libsodium crypto_pwhash_str)
  agency_id     INTEGER REFERENCES agencies(id),
  role          TEXT NOT NULL CHECK (role IN ('admin','editor','handler','supervisor','viewer')),
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf       TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  user_id     INTEGER REFERENCES users(id),
  actor       TEXT NOT NULL,               -- login, 'cli', or 'public'
  action      TEXT NOT NULL,
  object_type TEXT,
  object_id   TEXT,
  detail      TEXT
);

-- Site settings (网站标识码, ICP备案, 主办单位 …).
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
