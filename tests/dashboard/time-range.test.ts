// Ranges and buckets in the report time zone, across the 2026 daylight-saving changes in New York
// (clocks forward Sunday 8 March, back Sunday 1 November).
import { describe, expect, test } from 'vitest';
import { bucketsFor, countBuckets, defaultRange, localDays, parseInstant, previousRange, resolveRange } from '../../dashboard/server/time-range.js';

const NY = 'America/New_York';
const at = (iso: string) => Date.parse(iso);
const hours = (window: { start: number; end: number }) => (window.end - window.start) / 3_600_000;

describe('time-range', () => {
  test('a date means local midnight, and as "to" the whole day', () => {
    expect(parseInstant('2026-11-01', NY, 'from')).toBe(at('2026-11-01T04:00:00Z'));
    // 1 November 2026 lasts 25 hours in New York: it ends at 05:00 UTC on the 2nd.
    expect(parseInstant('2026-11-01', NY, 'to')).toBe(at('2026-11-02T05:00:00Z'));
  });

  test('a date-time with an offset is that instant; without one it is local time', () => {
    expect(parseInstant('2026-11-03T10:00:00Z', NY, 'from')).toBe(at('2026-11-03T10:00:00Z'));
    expect(parseInstant('2026-11-03T10:00:00', NY, 'from')).toBe(at('2026-11-03T15:00:00Z'));
  });

  test('the default range is the last seven local days including today', () => {
    const range = defaultRange(NY, at('2026-11-04T15:00:00Z'));
    expect(range).toEqual({ start: at('2026-10-29T04:00:00Z'), end: at('2026-11-05T05:00:00Z') });
    expect(resolveRange(null, null, NY, at('2026-11-04T15:00:00Z'))).toEqual(range);
  });

  test('day buckets follow local midnights, so the day clocks go back has 25 hours', () => {
    const days = localDays({ start: at('2026-10-31T04:00:00Z'), end: at('2026-11-03T05:00:00Z') }, NY);
    expect(days.map((day) => day.date)).toEqual(['2026-10-31', '2026-11-01', '2026-11-02']);
    expect(days.map(hours)).toEqual([24, 25, 24]);
  });

  test('the day clocks go forward has 23 hours', () => {
    const days = bucketsFor({ start: at('2026-03-08T05:00:00Z'), end: at('2026-03-09T04:00:00Z') }, 'day', NY);
    expect(days.map(hours)).toEqual([23]);
  });

  test('ISO week buckets start on local Monday midnight; the DST week has 169 hours', () => {
    const weeks = bucketsFor({ start: at('2026-10-26T04:00:00Z'), end: at('2026-11-09T05:00:00Z') }, 'week', NY);
    expect(weeks.map((week) => new Date(week.start).toISOString())).toEqual(['2026-10-26T04:00:00.000Z', '2026-11-02T05:00:00.000Z']);
    expect(weeks.map(hours)).toEqual([169, 168]);
  });

  test('buckets are clipped to the range and cover every instant once', () => {
    const range = { start: at('2026-10-28T16:30:00Z'), end: at('2026-11-03T09:15:00Z') };
    const weeks = bucketsFor(range, 'week', NY);
    expect(weeks[0]!.start).toBe(range.start);
    expect(weeks.at(-1)!.end).toBe(range.end);
    for (let i = 1; i < weeks.length; i += 1) expect(weeks[i]!.start).toBe(weeks[i - 1]!.end);
  });

  test('hour buckets count the repeated hour when clocks go back', () => {
    const range = { start: at('2026-11-01T04:00:00Z'), end: at('2026-11-02T05:00:00Z') };
    expect(bucketsFor(range, 'hour', NY)).toHaveLength(25);
    expect(countBuckets(range, 'hour', NY)).toBe(25);
  });

  test('half-hour time zones get half-hour-aligned local days', () => {
    const days = localDays({ start: parseInstant('2026-11-01', 'Asia/Kolkata', 'from'), end: parseInstant('2026-11-02', 'Asia/Kolkata', 'to') }, 'Asia/Kolkata');
    expect(days.map((day) => new Date(day.start).toISOString())).toEqual(['2026-10-31T18:30:00.000Z', '2026-11-01T18:30:00.000Z']);
  });

  test('the previous period of whole local days is the same number of days before', () => {
    // 2026-11-02 .. 2026-11-08 (168 h) compares with 2026-10-26 .. 2026-11-01 (169 h).
    const previous = previousRange({ start: at('2026-11-02T05:00:00Z'), end: at('2026-11-09T05:00:00Z') }, NY);
    expect(previous).toEqual({ start: at('2026-10-26T04:00:00Z'), end: at('2026-11-02T05:00:00Z') });
  });

  test('the previous period of an arbitrary range has the same duration', () => {
    expect(previousRange({ start: at('2026-11-03T10:00:00Z'), end: at('2026-11-03T13:00:00Z') }, NY)).toEqual({
      start: at('2026-11-03T07:00:00Z'),
      end: at('2026-11-03T10:00:00Z'),
    });
  });

  test('bucket counts agree with the buckets built, for each interval', () => {
    const range = { start: at('2026-09-14T04:00:00Z'), end: at('2026-11-20T05:00:00Z') };
    for (const interval of ['hour', 'day', 'week'] as const) expect(countBuckets(range, interval, NY)).toBe(bucketsFor(range, interval, NY).length);
  });
});
