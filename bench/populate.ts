// Writes a synthetic campaign into a database the way the collector does: tick by tick (every 15
// minutes of campaign time), each network's run stores its new posts (upsertAuthor +
// storeCollectedPost) and then refreshes the posts the database says are due (selectPostsDueForRefresh
// + storeRefreshedReading, purgeRemovedPost for deleted ones), so the rollup triggers do exactly the
// work they do in production. Many ticks share one transaction to keep a big build fast.
import { nextRefreshAt } from '../collector/refresh-schedule.js';
import { collectedNetworkIds } from '../core/networks.js';
import type { Network } from '../core/types.js';
import type { Db } from '../db/connection.js';
import { purgeRemovedPost, selectPostsDueForRefresh, storeCollectedPost, storeRefreshedReading, upsertAuthor } from '../db/posts.js';
import { addRunCounters, finishRun, startRun } from '../db/runs.js';
import { hasOwnCounts, TICK_MS, type Campaign, type SyntheticPost } from './synthetic-campaign.js';

/** Estimated X spend per post read, as the default X_COST_PER_POST_READ. */
const X_COST_PER_READ = 0.005;

export interface PopulateProgress {
  posts: number;
  readings: number;
  totalPosts: number;
  elapsedMs: number;
  /** Campaign time reached. */
  at: number;
}

export interface PopulateStats {
  posts: number;
  /** Refreshed readings stored (each a snapshot), not counting each post's first reading. */
  refreshes: number;
  /** Snapshots written in all (first readings + refreshes). */
  snapshots: number;
  removed: number;
  runs: number;
  elapsedMs: number;
  /** Time inside the new-post store calls and inside the refresh store calls (commits not included). */
  postStoreMs: number;
  refreshStoreMs: number;
}

export interface PopulateOptions {
  /** Called every `progressEveryMs` (default 5 s) and once at the end. */
  onProgress?: (progress: PopulateProgress) => void;
  progressEveryMs?: number;
  /** Store calls per transaction before it commits (at a tick boundary); default 50,000. */
  operationsPerTransaction?: number;
}

/** Populates an empty, migrated database with `campaign`. */
export function populateCampaign(db: Db, campaign: Campaign, options: PopulateOptions = {}): PopulateStats {
  const totalPosts = campaign.options.posts;
  const operationsPerTransaction = options.operationsPerTransaction ?? 50_000;
  const progressEveryMs = options.progressEveryMs ?? 5_000;
  const offsets = campaign.refreshOffsets;
  const stats: PopulateStats = { posts: 0, refreshes: 0, snapshots: 0, removed: 0, runs: 0, elapsedMs: 0, postStoreMs: 0, refreshStoreMs: 0 };

  // Posts generated but not yet collected (created after their network's last run), and posts still
  // due a refresh, by network id: the only posts held in memory.
  let nextIndex = 0;
  let purgedSnapshots = 0;
  // X reposts carry no counts of their own: storing one adds a post but no snapshot.
  let postsWithoutSnapshot = 0;
  const pending: SyntheticPost[] = [];
  const awaitingRefresh = new Map<string, SyntheticPost>();

  function readingIndexAt(post: SyntheticPost, at: number): number {
    for (let j = 1; j < campaign.readingAges.length; j += 1) if (campaign.observedAt(post, j) === at) return j;
    throw new Error(`post ${post.index} is not due a reading at ${new Date(at).toISOString()}`);
  }

  function runNetwork(network: Network, tick: number): number {
    const at = tick + campaign.runOffset(network);
    const runId = startRun(db, network, at);
    let operations = 0;
    let postsNew = 0;
    let postsUpdated = 0;
    let postsRemoved = 0;

    const collectStarted = performance.now();
    for (let i = 0; i < pending.length; ) {
      const post = pending[i]!;
      if (post.network !== network || post.createdAt > at) {
        i += 1;
        continue;
      }
      pending.splice(i, 1);
      const authorId = upsertAuthor(db, network, post.normalized.author, at);
      const next = nextRefreshAt(post.createdAt, at, offsets);
      storeCollectedPost(db, { post: post.normalized, authorId, matchedHashtags: post.matchedHashtags, now: at, nextRefreshAt: next });
      if (next !== null) awaitingRefresh.set(post.normalized.networkId, post);
      postsNew += 1;
      if (!hasOwnCounts(post)) postsWithoutSnapshot += 1;
      operations += 1;
    }
    stats.postStoreMs += performance.now() - collectStarted;

    const refreshStarted = performance.now();
    const targets = selectPostsDueForRefresh(db, network, at);
    for (const target of targets) {
      const post = awaitingRefresh.get(target.networkId);
      if (!post) throw new Error(`post ${target.networkId} is due a refresh but was not generated in this run`);
      const j = readingIndexAt(post, at);
      const next = nextRefreshAt(post.createdAt, at, offsets);
      if (post.deletedAtReading === j) {
        // Purging deletes the j readings stored so far (readings 0 … j−1).
        if (purgeRemovedPost(db, target.postId, 'deleted', at)) {
          postsRemoved += 1;
          if (hasOwnCounts(post)) purgedSnapshots += j;
        }
      } else if (storeRefreshedReading(db, target.postId, campaign.reading(post, j), at, next)) {
        postsUpdated += 1;
      }
      if (next === null || post.deletedAtReading === j) awaitingRefresh.delete(target.networkId);
      operations += 1;
    }
    stats.refreshStoreMs += performance.now() - refreshStarted;

    const postsRead = postsNew + targets.length;
    addRunCounters(db, runId, {
      postsNew,
      postsUpdated,
      postsRemoved,
      requests: 1 + Math.ceil(postsRead / 100),
      postsRead,
      estimatedCostUsd: network === 'x' ? postsRead * X_COST_PER_READ : 0,
    });
    finishRun(db, runId, { status: 'ok', now: at + 5_000 });
    stats.posts += postsNew;
    stats.refreshes += postsUpdated;
    stats.removed += postsRemoved;
    stats.runs += 1;
    return operations;
  }

  /** Runs ticks from `tick` until enough store calls for one transaction; returns the next tick. */
  const runTicks = db.transaction((tick: number): number => {
    let operations = 0;
    const lastOffset = Math.max(...collectedNetworkIds().map((network) => campaign.runOffset(network)));
    while (tick <= campaign.end && operations < operationsPerTransaction) {
      while (nextIndex < totalPosts) {
        const post = campaign.post(nextIndex);
        if (post.createdAt > tick + lastOffset) break;
        pending.push(post);
        nextIndex += 1;
      }
      for (const network of collectedNetworkIds()) operations += runNetwork(network, tick);
      tick += TICK_MS;
    }
    return tick;
  });

  const started = performance.now();
  let lastReport = started;
  const report = (at: number) =>
    options.onProgress?.({ posts: stats.posts, readings: stats.posts + stats.refreshes, totalPosts, elapsedMs: performance.now() - started, at });
  for (let tick = campaign.start; tick <= campaign.end; ) {
    tick = runTicks.immediate(tick);
    if (tick <= campaign.end && performance.now() - lastReport >= progressEveryMs) {
      lastReport = performance.now();
      report(tick);
    }
  }
  stats.elapsedMs = performance.now() - started;
  stats.snapshots = stats.posts - postsWithoutSnapshot + stats.refreshes - purgedSnapshots;
  report(campaign.end);
  return stats;
}
