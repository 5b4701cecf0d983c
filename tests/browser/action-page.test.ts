// The action page in a real browser (Debian Chromium through playwright-core), at phone size
// (390x844, touch) and desktop size, uploaded to a plain static host of its own with the tracker on
// another origin: Share is on the first screen, one card per message, links shown clean, the network
// choice remembered, the phone's share menu with the image attached, copies counted by the tracker,
// Mastodon's server prompt, kind filters, no JavaScript, and axe with no serious or critical findings.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningServer } from '../../dashboard/server/server.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { buildActionPage } from '../../shareables/action-page/build-action-page.js';
import { buildActionCards, shownText, type ActionCard, type PageNetwork } from '../../shareables/action-page/page-cards.js';
import { writeActionPage } from '../../shareables/action-page/write-action-page.js';
import { loadCampaignShareables } from '../../shareables/campaign-shareables.js';
import { shareIntentUrl } from '../../shareables/share-intents.js';
import { launchChromium, watchPage, type PageProblems } from '../helpers/browser.js';
import { testDashboard } from '../helpers/test-dashboard.js';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };
const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const SAMPLE = new URL('../../shareables/sample-content.yaml', import.meta.url).pathname;
const shareables = loadCampaignShareables(SAMPLE, ['jobquality']);
// The browser runs in UTC, so "today" on the page and in the build are the same day.
const today = new Date().toISOString().slice(0, 10);
const { cards } = buildActionCards({ ...shareables, publicBaseUrl: null, imageNames: new Map(), today });
const cardsFor = (network: PageNetwork): ActionCard[] => cards.filter((card) => card.variants[network]);

const PROFILES: Record<'phone' | 'desktop', BrowserContextOptions> = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
  desktop: { viewport: { width: 1280, height: 900 } },
};

let root: string;
let site: Server;
let siteUrl: string;
let db: Db;
let tracker: RunningServer;
let browser: Browser;

