// What the server's /s/<shareable>/<network> redirect sends a supporter to. Pure: the dashboard
// server counts the click (shareable, network, day; nothing about the person) and answers 302.
import type { SharePost } from './generate-posts.js';
import { isShareNetwork } from './networks.js';
import { shareIntentUrl } from './share-intents.js';

/** Finds posts by shareable and network in O(1); build once per generated set. */
export function indexPosts(posts: readonly SharePost[]): ReadonlyMap<string, SharePost> {
  return new Map(posts.map((post) => [`${post.shareableId}/${post.network}`, post]));
}

/**
 * The intent URL for `/s/<shareableId>/<network>`, or null when there is no such post (answer 404).
 * Mastodon needs `?server=` (the supporter's server); a missing or bad one throws
 * InvalidMastodonServerError (answer 400 with its message).
 */
export function shareRedirectTarget(index: ReadonlyMap<string, SharePost>, shareableId: string, network: string, mastodonServer?: string | null): string | null {
  if (!isShareNetwork(network)) return null;
  const post = index.get(`${shareableId}/${network}`);
  if (!post) return null;
  return shareIntentUrl(network, post, mastodonServer ?? undefined);
}
