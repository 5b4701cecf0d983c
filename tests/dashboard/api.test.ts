// The dashboard JSON API over a seeded campaign (real migrations, real store functions): every
// number is checked against an independent computation from the seed's own record.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Network } from '../../core/types.js';
import { askJson, type AnswersRequests } from '../helpers/ask-api.js';
import { parseCsv } from '../helpers/parse-csv.js';
import { seedDatabase, XSS_TEXT, type SeededDatabase } from '../helpers/seed-database.js';
import { dashboardOverSeed } from '../helpers/seeded-dashboard.js';
import { contributors, engagements, gained, kpis, latest, postsIn, potentialReach } from './seed-model.js';

const NY = 'America/New_York';
const at = (iso: string) => Date.parse(iso);
let seed: SeededDatabase;
let reportsDir: string;
let app: AnswersRequests;

/** Local midnight of a date in New York, as the API reads `from`. */
const midnight = (date: string) => DateTime.fromISO(date, { zone: NY }).toMillis();

const request = async (path: string) => app.request(path);
const getJson = <T = any>(path: string) => askJson<T>(app, path);

beforeAll(() => {
  seed = seedDatabase();
  reportsDir = mkdtempSync(join(tmpdir(), 'jq-reports-'));
  ({ app } = dashboardOverSeed(seed, { timeZone: NY, reportsDir, demo: true, enabledNetworks: ['x', 'mastodon'] }));
});

afterAll(() => {
  seed.db.close();
  rmSync(reportsDir, { recursive: true, force: true });
});

