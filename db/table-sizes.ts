// Row counts of the big tables, for the benchmark's report on a database it did not build.
import type { Db } from './connection.js';
import { statement } from './statements.js';

/** Posts stored (removed ones included) and metric snapshots. */
export function countPostsAndSnapshots(db: Db): { posts: number; snapshots: number } {
  return statement<[], { posts: number; snapshots: number }>(db, 'SELECT (SELECT COUNT(*) FROM posts) AS posts, (SELECT COUNT(*) FROM metric_snapshots) AS snapshots').get()!;
}

/** Comparator-only posts stored (migration 016). */
export function countComparatorPosts(db: Db): number {
  return statement<[], { n: number }>(db, 'SELECT COUNT(*) AS n FROM comparator_posts').get()!.n;
}
