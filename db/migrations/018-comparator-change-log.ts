// Version 18: comparator posts in the change log, so the dashboard can hold them in memory
// (db/comparator-index.ts) and catch up on what the collector committed by reading only those rows,
// as the post index does (migration 014). Share of voice read every comparator post of its range from
// SQL on each answer: 1.1 s for 180 days at 200,000 comparator posts (BENCHMARKS.md).
// Comparator ids are not guaranteed to only grow (a post the network says is gone is deleted
// outright, and SQLite may give its id to the next row), so inserts are logged too, not only
// updates and deletes. change_log's CHECK named only posts and authors: the table is rebuilt with
// 'comparator_posts' added, keeping every entry and its seq (db/migrations/rebuild-table.ts).
// This text is frozen once shipped: it must not import anything that may change.
import type { TableRebuild } from './rebuild-table.js';

/** The columns the comparator index holds or derives from: a change to any of them is logged. */
const HELD = ['created_at', 'network', 'tags', 'author_network_id', 'likes', 'reposts', 'replies', 'quotes', 'bookmarks', 'impressions'];
const changed = HELD.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
const log = (row: 'NEW' | 'OLD') => `INSERT INTO change_log (table_name, row_id) VALUES ('comparator_posts', ${row}.id);`;

export const up = /* sql */ `
CREATE TRIGGER change_log_comparator_insert AFTER INSERT ON comparator_posts
BEGIN
  ${log('NEW')}
END;

CREATE TRIGGER change_log_comparator_update AFTER UPDATE OF ${HELD.join(', ')} ON comparator_posts
WHEN ${changed}
BEGIN
  ${log('NEW')}
END;

CREATE TRIGGER change_log_comparator_delete AFTER DELETE ON comparator_posts
BEGIN
  ${log('OLD')}
END;
`;

const TABLES_CHECK = /CHECK\s*\(\s*table_name\s+IN\s*\(\s*'posts'\s*,\s*'authors'\s*\)\s*\)/i;

export const rebuild: readonly TableRebuild[] = [
  {
    table: 'change_log',
    transform(createSql) {
      const rebuilt = createSql.replace(TABLES_CHECK, `CHECK (table_name IN ('posts', 'authors', 'comparator_posts'))`);
      if (rebuilt === createSql) throw new Error('change_log has no CHECK on table_name to widen');
      return rebuilt;
    },
  },
];
