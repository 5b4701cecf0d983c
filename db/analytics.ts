// Window totals behind the KPIs and the network breakdown: posts and their latest counts from the
// hourly rollup (raw posts for partial hours), distinct contributors and potential reach from posts.
// The dashboard API and the weekly report both read these, so their numbers match.
import {
  engagementsOf,
  kpisFromTotals,
  reportsImpressions,
  type CountTotals,
  type Kpis,
  type WindowTotals,
} from '../core/metrics.js';
import { collectedNetworkIds } from '../core/networks.js';
import type { Network, PostKind } from '../core/types.js';
import { scanPlanFor, scanPlanForWindow, type ScanPlan } from './analytics-plan.js';
import {
  rawScopeSql,
  rollupScopeSql,
  scopeParams,
  splitOnHours,
  wholePieces,
  type AnalyticsScope,
  type Piece,
  type TimeWindow,
} from './analytics-scope.js';
import type { Db } from './connection.js';
import { postIndexOf } from './post-index.js';
import { statement } from './statements.js';

export type { AnalyticsScope, TimeWindow } from './analytics-scope.js';

const SUMS = ['likes', 'reposts', 'replies', 'quotes', 'bookmarks', 'impressions'] as const;

interface GroupRow extends CountTotals {
  k: number;
  network: Network;
  kind: PostKind;
  withImpressions: number;
}

const ROLLUP_GROUPS_SQL = `
  SELECT b.value ->> 'k' AS k, r.network, r.kind, r.with_impressions AS withImpressions, SUM(r.posts) AS posts,
    ${SUMS.map((c) => `SUM(r.${c}) AS ${c}`).join(', ')}
  FROM json_each(@pieces) b CROSS JOIN rollup_posts_hourly r
  WHERE ${rollupScopeSql('r')} AND r.hour >= b.value ->> 's' AND r.hour < b.value ->> 'e'
  GROUP BY 1, 2, 3, 4`;

const RAW_GROUPS_SQL = `
  SELECT b.value ->> 'k' AS k, p.network, p.kind, p.impressions IS NOT NULL AS withImpressions, COUNT(*) AS posts,
    ${SUMS.map((c) => `SUM(COALESCE(p.${c}, 0)) AS ${c}`).join(', ')}
  FROM json_each(@pieces) b CROSS JOIN posts p
  WHERE p.created_at >= b.value ->> 's' AND p.created_at < b.value ->> 'e' AND ${rawScopeSql('p')}
  GROUP BY 1, 2, 3, 4`;

/** Posts of each window grouped by network, kind and whether they report impressions, with their latest counts summed (the in-memory index's sums when it is on). */
export function getPostGroupsByWindow(db: Db, windows: readonly TimeWindow[], scope: AnalyticsScope): Array<WindowTotals['groups'][number] & { k: number }> {
  // The in-memory post index sums the window's posts directly: over 90 days at a million posts that
  // is a few ms, where the hourly rollup's rows take tens (bench/, `npm run bench`).
  const index = postIndexOf(db);
  if (index) return index.postGroupsByWindow(windows, scope);
  const { hours, edges } = splitOnHours(windows);
  const params = scopeParams(scope);
  const rows = [
    ...(hours.length ? statement<[object], GroupRow>(db, ROLLUP_GROUPS_SQL).all({ ...params, pieces: JSON.stringify(hours) }) : []),
    ...(edges.length ? statement<[object], GroupRow>(db, RAW_GROUPS_SQL).all({ ...params, pieces: JSON.stringify(edges) }) : []),
  ];
  const merged = new Map<string, GroupRow>();
  for (const row of rows) {
    const key = `${row.k}|${row.network}|${row.kind}|${row.withImpressions}`;
    const seen = merged.get(key);
    if (!seen) {
      merged.set(key, { ...row });
      continue;
    }
    seen.posts += row.posts;
    for (const column of SUMS) seen[column] += row[column];
  }
  return [...merged.values()]
    .filter((row) => row.posts !== 0)
    .map(({ k, network, kind, withImpressions, ...totals }) => ({ k, network, kind, withImpressions: withImpressions === 1, totals }));
}

interface ContributorRow {
  k: number;
  network: Network;
  contributors: number;
  potentialReach: number;
}

// Authors belong to one network, so per-network distinct counts add up to the overall distinct count.
// Pieces are told apart by their position in the array (b.key), not by their 'k' field: the key is
// free, while b.value ->> 'k' parsed the piece's JSON again for every post, a quarter of the time
// at a million posts (bench/, `npm run bench`). The caller maps positions back to windows.
const CONTRIBUTORS_SQL = `
  SELECT d.piece, a.network, COUNT(*) AS contributors, COALESCE(SUM(a.followers), 0) AS potentialReach
  FROM (
    SELECT DISTINCT b.key AS piece, p.author_id
    FROM json_each(@pieces) b CROSS JOIN posts p
    WHERE p.created_at >= b.value ->> 's' AND p.created_at < b.value ->> 'e' AND ${rawScopeSql('p')}
  ) d JOIN authors a ON a.id = d.author_id
  GROUP BY d.piece, a.network`;

