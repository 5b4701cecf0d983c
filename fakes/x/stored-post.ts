// Turns a test's post description into what X would store: t.co-wrapped text, entities with
// code-point offsets (found by twitter-text, X's own extraction rules) and a Snowflake id.
import { createHash } from 'node:crypto';
import twitterText from 'twitter-text';
import type { FakeXMetrics, FakeXPostInput } from './fake-x-types.js';

export type PostKind = 'original' | 'reply' | 'quote' | 'repost';

export interface HashtagEntity { start: number; end: number; tag: string }
export interface MentionEntity { start: number; end: number; username: string }
export interface UrlEntity { start: number; end: number; url: string; expanded_url: string; display_url: string }

export interface PostMetrics { like: number; retweet: number; reply: number; quote: number; bookmark: number; impression: number }

/** A long post's whole text and its entities, served as note_tweet when asked for. */
export interface NoteContent {
  text: string;
  hashtags: HashtagEntity[];
  mentions: MentionEntity[];
  urls: UrlEntity[];
}

export interface StoredPost {
  id: string;
  authorId: string;
  /**
   * The text as the author typed it with links replaced by t.co links (X HTML-escapes it when
   * serving). A long post keeps only its first 280 weighted characters and "…" here; `note` has the rest.
   */
  text: string;
  note: NoteContent | null;
  /** The ids of the post's versions, oldest first; shared by every version of an edited post. */
  editHistory: string[];
  createdAtMs: number;
  lang: string;
  kind: PostKind;
  referencedId: string | null;
  hashtags: HashtagEntity[];
  mentions: MentionEntity[];
  urls: UrlEntity[];
  metrics: PostMetrics;
  deleted: boolean;
  protected: boolean;
}

const NO_METRICS: PostMetrics = { like: 0, retweet: 0, reply: 0, quote: 0, bookmark: 0, impression: 0 };
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** X shortens a display URL's path to this many characters, then adds an ellipsis (seen in recorded responses). */
const DISPLAY_PATH_LENGTH = 15;

export function mergeMetrics(current: PostMetrics, update: FakeXMetrics | undefined): PostMetrics {
  const next = { ...current };
  for (const key of Object.keys(NO_METRICS) as Array<keyof PostMetrics>) {
    const value = update?.[key];
    if (value !== undefined) {
      if (!Number.isInteger(value) || value < 0) throw new Error(`FakeXServer: metric ${key} must be a non-negative integer, got ${value}`);
      next[key] = value;
    }
  }
  return next;
}

/** Code-point offset of a UTF-16 index: X counts entity offsets in code points. */
function codePointOffset(text: string, utf16Index: number): number {
  return [...text.slice(0, utf16Index)].length;
}

/** A stable 10-character t.co path, so the same post always gets the same short links. */
function tcoLink(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  let path = '';
  for (let i = 0; i < 10; i += 1) path += BASE62[digest[i]! % 62];
  return `https://t.co/${path}`;
}

function displayUrl(expanded: string): string {
  const bare = expanded.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^www\./i, '');
  const slash = bare.indexOf('/');
  if (slash === -1) return bare;
  const host = bare.slice(0, slash);
  const path = [...bare.slice(slash)];
  return path.length > DISPLAY_PATH_LENGTH ? host + path.slice(0, DISPLAY_PATH_LENGTH).join('') + '…' : host + path.join('');
}

