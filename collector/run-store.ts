// What one network's run writes: each collected page with its checkpoint, and each refreshed batch,
// in one transaction apiece together with the run's counters, so a crash keeps honest counts and a
// checkpoint never moves past posts that were not committed.
import type { Db } from '../db/connection.js';
import type { Network, NormalizedPost } from '../core/types.js';
import { matchTrackedHashtags } from '../core/hashtags.js';
import { saveCheckpoint } from '../db/checkpoints.js';
import { purgeRemovedPost, storeCollectedPost, storeRefreshedReading, upsertAuthor, type RefreshTarget } from '../db/posts.js';
import { findPostId, markPostUnavailable, notePostShown } from '../db/post-availability.js';
import { addRunCounters } from '../db/runs.js';
import { createMeter, type CollectedPage, type RefreshedBatch, type RequestMeter } from './adapter.js';
import { nextRefreshAt } from './refresh-schedule.js';

/** The run's spend since the last call: requests, posts read, pauses and the estimated cost of the reads. */
export type MeterDelta = RequestMeter & { estimatedCostUsd: number };

/** A function that returns what `meter` counted since it was last called (each count is flushed once). */
export function meterFlusher(meter: RequestMeter, costPerRead: number): () => MeterDelta {
  let flushed = createMeter();
  return () => {
    const delta = {
      requests: meter.requests - flushed.requests,
      postsRead: meter.postsRead - flushed.postsRead,
      rateLimitPauses: meter.rateLimitPauses - flushed.rateLimitPauses,
    };
    flushed = { ...meter };
    return { ...delta, estimatedCostUsd: delta.postsRead * costPerRead };
  };
}

export interface RunStoreOptions {
  db: Db;
  network: Network;
  runId: number;
  hashtags: readonly string[];
  refreshOffsetsMs: readonly number[];
  now: () => number;
  /** Flushed into the run row inside each transaction. */
  takeMeterDelta: () => MeterDelta;
}

export interface RunStore {
  /** Stores a collected page and saves its checkpoint, in one immediate transaction. */
  storePage(page: CollectedPage): void;
  /** Stores a refreshed batch for `targets` (by network id), in one immediate transaction. */
  storeRefresh(batch: RefreshedBatch, targets: ReadonlyMap<string, RefreshTarget>): void;
}

export function createRunStore(options: RunStoreOptions): RunStore {
  const { db, network, runId, now, takeMeterDelta } = options;
  const nextRefresh = (createdAt: number, at: number) => nextRefreshAt(createdAt, at, options.refreshOffsetsMs);

  /** Stores one collected post with its author; `next` defaults to the post's own schedule. */
  const storePost = (post: NormalizedPost, at: number, next = nextRefresh(post.createdAt, at)) => {
    const authorId = upsertAuthor(db, network, post.author, at);
    return storeCollectedPost(db, { post, authorId, matchedHashtags: matchTrackedHashtags(post.hashtags, options.hashtags), now: at, nextRefreshAt: next });
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
      const next = nextRefresh(target.createdAt, at);
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
      if (target && markPostUnavailable(db, target.postId, hidden.reason, at, nextRefresh(target.createdAt, at))) counts.postsUnavailable += 1;
    }
    addRunCounters(db, runId, { ...counts, ...takeMeterDelta() });
  });

  return { storePage: (page) => storePage.immediate(page), storeRefresh: (batch, targets) => storeRefresh.immediate(batch, targets) };
}
