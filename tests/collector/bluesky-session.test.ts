// The Bluesky session kept between runs and processes: separate `collect --once` processes log in
// once, a refused session is refreshed (or, refused again, replaced by one login), the session file is
// owner-only, and no secret (app password, session tokens, Mastodon tokens) reaches a log, the
// database, an export, an API answer, a report or `status`.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { CollectedPage, NetworkAdapter } from '../../collector/adapter.js';
import { RateLimitedError } from '../../collector/errors.js';
import { createBlueskyAdapter, type BlueskyAdapterOptions } from '../../collector/networks/bluesky/bluesky-adapter.js';
import { main } from '../../cli/main.js';
import { openDatabase } from '../../db/connection.js';
import { createDashboardServer } from '../../dashboard/server/server.js';
import { FakeBlueskyServer, type FakeBlueskyServerOptions } from '../../fakes/bluesky/fake-bluesky-server.js';
import { FakeMastodonServer } from '../../fakes/mastodon/fake-mastodon-server.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { captureProcessOutput } from '../helpers/capture-output.js';
import { createTestRunContext, FAST_RETRY_POLICY, type TestRunContext } from '../helpers/run-context.js';

const HANDLE = 'tracker.bsky.social';
const APP_PASSWORD = 'abcd-efgh-ijkl-mnop';
const MASTODON_SECRET = 'mastodon-closed-server-token-5150';
const MINUTE = 60_000;
const LOGIN = 'com.atproto.server.createSession';
const REFRESH = 'com.atproto.server.refreshSession';

let bsky: FakeBlueskyServer;
let dir: string;

async function startFake(options: FakeBlueskyServerOptions = {}): Promise<void> {
  bsky = await FakeBlueskyServer.start(options);
  bsky.addAccount({ handle: HANDLE, appPasswords: [APP_PASSWORD] });
  bsky.addAccount({ handle: 'ana.bsky.social', displayName: 'Ana', followers: 120 });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jq-bsky-session-'));
  await startFake();
});

afterEach(async () => {
  await bsky.close();
  rmSync(dir, { recursive: true, force: true });
});

function addPosts(n: number, newestMinutesAgo = 2): string[] {
  return Array.from({ length: n }, (_, i) =>
    bsky.addPost({ author: 'ana.bsky.social', text: `Good jobs, post ${i} #jobquality`, createdAt: new Date(Date.now() - (newestMinutesAgo + i) * MINUTE) }),
  );
}

/** A new adapter, as a new process would build: nothing shared with earlier ones but the session file. */
function freshAdapter(options: Partial<BlueskyAdapterOptions> = {}): NetworkAdapter {
  return createBlueskyAdapter({ service: bsky.baseUrl, handle: HANDLE, appPassword: APP_PASSWORD, retryPolicy: FAST_RETRY_POLICY, sessionFile: join(dir, 'bluesky-session.json'), ...options });
}

async function collect(adapter: NetworkAdapter, ctx: TestRunContext, afterPage?: (page: CollectedPage) => void): Promise<{ posts: number; error: unknown }> {
  let posts = 0;
  try {
    for await (const page of adapter.collect(ctx)) {
      ctx.commit(page);
      posts += page.posts.length;
      afterPage?.(page);
    }
  } catch (error) {
    return { posts, error };
  }
  return { posts, error: null };
}

/** Everything secret the fake handed out, plus the app password. */
function secrets(name = 'bluesky-session.json'): string[] {
  const file = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { accessJwt: string; refreshJwt: string };
  return [APP_PASSWORD, file.accessJwt, file.refreshJwt];
}

