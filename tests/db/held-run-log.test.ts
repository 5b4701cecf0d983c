// The in-memory run log (db/ledger-runs.ts) gives exactly the SQL's answers: the runs that change the
// coverage ledger (listLedgerRuns) and the per-bucket run totals of the coverage view (getRunLedger),
// for any clock and networks, and stays exact while runs start, finish or are committed by another
// connection (a `collect --once` beside the dashboard).
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { LedgerRun } from '../../core/collection-coverage.js';
import type { Network } from '../../core/types.js';
import { getRunLedger } from '../../db/analytics-coverage.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { getCoverageLedger, listLedgerRuns } from '../../db/coverage-ledger.js';
import { heldLedgerRuns } from '../../db/ledger-runs.js';
import { addRunCounters, finishRun, startRun } from '../../db/runs.js';
import { tempFolderPerTest } from '../helpers/temp-folder.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const LAG = 12 * HOUR;
const START = Date.parse('2026-10-01T00:00:00Z');
const NETWORKS: readonly Network[] = ['x', 'bluesky', 'mastodon'];

const folder = tempFolderPerTest('jq-run-log-');

type Outcome = LedgerRun['status'];

function run(db: Db, network: Network, at: number, status: Exclude<Outcome, 'running'>, serial: number): void {
  const id = startRun(db, network, at);
  addRunCounters(db, id, { postsNew: serial % 7, postsRead: serial % 11, requests: 1, rateLimitPauses: serial % 5 === 0 ? 1 : 0, postsUnavailable: serial % 13 === 0 ? 2 : 0, estimatedCostUsd: (serial % 11) * 0.005 });
  finishRun(db, id, { status, now: at + MINUTE });
}

/** Twenty days of 15-minute runs per network with failures, interruptions, rate limits, skips and a long pause. */
function seedRuns(db: Db): void {
  let serial = 0;
  for (const [n, network] of NETWORKS.entries()) {
    for (let at = START + n * 20_000; at < START + 20 * DAY; at += 15 * MINUTE) {
      serial += 1;
      // Mastodon pauses for two days; X fails for an afternoon; every network has scattered outcomes.
      if (network === 'mastodon' && at > START + 5 * DAY && at < START + 7 * DAY) continue;
      const failing = network === 'x' && at > START + 9 * DAY + 12 * HOUR && at < START + 9 * DAY + 18 * HOUR;
      const status: Exclude<Outcome, 'running'> = failing ? 'failed' : serial % 97 === 0 ? 'interrupted' : serial % 89 === 0 ? 'rate_limited' : serial % 83 === 0 ? 'skipped' : serial % 211 === 0 ? 'failed' : 'ok';
      run(db, network, at, status, serial);
    }
  }
}

const CLOCKS = [START - HOUR, START + 3 * DAY + 7 * MINUTE, START + 6 * DAY, START + 9 * DAY + 15 * HOUR, START + 20 * DAY + 5 * HOUR];

function expectHeldEqualsSql(db: Db): void {
  for (const now of CLOCKS) {
    for (const network of NETWORKS) {
      for (const lag of [LAG, 30 * MINUTE]) expect(heldLedgerRuns(db, network, now, lag)).toEqual(listLedgerRuns(db, network, now, lag));
    }
  }
}

/** Day buckets over the runs, and one long window and an hour-long one. */
function buckets(): Array<{ start: number; end: number }> {
  const days = Array.from({ length: 22 }, (_, i) => ({ start: START - DAY + i * DAY, end: START + i * DAY }));
  return [...days, { start: START, end: START + 20 * DAY }, { start: START + 9 * DAY + 13 * HOUR + 7 * MINUTE, end: START + 9 * DAY + 14 * HOUR }];
}

