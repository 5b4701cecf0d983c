import { afterEach, describe, expect, test } from 'vitest';
import { networkCoverage, windowCoverage, coverageLedgerFromRuns, type LedgerRun } from '../../core/collection-coverage.js';
import { getCoverageLedger } from '../../db/coverage-ledger.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { finishRun, startRun } from '../../db/runs.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-11-04T15:00:00Z');

/** Runs of one network every `every` ms from `from` to `to` (inclusive of from), all with `status`. */
function runsEvery(network: LedgerRun['network'], from: number, to: number, every: number, status: LedgerRun['status'] = 'ok'): LedgerRun[] {
  const runs: LedgerRun[] = [];
  for (let at = from; at <= to; at += every) runs.push({ network, startedAt: at, status });
  return runs;
}

/** Runs of one network, each given as how long before NOW it started and how it ended. */
function runsAgo(network: LedgerRun['network'], ...timeline: Array<[ago: number, status: LedgerRun['status']]>): LedgerRun[] {
  return timeline.map(([ago, status]) => ({ network, startedAt: NOW - ago, status }));
}

describe('coverage ledger', () => {
  test('the first X run backfills the seven days its search reaches and nothing before', () => {
    const began = NOW - 2 * DAY;
    const coverage = networkCoverage('x', runsEvery('x', began, NOW - HOUR, HOUR), NOW);
    expect(coverage.collectionBegan).toBe(began);
    expect(coverage.dataFrom).toBe(began - 7 * DAY);
    expect(coverage.spans[0]).toEqual({ start: began - 7 * DAY, end: began, state: 'backfilled' });
    expect(coverage.spans[1]).toEqual({ start: began, end: NOW - HOUR, state: 'collected' });
    expect(coverage.spans[2]).toEqual({ start: NOW - HOUR, end: NOW, state: 'pending' });
  });

  test('a failed run whose time a later run refilled is backfilled, not failed', () => {
    const runs = [
      ...runsEvery('mastodon', NOW - 3 * DAY, NOW - 2 * DAY, 6 * HOUR),
      { network: 'mastodon', startedAt: NOW - 2 * DAY + 6 * HOUR, status: 'failed' },
      ...runsEvery('mastodon', NOW - 2 * DAY + 12 * HOUR, NOW, 6 * HOUR),
    ] satisfies LedgerRun[];
    const spans = networkCoverage('mastodon', runs, NOW).spans;
    expect(spans.map((span) => span.state)).not.toContain('failed');
    expect(spans).toContainEqual({ start: NOW - 2 * DAY, end: NOW - 2 * DAY + 12 * HOUR, state: 'backfilled' });
  });

  test('X time beyond the seven-day search window of the run that came back is never collectable', () => {
    const runs = [
      { network: 'x', startedAt: NOW - 20 * DAY, status: 'ok' },
      ...runsEvery('x', NOW - 20 * DAY + HOUR, NOW - 11 * DAY, DAY, 'failed'),
      { network: 'x', startedAt: NOW - HOUR, status: 'ok' },
    ] satisfies LedgerRun[];
    const spans = networkCoverage('x', runs, NOW).spans;
    expect(spans).toContainEqual({ start: NOW - 20 * DAY, end: NOW - HOUR - 7 * DAY, state: 'never_collectable' });
    expect(spans).toContainEqual({ start: NOW - HOUR - 7 * DAY, end: NOW - HOUR, state: 'backfilled' });
  });

  test('Bluesky pages on from its cursor, so a long outage is refilled in full', () => {
    const runs = runsAgo('bluesky', [20 * DAY, 'ok'], [15 * DAY, 'failed'], [HOUR, 'ok']);
    const spans = networkCoverage('bluesky', runs, NOW).spans;
    // The first run's own reach back and the refilled outage join into one backfilled stretch.
    expect(spans).toContainEqual({ start: NOW - 27 * DAY, end: NOW - HOUR, state: 'backfilled' });
    expect(spans.map((span) => span.state)).not.toContain('never_collectable');
  });

  test('time since the last success is failed when runs failed since, and not collected when runs simply stopped', () => {
    const failing = networkCoverage('x', runsAgo('x', [10 * HOUR, 'ok'], [9 * HOUR, 'failed']), NOW);
    expect(failing.spans.at(-1)).toEqual({ start: NOW - 10 * HOUR, end: NOW, state: 'failed' });
    const stopped = networkCoverage('x', runsAgo('x', [10 * HOUR, 'ok']), NOW);
    expect(stopped.spans.at(-1)).toEqual({ start: NOW - 10 * HOUR, end: NOW, state: 'not_collected' });
  });

  test('a rate-limited run is no failure: the next run fills what it left', () => {
    const runs = runsAgo('x', [3 * HOUR, 'ok'], [2 * HOUR, 'rate_limited'], [HOUR, 'ok']);
    expect(networkCoverage('x', runs, NOW).spans).toContainEqual({ start: NOW - 3 * HOUR, end: NOW - HOUR, state: 'collected' });
  });

  test('skipped runs (no credentials) collect nothing: the network was never collected', () => {
    const coverage = networkCoverage('x', runsEvery('x', NOW - DAY, NOW, HOUR, 'skipped'), NOW);
    expect(coverage).toEqual({ network: 'x', collectionBegan: null, dataFrom: null, spans: [] });
  });

  test('a window is complete, partial or not collected, judged over the networks that were ever collected', () => {
    const ledger = coverageLedgerFromRuns(runsEvery('x', NOW - 2 * DAY, NOW, HOUR), NOW);
    expect(windowCoverage(ledger, { start: NOW - 8 * DAY, end: NOW - 7 * DAY }, ['x', 'bluesky'])).toMatchObject({ status: 'complete', neverCollected: ['bluesky'] });
    expect(windowCoverage(ledger, { start: NOW - 10 * DAY, end: NOW - 8 * DAY }, ['x']).status).toBe('partial');
    expect(windowCoverage(ledger, { start: NOW - 30 * DAY, end: NOW - 20 * DAY }, ['x']).status).toBe('none');
    expect(windowCoverage(ledger, { start: NOW - HOUR, end: NOW + DAY }, ['x'])).toMatchObject({ status: 'complete', inProgress: true });
    expect(windowCoverage(ledger, { start: NOW - DAY, end: NOW }, ['bluesky']).status).toBe('none');
  });
});

