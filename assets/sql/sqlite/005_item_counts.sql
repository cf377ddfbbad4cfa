-- gongkai schema, version 5: item counts kept on write, so that the pages that show "共 N 条"
-- (columns, the directory, the 指南's categories, 法定主动公开内容) do not count a million
-- index entries per request. Measured on 1,000,000 items: COUNT(*) over the directory took
-- 50–100 ms per request, the 指南's per-column counts 3–4 s.
--
-- One row per combination of the directory's filters that occurs among published items
-- (first_published not NULL), with how many items have it. A count for a filter is the sum
-- of the matching rows, less the items scheduled for after today (a short range of
-- items_published), less or restricted to the repealed ones for 有效性 (items_repealed).
-- Keys are never NULL ('' and 0 stand for "none") so that the primary key is the upsert's
-- conflict target. year is the directory's year: of 成文日期, else of the first publication;
-- pub_year the year of the first publication (the feeds' and the API's year).
-- The triggers keep it in step with every write to items, whoever makes it (store, import,
-- a future backend writes the same rows from its own triggers or write path).

CREATE TABLE item_counts (
  agency_id   INTEGER NOT NULL,
  year        INTEGER NOT NULL,
  pub_year    INTEGER NOT NULL,
  column_slug TEXT NOT NULL,
  statutory   TEXT NOT NULL,
  topic       TEXT NOT NULL,
  genre       TEXT NOT NULL,
  n           INTEGER NOT NULL,
  PRIMARY KEY (agency_id, year, pub_year, column_slug, statutory, topic, genre)
);

INSERT INTO item_counts (agency_id, year, pub_year, column_slug, statutory, topic, genre, n)
SELECT agency_id, CAST(substr(COALESCE(written, first_published), 1, 4) AS INTEGER),
       CAST(substr(first_published, 1, 4) AS INTEGER),
       COALESCE(column_slug, ''), COALESCE(statutory, ''), COALESCE(topic, ''), COALESCE(genre, ''), COUNT(*)
FROM items WHERE first_published IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7;

CREATE TRIGGER item_counts_ai AFTER INSERT ON items WHEN new.first_published IS NOT NULL BEGIN
  INSERT INTO item_counts (agency_id, year, pub_year, column_slug, statutory, topic, genre, n)
  VALUES (new.agency_id, CAST(substr(COALESCE(new.written, new.first_published), 1, 4) AS INTEGER),
          CAST(substr(new.first_published, 1, 4) AS INTEGER),
          COALESCE(new.column_slug, ''), COALESCE(new.statutory, ''), COALESCE(new.topic, ''),
          COALESCE(new.genre, ''), 1)
  ON CONFLICT (agency_id, year, pub_year, column_slug, statutory, topic, genre) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER item_counts_ad AFTER DELETE ON items WHEN old.first_published IS NOT NULL BEGIN
  UPDATE item_counts SET n = n - 1
  WHERE agency_id = old.agency_id
    AND year = CAST(substr(COALESCE(old.written, old.first_published), 1, 4) AS INTEGER)
    AND pub_year = CAST(substr(old.first_published, 1, 4) AS INTEGER)
    AND column_slug = COALESCE(old.column_slug, '') AND statutory = COALESCE(old.statutory, '')
    AND topic = COALESCE(old.topic, '') AND genre = COALESCE(old.genre, '');
END;

-- An update moves the item from its old combination to its new one (both sides only when
-- the item was, resp. is, published).
CREATE TRIGGER item_counts_au_old AFTER UPDATE OF agency_id, column_slug, statutory, topic, genre, written,
  first_published ON items WHEN old.first_published IS NOT NULL BEGIN
  UPDATE item_counts SET n = n - 1
  WHERE agency_id = old.agency_id
    AND year = CAST(substr(COALESCE(old.written, old.first_published), 1, 4) AS INTEGER)
    AND pub_year = CAST(substr(old.first_published, 1, 4) AS INTEGER)
    AND column_slug = COALESCE(old.column_slug, '') AND statutory = COALESCE(old.statutory, '')
    AND topic = COALESCE(old.topic, '') AND genre = COALESCE(old.genre, '');
END;
CREATE TRIGGER item_counts_au_new AFTER UPDATE OF agency_id, column_slug, statutory, topic, genre, written,
  first_published ON items WHEN new.first_published IS NOT NULL BEGIN
  INSERT INTO item_counts (agency_id, year, pub_year, column_slug, statutory, topic, genre, n)
  VALUES (new.agency_id, CAST(substr(COALESCE(new.written, new.first_published), 1, 4) AS INTEGER),
          CAST(substr(new.first_published, 1, 4) AS INTEGER),
          COALESCE(new.column_slug, ''), COALESCE(new.statutory, ''), COALESCE(new.topic, ''),
          COALESCE(new.genre, ''), 1)
  ON CONFLICT (agency_id, year, pub_year, column_slug, statutory, topic, genre) DO UPDATE SET n = n + 1;
END;

-- The same counts per agency and column only: what column pages, agency pages, the 指南 and
-- the unfiltered directory ask for, in a few hundred rows instead of tens of thousands.
CREATE TABLE item_counts_column (
  agency_id   INTEGER NOT NULL,
  column_slug TEXT NOT NULL,
  n           INTEGER NOT NULL,
  PRIMARY KEY (agency_id, column_slug)
);
INSERT INTO item_counts_column (agency_id, column_slug, n)
SELECT agency_id, column_slug, SUM(n) FROM item_counts GROUP BY agency_id, column_slug;

CREATE TRIGGER item_counts_column_ai AFTER INSERT ON items WHEN new.first_published IS NOT NULL BEGIN
  INSERT INTO item_counts_column (agency_id, column_slug, n) VALUES (new.agency_id, COALESCE(new.column_slug, ''), 1)
  ON CONFLICT (agency_id, column_slug) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER item_counts_column_ad AFTER DELETE ON items WHEN old.first_published IS NOT NULL BEGIN
  UPDATE item_counts_column SET n = n - 1
  WHERE agency_id = old.agency_id AND column_slug = COALESCE(old.column_slug, '');
END;
CREATE TRIGGER item_counts_column_au_old AFTER UPDATE OF agency_id, column_slug, first_published ON items
  WHEN old.first_published IS NOT NULL BEGIN
  UPDATE item_counts_column SET n = n - 1
  WHERE agency_id = old.agency_id AND column_slug = COALESCE(old.column_slug, '');
END;
CREATE TRIGGER item_counts_column_au_new AFTER UPDATE OF agency_id, column_slug, first_published ON items
  WHEN new.first_published IS NOT NULL BEGIN
  INSERT INTO item_counts_column (agency_id, column_slug, n) VALUES (new.agency_id, COALESCE(new.column_slug, ''), 1)
  ON CONFLICT (agency_id, column_slug) DO UPDATE SET n = n + 1;
END;

-- The subtractions above: scheduled items (items_published exists) and repealed ones.
CREATE INDEX items_repealed ON items(repealed) WHERE repealed IS NOT NULL;

-- The directory filtered by year lists newest first within that year: the year expression
-- (the same text as the store's query) then the order.
CREATE INDEX items_dir_year ON items(substr(COALESCE(written, first_published), 1, 4), first_published);
-- An agency's newest items, all of them or of one year (see sq_directory_stmt).
CREATE INDEX items_agency_published ON items(agency_id, first_published);
CREATE INDEX items_agency_dir_year ON items(agency_id, substr(COALESCE(written, first_published), 1, 4), first_published);
-- 法定主动公开内容 lists every 规章 and 行政规范性文件 newest first.
CREATE INDEX items_statutory_published ON items(first_published) WHERE statutory IS NOT NULL;
