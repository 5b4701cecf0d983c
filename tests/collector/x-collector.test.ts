// End to end through the real twitter-api-v2 client against the fake X API: collection, resume, refresh, faults.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import type { Config } from '../../cli/config.js';
import { collectOnce } from '../../collector/collect-once.js';
import type { Db } from '../../db/connection.js';
import { getCheckpoint } from '../../db/checkpoints.js';
import type { FakeXServer } from '../../fakes/x/fake-x-server.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { FAIR_WORK_ORG, fakeXCollectionPerTest, SHIFT_WORKER } from '../helpers/fake-x-collection.js';

const TOKEN = 'test-bearer-token';
// Short backoff, same behaviour; the rate-limit wait bound comes from RATE_LIMIT_MAX_WAIT_SECONDS below.
const FAST = { baseDelayMs: 5, maxDelayMs: 20 };
const MINUTE = 60_000;

const collection = fakeXCollectionPerTest({
  token: TOKEN,
  users: [{ ...FAIR_WORK_ORG, verified: true }, SHIFT_WORKER],
  folderPrefix: 'jq-x-',
  baseEnv: { RATE_LIMIT_MAX_WAIT_SECONDS: '5' },
});
let x: FakeXServer;
let dir: string;
let db: Db;
let config: (env?: Record<string, string>) => Config;

beforeEach(() => {
  ({ x, folder: dir, db, config } = collection());
});

/** Adds `n` #jobquality posts, one a minute, ending a few minutes ago; returns their ids newest first. */
function addCampaignPosts(n: number, startMinutesAgo = n + 5): string[] {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    ids.push(
      x.addPost({
        authorId: i % 3 === 0 ? '100' : '200',
        text: `Good jobs change lives, post ${i} #${i % 2 ? 'JobQuality' : 'jobquality'}`,
        createdAt: new Date(Date.now() - (startMinutesAgo - i) * MINUTE),
        metrics: { like: i, retweet: 1, reply: 0, quote: 0, bookmark: 0, impression: 10 * i },
      }),
    );
  }
  return ids.reverse();
}

const storedIds = () => db.prepare(`SELECT network_id FROM posts WHERE network = 'x' ORDER BY network_id`).pluck().all() as string[];
const searches = () => x.requests.filter((r) => r.path === '/2/tweets/search/recent');