function serveStatic(dir: string): Promise<Server> {
  const httpServer = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    try {
      if (!file.startsWith(dir)) throw new Error('outside');
      const body = readFileSync(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => httpServer.listen(0, '127.0.0.1', () => resolve(httpServer)));
}

beforeAll(async () => {
  db = openDatabase(':memory:');
  tracker = await testDashboard({ db, hashtags: ['jobquality'], timeZone: 'UTC', enabledNetworks: ['x', 'bluesky', 'mastodon'], shareables }).listen('127.0.0.1', 0);
  // The page as `shareables build` writes it with PUBLIC_BASE_URL set, uploaded to another site.
  root = mkdtempSync(join(tmpdir(), 'jq-action-page-'));
  writeActionPage(join(root, 'act'), buildActionPage({ ...shareables, publicBaseUrl: tracker.url, pageUrl: null, today }));
  site = await serveStatic(root);
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/act/`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
  await tracker?.close();
  db?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

interface Opened {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
  /** Requests for anything but the page's site and the tracker: aborted, and remembered. */
  external: string[];
}

async function openPage(profile: BrowserContextOptions, options: BrowserContextOptions & { init?: () => void } = {}): Promise<Opened> {
  const { init, ...contextOptions } = options;
  const context = await browser.newContext({ ...profile, timezoneId: 'UTC', locale: 'en-GB', ...contextOptions });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(siteUrl).origin });
  const external: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(new URL(siteUrl).origin) || url.startsWith(`${tracker.url}/`)) return route.continue();
    external.push(url);
    return route.abort();
  });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.goto(siteUrl);
  return { context, page, problems, external };
}

const counted = (column: 'clicks' | 'copies', shareableId: string, network: string) =>
  db.prepare(`SELECT COALESCE(SUM(${column}), 0) FROM share_clicks WHERE shareable_id = ? AND network = ?`).pluck().get(shareableId, network) as number;

const visibleCards = (page: Page) => page.locator('li.card:visible');
const cardOf = (page: Page, card: ActionCard) => page.locator(`li.card[data-shareable="${card.shareableId}"]`);

describe.each(Object.entries(PROFILES))('action page on a %s', (name, profile) => {
  test('the first message\'s Share button is on the first screen, and every control is at least 44 px', async () => {
    const { context, page, problems } = await openPage(profile, { hasTouch: name === 'phone' });
    const viewport = profile.viewport!;
    const share = visibleCards(page).first().locator('a[data-share]');
    const box = (await share.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    expect(await share.textContent()).toMatch(/^Share/);
    const sizes = await page.locator('.button:visible, .chip:visible, select:visible, .link-button:visible').evaluateAll((elements) =>
      elements.map((element) => ({ what: element.textContent!.trim().slice(0, 30), ...element.getBoundingClientRect().toJSON() as { width: number; height: number } })),
    );
    expect(sizes.length).toBeGreaterThan(cards.length);
    for (const size of sizes) {
      expect(size.height, size.what).toBeGreaterThanOrEqual(44);
      expect(size.width, size.what).toBeGreaterThanOrEqual(44);
    }
    expect(problems.errors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  test('one card per message for the chosen network, and the page stays short', async () => {
    const { context, page } = await openPage(profile);
    await page.getByLabel('Post to').selectOption('x');
    await expect.poll(() => visibleCards(page).count()).toBe(cardsFor('x').length);
    await page.getByLabel('Post to').selectOption('linkedin');
    await expect.poll(() => visibleCards(page).count()).toBe(cardsFor('linkedin').length);
    expect(cardsFor('linkedin').length).toBeGreaterThan(cardsFor('x').length);
    expect(await page.locator('#count').textContent()).toBe(`Showing ${cardsFor('linkedin').length} posts`);
    if (name === 'phone') {
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      expect(height / profile.viewport!.height).toBeLessThanOrEqual(12);
    }
    await context.close();
  });

  test('cards show the exact post with its link clean; tracking tags stay in what is shared', async () => {
    const { context, page, external } = await openPage(profile);
    await page.getByLabel('Post to').selectOption('bluesky');
    const visible = await page.locator('main').innerText();
    expect(visible).not.toContain('utm_');
    for (const card of cardsFor('bluesky')) {
      const variant = card.variants.bluesky!;
      expect(await cardOf(page, card).locator('[data-text]').textContent()).toBe(shownText(variant));
    }
    // Shared: the whole text, tags and all, through the tracker's counting redirect.
    const first = cardsFor('bluesky')[0]!;
    const popup = context.waitForEvent('page');
    await cardOf(page, first).locator('a[data-share]').click();
    await popup;
    await expect.poll(() => external, { timeout: 10_000 }).toContain(shareIntentUrl('bluesky', first.variants.bluesky!));
    expect(first.variants.bluesky!.text).toContain('utm_source=bluesky');
    expect(counted('clicks', first.shareableId, 'bluesky')).toBeGreaterThanOrEqual(1);
    await context.close();
  });

  test('the network choice is remembered on the device across reloads', async () => {
    const { context, page } = await openPage(profile);
    await page.getByLabel('Post to').selectOption('threads');
    await page.reload();
    await expect(page.getByLabel('Post to').inputValue()).resolves.toBe('threads');
    const card = cardsFor('threads')[0]!;
    await expect(cardOf(page, card).locator('a[data-share]').getAttribute('href')).resolves.toBe(`${tracker.url}/s/${card.shareableId}/threads`);
    await expect(cardOf(page, card).locator('a[data-share]').textContent()).resolves.toMatch(/^Share on Threads/);
    await context.close();
  });

  test('Copy puts the whole post on the clipboard and the tracker counts the copy', async () => {
    const { context, page, problems } = await openPage(profile);
    await page.getByLabel('Post to').selectOption('mastodon');
    // Each size copies a message of its own: the tracker counts one client's repeat copies once an hour.
    const card = cardsFor('mastodon')[name === 'phone' ? 1 : 2]!;
    const before = counted('copies', card.shareableId, 'mastodon');
    await cardOf(page, card).getByRole('button', { name: /^Copy/ }).click();
    await page.waitForFunction(() => document.getElementById('announcer')?.textContent === 'Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(card.variants.mastodon!.text);
    await expect.poll(() => counted('copies', card.shareableId, 'mastodon')).toBe(before + 1);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  test('the kind filters show one kind, with upcoming events first, soonest first', async () => {
    const { context, page } = await openPage(profile);
    await page.getByLabel('Post to').selectOption('x');
    const events = cardsFor('x').filter((card) => card.kind === 'conversation');
    expect(events.length).toBeGreaterThan(0);
    const order = await visibleCards(page).evaluateAll((items) => items.map((item) => item.getAttribute('data-shareable')));
    expect(order.slice(0, events.length)).toEqual(events.map((card) => card.shareableId));
    await page.getByRole('radio', { name: 'Research' }).check();
    const research = cardsFor('x').filter((card) => card.kind === 'research');
    await expect.poll(() => visibleCards(page).count()).toBe(research.length);
    expect(new Set(await visibleCards(page).evaluateAll((items) => items.map((item) => item.getAttribute('data-kind'))))).toEqual(new Set(['research']));
    await page.getByRole('radio', { name: 'All' }).check();
    await expect.poll(() => visibleCards(page).count()).toBe(cardsFor('x').length);
    await context.close();
  });

  test('axe finds nothing serious or critical', async () => {
    // bypassCSP: the page's own policy (rightly) refuses the injected axe script.
    const { context, page } = await openPage(profile, { bypassCSP: true });
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
      const result = await axe.run(document);
      return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.length }));
    });
    expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);
    await context.close();
  });
});

describe('action page on a phone with a share menu', () => {
  // navigator.share as a phone has it: canShare accepts files, share resolves once an app is picked.
  function mockShareMenu() {
    const calls: Array<{ text?: string; files: Array<{ name: string; type: string; size: number }> }> = [];
    (window as unknown as { shareCalls: typeof calls }).shareCalls = calls;
    Object.defineProperty(Navigator.prototype, 'canShare', { configurable: true, value: (data: { files?: File[] }) => !data.files || data.files.every((file) => file.size > 0) });
    Object.defineProperty(Navigator.prototype, 'share', {
      configurable: true,
      value: (data: { text?: string; files?: File[] }) => {
        calls.push({ text: data.text, files: (data.files ?? []).map((file) => ({ name: file.name, type: file.type, size: file.size })) });
        return Promise.resolve();
      },
    });
  }

  test('starts on the share menu, attaches the message\'s image, and the tracker counts the share', async () => {
    const { context, page, problems } = await openPage(PROFILES.phone, { init: mockShareMenu });
    await expect(page.getByLabel('Post to').inputValue()).resolves.toBe('apps');
    const pictured = new Set(shareables.content.resources.filter((resource) => resource.image).map((resource) => resource.id));
    const card = cardsFor('apps').find((item) => pictured.has(item.resourceId))!;
    const share = cardOf(page, card).locator('a[data-share]');
    await expect(share.getAttribute('role')).resolves.toBe('button');
    const before = counted('clicks', card.shareableId, 'apps');
    await share.click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { shareCalls: unknown[] }).shareCalls.length)).toBe(1);
    const [call] = await page.evaluate(() => (window as unknown as { shareCalls: Array<{ text: string; files: Array<{ name: string; type: string; size: number }> }> }).shareCalls);
    expect(call!.text).toBe(card.variants.apps!.text);
    expect(call!.text).toContain('utm_source=apps');
    // The page's copy of the resource's image (images/<resource id>.svg).
    expect(call!.files).toEqual([{ name: `${card.resourceId}.svg`, type: 'image/svg+xml', size: expect.any(Number) }]);
    await expect.poll(() => counted('clicks', card.shareableId, 'apps')).toBe(before + 1);
    // No app opened: the page navigated nowhere.
    expect(page.url()).toBe(siteUrl);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  test('a dismissed share menu is not counted', async () => {
    const { context, page } = await openPage(PROFILES.phone, {
      init: () => {
        Object.defineProperty(Navigator.prototype, 'share', { configurable: true, value: () => Promise.reject(new DOMException('Share canceled', 'AbortError')) });
      },
    });
    const card = cardsFor('apps')[0]!;
    const before = counted('clicks', card.shareableId, 'apps');
    await cardOf(page, card).locator('a[data-share]').click();
    await page.waitForTimeout(300);
    expect(counted('clicks', card.shareableId, 'apps')).toBe(before);
    await context.close();
  });

  test('without a share menu (most desktops) it is not offered', async () => {
    const { context, page } = await openPage(PROFILES.desktop);
    const options = await page.getByLabel('Post to').locator('option').evaluateAll((items) => items.map((item) => (item as HTMLOptionElement).value));
    expect(options).not.toContain('apps');
    await expect(page.getByLabel('Post to').inputValue()).resolves.toBe('x');
    await context.close();
  });
});

describe('action page details', () => {
  test('Mastodon asks for the server once, opens the share page there, and remembers it', async () => {
    const { context, page, external } = await openPage(PROFILES.phone);
    await page.getByLabel('Post to').selectOption('mastodon');
    const card = cardsFor('mastodon')[0]!;
    const link = cardOf(page, card).locator('a[data-share]');
    await link.click();
    const dialog = page.getByRole('dialog', { name: 'Which Mastodon server are you on?' });
    await expect(dialog.isVisible()).resolves.toBe(true);
    await dialog.getByLabel('Your server').fill('not a server');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('#mastodon-error').textContent()).resolves.toContain('for example mastodon.social');

    const popup = context.waitForEvent('page');
    await dialog.getByLabel('Your server').fill('@supporter@Mas.to');
    await dialog.getByLabel('Your server').press('Enter');
    await popup;
    const expected = `${tracker.url}/s/${card.shareableId}/mastodon?server=mas.to`;
    await expect.poll(() => external, { timeout: 10_000 }).toContain(shareIntentUrl('mastodon', card.variants.mastodon!, 'mas.to'));
    await expect(link.getAttribute('href')).resolves.toBe(expected);
    await page.reload();
    await expect(cardOf(page, card).locator('a[data-share]').getAttribute('href')).resolves.toBe(expected);
    await expect(page.locator('#mastodon-current').textContent()).resolves.toBe('Mastodon server: mas.to');
    await context.close();
  });

  test('LinkedIn takes only the link, so Share also copies the text to paste', async () => {
    const { context, page } = await openPage(PROFILES.desktop);
    await page.getByLabel('Post to').selectOption('linkedin');
    await expect(page.locator('#network-hint').textContent()).resolves.toContain('LinkedIn adds only the link');
    const card = cardsFor('linkedin')[0]!;
    const popup = context.waitForEvent('page');
    await cardOf(page, card).locator('a[data-share]').click();
    await popup;
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(card.variants.linkedin!.text);
    await context.close();
  });

  test('with JavaScript off every card has plain share links that go through the tracker, and no Copy', async () => {
    const { context, page } = await openPage(PROFILES.phone, { javaScriptEnabled: false });
    await expect(page.locator('li.card:visible').count()).resolves.toBe(cards.length);
    await expect(page.getByRole('button', { name: /^Copy/ }).count()).resolves.toBe(0);
    const card = cards[0]!;
    const links = await cardOf(page, card).locator('a').evaluateAll((items) => items.map((item) => (item as HTMLAnchorElement).href));
    expect(links).toEqual(expect.arrayContaining([`${tracker.url}/s/${card.shareableId}/x`, `${tracker.url}/s/${card.shareableId}/bluesky`]));
    // The visible text is still clean.
    expect(await page.locator('main').innerText()).not.toContain('utm_');
    const box = (await cardOf(page, card).locator('a[data-share]').boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    const response = await context.request.get(`${tracker.url}/s/${card.shareableId}/x`, { maxRedirects: 0 });
    expect(response.status()).toBe(302);
    await context.close();
  });

  test('the page requests nothing from other sites', async () => {
    const { context, page, external, problems } = await openPage(PROFILES.phone);
    await page.reload({ waitUntil: 'networkidle' });
    expect(external).toEqual([]);
    expect(problems.errors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });
});
