// Per-account campaign activity in a window, for the amplifier ranking (core/amplifiers.ts): posts
// and reposts, followers when the posts were collected (post_reach, migration 016), engagements of
// their posts, ready-made posts used (post_shareables) and the account's first tracked post ever.
// The in-memory post index answers when no account is merged (the ranking then needs the names of
// the few accounts that can rank only); the SQL answers otherwise, and is the reference in tests.
import type { AccountMap } from '../core/amplifier-accounts.js';
import { firstRankingFigure, rankingCandidates, type AccountActivity, type AmplifierOrder } from '../core/amplifiers.js';
import { engagementsSql } from '../core/metrics.js';
import { rawScopeSql, scopeParams, type AnalyticsScope, type TimeWindow } from './analytics-scope.js';
import type { Db } from './connection.js';
import { postIndexOf, type IndexedAccountActivity } from './post-index.js';
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

// From the matches to the posts (CROSS JOIN keeps that order): the planner otherwise walked every post
// of the range and looked each up in post_shareables, 84 ms for 180 days at 1M posts with no matches.
// Matches are a fraction of the posts, so reading all of them stays cheaper than the range.
const READY_MADE_SQL = `
  SELECT s.post_id AS id FROM post_shareables s CROSS JOIN posts p ON p.id = s.post_id
  WHERE p.created_at >= @start AND p.created_at < @end`;

const ACCOUNTS_SQL = `
  SELECT id, network, network_id AS accountId, username, display_name AS displayName FROM authors
  WHERE id IN (SELECT value FROM json_each(?))`;

type AccountNames = Pick<AccountActivity, 'network' | 'accountId' | 'username' | 'displayName'> & { id: number };

/**
 * The accounts `rankAmplifiers` needs to rank the first `limit` by `by` exactly as over every
 * account of the window: all of them when the map merges accounts (or the index cannot answer),
 * else only those that can rank (core/amplifiers.ts rankingCandidates), read from the post index.
 */
export function getRankableActivity(db: Db, window: TimeWindow, scope: AnalyticsScope, page: { by: AmplifierOrder; limit: number }, map: AccountMap): AccountActivity[] {
  const index = map.people.length === 0 ? postIndexOf(db) : null;
  if (!index) return getAccountActivity(db, window, scope);
  const readyMade = new Map<number, number>();
  for (const { id } of statement<[object], { id: number }>(db, READY_MADE_SQL).all({ start: window.start, end: window.end })) {
    const author = index.liveAuthorOf(id, scope);
    if (author >= 0) readyMade.set(author, (readyMade.get(author) ?? 0) + 1);
  }
  const accounts = index.accountActivity(window, scope, { readyMade, top: { limit: page.limit, firstFigure: firstRankingFigure(page.by) } });
  const candidates = rankingCandidates(accounts, page.by, page.limit);
  const names = statement<[string], AccountNames>(db, ACCOUNTS_SQL).all(JSON.stringify(candidates.map((entry) => entry.authorId)));
  const nameOf = new Map(names.map((row) => [row.id, row]));
  const firstSeen = index.firstPostAt(candidates.map((entry) => entry.authorId), scope);
  return candidates.map((entry) => activityOf(entry, nameOf.get(entry.authorId)!, firstSeen.get(entry.authorId)!));
}

function activityOf(entry: IndexedAccountActivity, names: AccountNames, firstSeenAt: number): AccountActivity {
  const { network, accountId, username, displayName } = names;
  return { network, accountId, username, displayName, posts: entry.posts, reposts: entry.reposts, reach: entry.reach, engagements: entry.engagements, readyMadePosts: entry.readyMadePosts, firstSeenAt };
}
