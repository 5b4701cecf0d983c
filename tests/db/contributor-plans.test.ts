// Per-author questions (distinct contributors, potential reach, top contributors) give the same
// answer whichever index they read: the in-memory post index (db/post-index.ts), the created-ordered
// one (migration 002) or the author-ordered one (migration 005), which SQL chooses per window
// (db/analytics-plan.ts).
import { describe, expect, test } from 'vitest';
import type { Network } from '../../core/types.js';
import { BY_AUTHOR_MIN_SHARE, chooseScanPlan, scanPlanForWindow, type ScanPlan } from '../../db/analytics-plan.js';
import { getContributorsByWindow, getKpis, getNetworkBreakdown, type AnalyticsScope, type TimeWindow } from '../../db/analytics.js';
import { getTopContributors, type TopContributorsOrder } from '../../db/analytics-top.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { MIGRATIONS } from '../../db/migrations/index.js';
import { setPostIndexEnabled } from '../../db/post-index.js';
import { hasAuthorOrderedIndex, restorePreviousCoveringIndexes } from '../../db/previous-indexes.js';
import { purgeRemovedPost } from '../../db/posts.js';
import { databaseAtVersion } from '../helpers/database-at-version.js';
import { makePost } from '../helpers/posts.js';
import { purgeEveryFifthLivePost, seedDatabase } from '../helpers/seed-database.js';
import { storePost } from '../helpers/store-post.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PLANS: readonly ScanPlan[] = ['memory', 'by-created', 'by-author'];
const ORDERS: readonly TopContributorsOrder[] = ['posts', 'engagements', 'reach'];

const SCOPES: readonly AnalyticsScope[] = [
  { networks: ['x', 'bluesky', 'mastodon'], hashtag: null },
  { networks: ['x', 'bluesky', 'mastodon'], hashtag: 'jobquality' },
  { networks: ['x', 'mastodon'], hashtag: 'fairwork' },
  { networks: ['bluesky'], hashtag: null },
];

/** A seeded campaign with more removed posts than the seed's one: every fifth live post of each network. */
function seededWithRemovals(): { db: Db; now: number } {
  const seed = seedDatabase();
  // Migration 014 dropped the covering indexes the SQL plans were written for; compare with them.
  restorePreviousCoveringIndexes(seed.db);
  purgeEveryFifthLivePost(seed);
  return { db: seed.db, now: seed.now };
}

function windowsOf(now: number): TimeWindow[] {
  return [
    { start: now - 15 * DAY, end: now + HOUR },
    { start: now - 7 * DAY, end: now },
    // Starts and ends mid-hour.
    { start: now - 9 * DAY + 17 * 60_000, end: now - 2 * HOUR - 23 * 60_000 },
    { start: now - 36 * HOUR, end: now - 35 * HOUR },
    // Before the campaign: no posts.
    { start: now - 40 * DAY, end: now - 30 * DAY },
  ];
}

const byNetwork = <T extends { network: Network }>(rows: T[]): T[] => [...rows].sort((a, b) => a.network.localeCompare(b.network));

/** Distinct live authors of the window and scope, and their followers, counted directly. */
function directContributors(db: Db, window: TimeWindow, scope: AnalyticsScope): Array<{ network: Network; contributors: number; potentialReach: number }> {
  return db
    .prepare(
      `SELECT a.network, COUNT(*) AS contributors, COALESCE(SUM(a.followers), 0) AS potentialReach
       FROM authors a
       WHERE a.id IN (
         SELECT p.author_id FROM posts p, json_each(p.matched_hashtags) t
         WHERE p.removed_at IS NULL AND p.created_at >= ? AND p.created_at < ? AND (? IS NULL OR t.value = ?)
           AND p.network IN (SELECT value FROM json_each(?)))
       GROUP BY a.network ORDER BY a.network`,
    )
    .all(window.start, window.end, scope.hashtag, scope.hashtag, JSON.stringify(scope.networks)) as Array<{ network: Network; contributors: number; potentialReach: number }>;
}

