// The dashboard JSON API's answers as the app reads them (contract: README "Dashboard API",
// README.md "Dashboard"). Types only; the server is the authority on shapes.

export const NETWORKS = ['x', 'bluesky', 'mastodon'] as const;
export type Network = (typeof NETWORKS)[number];

export const POST_KINDS = ['original', 'reply', 'quote', 'repost'] as const;
export type PostKind = (typeof POST_KINDS)[number];

export type Interval = 'hour' | 'day' | 'week';
export type SeriesMetric = 'posts' | 'authors' | 'engagements' | 'impressions' | 'potential_reach';
export type TopPostsOrder = 'engagements' | 'impressions' | 'recent';
export type ContributorsOrder = 'posts' | 'engagements' | 'reach';

export interface Kpis {
  posts: { total: number; original: number; reply: number; quote: number; repost: number };
  contributors: number;
  engagements: number;
  /** Null when no network in scope reports impressions. */
  impressions: number | null;
  impressionsCoverage: 'all' | 'partial' | 'none';
  potentialReach: number;
  engagementRate: number | null;
  engagementRateBasis: string;
}

export interface Definitions {
  version: string;
  engagementFormulaVersion: number;
}

export type KpiId = 'posts' | 'contributors' | 'engagements' | 'impressions' | 'potentialReach' | 'engagementRate';

/** One KPI of the catalogue (core/kpi-catalogue.ts), as the summary's `definitions.kpis` lists them. */
export interface KpiDefinition {
  id: KpiId;
  label: string;
  definition: string;
  /** The same in a few words, for the card. */
  summary: string;
  unit: string;
  format: 'count' | 'rate';
  higherIsBetter: boolean;
}

export interface WindowCoverage {
  status: 'complete' | 'partial' | 'none';
  inProgress: boolean;
  collectedShare: number;
  neverCollected: Network[];
}

export interface Comparison {
  /** Whether a change may be stated: the earlier period was collected in full. */
  available: boolean;
  reason: 'not_collected' | 'partly_collected' | null;
  /** The range is still running: both periods are "so far". */
  soFar: boolean;
  current: { from: string; to: string; coverage: WindowCoverage };
  previous: { from: string; to: string; coverage: WindowCoverage };
}

export interface SummaryResponse {
  range: { from: string; to: string; timeZone: string };
  previousRange: { from: string; to: string };
  current: Kpis;
  /** Null when the earlier period was not collected in full: there is nothing to compare with. */
  previous: Kpis | null;
  comparison: Comparison;
  definitions: Definitions & { kpis: KpiDefinition[] };
}

export type BucketStatus = 'complete' | 'partial' | 'in_progress' | 'not_collected';

export interface SeriesPoint {
  start: string;
  end: string;
  /** Null where nothing of the bucket was collected (a gap, never 0). */
  value: number | null;
  status: BucketStatus;
}

export interface SeriesDefinition {
  id: SeriesMetric;
  label: string;
  definition: string;
  basis: 'created' | 'gained';
}

export interface TimeseriesResponse {
  metric: SeriesMetric;
  interval: Interval;
  timeZone: string;
  basis: 'created' | 'gained';
  definition: SeriesDefinition;
  /** Buckets that have begun; later ones are not returned. */
  points: SeriesPoint[];
}

export interface TopPost {
  network: Network;
  id: string;
  url: string;
  author: { username: string; displayName: string | null; followers: number | null };
  createdAt: string;
  kind: PostKind;
  /** Untrusted text from a social network: render as text only. */
  text: string;
  hashtags: string[];
  metrics: {
    likes: number | null;
    reposts: number | null;
    replies: number | null;
    quotes: number | null;
    bookmarks: number | null;
    impressions: number | null;
  };
  engagements: number;
}

export interface TopPostsResponse {
  total: number;
  posts: TopPost[];
}

export interface Contributor {
  network: Network;
  username: string;
  displayName: string | null;
  followers: number | null;
  posts: number;
  engagements: number;
}

