// The hourly hashtag rollup (migration 004) always equals what posts and post_hashtags say, whatever
// the collector's store functions do, and the co-occurring hashtag list reads it (raw tables for
// partial hours) with the same answer as counting the posts directly.
import { describe, expect, test } from 'vitest';
import { getCoOccurringHashtags } from '../../db/analytics-top.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { purgeRemovedPost } from '../../db/posts.js';
import { databaseAtVersion } from '../helpers/database-at-version.js';
import { makePost } from '../helpers/posts.js';
import { seedDatabase } from '../helpers/seed-database.js';
import { storePost } from '../helpers/store-post.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-02T09:20:00Z');
const TAGS = ['jobquality', 'fairwork'];

/** Rollup rows recomputed from the base tables: live posts per (tracked tag or '', hour, network, hashtag). */
function expectedRollup(db: Db): Map<string, number> {
  const rows = db
    .prepare(`SELECT p.created_at, p.network, p.matched_hashtags, h.tag FROM posts p JOIN post_hashtags h ON h.post_id = p.id WHERE p.removed_at IS NULL`)
    .all() as Array<{ created_at: number; network: string; matched_hashtags: string; tag: string }>;
  const expected = new Map<string, number>();
  for (const row of rows) {
    for (const tracked of ['', ...(JSON.parse(row.matched_hashtags) as string[])]) {
      const key = [tracked, Math.floor(row.created_at / HOUR), row.network, row.tag].join('|');
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
  }
  return expected;
}

function storedRollup(db: Db): Map<string, number> {
  const stored = new Map<string, number>();
  for (const row of db.prepare('SELECT * FROM rollup_hashtags_hourly WHERE posts <> 0').all() as Array<Record<string, string | number>>) {
    stored.set([row.tag, row.hour, row.network, row.hashtag].join('|'), row.posts as number);
  }
  return stored;
}

const expectRollupMatchesBaseTables = (db: Db) => expect(storedRollup(db)).toEqual(expectedRollup(db));

/** Stores `post` at `now`, matched to `matched` and due again an hour later; returns its row id. */
const store = (db: Db, post = makePost('1', { createdAt: T0 - 2 * HOUR }), now = T0, matched = ['jobquality']) => storePost(db, post, { now, matchedHashtags: matched, nextRefreshAt: now + HOUR });

describe('hashtag rollup', () => {
  test('matches the base tables on a seeded campaign with a purged post', () => {
    const { db } = seedDatabase();
    expectRollupMatchesBaseTables(db);
    expect(storedRollup(db).size).toBeGreaterThan(50);
  });

  test('a purged post takes its tags out of the rollup', () => {
    const db = openDatabase(':memory:');
    store(db, makePost('keep', { hashtags: ['jobquality', 'unions'] }));
    const gone = store(db, makePost('gone', { hashtags: ['jobquality', 'unions', 'livingwage'] }));
    purgeRemovedPost(db, gone, 'deleted', T0 + HOUR);
    expectRollupMatchesBaseTables(db);
    expect(db.prepare(`SELECT hashtag, SUM(posts) AS posts FROM rollup_hashtags_hourly WHERE tag = '' GROUP BY hashtag HAVING SUM(posts) <> 0 ORDER BY hashtag`).all()).toEqual([
      { hashtag: 'jobquality', posts: 1 },
      { hashtag: 'unions', posts: 1 },
    ]);
  });

  test('a post whose tracked tags change moves to the new tags', () => {
    const db = openDatabase(':memory:');
    const post = makePost('1', { hashtags: ['jobquality', 'fairwork', 'unions'] });
    store(db, post, T0, ['jobquality']);
    store(db, post, T0 + HOUR, TAGS);
    expectRollupMatchesBaseTables(db);
    expect(db.prepare(`SELECT SUM(posts) AS posts FROM rollup_hashtags_hourly WHERE tag = 'fairwork' AND hashtag = 'unions'`).get()).toEqual({ posts: 1 });
  });

  test('a deleted post row takes its tags with it', () => {
    const db = openDatabase(':memory:');
    const id = store(db, makePost('1', { hashtags: ['jobquality', 'unions'] }));
    store(db, makePost('2', { hashtags: ['jobquality', 'unions'] }));
    db.prepare('DELETE FROM posts WHERE id = ?').run(id);
    expectRollupMatchesBaseTables(db);
  });

  test('is backfilled from the data a database held before the migration', () => {
    const { file, db: old } = databaseAtVersion(3);
    store(old, makePost('1', { hashtags: ['jobquality', 'fairwork', 'unions'] }), T0, TAGS);
    const removed = store(old, makePost('2', { hashtags: ['jobquality', 'payequity'] }));
    purgeRemovedPost(old, removed, 'deleted', T0 + HOUR);
    store(old, makePost('3', { network: 'mastodon', hashtags: ['jobquality', 'unions'] }), T0 + HOUR);
    old.close();

    const db = openDatabase(file);
    expectRollupMatchesBaseTables(db);
    expect(db.prepare(`SELECT SUM(posts) AS posts FROM rollup_hashtags_hourly WHERE tag = '' AND hashtag = 'unions'`).get()).toEqual({ posts: 2 });
    db.close();
  });

  test('the co-occurring hashtags of a window with partial hours equal a direct count of its posts', () => {
    const seed = seedDatabase();
    // Starts and ends mid-hour, so both the rollup and the raw edges are read.
    const window = { start: seed.now - 9 * 24 * HOUR + 17 * 60_000, end: seed.now - 2 * HOUR - 23 * 60_000 };
    for (const scope of [
      { networks: ['x', 'bluesky', 'mastodon'] as const, hashtag: null },
      { networks: ['x', 'mastodon'] as const, hashtag: 'fairwork' },
    ]) {
      const counts = new Map<string, number>();
      for (const post of seed.livePosts()) {
        if (post.createdAt < window.start || post.createdAt >= window.end || !scope.networks.includes(post.network as 'x')) continue;
        if (scope.hashtag !== null && !post.matchedHashtags.includes(scope.hashtag)) continue;
        for (const tag of new Set(post.hashtags)) if (!seed.hashtags.includes(tag)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
      }
      const expected = [...counts].map(([tag, posts]) => ({ tag, posts })).sort((a, b) => b.posts - a.posts || a.tag.localeCompare(b.tag));
      expect(expected.length).toBeGreaterThan(1);
      expect(getCoOccurringHashtags(seed.db, window, { networks: [...scope.networks], hashtag: scope.hashtag }, { limit: 50, exclude: seed.hashtags })).toEqual(expected);
      expect(getCoOccurringHashtags(seed.db, window, { networks: [...scope.networks], hashtag: scope.hashtag }, { limit: 2, exclude: seed.hashtags })).toEqual(expected.slice(0, 2));
    }
  });
});
