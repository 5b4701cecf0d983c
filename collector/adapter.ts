// The one interface every network adapter implements, and the context a run hands it.
// Adapters turn a network's wire format into normalised posts; the run loop stores them.
import type { Logger } from 'pino';
import type { MetricReading, Network, NormalizedAuthor, NormalizedPost } from '../core/types.js';

/** Counts what an adapter spends, so each run records requests, posts read and pauses. */
export interface RequestMeter {
  requests: number;
  postsRead: number;
  rateLimitPauses: number;
}

export function createMeter(): RequestMeter {
  return { requests: 0, postsRead: 0, rateLimitPauses: 0 };
}

export interface RunContext {
  /** Aborted on shutdown: finish or abandon the current request, yield nothing more. */
  signal: AbortSignal;
  log: Logger;
  meter: RequestMeter;
  /** Tracked hashtags, normalised (lower case, no '#'). */
  hashtags: readonly string[];
  /** The setting `hashtags` come from (TRACK_HASHTAGS, or COMPARE_HASHTAGS in the comparator pass), so a complaint about them names the one to change. */
  hashtagsSetting: 'TRACK_HASHTAGS' | 'COMPARE_HASHTAGS';
  /** The stored checkpoint for a scope, as last saved with a committed page. */
  checkpoint(scope: string): unknown;
  /** Posts this run may still read before the monthly budget is spent; null means unlimited. */
  readsRemaining(): number | null;
  now(): number;
}

/** A page of newly collected posts, stored in one transaction together with its checkpoint. */
export interface CollectedPage {
  posts: NormalizedPost[];
  checkpoint?: { scope: string; state: unknown };
}

/** What the run loop knows about a stored post that it asks an adapter to refresh. */
export interface RefreshRequest {
  networkId: string;
  refreshRef: string;
}

export interface RefreshedReading {
  networkId: string;
  metrics: MetricReading;
  author?: NormalizedAuthor;
  /** The server whose copy gave `metrics`, where a network serves several copies (Mastodon). */
  countsSource?: string;
  /**
   * The post as the network now shows it, when more changed than its counts (an edit's latest
   * version, a repost's link to its original): stored like a collected post under `networkId`.
   */
  post?: NormalizedPost;
}

/** One batch of refreshed counts, plus the posts the network says are deleted or no longer visible. */
export interface RefreshedBatch {
  readings: RefreshedReading[];
  removed: Array<{ networkId: string; reason: string }>;
  /** Posts hidden but not confirmed deleted: kept with their last counts frozen, never purged. */
  unavailable?: Array<{ networkId: string; reason: string }>;
  /** Posts met on the way (the originals of refreshed reposts), stored before the readings like collected posts. */
  posts?: NormalizedPost[];
}

export interface NetworkAdapter {
  readonly network: Network;
  /** Largest number of posts `refresh` should be handed at once. */
  readonly refreshBatchSize: number;
  /** Yields pages of new posts since the stored checkpoints; each page is committed before the next is requested. */
  collect(ctx: RunContext): AsyncIterable<CollectedPage>;
  /** Re-reads the counts of known posts, in batches. */
  refresh(posts: readonly RefreshRequest[], ctx: RunContext): AsyncIterable<RefreshedBatch>;
}
