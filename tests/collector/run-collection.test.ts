import { describe, expect, test } from 'vitest';
import type { CollectedPage, NetworkAdapter, RefreshedBatch, RefreshRequest, RunContext } from '../../collector/adapter.js';
import { AuthError, RateLimitedError } from '../../collector/errors.js';
import { runCollection, type CollectionOptions } from '../../collector/run-collection.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { getCheckpoint } from '../../db/checkpoints.js';
import { createLogger } from '../../core/logger.js';
import type { Network } from '../../core/types.js';
import { makePost, reading } from '../helpers/posts.js';

const silent = createLogger({ level: 'silent' });
const HOUR = 3_600_000;

/** An adapter that plays back scripted pages and refresh answers (the run loop is under test, not a network). */
function scriptedAdapter(
  network: Network,
  script: {
    pages?: Array<CollectedPage | Error>;
    refresh?: (requests: readonly RefreshRequest[]) => Array<RefreshedBatch | Error>;
    postsReadPerPage?: number;
  },
): NetworkAdapter & { refreshed: RefreshRequest[][] } {
  const refreshed: RefreshRequest[][] = [];
  return {
    network,
    refreshBatchSize: 100,
    refreshed,
    async *collect(ctx: RunContext) {
      for (const page of script.pages ?? []) {
        ctx.meter.requests += 1;
        if (page instanceof Error) throw page;
        ctx.meter.postsRead += script.postsReadPerPage ?? page.posts.length;
        yield page;
      }
    },
    async *refresh(requests: readonly RefreshRequest[], ctx: RunContext) {
      refreshed.push([...requests]);
      for (const batch of script.refresh?.(requests) ?? []) {
        ctx.meter.requests += 1;
        if (batch instanceof Error) throw batch;
        ctx.meter.postsRead += batch.readings.length;
        yield batch;
      }
    },
  };
}

function run(db: Db, adapters: NetworkAdapter[], extra: Partial<CollectionOptions> = {}) {
  return runCollection({
    db,
    adapters,
    hashtags: ['jobquality'],
    refresh: 'due',
    refreshOffsetsMs: [HOUR, 24 * HOUR],
    log: silent,
    ...extra,
  });
}

const count = (db: Db, sql: string) => db.prepare(sql).pluck().get() as number;

