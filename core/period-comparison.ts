// Which earlier period a period's numbers may be compared with, and whether they may at all: the
// period just before (same local days, DST-proof), cut to the same elapsed part when the period is
// still running ("so far": Wednesday noon against last Wednesday noon), and only when that earlier
// period was collected (core/collection-coverage.ts). Pure: the caller passes the clock and ledger.
import { DateTime } from 'luxon';
import { windowCoverage, type CoverageLedger, type WindowCoverage } from './collection-coverage.js';
import type { Network } from './types.js';

export interface Period {
  start: number;
  end: number;
}

function isLocalMidnight(ms: number, timeZone: string): boolean {
  const local = DateTime.fromMillis(ms, { zone: timeZone });
  return local.toMillis() === local.startOf('day').toMillis();
}

/** Whole local days in a period that starts and ends at local midnight, else null. */
function wholeLocalDays(period: Period, timeZone: string): number | null {
  if (!isLocalMidnight(period.start, timeZone) || !isLocalMidnight(period.end, timeZone)) return null;
  const start = DateTime.fromMillis(period.start, { zone: timeZone });
  return Math.round(DateTime.fromMillis(period.end, { zone: timeZone }).diff(start, 'days').days);
}

/**
 * The period just before `period`. Whole local days compare with the same number of local days (so a
 * week that gains a DST hour compares with the week before it, whatever its length); anything else
 * with the same duration.
 */
export function previousPeriod(period: Period, timeZone: string): Period {
  const days = wholeLocalDays(period, timeZone);
  if (days !== null) return { start: DateTime.fromMillis(period.start, { zone: timeZone }).minus({ days }).toMillis(), end: period.start };
  return { start: period.start - (period.end - period.start), end: period.start };
}

/** Why two periods are not compared: the earlier one was not collected at all, or only in part. */
export type NoComparisonReason = 'not_collected' | 'partly_collected';

export interface PeriodComparison {
  /** The period whose numbers are shown: the range, cut at `now` when it is still running. */
  current: Period;
  /** The earlier period it is compared with, cut to the same elapsed part when `soFar`. */
  previous: Period;
  /** The range is still running: both periods are "so far". */
  soFar: boolean;
  currentCoverage: WindowCoverage;
  previousCoverage: WindowCoverage;
  /** Whether a change may be stated at all. */
  comparable: boolean;
  /** Why not, when not comparable. */
  reason: NoComparisonReason | null;
}

/**
 * What `range` is compared with. A running range compares its elapsed part with the same elapsed
 * part of the period before: for whole local days at the same local wall-clock time that many days
 * earlier, otherwise the same duration. A change is stated only when the earlier period was
 * collected in full ("no earlier data" otherwise, never "up from 0").
 */
export function comparePeriods(range: Period, now: number, timeZone: string, ledger: CoverageLedger, networks: readonly Network[]): PeriodComparison {
  const whole = previousPeriod(range, timeZone);
  const soFar = range.end > now;
  const current: Period = soFar ? { start: range.start, end: Math.max(range.start, now) } : range;
  let previous = whole;
  if (soFar) {
    const days = wholeLocalDays(range, timeZone);
    const cut = days !== null ? DateTime.fromMillis(current.end, { zone: timeZone }).minus({ days }).toMillis() : whole.start + (current.end - current.start);
    previous = { start: whole.start, end: Math.min(whole.end, Math.max(whole.start, cut)) };
  }
  const currentCoverage = windowCoverage(ledger, current, networks);
  const previousCoverage = windowCoverage(ledger, previous, networks);
  const reason: NoComparisonReason | null =
    previous.end <= previous.start || previousCoverage.status === 'none' ? 'not_collected' : previousCoverage.status === 'partial' ? 'partly_collected' : null;
  return { current, previous, soFar, currentCoverage, previousCoverage, comparable: reason === null, reason };
}
