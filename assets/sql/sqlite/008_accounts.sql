-- gongkai schema: the staff workspace's accounts, sessions, login throttling and audit log
-- (issue 8 items 1 and 2; docs/hacking.md "The workspace").
--
-- users: one row per staff account. roles is a bit set (domain/accounts.h: 1 platform_admin,
-- 2 admin, 4 editor, 8 reviewer, 16 handler, 32 auditor). agency_code is NULL for the
-- platform administrator only. pw_hash is libsodium's crypto_pwhash_str (argon2id) string.
-- Times are Unix seconds (UTC).
--
-- Schema 1 held placeholders for these three tables that nothing ever wrote (a single role
-- per user, no throttling, no chain): they are replaced.
DROP TABLE sessions;
DROP TABLE audit_log;
DROP TABLE users;

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  login         TEXT NOT NULL UNIQUE,
  agency_code   TEXT,
  roles         INTEGER NOT NULL CHECK (roles > 0),
  pw_hash       TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  pw_changed_at INTEGER NOT NULL
);

-- sessions: only the SHA-256 of the cookie's token is kept (hex), so a copy of the database
-- lets nobody in. A session ends after session_idle_min without a request or
-- session_max_hours after login, whichever comes first (domain/settings.c).
CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  INTEGER NOT NULL,
  last_seen   INTEGER NOT NULL,
  client_addr TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

-- login_failures: one row per failed login, by the login as typed (known or not: the answer
-- must not tell them apart) and by the client address; rows older than the window are
-- deleted as new ones come. login_locks: a login ('login:NAME') or an address ('addr:IP')
-- refused until `until` after too many failures in the window.
CREATE TABLE login_failures (
  id          INTEGER PRIMARY KEY,
  login       TEXT NOT NULL,
  client_addr TEXT NOT NULL,
  at          INTEGER NOT NULL
);
CREATE INDEX login_failures_login ON login_failures (login, at);
CREATE INDEX login_failures_addr ON login_failures (client_addr, at);
CREATE TABLE login_locks (
  subject TEXT PRIMARY KEY,
  until   INTEGER NOT NULL
);

-- audit_log: every change made by staff, append-only and hash-chained. hash is the hex
-- SHA-256 over the previous row's hash (64 zeros for the first row) and this row's
-- canonical content (domain/audit_chain.c), so a row changed, inserted or removed breaks
-- the chain from that row on (`gongkai audit verify`). audit_head keeps the last row's id
-- and hash, so removing rows at the end is seen too. The triggers refuse UPDATE and DELETE
-- to everything but someone who drops them first (and verify catches that).
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  actor       TEXT NOT NULL,
  client_addr TEXT NOT NULL,
  action      TEXT NOT NULL,
  object      TEXT NOT NULL,
  before_json TEXT,
  after_json  TEXT,
  hash        TEXT NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE TABLE audit_head (
  one     INTEGER PRIMARY KEY CHECK (one = 1),
  last_id INTEGER NOT NULL,
  hash    TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