describe('Bluesky session kept between runs', () => {
  test('three runs by separate adapters, as separate processes would be, make one login', async () => {
    addPosts(5);
    const runs = [createTestRunContext(), createTestRunContext(), createTestRunContext()];
    for (const ctx of runs) expect((await collect(freshAdapter(), ctx)).error).toBeNull();
    expect(bsky.logins).toBe(1);
    expect(bsky.requestsTo(LOGIN)).toHaveLength(1);
  });

  test('without a session file every run logs in, so the entryway\'s daily login limit locks the account out', async () => {
    await bsky.close();
    await startFake({ loginLimits: { perDay: 2 } });
    addPosts(3);
    const outcomes = [];
    for (let run = 0; run < 3; run += 1) outcomes.push((await collect(freshAdapter({ sessionFile: null }), createTestRunContext())).error);
    expect(outcomes.slice(0, 2)).toEqual([null, null]);
    expect(outcomes[2]).toBeInstanceOf(RateLimitedError);
    expect((outcomes[2] as Error).message).toMatch(/rate limit reached; it resets at/);
  });

  test('the session file is owner-only, holds the session tokens but never the app password, and is replaced when tokens rotate', async () => {
    await bsky.close();
    await startFake({ accessTokenUses: 2 });
    addPosts(5);
    await collect(freshAdapter(), createTestRunContext());
    const file = join(dir, 'bluesky-session.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const first = readFileSync(file, 'utf8');
    expect(first).not.toContain(APP_PASSWORD);
    expect(JSON.parse(first)).toMatchObject({ service: bsky.baseUrl, handle: HANDLE, did: expect.stringMatching(/^did:plc:/) });
    // The stored access token is spent: the next run refreshes instead of logging in, and stores the new pair.
    const ctx = createTestRunContext();
    expect((await collect(freshAdapter(), ctx)).error).toBeNull();
    expect(bsky.logins).toBe(1);
    expect(bsky.requestsTo(REFRESH).filter((entry) => entry.status === 200).length).toBeGreaterThanOrEqual(1);
    const second = readFileSync(file, 'utf8');
    expect(JSON.parse(second).refreshJwt).not.toBe(JSON.parse(first).refreshJwt);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['bluesky-session.json']);
    const logs = ctx.logLines.join('\n');
    for (const secret of [APP_PASSWORD, JSON.parse(first).accessJwt, JSON.parse(first).refreshJwt, JSON.parse(second).refreshJwt]) expect(logs).not.toContain(secret);
  });

  test('a stored session the service refuses altogether leads to one new login, not a failed run', async () => {
    addPosts(3);
    await collect(freshAdapter(), createTestRunContext());
    bsky.expireTokens('all');
    const { error } = await collect(freshAdapter(), createTestRunContext());
    expect(error).toBeNull();
    expect(bsky.logins).toBe(2);
    // And that new session is the one the following run uses.
    await collect(freshAdapter(), createTestRunContext());
    expect(bsky.logins).toBe(2);
  });

  test('when another process already renewed the session, its stored tokens are used instead of a second refresh or a login', async () => {
    addPosts(3);
    await collect(freshAdapter(), createTestRunContext());
    const longRunning = freshAdapter();
    await collect(longRunning, createTestRunContext());
    bsky.expireTokens('access');
    // A cron `collect --once` renews the session while `start` holds the old one in memory.
    await collect(freshAdapter(), createTestRunContext());
    expect(bsky.requestsTo(REFRESH).filter((entry) => entry.status === 200)).toHaveLength(1);
    const { error } = await collect(longRunning, createTestRunContext());
    expect(error).toBeNull();
    expect(bsky.requestsTo(REFRESH)).toHaveLength(1);
    expect(bsky.logins).toBe(1);
  });

  test('a session file with loose permissions is tightened to owner-only, and one in another shape is replaced by a login', async () => {
    addPosts(2);
    const file = join(dir, 'bluesky-session.json');
    writeFileSync(file, 'not json', { mode: 0o644 });
    const ctx = createTestRunContext();
    expect((await collect(freshAdapter(), ctx)).error).toBeNull();
    expect(ctx.logLines.join('\n')).toContain('readable by other users');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(bsky.logins).toBe(1);
    expect(JSON.parse(readFileSync(file, 'utf8')).handle).toBe(HANDLE);
  });
});

