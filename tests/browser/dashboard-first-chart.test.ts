// The dashboard's first view in a real browser (Debian's Chromium) draws its key numbers and time
// charts as soon as their answers are in, while slower panels are still loading, and marks when the
// first time chart was drawn (the performance mark `npm run bench -- --first-chart` reads); a view
// already shown is replaced whole. A slow panel is held back by routing its request, never by timing.
import type { BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { RunningServer } from '../../dashboard/server/server.js';
import { dashboardSettled, watchPage, type PageProblems } from '../helpers/browser.js';
import { startBrowserDashboard, type BrowserDashboard } from '../helpers/dashboard-app.js';
import { SEED_NOW, seedDatabase } from '../helpers/seed-database.js';

let dashboard: BrowserDashboard;
let server: RunningServer;
let context: BrowserContext | null = null;

beforeAll(async () => {
  dashboard = await startBrowserDashboard();
  const seed = seedDatabase({ days: 14 });
  server = await dashboard.serve({ db: seed.db, hashtags: seed.hashtags, timeZone: seed.timeZone, now: () => SEED_NOW });
});

afterEach(async () => {
  await context?.close();
  context = null;
});

afterAll(() => dashboard?.close());

/** Holds `target`'s top-posts requests from now on, until `release` lets them (and later ones) through. */
async function holdTopPosts(target: Page | BrowserContext): Promise<{ held: () => number; release: () => void }> {
  const waiting: Route[] = [];
  let holding = true;
  await target.route('**/api/top-posts?*', (route) => {
    if (holding) waiting.push(route);
    else void route.fallback();
  });
  return {
    held: () => waiting.length,
    release: () => {
      holding = false;
      for (const route of waiting.splice(0)) void route.fallback();
    },
  };
}

/** A watched page in a fresh context (on the browser's own clock: a faked one has no performance marks). */
async function freshPage(): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const opened = await dashboard.browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC', locale: 'en-US' });
  context = opened;
  const page = await opened.newPage();
  return { context: opened, page, problems: watchPage(page) };
}

const reachPoints = (page: Page) => page.locator('jq-series-chart[data-chart="reach"]').getAttribute('data-points');

describe('dashboard first chart', () => {
  test('a first view draws its key numbers and time charts while the lists are still loading, then the lists', async () => {
    const { context: fresh, page, problems } = await freshPage();
    const { held, release } = await holdTopPosts(fresh);
    await page.goto(server.url);

    // The default view is the last 7 days, by day: drawn while top posts has not answered.
    await expect.poll(() => reachPoints(page)).toBe('7');
    await expect.poll(held).toBe(1);
    expect(await page.locator('jq-posts-chart').getAttribute('data-points')).toBe('7');
    expect(await page.locator('jq-kpi-cards [data-kpi="posts"]').getAttribute('data-value')).not.toBeNull();
    expect(await page.locator('jq-top-posts').count()).toBe(0);
    expect(await page.locator('jq-dashboard').getAttribute('data-busy')).not.toBeNull();
    // One mark, set by a time chart when it was first drawn with data.
    const marks = await page.evaluate(() => performance.getEntriesByName('jq:first-chart').map((entry) => (entry as PerformanceMark).detail as { chart: string }));
    expect(marks).toHaveLength(1);
    expect(['reach', 'engagements', 'jq-posts-chart']).toContain(marks[0]!.chart);

    release();
    await dashboardSettled(page);
    expect(await page.locator('jq-top-posts').count()).toBe(1);
    expect(await page.locator('jq-network-chart').count()).toBe(1);
    expect(problems).toEqual({ errors: [], consoleErrors: [], dialogs: [] });
  });

  test('new dates on a view already shown keep the old charts until the whole new view has answered', async () => {
    const { page, problems } = await freshPage();
    await page.goto(server.url);
    await dashboardSettled(page);
    expect(await reachPoints(page)).toBe('7');

    const { held, release } = await holdTopPosts(page);
    // Three days of the seed through the browser history, as the Back button would.
    await page.evaluate(() => {
      history.pushState(null, '', '?from=2026-11-02&to=2026-11-04');
      dispatchEvent(new PopStateEvent('popstate'));
    });
    await expect.poll(held).toBe(1);
    expect(await reachPoints(page)).toBe('7');
    expect(await page.locator('jq-top-posts').count()).toBe(1);

    release();
    await dashboardSettled(page);
    await expect.poll(() => reachPoints(page)).toBe('3');
    expect(problems).toEqual({ errors: [], consoleErrors: [], dialogs: [] });
  });
});
