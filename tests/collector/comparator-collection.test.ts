// Share of voice end to end on the fake networks: comparator hashtags are collected like the
// campaign's but stored apart, a post with both hashtags is the campaign's (and overlap), comparator
// counts follow the refresh schedule, and the share answers match a hand-computed campaign.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig, type Config } from '../../cli/config.js';
import { buildAdapters } from '../../collector/build-adapters.js';
import { collectOnce } from '../../collector/collect-once.js';
import { runCollection } from '../../collector/run-collection.js';
import { parseAccountMap } from '../../core/amplifier-accounts.js';
import { collectedNetworkIds } from '../../core/networks.js';
import { openDatabase, type Db } from '../../db/connection.js';
import type { CastMember } from '../../demo/campaign-cast.js';
import type { DemoPost } from '../../demo/campaign-simulation.js';
import { DemoNetworks } from '../../demo/demo-networks.js';
import { measureShareOfVoice } from '../../reports/share-of-voice/measure-share-of-voice.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { FAST_RETRY_POLICY } from '../helpers/run-context.js';

const HOUR = 3_600_000;
const CAST: CastMember[] = [
  { key: 'ana', name: 'Ana Ruiz', kind: 'person', activity: 1, accounts: { x: { username: 'AnaRuiz', followers: 3000 }, mastodon: { username: 'ana', followers: 2500, server: 0 } } },
  { key: 'bo', name: 'Bo Lind', kind: 'person', activity: 1, accounts: { x: { username: 'BoVoice', followers: 800 }, bluesky: { username: 'bo.bsky.social', followers: 5000 } } },
  { key: 'rival', name: 'Rival Org', kind: 'organisation', activity: 1, accounts: { x: { username: 'RivalOrg', followers: 10_000 }, bluesky: { username: 'rival.bsky.social', followers: 4000 } } },
];

let networks: DemoNetworks;
let dir: string;
let db: Db;
let config: Config;
const startedAt = Date.now();

function post(id: string, network: DemoPost['network'], member: string, text: string, counts: Partial<DemoPost['potential']>): DemoPost {
  const cast = CAST.find((entry) => entry.key === member)!;
  const account = cast.accounts[network]!;
  return {
    id,
    network,
    author: { key: member, name: cast.name, username: account.username, followers: account.followers, server: account.server ?? null },
    createdAtMs: startedAt - 30 * 60_000,
    kind: 'original',
    text,
    link: null,
    refersTo: null,
    federated: false,
    potential: { likes: 0, reposts: 0, replies: 0, quotes: 0, bookmarks: 0, impressions: 0, ...counts },
    // Counts are at their potential as soon as the post exists.
    growthMs: 1,
    deletedAtMs: null,
  };
}

const POSTS = [
  post('c1', 'x', 'ana', 'Decent work now #jobquality', { likes: 10, reposts: 2, replies: 1 }),
  post('c2', 'mastodon', 'ana', 'Good jobs, good lives #jobquality', { likes: 5, reposts: 1 }),
  post('c3', 'bluesky', 'bo', 'Shifts you can plan around #jobquality', { likes: 7, reposts: 1, replies: 2 }),
  post('both', 'x', 'bo', 'Fair pay is job quality #jobquality #fairpay', { likes: 4 }),
  post('f1', 'x', 'rival', 'Pay rises now #fairpay', { likes: 20, reposts: 5 }),
  post('f2', 'bluesky', 'rival', 'Raise the floor #fairpay', { likes: 8 }),
  post('f3', 'mastodon', 'ana', 'Also backing #fairpay', { likes: 3 }),
  post('other', 'x', 'rival', 'Nothing to do with either #weekend', { likes: 99 }),
];

beforeAll(async () => {
  networks = await DemoNetworks.start(CAST);
  networks.publish(POSTS, startedAt);
  dir = mkdtempSync(join(tmpdir(), 'jq-sov-'));
  db = openDatabase(join(dir, 'jq.db'));
  config = loadConfig({ ...networks.collectorEnv, JOBQUALITY_DB: join(dir, 'jq.db'), TRACK_HASHTAGS: 'jobquality', COMPARE_HASHTAGS: '#FairPay', REFRESH_SCHEDULE: '1h,1d' });
  const runs = await collectOnce(config, db, captureLogger().log, { refresh: 'due', retryPolicy: FAST_RETRY_POLICY });
  expect(runs.map((run) => run.status)).toEqual(['ok', 'ok', 'ok']);
});