describe('dashboard API', () => {
  describe('summary', () => {
    test('KPIs of a week and of the week before match the seeded posts', async () => {
      const body = await getJson('/api/summary?from=2026-10-26&to=2026-11-01');
      const week = { start: at('2026-10-26T04:00:00Z'), end: at('2026-11-02T05:00:00Z') };
      const before = { start: at('2026-10-19T04:00:00Z'), end: week.start };
      expect(body.range).toEqual({ from: '2026-10-26T04:00:00.000Z', to: '2026-11-02T05:00:00.000Z', timeZone: NY });
      expect(body.previousRange).toEqual({ from: '2026-10-19T04:00:00.000Z', to: '2026-10-26T04:00:00.000Z' });
      for (const [kpiSet, window] of [
        [body.current, week],
        [body.previous, before],
      ] as const) {
        const expected = kpis(postsIn(seed, window));
        expect(kpiSet.posts).toEqual(expected.posts);
        expect(kpiSet.contributors).toBe(expected.contributors);
        expect(kpiSet.engagements).toBe(expected.engagements);
        expect(kpiSet.impressions).toBe(expected.impressions);
        expect(kpiSet.impressionsCoverage).toBe('partial');
        expect(kpiSet.potentialReach).toBe(expected.potentialReach);
        expect(kpiSet.engagementRate).toBeCloseTo(expected.engagementRate, 12);
        expect(kpiSet.engagementRateBasis).toBe('ratio of totals over posts with impressions');
      }
      expect(body.current.posts.total).toBeGreaterThan(10);
      expect(body.comparison).toMatchObject({ available: true, reason: null, soFar: false });
      expect(body.definitions).toMatchObject({ version: expect.any(String), engagementFormulaVersion: 1 });
      expect(body.definitions.kpis.map((kpi: { id: string }) => kpi.id)).toEqual(['posts', 'contributors', 'engagements', 'impressions', 'potentialReach', 'engagementRate']);
    });

    test('without from/to it covers the last seven local days including today', async () => {
      const body = await getJson('/api/summary');
      expect(body.range).toEqual({ from: '2026-10-29T04:00:00.000Z', to: '2026-11-05T05:00:00.000Z', timeZone: NY });
      expect(body.current.posts.total).toBe(postsIn(seed, { start: at('2026-10-29T04:00:00Z'), end: at('2026-11-05T05:00:00Z') }).length);
    });

    test('impressions and engagement rate are null, not 0, when only Bluesky and Mastodon are in scope', async () => {
      const body = await getJson('/api/summary?from=2026-10-22&to=2026-11-04&network=bluesky,mastodon');
      expect(body.current.impressions).toBeNull();
      expect(body.current.engagementRate).toBeNull();
      expect(body.current.impressionsCoverage).toBe('none');
      expect(body.current.engagements).toBe(kpis(postsIn(seed, { start: midnight('2026-10-22'), end: midnight('2026-11-05') }, { networks: ['bluesky', 'mastodon'] })).engagements);
    });

    test('network can be repeated, and X alone has full impressions coverage', async () => {
      const repeated = await getJson('/api/summary?from=2026-10-22&to=2026-11-04&network=x&network=mastodon');
      const window = { start: midnight('2026-10-22'), end: midnight('2026-11-05') };
      expect(repeated.current.posts.total).toBe(postsIn(seed, window, { networks: ['x', 'mastodon'] }).length);
      const xOnly = await getJson('/api/summary?from=2026-10-22&to=2026-11-04&network=x');
      expect(xOnly.current.impressionsCoverage).toBe('all');
      expect(xOnly.current.impressions).toBe(kpis(postsIn(seed, window, { networks: ['x'] })).impressions);
    });

    test('the hashtag filter keeps posts carrying that tracked tag', async () => {
      const body = await getJson('/api/summary?from=2026-10-20&to=2026-11-04&hashtag=%23FairWork');
      const expected = kpis(postsIn(seed, { start: midnight('2026-10-20'), end: midnight('2026-11-05') }, { hashtag: 'fairwork' }));
      expect(body.current.posts).toEqual(expected.posts);
      expect(body.current.engagements).toBe(expected.engagements);
      expect(body.current.posts.total).toBeLessThan(postsIn(seed, { start: midnight('2026-10-20'), end: midnight('2026-11-05') }).length);
    });

    test('a range that starts and ends mid-hour counts exactly the posts inside it', async () => {
      const window = { start: at('2026-10-30T10:17:00Z'), end: at('2026-11-02T18:45:30Z') };
      // The offset's '+' arrives unencoded, as people type it.
      const body = await getJson(`/api/summary?from=2026-10-30T15:47:00+05:30&to=2026-11-02T18:45:30Z`);
      const expected = kpis(postsIn(seed, window));
      expect(body.current.posts).toEqual(expected.posts);
      expect(body.current.engagements).toBe(expected.engagements);
      expect(body.current.potentialReach).toBe(expected.potentialReach);
    });
  });

  describe('timeseries', () => {
    test('posts per day are zero-filled on collected days and null on days before collection reached', async () => {
      const body = await getJson('/api/timeseries?metric=posts&interval=day&from=2026-10-10&to=2026-11-03');
      expect(body).toMatchObject({ metric: 'posts', interval: 'day', timeZone: NY, basis: 'created' });
      expect(body.points).toHaveLength(25);
      // The first runs (21 Oct, about 12:00 UTC) reached back seven days: 14 Oct from about 08:00 local.
      const dataFrom = Math.min(...seed.runs.filter((run) => run.status === 'ok').map((run) => run.startedAt)) - 7 * 86_400_000;
      const expected = body.points.map((_point: unknown, i: number) => {
        const day = DateTime.fromISO('2026-10-10', { zone: NY }).plus({ days: i });
        if (day.plus({ days: 1 }).toMillis() <= dataFrom) return null;
        return postsIn(seed, { start: day.toMillis(), end: day.plus({ days: 1 }).toMillis() }).length;
      });
      expect(body.points.map((point: { value: number }) => point.value)).toEqual(expected);
      expect(body.points[0]).toEqual({ start: '2026-10-10T04:00:00.000Z', end: '2026-10-11T04:00:00.000Z', value: null, status: 'not_collected' });
      expect(body.points[4]).toMatchObject({ start: '2026-10-14T04:00:00.000Z', value: 0, status: 'partial' });
      expect(body.points.slice(5).every((point: { status: string }) => point.status === 'complete')).toBe(true);
      expect(expected.filter((value: number | null) => value === 0).length).toBeGreaterThan(5);
    });

    test('weekly buckets around the end of daylight saving start at local Monday midnight', async () => {
      const body = await getJson('/api/timeseries?metric=posts&interval=week&from=2026-10-26&to=2026-11-08');
      expect(body.points.map((point: { start: string }) => point.start)).toEqual(['2026-10-26T04:00:00.000Z', '2026-11-02T05:00:00.000Z']);
      expect(body.points.map((point: { value: number }) => point.value)).toEqual([
        postsIn(seed, { start: at('2026-10-26T04:00:00Z'), end: at('2026-11-02T05:00:00Z') }).length,
        postsIn(seed, { start: at('2026-11-02T05:00:00Z'), end: at('2026-11-09T05:00:00Z') }).length,
      ]);
    });

    test('engagements and impressions are what was gained in each day, from the snapshot history', async () => {
      const engaged = await getJson('/api/timeseries?metric=engagements&interval=day&from=2026-10-20&to=2026-11-04');
      const viewed = await getJson('/api/timeseries?metric=impressions&interval=day&from=2026-10-20&to=2026-11-04');
      expect(engaged.basis).toBe('gained');
      const days = engaged.points.map((point: { start: string }, i: number) => ({
        start: at(point.start),
        end: i + 1 < engaged.points.length ? at(engaged.points[i + 1].start) : midnight('2026-11-05'),
      }));
      expect(engaged.points.map((point: { value: number }) => point.value)).toEqual(days.map((day: { start: number; end: number }) => gained(seed, day).engagements));
      expect(viewed.points.map((point: { value: number }) => point.value)).toEqual(days.map((day: { start: number; end: number }) => gained(seed, day).impressions));
    });

    test('the gains of all time add up to the live posts\' latest engagements, without the removed post', async () => {
      const body = await getJson('/api/timeseries?metric=engagements&interval=week&from=2026-10-01&to=2026-11-10');
      const total = body.points.reduce((sum: number, point: { value: number }) => sum + point.value, 0);
      expect(total).toBe(seed.livePosts().reduce((sum, post) => sum + engagements(post.network, latest(post)), 0));
    });

    test('hourly gains over a range with partial first and last hours match the snapshots', async () => {
      const body = await getJson('/api/timeseries?metric=engagements&interval=hour&from=2026-11-01T11:40:00Z&to=2026-11-01T23:20:00Z');
      expect(body.points[0].start).toBe('2026-11-01T11:40:00.000Z');
      const bounds = [...body.points.map((point: { start: string }) => at(point.start)), at('2026-11-01T23:20:00Z')];
      expect(body.points.map((point: { value: number }) => point.value)).toEqual(
        bounds.slice(0, -1).map((start: number, i: number) => gained(seed, { start, end: bounds[i + 1] }).engagements),
      );
    });

    test('impressions are null in every bucket when no network in scope reports them', async () => {
      const body = await getJson('/api/timeseries?metric=impressions&network=bluesky&from=2026-10-28&to=2026-11-03');
      expect(body.points).toHaveLength(7);
      expect(body.points.every((point: { value: unknown }) => point.value === null)).toBe(true);
    });

    test('potential reach is computed per bucket, so a week is not the sum of its days when contributors repeat', async () => {
      const daily = await getJson('/api/timeseries?metric=potential_reach&interval=day&from=2026-10-26&to=2026-11-01');
      const week = { start: at('2026-10-26T04:00:00Z'), end: at('2026-11-02T05:00:00Z') };
      const bounds = [...daily.points.map((point: { start: string }) => at(point.start)), week.end];
      const expectedDays = bounds.slice(0, -1).map((start: number, i: number) => potentialReach(postsIn(seed, { start, end: bounds[i + 1] })));
      expect(daily.points.map((point: { value: number }) => point.value)).toEqual(expectedDays);
      const summary = await getJson('/api/summary?from=2026-10-26&to=2026-11-01');
      expect(summary.current.potentialReach).toBe(potentialReach(postsIn(seed, week)));
      const sumOfDays = expectedDays.reduce((sum: number, value: number) => sum + value, 0);
      expect(sumOfDays).toBeGreaterThan(summary.current.potentialReach);
    });

    test('contributors per day count each account once a day', async () => {
      const body = await getJson('/api/timeseries?metric=authors&interval=day&from=2026-10-26&to=2026-11-01&network=x');
      const bounds = [...body.points.map((point: { start: string }) => at(point.start)), at('2026-11-02T05:00:00Z')];
      expect(body.points.map((point: { value: number }) => point.value)).toEqual(
        bounds.slice(0, -1).map((start: number, i: number) => contributors(postsIn(seed, { start, end: bounds[i + 1] }, { networks: ['x'] }))),
      );
    });

    test('days in a half-hour time zone are bucketed at local midnight', async () => {
      const { app } = dashboardOverSeed(seed, { timeZone: 'Asia/Kolkata', enabledNetworks: ['x'] });
      const response = await app.request('/api/timeseries?metric=engagements&interval=day&from=2026-10-27&to=2026-11-02');
      const body = (await response.json()) as { points: Array<{ start: string; value: number }> };
      expect(body.points[0]!.start).toBe('2026-10-26T18:30:00.000Z');
      const bounds = [...body.points.map((point) => at(point.start)), at('2026-11-02T18:30:00Z')];
      expect(body.points.map((point) => point.value)).toEqual(bounds.slice(0, -1).map((start, i) => gained(seed, { start, end: bounds[i + 1]! }).engagements));
    });
  });

  describe('top posts', () => {
    const window = () => ({ start: midnight('2026-10-21'), end: midnight('2026-11-05') });

    test('are ranked by engagements and paged, with the removed post nowhere', async () => {
      const expected = postsIn(seed, window())
        .map((post) => ({ id: post.networkId, engagements: engagements(post.network, latest(post)), createdAt: post.createdAt }))
        .sort((a, b) => b.engagements - a.engagements || b.createdAt - a.createdAt);
      const first = await getJson('/api/top-posts?from=2026-10-21&to=2026-11-04&limit=5');
      const second = await getJson('/api/top-posts?from=2026-10-21&to=2026-11-04&limit=5&offset=5');
      expect(first.total).toBe(expected.length);
      expect([...first.posts, ...second.posts].map((post: { engagements: number }) => post.engagements)).toEqual(expected.slice(0, 10).map((post) => post.engagements));
      expect(new Set([...first.posts, ...second.posts].map((post: { id: string }) => post.id)).size).toBe(10);
      const all = await getJson('/api/top-posts?from=2026-10-01&to=2026-11-04&limit=100&offset=0');
      const removed = seed.posts.find((post) => post.removedAt !== null)!;
      expect(all.posts.map((post: { id: string }) => post.id)).not.toContain(removed.networkId);
    });

    test('return each post with its author, counts, tags and text as stored', async () => {
      const body = await getJson('/api/top-posts?from=2026-10-21&to=2026-11-04&by=recent&limit=100');
      const post = body.posts.find((candidate: { text: string }) => candidate.text.includes(XSS_TEXT));
      const seeded = seed.posts.find((candidate) => candidate.text.includes(XSS_TEXT))!;
      expect(post).toEqual({
        network: 'bluesky',
        id: seeded.networkId,
        url: seeded.url,
        author: { username: seeded.author.username, displayName: seeded.author.displayName, followers: seeded.author.followers },
        createdAt: new Date(seeded.createdAt).toISOString(),
        kind: 'original',
        text: seeded.text,
        hashtags: ['jobquality'],
        metrics: latest(seeded),
        engagements: engagements('bluesky', latest(seeded)),
      });
      const times = body.posts.map((candidate: { createdAt: string }) => at(candidate.createdAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });

    test('by impressions lists only posts that report impressions, most viewed first', async () => {
      const body = await getJson('/api/top-posts?from=2026-10-21&to=2026-11-04&by=impressions&limit=100');
      const expected = postsIn(seed, window()).filter((post) => post.network === 'x' && latest(post).impressions !== null);
      expect(body.total).toBe(expected.length);
      expect(body.posts.map((post: { metrics: { impressions: number } }) => post.metrics.impressions)).toEqual(
        expected.map((post) => latest(post).impressions).sort((a, b) => b! - a!),
      );
    });
  });

  test('top contributors are ranked by posts, engagements or followers', async () => {
    const posts = postsIn(seed, { start: midnight('2026-10-21'), end: midnight('2026-11-05') });
    const byAuthor = new Map<string, { username: string; network: Network; followers: number; posts: number; engagements: number }>();
    for (const post of posts) {
      const key = `${post.network}:${post.author.networkId}`;
      const row = byAuthor.get(key) ?? { username: post.author.username, network: post.network, followers: post.author.followers, posts: 0, engagements: 0 };
      row.posts += 1;
      row.engagements += engagements(post.network, latest(post));
      byAuthor.set(key, row);
    }
    const rows = [...byAuthor.values()];
    const mostEngaged = await getJson('/api/top-contributors?from=2026-10-21&to=2026-11-04&by=engagements&limit=5');
    expect(mostEngaged.contributors.map((row: { engagements: number }) => row.engagements)).toEqual(rows.map((row) => row.engagements).sort((a, b) => b - a).slice(0, 5));
    const mostActive = await getJson('/api/top-contributors?from=2026-10-21&to=2026-11-04&limit=3');
    expect(mostActive.contributors.map((row: { posts: number }) => row.posts)).toEqual(rows.map((row) => row.posts).sort((a, b) => b - a).slice(0, 3));
    const widest = await getJson('/api/top-contributors?from=2026-10-21&to=2026-11-04&by=reach&limit=3');
    const top = rows.sort((a, b) => b.followers - a.followers).slice(0, 3);
    expect(widest.contributors).toEqual(
      top.map((row) => ({ network: row.network, username: row.username, displayName: expect.any(String), followers: row.followers, posts: row.posts, engagements: row.engagements })),
    );
  });

  test('the network breakdown gives impressions for X only', async () => {
    const body = await getJson('/api/networks?from=2026-10-21&to=2026-11-04');
    const window = { start: midnight('2026-10-21'), end: midnight('2026-11-05') };
    expect(body.networks).toEqual(
      (['x', 'bluesky', 'mastodon'] as const).map((network) => {
        const expected = kpis(postsIn(seed, window, { networks: [network] }));
        return { network, posts: expected.posts.total, contributors: expected.contributors, engagements: expected.engagements, impressions: network === 'x' ? expected.impressions : null };
      }),
    );
  });

  test('co-occurring hashtags leave the tracked ones out', async () => {
    const body = await getJson('/api/hashtags?from=2026-10-21&to=2026-11-04&limit=50');
    const counts = new Map<string, number>();
    for (const post of postsIn(seed, { start: midnight('2026-10-21'), end: midnight('2026-11-05') })) {
      for (const tag of post.hashtags) if (!seed.hashtags.includes(tag)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    }
    expect(body.hashtags).toEqual([...counts].map(([tag, posts]) => ({ tag, posts })).sort((a, b) => b.posts - a.posts || a.tag.localeCompare(b.tag)));
  });

  test('the coverage ledger shows the Bluesky gap, the failed Mastodon run and the X rate limit', async () => {
    const body = await getJson('/api/coverage?from=2026-10-20&to=2026-11-04');
    const days = body.days as Array<{ date: string; network: Network; state: string; runs: number; failures: number; gap: boolean; rateLimitPauses: number; postsRead: number; estimatedCostUsd: number; postsCollected: number }>;
    expect(days).toHaveLength(16 * 3);
    expect(body.networks.map((entry: { network: string }) => entry.network)).toEqual(['x', 'bluesky', 'mastodon']);
    const dayOf = (ms: number) => DateTime.fromMillis(ms, { zone: NY }).toISODate();
    for (const row of days) {
      const runs = seed.runs.filter((run) => run.network === row.network && dayOf(run.startedAt) === row.date);
      expect(row.runs).toBe(runs.length);
      expect(row.failures).toBe(runs.filter((run) => run.status === 'failed').length);
      expect(row.postsRead).toBe(runs.reduce((sum, run) => sum + run.postsRead, 0));
      expect(row.postsCollected).toBe(runs.reduce((sum, run) => sum + run.postsNew, 0));
      expect(row.estimatedCostUsd).toBeCloseTo(runs.reduce((sum, run) => sum + run.estimatedCostUsd, 0), 4);
      expect(row.rateLimitPauses).toBe(runs.reduce((sum, run) => sum + run.rateLimitPauses + (run.status === 'rate_limited' ? 1 : 0), 0));
    }
    expect(days.some((row) => row.network === 'mastodon' && row.failures === 1)).toBe(true);
    expect(days.some((row) => row.network === 'x' && row.rateLimitPauses > 0)).toBe(true);
    // The Bluesky day without runs and the failed Mastodon run were refilled by the next run: backfilled, no alarm.
    expect(days.filter((row) => row.gap)).toEqual([]);
    const blueskyGapDays = days.filter((row) => row.network === 'bluesky' && row.runs < 4 && row.date > '2026-10-21' && row.date < '2026-11-04');
    expect(blueskyGapDays.length).toBeGreaterThan(0);
    expect(blueskyGapDays.every((row) => row.state === 'backfilled')).toBe(true);
    expect(days.find((row) => row.network === 'mastodon' && row.failures === 1)!.state).toBe('backfilled');
    // The first run's reach back (seven days before 21 Oct) is backfilled; X was collected live afterwards.
    expect(days.filter((row) => row.date >= '2026-10-15' && row.date <= '2026-10-20').every((row) => row.state === 'backfilled')).toBe(true);
    expect(days.filter((row) => row.network === 'x' && row.date >= '2026-10-22' && row.date < '2026-11-04').every((row) => row.state === 'collected')).toBe(true);
    expect(days.filter((row) => row.date === '2026-11-04').every((row) => row.state === 'in_progress')).toBe(true);
  });

  test('status reports demo mode, enabled networks and each network\'s last runs', async () => {
    const body = await getJson('/api/status');
    expect(body).toMatchObject({ demo: true, generatedAt: new Date(seed.now).toISOString(), timeZone: NY, hashtags: seed.hashtags });
    for (const entry of body.networks) {
      const runs = seed.runs.filter((run) => run.network === entry.network);
      const last = runs.at(-1)!;
      expect(entry.enabled).toBe(entry.network !== 'bluesky');
      expect(entry.lastRun).toMatchObject({ status: last.status, startedAt: new Date(last.startedAt).toISOString(), postsNew: last.postsNew });
      const lastOk = Math.max(...runs.filter((run) => run.status === 'ok').map((run) => run.finishedAt));
      expect(entry.lastSuccessAt).toBe(new Date(lastOk).toISOString());
      expect(entry.posts).toBe(seed.livePosts().filter((post) => post.network === entry.network).length);
      expect(entry.failuresLast24h).toBe(runs.filter((run) => run.status === 'failed' && run.startedAt >= seed.now - 86_400_000).length);
    }
  });

  describe('posts.csv', () => {
    test('downloads the posts behind the filters as RFC 4180 CSV, quoting what needs it', async () => {
      const response = await request('/api/posts.csv?from=2026-10-28&to=2026-11-04&network=mastodon,x');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="jobquality-posts-2026-10-28-to-2026-11-04.csv"');
      const bytes = new Uint8Array(await response.arrayBuffer());
      // A byte-order mark, so spreadsheets read the file as UTF-8 (emoji and accents intact).
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(new TextDecoder().decode(bytes));
      expect(rows[0]).toEqual(['network', 'id', 'url', 'kind', 'author_username', 'author_display_name', 'author_followers', 'created_at', 'created_at_local', 'text', 'likes', 'reposts', 'replies', 'quotes', 'bookmarks', 'impressions', 'engagements', 'hashtags']);
      const expected = postsIn(seed, { start: midnight('2026-10-28'), end: midnight('2026-11-05') }, { networks: ['mastodon', 'x'] });
      expect(rows.slice(1).map((row) => row[1])).toEqual(expected.map((post) => post.networkId));
      const multiline = seed.posts.find((post) => post.text.includes('\n'))!;
      expect(rows.find((row) => row[1] === multiline.networkId)![9]).toBe(multiline.text);
      const mastodonRow = rows.find((row) => row[1] === multiline.networkId)!;
      expect(mastodonRow.slice(10, 15)).toEqual(Object.values(latest(multiline)).slice(0, 5).map((value) => (value === null ? '' : String(value))));
      // Mastodon reports no impressions; engagements follow its formula (favourites + boosts + replies).
      expect(mastodonRow.slice(15, 17)).toEqual(['', String(engagements(multiline.network, latest(multiline)))]);
    });

    test('defuses post text that a spreadsheet would run as a formula', async () => {
      const rows = parseCsv(await (await request('/api/posts.csv?from=2026-10-20&to=2026-11-04&network=x')).text());
      const formula = seed.posts.find((post) => post.text.startsWith('='))!;
      expect(rows.find((row) => row[1] === formula.networkId)![9]).toBe(`'${formula.text}`);
    });

    test('never contains a removed post', async () => {
      const text = await (await request('/api/posts.csv?from=2026-10-01&to=2026-11-04')).text();
      const removed = seed.posts.find((post) => post.removedAt !== null)!;
      expect(text).not.toContain(removed.networkId);
      expect(parseCsv(text)).toHaveLength(1 + seed.livePosts().length);
    });
  });

  describe('bad requests', () => {
    test.each([
      ['/api/timeseries', 'metric', /required/],
      ['/api/timeseries?metric=reach', 'metric', /posts, authors, engagements, impressions, potential_reach/],
      ['/api/timeseries?metric=posts&interval=month', 'interval', /hour, day, week/],
      ['/api/timeseries?metric=posts&interval=hour&from=2026-01-01&to=2026-12-31', 'interval', /more than the 5000/],
      ['/api/top-posts?limit=0', 'limit', /1 to 100/],
      ['/api/top-posts?limit=101', 'limit', /1 to 100/],
      ['/api/top-posts?limit=ten', 'limit', /whole number/],
      ['/api/top-posts?offset=-1', 'offset', /whole number/],
      ['/api/top-posts?by=likes', 'by', /engagements, impressions, recent/],
      ['/api/top-contributors?by=followers', 'by', /posts, engagements, reach/],
      ['/api/summary?network=threads', 'network', /x, bluesky, mastodon/],
      ['/api/summary?hashtag=unrelated', 'hashtag', /jobquality, fairwork/],
      ['/api/summary?from=yesterday', 'from', /YYYY-MM-DD/],
      ['/api/summary?from=2026-02-30', 'from', /calendar date/],
      ['/api/summary?to=2026-11-03T25:00:00Z', 'to', /ISO-8601/],
      ['/api/summary?from=2026-11-03&to=2026-11-01', 'to', /after "from"/],
      ['/api/summary?from=2027-01-01', 'from', /before the end of today/],
      ['/api/networks?from=2026-10-01&from=2026-10-02', 'from', /given 2 times/],
      ['/api/hashtags?limit=1000', 'limit', /1 to 100/],
      ['/api/coverage?from=1990-01-01', 'from', /more than 5000 days/],
    ])('%s answers 400 naming "%s"', async (path, parameter, detail) => {
      const response = await request(path);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('invalid_parameter');
      expect(body.error.message).toContain(`"${parameter}"`);
      expect(body.error.message).toMatch(detail);
    });

    test('unknown routes answer a JSON 404', async () => {
      for (const path of ['/api/nothing', '/api/reports/../../etc/passwd', '/api/reports/2026-W01.exe', '/api']) {
        const response = await request(path);
        expect(response.status, path).toBe(404);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
      }
    });
  });

  test('weekly reports in the reports folder are listed and served', async () => {
    writeFileSync(join(reportsDir, '2026-W44.html'), '<!doctype html><title>W44</title>');
    writeFileSync(join(reportsDir, '2026-W44.json'), '{"week":"2026-W44"}');
    writeFileSync(join(reportsDir, '2026-W45.md'), '# W45');
    writeFileSync(join(reportsDir, 'notes.txt'), 'not a report');
    const body = await getJson('/api/reports');
    expect(body.reports).toEqual([
      { week: '2026-W45', files: { md: '/api/reports/2026-W45.md' } },
      { week: '2026-W44', files: { html: '/api/reports/2026-W44.html', json: '/api/reports/2026-W44.json' } },
    ]);
    const html = await request('/api/reports/2026-W44.html');
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await html.text()).toContain('<title>W44</title>');
    expect((await request('/api/reports/2026-W46.html')).status).toBe(404);
  });
});

