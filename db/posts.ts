// Writes and refresh look-ups for collected posts, their authors and their metric snapshots.
import { assertCollectedNetwork } from '../core/networks.js';
import type { MetricReading, Network, NormalizedAuthor, NormalizedPost } from '../core/types.js';
import type { Db } from './connection.js';
import { statement } from './statements.js';

const METRIC_COLUMNS = ['likes', 'reposts', 'replies', 'quotes', 'bookmarks', 'impressions'] as const;

/** Inserts or updates an author and returns its row id. A null follower count keeps the last known one. */
export function upsertAuthor(db: Db, network: Network, author: NormalizedAuthor, now: number): number {
  assertCollectedNetwork(network);
  const row = statement<[object], { id: number }>(
    db,
    `INSERT INTO authors (network, network_id, username, display_name, followers, followers_updated_at, verified)
     VALUES (@network, @networkId, @username, @displayName, @followers, @followersAt, @verified)
     ON CONFLICT (network, network_id) DO UPDATE SET
       username = excluded.username,
       display_name = excluded.display_name,
       followers = COALESCE(excluded.followers, authors.followers),
       followers_updated_at = COALESCE(excluded.followers_updated_at, authors.followers_updated_at),
       verified = COALESCE(excluded.verified, authors.verified)
     RETURNING id`,
  ).get({
    network,
    networkId: author.networkId,
    username: author.username,
    displayName: author.displayName,
    followers: author.followers,
    followersAt: author.followers === null ? null : now,
    verified: author.verified === null ? null : Number(author.verified),
  });
  return row!.id;
}

interface ExistingPost extends MetricReading {
  id: number;
  network_id: string;
  refresh_ref: string;
  removed_at: number | null;
}

export type StoreOutcome = 'new' | 'updated' | 'unchanged' | 'removed';

export interface StorePostInput {
  post: NormalizedPost;
  authorId: number;
  matchedHashtags: readonly string[];
  now: number;
  nextRefreshAt: number | null;
}

/** The stored row of `post`: by its id, or for an edited post by any id of its edit chain (the oldest row wins). */
function findExisting(db: Db, post: NormalizedPost): ExistingPost | undefined {
  if (!post.editHistoryIds?.length) {
    // The usual case, one id: a key lookup, without parsing a JSON list for every post of a page.
    return statement<[string, string], ExistingPost>(
      db,
      `SELECT id, network_id, refresh_ref, removed_at, likes, reposts, replies, quotes, bookmarks, impressions
       FROM posts WHERE network = ? AND network_id = ?`,
    ).get(post.network, post.networkId);
  }
  const ids = [post.networkId, ...post.editHistoryIds];
  return statement<[string, string], ExistingPost>(
    db,
    `SELECT id, network_id, refresh_ref, removed_at, likes, reposts, replies, quotes, bookmarks, impressions
     FROM posts WHERE network = ? AND network_id IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT 1`,
  ).get(post.network, JSON.stringify(ids));
}

/**
 * Whether `post` is an older version than the one stored: the stored version is later in the post's
 * edit chain, or unknown to it (a version edited after this one was served).
 */
function isOlderVersion(existing: ExistingPost, post: NormalizedPost): boolean {
  const chain = post.editHistoryIds;
  if (!chain || existing.refresh_ref === post.refreshRef) return false;
  const stored = chain.indexOf(existing.refresh_ref);
  return stored === -1 ? existing.refresh_ref !== existing.network_id : stored > chain.indexOf(post.refreshRef);
}

/** The row id of the original a repost amplifies, if it is stored. */
function originalRowId(db: Db, post: NormalizedPost): number | null {
  if (post.repostOf === undefined) return null;
  return (
    statement<[string, string], { id: number }>(db, 'SELECT id FROM posts WHERE network = ? AND network_id = ?').get(post.network, post.repostOf)?.id ?? null
  );
}

/** Makes a post's stored tags those of its (edited) text; the hashtag rollup follows by trigger. */
function syncHashtags(db: Db, postId: number, hashtags: readonly string[]): void {
  const wanted = new Set(hashtags);
  const stored = statement<[number], { tag: string }>(db, 'SELECT tag FROM post_hashtags WHERE post_id = ?').all(postId).map((row) => row.tag);
  for (const tag of stored) if (!wanted.has(tag)) statement(db, 'DELETE FROM post_hashtags WHERE post_id = ? AND tag = ?').run(postId, tag);
  for (const tag of wanted) if (!stored.includes(tag)) statement(db, 'INSERT OR IGNORE INTO post_hashtags (post_id, tag) VALUES (?, ?)').run(postId, tag);
}

