// Adoption tracking end to end: posts collected from the fake X API through the real collector are
// attributed to the shareables they used (by tagged link or by similar text), and the dashboard's
// /api/shareables answer shows them with how much they were edited, their engagements and reach.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { collectOnce } from '../../collector/collect-once.js';
import type { Db } from '../../db/connection.js';
import { purgeRemovedPost } from '../../db/posts.js';
import { createPostAttributionStep } from '../../shareables/attribute-collected-posts.js';
import { createShareablesLoader } from '../../shareables/campaign-shareables.js';
import { textWithoutLink } from '../../shareables/share-intents.js';
import type { FakeXServer } from '../../fakes/x/fake-x-server.js';
import { askJson } from '../helpers/ask-api.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { fakeXCollectionPerTest, type FakeXCollection } from '../helpers/fake-x-collection.js';
import { generatedPost as generated, sampleShareables as shareables } from '../helpers/sample-shareables.js';
import { testDashboard } from '../helpers/test-dashboard.js';

const TOKEN = 'adoption-test-token';
const FAST = { baseDelayMs: 5, maxDelayMs: 20 };
const MINUTE = 60_000;

const collection = fakeXCollectionPerTest({
  token: TOKEN,
  folderPrefix: 'jq-adoption-',
  users: [
    { id: '100', username: 'fairwork_org', name: 'Fair Work Org', followers: 1200 },
    { id: '200', username: 'shiftworker', name: 'Shift Worker', followers: 80 },
    { id: '300', username: 'carer_amara', name: 'Amara', followers: 45 },
  ],
});
let x: FakeXServer;
let db: Db;
let dir: string;
let config: FakeXCollection['config'];
beforeEach(() => {
  ({ x, db, folder: dir, config } = collection());
});

async function collectAndAttribute(step = createPostAttributionStep({ db, loadShareables: () => shareables, log: captureLogger().log })) {
  const runs = await collectOnce(config({ TZ_REPORTS: 'America/New_York' }), db, captureLogger().log, { refresh: 'none', retryPolicy: FAST });
  return { runs, outcome: await step.run() };
}

async function adoptionApi(query = ''): Promise<any> {
  const { app } = testDashboard({ db, hashtags: ['jobquality'], timeZone: 'America/New_York', enabledNetworks: ['x'], shareables });
  return askJson(app, `/api/shareables${query}`);
}

const attributedIds = () => db.prepare('SELECT p.network_id FROM post_shareables s JOIN posts p ON p.id = s.post_id ORDER BY p.network_id').pluck().all() as string[];
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * MINUTE);

