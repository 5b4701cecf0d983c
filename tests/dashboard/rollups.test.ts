// The hourly rollups (migration 002) always equal what the base tables say, whatever the collector's
// store functions do: new posts, refreshes, out-of-order and replaced readings, purges, tag changes,
// deleted rows, and a database that already held data when the migration ran.
import { describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../db/connection.js';
import { MIGRATIONS } from '../../db/migrations/index.js';
import { purgeRemovedPost, storeRefreshedReading } from '../../db/posts.js';
import { databaseAtVersion } from '../helpers/database-at-version.js';
import { makePost, reading } from '../helpers/posts.js';
import { seedDatabase } from '../helpers/seed-database.js';
import { storePost } from '../helpers/store-post.js';

const HOUR = 3_600_000;
const COUNTS = ['likes', 'reposts', 'replies', 'quotes', 'bookmarks', 'impressions'] as const;
type Counts = Record<(typeof COUNTS)[number], number>;

interface PostRow extends Record<(typeof COUNTS)[number], number | null> {
  id: number;
  network: string;
  kind: string;
  created_at: number;
  matched_hashtags: string;
}

const zero = (): Counts => ({ likes: 0, reposts: 0, replies: 0, quotes: 0, bookmarks: 0, impressions: 0 });

/** Rollup contents recomputed in JavaScript from posts and metric_snapshots, with rows that sum to 0 left out. */
function expectedRollups(db: Db) {
  const posts = db.prepare('SELECT * FROM posts WHERE removed_at IS NULL').all() as PostRow[];
  const created = new Map<string, Counts & { posts: number }>();
  const gains = new Map<string, Counts>();
  const snapshotsOf = db.prepare('SELECT * FROM metric_snapshots WHERE post_id = ? ORDER BY observed_at');
  for (const post of posts) {
    const tags = ['', ...(JSON.parse(post.matched_hashtags) as string[])];
    for (const tag of tags) {
      const key = [tag, Math.floor(post.created_at / HOUR), post.network, post.kind, post.impressions === null ? 0 : 1].join('|');
      const row = created.get(key) ?? { posts: 0, ...zero() };
      row.posts += 1;
      for (const c of COUNTS) row[c] += post[c] ?? 0;
      created.set(key, row);
    }
    let previous = zero();
    (snapshotsOf.all(post.id) as Array<Record<string, number | null>>).forEach((snapshot, index) => {
      const hour = Math.floor((index === 0 ? post.created_at : snapshot.observed_at!) / HOUR);
      for (const tag of tags) {
        const key = [tag, hour, post.network].join('|');
        const row = gains.get(key) ?? zero();
        for (const c of COUNTS) row[c] += (snapshot[c] ?? 0) - previous[c];
        gains.set(key, row);
      }
      previous = Object.fromEntries(COUNTS.map((c) => [c, snapshot[c] ?? 0])) as Counts;
    });
  }
  const nonZero = <T extends Record<string, number>>(map: Map<string, T>) =>
    new Map([...map].filter(([, value]) => Object.values(value).some((n) => n !== 0)));
  return { created: nonZero(created), gains: nonZero(gains) };
}

function storedRollups(db: Db) {
  const created = new Map<string, Counts & { posts: number }>();
  for (const row of db.prepare('SELECT * FROM rollup_posts_hourly').all() as Array<Record<string, number | string>>) {
    const value = { posts: row.posts as number, ...(Object.fromEntries(COUNTS.map((c) => [c, row[c]])) as Counts) };
    if (Object.values(value).some((n) => n !== 0)) created.set([row.tag, row.hour, row.network, row.kind, row.with_impressions].join('|'), value);
  }
  const gains = new Map<string, Counts>();
  for (const row of db.prepare('SELECT * FROM rollup_gains_hourly').all() as Array<Record<string, number | string>>) {
    const value = Object.fromEntries(COUNTS.map((c) => [c, row[c]])) as Counts;
    if (Object.values(value).some((n) => n !== 0)) gains.set([row.tag, row.hour, row.network].join('|'), value);
  }
  return { created, gains };
}

function expectRollupsMatchBaseTables(db: Db) {
  const stored = storedRollups(db);
  const expected = expectedRollups(db);
  expect(stored.created).toEqual(expected.created);
  expect(stored.gains).toEqual(expected.gains);
}

const T0 = Date.parse('2026-11-02T09:20:00Z');
const TAGS = ['jobquality', 'fairwork'];

/** Stores `post` at `now`, matched to `matched` and due again an hour later; returns its row id. */
const store = (db: Db, post = makePost('1', { createdAt: T0 - 2 * HOUR }), now = T0, matched = ['jobquality']) => storePost(db, post, { now, matchedHashtags: matched, nextRefreshAt: now + HOUR });

describe('analytics rollups', () => {
  test('match the base tables on a seeded campaign with refreshes and a purged post', () => {
    expectRollupsMatchBaseTables(seedDatabase().db);
  });

  test('a post\'s first reading counts at its creation hour and later growth at the hour it was seen', () => {
    const db = openDatabase(':memory:');
    const id = store(db, makePost('1', { createdAt: T0 - 5 * HOUR, metrics: reading({ likes: 4 }) }), T0);
    storeRefreshedReading(db, id, reading({ likes: 10 }), T0 + 3 * HOUR, null);
    const gains = db.prepare(`SELECT hour, likes FROM rollup_gains_hourly WHERE tag = '' ORDER BY hour`).all();
    expect(gains).toEqual([
      { hour: Math.floor((T0 - 5 * HOUR) / HOUR), likes: 4 },
      { hour: Math.floor((T0 + 3 * HOUR) / HOUR), likes: 6 },
    ]);
  });

  test('stay exact when a reading arrives out of order', () => {
    const db = openDatabase(':memory:');
    const id = store(db, makePost('1', { metrics: reading({ likes: 1, impressions: 50 }) }), T0);
    storeRefreshedReading(db, id, reading({ likes: 9, impressions: 400 }), T0 + 5 * HOUR, null);
    storeRefreshedReading(db, id, reading({ likes: 4, impressions: 120 }), T0 + 2 * HOUR, null);
    // Even one older than the first reading: the first reading is then a later one.
    storeRefreshedReading(db, id, reading({ likes: 0, impressions: 10 }), T0 - HOUR, null);
    expectRollupsMatchBaseTables(db);
  });

  test('stay exact when a reading replaces one taken at the same moment', () => {
    const db = openDatabase(':memory:');
    const id = store(db, makePost('1', { metrics: reading({ likes: 1 }) }), T0);
    storeRefreshedReading(db, id, reading({ likes: 5 }), T0 + HOUR, null);
    storeRefreshedReading(db, id, reading({ likes: 8, replies: 2 }), T0 + HOUR, null);
    expectRollupsMatchBaseTables(db);
    expect(db.prepare(`SELECT SUM(likes) AS likes FROM rollup_gains_hourly WHERE tag = ''`).get()).toEqual({ likes: 8 });
  });

  test('a purged post leaves both rollups', () => {
    const db = openDatabase(':memory:');
    const keep = store(db, makePost('keep', { metrics: reading({ likes: 3 }) }), T0);
    const gone = store(db, makePost('gone', { metrics: reading({ likes: 700 }) }), T0);
    storeRefreshedReading(db, gone, reading({ likes: 900 }), T0 + HOUR, null);
    storeRefreshedReading(db, keep, reading({ likes: 5 }), T0 + HOUR, null);
    purgeRemovedPost(db, gone, 'deleted', T0 + 2 * HOUR);
    expectRollupsMatchBaseTables(db);
    expect(db.prepare(`SELECT SUM(posts) AS posts, SUM(likes) AS likes FROM rollup_posts_hourly WHERE tag = ''`).get()).toEqual({ posts: 1, likes: 5 });
    expect(db.prepare(`SELECT SUM(likes) AS likes FROM rollup_gains_hourly WHERE tag = ''`).get()).toEqual({ likes: 5 });
  });

  test('a post whose tracked tags change moves to the new tags', () => {
    const db = openDatabase(':memory:');
    const post = makePost('1', { hashtags: ['jobquality', 'fairwork'], metrics: reading({ likes: 2 }) });
    const id = store(db, post, T0, ['jobquality']);
    storeRefreshedReading(db, id, reading({ likes: 6 }), T0 + HOUR, null);
    store(db, { ...post, metrics: reading({ likes: 7 }) }, T0 + 2 * HOUR, TAGS);
    expectRollupsMatchBaseTables(db);
    expect(db.prepare(`SELECT SUM(likes) AS likes FROM rollup_gains_hourly WHERE tag = 'fairwork'`).get()).toEqual({ likes: 7 });
  });

  test('a deleted post row takes its counts and gains with it', () => {
    const db = openDatabase(':memory:');
    const id = store(db, makePost('1', { metrics: reading({ likes: 2 }) }), T0);
    storeRefreshedReading(db, id, reading({ likes: 6 }), T0 + HOUR, null);
    store(db, makePost('2', { metrics: reading({ likes: 1 }) }), T0);
    db.prepare('DELETE FROM posts WHERE id = ?').run(id);
    expectRollupsMatchBaseTables(db);
  });

  test('are backfilled from the data a database held before the migration', () => {
    // Fill a version-1 database with the store functions, as an older tracker would have.
    const { file, db: old } = databaseAtVersion(1);
    const id = store(old, makePost('1', { hashtags: ['jobquality', 'fairwork'], metrics: reading({ likes: 2, impressions: 80 }) }), T0, TAGS);
    storeRefreshedReading(old, id, reading({ likes: 6, impressions: 300 }), T0 + 4 * HOUR, null);
    const removed = store(old, makePost('2', { metrics: reading({ likes: 40 }) }), T0);
    purgeRemovedPost(old, removed, 'deleted', T0 + HOUR);
    store(old, makePost('3', { network: 'mastodon', kind: 'reply', metrics: reading({ likes: 3, quotes: 4 }) }), T0 + HOUR);
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expectRollupsMatchBaseTables(db);
    expect(db.prepare(`SELECT SUM(posts) AS posts FROM rollup_posts_hourly WHERE tag = ''`).get()).toEqual({ posts: 2 });
    db.close();
  });

  test('refuse an edit of a stored reading, which would leave them stale', () => {
    const db = openDatabase(':memory:');
    store(db);
    expect(() => db.prepare('UPDATE metric_snapshots SET likes = 99').run()).toThrow(/append-only/);
  });
});