export interface TopContributorsResponse {
  contributors: Contributor[];
}

export interface NetworkRow {
  network: Network;
  posts: number;
  contributors: number;
  engagements: number;
  impressions: number | null;
}

export interface NetworksResponse {
  networks: NetworkRow[];
}

export type DayState = 'collected' | 'backfilled' | 'never_collectable' | 'failed' | 'not_collected' | 'before_collection' | 'in_progress';

export interface CoverageDay {
  date: string;
  network: Network;
  state: DayState;
  postsCollected: number;
  runs: number;
  failures: number;
  rateLimitPauses: number;
  gap: boolean;
  postsRead: number;
  estimatedCostUsd: number;
}

export interface CoverageResponse {
  days: CoverageDay[];
}

export interface CoHashtag {
  tag: string;
  posts: number;
}

export interface HashtagsResponse {
  hashtags: CoHashtag[];
}

export interface LastRun {
  status: string;
  startedAt: string;
  finishedAt: string | null;
  postsNew: number;
  error: string | null;
  /** Set when the run stopped because the plan's usage cap was spent: 'Daily', 'Monthly' or 'unknown'. */
  usageCapPeriod?: string | null;
}

export interface NetworkStatus {
  network: Network;
  enabled: boolean;
  lastRun: LastRun | null;
  lastSuccessAt: string | null;
  failuresLast24h: number;
  /** Live posts stored for the network (all time). */
  posts: number;
}

export interface StatusResponse {
  demo: boolean;
  generatedAt: string;
  timeZone: string;
  hashtags: string[];
  networks: NetworkStatus[];
}

/** The error body every failing API answer carries. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}

/** A network a shareable can be shared to: the collected ones and the share-only ones. */
export type ShareNetwork = Network | 'threads' | 'linkedin' | 'facebook';

/** How much supporters edited the ready-made posts they used: 0 = as written, 1 = every word changed. */
export interface EditedSummary {
  mean: number;
  median: number;
}

export interface AdoptionFigures {
  clicks: number;
  posts: number;
  postsByMethod: { link: number; text: number };
  edited: EditedSummary | null;
  engagements: number;
  contributors: number;
  potentialReach: number;
}

/** One shareable on one network; post figures are null where posts cannot be matched. */
export interface ShareableNetworkFigures {
  network: ShareNetwork;
  clicks: number;
  posts: number | null;
  postsByMethod: { link: number; text: number } | null;
  edited: EditedSummary | null;
  engagements: number | null;
  contributors: number | null;
  potentialReach: number | null;
}

export interface ShareableEntry extends AdoptionFigures {
  id: string;
  resourceId: string | null;
  templateId: string | null;
  kind: string | null;
  /** From the campaign's content file (staff-written, still rendered as text). */
  title: string;
  inContentFile: boolean;
  /** One per column of `ShareablesResponse.networks`, in that order. */
  networks: ShareableNetworkFigures[];
}

export interface ShareNetworkColumn {
  network: ShareNetwork;
  label: string;
  /** Whether posts there can be matched (a collected, configured network). */
  collected: boolean;
  /** Why posts there cannot be matched, or null. */
  note: string | null;
}

export interface ShareablesResponse {
  range: { from: string; to: string; timeZone: string };
  clickDays: { from: string; to: string };
  contentFile: 'loaded' | 'unavailable';
  /** What staff must fix before the action page is published (never shown on the page itself). */
  contentWarnings?: string[];
  networks: ShareNetworkColumn[];
  totals: { clicks: number; posts: number; shareables: number; used: number };
  shareables: ShareableEntry[];
  definitions: Definitions;
}

/** One week's report files, each a same-origin URL under /api/reports/. */
export interface WeeklyReportListing {
  /** ISO week, e.g. "2026-W47". */
  week: string;
  files: Partial<Record<'html' | 'md' | 'json', string>>;
}

export interface ReportsResponse {
  /** Newest first. */
  reports: WeeklyReportListing[];
}