/** Replaces links found in the text by t.co links and appends the extra ones, as X does when a post is created. */
function wrapLinks(id: string, text: string, extra: ReadonlyArray<{ expanded: string }>): { text: string; urls: UrlEntity[] } {
  const found = twitterText.extractUrlsWithIndices(text);
  const pieces: Array<{ utf16Start: number; utf16End: number; url: string; expanded: string }> = [];
  let out = '';
  let cursor = 0;
  for (const [index, link] of found.entries()) {
    const [start, end] = link.indices;
    out += text.slice(cursor, start);
    const url = tcoLink(`${id}:${index}`);
    pieces.push({ utf16Start: out.length, utf16End: out.length + url.length, url, expanded: /^[a-z]+:\/\//i.test(link.url) ? link.url : `http://${link.url}` });
    out += url;
    cursor = end;
  }
  out += text.slice(cursor);
  const inText = new Set(found.map((link) => link.url));
  for (const link of extra) {
    if (inText.has(link.expanded)) continue;
    const url = tcoLink(`${id}:${pieces.length}`);
    if (out.length > 0) out += ' ';
    pieces.push({ utf16Start: out.length, utf16End: out.length + url.length, url, expanded: link.expanded });
    out += url;
  }
  return {
    text: out,
    urls: pieces.map((piece) => ({
      start: codePointOffset(out, piece.utf16Start),
      end: codePointOffset(out, piece.utf16End),
      url: piece.url,
      expanded_url: piece.expanded,
      display_url: displayUrl(piece.expanded),
    })),
  };
}

export function parseCreatedAt(value: string | Date): number {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (!Number.isFinite(ms)) throw new Error(`FakeXServer: createdAt ${String(value)} is not a valid date`);
  return ms;
}

/** X's longest standard post, in twitter-text weighted characters; longer ones are note tweets. */
const STANDARD_POST_LENGTH = 280;

function contentOf(text: string, urls: UrlEntity[]): NoteContent {
  return {
    text,
    hashtags: twitterText.extractHashtagsWithIndices(text).map((tag) => ({
      start: codePointOffset(text, tag.indices[0]),
      end: codePointOffset(text, tag.indices[1]),
      tag: tag.hashtag,
    })),
    mentions: twitterText.extractMentionsWithIndices(text).map((mention) => ({
      start: codePointOffset(text, mention.indices[0]),
      end: codePointOffset(text, mention.indices[1]),
      username: mention.screenName,
    })),
    urls,
  };
}

/**
 * A post's served text and entities: a long post (a note tweet) shows its first 280 weighted
 * characters and "…" in `text`, with the entities that lie inside them, and keeps the whole in `note`.
 */
function postContent(id: string, typed: string, extraUrls: ReadonlyArray<{ expanded: string }>): { content: NoteContent; note: NoteContent | null } {
  const { text, urls } = wrapLinks(id, typed, extraUrls);
  const whole = contentOf(text, urls);
  const parsed = twitterText.parseTweet(text);
  if (parsed.weightedLength <= STANDARD_POST_LENGTH) return { content: whole, note: null };
  const kept = text.slice(0, parsed.validRangeEnd);
  const inside = <E extends { end: number }>(entities: E[]) => entities.filter((entity) => entity.end <= [...kept].length);
  return {
    content: { text: `${kept}…`, hashtags: inside(whole.hashtags), mentions: inside(whole.mentions), urls: inside(whole.urls) },
    note: whole,
  };
}

/** Builds the stored form of a post; `id` and `referencedId` are decided by the server. */
export function buildStoredPost(input: FakeXPostInput, id: string, createdAtMs: number, referencedId: string | null): StoredPost {
  const { content, note } = postContent(id, input.text, input.urls ?? []);
  return {
    id,
    authorId: input.authorId,
    ...content,
    note,
    editHistory: [id],
    createdAtMs,
    lang: input.lang ?? 'en',
    kind: input.kind ?? 'original',
    referencedId,
    metrics: mergeMetrics(NO_METRICS, input.metrics),
    deleted: false,
    protected: false,
  };
}

/**
 * A new version of `previous` with a new id (X gives every edit its own id, created at the edit),
 * the same counts, and the chain extended; the caller marks the older versions superseded.
 */
export function buildEditedVersion(previous: StoredPost, id: string, editedAtMs: number, typed: string): StoredPost {
  const { content, note } = postContent(id, typed, []);
  const chain = [...previous.editHistory, id];
  return { ...previous, id, ...content, note, editHistory: chain, createdAtMs: editedAtMs, metrics: { ...previous.metrics } };
}
