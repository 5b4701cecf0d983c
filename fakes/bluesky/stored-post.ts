// Posts and accounts as the fake keeps them, and how a test's description becomes an
// app.bsky.feed.post record (facets, reply refs, embeds) with its URI, CID and sort time.
import type { FakeBlueskyAccount, FakeBlueskyAccountHiding, FakeBlueskyCounts, FakeBlueskyPostInput } from './fake-bluesky-types.js';
import { cidFor, plcDid, tid } from './identifiers.js';
import { detectFacets } from './rich-text.js';
import { normalizeTag } from './search-request.js';

export interface StoredAccount extends Required<Pick<FakeBlueskyAccount, 'handle' | 'did' | 'followers' | 'follows'>> {
  displayName: string | null;
  appPasswords: string[];
  password: string | null;
  emailAuthFactor: boolean;
  verified: boolean;
  createdAt: string;
  deleted: boolean;
  /** Set when the account's posts are hidden from the AppView's views but not deleted. */
  hidden: FakeBlueskyAccountHiding | null;
}

export interface StoredPost {
  uri: string;
  cid: string;
  authorDid: string;
  /** The app.bsky.feed.post record exactly as served. */
  record: Record<string, unknown>;
  text: string;
  /** Hashtags from tag facets and record.tags, normalised for matching. */
  tags: Set<string>;
  langs: string[];
  indexedAtMs: number;
  /** What search sorts and filters by: the earlier of createdAt and indexedAt. */
  sortAtMs: number;
  counts: Required<FakeBlueskyCounts>;
  quoteUri: string | null;
  linkCard: { uri: string; title: string } | null;
  deleted: boolean;
}

export function buildAccount(input: FakeBlueskyAccount, nowMs: number): StoredAccount {
  return {
    handle: input.handle.toLowerCase(),
    did: input.did ?? plcDid(input.handle.toLowerCase()),
    displayName: input.displayName ?? null,
    followers: input.followers ?? 0,
    follows: input.follows ?? 0,
    appPasswords: input.appPasswords ?? [],
    password: input.password ?? null,
    emailAuthFactor: input.emailAuthFactor ?? false,
    verified: input.verified ?? false,
    createdAt: new Date(nowMs - 400 * 86_400_000).toISOString(),
    deleted: false,
    hidden: null,
  };
}

function timeOf(value: Date | string, what: string): { text: string; ms: number | null } {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Error(`FakeBlueskyServer.addPost: ${what} is an invalid Date`);
    return { text: value.toISOString(), ms: value.getTime() };
  }
  const ms = Date.parse(value);
  return { text: value, ms: Number.isNaN(ms) ? null : ms };
}

/** Builds the stored form of a post. `rkeyTaken` keeps record keys unique when posts share an instant. */
export function buildPost(input: FakeBlueskyPostInput, author: StoredAccount, nowMs: number, rkeyTaken: (rkey: string) => boolean): StoredPost {
  const created = timeOf(input.createdAt, 'createdAt');
  const indexed = input.indexedAt === undefined ? null : timeOf(input.indexedAt, 'indexedAt');
  if (indexed && indexed.ms === null) throw new Error(`FakeBlueskyServer.addPost: indexedAt "${String(input.indexedAt)}" is not a datetime`);
  const indexedAtMs = indexed?.ms ?? created.ms ?? nowMs;
  let clockId = 0;
  let rkey = tid(created.ms ?? indexedAtMs, clockId);
  while (rkeyTaken(rkey)) rkey = tid(created.ms ?? indexedAtMs, ++clockId);
  const uri = `at://${author.did}/app.bsky.feed.post/${rkey}`;

  const facets = input.facets === undefined || input.facets === 'detect' ? detectFacets(input.text) : input.facets === 'none' ? [] : input.facets;
  const record: Record<string, unknown> = { $type: 'app.bsky.feed.post', createdAt: created.text, text: input.text };
  if (facets.length) record.facets = facets;
  record.langs = input.langs ?? ['en'];
  if (input.tags?.length) record.tags = input.tags;
  if (input.reply) {
    const parentUri = typeof input.reply === 'string' ? input.reply : `at://${plcDid(`parent-of-${uri}`)}/app.bsky.feed.post/${tid(indexedAtMs - 60_000, 7)}`;
    const ref = { uri: parentUri, cid: cidFor(parentUri) };
    record.reply = { root: ref, parent: ref };
  }
  const external = input.linkCard ? { $type: 'app.bsky.embed.external', external: { uri: input.linkCard.uri, title: input.linkCard.title ?? '', description: '' } } : null;
  const quoted = input.quote ? { $type: 'app.bsky.embed.record', record: { uri: input.quote, cid: cidFor(input.quote) } } : null;
  if (quoted && external) record.embed = { $type: 'app.bsky.embed.recordWithMedia', record: quoted, media: external };
  else if (quoted ?? external) record.embed = quoted ?? external;

  const tags = new Set<string>();
  for (const facet of facets) for (const feature of facet.features) if (feature.$type === 'app.bsky.richtext.facet#tag') tags.add(normalizeTag(feature.tag));
  for (const tag of input.tags ?? []) tags.add(normalizeTag(tag.replace(/^#/, '')));

  return {
    uri,
    cid: cidFor(JSON.stringify(record)),
    authorDid: author.did,
    record,
    text: input.text,
    tags,
    langs: record.langs as string[],
    indexedAtMs,
    sortAtMs: created.ms === null ? indexedAtMs : Math.min(created.ms, indexedAtMs),
    counts: { like: 0, repost: 0, reply: 0, quote: 0, bookmark: 0, ...input.counts },
    quoteUri: input.quote ?? null,
    linkCard: input.linkCard ? { uri: input.linkCard.uri, title: input.linkCard.title ?? '' } : null,
    deleted: false,
  };
}
