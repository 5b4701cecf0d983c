// A fourth network in the dashboard app, in a real browser (Debian's Chromium): registered in
// core/networks.ts only (as tests/house/fourth-network.test.ts registers "Fedi+"), with its posts
// and runs in the database, it shows by its label in the filter bar, the charts, the collector
// status and the top posts, and can be picked as a filter, without any change to the app.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerNetwork, unregisterNetwork } from '../../core/networks.js';
import type { RunningServer } from '../../dashboard/server/server.js';
import { storeCollectedPost, upsertAuthor } from '../../db/posts.js';
import { finishRun, startRun } from '../../db/runs.js';
import { dashboardSettled, openWatchedPage } from '../helpers/browser.js';
import { startBrowserDashboard, type BrowserDashboard } from '../helpers/dashboard-app.js';
import { makePost, reading } from '../helpers/posts.js';
import { SEED_NOW, seedDatabase, type SeededDatabase } from '../helpers/seed-database.js';

const NETWORK = 'fediplus';
const LABEL = 'Fedi+';
const HOUR = 3_600_000;

let dashboard: BrowserDashboard;
let seed: SeededDatabase;
let server: RunningServer;
/** Fedi+ posts stored, all within the default "last 7 days" view. */
const FEDIPLUS_POSTS = 3;

function storeFediplus(): void {
  const { db } = seed;
  for (let i = 0; i < FEDIPLUS_POSTS; i += 1) {
    const createdAt = SEED_NOW - (i + 1) * 20 * HOUR;
    // The first one is the most engaging post of the week, so it leads the top posts.
    const post = makePost(`fp${i}`, {
      network: NETWORK,
      createdAt,
      text: `Fedi+ post ${i} #jobquality`,
      url: `https://fediplus.example/p/fp${i}`,
      author: { networkId: `fpu${i}`, username: `fan${i}`, displayName: `Fan ${i}`, followers: 300, verified: null },
      metrics: reading({ likes: i === 0 ? 1_000_000 : 3, replies: 1 }),
    });
    storeCollectedPost(db, { post, authorId: upsertAuthor(db, NETWORK, post.author, createdAt), matchedHashtags: ['jobquality'], now: createdAt + HOUR, nextRefreshAt: null });
  }
  for (let at = SEED_NOW - 7 * 24 * HOUR; at < SEED_NOW; at += 6 * HOUR) finishRun(db, startRun(db, NETWORK, at), { status: 'ok', now: at + 60_000 });
}

beforeAll(async () => {
  registerNetwork({
    id: NETWORK,
    label: LABEL,
    collection: { engagementComponents: ['likes', 'replies'], reportsImpressions: false, backfillLimitMs: null },
    postLimit: 400,
    lengthCounting: 'characters',
    shareIntent: { kind: 'fixed', url: 'https://fediplus.example/share?text={text}' },
  });
  seed = seedDatabase({ days: 14 });
  storeFediplus();
  dashboard = await startBrowserDashboard();
  server = await dashboard.serve({ db: seed.db, hashtags: seed.hashtags, timeZone: seed.timeZone, now: () => SEED_NOW });
});

afterAll(async () => {
  await dashboard?.close();
  unregisterNetwork(NETWORK);
});

describe('a fourth network in the dashboard app', () => {
  test('shows by its label in the filter bar, the posts chart legend, the network split, the collector status and the top posts', async () => {
    const { page, problems } = await openWatchedPage(dashboard.browser, server.url, { fixedTime: SEED_NOW });
    await dashboardSettled(page);

    const options = page.getByLabel('Network', { exact: true }).locator('option');
    expect(await options.allTextContents()).toEqual(['All networks', 'X', 'Bluesky', 'Mastodon', LABEL]);
    expect(await options.nth(4).getAttribute('value')).toBe(NETWORK);

    await expect.poll(() => page.locator('jq-posts-chart').getAttribute('data-legend')).toBe(['X', 'Bluesky', 'Mastodon', LABEL].join('|'));
    await expect.poll(() => page.locator('jq-network-chart').getAttribute('data-points')).toBe('4');
    expect(await page.locator('jq-network-chart tbody th').allTextContents()).toContain(LABEL);

    const card = page.locator(`jq-collector-status li[data-network="${NETWORK}"]`);
    expect(await card.locator('h3').textContent()).toContain(LABEL);
    expect(await card.locator('h3 .badge').textContent()).toBe('Collecting');

    const top = page.locator('jq-top-posts li').first();
    expect(await top.getAttribute('data-post-id')).toBe('fp0');
    expect(await top.locator('.badge').first().textContent()).toBe(LABEL);
    // The id never stands in for the label anywhere a person reads it.
    expect(await page.locator('jq-dashboard').evaluate((host) => host.shadowRoot!.innerHTML.includes('>fediplus<'))).toBe(false);

    expect(problems.errors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('picking it in the filter bar shows its posts only and keeps it in the URL', async () => {
    const { page } = await openWatchedPage(dashboard.browser, server.url, { fixedTime: SEED_NOW });
    await dashboardSettled(page);
    await page.getByLabel('Network', { exact: true }).selectOption(NETWORK);
    await page.waitForURL((url) => url.searchParams.get('network') === NETWORK);
    await expect.poll(() => page.locator('jq-kpi-cards [data-kpi="posts"]').getAttribute('data-value')).toBe(String(FEDIPLUS_POSTS));
    expect(await page.locator('jq-top-posts li .badge').allTextContents()).toEqual(Array(FEDIPLUS_POSTS).fill(LABEL));

    // A shared link to the view opens on the same filter.
    await page.reload();
    await dashboardSettled(page);
    expect(await page.getByLabel('Network', { exact: true }).inputValue()).toBe(NETWORK);
    await page.context().close();
  });
});