describe('shareable adoption from collected posts', () => {
  test('a post carrying a shareable\'s tagged link is counted for it on X, used as written', async () => {
    const post = generated('northgate-bakery.spotlight', 'x');
    // The fake turns the link in the text into a t.co link and reports the tagged URL as expanded_url.
    x.addPost({ authorId: '100', text: post.text, urls: [{ expanded: post.link }], createdAt: minutesAgo(30), metrics: { like: 5, retweet: 2, reply: 1, quote: 3, bookmark: 4, impression: 900 } });

    const { outcome } = await collectAndAttribute();
    expect(outcome).toEqual({ examined: 1, attributed: 1 });

    const body = await adoptionApi();
    const entry = body.shareables.find((item: any) => item.id === 'northgate-bakery.spotlight');
    expect(entry).toMatchObject({
      title: 'Northgate Bakery',
      kind: 'exemplar',
      inContentFile: true,
      posts: 1,
      postsByMethod: { link: 1, text: 0 },
      edited: { mean: 0, median: 0 },
      // X engagements: likes + reposts + replies + quotes + bookmarks.
      engagements: 5 + 2 + 1 + 3 + 4,
      contributors: 1,
      potentialReach: 1200,
    });
    expect(entry.networks.find((figures: any) => figures.network === 'x')).toMatchObject({ posts: 1, engagements: 15, potentialReach: 1200 });
    expect(body.totals).toMatchObject({ posts: 1, used: 1 });
  });

  test('an edited copy without the link is matched by its text, and says how much was edited', async () => {
    const post = generated('riverside-care.voice', 'x');
    const edited = `So true! ${textWithoutLink(post)}`;
    x.addPost({ authorId: '300', text: edited, createdAt: minutesAgo(20), metrics: { like: 2 } });

    await collectAndAttribute();
    const entry = (await adoptionApi()).shareables.find((item: any) => item.id === 'riverside-care.voice');
    expect(entry).toMatchObject({ posts: 1, postsByMethod: { link: 0, text: 1 }, potentialReach: 45 });
    expect(entry.edited.median).toBeGreaterThan(0);
    expect(entry.edited.median).toBeLessThan(0.3);
  });

  test('an unrelated #jobquality post and a repost of a shareable are not attributed', async () => {
    const post = generated('northgate-bakery.spotlight', 'x');
    const original = x.addPost({ authorId: '100', text: post.text, urls: [{ expanded: post.link }], createdAt: minutesAgo(40) });
    x.addPost({ authorId: '200', text: 'Our union has been pushing for fair scheduling and better pay for care workers for years. #jobquality', createdAt: minutesAgo(30) });
    x.addPost({ authorId: '200', kind: 'repost', referencedId: original, text: `RT @fairwork_org: ${post.text}`, urls: [{ expanded: post.link }], createdAt: minutesAgo(10) });

    const { outcome } = await collectAndAttribute();
    expect(db.prepare('SELECT COUNT(*) FROM posts').pluck().get()).toBe(3);
    // The repost is passed over; the unrelated post is looked at and left alone.
    expect(outcome).toEqual({ examined: 2, attributed: 1 });
    expect(attributedIds()).toEqual([original]);
    expect((await adoptionApi()).totals.posts).toBe(1);
  });

  test('each collection examines only the posts collected since the last one', async () => {
    const step = createPostAttributionStep({ db, loadShareables: () => shareables, log: captureLogger().log });
    const first = generated('northgate-bakery.spotlight', 'x');
    x.addPost({ authorId: '100', text: first.text, urls: [{ expanded: first.link }], createdAt: minutesAgo(50) });
    expect((await collectAndAttribute(step)).outcome).toEqual({ examined: 1, attributed: 1 });

    const second = generated('riverside-care.voice', 'x');
    x.addPost({ authorId: '200', text: second.text, urls: [{ expanded: second.link }], createdAt: minutesAgo(5) });
    expect((await collectAndAttribute(step)).outcome).toEqual({ examined: 1, attributed: 1 });
    expect((await collectAndAttribute(step)).outcome).toEqual({ examined: 0, attributed: 0 });
    expect((await adoptionApi()).totals).toMatchObject({ posts: 2, used: 2 });
  });

  test('a post later removed by its network leaves the adoption figures with its other data', async () => {
    const post = generated('northgate-bakery.spotlight', 'x');
    const id = x.addPost({ authorId: '100', text: post.text, urls: [{ expanded: post.link }], createdAt: minutesAgo(30) });
    await collectAndAttribute();
    expect((await adoptionApi()).totals.posts).toBe(1);

    const rowId = db.prepare('SELECT id FROM posts WHERE network_id = ?').pluck().get(id) as number;
    purgeRemovedPost(db, rowId, 'deleted', Date.now());
    expect(attributedIds()).toEqual([]);
    expect((await adoptionApi()).totals.posts).toBe(0);
  });

  test('a broken content file does not stop collection: it is reported once and attribution waits', async () => {
    const broken = join(dir, 'content.yaml');
    writeFileSync(broken, 'campaign:\n  name: fixwork\nresources: [\n');
    const logs = captureLogger();
    const step = createPostAttributionStep({ db, loadShareables: createShareablesLoader({ file: broken, hashtags: ['jobquality'], log: logs.log }), log: logs.log });
    const post = generated('northgate-bakery.spotlight', 'x');
    x.addPost({ authorId: '100', text: post.text, urls: [{ expanded: post.link }], createdAt: minutesAgo(30) });

    const first = await collectAndAttribute(step);
    expect(first.runs[0]).toMatchObject({ network: 'x', status: 'ok', postsNew: 1 });
    expect(first.outcome).toBeNull();
    x.addPost({ authorId: '200', text: 'More #jobquality news', createdAt: minutesAgo(5) });
    const second = await collectAndAttribute(step);
    expect(second.runs[0]).toMatchObject({ status: 'ok', postsNew: 1 });
    expect(second.outcome).toBeNull();

    const warnings = logs.lines.map((line) => JSON.parse(line) as { level: number; msg: string; file?: string }).filter((line) => line.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toContain('content file cannot be used');
    expect(warnings[0]!.file).toBe(broken);
    expect(attributedIds()).toEqual([]);
    // Nothing was marked examined: once the file is fixed (and the process restarted) these posts are attributed.
    const fixed = createPostAttributionStep({ db, loadShareables: () => shareables, log: logs.log });
    expect(await fixed.run()).toEqual({ examined: 2, attributed: 1 });
  });
});
