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
import { bucketFinder } from '../core/bucket-finder.js';
import { askedPositions, comparatorIndexOf, type CampaignAccounts, type ComparatorSample } from './comparator-index.js';
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

// Raw rows, tags matched in code: json_each and a join to authors per row cost more than the rows.
// The unary + keeps the planner off the (network, network_id) index, which read every comparator
// post whatever the range (90 ms for one day at 200,000 comparator posts): the range picks the rows.
const COMPARATOR_ROWS_SQL = `
  SELECT c.created_at, c.network || ':' || c.author_network_id, c.tags, ${engagementsSql('c')}
  FROM comparator_posts c
  WHERE c.created_at >= @start AND c.created_at < @end AND +c.network IN (SELECT value FROM json_each(@networks))`;

/** Both sides per bucket with people as codes: the campaign's from the post index, the comparators' per bucket and comparator tag. */
export interface IndexedVoices {
  campaign: IndexedVoice[];
  /** [bucket][position of the tag in `tags`]. */
  comparators: ComparatorSample[][];
}

/**
 * The campaign's side per bucket (posts, engagements, authors, overlap per comparator) from the post
 * index and the comparator side per bucket and tag, people coded alike (a campaign account is its
 * author id); null when the index cannot answer. The comparator side comes from the comparator
 * index (migration 018), else from SQL.
 */
export function getIndexedVoices(db: Db, buckets: readonly TimeWindow[], scope: AnalyticsScope, tags: readonly string[]): IndexedVoices | null {
  const index = postIndexOf(db);
  if (!index) return null;
  const campaign = index.voiceByBucket(buckets, scope, tags);
  const comparators = comparatorIndexOf(db)?.voiceByBucket(buckets, scope.networks, tags, index) ?? comparatorVoicesFromSql(db, buckets, scope, tags, index);
  return { campaign, comparators };
}

/** The comparator side per bucket and tag read from SQL: a campaign account is its author id, any other account a code from authorIdLimit() up. */
function comparatorVoicesFromSql(db: Db, buckets: readonly TimeWindow[], scope: AnalyticsScope, tags: readonly string[], campaign: CampaignAccounts): ComparatorSample[][] {
  const window = { start: buckets[0]?.start ?? 0, end: buckets.at(-1)?.end ?? 0 };
  const rows = statement<[object], [number, string, string, number]>(db, COMPARATOR_ROWS_SQL)
    .raw(true)
    .all({ networks: JSON.stringify(scope.networks), start: window.start, end: window.end });
  const samples = buckets.map(() => tags.map(() => ({ posts: 0, engagements: 0, people: new Set<number>() })));
  const bucketOf = bucketFinder(buckets);
  // An account the campaign does not have is coded from the campaign's free codes up.
  const others = new Map<string, number>();
  const personOf = (account: string) => {
    let code = campaign.authorIdOf(account) ?? others.get(account);
    if (code === undefined) others.set(account, (code = campaign.authorIdLimit() + others.size));
    return code;
  };
  // Tag lists repeat (a comparator or two): each is parsed once.
  const listed = new Map<string, number[]>();
  for (const [createdAt, account, list, engagements] of rows) {
    const k = bucketOf(createdAt);
    if (k === null) continue;
    let carried = listed.get(list);
    if (!carried) listed.set(list, (carried = askedPositions(JSON.parse(list) as string[], tags)));
    for (const t of carried) {
      const sample = samples[k]![t]!;
      sample.posts += 1;
      sample.engagements += engagements;
      sample.people.add(personOf(account));
    }
  }
  return samples.map((bucket) => bucket.map((sample) => ({ ...sample, people: [...sample.people] })));
}
