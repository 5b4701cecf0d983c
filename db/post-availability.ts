// Posts that a network no longer shows but has not confirmed deleted (a Bluesky author who blocked the
// tracker, was taken down or deactivated): kept with their last counts frozen, never purged. And which
// server's copy a post's latest counts came from (Mastodon serves one post from many servers).
import type { Db } from './connection.js';
import { statement } from './statements.js';

/**
 * Marks a live post unavailable, leaving its text and counts as last read, and schedules the next
 * check. Returns true only when the post was available until now, so a run counts each change once.
 */
export function markPostUnavailable(db: Db, postId: number, reason: string, now: number, nextRefreshAt: number | null): boolean {
  const changed = statement(
    db,
    `UPDATE posts SET unavailable_at = @now, unavailable_reason = @reason
     WHERE id = @postId AND removed_at IS NULL AND unavailable_at IS NULL`,
  ).run({ postId, reason, now }).changes;
  // Checked again on the refresh schedule: the post may come back, or be confirmed deleted later.
  statement(db, 'UPDATE posts SET next_refresh_at = ? WHERE id = ? AND removed_at IS NULL').run(nextRefreshAt, postId);
  return changed > 0;
}

export interface UnavailablePost {
  networkId: string;
  unavailableAt: number;
  reason: string | null;
}

/** The live posts of a network currently marked unavailable, most recently marked first. */
export function listUnavailablePosts(db: Db, network: string): UnavailablePost[] {
  return statement<[string], UnavailablePost>(
    db,
    `SELECT network_id AS networkId, unavailable_at AS unavailableAt, unavailable_reason AS reason
     FROM posts WHERE network = ? AND removed_at IS NULL AND unavailable_at IS NOT NULL
     ORDER BY unavailable_at DESC`,
  ).all(network);
}

/** Which of `networkIds` are stored, live and not marked unavailable (a report may quote them). */
export function selectAvailableNetworkIds(db: Db, network: string, networkIds: readonly string[]): string[] {
  if (networkIds.length === 0) return [];
  return statement<[string, string], { networkId: string }>(
    db,
    `SELECT network_id AS networkId FROM posts
     WHERE network = ? AND removed_at IS NULL AND unavailable_at IS NULL AND network_id IN (SELECT value FROM json_each(?))`,
  )
    .all(network, JSON.stringify(networkIds))
    .map((row) => row.networkId);
}

/**
 * After a reading of a post was stored: the network showed it, so it is available again, and its
 * counts came from `countsSource` (when the network has several copies; null leaves the column alone).
 */
export function notePostShown(db: Db, postId: number, countsSource: string | null): void {
  statement(
    db,
    `UPDATE posts SET unavailable_at = NULL, unavailable_reason = NULL, counts_source = COALESCE(@countsSource, counts_source)
     WHERE id = @postId AND removed_at IS NULL`,
  ).run({ postId, countsSource });
}

/** The row id of a stored post, for follow-up writes in the same transaction. */
export function findPostId(db: Db, network: string, networkId: string): number | null {
  // No pluck(): prepared statements are shared by SQL text (db/statements.ts), and pluck would change them for every caller.
  return statement<[string, string], { id: number }>(db, 'SELECT id FROM posts WHERE network = ? AND network_id = ?').get(network, networkId)?.id ?? null;
}