/**
 * Stores a post seen by a collection pass: inserts it, or refreshes its text and latest reading.
 * A post already purged as removed stays purged (the network told us it is gone). An edited post
 * stays one row, found by any id of its chain, with its latest version's text and counts. A repost
 * is linked to its original's row and keeps no counts or snapshots of its own.
 */
export function storeCollectedPost(db: Db, input: StorePostInput): StoreOutcome {
  const { post, now } = input;
  assertCollectedNetwork(post.network);
  const existing = findExisting(db, post);
  if (existing?.removed_at != null) return 'removed';
  const repostOf = originalRowId(db, post);
  if (!existing) {
    const { id } = statement<[object], { id: number }>(
      db,
      // The first reading goes in with the row: updating it afterwards fired the rollup triggers a
      // second time and rewrote every index holding the counts (bench/, `npm run bench`).
      // The link column is named only for a linked repost, so the statement stays the one older schemas know.
      `INSERT INTO posts (network, network_id, refresh_ref, author_id, created_at, text, lang, url, kind,
         matched_hashtags, links, first_seen_at, last_seen_at,
         likes, reposts, replies, quotes, bookmarks, impressions, metrics_at, next_refresh_at${repostOf === null ? '' : ', repost_of_post_id'})
       VALUES (@network, @networkId, @refreshRef, @authorId, @createdAt, @text, @lang, @url, @kind,
         @matched, @links, @now, @now,
         @likes, @reposts, @replies, @quotes, @bookmarks, @impressions, @now, @nextRefreshAt${repostOf === null ? '' : ', @repostOf'})
       RETURNING id`,
    ).get({
      ...post.metrics,
      nextRefreshAt: input.nextRefreshAt,
      network: post.network,
      networkId: post.networkId,
      refreshRef: post.refreshRef,
      authorId: input.authorId,
      createdAt: post.createdAt,
      text: post.text,
      lang: post.lang,
      url: post.url,
      kind: post.kind,
      matched: JSON.stringify(input.matchedHashtags),
      links: JSON.stringify(post.links),
      now,
      repostOf,
    })!;
    const tagStmt = statement(db, 'INSERT OR IGNORE INTO post_hashtags (post_id, tag) VALUES (?, ?)');
    for (const tag of new Set(post.hashtags)) tagStmt.run(id, tag);
    if (isMeasured(post.metrics)) insertSnapshot(db, id, post.metrics, now);
    return 'new';
  }
  // Search and lookups can still serve a version older than the one stored: keep the newer one.
  if (isOlderVersion(existing, post)) return 'unchanged';
  const edited = existing.refresh_ref !== post.refreshRef && post.editHistoryIds !== undefined;
  statement(
    db,
    `UPDATE posts SET text = @text, author_id = @authorId, last_seen_at = @now, refresh_ref = @refreshRef,
       matched_hashtags = @matched${repostOf === null ? '' : ', repost_of_post_id = @repostOf'}${edited ? ', url = @url, links = @links' : ''}
     WHERE id = @id`,
  ).run({
    id: existing.id,
    text: post.text,
    authorId: input.authorId,
    now,
    refreshRef: post.refreshRef,
    matched: JSON.stringify(input.matchedHashtags),
    repostOf,
    ...(edited ? { url: post.url, links: JSON.stringify(post.links) } : {}),
  });
  if (edited) syncHashtags(db, existing.id, post.hashtags);
  return recordReading(db, existing.id, existing, post.metrics, now, input.nextRefreshAt) ? 'updated' : 'unchanged';
}

function sameReading(a: MetricReading, b: MetricReading): boolean {
  return METRIC_COLUMNS.every((column) => a[column] === b[column]);
}

/** A reading without a single count (a repost's) measured nothing: no snapshot, so no gains. */
function isMeasured(reading: MetricReading): boolean {
  return METRIC_COLUMNS.some((column) => reading[column] !== null);
}

function insertSnapshot(db: Db, postId: number, reading: MetricReading, now: number): void {
  statement(
    db,
    `INSERT OR REPLACE INTO metric_snapshots (post_id, observed_at, likes, reposts, replies, quotes, bookmarks, impressions)
     VALUES (@postId, @now, @likes, @reposts, @replies, @quotes, @bookmarks, @impressions)`,
  ).run({ postId, now, ...reading });
}

