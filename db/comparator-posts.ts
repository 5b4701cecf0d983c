// Writes and refresh look-ups for comparator posts (migration 016): posts of COMPARE_HASHTAGS that
// carry no tracked hashtag, kept in their own table so no campaign number can ever include them.
import { assertCollectedNetwork } from '../core/networks.js';
import type { MetricReading, Network, NormalizedPost } from '../core/types.js';
import type { Db } from './connection.js';
import type { RefreshTarget } from './posts.js';
import { statement } from './statements.js';

export interface StoreComparatorInput {
  post: NormalizedPost;
  /** The comparator hashtags the post carries (non-empty). */
  tags: readonly string[];
  now: number;
  nextRefreshAt: number | null;
}

/**
 * Stores a comparator post, or refreshes its counts and author when it is known (by its id or any id
 * of its edit chain). Returns whether it was new.
 */
export function storeComparatorPost(db: Db, input: StoreComparatorInput): boolean {
  const { post, now } = input;
  assertCollectedNetwork(post.network);
  const ids = JSON.stringify([post.networkId, ...(post.editHistoryIds ?? [])]);
  const existing = statement<[string, string], { id: number }>(
    db,
    'SELECT id FROM comparator_posts WHERE network = ? AND network_id IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT 1',
  ).get(post.network, ids);
  const row = {
    ...post.metrics,
    network: post.network,
    networkId: post.networkId,
    refreshRef: post.refreshRef,
    tags: JSON.stringify(input.tags),
    kind: post.kind,
    createdAt: post.createdAt,
    authorId: post.author.networkId,
    username: post.author.username,
    followers: post.author.followers,
    now,
    nextRefreshAt: input.nextRefreshAt,
  };
  if (existing) {
    statement(
      db,
      `UPDATE comparator_posts SET refresh_ref = @refreshRef, tags = @tags, author_username = @username,
         author_followers = COALESCE(@followers, author_followers), likes = @likes, reposts = @reposts, replies = @replies,
         quotes = @quotes, bookmarks = @bookmarks, impressions = @impressions, metrics_at = @now
       WHERE id = @id`,
    ).run({ ...row, id: existing.id });
    return false;
  }
  statement(
    db,
    `INSERT INTO comparator_posts (network, network_id, refresh_ref, tags, kind, created_at, author_network_id, author_username,
       author_followers, likes, reposts, replies, quotes, bookmarks, impressions, first_seen_at, metrics_at, next_refresh_at)
     VALUES (@network, @networkId, @refreshRef, @tags, @kind, @createdAt, @authorId, @username,
       @followers, @likes, @reposts, @replies, @quotes, @bookmarks, @impressions, @now, @now, @nextRefreshAt)`,
  ).run(row);
  return true;
}

/** Records that `tag` was collected on `network` (the first time is kept). */
export function noteComparatorCollected(db: Db, network: Network, tag: string, now: number): void {
  statement(db, 'INSERT OR IGNORE INTO comparator_collection (network, tag, first_collected_at) VALUES (?, ?, ?)').run(network, tag, now);
}

/** When each comparator hashtag was first collected on each network. */
export function getComparatorCollectionStarts(db: Db): Array<{ network: Network; tag: string; firstCollectedAt: number }> {
  return statement<[], { network: Network; tag: string; firstCollectedAt: number }>(
    db,
    'SELECT network, tag, first_collected_at AS firstCollectedAt FROM comparator_collection ORDER BY tag, network',
  ).all();
}

/** Comparator posts of a network due for a count refresh, oldest due first. */
export function selectComparatorPostsDue(db: Db, network: Network, now: number): RefreshTarget[] {
  return statement<[string, number], RefreshTarget>(
    db,
    `SELECT id AS postId, network_id AS networkId, refresh_ref AS refreshRef, created_at AS createdAt
     FROM comparator_posts WHERE network = ? AND next_refresh_at IS NOT NULL AND next_refresh_at <= ? ORDER BY next_refresh_at`,
  ).all(network, now);
}

/** A refreshed reading of a comparator post: latest counts only (no history is kept for comparators). */
export function storeComparatorReading(db: Db, postId: number, reading: MetricReading, now: number, nextRefreshAt: number | null): void {
  statement(
    db,
    `UPDATE comparator_posts SET likes = @likes, reposts = @reposts, replies = @replies, quotes = @quotes, bookmarks = @bookmarks,
       impressions = @impressions, metrics_at = @now, next_refresh_at = @nextRefreshAt WHERE id = @postId`,
  ).run({ ...reading, postId, now, nextRefreshAt });
}

/** Sets when a comparator post is read next (a hidden post keeps its last counts). */
export function rescheduleComparatorPost(db: Db, postId: number, nextRefreshAt: number | null): void {
  statement(db, 'UPDATE comparator_posts SET next_refresh_at = ? WHERE id = ?').run(nextRefreshAt, postId);
}

/** A comparator post its network says is gone: deleted outright (nothing of it is ever shown). */
export function deleteComparatorPost(db: Db, postId: number): void {
  statement(db, 'DELETE FROM comparator_posts WHERE id = ?').run(postId);
}