afterAll(async () => {
  db.close();
  await networks.close();
  rmSync(dir, { recursive: true, force: true });
});

const texts = (sql: string) => (db.prepare(sql).all() as Array<{ v: string }>).map((row) => row.v).sort();
const week = { start: startedAt - 3 * 24 * HOUR, end: startedAt + HOUR };
const scope = { networks: collectedNetworkIds(), hashtag: null };

describe('comparator hashtags', () => {
  test("campaign posts (with the post carrying both hashtags) are the campaign's; comparator-only posts are kept apart", () => {
    expect(texts('SELECT text AS v FROM posts')).toEqual(
      ['Decent work now #jobquality', 'Good jobs, good lives #jobquality', 'Shifts you can plan around #jobquality', 'Fair pay is job quality #jobquality #fairpay'].sort(),
    );
    expect(texts('SELECT author_username AS v FROM comparator_posts')).toEqual(['RivalOrg', 'ana@' + new URL(networks.mastodon[0].baseUrl).host, 'rival.bsky.social'].sort());
    expect(texts("SELECT tags AS v FROM comparator_posts")).toEqual(['["fairpay"]', '["fairpay"]', '["fairpay"]']);
  });

  test('share of voice matches the hand-computed figures for posts, people and engagements', () => {
    const [fairpay] = measureShareOfVoice(db, { buckets: [week], scope, comparators: ['fairpay'], now: Date.now() });
    expect(fairpay!.total).toEqual({
      // X 10+2+1 and 4, Mastodon 5+1, Bluesky 7+1+2: 33 engagements over 4 posts by 4 accounts.
      campaign: { posts: 4, people: 4, engagements: 33 },
      // X 20+5, Bluesky 8, Mastodon 3.
      comparator: { posts: 3, people: 3, engagements: 36 },
      overlapPosts: 1,
      // Ana's Mastodon account posted on both sides: 6 accounts in all.
      share: { posts: 0.5714, people: 0.6667, engagements: 0.4783 },
    });
  });

  test("with the account map, one person's accounts are one person on both sides", () => {
    const map = parseAccountMap(
      `people:\n  - name: Ana Ruiz\n    x: AnaRuiz\n    mastodon: ana@${new URL(networks.mastodon[0].baseUrl).host}\n  - name: Bo Lind\n    x: bovoice\n    bluesky: bo.bsky.social\n`,
      'people.yaml',
    );
    const [fairpay] = measureShareOfVoice(db, { buckets: [week], scope, comparators: ['fairpay'], now: Date.now(), accountMap: map });
    // Campaign: Ana and Bo; comparator: Rival's two accounts and Ana: 4 people in all.
    expect(fairpay!.total).toMatchObject({ campaign: { people: 2 }, comparator: { people: 3 }, share: { people: 0.5 } });
  });

  test('comparator counts are re-read on the refresh schedule, and a deleted comparator post is dropped', async () => {
    const rival = POSTS.find((entry) => entry.id === 'f1')!;
    networks.updateCounts([{ ...rival, potential: { ...rival.potential, likes: 50 } }], Date.now());
    networks.remove([POSTS.find((entry) => entry.id === 'f2')!]);
    const later = () => Date.now() + 2 * HOUR;
    const selection = buildAdapters({ ...config, retryPolicy: FAST_RETRY_POLICY });
    await runCollection({ db, adapters: selection.adapters, hashtags: config.hashtags, comparatorHashtags: config.compareHashtags, refresh: 'due', refreshOffsetsMs: config.refreshOffsetsMs, log: captureLogger().log, now: later });
    const [fairpay] = measureShareOfVoice(db, { buckets: [week], scope, comparators: ['fairpay'], now: later() });
    // X 50+5 and Mastodon 3; Bluesky's post is gone.
    expect(fairpay!.total?.comparator).toEqual({ posts: 2, people: 2, engagements: 58 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM posts').get()).toEqual({ n: 4 });
  });
});
