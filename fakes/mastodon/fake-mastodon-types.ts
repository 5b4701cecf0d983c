// The fake Mastodon server's public vocabulary: what tests put in (accounts, statuses, faults)
// and what it records about each request it received.

export interface FakeMastodonAccountInput {
  username: string;
  displayName?: string;
  followers?: number;
}

/** A local account as tests refer to it; url/uri are the profile and ActivityPub addresses. */
export interface FakeMastodonAccount {
  id: string;
  username: string;
  acct: string;
  url: string;
  uri: string;
}

export interface FakeMastodonCounts {
  replies: number;
  reblogs: number;
  favourites: number;
  quotes: number;
}

export interface FakeMastodonStatusInput {
  /** Username of a local account (added with addAccount). */
  account: string;
  /**
   * Plain text the fake formats like Mastodon does: HTML-escaped, `#tags` become hashtag links,
   * `@user` mentions of known accounts become h-card links, URLs become shortened links,
   * blank lines separate paragraphs and single newlines become `<br />`.
   */
  text?: string;
  /** Raw HTML used as `content` verbatim (for hostile or unusual markup); pair with `tags`. */
  html?: string;
  /** Hashtags (without '#'); default: the ones found in `text`. */
  tags?: string[];
  /** Default: the fake's clock. The local id is derived from it, as Mastodon does for back-dated statuses. */
  createdAt?: Date | string;
  /** Default 'en'; null for statuses without a detected language. */
  language?: string | null;
  /** Default 'public'. Only public statuses appear in hashtag timelines. */
  visibility?: 'public' | 'unlisted' | 'private' | 'direct';
  /** Local id of the status this one replies to. */
  inReplyTo?: string;
  /** Local id of the status this one quotes (Mastodon 4.4+ quote posts). */
  quoteOf?: string;
  card?: { url: string; title?: string; description?: string };
  spoilerText?: string;
  counts?: Partial<FakeMastodonCounts>;
}

/** A status as tests refer to it: the local id differs between servers, the uri does not. */
export interface FakeMastodonStatus {
  id: string;
  uri: string;
  url: string | null;
}

export interface FakeMastodonReceiveOptions {
  /** Counts as this server knows them (remote copies lag behind the home server). Default: the home server's. */
  counts?: Partial<FakeMastodonCounts>;
  /** The author's follower count as this server last fetched it. Default: the home server's. */
  followers?: number;
}

export type FakeMastodonFault =
  | { kind: 'status'; status: 429; resetInMs: number }
  | { kind: 'status'; status: 500 | 502 | 503 | 504 }
  | { kind: 'status'; status: 401 | 403 }
  /** A proxy's HTML 404 page, not Mastodon's JSON one. */
  | { kind: 'status'; status: 404 }
  | { kind: 'malformed' }
  /**
   * An empty page that still carries the Link header of the page it should have been (statuses
   * filtered out after paging): a collector must follow the link, not stop.
   */
  | { kind: 'empty-page' }
  | { kind: 'drop' };

export type FakeMastodonEndpoint = 'timeline' | 'status' | 'statuses';

/** How the request authenticated: no header, a token the server accepts, or one it refuses. */
export type FakeMastodonAuth = 'none' | 'valid' | 'invalid';

/** One request the fake received. `status` is 0 when the connection was dropped without an answer. */
export interface FakeMastodonRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  auth: FakeMastodonAuth;
  /** The bearer token sent, if any (tests check that a token only ever reaches its own server). */
  token: string | null;
  status: number;
}
