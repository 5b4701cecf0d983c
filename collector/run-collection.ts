// One collection run: for each network adapter, store new posts page by page (each page and its
// checkpoint in one transaction), then refresh the counts of known posts that are due, within budget.
import type { Logger } from 'pino';
import type { Db } from '../db/connection.js';
import type { Network } from '../core/types.js';
import { matchTrackedHashtags } from '../core/hashtags.js';
import { getCheckpoint, saveCheckpoint } from '../db/checkpoints.js';
import {
  purgeRemovedPost,
  selectAllLivePosts,
  selectLivePostsByNetworkId,
  selectPostsDueForRefresh,
  storeCollectedPost,
  storeRefreshedReading,
  upsertAuthor,
  type RefreshTarget,
} from '../db/posts.js';
import { addRunCounters, finishRun, getRun, recordSkippedRun, startRun, sumReadsSince, type RunRow, type RunStatus } from '../db/runs.js';
import type { NormalizedPost } from '../core/types.js';
import { createMeter, type CollectedPage, type NetworkAdapter, type RefreshedBatch, type RunContext } from './adapter.js';
import { CollectionAbortedError, RateLimitedError, UsageCapExceededError } from './errors.js';
import { nextRefreshAt } from './refresh-schedule.js';

/** Which known posts to refresh: those due on the schedule, all live ones, none, or named ones per network. */
export type RefreshMode = 'due' | 'all' | 'none' | { networkIds: Partial<Record<Network, readonly string[]>> };

export interface CollectionOptions {
  db: Db;
  adapters: readonly NetworkAdapter[];
  /** Networks left out this time and why (for example, no credentials); recorded so the gap shows. */
  skipped?: ReadonlyArray<{ network: Network; reason: string }>;
  hashtags: readonly string[];
  refresh: RefreshMode;
  /** False skips looking for new posts and only refreshes (default true). */
  collectNew?: boolean;
  refreshOffsetsMs: readonly number[];
  /** Estimated spend per post read, per network (X bills per post read). */
  costPerPostRead?: Partial<Record<Network, number>>;
  /** Posts a network may read per calendar month (UTC); absent or null means unlimited. */
  monthlyReadBudget?: Partial<Record<Network, number | null>>;
  log: Logger;
  signal?: AbortSignal;
  now?: () => number;
}

export type NetworkRunSummary = RunRow;

