// `npm run demo` end to end, in-process: the fake networks play the campaign, the real collector
// stores it, and the dashboard's JSON API shows it with the demo flag on. The campaign is moved on
// by calling its tick, not by waiting a minute.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { readSheet } from 'read-excel-file/node';
import { main } from '../../cli/main.js';
import { collectOnce } from '../../collector/collect-once.js';
import type { DemoNetwork } from '../../demo/campaign-cast.js';
import { BACKLOG_MS } from '../../demo/campaign-simulation.js';
import { demoCommandLine, demoCommands } from '../../demo/demo-commands.js';
import { demoWelcome } from '../../demo/demo-welcome.js';
import { startDemo, type RunningDemo } from '../../demo/start-demo.js';
import { weekContaining, lastCompleteWeek } from '../../reports/iso-week.js';
import { captureProcessOutput } from '../helpers/capture-output.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const NETWORKS: DemoNetwork[] = ['x', 'bluesky', 'mastodon'];
/** A schedule that does not fire during a test (midnight on 1 January), so only the test collects after the first run. */
const QUIET_CRON = '0 0 1 1 *';
/** A demo test starts four fake servers, collects its earlier weeks and a week, writes two reports and checks their posts: on two shared cores that can take a while. */
const DEMO_TEST_TIMEOUT = 120_000;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface StatusAnswer {
  demo: boolean;
  networks: Array<{ network: string; enabled: boolean; lastRun: { status: string; finishedAt: string | null } | null }>;
}
interface NetworksAnswer {
  networks: Array<{ network: string; posts: number; engagements: number }>;
}
interface SummaryAnswer {
  current: { posts: { total: number }; engagements: number; contributors: number };
}

let dir: string;
let demo: RunningDemo | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jq-demo-'));
});