describe('getCoverageLedger', () => {
  let db: Db | undefined;
  afterEach(() => db?.close());

  test('reads the run log, including runs still running, and leaves out runs after now', () => {
    db = openDatabase(':memory:');
    const ok = startRun(db, 'mastodon', NOW - 2 * HOUR);
    finishRun(db, ok, { status: 'ok', now: NOW - 2 * HOUR + 1000 });
    startRun(db, 'mastodon', NOW - HOUR);
    startRun(db, 'mastodon', NOW + HOUR);
    const ledger = getCoverageLedger(db, NOW);
    expect(ledger.networks['mastodon']!.collectionBegan).toBe(NOW - 2 * HOUR);
    expect(ledger.networks['mastodon']!.spans.at(-1)).toEqual({ start: NOW - 2 * HOUR, end: NOW, state: 'pending' });
    expect(ledger.networks['x']!.collectionBegan).toBeNull();
  });
});

describe('getCoverageLedger reading only the runs that matter', () => {
  let db: Db | undefined;
  afterEach(() => db?.close());

  test('gives the same ledger as every run would, over a long and eventful run log', async () => {
    const { mulberry32 } = await import('../../core/mulberry32.js');
    const random = mulberry32(11);
    db = openDatabase(':memory:');
    const all: LedgerRun[] = [];
    const statuses = ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'failed', 'rate_limited', 'interrupted', 'skipped'] as const;
    for (const network of ['x', 'bluesky', 'mastodon'] as const) {
      let at = NOW - 40 * DAY;
      while (at < NOW) {
        // Mostly every 15 minutes; now and then a pause of hours or days.
        const roll = random();
        at += roll < 0.97 ? 15 * 60_000 : roll < 0.995 ? Math.floor(random() * 20) * HOUR : Math.floor(random() * 9) * DAY;
        if (at >= NOW) break;
        const status = random() < 0.9 ? 'ok' : statuses[Math.floor(random() * statuses.length)]!;
        const id = startRun(db, network, at);
        finishRun(db, id, { status, now: at + 1000 });
        all.push({ network, startedAt: at, status });
      }
    }
    expect(all.length).toBeGreaterThan(2000);
    for (const now of [NOW, NOW - 3 * DAY - 5 * HOUR, NOW - 20 * DAY]) {
      expect(getCoverageLedger(db, now)).toEqual(coverageLedgerFromRuns(all, now));
    }
  });
});
