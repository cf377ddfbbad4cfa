-- gongkai schema, version 3: full-text search over items, and what feeds need.
-- SQLite only (FTS5 with the gongkai tokenizer, store/sqlite_fts.h; a PostgreSQL backend
-- keeps a tsvector column instead). Every connection registers the tokenizer before it
-- touches item_fts or writes items (the triggers below tokenize).

-- External content: the text lives once, in items; the index holds only tokens.
-- Columns: title (weight 10), body (1), doc_no (5: people search for 文号 such as
-- 工农政规〔2021〕3号). detail=full (the default): Chinese queries are phrases.
CREATE VIRTUAL TABLE item_fts USING fts5(
    title, body, doc_no, content='items', content_rowid='id', tokenize='gongkai');

-- Kept in step with items. The 'delete' rows carry the OLD text: FTS5 re-tokenizes it to
-- find what to remove (the tokenizer is deterministic, so that works).
CREATE TRIGGER items_fts_ai AFTER INSERT ON items BEGIN
  INSERT INTO item_fts(rowid, title, body, doc_no) VALUES (new.id, new.title, new.body, new.doc_no);
END;
CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN
  INSERT INTO item_fts(item_fts, rowid, title, body, doc_no)
    VALUES ('delete', old.id, old.title, old.body, old.doc_no);
END;
CREATE TRIGGER items_fts_au AFTER UPDATE OF title, body, doc_no ON items BEGIN
  INSERT INTO item_fts(item_fts, rowid, title, body, doc_no)
    VALUES ('delete', old.id, old.title, old.body, old.doc_no);
  INSERT INTO item_fts(rowid, title, body, doc_no) VALUES (new.id, new.title, new.body, new.doc_no);
END;

-- bm25 with the title weighing 10x the body, as the table's default rank.
INSERT INTO item_fts(item_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 5.0)');

-- Items that were there before this migration.
INSERT INTO item_fts(item_fts) VALUES ('rebuild');
