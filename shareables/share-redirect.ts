// What the server's /s/<shareable>/<network> redirect sends a supporter to. Pure: the dashboard
// server counts the click (shareable, network, day; nothing about the person) and answers 302, or,
// for a Mastodon server it does not know, a page asking the supporter to continue there.
import type { SharePost } from './generate-posts.js';
import { KNOWN_MASTODON_SERVERS } from './known-mastodon-servers.js';
import { isShareNetwork } from './networks.js';
import { normalizeMastodonServer, shareIntentUrl } from './share-intents.js';

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

/**
 * The Mastodon servers a share link may redirect to straight away: the well-known list plus the
 * servers the collector watches (MASTODON_INSTANCES URLs or hosts), as lower-case hosts.
 */
export function knownMastodonServers(watched: readonly string[]): ReadonlySet<string> {
  const hosts = new Set(KNOWN_MASTODON_SERVERS);
  for (const entry of watched) {
    try {
      hosts.add(normalizeMastodonServer(entry));
    } catch {
      // A watched server that is not a plain host name (e.g. a local test address) is only watched.
    }
  }
  return hosts;
}

/** Whether a redirect to this Mastodon server (as the supporter typed it) may happen without asking. */
export function isKnownMastodonServer(known: ReadonlySet<string>, server: string): boolean {
  return known.has(normalizeMastodonServer(server));
}
