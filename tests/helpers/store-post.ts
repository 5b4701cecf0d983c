// A normalised post stored as the collector stores it (its author first, then the post with its
// first reading), for tests of what the store, its triggers and its rollups make of it.
import type { NormalizedPost } from '../../core/types.js';
import type { Db } from '../../db/connection.js';
import { selectLivePostsByNetworkId, storeCollectedPost, upsertAuthor } from '../../db/posts.js';

export interface StorePostOptions {
  /** When the collector saw it. */
  now: number;
  /** The tracked hashtags it matched (default #jobquality). */
  matchedHashtags?: readonly string[];
  /** When it is due for a refresh (default never). */
  nextRefreshAt?: number | null;
}

/** Stores `post` through db/posts.ts; returns its row id. */
export function storePost(db: Db, post: NormalizedPost, { now, matchedHashtags = ['jobquality'], nextRefreshAt = null }: StorePostOptions): number {
  const authorId = upsertAuthor(db, post.network, post.author, now);
  storeCollectedPost(db, { post, authorId, matchedHashtags: [...matchedHashtags], now, nextRefreshAt });
  return selectLivePostsByNetworkId(db, post.network, [post.networkId])[0]!.postId;
}
