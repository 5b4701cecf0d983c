// Alerts and campaign moments in the dashboard app, in a real browser (Debian's Chromium) against
// the real server, clocks pinned: the alerts panel lists each unusual hour of the view with what
// moved, by how much, who drove it, the ready-made posts among them and whether it was sent; the
// moments panel lists each moment with its 48-hour lift or the honest reason there is none; the
// time charts mark the moments in view. Text from networks and the content file stays text, and
// each panel has its empty and error states.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningServer } from '../../dashboard/server/server.js';
import { insertAlert, listAlerts, markAlertDelivered, markAlertOverDailyCap, type NewAlert } from '../../db/alerts.js';
import { loadCampaignShareables } from '../../shareables/campaign-shareables.js';
import { dashboardSettled, openWatchedPage } from '../helpers/browser.js';
import { startBrowserDashboard, type BrowserDashboard } from '../helpers/dashboard-app.js';
import { postsSurgeAlert } from '../helpers/sample-alert.js';
import { SEED_NOW, seedDatabase, XSS_TEXT, type SeededDatabase } from '../helpers/seed-database.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SAMPLE = new URL('../../shareables/sample-content.yaml', import.meta.url).pathname;
const iso = (ms: number) => new Date(ms).toISOString();

let dashboard: BrowserDashboard;
let seed: SeededDatabase;
let server: RunningServer;
let bareServer: RunningServer;

/** Four days ago (measured), ten hours ago on Bluesky (still being measured), ten days ago (outside the default view). */
const MOMENTS = [
  { at: iso(SEED_NOW - 10 * DAY), what: 'Report launch', network: 'all' },
  { at: iso(SEED_NOW - 4 * DAY), what: '<b>Newsletter</b> sent', network: 'all' },
  { at: iso(SEED_NOW - 10 * HOUR), what: 'Webinar', network: 'bluesky' },
];

function alert(hoursAgo: number, overrides: Partial<NewAlert>): NewAlert {
  const hourStart = Math.floor((SEED_NOW - hoursAgo * HOUR) / HOUR) * HOUR;
  return postsSurgeAlert(hourStart, { baselineMedian: 4, baselineWeeks: 6, score: 9.5, drivers: { topPosts: [], topContributors: [], readyMadePosts: 0 }, message: 'Surge in posts', ...overrides });
}

function plantAlerts(): void {
  const { db } = seed;
  insertAlert(
    db,
    alert(30, {
      drivers: {
        topPosts: [
          { network: 'mastodon', url: 'https://mastodon.social/@ada/1', author: 'ada@mastodon.social', text: XSS_TEXT, engagements: 120, readyMade: true },
          { network: 'x', url: 'javascript:alert(1)', author: 'bo_x', text: 'Fair hours now #jobquality', engagements: 30, readyMade: false },
        ],
        topContributors: [{ network: 'mastodon', username: 'ada@mastodon.social', posts: 5, engagements: 150 }],
        readyMadePosts: 3,
      },
    }),
  );
  insertAlert(db, alert(50, { key: 'engagements:stop', metric: 'engagements', direction: 'stop', value: 0, baselineMedian: 25 }));
  insertAlert(db, alert(70, { key: 'new_contributors:surge', metric: 'new_contributors', value: 12, baselineMedian: 0 }));
  // Outside the default 7-day view: not listed there.
  insertAlert(db, alert(20 * 24, { key: 'old' }));
  const [newest, middle] = listAlerts(db, { start: SEED_NOW - 7 * DAY, end: SEED_NOW }, 10);
  markAlertDelivered(db, newest!.id, newest!.detectedAt + 120_000);
  markAlertOverDailyCap(db, middle!.id);
}

beforeAll(async () => {
  dashboard = await startBrowserDashboard();
  seed = seedDatabase({ days: 14 });
  const bare = seedDatabase({ days: 14 });
  plantAlerts();
  const sample = loadCampaignShareables(SAMPLE, seed.hashtags);
  const shareables = { ...sample, content: { ...sample.content, moments: MOMENTS } };
  const common = { hashtags: seed.hashtags, timeZone: seed.timeZone, now: () => SEED_NOW };
  server = await dashboard.serve({ ...common, db: seed.db, shareables });
  bareServer = await dashboard.serve({ ...common, db: bare.db });
});

afterAll(() => dashboard?.close());

