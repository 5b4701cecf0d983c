// Data coverage of a report week, from the collection run log: per network the runs, failures and
// rate-limit pauses, the local days without a successful run, the longest stretch without one, and
// a warning when a stretch outlasted what the network lets us backfill (X searches only 7 days).
// Whether posts are missing is the coverage ledger's judgement (core/collection-coverage.ts), the
// one the dashboard uses: a failed day that a later run refilled is not missing.
import { DateTime } from 'luxon';
import type { CoverageState, NetworkCoverage as LedgerCoverage } from '../core/collection-coverage.js';
import { collectionTraits, networkLabel } from '../core/networks.js';
import type { Network } from '../core/types.js';
import type { CollectionHistory } from '../db/report-queries.js';
import { formatDuration } from './format.js';

const DAY_MS = 86_400_000;

/** One local day of one network in the run log (as the dashboard's coverage ledger counts it). */
export interface CoverageDayInput {
  date: string;
  start: number;
  end: number;
  /** Runs that tried to collect (skipped runs excluded). */
  runs: number;
  successes: number;
  failures: number;
  rateLimitPauses: number;
  postsCollected: number;
}

/** What the run log says about one network around the week. */
export interface NetworkRunHistory extends Omit<CollectionHistory, 'successesInWindow'> {
  network: Network;
  days: CoverageDayInput[];
  /** Start times of successful runs (ok or rate-limited) inside the week, ascending. */
  successesInWeek: number[];
  /** The network's coverage in the ledger as of the report time (db/coverage-ledger.ts). */
  ledger: LedgerCoverage;
}

/** The ledger states whose posts are not stored once collection began (before it, see `collectionBegan`). */
const MISSING_STATES = ['failed', 'not_collected', 'never_collectable'] as const satisfies readonly CoverageState[];

/** A stretch of the week, after collection began, whose posts are not stored (the ledger's word). */
export interface MissingStretch {
  /** ISO UTC, inside the week. */
  from: string;
  to: string;
  /** 'failed': the runs since failed and none refilled it yet; 'not_collected': no run covered it; 'never_collectable': beyond the network's reach back. */
  state: (typeof MISSING_STATES)[number];
}

/** A stretch with no successful run longer than the network lets us backfill. */
export interface BackfillWarning {
  network: Network;
  /** Last success before the stretch (or the week's start). ISO UTC. */
  from: string;
  /** The success that ended it, or the report time if it is still going on. ISO UTC. */
  to: string;
  ongoing: boolean;
  /** Posts of the week created in [lostFrom, lostTo) could no longer be collected (the stretch's loss clipped to the week). ISO UTC. */
  lostFrom: string;
  lostTo: string;
  message: string;
}

export interface NetworkCoverage {
  network: Network;
  /**
   * 'collected': the network was collected in or before the week; 'backfilled': its collection began
   * only after the week, yet a first run reached back and stored posts of the week; 'not_collected':
   * no post of the week is stored and no run tried during it.
   */
  status: 'collected' | 'backfilled' | 'not_collected';
  /** Live posts of the week stored for this network (the report's network split). */
  postsInWeek: number;
  runs: number;
  successes: number;
  failures: number;
  rateLimitPauses: number;
  postsCollected: number;
  skippedRuns: number;
  skippedReason: string | null;
  /** Local dates (YYYY-MM-DD) of the week, up to the report time, without a successful run. */
  daysWithoutSuccess: string[];
  /** The longest stretch inside the week without a successful run, in ms (0 when none). */
  longestGapMs: number;
  /** Stretches of the week up to the report time whose posts are not stored; empty when later runs refilled every gap. */
  missing: MissingStretch[];
  /** When collection of this network began, if that was during or after the week. ISO UTC. */
  collectionBegan: string | null;
  backfillWarning: BackfillWarning | null;
}

