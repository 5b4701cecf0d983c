// The dashboard server's shareables routes: the counting share redirect /s/<shareable>/<network>,
// the action page at /action/, and GET /api/shareables (clicks → matched posts, by network).
import { DateTime } from 'luxon';
import { beforeEach, describe, expect, test } from 'vitest';
import type { DashboardServerOptions } from '../../dashboard/server/server.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { createPostAttributionStep } from '../../shareables/attribute-collected-posts.js';
import { shareIntentUrl } from '../../shareables/share-intents.js';
import { dashboardForVisitors, pressAsNewVisitor } from '../helpers/action-page-visitors.js';
import { askJson } from '../helpers/ask-api.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { makePost, reading } from '../helpers/posts.js';
import { BAKERY, CARE, generatedPost as generated, sampleShareables as shareables } from '../helpers/sample-shareables.js';
import { storePost as storeNormalizedPost } from '../helpers/store-post.js';

const NY = 'America/New_York';

let db: Db;
let clock: number;
let logs: ReturnType<typeof captureLogger>;

/** The dashboard at this test's clock, logging into `logs`; `options` say what differs. */
const server = (options: Partial<DashboardServerOptions> = {}) => dashboardForVisitors({ db, log: logs.log, now: () => clock, ...options });

/** A JSON body, for asserting on. */
const json = async (response: Response): Promise<any> => response.json();
const clickRows = () => db.prepare('SELECT shareable_id AS shareableId, network, day, clicks FROM share_clicks ORDER BY shareable_id, network, day').all();

beforeEach(() => {
  db = openDatabase(':memory:');
  clock = DateTime.fromISO('2026-11-03T12:00:00', { zone: NY }).toMillis();
  logs = captureLogger();
});

