-- gongkai schema: messages from the public (互动交流: 建言献策, 领导信箱, 咨询, 投诉) and the
-- anti-abuse state of the public forms. model/message.h and store/store_messages.h say
-- what each column means; the states and steps are domain/message_rules.h.

-- 001_schema.sql made a placeholder table of this name that no version of the program ever
-- wrote (import had no message record, no page took any): it makes way for the real one.
DROP TABLE messages;

CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,          -- LY2026-000123
  year INTEGER NOT NULL,                -- the number's year and sequence
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('suggestion', 'leader', 'question', 'complaint')),
  agency_id INTEGER NOT NULL REFERENCES agencies(id), -- addressed to (now)
  state TEXT NOT NULL CHECK (state IN ('moderation', 'received', 'assigned', 'transferred',
                                       'replied', 'published', 'closed', 'rejected')),
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  name TEXT NOT NULL,                   -- personal data: masked on every read but the handlers'
  phone TEXT,
  email TEXT,
  code_hash TEXT NOT NULL,              -- keyed hash of the query code; the code is never kept
  created TEXT NOT NULL,                -- 'YYYY-MM-DD HH:MM:SS' CST
  due TEXT,                             -- reply due (working days, per kind), YYYY-MM-DD
  flag TEXT,                            -- the sensitive word that held it in moderation
  assignee TEXT,
  transferred_from INTEGER REFERENCES agencies(id),
  reply TEXT,
  reply_by TEXT,
  replied TEXT,
  public_subject TEXT,                  -- the published Q&A: personal data removed
  public_body TEXT,
  public_reply TEXT,
  published TEXT,
  note TEXT,                            -- why it was closed or rejected
  UNIQUE (year, seq)
);
CREATE INDEX messages_agency_state ON messages (agency_id, state, created);
CREATE INDEX messages_state_created ON messages (state, created);
CREATE INDEX messages_published ON messages (published) WHERE state = 'published';

-- The handling history: one row per step.
CREATE TABLE message_events (
  id INTEGER PRIMARY KEY,
  message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  actor TEXT,
  agency_id INTEGER REFERENCES agencies(id),
  to_agency_id INTEGER REFERENCES agencies(id),
  note TEXT
);
CREATE INDEX message_events_message ON message_events (message_id, id);

-- Full text over the public version of published Q&As only (the triggers leave the rest out).
CREATE VIRTUAL TABLE message_fts USING fts5(
    public_subject, public_body, public_reply, content='messages', content_rowid='id', tokenize='gongkai');
CREATE TRIGGER messages_fts_ai AFTER INSERT ON messages WHEN new.state = 'published' BEGIN
  INSERT INTO message_fts(rowid, public_subject, public_body, public_reply)
    VALUES (new.id, new.public_subject, new.public_body, new.public_reply);
END;
CREATE TRIGGER messages_fts_ad AFTER DELETE ON messages WHEN old.state = 'published' BEGIN
  INSERT INTO message_fts(message_fts, rowid, public_subject, public_body, public_reply)
    VALUES ('delete', old.id, old.public_subject, old.public_body, old.public_reply);
END;
CREATE TRIGGER messages_fts_au_old AFTER UPDATE ON messages WHEN old.state = 'published' BEGIN
  INSERT INTO message_fts(message_fts, rowid, public_subject, public_body, public_reply)
    VALUES ('delete', old.id, old.public_subject, old.public_body, old.public_reply);
END;
CREATE TRIGGER messages_fts_au_new AFTER UPDATE ON messages WHEN new.state = 'published' BEGIN
  INSERT INTO message_fts(rowid, public_subject, public_body, public_reply)
    VALUES (new.id, new.public_subject, new.public_body, new.public_reply);
END;
INSERT INTO message_fts(message_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 1.0)');

-- Rate limits: hits per hashed key (no address or contact as it is) and window (its start).
CREATE TABLE msg_rate_hits (
  key TEXT NOT NULL,
  win INTEGER NOT NULL,
  hits INTEGER NOT NULL,
  PRIMARY KEY (key, win)
) WITHOUT ROWID;
CREATE INDEX msg_rate_hits_window ON msg_rate_hits (win);

-- One-time nonces of the public forms' tokens, until they expire; a token that created a
-- message names it, so that a double click or a replay finds that message instead of a new one.
CREATE TABLE msg_nonces (
  nonce TEXT PRIMARY KEY,
  expires INTEGER NOT NULL,
  number TEXT
) WITHOUT ROWID;
CREATE INDEX msg_nonces_expires ON msg_nonces (expires);

-- The sensitive words administrators keep: a message holding one goes to moderation.
CREATE TABLE msg_words (
  word TEXT PRIMARY KEY
) WITHOUT ROWID;

-- Server secrets (created on first use), e.g. what signs the forms' challenges.
CREATE TABLE msg_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