describe('X collection', () => {
  test('a first run backfills every page of matching posts and nothing else', async () => {
    const ids = addCampaignPosts(230);
    x.addPost({ authorId: '200', text: 'jobquality without the hashtag', createdAt: new Date(Date.now() - 3 * MINUTE) });
    x.addPost({ authorId: '200', text: 'another campaign #goodjobsnow', createdAt: new Date(Date.now() - 2 * MINUTE) });
    const [run] = await collectOnce(config(), db, captureLogger().log, { refresh: 'none', retryPolicy: FAST });
    expect(run).toMatchObject({ network: 'x', status: 'ok', postsNew: 230, requests: 3, postsRead: 230 });
    expect(storedIds()).toEqual([...ids].sort());
    expect(searches()[0]!.query.get('max_results')).toBe('100');
    expect(searches()[0]!.query.get('query')).toBe('#jobquality');
    const post = db.prepare(`SELECT p.*, a.username, a.followers FROM posts p JOIN authors a ON a.id = p.author_id WHERE p.network_id = ?`).get(ids[0]) as Record<string, unknown>;
    expect(post).toMatchObject({ username: expect.any(String), kind: 'original', matched_hashtags: '["jobquality"]', impressions: 2290 });
    expect(post.url).toBe(`https://x.com/${String(post.username)}/status/${ids[0]}`);
  });

  test('the next run asks only for posts newer than the newest stored', async () => {
    const first = addCampaignPosts(30, 60);
    await collectOnce(config(), db, captureLogger().log, { refresh: 'none', retryPolicy: FAST });
    const later = addCampaignPosts(4, 10);
    const [run] = await collectOnce(config(), db, captureLogger().log, { refresh: 'none', retryPolicy: FAST });
    expect(run).toMatchObject({ status: 'ok', postsNew: 4 });
    expect(searches().at(-1)!.query.get('since_id')).toBe(first[0]);
    expect(storedIds()).toEqual([...first, ...later].sort());
  });

  test('a long rate limit mid-pagination ends the run cleanly and the next run fills the older range first', async () => {
    const ids = addCampaignPosts(250);
    x.injectFault({ kind: 'status', status: 429, resetInSeconds: 900 }, { endpoint: 'search', after: 1 });
    const logs = captureLogger();
    const [limited] = await collectOnce(config(), db, logs.log, { refresh: 'none', retryPolicy: FAST });
    expect(limited).toMatchObject({ status: 'rate_limited', postsNew: 100 });
    expect(getCheckpoint(db, 'x', '#jobquality')).toMatchObject({ sinceId: null, pass: { newestId: ids[0], untilId: ids[99] } });

    const [resumed] = await collectOnce(config(), db, captureLogger().log, { refresh: 'none', retryPolicy: FAST });
    expect(resumed).toMatchObject({ status: 'ok', postsNew: 150 });
    const resumeRequest = searches().find((r) => r.query.has('until_id'))!;
    expect(resumeRequest.query.get('until_id')).toBe(ids[99]);
    expect(storedIds()).toEqual([...ids].sort());
    expect(getCheckpoint(db, 'x', '#jobquality')).toEqual({ sinceId: ids[0], pass: null });
  });

  test('a short rate limit is waited out and logged so the pause never looks like a hang', async () => {
    addCampaignPosts(120);
    x.injectFault({ kind: 'status', status: 429, resetInSeconds: 1 }, { endpoint: 'search', after: 1 });
    const logs = captureLogger();
    const [run] = await collectOnce(config(), db, logs.log, { refresh: 'none', retryPolicy: FAST });
    expect(run).toMatchObject({ status: 'ok', postsNew: 120, rateLimitPauses: 1 });
    expect(logs.text()).toMatch(/x rate-limited, resuming at \d\d:\d\d:\d\d/);
  });

  test('a server error is retried and the run still completes', async () => {
    addCampaignPosts(15);
    x.injectFault({ kind: 'status', status: 503 }, { endpoint: 'search' });
    const [run] = await collectOnce(config(), db, captureLogger().log, { refresh: 'none', retryPolicy: FAST });
    expect(run).toMatchObject({ status: 'ok', postsNew: 15, requests: 2 });
  });

  test('a crash between pages followed by a new run leaves no gap and no duplicate', async () => {
    const ids = addCampaignPosts(250);
    // The connection drops on every retry of page two: the run dies after storing page one.
    x.injectFault({ kind: 'drop' }, { endpoint: 'search', after: 1, times: 4 });
    const [crashed] = await collectOnce(config(), db, captureLogger().log, { refresh: 'none', retryPolicy: FAST });
    expect(crashed).toMatchObject({ status: 'failed', postsNew: 100 });
    const [resumed] = await collectOnce(config(), db, captureLogger().log, { refresh: 'none', retryPolicy: FAST });
    expect(resumed).toMatchObject({ status: 'ok', postsNew: 150 });
    expect(storedIds()).toEqual([...ids].sort());
    expect(db.prepare('SELECT count(*) FROM posts').pluck().get()).toBe(250);
  });

  test('a malformed response fails the run and changes no stored data', async () => {
    addCampaignPosts(20, 60);
    await collectOnce(config(), db, captureLogger().log, { refresh: 'none', retryPolicy: FAST });
    const before = db.prepare('SELECT * FROM posts ORDER BY id').all();
    const checkpointBefore = getCheckpoint(db, 'x', '#jobquality');
    addCampaignPosts(5, 10);
    x.injectFault({ kind: 'malformed' }, { endpoint: 'search' });
    const [run] = await collectOnce(config(), db, captureLogger().log, { refresh: 'none', retryPolicy: FAST });
    expect(run!.status).toBe('failed');
    expect(run!.error).toContain('does not match the API');
    expect(db.prepare('SELECT * FROM posts ORDER BY id').all()).toEqual(before);
    expect(getCheckpoint(db, 'x', '#jobquality')).toEqual(checkpointBefore);
  });

  test('refresh stores grown counts and purges posts X reports deleted or protected', async () => {
    const ids = addCampaignPosts(3, 120);
    await collectOnce(config(), db, captureLogger().log, { refresh: 'none', retryPolicy: FAST });
    x.setMetrics(ids[0]!, { like: 500, impression: 9000 });
    x.deletePost(ids[1]!);
    x.protectPost(ids[2]!);
    const [run] = await collectOnce(config(), db, captureLogger().log, { refresh: 'all', retryPolicy: FAST });
    expect(run).toMatchObject({ status: 'ok', postsUpdated: 1, postsRemoved: 2 });
    const rows = db.prepare('SELECT network_id, text, likes, impressions, removed_reason FROM posts ORDER BY network_id').all();
    expect(rows).toEqual(
      expect.arrayContaining([
        { network_id: ids[0], text: expect.stringContaining('Good jobs'), likes: 500, impressions: 9000, removed_reason: null },
        { network_id: ids[1], text: null, likes: null, impressions: null, removed_reason: 'deleted' },
        { network_id: ids[2], text: null, likes: null, impressions: null, removed_reason: 'no longer visible (protected account)' },
      ]),
    );
    expect(db.prepare('SELECT count(*) FROM metric_snapshots s JOIN posts p ON p.id = s.post_id WHERE p.removed_at IS NOT NULL').pluck().get()).toBe(0);
    const lookup = x.requests.find((r) => r.path === '/2/tweets')!;
    expect(lookup.query.get('ids')!.split(',').sort()).toEqual([...ids].sort());
  });

  test('a wrong token fails the run with a message that says so, and the token appears nowhere', async () => {
    addCampaignPosts(5);
    const logs = captureLogger();
    const [run] = await collectOnce(config({ X_BEARER_TOKEN: 'wrong-secret-token-123' }), db, logs.log, { refresh: 'none', retryPolicy: FAST });
    expect(run!.status).toBe('failed');
    expect(run!.error).toContain('X_BEARER_TOKEN is wrong, expired or revoked');
    expect(logs.text()).not.toContain('wrong-secret-token-123');
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(join(dir, 'jq.db')).includes('wrong-secret-token-123')).toBe(false);
  });

  test('the monthly read budget is never exceeded and the run log says why it stopped', async () => {
    addCampaignPosts(250);
    const logs = captureLogger();
    const [run] = await collectOnce(config({ X_MONTHLY_READ_BUDGET: '150' }), db, logs.log, { refresh: 'none', retryPolicy: FAST });
    expect(run!.postsRead).toBeLessThanOrEqual(150);
    expect(run!.postsNew).toBe(150);
    expect(logs.text()).toContain('X monthly read budget reached');
    const [next] = await collectOnce(config({ X_MONTHLY_READ_BUDGET: '150' }), db, captureLogger().log, { refresh: 'none', retryPolicy: FAST });
    expect(next!.postsRead).toBe(0);
  });
});
