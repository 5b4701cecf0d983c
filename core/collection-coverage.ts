// Which stretches of time each network's collection covers, derived from the run log alone (pure):
// collected live, backfilled later (a first run's reach back, a gap refilled), never collectable
// (beyond a search window), failed (not yet refilled), not collected, or awaiting the next run.
// Comparisons, charts, the health panel and the weekly report all judge "was this collected?" here.
import { collectedNetworkIds, collectionTraits } from './networks.js';
import type { Network } from './types.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** What is known about the posts of a stretch of time on one network. */
export const COVERAGE_STATES = ['collected', 'backfilled', 'never_collectable', 'failed', 'not_collected', 'pending'] as const;
export type CoverageState = (typeof COVERAGE_STATES)[number];

/** States whose posts are stored: a number over them is a real number. */
export const DATA_STATES: readonly CoverageState[] = ['collected', 'backfilled'];

/** How far back a network's collection can reach. */
export interface CollectionReach {
  /** How far before itself the first successful run looks (X: its 7-day search; Bluesky and Mastodon: their 7-day backfill). */
  firstRunMs: number;
  /** How far back any later run can still refill (X: 7 days; Bluesky and Mastodon page on from their cursor, so without limit). */
  laterRunMs: number;
}

/** How far back a network's first run looks: the adapters' default backfill (X's search reaches no further). */
export const FIRST_RUN_REACH_MS = 7 * DAY_MS;

/**
 * A network's reach from the registry (core/networks.ts): the first run looks back
 * {@link FIRST_RUN_REACH_MS} (or less where the network's limit is shorter); later runs can refill as
 * far as the network's backfill limit (X's recent search: 7 days), or without limit where the
 * adapter pages on from its cursor (Bluesky, Mastodon).
 */
export function collectionReach(network: Network): CollectionReach {
  const limit = collectionTraits(network).backfillLimitMs;
  return { firstRunMs: Math.min(FIRST_RUN_REACH_MS, limit ?? Number.POSITIVE_INFINITY), laterRunMs: limit ?? Number.POSITIVE_INFINITY };
}

/**
 * A stretch between two successful runs longer than this counts as a refilled gap ("backfilled"),
 * not live collection, even without a failed run in it (the collector was stopped). Default 12 h: the
 * default schedule runs every 15 minutes, and a few missed ticks are not a gap worth a word.
 */
export const LIVE_LAG_MS = 12 * HOUR_MS;

/**
 * Time since the last successful run that still counts as "awaiting the next run" rather than "not
 * collected": at least this, or one and a half times the usual interval between recent successful
 * runs when the schedule is slower (a collector running every six hours is not late after three).
 */
export const PENDING_GRACE_MS = 2 * HOUR_MS;

/** The median interval between the last few successful runs (start times, oldest first), or 0 with fewer than two. */
export function usualInterval(successes: readonly number[]): number {
  const recent = successes.slice(-9);
  const gaps = recent.slice(1).map((at, index) => at - recent[index]!).sort((a, b) => a - b);
  return gaps.length === 0 ? 0 : gaps[Math.floor(gaps.length / 2)]!;
}

/** One run as the ledger needs it (from db/runs.ts). */
export interface LedgerRun {
  network: Network;
  startedAt: number;
  status: 'running' | 'ok' | 'rate_limited' | 'interrupted' | 'failed' | 'skipped';
  /**
   * Set by a reader that leaves out the successes inside a streak (db/coverage-ledger.ts): this
   * success follows another one, with no failure between and no pause longer than the live lag, so
   * everything since the previous success listed was collected live.
   */
  continuesStreak?: boolean;
}

/** A half-open stretch [start, end) in one state. */
export interface CoverageSpan {
  start: number;
  end: number;
  state: CoverageState;
}

export interface NetworkCoverage {
  network: Network;
  /** Start of the first successful run, or null when the network was never collected. */
  collectionBegan: number | null;
  /** Earliest instant whose posts are stored (the first run's reach back), or null. */
  dataFrom: number | null;
  /** Spans from `dataFrom` (or the first failed run) to `now`, in order, without overlap; anything outside is `not_collected`. */
  spans: CoverageSpan[];
}

