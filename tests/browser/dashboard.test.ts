// The dashboard app in a real browser (Debian's Chromium) against the real server over a seeded
// database: it loads with data, draws one chart point per bucket of the range, keeps filters in
// the URL, shows untrusted post text as text, and has empty, demo and error states.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Network } from '../../core/types.js';
import { openDatabase } from '../../db/connection.js';
import { storeCollectedPost, upsertAuthor } from '../../db/posts.js';
import { finishRun, startRun } from '../../db/runs.js';
import type { RunningServer } from '../../dashboard/server/server.js';
import { dashboardSettled, openWatchedPage, type PageProblems } from '../helpers/browser.js';
import { startBrowserDashboard, type BrowserDashboard } from '../helpers/dashboard-app.js';
import { makePost } from '../helpers/posts.js';
import { seedDatabase, XSS_TEXT, type SeededDatabase } from '../helpers/seed-database.js';

let dashboard: BrowserDashboard;
let seed: SeededDatabase;
let server: RunningServer;
let emptyServer: RunningServer;
/** When the empty database's only collector run finished. */
const emptyRunFinishedAt = Date.parse('2026-11-02T14:05:00Z');

beforeAll(async () => {
  // Built from source every time: a clean clone has no dist/, and a stale one would test old code.
  dashboard = await startBrowserDashboard();

  // The seed ends now, so the app's default "last 7 days" view has data.
  seed = seedDatabase({ now: Date.now() });
  const common = { timeZone: seed.timeZone, enabledNetworks: ['x', 'bluesky', 'mastodon'] as Network[] };
  const reportsDir = join(dashboard.appDir, 'reports');
  mkdirSync(reportsDir);
  writeFileSync(join(reportsDir, '2026-W46.html'), '<!doctype html><title>Week 46</title><h1>#jobquality, week 46</h1>');
  writeFileSync(join(reportsDir, '2026-W47.html'), '<!doctype html><title>Week 47</title><h1>#jobquality, week 47</h1>');
  writeFileSync(join(reportsDir, '2026-W47.md'), '# #jobquality, week 47\n');
  server = await dashboard.serve({ ...common, reportsDir, db: seed.db, hashtags: seed.hashtags });

  const emptyDb = openDatabase(':memory:');
  finishRun(emptyDb, startRun(emptyDb, 'x', emptyRunFinishedAt - 30_000), { status: 'ok', now: emptyRunFinishedAt });
  emptyServer = await dashboard.serve({ ...common, db: emptyDb, hashtags: ['jobquality'], demo: true });
});

afterAll(() => dashboard?.close());

function openPage(url: string): Promise<{ page: Page; problems: PageProblems }> {
  return openWatchedPage(dashboard.browser, url);
}

const settled = dashboardSettled;

function kpiValue(page: Page, kpi: string): Promise<string | null> {
  return page.locator(`jq-kpi-cards [data-kpi="${kpi}"]`).getAttribute('data-value');
}

/** Today in the seed's report time zone. */
function today(): DateTime {
  return DateTime.fromMillis(Date.now(), { zone: seed.timeZone }).startOf('day');
}

/** Live seeded posts created from the start of `from` to the end of `to` (local days), optionally on one network. */
function postsBetween(from: DateTime, to: DateTime, network?: Network): number {
  const start = from.startOf('day').toMillis();
  const end = to.startOf('day').plus({ days: 1 }).toMillis();
  return seed.livePosts().filter((post) => post.createdAt >= start && post.createdAt < end && (!network || post.network === network)).length;
}

const isoDate = (day: DateTime) => day.toISODate()!;

