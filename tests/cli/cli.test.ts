// The `jobquality` command line in-process: what a person sees on stdout/stderr, and exit codes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { main } from '../../cli/main.js';
import { FakeXServer } from '../fakes/x/fake-x-server.js';
import { captureProcessOutput } from '../helpers/capture-output.js';

const TOKEN = 'cli-test-token-secret';
let x: FakeXServer;
let dir: string;
let stdout: string[];
let stderr: string[];

async function jobquality(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  stdout.length = 0;
  stderr.length = 0;
  const code = await main(args);
  return { code, out: stdout.join(''), err: stderr.join('') };
}

beforeEach(async () => {
  x = await FakeXServer.start({ bearerToken: TOKEN });
  x.addUser({ id: '100', username: 'fairwork_org', name: 'Fair Work Org', followers: 1200 });
  dir = mkdtempSync(join(tmpdir(), 'jq-cli-'));
  vi.stubEnv('JOBQUALITY_DB', join(dir, 'jq.db'));
  vi.stubEnv('X_BEARER_TOKEN', TOKEN);
  vi.stubEnv('X_API_BASE_URL', x.baseUrl);
  vi.stubEnv('MASTODON_INSTANCES', '');
  vi.stubEnv('BLUESKY_HANDLE', '');
  vi.stubEnv('LOG_LEVEL', 'debug');
  ({ out: stdout, err: stderr } = captureProcessOutput());
});

afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
  await x.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('jobquality CLI', () => {
  test('collect --once prints a summary line per network and exits 0', async () => {
    x.addPost({ authorId: '100', text: 'Fix work, not workers #jobquality', createdAt: new Date(Date.now() - 60_000) });
    const result = await jobquality('collect', '--once');
    expect(result.code).toBe(0);
    expect(result.out).toContain('x: ok, 1 new, 0 updated, 0 removed, 1 requests, 1 posts read');
    expect(result.out).toContain('bluesky: skipped');
  });

  test('collect --once exits non-zero when a network fails, without printing the token', async () => {
    vi.stubEnv('X_BEARER_TOKEN', 'not-the-right-token-xyz');
    const result = await jobquality('collect', '--once');
    expect(result.code).toBe(1);
    expect(result.out).toContain('x: failed');
    expect(result.out + result.err).not.toContain('not-the-right-token-xyz');
  });

  test('a bad configuration value stops the command with a message naming the variable', async () => {
    vi.stubEnv('COLLECT_CRON', 'sometimes');
    const result = await jobquality('collect', '--once');
    expect(result.code).toBe(2);
    expect(result.err).toContain('COLLECT_CRON is not a valid cron expression');
  });

  test('status shows counts, the last run and the spend this month', async () => {
    x.addPost({ authorId: '100', text: 'One #jobquality', createdAt: new Date(Date.now() - 60_000) });
    await jobquality('collect', '--once');
    const result = await jobquality('status');
    expect(result.code).toBe(0);
    expect(result.out).toContain('posts: 1 live, 0 removed, 1 authors');
    expect(result.out).toMatch(/run \S+ ok: 1 new/);
    expect(result.out).toContain('this month: 1 requests, 1 posts read, estimated spend $0.01');
  });

  test('export writes RFC 4180 CSV with awkward text intact and JSON with nulls for unreported counts', async () => {
    const awkward = 'He said "fix work", not workers,\nthen left #jobquality';
    x.addPost({ authorId: '100', text: awkward, createdAt: new Date(Date.now() - 60_000), metrics: { like: 7 } });
    await jobquality('collect', '--once');

    const csvFile = join(dir, 'posts.csv');
    expect((await jobquality('export', 'posts', '--format', 'csv', '--out', csvFile)).code).toBe(0);
    const csv = readFileSync(csvFile, 'utf8');
    const [header, ...rest] = csv.split('\r\n');
    expect(header).toBe('network,id,url,author_username,author_followers,created_at,text,likes,reposts,replies,quotes,bookmarks,impressions,hashtags');
    expect(rest.join('\r\n')).toContain(`"He said ""fix work"", not workers,\nthen left #jobquality"`);

    const json = await jobquality('export', 'posts', '--format', 'json');
    const rows = JSON.parse(json.out) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ network: 'x', author_username: 'fairwork_org', author_followers: 1200, text: awkward, likes: 7, hashtags: ['jobquality'] });
    expect(rows[0]!.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  test('export defuses post text that a spreadsheet would run as a formula', async () => {
    x.addPost({ authorId: '100', text: '=HYPERLINK("http://evil.example","click") #jobquality', createdAt: new Date(Date.now() - 60_000) });
    await jobquality('collect', '--once');
    const csvFile = join(dir, 'posts.csv');
    await jobquality('export', 'posts', '--format', 'csv', '--out', csvFile);
    expect(readFileSync(csvFile, 'utf8')).toContain(`"'=HYPERLINK(""http://evil.example"",""click"") #jobquality"`);
  });

  test('export rejects a date it cannot read and says what it expects', async () => {
    const result = await jobquality('export', 'posts', '--since', 'last tuesday');
    expect(result.code).not.toBe(0);
    expect(result.err).toContain('--since must be an ISO-8601 date');
  });
});
