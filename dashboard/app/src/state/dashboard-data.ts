// The one place the app asks the server for data: everything a view needs for a set of filters,
// fetched in parallel, plus the server status that says whether any post exists at all, which
// networks there are, whether staff sign in, and (through `dataStamp`) whether the answers may have changed since.
import { ApiRequestError, apiUrl, getJson } from '../api/api-client.js';
import type {
  CoHashtag,
  Contributor,
  CoverageDay,
  Interval,
  NetworkRow,
  SeriesMetric,
  ShareablesResponse,
  StatusResponse,
  SummaryResponse,
  TimeseriesResponse,
  TopPostsResponse,
  WeeklyReportListing,
} from '../api/api-types.js';
import type { Alert, MomentsResponse } from '../api/api-types.js';
import type { AmplifiersResponse, ShareOfVoiceResponse } from '../api/api-types.js';
import { apiFilterParams, chooseInterval, networksInView, resolveDates, type DashboardFilters } from './filters.js';

/** Top posts shown at first, and the most the API hands out at once. */
export const TOP_POSTS_PAGE = 10;
export const TOP_POSTS_MAX = 100;

/** What the key numbers and the time charts show: the part of a view that can be drawn first. */
export interface ChartsData {
  /** The calendar dates, interval and networks the numbers are about. */
  view: { from: string; to: string; interval: Interval; networks: string[]; hashtag: string | null };
  summary: SummaryResponse;
  reach: { impressions: TimeseriesResponse; potentialReach: TimeseriesResponse; engagements: TimeseriesResponse };
  /** Posts per bucket, one series per network in view. */
  postsByNetwork: Array<{ network: string; series: TimeseriesResponse }>;
}

/** Everything the dashboard shows for one set of filters. */
export interface DashboardData extends ChartsData {
  /** Hashtags used together with the tracked ones, most used first. */
  coHashtags: CoHashtag[];
  networks: NetworkRow[];
  topPosts: TopPostsResponse;
  contributors: Contributor[];
  coverage: CoverageDay[];
  /** Ready-made posts: share-button clicks and the collected posts that used them. */
  shareables: ShareablesResponse;
  /** Weekly reports written so far, newest first (not filtered: a report covers its whole week). */
  reports: WeeklyReportListing[];
  /** Unusual hours in the view's dates, newest first (campaign-wide: alerts are not per network). */
  alerts: Loaded<Alert[]>;
  /** Campaign moments from the content file with their lift (not filtered: a chart marks those in view). */
  moments: Loaded<MomentsResponse>;
  /** The campaign's share against the comparator hashtags, per day or week. */
  shareOfVoice: Loaded<ShareOfVoiceResponse>;
  /** The view's amplifiers, largest reach first. */
  amplifiers: Loaded<AmplifiersResponse>;
}

/** An answer a panel shows on its own: when it fails, that panel says why and the rest stays. */
export type Loaded<T> = { value: T; error: null } | { value: null; error: string };

/** `answer` as a Loaded; an ended session and an abort still fail the whole load. */
async function loadedOf<T>(answer: Promise<T>): Promise<Loaded<T>> {
  try {
    return { value: await answer, error: null };
  } catch (error) {
    if (!(error instanceof ApiRequestError) || error.status === 401) throw error;
    return { value: null, error: error.message };
  }
}

/** The server's status: demo flag, time zone, tracked hashtags, each collector's health and the data stamp. */
export function loadStatus(signal?: AbortSignal): Promise<StatusResponse> {
  return getJson('/api/status', undefined, signal);
}

const HOUR_MS = 3_600_000;

/**
 * What the answers for a view depend on besides the filters: the server's `dataStamp` (it moves when
 * anything a view reads changes), the day (presets end today) and the hour (running buckets close, a
 * moment's 48 hours pass). While it stays the same, a refresh needs the status only.
 */
export function viewStamp(status: StatusResponse, today: string): string {
  return JSON.stringify([status.dataStamp, today, Math.floor(Date.parse(status.generatedAt) / HOUR_MS)]);
}

/** Live posts stored across all networks (0 means the collector has not stored anything yet). */
export function storedPosts(status: StatusResponse): number {
  return status.networks.reduce((sum, network) => sum + network.posts, 0);
}

function withParams(base: URLSearchParams, extra: Record<string, string>): URLSearchParams {
  const params = new URLSearchParams(base);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params;
}

/** Top posts for `filters`, the first `limit` of them. */
export function loadTopPosts(filters: DashboardFilters, today: string, limit: number, signal?: AbortSignal): Promise<TopPostsResponse> {
  const params = withParams(apiFilterParams(filters, today), { by: filters.topPostsBy, limit: String(Math.min(limit, TOP_POSTS_MAX)) });
  return getJson('/api/top-posts', params, signal);
}

/** The calendar dates `filters` cover on `today`, and the bucket size their charts use. */
function viewDates(filters: DashboardFilters, today: string): { from: string; to: string; interval: Interval } {
  const { from, to } = resolveDates(filters.range, today);
  return { from, to, interval: chooseInterval(from, to) };
}

