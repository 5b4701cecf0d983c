// The campaign's metric definitions, in one pure module used by the dashboard, reports and exports:
// what counts as an engagement on each network, impressions, potential reach and engagement rate.
import { collectedNetworkIds, collectionTraits, isCollectedNetwork, type EngagementComponent } from './networks.js';
import type { MetricCounts, MetricReading, Network, PostKind } from './types.js';

/**
 * Version of the whole set of definitions below. Bump it whenever any definition changes, and
 * describe the change in README "Metric definitions", so numbers before and after can be told apart.
 */
export const METRIC_DEFINITIONS_VERSION = '1.0';

/**
 * Version of the per-network engagement formula ({@link engagementComponentsOf}). Bump it when a
 * network's components change. Stored counts are per component, so every chart and report is
 * recomputed with the current formula and shows this number: a change never mixes two formulas.
 */
export const ENGAGEMENT_FORMULA_VERSION = 1;

export type MetricColumn = keyof MetricReading;
export type { EngagementComponent };

/** The stored count columns, in storage order. */
export const METRIC_COLUMNS = ['likes', 'reposts', 'replies', 'quotes', 'bookmarks', 'impressions'] as const satisfies readonly MetricColumn[];

/**
 * What an engagement is on `network`, from the network registry (core/networks.ts), following each
 * network's published public metrics: X counts likes, reposts, replies, quotes and bookmarks; Bluesky
 * likes, reposts, replies and quotes; Mastodon favourites (stored as likes), boosts (stored as reposts)
 * and replies. A count a network reports but the formula leaves out (Bluesky bookmarks, Mastodon
 * quotes) is kept in storage but not counted.
 */
export function engagementComponentsOf(network: Network): readonly EngagementComponent[] {
  return collectionTraits(network).engagementComponents;
}

/** How the engagement rate is computed, as the API and reports state it. */
export const ENGAGEMENT_RATE_BASIS = 'ratio of totals over posts with impressions' as const;

/** Whether `network` reports impressions at all (a post on another network has "n/a", never 0). */
export function reportsImpressions(network: Network): boolean {
  return isCollectedNetwork(network) && collectionTraits(network).reportsImpressions;
}

/** Engagements of one post (or of summed counts of one network): the network's components added, a missing count as 0. */
export function engagementsOf(network: Network, counts: Partial<Record<EngagementComponent, number | null>>): number {
  let total = 0;
  for (const component of engagementComponentsOf(network)) total += counts[component] ?? 0;
  return total;
}

/** Engagements of one post as an export states them: null when its network reported none of the counts its formula adds. */
export function postEngagementsOf(network: Network, reading: MetricReading): number | null {
  const reported = engagementComponentsOf(network).some((component) => reading[component] !== null);
  return reported ? engagementsOf(network, reading) : null;
}

/** Impressions of one post: X's reported count, or null where the network reports none or did not this time. */
export function impressionsOf(network: Network, reading: Pick<MetricReading, 'impressions'>): number | null {
  return reportsImpressions(network) ? reading.impressions : null;
}

/**
 * The SQL expression for engagements of one row that has a `network` column and the count columns
 * (posts, or the rollup tables). `table` qualifies the columns, e.g. `p` for `p.likes`.
 * db/ builds every engagement query with it, so SQL and {@link engagementsOf} cannot drift apart.
 */
export function engagementsSql(table?: string): string {
  const column = (name: string) => (table ? `${table}.${name}` : name);
  const branches = collectedNetworkIds().map((network) => {
    const sum = engagementComponentsOf(network).map((component) => `COALESCE(${column(component)}, 0)`).join(' + ');
    return `WHEN '${network}' THEN ${sum}`;
  });
  return `(CASE ${column('network')} ${branches.join(' ')} ELSE 0 END)`;
}

/** The SQL expression for impressions of one row: the stored count on networks that report it, else NULL. */
export function impressionsSql(table?: string): string {
  const column = (name: string) => (table ? `${table}.${name}` : name);
  const networks = collectedNetworkIds()
    .filter(reportsImpressions)
    .map((network) => `'${network}'`)
    .join(', ');
  if (!networks) return 'NULL';
  return `(CASE WHEN ${column('network')} IN (${networks}) THEN ${column('impressions')} END)`;
}

export type ImpressionsCoverage = 'all' | 'partial' | 'none';

/** Whether every, some or none of the networks in scope report impressions. */
export function impressionsCoverage(networksInScope: readonly Network[]): ImpressionsCoverage {
  const reporting = networksInScope.filter(reportsImpressions).length;
  if (reporting === 0) return 'none';
  return reporting === networksInScope.length ? 'all' : 'partial';
}

