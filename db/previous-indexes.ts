// The covering indexes of migrations 002 and 005, which migration 014 drops because the in-memory
// post index (db/post-index.ts) answers the questions they served. Put back only to compare with the
// previous implementation: by the benchmark (on a scratch copy) and by tests of the SQL plans.
import type { Db } from './connection.js';
import { statement } from './statements.js';

const PREVIOUS_INDEXES = `
  CREATE INDEX IF NOT EXISTS posts_by_network_created_covering
    ON posts (network, created_at, author_id, removed_at, matched_hashtags, kind, likes, reposts, replies, quotes, bookmarks, impressions);
  CREATE INDEX IF NOT EXISTS posts_by_author_created_covering
    ON posts (author_id, created_at, network, removed_at, matched_hashtags, likes, reposts, replies, quotes, bookmarks);`;

/** Creates the covering indexes of migrations 002 and 005 again (a no-op where they exist). */
export function restorePreviousCoveringIndexes(db: Db): void {
  db.exec(PREVIOUS_INDEXES);
}

/** Whether the author-ordered covering index of migration 005 exists (SQL's by-author plan reads it). */
export function hasAuthorOrderedIndex(db: Db): boolean {
  return statement<[], { found: number }>(db, `SELECT 1 AS found FROM sqlite_master WHERE type = 'index' AND name = 'posts_by_author_created_covering'`).get() !== undefined;
}
