// Per-account campaign activity in a window, for the amplifier ranking (core/amplifiers.ts): posts
// and reposts, followers when the posts were collected (post_reach, migration 016), engagements of
// their posts, ready-made posts used (post_shareables) and the account's first tracked post ever.
import type { AccountActivity } from '../core/amplifiers.js';
import { engagementsSql } from '../core/metrics.js';
import { rawScopeSql, scopeParams, type AnalyticsScope, type TimeWindow } from './analytics-scope.js';
import type { Db } from './connection.js';
import { statement } from './statements.js';

const ACTIVITY_SQL = `
  WITH window_posts AS (
    SELECT p.id, p.author_id, p.kind, ${engagementsSql('p')} AS engagements, r.followers,
      EXISTS (SELECT 1 FROM post_shareables s WHERE s.post_id = p.id) AS ready_made
    FROM posts p LEFT JOIN post_reach r ON r.post_id = p.id
    WHERE p.created_at >= @start AND p.created_at < @end AND ${rawScopeSql('p')}
  ), per_author AS (
    SELECT author_id, SUM(kind <> 'repost') AS posts, SUM(kind = 'repost') AS reposts, MAX(followers) AS reach,
      SUM(engagements) AS engagements, SUM(ready_made) AS readyMadePosts
    FROM window_posts GROUP BY author_id
  )
  SELECT a.network, a.network_id AS accountId, a.username, a.display_name AS displayName, t.posts, t.reposts,
    -- Posts stored before migration 016 have no reading of their own: the account's latest count stands in.
    COALESCE(t.reach, a.followers) AS reach, t.engagements, t.readyMadePosts,
    (SELECT MIN(f.created_at) FROM posts f WHERE f.author_id = t.author_id AND ${rawScopeSql('f')}) AS firstSeenAt
  FROM per_author t JOIN authors a ON a.id = t.author_id`;

/** Every account that posted in `window` (in scope), with what its posts did. */
export function getAccountActivity(db: Db, window: TimeWindow, scope: AnalyticsScope): AccountActivity[] {
  return statement<[object], AccountActivity>(db, ACTIVITY_SQL).all({ ...scopeParams(scope), start: window.start, end: window.end });
}
