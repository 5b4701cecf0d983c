// The figures share of voice is computed from (core/share-of-voice.ts), per bucket: the campaign's
// live posts (posts), comparator-only posts (comparator_posts, migration 016), and the campaign
// posts that also carry a comparator hashtag (overlap). Engagements are each post's latest counts.
import { engagementsSql } from '../core/metrics.js';
import type { Network } from '../core/types.js';
import { rawScopeSql, scopeParams, wholePieces, type AnalyticsScope, type TimeWindow } from './analytics-scope.js';
import type { Db } from './connection.js';
import { statement } from './statements.js';

/** One account that posted in a bucket (on one side of the conversation). */
export interface BucketAccount {
  k: number;
  network: Network;
  accountId: string;
  username: string;
}

export interface BucketTotals {
  k: number;
  posts: number;
  engagements: number;
}

export interface VoiceRows {
  totals: BucketTotals[];
  accounts: BucketAccount[];
}

export interface ComparatorRows {
  totals: Array<BucketTotals & { tag: string }>;
  accounts: Array<BucketAccount & { tag: string }>;
  overlap: Array<{ k: number; tag: string; posts: number }>;
}

const IN_BUCKET = (column: string) => `${column} >= b.value ->> 's' AND ${column} < b.value ->> 'e'`;

const CAMPAIGN_TOTALS_SQL = `
  SELECT b.value ->> 'k' AS k, COUNT(*) AS posts, SUM(${engagementsSql('p')}) AS engagements
  FROM json_each(@pieces) b CROSS JOIN posts p
  WHERE ${IN_BUCKET('p.created_at')} AND ${rawScopeSql('p')}
  GROUP BY 1`;

const CAMPAIGN_ACCOUNTS_SQL = `
  SELECT DISTINCT b.value ->> 'k' AS k, a.network, a.network_id AS accountId, a.username
  FROM json_each(@pieces) b CROSS JOIN posts p JOIN authors a ON a.id = p.author_id
  WHERE ${IN_BUCKET('p.created_at')} AND ${rawScopeSql('p')}`;

const COMPARATOR_SCOPE = `c.network IN (SELECT value FROM json_each(@networks)) AND t.value IN (SELECT value FROM json_each(@tags))`;

const COMPARATOR_TOTALS_SQL = `
  SELECT b.value ->> 'k' AS k, t.value AS tag, COUNT(*) AS posts, SUM(${engagementsSql('c')}) AS engagements
  FROM json_each(@pieces) b CROSS JOIN comparator_posts c, json_each(c.tags) t
  WHERE ${IN_BUCKET('c.created_at')} AND ${COMPARATOR_SCOPE}
  GROUP BY 1, 2`;

const COMPARATOR_ACCOUNTS_SQL = `
  SELECT DISTINCT b.value ->> 'k' AS k, t.value AS tag, c.network, c.author_network_id AS accountId, c.author_username AS username
  FROM json_each(@pieces) b CROSS JOIN comparator_posts c, json_each(c.tags) t
  WHERE ${IN_BUCKET('c.created_at')} AND ${COMPARATOR_SCOPE}`;

const OVERLAP_SQL = `
  SELECT b.value ->> 'k' AS k, h.tag, COUNT(*) AS posts
  FROM json_each(@pieces) b CROSS JOIN posts p JOIN post_hashtags h ON h.post_id = p.id
  WHERE ${IN_BUCKET('p.created_at')} AND ${rawScopeSql('p')} AND h.tag IN (SELECT value FROM json_each(@tags))
  GROUP BY 1, 2`;

/** The campaign's posts, engagements and accounts per bucket, for the scope. */
export function getCampaignVoice(db: Db, buckets: readonly TimeWindow[], scope: AnalyticsScope): VoiceRows {
  const params = { ...scopeParams(scope), pieces: JSON.stringify(wholePieces(buckets)) };
  return {
    totals: statement<[object], BucketTotals>(db, CAMPAIGN_TOTALS_SQL).all(params),
    accounts: statement<[object], BucketAccount>(db, CAMPAIGN_ACCOUNTS_SQL).all(params),
  };
}

/**
 * Comparator-only posts per bucket and hashtag on the scope's networks, and the campaign posts that
 * carry a comparator hashtag too (overlap; they count for the campaign).
 */
export function getComparatorVoice(db: Db, buckets: readonly TimeWindow[], scope: AnalyticsScope, tags: readonly string[]): ComparatorRows {
  const pieces = JSON.stringify(wholePieces(buckets));
  const comparatorParams = { networks: JSON.stringify(scope.networks), tags: JSON.stringify(tags), pieces };
  return {
    totals: statement<[object], BucketTotals & { tag: string }>(db, COMPARATOR_TOTALS_SQL).all(comparatorParams),
    accounts: statement<[object], BucketAccount & { tag: string }>(db, COMPARATOR_ACCOUNTS_SQL).all(comparatorParams),
    overlap: statement<[object], { k: number; tag: string; posts: number }>(db, OVERLAP_SQL).all({ ...scopeParams(scope), tags: JSON.stringify(tags), pieces }),
  };
}
