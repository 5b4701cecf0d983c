// Deadlines, size caps and shutdown for every network's client, against the fakes delivering their
// real answers badly (stalled, dribbling, huge): one misbehaving network fails clearly on its own
// and the others' posts are stored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadConfig, type Config } from '../../cli/config.js';
import { collectOnce } from '../../collector/collect-once.js';
import type { NetworkRunSummary } from '../../collector/run-collection.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { FakeBlueskyServer } from '../../fakes/bluesky/fake-bluesky-server.js';
import { injectWireFault } from '../../fakes/fault-queue.js';
import { FakeMastodonServer } from '../../fakes/mastodon/fake-mastodon-server.js';
import { FakeXServer } from '../../fakes/x/fake-x-server.js';
import { captureLogger } from '../helpers/capture-logger.js';

/** The three networks with fakes; the registry's Network type is open to more. */
type Network = 'x' | 'bluesky' | 'mastodon';

const X_TOKEN = 'test-bearer-token';
const HANDLE = 'tracker.bsky.social';
const APP_PASSWORD = 'abcd-efgh-ijkl-mnop';
const MINUTE = 60_000;
const FAST = { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 2 };
const SEARCH_PATH: Record<Network, string> = {
  x: '/2/tweets/search/recent',
  bluesky: '/xrpc/app.bsky.feed.searchPosts',
  mastodon: '/api/v1/timelines/tag/jobquality',
};

let x: FakeXServer;
let bsky: FakeBlueskyServer;
let mastodon: FakeMastodonServer;
let dir: string;
let db: Db;

beforeEach(async () => {
  [x, bsky, mastodon] = await Promise.all([FakeXServer.start({ bearerToken: X_TOKEN }), FakeBlueskyServer.start(), FakeMastodonServer.start()]);
  x.addUser({ id: '100', username: 'fairwork_org', name: 'Fair Work Org', followers: 1200 });
  bsky.addAccount({ handle: HANDLE, appPasswords: [APP_PASSWORD] });
  bsky.addAccount({ handle: 'ana.bsky.social', followers: 120 });
  mastodon.addAccount({ username: 'ana', followers: 120 });
  for (let i = 0; i < 3; i += 1) {
    const createdAt = new Date(Date.now() - (10 - i) * MINUTE);
    x.addPost({ authorId: '100', text: `Fair pay matters, post ${i} #jobquality`, createdAt });
    bsky.addPost({ author: 'ana.bsky.social', text: `Fair pay matters, post ${i} #jobquality`, createdAt });
    mastodon.post({ account: 'ana', text: `Fair pay matters, post ${i} #jobquality`, createdAt });
  }
  dir = mkdtempSync(join(tmpdir(), 'jq-limits-'));
  db = openDatabase(join(dir, 'jq.db'));
});

