// The one catalogue of what the tracker counts: each KPI's id, label, definition, unit, format and
// whether more is better, and each chart series' label and definition. Dashboard cards, the API's
// `definitions`, chart notes, the report rows and the export's per-post KPI columns are generated
// from it. Pure data, plus the per-post readers of the KPIs a single post has.
import { impressionsOf, METRIC_DESCRIPTIONS, postEngagementsOf, type Kpis } from './metrics.js';
import type { MetricReading, Network } from './types.js';

export const KPI_IDS = ['posts', 'contributors', 'engagements', 'impressions', 'potentialReach', 'engagementRate'] as const;
export type KpiId = (typeof KPI_IDS)[number];

/** How a KPI's value is written: a whole count, or a ratio shown as a percentage (changes in percentage points). */
export type KpiFormat = 'count' | 'rate';

export interface KpiDefinition {
  id: KpiId;
  /** What people call it, e.g. "Potential reach". */
  label: string;
  /** One sentence on what it counts (README "Metric definitions" says the same). */
  definition: string;
  /** The same in a few words, for a card under the number. */
  summary: string;
  /** What one unit is: posts, accounts, engagements, impressions, followers, or a ratio. */
  unit: 'posts' | 'accounts' | 'engagements' | 'impressions' | 'followers' | 'ratio';
  format: KpiFormat;
  /** Whether a rise is good news (all of today's are; a future "removals" KPI would not be). */
  higherIsBetter: boolean;
  /**
   * Counted only over the networks that report impressions: where some networks in scope do not,
   * its label says which networks the number comes from.
   */
  needsImpressions: boolean;
}

/** Every KPI, in the order the dashboard and the report show them. */
export const KPI_CATALOGUE: readonly KpiDefinition[] = [
  { id: 'posts', label: 'Posts', summary: 'Posts with a tracked hashtag, created in the period.', definition: METRIC_DESCRIPTIONS.posts, unit: 'posts', format: 'count', higherIsBetter: true, needsImpressions: false },
  { id: 'contributors', label: 'Contributors', summary: 'Distinct accounts that posted.', definition: METRIC_DESCRIPTIONS.contributors, unit: 'accounts', format: 'count', higherIsBetter: true, needsImpressions: false },
  { id: 'engagements', label: 'Engagements', summary: 'Likes, reposts, replies and quotes (and bookmarks on X) on these posts.', definition: METRIC_DESCRIPTIONS.engagements, unit: 'engagements', format: 'count', higherIsBetter: true, needsImpressions: false },
  { id: 'impressions', label: 'Impressions', summary: 'Views X reports for these posts.', definition: METRIC_DESCRIPTIONS.impressions, unit: 'impressions', format: 'count', higherIsBetter: true, needsImpressions: true },
  { id: 'potentialReach', label: 'Potential reach', summary: 'Upper bound: followers of all contributors added up.', definition: METRIC_DESCRIPTIONS.potentialReach, unit: 'followers', format: 'count', higherIsBetter: true, needsImpressions: false },
  { id: 'engagementRate', label: 'Engagement rate', summary: 'Engagements ÷ impressions, over posts with impressions (ratio of totals).', definition: METRIC_DESCRIPTIONS.engagementRate, unit: 'ratio', format: 'rate', higherIsBetter: true, needsImpressions: true },
];

/** The catalogue entry of `id`. */
export function kpiDefinition(id: KpiId): KpiDefinition {
  return KPI_CATALOGUE.find((entry) => entry.id === id)!;
}

/** The headline value of one KPI in a set (posts: their total); null where it is not reported. */
export function kpiValue(kpis: Kpis, id: KpiId): number | null {
  return id === 'posts' ? kpis.posts.total : kpis[id];
}

/** A KPI that one post has too, as the posts export (CSV, JSON, xlsx) writes it for each post. */
export interface PostKpiColumn {
  id: KpiId;
  /** The export's column name. */
  column: string;
  /** The post's value, from its latest counts; null where its network does not report it. */
  of(network: Network, reading: MetricReading): number | null;
}

