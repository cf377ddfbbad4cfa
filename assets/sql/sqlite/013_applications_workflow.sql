-- Applications made through the workspace and the public form (issue 9): what the
-- applicant gave beyond 001's applicant_* columns, and how the receipt date was fixed
-- (Regulation Art. 31). Personal data: read through store_application_applicant, which
-- masks for everyone but the handlers of the owning agency.
ALTER TABLE applications ADD COLUMN applicant_id_kind TEXT;   -- resident_id | other
ALTER TABLE applications ADD COLUMN applicant_org_code TEXT;  -- 统一社会信用代码
ALTER TABLE applications ADD COLUMN applicant_email TEXT;
ALTER TABLE applications ADD COLUMN receipt_note TEXT;        -- how the receipt date was fixed

-- The public application form (Art. 29): each form shown carries a one-time token; the
-- first POST with it creates the application, a replay finds it here (one application per
-- form, whatever the double clicks). Only the token's SHA-256 is kept.
CREATE TABLE application_form_tokens (
  token_hash  TEXT PRIMARY KEY,
  created_at  INTEGER NOT NULL,
  application TEXT                       -- ext_id once used
);
-- Public attempts counted per client address for rate limits (form submissions, failed
-- status lookups); old rows are pruned as new ones arrive.
CREATE TABLE public_attempts (
  kind  TEXT NOT NULL,
  addr  TEXT NOT NULL,
  at    INTEGER NOT NULL
);
CREATE INDEX public_attempts_kind_addr ON public_attempts(kind, addr, at);

-- The letters of an application (答复告知书, 补正告知书, …): a draft may be edited until it
-- is issued; an issued letter never changes.
CREATE TABLE application_letters (
  id          INTEGER PRIMARY KEY,
  application TEXT NOT NULL REFERENCES applications(ext_id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,             -- reply | correction | extension | fee | consultation
  body        TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  issued_by   TEXT,
  issued_at   INTEGER                    -- NULL while a draft
);
CREATE INDEX application_letters_app ON application_letters(application, id);

-- Art. 44: information that several applicants asked the same agency for is proposed for
-- proactive disclosure; a handler records the proposal (the editorial workflow turns it
-- into a draft item once that exists).
CREATE TABLE proactive_proposals (
  id          INTEGER PRIMARY KEY,
  agency_id   INTEGER NOT NULL REFERENCES agencies(id),
  subject     TEXT NOT NULL,
  applicants  INTEGER NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  UNIQUE (agency_id, subject)
);