export interface CoverageLedger {
  now: number;
  /** One entry per collected network of the registry; read it with {@link coverageOf}. */
  networks: Record<Network, NetworkCoverage>;
}

/** A network's coverage in the ledger (never collected when the ledger has no entry for it). */
export function coverageOf(ledger: CoverageLedger, network: Network): NetworkCoverage {
  return ledger.networks[network] ?? { network, collectionBegan: null, dataFrom: null, spans: [] };
}

export interface LedgerOptions {
  reach?: Partial<Record<Network, CollectionReach>>;
  liveLagMs?: number;
  pendingGraceMs?: number;
  /** The usual interval between successful runs per network, when the runs given are not all of them. */
  usualIntervals?: Partial<Record<Network, number>>;
}

function pushSpan(spans: CoverageSpan[], start: number, end: number, state: CoverageState): void {
  if (end <= start) return;
  const last = spans[spans.length - 1];
  if (last && last.state === state && last.end === start) last.end = end;
  else spans.push({ start, end, state });
}

/**
 * One network's coverage from its runs (any order). A successful run covers from where coverage
 * ended up to its own start: as `collected` when nothing went wrong in between and the stretch is
 * short, else as `backfilled`. What lay beyond the reach of the run that came back is
 * `never_collectable`. A rate-limited run collected part and leaves the rest to the next run, so it
 * neither covers nor counts as a failure; a failed or interrupted one marks the uncovered time `failed`
 * until a run refills it.
 */
export function networkCoverage(network: Network, runs: readonly LedgerRun[], now: number, options: LedgerOptions = {}): NetworkCoverage {
  const reach = options.reach?.[network] ?? collectionReach(network);
  const liveLag = options.liveLagMs ?? LIVE_LAG_MS;
  const successes: number[] = [];
  const ordered = runs.filter((run) => run.network === network && run.startedAt <= now).sort((a, b) => a.startedAt - b.startedAt);
  const spans: CoverageSpan[] = [];
  let coveredEnd: number | null = null;
  let dataFrom: number | null = null;
  let collectionBegan: number | null = null;
  let troubleSince: number | null = null;

  for (const run of ordered) {
    if (run.status === 'failed' || run.status === 'interrupted') {
      troubleSince ??= run.startedAt;
      continue;
    }
    if (run.status !== 'ok') continue;
    const at = run.startedAt;
    if (coveredEnd === null) {
      const from = at - reach.firstRunMs;
      // Failed attempts before the first success: their time is refilled by its reach back, or was lost.
      if (troubleSince !== null && troubleSince < from) pushSpan(spans, troubleSince, from, 'never_collectable');
      pushSpan(spans, from, at, 'backfilled');
      dataFrom = from;
      collectionBegan = at;
    } else if (run.continuesStreak) {
      pushSpan(spans, coveredEnd, at, 'collected');
    } else {
      let from: number = coveredEnd;
      const reachStart = at - reach.laterRunMs;
      if (from < reachStart) {
        pushSpan(spans, from, reachStart, 'never_collectable');
        from = reachStart;
      }
      const refilled = troubleSince !== null || at - coveredEnd > liveLag;
      pushSpan(spans, from, at, refilled ? 'backfilled' : 'collected');
    }
    coveredEnd = at;
    troubleSince = null;
    successes.push(at);
  }
  const grace = Math.max(options.pendingGraceMs ?? PENDING_GRACE_MS, 1.5 * (options.usualIntervals?.[network] ?? usualInterval(successes)));

  // The time since the last success (or since the first failed attempt when none succeeded yet).
  const tailStart = coveredEnd ?? troubleSince;
  if (tailStart !== null && tailStart < now) {
    let from = tailStart;
    const reachStart = now - reach.laterRunMs;
    if (coveredEnd !== null && from < reachStart) {
      pushSpan(spans, from, reachStart, 'never_collectable');
      from = reachStart;
    }
    const state: CoverageState = troubleSince !== null ? 'failed' : now - from <= grace ? 'pending' : 'not_collected';
    pushSpan(spans, from, now, state);
  }
  return { network, collectionBegan, dataFrom, spans };
}