/**
 * The KPIs of a single post, in the export's column order (after the raw counters likes … bookmarks).
 * The others are KPIs of a whole window: distinct contributors, their reach, a ratio of totals.
 */
export const POST_KPI_COLUMNS: readonly PostKpiColumn[] = [
  { id: 'impressions', column: 'impressions', of: impressionsOf },
  { id: 'engagements', column: 'engagements', of: postEngagementsOf },
];

/** A change between two values of a KPI, as its format states it: relative for counts, in percentage points for rates. */
export type KpiChange =
  | { kind: 'relative'; ratio: number }
  | { kind: 'points'; points: number }
  | { kind: 'same' }
  /** The earlier value was 0: a relative change has no meaning ("up from 0" is not a number to repeat). */
  | { kind: 'from_zero' }
  /** One of the values is not reported (impressions on a network without them). */
  | { kind: 'not_reported' };

/** How `current` compares with `previous` for a KPI (callers first make sure the earlier period was collected). */
export function kpiChange(definition: KpiDefinition, current: number | null, previous: number | null): KpiChange {
  if (current === null || previous === null) return { kind: 'not_reported' };
  if (current === previous) return { kind: 'same' };
  if (definition.format === 'rate') return { kind: 'points', points: (current - previous) * 100 };
  if (previous === 0) return { kind: 'from_zero' };
  return { kind: 'relative', ratio: (current - previous) / previous };
}

export const SERIES_IDS = ['posts', 'authors', 'engagements', 'impressions', 'potential_reach'] as const;
export type SeriesId = (typeof SERIES_IDS)[number];

export interface SeriesDefinition {
  id: SeriesId;
  label: string;
  /** What one bucket's value counts, for the chart's note and the API. */
  definition: string;
  /** `created`: about the posts created in the bucket; `gained`: what was gained in the bucket from the snapshot history. */
  basis: 'created' | 'gained';
}

/** What each time-series chart counts per bucket. */
export const SERIES_CATALOGUE: Readonly<Record<SeriesId, SeriesDefinition>> = {
  posts: { id: 'posts', label: 'Posts', basis: 'created', definition: 'Posts carrying a tracked hashtag created in the bucket (originals, replies, quotes and reposts).' },
  authors: { id: 'authors', label: 'Contributors', basis: 'created', definition: 'Distinct accounts that posted in the bucket, each bucket counted on its own.' },
  engagements: {
    id: 'engagements',
    label: 'Engagements gained',
    basis: 'gained',
    definition: 'Engagements gained in the bucket: each reading\'s rise over the post\'s previous one, a post\'s first reading at its creation time.',
  },
  impressions: { id: 'impressions', label: 'Impressions gained', basis: 'gained', definition: 'X impressions gained in the bucket (X only reports them), from the snapshot history.' },
  potential_reach: {
    id: 'potential_reach',
    label: 'Potential reach',
    basis: 'created',
    definition: 'Followers of the bucket\'s distinct contributors added up: an upper bound, never added across buckets.',
  },
};

/** Campaign-intelligence numbers (alerts, moments, share of voice, amplifiers): what each counts, where it comes from. */
export const INTELLIGENCE_IDS = [
  'alert_value', 'alert_baseline', 'alert_score', 'alert_ready_made_posts', 'moment_after', 'moment_usual', 'moment_lift',
  'sov_posts', 'sov_people', 'sov_engagements', 'sov_overlap',
  'amplifier_reach', 'amplifier_engagements', 'amplifier_ready_made', 'amplifier_first_seen',
] as const;
export type IntelligenceId = (typeof INTELLIGENCE_IDS)[number];

export interface IntelligenceDefinition {
  id: IntelligenceId;
  label: string;
  definition: string;
}

