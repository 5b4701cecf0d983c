// The one registry of networks: every layer (collector, db, metrics, dashboard, reports, shareables)
// reads what a network is, what it reports and how posts for it are measured and shared from here.
// Adding a network is one `registerNetwork` call plus, if it can be collected, one adapter factory.

/** The count columns a network's engagement can be made of (stored per component, see core/metrics). */
export type EngagementComponent = 'likes' | 'reposts' | 'replies' | 'quotes' | 'bookmarks';

/**
 * How a network measures a post's length:
 *   twitter-text       X's weighted count (the official twitter-text library: URLs 23, emoji 2, CJK 2)
 *   graphemes          user-perceived characters (Bluesky)
 *   graphemes-urls-23  graphemes, every URL counted as 23 (Mastodon)
 *   characters         UTF-16 code units, as the web composers of LinkedIn, Threads and Facebook count
 */
export type LengthCounting = 'twitter-text' | 'graphemes' | 'graphemes-urls-23' | 'characters';

/**
 * The share intent that opens a network's composer with a post filled in. In `url`, `{text}` is the
 * whole post, `{textWithoutLink}` the post without its link and `{link}` the link, each URL-encoded.
 *   fixed       one address for everyone
 *   per-server  a path on the supporter's own server (Mastodon), prefixed with `https://<server>`
 */
export type ShareIntent = { kind: 'fixed'; url: string } | { kind: 'per-server'; path: string };

/** What the tracker can collect from a network, and what that network's counts mean. */
export interface CollectionTraits {
  /** What an engagement is on this network (its published public metrics). */
  engagementComponents: readonly EngagementComponent[];
  /** Whether posts report impressions (views); elsewhere impressions are "n/a", never 0. */
  reportsImpressions: boolean;
  /** How far back a late collection can still reach (X's recent search: 7 days); null: no limit. */
  backfillLimitMs: number | null;
}

export interface NetworkDescriptor {
  /** Stable id stored in the database and used in URLs (`x`, `bluesky`...): lower case letters. */
  id: string;
  /** How people know the network, for buttons, badges and sentences. */
  label: string;
  /** Present when the tracker collects from the network; share-only networks have none. */
  collection: CollectionTraits | null;
  /** Longest post the network accepts, in its own unit. */
  postLimit: number;
  lengthCounting: LengthCounting;
  shareIntent: ShareIntent;
  /**
   * Why the tracker cannot collect from a share-only network, for the adoption panel's note.
   * Collected networks leave it out.
   */
  notCollectedNote?: string;
}

const DAY_MS = 86_400_000;

const BUILT_IN: readonly NetworkDescriptor[] = [
  {
    id: 'x',
    label: 'X',
    collection: { engagementComponents: ['likes', 'reposts', 'replies', 'quotes', 'bookmarks'], reportsImpressions: true, backfillLimitMs: 7 * DAY_MS },
    postLimit: 280,
    lengthCounting: 'twitter-text',
    // X appends url= itself and counts it as 23.
    shareIntent: { kind: 'fixed', url: 'https://x.com/intent/post?text={textWithoutLink}&url={link}' },
  },
  {
    id: 'bluesky',
    label: 'Bluesky',
    collection: { engagementComponents: ['likes', 'reposts', 'replies', 'quotes'], reportsImpressions: false, backfillLimitMs: null },
    postLimit: 300,
    lengthCounting: 'graphemes',
    shareIntent: { kind: 'fixed', url: 'https://bsky.app/intent/compose?text={text}' },
  },
  {
    id: 'mastodon',
    label: 'Mastodon',
    // Favourites are stored as likes and boosts as reposts; Mastodon's quotes are kept but not counted.
    collection: { engagementComponents: ['likes', 'reposts', 'replies'], reportsImpressions: false, backfillLimitMs: null },
    postLimit: 500,
    lengthCounting: 'graphemes-urls-23',
    shareIntent: { kind: 'per-server', path: '/share?text={text}' },
  },
  {
    id: 'threads',
    label: 'Threads',
    collection: null,
    postLimit: 500,
    lengthCounting: 'characters',
    shareIntent: { kind: 'fixed', url: 'https://www.threads.com/intent/post?text={textWithoutLink}&url={link}' },
    notCollectedNote: 'Clicks only: the tracker does not collect from Threads, whose post search Meta opens only to apps it has approved, so posts there cannot be matched.',
  },
  {
    id: 'linkedin',
    label: 'LinkedIn',
    collection: null,
    // Facebook's hard limit (63,206) is meaningless for a share post: both are held to LinkedIn's 3,000,
    // so a post written for one fits the other.
    postLimit: 3000,
    lengthCounting: 'characters',
    // LinkedIn and Facebook take only the link; title and image come from the page's OpenGraph tags.
    shareIntent: { kind: 'fixed', url: 'https://www.linkedin.com/sharing/share-offsite/?url={link}' },
    notCollectedNote: "Clicks only: LinkedIn's API does not let the tracker search members' posts by hashtag, so posts there cannot be matched.",
  },
  {
    id: 'facebook',
    label: 'Facebook',
    collection: null,
    postLimit: 3000,
    lengthCounting: 'characters',
    shareIntent: { kind: 'fixed', url: 'https://www.facebook.com/sharer/sharer.php?u={link}' },
    notCollectedNote: "Clicks only: Facebook's API has no search of public posts by hashtag, so posts there cannot be matched.",
  },
];