/** Every network's coverage from the run log. */
export function coverageLedgerFromRuns(runs: readonly LedgerRun[], now: number, options: LedgerOptions = {}): CoverageLedger {
  const networks: Record<Network, NetworkCoverage> = Object.fromEntries(collectedNetworkIds().map((network) => [network, networkCoverage(network, runs, now, options)]));
  return { now, networks };
}

export type StateDurations = Record<CoverageState, number>;

function emptyDurations(): StateDurations {
  return { collected: 0, backfilled: 0, never_collectable: 0, failed: 0, not_collected: 0, pending: 0 };
}

/** Milliseconds of [start, min(end, now)) in each state for one network (time outside every span is `not_collected`). */
export function stateDurations(coverage: NetworkCoverage, window: { start: number; end: number }, now: number): StateDurations {
  const durations = emptyDurations();
  const end = Math.min(window.end, now);
  if (end <= window.start) return durations;
  let accounted = 0;
  for (const span of coverage.spans) {
    const overlap = Math.min(span.end, end) - Math.max(span.start, window.start);
    if (overlap <= 0) continue;
    durations[span.state] += overlap;
    accounted += overlap;
  }
  durations.not_collected += end - window.start - accounted;
  return durations;
}

/**
 * How much of a window was collected, over the networks in scope that were ever collected:
 * - `complete`: every past instant of it was collected or backfilled (a running window can be complete so far);
 * - `partial`: some of it was, some was not (or one network in scope has a hole);
 * - `none`: nothing of it was (before collection began, an outage, or no network ever collected).
 */
export type WindowCoverageStatus = 'complete' | 'partial' | 'none';

export interface WindowCoverage {
  status: WindowCoverageStatus;
  /** The window reaches past `now`: its numbers are "so far". */
  inProgress: boolean;
  /** Share (0..1) of the window's past time, over networks judged, whose posts are stored. */
  collectedShare: number;
  /** Networks in scope that were never collected at all (left out of the judgement, named so a reader knows). */
  neverCollected: Network[];
}

/** Whether a window's numbers are whole, partial or missing, for the networks in scope. */
export function windowCoverage(ledger: CoverageLedger, window: { start: number; end: number }, networks: readonly Network[]): WindowCoverage {
  const inProgress = window.end > ledger.now;
  const judged = networks.filter((network) => coverageOf(ledger, network).collectionBegan !== null);
  const neverCollected = networks.filter((network) => coverageOf(ledger, network).collectionBegan === null);
  const pastEnd = Math.min(window.end, ledger.now);
  if (judged.length === 0 || pastEnd <= window.start) {
    return { status: judged.length === 0 ? 'none' : 'complete', inProgress, collectedShare: judged.length === 0 ? 0 : 1, neverCollected };
  }
  let withData = 0;
  let awaiting = 0;
  let total = 0;
  for (const network of judged) {
    const durations = stateDurations(coverageOf(ledger, network), window, ledger.now);
    withData += durations.collected + durations.backfilled;
    awaiting += durations.pending;
    total += pastEnd - window.start;
  }
  // Time awaiting the next run (minutes, normally) belongs to a window in progress: not a hole.
  const missing = total - withData - awaiting;
  const status: WindowCoverageStatus = missing <= 0 ? 'complete' : withData + awaiting === 0 ? 'none' : 'partial';
  return { status, inProgress, collectedShare: total === 0 ? 0 : withData / total, neverCollected };
}

/** How a chart bucket's value may be read: whole, partly collected, still running, or not collected (no value). */
export type BucketStatus = 'complete' | 'partial' | 'in_progress' | 'not_collected';

/** The status of one bucket for the networks in scope. */
export function bucketStatus(ledger: CoverageLedger, bucket: { start: number; end: number }, networks: readonly Network[]): BucketStatus {
  const coverage = windowCoverage(ledger, bucket, networks);
  if (coverage.status === 'none') return 'not_collected';
  if (coverage.status === 'partial') return 'partial';
  return coverage.inProgress ? 'in_progress' : 'complete';
}
