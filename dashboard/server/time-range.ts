// Date ranges and buckets in the report time zone (luxon): `from`/`to` as people mean them, the
// previous period for comparison, and hour/day/week buckets that stay right across daylight-saving
// changes (a local day may last 23 or 25 hours). Pure: the caller passes the clock.
import { DateTime } from 'luxon';
import { previousPeriod } from '../../core/period-comparison.js';
import type { TimeWindow } from '../../db/analytics-scope.js';

export const INTERVALS = ['hour', 'day', 'week'] as const;
export type Interval = (typeof INTERVALS)[number];

/** Charts beyond this many points are refused (a year of days fits; a year of hours does not). */
export const MAX_BUCKETS = 5_000;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** An unencoded '+' in a query string arrives as a space: "…T09:00:00 05:30" means "+05:30". */
function restorePlus(value: string): string {
  return value.replace(/ (\d{2}(:?\d{2})?)$/, '+$1');
}

/** A date or ISO date-time as the API accepts it; the reason it is not, or null. */
export function describeInstantProblem(raw: string): string | null {
  const value = restorePlus(raw);
  if (DATE_ONLY.test(value)) return DateTime.fromISO(value, { zone: 'utc' }).isValid ? null : 'is not a calendar date';
  if (!value.includes('T')) return 'must be a date (YYYY-MM-DD) or an ISO-8601 date-time such as 2026-11-02T09:00:00Z';
  return DateTime.fromISO(value, { zone: 'utc' }).isValid ? null : 'is not a valid ISO-8601 date-time (for example 2026-11-02T09:00:00Z)';
}

/**
 * Milliseconds for a `from`/`to` value. A date means local midnight in `timeZone`; as `to` it means
 * the whole day (so the next midnight). A date-time without an offset is read in `timeZone`.
 */
export function parseInstant(raw: string, timeZone: string, role: 'from' | 'to'): number {
  const value = restorePlus(raw);
  const parsed = DateTime.fromISO(value, { zone: timeZone });
  if (DATE_ONLY.test(value)) return (role === 'to' ? parsed.plus({ days: 1 }) : parsed).startOf('day').toMillis();
  return parsed.toMillis();
}

/** The default range: the last seven local days, today included. */
export function defaultRange(timeZone: string, now: number): TimeWindow {
  const end = DateTime.fromMillis(now, { zone: timeZone }).startOf('day').plus({ days: 1 });
  return { start: end.minus({ days: 7 }).toMillis(), end: end.toMillis() };
}

/** The range from optional `from`/`to`: either missing means seven days before `to`, or ending today. */
export function resolveRange(from: number | null, to: number | null, timeZone: string, now: number): TimeWindow {
  const end = to ?? defaultRange(timeZone, now).end;
  const start = from ?? DateTime.fromMillis(end, { zone: timeZone }).minus({ days: 7 }).toMillis();
  return { start, end };
}

/**
 * The period just before `range`, for comparison (core/period-comparison.ts): whole local days
 * compare with the same number of local days, anything else with the same duration.
 */
export const previousRange: (range: TimeWindow, timeZone: string) => TimeWindow = previousPeriod;

/** How many buckets `range` has at `interval`, without building them. */
export function countBuckets(range: TimeWindow, interval: Interval, timeZone: string): number {
  const first = DateTime.fromMillis(range.start, { zone: timeZone }).startOf(interval);
  const last = DateTime.fromMillis(range.end - 1, { zone: timeZone }).startOf(interval);
  if (interval === 'hour') return Math.floor((last.toMillis() - first.toMillis()) / 3_600_000) + 1;
  return Math.round(last.diff(first, interval === 'day' ? 'days' : 'weeks').as(interval === 'day' ? 'days' : 'weeks')) + 1;
}

/**
 * The local hours, days or (ISO, Monday-first) weeks that `range` touches, each clipped to the range:
 * a bucket covers [start, end), the first may start late and the last end early. Zero-length
 * buckets never occur; every instant of the range is in exactly one bucket.
 */
export function bucketsFor(range: TimeWindow, interval: Interval, timeZone: string): TimeWindow[] {
  const buckets: TimeWindow[] = [];
  let cursor = DateTime.fromMillis(range.start, { zone: timeZone }).startOf(interval);
  while (cursor.toMillis() < range.end) {
    const next = interval === 'hour' ? cursor.plus({ hours: 1 }) : cursor.plus(interval === 'day' ? { days: 1 } : { weeks: 1 }).startOf(interval);
    buckets.push({ start: Math.max(cursor.toMillis(), range.start), end: Math.min(next.toMillis(), range.end) });
    cursor = next;
  }
  return buckets;
}

/** The local calendar days of `range` with their date (YYYY-MM-DD in `timeZone`). */
export function localDays(range: TimeWindow, timeZone: string): Array<TimeWindow & { date: string }> {
  return bucketsFor(range, 'day', timeZone).map((bucket) => ({
    ...bucket,
    date: DateTime.fromMillis(bucket.start, { zone: timeZone }).toISODate()!,
  }));
}

/** The local calendar date (YYYY-MM-DD) of `ms` in `timeZone`, e.g. the day a share click is counted on. */
export function localDate(ms: number, timeZone: string): string {
  return DateTime.fromMillis(ms, { zone: timeZone }).toISODate()!;
}

/** ISO-8601 UTC, as every timestamp in the API. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}