/**
 * Potential reach of a window: the sum of the latest follower counts of its distinct contributors
 * (each contributor once, however often they posted). An upper bound of the accounts that could have
 * seen a post: followers overlap and most do not look. Never add the reach of days to get a week's.
 */
export function potentialReach(followersOfDistinctContributors: Iterable<number | null>): number {
  let total = 0;
  for (const followers of followersOfDistinctContributors) total += followers ?? 0;
  return total;
}

/**
 * Engagement rate as a ratio of totals: engagements of the posts that report impressions divided by
 * those posts' impressions. Null where there are no impressions to divide by (never 0 for "unknown").
 */
export function engagementRate(engagementsOfPostsWithImpressions: number, impressionsOfThosePosts: number | null): number | null {
  if (impressionsOfThosePosts === null || impressionsOfThosePosts <= 0) return null;
  return engagementsOfPostsWithImpressions / impressionsOfThosePosts;
}

export type PostCountsByKind = Record<PostKind, number> & { total: number };

/** Summed counts of one network's posts of one kind in a window (from storage, before any formula). */
export interface CountTotals extends MetricCounts {
  posts: number;
}

/** What the KPIs of a window are computed from: per network and kind, all posts and the posts reporting impressions. */
export interface WindowTotals {
  groups: ReadonlyArray<{ network: Network; kind: PostKind; withImpressions: boolean; totals: CountTotals }>;
  /** Distinct authors of the window's posts. */
  contributors: number;
  /** Potential reach of the window's distinct contributors (see {@link potentialReach}). */
  potentialReach: number;
}

/** The headline numbers of a window, as the dashboard, reports and exports show them. */
export interface Kpis {
  posts: PostCountsByKind;
  contributors: number;
  engagements: number;
  /** Null when no network in scope reports impressions (shown "n/a", never 0). */
  impressions: number | null;
  impressionsCoverage: ImpressionsCoverage;
  potentialReach: number;
  engagementRate: number | null;
  engagementRateBasis: typeof ENGAGEMENT_RATE_BASIS;
}

/** Posts of a window counted by kind, with the total. */
export function emptyPostCounts(): PostCountsByKind {
  return { total: 0, original: 0, reply: 0, quote: 0, repost: 0 };
}

/**
 * KPIs of a window from its stored totals. Engagements and impressions are the latest counts of the
 * posts created in the window; `networksInScope` decides whether impressions are null.
 */
export function kpisFromTotals(totals: WindowTotals, networksInScope: readonly Network[]): Kpis {
  const posts = emptyPostCounts();
  let engagements = 0;
  let impressions = 0;
  let engagementsWithImpressions = 0;
  for (const group of totals.groups) {
    posts[group.kind] += group.totals.posts;
    posts.total += group.totals.posts;
    const groupEngagements = engagementsOf(group.network, group.totals);
    engagements += groupEngagements;
    if (group.withImpressions && reportsImpressions(group.network)) {
      impressions += group.totals.impressions;
      engagementsWithImpressions += groupEngagements;
    }
  }
  const coverage = impressionsCoverage(networksInScope);
  const scopedImpressions = coverage === 'none' ? null : impressions;
  return {
    posts,
    contributors: totals.contributors,
    engagements,
    impressions: scopedImpressions,
    impressionsCoverage: coverage,
    potentialReach: totals.potentialReach,
    engagementRate: coverage === 'none' ? null : engagementRate(engagementsWithImpressions, scopedImpressions),
    engagementRateBasis: ENGAGEMENT_RATE_BASIS,
  };
}

/** One line per metric for people (README, dashboard tooltips, report footnotes). */
export const METRIC_DESCRIPTIONS = {
  posts: 'Posts carrying a tracked hashtag, created in the period; originals, replies, quotes and reposts counted apart. Removed posts are not counted.',
  contributors: 'Distinct accounts that posted in the period.',
  engagements:
    'X: likes + reposts + replies + quotes + bookmarks; Bluesky: likes + reposts + replies + quotes; Mastodon: favourites + boosts + replies. Latest counts of the period\'s posts; on growth charts, what was gained in each interval.',
  impressions: 'X\'s reported impression_count only; "n/a" where no network in scope reports impressions.',
  potentialReach: 'Sum of the latest follower counts of the period\'s distinct contributors: an upper bound, computed for the whole period, never by adding days.',
  engagementRate: 'Engagements divided by impressions, over posts that report impressions only (a ratio of totals, not an average of per-post rates).',
} as const satisfies Record<keyof Omit<Kpis, 'impressionsCoverage' | 'engagementRateBasis'>, string>;
