// Numbers, changes and times as people read them. Times are shown in the report time zone
// (TZ_REPORTS, from /api/status) so everyone sharing a view sees the same days. Pure.
import type { BucketStatus, Comparison, Interval, KpiDefinition } from '../api/api-types.js';

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 2 });
const wholePercent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const usd = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 4 });

/** A count in full ("12,345"); "n/a" for a number nobody reported (never 0). */
export function formatCount(value: number | null): string {
  return value === null ? 'n/a' : integer.format(value);
}

/** A count in a few characters for axes ("12.3K"). */
export function formatCompact(value: number): string {
  return compact.format(value);
}

/** A ratio as a percentage ("3.45%"); "n/a" when there is none. */
export function formatRate(value: number | null): string {
  return value === null ? 'n/a' : percent.format(value);
}

/** US dollars with up to four decimals (API spend is often fractions of a cent). */
export function formatUsd(value: number): string {
  return usd.format(value);
}

export type ChangeDirection = 'up' | 'down' | 'same' | 'new' | 'none' | 'no-data';

export interface Change {
  direction: ChangeDirection;
  /** Short text for the card, e.g. "+12%" or "−0.4 pts". */
  text: string;
  /** The same in words for screen readers, without the comparison period. */
  words: string;
}

/**
 * How `current` compares with `previous`: a relative change for counts, a change in percentage
 * points for rates (a relative change of a ratio misleads).
 */
export function describeChange(current: number | null, previous: number | null, kind: 'count' | 'rate' = 'count'): Change {
  if (current === null || previous === null) return { direction: 'none', text: 'no comparison', words: 'no comparison available' };
  if (kind === 'rate') {
    const points = (current - previous) * 100;
    const rounded = Math.round(points * 100) / 100;
    if (rounded === 0) return { direction: 'same', text: 'no change', words: 'no change' };
    const size = `${Math.abs(rounded).toLocaleString(undefined, { maximumFractionDigits: 2 })} pts`;
    return rounded > 0 ? { direction: 'up', text: `+${size}`, words: `up ${size.replace('pts', 'percentage points')}` } : { direction: 'down', text: `−${size}`, words: `down ${size.replace('pts', 'percentage points')}` };
  }
  if (current === previous) return { direction: 'same', text: 'no change', words: 'no change' };
  if (previous === 0) return { direction: 'new', text: `up from 0`, words: 'up from zero' };
  const ratio = (current - previous) / previous;
  const size = wholePercent.format(Math.abs(ratio));
  // A change that rounds to 0% still has a direction; say "<1%" rather than "0%".
  const shown = size === wholePercent.format(0) ? `<${wholePercent.format(0.01)}` : size;
  return ratio > 0 ? { direction: 'up', text: `+${shown}`, words: `up ${shown}` } : { direction: 'down', text: `−${shown}`, words: `down ${shown}` };
}

/** A KPI's value as its catalogue format says ("12,345" or "3.45%"). */
export function formatKpi(definition: KpiDefinition, value: number | null): string {
  return definition.format === 'rate' ? formatRate(value) : formatCount(value);
}

/**
 * The change of a KPI against the earlier period, or why none is stated: the earlier period was not
 * collected ("no earlier data"), or only in part. Never a percentage against uncollected days.
 */
export function describeKpiChange(definition: KpiDefinition, current: number | null, previous: number | null, comparison: Comparison): Change {
  if (!comparison.available) {
    return comparison.reason === 'partly_collected'
      ? { direction: 'no-data', text: 'earlier period partly collected', words: 'no comparison: the earlier period was only partly collected' }
      : { direction: 'no-data', text: 'no earlier data', words: 'no comparison: the earlier period was not collected' };
  }
  return describeChange(current, previous, definition.format);
}

/** How a chart bucket's status is said next to its label and in tables. */
export const BUCKET_STATUS_LABELS: Record<BucketStatus, string> = {
  complete: 'complete',
  partial: 'partly collected',
  in_progress: 'so far',
  not_collected: 'not collected',
};

/** A moment as a date and time with the zone's short name, e.g. "Nov 3, 2026, 2:15 PM EST". */
export function formatDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(Date.parse(iso));
}

/** A calendar date `YYYY-MM-DD` as words, e.g. "Mon, Nov 3, 2026" (no time zone shift). */
export function formatCalendarDate(date: string, parts: { weekday?: boolean; year?: boolean } = {}): string {
  return new Intl.DateTimeFormat(undefined, {
    timeZone: 'UTC',
    weekday: parts.weekday === false ? undefined : 'short',
    year: parts.year === false ? undefined : 'numeric',
    month: 'short',
    day: 'numeric',
  }).format(Date.parse(`${date}T00:00:00Z`));
}

/** A chart bucket's label: the hour, day or week it starts, in the report time zone. */
export function formatBucket(iso: string, interval: Interval, timeZone: string): string {
  const at = Date.parse(iso);
  switch (interval) {
    case 'hour':
      return new Intl.DateTimeFormat(undefined, { timeZone, month: 'short', day: 'numeric', hour: 'numeric' }).format(at);
    case 'day':
      return new Intl.DateTimeFormat(undefined, { timeZone, weekday: 'short', month: 'short', day: 'numeric' }).format(at);
    case 'week':
      return `Week of ${new Intl.DateTimeFormat(undefined, { timeZone, month: 'short', day: 'numeric', year: 'numeric' }).format(at)}`;
  }
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** How long ago `iso` was at `now`, e.g. "5 minutes ago". */
export function formatAgo(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const steps: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return relative.format(0, 'second');
}

/**
 * Calendar dates (`YYYY-MM-DD`, any order) as runs of consecutive days, e.g.
 * "Oct 30 – Nov 2; Nov 5": a long gap reads as one stretch, not a list of every day.
 */
export function formatDateRuns(dates: readonly string[]): string {
  const sorted = [...new Set(dates)].sort();
  const runs: Array<{ from: string; to: string }> = [];
  for (const date of sorted) {
    const last = runs.at(-1);
    const dayAfterLast = last ? new Date(Date.parse(`${last.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : null;
    if (last && date === dayAfterLast) last.to = date;
    else runs.push({ from: date, to: date });
  }
  const day = (date: string) => formatCalendarDate(date, { weekday: false, year: false });
  return runs.map(({ from, to }) => (from === to ? day(from) : `${day(from)} – ${day(to)}`)).join('; ');
}
