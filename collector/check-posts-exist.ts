// Asks the networks whether posts still exist before a report quotes them: a refresh of just those
// posts through the normal run loop, so deleted ones are purged, reads are counted and the run log
// shows the check like any other run.
import type { Logger } from 'pino';
import type { Network } from '../core/types.js';
import type { Db } from '../db/connection.js';
import { selectAvailableNetworkIds } from '../db/post-availability.js';
import { collectOnce, type CollectorSettings } from './collect-once.js';

export interface PostToCheck {
  network: Network;
  /** The network's id for the post (TopPost.id). */
  id: string;
}

/** What a check found: the ids confirmed to exist, and the networks whose check ran and answered. */
export interface PostExistence {
  confirmed: ReadonlySet<string>;
  /** A post of one of these networks that is not confirmed is gone; a post of another network was not re-checked. */
  checkedNetworks: ReadonlySet<Network>;
}

/**
 * Refreshes `posts` and resolves to the ids confirmed to exist (still live after a refresh run of
 * their network that ended ok, and not hidden by it) and the networks whose run ended ok. Posts of a
 * network that is not configured or whose run failed are neither confirmed nor gone: the report lists
 * them as not re-checked, without their text, rather than quote a post that may be gone.
 */
export async function checkPostsStillExist(config: CollectorSettings, db: Db, log: Logger, posts: readonly PostToCheck[]): Promise<PostExistence> {
  const networkIds: Partial<Record<Network, string[]>> = {};
  for (const post of posts) (networkIds[post.network] ??= []).push(post.id);
  const networks = Object.keys(networkIds) as Network[];
  const checkedNetworks = new Set<Network>();
  if (networks.length === 0) return { confirmed: new Set(), checkedNetworks };

  const runs = await collectOnce(config, db, log, { refresh: { networkIds }, collectNew: false, networks });
  const confirmed = new Set<string>();
  for (const run of runs) {
    if (run.status !== 'ok') continue;
    checkedNetworks.add(run.network);
    // A post the network hides (unavailable, not deleted) is not confirmed either: it may be taken down.
    for (const networkId of selectAvailableNetworkIds(db, run.network, networkIds[run.network] ?? [])) confirmed.add(networkId);
  }
  return { confirmed, checkedNetworks };
}
