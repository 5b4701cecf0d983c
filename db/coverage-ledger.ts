// The coverage ledger read from the run log: for each network when collection began and which
// stretches were collected, backfilled, never collectable, failed or not collected
// (core/collection-coverage.ts decides; this module only reads the runs it needs).
import {
  coverageLedgerFromRuns,
  LIVE_LAG_MS,
  usualInterval,
  type CoverageLedger,
  type LedgerOptions,
  type LedgerRun,
} from '../core/collection-coverage.js';
import { collectedNetworkIds } from '../core/networks.js';
import type { Network } from '../core/types.js';
import type { Db } from './connection.js';
import { dataVersion } from './data-version.js';
import { heldLedgerRuns } from './ledger-runs.js';
import { statement } from './statements.js';

export {
  COVERAGE_STATES,
  coverageOf,
  DATA_STATES,
  stateDurations,
  windowCoverage,
  type CoverageLedger,
  type CoverageSpan,
  type CoverageState,
  type NetworkCoverage,
  type WindowCoverage,
  type WindowCoverageStatus,
} from '../core/collection-coverage.js';

// Only the runs that can change the ledger, so a year of 15-minute runs (35,000 per network) comes
// back as a handful of rows: successful, failed and interrupted runs (rate-limited, skipped and
// running ones change nothing) where the status changes, the first and last of each streak, and any
// run after a pause longer than @lag. A success that follows a success within @lag is marked
// `continuesStreak`, so the successes left out between the rows kept change nothing: they would only
// have extended one "collected" span.
const LEDGER_RUNS_SQL = `
  SELECT network, startedAt, status, previousStatus = 'ok' AND status = 'ok' AND sincePrevious <= @lag AS continuesStreak FROM (
    SELECT network, started_at AS startedAt, status,
      LAG(status) OVER w AS previousStatus, LEAD(status) OVER w AS nextStatus,
      started_at - LAG(started_at) OVER w AS sincePrevious,
      LEAD(started_at) OVER w - started_at AS untilNext
    FROM collection_runs INDEXED BY collection_runs_by_network
    WHERE network = @network AND started_at <= @now AND status IN ('ok', 'failed', 'interrupted')
    WINDOW w AS (ORDER BY started_at)
  )
  WHERE previousStatus IS NULL OR nextStatus IS NULL OR status <> previousStatus OR status <> nextStatus
    OR sincePrevious > @lag OR untilNext > @lag`;

// The last successes, whose usual interval says how long "awaiting the next run" lasts.
const LAST_SUCCESSES_SQL = `
  SELECT started_at AS startedAt FROM collection_runs INDEXED BY collection_runs_by_network
  WHERE network = @network AND started_at <= @now AND status = 'ok'
  ORDER BY started_at DESC LIMIT 9`;

/** The runs of `network` that started by `now` and can change its ledger (see above), oldest first. */
export function listLedgerRuns(db: Db, network: Network, now: number, liveLagMs = LIVE_LAG_MS): LedgerRun[] {
  return statement<[object], Omit<LedgerRun, 'continuesStreak'> & { continuesStreak: number | null }>(db, LEDGER_RUNS_SQL)
    .all({ network, now, lag: liveLagMs })
    .map((run) => ({ network: run.network, startedAt: run.startedAt, status: run.status, continuesStreak: run.continuesStreak === 1 }));
}

/** The median interval between the last successful runs of `network` by `now`. */
export function getUsualRunInterval(db: Db, network: Network, now: number): number {
  const starts = statement<[object], { startedAt: number }>(db, LAST_SUCCESSES_SQL).all({ network, now }).map((row) => row.startedAt);
  return usualInterval(starts.reverse());
}

const MINUTE_MS = 60_000;
const recent = new WeakMap<Db, { key: string; ledger: CoverageLedger }>();

/**
 * The coverage ledger of every collected network as of `now`. The runs come from the connection's
 * in-memory copy of the run log (db/ledger-runs.ts), or the SQL of listLedgerRuns inside a write transaction.
 */
export function getCoverageLedger(db: Db, now: number, options: LedgerOptions = {}): CoverageLedger {
  const networks = collectedNetworkIds();
  const lag = options.liveLagMs ?? LIVE_LAG_MS;
  const runs = networks.flatMap((network) => heldLedgerRuns(db, network, now, lag) ?? listLedgerRuns(db, network, now, lag));
  const usualIntervals = Object.fromEntries(networks.map((network) => [network, getUsualRunInterval(db, network, now)]));
  return coverageLedgerFromRuns(runs, now, { usualIntervals, ...options });
}

/**
 * The ledger as of `now`, reused while the data is unchanged and within the same minute: one
 * dashboard load asks for it a dozen times, and reading the run log of a year takes a while.
 */
export function getRecentCoverageLedger(db: Db, now: number): CoverageLedger {
  const key = `${dataVersion(db)}|${Math.floor(now / MINUTE_MS)}|${collectedNetworkIds().join(',')}`;
  const hit = recent.get(db);
  if (hit?.key === key) return hit.ledger;
  const ledger = getCoverageLedger(db, now);
  recent.set(db, { key, ledger });
  return ledger;
}
