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
import { findPostId, markPostUnavailable, notePostShown } from '../db/post-availability.js';
import { addRunCounters, finishRun, getRun, recordSkippedRun, startRun, sumReadsSince, type RunRow, type RunStatus } from '../db/runs.js';
import type { NormalizedPost } from '../core/types.js';
import { createMeter, type CollectedPage, type NetworkAdapter, type RefreshedBatch, type RunContext } from './adapter.js';
import { CollectionAbortedError, RateLimitedError, RunDeadlineError, UsageCapExceededError } from './errors.js';
import { nextRefreshAt } from './refresh-schedule.js';
import { runComparatorPass } from './comparator-pass.js';

/** Which known posts to refresh: those due on the schedule, all live ones, none, or named ones per network. */
export type RefreshMode = 'due' | 'all' | 'none' | { networkIds: Partial<Record<Network, readonly string[]>> };

export interface CollectionOptions {
  db: Db;
  adapters: readonly NetworkAdapter[];
  /** Networks left out this time and why (for example, no credentials); recorded so the gap shows. */
  skipped?: ReadonlyArray<{ network: Network; reason: string }>;
  hashtags: readonly string[];
  /** Share-of-voice comparator hashtags (COMPARE_HASHTAGS), collected apart after the campaign's (comparator-pass.ts). */
  comparatorHashtags?: readonly string[];
  refresh: RefreshMode;
  /** False skips looking for new posts and only refreshes (default true). */
  collectNew?: boolean;
  refreshOffsetsMs: readonly number[];
  /** Estimated spend per post read, per network (X bills per post read). */
  costPerPostRead?: Partial<Record<Network, number>>;
  /** Posts a network may read per calendar month (UTC); absent or null means unlimited. */
  monthlyReadBudget?: Partial<Record<Network, number | null>>;
  log: Logger;
  /** Aborted on shutdown: every network stops at once, in-flight requests included. */
  signal?: AbortSignal;
  /** Longest a network's run may take; past it the run is stopped and recorded as failed. Default none. */
  runDeadlineMs?: number;
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
  // Each network runs under its own signal: shutdown aborts them all, a deadline only this one.
  const stopper = new AbortController();
  const processSignal = options.signal ?? new AbortController().signal;
  const onShutdown = () => stopper.abort(new CollectionAbortedError());
  if (processSignal.aborted) onShutdown();
  else processSignal.addEventListener('abort', onShutdown, { once: true });
  const deadline =
    options.runDeadlineMs === undefined ? undefined : setTimeout(() => stopper.abort(new RunDeadlineError(network, options.runDeadlineMs!)), options.runDeadlineMs);
  const signal = stopper.signal;
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
      if (outcome !== 'removed') {
        const postId = findPostId(db, network, post.networkId);
        if (postId !== null) notePostShown(db, postId, post.countsSource ?? null);
      }
    }
    if (page.checkpoint) saveCheckpoint(db, network, page.checkpoint.scope, page.checkpoint.state, at);
    addRunCounters(db, runId, { ...counts, ...takeMeterDelta() });
  });

  const storeRefresh = db.transaction((batch: RefreshedBatch, targets: ReadonlyMap<string, RefreshTarget>) => {
    const counts = { postsNew: 0, postsUpdated: 0, postsRemoved: 0, postsUnavailable: 0 };
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
      notePostShown(db, target.postId, reading.countsSource ?? null);
    }
    for (const gone of batch.removed) {
      const target = targets.get(gone.networkId);
      if (target && purgeRemovedPost(db, target.postId, gone.reason, at)) counts.postsRemoved += 1;
    }
    for (const hidden of batch.unavailable ?? []) {
      const target = targets.get(hidden.networkId);
      if (target && markPostUnavailable(db, target.postId, hidden.reason, at, nextRefreshAt(target.createdAt, at, options.refreshOffsetsMs))) counts.postsUnavailable += 1;
    }
    addRunCounters(db, runId, { ...counts, ...takeMeterDelta() });
  });

  let status: Exclude<RunStatus, 'running'> = 'ok';
  let error: string | null = null;
  let message: string | null = null;
  let usageCapPeriod: string | null = null;
  try {
    if (options.collectNew !== false) {
      for await (const page of untilAborted(adapter.collect(ctx), signal)) {
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
      for await (const batch of untilAborted(adapter.refresh(targets, ctx), signal)) {
        storeRefresh.immediate(batch, byNetworkId);
        if (signal.aborted) throw new CollectionAbortedError();
      }
    }
    const comparators = options.comparatorHashtags ?? [];
    if (options.collectNew !== false && comparators.length > 0) {
      const guard = <T>(source: AsyncIterable<T>) => untilAborted(source, signal);
      const recordSpend = () => addRunCounters(db, runId, takeMeterDelta());
      const added = await runComparatorPass({ db, adapter, ctx, comparators, tracked: options.hashtags, refresh: options.refresh !== 'none', refreshOffsetsMs: options.refreshOffsetsMs, recordSpend, guard });
      log.info({ added }, `${network}: ${added} new comparator posts (share of voice)`);
    }
    if (signal.aborted) throw new CollectionAbortedError();
  } catch (thrown) {
    // A stop caused by the deadline is the deadline's failure, whatever the adapter threw on its way out.
    const caught: unknown = signal.reason instanceof RunDeadlineError ? signal.reason : thrown;
    status =
      caught instanceof RateLimitedError ? 'rate_limited' : caught instanceof CollectionAbortedError ? 'interrupted' : 'failed';
    error = caught instanceof Error ? caught.message : String(caught);
    if (caught instanceof UsageCapExceededError) {
      // A spent plan, not a broken collector: said once, plainly, and kept on the run row for status.
      usageCapPeriod = caught.period ?? 'unknown';
      log.warn(error);
    } else if (status === 'failed') log.error({ err: caught instanceof Error ? { name: caught.name, message: caught.message } : caught }, `${network} run failed`);
    else log.warn(error);
  }
  clearTimeout(deadline);
  processSignal.removeEventListener('abort', onShutdown);
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

/**
 * Iterates `source` but gives up the moment `signal` aborts, even if the adapter is stuck in an
 * await that ignores the signal: one stuck network must never hold the run (or the next tick).
 */
async function* untilAborted<T>(source: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new CollectionAbortedError());
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  let finished = false;
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), aborted]);
      if (next.done) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    signal.removeEventListener('abort', onAbort!);
    // An abandoned adapter is told to finish; it is not waited for.
    if (!finished) void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}
