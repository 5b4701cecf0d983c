// The dashboard reuses analytics answers until the data changes: never a stale number, whichever
// connection or process wrote, and no reuse across days, errors or other questions.
import { Hono } from 'hono';
import { describe, expect, test } from 'vitest';
import { comparatorIndexOf } from '../../db/comparator-index.js';
import { storeComparatorPost } from '../../db/comparator-posts.js';
import { purgeRemovedPost } from '../../db/posts.js';
import { makePost, reading } from '../helpers/posts.js';
import { answerCache } from '../../dashboard/server/answer-cache.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { dashboardOverSeed } from '../helpers/seeded-dashboard.js';
import { recentLivePostId, seedsClosedAfterEachTest } from '../helpers/seeds-per-test.js';

const seeds = seedsClosedAfterEachTest();

/** An app whose one endpoint counts how often it really computed an answer. */
function countingApp(options: { maxEntries?: number } = {}) {
  const state = { version: 'v1', date: '2026-11-04', computed: 0 };
  const app = new Hono();
  const cache = answerCache({ dataVersion: () => state.version, context: () => state.date, maxEntries: options.maxEntries ?? 10 });
  app.use('/answer', cache.middleware);
  app.get('/answer', (c) => {
    state.computed += 1;
    if (c.req.query('bad')) return c.json({ error: { code: 'invalid_parameter', message: 'bad' } }, 400);
    return c.json({ q: c.req.query('q') ?? null, computed: state.computed });
  });
  return { app, state, cache };
}

describe('answer cache', () => {
  test('the same question is computed once while the data stays the same', async () => {
    const { app, state } = countingApp();
    const first = await (await app.request('/answer?q=a')).json();
    const second = await app.request('/answer?q=a');
    expect(second.status).toBe(200);
    expect(second.headers.get('Content-Type')).toMatch(/application\/json/);
    expect(await second.json()).toEqual(first);
    expect(state.computed).toBe(1);
  });

  test('a change of data version computes the answer again', async () => {
    const { app, state } = countingApp();
    await app.request('/answer?q=a');
    state.version = 'v2';
    expect(await (await app.request('/answer?q=a')).json()).toEqual({ q: 'a', computed: 2 });
  });

  test('a new local day computes the answer again, since a range without "to" ends today', async () => {
    const { app, state } = countingApp();
    await app.request('/answer');
    state.date = '2026-11-05';
    await app.request('/answer');
    expect(state.computed).toBe(2);
  });

  test('different queries get their own answers', async () => {
    const { app } = countingApp();
    await app.request('/answer?q=a');
    expect(await (await app.request('/answer?q=b')).json()).toEqual({ q: 'b', computed: 2 });
  });

  test('errors are never reused', async () => {
    const { app, state } = countingApp();
    expect((await app.request('/answer?bad=1')).status).toBe(400);
    expect((await app.request('/answer?bad=1')).status).toBe(400);
    expect(state.computed).toBe(2);
  });

  test('beyond its size the least recently used answer is dropped first', async () => {
    const { app, state } = countingApp({ maxEntries: 2 });
    await app.request('/answer?q=a');
    await app.request('/answer?q=b');
    await app.request('/answer?q=a'); // a is now the most recently used
    await app.request('/answer?q=c'); // drops b
    expect(state.computed).toBe(3);
    await app.request('/answer?q=a');
    expect(state.computed).toBe(3);
    await app.request('/answer?q=b');
    expect(state.computed).toBe(4);
  });

  test('it remembers which questions were answered most recently, across data changes', async () => {
    const { app, state, cache } = countingApp({ maxEntries: 3 });
    for (const q of ['a', 'b', 'c', 'a']) await app.request(`http://127.0.0.1:8080/answer?q=${q}`);
    await app.request('/answer?bad=1'); // an error is not remembered
    state.version = 'v2';
    await app.request('/answer?q=d');
    expect(cache.recentPaths(10)).toEqual(['/answer?q=d', '/answer?q=a', '/answer?q=c']);
    expect(cache.recentPaths(1)).toEqual(['/answer?q=d']);
  });
});

