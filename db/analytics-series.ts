// Values per time bucket for the growth charts: posts and contributors by creation time, and
// engagements and impressions gained in each bucket from the snapshot history (rollup_gains_hourly,
// with raw snapshots for partial hours). Buckets are any windows the caller chose (local days, weeks).
import { engagementsSql, impressionsSql } from '../core/metrics.js';
import {
  rawScopeSql,
  rollupScopeSql,
  scopeParams,
  splitOnHours,
  type AnalyticsScope,
  type TimeWindow,
} from './analytics-scope.js';
import { getContributorsByWindow } from './analytics.js';
import type { Db } from './connection.js';
import { postIndexOf } from './post-index.js';
import { statement } from './statements.js';

const COUNTS = ['likes', 'reposts', 'replies', 'quotes', 'bookmarks', 'impressions'] as const;

interface KeyedValue {
  k: number;
  value: number;
}

const ROLLUP_POSTS_SQL = `
  SELECT b.value ->> 'k' AS k, SUM(r.posts) AS value
  FROM json_each(@pieces) b CROSS JOIN rollup_posts_hourly r
  WHERE ${rollupScopeSql('r')} AND r.hour >= b.value ->> 's' AND r.hour < b.value ->> 'e'
  GROUP BY 1`;

const RAW_POSTS_SQL = `
  SELECT b.value ->> 'k' AS k, COUNT(*) AS value
  FROM json_each(@pieces) b CROSS JOIN posts p
  WHERE p.created_at >= b.value ->> 's' AND p.created_at < b.value ->> 'e' AND ${rawScopeSql('p')}
  GROUP BY 1`;

function zeroFilled(length: number, ...rowSets: KeyedValue[][]): number[] {
  const values = new Array<number>(length).fill(0);
  for (const rows of rowSets) for (const row of rows) values[row.k] = (values[row.k] ?? 0) + (row.value ?? 0);
  return values;
}

/** Live posts created in each bucket (zero where none). */
export function getPostsSeries(db: Db, buckets: readonly TimeWindow[], scope: AnalyticsScope): number[] {
  // Days and weeks come from the post index's day totals when it keeps them: 180 days of the hourly
  // rollup took 50 ms at a million posts (`npm run bench:xl`). Hours stay with the rollup.
  const index = postIndexOf(db);
  if (index?.holdsWholeDays(buckets)) {
    const values = new Array<number>(buckets.length).fill(0);
    for (const group of index.postGroupsByWindow(buckets, scope)) values[group.k]! += group.totals.posts;
    return values;
  }
  const { hours, edges } = splitOnHours(buckets);
  const params = scopeParams(scope);
  return zeroFilled(
    buckets.length,
    hours.length ? statement<[object], KeyedValue>(db, ROLLUP_POSTS_SQL).all({ ...params, pieces: JSON.stringify(hours) }) : [],
    edges.length ? statement<[object], KeyedValue>(db, RAW_POSTS_SQL).all({ ...params, pieces: JSON.stringify(edges) }) : [],
  );
}

/** Distinct contributors of each bucket and their potential reach, each bucket computed on its own. */
export function getContributorSeries(db: Db, buckets: readonly TimeWindow[], scope: AnalyticsScope): { contributors: number[]; potentialReach: number[] } {
  const rows = getContributorsByWindow(db, buckets, scope);
  return {
    contributors: zeroFilled(buckets.length, rows.map((row) => ({ k: row.k, value: row.contributors }))),
    potentialReach: zeroFilled(buckets.length, rows.map((row) => ({ k: row.k, value: row.potentialReach }))),
  };
}

interface GainRow {
  k: number;
  engagements: number;
  impressions: number | null;
}

const ROLLUP_GAINS_SQL = `
  SELECT b.value ->> 'k' AS k, SUM(${engagementsSql('r')}) AS engagements, SUM(${impressionsSql('r')}) AS impressions
  FROM json_each(@pieces) b CROSS JOIN rollup_gains_hourly r
  WHERE ${rollupScopeSql('r')} AND r.hour >= b.value ->> 's' AND r.hour < b.value ->> 'e'
  GROUP BY 1`;

// Partial hours, with the rollup's attribution: a snapshot's difference from the post's previous
// one at the time it was observed, and a post's first reading in full at the post's creation time.
// CROSS JOIN pins the join order: the snapshots of the partial hour (metric_snapshots_by_time) lead.
// Left to itself the planner walked every post of the scope and probed its snapshots, which took
// most of a second at a million posts for a half-hour edge (bench/, `npm run bench`).
const RAW_GAINS_SQL = `
  SELECT d.k, SUM(${engagementsSql('d')}) AS engagements, SUM(${impressionsSql('d')}) AS impressions
  FROM (
    SELECT b.value ->> 'k' AS k, p.network,
      ${COUNTS.map((c) => `COALESCE(s.${c}, 0) - COALESCE(prev.${c}, 0) AS ${c}`).join(', ')}
    FROM json_each(@pieces) b CROSS JOIN metric_snapshots s
    CROSS JOIN posts p ON p.id = s.post_id
    JOIN metric_snapshots prev ON prev.post_id = s.post_id
      AND prev.observed_at = (SELECT MAX(observed_at) FROM metric_snapshots WHERE post_id = s.post_id AND observed_at < s.observed_at)
    WHERE s.observed_at >= b.value ->> 's' AND s.observed_at < b.value ->> 'e' AND ${rawScopeSql('p')}
    UNION ALL
    SELECT b.value ->> 'k' AS k, p.network, ${COUNTS.map((c) => `COALESCE(s.${c}, 0) AS ${c}`).join(', ')}
    FROM json_each(@pieces) b CROSS JOIN posts p
    JOIN metric_snapshots s ON s.post_id = p.id
      AND s.observed_at = (SELECT MIN(observed_at) FROM metric_snapshots WHERE post_id = p.id)
    WHERE p.created_at >= b.value ->> 's' AND p.created_at < b.value ->> 'e' AND ${rawScopeSql('p')}
  ) d
  GROUP BY d.k`;

/**
 * Engagements and impressions gained in each bucket (net: a count that went down subtracts).
 * Impressions are summed over the networks that report them; the caller decides whether "no such
 * network in scope" makes them null.
 */
export function getGainedSeries(db: Db, buckets: readonly TimeWindow[], scope: AnalyticsScope): { engagements: number[]; impressions: number[] } {
  const { hours, edges } = splitOnHours(buckets);
  const params = scopeParams(scope);
  const rows = [
    ...(hours.length ? statement<[object], GainRow>(db, ROLLUP_GAINS_SQL).all({ ...params, pieces: JSON.stringify(hours) }) : []),
    ...(edges.length ? statement<[object], GainRow>(db, RAW_GAINS_SQL).all({ ...params, pieces: JSON.stringify(edges) }) : []),
  ];
  return {
    engagements: zeroFilled(buckets.length, rows.map((row) => ({ k: row.k, value: row.engagements }))),
    impressions: zeroFilled(buckets.length, rows.map((row) => ({ k: row.k, value: row.impressions ?? 0 }))),
  };
}
