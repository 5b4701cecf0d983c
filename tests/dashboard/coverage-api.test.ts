// The API's numbers as comms staff would repeat them, on databases of different ages: a tracker
// set up two days ago, one with a month of history, a day in progress (10:00 in New York) and a week
// across the end of daylight saving time, and a collector that was down. Changes are only stated
// against periods that were collected; uncollected buckets are null; buckets still to come are absent.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { jsonAsker } from '../helpers/ask-api.js';
import { SEED_NOW, seedDatabase, type SeededDatabase } from '../helpers/seed-database.js';
import { kpis, postsIn } from './seed-model.js';
import { dashboardOverSeed } from '../helpers/seeded-dashboard.js';

const NY = 'America/New_York';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);

type Request = <T = any>(path: string) => Promise<T>;

/** The dashboard over `seed`, asked for 200 JSON answers. */
const serve = (seed: SeededDatabase): Request => jsonAsker(dashboardOverSeed(seed, { timeZone: NY }).app);

const seeds: SeededDatabase[] = [];
let youngSeed: SeededDatabase;
let young: Request;
let monthSeed: SeededDatabase;
let month: Request;
let outageSeed: SeededDatabase;
let outage: Request;
let midMorning: Request;

beforeAll(() => {
  // SEED_NOW is Wednesday 4 November 2026, 10:00 in New York, three days after daylight saving ended.
  youngSeed = seedDatabase({ days: 2 });
  monthSeed = seedDatabase({ days: 30 });
  outageSeed = seedDatabase({
    days: 20,
    outages: [
      // X failed for nine days, then came back: its search reaches only the last seven of them.
      { network: 'x', from: SEED_NOW - 18 * DAY, to: SEED_NOW - 9 * DAY, runs: 'failed' },
      // Mastodon has been failing since yesterday morning.
      { network: 'mastodon', from: SEED_NOW - 26 * HOUR, to: SEED_NOW + DAY, runs: 'failed' },
    ],
  });
  const midMorningSeed = seedDatabase({ days: 3, now: SEED_NOW + 30 * 60_000 });
  seeds.push(youngSeed, monthSeed, outageSeed, midMorningSeed);
  midMorning = serve(midMorningSeed);
  young = serve(youngSeed);
  month = serve(monthSeed);
  outage = serve(outageSeed);
});

afterAll(() => {
  for (const seed of seeds) seed.db.close();
});

describe('comparisons on a tracker set up two days ago', () => {
  test('the default week states no change: the week before was only partly collected', async () => {
    const body = await young('/api/summary');
    expect(body.previous).toBeNull();
    expect(body.comparison).toMatchObject({ available: false, reason: 'partly_collected', soFar: true });
    expect(body.current.posts.total).toBe(postsIn(youngSeed, { start: at('2026-10-29T04:00:00Z'), end: SEED_NOW }).length);
  });

  test('a month of days before collection reached states "not collected", not a change from zero', async () => {
    const body = await young('/api/summary?from=2026-09-01&to=2026-09-30');
    expect(body.previous).toBeNull();
    expect(body.comparison).toMatchObject({ available: false, reason: 'not_collected', soFar: false });
    expect(body.comparison.current.coverage.status).toBe('none');
  });

  test('today so far compares with yesterday up to the same local time', async () => {
    const body = await young('/api/summary?from=2026-11-04&to=2026-11-04');
    expect(body.comparison).toMatchObject({ available: true, soFar: true });
    expect(body.previousRange).toEqual({ from: '2026-11-03T05:00:00.000Z', to: '2026-11-03T15:00:00.000Z' });
    expect(body.previous.posts).toEqual(kpis(postsIn(youngSeed, { start: at('2026-11-03T05:00:00Z'), end: at('2026-11-03T15:00:00Z') })).posts);
  });

  test('a month of days draws the days before collection reached as gaps, never zeros, and leaves out days still to come', async () => {
    const body = await young('/api/timeseries?metric=posts&interval=day&from=2026-10-06&to=2026-11-10');
    const points = body.points as Array<{ start: string; end: string; value: number | null; status: string }>;
    // 6 October to 4 November: the five days from 5 to 10 November have not begun.
    expect(points).toHaveLength(30);
    expect(points.at(-1)).toMatchObject({ start: '2026-11-04T05:00:00.000Z', status: 'in_progress' });
    // X's first run (2 November, about 12:00 UTC) reached back seven days: 26 October from about 08:00 local.
    const firstRun = Math.min(...youngSeed.runs.map((run) => run.startedAt));
    const dataFrom = firstRun - 7 * DAY;
    for (const point of points) {
      const start = Date.parse(point.start);
      const end = Date.parse(point.end);
      if (end <= dataFrom) expect(point).toMatchObject({ value: null, status: 'not_collected' });
      else if (start < dataFrom) expect(point.status).toBe('partial');
      else if (end <= SEED_NOW) expect(point).toMatchObject({ status: 'complete', value: postsIn(youngSeed, { start, end }).length });
    }
    expect(points.filter((point) => point.value === null)).toHaveLength(20);
  });
});

