// One collection run: for each network adapter, store new posts page by page (each page and its
// checkpoint in one transaction), then refresh the counts of known posts that are due, within budget.
import type { Logger } from 'pino';
import type { Db } from '../db/connection.js';
import type { Network } from '../core/types.js';
import { getCheckpoint } from '../db/checkpoints.js';
import { selectAllLivePosts, selectLivePostsByNetworkId, selectPostsDueForRefresh, type RefreshTarget } from '../db/posts.js';
import { addRunCounters, finishRun, getRun, recordSkippedRun, startRun, sumReadsSince, type RunRow, type RunStatus } from '../db/runs.js';
import { createMeter, type NetworkAdapter, type RunContext } from './adapter.js';
import { CollectionAbortedError, RateLimitedError, RunDeadlineError, UsageCapExceededError } from './errors.js';
import { createRunStore, meterFlusher } from './run-store.js';
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

/** The network's own stop signal: shutdown aborts every network, a run deadline only this one. */
function networkStopSignal(options: CollectionOptions, network: Network): { signal: AbortSignal; release(): void } {
  const stopper = new AbortController();
  const processSignal = options.signal ?? new AbortController().signal;
  const onShutdown = () => stopper.abort(new CollectionAbortedError());
  if (processSignal.aborted) onShutdown();
  else processSignal.addEventListener('abort', onShutdown, { once: true });
  const deadline =
    options.runDeadlineMs === undefined ? undefined : setTimeout(() => stopper.abort(new RunDeadlineError(network, options.runDeadlineMs!)), options.runDeadlineMs);
  return {
    signal: stopper.signal,
    release() {
      clearTimeout(deadline);
      processSignal.removeEventListener('abort', onShutdown);
    },
  };
}

/** How a run that threw ended, as recorded on its row. */
export interface RunFailure {
  status: Exclude<RunStatus, 'running' | 'ok' | 'skipped'>;
  error: string;
  /** The spent plan's period when the network's usage cap stopped the run. */
  usageCapPeriod: string | null;
  cause: unknown;
}

/** Classifies what a run threw; a stop caused by the deadline is the deadline's failure, whatever the adapter threw on its way out. */
export function runFailure(thrown: unknown, stopReason: unknown): RunFailure {
  const caught: unknown = stopReason instanceof RunDeadlineError ? stopReason : thrown;
  const status = caught instanceof RateLimitedError ? 'rate_limited' : caught instanceof CollectionAbortedError ? 'interrupted' : 'failed';
  const error = caught instanceof Error ? caught.message : String(caught);
  // A spent plan, not a broken collector: said once, plainly, and kept on the run row for status.
  const usageCapPeriod = caught instanceof UsageCapExceededError ? (caught.period ?? 'unknown') : null;
  return { status, error, usageCapPeriod, cause: caught };
}

function logFailure(log: Logger, network: Network, failure: RunFailure): void {
  const { cause } = failure;
  if (failure.usageCapPeriod === null && failure.status === 'failed') {
    log.error({ err: cause instanceof Error ? { name: cause.name, message: cause.message } : cause }, `${network} run failed`);
  } else log.warn(failure.error);
}

/** The known posts to refresh, less those the read budget cannot cover; `message` says how many were dropped. */
function refreshTargetsWithinBudget(db: Db, mode: Exclude<RefreshMode, 'none'>, ctx: RunContext, network: Network, runId: number): { targets: RefreshTarget[]; message: string | null } {
  const targets = selectRefreshTargets(db, network, mode, ctx.now());
  const remaining = ctx.readsRemaining();
  if (remaining === null || targets.length <= remaining) return { targets, message: null };
  // Budget order: new posts were collected first; refreshes are what gets dropped.
  const dropped = targets.length - remaining;
  const message = `monthly read budget: ${dropped} metric refreshes dropped`;
  addRunCounters(db, runId, { refreshesDropped: dropped });
  ctx.log.warn({ dropped }, message);
  return { targets: targets.slice(0, remaining), message };
}

async function collectNetwork(adapter: NetworkAdapter, options: CollectionOptions, now: () => number): Promise<NetworkRunSummary> {
  const { db, network } = { db: options.db, network: adapter.network };
  const log = options.log.child({ module: `collector:${network}` });
  const stop = networkStopSignal(options, network);
  const { signal } = stop;
  const runId = startRun(db, network, now());
  const meter = createMeter();
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
  const takeMeterDelta = meterFlusher(meter, options.costPerPostRead?.[network] ?? 0);
  const store = createRunStore({ db, network, runId, hashtags: options.hashtags, refreshOffsetsMs: options.refreshOffsetsMs, now, takeMeterDelta });

  let outcome: { status: Exclude<RunStatus, 'running'>; error: string | null; usageCapPeriod: string | null } = { status: 'ok', error: null, usageCapPeriod: null };
  let message: string | null = null;
  try {
    if (options.collectNew !== false) {
      for await (const page of untilAborted(adapter.collect(ctx), signal)) {
        store.storePage(page);
        if (signal.aborted) throw new CollectionAbortedError();
      }
    }
    if (options.refresh !== 'none') {
      const planned = refreshTargetsWithinBudget(db, options.refresh, ctx, network, runId);
      message = planned.message;
      const byNetworkId = new Map(planned.targets.map((target) => [target.networkId, target]));
      for await (const batch of untilAborted(adapter.refresh(planned.targets, ctx), signal)) {
        store.storeRefresh(batch, byNetworkId);
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
    const failure = runFailure(thrown, signal.reason);
    logFailure(log, network, failure);
    outcome = failure;
  }
  stop.release();
  addRunCounters(db, runId, takeMeterDelta());
  finishRun(db, runId, { status: outcome.status, now: now(), message, error: outcome.error, usageCapPeriod: outcome.usageCapPeriod });
  const summary = getRun(db, runId)!;
  const { postsNew, postsUpdated, postsRemoved, requests, postsRead } = summary;
  log.info({ status: outcome.status, postsNew, postsUpdated, postsRemoved, requests, postsRead }, `${network} run ${outcome.status}`);
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