// One whole window read in author order (migration 005): each author's posts are grouped as they
// stream, with no temporary b-tree, and authors are joined in id order. Used for a window holding a
// large share of the posts (db/analytics-plan.ts); the scope filter is the same as above.
const CONTRIBUTORS_BY_AUTHOR_SQL = `
  SELECT a.network, COUNT(*) AS contributors, COALESCE(SUM(a.followers), 0) AS potentialReach
  FROM (
    SELECT p.author_id
    FROM posts p INDEXED BY posts_by_author_created_covering
    WHERE p.created_at >= @start AND p.created_at < @end AND ${rawScopeSql('p')}
    GROUP BY p.author_id
  ) d JOIN authors a ON a.id = d.author_id
  GROUP BY a.network`;

/**
 * Distinct contributors and their potential reach per window and network (each window computed on
 * its own, never added up). The in-memory post index answers unless `plan` names an SQL plan (tests
 * force each) or the index is off. Without it, a single window is read by the plan chosen from its
 * post count (callers that have counted the posts pass scanPlanFor's); several windows (a time
 * series) read the created-ordered index: each bucket is a small share of the posts, and one
 * author-ordered scan per bucket would read the whole table each time.
 */
export function getContributorsByWindow(db: Db, windows: readonly TimeWindow[], scope: AnalyticsScope, plan?: ScanPlan): ContributorRow[] {
  const pieces = wholePieces(windows);
  if (pieces.length === 0) return [];
  const index = plan === undefined || plan === 'memory' ? postIndexOf(db) : null;
  if (index) return index.contributorsByWindow(windows, scope);
  const params = scopeParams(scope);
  if (pieces.length === 1) {
    const [piece] = pieces as [Piece];
    if ((plan === undefined || plan === 'memory' ? scanPlanForWindow(db, windows[piece.k]!, scope) : plan) === 'by-author') {
      const rows = statement<[object], Omit<ContributorRow, 'k'>>(db, CONTRIBUTORS_BY_AUTHOR_SQL).all({ ...params, start: piece.s, end: piece.e });
      return rows.map((row) => ({ k: piece.k, ...row }));
    }
  }
  const rows = statement<[object], Omit<ContributorRow, 'k'> & { piece: number }>(db, CONTRIBUTORS_SQL).all({
    ...params,
    pieces: JSON.stringify(pieces),
  });
  return rows.map(({ piece, ...row }) => ({ k: pieces[piece]!.k, ...row }));
}

/**
 * One window's post groups and contributors: from the in-memory post index in one pass over the
 * window (the KPIs and the network split need both; two passes were half the time of a cold
 * summary at a million posts), else by SQL with the plan chosen from the window's post count.
 */
function groupsAndContributors(db: Db, window: TimeWindow, scope: AnalyticsScope): { groups: Array<WindowTotals['groups'][number] & { k: number }>; contributors: ContributorRow[] } {
  const index = postIndexOf(db);
  if (index) return index.windowTotals(window, scope);
  const groups = getPostGroupsByWindow(db, [window], scope);
  const posts = groups.reduce((sum, group) => sum + group.totals.posts, 0);
  return { groups, contributors: getContributorsByWindow(db, [window], scope, scanPlanFor(db, posts)) };
}

/** Everything the KPIs of one window are computed from. */
export function getWindowTotals(db: Db, window: TimeWindow, scope: AnalyticsScope): WindowTotals {
  const totals = groupsAndContributors(db, window, scope);
  const groups = totals.groups.map(({ k: _k, ...group }) => group);
  const { contributors } = totals;
  return {
    groups,
    contributors: contributors.reduce((sum, row) => sum + row.contributors, 0),
    potentialReach: contributors.reduce((sum, row) => sum + row.potentialReach, 0),
  };
}

/**
 * The KPIs of the posts created in `window`: posts by kind, contributors, their latest engagements
 * and impressions, potential reach and engagement rate (definitions in core/metrics.ts).
 */
export function getKpis(db: Db, window: TimeWindow, scope: AnalyticsScope): Kpis {
  return kpisFromTotals(getWindowTotals(db, window, scope), scope.networks);
}

export interface NetworkBreakdownRow {
  network: Network;
  posts: number;
  contributors: number;
  engagements: number;
  /** Null for networks that do not report impressions. */
  impressions: number | null;
}

/** Posts, contributors, engagements and impressions of each network in scope, for one window. */
export function getNetworkBreakdown(db: Db, window: TimeWindow, scope: AnalyticsScope): NetworkBreakdownRow[] {
  const rows = new Map<Network, NetworkBreakdownRow>(
    collectedNetworkIds().filter((network) => scope.networks.includes(network)).map((network) => [
      network,
      { network, posts: 0, contributors: 0, engagements: 0, impressions: reportsImpressions(network) ? 0 : null },
    ]),
  );
  const totals = groupsAndContributors(db, window, scope);
  for (const group of totals.groups) {
    const row = rows.get(group.network);
    if (!row) continue;
    row.posts += group.totals.posts;
    row.engagements += engagementsOf(group.network, group.totals);
    if (row.impressions !== null && group.withImpressions) row.impressions += group.totals.impressions;
  }
  for (const contributor of totals.contributors) {
    const row = rows.get(contributor.network);
    if (row) row.contributors = contributor.contributors;
  }
  return [...rows.values()];
}