describe('in-memory run log', () => {
  test('picks the same ledger runs as the SQL for every clock, network and live lag', () => {
    const db = openDatabase(':memory:');
    seedRuns(db);
    expectHeldEqualsSql(db);
  });

  test('sums the same run totals per bucket as the SQL, the estimated spend to the last bit', () => {
    const db = openDatabase(':memory:');
    seedRuns(db);
    for (const networks of [NETWORKS, ['mastodon', 'x'] as Network[], ['bluesky'] as Network[]]) {
      const held = getRunLedger(db, buckets(), networks);
      expect(held.length).toBeGreaterThan(0);
      expect(held).toEqual(getRunLedger(db, buckets(), networks, true));
    }
  });

  test('a run still running is left out until it finishes, and then counted with its final counters', () => {
    const db = openDatabase(':memory:');
    seedRuns(db);
    const at = START + 20 * DAY + HOUR;
    const id = startRun(db, 'x', at);
    addRunCounters(db, id, { postsNew: 40, postsRead: 40, requests: 1 });
    const now = at + HOUR;
    expect(heldLedgerRuns(db, 'x', now, LAG)).toEqual(listLedgerRuns(db, 'x', now, LAG));
    const window = [{ start: at - MINUTE, end: at + MINUTE }];
    expect(getRunLedger(db, window, ['x'])).toEqual(getRunLedger(db, window, ['x'], true));
    addRunCounters(db, id, { postsNew: 2, postsRead: 5, requests: 1, estimatedCostUsd: 0.035 });
    finishRun(db, id, { status: 'failed', now: at + 2 * MINUTE });
    expect(heldLedgerRuns(db, 'x', now, LAG)?.at(-1)).toEqual({ network: 'x', startedAt: at, status: 'failed', continuesStreak: false });
    expect(heldLedgerRuns(db, 'x', now, LAG)).toEqual(listLedgerRuns(db, 'x', now, LAG));
    expect(getRunLedger(db, window, ['x'])).toEqual([expect.objectContaining({ runs: 1, failures: 1, postsCollected: 42, postsRead: 45 })]);
    expect(getRunLedger(db, window, ['x'])).toEqual(getRunLedger(db, window, ['x'], true));
  });

  test('runs committed by another connection are read on the next answer, including one that started earlier than the last held', () => {
    const file = join(folder(), 'campaign.db');
    const dashboard = openDatabase(file);
    const collector = openDatabase(file);
    seedRuns(collector);
    expectHeldEqualsSql(dashboard);
    const first = getCoverageLedger(dashboard, START + 21 * DAY);
    // Mastodon comes back after a day without runs, and a late-recorded X run lands between two held ones.
    for (let at = START + 21 * DAY; at < START + 21 * DAY + 3 * HOUR; at += 15 * MINUTE) run(collector, 'mastodon', at, 'ok', 3);
    run(collector, 'x', START + 9 * DAY + 15 * HOUR + 7 * MINUTE, 'failed', 4);
    expectHeldEqualsSql(dashboard);
    expect(getCoverageLedger(dashboard, START + 21 * DAY + 4 * HOUR)).not.toEqual(first);
    expect(getRunLedger(dashboard, buckets(), NETWORKS)).toEqual(getRunLedger(dashboard, buckets(), NETWORKS, true));
    dashboard.close();
    collector.close();
  });

  test('a pass over the runs is reused while no run changes, and never outlives a new run or a clock that cuts the runs', () => {
    const db = openDatabase(':memory:');
    seedRuns(db);
    const last = START + 20 * DAY;
    const compare = (now: number) => expect(heldLedgerRuns(db, 'x', now, LAG)).toEqual(listLedgerRuns(db, 'x', now, LAG));
    // Past the last run any clock keeps the same runs; a clock before it cuts them.
    for (const now of [last + HOUR, last + 2 * HOUR, START + 9 * DAY + 16 * HOUR, last + 20 * HOUR]) compare(now);
    // A run recorded before the clock last asked: the same clock must now include it.
    run(db, 'x', last + 13 * HOUR, 'failed', 5);
    compare(last + 20 * HOUR);
    compare(last + 3 * HOUR);
    expect(heldLedgerRuns(db, 'x', last + 20 * HOUR, LAG)?.at(-1)).toEqual({ network: 'x', startedAt: last + 13 * HOUR, status: 'failed', continuesStreak: false });
  });

  test('inside a write transaction the SQL answers: uncommitted runs may be rolled back', () => {
    const db = openDatabase(':memory:');
    seedRuns(db);
    db.transaction(() => {
      startRun(db, 'x', START + 30 * DAY);
      expect(heldLedgerRuns(db, 'x', START + 31 * DAY, LAG)).toBeNull();
    })();
  });
});
