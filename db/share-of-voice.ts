// The posts share of voice is computed from (core/share-of-voice.ts), one row per post in a window:
// the campaign's live posts (posts), comparator-only posts (comparator_posts, migration 016), and the
// campaign posts that also carry a comparator hashtag (overlap). Engagements are each post's latest
// counts. One ordered read per side, bucketed by the caller: a join of every bucket against the
// posts read the same rows once per bucket and took seconds for a 90-day view of 100k posts.
// With the in-memory post index the campaign side and the overlap come from it instead, and people
// are codes (author ids) rather than strings, and the comparator side from the comparator index
// (db/comparator-index.ts) when the change log covers it.
import { engagementsSql } from '../core/metrics.js';
import type { Network } from '../core/types.js';
import { rawScopeSql, scopeParams, type AnalyticsScope, type TimeWindow } from './analytics-scope.js';
import { comparatorIndexOf, type CodedComparatorPost } from './comparator-index.js';
import type { Db } from './connection.js';
import { postIndexOf, type IndexedVoice } from './post-index.js';
import { statement } from './statements.js';

/** One post on one side of the conversation, with who wrote it. */
export interface VoicePost {
  createdAt: number;
  network: Network;
  accountId: string;
  username: string;
  engagements: number;
}

const CAMPAIGN_SQL = `
  SELECT p.created_at AS createdAt, p.network, a.network_id AS accountId, a.username, ${engagementsSql('p')} AS engagements
  FROM posts p JOIN authors a ON a.id = p.author_id
  WHERE p.created_at >= @start AND p.created_at < @end AND ${rawScopeSql('p')}`;

const COMPARATOR_SQL = `
  SELECT c.created_at AS createdAt, c.network, c.author_network_id AS accountId, c.author_username AS username, ${engagementsSql('c')} AS engagements, t.value AS tag
  FROM comparator_posts c, json_each(c.tags) t
  WHERE c.created_at >= @start AND c.created_at < @end AND c.network IN (SELECT value FROM json_each(@networks))
    AND t.value IN (SELECT value FROM json_each(@tags))`;

const OVERLAP_SQL = `
  SELECT p.created_at AS createdAt, h.tag
  FROM post_hashtags h JOIN posts p ON p.id = h.post_id
  WHERE h.tag IN (SELECT value FROM json_each(@tags)) AND p.created_at >= @start AND p.created_at < @end AND ${rawScopeSql('p')}`;

/** The campaign's live posts created in `window`, for the scope. */
export function getCampaignVoicePosts(db: Db, window: TimeWindow, scope: AnalyticsScope): VoicePost[] {
  return statement<[object], VoicePost>(db, CAMPAIGN_SQL).all({ ...scopeParams(scope), start: window.start, end: window.end });
}

/** Comparator-only posts created in `window` on the scope's networks, once per comparator hashtag they carry. */
export function getComparatorVoicePosts(db: Db, window: TimeWindow, scope: AnalyticsScope, tags: readonly string[]): Array<VoicePost & { tag: string }> {
  return statement<[object], VoicePost & { tag: string }>(db, COMPARATOR_SQL).all({ networks: JSON.stringify(scope.networks), tags: JSON.stringify(tags), start: window.start, end: window.end });
}

/** Campaign posts created in `window` (in scope) that also carry a comparator hashtag, once per such hashtag. */
export function getOverlapPosts(db: Db, window: TimeWindow, scope: AnalyticsScope, tags: readonly string[]): Array<{ createdAt: number; tag: string }> {
  return statement<[object], { createdAt: number; tag: string }>(db, OVERLAP_SQL).all({ ...scopeParams(scope), tags: JSON.stringify(tags), start: window.start, end: window.end });
}

export type { CodedComparatorPost };

// Raw rows, tags matched in code: json_each and a join to authors per row cost more than the rows.
// The unary + keeps the planner off the (network, network_id) index, which read every comparator
// post whatever the range (90 ms for one day at 200,000 comparator posts): the range picks the rows.
const COMPARATOR_ROWS_SQL = `
  SELECT c.created_at, c.network || ':' || c.author_network_id, c.tags, ${engagementsSql('c')}
  FROM comparator_posts c
  WHERE c.created_at >= @start AND c.created_at < @end AND +c.network IN (SELECT value FROM json_each(@networks))`;

/** Both sides with people as codes: the campaign's per bucket from the post index, the comparators' posts. */
export interface IndexedVoices {
  campaign: IndexedVoice[];
  comparatorPosts: CodedComparatorPost[];
}

/**
 * The campaign's side per bucket (posts, engagements, authors, overlap per comparator) from the post
 * index and the comparator posts of the buckets' span, people coded alike; null when the index cannot answer.
 * The comparator posts come from the comparator index (migration 018), else from SQL.
 */
export function getIndexedVoices(db: Db, buckets: readonly TimeWindow[], scope: AnalyticsScope, tags: readonly string[]): IndexedVoices | null {
  const index = postIndexOf(db);
  if (!index) return null;
  const campaign = index.voiceByBucket(buckets, scope, tags);
  const window = { start: buckets[0]?.start ?? 0, end: buckets.at(-1)?.end ?? 0 };
  // An author committed after the index caught up has no campaign posts in it: coded as an account apart.
  const others = new Map<string, number>();
  const free = index.authorIdLimit();
  const personOf = (account: string) => {
    let code = index.authorIdOf(account) ?? others.get(account);
    if (code === undefined) others.set(account, (code = free + others.size));
    return code;
  };
  const comparatorPosts = comparatorIndexOf(db)?.posts(window, scope.networks, tags, personOf) ?? comparatorPostsFromSql(db, window, scope, tags, personOf);
  return { campaign, comparatorPosts };
}

/** The comparator posts of `window` read from SQL, as the comparator index gives them. */
function comparatorPostsFromSql(db: Db, window: TimeWindow, scope: AnalyticsScope, tags: readonly string[], personOf: (account: string) => number): CodedComparatorPost[] {
  const rows = statement<[object], [number, string, string, number]>(db, COMPARATOR_ROWS_SQL)
    .raw(true)
    .all({ networks: JSON.stringify(scope.networks), start: window.start, end: window.end });
  const wanted = new Set(tags);
  // Tag lists repeat (a comparator or two): each is parsed once.
  const listed = new Map<string, string[]>();
  const comparatorPosts: CodedComparatorPost[] = [];
  for (const [createdAt, account, list, engagements] of rows) {
    let carried = listed.get(list);
    if (!carried) listed.set(list, (carried = (JSON.parse(list) as string[]).filter((tag) => wanted.has(tag))));
    if (carried.length === 0) continue;
    const person = personOf(account);
    for (const tag of carried) comparatorPosts.push({ createdAt, person, engagements, tag });
  }
  return comparatorPosts;
}
