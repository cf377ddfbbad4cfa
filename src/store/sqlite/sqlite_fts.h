/* Chinese full-text search on SQLite: the gongkai tokenizer (text/tokenize.h)
 * registered with FTS5.
 *
 * Call sqlite_fts_register() on EVERY connection, before the first statement
 * that touches an FTS table using it (FTS5 looks tokenizers up per connection;
 * without it: "no such tokenizer: gongkai").
 *
 * Recommended table (external content: the text lives once, in items):
 *
 *   CREATE VIRTUAL TABLE item_fts USING fts5(
 *       title, body, content='items', content_rowid='id', tokenize='gongkai');
 *
 *   -- keep it in step with items (the 'delete' rows must carry the OLD text:
 *   -- FTS5 re-tokenizes it to find what to remove, which works because the
 *   -- tokenizer is deterministic)
 *   CREATE TRIGGER items_ai AFTER INSERT ON items BEGIN
 *     INSERT INTO item_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
 *   END;
 *   CREATE TRIGGER items_ad AFTER DELETE ON items BEGIN
 *     INSERT INTO item_fts(item_fts, rowid, title, body)
 *       VALUES ('delete', old.id, old.title, old.body);
 *   END;
 *   CREATE TRIGGER items_au AFTER UPDATE OF title, body ON items BEGIN
 *     INSERT INTO item_fts(item_fts, rowid, title, body)
 *       VALUES ('delete', old.id, old.title, old.body);
 *     INSERT INTO item_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
 *   END;
 *   -- after a bulk load without triggers: INSERT INTO item_fts(item_fts) VALUES ('rebuild');
 *
 *   -- bm25 with the title weighing 10x the body, stored as the table's default
 *   -- rank so that ORDER BY rank uses it (and FTS5 can sort cheaply):
 *   INSERT INTO item_fts(item_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
 *
 * Keep detail=full (the default): every query of two or more Chinese characters
 * is a phrase, and phrases need positions. Do not add prefix= indexes: queries
 * never use '*' (search_query.h).
 *
 * A search page (MATCH text from sqlite_fts_match(); NULL means "nothing to
 * search", never bind NULL as a MATCH argument). Filters are ordinary WHERE
 * terms on the content table; pagination is LIMIT/OFFSET over ORDER BY rank:
 *
 *   SELECT i.id,
 *          highlight(item_fts, 0, '<mark>', '</mark>') AS title_html,
 *          snippet(item_fts, 1, '<mark>', '</mark>', '…', 40) AS body_html
 *     FROM item_fts JOIN items i ON i.id = item_fts.rowid
 *    WHERE item_fts MATCH ?1 AND i.agency = ?2
 *    ORDER BY rank, i.id LIMIT ?3 OFFSET ?4;
 *
 * What a page costs (bench/bench_search, 1,000,000 items of ~60 characters,
 * warm cache, a shared 2-core machine): count(*) of the hits p50 10 ms, p99
 * 110-140 ms; newest first (ORDER BY rowid DESC LIMIT 20) p50 0.3 ms;
 * ORDER BY rank p50 130-140 ms but p99 2-3 s, because bm25 scores EVERY hit
 * before the first row exists, and a one-character query can hit a third
 * of the corpus. A LIKE '%..%' scan takes 0.7-0.8 s for any query. So:
 * count first; rank when the hit count is moderate (say below 20,000) and
 * sort newest first above that, or rank only the newest N hits (N = 10,000:
 * p50 30 ms, p99 235 ms) in a subquery
 *   SELECT id FROM (SELECT rowid AS id, rank AS r FROM item_fts
 *                   WHERE item_fts MATCH ?1 ORDER BY rowid DESC LIMIT 10000)
 *    ORDER BY r, id LIMIT 20
 * and fetch highlight() for those 20 ids in a second statement
 * (... WHERE item_fts MATCH ?1 AND rowid IN (?2, ...)): one statement with
 * "rowid IN (subquery)" measured slower than both steps together.
 *
 * highlight() and snippet(): FTS5 re-tokenizes the stored text and marks the
 * byte ranges the tokenizer reported, which are ranges of the ORIGINAL text.
 * So a search for "abc" marks the full-width "ＡＢＣ" as written; a Chinese match
 * of k >= 2 characters marks its first k-1 (the query phrase is the bigram
 * chain, see tokenize.h; the portal highlights with its own code instead). snippet()'s token count is a count of
 * positions, i.e. of Chinese characters or words: 40 is a short line of
 * Chinese. The returned text is NOT HTML-escaped: the page must escape the
 * text and keep only the marker tags (e.g. use control characters such as
 * "\x02"/"\x03" as markers, HTML-escape, then turn the markers into <mark>).
 * snippet() finds sentence starts only at '.' and ':', not at '。'.
 */
#ifndef GK_STORE_SQLITE_FTS_H
#define GK_STORE_SQLITE_FTS_H
#include <sqlite3.h>

#define SQLITE_FTS_TOKENIZER "gongkai"

/* Registers the tokenizer as "gongkai" on db. Returns SQLITE_OK, or an SQLite
 * error code (SQLITE_ERROR when the SQLite library was built without FTS5).
 * Registering again on the same connection replaces the earlier one. The
 * tokenizer takes no arguments: tokenize='gongkai x' is an error. */
int sqlite_fts_register(sqlite3 *db);

/* The visitor's terms (text/search_query.h) as an FTS5 MATCH expression that can never be
 * a syntax error: each term one FTS5 string ("...", inner quotes doubled), which FTS5
 * hands whole to the tokenizer in query mode, so it matches as a literal phrase; terms
 * joined by AND. E.g. {社保, "卡"} -> `"社保" AND """卡"""`. With COLUMN, restricted to
 * that column of the table: `"title" : "社保" AND ...`; COLUMN must be an identifier
 * ([A-Za-z_][A-Za-z0-9_]*). NULL when there is no term or COLUMN is not an identifier.
 * The caller frees the result. */
struct search_terms;
char *sqlite_fts_match(const struct search_terms *t, const char *column);

#endif
