// The comparator pass of one network's run (share of voice, issue 16): the adapter collects
// COMPARE_HASHTAGS exactly as it collects the campaign's (its checkpoints are kept under their own
// scopes), but what it finds goes to comparator_posts (db/comparator-posts.ts), never to posts.
// A post that also carries a tracked hashtag is skipped here: the campaign pass stores it.
import { matchTrackedHashtags } from '../core/hashtags.js';
import type { Db } from '../db/connection.js';
import { saveCheckpoint } from '../db/checkpoints.js';
import {
  deleteComparatorPost,
  noteComparatorCollected,
  rescheduleComparatorPost,
  selectComparatorPostsDue,
  storeComparatorPost,
  storeComparatorReading,
} from '../db/comparator-posts.js';
import type { RefreshTarget } from '../db/posts.js';
import type { CollectedPage, NetworkAdapter, RefreshedBatch, RunContext } from './adapter.js';
import { nextRefreshAt } from './refresh-schedule.js';

export interface ComparatorPassOptions {
  db: Db;
  adapter: NetworkAdapter;
  /** The run's context; the pass hands the adapter a copy whose hashtags are the comparators. */
  ctx: RunContext;
  comparators: readonly string[];
  tracked: readonly string[];
  /** Whether counts are re-read: comparator posts follow the refresh schedule ('due'), or none. */
  refresh: boolean;
  refreshOffsetsMs: readonly number[];
  /** Adds what the adapter spent so far to the run row (called inside each page's transaction). */
  recordSpend(): void;
  /** The run's abort guard around an adapter's iterable. */
  guard<T>(source: AsyncIterable<T>): AsyncIterable<T>;
}

/** Collects new comparator posts, then refreshes the due ones; returns how many were new. */
export async function runComparatorPass(options: ComparatorPassOptions): Promise<number> {
  const { db, adapter, ctx, comparators } = options;
  const network = adapter.network;
  const comparatorCtx: RunContext = { ...ctx, hashtags: comparators };
  const startedAt = ctx.now();
  let added = 0;
  const storePage = db.transaction((page: CollectedPage) => {
    const at = ctx.now();
    for (const post of page.posts) {
      const tags = matchTrackedHashtags(post.hashtags, comparators);
      if (tags.length === 0 || matchTrackedHashtags(post.hashtags, options.tracked).length > 0) continue;
      if (storeComparatorPost(db, { post, tags, now: at, nextRefreshAt: nextRefreshAt(post.createdAt, at, options.refreshOffsetsMs) })) added += 1;
    }
    if (page.checkpoint) saveCheckpoint(db, network, page.checkpoint.scope, page.checkpoint.state, at);
    options.recordSpend();
  });
  for await (const page of options.guard(adapter.collect(comparatorCtx))) storePage.immediate(page);
  // Only a pass that went through says the comparators were collected from now on.
  db.transaction(() => comparators.forEach((tag) => noteComparatorCollected(db, network, tag, startedAt)))();
  if (options.refresh) await refreshComparators(options, comparatorCtx);
  return added;
}

async function refreshComparators(options: ComparatorPassOptions, ctx: RunContext): Promise<void> {
  const { db, adapter } = options;
  let targets = selectComparatorPostsDue(db, adapter.network, ctx.now());
  // The campaign's refreshes went first; comparators take only what the read budget has left.
  const remaining = ctx.readsRemaining();
  if (remaining !== null) targets = targets.slice(0, remaining);
  if (targets.length === 0) return;
  const byNetworkId = new Map(targets.map((target) => [target.networkId, target]));
  const next = (target: RefreshTarget, at: number) => nextRefreshAt(target.createdAt, at, options.refreshOffsetsMs);
  const storeBatch = db.transaction((batch: RefreshedBatch) => {
    const at = ctx.now();
    for (const reading of batch.readings) {
      const target = byNetworkId.get(reading.networkId);
      if (target) storeComparatorReading(db, target.postId, reading.post?.metrics ?? reading.metrics, at, next(target, at));
    }
    for (const gone of batch.removed) {
      const target = byNetworkId.get(gone.networkId);
      if (target) deleteComparatorPost(db, target.postId);
    }
    for (const hidden of batch.unavailable ?? []) {
      const target = byNetworkId.get(hidden.networkId);
      if (target) rescheduleComparatorPost(db, target.postId, next(target, at));
    }
    options.recordSpend();
  });
  for await (const batch of options.guard(adapter.refresh(targets, ctx))) storeBatch.immediate(batch);
}
