// Migration 006 on a database an older tracker filled: X retweets stored with their original's
// counts stop contributing (rollups kept consistent), and a refresh links them to their originals.
import { afterEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../cli/config.js';
import { collectOnce } from '../../collector/collect-once.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { getKpis } from '../../db/analytics.js';
import { MIGRATIONS } from '../../db/migrations/index.js';
import { FakeXServer } from '../../fakes/x/fake-x-server.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { databaseAtVersion } from '../helpers/database-at-version.js';

const TOKEN = 'test-bearer-token';
const MINUTE = 60_000;
const VERSION_6 = MIGRATIONS.findIndex((migration) => migration.version === 6);
const BEFORE_006 = MIGRATIONS[VERSION_6 - 1]!.version;
const COUNTS = ['likes', 'reposts', 'replies', 'quotes', 'bookmarks', 'impressions'] as const;

let x: FakeXServer | undefined;
let db: Db | undefined;
afterEach(async () => {
  db?.close();
  await x?.close();
});

/** The all-posts rollup rows against the live posts they summarise, per network and kind. */
function rollupMatchesPosts(handle: Db): void {
  const sums = COUNTS.map((c) => `SUM(${c}) AS ${c}`).join(', ');
  const rolled = handle.prepare(`SELECT network, kind, SUM(posts) AS posts, ${sums} FROM rollup_posts_hourly WHERE tag = '' GROUP BY 1, 2 HAVING SUM(posts) <> 0 ORDER BY 1, 2`).all();
  const raw = handle
    .prepare(`SELECT network, kind, COUNT(*) AS posts, ${COUNTS.map((c) => `SUM(COALESCE(${c}, 0)) AS ${c}`).join(', ')} FROM posts WHERE removed_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2`)
    .all();
  expect(rolled).toEqual(raw);
  // Gains add up to each live post's latest reading.
  const gained = handle.prepare(`SELECT ${COUNTS.map((c) => `COALESCE(SUM(${c}), 0) AS ${c}`).join(', ')} FROM rollup_gains_hourly WHERE tag = ''`).get();
  const latest = handle
    .prepare(
      `SELECT ${COUNTS.map((c) => `COALESCE(SUM(COALESCE(s.${c}, 0)), 0) AS ${c}`).join(', ')}
       FROM metric_snapshots s JOIN posts p ON p.id = s.post_id AND p.removed_at IS NULL
       WHERE s.observed_at = (SELECT MAX(observed_at) FROM metric_snapshots WHERE post_id = s.post_id)`,
    )
    .get();
  expect(gained).toEqual(latest);
}

describe('migration 006 (X reposts)', () => {
  test('stored retweets lose the counts they carried, rollups stay consistent, and a refresh links them to their originals', async () => {
    x = await FakeXServer.start({ bearerToken: TOKEN });
    x.addUser({ id: '100', username: 'fairwork_org', name: 'Fair Work Org', followers: 1200 });
    x.addUser({ id: '200', username: 'shiftworker', name: 'Shift Worker', followers: 80 });
    const now = Date.now();
    const original = x.addPost({ authorId: '100', text: 'Fair rosters #JobQuality', createdAt: new Date(now - 50 * MINUTE), metrics: { like: 30, retweet: 7, reply: 2, impression: 800 } });
    const retweet = x.addPost({ authorId: '200', kind: 'repost', referencedId: original, text: 'RT @fairwork_org: Fair rosters #JobQuality', createdAt: new Date(now - 40 * MINUTE) });

    // What an older tracker stored: both as posts, the retweet with the original's retweet_count as its own.
    const old = databaseAtVersion(BEFORE_006);
    const author = (id: string, name: string) =>
      Number(old.db.prepare(`INSERT INTO authors (network, network_id, username, followers) VALUES ('x', ?, ?, 100)`).run(id, name).lastInsertRowid);
    const post = (id: string, authorId: number, kind: string, createdAt: number, counts: Record<string, number>) => {
      const rowId = Number(
        old.db
          .prepare(
            `INSERT INTO posts (network, network_id, refresh_ref, author_id, created_at, text, url, kind, matched_hashtags, first_seen_at, last_seen_at,
               likes, reposts, replies, quotes, bookmarks, impressions, next_refresh_at)
             VALUES ('x', @id, @id, @authorId, @createdAt, 'text #jobquality', 'https://x.com/a/status/' || @id, @kind, '["jobquality"]', @createdAt, @createdAt,
               @likes, @reposts, @replies, @quotes, 0, @impressions, @createdAt)`,
          )
          .run({ id, authorId, kind, createdAt, ...counts }).lastInsertRowid,
      );
      old.db.prepare(`INSERT INTO post_hashtags (post_id, tag) VALUES (?, 'jobquality')`).run(rowId);
      // Two readings each, the later one grown.
      for (const [offset, grow] of [[MINUTE, 0], [20 * MINUTE, 1]] as const) {
        old.db
          .prepare(`INSERT INTO metric_snapshots (post_id, observed_at, likes, reposts, replies, quotes, bookmarks, impressions) VALUES (?, ?, ?, ?, ?, ?, 0, ?)`)
          .run(rowId, createdAt + offset, counts.likes! - 1 + grow, counts.reposts! - 1 + grow, counts.replies, counts.quotes, counts.impressions);
      }
    };
    post(original, author('100', 'fairwork_org'), 'original', now - 50 * MINUTE, { likes: 30, reposts: 7, replies: 2, quotes: 0, impressions: 800 });
    post(retweet, author('200', 'shiftworker'), 'repost', now - 40 * MINUTE, { likes: 1, reposts: 7, replies: 0, quotes: 0, impressions: 3 });
    old.db.close();

    db = openDatabase(old.file);
    const stored = db.prepare(`SELECT kind, ${COUNTS.join(', ')}, repost_of_post_id FROM posts ORDER BY id`).all();
    expect(stored).toEqual([
      { kind: 'original', likes: 30, reposts: 7, replies: 2, quotes: 0, bookmarks: 0, impressions: 800, repost_of_post_id: null },
      { kind: 'repost', likes: null, reposts: null, replies: null, quotes: null, bookmarks: null, impressions: null, repost_of_post_id: null },
    ]);
    expect(db.prepare(`SELECT count(*) FROM metric_snapshots s JOIN posts p ON p.id = s.post_id WHERE p.kind = 'repost'`).pluck().get()).toBe(0);
    rollupMatchesPosts(db);
    const window = { start: 0, end: now + MINUTE };
    const kpis = getKpis(db, window, { networks: ['x'], hashtag: null });
    expect(kpis).toMatchObject({ engagements: 30 + 7 + 2, impressions: 800, posts: { original: 1, repost: 1 }, contributors: 2 });

    const config = loadConfig({ X_BEARER_TOKEN: TOKEN, X_API_BASE_URL: x.baseUrl, MASTODON_INSTANCES: '' });
    const [run] = await collectOnce(config, db, captureLogger().log, { refresh: 'all', collectNew: false });
    expect(run).toMatchObject({ status: 'ok', postsRemoved: 0 });
    const linked = db.prepare(`SELECT r.network_id AS repost, o.network_id AS original, r.likes FROM posts r JOIN posts o ON o.id = r.repost_of_post_id`).all();
    expect(linked).toEqual([{ repost: retweet, original, likes: null }]);
    rollupMatchesPosts(db);
    expect(getKpis(db, window, { networks: ['x'], hashtag: null }).engagements).toBe(30 + 7 + 2);
  });
});