describe('alerts panel', () => {
  test("lists the view's alerts newest first with what moved, by how much, who drove it and whether it was sent", async () => {
    const { page, problems } = await openWatchedPage(dashboard.browser, server.url, { fixedTime: SEED_NOW });
    await dashboardSettled(page);
    const alerts = page.locator('jq-alerts li.alert');
    expect(await alerts.count()).toBe(3);
    expect(await alerts.locator('h3').allTextContents()).toEqual(['Surge in posts', 'Sudden stop in engagements', 'Surge in new contributors']);
    expect(await alerts.evaluateAll((items) => items.map((item) => item.getAttribute('data-delivery')))).toEqual(['delivered', 'over_daily_cap', 'pending']);

    const surge = alerts.first();
    expect(await surge.locator('.figures').textContent()).toMatch(/40 posts in the hour, against a usual\s+4 \(\+900%; median of the same hour of the week in 6 collected weeks\)/);
    expect(await surge.locator('.ready-made').textContent()).toContain("3 posts in the hour used the campaign's ready-made posts.");
    expect(await surge.locator('.delivery').textContent()).toContain('Sent');
    expect(await surge.locator('ul.people li').textContent()).toBe('@ada@mastodon.social (Mastodon): 5 posts, 150 engagements');
    const driver = surge.locator('ul.posts li').first();
    expect(await driver.locator('.text').textContent()).toBe(XSS_TEXT);
    expect(await driver.locator('.badge').allTextContents()).toEqual(['Mastodon', 'Ready-made post']);
    // A driver's link is followed only when it is a web address.
    expect(await surge.locator('ul.posts li').nth(1).locator('a').count()).toBe(0);
    expect(await page.locator('jq-alerts img').count()).toBe(0);

    expect(await alerts.nth(1).locator('.figures').textContent()).toContain('(−100%;');
    expect(await alerts.nth(1).locator('.delivery').textContent()).toContain("the day's limit of alerts had been reached");
    expect(await alerts.nth(2).locator('.figures').textContent()).toContain('(from none usually;');
    expect(await alerts.nth(2).locator('.delivery').textContent()).toContain('Not sent yet');

    expect(problems.dialogs).toEqual([]);
    expect(problems.errors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('a period without alerts says so, and a failing alerts answer is reported in the panel while the rest of the dashboard works', async () => {
    const { page } = await openWatchedPage(dashboard.browser, bareServer.url, { fixedTime: SEED_NOW });
    await dashboardSettled(page);
    expect(await page.locator('jq-alerts .empty').textContent()).toBe('No unusual hour in this period.');

    await page.route('**/api/alerts*', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'Something went wrong; the details are in the server log.' } }) }),
    );
    await page.getByRole('button', { name: 'Last 30 days' }).click();
    await page.waitForURL(/[?&]range=30d/);
    await dashboardSettled(page);
    expect(await page.locator('jq-alerts [role="alert"]').textContent()).toContain('Could not load the alerts: /api/alerts failed: Something went wrong');
    expect(Number(await page.locator('jq-kpi-cards [data-kpi="posts"]').getAttribute('data-value'))).toBeGreaterThan(0);
    await page.context().close();
  });
});

describe('moments panel and chart markers', () => {
  test('lists each moment with its lift as the server measured it, or why there is none', async () => {
    const { page, problems } = await openWatchedPage(dashboard.browser, server.url, { fixedTime: SEED_NOW });
    await dashboardSettled(page);
    const answer = (await (await page.request.get(`${server.url}/api/moments`)).json()) as { moments: Array<{ lift: { status: string; metrics?: Record<string, { after: number }> } }> };
    const items = page.locator('jq-moments li');
    expect(await items.locator('h3').allTextContents()).toEqual(['Report launch', '<b>Newsletter</b> sent', 'Webinar']);
    expect(await items.evaluateAll((list) => list.map((item) => item.getAttribute('data-status')))).toEqual(answer.moments.map((moment) => moment.lift.status));
    expect(answer.moments.map((moment) => moment.lift.status)).toEqual(['too_little_data', 'measured', 'measuring']);

    expect(await items.nth(0).locator('.verdict').textContent()).toMatch(/^Too little data: only \d of the 4 weeks before were collected/);
    const table = items.nth(1).locator('table[data-lift="measured"]');
    expect(await table.locator('tr[data-metric="posts"] td').first().textContent()).toBe(String(answer.moments[1]!.lift.metrics!['posts']!.after));
    expect(await items.nth(2).locator('.verdict').textContent()).toContain('Still being measured');
    expect(await items.nth(2).locator('.badge').textContent()).toBe('Bluesky');
    expect(await page.locator('jq-moments b').count()).toBe(0);
    expect(problems.errors).toEqual([]);
    await page.context().close();
  });

  test('the time charts mark the moments of the view, for the networks in view', async () => {
    const { page } = await openWatchedPage(dashboard.browser, server.url, { fixedTime: SEED_NOW });
    await dashboardSettled(page);
    // The 7-day view holds the newsletter and the Bluesky webinar; the launch is before it.
    await expect.poll(() => page.locator('jq-series-chart[data-chart="reach"]').getAttribute('data-moments')).toBe('2');
    await expect.poll(() => page.locator('jq-posts-chart').getAttribute('data-moments')).toBe('2');
    await page.getByLabel('Network', { exact: true }).selectOption('mastodon');
    await page.waitForURL((url) => url.searchParams.get('network') === 'mastodon');
    await expect.poll(() => page.locator('jq-series-chart[data-chart="engagements"]').getAttribute('data-moments')).toBe('1');
    await page.getByRole('button', { name: 'Last 30 days' }).click();
    await expect.poll(() => page.locator('jq-series-chart[data-chart="engagements"]').getAttribute('data-moments')).toBe('2');
    await page.context().close();
  });

  test('without a content file the panel says where moments are recorded', async () => {
    const { page } = await openWatchedPage(dashboard.browser, bareServer.url, { fixedTime: SEED_NOW });
    await dashboardSettled(page);
    expect(await page.locator('jq-moments .empty').textContent()).toContain('No campaign content file is loaded');
    await expect.poll(() => page.locator('jq-series-chart[data-chart="reach"]').getAttribute('data-moments')).toBe('0');
    await page.context().close();
  });
});
