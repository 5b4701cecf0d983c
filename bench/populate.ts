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

/** The build's state between ticks: posts generated but not yet collected, and posts still due a refresh. */
class CampaignWriter {
  readonly stats: PopulateStats = { posts: 0, refreshes: 0, snapshots: 0, removed: 0, runs: 0, elapsedMs: 0, postStoreMs: 0, refreshStoreMs: 0 };
  private nextIndex = 0;
  private purgedSnapshots = 0;
  // X reposts carry no counts of their own: storing one adds a post but no snapshot.
  private postsWithoutSnapshot = 0;
  // Posts created after their network's last run, and posts still due a refresh by network id: the only posts held in memory.
  private readonly pending: SyntheticPost[] = [];
  private readonly awaitingRefresh = new Map<string, SyntheticPost>();
  private readonly lastOffset: number;

  constructor(
    private readonly db: Db,
    private readonly campaign: Campaign,
  ) {
    this.lastOffset = Math.max(...collectedNetworkIds().map((network) => campaign.runOffset(network)));
  }

  /** Snapshots written in all: first readings (reposts have none) and refreshes, less those purged. */
  snapshots(): number {
    return this.stats.posts - this.postsWithoutSnapshot + this.stats.refreshes - this.purgedSnapshots;
  }

  /** Runs ticks from `tick` until `operations` store calls; returns the next tick. */
  runTicks(tick: number, operations: number): number {
    let done = 0;
    while (tick <= this.campaign.end && done < operations) {
      while (this.nextIndex < this.campaign.options.posts) {
        const post = this.campaign.post(this.nextIndex);
        if (post.createdAt > tick + this.lastOffset) break;
        this.pending.push(post);
        this.nextIndex += 1;
      }
      for (const network of collectedNetworkIds()) done += this.runNetwork(network, tick);
      tick += TICK_MS;
    }
    return tick;
  }

  private readingIndexAt(post: SyntheticPost, at: number): number {
    for (let j = 1; j < this.campaign.readingAges.length; j += 1) if (this.campaign.observedAt(post, j) === at) return j;
    throw new Error(`post ${post.index} is not due a reading at ${new Date(at).toISOString()}`);
  }

  /** Stores the network's pending posts created by `at`; returns how many. */
  private storeNewPosts(network: Network, at: number): number {
    const started = performance.now();
    let stored = 0;
    for (let i = 0; i < this.pending.length; ) {
      const post = this.pending[i]!;
      if (post.network !== network || post.createdAt > at) {
        i += 1;
        continue;
      }
      this.pending.splice(i, 1);
      const authorId = upsertAuthor(this.db, network, post.normalized.author, at);
      const next = nextRefreshAt(post.createdAt, at, this.campaign.refreshOffsets);
      storeCollectedPost(this.db, { post: post.normalized, authorId, matchedHashtags: post.matchedHashtags, now: at, nextRefreshAt: next });
      if (next !== null) this.awaitingRefresh.set(post.normalized.networkId, post);
      if (!hasOwnCounts(post)) this.postsWithoutSnapshot += 1;
      stored += 1;
    }
    this.stats.postStoreMs += performance.now() - started;
    return stored;
  }

  /** Refreshes (or purges, when the network reports them deleted) the network's posts due at `at`. */
  private refreshDuePosts(network: Network, at: number): { read: number; updated: number; removed: number } {
    const started = performance.now();
    const targets = selectPostsDueForRefresh(this.db, network, at);
    let updated = 0;
    let removed = 0;
    for (const target of targets) {
      const post = this.awaitingRefresh.get(target.networkId);
      if (!post) throw new Error(`post ${target.networkId} is due a refresh but was not generated in this run`);
      const j = this.readingIndexAt(post, at);
      const next = nextRefreshAt(post.createdAt, at, this.campaign.refreshOffsets);
      if (post.deletedAtReading === j) {
        // Purging deletes the j readings stored so far (readings 0 … j−1).
        if (purgeRemovedPost(this.db, target.postId, 'deleted', at)) {
          removed += 1;
          if (hasOwnCounts(post)) this.purgedSnapshots += j;
        }
      } else if (storeRefreshedReading(this.db, target.postId, this.campaign.reading(post, j), at, next)) {
        updated += 1;
      }
      if (next === null || post.deletedAtReading === j) this.awaitingRefresh.delete(target.networkId);
    }
    this.stats.refreshStoreMs += performance.now() - started;
    return { read: targets.length, updated, removed };
  }

  /** One network's run at `tick`, recorded as the collector records it; returns its store calls. */
  private runNetwork(network: Network, tick: number): number {
    const at = tick + this.campaign.runOffset(network);
    const runId = startRun(this.db, network, at);
    const postsNew = this.storeNewPosts(network, at);
    const refreshed = this.refreshDuePosts(network, at);
    const postsRead = postsNew + refreshed.read;
    addRunCounters(this.db, runId, {
      postsNew,
      postsUpdated: refreshed.updated,
      postsRemoved: refreshed.removed,
      requests: 1 + Math.ceil(postsRead / 100),
      postsRead,
      estimatedCostUsd: network === 'x' ? postsRead * X_COST_PER_READ : 0,
    });
    finishRun(this.db, runId, { status: 'ok', now: at + 5_000 });
    this.stats.posts += postsNew;
    this.stats.refreshes += refreshed.updated;
    this.stats.removed += refreshed.removed;
    this.stats.runs += 1;
    return postsRead;
  }
}

/** Populates an empty, migrated database with `campaign`. */
export function populateCampaign(db: Db, campaign: Campaign, options: PopulateOptions = {}): PopulateStats {
  const operationsPerTransaction = options.operationsPerTransaction ?? 50_000;
  const progressEveryMs = options.progressEveryMs ?? 5_000;
  const writer = new CampaignWriter(db, campaign);
  // Many ticks share one transaction to keep a big build fast.
  const runTicks = db.transaction((tick: number): number => writer.runTicks(tick, operationsPerTransaction));
  const { stats } = writer;
  const started = performance.now();
  let lastReport = started;
  const report = (at: number) =>
    options.onProgress?.({ posts: stats.posts, readings: stats.posts + stats.refreshes, totalPosts: campaign.options.posts, elapsedMs: performance.now() - started, at });
  for (let tick = campaign.start; tick <= campaign.end; ) {
    tick = runTicks.immediate(tick);
    if (tick <= campaign.end && performance.now() - lastReport >= progressEveryMs) {
      lastReport = performance.now();
      report(tick);
    }
  }
  stats.elapsedMs = performance.now() - started;
  stats.snapshots = writer.snapshots();
  report(campaign.end);
  return stats;
}