/** Start of the calendar month (UTC) containing `ms`: budgets and spend are per month. */
export function startOfMonthUtc(ms: number): number {
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** Runs every adapter concurrently; one network failing never stops the others. */
export async function runCollection(options: CollectionOptions): Promise<NetworkRunSummary[]> {
  const now = options.now ?? Date.now;
  const skipped = (options.skipped ?? []).map(({ network, reason }) => {
    options.log.info({ network }, `${network} skipped: ${reason}`);
    return getRun(options.db, recordSkippedRun(options.db, network, now(), reason))!;
  });
  const collected = await Promise.all(options.adapters.map((adapter) => collectNetwork(adapter, options, now)));
  return [...collected, ...skipped];
}

function selectRefreshTargets(db: Db, network: Network, mode: Exclude<RefreshMode, 'none'>, now: number): RefreshTarget[] {
  if (mode === 'all') return selectAllLivePosts(db, network);
  if (mode === 'due') return selectPostsDueForRefresh(db, network, now);
  return selectLivePostsByNetworkId(db, network, mode.networkIds[network] ?? []);
}

async function collectNetwork(adapter: NetworkAdapter, options: CollectionOptions, now: () => number): Promise<NetworkRunSummary> {
  const { db, network } = { db: options.db, network: adapter.network };
  const log = options.log.child({ module: `collector:${network}` });
  const signal = options.signal ?? new AbortController().signal;
  const runId = startRun(db, network, now());
  const meter = createMeter();
  const costPerRead = options.costPerPostRead?.[network] ?? 0;
  const budget = options.monthlyReadBudget?.[network] ?? null;
  const readBeforeRun = budget === null ? 0 : sumReadsSince(db, network, startOfMonthUtc(now())).postsRead;
  const ctx: RunContext = {
    signal,
    log,
    meter,
    hashtags: options.hashtags,
    checkpoint: (scope) => getCheckpoint(db, network, scope),
    readsRemaining: () => (budget === null ? null : Math.max(0, budget - readBeforeRun - meter.postsRead)),
    now,
  };

  // The meter is flushed into the run row inside each page's transaction, so a crash keeps honest counts.
  let flushed = createMeter();
  const takeMeterDelta = () => {
    const delta = {
      requests: meter.requests - flushed.requests,
      postsRead: meter.postsRead - flushed.postsRead,
      rateLimitPauses: meter.rateLimitPauses - flushed.rateLimitPauses,
    };
    flushed = { ...meter };
    return { ...delta, estimatedCostUsd: delta.postsRead * costPerRead };
  };

  /** Stores one collected post with its author; `nextRefresh` defaults to the post's own schedule. */
  const storePost = (post: NormalizedPost, at: number, nextRefresh = nextRefreshAt(post.createdAt, at, options.refreshOffsetsMs)) => {
    const authorId = upsertAuthor(db, network, post.author, at);
    return storeCollectedPost(db, {
      post,
      authorId,
      matchedHashtags: matchTrackedHashtags(post.hashtags, options.hashtags),
      now: at,
      nextRefreshAt: nextRefresh,
    });
  };

  const storePage = db.transaction((page: CollectedPage) => {
    const counts = { postsNew: 0, postsUpdated: 0 };
    const at = now();
    for (const post of page.posts) {
      const outcome = storePost(post, at);
      if (outcome === 'new') counts.postsNew += 1;
      else if (outcome === 'updated') counts.postsUpdated += 1;
    }
    if (page.checkpoint) saveCheckpoint(db, network, page.checkpoint.scope, page.checkpoint.state, at);
    addRunCounters(db, runId, { ...counts, ...takeMeterDelta() });
  });

  const storeRefresh = db.transaction((batch: RefreshedBatch, targets: ReadonlyMap<string, RefreshTarget>) => {
    const counts = { postsNew: 0, postsUpdated: 0, postsRemoved: 0 };
    const at = now();
    // Originals met on the way (of refreshed reposts) first, so the reposts can link to them.
    for (const post of batch.posts ?? []) {
      const outcome = storePost(post, at);
      if (outcome === 'new') counts.postsNew += 1;
      else if (outcome === 'updated') counts.postsUpdated += 1;
    }
    for (const reading of batch.readings) {
      const target = targets.get(reading.networkId);
      if (!target) continue;
      const next = nextRefreshAt(target.createdAt, at, options.refreshOffsetsMs);
      if (reading.post) {
        if (storePost(reading.post, at, next) === 'updated') counts.postsUpdated += 1;
        continue;
      }
      if (reading.author) upsertAuthor(db, network, reading.author, at);
      if (storeRefreshedReading(db, target.postId, reading.metrics, at, next)) counts.postsUpdated += 1;
    }
    for (const gone of batch.removed) {
      const target = targets.get(gone.networkId);
      if (target && purgeRemovedPost(db, target.postId, gone.reason, at)) counts.postsRemoved += 1;
    }
    addRunCounters(db, runId, { ...counts, ...takeMeterDelta() });
  });

  let status: Exclude<RunStatus, 'running'> = 'ok';
  let error: string | null = null;
  let message: string | null = null;
  let usageCapPeriod: string | null = null;
  try {
    if (options.collectNew !== false) {
      for await (const page of adapter.collect(ctx)) {
        storePage.immediate(page);
        if (signal.aborted) throw new CollectionAbortedError();
      }
    }
    if (options.refresh !== 'none') {
      let targets = selectRefreshTargets(db, network, options.refresh, now());
      const remaining = ctx.readsRemaining();
      if (remaining !== null && targets.length > remaining) {
        // Budget order: new posts were collected first; refreshes are what gets dropped.
        const dropped = targets.length - remaining;
        targets = targets.slice(0, remaining);
        message = `monthly read budget: ${dropped} metric refreshes dropped`;
        addRunCounters(db, runId, { refreshesDropped: dropped });
        log.warn({ dropped }, message);
      }
      const byNetworkId = new Map(targets.map((target) => [target.networkId, target]));
      for await (const batch of adapter.refresh(targets, ctx)) {
        storeRefresh.immediate(batch, byNetworkId);
        if (signal.aborted) throw new CollectionAbortedError();
      }
    }
    if (signal.aborted) throw new CollectionAbortedError();
  } catch (caught) {
    status = caught instanceof RateLimitedError ? 'rate_limited' : caught instanceof CollectionAbortedError ? 'interrupted' : 'failed';
    error = caught instanceof Error ? caught.message : String(caught);
    if (caught instanceof UsageCapExceededError) {
      // A spent plan, not a broken collector: said once, plainly, and kept on the run row for status.
      usageCapPeriod = caught.period ?? 'unknown';
      log.warn(error);
    } else if (status === 'failed') log.error({ err: caught instanceof Error ? { name: caught.name, message: caught.message } : caught }, `${network} run failed`);
    else log.warn(error);
  }
  addRunCounters(db, runId, takeMeterDelta());
  finishRun(db, runId, { status, now: now(), message, error, usageCapPeriod });
  const summary = getRun(db, runId)!;
  log.info(
    {
      status,
      postsNew: summary.postsNew,
      postsUpdated: summary.postsUpdated,
      postsRemoved: summary.postsRemoved,
      requests: summary.requests,
      postsRead: summary.postsRead,
    },
    `${network} run ${status}`,
  );
  return summary;
}
