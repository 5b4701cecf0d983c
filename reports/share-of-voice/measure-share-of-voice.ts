// Reads what share of voice needs (db/share-of-voice.ts, the coverage ledger, when each comparator
// was first collected) and hands it to core/share-of-voice.ts. Shared by the API and the weekly report.
import { NO_ACCOUNT_MAP, type AccountMap } from '../../core/amplifier-accounts.js';
import { bucketStatus, collectionReach, coverageOf, type CoverageLedger } from '../../core/collection-coverage.js';
import { shareOfVoice, type ComparatorVoice, type SovBucketInput } from '../../core/share-of-voice.js';
import type { Network } from '../../core/types.js';
import type { AnalyticsScope, TimeWindow } from '../../db/analytics-scope.js';
import { getComparatorCollectionStarts } from '../../db/comparator-posts.js';
import type { Db } from '../../db/connection.js';
import { getRecentCoverageLedger } from '../../db/coverage-ledger.js';
import { getCampaignVoice, getComparatorVoice, type BucketAccount } from '../../db/share-of-voice.js';

interface MutableSample {
  posts: number;
  people: string[];
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
const personKey = (map: AccountMap, account: BucketAccount) => {
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

/** Share of voice against each comparator over `buckets`. */
export function measureShareOfVoice(db: Db, query: ShareOfVoiceQuery): ComparatorVoice[] {
  const { buckets, scope, comparators } = query;
  if (comparators.length === 0) return [];
  const map = query.accountMap ?? NO_ACCOUNT_MAP;
  const ledger = getRecentCoverageLedger(db, query.now);
  const campaign = getCampaignVoice(db, buckets, scope);
  const others = getComparatorVoice(db, buckets, scope, comparators);
  const sample = (): MutableSample => ({ posts: 0, people: [], engagements: 0 });
  const sides = buckets.map(() => ({
    campaign: sample(),
    comparators: Object.fromEntries(comparators.map((tag) => [tag, { only: sample(), overlapPosts: 0 }])) as Record<string, { only: MutableSample; overlapPosts: number }>,
  }));
  for (const row of campaign.totals) Object.assign(sides[row.k]!.campaign, { posts: row.posts, engagements: row.engagements ?? 0 });
  for (const row of campaign.accounts) sides[row.k]!.campaign.people.push(personKey(map, row));
  for (const row of others.totals) Object.assign(sides[row.k]!.comparators[row.tag]!.only, { posts: row.posts, engagements: row.engagements ?? 0 });
  for (const row of others.accounts) sides[row.k]!.comparators[row.tag]!.only.people.push(personKey(map, row));
  for (const row of others.overlap) sides[row.k]!.comparators[row.tag]!.overlapPosts = row.posts;
  const inputs: SovBucketInput[] = buckets.map((bucket, k) => ({ start: bucket.start, end: bucket.end, status: bucketStatus(ledger, bucket, scope.networks), ...sides[k]! }));
  return shareOfVoice({ comparators, collectedSince: comparatorCollectedSince(db, ledger, scope.networks, comparators), buckets: inputs });
}
