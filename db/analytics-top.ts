// Ranked lists for one window: top posts (by engagements, impressions or recency, paged), top
// contributors (most active, most engaged, highest potential reach) and co-occurring hashtags.
import { engagementsSql, impressionsSql, reportsImpressions } from '../core/metrics.js';
import type { MetricReading, Network, PostKind, PostRowBase } from '../core/types.js';
import { scanPlanForWindow, type ScanPlan } from './analytics-plan.js';
import { rawScopeSql, rollupScopeSql, scopeParams, splitOnHours, type AnalyticsScope, type TimeWindow } from './analytics-scope.js';
import { getPostGroupsByWindow } from './analytics.js';
import type { Db } from './connection.js';
import { postIndexOf } from './post-index.js';
import { statement } from './statements.js';

export type TopPostsOrder = 'engagements' | 'impressions' | 'recent';

export interface TopPost {
  network: Network;
  /** The network's id for the post (X post id, Bluesky at:// URI, Mastodon status URI). */
  id: string;
  url: string;
  author: { username: string; displayName: string | null; followers: number | null };
  createdAt: number;
  kind: PostKind;
  /** Untrusted text from the network: render it as text only. */
  text: string;
  hashtags: string[];
  metrics: MetricReading;
  engagements: number;
}

interface TopPostRow extends PostRowBase {
  id: string;
  url: string;
  username: string;
  displayName: string | null;
  followers: number | null;
  createdAt: number;
  text: string | null;
  hashtags: string | null;
  engagements: number;
}

const ORDER_BY: Record<TopPostsOrder, string> = {
  engagements: 'engagements DESC, p.created_at DESC, p.id DESC',
  impressions: 'p.impressions DESC, p.created_at DESC, p.id DESC',
  recent: 'p.created_at DESC, p.id DESC',
};

// Ranking by impressions only makes sense among posts that report them.
const ONLY_WITH_IMPRESSIONS = `AND ${impressionsSql('p')} IS NOT NULL`;

// Rank first, then fetch details (author, tags) for the page only: SQLite computes every result
// column before sorting, so a tags subquery in the ranking query would run for every post in range.
function topPostsSql(by: TopPostsOrder): string {
  return `
    SELECT p.network, p.network_id AS id, p.url, a.username, a.display_name AS displayName, a.followers,
      p.created_at AS createdAt, p.kind, p.text, p.likes, p.reposts, p.replies, p.quotes, p.bookmarks, p.impressions,
      ranked.engagements,
      (SELECT json_group_array(tag) FROM (SELECT tag FROM post_hashtags h WHERE h.post_id = p.id ORDER BY tag)) AS hashtags
    FROM (
      SELECT p.id, ${engagementsSql('p')} AS engagements
      FROM posts p
      WHERE p.created_at >= @start AND p.created_at < @end AND ${rawScopeSql('p')} ${by === 'impressions' ? ONLY_WITH_IMPRESSIONS : ''}
      ORDER BY ${ORDER_BY[by]}
      LIMIT @limit OFFSET @offset
    ) ranked
    JOIN posts p ON p.id = ranked.id
    JOIN authors a ON a.id = p.author_id
    ORDER BY ${ORDER_BY[by]}`;
}

// The page the in-memory post index ranked (db/post-index.ts), with the same columns as topPostsSql.
const POSTS_BY_ID_SQL = `
  SELECT p.id AS rowId, p.network, p.network_id AS id, p.url, a.username, a.display_name AS displayName, a.followers,
    p.created_at AS createdAt, p.kind, p.text, p.likes, p.reposts, p.replies, p.quotes, p.bookmarks, p.impressions,
    ${engagementsSql('p')} AS engagements,
    (SELECT json_group_array(tag) FROM (SELECT tag FROM post_hashtags h WHERE h.post_id = p.id ORDER BY tag)) AS hashtags
  FROM posts p JOIN authors a ON a.id = p.author_id
  WHERE p.id IN (SELECT value FROM json_each(@ids))`;

