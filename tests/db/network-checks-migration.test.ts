// Migration 012 drops the SQL CHECKs that spelled the network list (the registry in core/networks.ts
// checks ids in code now), rebuilding four tables with the runner's table rebuild: rows, rollups,
// indexes and triggers must come through unchanged, and a broken rebuild must change nothing.
import { describe, expect, test } from 'vitest';
import { registerNetwork, UnknownNetworkError, unregisterNetwork } from '../../core/networks.js';
import { migrate, openDatabase, type Db } from '../../db/connection.js';
import { MIGRATIONS } from '../../db/migrations/index.js';
import { storeCollectedPost, storeRefreshedReading, upsertAuthor, selectAllLivePosts } from '../../db/posts.js';
import { finishRun, startRun } from '../../db/runs.js';
import { saveCheckpoint } from '../../db/checkpoints.js';
import { databaseAtVersion } from '../helpers/database-at-version.js';
import { makePost, reading } from '../helpers/posts.js';
import { storePost } from '../helpers/store-post.js';

const T0 = Date.parse('2026-11-20T12:00:00Z');
const HOUR = 3_600_000;
/** The schema just before 012, whatever migrations come before it. */
const BEFORE_012 = MIGRATIONS[MIGRATIONS.findIndex((migration) => migration.version === 12) - 1]!.version;

function fill(db: Db): void {
  for (const [index, network] of (['x', 'bluesky', 'mastodon', 'x', 'mastodon'] as const).entries()) {
    const post = makePost(`p${index}`, { network, createdAt: T0 - index * HOUR, metrics: reading({ likes: 3 + index, reposts: index }) });
    storePost(db, post, { now: T0, nextRefreshAt: T0 + HOUR });
  }
  const [first] = selectAllLivePosts(db, 'x');
  storeRefreshedReading(db, first!.postId, reading({ likes: 40, reposts: 2 }), T0 + HOUR, null);
  finishRun(db, startRun(db, 'x', T0), { status: 'ok', now: T0 + 1000 });
  saveCheckpoint(db, 'mastodon', 'mastodon.social#jobquality', { minId: '9' }, T0);
}

/** Everything a reader depends on: every user table's rows and every index and trigger, by name. */
function snapshot(db: Db): { rows: Record<string, unknown[]>; objects: string[] } {
  const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  const rows = Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}" ORDER BY 1, 2`).all()]));
  const objects = db.prepare(`SELECT type || ' ' || name FROM sqlite_schema WHERE type IN ('index', 'trigger') ORDER BY 1`).pluck().all() as string[];
  return { rows, objects };
}

describe('migration 012 (network checks in code)', () => {
  test('keeps every row, rollup, index and trigger of a database that held posts on all three networks', () => {
    const { file, db: old } = databaseAtVersion(BEFORE_012);
    fill(old);
    const before = snapshot(old);
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    const after = snapshot(db);
    // Every table, index and trigger that was there is unchanged (later migrations may add their own;
    // migration 014 drops the two covering indexes the in-memory post index replaced, 017 the
    // per-row change counters of post tags and snapshots, 019 those of inserted posts and authors).
    for (const [table, rows] of Object.entries(before.rows)) expect(after.rows[table], table).toEqual(rows);
    const droppedLater = [
      'index posts_by_network_created_covering',
      'index posts_by_author_created_covering',
      ...['post_hashtags_insert', 'post_hashtags_update', 'post_hashtags_delete', 'metric_snapshots_insert', 'metric_snapshots_delete'].map((name) => `trigger change_counter_${name}`),
      ...['posts_insert', 'authors_insert'].map((name) => `trigger change_counter_${name}`),
    ];
    expect(after.objects).toEqual(expect.arrayContaining(before.objects.filter((object) => !droppedLater.includes(object))));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const schema = (db.prepare(`SELECT group_concat(sql, ';') FROM sqlite_schema WHERE type = 'table'`).pluck().get() as string).toLowerCase();
    expect(schema).not.toMatch(/network\s+in\s*\(/);
    db.close();
  });

  test('the rollups keep following writes after the rebuild, so the triggers are really back', () => {
    const { file, db: old } = databaseAtVersion(BEFORE_012);
    fill(old);
    old.close();
    const db = openDatabase(file);
    const total = () => db.prepare(`SELECT COALESCE(SUM(posts), 0) FROM rollup_posts_hourly WHERE tag = 'jobquality'`).pluck().get() as number;
    const postsBefore = total();
    const post = makePost('late', { network: 'bluesky', createdAt: T0 });
    storePost(db, post, { now: T0 });
    expect(total()).toBe(postsBefore + 1);
    db.close();
  });

  test('a network registered in core can be stored without a schema change, and an unknown one is refused by name', () => {
    registerNetwork({
      id: 'fediplus',
      label: 'Fedi+',
      collection: { engagementComponents: ['likes'], reportsImpressions: false, backfillLimitMs: null },
      postLimit: 400,
      lengthCounting: 'characters',
      shareIntent: { kind: 'fixed', url: 'https://fediplus.example/share?text={text}' },
    });
    try {
      const db = openDatabase(':memory:');
      const post = makePost('f1', { network: 'fediplus' });
      const authorId = upsertAuthor(db, 'fediplus', post.author, T0);
      expect(storeCollectedPost(db, { post, authorId, matchedHashtags: ['jobquality'], now: T0, nextRefreshAt: null })).toBe('new');
      expect(() => startRun(db, 'myspace', T0)).toThrow(UnknownNetworkError);
      expect(() => startRun(db, 'myspace', T0)).toThrow(/"myspace" is not a known network/);
      db.close();
    } finally {
      unregisterNetwork('fediplus');
    }
  });

  test('a rebuild that would leave rows pointing at nothing is rolled back with a message naming the file', () => {
    const { file, db } = databaseAtVersion(5);
    fill(db);
    const authorsBefore = db.prepare('SELECT COUNT(*) FROM authors').pluck().get();
    // A faulty migration: it deletes an author that posts still point at, then rebuilds the table.
    const faulty = [
      ...MIGRATIONS.filter((migration) => migration.version <= 5),
      { version: 6, name: 'loses an author', up: 'DELETE FROM authors WHERE id = 1;', rebuild: [{ table: 'authors', transform: (sql: string) => sql }] },
    ];
    expect(() => migrate(db, file, faulty)).toThrow(`migrating ${file} would leave 1 rows pointing at missing rows (first: posts row 1 → authors)`);
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(db.prepare('SELECT COUNT(*) FROM authors').pluck().get()).toBe(authorsBefore);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