afterEach(async () => {
  await demo?.stop();
  demo = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${demo!.url}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

describe('npm run demo', () => {
  test('shows posts from all three networks with the demo banner on, and counts grow as the campaign moves on', async () => {
    // The backlog spans BACKLOG_MS (7 days less 30 minutes) before this: ending it 20 minutes ago keeps
    // its oldest X posts 10 minutes inside X's 7-day search window when the demo, after collecting its
    // earlier weeks, first searches (ending it 30 minutes ago put them on the edge, and one could drop out).
    const backlogEndsAt = Date.now() - 20 * MINUTE;
    demo = await startDemo({
      databaseFile: join(dir, 'demo.db'),
      reportsDir: join(dir, 'reports'),
      host: '127.0.0.1',
      port: 0,
      collectCron: QUIET_CRON,
      backlogEndsAt,
      liveTicks: false,
      logLevel: 'silent',
    });
    // The week the fakes serve (the earlier weeks the demo collected before it are not the simulation's).
    const range = `from=${new Date(backlogEndsAt - BACKLOG_MS).toISOString()}&to=${new Date(Date.now() + 60 * MINUTE).toISOString()}`;
    const livePosts = (network?: DemoNetwork) => demo!.simulation.livePosts().filter((post) => !network || post.network === network).length;

    // The first collection runs at start; wait until every network has finished it.
    await expect
      .poll(async () => (await getJson<StatusAnswer>('/api/status')).networks.map((entry) => entry.lastRun?.status ?? 'none'), { timeout: 20_000, interval: 200 })
      .toEqual(['ok', 'ok', 'ok']);
    // The reports written after the first collection run their own check against the fakes; let them finish.
    await demo.reportsWritten;
    const status = await getJson<StatusAnswer>('/api/status');
    expect(status.demo).toBe(true);
    expect(status.networks.every((entry) => entry.enabled)).toBe(true);

    // Every simulated post arrived, each network's on its own line; a Mastodon status that both
    // fake servers hold is counted once.
    const first = await getJson<NetworksAnswer>(`/api/networks?${range}`);
    for (const network of NETWORKS) {
      const row = first.networks.find((entry) => entry.network === network)!;
      expect(row.posts, network).toBe(livePosts(network));
      expect(row.engagements, network).toBeGreaterThan(0);
    }
    const federated = demo.simulation.livePosts().filter((post) => post.network === 'mastodon' && post.federated).length;
    expect(federated).toBeGreaterThan(0);
    const before = await getJson<SummaryAnswer>(`/api/summary?${range}`);
    expect(before.current.posts.total).toBe(livePosts());

    // Half an hour of campaign happens at once, then the collector runs again and re-reads every post.
    const step = demo.tick();
    expect(step.published.length).toBeGreaterThan(0);
    await collectOnce(demo.runtime.config, demo.runtime.db(), demo.runtime.log, { refresh: 'all' });

    const after = await getJson<SummaryAnswer>(`/api/summary?${range}`);
    expect(after.current.posts.total).toBe(livePosts());
    expect(after.current.posts.total).toBe(before.current.posts.total + step.published.length - step.deleted.length);
    expect(after.current.engagements).toBeGreaterThan(before.current.engagements);
    const second = await getJson<NetworksAnswer>(`/api/networks?${range}`);
    for (const network of NETWORKS) {
      const grown = second.networks.find((entry) => entry.network === network)!.engagements;
      expect(grown, network).toBeGreaterThan(first.networks.find((entry) => entry.network === network)!.engagements);
    }

    await demo.stop();
    demo = undefined;
  }, DEMO_TEST_TIMEOUT);

  test('on its first run it has weekly reports at once, the adoption panel shows supporters using the ready-made posts, and its suggested commands read its database', async () => {
    const reportsDir = join(dir, 'reports');
    const databaseFile = join(dir, 'demo.db');
    demo = await startDemo({ databaseFile, reportsDir, port: 0, collectCron: QUIET_CRON, liveTicks: false, logLevel: 'silent', timeZone: 'America/New_York' });
    const files = await demo.reportsWritten;
    const now = Date.now();
    const thisWeek = weekContaining(now, 'America/New_York').label;
    const lastWeek = lastCompleteWeek(now, 'America/New_York').label;
    expect(files.map((file) => relative(reportsDir, file)).sort()).toEqual(
      [`${lastWeek}.html`, `${lastWeek}.json`, `${lastWeek}.md`, `${thisWeek}.html`, `${thisWeek}.json`, `${thisWeek}.md`].sort(),
    );
    const listed = await getJson<{ reports: Array<{ week: string }> }>('/api/reports');
    expect(listed.reports.map((entry) => entry.week)).toEqual([thisWeek, lastWeek]);
    const weekToDate = JSON.parse(readFileSync(join(reportsDir, `${thisWeek}.json`), 'utf8'));
    expect(weekToDate.week.complete).toBe(false);
    // The demo's networks answer the existence check, so its top posts are quoted as confirmed.
    const lastWeekReport = JSON.parse(readFileSync(join(reportsDir, `${lastWeek}.json`), 'utf8'));
    expect(lastWeekReport.topPosts.length).toBeGreaterThan(0);
    expect(lastWeekReport.topPosts.every((post: { existence: string }) => post.existence === 'confirmed')).toBe(true);

    // Simulated supporters posted the action page's ready-made posts, and collection attributed them.
    const range = `from=${new Date(now - 8 * DAY).toISOString()}&to=${new Date(now + 60 * MINUTE).toISOString()}`;
    const adoption = await getJson<{ totals: { posts: number; used: number } }>(`/api/shareables?${range}`);
    expect(adoption.totals.posts).toBeGreaterThan(0);
    expect(adoption.totals.used).toBeGreaterThan(1);
    expect(lastWeekReport.shareables.status).toBe('tracked');
    expect(lastWeekReport.shareables.posts).toBeGreaterThan(0);

    // Every suggested command names the demo's database and reads its posts (the earlier weeks' too).
    const posts = (await getJson<SummaryAnswer>(`/api/summary?from=2000-01-01&to=${new Date(now + 60 * MINUTE).toISOString()}`)).current.posts.total;
    expect(posts).toBeGreaterThan(demo.simulation.livePosts().length);
    for (const command of demoCommands()) {
      const line = demoCommandLine(command, databaseFile, reportsDir);
      expect(line).toContain(`JOBQUALITY_DB=${databaseFile}`);
      const env = Object.fromEntries([...line.matchAll(/(\w+)=(\S+)/g)].filter((match) => /^[A-Z_]+$/.test(match[1]!)).map((match) => [match[1]!, match[2]!]));
      for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
      vi.stubEnv('LOG_LEVEL', 'silent');
      const output = captureProcessOutput();
      try {
        // Files the commands write go to the test's folder rather than the working directory.
        expect(await main(command.args.map((arg) => (arg.startsWith('demo-posts.') ? join(dir, arg) : arg))), line).toBe(0);
      } finally {
        vi.restoreAllMocks();
        vi.unstubAllEnvs();
      }
      if (command.args[0] === 'status') expect(output.out.join('')).toContain(databaseFile);
      if (command.args.includes('xlsx')) expect(await readSheet(readFileSync(join(dir, 'demo-posts.xlsx')))).toHaveLength(1 + posts);
    }
  }, DEMO_TEST_TIMEOUT);

  test('starts from a fresh database each time, so a restart shows only the campaign it plays', async () => {
    const options = { databaseFile: join(dir, 'demo.db'), reportsDir: join(dir, 'reports'), port: 0, collectCron: QUIET_CRON, liveTicks: false, logLevel: 'silent' };
    const startedAt = Date.now();
    const range = `from=${new Date(startedAt - BACKLOG_MS).toISOString()}&to=${new Date(startedAt + 60 * MINUTE).toISOString()}`;
    const postsShown = async () => {
      await expect
        .poll(async () => (await getJson<StatusAnswer>('/api/status')).networks.every((entry) => entry.lastRun?.status === 'ok'), { timeout: 20_000, interval: 200 })
        .toBe(true);
      return (await getJson<SummaryAnswer>(`/api/summary?${range}`)).current.posts.total;
    };
    demo = await startDemo({ ...options, seed: 1, backlogEndsAt: startedAt });
    expect(await postsShown()).toBe(demo.simulation.livePosts().length);
    await demo.stop();

    demo = await startDemo({ ...options, seed: 2, backlogEndsAt: startedAt });
    expect(await postsShown()).toBe(demo.simulation.livePosts().length);
  }, DEMO_TEST_TIMEOUT);

  test('with DASHBOARD_TOKEN set, the demo asks for it as the dashboard does, and its start-up message says to sign in', async () => {
    const token = 'demo-staff-token-0123456789';
    demo = await startDemo({ databaseFile: join(dir, 'demo.db'), reportsDir: join(dir, 'reports'), port: 0, dashboardToken: token, collectCron: QUIET_CRON, liveTicks: false, logLevel: 'silent' });
    const refused = await fetch(`${demo.url}/api/status`);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    expect((await fetch(`${demo.url}/api/status`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const message = demoWelcome({ url: demo.url, signInRequired: demo.runtime.config.access.token !== null, database: 'data/demo.db', reports: 'data/demo-reports', week: '2026-W49' });
    expect(message).toContain('Sign in with the DASHBOARD_TOKEN');
    expect(message).not.toContain(token);
  }, DEMO_TEST_TIMEOUT);

  test('without a token its start-up message says the dashboard is open, to this machine only', () => {
    const message = demoWelcome({ url: 'http://127.0.0.1:8080', signInRequired: false, database: 'data/demo.db', reports: 'data/demo-reports', week: '2026-W49' });
    expect(message).toContain('No sign-in: the dashboard is open to anyone on this machine (loopback only)');
    expect(message).toContain('open http://127.0.0.1:8080/');
  });

  test('never loads the reference fixtures that only the fakes’ own tests use, so the built demo needs no test data', () => {
    // Walks the demo's static imports from its entry point: none may reach a checker or the reference helper.
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const match of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
        visit(resolve(dirname(file), match[1]!.replace(/\.js$/, '.ts')));
      }
    };
    visit(join(ROOT, 'demo/run-demo.ts'));
    const reached = [...seen].map((file) => relative(ROOT, file));
    expect(reached).toContain('fakes/x/fake-x-server.ts');
    expect(reached.filter((file) => /^tests\/|checker|reference/.test(file))).toEqual([]);
    for (const file of seen) expect(readFileSync(file, 'utf8'), relative(ROOT, file)).not.toMatch(/fixtures\/reference/);
  });
});
