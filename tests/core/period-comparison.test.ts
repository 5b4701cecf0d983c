import { describe, expect, test } from 'vitest';
import { coverageLedgerFromRuns, type LedgerRun } from '../../core/collection-coverage.js';
import { comparePeriods } from '../../core/period-comparison.js';

const NY = 'America/New_York';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);

function hourlyRuns(from: number, to: number): LedgerRun[] {
  const runs: LedgerRun[] = [];
  for (let t = from; t <= to; t += HOUR) runs.push({ network: 'x', startedAt: t, status: 'ok' });
  return runs;
}

describe('comparePeriods', () => {
  test('a running day compares with the same local time the day before ("so far")', () => {
    const now = at('2026-11-04T15:00:00Z'); // 10:00 in New York
    const ledger = coverageLedgerFromRuns(hourlyRuns(now - 20 * DAY, now), now);
    const today = { start: at('2026-11-04T05:00:00Z'), end: at('2026-11-05T05:00:00Z') };
    const comparison = comparePeriods(today, now, NY, ledger, ['x']);
    expect(comparison.soFar).toBe(true);
    expect(comparison.current).toEqual({ start: today.start, end: now });
    expect(comparison.previous).toEqual({ start: at('2026-11-03T05:00:00Z'), end: at('2026-11-03T15:00:00Z') });
    expect(comparison.comparable).toBe(true);
  });

  test('a running week across the end of daylight saving compares Wednesday 10:00 with last Wednesday 10:00 local time', () => {
    const now = at('2026-11-04T15:00:00Z'); // Wednesday 10:00 EST
    const ledger = coverageLedgerFromRuns(hourlyRuns(now - 20 * DAY, now), now);
    // Monday 2 Nov to Monday 9 Nov (local midnights, EST).
    const week = { start: at('2026-11-02T05:00:00Z'), end: at('2026-11-09T05:00:00Z') };
    const comparison = comparePeriods(week, now, NY, ledger, ['x']);
    // The week before began Monday 26 Oct at midnight EDT; last Wednesday 10:00 was EDT (14:00 UTC).
    expect(comparison.previous).toEqual({ start: at('2026-10-26T04:00:00Z'), end: at('2026-10-28T14:00:00Z') });
  });

  test('an earlier period before collection began gives no comparison, and one half collected none either', () => {
    const now = at('2026-11-04T15:00:00Z');
    const began = now - 2 * DAY;
    const ledger = coverageLedgerFromRuns(hourlyRuns(began, now), now);
    const lastSevenDays = { start: at('2026-10-29T04:00:00Z'), end: at('2026-11-05T05:00:00Z') };
    const week = comparePeriods(lastSevenDays, now, NY, ledger, ['x']);
    // X's first run reached back 7 days, to 26 Oct 15:00 UTC: the week before is only partly collected.
    expect(week).toMatchObject({ comparable: false, reason: 'partly_collected' });
    const month = { start: at('2026-10-05T04:00:00Z'), end: at('2026-11-05T05:00:00Z') };
    expect(comparePeriods(month, now, NY, ledger, ['x'])).toMatchObject({ comparable: false, reason: 'not_collected' });
  });

  test('a finished period compares with the whole period before it', () => {
    const now = at('2026-11-04T15:00:00Z');
    const ledger = coverageLedgerFromRuns(hourlyRuns(now - 20 * DAY, now), now);
    const yesterday = { start: at('2026-11-03T05:00:00Z'), end: at('2026-11-04T05:00:00Z') };
    const comparison = comparePeriods(yesterday, now, NY, ledger, ['x']);
    expect(comparison).toMatchObject({ soFar: false, comparable: true, previous: { start: at('2026-11-02T05:00:00Z'), end: yesterday.start } });
  });
});
