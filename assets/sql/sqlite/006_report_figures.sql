-- gongkai schema, version 6: the annual report's figures, cheaper to compute and kept between
-- requests.
--
-- 1. Indexes that answer the report's queries from the index (measured on 1,000,000 items,
-- the whole tree's 2023, CPU ms of three runs under load: 规章/规范性文件 counts 64–90 -> 10–29,
-- their publications in the year 66–136 -> 61–68, the applications of the year 66–93 -> 40–59;
-- docs/testing.md). Each replaces an index of schema 1 whose columns it begins with.
DROP INDEX items_statutory;
CREATE INDEX items_statutory ON items(agency_id, statutory, written, repealed) WHERE statutory IS NOT NULL;
DROP INDEX publications_item;
CREATE INDEX publications_item ON publications(item_id, year);
-- The applications that count in a year are closed in it or later (or open), and received
-- by its end: both bounds are read in this index before any row.
DROP INDEX applications_agency_closed;
CREATE INDEX applications_agency_closed ON applications(agency_id, closed, received);

-- 2. Marks of the writes that change an annual report's figures,
-- per agency and year, so that the portal can keep computed figures (report/figures_cache.c)
-- until a write touches the agency (or one below it, for a report of the subtree) and the
-- year, instead of recomputing them after any write anywhere (0.5–1 s at 1M items).
--
-- A write touches a range of years: a publication, visit or tally its own year; an
-- application every year from its receipt to its closing (it is new, carried over or
-- handled in each), an open one every year from its receipt on; a case likewise from filed
-- to decided; a 规章 or 规范性文件 every year from its earliest date on (it stays in force,
-- and its publications count in the year they fall in). Ranges are written as differences:
-- +1 at the first year, -1 after the last (nothing for a range without an end), a write to
-- a single year as +1 in that year's n. So for a year Y, SUM(d) over the rows of an agency
-- with year <= Y, plus n of year Y, counts the writes whose range covers Y: it grows by one
-- with each such write and never moves for any other. The report's mark is that sum over
-- the agencies of its scope (a cached figure is good while the mark is unchanged), together
-- with the row (0, 0), which counts the changes of the agency tree (a moved agency changes
-- which rows a subtree's sum covers).
-- An update counts as a write to the old range and one to the new (both change).
-- A PostgreSQL backend keeps the same table from its own triggers.

CREATE TABLE report_marks (
  agency_id INTEGER NOT NULL, -- 0: the agency tree
  year      INTEGER NOT NULL,
  d         INTEGER NOT NULL, -- ranges: +1 at the first year, -1 after the last
  n         INTEGER NOT NULL, -- writes to this year alone
  PRIMARY KEY (agency_id, year)
) WITHOUT ROWID;

-- One write to the years FIRST..LAST (LAST NULL: onwards) of an agency: every trigger below
-- but the publications' inserts such a row into this view, whose own trigger keeps the
-- counts. A write to one year counts in n, which adds to that year's mark alone.
CREATE VIEW report_touch (agency_id, first, last) AS SELECT 0, 0, 0 WHERE 0;
CREATE TRIGGER report_touch_add INSTEAD OF INSERT ON report_touch BEGIN
  INSERT INTO report_marks (agency_id, year, d, n) SELECT new.agency_id, new.first, 0, 1 WHERE new.last IS new.first
  ON CONFLICT (agency_id, year) DO UPDATE SET n = n + 1;
  INSERT INTO report_marks (agency_id, year, d, n) SELECT new.agency_id, new.first, 1, 0 WHERE new.last IS NOT new.first
  ON CONFLICT (agency_id, year) DO UPDATE SET d = d + 1;
  INSERT INTO report_marks (agency_id, year, d, n) SELECT new.agency_id, new.last + 1, -1, 0
  WHERE new.last IS NOT NULL AND new.last <> new.first
  ON CONFLICT (agency_id, year) DO UPDATE SET d = d - 1;
END;

-- publications: the year of the publication. A million of them arrive with an import, so
-- their triggers count directly, one upsert each, without the view's second trigger.
CREATE TRIGGER report_marks_pub_ai AFTER INSERT ON publications BEGIN
  INSERT INTO report_marks (agency_id, year, d, n) VALUES (new.agency_id, new.year, 0, 1)
  ON CONFLICT (agency_id, year) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER report_marks_pub_ad AFTER DELETE ON publications BEGIN
  INSERT INTO report_marks (agency_id, year, d, n) VALUES (old.agency_id, old.year, 0, 1)
  ON CONFLICT (agency_id, year) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER report_marks_pub_au AFTER UPDATE OF item_id, agency_id, channel, year ON publications BEGIN
  INSERT INTO report_touch VALUES (old.agency_id, old.year, old.year), (new.agency_id, new.year, new.year);
END;

-- 规章 and 规范性文件: every year from the earliest of 成文, first publication and repeal on.
CREATE TRIGGER report_marks_item_ai AFTER INSERT ON items WHEN new.statutory IS NOT NULL BEGIN
  INSERT INTO report_touch VALUES (new.agency_id, CAST(substr(MIN(COALESCE(new.written, '9999'),
    COALESCE(new.first_published, '9999'), COALESCE(new.repealed, '9999')), 1, 4) AS INTEGER), NULL);
END;
CREATE TRIGGER report_marks_item_ad AFTER DELETE ON items WHEN old.statutory IS NOT NULL BEGIN
  INSERT INTO report_touch VALUES (old.agency_id, CAST(substr(MIN(COALESCE(old.written, '9999'),
    COALESCE(old.first_published, '9999'), COALESCE(old.repealed, '9999')), 1, 4) AS INTEGER), NULL);
END;
CREATE TRIGGER report_marks_item_au AFTER UPDATE OF agency_id, statutory, written, repealed, first_published ON items
  WHEN (old.statutory IS NOT NULL OR new.statutory IS NOT NULL)
   AND (old.agency_id IS NOT new.agency_id OR old.statutory IS NOT new.statutory OR old.written IS NOT new.written
        OR old.repealed IS NOT new.repealed OR old.first_published IS NOT new.first_published) BEGIN
  INSERT INTO report_touch VALUES (old.agency_id, CAST(substr(MIN(COALESCE(old.written, '9999'),
    COALESCE(old.first_published, '9999'), COALESCE(old.repealed, '9999')), 1, 4) AS INTEGER), NULL),
    (new.agency_id, CAST(substr(MIN(COALESCE(new.written, '9999'),
    COALESCE(new.first_published, '9999'), COALESCE(new.repealed, '9999')), 1, 4) AS INTEGER), NULL);
END;

-- applications: from the year received to the year closed (open: onwards).
CREATE TRIGGER report_marks_app_ai AFTER INSERT ON applications BEGIN
  INSERT INTO report_touch VALUES (new.agency_id, CAST(substr(new.received, 1, 4) AS INTEGER),
                                   CAST(substr(new.closed, 1, 4) AS INTEGER));
END;
CREATE TRIGGER report_marks_app_ad AFTER DELETE ON applications BEGIN
  INSERT INTO report_touch VALUES (old.agency_id, CAST(substr(old.received, 1, 4) AS INTEGER),
                                   CAST(substr(old.closed, 1, 4) AS INTEGER));
END;
CREATE TRIGGER report_marks_app_au AFTER UPDATE ON applications
  WHEN old.agency_id IS NOT new.agency_id OR old.applicant_type IS NOT new.applicant_type
    OR old.channel IS NOT new.channel OR old.received IS NOT new.received OR old.closed IS NOT new.closed
    OR old.outcome IS NOT new.outcome OR old.extended IS NOT new.extended
    OR old.fee_notice_fen IS NOT new.fee_notice_fen OR old.fee_paid_fen IS NOT new.fee_paid_fen BEGIN
  INSERT INTO report_touch VALUES
    (old.agency_id, CAST(substr(old.received, 1, 4) AS INTEGER), CAST(substr(old.closed, 1, 4) AS INTEGER)),
    (new.agency_id, CAST(substr(new.received, 1, 4) AS INTEGER), CAST(substr(new.closed, 1, 4) AS INTEGER));
END;

-- cases (表四): from the year filed to the year decided (pending: onwards).
CREATE TRIGGER report_marks_case_ai AFTER INSERT ON cases BEGIN
  INSERT INTO report_touch VALUES (new.agency_id, CAST(substr(new.filed, 1, 4) AS INTEGER),
                                   CAST(substr(new.decided, 1, 4) AS INTEGER));
END;
CREATE TRIGGER report_marks_case_ad AFTER DELETE ON cases BEGIN
  INSERT INTO report_touch VALUES (old.agency_id, CAST(substr(old.filed, 1, 4) AS INTEGER),
                                   CAST(substr(old.decided, 1, 4) AS INTEGER));
END;
CREATE TRIGGER report_marks_case_au AFTER UPDATE ON cases
  WHEN old.agency_id IS NOT new.agency_id OR old.kind IS NOT new.kind OR old.filed IS NOT new.filed
    OR old.decided IS NOT new.decided OR old.result IS NOT new.result BEGIN
  INSERT INTO report_touch VALUES
    (old.agency_id, CAST(substr(old.filed, 1, 4) AS INTEGER), CAST(substr(old.decided, 1, 4) AS INTEGER)),
    (new.agency_id, CAST(substr(new.filed, 1, 4) AS INTEGER), CAST(substr(new.decided, 1, 4) AS INTEGER));
END;

-- visits (查阅点): the year of the visit.
CREATE TRIGGER report_marks_visit_ai AFTER INSERT ON visits BEGIN
  INSERT INTO report_touch VALUES (new.agency_id, CAST(substr(new.date, 1, 4) AS INTEGER),
                                   CAST(substr(new.date, 1, 4) AS INTEGER));
END;
CREATE TRIGGER report_marks_visit_ad AFTER DELETE ON visits BEGIN
  INSERT INTO report_touch VALUES (old.agency_id, CAST(substr(old.date, 1, 4) AS INTEGER),
                                   CAST(substr(old.date, 1, 4) AS INTEGER));
END;
CREATE TRIGGER report_marks_visit_au AFTER UPDATE ON visits
  WHEN old.agency_id IS NOT new.agency_id OR old.date IS NOT new.date OR old.count IS NOT new.count BEGIN
  INSERT INTO report_touch VALUES
    (old.agency_id, CAST(substr(old.date, 1, 4) AS INTEGER), CAST(substr(old.date, 1, 4) AS INTEGER)),
    (new.agency_id, CAST(substr(new.date, 1, 4) AS INTEGER), CAST(substr(new.date, 1, 4) AS INTEGER));
END;

-- tallies: their year.
CREATE TRIGGER report_marks_tally_ai AFTER INSERT ON tallies BEGIN
  INSERT INTO report_touch VALUES (new.agency_id, new.year, new.year);
END;
CREATE TRIGGER report_marks_tally_ad AFTER DELETE ON tallies BEGIN
  INSERT INTO report_touch VALUES (old.agency_id, old.year, old.year);
END;
CREATE TRIGGER report_marks_tally_au AFTER UPDATE ON tallies
  WHEN old.agency_id IS NOT new.agency_id OR old.year IS NOT new.year OR old.key IS NOT new.key
    OR old.value IS NOT new.value OR old.places IS NOT new.places BEGIN
  INSERT INTO report_touch VALUES (old.agency_id, old.year, old.year), (new.agency_id, new.year, new.year);
END;

-- The agency tree: a new, removed or moved agency changes the scope of subtree reports.
CREATE TRIGGER report_marks_agency_ai AFTER INSERT ON agencies BEGIN
  INSERT INTO report_touch VALUES (0, 0, NULL);
END;
CREATE TRIGGER report_marks_agency_ad AFTER DELETE ON agencies BEGIN
  INSERT INTO report_touch VALUES (0, 0, NULL);
END;
CREATE TRIGGER report_marks_agency_au AFTER UPDATE OF id, path ON agencies
  WHEN old.id IS NOT new.id OR old.path IS NOT new.path BEGIN
  INSERT INTO report_touch VALUES (0, 0, NULL);
END;
