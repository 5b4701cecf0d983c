// Row counts of the big tables, for the benchmark's report on a database it did not build.
import type { Db } from './connection.js';
import { statement } from './statements.js';

/** Posts stored (removed ones included) and metric snapshots. */
export function countPostsAndSnapshots(db: Db): { posts: number; snapshots: number } {
  return statement<[], { posts: number; snapshots: number }>(db, 'SELECT (SELECT COUNT(*) FROM posts) AS posts, (SELECT COUNT(*) FROM metric_snapshots) AS snapshots').get()!;
}