describe('contributor query plans', () => {
  test('the author-ordered plan is chosen once the window holds the set share of the posts table', () => {
    expect(chooseScanPlan(0, 0)).toBe('by-created');
    expect(chooseScanPlan(10, 0)).toBe('by-created');
    expect(chooseScanPlan(0, 1_000_000)).toBe('by-created');
    expect(chooseScanPlan(BY_AUTHOR_MIN_SHARE * 1_000_000 - 1, 1_000_000)).toBe('by-created');
    expect(chooseScanPlan(BY_AUTHOR_MIN_SHARE * 1_000_000, 1_000_000)).toBe('by-author');
    expect(chooseScanPlan(1_000_000, 1_000_000)).toBe('by-author');
  });

  test('every plan counts the same contributors and potential reach for every window and scope', () => {
    const { db, now } = seededWithRemovals();
    let nonEmpty = 0;
    for (const scope of SCOPES) {
      for (const window of windowsOf(now)) {
        const expected = directContributors(db, window, scope);
        if (expected.length > 0) nonEmpty += 1;
        for (const plan of PLANS) {
          expect(byNetwork(getContributorsByWindow(db, [window], scope, plan)), `${plan} ${JSON.stringify(scope)} ${JSON.stringify(window)}`).toEqual(
            expected.map((row) => ({ k: 0, ...row })),
          );
        }
        expect(byNetwork(getContributorsByWindow(db, [window], scope))).toEqual(expected.map((row) => ({ k: 0, ...row })));
      }
    }
    expect(nonEmpty).toBeGreaterThan(10);
  });

  test('a single window keeps its position among empty ones in every plan', () => {
    const { db, now } = seededWithRemovals();
    const scope = SCOPES[0]!;
    const window = { start: now - 7 * DAY, end: now };
    const windows = [{ start: now, end: now }, window];
    const expected = directContributors(db, window, scope).map((row) => ({ k: 1, ...row }));
    for (const plan of PLANS) expect(byNetwork(getContributorsByWindow(db, windows, scope, plan))).toEqual(expected);
  });

  test('every plan ranks the same top contributors, ties included', () => {
    const { db, now } = seededWithRemovals();
    let compared = 0;
    for (const scope of SCOPES) {
      for (const window of windowsOf(now)) {
        for (const by of ORDERS) {
          for (const limit of [3, 100]) {
            const [memory, created, author] = PLANS.map((plan) => getTopContributors(db, window, scope, { by, limit }, plan));
            expect(author, `${by} ${limit} ${JSON.stringify(scope)} ${JSON.stringify(window)}`).toEqual(created);
            expect(memory, `memory ${by} ${limit} ${JSON.stringify(scope)} ${JSON.stringify(window)}`).toEqual(created);
            expect(getTopContributors(db, window, scope, { by, limit })).toEqual(created);
            if (created!.length > 0) compared += 1;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(60);
  });

  test('without the in-memory index, a window holding most of the posts reads the author-ordered index through the KPIs and the network split', () => {
    const { db, now } = seededWithRemovals();
    const scope = SCOPES[0]!;
    const whole = windowsOf(now)[0]!;
    const lastDay = { start: now - DAY, end: now };
    expect(scanPlanForWindow(db, whole, scope)).toBe('memory');
    setPostIndexEnabled(db, false);
    expect(scanPlanForWindow(db, whole, scope)).toBe('by-author');
    expect(scanPlanForWindow(db, lastDay, scope)).toBe('by-created');
    for (const window of [whole, lastDay]) {
      const direct = directContributors(db, window, scope);
      expect(getKpis(db, window, scope).contributors).toBe(direct.reduce((sum, row) => sum + row.contributors, 0));
      expect(getKpis(db, window, scope).potentialReach).toBe(direct.reduce((sum, row) => sum + row.potentialReach, 0));
      expect(getNetworkBreakdown(db, window, scope).map(({ network, contributors }) => ({ network, contributors }))).toEqual(
        (['x', 'bluesky', 'mastodon'] as const).map((network) => ({ network, contributors: direct.find((row) => row.network === network)?.contributors ?? 0 })),
      );
    }
  });

  test('a database at version 4 that holds posts migrates to the latest schema, and every plan answers right on it', () => {
    const { file, db: old } = databaseAtVersion(4);
    const t0 = Date.parse('2026-11-02T09:20:00Z');
    const ids: number[] = [];
    for (const [id, network, author] of [
      ['1', 'x', 'a'],
      ['2', 'x', 'a'],
      ['3', 'x', 'b'],
      ['4', 'mastodon', 'c'],
      ['5', 'bluesky', 'd'],
    ] as const) {
      const post = makePost(id, { network, createdAt: t0 - Number(id) * HOUR, author: { networkId: author, username: author, displayName: null, followers: 10 * Number(id), verified: false } });
      ids.push(storePost(old, post, { now: t0, nextRefreshAt: t0 + HOUR }));
    }
    purgeRemovedPost(old, ids[4]!, 'deleted', t0);
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const window = { start: t0 - DAY, end: t0 };
    const scope = SCOPES[0]!;
    // Migration 014 drops it again; without it SQL keeps to the created-ordered plan.
    expect(hasAuthorOrderedIndex(db)).toBe(false);
    setPostIndexEnabled(db, false);
    expect(scanPlanForWindow(db, window, scope)).toBe('by-created');
    setPostIndexEnabled(db, true);
    restorePreviousCoveringIndexes(db);
    for (const plan of PLANS) {
      expect(byNetwork(getContributorsByWindow(db, [window], scope, plan))).toEqual([
        { k: 0, network: 'mastodon', contributors: 1, potentialReach: 40 },
        { k: 0, network: 'x', contributors: 2, potentialReach: 50 },
      ]);
      expect(getTopContributors(db, window, scope, { by: 'posts', limit: 10 }, plan).map(({ username, posts }) => ({ username, posts }))).toEqual([
        { username: 'a', posts: 2 },
        { username: 'b', posts: 1 },
        { username: 'c', posts: 1 },
      ]);
    }
    db.close();
  });
});
