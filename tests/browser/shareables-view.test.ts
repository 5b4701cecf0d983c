// Shareables in a real browser (Debian's Chromium) against the real server: a share button on the
// served action page goes through /s/ (counted) to the network, and the dashboard's Shareables view
// shows clicks → matched posts, edit amount and reach by network, with clicks only for LinkedIn.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningServer } from '../../dashboard/server/server.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { storeCollectedPost, upsertAuthor } from '../../db/posts.js';
import { createPostAttributionStep } from '../../shareables/attribute-collected-posts.js';
import { loadCampaignShareables } from '../../shareables/campaign-shareables.js';
import { shareIntentUrl } from '../../shareables/share-intents.js';
import { watchPage, type PageProblems } from '../helpers/browser.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { startBrowserDashboard, type BrowserDashboard } from '../helpers/dashboard-app.js';
import { makePost, reading } from '../helpers/posts.js';

const SAMPLE = new URL('../../shareables/sample-content.yaml', import.meta.url).pathname;
const shareables = loadCampaignShareables(SAMPLE, ['jobquality']);
const BAKERY = 'northgate-bakery.spotlight';
const bakeryPost = (network: string) => shareables.generated.posts.find((post) => post.shareableId === BAKERY && post.network === network)!;

let dashboard: BrowserDashboard;
let db: Db;
let server: RunningServer;

beforeAll(async () => {
  dashboard = await startBrowserDashboard();
  db = openDatabase(':memory:');
  const now = Date.now();
  const x = bakeryPost('x');
  const posts = [
    makePost('1', { text: x.text, links: [x.link], createdAt: now - 3_600_000, metrics: reading({ likes: 4, reposts: 1 }), author: { networkId: 'a', username: 'ann', displayName: null, followers: 250, verified: null } }),
    makePost('2', { text: `Brilliant. ${x.text}`, links: [], createdAt: now - 7_200_000, metrics: reading({ likes: 1 }), author: { networkId: 'b', username: 'bo', displayName: null, followers: 30, verified: null } }),
  ];
  for (const post of posts) storeCollectedPost(db, { post, authorId: upsertAuthor(db, 'x', post.author, now), matchedHashtags: ['jobquality'], now, nextRefreshAt: null });
  await createPostAttributionStep({ db, loadShareables: () => shareables, log: captureLogger('warn').log }).run();
  server = await dashboard.serve({
    db,
    hashtags: ['jobquality'],
    timeZone: 'America/New_York',
    enabledNetworks: ['x', 'bluesky', 'mastodon'],
    shareables,
    // The presses below come from three supporters behind one proxy (a repeat by one would count once).
    trustProxyHops: 1,
  });
  for (const [index, network] of ['x', 'linkedin', 'linkedin'].entries()) {
    await fetch(`${server.url}/s/${BAKERY}/${network}`, { redirect: 'manual', headers: { 'X-Forwarded-For': `198.51.100.${index + 1}` } });
  }
});

afterAll(() => dashboard?.close());

/** A page whose requests to other sites are aborted and remembered. */
async function openPage(url: string): Promise<{ context: BrowserContext; page: Page; problems: PageProblems; external: string[] }> {
  const context = await dashboard.browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC', locale: 'en-US' });
  const external: string[] = [];
  await context.route('**/*', (route) => {
    const target = route.request().url();
    if (target.startsWith(`${server.url}/`)) return route.continue();
    external.push(target);
    return route.abort();
  });
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.goto(url);
  return { context, page, problems, external };
}

const clicks = (network: string) =>
  db.prepare('SELECT COALESCE(SUM(clicks), 0) FROM share_clicks WHERE shareable_id = ? AND network = ?').pluck().get(BAKERY, network) as number;

describe('shareables in the browser', () => {
  test('a share button on the served action page is counted on its way to the network', async () => {
    const { context, page, problems, external } = await openPage(`${server.url}/action`);
    expect(page.url()).toBe(`${server.url}/action/`);
    await page.getByLabel('Post to').selectOption('bluesky');
    const link = page.locator(`li.card[data-shareable="${BAKERY}"] a[data-share]`);
    expect(await link.getAttribute('href')).toBe(`/s/${BAKERY}/bluesky`);
    const before = clicks('bluesky');
    const popup = context.waitForEvent('page');
    await link.click();
    await popup;
    await expect.poll(() => external, { timeout: 10_000 }).toContain(shareIntentUrl('bluesky', bakeryPost('bluesky')));
    expect(clicks('bluesky')).toBe(before + 1);
    expect(problems.errors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  test('the Shareables view shows clicks → matched posts, edits and reach, and clicks only for LinkedIn', async () => {
    const { context, page, problems } = await openPage(`${server.url}/`);
    await page.waitForSelector('jq-dashboard[data-state="ready"]:not([data-busy])');
    const view = page.locator('jq-shareables');
    const card = view.locator(`li.card[data-shareable="${BAKERY}"]`);
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.locator('h3').textContent()).toBe('Northgate Bakery');
    const funnel = (await card.locator('.funnel').innerText()).replace(/\s+/g, ' ');
    const counted = 1 + 2 + clicks('bluesky');
    expect(funnel).toContain(`${counted} share clicks`);
    expect(funnel).toContain('2 matched posts (1 by link, 1 by text)');
    expect(funnel).toContain(`${250 + 30} potential reach`);

    await card.locator('summary').click();
    const linkedin = card.locator('tr[data-network="linkedin"]');
    expect((await linkedin.innerText()).replace(/\s+/g, ' ').trim()).toBe('LinkedIn 2 clicks only');
    const xRow = (await card.locator('tr[data-network="x"]').innerText()).split(/\s+/);
    expect(xRow.slice(0, 3)).toEqual(['X', '1', '2']);
    expect(await view.locator('.notes li[data-network="linkedin"]').textContent()).toContain("LinkedIn's API");
    // The sample's example links are a staff matter: named here, never on the public page.
    expect(await view.getByRole('note').filter({ hasText: 'Before publishing' }).textContent()).toContain('resources link to example pages');
    expect(problems.errors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });
});
