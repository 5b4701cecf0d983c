// The fake Bluesky server's public vocabulary: what tests put in (accounts, posts, faults) and what it records.
import type { Facet } from './rich-text.js';

/** The XRPC methods the fake answers. */
export const FAKE_BLUESKY_METHODS = [
  'com.atproto.server.createSession',
  'com.atproto.server.refreshSession',
  'app.bsky.feed.searchPosts',
  'app.bsky.feed.getPosts',
  'app.bsky.actor.getProfiles',
  'com.atproto.repo.getRecord',
] as const;
export type FakeBlueskyMethod = (typeof FAKE_BLUESKY_METHODS)[number];

/** An account as tests describe it; it can log in (with an app password) and author posts. */
export interface FakeBlueskyAccount {
  handle: string;
  /** Default: a did:plc derived from the handle. */
  did?: string;
  displayName?: string;
  followers?: number;
  follows?: number;
  /** App passwords that createSession accepts (format xxxx-xxxx-xxxx-xxxx on the real service). */
  appPasswords?: string[];
  /** The main account password. With `emailAuthFactor`, logging in with it asks for an emailed code instead. */
  password?: string;
  emailAuthFactor?: boolean;
  /** Shown as `verification.verifiedStatus: "valid"`. */
  verified?: boolean;
}

/**
 * Why an account's posts stop showing in search and getPosts while its records still exist: it blocked
 * the tracker's account, was taken down by moderation, or deactivated itself. getRecord still answers.
 */
export type FakeBlueskyAccountHiding = 'blocks-viewer' | 'takendown' | 'deactivated';

export type FakeBlueskyCounts = Partial<{ like: number; repost: number; reply: number; quote: number; bookmark: number }>;

/** A post as tests describe it; the fake builds the app.bsky.feed.post record and its postView. */
export interface FakeBlueskyPostInput {
  /** Handle or DID of an account added with addAccount. */
  author: string;
  text: string;
  /** A string is stored verbatim as record.createdAt (clients declare it, so it may even be unparseable). */
  createdAt: Date | string;
  /** When the service indexed the post; default createdAt (or now when createdAt is unparseable). Hidden from search before then. */
  indexedAt?: Date | string;
  langs?: string[];
  /** record.tags: hashtags outside the text. */
  tags?: string[];
  /** 'detect' (default) annotates the text's hashtags and links as the official client does; 'none' leaves the record without facets. */
  facets?: 'detect' | 'none' | Facet[];
  /** A reply: true replies to a post that is not stored; a string is the parent's at:// URI. */
  reply?: boolean | string;
  /** The at:// URI of a post this one quotes (embed app.bsky.embed.record). */
  quote?: string;
  /** A link card (embed app.bsky.embed.external); with `quote`, the two form a recordWithMedia embed. */
  linkCard?: { uri: string; title?: string };
  counts?: FakeBlueskyCounts;
}

export type FakeBlueskyFault =
  | { kind: 'status'; status: 429; resetInSeconds: number }
  | { kind: 'status'; status: 500 | 502 | 503 | 504 }
  | { kind: 'status'; status: 401 }
  /** HTTP 200 with a JSON body cut off halfway. */
  | { kind: 'malformed' }
  /** HTTP 200 with valid JSON that lacks the method's required output field. */
  | { kind: 'wrong-shape' }
  /** The connection closes without an answer. */
  | { kind: 'drop' };

/** How a request authenticated: no header, a live access or refresh token, or anything else. */
export type FakeBlueskyAuth = 'none' | 'access' | 'refresh' | 'invalid';

/** One request the fake received. `status` is 0 when the connection was dropped. Secrets are not kept. */
export interface FakeBlueskyRequest {
  httpMethod: string;
  /** The XRPC method id (NSID), e.g. app.bsky.feed.searchPosts. */
  method: string;
  query: URLSearchParams;
  auth: FakeBlueskyAuth;
  /** createSession's identifier (never its password). */
  identifier?: string;
  status: number;
}
