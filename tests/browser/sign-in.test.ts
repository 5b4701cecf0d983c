// Signing in to a dashboard that other machines can reach, in a real browser (Debian's Chromium):
// a page asks for the token, the session cookie it gets is HttpOnly and SameSite=Strict, the app's
// own API requests then carry it, and nothing on the sign-in page breaks the CSP.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../db/connection.js';
import type { RunningServer } from '../../dashboard/server/server.js';
import { SESSION_COOKIE } from '../../dashboard/server/staff-access.js';
import { launchChromium, watchPage } from '../helpers/browser.js';
import { testDashboard } from '../helpers/test-dashboard.js';

const TOKEN = 'browser-sign-in-token-5f3a9c';

let appDir: string;
let db: Db;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  // A stand-in for the built app: a page whose script asks the API for the status, as the app does.
  appDir = mkdtempSync(join(tmpdir(), 'jq-sign-in-app-'));
  mkdirSync(join(appDir, 'assets'));
  writeFileSync(join(appDir, 'index.html'), '<!doctype html><title>jobquality dashboard</title><link rel="icon" href="/favicon.svg"><p id="out">loading</p><script type="module" src="/assets/app-0123abcd.js"></script>');
  writeFileSync(join(appDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(
    join(appDir, 'assets', 'app-0123abcd.js'),
    "fetch('/api/status').then(async (r) => { document.getElementById('out').textContent = r.status + ' ' + (await r.json()).networks.length + ' networks'; });",
  );
  db = openDatabase(':memory:');
  // Every interface, as on a server in an office network; the browser reaches it through loopback.
  server = await testDashboard({ db, hashtags: ['jobquality'], timeZone: 'America/New_York', staticDir: appDir, enabledNetworks: ['x'], accessToken: TOKEN }).listen('0.0.0.0', 0);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  db?.close();
  if (appDir) rmSync(appDir, { recursive: true, force: true });
});

describe('signing in to the dashboard', () => {
  test('a visitor is asked for the token, a wrong one is refused, the right one opens the page they asked for', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.localUrl}/?network=x`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await expect(page.getByLabel('Dashboard token').isVisible()).resolves.toBe(true);

    await page.getByLabel('Dashboard token').fill('a-wrong-guess-of-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe('That is not the dashboard token.');

    await page.getByLabel('Dashboard token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(new URL(page.url()).search).toBe('?network=x');
    await page.getByText('200 3 networks').waitFor();

    const [cookie] = (await context.cookies()).filter((entry) => entry.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie!.value).not.toContain(TOKEN);
    // HttpOnly: the page's scripts cannot read it.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    // The sign-in page and the app ran without a CSP violation or script error (the refused
    // attempt's 401 is the only resource error the console may show).
    expect(problems.errors).toEqual([]);
    expect(problems.consoleErrors.filter((message) => !/status of 401/.test(message))).toEqual([]);
    await context.close();
  });

  test('another browser without the cookie is refused the API with 401', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${server.localUrl}/api/status`);
    expect(response!.status()).toBe(401);
    await context.close();
  });
});
