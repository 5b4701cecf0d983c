// The in-memory post index (db/post-index.ts) gives exactly the SQL's answers: distinct contributors
// and potential reach per bucket, top contributors and top posts, for every filter, partial-hour
// edges, daylight-saving days and removed posts; and it stays exact while this connection or another
// process commits (new posts, refreshed readings, follower changes, purges), reading only what changed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { bucketsFor, type Interval } from '../../dashboard/server/time-range.js';
import { getContributorsByWindow, getKpis, getNetworkBreakdown, getPostGroupsByWindow, type AnalyticsScope, type TimeWindow } from '../../db/analytics.js';
import { getTopContributors, getTopPosts, type TopContributorsOrder, type TopPostsOrder } from '../../db/analytics-top.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { postIndexOf, setPostIndexEnabled, setPostIndexTimeZone } from '../../db/post-index.js';
import { purgeRemovedPost, selectAllLivePosts, storeRefreshedReading } from '../../db/posts.js';
import { makePost, reading } from '../helpers/posts.js';
import { storePost } from '../helpers/store-post.js';
import { purgeEveryFifthLivePost, seedDatabase, SEED_TIME_ZONE } from '../helpers/seed-database.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const SCOPES: readonly AnalyticsScope[] = [
  { networks: ['x', 'bluesky', 'mastodon'], hashtag: null },
  { networks: ['x', 'bluesky', 'mastodon'], hashtag: 'jobquality' },
  { networks: ['x', 'mastodon'], hashtag: 'fairwork' },
  { networks: ['bluesky'], hashtag: null },
  // A tag no stored post carries.
  { networks: ['x'], hashtag: 'goodjobs' },
];

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function databaseFile(): string {
  const folder = mkdtempSync(join(tmpdir(), 'jq-post-index-'));
  folders.push(folder);
  return join(folder, 'campaign.db');
}

// Every test runs twice: with the index reading each window post by post, and with its per-local-day totals on.
let dayTotals = false;

/** A connection whose post index keeps day totals in the seed's time zone when this run has them on. */
function withDayTotals(db: Db): Db {
  setPostIndexTimeZone(db, dayTotals ? SEED_TIME_ZONE : null);
  return db;
}

function openReader(file: string): Db {
  return withDayTotals(openDatabase(file));
}

/** The seeded campaign (it spans the end of US daylight saving time) with every fifth live post of each network purged. */
function seededWithRemovals(file?: string): { db: Db; now: number } {
  const seed = seedDatabase(file ? { file } : {});
  purgeEveryFifthLivePost(seed);
  return { db: withDayTotals(seed.db), now: seed.now };
}

/** The same question answered by SQL alone (the index turned off for the call). */
function bySql<T>(db: Db, ask: () => T): T {
  setPostIndexEnabled(db, false);
  try {
    return ask();
  } finally {
    setPostIndexEnabled(db, true);
  }
}

/** Ranges as the dashboard asks them: whole local days over the DST change, ranges starting and ending mid-hour, one empty. */
function rangesOf(now: number): TimeWindow[] {
  return [
    { start: now - 14 * DAY, end: now + HOUR },
    { start: Date.parse('2026-10-31T04:00:00Z'), end: Date.parse('2026-11-03T05:00:00Z') },
    { start: now - 9 * DAY + 17 * MINUTE, end: now - 2 * HOUR - 23 * MINUTE },
    { start: now - 36 * HOUR + 30 * MINUTE, end: now - 35 * HOUR },
    { start: now - 40 * DAY, end: now - 30 * DAY },
  ];
}

/** Every filter with every range, and a label naming both for a failure message. */
function* everyFilterAndRange(now: number): Generator<{ scope: AnalyticsScope; range: TimeWindow; label: string }> {
  for (const scope of SCOPES) {
    for (const range of rangesOf(now)) yield { scope, range, label: `${JSON.stringify(scope)} ${JSON.stringify(range)}` };
  }
}

/** The same, cut into hour, day and week buckets in the seed's time zone. */
function* everyBucketing(now: number): Generator<{ scope: AnalyticsScope; buckets: ReturnType<typeof bucketsFor>; label: string }> {
  for (const { scope, range, label } of everyFilterAndRange(now)) {
    for (const interval of ['hour', 'day', 'week'] as Interval[]) yield { scope, buckets: bucketsFor(range, interval, SEED_TIME_ZONE), label: `${interval} ${label}` };
  }
}

const sortRows = <T extends { k: number; network: string }>(rows: T[]): T[] => [...rows].sort((a, b) => a.k - b.k || a.network.localeCompare(b.network));

