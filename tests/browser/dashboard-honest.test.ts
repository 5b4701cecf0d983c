// Numbers comms staff can repeat, in a real browser (Debian's Chromium) against the real server,
// with server and browser clocks pinned to Wednesday 4 November 2026, 10:00 in New York (a day in
// progress, three days after daylight saving ended): a tracker set up two days ago, one with a month
// of history, and one after outages. Changes are stated only against collected periods, running
// periods say "so far", uncollected buckets read "not collected", charts have one value axis, PNGs
// carry their title, range and hashtags, chart buckets list their posts, and axe finds nothing serious.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Network } from '../../core/types.js';
import { dashboardSettled, openWatchedPage, type PageProblems } from '../helpers/browser.js';
import { startBrowserDashboard, type BrowserDashboard } from '../helpers/dashboard-app.js';
import { SEED_NOW, seedDatabase, type SeededDatabase } from '../helpers/seed-database.js';
import { postsIn } from '../dashboard/seed-model.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let dashboard: BrowserDashboard;
let young: { seed: SeededDatabase; url: string };
let month: { seed: SeededDatabase; url: string };
let outage: { seed: SeededDatabase; url: string };

async function serve(seed: SeededDatabase): Promise<{ seed: SeededDatabase; url: string }> {
  const server = await dashboard.serve({ db: seed.db, hashtags: seed.hashtags, timeZone: seed.timeZone, enabledNetworks: ['x', 'bluesky', 'mastodon'] as Network[], now: () => seed.now });
  return { seed, url: server.url };
}

beforeAll(async () => {
  dashboard = await startBrowserDashboard();
  young = await serve(seedDatabase({ days: 2 }));
  month = await serve(seedDatabase({ days: 30 }));
  outage = await serve(
    seedDatabase({
      days: 20,
      outages: [
        { network: 'x', from: SEED_NOW - 18 * DAY, to: SEED_NOW - 9 * DAY, runs: 'failed' },
        { network: 'mastodon', from: SEED_NOW - 26 * HOUR, to: SEED_NOW + DAY, runs: 'failed' },
        // Bluesky failed twice this morning, and the next run refilled it.
        { network: 'bluesky', from: SEED_NOW - 20 * HOUR, to: SEED_NOW - 8 * HOUR, runs: 'failed' },
      ],
    }),
  );
});

afterAll(() => dashboard?.close());

async function openPage(url: string, options: BrowserContextOptions = {}): Promise<{ page: Page; problems: PageProblems }> {
  // The browser's clock agrees with the server's: "today" is 4 November in New York, 10:00.
  const opened = await openWatchedPage(dashboard.browser, url, { acceptDownloads: true, fixedTime: SEED_NOW, ...options });
  await dashboardSettled(opened.page);
  return opened;
}

const cards = (page: Page) => page.locator('jq-kpi-cards li[data-kpi]');

/** The element that has focus, looking inside shadow roots. */
function focusedElement(page: Page): Promise<{ tag: string; id: string; text: string } | null> {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return element ? { tag: element.tagName.toLowerCase(), id: element.id, text: element.textContent?.trim() ?? '' } : null;
  });
}

/** Text chunks (iTXt) of a PNG file, by keyword, and its height from the header. */
function pngText(bytes: Buffer): { height: number; text: Record<string, string> } {
  const text: Record<string, string> = {};
  let offset = 8;
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'iTXt') {
      const keywordEnd = data.indexOf(0);
      const languageEnd = data.indexOf(0, keywordEnd + 3);
      const translatedEnd = data.indexOf(0, languageEnd + 1);
      text[data.toString('latin1', 0, keywordEnd)] = data.toString('utf8', translatedEnd + 1);
    }
    if (type === 'IEND') break;
    offset += 12 + length;
  }
  return { height: bytes.readUInt32BE(20), text };
}

