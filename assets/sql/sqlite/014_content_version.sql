-- gongkai schema: the content version, a number that moves when what the public pages show
-- may have changed (store_portal_data_version; the portal's page cache and the directory's
-- select boxes are good while it stays the same, web/connections.c).
--
-- Before this, the portal compared SQLite's PRAGMA data_version, which moves on every commit
-- by another connection: a staff login, a session touch, an audit row, a rate-limit hit of
-- 在线查询 or of a public form emptied the whole public page cache, so a flood of lookups
-- from many addresses kept it rebuilding. It also missed commits made on the connection
-- itself and has no equivalent on other backends or across server instances.
--
-- Rule (docs/hacking.md "The content version"): every table whose rows a cached public page
-- shows gets the three triggers below (insert, update, delete), narrowed with WHEN where only
-- some rows or columns are public. Tables only the workspace reads get none: sessions,
-- login_failures, login_locks, audit_log, audit_head, msg_rate_hits, msg_nonces, msg_secrets,
-- msg_words, public_attempts, application_form_tokens, application_events,
-- application_letters, proactive_proposals, item_revisions and item_events (the items row
-- carries the published text), outbox (marking it sent writes publications), channel_names,
-- channel_withdrawals, report_marks, index_counters, users, blobs (attachments are served
-- uncached), holidays and holiday_years (no cached page shows a due date). Derived tables
-- (item_counts, item_fts, message_fts) follow their source tables' writes.
-- A PostgreSQL backend keeps the same row from its own triggers.

CREATE TABLE content_version (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  n   INTEGER NOT NULL
);
INSERT INTO content_version (one, n) VALUES (1, 1);

-- The agency tree, names and contact data (every page's footer, 机构 pages, reports).
CREATE TRIGGER content_version_agencies_ai AFTER INSERT ON agencies BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_agencies_au AFTER UPDATE ON agencies BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_agencies_ad AFTER DELETE ON agencies BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
-- The column tree (navigation of every page).
CREATE TRIGGER content_version_columns_ai AFTER INSERT ON columns BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_columns_au AFTER UPDATE ON columns BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_columns_ad AFTER DELETE ON columns BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
-- Site settings (every page's header and footer; also what the reload watcher re-reads).
CREATE TRIGGER content_version_settings_ai AFTER INSERT ON settings BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_settings_au AFTER UPDATE ON settings BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_settings_ad AFTER DELETE ON settings BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
-- What an item page lists.
CREATE TRIGGER content_version_attachments_ai AFTER INSERT ON attachments BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_attachments_au AFTER UPDATE ON attachments BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_attachments_ad AFTER DELETE ON attachments BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
-- The channels an item page lists; the annual reports count them.
CREATE TRIGGER content_version_publications_ai AFTER INSERT ON publications BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_publications_au AFTER UPDATE ON publications BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_publications_ad AFTER DELETE ON publications BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
-- 办事指南 and their parts.
CREATE TRIGGER content_version_guides_ai AFTER INSERT ON guides BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_guides_au AFTER UPDATE ON guides BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_guides_ad AFTER DELETE ON guides BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_guide_materials_ai AFTER INSERT ON guide_materials BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_guide_materials_au AFTER UPDATE ON guide_materials BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_guide_materials_ad AFTER DELETE ON guide_materials BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_guide_steps_ai AFTER INSERT ON guide_steps BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_guide_steps_au AFTER UPDATE ON guide_steps BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_guide_steps_ad AFTER DELETE ON guide_steps BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
-- The annual reports (/zfxxgk/nb): their texts, tallies, cases and visits.
CREATE TRIGGER content_version_narratives_ai AFTER INSERT ON narratives BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_narratives_au AFTER UPDATE ON narratives BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_narratives_ad AFTER DELETE ON narratives BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_tallies_ai AFTER INSERT ON tallies BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_tallies_au AFTER UPDATE ON tallies BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_tallies_ad AFTER DELETE ON tallies BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_cases_ai AFTER INSERT ON cases BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_cases_au AFTER UPDATE ON cases BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_cases_ad AFTER DELETE ON cases BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_visits_ai AFTER INSERT ON visits BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_visits_au AFTER UPDATE ON visits BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_visits_ad AFTER DELETE ON visits BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
-- Items: only public ones (published, scheduled, or withdrawn: its page shows the note), and
-- only a change of what pages show (a save bumps version/changed_at: the workspace's).
CREATE TRIGGER content_version_items_ai AFTER INSERT ON items
  WHEN new.first_published IS NOT NULL OR new.state IN ('published', 'withdrawn') BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_items_au AFTER UPDATE ON items
  WHEN (old.first_published IS NOT NULL OR new.first_published IS NOT NULL OR old.state IN ('published', 'withdrawn')
       OR new.state IN ('published', 'withdrawn'))
   AND (old.id IS NOT new.id OR old.ext_id IS NOT new.ext_id OR old.agency_id IS NOT new.agency_id OR old.column_slug IS NOT new.column_slug
       OR old.title IS NOT new.title OR old.body IS NOT new.body OR old.summary IS NOT new.summary OR old.index_no IS NOT new.index_no
       OR old.index_auto IS NOT new.index_auto OR old.doc_no IS NOT new.doc_no OR old.topic IS NOT new.topic OR old.genre IS NOT new.genre
       OR old.written IS NOT new.written OR old.statutory IS NOT new.statutory OR old.repealed IS NOT new.repealed OR old.first_published IS NOT new.first_published
       OR old.updated_at IS NOT new.updated_at OR old.state IS NOT new.state OR old.live_rev IS NOT new.live_rev OR old.withdrawn_on IS NOT new.withdrawn_on
       OR old.withdrawn_note IS NOT new.withdrawn_note OR old.validity IS NOT new.validity OR old.validity_on IS NOT new.validity_on) BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_items_ad AFTER DELETE ON items
  WHEN old.first_published IS NOT NULL OR old.state IN ('published', 'withdrawn') BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
-- Applications count in the annual reports: the columns the reports read (as 006's marks).
-- An application made through the public form is a new figure of this year's report.
CREATE TRIGGER content_version_applications_ai AFTER INSERT ON applications BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_applications_au AFTER UPDATE ON applications
  WHEN old.agency_id IS NOT new.agency_id OR old.applicant_type IS NOT new.applicant_type OR old.channel IS NOT new.channel
    OR old.received IS NOT new.received OR old.closed IS NOT new.closed OR old.outcome IS NOT new.outcome
    OR old.extended IS NOT new.extended OR old.fee_notice_fen IS NOT new.fee_notice_fen OR old.fee_paid_fen IS NOT new.fee_paid_fen BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_applications_ad AFTER DELETE ON applications BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
-- Messages: the published Q&As (their public versions) and /hdjl's figures, which count the
-- messages of the year that are not in moderation or rejected. A submission held for
-- moderation, and the handling steps between received and replied, show nowhere.
CREATE TRIGGER content_version_messages_ai AFTER INSERT ON messages
  WHEN new.state NOT IN ('moderation', 'rejected') BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_messages_au AFTER UPDATE ON messages
  WHEN old.state = 'published' OR new.state = 'published'
    OR (old.state NOT IN ('moderation', 'rejected')) IS NOT (new.state NOT IN ('moderation', 'rejected'))
    OR (new.state NOT IN ('moderation', 'rejected') AND (old.kind IS NOT new.kind OR old.year IS NOT new.year)) BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
CREATE TRIGGER content_version_messages_ad AFTER DELETE ON messages
  WHEN old.state NOT IN ('moderation', 'rejected') BEGIN
  UPDATE content_version SET n = n + 1 WHERE one = 1;
END;
