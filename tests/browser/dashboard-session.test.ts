// Staff sessions in the dashboard app, in a real browser (Debian's Chromium) against a server that
// asks for DASHBOARD_TOKEN: when the session ends (the API answers 401) the app says so and links
// to sign-in instead of showing broken panels, signing in again returns to the same view, and
// "Sign out" ends the session. A server without a token offers no "Sign out". Whether to offer it
// comes from the status (`signInRequired`): the app never asks /login itself to find out.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningServer } from '../../dashboard/server/server.js';
import { dashboardSettled, openWatchedPage } from '../helpers/browser.js';
import { startBrowserDashboard, type BrowserDashboard } from '../helpers/dashboard-app.js';
import { SEED_NOW, seedDatabase, type SeededDatabase } from '../helpers/seed-database.js';

const TOKEN = 'browser-session-token-8c1d2e';

let dashboard: BrowserDashboard;
let guarded: RunningServer;
let open: RunningServer;

beforeAll(async () => {
  dashboard = await startBrowserDashboard();
  const seed: SeededDatabase = seedDatabase({ days: 14 });
  const options = { db: seed.db, hashtags: seed.hashtags, timeZone: seed.timeZone, now: () => SEED_NOW };
  guarded = await dashboard.serve({ ...options, accessToken: TOKEN });
  open = await dashboard.serve(options);
});

afterAll(() => dashboard?.close());

/** Records every request the page's scripts make to /login (navigations to it are not recorded). */
function recordLoginFetches(page: Page): string[] {
  const fetched: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/login' && !request.isNavigationRequest()) fetched.push(request.method());
  });
  return fetched;
}

async function signIn(page: Page): Promise<void> {
  await page.getByLabel('Dashboard token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('dashboard sessions', () => {
  test('an ended session shows "sign in again" with a link that signs in and returns to the same view', async () => {
    const { page, problems } = await openWatchedPage(dashboard.browser, `${guarded.url}/?network=mastodon`, { fixedTime: SEED_NOW });
    await signIn(page);
    await dashboardSettled(page);
    expect(new URL(page.url()).search).toBe('?network=mastodon');

    // The session ends (expired, or the token changed): the next request is refused with 401.
    await page.context().clearCookies();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await dashboardSettled(page, 'signed-out');
    expect(await page.getByRole('alert').textContent()).toContain('Your session has ended — sign in again');
    expect(await page.locator('jq-kpi-cards').count()).toBe(0);
    expect(await page.locator('jq-filter-bar').count()).toBe(0);

    await page.getByRole('link', { name: 'Sign in again' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await signIn(page);
    await dashboardSettled(page);
    expect(new URL(page.url()).search).toBe('?network=mastodon');
    expect(await page.getByLabel('Network', { exact: true }).inputValue()).toBe('mastodon');

    expect(problems.errors).toEqual([]);
    // The refused request is the only resource error the console may show.
    expect(problems.consoleErrors.filter((message) => !/status of 401/.test(message))).toEqual([]);
    await page.context().close();
  });

  test('Sign out ends the session: the dashboard then asks for the token again', async () => {
    let loginFetches: string[] = [];
    const { page } = await openWatchedPage(dashboard.browser, guarded.url, { fixedTime: SEED_NOW, beforeNavigation: (opened) => (loginFetches = recordLoginFetches(opened)) });
    await signIn(page);
    await dashboardSettled(page);
    await page.waitForSelector('jq-dashboard[data-sign-in="offered"]');
    expect(loginFetches).toEqual([]);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.goto(guarded.url);
    expect(new URL(page.url()).pathname).toBe('/login');
    const status = await page.request.get(`${guarded.url}/api/status`);
    expect(status.status()).toBe(401);
    await page.context().close();
  });

  test('a dashboard that asks for no token offers no Sign out', async () => {
    let loginFetches: string[] = [];
    const { page } = await openWatchedPage(dashboard.browser, open.url, { fixedTime: SEED_NOW, beforeNavigation: (opened) => (loginFetches = recordLoginFetches(opened)) });
    await dashboardSettled(page);
    await page.waitForSelector('jq-dashboard[data-sign-in="none"]');
    expect(loginFetches).toEqual([]);
    expect(await page.getByRole('button', { name: 'Refresh' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    await page.context().close();
  });
});
