// ISO weeks in the report time zone: parsing, daylight-saving weeks, day buckets, and which weeks
// a report may cover.
import { DateTime } from 'luxon';
import { describe, expect, test } from 'vitest';
import {
  assertWeekComplete,
  daysOfWeek,
  describeWeekDates,
  FutureWeekError,
  InvalidWeekError,
  lastCompleteWeek,
  parseIsoWeek,
} from '../../reports/iso-week.js';

const NY = 'America/New_York';
const hoursBetween = (start: number, end: number) => (end - start) / 3_600_000;

describe('iso-week', () => {
  test('a week runs from local Monday midnight to the next Monday midnight', () => {
    const week = parseIsoWeek('2026-W44', NY);
    expect(new Date(week.start).toISOString()).toBe('2026-10-26T04:00:00.000Z');
    expect(new Date(week.end).toISOString()).toBe('2026-11-02T05:00:00.000Z');
    expect(describeWeekDates(week)).toBe('26 Oct – 1 Nov 2026');
  });

  test('the week in which New York falls back (2026-W44) lasts 169 hours and its Sunday 25', () => {
    const week = parseIsoWeek('2026-W44', NY);
    expect(week.hours).toBe(169);
    expect(hoursBetween(week.start, week.end)).toBe(169);
    const days = daysOfWeek(week);
    expect(days.map((day) => day.date)).toEqual(['2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30', '2026-10-31', '2026-11-01']);
    expect(days.map((day) => hoursBetween(day.start, day.end))).toEqual([24, 24, 24, 24, 24, 24, 25]);
  });

  test('the week in which New York springs forward (2026-W10) lasts 167 hours and its Sunday 23', () => {
    const week = parseIsoWeek('2026-W10', NY);
    expect(week.hours).toBe(167);
    expect(daysOfWeek(week).map((day) => hoursBetween(day.start, day.end))).toEqual([24, 24, 24, 24, 24, 24, 23]);
  });

  test('the weeks after the clock changes (2026-W11, 2026-W45) are ordinary 168-hour weeks', () => {
    expect(parseIsoWeek('2026-W11', NY).hours).toBe(168);
    expect(parseIsoWeek('2026-W45', NY).hours).toBe(168);
  });

  test('a clock change on a different date moves the long week (London falls back in 2026-W43)', () => {
    expect(parseIsoWeek('2026-W43', 'Europe/London').hours).toBe(169);
    expect(parseIsoWeek('2026-W44', 'Europe/London').hours).toBe(168);
  });

  test('days tile the week without gaps or overlaps, each starting at local midnight', () => {
    const week = parseIsoWeek('2026-W44', NY);
    const days = daysOfWeek(week);
    expect(days[0]!.start).toBe(week.start);
    expect(days.at(-1)!.end).toBe(week.end);
    for (let i = 1; i < days.length; i += 1) expect(days[i]!.start).toBe(days[i - 1]!.end);
    for (const day of days) expect(DateTime.fromMillis(day.start, { zone: NY }).toFormat('HH:mm')).toBe('00:00');
  });

  test('ISO week 1 can start in the previous calendar year', () => {
    const week = parseIsoWeek('2026-W01', NY);
    expect(daysOfWeek(week)[0]!.date).toBe('2025-12-29');
    expect(describeWeekDates(week)).toBe('29 Dec 2025 – 4 Jan 2026');
  });

  test('week 53 exists only in years that have it', () => {
    expect(parseIsoWeek('2026-W53', NY).label).toBe('2026-W53');
    expect(() => parseIsoWeek('2025-W53', NY)).toThrow(/2025 has weeks W01 to W52/);
  });

  test('malformed weeks are refused with the expected form in the message', () => {
    for (const input of ['2026-44', '2026W44', '2026-W4', 'last week', '2026-W00']) {
      expect(() => parseIsoWeek(input, NY)).toThrow(InvalidWeekError);
    }
    expect(() => parseIsoWeek('2026-44', NY)).toThrow(/YYYY-Www, for example 2026-W44/);
  });

  test('the last complete week is the one before the current week, in the report time zone', () => {
    // Monday 2026-11-09 01:30 in New York is still Sunday evening in Los Angeles.
    const now = Date.parse('2026-11-09T06:30:00Z');
    expect(lastCompleteWeek(now, NY).label).toBe('2026-W45');
    expect(lastCompleteWeek(now, 'America/Los_Angeles').label).toBe('2026-W44');
  });

  test('a week is complete from the instant it ends, and not before', () => {
    const week = parseIsoWeek('2026-W45', NY);
    expect(() => assertWeekComplete(week, week.end)).not.toThrow();
    expect(() => assertWeekComplete(week, week.end - 1)).toThrow(FutureWeekError);
  });

  test('a future week is refused with a message naming the latest week that can be reported', () => {
    const now = Date.parse('2026-11-04T15:00:00Z');
    const error = (() => {
      try {
        assertWeekComplete(parseIsoWeek('2026-W50', NY), now);
      } catch (caught) {
        return caught as Error;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(FutureWeekError);
    expect(error!.message).toMatch(/2026-W50 has not started yet/);
    expect(error!.message).toMatch(/latest complete week is 2026-W44/);
    expect(() => assertWeekComplete(parseIsoWeek('2026-W45', NY), now)).toThrow(/2026-W45 is still in progress/);
  });
});
