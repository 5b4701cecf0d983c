// Version 14: a short log of changed post and author rows, so a process that keeps an in-memory index
// of the posts (db/post-index.ts, the dashboard server) can catch up on what another process (such as
// `jobquality collect --once`) committed by reading only those rows, instead of reading every post again.
// And the two covering indexes of 002 and 005 go: the in-memory index now answers the questions they
// served (distinct contributors, top lists), and they were half the cost of storing a page of new
// posts (every count rewritten in both on each reading; `npm run bench`). Without the index, SQL
// reads posts_by_created and the rows (db/analytics-plan.ts; db/previous-indexes.ts puts them back
// for comparisons).
//
// New rows need no entry: post and author ids only grow (rows are never deleted), so "new" is "id
// above the largest one seen". An entry is written when a column the index holds changes on an
// existing row (a refreshed reading, a purge, a re-collected post's tags or author, an account's
// follower count), or a row is deleted. The log keeps about the latest 100,000 entries: every
// 1,000th entry deletes the 1,000 oldest. A reader whose last seen entry is gone reads everything
// again. This text is frozen once shipped: it must not import anything that may change.

const POST_COLUMNS = ['author_id', 'created_at', 'network', 'matched_hashtags', 'removed_at', 'likes', 'reposts', 'replies', 'quotes', 'bookmarks', 'impressions'];
const changed = (columns: readonly string[]) => columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');

export const up = /* sql */ `
DROP INDEX IF EXISTS posts_by_network_created_covering;
DROP INDEX IF EXISTS posts_by_author_created_covering;

CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY,
  table_name TEXT NOT NULL CHECK (table_name IN ('posts', 'authors')),
  row_id INTEGER NOT NULL
) STRICT;

CREATE TRIGGER change_log_post_update AFTER UPDATE OF ${POST_COLUMNS.join(', ')} ON posts
WHEN ${changed(POST_COLUMNS)}
BEGIN
  INSERT INTO change_log (table_name, row_id) VALUES ('posts', NEW.id);
END;

CREATE TRIGGER change_log_post_delete AFTER DELETE ON posts
BEGIN
  INSERT INTO change_log (table_name, row_id) VALUES ('posts', OLD.id);
END;

CREATE TRIGGER change_log_author_update AFTER UPDATE OF network, followers ON authors
WHEN ${changed(['network', 'followers'])}
BEGIN
  INSERT INTO change_log (table_name, row_id) VALUES ('authors', NEW.id);
END;

CREATE TRIGGER change_log_author_delete AFTER DELETE ON authors
BEGIN
  INSERT INTO change_log (table_name, row_id) VALUES ('authors', OLD.id);
END;

CREATE TRIGGER change_log_prune AFTER INSERT ON change_log WHEN NEW.seq % 1000 = 0
BEGIN
  DELETE FROM change_log WHERE seq <= NEW.seq - 100000;
END;
`;