/** The page's rows, and the ranking's total when the in-memory index counted it on the way (null: count it). */
function topPostRows(db: Db, window: TimeWindow, scope: AnalyticsScope, page: { by: TopPostsOrder; limit: number; offset: number }): { rows: TopPostRow[]; total: number | null } {
  const index = postIndexOf(db);
  if (!index) {
    const rows = statement<[object], TopPostRow>(db, topPostsSql(page.by)).all({
      ...scopeParams(scope),
      start: window.start,
      end: window.end,
      limit: page.limit,
      offset: page.offset,
    });
    return { rows, total: null };
  }
  const { ids, total } = index.rankPosts(window, scope, page.by, page.offset, page.limit);
  if (ids.length === 0) return { rows: [], total };
  const rows = new Map(statement<[object], TopPostRow & { rowId: number }>(db, POSTS_BY_ID_SQL).all({ ids: JSON.stringify(ids) }).map((row) => [row.rowId, row]));
  return {
    rows: ids.flatMap((id) => {
      const row = rows.get(id);
      return row ? [row] : [];
    }),
    total,
  };
}

/** Every post the ranking covers (for `impressions`, only posts that report impressions). */
function rankedPostCount(db: Db, window: TimeWindow, scope: AnalyticsScope, by: TopPostsOrder): number {
  return getPostGroupsByWindow(db, [window], scope)
    .filter((group) => by !== 'impressions' || (group.withImpressions && reportsImpressions(group.network)))
    .reduce((sum, group) => sum + group.totals.posts, 0);
}

/**
 * Live posts created in `window`, best first, one page at a time. `total` counts every post the
 * ranking covers (for `impressions`, only posts that report impressions). The in-memory post index
 * ranks them when it is on; SQL otherwise.
 */
export function getTopPosts(
  db: Db,
  window: TimeWindow,
  scope: AnalyticsScope,
  page: { by: TopPostsOrder; limit: number; offset: number },
): { total: number; posts: TopPost[] } {
  const { rows, total } = topPostRows(db, window, scope, page);
  return {
    total: total ?? rankedPostCount(db, window, scope, page.by),
    posts: rows.map((row) => ({
      network: row.network,
      id: row.id,
      url: row.url,
      author: { username: row.username, displayName: row.displayName, followers: row.followers },
      createdAt: row.createdAt,
      kind: row.kind,
      text: row.text ?? '',
      hashtags: row.hashtags ? (JSON.parse(row.hashtags) as string[]) : [],
      metrics: { likes: row.likes, reposts: row.reposts, replies: row.replies, quotes: row.quotes, bookmarks: row.bookmarks, impressions: row.impressions },
      engagements: row.engagements,
    })),
  };
}

export type TopContributorsOrder = 'posts' | 'engagements' | 'reach';

export interface TopContributor {
  network: Network;
  username: string;
  displayName: string | null;
  /** Latest follower count (their potential reach); null if the network never told us. */
  followers: number | null;
  posts: number;
  engagements: number;
}

// Valid both in the ranking subquery and in the outer query (ties broken the same way in both).
const CONTRIBUTOR_ORDER: Record<TopContributorsOrder, string> = {
  posts: 'posts DESC, engagements DESC, author_id',
  engagements: 'engagements DESC, posts DESC, author_id',
  reach: 'reach DESC NULLS LAST, posts DESC, author_id',
};

// Per-author totals come from posts alone; authors are joined in the ranking only when it needs
// their followers, otherwise for the page of winners only. The 'by-author' plan reads the
// author-ordered index of migration 005, whose groups need no temporary b-tree (db/analytics-plan.ts).
function topContributorsSql(by: TopContributorsOrder, plan: ScanPlan): string {
  const perAuthor = `
    SELECT p.author_id, COUNT(*) AS posts, SUM(${engagementsSql('p')}) AS engagements
    FROM posts p${plan === 'by-author' ? ' INDEXED BY posts_by_author_created_covering' : ''}
    WHERE p.created_at >= @start AND p.created_at < @end AND ${rawScopeSql('p')}
    GROUP BY p.author_id`;
  const ranked =
    by === 'reach'
      ? `SELECT t.*, a.followers AS reach FROM (${perAuthor}) t JOIN authors a ON a.id = t.author_id ORDER BY ${CONTRIBUTOR_ORDER.reach} LIMIT @limit`
      : `SELECT t.* FROM (${perAuthor}) t ORDER BY ${CONTRIBUTOR_ORDER[by]} LIMIT @limit`;
  return `
    SELECT a.network, a.username, a.display_name AS displayName, a.followers, r.posts, r.engagements${by === 'reach' ? ', r.reach' : ''}
    FROM (${ranked}) r JOIN authors a ON a.id = r.author_id
    ORDER BY ${CONTRIBUTOR_ORDER[by]}`;
}

interface AuthorDetails {
  id: number;
  network: Network;
  username: string;
  displayName: string | null;
  followers: number | null;
}

