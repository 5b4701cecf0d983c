// End to end through the real run loop and SQLite store: the Mastodon adapter against two fake servers,
// across runs, an interrupted run, a refresh that finds deleted posts, and a failing server.
import { afterEach, describe, expect, test } from 'vitest';
import { createMastodonAdapter } from '../../collector/networks/mastodon/mastodon-adapter.js';
import { runCollection, type RefreshMode } from '../../collector/run-collection.js';
import { openDatabase, type Db } from '../../db/connection.js';
import type { FakeMastodonServer } from '../../fakes/mastodon/fake-mastodon-server.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { fakeMastodonStarter } from '../helpers/fake-servers.js';
import { FAST_RETRY_POLICY } from '../helpers/run-context.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const startServer = fakeMastodonStarter();
const databases: Db[] = [];

function database(): Db {
  const db = openDatabase(':memory:');
  databases.push(db);
  return db;
}

afterEach(async () => {
  for (const db of databases.splice(0)) db.close();
});

async function run(db: Db, servers: FakeMastodonServer[], refresh: RefreshMode, extra: { signal?: AbortSignal; fetch?: typeof fetch } = {}) {
  const adapter = createMastodonAdapter({
    instances: servers.map((server) => server.baseUrl),
    token: null,
    retryPolicy: FAST_RETRY_POLICY,
    ...(extra.fetch ? { fetch: extra.fetch } : {}),
  });
  const log = captureLogger();
  const [summary] = await runCollection({
    db,
    adapters: [adapter],
    hashtags: ['jobquality'],
    refresh,
    refreshOffsetsMs: [HOUR, 24 * HOUR],
    log: log.log,
    ...(extra.signal ? { signal: extra.signal } : {}),
  });
  return { summary: summary!, logText: log.text() };
}

function postMany(server: FakeMastodonServer, n: number, newestAgoMs: number): Array<{ id: string; uri: string }> {
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => server.post({ account: 'ana', text: `Post ${i} on ${server.host} #jobquality`, createdAt: new Date(now - newestAgoMs - i * MINUTE) }));
}

const storedUris = (db: Db) => (db.prepare(`SELECT network_id FROM posts WHERE network = 'mastodon' ORDER BY network_id`).pluck().all() as string[]);
const count = (db: Db, sql: string) => db.prepare(sql).pluck().get() as number;

describe('mastodon collection', () => {
  test('runs over two servers store each post once, with the home counts, and a refresh purges deleted posts', async () => {
    const home = await startServer();
    const remote = await startServer();
    const homePosts = postMany(home, 30, 2 * HOUR);
    const remotePosts = postMany(remote, 10, 2 * HOUR);
    for (const post of homePosts.slice(0, 5)) remote.receive(home, post.id, { counts: { favourites: 0 } });
    home.setCounts(homePosts[0]!.id, { favourites: 25 });
    const db = database();

    const first = await run(db, [home, remote], 'none');
    expect(first.summary).toMatchObject({ network: 'mastodon', status: 'ok', postsNew: 40 });
    expect(first.summary.requests).toBe(home.requests.length + remote.requests.length);
    expect(storedUris(db)).toEqual([...homePosts, ...remotePosts].map((post) => post.uri).sort());
    expect(db.prepare('SELECT likes FROM posts WHERE network_id = ?').pluck().get(homePosts[0]!.uri)).toBe(25);

    const newer = postMany(home, 4, MINUTE);
    remote.receive(home, newer[0]!.id);
    home.deleteStatus(homePosts[3]!.id);
    home.setCounts(homePosts[1]!.id, { favourites: 7, reblogs: 2 });
    const second = await run(db, [home, remote], 'all');
    expect(second.summary).toMatchObject({ status: 'ok', postsNew: 4, postsRemoved: 1 });
    expect(count(db, `SELECT count(*) FROM posts WHERE network = 'mastodon'`)).toBe(44);
    // A deleted post keeps only a tombstone: no text, no counts, a reason.
    expect(db.prepare('SELECT text, likes, removed_reason FROM posts WHERE network_id = ?').get(homePosts[3]!.uri)).toEqual({
      text: null,
      likes: null,
      removed_reason: `deleted or no longer public on ${home.host}`,
    });
    expect(db.prepare('SELECT likes, reposts FROM posts WHERE network_id = ?').get(homePosts[1]!.uri)).toEqual({ likes: 7, reposts: 2 });
    expect(count(db, `SELECT count(*) FROM authors WHERE network = 'mastodon'`)).toBe(2);
    expect(db.prepare(`SELECT username FROM authors ORDER BY username`).pluck().all()).toEqual([`ana@${home.host}`, `ana@${remote.host}`].sort());
  });

  test('an interrupted run keeps what it committed and the next run completes without duplicates', async () => {
    const server = await startServer();
    const posts = postMany(server, 100, MINUTE);
    const db = database();
    const controller = new AbortController();
    let timelinePages = 0;
    // Shut down as soon as the second timeline page has been answered.
    const interrupting: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).includes('/timelines/tag/') && ++timelinePages === 2) controller.abort();
      return response;
    };
    const first = await run(db, [server], 'none', { signal: controller.signal, fetch: interrupting });
    expect(first.summary.status).toBe('interrupted');
    const kept = count(db, 'SELECT count(*) FROM posts');
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(100);
    const second = await run(db, [server], 'none');
    expect(second.summary).toMatchObject({ status: 'ok', postsNew: 100 - kept });
    expect(storedUris(db)).toEqual(posts.map((post) => post.uri).sort());
  });

  test('a server that fails marks the run failed while the other server\'s posts are stored', async () => {
    const broken = await startServer();
    const working = await startServer();
    postMany(broken, 3, MINUTE);
    const fine = postMany(working, 3, MINUTE);
    broken.injectFault({ kind: 'malformed' }, { endpoint: 'timeline' });
    const db = database();
    const { summary } = await run(db, [broken, working], 'none');
    expect(summary).toMatchObject({ status: 'failed', postsNew: 3 });
    expect(summary.error).toContain(broken.baseUrl);
    expect(storedUris(db)).toEqual(fine.map((post) => post.uri).sort());
  });

  test('the stored counts say which copy they came from: the watched copy when collected, the home server once refreshed from it', async () => {
    const home = await startServer();
    const watched = await startServer();
    const db = database();
    const post = home.post({ account: 'ana', text: 'From home #jobquality', counts: { favourites: 8 } });
    watched.receive(home, post.id, { counts: { favourites: 2 } });
    await run(db, [watched], 'none');
    const stored = () => db.prepare(`SELECT likes, counts_source AS source FROM posts WHERE network_id = ?`).get(post.uri) as { likes: number; source: string };
    expect(stored()).toEqual({ likes: 2, source: watched.host });
    const { summary } = await run(db, [watched], 'all');
    expect(summary).toMatchObject({ status: 'ok', postsUpdated: 1 });
    expect(stored()).toEqual({ likes: 8, source: home.host });
  });
});