/**
 * Appends a metric snapshot unless it equals the previous reading, and keeps the post's
 * latest-reading columns and refresh schedule current. Returns whether a snapshot was stored.
 */
function recordReading(
  db: Db,
  postId: number,
  previous: MetricReading | null,
  reading: MetricReading,
  now: number,
  nextRefreshAt: number | null,
): boolean {
  const changed = previous === null || !sameReading(previous, reading);
  if (changed && isMeasured(reading)) insertSnapshot(db, postId, reading, now);
  statement(
    db,
    `UPDATE posts SET likes = @likes, reposts = @reposts, replies = @replies, quotes = @quotes,
       bookmarks = @bookmarks, impressions = @impressions, metrics_at = @now, next_refresh_at = @nextRefreshAt
     WHERE id = @postId`,
  ).run({ postId, now, nextRefreshAt, ...reading });
  return changed;
}

export interface RefreshTarget {
  postId: number;
  networkId: string;
  refreshRef: string;
  createdAt: number;
}

/** Records a refreshed reading for a known post. Returns whether the counts changed. */
export function storeRefreshedReading(
  db: Db,
  postId: number,
  reading: MetricReading,
  now: number,
  nextRefreshAt: number | null,
): boolean {
  const previous = statement<[number], MetricReading>(
    db,
    'SELECT likes, reposts, replies, quotes, bookmarks, impressions FROM posts WHERE id = ? AND removed_at IS NULL',
  ).get(postId);
  if (!previous) return false;
  return recordReading(db, postId, previous, reading, now, nextRefreshAt);
}

/**
 * Marks a post removed and purges what the network's terms say we may not keep: its text,
 * links, hashtags and every metric reading. The row stays so run logs and counts remain honest.
 */
export function purgeRemovedPost(db: Db, postId: number, reason: string, now: number): boolean {
  const result = statement(
    db,
    `UPDATE posts SET removed_at = @now, removed_reason = @reason, text = NULL, links = '[]', lang = NULL,
       likes = NULL, reposts = NULL, replies = NULL, quotes = NULL, bookmarks = NULL, impressions = NULL,
       metrics_at = NULL, next_refresh_at = NULL
     WHERE id = @postId AND removed_at IS NULL`,
  ).run({ postId, reason, now });
  if (result.changes === 0) return false;
  statement(db, 'DELETE FROM metric_snapshots WHERE post_id = ?').run(postId);
  statement(db, 'DELETE FROM post_hashtags WHERE post_id = ?').run(postId);
  return true;
}

/** Live posts of a network whose next scheduled refresh is due, oldest due first. */
export function selectPostsDueForRefresh(db: Db, network: Network, now: number): RefreshTarget[] {
  return statement<[string, number], RefreshTarget>(
    db,
    `SELECT id AS postId, network_id AS networkId, refresh_ref AS refreshRef, created_at AS createdAt
     FROM posts
     WHERE network = ? AND removed_at IS NULL AND next_refresh_at IS NOT NULL AND next_refresh_at <= ?
     ORDER BY next_refresh_at`,
  ).all(network, now);
}

/** Every live post of a network, newest first (for `--refresh all`). */
export function selectAllLivePosts(db: Db, network: Network): RefreshTarget[] {
  return statement<[string], RefreshTarget>(
    db,
    `SELECT id AS postId, network_id AS networkId, refresh_ref AS refreshRef, created_at AS createdAt
     FROM posts WHERE network = ? AND removed_at IS NULL ORDER BY created_at DESC`,
  ).all(network);
}

/** The live posts of a network among `networkIds` (ids not stored, or removed, are left out). */
export function selectLivePostsByNetworkId(db: Db, network: Network, networkIds: readonly string[]): RefreshTarget[] {
  if (networkIds.length === 0) return [];
  return statement<[string, string], RefreshTarget>(
    db,
    `SELECT id AS postId, network_id AS networkId, refresh_ref AS refreshRef, created_at AS createdAt
     FROM posts
     WHERE network = ? AND removed_at IS NULL AND network_id IN (SELECT value FROM json_each(?))
     ORDER BY created_at DESC`,
  ).all(network, JSON.stringify(networkIds));
}
