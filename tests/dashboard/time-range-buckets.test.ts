// Chart buckets computed with a fixed step between daylight-saving changes are the same as luxon's
// calendar arithmetic step by step, in zones with DST, half-hour offsets, 30-minute DST shifts and
// clocks that skip midnight.
import { DateTime } from 'luxon';
import { describe, expect, test } from 'vitest';
import { bucketsFor, localDays, type Interval } from '../../dashboard/server/time-range.js';
import type { TimeWindow } from '../../db/analytics-scope.js';

const ZONES = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Havana', 'America/Santiago', 'UTC'];

/** Luxon's calendar arithmetic at every step (the reference). */
function luxonBuckets(range: TimeWindow, interval: Interval, timeZone: string): TimeWindow[] {
  const buckets: TimeWindow[] = [];
  let cursor = DateTime.fromMillis(range.start, { zone: timeZone }).startOf(interval);
  while (cursor.toMillis() < range.end) {
    const next = interval === 'hour' ? cursor.plus({ hours: 1 }) : cursor.plus(interval === 'day' ? { days: 1 } : { weeks: 1 }).startOf(interval);
    buckets.push({ start: Math.max(cursor.toMillis(), range.start), end: Math.min(next.toMillis(), range.end) });
    cursor = next;
  }
  return buckets;
}

describe('time range buckets', () => {
  test('hour, day and week buckets over a year equal luxon step by step in every zone', () => {
    // A year with both changes, from a mid-hour start to a mid-day end; hours around the changes only
    // (the reference takes a while per step).
    const year = { start: Date.parse('2026-01-03T07:20:00Z'), end: Date.parse('2027-01-05T13:45:00Z') };
    const spring = { start: Date.parse('2026-03-05T07:20:00Z'), end: Date.parse('2026-04-08T13:45:00Z') };
    const autumn = { start: Date.parse('2026-09-03T07:20:00Z'), end: Date.parse('2026-11-03T13:45:00Z') };
    for (const zone of ZONES) {
      for (const [interval, range] of [
        ['day', year],
        ['week', year],
        ['hour', spring],
        ['hour', autumn],
      ] as Array<[Interval, TimeWindow]>) {
        expect(bucketsFor(range, interval, zone), `${zone} ${interval}`).toEqual(luxonBuckets(range, interval, zone));
      }
    }
  });

  test('local days carry their calendar date in every zone', () => {
    for (const zone of ZONES) {
      const range = { start: Date.parse('2026-03-01T00:00:00Z'), end: Date.parse('2026-11-30T00:00:00Z') };
      expect(localDays(range, zone), zone).toEqual(
        luxonBuckets(range, 'day', zone).map((day) => ({ ...day, date: DateTime.fromMillis(day.start, { zone }).toISODate() })),
      );
    }
  });
});
