// Shapes the coverage-aware parts of the API's answers: the summary's comparison (stated only
// against a collected period, "so far" for a running one), time-series points with their bucket
// status (null where not collected, none for buckets still to come), and the per-day ledger.
import { bucketStatus, coverageOf, stateDurations, type CoverageLedger, type CoverageState, type WindowCoverage } from '../../core/collection-coverage.js';
import type { PeriodComparison } from '../../core/period-comparison.js';
import type { Network } from '../../core/types.js';
import type { TimeWindow } from '../../db/analytics-scope.js';
import type { RunLedgerRow } from '../../db/analytics-coverage.js';
import type { Comparison, CoverageDay, DayState, NetworkCoverage, SeriesPoint, WindowCoverage as WindowCoverageJson } from '../contract/index.js';
import { isoUtc } from './time-range.js';

const HOUR_MS = 3_600_000;

/** A window's coverage as the API states it. */
export function coverageJson(coverage: WindowCoverage): WindowCoverageJson {
  return {
    status: coverage.status,
    inProgress: coverage.inProgress,
    collectedShare: Math.round(coverage.collectedShare * 10_000) / 10_000,
    neverCollected: coverage.neverCollected,
  };
}

/** The summary's `comparison`: whether a change may be stated, and why not. */
export function comparisonJson(comparison: PeriodComparison): Comparison {
  return {
    available: comparison.comparable,
    reason: comparison.reason,
    soFar: comparison.soFar,
    current: { from: isoUtc(comparison.current.start), to: isoUtc(comparison.current.end), coverage: coverageJson(comparison.currentCoverage) },
    previous: { from: isoUtc(comparison.previous.start), to: isoUtc(comparison.previous.end), coverage: coverageJson(comparison.previousCoverage) },
  };
}

/** Buckets that have begun by `now`: later ones are not drawn (nor returned). */
export function startedBuckets<T extends TimeWindow>(buckets: readonly T[], now: number): T[] {
  return buckets.filter((bucket) => bucket.start < now);
}

/** Time-series points: each bucket's value, or null where nothing of it was collected, with its status. */
export function seriesPoints(buckets: readonly TimeWindow[], values: ReadonlyArray<number | null>, ledger: CoverageLedger, networks: readonly Network[]): SeriesPoint[] {
  return buckets.map((bucket, index) => {
    const status = bucketStatus(ledger, bucket, networks);
    return {
      start: isoUtc(bucket.start),
      end: isoUtc(bucket.end),
      value: status === 'not_collected' ? null : (values[index] ?? null),
      status,
    };
  });
}

const hours = (ms: number) => Math.round((ms / HOUR_MS) * 100) / 100;

/**
 * The word for a day: a failure (runs failed and nothing refilled it yet) or a stretch the collector
 * simply did not cover outranks everything; then what can never be had; then backfilled; days
 * before the network's collection reached are "before collection", not an alarm.
 */
function dayState(durations: Record<CoverageState, number>, day: TimeWindow, dataFrom: number | null, now: number): DayState {
  if (durations.failed > 0) return 'failed';
  if (dataFrom === null) return 'not_collected';
  if (day.end <= dataFrom) return 'before_collection';
  const notCollectedAfterStart = durations.not_collected - Math.max(0, Math.min(dataFrom, day.end) - day.start);
  if (notCollectedAfterStart > 0) return 'not_collected';
  if (durations.never_collectable > 0) return 'never_collectable';
  if (durations.backfilled > 0) return 'backfilled';
  return day.end > now ? 'in_progress' : 'collected';
}

/** The per-day coverage rows of `/api/coverage`: the run totals and the ledger's verdict. */
export function coverageDays(
  days: ReadonlyArray<TimeWindow & { date: string }>,
  networks: readonly Network[],
  runs: ReadonlyMap<string, RunLedgerRow>,
  ledger: CoverageLedger,
): CoverageDay[] {
  return days.flatMap((day, k) =>
    networks.map((network) => {
      const row = runs.get(`${k}|${network}`);
      const coverage = coverageOf(ledger, network);
      const durations = stateDurations(coverage, day, ledger.now);
      const state = dayState(durations, day, coverage.dataFrom, ledger.now);
      return {
        date: day.date,
        network,
        state,
        hours: {
          collected: hours(durations.collected),
          backfilled: hours(durations.backfilled),
          neverCollectable: hours(durations.never_collectable),
          failed: hours(durations.failed),
          notCollected: hours(durations.not_collected),
          pending: hours(durations.pending),
        },
        postsCollected: row?.postsCollected ?? 0,
        // Posts found hidden but not deleted (Bluesky), counted apart from new and removed ones.
        postsUnavailable: row?.postsUnavailable ?? 0,
        runs: row?.runs ?? 0,
        failures: row?.failures ?? 0,
        rateLimitPauses: row?.rateLimitPauses ?? 0,
        // An alarm: posts of the day are missing and could still be collected (failed runs, or no run since).
        gap: state === 'failed' || state === 'not_collected',
        postsRead: row?.postsRead ?? 0,
        estimatedCostUsd: Math.round((row?.estimatedCostUsd ?? 0) * 10_000) / 10_000,
      };
    }),
  );
}

/** Each network's ledger within `range`, as ISO spans (for the health panel and the report). */
export function coverageSpans(ledger: CoverageLedger, range: TimeWindow, networks: readonly Network[]): NetworkCoverage[] {
  return networks.map((network) => {
    const coverage = coverageOf(ledger, network);
    return {
      network,
      collectionBegan: coverage.collectionBegan === null ? null : isoUtc(coverage.collectionBegan),
      dataFrom: coverage.dataFrom === null ? null : isoUtc(coverage.dataFrom),
      spans: coverage.spans
        .filter((span) => span.end > range.start && span.start < range.end)
        .map((span) => ({ from: isoUtc(Math.max(span.start, range.start)), to: isoUtc(Math.min(span.end, range.end)), state: span.state })),
    };
  });
}