const AUTHORS_BY_ID_SQL = `SELECT id, network, username, display_name AS displayName, followers FROM authors WHERE id IN (SELECT value FROM json_each(?))`;

/**
 * Accounts that posted in `window`, ranked by posts, engagements of those posts, or followers. The
 * in-memory post index ranks them when it is on; otherwise the SQL index read is chosen from the
 * window's post count. `plan` names either (tests force each).
 */
export function getTopContributors(
  db: Db,
  window: TimeWindow,
  scope: AnalyticsScope,
  page: { by: TopContributorsOrder; limit: number },
  plan: ScanPlan = scanPlanForWindow(db, window, scope),
): TopContributor[] {
  const index = plan === 'memory' ? postIndexOf(db) : null;
  if (index) {
    const ranked = index.topAuthors(window, scope, page.by, page.limit);
    if (ranked.length === 0) return [];
    const authors = new Map(statement<[string], AuthorDetails>(db, AUTHORS_BY_ID_SQL).all(JSON.stringify(ranked.map((row) => row.authorId))).map((row) => [row.id, row]));
    return ranked.flatMap(({ authorId, posts, engagements }) => {
      const author = authors.get(authorId);
      return author ? [{ network: author.network, username: author.username, displayName: author.displayName, followers: author.followers, posts, engagements }] : [];
    });
  }
  const rows = statement<[object], TopContributor>(db, topContributorsSql(page.by, plan)).all({ ...scopeParams(scope), start: window.start, end: window.end, limit: page.limit });
  return rows.map(({ network, username, displayName, followers, posts, engagements }) => ({ network, username, displayName, followers, posts, engagements }));
}

export interface HashtagCount {
  tag: string;
  posts: number;
}

// Whole hours from the hourly rollup (migration 004), partial hours at the edges from the raw tables.
const ROLLUP_CO_HASHTAGS_SQL = `
  SELECT r.hashtag AS tag, SUM(r.posts) AS posts
  FROM json_each(@pieces) b CROSS JOIN rollup_hashtags_hourly r
  WHERE ${rollupScopeSql('r')} AND r.hour >= b.value ->> 's' AND r.hour < b.value ->> 'e'
    AND r.hashtag NOT IN (SELECT value FROM json_each(@exclude))
  GROUP BY r.hashtag`;

const RAW_CO_HASHTAGS_SQL = `
  SELECT h.tag, COUNT(*) AS posts
  FROM json_each(@pieces) b CROSS JOIN posts p JOIN post_hashtags h ON h.post_id = p.id
  WHERE p.created_at >= b.value ->> 's' AND p.created_at < b.value ->> 'e' AND ${rawScopeSql('p')}
    AND h.tag NOT IN (SELECT value FROM json_each(@exclude))
  GROUP BY h.tag`;

/**
 * Hashtags used alongside the tracked ones in `window`'s posts, most used first; `exclude` (the
 * tracked tags) left out. Counted by the in-memory post index when it is on; from the hourly rollup
 * (raw posts for partial hours) otherwise.
 */
export function getCoOccurringHashtags(
  db: Db,
  window: TimeWindow,
  scope: AnalyticsScope,
  options: { limit: number; exclude: readonly string[] },
): HashtagCount[] {
  // The in-memory post index holds every post's hashtags: counting them over 180 days at a million
  // posts is a few ms, where the hourly rollup's rows took 100 (bench/, `npm run bench`).
  const index = postIndexOf(db);
  if (index) return index.coHashtags(window, scope, options.exclude, options.limit);
  const { hours, edges } = splitOnHours([window]);
  const params = { ...scopeParams(scope), exclude: JSON.stringify(options.exclude) };
  const rows = [
    ...(hours.length ? statement<[object], HashtagCount>(db, ROLLUP_CO_HASHTAGS_SQL).all({ ...params, pieces: JSON.stringify(hours) }) : []),
    ...(edges.length ? statement<[object], HashtagCount>(db, RAW_CO_HASHTAGS_SQL).all({ ...params, pieces: JSON.stringify(edges) }) : []),
  ];
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.tag, (counts.get(row.tag) ?? 0) + row.posts);
  // Ties by tag in code-point order, as SQLite's default (BINARY) collation orders them.
  return [...counts]
    .filter(([, posts]) => posts > 0)
    .map(([tag, posts]) => ({ tag, posts }))
    .sort((a, b) => b.posts - a.posts || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))
    .slice(0, options.limit);
}
