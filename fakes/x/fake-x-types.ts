// The fake X server's public vocabulary: what tests put in (users, posts, faults) and what it records.

/** An X account as tests describe it; the fake fills in the rest of the user object. */
export interface FakeXUser {
  id: string;
  username: string;
  name: string;
  followers: number;
  verified?: boolean;
}

export type FakeXMetrics = Partial<{ like: number; retweet: number; reply: number; quote: number; bookmark: number; impression: number }>;

/** A post as tests describe it; the fake turns it into X's wire shape (t.co links, entities, Snowflake id). */
export interface FakeXPostInput {
  /** Default: a Snowflake id generated from createdAt, so id order is creation order. */
  id?: string;
  authorId: string;
  /** Hashtags, mentions and URLs in the text become entities (code-point offsets, end exclusive). */
  text: string;
  createdAt: string | Date;
  /** Default 'en'. */
  lang?: string;
  /** Becomes referenced_tweets: replied_to, quoted or retweeted. Default 'original'. */
  kind?: 'original' | 'reply' | 'quote' | 'repost';
  /** The post a reply/quote/repost refers to; default: an id that is not stored (lookups of it fail as on X). */
  referencedId?: string;
  /** Links X shortens: a URL already in the text is replaced by its t.co link, others are appended. */
  urls?: Array<{ expanded: string }>;
  metrics?: FakeXMetrics;
}

export type FakeXFault =
  | { kind: 'status'; status: 429; resetInSeconds: number }
  /** The plan's usage cap is spent: 429 UsageCapExceeded while the rate-limit headers still show quota. */
  | { kind: 'usage-cap'; period: 'Daily' | 'Monthly' }
  /**
   * A search page with no posts that still carries a next_token, as X sends when posts are dropped
   * after a page is cut; the token continues where this page would have started.
   */
  | { kind: 'empty-page' }
  | { kind: 'status'; status: 500 | 502 | 503 }
  | { kind: 'status'; status: 401 | 403 }
  | { kind: 'malformed' }
  | { kind: 'drop' };

export type FakeXEndpoint = 'search' | 'lookup';

/** One request the fake received. `status` is 0 when the socket was dropped without an answer. */
export interface FakeXRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorized: boolean;
  status: number;
}