describe('jobquality collect --once with Bluesky and a closed Mastodon server', () => {
  let mastodon: FakeMastodonServer;
  let out: string[];
  let err: string[];

  beforeEach(async () => {
    mastodon = await FakeMastodonServer.start({ requireAuth: true, accessTokens: [MASTODON_SECRET] });
    mastodon.addAccount({ username: 'ana', followers: 40 });
    vi.stubEnv('JOBQUALITY_DB', join(dir, 'jq.db'));
    vi.stubEnv('REPORTS_DIR', join(dir, 'reports'));
    vi.stubEnv('X_BEARER_TOKEN', '');
    vi.stubEnv('BLUESKY_HANDLE', HANDLE);
    vi.stubEnv('BLUESKY_APP_PASSWORD', APP_PASSWORD);
    vi.stubEnv('BLUESKY_SERVICE', bsky.baseUrl);
    vi.stubEnv('MASTODON_INSTANCES', mastodon.baseUrl);
    vi.stubEnv('MASTODON_TOKENS', `${mastodon.host}=${MASTODON_SECRET}`);
    vi.stubEnv('LOG_LEVEL', 'debug');
    vi.stubEnv('LOG_FORMAT', 'json');
    ({ out, err } = captureProcessOutput());
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    process.exitCode = undefined;
    await mastodon.close();
  });

  test('three runs make one login, and no secret reaches the output, logs, database, exports, status, reports or API answers', async () => {
    addPosts(4);
    mastodon.post({ account: 'ana', text: 'Fair rotas #jobquality', createdAt: new Date(Date.now() - MINUTE) });
    for (let run = 0; run < 3; run += 1) expect(await main(['collect', '--once', '--refresh', 'all'])).toBe(0);
    expect(bsky.logins).toBe(1);
    expect(out.join('')).toContain('bluesky: ok, 4 new');
    expect(out.join('')).toContain('mastodon: ok, 1 new');
    // Beside the database, named after it.
    expect(statSync(join(dir, 'jq.bluesky-session.json')).mode & 0o777).toBe(0o600);

    expect(await main(['status', '--json'])).toBe(0);
    expect(await main(['export', 'posts', '--format', 'json', '--out', join(dir, 'posts.json')])).toBe(0);
    expect(await main(['export', 'posts', '--format', 'csv', '--out', join(dir, 'posts.csv')])).toBe(0);
    expect(await main(['report', 'weekly', '--out', join(dir, 'reports')])).toBe(0);

    const db = openDatabase(join(dir, 'jq.db'));
    const answers: string[] = [];
    try {
      const { app } = createDashboardServer({ db, hashtags: ['jobquality'], timeZone: 'America/New_York', staticDir: null, reportsDir: join(dir, 'reports'), log: captureLogger().log, enabledNetworks: ['bluesky', 'mastodon'], demo: false });
      for (const path of ['/api/status', '/api/coverage', '/api/top-posts', '/api/posts.csv', '/api/summary', '/api/reports']) {
        const response = await app.request(path);
        expect(response.status, path).toBe(200);
        answers.push(await response.text());
      }
    } finally {
      db.close();
    }
    const written = [
      out.join(''),
      err.join(''),
      ...answers,
      readFileSync(join(dir, 'jq.db')).toString('latin1'),
      ...readdirSync(dir)
        .filter((name) => name.startsWith('jq.db-'))
        .map((name) => readFileSync(join(dir, name)).toString('latin1')),
      readFileSync(join(dir, 'posts.json'), 'utf8'),
      readFileSync(join(dir, 'posts.csv'), 'utf8'),
      ...readdirSync(join(dir, 'reports')).map((name) => readFileSync(join(dir, 'reports', name), 'utf8')),
    ].join('\n');
    expect(written).toContain('Good jobs, post 0');
    // The debug log was captured too, so the check below covers it.
    expect(err.join('')).toContain('bluesky run ok');
    for (const secret of [...secrets('jq.bluesky-session.json'), MASTODON_SECRET]) expect(written).not.toContain(secret);
  });
});
