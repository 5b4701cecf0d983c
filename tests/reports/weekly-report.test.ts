// The weekly report on a seeded campaign (real migrations, real store functions): its numbers are
// the dashboard API's for the same range, agree with an independent count of what the seed wrote,
// and hold at the edges (DST weeks, empty weeks, removed posts, collector gaps, future weeks).
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MetricReading, Network } from '../../core/types.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { getCoverageLedger, windowCoverage } from '../../db/coverage-ledger.js';
import { storeCollectedPost, upsertAuthor } from '../../db/posts.js';
import { finishRun, recordSkippedRun, startRun, type RunStatus } from '../../db/runs.js';
import { generateWeeklyReport } from '../../reports/generate-weekly-report.js';
import { FutureWeekError } from '../../reports/iso-week.js';
import { renderHtml } from '../../reports/render-html.js';
import { renderJson } from '../../reports/render-json.js';
import { renderMarkdown } from '../../reports/render-markdown.js';
import type { WeeklyReport } from '../../reports/weekly-report.js';
import { jsonAsker } from '../helpers/ask-api.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { makePost } from '../helpers/posts.js';
import { seedDatabase, type SeededDatabase, type SeededPost } from '../helpers/seed-database.js';
import { dashboardOverSeed } from '../helpers/seeded-dashboard.js';
import { seededReport } from '../helpers/seeded-report.js';

const NY = 'America/New_York';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let seed: SeededDatabase;
let report: WeeklyReport;
let api: <T = any>(path: string) => Promise<T>;

/** Engagements as README "Metric definitions" spells them out, written again here on purpose. */
function engagements(network: Network, m: MetricReading): number {
  const n = (value: number | null) => value ?? 0;
  if (network === 'x') return n(m.likes) + n(m.reposts) + n(m.replies) + n(m.quotes) + n(m.bookmarks);
  if (network === 'bluesky') return n(m.likes) + n(m.reposts) + n(m.replies) + n(m.quotes);
  return n(m.likes) + n(m.reposts) + n(m.replies);
}
const latest = (post: SeededPost) => post.readings.at(-1)!.metrics;
const authorKey = (post: SeededPost) => `${post.network}:${post.author.networkId}`;
const localWeekStart = (isoDate: string) => DateTime.fromISO(isoDate, { zone: NY }).toMillis();
const liveIn = (start: number, end: number) => seed.livePosts().filter((post) => post.createdAt >= start && post.createdAt < end);

beforeAll(async () => {
  seed = seedDatabase();
  report = await seededReport(seed);
  api = jsonAsker(dashboardOverSeed(seed).app);
});

afterAll(() => seed.db.close());