export interface CoverageOptions {
  weekStart: number;
  weekEnd: number;
  timeZone: string;
  /** When the report is generated: later days are not gaps, and an open stretch ends here. */
  now: number;
  /** Live posts of the week stored for this network, so the coverage says the same as the numbers. */
  postsInWeek: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The ledger's spans without stored posts inside [start, end). */
function missingStretches(ledger: LedgerCoverage, start: number, end: number): MissingStretch[] {
  return ledger.spans.flatMap((span) => {
    const from = Math.max(span.start, start);
    const to = Math.min(span.end, end);
    const state = MISSING_STATES.find((missing) => missing === span.state);
    return state && to > from ? [{ from: iso(from), to: iso(to), state }] : [];
  });
}
const local = (ms: number, timeZone: string) => DateTime.fromMillis(ms, { zone: timeZone }).toFormat('ccc d LLL HH:mm');

/**
 * The warning for the longest stretch without a successful run, when it outlasted what the network
 * lets us reach back and some of the posts lost belong to the week (`week` ends at the report time):
 * posts lost before the week are in none of its numbers.
 */
function backfillWarningFor(network: Network, worst: { from: number; to: number }, ongoing: boolean, week: { start: number; end: number }, timeZone: string): BackfillWarning | null {
  const limit = collectionTraits(network).backfillLimitMs;
  if (limit === null || worst.to - worst.from <= limit) return null;
  const lostFrom = Math.max(worst.from, week.start);
  const lostTo = Math.min(worst.to - limit, week.end);
  if (lostTo <= lostFrom) return null;
  const name = networkLabel(network);
  return {
    network,
    from: iso(worst.from),
    to: iso(worst.to),
    ongoing,
    lostFrom: iso(lostFrom),
    lostTo: iso(lostTo),
    message:
      `${name}: no successful collection from ${local(worst.from, timeZone)} ${ongoing ? 'until now' : `to ${local(worst.to, timeZone)}`} ` +
      `(${formatDuration(worst.to - worst.from)}). ${name} lets us reach back only ${formatDuration(limit)}, so posts from ` +
      `${local(lostFrom, timeZone)} to ${local(lostTo, timeZone)} could not be collected and are missing from these numbers.`,
  };
}

/** Coverage of one network for the week. Pure. */
export function analyzeNetworkCoverage(history: NetworkRunHistory, options: CoverageOptions): NetworkCoverage {
  const { weekStart, weekEnd, timeZone, now } = options;
  const totals = history.days.reduce(
    (sum, day) => ({
      runs: sum.runs + day.runs,
      successes: sum.successes + day.successes,
      failures: sum.failures + day.failures,
      rateLimitPauses: sum.rateLimitPauses + day.rateLimitPauses,
      postsCollected: sum.postsCollected + day.postsCollected,
    }),
    { runs: 0, successes: 0, failures: 0, rateLimitPauses: 0, postsCollected: 0 },
  );
  const base = {
    network: history.network,
    postsInWeek: options.postsInWeek,
    ...totals,
    skippedRuns: history.skippedRuns,
    skippedReason: history.skippedReason,
  };
  const collectedYet = history.firstRunAt !== null && history.firstRunAt < Math.min(weekEnd, now);
  if (!collectedYet) {
    // Posts of the week can still be stored: a first run after the week reaches back (X up to 7 days).
    const status = options.postsInWeek > 0 ? 'backfilled' : 'not_collected';
    const collectionBegan = history.firstRunAt === null ? null : iso(history.firstRunAt);
    return { ...base, status, daysWithoutSuccess: [], longestGapMs: 0, missing: [], collectionBegan: status === 'backfilled' ? collectionBegan : null, backfillWarning: null };
  }
  const firstRunAt = history.firstRunAt!;
  const began = firstRunAt >= weekStart ? firstRunAt : null;
  // Days before collection began are not gaps: there was nothing to miss yet (a first run backfills).
  const daysWithoutSuccess = history.days
    .filter((day) => day.start <= now && day.successes === 0 && (began === null || day.end > began))
    .map((day) => day.date);

  // Stretches between consecutive successes, bounded by the last success before the week (or the
  // week's start, or when collection began) and the first success after the stretch (or now).
  const lower = history.lastSuccessBefore ?? (began ?? weekStart);
  const upper = history.firstSuccessAfter ?? now;
  const points = [lower, ...history.successesInWeek.filter((at) => at > lower), upper];
  let longestGapMs = 0;
  let worst: { from: number; to: number } | null = null;
  for (let i = 1; i < points.length; i += 1) {
    const from = points[i - 1]!;
    const to = points[i]!;
    const inWeek = Math.min(to, weekEnd, now) - Math.max(from, weekStart);
    if (inWeek <= 0) continue;
    longestGapMs = Math.max(longestGapMs, inWeek);
    if (!worst || to - from > worst.to - worst.from) worst = { from, to };
  }

  const ongoing = worst !== null && history.firstSuccessAfter === null && worst.to === upper;
  const backfillWarning = worst && backfillWarningFor(history.network, worst, ongoing, { start: weekStart, end: Math.min(weekEnd, now) }, timeZone);
  return {
    ...base,
    status: 'collected',
    daysWithoutSuccess,
    longestGapMs,
    missing: missingStretches(history.ledger, weekStart, Math.min(weekEnd, now)),
    collectionBegan: began === null ? null : iso(began),
    backfillWarning,
  };
}