/** The key numbers' and time charts' answers for `filters`. */
async function loadChartsData(filters: DashboardFilters, today: string, known: readonly string[], signal?: AbortSignal): Promise<ChartsData> {
  const { from, to, interval } = viewDates(filters, today);
  const common = apiFilterParams(filters, today);
  const networks = networksInView(filters, known);
  const series = (metric: SeriesMetric, network?: string): Promise<TimeseriesResponse> =>
    getJson('/api/timeseries', withParams(common, { metric, interval, ...(network ? { network } : {}) }), signal);
  const [summary, impressions, potentialReach, engagements, postsSeries] = await Promise.all([
    getJson('/api/summary', common, signal),
    series('impressions'),
    series('potential_reach'),
    series('engagements'),
    Promise.all(networks.map((network) => series('posts', network))),
  ]);
  return {
    view: { from, to, interval, networks, hashtag: filters.hashtag },
    summary,
    reach: { impressions, potentialReach, engagements },
    postsByNetwork: networks.map((network, index) => ({ network, series: postsSeries[index]! })),
  };
}

/**
 * Loads every view of the dashboard for `filters`, with dates resolved against `today` (report time
 * zone); `known` are the network ids the server lists. With `onCharts`, the key numbers' and time
 * charts' answers are asked first and handed over as soon as they are in, and the rest is asked
 * after them: the server answers one request at a time, so the charts do not wait behind the lists.
 */
export async function loadDashboardData(
  filters: DashboardFilters,
  today: string,
  known: readonly string[],
  options: { topPostsLimit?: number; signal?: AbortSignal; onCharts?: (charts: ChartsData) => void } = {},
): Promise<DashboardData> {
  const { signal, onCharts } = options;
  const common = apiFilterParams(filters, today);
  const { interval } = viewDates(filters, today);
  const charts = loadChartsData(filters, today, known, signal);
  if (onCharts) await charts.then(onCharts);
  const [chartsData, networkRows, topPosts, contributors, coverage, shareables, reports, coHashtags, alerts, moments, shareOfVoice, amplifiers] = await Promise.all([
    charts,
    getJson('/api/networks', common, signal),
    loadTopPosts(filters, today, options.topPostsLimit ?? TOP_POSTS_PAGE, signal),
    getJson('/api/top-contributors', withParams(common, { by: filters.contributorsBy, limit: '10' }), signal),
    getJson('/api/coverage', common, signal),
    getJson('/api/shareables', common, signal),
    getJson('/api/reports', undefined, signal),
    getJson('/api/hashtags', withParams(common, { limit: '15' }), signal),
    loadedOf(getJson('/api/alerts', withParams(common, { limit: '20' }), signal)),
    loadedOf(getJson('/api/moments', undefined, signal)),
    loadedOf(getJson('/api/share-of-voice', withParams(common, { interval: interval === 'week' ? 'week' : 'day' }), signal)),
    loadedOf(getJson('/api/amplifiers', withParams(common, { limit: '10' }), signal)),
  ]);
  return {
    ...chartsData,
    coHashtags: coHashtags.hashtags,
    networks: networkRows.networks,
    topPosts,
    contributors: contributors.contributors,
    coverage: coverage.days,
    shareables,
    reports: reports.reports,
    alerts: alerts.error === null ? { value: alerts.value.alerts, error: null } : alerts,
    moments,
    shareOfVoice,
    amplifiers,
  };
}

/** Posts shown for one chart bucket at most. */
export const BUCKET_POSTS_LIMIT = 50;

/** The posts created in one chart bucket ([start, end) ISO instants) under the view's network and hashtag filters, newest first. */
export function loadBucketPosts(filters: DashboardFilters, today: string, bucket: { start: string; end: string }, signal?: AbortSignal): Promise<TopPostsResponse> {
  const params = withParams(apiFilterParams(filters, today), { from: bucket.start, to: bucket.end, by: 'recent', limit: String(BUCKET_POSTS_LIMIT) });
  return getJson('/api/top-posts', params, signal);
}

/** Links to the CSVs of share of voice and of the whole amplifier ranking behind `filters`. */
export function intelligenceCsvUrls(filters: DashboardFilters, today: string): { shareOfVoice: string; amplifiers: string } {
  const params = apiFilterParams(filters, today);
  return { shareOfVoice: apiUrl('/api/share-of-voice.csv', params), amplifiers: apiUrl('/api/amplifiers.csv', params) };
}

/** The same downloads as Excel workbooks: each the CSV's link with the .xlsx path, so both ask for the same rows. */
export function intelligenceXlsxUrls(filters: DashboardFilters, today: string): { shareOfVoice: string; amplifiers: string } {
  const csv = intelligenceCsvUrls(filters, today);
  const workbook = (url: string) => url.replace(/\.csv(?=\?|$)/, '.xlsx');
  return { shareOfVoice: workbook(csv.shareOfVoice), amplifiers: workbook(csv.amplifiers) };
}

/** Link to the CSV of the posts behind `filters`. */
export function postsCsvUrl(filters: DashboardFilters, today: string): string {
  return apiUrl('/api/posts.csv', apiFilterParams(filters, today));
}
