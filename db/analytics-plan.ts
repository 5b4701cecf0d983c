// Which index a per-author question about one window reads (distinct contributors, potential reach,
// top contributors). The in-memory post index (db/post-index.ts) answers whenever it is on. The rest
// is how SQL answers without it. Migration 014 dropped the covering indexes this was written for
// (created-ordered, 002; author-ordered, 005), so SQL now reads posts_by_created and the rows, unless
// a comparison put them back (db/previous-indexes.ts). With them: the created-ordered index reads
// only the window's posts but gathers their authors in a temporary b-tree and looks them up in random
// order, so its cost grows with the posts in the window; the author-ordered one reads every post row,
// but each author's posts come together and authors are looked up in id order, so its cost is
// roughly fixed by the size of the table. The choice is made here, from counts, and the queries name
// the index (INDEXED BY) rather than leaving it to the planner: production databases have no ANALYZE
// statistics, and without them the planner keeps to the created-ordered index whatever the window.
import { HOUR_MS, rollupScopeSql, scopeParams, type AnalyticsScope, type TimeWindow } from './analytics-scope.js';
import type { Db } from './connection.js';
import { postIndexOf } from './post-index.js';
import { hasAuthorOrderedIndex } from './previous-indexes.js';
import { statement } from './statements.js';

/** 'memory' reads the in-memory post index (db/post-index.ts); the others name the SQL index read. */
export type ScanPlan = 'memory' | 'by-created' | 'by-author';

/**
 * Share of the posts table a window's scope must hold for the author-ordered scan to win. On the
 * 1M-post benchmark database the two cost the same at 10–15% (every network: 12%; one tracked tag on
 * 3 posts of 4: 11%; X only: 15%), and at 15–30% on a 90k-post one. Below 15% the created-ordered
 * plan costs at most about 15 ms more than the other; above it the author-ordered plan is up to 2.5
 * times faster (90 days, every network). The exception is a long window of a network (or tag) that
 * holds a small share of the table: the scan still reads every other row, so Mastodon alone (a fifth
 * of the posts) over its whole history takes 160 ms instead of 90 ms for contributors.
 */
export const BY_AUTHOR_MIN_SHARE = 0.15;

/** The plan for a window whose scope holds `windowPosts` live posts, in a table of `postRows` rows. */
export function chooseScanPlan(windowPosts: number, postRows: number): ScanPlan {
  return postRows > 0 && windowPosts >= BY_AUTHOR_MIN_SHARE * postRows ? 'by-author' : 'by-created';
}

// What the author-ordered scan reads is every row of posts, removed ones included. Posts rows are
// never deleted, so the largest id is their count (an upper bound otherwise, which only makes the
// author-ordered plan rarer), found in one b-tree descent; COUNT(*) would read a whole index.
const POST_ROWS_SQL = 'SELECT COALESCE(MAX(id), 0) AS rows FROM posts';

// The window's posts from the hourly rollup, every hour it touches counted whole: close enough for a
// choice, and 3.5 ms for 90 days at a million posts where getPostGroupsByWindow takes ten times that.
const WINDOW_POSTS_SQL = `
  SELECT COALESCE(SUM(r.posts), 0) AS posts
  FROM rollup_posts_hourly r
  WHERE ${rollupScopeSql('r')} AND r.hour >= @startHour AND r.hour < @endHour`;

/** The plan for one window whose scope holds `windowPosts` live posts, for callers that have counted them. */
export function scanPlanFor(db: Db, windowPosts: number): ScanPlan {
  if (postIndexOf(db)) return 'memory';
  // Migration 014 dropped the author-ordered index; only a comparison puts it back.
  if (!hasAuthorOrderedIndex(db)) return 'by-created';
  const { rows } = statement<[], { rows: number }>(db, POST_ROWS_SQL).get()!;
  return chooseScanPlan(windowPosts, rows);
}

/** The plan for one window and scope, its posts counted from the hourly rollup. */
export function scanPlanForWindow(db: Db, window: TimeWindow, scope: AnalyticsScope): ScanPlan {
  if (postIndexOf(db)) return 'memory';
  if (!hasAuthorOrderedIndex(db)) return 'by-created';
  const { posts } = statement<[object], { posts: number }>(db, WINDOW_POSTS_SQL).get({
    ...scopeParams(scope),
    startHour: Math.floor(window.start / HOUR_MS),
    endHour: Math.ceil(window.end / HOUR_MS),
  })!;
  return scanPlanFor(db, posts);
}