export const INTELLIGENCE_CATALOGUE: Readonly<Record<IntelligenceId, IntelligenceDefinition>> = {
  alert_value: {
    id: 'alert_value',
    label: 'Alert: the hour',
    definition:
      'Posts created, engagements gained, or new contributors (accounts whose first tracked post falls in it) in one UTC hour, over every collected network (core/surge-detection.ts).',
  },
  alert_baseline: {
    id: 'alert_baseline',
    label: 'Alert: usual for that hour',
    definition:
      'Median of the same hour of the week (7 × 24 hours earlier, and so on) over the previous ALERT_BASELINE_WEEKS weeks, counting only weeks whose hour the coverage ledger shows collected; at least 3 such weeks are needed.',
  },
  alert_score: {
    id: 'alert_score',
    label: 'Alert: how unusual',
    definition:
      '(hour − median) ÷ spread, where spread is the larger of 1.4826 × MAD, √median and 1. A surge needs a score of 4 or more and at least 10 posts / 50 engagements / 5 new contributors in the hour; a stop needs −4 or less and a usual hour of that size.',
  },
  alert_ready_made_posts: {
    id: 'alert_ready_made_posts',
    label: 'Alert: ready-made posts',
    definition: 'Posts created in the hour that shareable attribution matched to one of the campaign\'s ready-made posts.',
  },
  moment_after: {
    id: 'moment_after',
    label: 'Moment: after',
    definition: 'Posts created, engagements gained and new contributors in the 48 hours from the moment, on its network or all (core/moment-lift.ts).',
  },
  moment_usual: {
    id: 'moment_usual',
    label: 'Moment: usual',
    definition:
      'Average of the same 48 hours in the 4 weeks before, counting only weeks whose 48 hours were all collected; "too little data" with fewer than 2 such weeks or when the 48 hours after were not all collected.',
  },
  moment_lift: {
    id: 'moment_lift',
    label: 'Moment: lift',
    definition: 'After − usual, and as a percentage of usual (none when usual is 0).',
  },
  sov_posts: {
    id: 'sov_posts',
    label: 'Share of voice: posts',
    definition:
      "Campaign posts ÷ (campaign posts + posts carrying the comparator hashtag but no tracked one), created in the bucket (core/share-of-voice.ts). A post carrying both counts for the campaign. Buckets in which the campaign or the comparator (COMPARE_HASHTAGS, from its first collection less its first run's 7-day reach) was not collected are left out, never counted as 0.",
  },
  sov_people: {
    id: 'sov_people',
    label: 'Share of voice: people',
    definition:
      'Distinct accounts (or people, when AMPLIFIER_ACCOUNTS_FILE maps accounts to people) that posted for the campaign ÷ distinct accounts or people who posted on either side; someone on both sides counts once in the whole.',
  },
  sov_engagements: {
    id: 'sov_engagements',
    label: 'Share of voice: engagements',
    definition:
      "Engagements of the campaign's posts ÷ those of the campaign's and the comparator-only posts, each post's latest counts (both sides re-read on REFRESH_SCHEDULE), by the post's creation bucket.",
  },
  sov_overlap: {
    id: 'sov_overlap',
    label: 'Share of voice: overlap',
    definition: 'Campaign posts in the bucket that also carry the comparator hashtag (already counted for the campaign, not the comparator).',
  },
  amplifier_reach: {
    id: 'amplifier_reach',
    label: 'Amplifier: reach',
    definition:
      "For each of the person's accounts, its follower count when its posts and reposts in the range were collected (the largest, once per account), added up over the person's accounts: an upper bound, as audiences may overlap.",
  },
  amplifier_engagements: {
    id: 'amplifier_engagements',
    label: 'Amplifier: engagements',
    definition: "Engagements (latest counts) of the person's posts in the range. A repost carries none of its own: its original's engagements count for the original's author.",
  },
  amplifier_ready_made: {
    id: 'amplifier_ready_made',
    label: 'Amplifier: ready-made posts used',
    definition: "The person's posts in the range that shareable attribution matched to one of the campaign's ready-made posts.",
  },
  amplifier_first_seen: {
    id: 'amplifier_first_seen',
    label: 'Amplifier: first seen',
    definition: "When the person's first tracked post (on any of their accounts, not only in the range) was created.",
  },
};