describe('dashboard app', () => {
  test('loads with data: KPIs, charts, top posts and collector status, without script errors or CSP violations', async () => {
    const { page, problems } = await openPage(server.url);
    await settled(page);

    expect(await kpiValue(page, 'posts')).toBe(String(postsBetween(today().minus({ days: 6 }), today())));
    expect(Number(await kpiValue(page, 'contributors'))).toBeGreaterThan(0);
    // The default view mixes X (which reports impressions) with networks that do not: a number, not n/a.
    expect(Number(await kpiValue(page, 'impressions'))).toBeGreaterThan(0);
    await expect.poll(() => page.locator('jq-series-chart[data-chart="reach"]').getAttribute('data-points')).toBe('7');
    await expect.poll(() => page.locator('jq-posts-chart').getAttribute('data-points')).toBe('7');
    await expect.poll(() => page.locator('jq-network-chart').getAttribute('data-points')).toBe('3');
    expect(await page.locator('jq-top-posts li').count()).toBe(10);
    expect(await page.locator('jq-top-contributors tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('jq-collector-status li[data-network]').count()).toBe(3);
    await expect.poll(() => page.locator('jq-dashboard .banner').count()).toBe(0);

    expect(problems.errors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('lists the weekly reports written so far, newest first, with a link to each format that opens it', async () => {
    const { page } = await openPage(server.url);
    await settled(page);
    const weeks = page.locator('jq-weekly-reports li .week');
    expect(await weeks.allTextContents()).toEqual(['2026-W47', '2026-W46']);
    const link = page.getByRole('link', { name: 'Web page report for 2026-W47' });
    expect(await page.getByRole('link', { name: 'Markdown report for 2026-W47' }).count()).toBe(1);
    const href = await link.getAttribute('href');
    const report = await page.request.get(new URL(href!, server.url).toString());
    expect(report.status()).toBe(200);
    expect(await report.text()).toContain('#jobquality, week 47');
    await page.context().close();
  });

  test('the reach chart draws one point per day of a custom range, and per hour for a two-day range', async () => {
    const to = today().minus({ days: 2 });
    const from = to.minus({ days: 9 });
    const { page } = await openPage(`${server.url}/?from=${isoDate(from)}&to=${isoDate(to)}`);
    await settled(page);
    await expect.poll(() => page.locator('jq-series-chart[data-chart="reach"]').getAttribute('data-points')).toBe('10');
    // The data table alternative lists the same buckets.
    expect(await page.locator('jq-series-chart[data-chart="reach"] tbody tr').count()).toBe(10);
    expect(await kpiValue(page, 'posts')).toBe(String(postsBetween(from, to)));

    // Two local days are drawn hour by hour (47 or 49 hours when daylight saving time changes).
    const hourFrom = today().minus({ days: 3 });
    const hourTo = today().minus({ days: 2 });
    const hours = hourTo.plus({ days: 1 }).diff(hourFrom, 'hours').hours;
    await page.goto(`${server.url}/?from=${isoDate(hourFrom)}&to=${isoDate(hourTo)}`);
    await settled(page);
    await expect.poll(() => page.locator('jq-series-chart[data-chart="reach"]').getAttribute('data-points')).toBe(String(hours));
    await page.context().close();
  });

  test('a filter change updates the KPIs, the URL and the CSV link, and Back restores the previous view', async () => {
    const { page } = await openPage(server.url);
    await settled(page);
    const lastWeek = postsBetween(today().minus({ days: 6 }), today());
    const lastMonth = postsBetween(today().minus({ days: 29 }), today());
    const lastMonthMastodon = postsBetween(today().minus({ days: 29 }), today(), 'mastodon');
    // The seed spans two weeks, so these views differ and the test can tell them apart.
    expect(lastMonth).toBeGreaterThan(lastWeek);
    expect(await kpiValue(page, 'posts')).toBe(String(lastWeek));

    await page.getByRole('button', { name: 'Last 30 days' }).click();
    await page.waitForURL(/[?&]range=30d/);
    await expect.poll(() => kpiValue(page, 'posts')).toBe(String(lastMonth));
    await expect.poll(() => page.locator('jq-series-chart[data-chart="reach"]').getAttribute('data-points')).toBe('30');

    await page.getByLabel('Network', { exact: true }).selectOption('mastodon');
    await page.waitForURL((url) => url.searchParams.get('network') === 'mastodon' && url.searchParams.get('range') === '30d');
    await expect.poll(() => kpiValue(page, 'posts')).toBe(String(lastMonthMastodon));
    // Only X reports impressions: for Mastodon alone they are n/a, never 0.
    expect(await kpiValue(page, 'impressions')).toBe('');
    expect(await page.locator('jq-kpi-cards [data-kpi="impressions"] .value').textContent()).toBe('n/a');
    const csv = new URL((await page.getByRole('link', { name: 'Download posts (CSV)' }).getAttribute('href'))!, server.url);
    expect(csv.pathname).toBe('/api/posts.csv');
    expect(csv.searchParams.get('network')).toBe('mastodon');
    expect(csv.searchParams.get('from')).toBe(isoDate(today().minus({ days: 29 })));
    expect(csv.searchParams.get('to')).toBe(isoDate(today()));

    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('network') === null && url.searchParams.get('range') === '30d');
    await expect.poll(() => kpiValue(page, 'posts')).toBe(String(lastMonth));
    await page.goBack();
    await page.waitForURL((url) => url.search === '');
    await expect.poll(() => kpiValue(page, 'posts')).toBe(String(lastWeek));
    await page.context().close();
  });

  test('a post whose text is HTML shows as literal text and runs no script; links open the original safely', async () => {
    const { page, problems } = await openPage(server.url);
    await settled(page);
    const post = page.locator('jq-top-posts li', { hasText: XSS_TEXT });
    await expect.poll(() => post.count()).toBe(1);
    expect(await post.locator('.text').textContent()).toBe(`${XSS_TEXT} #jobquality`);
    expect(await page.locator('jq-top-posts img').count()).toBe(0);

    const seeded = seed.livePosts().find((one) => one.text.includes(XSS_TEXT))!;
    const link = post.locator('a');
    expect(await link.getAttribute('href')).toBe(seeded.url);
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.getAttribute('target')).toBe('_blank');

    expect(problems.dialogs).toEqual([]);
    expect(problems.errors).toEqual([]);
    await page.context().close();
  });

  test('an empty database shows the empty state with the last collector run, and the demo banner', async () => {
    const { page, problems } = await openPage(emptyServer.url);
    await settled(page, 'empty');
    const text = await page.locator('jq-dashboard .state').textContent();
    expect(text).toContain('No posts yet — the collector last ran at');
    // The time is shown in the report time zone (America/New_York), not the browser's (UTC here).
    expect(text).toContain('Nov 2, 2026, 9:05 AM EST');
    expect(await page.locator('jq-dashboard .banner').textContent()).toContain('Demo data');
    expect(await page.locator('jq-kpi-cards').count()).toBe(0);
    expect(problems.errors).toEqual([]);
    await page.context().close();
  });

  test('the page refreshes on its own and shows the first posts once the collector has stored them', async () => {
    const db = openDatabase(':memory:');
    const own = await dashboard.serve({ db, hashtags: ['jobquality'], timeZone: seed.timeZone, enabledNetworks: ['mastodon'] });
    const { page, problems } = await openPage(own.url);
    await settled(page, 'empty');
    await page.evaluate(`document.querySelector('jq-dashboard').refreshSeconds = 1`);

    const post = makePost('110000001', { network: 'mastodon', createdAt: Date.now() - 3_600_000, url: 'https://mastodon.social/@ada/110000001' });
    storeCollectedPost(db, { post, authorId: upsertAuthor(db, 'mastodon', post.author, Date.now()), matchedHashtags: ['jobquality'], now: Date.now(), nextRefreshAt: Date.now() + 3_600_000 });

    await settled(page, 'ready');
    expect(await kpiValue(page, 'posts')).toBe('1');
    expect(await page.locator('jq-top-posts li').count()).toBe(1);
    expect(problems.errors).toEqual([]);
    await page.context().close();
  });

  test('a failing API shows what went wrong with a Retry that recovers', async () => {
    const context = await dashboard.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.route('**/api/summary*', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'Something went wrong; the details are in the server log.' } }) }),
    );
    await page.goto(server.url);
    await settled(page, 'error');
    expect(await page.getByRole('alert').textContent()).toContain('Something went wrong; the details are in the server log.');

    await page.unroute('**/api/summary*');
    await page.getByRole('button', { name: 'Retry' }).click();
    await settled(page);
    expect(Number(await kpiValue(page, 'posts'))).toBeGreaterThan(0);
    await context.close();
  });
});
