// What makes the dashboard compute an answer again: only a change of the posts it is computed from,
// or of the parameters that change it. Share clicks (written by this server or another process)
// leave post answers in place; a cache-busting `&_=…` or a tracking tag is the same question.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { changeToken } from '../../db/data-version.js';
import { MIGRATIONS } from '../../db/migrations/index.js';
import { purgeRemovedPost } from '../../db/posts.js';
import { recordShareClick } from '../../db/shareable-adoption.js';
import { databaseAtVersion } from '../helpers/database-at-version.js';
import { BAKERY, loadSampleShareables } from '../helpers/sample-shareables.js';
import { type SeededDatabase } from '../helpers/seed-database.js';
import { dashboardOverSeed } from '../helpers/seeded-dashboard.js';
import { recentLivePostId, seedsClosedAfterEachTest } from '../helpers/seeds-per-test.js';

// Counts how often the summary's KPIs are really computed (twice per answer: current and previous).
const computed = vi.hoisted(() => ({ kpis: 0 }));
vi.mock('../../db/analytics.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../db/analytics.js')>();
  return {
    ...original,
    getKpis: (...args: Parameters<typeof original.getKpis>) => {
      computed.kpis += 1;
      return original.getKpis(...args);
    },
  };
});

const shareables = loadSampleShareables(['jobquality', 'fairwork']);

const seeds = seedsClosedAfterEachTest();

afterEach(() => {
  computed.kpis = 0;
});

const dashboardOver = (seeded: SeededDatabase) => dashboardOverSeed(seeded, { shareables });

const totalClicks = async (app: { request: (path: string) => Response | Promise<Response> }) =>
  ((await (await app.request('/api/shareables')).json()) as { totals: { clicks: number } }).totals.clicks;

describe('answer cache keys', () => {
  test('parameters the endpoint ignores, and their order, do not make a new question', async () => {
    const { app } = dashboardOver(seeds.inMemory());
    const first = await (await app.request('/api/summary?network=x&hashtag=fairwork')).text();
    expect(computed.kpis).toBe(2);
    for (const path of ['/api/summary?network=x&hashtag=fairwork&_=1', '/api/summary?_=2&hashtag=fairwork&network=x', '/api/summary?utm_source=mail&network=x&hashtag=fairwork']) {
      expect(await (await app.request(path)).text(), path).toBe(first);
    }
    expect(computed.kpis).toBe(2);
    // A parameter that does change the answer is a new question.
    await app.request('/api/summary?network=bluesky&hashtag=fairwork&_=3');
    expect(computed.kpis).toBe(4);
  });

  test('a share click keeps the post answers and shows at once in the shareables answer', async () => {
    const { app } = dashboardOver(seeds.inMemory());
    await app.request('/api/summary');
    const clicksBefore = await totalClicks(app);
    expect((await app.request(`/s/${BAKERY}/x`)).status).toBe(302);
    await app.request('/api/summary');
    expect(computed.kpis).toBe(2);
    expect(await totalClicks(app)).toBe(clicksBefore + 1);
  });

  test('clicks counted by another process keep post answers too; a post it removes does not', async () => {
    const { seed, openAnotherConnection } = seeds.inFile();
    const { app } = dashboardOver(seed);
    await app.request('/api/summary');
    const other = openAnotherConnection();
    recordShareClick(other, { shareableId: BAKERY, network: 'x', day: '2026-11-04' });
    await app.request('/api/summary');
    expect(computed.kpis).toBe(2);
    purgeRemovedPost(other, recentLivePostId(other, seed), 'deleted', seed.now);
    await app.request('/api/summary');
    expect(computed.kpis).toBe(4);
  });
});

describe('refreshing answers after a collection', () => {
  test('with a dashboard token the recent questions are still computed again (the refresh carries the token)', async () => {
    const seed = seeds.inMemory();
    const token = 'refresh-test-token-0a1b2c3d';
    const server = dashboardOverSeed(seed, { accessToken: token });
    const asStaff = { headers: { Authorization: `Bearer ${token}` } };
    expect((await server.app.request('/api/summary?_=1', asStaff)).status).toBe(200);
    expect(computed.kpis).toBe(2);
    purgeRemovedPost(seed.db, recentLivePostId(seed.db, seed), 'deleted', seed.now);
    expect(await server.refreshRecentAnswers()).toBe(1);
    expect(computed.kpis).toBe(4);
    // The browser's next auto-refresh is answered from the refreshed answer.
    expect((await server.app.request('/api/summary?_=2', asStaff)).status).toBe(200);
    expect(computed.kpis).toBe(4);
  });
});

describe('changeToken', () => {
  test('a click moves only the clicks token; a collected write moves both; a rolled-back write neither', () => {
    const { db } = seeds.inMemory();
    const before = { collected: changeToken(db, 'collected'), clicks: changeToken(db, 'collected+clicks') };
    recordShareClick(db, { shareableId: BAKERY, network: 'x', day: '2026-11-04' });
    expect(changeToken(db, 'collected')).toBe(before.collected);
    expect(changeToken(db, 'collected+clicks')).not.toBe(before.clicks);
    const afterClick = changeToken(db, 'collected+clicks');
    expect(() =>
      db.transaction(() => {
        db.prepare('UPDATE posts SET likes = likes + 1 WHERE id = (SELECT MIN(id) FROM posts)').run();
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(changeToken(db, 'collected')).toBe(before.collected);
    db.prepare('UPDATE posts SET likes = likes + 1 WHERE id = (SELECT MIN(id) FROM posts)').run();
    expect(changeToken(db, 'collected')).not.toBe(before.collected);
    expect(changeToken(db, 'collected+clicks')).not.toBe(afterClick);
  });

  test('a database without the counters (opened read-only before migrating) still gets a token that moves on every commit', () => {
    const counters = MIGRATIONS.findIndex((migration) => migration.name === 'change counters');
    const { db } = databaseAtVersion(MIGRATIONS[counters - 1]!.version);
    const first = changeToken(db, 'collected');
    recordShareClick(db, { shareableId: BAKERY, network: 'x', day: '2026-11-04' });
    expect(changeToken(db, 'collected')).not.toBe(first);
    db.close();
  });
});