describe('runCollection', () => {
  test('stores new posts, their authors, a first snapshot and the page checkpoint', async () => {
    const db = openDatabase(':memory:');
    const adapter = scriptedAdapter('x', {
      pages: [{ posts: [makePost('1', { metrics: reading({ likes: 3 }) }), makePost('2')], checkpoint: { scope: 'q', state: { sinceId: '2' } } }],
    });
    const [summary] = await run(db, [adapter]);
    expect(summary).toMatchObject({ network: 'x', status: 'ok', postsNew: 2, requests: 1, postsRead: 2 });
    expect(count(db, 'SELECT count(*) FROM posts')).toBe(2);
    expect(count(db, 'SELECT count(*) FROM authors')).toBe(2);
    expect(count(db, 'SELECT count(*) FROM metric_snapshots')).toBe(2);
    expect(getCheckpoint(db, 'x', 'q')).toEqual({ sinceId: '2' });
  });

  test('seeing the same post again with unchanged counts adds no snapshot and no duplicate', async () => {
    const db = openDatabase(':memory:');
    const page = { posts: [makePost('1', { metrics: reading({ likes: 3 }) })] };
    await run(db, [scriptedAdapter('x', { pages: [page, page] })]);
    const [second] = await run(db, [scriptedAdapter('x', { pages: [page] })]);
    expect(second).toMatchObject({ postsNew: 0, postsUpdated: 0 });
    expect(count(db, 'SELECT count(*) FROM posts')).toBe(1);
    expect(count(db, 'SELECT count(*) FROM metric_snapshots')).toBe(1);
  });

  test('changed counts are appended as a new snapshot and the post counts as updated', async () => {
    const db = openDatabase(':memory:');
    let clock = Date.parse('2026-11-20T13:00:00Z');
    await run(db, [scriptedAdapter('x', { pages: [{ posts: [makePost('1', { metrics: reading({ likes: 3 }) })] }] })], { now: () => clock });
    clock += 60_000;
    const [summary] = await run(db, [scriptedAdapter('x', { pages: [{ posts: [makePost('1', { metrics: reading({ likes: 5 }) })] }] })], {
      now: () => clock,
    });
    expect(summary).toMatchObject({ postsNew: 0, postsUpdated: 1 });
    expect(db.prepare('SELECT likes FROM metric_snapshots ORDER BY observed_at').pluck().all()).toEqual([3, 5]);
  });

  test('a page that cannot be stored leaves neither its posts nor its checkpoint, and the run fails', async () => {
    const db = openDatabase(':memory:');
    const good = { posts: [makePost('1')], checkpoint: { scope: 'q', state: { page: 1 } } };
    const bad = { posts: [makePost('2'), makePost('3', { kind: 'bogus' as never })], checkpoint: { scope: 'q', state: { page: 2 } } };
    const [summary] = await run(db, [scriptedAdapter('x', { pages: [good, bad] })]);
    expect(summary!.status).toBe('failed');
    expect(db.prepare('SELECT network_id FROM posts').pluck().all()).toEqual(['1']);
    expect(getCheckpoint(db, 'x', 'q')).toEqual({ page: 1 });
  });

  test('a rate limit ends the run as rate_limited with the committed pages kept', async () => {
    const db = openDatabase(':memory:');
    const adapter = scriptedAdapter('x', {
      pages: [{ posts: [makePost('1')], checkpoint: { scope: 'q', state: { page: 1 } } }, new RateLimitedError('x', Date.now() + 900_000)],
    });
    const [summary] = await run(db, [adapter]);
    expect(summary).toMatchObject({ status: 'rate_limited', postsNew: 1, requests: 2 });
    expect(summary!.error).toContain('rate limit');
    expect(getCheckpoint(db, 'x', 'q')).toEqual({ page: 1 });
  });

  test('one network failing never stops the others, and the log says which failed and why', async () => {
    const db = openDatabase(':memory:');
    const failing = scriptedAdapter('bluesky', { pages: [new AuthError('bluesky', 401, 'bluesky refused the credentials')] });
    const working = scriptedAdapter('mastodon', { pages: [{ posts: [makePost('a', { network: 'mastodon' })] }] });
    const summaries = await run(db, [failing, working]);
    expect(summaries.map((s) => [s.network, s.status])).toEqual([
      ['bluesky', 'failed'],
      ['mastodon', 'ok'],
    ]);
    expect(summaries[0]!.error).toBe('bluesky refused the credentials');
  });

  test('a skipped network is recorded with its reason so the gap is visible', async () => {
    const db = openDatabase(':memory:');
    const summaries = await run(db, [], { skipped: [{ network: 'x', reason: 'X_BEARER_TOKEN is not set' }] });
    expect(summaries).toMatchObject([{ network: 'x', status: 'skipped', message: 'X_BEARER_TOKEN is not set' }]);
  });

  test('refresh re-reads only posts whose scheduled age has come, and stores the new counts', async () => {
    const db = openDatabase(':memory:');
    const created = Date.parse('2026-11-20T12:00:00Z');
    let clock = created + 10 * 60_000;
    await run(db, [scriptedAdapter('x', { pages: [{ posts: [makePost('1', { createdAt: created })] }] })], { now: () => clock });

    const early = scriptedAdapter('x', { refresh: () => [] });
    await run(db, [early], { now: () => clock });
    expect(early.refreshed).toEqual([[]]);

    clock = created + HOUR + 1;
    const due = scriptedAdapter('x', {
      refresh: (requests) => [{ readings: requests.map((r) => ({ networkId: r.networkId, metrics: reading({ likes: 9 }) })), removed: [] }],
    });
    const [summary] = await run(db, [due], { now: () => clock });
    expect(due.refreshed[0]!.map((r) => r.networkId)).toEqual(['1']);
    expect(summary).toMatchObject({ postsUpdated: 1 });
    expect(db.prepare('SELECT likes, next_refresh_at FROM posts').get()).toEqual({ likes: 9, next_refresh_at: created + 24 * HOUR });
  });

  test('a post the network reports deleted is purged: text, links, tags and snapshots go, the row and the count stay', async () => {
    const db = openDatabase(':memory:');
    await run(db, [scriptedAdapter('x', { pages: [{ posts: [makePost('1', { links: ['https://example.org'] }), makePost('2')] }] })]);
    const adapter = scriptedAdapter('x', { refresh: () => [{ readings: [], removed: [{ networkId: '1', reason: 'deleted' }] }] });
    const [summary] = await run(db, [adapter], { refresh: 'all' });
    expect(summary).toMatchObject({ postsRemoved: 1 });
    expect(db.prepare(`SELECT text, links, likes, removed_reason FROM posts WHERE network_id = '1'`).get()).toEqual({
      text: null,
      links: '[]',
      likes: null,
      removed_reason: 'deleted',
    });
    expect(count(db, `SELECT count(*) FROM metric_snapshots s JOIN posts p ON p.id = s.post_id WHERE p.network_id = '1'`)).toBe(0);
    expect(count(db, `SELECT count(*) FROM post_hashtags h JOIN posts p ON p.id = h.post_id WHERE p.network_id = '1'`)).toBe(0);
  });

  test('a purged post stays purged when a later search returns it again', async () => {
    const db = openDatabase(':memory:');
    await run(db, [scriptedAdapter('x', { pages: [{ posts: [makePost('1')] }] })]);
    await run(db, [scriptedAdapter('x', { refresh: () => [{ readings: [], removed: [{ networkId: '1', reason: 'deleted' }] }] })], { refresh: 'all' });
    await run(db, [scriptedAdapter('x', { pages: [{ posts: [makePost('1')] }] })]);
    expect(db.prepare('SELECT text FROM posts').pluck().get()).toBeNull();
  });

  test('the monthly read budget drops refreshes first and says so in the run log', async () => {
    const db = openDatabase(':memory:');
    const posts = Array.from({ length: 5 }, (_, i) => makePost(String(i + 1)));
    await run(db, [scriptedAdapter('x', { pages: [{ posts }] })], { monthlyReadBudget: { x: 8 } });
    const adapter = scriptedAdapter('x', {
      refresh: (requests) => [{ readings: requests.map((r) => ({ networkId: r.networkId, metrics: reading({ likes: 1 }) })), removed: [] }],
    });
    const [summary] = await run(db, [adapter], { refresh: 'all', monthlyReadBudget: { x: 8 } });
    expect(adapter.refreshed[0]).toHaveLength(3);
    expect(summary).toMatchObject({ refreshesDropped: 2, postsRead: 3 });
    expect(summary!.message).toContain('2 metric refreshes dropped');
  });

  test('estimated spend is posts read times the configured price', async () => {
    const db = openDatabase(':memory:');
    const [summary] = await run(db, [scriptedAdapter('x', { pages: [{ posts: [makePost('1'), makePost('2')] }], postsReadPerPage: 100 })], {
      costPerPostRead: { x: 0.005 },
    });
    expect(summary!.estimatedCostUsd).toBeCloseTo(0.5, 10);
  });

  test('a shutdown between pages stops after the committed page and marks the run interrupted', async () => {
    const db = openDatabase(':memory:');
    const controller = new AbortController();
    const adapter: NetworkAdapter = {
      network: 'x',
      refreshBatchSize: 100,
      async *collect(ctx) {
        yield { posts: [makePost('1')], checkpoint: { scope: 'q', state: { page: 1 } } };
        controller.abort();
        // Real adapters check the signal before each request, as this one does.
        if (ctx.signal.aborted) return;
        yield { posts: [makePost('2')], checkpoint: { scope: 'q', state: { page: 2 } } };
      },
      async *refresh() {},
    };
    const [summary] = await run(db, [adapter], { signal: controller.signal });
    expect(summary!.status).toBe('interrupted');
    expect(db.prepare('SELECT network_id FROM posts').pluck().all()).toEqual(['1']);
    expect(getCheckpoint(db, 'x', 'q')).toEqual({ page: 1 });
  });
});
