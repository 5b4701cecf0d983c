// Share of voice and amplifiers in a real browser (Debian's Chromium) against the real server: the
// chart draws the collected days with the range's shares in words, the amplifier table ranks a
// person's two accounts as one row and shows an account's display name as text, each panel links its
// CSV and Excel downloads of the same view, and a panel whose answer fails says so while the rest stays.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseAccountMap } from '../../core/amplifier-accounts.js';
import { noteComparatorCollected, storeComparatorPost } from '../../db/comparator-posts.js';
import { openDatabase } from '../../db/connection.js';
import { finishRun, startRun } from '../../db/runs.js';
import type { RunningServer } from '../../dashboard/server/server.js';
import { watchPage, type PageProblems } from '../helpers/browser.js';
import { startBrowserDashboard, type BrowserDashboard } from '../helpers/dashboard-app.js';
import { makePost, reading } from '../helpers/posts.js';
import { storePost } from '../helpers/store-post.js';

const HOUR = 3_600_000;
const XSS = '<img src=x onerror=alert(1)>';
let dashboard: BrowserDashboard;
let server: RunningServer;

beforeAll(async () => {
  dashboard = await startBrowserDashboard();
  const db = openDatabase(':memory:');
  const now = Date.now();
  for (let at = now - 9 * 24 * HOUR; at <= now; at += HOUR) finishRun(db, startRun(db, 'x', at), { status: 'ok', now: at + 60_000 });
  noteComparatorCollected(db, 'x', 'fairpay', now - 9 * 24 * HOUR);
  const people = [
    { networkId: 'x-ana', username: 'anaruiz', displayName: 'Ana', followers: 5000, verified: null },
    { networkId: 'x-ana2', username: 'ana_work', displayName: 'Ana at work', followers: 700, verified: null },
    { networkId: 'x-bo', username: 'bo', displayName: XSS, followers: 4000, verified: null },
  ];
  for (let day = 1; day <= 5; day += 1) {
    for (const [index, author] of people.entries()) {
      const at = now - day * 24 * HOUR + index * HOUR;
      const post = makePost(`c${day}-${index}`, { createdAt: at, author, metrics: reading({ likes: 3 }) });
      storePost(db, post, { now: at });
    }
    const rival = makePost(`f${day}`, { createdAt: now - day * 24 * HOUR, hashtags: ['fairpay'], author: { networkId: 'x-rival', username: 'rival', displayName: null, followers: 10, verified: null }, metrics: reading({ likes: 9 }) });
    storeComparatorPost(db, { post: rival, tags: ['fairpay'], now, nextRefreshAt: null });
  }
  server = await dashboard.serve({
    db,
    hashtags: ['jobquality'],
    timeZone: 'UTC',
    enabledNetworks: ['x'],
    intelligence: { compareHashtags: ['fairpay'], accountMap: parseAccountMap('people:\n  - name: Ana Ruiz\n    x: [anaruiz, ana_work]\n', 'people.yaml') },
  });
}, 120_000);

afterAll(async () => {
  await dashboard?.close();
});

async function openDashboard(failAmplifiers = false): Promise<{ page: Page; problems: PageProblems; close: () => Promise<void> }> {
  const context = await dashboard.browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC', locale: 'en-US' });
  if (failAmplifiers) await context.route('**/api/amplifiers?*', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'Something went wrong' } }) }));
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.goto(`${server.url}/`);
  await page.waitForSelector('jq-dashboard[data-state="ready"]:not([data-busy])');
  return { page, problems, close: () => context.close() };
}

describe('share of voice and amplifiers in the browser', () => {
  test("the share-of-voice chart draws the view's days and says the range's shares in words", async () => {
    const { page, problems, close } = await openDashboard();
    const panel = page.locator('jq-share-of-voice');
    await expect.poll(() => panel.getAttribute('data-points'), { timeout: 10_000 }).not.toBeNull();
    expect(Number(await panel.getAttribute('data-points'))).toBeGreaterThanOrEqual(7);
    expect(await panel.getAttribute('data-value-axes')).toBe('1');
    // 15 campaign posts against 5 #fairpay posts; 3 accounts (Ana's two are one person) against 1.
    const total = (await panel.locator('[data-total]').innerText()).replace(/\s+/g, ' ');
    expect(total).toContain('75% of posts (15 against 5)');
    expect(total).toContain('67% of people');
    expect(problems.errors).toEqual([]);
    await close();
  });

  test("the amplifier table ranks Ana's two accounts as one person and shows a display name as text", async () => {
    const { page, problems, close } = await openDashboard();
    const rows = page.locator('jq-amplifiers tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const first = (await rows.nth(0).innerText()).replace(/\s+/g, ' ');
    expect(first).toContain('Ana Ruiz');
    expect(first).toContain('@anaruiz');
    expect(first).toContain('@ana_work');
    expect(first).toContain('5,700');
    // Bo's display name, written by Bo, is shown as the text it is.
    expect(await rows.nth(1).innerText()).toContain(XSS);
    expect(await page.locator('jq-amplifiers img').count()).toBe(0);
    expect(problems.dialogs).toEqual([]);
    await close();
  });

  test('picking another amplifier order asks the API for it, keeps it in the URL and in the CSV and Excel links', async () => {
    const { page, problems, close } = await openDashboard();
    const asked = page.waitForRequest((request) => request.url().includes('/api/amplifiers?') && new URL(request.url()).searchParams.get('by') === 'posts');
    await page.locator('jq-amplifiers select').selectOption('posts');
    await asked;
    await page.waitForSelector('jq-dashboard[data-state="ready"]:not([data-busy])');
    expect(new URL(page.url()).searchParams.get('amplifiers')).toBe('posts');
    expect(await page.locator('jq-amplifiers select').inputValue()).toBe('posts');
    for (const name of ['Download CSV', 'Download Excel']) {
      const href = await page.locator('jq-amplifiers').getByRole('link', { name }).getAttribute('href');
      expect(new URL(href!, server.url).searchParams.get('by'), name).toBe('posts');
    }
    expect([...problems.errors, ...problems.consoleErrors]).toEqual([]);
    await close();
  });

  test('an amplifier answer that fails shows in its panel while share of voice still shows', async () => {
    const { page, close } = await openDashboard(true);
    await expect.poll(() => page.locator('jq-amplifiers [role="alert"]').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('jq-amplifiers [role="alert"]').innerText()).toContain('Could not load the amplifiers');
    expect(await page.locator('jq-share-of-voice [data-total]').count()).toBe(1);
    await close();
  });

  test("each panel's Excel link asks for the same view as its CSV link, and the server answers it a workbook", async () => {
    const { page, close } = await openDashboard();
    await expect.poll(() => page.locator('jq-amplifiers tbody tr').count()).toBe(2);
    for (const panel of ['jq-share-of-voice', 'jq-amplifiers']) {
      const href = async (name: string) => new URL((await page.locator(panel).getByRole('link', { name }).getAttribute('href'))!, server.url);
      const [csv, xlsx] = [await href('Download CSV'), await href('Download Excel')];
      expect(xlsx.pathname).toBe(csv.pathname.replace(/\.csv$/, '.xlsx'));
      expect(xlsx.search).toBe(csv.search);
      expect((await fetch(xlsx)).headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    }
    await close();
  });
});
