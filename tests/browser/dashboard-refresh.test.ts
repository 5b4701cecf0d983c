// The dashboard's minute refresh in a real browser (Debian's Chromium), with server and browser
// clocks pinned: while nothing changed a refresh asks the server for its status only; once the
// status's data stamp moved (a post stored, a share click counted) it asks for the views again, and a
// filter change or the Refresh button always does. The refresh interval is shortened through the element's `refreshSeconds`, never by timing.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningServer } from '../../dashboard/server/server.js';
import { storeCollectedPost, upsertAuthor } from '../../db/posts.js';
import { dashboardSettled, openWatchedPage } from '../helpers/browser.js';
import { startBrowserDashboard, type BrowserDashboard } from '../helpers/dashboard-app.js';
import { makePost } from '../helpers/posts.js';
import { rawRequest } from '../helpers/raw-http.js';
import { BAKERY, loadSampleShareables } from '../helpers/sample-shareables.js';
import { SEED_NOW, seedDatabase, type SeededDatabase } from '../helpers/seed-database.js';

let dashboard: BrowserDashboard;
let seed: SeededDatabase;
let server: RunningServer;

beforeAll(async () => {
  dashboard = await startBrowserDashboard();
  seed = seedDatabase({ days: 14 });
  server = await dashboard.serve({ db: seed.db, hashtags: seed.hashtags, timeZone: seed.timeZone, now: () => SEED_NOW, shareables: loadSampleShareables(seed.hashtags) });
});

afterAll(() => dashboard?.close());

/** Records the path of every API request the page makes from now on. */
function recordApiRequests(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) paths.push(url.pathname);
  });
  return paths;
}

function setRefreshSeconds(page: Page, seconds: number): Promise<void> {
  return page.evaluate((value) => {
    (document.querySelector('jq-dashboard') as HTMLElement & { refreshSeconds: number }).refreshSeconds = value;
  }, seconds);
}

/** Waits for `count` more status requests than `before`, and for the load they start to settle. */
async function refreshTicks(page: Page, paths: string[], count: number): Promise<void> {
  const before = paths.filter((path) => path === '/api/status').length;
  await expect.poll(() => paths.filter((path) => path === '/api/status').length, { timeout: 15_000 }).toBeGreaterThanOrEqual(before + count);
  await dashboardSettled(page);
}

const kpiPosts = (page: Page) => page.locator('jq-kpi-cards [data-kpi="posts"]').getAttribute('data-value');

/** The share clicks the Shareables view shows for the bakery's ready-made post (0 while it has none). */
async function bakeryClicks(page: Page): Promise<number> {
  const card = page.locator(`jq-shareables li.card[data-shareable="${BAKERY}"]`);
  if ((await card.count()) === 0) return 0;
  const funnel = await card.locator('.funnel').innerText();
  return Number(/([\d,]+)\s+share clicks/.exec(funnel)?.[1]?.replace(/,/g, '') ?? Number.NaN);
}

describe('dashboard refresh', () => {
  test('two refreshes with nothing new collected ask for the status only', async () => {
    let paths: string[] = [];
    const { page, problems } = await openWatchedPage(dashboard.browser, server.url, { fixedTime: SEED_NOW, beforeNavigation: (opened) => (paths = recordApiRequests(opened)) });
    await dashboardSettled(page);
    // The first load asks every view's question (the posts chart one per network).
    expect(paths).toContain('/api/summary');
    expect(paths.filter((path) => path === '/api/timeseries').length).toBe(6);
    paths.length = 0;

    await setRefreshSeconds(page, 1);
    await refreshTicks(page, paths, 2);
    await setRefreshSeconds(page, 0);
    await dashboardSettled(page);
    expect(paths.length).toBeGreaterThanOrEqual(2);
    expect(new Set(paths)).toEqual(new Set(['/api/status']));
    expect(problems.errors).toEqual([]);
    await page.context().close();
  });

  test('once a new post is stored, the next refresh asks for the views again and shows it', async () => {
    const { page } = await openWatchedPage(dashboard.browser, server.url, { fixedTime: SEED_NOW });
    await dashboardSettled(page);
    const before = Number(await kpiPosts(page));
    const paths = recordApiRequests(page);

    const post = makePost('refresh-1', { network: 'mastodon', createdAt: SEED_NOW - 3_600_000, url: 'https://mastodon.social/@ada/refresh-1' });
    storeCollectedPost(seed.db, { post, authorId: upsertAuthor(seed.db, 'mastodon', post.author, SEED_NOW), matchedHashtags: ['jobquality'], now: SEED_NOW, nextRefreshAt: null });
    await setRefreshSeconds(page, 1);
    await expect.poll(() => kpiPosts(page), { timeout: 15_000 }).toBe(String(before + 1));
    await setRefreshSeconds(page, 0);
    expect(paths).toContain('/api/summary');
    expect(paths).toContain('/api/top-posts');
    await page.context().close();
  });

  test('a share click on the action page moves the status stamp, so the next refresh asks for the views again and shows it', async () => {
    const { page } = await openWatchedPage(dashboard.browser, server.url, { fixedTime: SEED_NOW });
    await dashboardSettled(page);
    const before = await bakeryClicks(page);
    const paths = recordApiRequests(page);

    // A supporter presses the bakery's X button: nothing is collected, only the click is counted.
    expect((await rawRequest(`${server.url}/s/${BAKERY}/x`)).status).toBe(302);
    await setRefreshSeconds(page, 1);
    await expect.poll(() => bakeryClicks(page), { timeout: 15_000 }).toBe(before + 1);
    await setRefreshSeconds(page, 0);
    expect(paths).toContain('/api/shareables');
    expect(paths).toContain('/api/summary');
    await page.context().close();
  });

  test('the Refresh button asks for the views again even when the status says nothing moved', async () => {
    const { page } = await openWatchedPage(dashboard.browser, server.url, { fixedTime: SEED_NOW });
    await dashboardSettled(page);
    const paths = recordApiRequests(page);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => paths.includes('/api/shareables')).toBe(true);
    await dashboardSettled(page);
    expect(paths).toContain('/api/status');
    await page.context().close();
  });

  test('a filter change asks for the views at once, whatever the status says', async () => {
    const { page } = await openWatchedPage(dashboard.browser, server.url, { fixedTime: SEED_NOW });
    await dashboardSettled(page);
    const paths = recordApiRequests(page);
    await page.getByRole('button', { name: 'Last 30 days' }).click();
    await page.waitForURL(/[?&]range=30d/);
    await dashboardSettled(page);
    expect(paths).toContain('/api/summary');
    expect(paths).toContain('/api/coverage');
    await page.context().close();
  });
});
