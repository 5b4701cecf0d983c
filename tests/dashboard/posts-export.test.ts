// The posts downloads on a real listening server: a large CSV streams while other requests are
// answered, a client that hangs up mid-download is not logged as an error, and the .xlsx download
// carries typed numbers and dates, cut short with a note and a header pointing to the CSV when a range is too big.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../db/connection.js';
import { storeCollectedPost, upsertAuthor } from '../../db/posts.js';
import type { RunningServer } from '../../dashboard/server/server.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { parseCsv } from '../helpers/parse-csv.js';
import { makePost, reading } from '../helpers/posts.js';
import { testDashboard } from '../helpers/test-dashboard.js';

const POSTS = 20_000;
/** Several megabytes through a real socket on a shared 2-core machine can take a while; no test asserts a duration. */
const SLOW_TEST_TIMEOUT = 120_000;
const START = Date.parse('2026-11-02T05:00:00Z');
let db: Db;
let server: RunningServer;
let logged: ReturnType<typeof captureLogger>;

/** A large campaign: 20,000 posts over a week, long enough texts that the CSV is several megabytes. */
function seedLargeCampaign(target: Db): void {
  target.transaction(() => {
    for (let i = 0; i < POSTS; i += 1) {
      const post = makePost(String(1_000_000 + i), {
        network: i % 2 === 0 ? 'x' : 'mastodon',
        createdAt: START + i * 30_000,
        text: `Post ${i}: good jobs need predictable schedules, living wages and a real say at work — ça compte 👍 #jobquality`,
        metrics: reading({ likes: i % 50, reposts: i % 7, replies: i % 3, impressions: i % 2 === 0 ? 1_000 + i : null }),
      });
      const authorId = upsertAuthor(target, post.network, post.author, START);
      storeCollectedPost(target, { post, authorId, matchedHashtags: ['jobquality'], now: START, nextRefreshAt: null });
    }
  })();
}

/** Starts a GET and resolves with the response as soon as its headers arrive. */
function get(path: string): Promise<IncomingMessage> {
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => httpRequest(url, resolve).on('error', reject).end());
}

async function readAll(response: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Spreadsheet times are fractions of a day; read back, they are exact to the second. */
const toSecond = (value: unknown) => new Date(Math.round((value as Date).getTime() / 1000) * 1000);

beforeAll(async () => {
  db = openDatabase(':memory:');
  seedLargeCampaign(db);
  logged = captureLogger('debug');
  const dashboard = testDashboard({ db, hashtags: ['jobquality'], timeZone: 'America/New_York', log: logged.log, enabledNetworks: ['x', 'mastodon'], now: () => Date.parse('2026-11-12T12:00:00Z') });
  server = await dashboard.listen('127.0.0.1', 0);
});

afterAll(async () => {
  await server.close();
  db.close();
});

const WEEK = '/api/posts.csv?from=2026-11-02&to=2026-11-09';

describe('posts downloads on a running server', () => {
  test('/healthz and the API answer while a large CSV download is still in progress', async () => {
    const download = await get(WEEK);
    expect(download.statusCode).toBe(200);
    const chunks: Buffer[] = [];
    let downloadEnded = false;
    const whole = new Promise<void>((resolve) => {
      download.on('data', (chunk: Buffer) => chunks.push(chunk));
      download.on('end', () => {
        downloadEnded = true;
        resolve();
      });
    });
    await new Promise((resolve) => download.once('data', resolve));

    const health = await get('/healthz');
    const healthBody = JSON.parse((await readAll(health)).toString('utf8')) as { ok: boolean };
    expect(healthBody.ok).toBe(true);
    const networks = await get('/api/networks?from=2026-11-02&to=2026-11-09');
    expect(networks.statusCode).toBe(200);
    await readAll(networks);
    expect(downloadEnded).toBe(false);

    await whole;
    const rows = parseCsv(Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, ''));
    expect(rows).toHaveLength(1 + POSTS);
    expect(new Set(rows.slice(1).map((row) => row[1])).size).toBe(POSTS);
  }, SLOW_TEST_TIMEOUT);

  test('a client that disconnects part-way is logged at debug level, never as an error, and the server carries on', async () => {
    const before = logged.lines.length;
    const download = await get(WEEK);
    await new Promise((resolve) => download.once('data', resolve));
    const closed = new Promise((resolve) => download.once('close', resolve));
    download.destroy();
    await closed;
    // The server notices on its next write; wait until it has said so.
    for (let i = 0; i < 200 && !logged.lines.slice(before).some((line) => line.includes('closed the connection')); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const lines = logged.lines.slice(before).map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(lines.some((line) => line.level === 20 && line.msg.includes('closed the connection'))).toBe(true);
    expect(lines.filter((line) => line.level >= 40)).toEqual([]);
    expect((await get('/healthz')).statusCode).toBe(200);
  });

  test('the xlsx download holds the same posts with numbers as numbers and times as dates', async () => {
    const response = await get('/api/posts.xlsx?from=2026-11-02&to=2026-11-02&network=x');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe('attachment; filename="jobquality-posts-2026-11-02-to-2026-11-02.xlsx"');
    expect(response.headers['x-export-truncated']).toBeUndefined();
    const [header, ...rows] = await readSheet(await readAll(response));
    // 2 Nov 00:00 to 3 Nov 00:00 in New York: 24 h of posts every 30 s, every other one on X.
    expect(rows).toHaveLength(24 * 60);
    const column = (name: string) => header!.indexOf(name);
    const first = rows[0]!;
    expect(first[column('network')]).toBe('x');
    expect(first[column('likes')]).toBe(0);
    expect(first[column('impressions')]).toBe(1_000);
    expect(toSecond(first[column('created_at (UTC)')])).toEqual(new Date(START));
    expect(toSecond(first[column('created_at_local (America/New_York)')])).toEqual(new Date('2026-11-02T00:00:00Z'));
    const tenth = rows[10]!;
    expect(tenth[column('engagements')]).toBe((20 % 50) + (20 % 7) + (20 % 3));
  });

  test('an xlsx download of more posts than a workbook is built for holds the oldest 10,000 and says so in a note row and a header pointing to the CSV', async () => {
    const response = await get(WEEK.replace('posts.csv', 'posts.xlsx'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-export-truncated']).toBe('10000 of 20000 posts');
    expect(response.headers.link).toBe(`<${WEEK}>; rel="alternate"; type="text/csv"`);
    const [note, header, ...rows] = await readSheet(await readAll(response));
    expect(note![0]).toBe(`Truncated: the oldest 10,000 of 20,000 posts in this range. The CSV download has all of them: ${WEEK}`);
    expect(header![1]).toBe('id');
    expect(rows).toHaveLength(10_000);
    expect(rows.map((row) => row[1])).toEqual(Array.from({ length: 10_000 }, (_, i) => String(1_000_000 + i)));
  }, SLOW_TEST_TIMEOUT);
});
