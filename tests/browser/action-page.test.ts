// The built action page in a real browser (Debian Chromium through playwright-core): Copy puts the
// exact post on the clipboard, share links open the right intents, Mastodon asks for the server
// once, the filters work, and the page requests nothing from other sites.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { buildActionPage } from '../../shareables/action-page/build-action-page.js';
import { writeActionPage } from '../../shareables/action-page/write-action-page.js';
import { loadContentFile } from '../../shareables/content-file.js';
import { generateShareables, type SharePost } from '../../shareables/generate-posts.js';
import { shareIntentUrl } from '../../shareables/share-intents.js';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

const content = loadContentFile(new URL('../../shareables/sample-content.yaml', import.meta.url).pathname);
const generated = generateShareables(content, { hashtags: ['jobquality'] });

let root: string;
let server: Server;
let baseUrl: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Requests for anything but our test server: answered with an abort, and remembered. */
let external: string[];

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

/** The share link of one post card. */
const card = (post: SharePost) => page.locator(`li.post[data-shareable="${post.shareableId}"][data-network="${post.network}"]`);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'jq-action-page-'));
  writeActionPage(join(root, 'action'), buildActionPage({ content, generated, publicBaseUrl: null }));
  server = await serveStatic(root);
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

beforeEach(async () => {
  external = [];
  context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${baseUrl}/`)) return route.continue();
    external.push(url);
    return route.abort();
  });
  page = await context.newPage();
  await page.goto(`${baseUrl}/action/`);
});

afterEach(async () => {
  await context.close();
});

describe('action page in a browser', () => {
  test('the page loads everything from its own folder and nothing from other sites', async () => {
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.reload({ waitUntil: 'networkidle' });
    expect(failed).toEqual([]);
    expect(external).toEqual([]);
    await expect(page.locator('#count').textContent()).resolves.toBe(`Showing ${generated.posts.length} posts`);
  });

  test('Copy puts exactly the post text on the clipboard and announces it', async () => {
    const post = generated.posts.find((item) => item.network === 'x' && item.text.includes('\n'))!;
    await card(post).getByRole('button', { name: /^Copy/ }).click();
    await page.waitForFunction(() => document.getElementById('announcer')?.textContent === 'Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(post.text);
  });

  test('Copy still works where the Clipboard API is missing', async () => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
    await page.reload();
    expect(await page.evaluate(() => navigator.clipboard === undefined)).toBe(true);
    const post = generated.posts.find((item) => item.network === 'bluesky')!;
    await card(post).getByRole('button', { name: /^Copy/ }).click();
    await page.waitForFunction(() => document.getElementById('announcer')?.textContent === 'Copied');
    const reader = await context.newPage();
    await reader.goto(`${baseUrl}/action/posts.json`);
    expect(await reader.evaluate(() => navigator.clipboard.readText())).toBe(post.text);
  });

  test('share links open each network\'s intent with the post', async () => {
    for (const post of generated.posts.filter((item) => item.network !== 'mastodon')) {
      const href = await card(post).locator('a.share').getAttribute('href');
      expect(href, `${post.shareableId} on ${post.network}`).toBe(shareIntentUrl(post.network, post));
    }
  });

  test('Mastodon asks for the server once, opens the share page there, and remembers it', async () => {
    const post = generated.posts.find((item) => item.network === 'mastodon')!;
    const link = card(post).locator('a.share');
    await link.click();
    const dialog = page.getByRole('dialog', { name: 'Which Mastodon server are you on?' });
    await expect(dialog.isVisible()).resolves.toBe(true);
    await dialog.getByLabel('Your server').fill('not a server');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('#mastodon-error').textContent()).resolves.toContain('for example mastodon.social');

    const popup = page.waitForEvent('popup');
    await dialog.getByLabel('Your server').fill('@supporter@Mas.to');
    await dialog.getByLabel('Your server').press('Enter');
    await popup;
    const expected = shareIntentUrl('mastodon', post, 'mas.to');
    await expect.poll(() => external).toContain(expected);
    await expect(dialog.isVisible()).resolves.toBe(false);
    await expect(link.getAttribute('href')).resolves.toBe(expected);

    await page.reload();
    await expect(card(post).locator('a.share').getAttribute('href')).resolves.toBe(expected);
    await expect(page.locator('#mastodon-current').textContent()).resolves.toBe('Mastodon server: mas.to');
  });

  test('the filters show only the chosen network and resource kind', async () => {
    await page.getByLabel('Network').selectOption('bluesky');
    const bluesky = generated.posts.filter((post) => post.network === 'bluesky');
    await expect(page.locator('li.post:visible').count()).resolves.toBe(bluesky.length);
    expect(new Set(await page.locator('li.post:visible').evaluateAll((items) => items.map((item) => item.getAttribute('data-network'))))).toEqual(new Set(['bluesky']));
    await expect(page.locator('#count').textContent()).resolves.toBe(`Showing ${bluesky.length} posts`);

    await page.getByLabel('Resource kind').selectOption('research');
    const research = bluesky.filter((post) => post.kind === 'research');
    await expect(page.locator('li.post:visible').count()).resolves.toBe(research.length);
    await expect(page.getByRole('heading', { name: 'Exemplars' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('heading', { name: 'Research' }).isVisible()).resolves.toBe(true);

    await page.getByLabel('Network').selectOption('');
    await page.getByLabel('Resource kind').selectOption('');
    await expect(page.locator('li.post:visible').count()).resolves.toBe(generated.posts.length);
  });

  test('the controls work from the keyboard', async () => {
    await page.getByLabel('Network').focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByLabel('Network').inputValue()).resolves.toBe('x');
    await expect(page.locator('li.post:visible').count()).resolves.toBe(generated.posts.filter((post) => post.network === 'x').length);
    const copy = page.locator('li.post:visible').first().getByRole('button', { name: /^Copy/ });
    await copy.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('announcer')?.textContent === 'Copied');
  });

  test('the page shows the example-link notice while example links remain', async () => {
    await expect(page.getByRole('note').textContent()).resolves.toContain('Example links — replace before publishing.');
  });
});
