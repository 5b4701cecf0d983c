// The `jobquality` command line in-process: what a person sees on stdout/stderr, and exit codes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSheet } from 'read-excel-file/node';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { FakeXServer } from '../../fakes/x/fake-x-server.js';
import { startFakeXForCli, type FakeXCli } from '../helpers/cli-in-process.js';
import { parseCsvObjects } from '../helpers/parse-csv.js';

const TOKEN = 'cli-test-token-secret';
let cli: FakeXCli;
let x: FakeXServer;
let dir: string;
const jobquality = (...args: string[]) => cli.jobquality(...args);

/** Spreadsheet times are fractions of a day; read back, they are exact to the second. */
const toSecond = (value: unknown) => new Date(Math.round((value as Date).getTime() / 1000) * 1000);

beforeEach(async () => {
  cli = await startFakeXForCli({ token: TOKEN, dirPrefix: 'jq-cli-', env: { LOG_LEVEL: 'debug' } });
  ({ x, dir } = cli);
});

afterEach(() => cli.stop());

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

  test('status shows counts, the last collection and the spend this month', async () => {
    x.addPost({ authorId: '100', text: 'One #jobquality', createdAt: new Date(Date.now() - 60_000) });
    await jobquality('collect', '--once');
    const result = await jobquality('status');
    expect(result.code).toBe(0);
    const line = result.out.split('\n').find((entry) => entry.startsWith('X '))!;
    expect(line).toMatch(/^X\s+collecting; last collected .+ \(just now\); 1 posts \(0 removed\) by 1 accounts; newest .+; this month 1 requests, 1 posts read, about \$0\.01$/);
    expect(result.out.split('\n').find((entry) => entry.startsWith('Bluesky '))).toMatch(/^Bluesky\s+not configured;/);
  });

  test('export writes CSV with a byte-order mark, engagements, post kind, display name and local time beside UTC', async () => {
    vi.stubEnv('TZ_REPORTS', 'Europe/Berlin');
    const awkward = 'He said "fix work", not workers,\nthen left #jobquality — ça va 👍';
    x.addPost({ authorId: '100', text: awkward, createdAt: new Date('2026-11-30T09:15:30.456Z'), metrics: { like: 7, retweet: 2, reply: 1 } });
    await jobquality('collect', '--once');

    const csvFile = join(dir, 'posts.csv');
    expect((await jobquality('export', 'posts', '--format', 'csv', '--out', csvFile)).code).toBe(0);
    const bytes = readFileSync(csvFile);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsvObjects(bytes.toString('utf8').slice(1));
    expect(records).toHaveLength(1);
    expect(Object.keys(records[0]!)).toEqual([
      'network', 'id', 'url', 'kind', 'author_username', 'author_display_name', 'author_followers', 'created_at', 'created_at_local',
      'text', 'likes', 'reposts', 'replies', 'quotes', 'bookmarks', 'impressions', 'engagements', 'hashtags',
    ]);
    expect(records[0]).toMatchObject({
      kind: 'original',
      author_display_name: 'Fair Work Org',
      created_at: '2026-11-30T09:15:30Z',
      created_at_local: '2026-11-30T10:15:30+01:00',
      text: awkward,
      likes: '7',
      engagements: '10',
    });

    const json = await jobquality('export', 'posts', '--format', 'json');
    const rows = JSON.parse(json.out) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ network: 'x', author_username: 'fairwork_org', author_followers: 1200, text: awkward, likes: 7, engagements: 10, hashtags: ['jobquality'] });
    expect(rows[0]!.created_at).toBe('2026-11-30T09:15:30Z');
  });

  test('export writes an xlsx workbook whose counts are numbers and whose times are dates', async () => {
    vi.stubEnv('TZ_REPORTS', 'America/New_York');
    x.addPost({ authorId: '100', text: 'Typed cells #jobquality', createdAt: new Date('2026-11-30T14:00:05Z'), metrics: { like: 12, quote: 3 } });
    await jobquality('collect', '--once');
    const file = join(dir, 'posts.xlsx');
    const result = await jobquality('export', 'posts', '--format', 'xlsx', '--out', file);
    expect(result.code).toBe(0);
    expect(result.err).toContain('Exported 1 posts');
    const [header, row] = await readSheet(readFileSync(file));
    expect(header).toContain('created_at_local (America/New_York)');
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('likes')).toBe(12);
    expect(cell('engagements')).toBe(15);
    expect(cell('author_followers')).toBe(1200);
    expect(cell('impressions')).toEqual(expect.any(Number));
    expect(toSecond(cell('created_at (UTC)'))).toEqual(new Date('2026-11-30T14:00:05Z'));
    // Spreadsheets have no time zones: the local column holds the wall-clock time New York showed.
    expect(toSecond(cell('created_at_local (America/New_York)'))).toEqual(new Date('2026-11-30T09:00:05Z'));
    expect(cell('id')).toEqual(expect.any(String));
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
