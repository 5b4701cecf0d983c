// The collector as real processes: SIGTERM during a dribbling reply, deadlines, two collectors on
// one database (refused, waiting, crash takeover) and many processes starting on a new database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MIGRATIONS } from '../../db/migrations/index.js';
import { injectWireFault } from '../../fakes/fault-queue.js';
import { FakeMastodonServer } from '../../fakes/mastodon/fake-mastodon-server.js';
import { FakeXServer } from '../../fakes/x/fake-x-server.js';
import { buildCliBeforeAll, killLeftoverChildren } from '../helpers/cli-children.js';
import { runCli, spawnCli, type CliProcess } from '../helpers/cli-process.js';

const X_TOKEN = 'test-bearer-token';
const SEARCH = '/2/tweets/search/recent';
const MINUTE = 60_000;

let x: FakeXServer;
let mastodon: FakeMastodonServer;
let dir: string;
const children: CliProcess[] = [];

buildCliBeforeAll();

beforeEach(async () => {
  [x, mastodon] = await Promise.all([FakeXServer.start({ bearerToken: X_TOKEN }), FakeMastodonServer.start()]);
  x.addUser({ id: '100', username: 'fairwork_org', name: 'Fair Work Org', followers: 1200 });
  mastodon.addAccount({ username: 'ana', followers: 120 });
  for (let i = 0; i < 3; i += 1) {
    const createdAt = new Date(Date.now() - (10 - i) * MINUTE);
    x.addPost({ authorId: '100', text: `Fair pay matters, post ${i} #jobquality`, createdAt });
    mastodon.post({ account: 'ana', text: `Fair pay matters, post ${i} #jobquality`, createdAt });
  }
  dir = mkdtempSync(join(tmpdir(), 'jq-processes-'));
});

afterEach(async () => {
  killLeftoverChildren(children);
  await Promise.all([x.close(), mastodon.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    JOBQUALITY_DB: join(dir, 'jq.db'),
    X_BEARER_TOKEN: X_TOKEN,
    X_API_BASE_URL: x.baseUrl,
    MASTODON_INSTANCES: mastodon.baseUrl,
    // Never on its own during a test: only the run at start happens.
    COLLECT_CRON: '0 0 1 1 *',
    ...extra,
  };
}

function start(args: string[], extra: Record<string, string> = {}): CliProcess {
  const child = spawnCli(args, env(extra));
  children.push(child);
  return child;
}

const xSearches = () => x.requests.filter((entry) => entry.path === SEARCH).length;

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 25));
}

describe('collector processes', () => {
  test('the first SIGTERM stops `collect --once` while X dribbles its reply, and the run is recorded as interrupted', async () => {
    const dribble = injectWireFault(x.baseUrl, { kind: 'dribble', intervalMs: 2_000 }, { path: SEARCH });
    const collector = start(['collect', '--once'], { HTTP_REQUEST_TIMEOUT_SECONDS: '600' });
    // Mastodon finishes on its own while X is still stuck in its reply.
    await collector.waitForOutput('mastodon run ok');
    expect(xSearches()).toBe(1);
    collector.child.kill('SIGTERM');
    const result = await collector.exited;
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^x: interrupted/m);
    expect(result.stdout).toMatch(/^mastodon: ok, 3 new/m);
    const outcome = await dribble.firstOutcome();
    expect(outcome.clientHungUp).toBe(true);
  });

  test('a dribbling X reply misses its deadline in a real process while Mastodon is collected', async () => {
    injectWireFault(x.baseUrl, { kind: 'dribble', intervalMs: 200 }, { path: SEARCH, times: 10 });
    const result = await runCli(['collect', '--once'], env({ HTTP_REQUEST_TIMEOUT_SECONDS: '1', COLLECT_RUN_DEADLINE_MINUTES: '0.1' }));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^x: failed.*(no complete answer within 1 s|deadline of 6 s)/m);
    expect(result.stdout).toMatch(/^mastodon: ok, 3 new/m);
  });

  test('while X hangs on every request, the scheduled collector still runs Mastodon on later ticks', async () => {
    injectWireFault(x.baseUrl, { kind: 'dribble', intervalMs: 2_000 }, { path: SEARCH, times: 100 });
    // A tick every second; each X run is cut at its 1.8 s deadline, so ticks are never skipped for long.
    const collector = start(['collect'], { COLLECT_CRON: '* * * * * *', HTTP_REQUEST_TIMEOUT_SECONDS: '600', COLLECT_RUN_DEADLINE_MINUTES: '0.03' });
    await collector.waitForOutput(/x run failed[\s\S]*mastodon run ok[\s\S]*mastodon run ok/);
    expect(collector.stderr).toContain('deadline of 1.8 s (COLLECT_RUN_DEADLINE_MINUTES)');
    collector.child.kill('SIGTERM');
    expect((await collector.exited).code).toBe(0);
  });

  test('a second collector names the running one and exits with status 3 without making a request', async () => {
    const first = start(['collect']);
    await first.waitForOutput('collector scheduled');
    await first.waitForOutput('mastodon run ok');
    const requestsBefore = x.requests.length + mastodon.requests.length;
    const second = await runCli(['collect', '--once'], env());
    expect(second.code).toBe(3);
    expect(second.stderr).toContain(`another collector is already running on this database: pid ${first.child.pid} on `);
    expect(second.stderr).toContain('"jobquality collect"');
    expect(second.stderr).toContain('--wait');
    expect(x.requests.length + mastodon.requests.length).toBe(requestsBefore);
    const startSecond = await runCli(['start'], env({ PORT: '0' }));
    expect(startSecond.code).toBe(3);
  });

  test('with --wait the second collector starts once the first one stops', async () => {
    const first = start(['collect']);
    await first.waitForOutput('mastodon run ok');
    const second = start(['collect', '--once', '--wait']);
    await second.waitForOutput('waiting for it to finish');
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    const result = await second.exited;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^x: ok/m);
  });

  test('a collector killed with SIGKILL leaves a lease the next collector takes over at once', async () => {
    const first = start(['collect']);
    await first.waitForOutput('mastodon run ok');
    first.child.kill('SIGKILL');
    await first.exited;
    const next = await runCli(['collect', '--once'], env());
    expect(next.code).toBe(0);
    expect(next.stderr).toContain(`took over the collector lease of pid ${first.child.pid}`);
  });

  test('eight processes starting at once on a new database all succeed and migrate it once', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => runCli(['status', '--json'], env())));
    for (const result of results) expect(result.stderr).not.toContain('already exists');
    expect(results.map((result) => result.code)).toEqual(new Array(8).fill(0));
    const db = new Database(join(dir, 'jq.db'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
