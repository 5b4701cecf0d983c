// Pure mapping from Bluesky postViews and profiles to the tracker's normalised posts, authors and
// readings. Hashtags come from the record's tag facets and `tags`, never from the text itself.
import { normalizeHashtag } from '../../../core/hashtags.js';
import type { MetricReading, NormalizedAuthor, NormalizedPost, PostKind } from '../../../core/types.js';
import { POST_URI_PATTERN, type BlueskyPostRecord, type BlueskyPostView, type BlueskyProfileBasic } from './bluesky-schema.js';

const TAG_FEATURE = 'app.bsky.richtext.facet#tag';
const LINK_FEATURE = 'app.bsky.richtext.facet#link';
/** Handle syntax from the atproto spec; anything else (including "handle.invalid") cannot form a profile URL. */
const HANDLE_PATTERN = /^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

/** What the adapter knows about an author beyond the postView: the follower count from getProfiles. */
export interface AuthorExtras {
  followers: number | null;
}

/** The counts a postView reports; each is null where the AppView left it out. */
export function blueskyMetrics(view: BlueskyPostView): MetricReading {
  return {
    likes: view.likeCount ?? null,
    reposts: view.repostCount ?? null,
    replies: view.replyCount ?? null,
    quotes: view.quoteCount ?? null,
    bookmarks: view.bookmarkCount ?? null,
    // Bluesky publishes no view counts.
    impressions: null,
  };
}

/** The author as the tracker knows it: DID, handle, display name, and followers when looked up. */
export function blueskyAuthor(profile: BlueskyProfileBasic, extras: AuthorExtras | undefined): NormalizedAuthor {
  const status = profile.verification?.verifiedStatus;
  return {
    networkId: profile.did,
    username: profile.handle,
    displayName: profile.displayName?.trim() ? profile.displayName : null,
    followers: extras?.followers ?? null,
    // Absent verification says nothing either way, so it must not overwrite a known value.
    verified: status === undefined ? null : status === 'valid',
  };
}

/** Every hashtag the record declares: tag facet features plus the out-of-text `tags`, lower-cased and unique. */
export function recordHashtags(record: BlueskyPostRecord): string[] {
  const tags: string[] = [];
  for (const facet of record.facets ?? []) {
    for (const feature of facet.features) if (feature.$type === TAG_FEATURE && feature.tag !== undefined) tags.push(feature.tag);
  }
  tags.push(...(record.tags ?? []));
  return [...new Set(tags.map(normalizeHashtag).filter(Boolean))];
}

/** Link facet targets (complete URLs even where the text shows them shortened) plus an external embed's URL. */
export function recordLinks(record: BlueskyPostRecord): string[] {
  const links: string[] = [];
  for (const facet of record.facets ?? []) {
    for (const feature of facet.features) if (feature.$type === LINK_FEATURE && feature.uri) links.push(feature.uri);
  }
  const embed = record.embed;
  const external = embedType(embed) === 'app.bsky.embed.external' ? field(embed, 'external') : embedType(embed) === 'app.bsky.embed.recordWithMedia' ? field(field(embed, 'media'), 'external') : undefined;
  const uri = field(external, 'uri');
  if (typeof uri === 'string' && uri) links.push(uri);
  return [...new Set(links)];
}

/** Reply when the record replies; quote when it embeds another post (embedding a list or feed is not a quote). */
export function recordKind(record: BlueskyPostRecord): PostKind {
  if (record.reply) return 'reply';
  const embed = record.embed;
  const type = embedType(embed);
  const ref = type === 'app.bsky.embed.record' ? field(embed, 'record') : type === 'app.bsky.embed.recordWithMedia' ? field(field(embed, 'record'), 'record') : undefined;
  const uri = field(ref, 'uri');
  return typeof uri === 'string' && POST_URI_PATTERN.test(uri) ? 'quote' : 'original';
}

/**
 * The time search sorts and filters by (`since`/`until`): Bluesky's sortAt, the earlier of the
 * client-declared createdAt and the server's indexedAt (so a post cannot sort into the future).
 */
export function sortTime(view: BlueskyPostView): number {
  const indexed = Date.parse(view.indexedAt);
  const created = Date.parse(view.record.createdAt);
  return Number.isNaN(created) ? indexed : Math.min(created, indexed);
}

/** The bsky.app address of a post; the DID stands in for a handle that cannot be used. */
export function postUrl(uri: string, handle: string): string {
  const [, did, rkey] = POST_URI_PATTERN.exec(uri) ?? [];
  const who = HANDLE_PATTERN.test(handle) && handle !== 'handle.invalid' ? handle.toLowerCase() : did;
  return `https://bsky.app/profile/${who}/post/${rkey}`;
}

/** A search or lookup result as a normalised post; the at:// URI is both its id and its refresh reference. */
export function blueskyPost(view: BlueskyPostView, extras: AuthorExtras | undefined): NormalizedPost {
  const created = Date.parse(view.record.createdAt);
  return {
    network: 'bluesky',
    networkId: view.uri,
    refreshRef: view.uri,
    url: postUrl(view.uri, view.author.handle),
    createdAt: Number.isNaN(created) ? Date.parse(view.indexedAt) : created,
    text: view.record.text,
    lang: view.record.langs?.[0] ?? null,
    kind: recordKind(view.record),
    hashtags: recordHashtags(view.record),
    links: recordLinks(view.record),
    author: blueskyAuthor(view.author, extras),
    metrics: blueskyMetrics(view),
  };
}

function embedType(embed: unknown): string | undefined {
  const type = field(embed, '$type');
  return typeof type === 'string' ? type.replace(/#main$/, '') : undefined;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}