describe('generateWeeklyReport', () => {
  test('by default the report covers the last complete week in the report time zone', () => {
    // The seed ends on Wednesday 4 November 2026; the week before ran Monday 26 October to Sunday 1 November.
    expect(report.week.label).toBe('2026-W44');
    expect(report.week.start).toBe(new Date(localWeekStart('2026-10-26')).toISOString());
    expect(report.week.end).toBe(new Date(localWeekStart('2026-11-02')).toISOString());
  });

  test('headline numbers equal the dashboard summary for the same range, this week and the week before', async () => {
    const summary = await api('/api/summary?from=2026-10-26&to=2026-11-01');
    expect(summary.range.from).toBe(report.week.start);
    expect(summary.range.to).toBe(report.week.end);
    expect(report.kpis.current).toEqual(summary.current);
    expect(report.kpis.previous).toEqual(summary.previous);
    expect(report.methodology.definitionsVersion).toBe(summary.definitions.version);
    expect(report.methodology.engagementFormulaVersion).toBe(summary.definitions.engagementFormulaVersion);
  });

  test('network split, top contributors and top posts equal the dashboard API for the same range', async () => {
    const range = 'from=2026-10-26&to=2026-11-01';
    const networks = await api(`/api/networks?${range}`);
    expect(report.networkSplit.map(({ share: _share, ...row }) => row)).toEqual(networks.networks);
    const contributors = await api(`/api/top-contributors?${range}&by=posts&limit=5`);
    expect(report.topContributors).toEqual(contributors.contributors);
    const posts = await api(`/api/top-posts?${range}&by=engagements&limit=5`);
    expect(report.topPosts.map((post) => [post.id, post.engagements])).toEqual(posts.posts.map((post: any) => [post.id, post.engagements]));
  });

  test('daily numbers equal the dashboard time series for the same range', async () => {
    const series = async (metric: string) =>
      (await api(`/api/timeseries?from=2026-10-26&to=2026-11-01&metric=${metric}&interval=day`)).points.map((point: any) => point.value);
    expect(report.days.map((day) => day.posts)).toEqual(await series('posts'));
    expect(report.days.map((day) => day.contributors)).toEqual(await series('authors'));
    expect(report.days.map((day) => day.potentialReach)).toEqual(await series('potential_reach'));
    expect(report.days.map((day) => day.engagementsGained)).toEqual(await series('engagements'));
  });

  test('failed runs per network equal the dashboard coverage ledger for the same range', async () => {
    const coverage = await api('/api/coverage?from=2026-10-26&to=2026-11-01');
    for (const network of report.coverage.networks) {
      const days = coverage.days.filter((day: any) => day.network === network.network);
      expect(network.failures).toBe(days.reduce((sum: number, day: any) => sum + day.failures, 0));
      expect(network.runs).toBe(days.reduce((sum: number, day: any) => sum + day.runs, 0));
      expect(network.daysWithoutSuccess).toEqual(days.filter((day: any) => day.gap).map((day: any) => day.date));
    }
  });

  test('headline numbers agree with an independent count of the seeded posts', () => {
    const posts = liveIn(localWeekStart('2026-10-26'), localWeekStart('2026-11-02'));
    const kpis = report.kpis.current;
    expect(kpis.posts.total).toBe(posts.length);
    expect(kpis.posts.original + kpis.posts.reply + kpis.posts.quote + kpis.posts.repost).toBe(posts.length);
    expect(kpis.contributors).toBe(new Set(posts.map(authorKey)).size);
    expect(kpis.engagements).toBe(posts.reduce((sum, post) => sum + engagements(post.network, latest(post)), 0));
    const followers = new Map(posts.map((post) => [authorKey(post), post.author.followers]));
    expect(kpis.potentialReach).toBe([...followers.values()].reduce((sum, value) => sum + value, 0));
    const previous = liveIn(localWeekStart('2026-10-19'), localWeekStart('2026-10-26'));
    expect(report.kpis.previous.posts.total).toBe(previous.length);
    expect(report.headline.find((kpi) => kpi.key === 'posts')!.change).toBeCloseTo((posts.length - previous.length) / previous.length, 10);
  });

  test('each day of the 169-hour week holds exactly the posts created on that local date', () => {
    expect(report.week.hours).toBe(169);
    expect(report.days.map((day) => day.hours)).toEqual([24, 24, 24, 24, 24, 24, 25]);
    const byDate = new Map<string, number>();
    for (const post of liveIn(localWeekStart('2026-10-26'), localWeekStart('2026-11-02'))) {
      const date = DateTime.fromMillis(post.createdAt, { zone: NY }).toISODate()!;
      byDate.set(date, (byDate.get(date) ?? 0) + 1);
    }
    expect(report.days.map((day) => [day.date, day.posts])).toEqual(report.days.map((day) => [day.date, byDate.get(day.date) ?? 0]));
    expect(report.days.reduce((sum, day) => sum + day.posts!, 0)).toBe(report.kpis.current.posts.total);
  });

  test('the week-so-far reach ends at the week\'s potential reach and never falls', () => {
    const cumulative = report.days.map((day) => day.cumulativePotentialReach);
    expect(cumulative.at(-1)).toBe(report.kpis.current.potentialReach);
    for (let i = 1; i < cumulative.length; i += 1) expect(cumulative[i]).toBeGreaterThanOrEqual(cumulative[i - 1]!);
  });

  test('weeks before collection began show no data in the trend instead of zero growth', () => {
    const posts = report.headline.find((kpi) => kpi.key === 'posts')!;
    expect(posts.trend.map((point) => point.week)).toEqual(['2026-W41', '2026-W42', '2026-W43', '2026-W44']);
    expect(posts.trend.map((point) => point.collected)).toEqual([false, false, true, true]);
    expect(renderMarkdown(report)).toMatch(/\*\*Posts:\*\* \d+ \([+−±]\d+% vs last week; 4 weeks: – · – · \d+ · \*\*\d+\*\*\)/);
  });

  test('first-time contributors are the accounts with no post before the week', () => {
    const start = localWeekStart('2026-10-26');
    const firstPost = new Map<string, number>();
    for (const post of seed.posts) firstPost.set(authorKey(post), Math.min(firstPost.get(authorKey(post)) ?? Infinity, post.createdAt));
    const weekAuthors = new Set(liveIn(start, localWeekStart('2026-11-02')).map(authorKey));
    const expected = [...weekAuthors].filter((key) => firstPost.get(key)! >= start);
    expect(report.firstTimeContributors.count).toBe(expected.length);
    expect(report.firstTimeContributors.count).toBeGreaterThan(0);
    for (const contributor of report.firstTimeContributors.contributors) {
      const author = seed.authors.find((candidate) => candidate.network === contributor.network && candidate.username === contributor.username)!;
      expect(expected).toContain(`${author.network}:${author.networkId}`);
    }
  });

  test('a removed post is never quoted, however many engagements it had', () => {
    const removed = seed.posts.find((post) => post.removedAt !== null)!;
    expect(removed.createdAt).toBeGreaterThanOrEqual(localWeekStart('2026-10-26'));
    expect(removed.createdAt).toBeLessThan(localWeekStart('2026-11-02'));
    expect(report.topPosts.map((post) => post.id)).not.toContain(removed.networkId);
    for (const output of [renderHtml(report), renderMarkdown(report), renderJson(report)]) {
      expect(output).not.toContain('This post will be deleted');
      expect(output).not.toContain(removed.networkId);
    }
  });

  test('with an existence check, a post its network says is gone is dropped and the confirmed ones are quoted', async () => {
    let offered: string[] = [];
    const checked = await seededReport(seed, {
      // Every network answered, and says the week's best post is gone.
      verifyPostsExist: async (posts) => {
        offered = posts.map((post) => post.id);
        return { confirmed: new Set(offered.slice(1)), checkedNetworks: new Set(['x', 'bluesky', 'mastodon'] as const) };
      },
    });
    expect(offered.length).toBeGreaterThan(5);
    expect(offered[0]).toBe(report.topPosts[0]!.id);
    expect(checked.topPosts.map((post) => post.id)).toEqual(offered.slice(1, 6));
    expect(checked.topPosts.map((post) => post.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(checked.topPosts.every((post) => post.existence === 'confirmed' && post.excerpt !== null)).toBe(true);
    expect(checked.meta.topPostsExistence).toBe('checked');
    expect(renderHtml(checked)).toContain('confirmed to still exist');
    expect(renderHtml(checked)).not.toContain('Not re-checked');
  });

  test('posts of networks that could not be re-checked (no credentials) are still listed, marked, with their text withheld', async () => {
    const unchecked = await seededReport(seed, {
      // As checkPostsStillExist answers with only Mastodon configured: X and Bluesky were skipped.
      verifyPostsExist: async (posts) => ({
        confirmed: new Set(posts.filter((post) => post.network === 'mastodon').map((post) => post.id)),
        checkedNetworks: new Set(['mastodon'] as const),
      }),
    });
    // The same five posts as an unchecked report: nothing dropped for want of a check.
    expect(unchecked.topPosts.map((post) => post.id)).toEqual(report.topPosts.map((post) => post.id));
    const [others, mastodon] = [unchecked.topPosts.filter((post) => post.network !== 'mastodon'), unchecked.topPosts.filter((post) => post.network === 'mastodon')];
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((post) => post.existence === 'not re-checked' && post.excerpt === null && post.url !== '')).toBe(true);
    expect(mastodon.every((post) => post.existence === 'confirmed' && post.excerpt !== null)).toBe(true);
    const html = renderHtml(unchecked);
    expect(html.match(/Not re-checked/g)).toHaveLength(others.length);
    for (const post of others) expect(html).toContain(post.url);
    expect(unchecked.methodology.notes.join(' ')).toMatch(/Posts marked "not re-checked" \(\d\) are listed/);
    expect(renderMarkdown(unchecked).match(/Not re-checked: text withheld/g)).toHaveLength(others.length);
    if (mastodon.length === 0) expect(html).not.toContain('confirmed');
    expect(unchecked.meta.topPostsExistence).toBe(mastodon.length > 0 ? 'partly checked' : 'not re-checked');
  });

  test('when the existence check fails, top posts are listed without their text', async () => {
    const { log, text } = captureLogger();
    const failed = await seededReport(seed, {
      log,
      verifyPostsExist: async () => {
        throw new Error('x refresh failed with status 503');
      },
    });
    expect(failed.topPosts.length).toBe(5);
    expect(failed.topPosts.every((post) => post.excerpt === null && post.existence === 'not re-checked')).toBe(true);
    expect(renderHtml(failed)).not.toContain('confirmed to still exist');
    expect(failed.meta.topPostsExistence).toBe('check failed');
    const html = renderHtml(failed);
    for (const post of report.topPosts) expect(html).not.toContain(post.excerpt!);
    expect(text()).toContain('could not confirm the top posts still exist');
  });

  test('without an existence check no post is said to be confirmed, and none is quoted', () => {
    expect(report.meta.topPostsExistence).toBe('not re-checked');
    expect(JSON.parse(renderJson(report)).meta.topPostsExistence).toBe('not re-checked');
    expect(report.topPosts.every((post) => post.existence === 'not re-checked' && post.excerpt === null)).toBe(true);
    for (const output of [renderHtml(report), renderMarkdown(report)]) {
      expect(output).not.toMatch(/confirmed/i);
      expect(output).toContain('no check was made');
    }
  });

  test('shareable adoption says "not tracked yet" until a source provides it', async () => {
    expect(report.shareables).toEqual({ status: 'not_tracked' });
    expect(renderHtml(report)).toContain('Not tracked yet');
    const tracked = await seededReport(seed, {
      shareableAdoption: () => ({ posts: 16, items: [{ id: 'living-wage-stat', title: 'Living wage stat', posts: 16 }] }),
    });
    expect(tracked.shareables).toMatchObject({ status: 'tracked', posts: 16, share: 16 / report.kpis.current.posts.total });
    expect(renderHtml(tracked)).toContain('Living wage stat');
  });

  test('days before collection began are not counted as gaps, and the report says when it began', async () => {
    const w43 = await seededReport(seed, { week: '2026-W43' });
    const firstRun = Math.min(...seed.runs.filter((run) => run.network === 'x').map((run) => run.startedAt));
    const x = w43.coverage.networks.find((network) => network.network === 'x')!;
    expect(x.collectionBegan).toBe(new Date(firstRun).toISOString());
    expect(x.daysWithoutSuccess).toEqual([]);
    expect(w43.firstTimeContributors.collectionBegan).toBe(new Date(firstRun).toISOString());
    expect(w43.coverage.warnings.find((warning) => warning.network === 'x')!.message).toMatch(/^X: collection began Wed 21 Oct/);
  });

  test('an empty week says so in every format', async () => {
    const empty = await seededReport(seed, { week: '2026-W40' });
    expect(empty.empty).toBe(true);
    expect(empty.kpis.current.posts.total).toBe(0);
    const sentence = 'No posts with #jobquality or #fairwork were collected in 2026-W40';
    expect(empty.summary).toContain(sentence);
    expect(renderHtml(empty)).toContain(sentence);
    expect(renderMarkdown(empty)).toContain(sentence);
    expect(renderHtml(empty)).toContain('No posts this week');
    // Nothing had been collected yet: the report says so rather than reporting a gap.
    expect(empty.coverage.networks.map((network) => network.status)).toEqual(['not_collected', 'not_collected', 'not_collected']);
  });

  test('a week that has not started is refused with a clear message', async () => {
    await expect(seededReport(seed, { week: '2026-W46' })).rejects.toThrow(FutureWeekError);
    await expect(seededReport(seed, { week: '2026-W46' })).rejects.toThrow(
      /2026-W46 has not started yet.*latest complete week is 2026-W44/s,
    );
  });
});

describe('generateWeeklyReport data coverage', () => {
  let db: Db;
  const now = Date.parse('2026-11-04T15:00:00Z');

  const run = (network: Network, at: number, status: Exclude<RunStatus, 'running'>) => {
    const id = startRun(db, network, at);
    finishRun(db, id, { status, now: at + 30_000, error: status === 'failed' ? 'kept failing' : null });
  };

  beforeAll(() => {
    db = openDatabase(':memory:');
    // X and Bluesky run every 6 hours from 1 October, then fail from 20 October 18:00 UTC until
    // 30 October 12:00 UTC (ten days); Mastodon was never configured.
    const outageStart = Date.parse('2026-10-20T18:00:00Z');
    const outageEnd = Date.parse('2026-10-30T12:00:00Z');
    for (let at = Date.parse('2026-10-01T00:00:00Z'); at < now; at += 6 * HOUR) {
      const status = at >= outageStart && at < outageEnd ? 'failed' : 'ok';
      run('x', at, status);
      run('bluesky', at, status);
      recordSkippedRun(db, 'mastodon', at, 'no MASTODON_TOKEN set');
    }
  });

  afterAll(() => db.close());

  test('an X outage longer than its 7-day search window is flagged as data that cannot be backfilled', async () => {
    // The week the lost posts belong to (19–25 October): the outage's first three days are beyond the 30 October run's reach.
    const weekly = await generateWeeklyReport({ db, timeZone: NY, hashtags: ['jobquality'], now, week: '2026-W43' });
    const x = weekly.coverage.networks.find((network) => network.network === 'x')!;
    const lastSuccess = Date.parse('2026-10-20T12:00:00Z');
    const resumed = Date.parse('2026-10-30T12:00:00Z');
    expect(x.backfillWarning).toMatchObject({
      from: new Date(lastSuccess).toISOString(),
      to: new Date(resumed).toISOString(),
      ongoing: false,
      lostFrom: new Date(lastSuccess).toISOString(),
      lostTo: new Date(resumed - 7 * DAY).toISOString(),
    });
    const warning = weekly.coverage.warnings.find((entry) => entry.network === 'x' && entry.level === 'warning')!;
    expect(warning.message).toMatch(/X lets us reach back only 7 days/);
    expect(renderHtml(weekly)).toContain('Warning:');
    expect(weekly.coverage.complete).toBe(false);
  });

  test('the week after that outage is whole, as the dashboard ledger says: the lost posts predate it and later runs refilled its failed days', async () => {
    const weekly = await generateWeeklyReport({ db, timeZone: NY, hashtags: ['jobquality'], now });
    const x = weekly.coverage.networks.find((network) => network.network === 'x')!;
    expect(x.daysWithoutSuccess.length).toBeGreaterThan(0);
    expect(x.backfillWarning).toBeNull();
    expect(x.missing).toEqual([]);
    expect(weekly.coverage.warnings.filter((entry) => entry.level === 'warning')).toEqual([]);
    expect(weekly.coverage.warnings.find((entry) => entry.network === 'x')!.message).toContain('later runs collected that time again, so its posts are in these numbers');
    // Mastodon was never collected, and says so; X and Bluesky have every post of the week stored.
    expect(weekly.coverage.complete).toBe(true);
    const week = { start: Date.parse(weekly.week.start), end: Date.parse(weekly.week.end) };
    expect(windowCoverage(getCoverageLedger(db, now), week, ['x', 'bluesky']).status).toBe('complete');
  });

  test('the same outage on Bluesky, which pages back without a time limit, is a gap but no loss', async () => {
    const weekly = await generateWeeklyReport({ db, timeZone: NY, hashtags: ['jobquality'], now });
    const bluesky = weekly.coverage.networks.find((network) => network.network === 'bluesky')!;
    expect(bluesky.backfillWarning).toBeNull();
    // Monday to Thursday had no successful run; Friday's 08:00 run (12:00 UTC) ended the outage.
    expect(bluesky.daysWithoutSuccess).toEqual(['2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29']);
    expect(bluesky.failures).toBe(bluesky.runs - bluesky.successes);
    expect(bluesky.longestGapMs).toBe(resumedInWeek());
  });

  test('a network that was never collected is shown as not collected, with the reason', async () => {
    const weekly = await generateWeeklyReport({ db, timeZone: NY, hashtags: ['jobquality'], now });
    const mastodon = weekly.coverage.networks.find((network) => network.network === 'mastodon')!;
    expect(mastodon.status).toBe('not_collected');
    expect(weekly.coverage.warnings.find((entry) => entry.network === 'mastodon')!.message).toBe(
      'Mastodon was not collected (no MASTODON_TOKEN set): its posts are not in this report.',
    );
  });

  test('an X outage still going on is measured up to the time of the report', async () => {
    const ongoing = openDatabase(':memory:');
    const lastSuccess = Date.parse('2026-10-24T06:00:00Z');
    for (let at = Date.parse('2026-10-20T00:00:00Z'); at < now; at += 6 * HOUR) {
      const id = startRun(ongoing, 'x', at);
      finishRun(ongoing, id, { status: at <= lastSuccess ? 'ok' : 'failed', now: at + 30_000 });
    }
    const weekly = await generateWeeklyReport({ db: ongoing, timeZone: NY, hashtags: ['jobquality'], now, networks: ['x'] });
    ongoing.close();
    expect(weekly.coverage.networks[0]!.backfillWarning).toMatchObject({
      from: new Date(lastSuccess).toISOString(),
      to: new Date(now).toISOString(),
      ongoing: true,
      lostTo: new Date(now - 7 * DAY).toISOString(),
    });
    expect(weekly.coverage.warnings[0]!.message).toMatch(/^X: no successful collection from Sat 24 Oct 02:00 until now \(11\.4 days\)/);
  });

  test('in a week in progress, runs failing since the last success leave posts not yet collected, and the report says so', async () => {
    const failing = openDatabase(':memory:');
    const lastSuccess = Date.parse('2026-11-04T10:00:00Z');
    for (let at = Date.parse('2026-10-20T00:00:00Z'); at < now; at += HOUR) {
      const id = startRun(failing, 'bluesky', at);
      finishRun(failing, id, { status: at <= lastSuccess ? 'ok' : 'failed', now: at + 30_000, error: at <= lastSuccess ? null : 'kept failing' });
    }
    const weekly = await generateWeeklyReport({ db: failing, timeZone: NY, hashtags: ['jobquality'], now, week: '2026-W45', networks: ['bluesky'] });
    failing.close();
    const bluesky = weekly.coverage.networks[0]!;
    // Every day of the week so far had a successful run, yet the five hours since 10:00 UTC are not stored.
    expect(bluesky.daysWithoutSuccess).toEqual([]);
    expect(bluesky.missing).toEqual([{ from: new Date(lastSuccess).toISOString(), to: new Date(now).toISOString(), state: 'failed' }]);
    expect(weekly.coverage.complete).toBe(false);
    expect(weekly.coverage.warnings[0]!.message).toContain('posts from Wed 4 Nov 05:00 to Wed 4 Nov 10:00 are not in these numbers (the runs since failed');
    expect(renderHtml(weekly)).not.toContain('Every network was collected throughout the week.');
  });

  test('a week with collection runs but no posts says it is empty and that collection ran', async () => {
    const weekly = await generateWeeklyReport({ db, timeZone: NY, hashtags: ['jobquality'], now, week: '2026-W41' });
    expect(weekly.empty).toBe(true);
    expect(weekly.summary).toBe('No posts with #jobquality were collected in 2026-W41 (5–11 Oct 2026).');
    expect(weekly.coverage.networks.find((network) => network.network === 'x')).toMatchObject({ status: 'collected', failures: 0, daysWithoutSuccess: [] });
    expect(renderHtml(weekly)).toContain('data coverage section below');
  });
});

describe('generateWeeklyReport across clock changes', () => {
  let db: Db;

  /** Stores one post created at `iso` (UTC), by its own author. */
  const post = (id: string, iso: string) => {
    const normalized = makePost(id, { createdAt: Date.parse(iso) });
    const authorId = upsertAuthor(db, 'x', normalized.author, Date.parse(iso));
    storeCollectedPost(db, { post: normalized, authorId, matchedHashtags: ['jobquality'], now: Date.parse(iso), nextRefreshAt: null });
  };

  beforeAll(() => {
    db = openDatabase(':memory:');
    // Spring forward, Sunday 8 March 2026: 02:00 EST becomes 03:00 EDT.
    post('sat-late', '2026-03-08T04:30:00Z'); // Sat 7 Mar 23:30 EST
    post('sun-before', '2026-03-08T06:30:00Z'); // Sun 8 Mar 01:30 EST
    post('sun-after', '2026-03-08T07:30:00Z'); // Sun 8 Mar 03:30 EDT
    post('sun-late', '2026-03-09T03:30:00Z'); // Sun 8 Mar 23:30 EDT
    post('next-mon', '2026-03-09T04:30:00Z'); // Mon 9 Mar 00:30 EDT: the next week
    // Fall back, Sunday 1 November 2026: 01:00-02:00 happens twice.
    post('first-0130', '2026-11-01T05:30:00Z'); // Sun 1 Nov 01:30 EDT
    post('second-0130', '2026-11-01T06:30:00Z'); // Sun 1 Nov 01:30 EST
    post('sun-2330', '2026-11-02T04:30:00Z'); // Sun 1 Nov 23:30 EST
    post('mon-0000', '2026-11-02T05:00:00Z'); // Mon 2 Nov 00:00 EST: the next week
  });

  afterAll(() => db.close());

  const generate = (week: string) => generateWeeklyReport({ db, timeZone: NY, hashtags: ['jobquality'], now: Date.parse('2026-12-01T00:00:00Z'), week, networks: ['x'] });

  test('the 167-hour week puts posts on both sides of the missing hour on its 23-hour Sunday', async () => {
    const weekly = await generate('2026-W10');
    expect(weekly.week.hours).toBe(167);
    const days = Object.fromEntries(weekly.days.map((day) => [day.date, [day.hours, day.posts]]));
    expect(days['2026-03-07']).toEqual([24, 1]);
    expect(days['2026-03-08']).toEqual([23, 3]);
    expect(weekly.kpis.current.posts.total).toBe(4);
    expect((await generate('2026-W11')).kpis.current.posts.total).toBe(1);
  });

  test('the 169-hour week puts both 01:30s and 23:30 on its 25-hour Sunday, and midnight Monday in the next week', async () => {
    const weekly = await generate('2026-W44');
    expect(weekly.week.hours).toBe(169);
    expect(weekly.days.at(-1)).toMatchObject({ date: '2026-11-01', hours: 25, posts: 3 });
    expect(weekly.kpis.current.posts.total).toBe(3);
    expect((await generate('2026-W45')).days[0]).toMatchObject({ date: '2026-11-02', posts: 1 });
  });
});

/** Bluesky's stretch without success inside W44: from the week's start to Friday 30 October 12:00 UTC. */
function resumedInWeek(): number {
  return Date.parse('2026-10-30T12:00:00Z') - DateTime.fromISO('2026-10-26', { zone: NY }).toMillis();
}
