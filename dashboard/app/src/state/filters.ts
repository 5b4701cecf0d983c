// What the dashboard shows, as a value: the date range, networks, hashtag and list orders, read
// from and written to the URL query so a view can be shared and back/forward works. Networks are
// the ids the server lists (`/api/status`), passed in as `known`. Pure.
import type { AmplifierOrder, ContributorsOrder, Interval, TopPostsOrder } from '../api/api-types.js';

export const RANGE_PRESETS = [7, 30, 90] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** A preset ("the last N days, today included") or fixed calendar dates (both inclusive). */
export type DateRange = { kind: 'preset'; days: RangePreset } | { kind: 'custom'; from: string; to: string };

export const TOP_POSTS_ORDERS = ['engagements', 'impressions', 'recent'] as const satisfies readonly TopPostsOrder[];
export const CONTRIBUTORS_ORDERS = ['posts', 'engagements', 'reach'] as const satisfies readonly ContributorsOrder[];
export const AMPLIFIER_ORDERS = ['reach', 'engagements', 'ready_made', 'posts'] as const satisfies readonly AmplifierOrder[];

export interface DashboardFilters {
  range: DateRange;
  /** Network ids in view, in the server's order; empty means all of them. */
  networks: string[];
  /** A tracked hashtag without '#', or null for every tracked hashtag. */
  hashtag: string | null;
  topPostsBy: TopPostsOrder;
  contributorsBy: ContributorsOrder;
  amplifiersBy: AmplifierOrder;
}

const DEFAULT_PRESET: RangePreset = 7;

export const DEFAULT_FILTERS: DashboardFilters = {
  range: { kind: 'preset', days: DEFAULT_PRESET },
  networks: [],
  hashtag: null,
  topPostsBy: 'engagements',
  contributorsBy: 'posts',
  amplifiersBy: 'reach',
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** `date` moved by `days` calendar days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to`, both included. */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** Today's date (`YYYY-MM-DD`) in `timeZone` at `now`. */
export function todayIn(timeZone: string, now: number): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The calendar dates a range covers on `today`. */
export function resolveDates(range: DateRange, today: string): { from: string; to: string } {
  if (range.kind === 'custom') return { from: range.from, to: range.to };
  return { from: addDays(today, -(range.days - 1)), to: today };
}

/** The chart bucket size for a range: hours for a day or two, weeks beyond half a year, else days. */
export function chooseInterval(from: string, to: string): Interval {
  const days = daysInRange(from, to);
  if (days <= 2) return 'hour';
  if (days > 180) return 'week';
  return 'day';
}

function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | undefined {
  return allowed.find((item) => item === value);
}

/** A hashtag as the API takes it: no '#', lower case; null when blank. */
export function normalizeHashtag(value: string | null): string | null {
  const tag = (value ?? '').trim().replace(/^#/, '').toLowerCase();
  return tag === '' ? null : tag;
}

/**
 * Reads filters from a URL query; anything missing or malformed falls back to the default, and a
 * network the server does not list (`known`) is left out.
 */
export function filtersFromQuery(query: string | URLSearchParams, known: readonly string[]): DashboardFilters {
  const params = typeof query === 'string' ? new URLSearchParams(query) : query;
  let range: DateRange = DEFAULT_FILTERS.range;
  const from = params.get('from');
  const to = params.get('to');
  const preset = Number(/^(\d+)d$/.exec(params.get('range') ?? '')?.[1]);
  if (from !== null && to !== null && isIsoDate(from) && isIsoDate(to) && from <= to) {
    range = { kind: 'custom', from, to };
  } else if (RANGE_PRESETS.includes(preset as RangePreset)) {
    range = { kind: 'preset', days: preset as RangePreset };
  }
  const requested = params
    .getAll('network')
    .flatMap((value) => value.split(','))
    .map((value) => value.trim().toLowerCase());
  const networks = known.filter((network) => requested.includes(network));
  return {
    range,
    // Every network selected is the same view as none: keep one spelling so URLs compare equal.
    networks: networks.length === known.length ? [] : networks,
    hashtag: normalizeHashtag(params.get('hashtag')),
    topPostsBy: oneOf(TOP_POSTS_ORDERS, params.get('posts')) ?? DEFAULT_FILTERS.topPostsBy,
    contributorsBy: oneOf(CONTRIBUTORS_ORDERS, params.get('people')) ?? DEFAULT_FILTERS.contributorsBy,
    amplifiersBy: oneOf(AMPLIFIER_ORDERS, params.get('amplifiers')) ?? DEFAULT_FILTERS.amplifiersBy,
  };
}

/**
 * The URL query for `filters` (no leading '?'); defaults are left out so the plain URL is the
 * default view, and every one of the `known` networks is written as none.
 */
export function filtersToQuery(filters: DashboardFilters, known: readonly string[]): string {
  const params = new URLSearchParams();
  if (filters.range.kind === 'custom') {
    params.set('from', filters.range.from);
    params.set('to', filters.range.to);
  } else if (filters.range.days !== DEFAULT_PRESET) {
    params.set('range', `${filters.range.days}d`);
  }
  if (filters.networks.length > 0 && filters.networks.length < known.length) params.set('network', filters.networks.join(','));
  if (filters.hashtag) params.set('hashtag', filters.hashtag);
  if (filters.topPostsBy !== DEFAULT_FILTERS.topPostsBy) params.set('posts', filters.topPostsBy);
  if (filters.contributorsBy !== DEFAULT_FILTERS.contributorsBy) params.set('people', filters.contributorsBy);
  if (filters.amplifiersBy !== DEFAULT_FILTERS.amplifiersBy) params.set('amplifiers', filters.amplifiersBy);
  return params.toString();
}

/** The API's common filter parameters (`from`, `to`, `network`, `hashtag`) for `filters` on `today`. */
export function apiFilterParams(filters: DashboardFilters, today: string): URLSearchParams {
  const { from, to } = resolveDates(filters.range, today);
  const params = new URLSearchParams({ from, to });
  if (filters.networks.length > 0) params.set('network', filters.networks.join(','));
  if (filters.hashtag) params.set('hashtag', filters.hashtag);
  return params;
}

/** The networks a view covers (all the `known` ones when none is picked). */
export function networksInView(filters: DashboardFilters, known: readonly string[]): string[] {
  return filters.networks.length > 0 ? [...filters.networks] : [...known];
}
