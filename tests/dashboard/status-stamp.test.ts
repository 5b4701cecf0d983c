// The status's `dataStamp`, which the app's minute refresh compares to decide whether to ask for the
// views again: it moves when anything a view reads changes (a collection another process commits, a
// share click, a stored alert, a weekly report, other content on a restart) and stays put on a
// plain re-read. And `signInRequired`, which says only whether staff sign in, never the token.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { StatusResponse } from '../../dashboard/contract/index.js';
import type { DashboardServerOptions } from '../../dashboard/server/server.js';
import { insertAlert, markAlertDelivered } from '../../db/alerts.js';
import type { Db } from '../../db/connection.js';
import { storeCollectedPost, upsertAuthor } from '../../db/posts.js';
import { finishRun, startRun } from '../../db/runs.js';
import { BAKERY, loadSampleShareables } from '../helpers/sample-shareables.js';
import { makePost } from '../helpers/posts.js';
import { postsSurgeAlert } from '../helpers/sample-alert.js';
import type { SeededDatabase } from '../helpers/seed-database.js';
import { seedsClosedAfterEachTest } from '../helpers/seeds-per-test.js';
import { testDashboard } from '../helpers/test-dashboard.js';

const HOUR = 3_600_000;
const TOKEN = 'status-stamp-token-5f0a9c';
const seeds = seedsClosedAfterEachTest();

/** A dashboard over `seed` with the sample shareables (so share clicks count); returns a status reader. */
function statusOf(seed: SeededDatabase, options: Partial<DashboardServerOptions> = {}): () => Promise<StatusResponse> {
  const { app } = testDashboard({ db: seed.db, hashtags: seed.hashtags, timeZone: seed.timeZone, now: () => seed.now, shareables: loadSampleShareables(seed.hashtags), ...options });
  return async () => (await (await app.request('/api/status')).json()) as StatusResponse;
}

/** One collection of one network as the collector commits it: a run, a page of one new post, the run's end. */
function commitCollection(db: Db, now: number, id: string): void {
  const runId = startRun(db, 'mastodon', now);
  const post = makePost(id, { network: 'mastodon', createdAt: now - HOUR, url: `https://mastodon.social/@ada/${id}` });
  db.transaction(() => storeCollectedPost(db, { post, authorId: upsertAuthor(db, 'mastodon', post.author, now), matchedHashtags: ['jobquality'], now, nextRefreshAt: null }))();
  finishRun(db, runId, { status: 'ok', now: now + 1_000 });
}

describe('status data stamp', () => {
  test('reading the status again, with the clock moved on, leaves the stamp as it was', async () => {
    const seed = seeds.inMemory({ days: 3 });
    let now = seed.now;
    const { app } = testDashboard({ db: seed.db, hashtags: seed.hashtags, timeZone: seed.timeZone, now: () => now });
    const read = async () => ((await (await app.request('/api/status')).json()) as StatusResponse).dataStamp;
    const first = await read();
    // Views asked in between are only read, never written.
    expect((await app.request('/api/summary')).status).toBe(200);
    now += 10 * 60_000;
    expect(await read()).toBe(first);
  });

  test('a collection committed by another process moves the stamp', async () => {
    const { seed, openAnotherConnection } = seeds.inFile({ days: 3 });
    const status = statusOf(seed);
    const before = (await status()).dataStamp;
    commitCollection(openAnotherConnection(), seed.now, 'stamp-1');
    const after = (await status()).dataStamp;
    expect(after).not.toBe(before);
    expect(after).toBe((await status()).dataStamp);
  });

  test('a share click on the action page moves the stamp, though no post was collected', async () => {
    const seed = seeds.inMemory({ days: 3 });
    const { app } = testDashboard({ db: seed.db, hashtags: seed.hashtags, timeZone: seed.timeZone, now: () => seed.now, shareables: loadSampleShareables(seed.hashtags) });
    const status = async () => (await (await app.request('/api/status')).json()) as StatusResponse;
    const before = await status();
    expect((await app.request(`/s/${BAKERY}/x`)).status).toBe(302);
    const after = await status();
    expect(after.dataStamp).not.toBe(before.dataStamp);
    // What the old comparison looked at stayed the same: the click shows only through the stamp.
    expect(after.networks.map((one) => [one.posts, one.lastRun])).toEqual(before.networks.map((one) => [one.posts, one.lastRun]));
  });

  test('an alert stored, and later delivered, moves the stamp each time', async () => {
    const seed = seeds.inMemory({ days: 3 });
    const status = statusOf(seed);
    const first = (await status()).dataStamp;
    insertAlert(seed.db, postsSurgeAlert(Math.floor((seed.now - 2 * HOUR) / HOUR) * HOUR));
    const stored = (await status()).dataStamp;
    expect(stored).not.toBe(first);
    const [alert] = seed.db.prepare('SELECT id FROM alerts').pluck().all() as number[];
    markAlertDelivered(seed.db, alert!, seed.now);
    expect((await status()).dataStamp).not.toBe(stored);
  });

  test('a weekly report written to the reports folder moves the stamp', async () => {
    const seed = seeds.inMemory({ days: 3 });
    const reportsDir = mkdtempSync(join(tmpdir(), 'jq-stamp-reports-'));
    try {
      const status = statusOf(seed, { reportsDir });
      const before = (await status()).dataStamp;
      writeFileSync(join(reportsDir, '2026-W44.html'), '<!doctype html><title>W44</title>');
      expect((await status()).dataStamp).not.toBe(before);
    } finally {
      rmSync(reportsDir, { recursive: true, force: true });
    }
  });

  test('a restart with a moment added to the content file gives another stamp over the same data', async () => {
    const seed = seeds.inMemory({ days: 3 });
    const sample = loadSampleShareables(seed.hashtags);
    const moment = { at: new Date(seed.now - 2 * HOUR).toISOString(), what: 'Launch of the care report', network: 'all' };
    const withMoment = { ...sample, content: { ...sample.content, moments: [...sample.content.moments, moment] } };
    const before = (await statusOf(seed, { shareables: sample })()).dataStamp;
    expect((await statusOf(seed, { shareables: sample })()).dataStamp).toBe(before);
    expect((await statusOf(seed, { shareables: withMoment })()).dataStamp).not.toBe(before);
  });
});

describe('status sign-in flag', () => {
  test('says whether staff sign in, and nothing of the token', async () => {
    const seed = seeds.inMemory({ days: 1 });
    const guarded = testDashboard({ db: seed.db, hashtags: seed.hashtags, timeZone: seed.timeZone, now: () => seed.now, accessToken: TOKEN });
    const response = await guarded.app.request('/api/status', { headers: { Authorization: `Bearer ${TOKEN}` } });
    const body = await response.text();
    expect((JSON.parse(body) as StatusResponse).signInRequired).toBe(true);
    expect(body).not.toContain(TOKEN);
    expect((await statusOf(seed)()).signInRequired).toBe(false);
  });
});