/**
 * Asks `ask` for every bucketing with the index and by SQL, expects the same rows (in `sort`'s order,
 * since neither promises one), and returns how many rows the SQL gave in all.
 */
function compareWithSqlOverEveryBucketing<T>(db: Db, now: number, ask: (buckets: ReturnType<typeof bucketsFor>, scope: AnalyticsScope) => T[], sort: (rows: T[]) => T[]): number {
  let rows = 0;
  for (const { scope, buckets, label } of everyBucketing(now)) {
    const expected = sort(bySql(db, () => ask(buckets, scope)));
    expect(sort(ask(buckets, scope)), label).toEqual(expected);
    rows += expected.length;
  }
  return rows;
}

describe.each([
  { mode: 'reading each window post by post', days: false },
  { mode: 'with per-local-day totals', days: true },
])('post index, $mode', ({ days }) => {
  beforeEach(() => {
    dayTotals = days;
  });

  test('contributors and potential reach of every hour, day and week bucket equal the SQL answer for every filter', () => {
    const { db, now } = seededWithRemovals();
    const nonEmpty = compareWithSqlOverEveryBucketing(db, now, (buckets, scope) => getContributorsByWindow(db, buckets, scope), sortRows);
    expect(nonEmpty).toBeGreaterThan(500);
    expect(postIndexOf(db)!.stats.loads).toBe(1);
  });

  test('posts and their summed counts by network, kind and impressions equal the SQL (rollup) answer for every bucket and filter', () => {
    const { db, now } = seededWithRemovals();
    const key = (row: { k: number; network: string; kind: string; withImpressions: boolean }) => `${row.k}|${row.network}|${row.kind}|${row.withImpressions}`;
    const sorted = <T extends { k: number; network: string; kind: string; withImpressions: boolean }>(rows: T[]) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));
    const groups = compareWithSqlOverEveryBucketing(db, now, (buckets, scope) => getPostGroupsByWindow(db, buckets, scope), sorted);
    expect(groups).toBeGreaterThan(500);
  });

  test('the KPIs and the network split equal the SQL answer', () => {
    const { db, now } = seededWithRemovals();
    for (const { scope, range } of everyFilterAndRange(now)) {
      expect(getKpis(db, range, scope)).toEqual(bySql(db, () => getKpis(db, range, scope)));
      expect(getNetworkBreakdown(db, range, scope)).toEqual(bySql(db, () => getNetworkBreakdown(db, range, scope)));
    }
  });

  test('top posts equal the SQL ranking for every order, page and filter, ties included', () => {
    const { db, now } = seededWithRemovals();
    let compared = 0;
    for (const { scope, range, label } of everyFilterAndRange(now)) {
      for (const by of ['engagements', 'impressions', 'recent'] as TopPostsOrder[]) {
        for (const [offset, limit] of [
          [0, 10],
          [0, 100],
          [7, 5],
          [40, 20],
          [5_000, 10],
        ] as const) {
          const expected = bySql(db, () => getTopPosts(db, range, scope, { by, offset, limit }));
          expect(getTopPosts(db, range, scope, { by, offset, limit }), `${by} ${offset}+${limit} ${label}`).toEqual(expected);
          compared += expected.posts.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(1_000);
  });

  test('top contributors equal the SQL ranking for every order and filter, ties included', () => {
    const { db, now } = seededWithRemovals();
    let compared = 0;
    for (const { scope, range, label } of everyFilterAndRange(now)) {
      for (const by of ['posts', 'engagements', 'reach'] as TopContributorsOrder[]) {
        for (const limit of [1, 3, 10, 100]) {
          const expected = bySql(db, () => getTopContributors(db, range, scope, { by, limit }));
          expect(getTopContributors(db, range, scope, { by, limit }), `${by} ${limit} ${label}`).toEqual(expected);
          compared += expected.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(300);
  });

  test("another process's commits are read incrementally and every answer stays exact", () => {
    const file = databaseFile();
    const { db: writer, now } = seededWithRemovals(file);
    const reader = openReader(file);
    const scope = SCOPES[0]!;
    const range = { start: now - 3 * DAY, end: now + 2 * HOUR };
    const answers = () => ({
      contributors: getContributorsByWindow(reader, bucketsFor(range, 'day', SEED_TIME_ZONE), scope),
      kpis: getKpis(reader, range, scope),
      topPosts: getTopPosts(reader, range, scope, { by: 'engagements', offset: 0, limit: 20 }),
      topContributors: getTopContributors(reader, range, { ...scope, hashtag: 'jobquality' }, { by: 'reach', limit: 20 }),
    });
    const before = answers();
    const index = postIndexOf(reader)!;
    expect(index.stats.loads).toBe(1);

    // A collection in the writer: a new account and post, a re-collected post with other tags, a
    // refreshed reading, an account's new follower count, and a purge.
    const live = selectAllLivePosts(writer, 'x');
    const newAuthor = { networkId: 'newcomer', username: 'newcomer', displayName: 'Newcomer', followers: 5_000_000, verified: false };
    const fresh = makePost('fresh-1', { createdAt: now - HOUR, author: newAuthor, metrics: reading({ likes: 900 }) });
    storePost(writer, fresh, { now });
    storeRefreshedReading(writer, live[0]!.postId, reading({ likes: 100_000 }), now, null);
    const renamed = writer.prepare('SELECT p.network_id AS networkId, a.network_id AS authorNetworkId FROM posts p JOIN authors a ON a.id = p.author_id WHERE p.id = ?').get(live[1]!.postId) as { networkId: string; authorNetworkId: string };
    const famous = { networkId: renamed.authorNetworkId, username: 'famous', displayName: null, followers: 9_000_000, verified: null };
    storePost(writer, makePost(renamed.networkId, { createdAt: live[1]!.createdAt, author: famous, hashtags: ['fairwork'], metrics: reading({ likes: 3 }) }), { now, matchedHashtags: ['fairwork'] });
    purgeRemovedPost(writer, live[2]!.postId, 'deleted', now);

    const after = answers();
    expect(after).not.toEqual(before);
    expect(index.stats.loads).toBe(1);
    expect(index.stats.catchUps).toBe(1);
    expect(after).toEqual(bySql(reader, answers));
    expect(after.topPosts.posts[0]!.metrics.likes).toBe(100_000);
    writer.close();
    reader.close();
  });

  test('an index whose last read change was pruned from the log reads everything again and stays exact', () => {
    const file = databaseFile();
    const { db: writer, now } = seededWithRemovals(file);
    const reader = openReader(file);
    const scope = SCOPES[0]!;
    const range = { start: now - 14 * DAY, end: now + HOUR };
    getKpis(reader, range, scope);
    const index = postIndexOf(reader)!;

    const live = selectAllLivePosts(writer, 'mastodon');
    purgeRemovedPost(writer, live[0]!.postId, 'deleted', now);
    purgeRemovedPost(writer, live[1]!.postId, 'deleted', now);
    // As if the log had been pruned past the first purge before the reader looked.
    writer.prepare('DELETE FROM change_log WHERE seq <= (SELECT MAX(seq) FROM change_log WHERE table_name = ? AND row_id = ?)').run('posts', live[0]!.postId);

    expect(getKpis(reader, range, scope)).toEqual(bySql(reader, () => getKpis(reader, range, scope)));
    expect(index.stats.loads).toBe(2);
    writer.close();
    reader.close();
  });

  test('inside an open write transaction the SQL answers, so a rolled-back write never reaches the index', () => {
    const { db, now } = seededWithRemovals();
    const scope = SCOPES[0]!;
    const range = { start: now - 2 * DAY, end: now + 2 * HOUR };
    const before = getKpis(db, range, scope);
    const author = { networkId: 'ghost', username: 'ghost', displayName: null, followers: 777, verified: false };
    const rolledBack = db.transaction(() => {
      storePost(db, makePost('ghost-1', { createdAt: now - HOUR, author }), { now });
      expect(postIndexOf(db)).toBeNull();
      expect(getKpis(db, range, scope).contributors).toBe(before.contributors + 1);
      throw new Error('roll back');
    });
    expect(() => rolledBack()).toThrow('roll back');
    expect(getKpis(db, range, scope)).toEqual(before);
    // The next post takes the rolled-back one's id: the index must see it.
    storePost(db, makePost('real-1', { createdAt: now - HOUR, author }), { now });
    expect(getKpis(db, range, scope)).toEqual(bySql(db, () => getKpis(db, range, scope)));
    expect(getKpis(db, range, scope).contributors).toBe(before.contributors + 1);
  });

  test('the change log keeps about the latest 100,000 changes', () => {
    const db = openDatabase(':memory:');
    const insert = db.prepare(`INSERT INTO change_log (table_name, row_id) VALUES ('posts', ?)`);
    db.transaction(() => {
      for (let i = 1; i <= 150_500; i += 1) insert.run(i);
    })();
    const { first, last, rows } = db.prepare('SELECT MIN(seq) AS first, MAX(seq) AS last, COUNT(*) AS rows FROM change_log').get() as { first: number; last: number; rows: number };
    expect(last).toBe(150_500);
    expect(first).toBe(50_001);
    expect(rows).toBe(100_500);
  });
});
