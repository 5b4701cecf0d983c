// The weekly report on the databases a new user and a long-time user have: collection that began two
// days ago, a month of history with a day in progress (week to date), and a week-to-date report in
// the week the clocks change. Expected numbers are counted from what the seed wrote.
import { DateTime } from 'luxon';
import { describe, expect, test } from 'vitest';
import { renderHtml } from '../../reports/render-html.js';
import { renderMarkdown } from '../../reports/render-markdown.js';
import { seedDatabase, type SeededDatabase } from '../helpers/seed-database.js';
import { seededReport } from '../helpers/seeded-report.js';

const NY = 'America/New_York';
/** Wednesday 2 December 2026, 10:00 in New York. */
const WEDNESDAY = Date.parse('2026-12-02T15:00:00Z');

const live = (seed: SeededDatabase, start: number, end: number) => seed.livePosts().filter((post) => post.createdAt >= start && post.createdAt < end);
const local = (iso: string) => DateTime.fromISO(iso, { zone: NY }).toMillis();

async function reportOf(seed: SeededDatabase, week?: string) {
  return seededReport(seed, { ...(week ? { week } : {}) });
}

describe('weekly report when collection began two days ago', () => {
  // The first runs reached back a week, as X's recent search does.
  const seed = seedDatabase({ now: WEDNESDAY, days: 2, backfillDays: 7 });

  test('last week\'s posts that the first run reached back for are counted, and the coverage says they were collected later', async () => {
    const report = await reportOf(seed);
    expect(report.week.label).toBe('2026-W48');
    const xPosts = live(seed, local('2026-11-23'), local('2026-11-30')).filter((post) => post.network === 'x');
    expect(xPosts.length).toBeGreaterThan(0);
    expect(report.networkSplit.find((row) => row.network === 'x')!.posts).toBe(xPosts.length);
    const x = report.coverage.networks.find((network) => network.network === 'x')!;
    expect(x).toMatchObject({ status: 'backfilled', postsInWeek: xPosts.length });
    const notes = report.coverage.warnings.map((warning) => warning.message).join(' ');
    // Never "X was not collected" beside a count of X posts.
    expect(notes).not.toContain('X was not collected');
    expect(notes).toContain(`X: collection began Mon 30 Nov`);
    expect(notes).toContain(`its ${xPosts.length} post${xPosts.length === 1 ? '' : 's'} from this week were collected afterwards`);
    expect(renderHtml(report)).toContain('collected later');
  });

  test('the week to date compares with nothing: the week before was not collected', async () => {
    const report = await reportOf(seed, '2026-W49');
    expect(report.week).toMatchObject({ complete: false, through: new Date(WEDNESDAY).toISOString() });
    expect(report.headline.every((kpi) => kpi.change === null && !kpi.previousCollected)).toBe(true);
    const html = renderHtml(report);
    expect(html).toContain('no data for the week before');
    expect(html).not.toMatch(/[+−]\d[\d,]*%/);
    expect(html).not.toContain('up from 0');
  });
});

describe('weekly report with a month of history, on a Wednesday morning', () => {
  const seed = seedDatabase({ now: WEDNESDAY, days: 30 });

  test('the week to date is labelled so and compares with last week up to the same day and time', async () => {
    const report = await reportOf(seed, '2026-W49');
    const weekStart = local('2026-11-30');
    const current = live(seed, weekStart, WEDNESDAY);
    const lastWeekSoFar = live(seed, local('2026-11-23'), local('2026-11-25T10:00'));
    expect(report.kpis.current.posts.total).toBe(current.length);
    expect(report.kpis.previous.posts.total).toBe(lastWeekSoFar.length);
    const posts = report.headline.find((kpi) => kpi.key === 'posts')!;
    expect(posts).toMatchObject({ previousSoFar: true, previousCollected: true, value: current.length, previous: lastWeekSoFar.length });
    expect(posts.change).toBeCloseTo((current.length - lastWeekSoFar.length) / lastWeekSoFar.length, 10);
    expect(report.week.heading).toBe('2026-W49, week to date (to Wed 2 Dec 10:00)');
    expect(report.summary).toMatch(/^In 2026-W49 so far \(30 Nov – 6 Dec 2026, up to Wed 2 Dec 10:00\)/);
    const html = renderHtml(report);
    expect(html).toContain('Week to date.');
    expect(html).toContain('vs same point last week');
    expect(html).not.toContain('vs last week<');
    expect(renderMarkdown(report)).toContain('**Week to date:** up to Wed 2 Dec 10:00');
  });

  test('the day in progress counts its posts so far, and the days still to come show a dash, never a zero', async () => {
    const report = await reportOf(seed, '2026-W49');
    expect(report.days.map((day) => day.status)).toEqual(['complete', 'complete', 'so_far', 'future', 'future', 'future', 'future']);
    expect(report.days[2]!.posts).toBe(live(seed, local('2026-12-02'), WEDNESDAY).length);
    expect(report.days.slice(3).every((day) => day.posts === null && day.cumulativePotentialReach === null)).toBe(true);
    const html = renderHtml(report);
    // Three bars for the three days begun; the future days keep their labels on the axis.
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(svg.match(/<rect [^>]*fill="#9cc9d1">/g)).toHaveLength(3);
    expect(svg).toContain('>Sun 6<');
    const postsRow = html.slice(html.indexOf('>Posts</th>'), html.indexOf('</tr>', html.indexOf('>Posts</th>')));
    expect(postsRow.match(/>–</g)).toHaveLength(4);
    expect(renderMarkdown(report)).toMatch(/\| Wed 2 \(so far\) \| \d+ \|/);
  });

  test('the scheduled week stays the last complete one, with whole-week comparisons', async () => {
    const report = await reportOf(seed);
    expect(report.week).toMatchObject({ label: '2026-W48', complete: true, through: null, heading: '2026-W48' });
    expect(report.kpis.previous.posts.total).toBe(live(seed, local('2026-11-16'), local('2026-11-23')).length);
    expect(report.days.every((day) => day.status === 'complete')).toBe(true);
    expect(renderHtml(report)).not.toContain('Week to date');
  });
});

describe('week-to-date report in the week the clocks change', () => {
  // Sunday 1 November 2026, 12:00 in New York, ten hours after the clocks went back (a 25-hour day).
  const now = Date.parse('2026-11-01T17:00:00Z');
  const seed = seedDatabase({ now, days: 30 });

  test('"the same point last week" is the same local time, an hour more than seven days of 24 hours before', async () => {
    const report = await reportOf(seed, '2026-W44');
    expect(report.week.hours).toBe(169);
    const sunday = report.days.at(-1)!;
    expect(sunday).toMatchObject({ date: '2026-11-01', hours: 25, status: 'so_far' });
    expect(sunday.posts).toBe(live(seed, local('2026-11-01'), now).length);
    // Sunday 25 October 12:00 EDT is 16:00 UTC: 7 × 24 h + 1 h before now.
    const sameTimeLastWeek = Date.parse('2026-10-25T16:00:00Z');
    expect(now - sameTimeLastWeek).toBe((7 * 24 + 1) * 3_600_000);
    expect(report.kpis.previous.posts.total).toBe(live(seed, local('2026-10-19'), sameTimeLastWeek).length);
    expect(report.kpis.current.posts.total).toBe(live(seed, local('2026-10-26'), now).length);
  });
});