describe('a tracker set up two days ago', () => {
  test('the week\'s cards state no change, never "up from 0" or a percentage, and say the earlier week was only partly collected', async () => {
    const { page, problems } = await openPage(young.url);
    expect(await cards(page).count()).toBe(6);
    for (const card of await cards(page).all()) {
      expect(await card.getAttribute('data-change')).toBe('no-data');
      const change = (await card.locator('.change').textContent())!;
      expect(change).toContain('earlier period partly collected');
      expect(change).not.toMatch(/%|up from 0/);
    }
    expect(await page.locator('jq-kpi-cards .period').textContent()).toContain('So far');
    expect(await page.locator('jq-kpi-cards [data-kpi="posts"] .label').textContent()).toContain('(so far)');
    expect(problems.consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('today so far is compared with yesterday up to the same time, and says so', async () => {
    const { page } = await openPage(`${young.url}/?from=2026-11-04&to=2026-11-04`);
    const posts = page.locator('jq-kpi-cards [data-kpi="posts"]');
    expect(await posts.getAttribute('data-value')).toBe(String(postsIn(young.seed, { start: at('2026-11-04T05:00:00Z'), end: SEED_NOW }).length));
    expect(await posts.getAttribute('data-change')).not.toBe('no-data');
    expect(await posts.locator('.vs').textContent()).toBe('vs previous day, same time');
    await page.context().close();
  });

  test('a month view lists the days before collection reached as "not collected" and leaves out the days to come', async () => {
    const { page } = await openPage(`${young.url}/?from=2026-10-06&to=2026-11-10`);
    const reach = page.locator('jq-series-chart[data-chart="reach"]');
    // 6 October to 4 November: the six days from 5 to 10 November are not drawn.
    await expect.poll(() => reach.getAttribute('data-points')).toBe('30');
    await reach.locator('summary').click();
    const uncollected = reach.locator('tbody tr[data-status="not_collected"]');
    expect(await uncollected.count()).toBe(20);
    expect(await uncollected.first().locator('td.not-collected').first().textContent()).toBe('not collected');
    expect(await reach.locator('tbody tr').last().locator('th').textContent()).toMatch(/Nov 4 \(so far\)$/);
    // Bars too: the posts table says "not collected" for those days, never 0.
    const postsTable = page.locator('jq-posts-chart');
    await postsTable.locator('summary').click();
    expect(await postsTable.locator('tbody tr[data-status="not_collected"]').count()).toBe(20);
    await page.context().close();
  });
});

describe('charts', () => {
  test('impressions and potential reach share one value axis, and engagements have their own chart', async () => {
    const { page } = await openPage(month.url);
    await expect.poll(() => page.locator('jq-series-chart[data-chart="reach"]').getAttribute('data-value-axes')).toBe('1');
    await expect.poll(() => page.locator('jq-series-chart[data-chart="engagements"]').getAttribute('data-value-axes')).toBe('1');
    await expect.poll(() => page.locator('jq-posts-chart').getAttribute('data-value-axes')).toBe('1');
    // Each chart says what it counts, from the catalogue.
    expect(await page.locator('jq-series-chart[data-chart="reach"] dl.defs dt').allTextContents()).toEqual(['Impressions gained', 'Potential reach']);
    expect(await page.locator('jq-series-chart[data-chart="engagements"] dl.defs dd').textContent()).toContain('Engagements gained in the bucket');
    await page.context().close();
  });

  test('a downloaded PNG carries the chart title, the range and the hashtags, drawn above the chart and as text chunks', async () => {
    const { page } = await openPage(month.url);
    const reach = page.locator('jq-series-chart[data-chart="reach"]');
    await expect.poll(() => reach.getAttribute('data-points')).toBe('7');
    const canvasHeight = await reach.locator('canvas').evaluate((canvas: HTMLCanvasElement) => canvas.height);
    const [download] = await Promise.all([page.waitForEvent('download'), reach.getByRole('button', { name: 'Download PNG' }).click()]);
    expect(download.suggestedFilename()).toBe('jobquality-reach-over-time.png');
    const png = pngText(readFileSync((await download.path())!));
    expect(png.text['Title']).toBe('Reach over time');
    expect(png.text['Description']).toContain('Oct 29, 2026 – Nov 4, 2026 (America/New_York, so far)');
    expect(png.text['Description']).toContain('#jobquality #fairwork');
    expect(png.height).toBeGreaterThan(canvasHeight);
    await page.context().close();
  });

  test('clicking a day on the posts chart lists that day\'s posts, and the table\'s button does the same by keyboard', async () => {
    const { page } = await openPage(month.url);
    const chart = page.locator('jq-posts-chart');
    await expect.poll(() => chart.getAttribute('data-points')).toBe('7');
    await chart.locator('canvas').click();
    const panel = page.locator('jq-bucket-posts section[data-state="ready"]');
    await panel.waitFor();
    const from = Date.parse((await panel.getAttribute('data-from'))!);
    const to = Date.parse((await panel.getAttribute('data-to'))!);
    expect(to - from).toBeGreaterThanOrEqual(23 * HOUR);
    const expected = postsIn(month.seed, { start: from, end: to }).sort((a, b) => b.createdAt - a.createdAt);
    expect(await panel.locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-post-id')))).toEqual(expected.map((post) => post.networkId));
    expect((await focusedElement(page))?.id).toBe('bucket-title');

    await page.getByRole('button', { name: 'Close' }).click();
    await chart.locator('summary').click();
    const button = chart.getByRole('button', { name: /^List posts of / }).first();
    await button.focus();
    await page.keyboard.press('Enter');
    await page.locator('jq-bucket-posts section[data-state="ready"]').waitFor();
    expect(Date.parse((await page.locator('jq-bucket-posts section').getAttribute('data-from'))!)).toBe(at('2026-10-29T04:00:00Z'));
    await page.keyboard.press('Tab');
    await page.getByRole('button', { name: 'Close' }).press('Enter');
    // Closing returns focus to the button that opened the list.
    expect((await focusedElement(page))?.text).toBe('Posts');
    await page.context().close();
  });

  test('co-hashtags of the view are listed with their post counts', async () => {
    const { page } = await openPage(month.url);
    const counts = new Map<string, number>();
    for (const post of postsIn(month.seed, { start: at('2026-10-29T04:00:00Z'), end: SEED_NOW })) {
      for (const tag of post.hashtags) if (!month.seed.hashtags.includes(tag)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    }
    const expected = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag, posts]) => `#${tag} ${posts}`);
    const rows = await page.locator('jq-co-hashtags tbody tr').evaluateAll((trs) => trs.map((tr) => `${tr.querySelector('th')!.textContent} ${tr.querySelector('td')!.textContent}`));
    expect(rows).toEqual(expected);
    expect(rows.length).toBeGreaterThan(2);
    await page.context().close();
  });
});

describe('a week across the end of daylight saving', () => {
  test('the running week compares with last week up to Wednesday 10:00 local time, and states the change in posts', async () => {
    const { page } = await openPage(`${month.url}/?from=2026-11-02&to=2026-11-08`);
    const current = postsIn(month.seed, { start: at('2026-11-02T05:00:00Z'), end: SEED_NOW }).length;
    const previous = postsIn(month.seed, { start: at('2026-10-26T04:00:00Z'), end: at('2026-10-28T14:00:00Z') }).length;
    const card = page.locator('jq-kpi-cards [data-kpi="posts"]');
    expect(await card.getAttribute('data-value')).toBe(String(current));
    const percent = Math.round((Math.abs(current - previous) / previous) * 100);
    expect(await card.locator('.change [aria-hidden="true"]').first().textContent()).toContain(`${current >= previous ? '+' : '−'}${percent}%`);
    expect(await card.locator('.vs').textContent()).toBe('vs previous 7 days, same time');
    await page.context().close();
  });
});

describe('collector health', () => {
  test('a day refilled after a failure or a pause raises no alarm', async () => {
    const { page } = await openPage(`${month.url}/?range=30d`);
    const health = page.locator('jq-collector-status');
    expect(await health.locator('[data-alarms]').getAttribute('data-alarms')).toBe('0');
    // The seed's Bluesky day without runs and its failed Mastodon run were refilled by the next run; X's rate limit is no gap.
    expect(await health.locator('ul.backfilled li').evaluateAll((items) => items.map((item) => item.getAttribute('data-network')))).toEqual(['bluesky', 'mastodon']);
    await page.context().close();
  });

  test('after outages only the network still failing is an alarm; X days beyond its 7-day search are never collectable', async () => {
    const { page } = await openPage(`${outage.url}/?range=30d`);
    const health = page.locator('jq-collector-status');
    expect(await health.locator('ul.alarms li').evaluateAll((items) => items.map((item) => item.getAttribute('data-network')))).toEqual(['mastodon']);
    expect(await health.locator('ul.never-collectable li').evaluateAll((items) => items.map((item) => item.getAttribute('data-network')))).toEqual(['x']);
    expect(await health.locator('ul.backfilled li[data-network="x"]').count()).toBe(1);
    // Today's Bluesky failures were refilled: counted, not flagged; Mastodon's are flagged.
    expect(await health.locator('li[data-network="bluesky"] dd[data-refilled]').textContent()).toMatch(/^2 \(refilled since\)$/);
    expect(await health.locator('li[data-network="mastodon"] dd.bad').count()).toBeGreaterThan(0);
    await health.locator('summary').click();
    expect(await health.locator('td[data-state="never_collectable"]').first().textContent()).toBe('Never collectable');
    await page.context().close();
  });
});

describe('accessibility', () => {
  test('the network table scrolls by keyboard on a phone-sized screen', async () => {
    const { page } = await openPage(month.url, { viewport: { width: 360, height: 800 } });
    const networks = page.locator('jq-network-chart');
    await networks.locator('summary').click();
    const region = networks.getByRole('region', { name: 'Numbers per network: data table' });
    const overflow = await region.evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(overflow).toBeGreaterThan(0);
    await region.focus();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    await page.context().close();
  });

  test('"Show more" keeps focus while more posts load, and "Custom dates" moves focus into its form', async () => {
    const { page } = await openPage(`${month.url}/?range=30d`);
    const more = page.locator('jq-top-posts button.more');
    await more.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('jq-top-posts ol > li').count()).toBe(20);
    expect((await focusedElement(page))?.text).toMatch(/^Show more/);

    await page.getByRole('button', { name: 'Custom dates' }).click();
    await expect.poll(async () => (await focusedElement(page))?.id).toBe('from');
    await page.context().close();
  });

  test('axe finds no serious or critical issue with every table open', async () => {
    // axe is injected as a script, which the page's CSP forbids: this context alone bypasses it.
    for (const url of [month.url, `${young.url}/?from=2026-10-06&to=2026-11-10`, `${outage.url}/?range=30d`]) {
      const { page } = await openPage(url, { bypassCSP: true });
      await page.evaluate(() => {
        const open = (root: Document | ShadowRoot) => {
          for (const details of root.querySelectorAll('details')) details.open = true;
          for (const element of root.querySelectorAll('*')) if (element.shadowRoot) open(element.shadowRoot);
        };
        open(document);
      });
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id} (${violation.nodes.length})`);
      });
      expect(violations, url).toEqual([]);
      await page.context().close();
    }
    // Three full pages through axe: slow on a busy machine, so this test has more time than the default.
  }, 180_000);
});