describe('share redirect', () => {
  test('sends the supporter to the network\'s composer with the post correctly encoded, and counts the click', async () => {
    const app = server();
    const post = generated(BAKERY, 'x');
    const response = await pressAsNewVisitor(app, `/s/${BAKERY}/x`);
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(shareIntentUrl('x', post));
    // Spaces as %20, the link in url= with its own query string encoded.
    expect(response.headers.get('Location')).toMatch(/^https:\/\/x\.com\/intent\/post\?text=[^&]*%20[^&]*&url=https%3A%2F%2F[^&]*%3Futm_source%3Dx%26utm_medium%3Dsocial/);
    expect(clickRows()).toEqual([{ shareableId: BAKERY, network: 'x', day: '2026-11-03', clicks: 1 }]);
  });

  test('counts clicks per shareable, network and local day in the report time zone', async () => {
    const app = server();
    await pressAsNewVisitor(app, `/s/${BAKERY}/x`);
    await pressAsNewVisitor(app, `/s/${BAKERY}/x`);
    await pressAsNewVisitor(app, `/s/${BAKERY}/linkedin`);
    await pressAsNewVisitor(app, `/s/${CARE}/bluesky`);
    // 23:30 in New York is already the next day in UTC: it still counts for the 3rd.
    clock = DateTime.fromISO('2026-11-03T23:30:00', { zone: NY }).toMillis();
    await pressAsNewVisitor(app, `/s/${BAKERY}/x`);
    clock = DateTime.fromISO('2026-11-04T00:30:00', { zone: NY }).toMillis();
    await pressAsNewVisitor(app, `/s/${BAKERY}/x`);
    expect(clickRows()).toEqual([
      { shareableId: BAKERY, network: 'linkedin', day: '2026-11-03', clicks: 1 },
      { shareableId: BAKERY, network: 'x', day: '2026-11-03', clicks: 3 },
      { shareableId: BAKERY, network: 'x', day: '2026-11-04', clicks: 1 },
      { shareableId: CARE, network: 'bluesky', day: '2026-11-03', clicks: 1 },
    ]);
  });

  test('stores, logs and sets nothing about the person who clicked', async () => {
    const app = server();
    const response = await pressAsNewVisitor(app, `/s/${BAKERY}/bluesky`, {
      headers: { 'User-Agent': 'Mozilla/5.0 SecretBrowser/1.0', 'X-Forwarded-For': '203.0.113.77', Cookie: 'session=abc123', Referer: 'https://supporter.example/page' },
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('Set-Cookie')).toBeNull();
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
    const stored = JSON.stringify(db.prepare('SELECT * FROM share_clicks').all());
    const logged = logs.text();
    for (const trace of ['SecretBrowser', '203.0.113.77', 'abc123', 'supporter.example']) {
      expect(stored).not.toContain(trace);
      expect(logged).not.toContain(trace);
    }
  });

  test('Mastodon goes to the supporter\'s own server, and a missing or bad server is refused with a clear message', async () => {
    const app = server();
    const post = generated(BAKERY, 'mastodon');
    const ok = await pressAsNewVisitor(app, `/s/${BAKERY}/mastodon?server=${encodeURIComponent('@me@Mas.To')}`);
    expect(ok.status).toBe(302);
    expect(ok.headers.get('Location')).toBe(shareIntentUrl('mastodon', post, 'mas.to'));
    expect(ok.headers.get('Location')!.startsWith('https://mas.to/share?text=')).toBe(true);

    const missing = await pressAsNewVisitor(app, `/s/${BAKERY}/mastodon`);
    expect(missing.status).toBe(400);
    expect((await json(missing)).error).toEqual({ code: 'invalid_parameter', message: expect.stringContaining('"server" is required for Mastodon') });
    const bad = await pressAsNewVisitor(app, `/s/${BAKERY}/mastodon?server=${encodeURIComponent('not a server/evil')}`);
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.message).toContain('is not a Mastodon server name');
    expect(clickRows()).toEqual([{ shareableId: BAKERY, network: 'mastodon', day: '2026-11-03', clicks: 1 }]);
  });

  test('an unknown shareable or network answers 404 and counts nothing', async () => {
    const app = server();
    for (const path of ['/s/no-such-thing.spotlight/x', `/s/${BAKERY}/myspace`]) {
      const response = await app.request(path);
      expect(response.status, path).toBe(404);
      expect((await json(response)).error.code).toBe('not_found');
    }
    expect(clickRows()).toEqual([]);
  });

  test('a HEAD request (a link checker) is redirected but not counted', async () => {
    const response = await pressAsNewVisitor(server(), `/s/${BAKERY}/x`, { method: 'HEAD' });
    expect(response.status).toBe(302);
    expect(clickRows()).toEqual([]);
  });

  test('without a usable content file share links answer 404 saying why', async () => {
    const response = await pressAsNewVisitor(server({ shareables: null }), `/s/${BAKERY}/x`);
    expect(response.status).toBe(404);
    expect((await json(response)).error.message).toContain('SHAREABLES_FILE');
  });
});

