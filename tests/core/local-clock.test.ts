// The export's local times come from an offset looked up once per hour; every instant must still read
// exactly as luxon writes it, across daylight-saving changes and in zones with 30- and 45-minute offsets.
import { DateTime } from 'luxon';
import { describe, expect, test } from 'vitest';
import { localClock } from '../../core/local-clock.js';

const luxonIso = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true, includeOffset: true });

/** Every `stepMs` from `fromIso` for `hours` hours, plus a few instants with milliseconds. */
function instants(fromIso: string, hours: number, stepMs: number): number[] {
  const start = Date.parse(fromIso);
  const out: number[] = [];
  for (let ms = start; ms < start + hours * 3_600_000; ms += stepMs) out.push(ms, ms + 1, ms + 999);
  return out;
}

function expectSameAsLuxon(zone: string, times: readonly number[]): void {
  const clock = localClock(zone);
  const written = times.map((ms) => clock.iso(ms));
  expect(written).toEqual(times.map((ms) => luxonIso(ms, zone)));
  expect(times.map((ms) => clock.offsetMinutes(ms))).toEqual(times.map((ms) => DateTime.fromMillis(ms, { zone }).offset));
  expect(times.map((ms) => clock.utc(ms))).toEqual(times.map((ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')));
}

describe('localClock', () => {
  test('New York times read as luxon writes them through the spring and autumn clock changes', () => {
    expectSameAsLuxon('America/New_York', instants('2026-03-08T05:00:00Z', 4, 60_000));
    expectSameAsLuxon('America/New_York', instants('2026-11-01T04:00:00Z', 4, 60_000));
    const clock = localClock('America/New_York');
    expect(clock.iso(Date.parse('2026-11-01T05:30:00Z'))).toBe('2026-11-01T01:30:00-04:00');
    expect(clock.iso(Date.parse('2026-11-01T06:30:00Z'))).toBe('2026-11-01T01:30:00-05:00');
  });

  test('zones with 30- and 45-minute offsets, and a clock change of half an hour off the UTC hour, match luxon', () => {
    expectSameAsLuxon('Asia/Kolkata', instants('2026-11-01T00:00:00Z', 3, 7 * 60_000));
    expectSameAsLuxon('Asia/Kathmandu', instants('2026-11-01T00:00:00Z', 3, 7 * 60_000));
    // Lord Howe Island moves its clocks by 30 minutes at 02:00 local time, which is 15:30 UTC.
    expectSameAsLuxon('Australia/Lord_Howe', instants('2026-04-04T13:00:00Z', 4, 60_000));
    expectSameAsLuxon('Australia/Lord_Howe', instants('2026-10-03T14:00:00Z', 4, 60_000));
  });

  test('instants out of time order, UTC and a historical local mean time are written as luxon writes them', () => {
    const shuffled = instants('2026-03-08T05:00:00Z', 3, 600_000).reverse();
    expectSameAsLuxon('America/New_York', shuffled);
    expectSameAsLuxon('UTC', instants('2026-06-01T00:00:00Z', 2, 600_000));
    expectSameAsLuxon('Europe/London', instants('2026-03-29T00:00:00Z', 2, 600_000));
    expectSameAsLuxon('America/New_York', instants('1880-01-01T00:00:00Z', 2, 600_000));
    expectSameAsLuxon('America/New_York', [Date.parse('1969-12-31T23:59:58.500Z'), -1, 0, 1]);
  });
});