describe('dashboard answers after the data changes', () => {
  const postsOf = async (app: Hono) => ((await (await app.request('/api/summary')).json()) as { current: { posts: { total: number } } }).current.posts.total;

  test('a post removed through the server’s own connection leaves the next answer', async () => {
    const seed = seeds.inMemory();
    const { app } = dashboardOverSeed(seed);
    const before = await postsOf(app);
    expect(await postsOf(app)).toBe(before);
    expect(purgeRemovedPost(seed.db, recentLivePostId(seed.db, seed), 'deleted', seed.now)).toBe(true);
    expect(await postsOf(app)).toBe(before - 1);
  });

  test('after a collection the most recently asked questions are computed again with the new data', async () => {
    const seed = seeds.inMemory();
    const logger = captureLogger();
    const server = dashboardOverSeed(seed, { log: logger.log });
    const before = await postsOf(server.app);
    await server.app.request('/api/networks');
    await server.app.request('/api/coverage'); // not cached, so never asked again
    expect(purgeRemovedPost(seed.db, recentLivePostId(seed.db, seed), 'deleted', seed.now)).toBe(true);
    logger.lines.length = 0;

    expect(await server.refreshRecentAnswers()).toBe(2);
    const asked = logger.lines.map((line) => JSON.parse(line) as { msg: string; path?: string }).filter((line) => line.msg === 'request');
    expect(asked.map((line) => line.path)).toEqual(['/api/networks', '/api/summary']);
    expect(await postsOf(server.app)).toBe(before - 1);
  });

  test('after a collection the comparator posts are caught up too, even when no one asked for share of voice since', async () => {
    const { seed, openAnotherConnection } = seeds.inFile();
    const server = dashboardOverSeed(seed, { intelligence: { compareHashtags: ['livingwage'], accountMap: null } });
    await server.refreshRecentAnswers();
    const comparators = comparatorIndexOf(seed.db)!;
    const caughtUp = comparators.stats.catchUps;
    // Another process collects a comparator post; only the dashboard's after-collection refresh runs.
    const collector = openAnotherConnection();
    const author = { networkId: 'rival-9', username: 'rival9', displayName: null, followers: 3, verified: null };
    storeComparatorPost(collector, { post: makePost('cmp-after', { network: 'bluesky', createdAt: seed.now - 60_000, author, metrics: reading({ likes: 2 }) }), tags: ['livingwage'], now: seed.now, nextRefreshAt: null });
    await server.refreshRecentAnswers();
    expect(comparators.stats.catchUps).toBe(caughtUp + 1);
  });

  test('in a server without in-process collections, any request after a commit catches the comparator posts up, share of voice unasked', async () => {
    const { seed, openAnotherConnection } = seeds.inFile();
    const server = dashboardOverSeed(seed, { intelligence: { compareHashtags: ['livingwage'], accountMap: null } });
    await server.app.request('/api/summary');
    const comparators = comparatorIndexOf(seed.db)!;
    const caughtUp = comparators.stats.catchUps;
    const rowsRead = comparators.stats.rowsRead;
    const collector = openAnotherConnection();
    const author = { networkId: 'rival-9', username: 'rival9', displayName: null, followers: 3, verified: null };
    storeComparatorPost(collector, { post: makePost('cmp-served', { network: 'bluesky', createdAt: seed.now - 60_000, author, metrics: reading({ likes: 2 }) }), tags: ['livingwage'], now: seed.now, nextRefreshAt: null });

    expect((await server.app.request('/api/networks')).status).toBe(200);
    expect(comparators.stats).toMatchObject({ catchUps: caughtUp + 1, rowsRead: rowsRead + 1 });
    // Nothing committed since: the next request reads nothing more.
    await server.app.request('/api/summary?from=2026-01-01');
    expect(comparators.stats).toMatchObject({ catchUps: caughtUp + 1, rowsRead: rowsRead + 1 });
  });

  test('a post removed by another process (another connection to the file) leaves the next answer', async () => {
    const { seed, openAnotherConnection } = seeds.inFile();
    const { app } = dashboardOverSeed(seed);
    const before = await postsOf(app);
    const other = openAnotherConnection();
    expect(purgeRemovedPost(other, recentLivePostId(other, seed), 'deleted', seed.now)).toBe(true);
    expect(await postsOf(app)).toBe(before - 1);
  });
});

describe('answer cache and the clock', () => {
  test('a running range is asked again after five minutes, because its "so far" comparison moves; a finished range is not', async () => {
    const seeded = seeds.inMemory();
    let now = seeded.now;
    const { app } = dashboardOverSeed(seeded, { now: () => now });
    const previousEnd = async (path: string) => ((await (await app.request(path)).json()) as { previousRange: { to: string } | null }).previousRange?.to;
    const running = await previousEnd('/api/summary');
    const finished = await previousEnd('/api/summary?from=2026-10-01&to=2026-10-07');
    now += 6 * 60_000;
    expect(await previousEnd('/api/summary')).not.toBe(running);
    expect(await previousEnd('/api/summary?from=2026-10-01&to=2026-10-07')).toBe(finished);
  });
});