const registry = new Map<string, NetworkDescriptor>(BUILT_IN.map((network) => [network.id, network]));

/** Thrown for a network id the registry does not hold (a typo in configuration or a stale row). */
export class UnknownNetworkError extends Error {
  override name = 'UnknownNetworkError';
  constructor(readonly networkId: string) {
    super(`"${networkId}" is not a known network (known: ${[...registry.keys()].join(', ')})`);
  }
}

/**
 * Adds a network, or replaces one with the same id. Built-ins are registered already; a new network
 * is registered once at start-up, before anything reads the registry.
 */
export function registerNetwork(descriptor: NetworkDescriptor): void {
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(descriptor.id)) throw new Error(`network id "${descriptor.id}" must be lower-case letters, digits or "-"`);
  registry.set(descriptor.id, Object.freeze({ ...descriptor }));
}

/** Removes a network added by `registerNetwork` (tests that register a network clean up with it). */
export function unregisterNetwork(id: string): void {
  if (BUILT_IN.some((network) => network.id === id)) throw new Error(`the built-in network "${id}" cannot be removed`);
  registry.delete(id);
}

/** The descriptor of `id`; throws {@link UnknownNetworkError} when there is none. */
export function networkById(id: string): NetworkDescriptor {
  const network = registry.get(id);
  if (!network) throw new UnknownNetworkError(id);
  return network;
}

/** Every network supporters can share to, collected or not, in registration order. */
export function shareNetworkIds(): string[] {
  return [...registry.keys()];
}

/** The networks the tracker collects from, in registration order. */
export function collectedNetworkIds(): string[] {
  return [...registry.values()].filter((network) => network.collection).map((network) => network.id);
}

/** The collection traits of a collected network; throws for share-only or unknown ids. */
export function collectionTraits(id: string): CollectionTraits {
  const traits = networkById(id).collection;
  if (!traits) throw new Error(`${networkById(id).label} is not collected by the tracker`);
  return traits;
}

/**
 * Throws {@link UnknownNetworkError} unless `id` is a collected network. The store calls it where a
 * network id enters the database (the schema no longer lists them: migration 012).
 */
export function assertCollectedNetwork(id: string): void {
  if (!isCollectedNetwork(id)) throw new UnknownNetworkError(id);
}

export function isKnownNetwork(id: string): boolean {
  return registry.has(id);
}

export function isCollectedNetwork(id: string): boolean {
  return registry.get(id)?.collection != null;
}

/** How people know the network; an unknown id is shown as it is rather than failing a page. */
export function networkLabel(id: string): string {
  return registry.get(id)?.label ?? id;
}
