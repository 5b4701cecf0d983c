// The coverage ledger read from the run log: for each network when collection began and which
// stretches were collected, backfilled, never collectable, failed or not collected
// (core/collection-coverage.ts decides; this module only reads the runs it needs).
import {
  coverageLedgerFromRuns,
  type CoverageLedger,
  type LedgerOptions,
  type LedgerRun,
} from '../core/collection-coverage.js';
import type { Db } from './connection.js';
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

/** Every run that started by `now` (network, start, status), oldest first. */
export function listLedgerRuns(db: Db, now: number): LedgerRun[] {
  return statement<[number], LedgerRun>(
    db,
    `SELECT network, started_at AS startedAt, status FROM collection_runs WHERE started_at <= ? ORDER BY started_at, id`,
  ).all(now);
}

/** The coverage ledger of every network as of `now`. */
export function getCoverageLedger(db: Db, now: number, options: LedgerOptions = {}): CoverageLedger {
  return coverageLedgerFromRuns(listLedgerRuns(db, now), now, options);
}
