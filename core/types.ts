// Shared vocabulary of the tracker: normalised posts, authors and metric readings.
// Every network adapter produces these; nothing outside collector/ sees a network's JSON.

/**
 * A collected network's id from the registry in core/networks.ts (`x`, `bluesky`, `mastodon`, or one
 * registered later). Checked with `isCollectedNetwork` where an id enters: configuration, API, rows.
 */
export type Network = string;

export const POST_KINDS = ['original', 'reply', 'quote', 'repost'] as const;
export type PostKind = (typeof POST_KINDS)[number];

/** One reading of a post's public engagement counters; null where the network does not report it. */
export interface MetricReading {
  likes: number | null;
  reposts: number | null;
  replies: number | null;
  quotes: number | null;
  bookmarks: number | null;
  impressions: number | null;
}

/** The same counters where every one is known: sums over posts, or a simulation's own numbers. */
export type MetricCounts = { [Counter in keyof MetricReading]: number };

/**
 * The fields every stored post row shares, whatever reads it (exports, rankings, the post index):
 * where it was posted, what kind it is and its latest counters. Row types derive from this one.
 */
export interface PostRowBase extends MetricReading {
  network: Network;
  kind: PostKind;
}

export interface NormalizedAuthor {
  /** The network's stable id for the account (X user id, Bluesky DID, Mastodon account URI). */
  networkId: string;
  /** Handle without a leading @ (X username, Bluesky handle, Mastodon acct). */
  username: string;
  displayName: string | null;
  /** Latest follower count; null when the network did not tell us this time. */
  followers: number | null;
  verified: boolean | null;
}

export interface NormalizedPost {
  network: Network;
  /** Stable id across runs: X post id, Bluesky at:// URI, Mastodon status `uri`. */
  networkId: string;
  /** Id used to look the post up again for a metric refresh (may differ from networkId). */
  refreshRef: string;
  url: string;
  /** Milliseconds since the epoch, UTC. */
  createdAt: number;
  text: string;
  lang: string | null;
  kind: PostKind;
  /** Every hashtag in the post, lower-cased, without '#'. */
  hashtags: string[];
  /** Expanded link targets in the post (used to attribute shareables). */
  links: string[];
  author: NormalizedAuthor;
  metrics: MetricReading;
  /** Where a network serves several copies of a post (Mastodon): the server whose copy gave `metrics`. */
  countsSource?: string;
  /**
   * A repost (X retweet) names the original it amplifies by the original's networkId; the original
   * is stored first in the same page. A repost adds no engagements or impressions of its own: its
   * metrics are all null, so every sum counts the original once.
   */
  repostOf?: string;
  /**
   * Every id of an edited post, oldest first (X's edit_history_tweet_ids). One post however often
   * it was edited: it is found again by any of these ids.
   */
  editHistoryIds?: readonly string[];
}