describe('a day in progress', () => {
  test('hourly buckets stop at the current hour, which is marked in progress', async () => {
    const body = await midMorning('/api/timeseries?metric=engagements&interval=hour&from=2026-11-04&to=2026-11-04');
    const points = body.points as Array<{ start: string; status: string }>;
    // It is 10:30 in New York: eleven hours have begun, the last one half over.
    expect(points.map((point) => point.start)).toEqual(Array.from({ length: 11 }, (_, i) => new Date(at('2026-11-04T05:00:00Z') + i * HOUR).toISOString()));
    expect(points.at(-1)!.status).toBe('in_progress');
    expect(points.slice(0, -1).every((point) => point.status === 'complete')).toBe(true);
    expect(body.definition).toMatchObject({ id: 'engagements', basis: 'gained', label: 'Engagements gained' });
  });
});

describe('a month of history', () => {
  test('the running week across the end of daylight saving compares with last week up to Wednesday 10:00 local time', async () => {
    const body = await month('/api/summary?from=2026-11-02&to=2026-11-08');
    expect(body.comparison).toMatchObject({ available: true, soFar: true });
    // Monday 26 October began at midnight EDT (04:00 UTC); last Wednesday 10:00 EDT was 14:00 UTC.
    expect(body.previousRange).toEqual({ from: '2026-10-26T04:00:00.000Z', to: '2026-10-28T14:00:00.000Z' });
    const expected = kpis(postsIn(monthSeed, { start: at('2026-10-26T04:00:00Z'), end: at('2026-10-28T14:00:00Z') }));
    expect(body.previous.posts).toEqual(expected.posts);
    expect(body.previous.engagements).toBe(expected.engagements);
  });

  test('the last 30 days compare with nothing: the 30 days before reach back past the first run', async () => {
    const body = await month('/api/summary?from=2026-10-06&to=2026-11-04');
    expect(body).toMatchObject({ previous: null, comparison: { available: false, reason: 'partly_collected' } });
  });
});

describe('collector health after an outage', () => {
  test('X days beyond its seven-day search are never collectable, the rest backfilled, and neither raises an alarm', async () => {
    const body = await outage('/api/coverage?from=2026-10-15&to=2026-11-04&network=x');
    const days = body.days as Array<{ date: string; state: string; gap: boolean; failures: number }>;
    const recovered = SEED_NOW - 9 * DAY;
    const dayOf = (ms: number) => DateTime.fromMillis(ms, { zone: NY }).toISODate()!;
    const lost = days.filter((day) => day.date > dayOf(SEED_NOW - 18 * DAY) && day.date < dayOf(recovered - 7 * DAY));
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.every((day) => day.state === 'never_collectable' && day.failures > 0)).toBe(true);
    const refilled = days.filter((day) => day.date > dayOf(recovered - 7 * DAY) && day.date < dayOf(recovered));
    expect(refilled.length).toBeGreaterThan(4);
    expect(refilled.every((day) => day.state === 'backfilled')).toBe(true);
    expect(days.filter((day) => day.gap)).toEqual([]);
    // Never-collectable days are gaps in the chart, not days without posts.
    const series = await outage(`/api/timeseries?metric=posts&network=x&from=${lost[0]!.date}&to=${lost.at(-1)!.date}`);
    expect(series.points.every((point: { value: number | null }) => point.value === null)).toBe(true);
  });

  test('a network failing since yesterday is the one alarm, and the days it failed are not drawn as zeros', async () => {
    const body = await outage('/api/coverage?from=2026-11-02&to=2026-11-04');
    const alarms = (body.days as Array<{ date: string; network: string; state: string; gap: boolean }>).filter((day) => day.gap);
    expect(alarms.map((day) => `${day.network} ${day.date} ${day.state}`)).toEqual(['mastodon 2026-11-03 failed', 'mastodon 2026-11-04 failed']);
    const series = await outage('/api/timeseries?metric=posts&network=mastodon&from=2026-11-04&to=2026-11-04');
    expect(series.points).toEqual([expect.objectContaining({ value: null, status: 'not_collected' })]);
    const summary = await outage('/api/summary?from=2026-11-04&to=2026-11-04&network=mastodon');
    expect(summary.comparison).toMatchObject({ available: false, reason: 'partly_collected', current: { coverage: { status: 'none' } } });
  });
});
