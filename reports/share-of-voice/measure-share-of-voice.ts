// Reads what share of voice needs (db/share-of-voice.ts, the coverage ledger, when each comparator
// was first collected) and hands it to core/share-of-voice.ts. Shared by the API and the weekly report.
import { bucketFinder } from '../../core/bucket-finder.js';
import { NO_ACCOUNT_MAP, type AccountMap } from '../../core/amplifier-accounts.js';
import { bucketStatus, collectionReach, coverageOf, type CoverageLedger } from '../../core/collection-coverage.js';
import { shareOfVoice, type ComparatorVoice, type PersonKey, type SovBucketInput } from '../../core/share-of-voice.js';
import type { Network } from '../../core/types.js';
import type { AnalyticsScope, TimeWindow } from '../../db/analytics-scope.js';
import { getComparatorCollectionStarts } from '../../db/comparator-posts.js';
import type { Db } from '../../db/connection.js';
import { getRecentCoverageLedger } from '../../db/coverage-ledger.js';
import { getCampaignVoicePosts, getComparatorVoicePosts, getIndexedVoices, getOverlapPosts, type VoicePost } from '../../db/share-of-voice.js';

interface MutableSample {
  posts: number;
  people: PersonKey[];
  engagements: number;
}

export interface ShareOfVoiceQuery {
  buckets: readonly TimeWindow[];
  scope: AnalyticsScope;
  comparators: readonly string[];
  now: number;
  /** One person's accounts counted once (AMPLIFIER_ACCOUNTS_FILE). */
  accountMap?: AccountMap;
}

/** The person an account is: its mapped person, or the account itself. */
const personKey = (map: AccountMap, account: VoicePost) => {
  const person = map.personOf(account.network, account.username);
  return person === null ? `account:${account.network}:${account.accountId}` : `person:${person}`;
};

/**
 * From when each comparator counts as collected on the scope's networks: its first pass on each
 * network that was ever collected, less how far that first pass reaches back; the latest of these.
 */
export function comparatorCollectedSince(db: Db, ledger: CoverageLedger, networks: readonly Network[], comparators: readonly string[]): Record<string, number | null> {
  const starts = getComparatorCollectionStarts(db);
  const judged = networks.filter((network) => coverageOf(ledger, network).collectionBegan !== null);
  return Object.fromEntries(
    comparators.map((tag) => {
      const since = judged.map((network) => {
        const first = starts.find((row) => row.tag === tag && row.network === network);
        return first ? first.firstCollectedAt - collectionReach(network).firstRunMs : null;
      });
      return [tag, judged.length === 0 || since.includes(null) ? null : Math.max(...(since as number[]))];
    }),
  );
}

type Sides = Array<Pick<SovBucketInput, 'campaign' | 'comparators'>>;
type MutableSides = Array<{ campaign: MutableSample; comparators: Record<string, { only: MutableSample; overlapPosts: number }> }>;

const sample = (): MutableSample => ({ posts: 0, people: [], engagements: 0 });

function emptySides(buckets: readonly TimeWindow[], comparators: readonly string[]): MutableSides {
  return buckets.map(() => ({
    campaign: sample(),
    comparators: Object.fromEntries(comparators.map((tag) => [tag, { only: sample(), overlapPosts: 0 }])),
  }));
}

/** Both sides per bucket read by SQL, people as strings (any account map). */
function sidesFromSql(db: Db, query: ShareOfVoiceQuery, map: AccountMap): Sides {
  const { buckets, scope, comparators } = query;
  const sides = emptySides(buckets, comparators);
  const window = { start: buckets[0]?.start ?? 0, end: buckets.at(-1)?.end ?? 0 };
  const bucketOf = bucketFinder(buckets);
  const add = (into: MutableSample, post: VoicePost) => {
    into.posts += 1;
    into.engagements += post.engagements ?? 0;
    into.people.push(personKey(map, post));
  };
  for (const post of getCampaignVoicePosts(db, window, scope)) {
    const k = bucketOf(post.createdAt);
    if (k !== null) add(sides[k]!.campaign, post);
  }
  for (const post of getComparatorVoicePosts(db, window, scope, comparators)) {
    const k = bucketOf(post.createdAt);
    if (k !== null) add(sides[k]!.comparators[post.tag]!.only, post);
  }
  for (const post of getOverlapPosts(db, window, scope, comparators)) {
    const k = bucketOf(post.createdAt);
    if (k !== null) sides[k]!.comparators[post.tag]!.overlapPosts += 1;
  }
  return sides;
}

/** Both sides per bucket with the campaign's from the post index, people as codes; null when it cannot answer. */
function sidesFromIndex(db: Db, query: ShareOfVoiceQuery): Sides | null {
  const { buckets, scope, comparators } = query;
  const voices = getIndexedVoices(db, buckets, scope, comparators);
  if (!voices) return null;
  return voices.campaign.map((voice, k) => ({
    campaign: { posts: voice.posts, people: voice.authors, engagements: voice.engagements },
    comparators: Object.fromEntries(comparators.map((tag, t) => [tag, { only: voices.comparators[k]![t]!, overlapPosts: voice.tagPosts[t]! }])),
  }));
}

/** Share of voice against each comparator over `buckets`. */
export function measureShareOfVoice(db: Db, query: ShareOfVoiceQuery): ComparatorVoice[] {
  const { buckets, scope, comparators } = query;
  if (comparators.length === 0) return [];
  const map = query.accountMap ?? NO_ACCOUNT_MAP;
  const ledger = getRecentCoverageLedger(db, query.now);
  // Person codes stand for accounts only: with mapped people, the SQL's names decide.
  const sides = (map.people.length === 0 ? sidesFromIndex(db, query) : null) ?? sidesFromSql(db, query, map);
  const inputs: SovBucketInput[] = buckets.map((bucket, k) => ({ start: bucket.start, end: bucket.end, status: bucketStatus(ledger, bucket, scope.networks), ...sides[k]! }));
  return shareOfVoice({ comparators, collectedSince: comparatorCollectedSince(db, ledger, scope.networks, comparators), buckets: inputs });
}
