// Plants hours of campaign activity for alert and moment tests: posts stored through the collector's
// store functions (their first reading counts as engagements gained at their creation hour) and
// successful runs in the run log, so a test knows exactly which hours were collected and what they held.
import type { Db } from '../../db/connection.js';
import { storeCollectedPost, upsertAuthor } from '../../db/posts.js';
import { finishRun, startRun } from '../../db/runs.js';
import { saveAttributions } from '../../db/shareable-adoption.js';
import { makePost, reading } from './posts.js';

export const HOUR = 3_600_000;
export const WEEK = 7 * 24 * HOUR;

let serial = 0;

/** `count` X posts spread over the hour by `authors` in turn, each with `likes`; the first `readyMade` attributed to a shareable. */
export function storeHourPosts(db: Db, hourStart: number, count: number, options: { authors: readonly string[]; likes: number; readyMade?: number }): void {
  const ids: number[] = [];
  for (let i = 0; i < count; i += 1) {
    serial += 1;
    const username = options.authors[i % options.authors.length]!;
    const post = makePost(`p${serial}`, {
      createdAt: hourStart + Math.floor(((i + 0.5) / count) * HOUR),
      author: { networkId: `id-${username}`, username, displayName: username, followers: 100, verified: false },
      metrics: reading({ likes: options.likes }),
    });
    const authorId = upsertAuthor(db, 'x', post.author, post.createdAt);
    storeCollectedPost(db, { post, authorId, matchedHashtags: ['jobquality'], now: post.createdAt + 60_000, nextRefreshAt: null });
    ids.push((db.prepare('SELECT id FROM posts WHERE network_id = ?').get(post.networkId) as { id: number }).id);
  }
  if (ids.length === 0) return;
  const attributed = ids.slice(0, options.readyMade ?? 0).map((postId) => ({ postId, shareableId: 'fair-pay', method: 'link' as const, score: 1, edited: 0, closestNetwork: 'x' }));
  saveAttributions(db, attributed, Math.max(...ids), hourStart + HOUR);
}

/** A successful X run a few minutes after the hour ended: the hour counts as collected. */
export function collectedAfter(db: Db, hourStart: number): void {
  const id = startRun(db, 'x', hourStart + HOUR + 5 * 60_000);
  finishRun(db, id, { status: 'ok', now: hourStart + HOUR + 6 * 60_000 });
}