afterEach(async () => {
  db.close();
  await Promise.all([x.close(), bsky.close(), mastodon.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function config(env: Record<string, string> = {}): Config {
  return loadConfig({
    X_BEARER_TOKEN: X_TOKEN,
    X_API_BASE_URL: x.baseUrl,
    BLUESKY_HANDLE: HANDLE,
    BLUESKY_APP_PASSWORD: APP_PASSWORD,
    BLUESKY_SERVICE: bsky.baseUrl,
    MASTODON_INSTANCES: mastodon.baseUrl,
    ...env,
  });
}

const baseUrlOf = (network: Network) => ({ x: x.baseUrl, bluesky: bsky.baseUrl, mastodon: mastodon.baseUrl })[network];
const byNetwork = (runs: NetworkRunSummary[]) => Object.fromEntries(runs.map((run) => [run.network, run])) as Record<Network, NetworkRunSummary>;
const storedPosts = (network: Network) => db.prepare('SELECT count(*) FROM posts WHERE network = ?').pluck().get(network) as number;

async function collect(env: Record<string, string>, signal?: AbortSignal) {
  const { log } = captureLogger();
  return byNetwork(await collectOnce(config(env), db, log, { refresh: 'none', retryPolicy: FAST, ...(signal ? { signal } : {}) }));
}

describe('request limits', () => {
  test.each<Network>(['x', 'bluesky', 'mastodon'])(
    'a %s reply dribbling one byte at a time misses its whole-exchange deadline while the other networks store their posts',
    async (network) => {
      const dribble = injectWireFault(baseUrlOf(network), { kind: 'dribble', intervalMs: 100 }, { path: SEARCH_PATH[network], times: 2 });
      const runs = await collect({ HTTP_REQUEST_TIMEOUT_SECONDS: '0.6' });
      expect(runs[network].status).toBe('failed');
      expect(runs[network].error).toContain('no complete answer within 0.6 s');
      // Both attempts (FAST allows two) dribbled, and the client hung up on them.
      expect(requestsTo(network)).toBe(2);
      expect((await dribble.firstOutcome()).clientHungUp).toBe(true);
      for (const other of (['x', 'bluesky', 'mastodon'] as const).filter((n) => n !== network)) {
        expect(runs[other].status).toBe('ok');
        expect(storedPosts(other)).toBe(3);
      }
      expect(storedPosts(network)).toBe(0);
    },
  );

  test.each<[Network, 'headers' | 'body']>([
    ['x', 'headers'],
    ['x', 'body'],
    ['bluesky', 'body'],
    ['mastodon', 'headers'],
  ])('a %s server that stalls before its %s is given up at the deadline and retried', async (network, phase) => {
    const stall = injectWireFault(baseUrlOf(network), { kind: 'stall', phase }, { path: SEARCH_PATH[network] });
    const runs = await collect({ HTTP_REQUEST_TIMEOUT_SECONDS: '0.5' });
    expect(runs[network].status).toBe('ok');
    expect(storedPosts(network)).toBe(3);
    expect((await stall.firstOutcome()).clientHungUp).toBe(true);
  });

  test.each<Network>(['x', 'bluesky', 'mastodon'])(
    'a %s body larger than HTTP_MAX_RESPONSE_MB fails that request without a retry and stores nothing from it',
    async (network) => {
      const huge = injectWireFault(baseUrlOf(network), { kind: 'huge-body', bytes: 3 * 1_048_576 }, { path: SEARCH_PATH[network], times: 5 });
      const runs = await collect({ HTTP_MAX_RESPONSE_MB: '1' });
      expect(runs[network].status).toBe('failed');
      expect(runs[network].error).toContain('larger than 1 MB');
      expect(huge.outcomes).toHaveLength(1);
      expect(storedPosts(network)).toBe(0);
      expect(runs[network === 'x' ? 'mastodon' : 'x'].status).toBe('ok');
    },
  );

  test('a body whose Content-Length is over the cap is refused before it is read', async () => {
    const huge = injectWireFault(mastodon.baseUrl, { kind: 'huge-body', bytes: 50 * 1_048_576, declareLength: true }, { path: SEARCH_PATH.mastodon });
    const runs = await collect({ HTTP_MAX_RESPONSE_MB: '1' });
    expect(runs.mastodon.error).toContain('larger than 1 MB');
    expect((await huge.firstOutcome()).bytesSent).toBeLessThan(50 * 1_048_576);
  });

  test('X counts a gzip body as decoded, so a small compressed answer that expands past the cap is refused', async () => {
    const bomb = injectWireFault(x.baseUrl, { kind: 'huge-body', bytes: 64 * 1_048_576 }, { path: SEARCH_PATH.x });
    const runs = await collect({ HTTP_MAX_RESPONSE_MB: '1' });
    expect(runs.x.error).toContain('larger than 1 MB');
    const outcome = await bomb.firstOutcome();
    expect(outcome.clientHungUp).toBe(true);
    expect(outcome.bytesSent).toBeLessThan(1_048_576);
  });

  test.each<Network>(['x', 'bluesky', 'mastodon'])('shutdown abandons a %s request that is still dribbling and records the run as interrupted', async (network) => {
    const dribble = injectWireFault(baseUrlOf(network), { kind: 'dribble', intervalMs: 1_000 }, { path: SEARCH_PATH[network] });
    const controller = new AbortController();
    const running = collect({ HTTP_REQUEST_TIMEOUT_SECONDS: '600' }, controller.signal);
    await waitFor(() => requestsTo(network) > 0);
    controller.abort();
    const runs = await running;
    expect(runs[network].status).toBe('interrupted');
    expect((await dribble.firstOutcome()).clientHungUp).toBe(true);
  });

  test('a network still busy at COLLECT_RUN_DEADLINE_MINUTES is stopped and fails with the deadline named, keeping the others', async () => {
    injectWireFault(bsky.baseUrl, { kind: 'dribble', intervalMs: 1_000 }, { path: SEARCH_PATH.bluesky });
    const runs = await collect({ HTTP_REQUEST_TIMEOUT_SECONDS: '600', COLLECT_RUN_DEADLINE_MINUTES: '0.02' });
    expect(runs.bluesky.status).toBe('failed');
    expect(runs.bluesky.error).toContain('deadline of 1.2 s (COLLECT_RUN_DEADLINE_MINUTES)');
    expect(runs.x.status).toBe('ok');
    expect(runs.mastodon.status).toBe('ok');
  });
});

function requestsTo(network: Network): number {
  if (network === 'x') return x.requests.filter((entry) => entry.path === SEARCH_PATH.x).length;
  if (network === 'bluesky') return bsky.requestsTo('app.bsky.feed.searchPosts').length;
  return mastodon.requests.filter((entry) => entry.path === SEARCH_PATH.mastodon).length;
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}