describe('action page', () => {
  test('is served at /action/ with share buttons going through this server\'s counting redirect', async () => {
    const app = server();
    const bare = await app.request('/action');
    expect(bare.status).toBe(301);
    expect(bare.headers.get('Location')).toBe('/action/');

    const page = await app.request('/action/');
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toContain('text/html');
    expect(page.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expect(page.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    const html = await page.text();
    // Every card's share target on every network (the page script switches between them).
    const { cards } = JSON.parse(/<script type="application\/json" id="card-data">([^<]*)<\/script>/.exec(html)![1]!) as { cards: Record<string, { variants: Record<string, { share: string | null }> }> };
    const hrefs = Object.values(cards).flatMap((card) => Object.entries(card.variants).filter(([network]) => network !== 'apps').map(([network, variant]) => [network, variant.share!]));
    expect(hrefs.length).toBe(shareables.generated.posts.length);
    for (const [network, href] of hrefs) {
      expect(href, network).toMatch(network === 'mastodon' ? /^\/s\/[\w.-]+\/mastodon\?server=\{server\}$/ : new RegExp(`^/s/[\\w.-]+/${network}$`));
    }
    // A link from the page leads, through the redirect, to the network.
    const [, firstHref] = hrefs.find(([network]) => network === 'bluesky')!;
    const followed = await app.request(firstHref!);
    expect(followed.status).toBe(302);
    expect(followed.headers.get('Location')).toMatch(/^https:\/\/bsky\.app\/intent\/compose\?text=/);
  });

  test('serves its script, stylesheet, images and feed, and 404s anything else', async () => {
    const app = server();
    const script = await app.request('/action/action-page.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('Content-Type')).toContain('text/javascript');
    const feed = await json(await app.request('/action/posts.json'));
    expect(feed.posts[0].share).toMatch(/^\/s\//);
    const html = await (await app.request('/action/')).text();
    const image = /<img src="(images\/[^"]+)"/.exec(html)![1]!;
    const served = await app.request(`/action/${image}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('Content-Type')).toBe('image/svg+xml');
    expect((await app.request('/action/../../etc/passwd')).status).toBe(404);
    expect((await app.request('/action/secret.txt')).status).toBe(404);
  });

  test('with PUBLIC_BASE_URL its share and OpenGraph links are absolute on that address', async () => {
    const html = await (await server({ publicBaseUrl: 'https://jobs.example.org' }).request('/action/')).text();
    expect(html).toContain(`href="https://jobs.example.org/s/${BAKERY}/x"`);
    expect(html).toContain('<meta property="og:url" content="https://jobs.example.org/action/">');
  });

  test('without a usable content file it answers 404 saying why', async () => {
    const response = await server({ shareables: null }).request('/action/');
    expect(response.status).toBe(404);
    expect((await json(response)).error.message).toContain('content file');
  });
});

describe('GET /api/shareables', () => {
  /** Stores a collected post (through the collector's own store function) created at `createdAt`. */
  function storePost(id: string, text: string, options: { network?: 'x' | 'bluesky' | 'mastodon'; links?: string[]; followers?: number; author?: string; createdAt?: number; likes?: number; hashtags?: string[] } = {}) {
    const network = options.network ?? 'x';
    const post = makePost(id, {
      network,
      text,
      links: options.links ?? [],
      createdAt: options.createdAt ?? clock - 3_600_000,
      hashtags: options.hashtags ?? ['jobquality'],
      author: { networkId: options.author ?? `author-${id}`, username: options.author ?? `user${id}`, displayName: null, followers: options.followers ?? 100, verified: null },
      metrics: reading({ likes: options.likes ?? 0, reposts: 1, replies: 0, quotes: 0 }),
    });
    storeNormalizedPost(db, post, { now: clock, matchedHashtags: options.hashtags ?? ['jobquality'] });
  }

  async function attribute() {
    return createPostAttributionStep({ db, loadShareables: () => shareables, log: logs.log }).run();
  }

  const get = (query: string, app = server()) => askJson(app, `/api/shareables${query}`);

  test('shows clicks → matched posts per shareable and network, with clicks only (and why) for LinkedIn, Facebook and Threads', async () => {
    const app = server();
    for (const network of ['x', 'x', 'linkedin', 'facebook', 'threads', 'bluesky']) await pressAsNewVisitor(app, `/s/${BAKERY}/${network}`);
    const x = generated(BAKERY, 'x');
    const bluesky = generated(BAKERY, 'bluesky');
    storePost('1', x.text, { links: [x.link], followers: 500, likes: 7, author: 'ann' });
    storePost('2', x.text, { links: [x.link], followers: 500, likes: 1, author: 'ann' });
    storePost('3', bluesky.text.replace(bluesky.link, 'example.org/exemplars/north…'), { network: 'bluesky', followers: 90, likes: 2 });
    await attribute();

    const body = await get('?from=2026-11-01&to=2026-11-03', app);
    expect(body.networks.map((column: any) => [column.network, column.collected])).toEqual([
      ['x', true],
      ['bluesky', true],
      ['mastodon', true],
      ['threads', false],
      ['linkedin', false],
      ['facebook', false],
    ]);
    for (const column of body.networks.filter((item: any) => !item.collected)) expect(column.note).toMatch(/^Clicks only: .*cannot be matched/);

    const bakery = body.shareables[0];
    expect(bakery).toMatchObject({ id: BAKERY, clicks: 6, posts: 3, postsByMethod: { link: 2, text: 1 }, contributors: 2, potentialReach: 500 + 90 });
    // Engagements: each post's likes + reposts (+ replies, quotes) as each network counts them.
    expect(bakery.engagements).toBe(7 + 1 + (1 + 1) + (2 + 1));
    const byNetwork = Object.fromEntries(bakery.networks.map((figures: any) => [figures.network, figures]));
    expect(byNetwork.x).toMatchObject({ clicks: 2, posts: 2, contributors: 1, potentialReach: 500, edited: { mean: 0, median: 0 } });
    expect(byNetwork.bluesky).toMatchObject({ clicks: 1, posts: 1, potentialReach: 90 });
    expect(byNetwork.linkedin).toEqual({ network: 'linkedin', clicks: 1, copies: 0, posts: null, postsByMethod: null, edited: null, engagements: null, contributors: null, potentialReach: null });
    expect(body.totals).toEqual({ clicks: 6, copies: 0, posts: 3, shareables: shareables.generated.shareables.length, used: 1 });
    expect(body.clickDays).toEqual({ from: '2026-11-01', to: '2026-11-03' });
  });

  test('a shareable with clicks but no posts is listed, and unused ones follow with zeros', async () => {
    const app = server();
    await pressAsNewVisitor(app, `/s/${CARE}/linkedin`);
    const body = await get('', app);
    expect(body.shareables[0]).toMatchObject({ id: CARE, clicks: 1, posts: 0, edited: null, title: 'Riverside Home Care Cooperative' });
    expect(body.shareables).toHaveLength(shareables.generated.shareables.length);
    expect(body.shareables.slice(1).every((entry: any) => entry.clicks === 0 && entry.posts === 0)).toBe(true);
  });

  test('counts posts created in the range and clicks on its local days only', async () => {
    const app = server();
    const x = generated(BAKERY, 'x');
    storePost('old', x.text, { links: [x.link], createdAt: DateTime.fromISO('2026-10-20T12:00', { zone: NY }).toMillis() });
    storePost('new', x.text, { links: [x.link], createdAt: DateTime.fromISO('2026-11-02T12:00', { zone: NY }).toMillis() });
    clock = DateTime.fromISO('2026-10-20T12:00', { zone: NY }).toMillis();
    await pressAsNewVisitor(app, `/s/${BAKERY}/x`);
    clock = DateTime.fromISO('2026-11-03T12:00', { zone: NY }).toMillis();
    await pressAsNewVisitor(app, `/s/${BAKERY}/x`);
    await attribute();
    const week = (await get('?from=2026-10-28&to=2026-11-03', app)).shareables[0];
    expect(week).toMatchObject({ id: BAKERY, clicks: 1, posts: 1 });
    const october = (await get('?from=2026-10-01&to=2026-10-31', app)).shareables[0];
    expect(october).toMatchObject({ id: BAKERY, clicks: 1, posts: 1 });
  });

  test('a network filter narrows posts and clicks to it and leaves out the networks we cannot collect', async () => {
    const app = server();
    await pressAsNewVisitor(app, `/s/${BAKERY}/x`);
    await pressAsNewVisitor(app, `/s/${BAKERY}/linkedin`);
    await pressAsNewVisitor(app, `/s/${BAKERY}/bluesky`);
    const body = await get('?network=x', app);
    expect(body.networks.map((column: any) => column.network)).toEqual(['x']);
    expect(body.shareables[0]).toMatchObject({ id: BAKERY, clicks: 1 });
    expect(body.shareables[0].networks).toHaveLength(1);
  });

  test('a collected network the collector is not configured for says its posts are not being matched', async () => {
    const body = await get('', server({ enabledNetworks: ['x'] }));
    const mastodon = body.networks.find((column: any) => column.network === 'mastodon');
    expect(mastodon).toMatchObject({ collected: false, note: expect.stringContaining('not configured for Mastodon') });
  });

  test('bad filters answer 400 in the API\'s error shape', async () => {
    const response = await server().request('/api/shareables?from=yesterday');
    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({ error: { code: 'invalid_parameter', message: expect.stringContaining('Query parameter "from"') } });
    const network = await server().request('/api/shareables?network=linkedin');
    expect(network.status).toBe(400);
  });

  test('without the content file it still answers with the stored figures, named by id', async () => {
    await pressAsNewVisitor(server(), `/s/${BAKERY}/x`);
    const body = await get('', server({ shareables: null }));
    expect(body.contentFile).toBe('unavailable');
    expect(body.shareables).toEqual([expect.objectContaining({ id: BAKERY, title: BAKERY, inContentFile: false, clicks: 1 })]);
  });
});
