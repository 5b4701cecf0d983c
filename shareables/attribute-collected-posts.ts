// Attributes newly collected posts to the shareable they used, after each collection. The core
// (attributeBatch) is pure; the runner reads posts not yet examined in batches, stores each
// batch's results together with the progress mark, and yields to the event loop between batches
// so a first run over a large existing database never stalls the dashboard.
import { setImmediate as nextTick } from 'node:timers/promises';
import type { Logger } from '../core/logger.js';
import type { Db } from '../db/connection.js';
import { listPostsAwaitingAttribution, saveAttributions, type PostAttribution, type PostAwaitingAttribution } from '../db/shareable-adoption.js';
import { createAttributor, type Attribution, type CollectedPostText } from './attribution.js';
import type { CampaignShareables } from './campaign-shareables.js';

/** Posts read, attributed and stored per transaction. */
export const ATTRIBUTION_BATCH_SIZE = 500;

/** Attributes one batch of posts; posts that used no shareable are left out. Pure. */
export function attributeBatch(posts: readonly PostAwaitingAttribution[], attribute: (post: CollectedPostText) => Attribution | null): PostAttribution[] {
  const results: PostAttribution[] = [];
  for (const post of posts) {
    const found = attribute({ network: post.network, text: post.text, links: post.links });
    if (found) results.push({ postId: post.postId, ...found });
  }
  return results;
}

export interface AttributionOutcome {
  /** Posts looked at (live posts with text, reposts left out). */
  examined: number;
  /** Of those, posts that used a shareable. */
  attributed: number;
}

export interface AttributeOptions {
  batchSize?: number;
  /** Stops between batches; what was stored stays stored and the rest waits for the next run. */
  signal?: AbortSignal;
  now?: () => number;
}

/** Examines every post not examined yet, batch by batch, and stores what it finds. */
export async function attributeCollectedPosts(db: Db, attribute: (post: CollectedPostText) => Attribution | null, options: AttributeOptions = {}): Promise<AttributionOutcome> {
  const batchSize = options.batchSize ?? ATTRIBUTION_BATCH_SIZE;
  const now = options.now ?? Date.now;
  const outcome: AttributionOutcome = { examined: 0, attributed: 0 };
  for (;;) {
    if (options.signal?.aborted) return outcome;
    const batch = listPostsAwaitingAttribution(db, batchSize);
    if (batch.throughId === null) return outcome;
    const found = attributeBatch(batch.posts, attribute);
    saveAttributions(db, found, batch.throughId, now());
    outcome.examined += batch.posts.length;
    outcome.attributed += found.length;
    await nextTick();
  }
}

/** One line for people, e.g. "shareables: 3 of 120 new posts used a ready-made post". */
export function formatAttributionOutcome(outcome: AttributionOutcome): string {
  if (outcome.examined === 0) return 'shareables: no new posts to attribute';
  const posts = outcome.examined === 1 ? 'post' : 'posts';
  return `shareables: ${outcome.attributed} of ${outcome.examined} new ${posts} used a ready-made post`;
}

export interface PostAttributionStep {
  /**
   * Attributes the posts collected since the last call. Resolves to null when the content file
   * cannot be used (attribution is skipped; the loader has said why) or attribution failed. Never
   * throws: a database problem is logged, and the posts wait for the next collection.
   */
  run(signal?: AbortSignal): Promise<AttributionOutcome | null>;
}

/**
 * The attribution step a collecting process runs after each collection. The generated posts are
 * prepared for matching once (createAttributor) and reused for the life of the process.
 */
export function createPostAttributionStep(options: { db: Db; loadShareables: () => CampaignShareables | null; log: Logger }): PostAttributionStep {
  const log = options.log.child({ module: 'shareables' });
  let attribute: ((post: CollectedPostText) => Attribution | null) | null | undefined;
  return {
    async run(signal) {
      try {
        if (attribute === undefined) {
          const shareables = options.loadShareables();
          attribute = shareables ? createAttributor(shareables.generated.posts, { campaign: shareables.generated.campaign }) : null;
        }
        if (attribute === null) return null;
        const outcome = await attributeCollectedPosts(options.db, attribute, signal ? { signal } : {});
        if (outcome.examined > 0) log.info(outcome, formatAttributionOutcome(outcome));
        return outcome;
      } catch (error) {
        log.error({ err: error instanceof Error ? error.message : String(error) }, 'attributing collected posts to shareables failed; the next collection tries again');
        return null;
      }
    },
  };
}
